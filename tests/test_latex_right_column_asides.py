r"""An equation written wholly in the right column of an align between rows of a chain whose left
side stands in the left column is an aside: the ``& = …`` row after it goes on with that chain
(checks/latex/right_column_asides.py). Found on heyjianjing/convex_optimization
(cvx_16_conjugate_function.ipynb): ``f^*(y) &= \sup_{x>0}(xy+\log x)`` / ``& x = -\frac{1}{y}``
/ ``& = \{…\}`` was read ``-\frac{1}{y} = \{…\}`` and called wrong."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.extract import extract
from derive.checks.latex.right_column_asides import left_column_chain, right_column_equation
from hunt_steps import step_results, step_verdict


def test_a_left_side_in_the_left_column_opens_a_chain() -> None:
    assert left_column_chain(r"f^*(y) &= \sup_{x>0}(xy+\log x) ")
    assert not left_column_chain(r" &= x^2 + 1")
    assert not left_column_chain(r"x = 1")


def test_a_whole_equation_in_the_right_column_is_told_from_a_continuation() -> None:
    assert right_column_equation(r" & x=-\frac{1}{y} ")
    assert right_column_equation(r" && u := t + 1")
    assert not right_column_equation(r" & = -1 - \log(-y)")
    assert not right_column_equation(r" & \text{set the derivative to } 0")
    assert not right_column_equation(r"u &= t + 1")
    assert not right_column_equation(r"u = t + 1")


SHAPE = r"""Where the minimum is reached:

$$\begin{{align*}}
g(t) &= (t+1)^2 - 1 \\
& u = t + 1 \\
&= {last}
\end{{align*}}$$
"""


def test_the_row_after_the_aside_goes_on_with_the_chain() -> None:
    (chain, aside) = [e.pieces for e in extract(SHAPE.format(last="t^2 + 2t"))]
    assert [p.text.strip() for p in chain] == ["g(t)  = (t+1)^2 - 1", "= t^2 + 2t"]
    assert aside[0].aside and aside[0].text.strip() == "u = t + 1"


def test_a_continuation_after_a_right_column_aside_is_not_read_against_it(runner: StepRunner) -> None:
    status, message = step_verdict(SHAPE.format(last="t^2 + 2t"), "(t+1)^2", runner)
    assert status == "ok", message


def test_a_wrong_continuation_after_the_aside_is_still_found(runner: StepRunner) -> None:
    status, message = step_verdict(SHAPE.format(last="t^2 + 3t"), "(t+1)^2", runner)
    assert status == "wrong", message


# the aside's own chain goes on: judged against the chain before it first, then against the aside
ASIDE_GOES_ON = r"""$$\begin{align*}
m(t) &= t^3 \\
& u = 2t \\
&= t + t
\end{align*}$$
"""


def test_the_aside_s_own_chain_may_still_go_on(runner: StepRunner) -> None:
    status, message = step_verdict(ASIDE_GOES_ON, "t^3", runner)
    assert status == "ok", message
    assert "earlier chain" in message


RIGHT_COLUMN_CHAIN = r"""$$\begin{{align*}}
& f(x) = x^2 + 2x \\
& = {last}
\end{{align*}}$$
"""


def test_a_chain_written_wholly_in_the_right_column_chains_as_written(runner: StepRunner) -> None:
    status, message = step_verdict(RIGHT_COLUMN_CHAIN.format(last="x(x+2)"), "x^2", runner)
    assert status == "ok", message
    status, message = step_verdict(RIGHT_COLUMN_CHAIN.format(last="x(x+3)"), "x^2", runner)
    assert status == "wrong", message


def test_a_row_continuing_chains_side_by_side_is_told() -> None:
    from derive.checks.latex.right_column_asides import side_by_side_continuation

    assert side_by_side_continuation(r" &=(2+6)x+(5-3)y & &=(2-6)x-(3+5)y")
    assert not side_by_side_continuation(r" &= 8x + 2y")
    assert not side_by_side_continuation(r"a &= b & c &= d")  # two chains' first rows: split by align_columns
    assert not side_by_side_continuation(r" &= b && \text{by (2)}")


# two sums of vectors side by side (ryanmaguire/Mathematics-and-Physics, electromagnetism notes, made up here)
SIDE_BY_SIDE = r"""$$
\begin{align*}
P + Q &= (1 + 2)u + (3 + 4)w & P - Q &= (1 - 2)u + (3 - 4)w \\
&= 3u + 7w & &= -u - w
\end{align*}
$$
"""


def test_chains_side_by_side_are_not_read_as_one(runner: StepRunner) -> None:
    results = [(lhs, status) for lhs, status, _ in step_results(SIDE_BY_SIDE, runner)]
    assert all(status != "wrong" for _, status in results), results
    assert any(lhs.startswith("P + Q") for lhs, _ in results), results
