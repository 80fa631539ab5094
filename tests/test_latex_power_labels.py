"""A bare superscript letter read as a label when, as a power, a step would be wrong (power_labels.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.power_labels import label_reading
from derive.checks.latex.steps import Step

NOTATION = load_notation()


def _step(lhs: str, rhs: str) -> Step:
    return Step(1, lhs, rhs, "=", "display")


def test_the_letters_that_may_be_labels() -> None:
    read = label_reading(_step(r"x_j(-y_k^n + \hat{y}_k^{n})", r"x_j(\hat{y}_k^ny_k)"))
    assert read is not None and "^" not in read.lhs + read.rhs and r"\hat{y}_ky_k" in read.rhs
    assert label_reading(_step("y_k^n", "y_k")) is None  # once only: nothing to weigh
    assert label_reading(_step("x_n^n + y^n", "y")) is None  # n is also an index here
    assert label_reading(_step("n y^n + x^n", "y")) is None  # and a factor here
    assert label_reading(_step("e^x x^x", "x")) is None  # an exponent of e is a power


_SLIPS = (
    "The cost is $C^n(w) = -\\sum_k y_k^n \\ln \\hat{y}_k^n$ for example $n$.\n\n"
    "$$x_j(-y_k^n(1-\\hat{y}_k^n) + y_j^n\\hat{y}_k^n) = x_j(\\hat{y}_k^ny_k-y_k^n+y_j^n\\hat{y}_k^n)$$\n\n"
    "$$x_j(-y_k^n(1-\\hat{y}_k^n) + y_j^n\\hat{y}_k^n) = x_j(\\hat{y}_k^ny_k+y_k^n+y_j^n\\hat{y}_k^n)$$\n\n"
    "$$a^n b^n = (ab)^{n+1}$$\n"
)


def test_a_dropped_label_is_no_error_but_a_wrong_step_stays_wrong(runner: StepRunner) -> None:
    # held-out 18 (a TDT4265 notebook): one y_k^n written y_k mid-line was wrong at n = 2
    by_line = {r.step.line: r for r in check_text(_SLIPS, NOTATION, runner=runner, examples=30, markdown=True).results}
    assert by_line[3].status == "inconclusive" and "label" in by_line[3].message
    assert by_line[5].status == "wrong"  # a sign slip is wrong with n a power or a label
    assert by_line[7].status == "wrong"  # n also in a power that is no label: read as written, wrong


# Sakura-gh/ML-notes 5_Gradient_Descent.md (the twelfth hunt, left open then): "at the t-th update,
# η^t = η/√(t+1)" defines the learning rate of update t; read as η to the power t it was 'wrong'
def test_an_iterations_value_defined_under_iteration_prose_is_not_a_power(runner: StepRunner) -> None:
    text = "举例：假设到了第t次update，此时$\\eta^t=\\eta/ \\sqrt{t+1}$\n"
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    assert result.status == "inconclusive" and "at step t" in result.message, result.message
    english = "At the t-th iteration the rate is\n\n$$\\eta^t = \\frac{\\eta}{\\sqrt{t + 1}}$$\n"
    assert check_text(english, NOTATION, runner=runner, markdown=True).results[-1].status == "inconclusive"


def test_a_power_claim_without_iteration_prose_is_still_wrong(runner: StepRunner) -> None:
    text = "Expanding the power:\n\n$$a^t = a + t$$\n"
    assert check_text(text, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_the_next_iterate_from_this_one_is_an_update_not_a_power(runner: StepRunner) -> None:
    # held-out 28's first sight (evgenyneu's report): "The equation for updating a weight is
    # w^{i+1} = w^{i} - e \sum_j ∂E(y_j)/∂w" was refuted as powers of w; the prose says "updating",
    # which is no iteration word, and the left side at i + 1 beside w^{i} says it all the same
    update = "w^{i+1} = w^{i} - e \\sum_{j=1}^{N} \\frac{\\partial E(y_j)}{\\partial w},"
    text = f"The equation for updating a weight is\n\\[\n  {update}\n\\]\n"
    result = check_text(text, NOTATION, runner=runner, markdown=False).results[-1]
    assert result.status == "inconclusive" and "at step i + 1" in result.message, result.message
    # the right side must write the name at i itself: a^{t+1} = a + t is a claim about powers
    assert check_text("$$a^{t+1} = a + t$$\n", NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"
