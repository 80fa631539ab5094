r"""A definition for every layer, read at the layer a step writes.

Backpropagation notes define a layer once, at a layer letter: ``z^l_j = \sum_k w^l_{jk} a^{l-1}_k +
b^l_j`` (Nielsen), ``z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}``, and then differentiate at the last
layer or the next one: ``\frac{\partial C}{\partial b^L_j} = \frac{\partial C}{\partial
z^L_j}\frac{\partial z^L_j}{\partial b^L_j} = \frac{\partial C}{\partial z^L_j}``. For the reader
z^L_j is the same definition at l = L; for the checker it was a name without a value, and the step
stayed unread ("of something that, as written, does not contain b^L_j").

Here each definition whose name carries a generic layer label (l or ℓ, bare or in braces, or a
letter the document writes as a bracketed step on two names, ``(k)``; see doc_labels; never L, the
last layer, whose value is often of another form) is read
again at each other label the document writes on the same letter: ``(L)``, ``L``, ``l+1``,
``(L-1)``, a number in brackets ``(2)``. Every layer label of the value moves with it (``a^{l-1}``
becomes ``a^{L-1}``). Not where the document gives that name a value itself, where the value
writes the layer letter outside a label (``\sum_{k=1}^{n_{l-1}}``: a size per layer), or a bare
label would become a number (``a^{1}`` is a power).

That every layer has the same form is the reader's inference (the output layer may use another
activation, said in words), so these values confirm and never refute: a ``wrong`` step that reaches
one of them (through the document's definitions) is held (:func:`hold_layer_readings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

__all__ = ["LayerLabel", "hold_layer_readings", "layer_instances", "parse_label"]

#: a label: a letter or a number, perhaps the layer before or after it, perhaps in brackets
_LABEL = re.compile(r"(?P<open>[(\[]?)(?P<at>\\ell|[A-Za-z]|\d+)(?:(?P<sign>[+-])(?P<by>\d+))?(?P<close>[)\]]?)")
#: a canonical name's parts: base, subscript, label (as unstated_dependence._NAME)
_NAME = re.compile(r"(?P<base>\\?[A-Za-z]+(?:\{[A-Za-z]\})?)(?P<sub>_\{[^{}]*\})?(?:\^\{(?P<label>[^{}]*)\})?")
#: a script in LaTeX: ^x, ^\ell, ^{…} (one level of braces); a subscript moves only as a layer's size
#: (N_{l-1}, n_l: the size of the layer before), when all of it is a label at the letter
_SUPERSCRIPT = re.compile(r"(?P<mark>[\^_])\s*(?:\{(?P<braced>[^{}]*)\}|(?P<single>\\ell(?![A-Za-z])|[A-Za-z0-9]))")
#: the letters of "layer l", any layer (L is the last one)
_GENERIC = ("l", r"\ell")
#: instances per document at most (each is one more value every step's reader carries)
_MOST = 40


@dataclass(frozen=True)
class LayerLabel:
    """A label such as ``(l-1)``: its brackets, its letter or number, and its offset."""

    brackets: str  # "()", "[]" or ""
    at: str  # the letter (l, L, \ell, k) or the number
    offset: int = 0

    def moved(self, to: LayerLabel, base: LayerLabel) -> LayerLabel | None:
        """This label of a value defined at ``base``, read at ``to`` (l-1 of a value at l, read at
        L: L-1); None where a bare label would be a number (a power)."""
        offset = self.offset + to.offset - base.offset
        if to.at.isdigit():
            number = int(to.at) + offset
            return None if number < 0 or not self.brackets else LayerLabel(self.brackets, str(number))
        return LayerLabel(self.brackets, to.at, offset)

    def text(self) -> str:
        shift = f"{'+' if self.offset > 0 else '-'}{abs(self.offset)}" if self.offset else ""
        inner = f"{self.at}{shift}"
        return f"{self.brackets[:1]}{inner}{self.brackets[1:]}" if self.brackets else inner


def parse_label(text: str) -> LayerLabel | None:
    """``(l-1)`` → LayerLabel("()", "l", -1); None for anything else (a word, a transpose)."""
    m = _LABEL.fullmatch(re.sub(r"\s+", "", text))
    if m is None or (m.group("open") + m.group("close")) not in ("", "()", "[]"):
        return None
    offset = int(m.group("by") or 0) * (-1 if m.group("sign") == "-" else 1)
    return LayerLabel(m.group("open") + m.group("close"), m.group("at"), offset)


def _generic(label: LayerLabel | None, steps: Iterable[str]) -> bool:
    """Is this a definition's generic layer letter (l, ℓ; or a bracketed step letter such as (k))?
    Not L: the last layer, whose value is often of another form (a softmax where the layers below
    have a sigmoid), so a definition at L is that layer's alone; nor a number."""
    if label is None or label.at.isdigit() or label.at == "L" or label.offset:
        return False
    return label.at in _GENERIC or (label.brackets == "()" and label.at in set(steps))


