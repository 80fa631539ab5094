"""Names a document gives no formula: a loss (or an intermediate) named by the first step of the
chain that differentiates it (implied_losses), and Andrew Ng's derivative names dz, dW (ng_names).
Right steps must be ok, wrong ones found, and near misses never called wrong."""

from __future__ import annotations

from dataclasses import replace

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.implied_losses import derivative_parts, find_implied
from derive.checks.latex.notation import load_notation

COLUMN = load_notation()


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


def test_slash_and_signed_forms_name_a_loss_too(runner) -> None:
    text = r"""
$$
\partial E/\partial w = \partial((w x - t)^2)/\partial w
$$

$$
\partial E/\partial w = 2(w x - t)x
$$

$$
\frac{\partial C}{\partial a} = -\frac{\partial}{\partial a}\left(y \log a\right) = -\frac{y}{a}
$$

$$
\frac{\partial C}{\partial a} = \frac{y}{a}
$$
"""
    out = results(text, runner)
    # the reader does not read ∂(…)/∂w written with a slash; the reading it gives E is used all the same
    assert [r.status for r in out[1:]] == ["ok", "ok", "ok", "wrong"], [(r.status, r.message) for r in out]
    assert out[0].status != "wrong"
    assert derivative_parts(r"\frac{- \partial \sum_i y_i \log p_i}{\partial p_j}") == (
        r"-\left(\sum_i y_i \log p_i\right)",
        "p_j",
        True,
    )


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


def test_no_reading_of_a_name_the_document_calls_with_arguments(runner) -> None:
    # A Spanish course's notes (held-out 26): e(f_w(x), y) = (f_w(x) - y)^2 is the loss, and
    # \partial e/\partial w = \partial/\partial w \tanh(s) drops its outer factor 2(f - y): a
    # name called with two arguments is a function with its own value, not named by the step.
    text = r"""
$$E_{in}(w) = \frac{1}{N} e(f_w(x), y) = \frac{1}{N}(f_w(x) - y)^2$$

$$\frac{\partial e}{\partial w} = \frac{\partial}{\partial w}\tanh(s)$$
"""
    last = results(text, runner)[-1]
    assert last.status != "ok" and "reading" not in last.message
    assert find_implied(extract(text, markdown=True), COLUMN, {}) == []


def test_a_call_with_one_argument_keeps_the_reading(runner) -> None:
    # p(1 - p) is a product as often as a call: only a comma makes the name a function.
    text = r"""
$$\frac{\partial L}{\partial w} = \frac{\partial}{\partial w}\left(\frac12 (w x - t)^2\right) = (w x - t) x$$

$$L(1 + w) = L + L w$$
"""
    assert [d.name for d in find_implied(extract(text, markdown=True), COLUMN, {})] == ["L"]


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


# ---------------------------------------------------------------- Andrew Ng's names

NG_ONE = r"""
For one example, $z = w x + b$ and $a = \sigma(z)$, with the loss

$$
L = -(y \log a + (1 - y)\log(1 - a))
$$

Back-propagation:

$$
dz = a - y
$$

$$
dw = x\,dz
$$

$$
db = dz
$$
"""


def test_ng_names_of_one_example_are_derivatives_of_its_loss(runner) -> None:
    out = results(NG_ONE, runner)
    ng = [r for r in out if r.step.lhs.startswith("d")]
    assert [r.status for r in ng] == ["ok", "ok", "ok"], [(r.status, r.message) for r in ng]
    assert all("Ng" in r.message for r in ng)


@pytest.mark.parametrize(
    "claim",
    [
        "dz = y - a",  # the sign of the loss's derivative turned round
        r"dw = -x\,dz",  # a dropped minus, the other way
        r"dw = x\,dz + 1",
    ],
)
def test_wrong_ng_steps_of_one_example_are_found(runner, claim: str) -> None:
    out = results(NG_ONE + f"\n$$\n{claim}\n$$\n", runner)
    last = out[-1]
    assert last.status == "wrong", (last.status, last.message)
    cex = last.counterexample
    assert cex is not None and float(cex["lhs"]) != float(cex["rhs"])


NG_NET = r"""
Two layers, $m$ examples as the columns of $X$: $Z^{[1]} = W^{[1]} X + b^{[1]}$,
$A^{[1]} = \tanh(Z^{[1]})$, $Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}$, $A^{[2]} = \sigma(Z^{[2]})$.

$$
dZ^{[2]} = A^{[2]} - Y
$$
"""


