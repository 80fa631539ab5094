"""A row closed by a limit mark states its equalities in that limit (checks/latex/limit_rows.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.limit_rows import limit_mark
from hunt_steps import step_verdict


def test_the_marks_of_a_limit_are_read() -> None:
    assert limit_mark(r"-\frac{u n}{2} N \quad(N \rightarrow \infty)") == r"\quad(N \rightarrow \infty)"
    assert limit_mark(r"\frac{N^2}{2} \quad \text{for large } N") is not None
    assert limit_mark(r"x \quad (\epsilon \to 0)") is not None
    assert limit_mark(r"n^2, \quad n \gg 1") is not None
    assert limit_mark(r"\lim_{n \to \infty} a_n") is None
    assert limit_mark(r"x + 1") is None


# the mean-field energy of a gas, N(N-1)/2 pairs ~ N^2/2 (clwelch03/StatPhys26, made up here)
ROW = r"""So

$$
\begin{{aligned}}
E & =-\frac{{u}}{{V}} \frac{{N(N-1)}}{{2}} \\
& ={middle} = -\frac{{u n}}{{2}} N \quad(N \rightarrow \infty)
\end{{aligned}}
$$
"""
PAIRS = r"""The pairs: $$P = \frac{{n(n-1)}}{{2}} = {value} = \frac{{n \cdot n}}{{2}} \quad \text{{for large }} n$$"""


def test_an_equality_in_the_limit_of_its_row_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ROW.format(middle=r"-\frac{u N^{2}}{2V}"), r"-\frac{u}{V}", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(PAIRS.format(value=r"\frac{n^2}{2}"), r"\frac{n(n-1)}", runner)
    assert status == "inconclusive", message


def test_a_row_wrong_in_its_limit_too_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ROW.format(middle=r"-\frac{u N^{2}}{V}"), r"-\frac{u}{V}", runner)
    assert status == "wrong", message
    assert "in the limit of its row too" in message
    status, message = step_verdict(PAIRS.format(value="n^2"), r"\frac{n(n-1)}", runner)
    assert status == "wrong", message


def test_a_row_without_a_mark_is_judged_exactly(runner: StepRunner) -> None:
    status, message = step_verdict(r"$$P = \frac{n(n-1)}{2} = \frac{n^2}{2}$$", r"\frac{n(n-1)}", runner)
    assert status == "wrong", message
