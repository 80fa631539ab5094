r"""False alarms the twenty-fifth hunt found (a helper ran check-latex on 91 public documents (35 repositories) nobody
on the project had used: Korean, Chinese, Spanish, French and Japanese statistics and analysis notes,
statistics homework in Markdown, LaTeX lecture notes, course notebooks) and checked every 'wrong' by
hand: each, reduced to its form, must never be wrong again, and the wrong twin of each must stay wrong.

- DSonDH/Mathematics Statistics_04 (Korean): "모든 고유값 $\lambda_i$는 $\lambda_i^2=\lambda_i$를 만족하므로
  $\lambda_i\in\{0,1\}$" was 'wrong' at λ = 2. The bare name on the right of an equation in it alone
  is the condition it satisfies, as on the left (solved_equations.fixed_point).
- DobbiKov/semester6-lecture-notes statistical-inference lec2 (French, LaTeX): the empirical variance
  ``\frac{1}{n}\sum X_i^2 + \frac{1}{n}\sum \overline{X}^2 - \frac{2}{n}\sum X_i\overline{X} =
  \frac{1}{n}\sum X_i^2 + \overline{X}^2 - 2\overline{X}\overline{X}`` was 'wrong' with X̄ a free
  number: ``\hat{\theta}^{MV} = \overline{X}`` a hundred lines later was read as a definition of the
  bar and turned the sample-mean reading off for the whole page. Only a definition before the step
  does (bar_means).
- Rainybunny/PKU-Lecture-Notes Mathematical Analysis II (Chinese): Taylor estimates with remainders,
  ``(1-\frac{1}{3n}+\mathcal O(\frac{1}{n^2}))(…) = 1-\frac{2}{3n}+\mathcal O(\frac{1}{n^2})`` and
  ``n(e^{n(…+o(\frac{1}{n^2}))+1}-1) = n(…+o(\frac{1}{n}))``, were 'wrong' with O and o numbers. A
  Landau term inside a side is a remainder, not a product (landau).
- TheFoxFairy/my-notebook 图卷积网络 (Chinese, Fourier series) and mendax1234/lecture-notes MA1512
  (LaTeX, complex roots of an ODE): ``e^{ix} = \cos x + i\sin x``, ``\frac{e^{ix}-e^{-ix}}{2i} =
  -i\cdot\frac{e^{ix}-e^{-ix}}{2}``, ``\frac{17}{1+4i}\cdot\frac{1-4i}{1-4i} = \frac{17-68i}{17}`` and
  four more were 'wrong' with i a real number. A wrong step that writes i only as a factor and holds
  with i = √−1 is held (imaginary_unit).
- nahuelrabey/apuntes_IA_final_ALC (Spanish, SVD exam): the power method "Para $k \in 1, \dots, N$:
  $x = Bx$, $x = x / ||x||$" was 'wrong' (as an equation it claims ‖x‖ = 1). A name divided by its
  own norm is an assignment, like ``r = r + 1`` (unclaimed_equations).
- QuentinRa/blog.quentinra.dev maths/probabilities: "$F_X(c) = \mathbb{P}(X \le c) = … =
  \phi(\frac{c-\mu}{\sigma})$", then "$\phi(-x) = 1 - \phi(x)$" was 'wrong' with φ the seeds' ReLU. A
  letter a chain equates with a probability is the document's own function (distribution_letters).
- IgnacioPardo/Inferencia_Estadistica resumen (Spanish): "su varianza es $s^2/n$", then
  ``\frac{\overline{X}_{n} - \mu}{\sqrt{\frac{s^2}{n}}} = \frac{\overline{X}_{n} - \mu}{s/\sqrt{n}}`` was
  'wrong' at s = −1. A name whose square the prose calls a variance is positive (deviation_names).
- the same QuentinRa page, read with its φ the document's own: "We got $\phi(1.64)=0.9495$ and
  $1.65=0.9505$" (a table's entry) was 'wrong'. Two bare decimals side by side compute nothing
  (unclaimed_equations).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.deviation_names import stated_deviations
from derive.checks.latex.imaginary_unit import holds_with_imaginary_i
from derive.checks.latex.normalize import load_notation
from hunt_steps import step_results, step_verdict

NOTATION = load_notation()

IDEMPOTENT = r"""Multiplying by $P^T$ on the left and $P$ on the right gives $\Lambda^2=\Lambda$. So every
eigenvalue $\lambda_i$ satisfies $\lambda_i^2=\lambda_i$, hence $\lambda_i\in\{0,1\}$.
"""


def test_an_equation_with_its_bare_name_on_the_right_is_a_condition(runner: StepRunner) -> None:
    status, message = step_verdict(IDEMPOTENT, r"\lambda_i^2", runner)
    assert status == "inconclusive"
    assert "condition that fixes" in message


def test_an_equation_no_value_satisfies_stays_wrong(runner: StepRunner) -> None:
    twin = IDEMPOTENT.replace(r"$\lambda_i^2=\lambda_i$", r"$\lambda_i^2 + 1=\lambda_i$")
    assert step_verdict(twin, r"\lambda_i^2 + 1", runner)[0] == "wrong"


EMPIRICAL = r"""On appelle variance empirique
$$
\hat{\sigma}_n^2 = \frac{1}{n}\sum_{i=1}^{n} (X_i - \overline{X})^2 = \frac{1}{n}\sum_{i=1}^{n} X_i^2
+ \frac{1}{n}\sum_{i=1}^{n} \overline{X}^2 - \frac{2}{n}\sum_{i=1}^{n} X_i\overline{X}
$$
$$
\frac{1}{n}\sum_{i=1}^{n} X_i^2 + \frac{1}{n}\sum_{i=1}^{n} \overline{X}^2 - \frac{2}{n}\sum_{i=1}^{n} X_i\overline{X}
= \frac{1}{n}\sum_{i=1}^{n} X_i^2 + \overline{X}^2 - 2\overline{X}\overline{X}
$$

