r"""False alarms the twenty-seventh hunt found (a helper ran check-latex on 91 public documents from 58
repositories nobody on the project had used: back-propagation, softmax and logistic-regression notes,
LaTeX homework solutions on statistics and SVMs, course notebooks, French, Chinese, Korean, Spanish and
Russian notes) and checked every 'wrong' by hand: each, reduced to its form, must never be wrong
again, and the wrong twin of each must stay wrong.

- SNaveenMathew/ml_book linear_regression: "$H^2 = HH = … = H$" then
  ``(I-H)(I-H) = I^2 - IH - HI + H^2 = I - 2H + H`` was 'wrong' at H = 2, I = −1. It holds with the
  stated H² = H and I the identity together; each reading alone was tried, never both
  (meant_readings).
- niuers/Learning-From-Data Chapter 8: ``Y \otimes (Xw + b) = [-1, -1, 1]^T \otimes [-0.5, -4.5, 1.9]^T
  = [0.5, 4.5, 1.9]^T`` was 'wrong' ("3×3 against 3×1"): ⊗ between two vectors of one shape is the
  entrywise product there (meant_readings).
- niuers/Learning-From-Data Chapter 9: ``\sum_n \sum_m H_{nm}(y_{\pi_n} y_{\pi_m} - \bar y y_{\pi_m})
  = \sum_{m,n} H_{mn}(y_{\pi_m} y_{\pi_n} - \bar y y_{\pi_n})`` (the indices renamed) was 'wrong':
  y_{\pi_n} was one name for every n. A subscript that is itself indexed by the sum's letter is
  instantiated with it (sympy_build._instantiate).
- pierrelux/mlbook ch3 (French): "Une première idée serait de prendre $p(y=1|\mathbf{x}) =
  \boldsymbol{\theta}^\top \mathbf{x}$, mais cela pose problème" was taken as p's value, and the logit
  step log(μ/(1−μ)) = log(p(y=1|x)/p(y=0|x)) was 'wrong'. An idea proposed in the conditional defines
  nothing (unread_clauses.without_suppositions).
- niuers/Learning-From-Data Chapter 8: "the optimal fat-hyperplane is $-2[x]_2+1 = 0$" was 'wrong' at a
  random x (the notation sizes x, so the matrix judge sampled it). A number against names the page
  gives no value is a condition, as the scalar judge already says (set_equations).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

HAT_MATRIX = r"""The hat matrix is idempotent:

- $H^2 = HH = X(X^TX)^{-1}X^TX(X^TX)^{-1}X^T = X(X^TX)^{-1}X^T = H$
- $(I-H)^2 = (I-H)(I-H) = I^2 - IH - HI + H^2 = I - 2H + H = I - H$
"""

HAT_TWIN = r"""The hat matrix is idempotent:

- $H^2 = HH = X(X^TX)^{-1}X^TX(X^TX)^{-1}X^T = X(X^TX)^{-1}X^T = H$
- $(I-H)^2 = I^2 - IH - HI + H^2 = I - 3H + H$
"""


def test_a_stated_idempotent_beside_the_identity_is_held(runner: StepRunner) -> None:
    status, message = step_verdict(HAT_MATRIX, "I^2 - IH - HI + H^2", runner)
    assert status == "inconclusive", message
    assert "H^2 = H" in message and "identity" in message


def test_a_slip_with_the_idempotent_and_the_identity_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(HAT_TWIN, "I^2 - IH - HI + H^2", runner)[0] == "wrong"


MARGINS = r"""With $Y$ the labels, the margins are

\begin{align*}
Y\otimes (Xw + b) &= \begin{bmatrix}-1 \\ -1 \\ +1\end{bmatrix}
 \otimes \begin{bmatrix}-0.5 \\ -4.5 \\ 1.9\end{bmatrix}\\
&= \begin{bmatrix}0.5\\ 4.5 \\ 1.9\end{bmatrix}
\end{align*}
"""

MARGINS_TWIN = r"""The margins are

$$
\begin{bmatrix}-1 \\ -1 \\ +1\end{bmatrix} \otimes \begin{bmatrix}-0.5 \\ -4.5 \\ 1.9\end{bmatrix}
 = \begin{bmatrix}0.5\\ 4.5 \\ 1.0\end{bmatrix}
