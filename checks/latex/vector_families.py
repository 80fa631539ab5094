r"""Per-example vectors: ``x_i`` as the i-th of n vectors, not the i-th entry of one vector x.

Logistic- and softmax-regression derivations write their data as a family of vectors
(``\frac{1}{n}\sum_i \log(1 + \exp(-y_i(b + x_i^T w))) + \lambda w^T w``, ``\theta^T x^{(i)}``,
``\mathbf{x}_n``). Without a declaration (``x_i \in \mathbb{R}^d``) the matrix reader takes ``x_i``
for an entry of a vector x, and a sum over i past x's size is out of range. A name with an example
index that the document transposes (``x_i^T``, ``x^T_i``, ``x^{(i)\top}``) or puts right after a
transposed vector (``w^T x_i``, ``\theta^{(k)T} x^{(i)}``) is read here as one of a family of
vectors of size d; the labels y_i and the weights stay as the shape inference reads them (labels
beside a sum up to a size the notation fixes, m, are the m entries of one vector). The document's
per-example definitions (``\hat{p}_i = \sigma(w^T x_i)``, ``\mu_i(w, b) = …``) are put in for their
names, which the matrix reader otherwise leaves to the scalar judge.

Rule one: a reading the document does not state confirms only. Steps left unread are judged again
with the family sampled as vectors (several sizes d, several n, by the tensor judge), and made
``ok`` where they then hold; any other verdict leaves the first. An identity that holds for vectors
of every size holds for the size the document has in mind (d = 1, entries, included). A step is
refuted only where the document itself declares the family (doc_definitions.find_declarations),
on the paths that already read declarations.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed

__all__ = ["confirm_vector_families", "family_sizes", "vector_families"]

# a transpose mark: ^T, ^{T}, ^\top, ^{\top}, ^\intercal, ^\mathsf{T}, ^\mathrm{T}
_T = r"(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})"
_MARK = rf"\^\s*(?:{_T}|\{{\s*{_T}\s*\}})"
# the letter of a vector, plain or bold (\mathbf{x}, \bm x, \boldsymbol{x}, \vec{x}, \overline{x})
_BOLD = r"\\(?:mathbf|bm|boldsymbol|vec|overline|mathbold)"
_LETTER = rf"(?:{_BOLD}\s*\{{\s*[A-Za-z]\s*\}}|{_BOLD}\s+[A-Za-z]|(?<![A-Za-z\\_^])[A-Za-z])"
# an example index: _i, _{n}, ^{(i)}; one lower-case letter (x_1 is a number, not an index)
_INDEX = r"(?:_\s*(?:[a-z](?![A-Za-z])|\{\s*[a-z]\s*\})|\^\s*\{\s*\(\s*[a-z]\s*\)\s*\})"
_MEMBER = rf"{_LETTER}{_INDEX}"
# x_i^T; x^T_i (the mark before the index); x^{(i)T}
_TRANSPOSED = re.compile(rf"(?P<m>{_MEMBER})\s*{_MARK}")
_MARK_FIRST = re.compile(rf"(?P<l>{_LETTER})\s*{_MARK}\s*(?P<i>_\s*(?:[a-z](?![A-Za-z])|\{{\s*[a-z]\s*\}}))")
# x^{(i)T}, x^{(i)^T}
_BRACKET_T = re.compile(rf"(?P<l>{_LETTER})\^\s*\{{\s*\(\s*(?P<i>[a-z])\s*\)\s*(?:{_T}|{_MARK})\s*\}}")
# a transposed vector right before: w^T x_i, \theta^{(k)\top} x^{(i)}, \beta^T \mathbf{x}_n
_VECTOR = rf"(?:{_LETTER}|\\(?:theta|beta|omega))"
_AFTER_T = re.compile(
    rf"{_VECTOR}(?:\^\s*\{{\s*\(\s*[a-z]\s*\)\s*{_T}\s*\}}|\s*{_MARK})\s*(?:\\cdot\s*)?(?P<m>{_MEMBER})"
)
_ANY_MEMBER = re.compile(_MEMBER)
# \sum_{i=1}^{m}: the index and its upper bound
_SUM = re.compile(
    r"\\sum\s*(?:\\n?o?limits\s*)?_\s*\{\s*(?P<i>[a-z])\s*=\s*[^{}]*\}\s*\^\s*(?:\{\s*(?P<b>[A-Za-z])\s*\}|(?P<c>[A-Za-z]))"
)
_UNREAD = ("unparsed", "inconclusive")
_WHY = "with {names} read as per-example vectors of one size (not entries of one vector): {{message}}"
_PUT_IN = ", the document's per-example values put in"


def _name(text: str, notation: Notation) -> str | None:
    try:
        return identifier_name(text, notation=notation)
    except Exception:  # noqa: BLE001 - a member the name reader does not take is no family
        return None


def vector_families(math: str, notation: Notation) -> set[str]:
    """The names of ``math`` (the document's formulas) read as per-example vectors: indexed names
    the document transposes or writes right after a transposed vector. Names the notation already
    shapes or defines are its own."""
    found: set[str] = set()
    for match in [*_TRANSPOSED.finditer(math), *_AFTER_T.finditer(math)]:
        found.add(_name(match.group("m"), notation) or "")
    for match in _MARK_FIRST.finditer(math):
        found.add(_name(match.group("l") + match.group("i"), notation) or "")
    for match in _BRACKET_T.finditer(math):
        found.add(_name(f"{match.group('l')}^{{({match.group('i')})}}", notation) or "")
    known = {*notation.shapes, *notation.definitions}  # a declared family (sample_shapes) is one too
    return {n for n in found if n and n not in known}


_PARTNER_AFTER = re.compile(rf"(?P<m>{_MEMBER})\s*{_MARK}\s*(?P<p>{_LETTER})(?![_^A-Za-z])")
_PARTNER_BEFORE = re.compile(rf"(?<![_^])(?P<p>{_LETTER})\s*{_MARK}\s*(?P<m>{_MEMBER})")


def family_sizes(math: str, families: set[str], notation: Notation) -> dict[str, tuple[str, ...]]:
    """The size each family is read at: that of the vector the document multiplies it with (x_i^T w,
    w^T x_i, with w ∈ ℝ^{d+1} and x_i "concatenated with a 1"), where the notation or the document
    sizes that vector; d otherwise. Only ever confirms, so a size the document declares for the
    family itself gives way to the product it writes."""
    shaped = {**notation.shapes, **notation.sample_shapes}
    out = {name: shaped[name] if len(shaped.get(name, ())) == 1 else ("d",) for name in families}
    for m in [*_PARTNER_AFTER.finditer(math), *_PARTNER_BEFORE.finditer(math)]:
        member, partner = _name(m.group("m"), notation), _name(m.group("p"), notation)
        if member in out and partner in shaped and len(shaped[partner]) == 1:
            out[member] = shaped[partner]
    return out


def _label_shapes(
    math: str, families: set[str], notation: Notation, functions: set[str]
) -> dict[str, tuple[str, ...]]:
    """Scalars of the same examples (t_k beside v_k in a sum over k up to m): the vector t of size m,
    where m is a size the notation fixes (the shape inference would give t a size of its own, and a
    sum up to m would run past it). Not a name written as a function (\\mu_i(w, b)) or known."""
    # x_{i} -> i, a^{(k)} -> k
    indices = {m.group(1) for n in families if (m := re.search(r"[{(]\s*([a-z])\s*\)?\}$", n))}
    bounds: dict[str, set[str]] = {}
    for m in _SUM.finditer(math):
        bounds.setdefault(m.group("i"), set()).add(m.group("b") or m.group("c"))
    dims = {d for shape in [*notation.shapes.values(), *notation.sample_shapes.values()] for d in shape}
    known = {*notation.shapes, *notation.sample_shapes, *notation.definitions}
    out: dict[str, tuple[str, ...]] = {}
    for index in indices:
        if len(bounds.get(index, ())) != 1:
            continue  # one bound for every sum over the index, or the labels' size is not known
        (bound,) = bounds[index]
        if bound not in dims:
            continue
        entry = rf"(?<![A-Za-z\\])(?P<l>[A-Za-z])_\s*(?:{index}|\{{\s*{index}\s*\}})(?![A-Za-z])"
        letters = {m.group("l") for m in re.finditer(entry, math)}
        for letter in sorted(letters - functions):
            if f"{letter}_{{{index}}}" not in families and letter not in known and letter != bound:
                out[letter] = (bound,)
    return out


def _defines(result: Any, context: Any) -> bool:
    """Is the step a definition (q_k = σ(uᵀv_k), ρ_k(u, c) = …)? Its value is not a claim to confirm."""
    step = result.step
    where = (step.line, step.column)
    return (
        result.method == "definitions"
        or result.message.startswith("the document's definition")
        or context.document.defines_at(*where)
        or any((f.line, f.column) == where for f in context.new_functions)
    )


def _typed_values(
    context: Any, values: _Values, at: tuple[int, int], typed: dict, notation: Notation, letters: dict[str, str]
) -> dict:
    """The plain definitions a step uses (L = -Σ_i [y_i log \\hat{p}_i + …]) with the per-example
    names in them replaced by their values; a definition that then cannot be read is left as it was."""
    out = {}
    for d in context.document.defs:
        if d.letters or d.name not in typed or (d.line, d.column) >= at:
            continue
        text = _as_members(values.put_in(d.rhs, at), letters)
        if text != d.rhs:
            try:
                out[d.name] = parse_typed(text, notation)
            except Unreadable:
                continue
    return out


def _mentions(step: Any, families: set[str], notation: Notation) -> set[str]:
    text = f"{step.lhs} = {step.rhs}"
    written = {_name(m.group(0), notation) for m in _ANY_MEMBER.finditer(text)}
    written |= {_name(m.group("l") + m.group("i"), notation) for m in _MARK_FIRST.finditer(text)}
    written |= {_name(f"{m.group('l')}^{{({m.group('i')})}}", notation) for m in _BRACKET_T.finditer(text)}
    return families & {n for n in written if n}


# a member as the reader may name it: \hat{p}_i, \mathbf{x}_i, \mu_i, z_i, \mu_{i}
_ENTRY = (
    r"(?:\\[A-Za-z]+\s*\{{\s*\\?[A-Za-z]+\s*\}}|\\[A-Za-z]+|(?<![A-Za-z\\_^])[A-Za-z])"
    r"\s*_\s*(?:\{{\s*{i}\s*\}}|{i}(?![A-Za-z]))"
)
_ARGS = r"\s*(?:\\left\s*)?\((?P<args>[^()]*?)(?:\\right\s*)?\)"


class _Values:
    """The document's per-example definitions (\\hat{p}_i = \\sigma(w^T x_i), \\mu_i(w, b) = …, z_i =
    w^T x_i), put in for their names where a step (or a definition it uses) writes them: the matrix
    reader takes a family's definition for the scalar judge's only (doc_definitions), and without
    it \\hat{p}_i does not depend on w."""

    def __init__(self, context: Any, families: set[str], math: str, notation: Notation) -> None:
        indices = {m.group(1) for n in families if (m := re.search(r"[{(]\s*([a-z])\s*\)?\}$", n))}
        self.notation = notation
        self.values: list[tuple[tuple[int, int], str, str, str, str | None]] = []  # (at, name, index, value, args)
        # where the definition's value starts: a step there is the definition itself, never given its own value
        defs = [(*d.value_at, d.name, d.rhs) for d in context.document.defs if len(d.letters) == 1]
        defs += [(f.line, f.column, f.name, f.body) for f in context.new_functions]
        for line, column, name, rhs in defs:
            index = re.search(r"_\{([a-z])\}$", name)
            if index is None or index.group(1) not in indices or not _ANY_MEMBER.search(rhs + " " + name):
                continue
            called = re.search(re.escape(name.replace("_{", "_").rstrip("}")) + _ARGS + r"\s*=", math)
            args = re.sub(r"\s", "", called.group("args")) if called else None
            self.values.append(((line, column), name, index.group(1), rhs, args))
        # a name given two different values (a worked example's \hat{p}_i after the general one) has no
        # one value; \hat{p}_i = \sigma(z_i) beside \hat{p}_i = \sigma(w^T x_i), z_i = w^T x_i is one value
        given = [(name, value) for _, name, _, value, _ in self.values]
        given += [(r.name, r.value or r.number) for r in [*context.document.reassigned, *context.document.redefined]]
        seen: dict[str, set[str]] = {}
        for name, value in given:
            seen.setdefault(name, set()).add(re.sub(r"\\left|\\right|[\s()]", "", self._others(value, name)))
        self.values = [v for v in self.values if len(seen[v[1]]) == 1]

    def _others(self, text: str, own: str) -> str:
        """``text`` with the other names' values put in (to compare two values of one name)."""
        for _ in range(3):
            for _, name, index, value, args in self.values:
                text = text if name == own else self._one(text, name, index, value, args)
        return text

    def put_in(self, text: str, at: tuple[int, int]) -> str:
        """``text`` with every per-example name defined before ``at`` replaced by its value."""
        for _ in range(3):  # \hat{p}_i = \sigma(z_i), z_i = w^T x_i: a value that uses another
            before = text
            for where, name, index, value, args in self.values:
                if where < at:  # strictly before: not the definition's own step
                    text = self._one(text, name, index, value, args)
            if text == before:
                break
        return text

    def _one(self, text: str, name: str, index: str, value: str, args: str | None) -> str:
        def swap(m: re.Match[str]) -> str:
            if _name(m.group("e"), self.notation) != name:
                return m.group(0)
            given = m.group("args")
            if given is not None and re.sub(r"\s", "", given) != args:
                return m.group(0)  # \mu_i(v, c): another point than the definition's
            return rf"\left({value}\right)"

        return re.sub(rf"(?P<e>{_ENTRY.format(i=index)})(?:{_ARGS})?", swap, text)


