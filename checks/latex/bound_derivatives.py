r"""A derivative by the summed index's entry, in a chain whose own index is that letter.

``\frac{\partial C}{\partial \hat y_k} = \frac{\partial}{\partial \hat y_k}\left(-\sum_{k=1}^K y_k
\ln\hat y_k\right) = -\sum_{k=1}^K y_k \frac{\partial}{\partial \hat y_k}\ln\hat y_k = -\sum_{k=1}^K
\frac{y_k}{\hat y_k}`` (a course's softmax notes): the chain differentiates by ŷ_k for ONE k, the
sum runs over every k, and a step that moves the derivative inside the sum writes ∂/∂ŷ_k where k
is both. Read with k bound (each term differentiated by its own ŷ_k) the last step is true; read
as the chain means it (k the free index of ∂C/∂ŷ_k) it is false: only the k-th term survives.
Such a step is neither ``ok`` nor ``wrong``: it is held inconclusive, saying which letter is both.

Only where the chain's first term writes the letter outside every sum and the step writes a
derivative by an entry with that letter inside a sum over it; the chain rule's
``\sum_k \frac{\partial L}{\partial z_k}\frac{\partial z_k}{\partial w_j}`` (k bound only) is
judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.equation import Equation
from derive.checks.latex.index_sums import split_name
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain

__all__ = ["bound_derivative_letters", "hold_bound_derivatives"]

_SUM_OPEN = re.compile(r"s_\{(\d+)\}\\left\(")
_DERIVATIVE = re.compile(r"g_\{(\d+)\}")
_TOKEN = re.compile(r"\\left\(|\\right\)")


def _letters(name: str) -> set[str]:
    parts = split_name(name)
    return {c for c in parts[1] if c.isalpha()} if parts else set()


def _body(latex: str, start: int) -> str:
    """The text of the ``\\left( … \\right)`` that opens just before ``start``."""
    depth = 1
    for m in _TOKEN.finditer(latex, start):
        depth += 1 if m.group() == r"\left(" else -1
        if depth == 0:
            return latex[start : m.start()]
    return latex[start:]


def bound_derivative_letters(side: Normalized) -> set[str]:
    """Letters a sum of the side runs over while a derivative inside it is by an entry with that letter."""
    found: set[str] = set()
    for m in _SUM_OPEN.finditer(side.latex):
        letter = side.sums.get(int(m.group(1)), ("",))[0]
        for d in _DERIVATIVE.finditer(_body(side.latex, m.end())):
            if letter and letter in _letters(side.derivatives.get(int(d.group(1)), "")):
                found.add(letter)
    return found


def _free_letters(text: str, notation: Notation) -> set[str]:
    norm = normalize(text, notation)
    if norm.problems:
        return set()
    return set().union(*(_letters(name) for name in norm.outside)) if norm.outside else set()


def _clash(step_sides: tuple[str, str], first: str, notation: Notation) -> str | None:
    """The letter a side sums over while differentiating by its entry, and the chain's first term
    writes free; None when there is none (the first term is read only when a side has such a sum)."""
    bound: set[str] = set()
    for side in step_sides:
        norm = normalize(side, notation)
        bound |= set() if norm.problems else bound_derivative_letters(norm)
    both = sorted(bound & _free_letters(first, notation)) if bound else []
    return both[0] if both else None


def hold_bound_derivatives(judged: list[StepResult], equations: list[Equation], notation: Notation) -> list[StepResult]:
    """``judged`` with every ok or wrong step of the kind above held inconclusive."""
    firsts: dict[tuple[int, int], str] = {}  # a later term's place → its chain's first term
    for equation in equations:
        for chain in split_chain(equation):
            for term, _ in chain[2:]:
                firsts[term.line, term.column] = chain[0][0].text
    out = []
    for result in judged:
        first = firsts.get((result.step.line, result.step.column))
        letter = None
        if first is not None and result.status in ("ok", "wrong"):
            letter = _clash((result.step.lhs, result.step.rhs), first, notation)
        if letter is None:
            out.append(result)
            continue
        why = (
            f"; but the derivative inside the sum over {letter} is by an entry with {letter}, which the"
            f" chain's first term writes free ({first.strip()[:40]}): one {letter} or every {letter}? not judged"
        )
        out.append(result.held(result.message + why))
    return out
