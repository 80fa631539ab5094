r"""Per-example vectors: ``x_i`` as the i-th of n vectors, not the i-th entry of one vector x.

Logistic- and softmax-regression derivations write their data as a family of vectors
(``\frac{1}{n}\sum_i \log(1 + \exp(-y_i(b + x_i^T w))) + \lambda w^T w``, ``\theta^T x^{(i)}``,
``\mathbf{x}_n``). Without a declaration (``x_i \in \mathbb{R}^d``) the matrix reader takes ``x_i``
for an entry of a vector x, and a sum over i past x's size is out of range. A name with an example
index that the document transposes (``x_i^T``, ``x^T_i``, ``x^{(i)\top}``) or puts right after a
transposed vector (``w^T x_i``, ``\theta^{(k)T} x^{(i)}``) is read here as one of a family of
vectors of size d; the labels y_i and the weights stay as the shape inference reads them.

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

__all__ = ["confirm_vector_families", "vector_families"]

# a transpose mark: ^T, ^{T}, ^\top, ^{\top}, ^\intercal, ^\mathsf{T}, ^\mathrm{T}
_T = r"(?:T|\\top|\\intercal|\\mathsf\s*\{\s*T\s*\}|\\mathrm\s*\{\s*T\s*\})"
_MARK = rf"\^\s*(?:{_T}|\{{\s*{_T}\s*\}})"
# the letter of a vector, plain or bold (\mathbf{x}, \bm x, \boldsymbol{x}, \vec{x}, \overline{x})
_BOLD = r"\\(?:mathbf|bm|boldsymbol|vec|overline|mathbold)"
_LETTER = rf"(?:{_BOLD}\s*\{{\s*[A-Za-z]\s*\}}|{_BOLD}\s+[A-Za-z]|(?<![A-Za-z\\])[A-Za-z])"
# an example index: _i, _{n}, ^{(i)}; one lower-case letter (x_1 is a number, not an index)
_INDEX = r"(?:_\s*(?:[a-z](?![A-Za-z])|\{\s*[a-z]\s*\})|\^\s*\{\s*\(\s*[a-z]\s*\)\s*\})"
_MEMBER = rf"{_LETTER}{_INDEX}"
# x_i^T; x^T_i (the mark before the index); x^{(i)T}
_TRANSPOSED = re.compile(rf"(?P<m>{_MEMBER})\s*{_MARK}")
_MARK_FIRST = re.compile(rf"(?P<l>{_LETTER})\s*{_MARK}\s*(?P<i>_\s*(?:[a-z](?![A-Za-z])|\{{\s*[a-z]\s*\}}))")
_BRACKET_T = re.compile(rf"(?P<l>{_LETTER})\^\s*\{{\s*\(\s*(?P<i>[a-z])\s*\)\s*{_T}\s*\}}")
# a transposed vector right before: w^T x_i, \theta^{(k)\top} x^{(i)}, \beta^T \mathbf{x}_n
_VECTOR = r"(?:(?<![A-Za-z\\])[A-Za-z]|\\(?:theta|beta|omega|mathbf\s*\{\s*[A-Za-z]\s*\}|bm\s*\{\s*[A-Za-z]\s*\}))"
_AFTER_T = re.compile(
    rf"{_VECTOR}(?:\^\s*\{{\s*\(\s*[a-z]\s*\)\s*{_T}\s*\}}|\s*{_MARK})\s*(?:\\cdot\s*)?(?P<m>{_MEMBER})"
)
_ANY_MEMBER = re.compile(_MEMBER)
_UNREAD = ("unparsed", "inconclusive")
_WHY = "with {names} read as per-example vectors of one size (not entries of one vector): {{message}}"


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
    known = {*notation.shapes, *notation.sample_shapes, *notation.definitions}
    return {n for n in found if n and n not in known}


def _mentions(step: Any, families: set[str], notation: Notation) -> set[str]:
    text = f"{step.lhs} = {step.rhs}"
    written = {_name(m.group(0), notation) for m in _ANY_MEMBER.finditer(text)}
    written |= {_name(m.group("l") + m.group("i"), notation) for m in _MARK_FIRST.finditer(text)}
    written |= {_name(f"{m.group('l')}^{{({m.group('i')})}}", notation) for m in _BRACKET_T.finditer(text)}
    return families & {n for n in written if n}


def confirm_vector_families(judged: list[Any], context: Any, math: str, again: Any) -> list[Any]:
    """``judged`` with each unread step that writes a per-example vector family (vector_families)
    judged again with the family sampled as vectors of size d, and ok where it then holds."""
    unread = [k for k, r in enumerate(judged) if r.status in _UNREAD]
    if not unread:
        return judged
    families = vector_families(math, again.notation)
    if not families:
        return judged
    shapes = {**again.notation.sample_shapes, **{name: ("d",) for name in sorted(families)}}
    second = replace(again, notation=replace(again.notation, sample_shapes=shapes))
    tasks, where, why = [], [], []
    for k in unread:
        step = judged[k].step
        named = _mentions(step, families, again.notation)
        if not named:
            continue
        tasks.append((step, context.document.for_step(step.line, step.column, step.rhs, derivative=True)))
        where.append(k)
        why.append(_WHY.format(names=", ".join(sorted(named))))
    return second.confirm(judged, tasks, where, why)