Plus loin, le maximum de vraisemblance : $\hat{\theta}^{MV} = \overline{X}$.
"""


def test_a_bar_defined_only_later_is_still_the_sample_mean(runner: StepRunner) -> None:
    status, message = step_verdict(EMPIRICAL, r"\frac{1}{n}\sum_{i=1}^{n} X_i^2 + \frac{1}{n}", runner)
    assert status == "inconclusive"
    assert "sample mean" in message


def test_a_wrong_expansion_with_the_sample_mean_stays_wrong(runner: StepRunner) -> None:
    twin = EMPIRICAL.replace(r"- 2\overline{X}\overline{X}", r"- 3\overline{X}\overline{X}")
    assert step_verdict(twin, r"\frac{1}{n}\sum_{i=1}^{n} X_i^2 + \frac{1}{n}", runner)[0] == "wrong"


def test_a_bar_defined_before_the_step_is_its_definition(runner: StepRunner) -> None:
    # defined as a number before the step, the bar is that number: no mean reading holds it back
    wrong = EMPIRICAL.replace(r"2\overline{X}\overline{X}", r"3\overline{X}\overline{X}")
    before = "Soit $\\overline{X} = 3$.\n\n" + wrong
    assert step_verdict(before, r"\frac{1}{n}\sum_{i=1}^{n} X_i^2 + \frac{1}{n}", runner)[0] == "wrong"


TAYLOR = r"""By Taylor,
$$
\begin{aligned}
\sqrt[3]{\frac{n-1}{n+1}}&=\left(1-\frac{1}{3n}+\mathcal O\left(\frac{1}{n^2}\right)\right)
\left(1-\frac{1}{3n}+\mathcal O\left(\frac{1}{n^2}\right)\right)\\
&=1-\frac{2}{3n}+\mathcal O\left(\frac{1}{n^2}\right).
\end{aligned}
$$
$$
n\left(e^{n\left(-\frac{1}{n+1}+o\left(\frac{1}{n^2}\right)\right)+1}-1\right)
= n\left(\frac{1}{n+1}+o\left(\frac{1}{n}\right)\right)
$$
"""


def test_a_landau_term_inside_a_side_is_a_remainder(runner: StepRunner) -> None:
    results = step_results(TAYLOR, runner)
    assert len(results) == 3
    assert all(status == "inconclusive" and "asymptotic" in message for _, status, message in results)


def test_a_defined_o_and_steps_without_remainders_stay_judged(runner: StepRunner) -> None:
    # one side only writes O(…): a product of the document's O, judged as written
    twin = "Let $O = 2$.\n\n$$\nO(a + b) = 2a + 3b\n$$\n"
    assert step_verdict(twin, "O(a + b)", runner)[0] == "wrong"
    # a wrong expansion beside the estimates, with no remainder written, is judged as before
    assert step_verdict(TAYLOR + "$$\n(1 - x)^2 = 1 - x^2\n$$\n", "(1 - x)^2", runner)[0] == "wrong"


COMPLEX = r"""Euler's formula $e^{ix} = \cos x + i\sin x$ gives
$$
\sin x = \frac{e^{ix}-e^{-ix}}{2i} = -i\cdot \frac{e^{ix}-e^{-ix}}{2}
$$
and for the root $1 + 2i$:
$$
\frac{17}{1+4i}\cdot\frac{1-4i}{1-4i} = \frac{17-68i}{17}
$$
"""


def test_a_step_with_the_imaginary_unit_is_not_refuted_with_i_a_real_number(runner: StepRunner) -> None:
    results = step_results(COMPLEX, runner)
    assert len(results) == 4  # Euler's formula, the sine's two links and the quotient
    assert all(status != "wrong" for _, status, _ in results)
    assert any("imaginary unit" in message for _, _, message in results)


def test_a_wrong_complex_step_stays_wrong(runner: StepRunner) -> None:
    twin = COMPLEX.replace(r"\frac{17-68i}{17}", r"\frac{17+68i}{17}")
    assert step_verdict(twin, r"\frac{17}{1+4i}", runner)[0] == "wrong"


@pytest.mark.parametrize(
    ("lhs", "rhs", "holds"),
    [
        (r"(1+2i)^2", r"-3+4i", True),
        (r"e^{ix}", r"\cos x - i\sin x", False),  # refuted with i = √−1 too
        (r"\sum_{i=1}^n x_i", r"n x_i", False),  # i an index: never the imaginary unit
        (r"x_i + i", r"i + x_i", False),  # i beside its own subscript: an index
        (r"\sin^2 x + \cos^2 x", r"1", False),  # no i at all
    ],
)
def test_when_i_is_read_as_the_imaginary_unit(lhs: str, rhs: str, holds: bool) -> None:
    assert holds_with_imaginary_i(lhs, rhs, NOTATION) is holds


POWER_METHOD = r"""Show that the algorithm converges to $v_1$: for $k \in 1, \dots, N$:

