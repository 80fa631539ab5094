r"""A step left unread for a derivative whose dependence is not stated (checks/latex/unread_steps.py,
checks/latex/unread_derivatives.py): read with each such derivative one unknown value, a step whose
sides then agree as written (a name replaced by its own definition, δ_j = ∂C/∂z_j) is ok; anything
else stays unread, never wrong."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
#: TDT4265 report (held-out 17, sutne): δ named as the cost's gradient by z, the cost never given a value
CONTEXT = r"""We will be using the following definitions and equations:
$$\begin{aligned}
    w_{ji}&:=w_{ji}-\alpha\frac{\partial C}{\partial w_{ji}}\\
    \delta_j &= \frac{\partial C}{\partial z_j} \\
    \frac{\partial z_j}{\partial w_{ji}}&=x_i\\
\end{aligned}$$

And we also get that:
$$\begin{aligned}
    \delta_{j}&=\frac{\partial C}{\partial z_{j}}\\
    &=\frac{\partial C}{\partial a_{j}}\frac{\partial a_{j}}{\partial z_{j}}\\
    &=\frac{\partial C}{\partial a_{j}}f'(z_{j})\\
    &=\left(\sum_{k} \frac{\partial C}{\partial z_{k}}\frac{\partial z_{k}}{\partial a_{j}}\right)f'(z_{j})
\end{aligned}$$

"""
#: the step that replaces ∂C/∂z_k by its name δ_k
LEFT = r"\left(\sum_{k} \frac{\partial C}{\partial z_{k}}\frac{\partial z_{k}}{\partial a_{j}}\right)f'(z_{j})"


def _last(step: str, runner: StepRunner, context: str = CONTEXT) -> tuple[str, str]:
    report = check_text(f"{context}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    return result.status, result.message


def test_a_name_replaced_by_its_definition_as_a_derivative(runner: StepRunner) -> None:
    right = r"\left(\sum_{k} \delta_k\frac{\partial z_{k}}{\partial a_{j}}\right)f'(z_{j})"
    status, message = _last(f"{LEFT} = {right}", runner)
    assert status == "ok" and "unread" in message, message


def test_a_step_that_needs_the_derivative_stays_unread(runner: StepRunner) -> None:
    # the wrong twin: δ_j for δ_k holds for no reading of C, but it is never called wrong here
    right = r"\left(\sum_{k} \delta_j\frac{\partial z_{k}}{\partial a_{j}}\right)f'(z_{j})"
    status, message = _last(f"{LEFT} = {right}", runner)
    assert status not in ("ok", "wrong"), message
    right = r"\left(\sum_{k} \delta_k\frac{\partial z_{k}}{\partial a_{k}}\right)f'(z_{j})"
    assert _last(f"{LEFT} = {right}", runner)[0] not in ("ok", "wrong")


def test_a_name_that_may_be_a_matrix_is_not_read_as_a_scalar(runner: StepRunner) -> None:
    context = CONTEXT + "Let $\\Delta = \\frac{\\partial C}{\\partial Z}$.\n\n"
    status, message = _last(r"\frac{\partial C}{\partial Z} A = A \Delta", runner, context)
    assert status != "ok", message
    # the same step with scalars' names is read
    context = CONTEXT + "Let $\\beta = \\frac{\\partial C}{\\partial u}$.\n\n"
    status, message = _last(r"\frac{\partial C}{\partial u} a = a \beta", runner, context)
    assert status == "ok" and "unread" in message, message


def test_no_derivative_is_taken_of_an_unread_one(runner: StepRunner) -> None:
    # ∂/∂x of x·∂C/∂z: the unknown value may depend on x through C, so the product rule's second term is unknown
    step = r"\frac{\partial}{\partial x_i}\left(x_i \frac{\partial C}{\partial z_j}\right) = \delta_j"
    status, message = _last(step, runner)
    assert status != "ok", message
