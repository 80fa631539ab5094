r"""Numbers a worked example computed through a formula found wrong, and the steps that use them.

A worked example writes a formula, then its number: ``\frac{dL}{da_2} = a_2 - y = 0.562 - 0 =
0.562``. Where the formula does not hold (with L = -\log(1 - a_2), dL/da_2 is 1/(1 - a_2)), the
number is the slip's value, not the derivative's. A later step that the worked-example judge
(numeric_values) confirms "with the document's values put in" through it — ``\frac{dL}{da_2}
\cdot \frac{da_2}{dz_2} = 0.562 \cdot 0.246`` — is only as right as the slip: its right side is not
dL/dz_2. Such a confirmation is held (inconclusive, naming the step the number goes back to).

The slip travels: the number a run of the example ends in (``\frac{dL}{dz_2} = … = 0.562 \cdot
0.246 \approx 0.138``) goes back to a slip when a step of that run does — one found wrong, one held
here, or one that writes a slip's number in the place of its name (``\frac{dL}{dz_2} \cdot
\frac{dz_2}{dw_2} = 0.138 \cdot a_1``). Arithmetic on the numbers themselves (``0.562 \cdot 0.246 =
0.138``) stays ok: it holds whatever the numbers mean. Nothing here calls a step wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from derive.checks.latex.equation import Equation
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import Notation
from derive.checks.latex.numeric_derivatives import placed_values, with_placeholders
from derive.checks.latex.numeric_values import DECIMALS, VALUE_RELATIONS, NumericValue, values_at, worked_values
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["hold_tainted_values"]

Position = tuple[int, int]


def _run_steps(equations: list[Equation]) -> dict[Position, list[Position]]:
    """For each term of a chain, the steps (by the position of their right term) of the run of value
    relations that leads to it: the steps a number written there was computed through."""
    runs: dict[Position, list[Position]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            before: list[Position] = []
            joined_by = None  # the relation before this term
            for term, rel in chain:
                here = (term.line, term.column)
                # z = 2 ⇒ h = σ(2) ≈ 0.88: a run starts again at h, whose number goes back to h's steps
                before = [*before, here] if joined_by in VALUE_RELATIONS else []
                if before:
                    runs[here] = before
                joined_by = rel
    return runs


@dataclass
class _Slips:
    """Which steps go back to a slip, as the document is read in order."""

    wrong: dict[Position, StepResult]  # the steps found wrong, by position
    runs: dict[Position, list[Position]]
    held: dict[Position, str] = field(default_factory=dict)  # step → the slip it goes back to

    def origin(self, value: NumericValue) -> str | None:
        r"""The wrong step a value's number goes back to (as it reads in a message), else None.
        Found wrong, only the run's first step counts: the name's own formula is then not the name
        (``\frac{dL}{da_2} = a_2 - y``). A slip between two later formulas (``a_2 = \sigma(z_1) =
        \frac{1}{1+e^{-z_2}} = 0.547``, z_1 for z_2) leaves open which of them the number is meant for."""
        for k, at in enumerate(self.runs.get(value.at, ())):
            if at in self.held:
                return self.held[at]
            wrong = None if k else self.wrong.get(at)
            if wrong is not None:
                return f"line {wrong.step.line}, {wrong.step.lhs.strip()} = {wrong.step.rhs.strip()}"
        return None


def _at(result: StepResult) -> Position:
    return (result.step.line, result.step.column)


def _names(tex: str, notation: Notation, var: str | None) -> set[str] | None:
    try:
        return {s.name for s in to_sympy(normalize(tex, notation, var)).free_symbols}
    except (Unparsed, RecursionError, TypeError, ValueError):
        return None


def _writes(value: NumericValue, tex: str) -> bool:
    """Does ``tex`` write the value's number, to the decimal places it writes it with?"""
    for m in DECIMALS.finditer(tex):
        places = len(m.group(1))
        number = float("0" + m.group(0)) if m.group(0).startswith(".") else float(m.group(0))
        if abs(abs(float(value.value)) - number) <= 0.5 / 10**places + 1e-12:
            return True
    return False


def _tainted_uses(
    result: StepResult, slips: _Slips, known: tuple[list, dict], notation: Notation
) -> dict[str, tuple[NumericValue, str, dict[str, str]]]:
    """{name read: (value, the slip it goes back to, the step's placeholder names)} of the values
    with a slip behind them that this step confirms with, or writes the number of in their place."""
    values, valued = known
    step = result.step
    latest, _ = values_at(values, _at(result))
    tainted = {name: (v, why) for name, v in latest.items() if (why := slips.origin(v)) is not None}
    if not tainted:
        return {}
    lhs, names = with_placeholders(step.lhs, notation, valued)
    rhs, more = with_placeholders(step.rhs, notation, valued)
    names.update(more)
    placed = placed_values(latest, names)
    used = {}
    confirms = result.status == "ok" and result.method == "numeric values"
    for side, other in ((lhs, step.rhs), (rhs, step.lhs)):
        # a valued derivative stands as its placeholder even where the rest of the side is not read
        for name in (_names(side, notation, step.chain_var) or set()) | {p for p in names if p in side}:
            key = names.get(name, name)
            if key in tainted and (confirms or _writes(placed[name], other)):
                used[name] = (tainted[key][0], tainted[key][1], names)
    return used


def hold_tainted_values(
    results: list[StepResult], equations: list[Equation], notation: Notation, text: str = ""
) -> list[StepResult]:
    """The results, with each step confirmed by the worked example's values held where a value it
    puts in goes back to a step found wrong (see the module's doc)."""
    confirmed = [r for r in results if r.status == "ok" and r.method == "numeric values"]
    if not confirmed or not any(r.status == "wrong" for r in results):
        return results
    values, derivatives, _, _ = worked_values(equations, notation, text)
    if not values:
        return results
    slips = _Slips({_at(r): r for r in results if r.status == "wrong"}, _run_steps(equations))
    known = (values, {v.name: v for v in derivatives})
    out = list(results)
    for k in sorted(range(len(out)), key=lambda k: _at(out[k])):
        result = out[k]
        if result.status == "wrong" or not (DECIMALS.search(result.step.lhs) or DECIMALS.search(result.step.rhs)):
            continue
        used = _tainted_uses(result, slips, known, notation)
        if not used:
            continue
        name, (value, why, names) = sorted(used.items())[0]
        slips.held[_at(result)] = why
        if result.status == "ok" and result.method == "numeric values":
            shown = names.get(name, name)  # a placeholder as the derivative it stands for
            out[k] = result.held(
                f"equal with the document's values put in, but {shown} = {value.text} goes back to a step"
                f" found wrong ({why}): the number is that slip's, so the step is not confirmed"
            )
    return out