- $x = Bx$
- $x = x / ||x||$
"""


def test_a_name_divided_by_its_own_norm_is_an_assignment(runner: StepRunner) -> None:
    status, message = step_verdict(POWER_METHOD, "x", runner)
    assert status == "inconclusive"
    assert "normalisation" in message


def test_a_wrong_step_beside_the_algorithm_stays_wrong(runner: StepRunner) -> None:
    twin = POWER_METHOD + "\n$$\n(a + b)^2 = a^2 + b^2\n$$\n"
    assert step_verdict(twin, "(a + b)^2", runner)[0] == "wrong"


NORMAL_CDF = r"""If you have $X \sim N(\mu,\ \sigma^2)$, then we have:

\[
F_X(c) = \mathbb{P}(X \le c) = \mathbb{P}(\frac{X-\mu}{\sigma} \le \frac{c-\mu}{\sigma}) = \phi(\frac{c-\mu}{\sigma})
\]

* $\phi(-x) = 1 - \phi(x)$
"""


def test_a_letter_equated_with_a_probability_is_the_documents_function(runner: StepRunner) -> None:
    status, message = step_verdict(NORMAL_CDF, r"\phi(-x)", runner)
    assert status == "inconclusive"
    assert "does not define" in message


def test_without_a_probability_the_letter_keeps_the_notations_meaning(runner: StepRunner) -> None:
    # no chain links φ to a probability: φ is the seeds' ReLU, and φ(-x) = 1 - φ(x) is wrong for it
    twin = "For the hidden layer, $\\phi(-x) = 1 - \\phi(x)$.\n"
    assert step_verdict(twin, r"\phi(-x)", runner)[0] == "wrong"


LOGISTIC = r"""The model: $P(t=1|z) = \sigma(z)$, with