def _labels_written(text: str, base: str) -> set[str]:
    """The superscripts the document writes on ``base`` (after its subscript, or before it)."""
    escaped = re.escape(base) + (r"(?![A-Za-z])" if base[-1].isalpha() else "")
    sub = r"(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)?"
    script = r"\^\s*(?:\{(?P<braced>[^{}]*)\}|(?P<single>\\ell(?![A-Za-z])|[A-Za-z0-9]))"
    pattern = rf"(?<![A-Za-z\\]){escaped}\s*{sub}{script}"
    return {re.sub(r"\s+", "", m.group("braced") or m.group("single")) for m in re.finditer(pattern, text)}


def _moved_value(rhs: str, base: LayerLabel, to: LayerLabel) -> str | None:
    """The value with every label at the definition's letter moved (a^{l-1} → a^{L-1}); None when
    the letter is also written outside a label (a size n_l, a sum's bound) or a label cannot move."""
    failed = False

    def move(m: re.Match[str]) -> str:
        nonlocal failed
        if not at_letter(m):
            return m.group(0)
        label = parse_label(m.group("braced") if m.group("braced") is not None else m.group("single"))
        moved = label.moved(to, base) if label else None
        if moved is None or (m.group("mark") == "_" and moved.at.isdigit()):
            failed = True  # a bare label at a number is a power; a size at a number is an entry
            return m.group(0)
        return m.group("mark") + "{" + moved.text() + "}"

    def at_letter(m: re.Match[str]) -> bool:
        if m.group("mark") == "_" and re.search(r"\\(?:sum|prod|max|min)\s*$", rhs[: m.start()]):
            return False  # \sum_l: the letter is a sum's index here, not the layer
        label = parse_label(m.group("braced") if m.group("braced") is not None else m.group("single"))
        return label is not None and label.at == base.at

    out = _SUPERSCRIPT.sub(move, rhs)
    rest = _SUPERSCRIPT.sub(lambda m: " " if at_letter(m) else m.group(0), rhs)  # what is left of the letter
    letter = re.escape(base.at) + (r"(?![A-Za-z])" if base.at[-1].isalpha() else "")
    if failed or re.search(rf"(?<![A-Za-z\\]){letter}", rest):
        return None
    return out


def layer_instances(definitions: list[Any], math: str, steps: Iterable[str] = ()) -> list[Any]:
    """For each definition at a layer letter (``definitions``: doc_definitions.Definition), the same
    definition at each other label the document (``math``) writes on its name, where the document
    does not define that name itself; at the original's place, so they hold where it holds."""
    defined = {_key(d.name) for d in definitions}
    out: list[Any] = []
    for d in definitions:
        parts = _NAME.fullmatch(d.name)
        base_label = parse_label(parts.group("label")) if parts and parts.group("label") else None
        if parts is None or not _generic(base_label, steps):
            continue
        for written in sorted(_labels_written(math, parts.group("base"))):
            to = parse_label(written)
            if to is None or to == base_label or (to.brackets and to.brackets != base_label.brackets):
                continue
            label = base_label.moved(to, base_label)
            name = f"{parts.group('base')}{parts.group('sub') or ''}^{{{label.text()}}}" if label else None
            value = _moved_value(d.rhs, base_label, to) if name else None
            if name is None or value is None or _key(name) in defined:
                continue
            defined.add(_key(name))
            out.append(replace(d, name=name, rhs=value))
            if len(out) >= _MOST:
                return out
    return out


def _key(name: str) -> tuple[str, str]:
    """(base, label) of a canonical name: a family and its numbered entries are one name here."""
    parts = _NAME.fullmatch(name)
    return (parts.group("base"), re.sub(r"\s+", "", parts.group("label") or "")) if parts else (name, "")


def instance_keys(instances: Iterable[Any]) -> frozenset[tuple[str, str]]:
    return frozenset(_key(d.name) for d in instances)