$$
"""


def test_otimes_between_vectors_of_one_shape_may_be_entrywise(runner: StepRunner) -> None:
    status, message = step_verdict(MARGINS, r"\begin{bmatrix}-1", runner)
    assert status == "inconclusive", message
    assert "entrywise" in message


def test_otimes_that_fails_entrywise_too_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(MARGINS_TWIN, r"\begin{bmatrix}-1", runner)[0] == "wrong"


PERMUTED = r"""Rename the indices:

$$
\sum_{n=1}^N y_{\pi_n} x_n = \sum_{m=1}^N y_{\pi_m} x_m
$$

$$
\frac{2}{N}\sum^N_{n=1}\sum_m H_{nm}(y_{\pi_n}y_{\pi_m} - \bar{y}y_{\pi_m})
 = \frac{2}{N}\sum_{m,n=1}H_{mn}(y_{\pi_m}y_{\pi_n} - \bar{y}y_{\pi_n})
$$
"""

PERMUTED_TWIN = r"""Rename the indices:

$$
\sum_{n=1}^N y_{\pi_n} x_n = 2\sum_{m=1}^N y_{\pi_m} x_m
$$"""


def test_a_name_indexed_through_a_permutation_follows_the_sum(runner: StepRunner) -> None:
    assert step_verdict(PERMUTED, r"\sum_{n=1}^N y_{\pi_n} x_n", runner)[0] == "ok"
    status, message = step_verdict(PERMUTED, r"\frac{2}{N}", runner)
    assert status != "wrong", message


def test_a_permuted_sum_renamed_with_a_slip_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(PERMUTED_TWIN, r"\sum_{n=1}^N y_{\pi_n} x_n", runner)[0] == "wrong"


PROPOSED = r"""Une première idée serait de prendre $p(y=1|\mathbf{x}) = \boldsymbol{\theta}^\top \mathbf{x}$, mais
cela pose problème: une combinaison linéaire n'est pas une probabilité.

$$
p(y = 1 | \mathbf{x}; \boldsymbol{\theta}) = \sigma(\boldsymbol{\theta}^\top \mathbf{x})
$$

$$
p(y = 0 | \mathbf{x}; \boldsymbol{\theta}) = 1 - \sigma(\boldsymbol{\theta}^\top \mathbf{x})
$$

En notation compacte, la distribution sur $y \in \{0, 1\}$ est une distribution de Bernoulli:

$$
p(y | \mathbf{x}; \boldsymbol{\theta}) = \mu^y (1 - \mu)^{1-y}
$$

où $\mu = \sigma(\boldsymbol{\theta}^\top \mathbf{x})$. En inversant:

$$
\log \frac{\mu}{1 - \mu} = \log \frac{p(y = 1 | \mathbf{x})}{p(y = 0 | \mathbf{x})}
$$
"""

TAKEN = r"""We take $f(x) = 3x$ for the rest of the section. Then

$$
f(2) = 7
$$
"""


def test_an_idea_proposed_in_the_conditional_defines_nothing(runner: StepRunner) -> None:
    status, message = step_verdict(PROPOSED, r"\log \frac{\mu}{1 - \mu}", runner)
    assert status != "wrong", message


def test_a_value_the_page_takes_in_the_indicative_still_refutes(runner: StepRunner) -> None:
    assert step_verdict(TAKEN, "f(2)", runner)[0] == "wrong"


HYPERPLANE = r"""Consider two positive examples at $x_1 = (0,0)$ and $x_2 = (1,0)$, and one negative example at
$x_3 = (0,1)$. It is not hard to find that the optimal fat-hyperplane is $-2[x]_2+1 = 0$, i.e. with
$(b, w) = (1, [0, -2])$.
"""

HYPERPLANE_TWIN = r"""Let

$$
\mathbf{v} = \begin{bmatrix}1 \\ 2\end{bmatrix}
$$

so that

$$
-2[\mathbf{v}]_2 + 1 = 0
$$
"""


def test_a_number_against_names_without_a_value_is_a_condition(runner: StepRunner) -> None:
    status, message = step_verdict(HYPERPLANE, "-2[x]_2", runner)
    assert status == "inconclusive", message
    assert "not an identity" in message


def test_a_number_against_a_defined_vector_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(HYPERPLANE_TWIN, "-2[", runner)[0] == "wrong"