$$\sigma(z) = \frac{1}{1+e^{-z}}$$

$$1 - \sigma(z) = \frac{e^{-z}}{1+e^{-z}}$$
"""


def test_a_sigmoid_equated_with_a_probability_is_still_the_sigmoid(runner: StepRunner) -> None:
    # held-out 3 and 6 (logistic regression): read as undefined, eleven true σ steps went unjudged
    assert step_verdict(LOGISTIC, "1 - \\sigma(z)", runner)[0] == "ok"
    twin = LOGISTIC.replace("= \\frac{e^{-z}}{1+e^{-z}}", "= \\frac{1}{1+e^{-z}}")
    assert step_verdict(twin, "1 - \\sigma(z)", runner)[0] == "wrong"


STUDENT_T = r"""Si $\sigma^2$ es desconocido, entonces $\overline{X}_n$ es insesgado y su varianza es $s^2/n$

Sea $T = \frac{\overline{X}_{n} - \mu}{\sqrt{\frac{s^2}{n}}} = \frac{\overline{X}_{n} - \mu}{s/\sqrt{n}}$.
"""


def test_a_name_whose_square_is_called_a_variance_is_never_negative(runner: StepRunner) -> None:
    assert step_verdict(STUDENT_T, r"\frac{\overline{X}_{n} - \mu}{\sqrt", runner)[0] != "wrong"


def test_a_wrong_step_with_a_standard_deviation_stays_wrong(runner: StepRunner) -> None:
    twin = STUDENT_T.replace(r"{s/\sqrt{n}}", r"{s\sqrt{n}}")
    assert step_verdict(twin, r"\frac{\overline{X}_{n} - \mu}{\sqrt", runner)[0] == "wrong"
    # a letter the prose never calls a deviation stays real: sqrt(t^2) = t is wrong at t = -1
    assert step_verdict(STUDENT_T + "\n$$\n\\sqrt{t^2} = t\n$$\n", r"\sqrt{t^2}", runner)[0] == "wrong"


def test_which_names_the_prose_makes_deviations() -> None:
    text = "la varianza es $s^2/n$. The variance $S_n^{2}$ is estimated. Later, $t^2 = 4$ with variance."
    assert stated_deviations(text, NOTATION) == {"s": "positive", "S_{n}": "positive"}


TABLE = r"""If $\alpha = 0.95$, we search in the table. We got $\phi(1.64)=0.9495$ and $1.65=0.9505$."""


def test_two_bare_decimals_side_by_side_are_a_table_entry(runner: StepRunner) -> None:
    status, message = step_verdict(TABLE, "1.65", runner)
    assert status == "inconclusive"
    assert "table entry" in message


def test_a_wrong_sum_of_decimals_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(TABLE + "\n\nSo $0.3 + 0.4 = 1.5$.\n", "0.3 + 0.4", runner)[0] == "wrong"
