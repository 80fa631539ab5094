r"""A family the page defines as a running product or sum of its index: ``\bar{\alpha}_t :=
\prod_{i=1}^t \alpha_i`` (DDPM's noise schedule), ``S_t = \sum_{i=1}^{t} x_i``.

Its members at t and t − 1 are tied (``\bar{\alpha}_t = \alpha_t \bar{\alpha}_{t-1}``), and DDPM's
derivations use the tie: ``\sqrt{\bar{\alpha}_t}\sqrt{\alpha_t} = \sqrt{\bar{\alpha}_{t-1}}\alpha_t``
(Malav-P's notes on diffusion models). The reader samples ``\bar{\alpha}_t`` and
``\bar{\alpha}_{t-1}`` as two unknowns, for which the step is false, and called it wrong. A
``wrong`` step that writes one such family at its index and at the index less one is held back
(inconclusive), saying which definition ties them. The subscript may sit under the accent
(``\bar{\alpha_t}``) or after it; a family without such a definition is judged as before.

The definition's letter is a dummy: a derivation may write the family at i (``\bar{\alpha}_i``,
``\bar{\alpha}_{i-1}``). Where the step writes nothing but the family, its factors and free names
the document never defines, the tie itself is put in (``\bar{\alpha}_i = \alpha_i
\bar{\alpha}_{i-1}`` for a running product, ``S_i = x_i + S_{i-1}`` for a sum): a step still false
at a point with every factor in (0, 1) stays ``wrong`` (tiny-diffusion's ε term with its sign dropped),
since the tie is what the definition says.
"""

from __future__ import annotations

import random
import re

from derive.checks.latex.doc_definitions import find_definitions
from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["cumulative_families", "hold_cumulative_families"]

#: \bar{\alpha_t} is \bar{\alpha}_t: an accent over a subscripted letter
_UNDER_ACCENT = re.compile(r"\\(bar|hat|tilde|overline)\s*\{\s*(\\?[A-Za-z]+)\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])\s*\}")
_HEAD = r"(?P<stem>\\(?:bar|hat|tilde|overline)\s*\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)"
_DEFINITION = re.compile(
    _HEAD + r"\s*_\s*\{?\s*(?P<index>[a-z])\s*\}?\s*(?::=|=|\\coloneqq|\\triangleq|\\equiv)\s*"
    r"\\(?P<kind>prod|sum)(?:\\limits)?\s*_\s*\{?\s*[a-z]\s*=\s*[01]\s*\}?\s*\^\s*\{?\s*(?P=index)\s*\}?"
    r"(?:\s*\{?\s*(?P<factor>\\?[A-Za-z]+)\s*_)?"
)
#: points at which a step with the tie put in is evaluated
_POINTS = 4


def _accents_outside(text: str) -> str:
    return _UNDER_ACCENT.sub(lambda m: rf"\{m.group(1)}{{{m.group(2)}}}_{m.group(3)}", text)


def _spaced(stem: str) -> str:
    """The stem as a pattern that allows the spacing TeX ignores."""
    return r"\s*".join(re.escape(part) for part in re.findall(r"\\[A-Za-z]+|\S", stem))


def cumulative_families(text: str) -> dict[str, str]:
    """Each family stem the page defines as a running product or sum, with its index letter."""
    return {m.group("stem"): m.group("index") for m in _DEFINITION.finditer(_accents_outside(text))}


def _ties(written: str, stem: str) -> str | None:
    """The index letter at which the step writes the family and at that index less one, if any.
    The definition's letter is a dummy: a derivation of \\bar{\\alpha}_t may well write it at i."""
    head = rf"(?<![A-Za-z\\]){_spaced(stem)}\s*_\s*"
    for before in re.finditer(head + r"\{\s*(?P<letter>[a-z])\s*-\s*1\s*\}", written):
        index = before.group("letter")
        if re.search(head + rf"(?:\{{\s*{index}\s*\}}|{index}(?![A-Za-z]))", written):
            return index
    return None


def hold_cumulative_families(
    judged: list[StepResult], text: str, notation: Notation | None = None
) -> list[StepResult]:
    """``judged`` with each ``wrong`` step tying a running family's members at t and t − 1 held back,
    unless it is still false with the tie put in (module docstring; ``notation`` to read it)."""
    if not any(result.status == "wrong" for result in judged):
        return judged
    families = cumulative_families(text)
    ties = {m.group("stem"): m for m in _DEFINITION.finditer(_accents_outside(text))}
    defined: set[str] | None = None

    def why(result: StepResult) -> str | None:
        nonlocal defined
        written = _accents_outside(f"{result.step.lhs} = {result.step.rhs}")
        tied = [(stem, index) for stem in families if (index := _ties(written, stem)) is not None]
        if not tied:
            return None
        stem, index = tied[0]
        tie = ties[stem]
        if notation is not None and tie.group("factor"):
            defined = {d.name for d in find_definitions(text, notation)} if defined is None else defined
            if _still_false(result, (stem, index, tie.group("kind"), tie.group("factor")), notation, defined):
                return None
        return (
            f"; but the page defines {stem}_{families[stem]} as a running product or sum, "
            f"which ties {stem}_{index} to {stem}_{{{index}-1}}: the two were sampled apart"
        )

    return hold_wrongs(judged, why) if families else judged


def _still_false(result: StepResult, tie: tuple[str, str, str, str], notation: Notation, defined: set[str]) -> bool:
    """Is the step false with the family at the index replaced by the tie, at some point with every
    name in (0, 1)? Only for a step whose names the document leaves undefined (else: not known)."""
    import sympy as sp
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    stem, index, kind, factor = tie
    sides = [normalize(side, notation) for side in (result.step.lhs, result.step.rhs)]
    if any(side.problems for side in sides) or set().union(*(side.symbol_names for side in sides)) & defined:
        return False
    try:
        left, right = (to_sympy(side) for side in sides)
    except Unparsed:
        return False
    symbols = {_bare(str(x)): x for x in (left - right).free_symbols}
    name = _bare(stem)
    keys = (f"{name}_{{{index}}}", f"{name}_{{{index}-1}}", f"{factor}_{{{index}}}")
    at, before, own = (symbols.get(k) for k in keys)
    if at is None or before is None:
        return False
    own = own if own is not None else sp.Symbol(f"{factor}_{{{index}}}", real=True)
    tied = (left - right).subs(at, own * before if kind == "prod" else own + before)
    draw = random.Random(0)
    for _ in range(_POINTS):
        point = {x: sp.Rational(draw.randint(5, 95), 100) for x in tied.free_symbols}
        value = complex(sp.N(tied.subs(point), 30))
        if abs(value.imag) < 1e-12 and abs(value.real) > 1e-9:
            return True
    return False


def _bare(name: str) -> str:
    """A name without spacing: \\bar {\\alpha}_{i} and \\bar{\\alpha}_{i} are one."""
    return re.sub(r"\s", "", name)
