"""Names a document gives no formula: a loss (or an intermediate) named by the first step of the
chain that differentiates it (implied_losses), and Andrew Ng's derivative names dz, dW (ng_names).
Right steps must be ok, wrong ones found, and near misses never called wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.implied_losses import derivative_parts
from derive.checks.latex.notation import load_notation

COLUMN = load_notation()


@pytest.fixture(scope="module")
def runner():
    with StepRunner(timeout=20) as r:
        yield r


def results(text: str, runner: StepRunner) -> list:
    return check_text(text, COLUMN, runner=runner, examples=30, markdown=True).results


def by_step(text: str, runner: StepRunner) -> dict[str, tuple[str, str]]:
    """(verdict, message) of each step, by its two sides."""
    return {f"{r.step.lhs} = {r.step.rhs}": (r.status, r.message) for r in results(text, runner)}


# ---------------------------------------------------------------- the reading's parts


def test_derivative_parts_reads_both_forms_and_nothing_else() -> None:
    assert derivative_parts(r"\frac{\partial L}{\partial p_j}") == ("L", "p_j", False)
    assert derivative_parts(r"\frac{\partial}{\partial w}\left(\frac12 (w x - t)^2\right)") == (
        r"\frac12 (w x - t)^2",
        "w",
        True,
    )
    assert derivative_parts(r"\frac{dL}{dz}") == ("L", "z", False)
    assert derivative_parts(r"\frac{\partial L}{\partial p_j} x") is None  # a product, not one derivative
    assert derivative_parts(r"\frac{a}{b}") is None


# ---------------------------------------------------------------- a loss named by its first step

SOFTMAX_CE = r"""
$$
\begin{align}
\frac{\partial L}{\partial p_j} &= \frac{\partial (- \sum_i y_i \log p_i)}{\partial p_j} \\
&= -\frac{y_j}{p_j}
\end{align}
$$

Later, on its own:

$$
\frac{\partial L}{\partial p_j} = -\frac{y_j}{p_j}
$$

$$
\frac{\partial L}{\partial p_j} = \frac{y_j}{p_j}
$$
"""


def test_a_loss_named_by_its_first_step_is_read_from_there_on(runner) -> None:
    out = results(SOFTMAX_CE, runner)
    assert [r.status for r in out] == ["ok", "ok", "ok", "wrong"], [(r.status, r.message) for r in out]
    assert "reading L as" in out[0].message  # the defining step says which reading made it true
    assert "reading" not in out[2].message  # a later step is judged, not defined
    cex = out[3].counterexample
    assert cex is not None and float(cex["lhs"]) == -float(cex["rhs"])  # the dropped minus


def test_the_prefix_form_names_a_loss_too(runner) -> None:
    text = r"""
$$
\frac{\partial E}{\partial w} = \frac{\partial}{\partial w}\left(\frac12 (w x - t)^2\right) = (w x - t) x
$$

$$
\frac{\partial E}{\partial w} = (w x - t)
$$
"""
    out = results(text, runner)
    assert [r.status for r in out] == ["ok", "ok", "wrong"], [(r.status, r.message) for r in out]


def test_an_intermediate_named_by_its_first_step(runner) -> None:
    text = r"""
$$
\frac{\partial q_j}{\partial x_i} = \frac{\partial \left( e^{x_j}/\sum_k e^{x_k} \right)}{\partial x_i}
$$

For $i = j$:

$$
\frac{\partial q_i}{\partial x_i} = q_i(1 - q_i)
$$
"""
    out = results(text, runner)
    assert [r.status for r in out] == ["ok", "ok"], [(r.status, r.message) for r in out]


# ---------------------------------------------------------------- near misses: no reading


def test_no_reading_when_the_variables_differ(runner) -> None:
    text = r"""
$$
\frac{\partial L}{\partial w} = \frac{\partial (w x - t)^2}{\partial x}
$$

$$
\frac{\partial L}{\partial w} = 2(w x - t) w
$$
"""
    for status, message in by_step(text, runner).values():
        assert status != "wrong" and "reading" not in message


def test_no_reading_when_the_name_has_a_value_before(runner) -> None:
    text = r"""
$$
L = \frac12 (w x - t)^2
$$

$$
\frac{\partial L}{\partial w} = \frac{\partial (w x - t)^3}{\partial w}
$$
"""
    out = results(text, runner)
    assert out[-1].status == "wrong"  # judged with L's own value, not read as the cube
    assert "reading" not in out[-1].message


def test_a_case_split_refuted_only_at_equal_indices_is_not_wrong(runner) -> None:
    # the i ≠ j case of the softmax Jacobian, its condition in prose only
    text = r"""
$$
\frac{\partial q_j}{\partial x_i} = \frac{\partial \left( e^{x_j}/\sum_k e^{x_k} \right)}{\partial x_i}
$$

For the entries off the diagonal we get

$$
\frac{\partial q_j}{\partial x_i} = -q_i q_j
$$
"""
    out = results(text, runner)
    assert out[-1].status == "inconclusive", (out[-1].status, out[-1].message)


def test_a_name_read_twice_has_two_meanings(runner) -> None:
    text = r"""
$$
\frac{\partial E}{\partial w} = \frac{\partial (w x - t)^2}{\partial w}
$$

Another example:

$$
\frac{\partial E}{\partial w} = \frac{\partial (w - t)^2}{\partial w}
$$

$$
\frac{\partial E}{\partial w} = 2(w x - t) x
$$
"""
    out = results(text, runner)
    assert out[-1].status == "inconclusive", (out[-1].status, out[-1].message)
    assert out[0].status == "ok" and out[1].status == "ok"
