r"""False alarms the thirty-fifth hunt found (90 public documents from 27 repositories nobody on
the project had used: calculus exercise sheets, statistical physics and cosmology notes, an
ODE course's exam solutions, signal-processing lectures, econometrics and finance notes, quantum
chemistry notebooks) and checked every 'wrong' by hand. Each class has its own module and test
file (limit_rows, operator_brackets, upper_indices, magnitude_names, eigen_equations,
derivative_orders, right_column_asides); this file keeps the one fixed inside an existing module:

- CesarePeli/Math_Physics_Logic (university/math/calculus-1/integration-by-parts.md, line 61):
  "$f=x$, $g'=\cos x$. Then $f'=1$, $g=\sin x$" after the first exercise's $g(x)=e^x$; ``g' =
  \cos x`` was judged against e^x. A name given a value later on the step's line is the value
  the step may mean (redefined_steps._held_for_later_values).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

# integration by parts exercise by exercise (made up here with u and v)
EXERCISES = r"""### Exercise 1

Take $u = x$, $v(x) = e^{{x}}$. Then $u' = 1$, $v'(x) = e^{{x}}$.

### Exercise 2

Take $u = x$, $v' = {derivative}$. Then $u' = 1$, $v = {value}$.
"""


def test_a_derivative_set_up_for_the_next_exercise_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(EXERCISES.format(derivative=r"\cos x", value=r"\sin x"), "v'", runner)
    assert status == "inconclusive", message
    assert "later on this line" in message


def test_a_derivative_wrong_for_the_new_value_too_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(EXERCISES.format(derivative=r"\sin x", value=r"\cos x"), "v'", runner)
    assert status == "wrong", message


# a plain name given its value after the step: the step may mean it
LATER_VALUE = r"""First $h = x^2$.

Then $h + 1 = {rhs}$, where $h = \sin x$.
"""


def test_a_plain_name_given_its_value_later_on_the_line(runner: StepRunner) -> None:
    status, message = step_verdict(LATER_VALUE.format(rhs=r"\sin x + 1"), "h + 1", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(LATER_VALUE.format(rhs=r"\sin x + 2"), "h + 1", runner)
    assert status == "wrong", message


# solving an equation (ryanmaguire/Mathematics-and-Physics, elementary_algebra.tex line 445, made up here)
SOLVING = r"""Solve for $m$: $\frac{1}{3}(m+6) = \frac{1}{2}(m-4)$. Multiplying both sides by $6$,
we have $LHS = 3(m-4)$, so $m = 24$."""


def test_an_equation_after_an_operation_on_both_sides_is_a_condition(runner: StepRunner) -> None:
    status, message = step_verdict(SOLVING.replace("LHS", "2(m+6)"), "2(m+6)", runner)
    assert status == "inconclusive", message
    status, message = step_verdict(SOLVING.replace("LHS", "2(m+6)"), r"\frac{1}{3}", runner)
    assert status == "inconclusive", message


def test_an_identity_after_both_sides_is_still_judged_where_no_name_is_in_it(runner: StepRunner) -> None:
    status, message = step_verdict(r"Adding 2 to both sides, we have $3 + 2 = 6$.", "3 + 2", runner)
    assert status == "wrong", message


# a number with a tight thousands separator (ryanmaguire/Mathematics-and-Physics, line 1529)
def test_a_thousands_comma_kept_tight_is_one_number(runner: StepRunner) -> None:
    status, message = step_verdict(r"In scientific notation $45,\!600 = 4.56 \times 10^{4}$.", r"45,\!600", runner)
    assert status == "ok", message
    status, message = step_verdict(r"In scientific notation $45,\!600 = 4.56 \times 10^{3}$.", r"45,\!600", runner)
    assert status == "wrong", message


# an initial-value problem after an earlier question's y (sackn/diffeq, laplaceTransforms.md, made up here)
IVP = r"""First $y = e^{3t}$.

**Question 2:** Solve $\ddot{y} + 9y = 0$ with the conditions $y(0) = 1$ and $\dot{y}(0) = 5$."""


def test_an_initial_condition_is_a_condition(runner: StepRunner) -> None:
    status, message = step_verdict(IVP, r"\dot{y}(0)", runner)
    assert status == "inconclusive", message


# an expanded power that goes on (sackn/diffeq, series.md line 153, made up here)
def test_a_product_that_goes_on_with_an_ellipsis_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(r"Expand: $$k^k = (k)(k)(k)(k)(k)...$$", "k^k", runner)
    assert status != "wrong", message
    status, message = step_verdict(r"Expand: $$k^3 = (k)(k)(k)(k).$$", "k^3", runner)
    assert status == "wrong", message