def reached_keys(names: Iterable[str], values: dict[str, tuple[str, Any]]) -> set[tuple[str, str]]:
    """(base, label) of the names and of every name their values reach (``values``: name →
    (letters, Normalized), a DocumentDefinitions.scalar)."""
    by_key: dict[tuple[str, str], set[str]] = {}
    for name, (_, value) in values.items():
        by_key.setdefault(_key(name), set()).update(getattr(value, "symbol_names", ()) or ())
    seen: set[tuple[str, str]] = set()
    stack = [_key(n) for n in names]
    while stack:
        key = stack.pop()
        if key in seen:
            continue
        seen.add(key)
        stack.extend(_key(n) for n in by_key.get(key, ()))
    return seen


def hold_layer_readings(
    judged: list[Any], context: Any, notation: Any, reach: Any = None, again: Any = None
) -> list[Any]:
    """``judged`` (StepResults) with each ``wrong`` step that reaches a layer instance held (``context``:
    a DocumentContext, its layer_keys and definitions), unless, judged again (``again``, a
    rejudge.Rejudge) without the instances, it is still wrong; ``reach(step)`` gives the (base, label)
    pairs the step's names reach (by default :func:`step_reach` through the document's definitions)."""
    keys = context.layer_keys
    if not keys:
        return judged
    values = context.document.scalar
    reach = reach or (lambda step: step_reach(step, notation, values))
    held = [k for k, r in enumerate(judged) if r.status == "wrong" and keys & reach(r.step)]
    stands = _wrong_without(judged, held, context.document, keys, again) if again is not None else set()
    out = list(judged)
    for k in held:
        if k not in stands:
            why = "; but a value of one layer is read at another here (every layer of the same form)"
            out[k] = judged[k].held(judged[k].message + why + ", which the document does not state")
    return out


def _wrong_without(judged: list[Any], held: list[int], document: Any, keys: frozenset, again: Any) -> set[int]:
    """Of the steps ``held`` would hold, those judged wrong again without any layer instance (the
    names keep the values the document writes, or none): their refutation does not rest on the
    reading (a^{(l)} = σ(z^{(l)}) at its own layer, z^{(l)} reaching the instance a^{(l-1)})."""
    tasks = []
    for k in held:
        step = judged[k].step
        typed, scalar = document.for_step(step.line, step.column, step.rhs)
        typed = {n: v for n, v in typed.items() if _key(n) not in keys}
        scalar = {n: v for n, v in scalar.items() if _key(n) not in keys}
        tasks.append((step, (typed, scalar)))
    verdicts = again.run(tasks) if tasks else []
    return {k for k, v in zip(held, verdicts, strict=True) if v["status"] == "wrong"}


def add_layer_instances(document: Any, equations: list[Any], notation: Any) -> frozenset[tuple[str, str]]:
    """Add the layer instances of a DocumentDefinitions' definitions to it (its definitions, their
    scalar and typed values, where each name is first defined); their (base, label) pairs."""
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.tex_tokens import Unreadable
    from derive.checks.latex.typed import parse_typed

    math = " ".join(e.text for e in equations)
    found = layer_instances(document.defs, math, notation.labels.get("(*)", ()))
    scoped = replace(notation, sum_takes_index_terms=True)  # as DocumentDefinitions reads a value
    kept = []
    for d in found:
        scalar = normalize(d.rhs, notation if d.letters else scoped)
        typed = None
        if not d.letters:
            try:
                typed = parse_typed(d.rhs, notation)
            except Unreadable:
                pass
        if scalar.problems and typed is None:
            # a value neither reader takes (A^{(k)} = [ones(N, 1)  a^{(k)}]) would only make the other
            # layers' names "defined in a form not read", where they were read as unknowns before
            continue
        document.scalar[d.name] = (d.letters, scalar)
        if typed is not None:
            document.typed[d.name] = typed
        document.first_at.setdefault(d.name, (d.line, d.column))
        kept.append(d)
    # before the original at the same place: a note on the definition's own step names the original
    document.defs = sorted([*kept, *document.defs], key=lambda d: (d.line, d.column))
    return instance_keys(kept)


def step_reach(step: Any, notation: Any, values: dict[str, tuple[str, Any]]) -> set[tuple[str, str]]:
    """(base, label) of the names a step writes (and differentiates by) and all their values reach."""
    from derive.checks.latex.normalize import normalize

    names: set[str] = set()
    for side in (step.lhs, step.rhs):
        norm = normalize(side, notation)
        names |= set(norm.symbol_names) | {v for v in norm.derivatives.values() if isinstance(v, str)}
    return reached_keys(names, values)
