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
activation, said in words), so these values confirm and never refute. They are not among the
document's definitions for the first judgement at all: a step left unread without a counterexample
whose names reach an instance is judged again with the instances put in, and made ``ok`` where it
then holds (:func:`confirm_layer_readings`); any other verdict of that reading leaves the first. So no
verdict but an unread one can change (an earlier version added the instances to the definitions and
held every ``wrong`` that reached one, which kept older findings from being found).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "LayerInstance",
    "LayerLabel",
    "confirm_layer_readings",
    "layer_instances",
    "parse_label",
    "read_layer_instances",
]

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
    return [moved for moved, _ in _instances(definitions, math, steps)]


def _instances(definitions: list[Any], math: str, steps: Iterable[str]) -> list[tuple[Any, Any]]:
    """(instance, the definition it was read from), as :func:`layer_instances` finds them."""
    defined = {_key(d.name) for d in definitions}
    out: list[tuple[Any, Any]] = []
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
            out.append((replace(d, name=name, rhs=value), d))
            if len(out) >= _MOST:
                return out
    return out


def _key(name: str) -> tuple[str, str]:
    """(base, label) of a canonical name: a family and its numbered entries are one name here."""
    parts = _NAME.fullmatch(name)
    return (parts.group("base"), re.sub(r"\s+", "", parts.group("label") or "")) if parts else (name, "")


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


@dataclass(frozen=True)
class LayerInstance:
    """A definition read at another layer (doc_definitions.Definition) and its two readings."""

    definition: Any
    origin: Any  # the definition it was read from, at the document's own layer letter
    scalar: Any  # (letters, Normalized), as DocumentDefinitions.scalar holds a value
    typed: Any  # a typed node, or None where the matrix reader does not take it


def read_layer_instances(document: Any, equations: list[Any], notation: Any) -> list[LayerInstance]:
    """The layer instances of a DocumentDefinitions' definitions, read as it reads a value; the
    document itself is left as it is (the instances only confirm, in a second reading)."""
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.tex_tokens import Unreadable
    from derive.checks.latex.typed import parse_typed

    math = " ".join(e.text for e in equations)
    found = _instances(document.defs, math, notation.labels.get("(*)", ()))
    scoped = replace(notation, sum_takes_index_terms=True)  # as DocumentDefinitions reads a value
    kept = []
    for d, origin in found:
        scalar = normalize(d.rhs, notation if d.letters else scoped)
        typed = None
        if not d.letters:
            try:
                typed = parse_typed(d.rhs, notation)
            except Unreadable:
                pass
        if scalar.problems and typed is None:
            continue  # a value neither reader takes (A^{(k)} = [ones(N, 1)  a^{(k)}]) would read nothing
        kept.append(LayerInstance(d, origin, (d.letters, scalar), typed))
    return kept


#: steps judged again with the instances, per document at most (each is one more judgement)
_MOST_CONFIRMED = 40

_WHY = (
    "{message}; reading {names} as the definition of {origins} at that layer (every layer of the same form,"
    " which the document does not state: a step that fails so is not judged)"
)


def confirm_layer_readings(judged: list[Any], context: Any, notation: Any, again: Any) -> list[Any]:
    """``judged`` (StepResults) with each step left unparsed or inconclusive without a counterexample,
    whose names reach a layer instance written before it (``context.layer_instances``), judged again
    (``again``, a rejudge.Rejudge) with the instances put in: ``ok`` where it then holds, else as it was."""
    instances = getattr(context, "layer_instances", ())
    if not instances:
        return judged
    document = context.document
    by_key = {_key(i.definition.name): i for i in instances}
    values = {**document.scalar, **{i.definition.name: i.scalar for i in instances}}
    tasks, where, why = [], [], []
    for k, result in enumerate(judged):
        step = result.step
        if result.status not in ("unparsed", "inconclusive") or result.counterexample is not None:
            continue
        at = (step.line, step.column)
        usable = [
            by_key[key] for key in step_reach(step, notation, values)
            if key in by_key and (by_key[key].definition.line, by_key[key].definition.column) < at
        ]
        if not usable:
            continue
        typed, scalar = document.for_step(step.line, step.column, step.rhs)
        added = [i for i in usable if i.definition.name not in scalar]
        if not added:
            continue
        scalar = {**scalar, **{i.definition.name: i.scalar for i in added}}
        typed_added = {i.definition.name: i.typed for i in added if i.typed is not None}
        typed = {**typed, **{name: value for name, value in typed_added.items() if name not in typed}}
        tasks.append((step, (typed, scalar)))
        where.append(k)
        names = ", ".join(sorted(i.definition.name for i in added))
        origins = ", ".join(sorted({i.origin.name for i in added}))
        why.append(_WHY.replace("{names}", names).replace("{origins}", origins))
        if len(tasks) >= _MOST_CONFIRMED:
            break
    return again.confirm(judged, tasks, where, why)


def step_reach(step: Any, notation: Any, values: dict[str, tuple[str, Any]]) -> set[tuple[str, str]]:
    """(base, label) of the names a step writes (and differentiates by) and all their values reach."""
    from derive.checks.latex.normalize import normalize

    names: set[str] = set()
    for side in (step.lhs, step.rhs):
        norm = normalize(side, notation)
        names |= set(norm.symbol_names) | {v for v in norm.derivatives.values() if isinstance(v, str)}
    return reached_keys(names, values)
