r"""``f'(y) = \sqrt{1+y} \Rightarrow f(y) = \frac23(1+y)^{3/2}``: a function characterized anew on one line.

Notes on integration reuse their letters: a remark near the top defines ``f(x) := e^{-x^2}``, and
an exercise much later finds an antiderivative by writing the derivative it wants and then the
function, ``f'(y) = \sqrt{1+y} \Rightarrow f(y) = \frac23 (1+y)^{3/2}``. Both steps were judged
with the remark's f and refuted. But the line states what f is here: a derivative, then (after an
implication arrow) a function whose derivative it is. Where the two agree with each other, the
line's f is not the document's earlier f, and the earlier definition says nothing about it.

So where two ``wrong`` steps of one line (or two adjacent rows) read ``F'(v) = P`` and then, after
an arrow (``\Rightarrow``, ``\implies``, ``\to``, ``\therefore``), ``F(v) = Q`` for the same name and
variable, and Q's derivative by v is P at every sampled point, both are held back, inconclusive,
saying why. A pair that disagrees (Q′ ≠ P: a slip in the integration, or in the derivative) keeps
its verdicts, as does a lone ``F'(v) = P`` judged against F's definition.
"""

from __future__ import annotations

import random
import re

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult

__all__ = ["consistent_antiderivative", "hold_characterized_functions"]

#: F(v), F\left(v\right): a one-letter function of a one-letter variable
_CALL = re.compile(r"^\s*(?P<f>[A-Za-z])\s*(?:\\left\s*)?\(\s*(?P<v>[A-Za-z])\s*(?:\\right\s*)?\)\s*$")
#: F'(v), F^{\prime}(v), F^\prime(v): the derivative of F at v
_PRIMED = re.compile(
    r"^\s*(?P<f>[A-Za-z])\s*(?:'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime)\s*"
    r"(?:\\left\s*)?\(\s*(?P<v>[A-Za-z])\s*(?:\\right\s*)?\)\s*$"
)
#: \frac{dF}{dv}, \frac{d F(v)}{d v}, \frac{d}{dv} F(v)
_LEIBNIZ = re.compile(
    r"^\s*\\[dt]?frac\s*\{\s*d\s*(?P<f>[A-Za-z])?\s*(?:(?:\\left\s*)?\(\s*(?P<a>[A-Za-z])\s*(?:\\right\s*)?\))?\s*\}"
    r"\s*\{\s*d\s*(?P<v>[A-Za-z])\s*\}\s*(?P<g>[A-Za-z])?\s*(?:(?:\\left\s*)?\(\s*(?P<b>[A-Za-z])\s*(?:\\right\s*)?\))?\s*$"
)
#: what says the second statement follows from the first
_ARROW = re.compile(
    r"\\(?:Rightarrow|implies|Longrightarrow|longrightarrow|rightarrow|to|therefore)(?![A-Za-z])|⇒|→|"
    r"\\text\s*\{\s*(?:so|hence|thus|then|also|d\.h\.|also gilt|donc|alors)\s*[,.]?\s*\}"
)
#: points sampled, and how close Q′ and P must be at each (relative)
_POINTS, _TOLERANCE = 6, 1e-9


def _derivative_of(lhs: str) -> tuple[str, str] | None:
    """(F, v) where ``lhs`` writes F's derivative at v."""
    m = _PRIMED.match(lhs)
    if m:
        return m["f"], m["v"]
    m = _LEIBNIZ.match(lhs)
    if m:
        name = m["f"] or m["g"]
        argument = m["a"] or m["b"]
        if name and (m["f"] is None) != (m["g"] is None) and argument in (None, m["v"]):
            return name, m["v"]
    return None


def _offset(lines: list[str], line: int, column: int) -> int:
    """The character offset of (line, column), both from 1, in the joined text."""
    return sum(len(text) + 1 for text in lines[: line - 1]) + column - 1


def _arrow_between(lines: list[str], first: StepResult, second: StepResult) -> bool:
    """Is an implication arrow written between the first step's right side and the second's left?"""
    start = _offset(lines, first.step.line, first.step.column)
    end = _offset(lines, second.step.line, second.step.column)
    between = "\n".join(lines)[start:end]
    return bool(_ARROW.search(between)) and between.count("\n") <= 2


def consistent_antiderivative(derivative: str, function: str, variable: str, notation: Notation) -> bool:
    """Is the derivative of ``function`` by ``variable`` equal to ``derivative`` (LaTeX) at every
    sampled point? False wherever either cannot be read or evaluated (nothing is held then)."""
    try:
        import sympy as sp
        from derive.checks.latex.sympy_build import to_sympy

        read = normalize(rf"\frac{{d}}{{d{variable}}}\left({function}\right) - \left({derivative}\right)", notation)
        if read.problems:
            return False
        difference = to_sympy(read)
        if difference.atoms(sp.Derivative) or difference.atoms(sp.core.function.AppliedUndef):
            return False
        free = sorted(difference.free_symbols, key=str)
        rng = random.Random(0)
        finite = 0
        for _ in range(_POINTS * 3):
            point = {s: sp.Rational(rng.randint(3, 40), 10) for s in free}
            value = complex(sp.N(difference.subs(point), 30))
            if value != value or abs(value) == float("inf"):
                continue
            if abs(value) > _TOLERANCE:
                return False
            finite += 1
            if finite >= _POINTS:
                return True
        return False
    except Exception:  # noqa: BLE001 - untrusted input: not read, nothing held
        return False


def _why(name: str, variable: str) -> str:
    return (
        f"; but the line characterizes {name} anew: {name}'({variable}) and then, after an arrow, "
        f"{name}({variable}) whose derivative it is: a function found here (an antiderivative), not the "
        f"document's earlier {name}"
    )


def hold_characterized_functions(judged: list[StepResult], text: str, notation: Notation) -> list[StepResult]:
    """``judged`` with each pair ``F'(v) = P ⇒ F(v) = Q`` (Q′ = P) held back where refuted (module docstring)."""
    lines = text.splitlines()
    out = list(judged)
    for k, second in enumerate(judged):
        call = _CALL.match(second.step.lhs) if second.status == "wrong" else None
        if call is None:
            continue
        for j in range(k - 1, max(-1, k - 4), -1):
            first = judged[j]
            if first.status != "wrong" or not 0 <= second.step.line - first.step.line <= 2:
                continue
            if _derivative_of(first.step.lhs) != (call["f"], call["v"]):
                continue
            if _arrow_between(lines, first, second) and consistent_antiderivative(
                first.step.rhs, second.step.rhs, call["v"], notation
            ):
                why = _why(call["f"], call["v"])
                out[j], out[k] = first.held(first.message + why), second.held(second.message + why)
            break
    return out
