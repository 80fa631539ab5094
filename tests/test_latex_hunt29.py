r"""False alarms the twenty-ninth hunt found (a helper ran check-latex on 91 public documents from 30
repositories nobody on the project had used: CS229 and CS231n notes, deep-learning and machine-learning
notes in English, Chinese and Polish, VAE, GMM and diffusion write-ups, DSC 40A exam solutions) and
checked every 'wrong' by hand: each, reduced to its form, must never be wrong again, and the wrong
twin of each must stay wrong (or at least never become ok).

- dsc-courses/practice.dsc40a.com (problems/ss1-25-midterm/ss1-25-midterm-q01.md): the γ-risk
  ``R_{\gamma}(a, b) = \gamma a^2 + \frac{1}{n}\sum_{i=1}^{n} (y_i - (ax_i + b))^2``, the normal
  equation solved for ``b = \bar{y} - a\bar{x}``, then the Hessian entry ``\frac{\partial^2
  R_\gamma}{\partial a^2} = 2\gamma + \frac{2}{n}\sum_{i=1}^{n} x_i^2`` was 'wrong': b's value was put
  in before differentiating by a. b is one of R_γ's arguments, which a partial derivative holds
  fixed (partial_arguments).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

RISK = r"""Define the $\gamma$-risk

$$
R_{\gamma}(a, b) = \gamma a^2 + \frac{1}{n}\sum_{i=1}^{n} (y_i - (ax_i + b))^2.
$$

From the derivative by $b$:

$$
\begin{align*}
b &= \bar{y} - a\bar{x}
\end{align*}
$$

where $\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i$ and $\bar{y} = \frac{1}{n}\sum_{i=1}^{n} y_i$.

**Second partial derivatives:**

$$
\begin{align*}
\frac{\partial^2 R_\gamma}{\partial a^2} &= 2\gamma + \frac{2}{n}\sum_{i=1}^{n} x_i^2\\
\frac{\partial^2 R_\gamma}{\partial b^2} &= \frac{2}{n}\sum_{i=1}^{n} 1 = 2
\end{align*}
$$
"""

HESSIAN = r"\frac{\partial^2 R_\gamma}{\partial a^2}"


def test_a_partial_derivative_holds_the_other_argument_fixed(runner: StepRunner) -> None:
    status, message = step_verdict(RISK, HESSIAN, runner)
    assert status == "ok", message
    assert "partial derivative" in message


def test_a_wrong_hessian_entry_is_never_ok(runner: StepRunner) -> None:
    # with b held fixed it is wrong, but the step may mean the derivative at b's value (put in after
    # differentiating), which is not judged: inconclusive, never ok
    status, message = step_verdict(RISK.replace(r"&= 2\gamma +", r"&= \gamma +"), HESSIAN, runner)
    assert status == "inconclusive", message
    assert "holds b fixed" in message


def test_a_wrong_derivative_by_the_other_argument_stays_wrong(runner: StepRunner) -> None:
    # by b, the other argument a has no value: nothing was put in, the verdict stands
    wrong = RISK.replace(r"\frac{2}{n}\sum_{i=1}^{n} 1 = 2", r"\frac{2}{n}\sum_{i=1}^{n} 1 = 3")
    assert step_verdict(wrong, r"\frac{2}{n}", runner)[0] == "wrong"


def test_a_value_that_does_not_write_the_variable_keeps_the_verdict(runner: StepRunner) -> None:
    # b = 3 is the same put in before or after differentiating by a: a wrong step stays wrong
    fixed = RISK.replace(r"b &= \bar{y} - a\bar{x}", "b &= 3").replace(r"&= 2\gamma +", r"&= \gamma +")
    assert step_verdict(fixed, HESSIAN, runner)[0] == "wrong"