@pytest.mark.parametrize(
    "claim",
    [
        r"dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}",  # of the mean, dZ of the sum: Ng's own
        r"dW^{[2]} = dZ^{[2]} A^{[1]T}",  # every name of one loss
        r"dA^{[1]} = W^{[2]T} dZ^{[2]}",
        r"dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 - A^{[1]2})",  # * is numpy's element-wise product
        r"dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T",
    ],
)
def test_ng_names_of_a_network_hold_under_a_convention(runner, claim: str) -> None:
    out = results(NG_NET + f"\n$$\n{claim}\n$$\n", runner)
    last = out[-1]
    assert last.status == "ok", (last.status, last.message)
    assert "Ng" in last.message


@pytest.mark.parametrize(
    "claim",
    [
        r"dW^{[2]} = m\, dZ^{[2]} A^{[1]T}",  # a factor m no convention gives
        r"dW^{[1]} = \frac{1}{m} dZ^{[1]} X",  # the transpose dropped (shapes the document does not declare)
        r"dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 + A^{[1]2})",
    ],
)
def test_ng_near_misses_of_a_network_are_never_ok(runner, claim: str) -> None:
    out = results(NG_NET + f"\n$$\n{claim}\n$$\n", runner)
    assert out[-1].status != "ok", out[-1].message


#: the course's names in bold (d\mathbf{Z}^{[1]}): the font is no differential's
NG_BOLD = r"""
Two layers, $m$ examples as the columns of $\mathbf{X}$:

$$
\begin{aligned}
\mathbf{Z}^{[1]} &= \mathbf{W}^{[1]}\mathbf{X} + \mathbf{b}^{[1]} \\
\mathbf{A}^{[1]} &= \tanh(\mathbf{Z}^{[1]}) \\
\mathbf{Z}^{[2]} &= \mathbf{W}^{[2]}\mathbf{A}^{[1]} + \mathbf{b}^{[2]} \\
\mathbf{A}^{[2]} &= \sigma(\mathbf{Z}^{[2]})
\end{aligned}
$$

$$
d\mathbf{Z}^{[2]} = \mathbf{A}^{[2]} - \mathbf{Y}
$$
"""


@pytest.mark.parametrize(
    "claim, ok",
    [
        (r"d\mathbf{W}^{[1]} = \frac{1}{m} d\mathbf{Z}^{[1]} \mathbf{X}^T", True),
        (r"d\mathbf{W}^{[2]} = \frac{1}{m} d\mathbf{Z}^{[2]} \mathbf{A}^{[1]T}", True),
        (r"d\boldsymbol{A}^{[1]} = \mathbf{W}^{[2]T} d\mathbf{Z}^{[2]}", True),
        # wrong twins: the transpose dropped, the product swapped, a factor m no convention gives
        (r"d\mathbf{W}^{[1]} = \frac{1}{m} d\mathbf{Z}^{[1]} \mathbf{X}", False),
        (r"d\mathbf{W}^{[1]} = \frac{1}{m} \mathbf{X}^T d\mathbf{Z}^{[1]}", False),
        (r"d\mathbf{W}^{[2]} = m\, d\mathbf{Z}^{[2]} \mathbf{A}^{[1]T}", False),
    ],
)
def test_ng_names_in_bold_are_read_as_the_course_names(runner, claim: str, ok: bool) -> None:
    out = results(NG_BOLD + f"\n$$\n{claim}\n$$\n", runner)
    last = out[-1]
    assert (last.status == "ok") is ok, (last.status, last.message)
    if ok:
        assert "Ng" in last.message


def test_a_bold_differential_of_x_keeps_the_document_one_of_differentials(runner) -> None:
    """d\\mathbf{x} is no course name: dz = w^T dx stays a differential, not ∂L/∂z."""
    text = r"""Let $z = \mathbf{w}^T \mathbf{x}$.

$$
dz = \mathbf{w}^T d\mathbf{x}
$$
"""
    out = results(text, runner)
    assert "Ng" not in out[-1].message, out[-1].message


