r"""False alarms the twenty-eighth hunt found (a helper ran check-latex on 91 public documents from 51
repositories nobody on the project had used: back-propagation, softmax and logistic-regression notes,
Obsidian vaults, LaTeX homework in statistics, probability, control and machine learning) and checked
every 'wrong' by hand: each, reduced to its form, must never be wrong again, and the wrong twin of
each must stay wrong (or at least never become ok).

- FrankCCCCC/numerical_optimization: "- $iter = iter + 1$" closing an algorithm was 'wrong' (i·t·e·r
  against itself plus one). A word of several letters written again with a term added is the
  program's counter (unclaimed_equations._update).
- FuatKarakaya/lfd: a list of activations, "**Sigmoid:** $\sigma(x) = \frac{1}{1 + e^{-x}}$", "**Tanh:**
  $\sigma(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}$", had the Tanh item 'wrong' as a slip the prose called
  the sigmoid (the earlier item's word). The name nearest before the value decides (named_definitions).
- Coleram/EECS-460: "$y(0) = c_1 + 2 = 0$", "$\dot{y}(0) = -c_1 + 3c_2 = 0$", then "$c_1 = -2, c_2 =
  -2/3$", where an earlier part gave c_1 and c_2 other values; and "$2\zeta\omega_n = 20, \omega_n^2 = 4$",
  then "$\omega_n = 2, \zeta = 5$". A system solved by the steps that follow (solved_equations).
- Coleram/EECS-460: "$T_s \approx \frac{3}{0.202} = 14.8515s$" beside poles "$s = -3$": the s is the
  unit, seconds (unit_suffix).
- LevinRoman/UW-CSE-546: "$\mathbb{V}[c_j] = … = \frac{\sigma^2}{m}$", then
  ``\frac{d}{dm}(\frac{L^2m^2}{n^2} + \frac{\sigma^2}{m}) = 2\frac{L^2m}{n^2} - \frac{\sigma^2}{m^2}`` was
  'wrong' with σ the sigmoid of m. σ² the value of a variance on its line is a spread (quantity_names).
- HuaTsai/ML-homework: ``\DeclareMathOperator{\E}{\mathbb{E}}``, then the linearity of the expectation
  was 'wrong' with E a number (macros: the operator is the font's letter).
- FrankCCCCC/numerical_optimization: "Since $y_1$ is either 1 or -1", then the SMO dual with
  ``(\zeta y_1 - \alpha_2 y_1 y_2)^2`` written out was 'wrong' at y_2 = 2 (binary_labels: labels ±1).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

COUNTER = r"""The algorithm:

- $b^* = \frac{b_i^* + b_j^*}{2}$
- $iter = iter + 1$
"""


def test_a_counter_written_as_a_word_is_an_update(runner: StepRunner) -> None:
    status, message = step_verdict(COUNTER, "iter", runner)
    assert status == "inconclusive", message
    assert "assignment" in message


def test_a_word_against_its_square_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(COUNTER.replace("iter + 1", "iter^2 + 1"), "iter", runner)[0] == "wrong"


ACTIVATIONS = r"""> Common activation functions include:
> - **Sigmoid:** $\sigma(x) = \frac{1}{1 + e^{-x}}$
> - **ReLU:** $\sigma(x) = \max(0, x)$
> - **Tanh:** $\sigma(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}$
"""

ACTIVATIONS_TWIN = r"""> Common activation functions include:
> - **Tanh:** $\tanh(x) = \frac{e^x - e^{-x}}{e^x + e^{-x}}$
> - **Sigmoid:** $\sigma(x) = \frac{1}{1 + e^{x}}$
"""


def test_an_activation_named_nearest_is_not_the_earlier_items(runner: StepRunner) -> None:
    status, message = step_verdict(ACTIVATIONS, r"\sigma(x)", runner)
    assert status == "inconclusive", message


def test_a_sigmoid_named_nearest_with_a_slip_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ACTIVATIONS_TWIN, r"\sigma(x)", runner)
    assert status == "wrong", message
    assert "Sigmoid" in message


SYSTEM = r"""With the first initial conditions

$$c_1 = -1.17, c_2 = -0.6078$$

For zero initial conditions we get:

$$y(0) = c_1 + 2 = 0$$
$$\dot{y}(0) = -c_1 + 3c_2 = 0$$

So:
$$c_1 = -2, c_2 = -2/3$$
"""


def test_a_system_solved_by_the_steps_after_it_is_held(runner: StepRunner) -> None:
    first, why = step_verdict(SYSTEM, "c_1 + 2", runner)
    assert first == "inconclusive", why
    status, message = step_verdict(SYSTEM, "-c_1 + 3c_2", runner)
    assert status == "inconclusive", message
    assert "system of equations" in message


def test_an_equation_the_values_do_not_solve_stays_wrong(runner: StepRunner) -> None:
    twin = SYSTEM.replace("-c_1 + 3c_2 = 0", "-c_1 + 3c_2 = 1")
    assert step_verdict(twin, "-c_1 + 3c_2", runner)[0] == "wrong"


DAMPING = r"""The first system:
$$2\zeta\omega_n = 2, \omega_n^2 = 10$$ $$\omega_n = \sqrt{10}, \zeta = \frac{1}{\sqrt{10}}$$