# \phi(\mathbf{x}_n): a fixed map of the n-th example is the n-th of a family itself (\phi_{n})
_MAPPED = re.compile(
    rf"(?P<f>(?<![_^])\\[a-z]+|(?<![A-Za-z\\_^])[a-z])\s*(?:\\left\s*)?\(\s*(?P<m>{_MEMBER})\s*(?:\\right\s*)?\)"
)


def _fresh_letters(math: str) -> dict[str, str]:
    """A letter of its own for each map of one example the document writes (\\phi(\\mathbf{x}_n)):
    one it uses nowhere, since \\phi_n would be read as the function \\phi (the notation's ReLU)."""
    used = set(re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", math))
    free = [c for c in "qrsfgkabcdehjlopuvz" if c not in used]
    maps = sorted({m.group("f") for m in _MAPPED.finditer(math)} - _NOT_MAPS)
    return dict(zip(maps, free, strict=False))


def _as_members(text: str, letters: dict[str, str]) -> str:
    """``text`` with a map of one example (\\phi(\\mathbf{x}_n), h(x^{(i)})) written as a member of its
    own family (q_n): what holds for every vector there holds for the map's values."""

    def member(m: re.Match[str]) -> str:
        index = re.search(r"([a-z])\s*\)?\s*\}?\s*$", m.group("m"))
        letter = letters.get(m.group("f"))
        return f" {letter}_{{{index.group(1)}}}" if index and letter else m.group(0)

    return _MAPPED.sub(member, text)


_NOT_MAPS = {"\\exp", "\\log", "\\ln", "\\sum", "\\prod", "\\left", "\\frac", "\\sqrt"}


def confirm_vector_families(judged: list[Any], context: Any, math: str, again: Any) -> list[Any]:
    """``judged`` with each unread step that writes a per-example vector family (vector_families)
    judged again with the family sampled as vectors of size d, and ok where it then holds."""
    unread = [k for k, r in enumerate(judged) if r.status in _UNREAD and not _defines(r, context)]
    if not unread:
        return judged
    letters = _fresh_letters(math)
    math = _as_members(math, letters)
    families = vector_families(math, again.notation)
    if not families:
        return judged
    # \mu_i(w, b) = …: a letter the document defines as a function of the weights is no label
    functions = {f.name[0] for f in context.new_functions if re.fullmatch(r"[A-Za-z]_\{[a-z]\}", f.name)}
    labels = _label_shapes(math, families, again.notation, functions)
    shapes = {**again.notation.sample_shapes, **labels, **family_sizes(math, families, again.notation)}
    second = replace(again, notation=replace(again.notation, sample_shapes=shapes))
    values = _Values(context, families, math, again.notation)
    tasks, where, why = [], [], []
    for k in unread:
        step = judged[k].step
        mapped = replace(step, lhs=_as_members(step.lhs, letters), rhs=_as_members(step.rhs, letters))
        named = _mentions(mapped, families, again.notation)
        if not named:
            continue
        typed, scalar = context.document.for_step(step.line, step.column, step.rhs, derivative=True)
        at = (step.line, step.column)
        valued = (values.put_in(step.lhs, at), values.put_in(step.rhs, at))
        through = _typed_values(context, values, at, typed, again.notation, letters)
        step = replace(step, lhs=_as_members(valued[0], letters), rhs=_as_members(valued[1], letters))
        tasks.append((step, ({**typed, **through}, scalar)))
        where.append(k)
        why.append(_why(named, letters, valued != (judged[k].step.lhs, judged[k].step.rhs) or bool(through)))
    return second.confirm(judged, tasks, where, why)


def _why(named: set[str], letters: dict[str, str], put: bool) -> str:
    """What the second reading read: the families (a map of one example by its own name, \\phi(…)),
    and whether the document's per-example definitions were put in."""
    written = {letter: f for f, letter in letters.items()}
    shown = [f"{written[n[0]]}(…)" if n[0] in written and n[1:3] == "_{" else n for n in sorted(named)]
    said = _WHY.format(names=", ".join(shown))
    return said.replace(":", _PUT_IN + ":", 1) if put else said