@pytest.mark.parametrize(
    "text",
    [
        # d is a dimension here: dW is d times W
        r"""Let $W \in \mathbb{R}^{d \times n}$.

$$
dW = W d
$$
""",
        # Leibniz and integrals: d is a differential
        r"""$z = w x$ and

$$
dz = \frac{dz}{dw} dw
$$
""",
        # matrix differentials: dW is the differential of W, df = tr(…)
        r"""$\hat Y = X W$ and $f = \|\hat Y - Y\|^2$.

$$
dW = X^T d\hat{Y}
$$

$$
df = \operatorname{tr}\left(2(\hat{Y} - Y)^T d\hat{Y}\right)
$$
""",
        # d named in running text
        r"""Here $d$ is the depth and $z = w x$.

$$
dz = w x
$$
""",
        # L is the number of layers, not a loss: dz is not its derivative
        r"""With $L = 3$ layers, $z = w x + b$ and $a = \sigma(z)$:

$$
dz = a - y
$$
""",
        # no d-name as a side anywhere: dz in a product is not read
        r"""$z = w x$.

$$
w\,dz = dz\,w
$$
""",
    ],
)
def test_no_ng_reading_where_d_is_a_name_or_a_differential(runner, text: str) -> None:
    for r in results(text, runner):
        assert r.status != "wrong", (r.status, r.message)
        assert "Ng" not in r.message or "𝓛" in r.message, r.message  # at most an abstract loss


def test_a_factor_1_over_m_is_a_convention_not_a_mistake(runner) -> None:
    out = results(NG_ONE + "\n$$\ndz = \\frac{1}{m}(a - y)\n$$\n", runner)
    assert out[-1].status == "ok", (out[-1].status, out[-1].message)  # dz of the mean over m examples
    out = results(NG_ONE + "\n$$\ndz = \\frac{1}{m}(y - a)\n$$\n", runner)
    # refuted under two readings; under one example's the 1/m is a symbol only one side has,
    # which the judge never calls wrong (it may be a definition): not ok, and not a false alarm
    assert out[-1].status == "inconclusive", (out[-1].status, out[-1].message)


def test_a_step_wrong_under_every_convention_is_wrong(runner) -> None:
    text = NG_ONE + "\n$$\n(m + 1)\\,db = (m + 1)(y - a)\n$$\n"  # a dropped minus
    out = results(text, runner)
    assert out[-1].status == "wrong", (out[-1].status, out[-1].message)
    assert "each convention" in out[-1].message


# ---------------------------------------------------------------- a minus written inside ∂'s numerator


def test_a_minus_before_the_partial_in_a_numerator(runner) -> None:
    text = r"""
$$
\begin{align}
\frac{\partial L}{\partial p_j} &= \frac{\partial (- \sum_i y_i \log p_i)}{\partial p_j} \\
&= \frac{- \partial \sum_i y_i \log p_i}{\partial p_j}
\end{align}
$$

$$
\frac{-\partial (x^2)}{\partial x} = -2x
$$

$$
\frac{-\partial (x^2)}{\partial x} = 2x
$$

$$
\frac{-d}{dx} x^2 = -2x
$$
"""
    out = results(text, runner)
    assert [r.status for r in out[:4]] == ["ok", "ok", "ok", "wrong"], [(r.status, r.message) for r in out]
    # the operator -d/dx is not read, and never as the fraction (−d)/(dx)
    assert out[4].status == "unparsed", (out[4].status, out[4].message)


def test_no_reading_in_a_document_that_sums_repeated_indices(runner) -> None:
    text = r"""
Repeated indices are summed (Einstein notation).

$$
\frac{\partial C}{\partial \theta_k} = -\frac{\partial}{\partial \theta_k}\left(y_i \log \hat{y}_i\right)
$$

$$
\frac{\partial C}{\partial \hat{y}_k} = -\frac{y_k}{\hat{y}_k}
$$
"""
    for r in results(text, runner):
        assert "reading" not in r.message and r.status != "wrong", (r.status, r.message)
    equations = extract(text, markdown=True)
    assert find_implied(equations, replace(COLUMN, einstein=True), {}) == []
    assert [d.name for d in find_implied(equations, COLUMN, {})] == ["C"]  # read where sums are written


def test_a_reading_from_an_earlier_section_never_makes_a_step_wrong(runner) -> None:
    text = r"""
## Squared error

$$
\frac{\partial L}{\partial w} = \frac{\partial}{\partial w}\left(\frac12 (w x - y)^2\right) = (w x - y) x
$$

$$
\frac{\partial L}{\partial w} = (w x + y) x
$$

## Cross-entropy

With the cross-entropy loss instead:

$$
\frac{\partial L}{\partial w} = (\sigma(w x) - y) x
$$
"""
    out = results(text, runner)
    assert [r.status for r in out[:3]] == ["ok", "ok", "wrong"], [(r.status, r.message) for r in out]
    assert out[3].status == "inconclusive" and "earlier section" in out[3].message, (out[3].status, out[3].message)