The second system:
$$2\zeta\omega_n = 20, \omega_n^2 = 4$$
$$\omega_n = 2, \zeta = 5$$
"""


def test_two_unknowns_solved_together_are_held(runner: StepRunner) -> None:
    status, message = step_verdict(DAMPING, r"2\zeta\omega_n", runner)
    assert status == "inconclusive", message


def test_two_unknowns_that_do_not_solve_it_stay_wrong(runner: StepRunner) -> None:
    twin = DAMPING.replace(r"\omega_n = 2, \zeta = 5", r"\omega_n = 2, \zeta = 4")
    assert step_verdict(twin, r"2\zeta\omega_n", runner)[0] == "wrong"


SETTLING = r"""The pole is $s = -3$. By the dominant pole method:

$$T_s \approx \frac{3}{|Re(P_d)|} = \frac{3}{0.202} = 14.8515s$$
"""


def test_a_number_with_its_unit_is_held(runner: StepRunner) -> None:
    status, message = step_verdict(SETTLING, r"\frac{3}{0.202}", runner)
    assert status == "inconclusive", message
    assert "unit" in message


def test_a_number_with_a_unit_that_the_computation_misses_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(SETTLING.replace("14.8515s", "16.2s"), r"\frac{3}{0.202}", runner)[0] == "wrong"


VARIANCE = r"""Each estimate: $\mathbb{V}[c_j] = \frac{1}{m^2} \sum_k \mathbb{V}[y_k] = \frac{\sigma^2}{m}$.

$$
\frac{d}{dm}( \frac{L^2m^2}{n^2} + \frac{\sigma^2}{m} ) = 2\frac{L^2m}{n^2} - \frac{\sigma^2}{m^2}
$$
"""


def test_a_squared_sigma_a_variance_on_its_line_is_a_number(runner: StepRunner) -> None:
    status, message = step_verdict(VARIANCE, r"\frac{d}{dm}", runner)
    assert status == "ok", message


def test_a_slip_with_sigma_a_variance_is_not_ok(runner: StepRunner) -> None:
    twin = VARIANCE.replace(r"2\frac{L^2m}{n^2} - \frac", r"2\frac{L^2m}{n^2} + \frac")
    assert step_verdict(twin, r"\frac{d}{dm}", runner)[0] != "ok"


EXPECTATION = r"""$\DeclareMathOperator{\E}{\mathbb{E}}$ The entropy:

$$
H = \E\left[\frac{1}{2}\ln(2\pi\sigma^2)+\frac{(x-\mu)^2}{2\sigma^2}\right]
= \frac{1}{2}\ln(2\pi\sigma^2)+\frac{1}{2\sigma^2}\E\left[(x-\mu)^2\right]
$$
"""


def test_an_operator_declared_as_a_font_letter_is_no_name(runner: StepRunner) -> None:
    status, message = step_verdict(EXPECTATION, r"\mathbb{E}\left[\frac{1}{2}", runner)
    assert status != "wrong", message


def test_an_expectation_slip_is_not_ok(runner: StepRunner) -> None:
    twin = EXPECTATION.replace(r"+\frac{1}{2\sigma^2}\E", r"+\frac{1}{\sigma^2}\E")
    assert step_verdict(twin, r"\mathbb{E}\left[\frac{1}{2}", runner)[0] != "ok"


SIGNED = r"""Since $y_1$ is either 1 or -1, thus

$$
(\zeta y_1 - \alpha_2 y_1 y_2) - \frac{1}{2} (\zeta y_1 - \alpha_2 y_1 y_2)^2 K_{1,1}
= (\zeta y_1 - \alpha_2 y_1 y_2) - \frac{1}{2} (\zeta^2 + \alpha_2^2 - 2 \zeta \alpha_2 y_2) K_{1,1}
$$
"""


def test_labels_said_to_be_plus_or_minus_one_are_tried_at_both(runner: StepRunner) -> None:
    status, message = step_verdict(SIGNED, r"(\zeta y_1", runner)
    assert status == "inconclusive", message
    assert "-1 or 1" in message


def test_a_sign_slip_with_labels_plus_or_minus_one_stays_wrong(runner: StepRunner) -> None:
    twin = SIGNED.replace(r"- 2 \zeta \alpha_2 y_2", r"+ 2 \zeta \alpha_2 y_2")
    assert step_verdict(twin, r"(\zeta y_1", runner)[0] == "wrong"
