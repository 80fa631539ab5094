r"""A worked example written in matrices (checks/latex/matrix_values.py, worked_matrices.py,
valued_formulas.py): names given numeric matrices are values, a step that computes with them is
judged with them (rounded values ok to the places written, a wrong entry, a transposed product or a
missed activation found), and a result written alone after the document's formula for it is judged
by that formula, an update on a primed name (W') by the update rule, the next iteration using W'.
Rounding, layouts that differ and names with no value stay unjudged, never wrong."""

from __future__ import annotations

from decimal import Decimal

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.matrix_values import document_matrices
from derive.checks.latex.notation import DEFAULT_NOTATION, load_notation

NOTATION = load_notation(DEFAULT_NOTATION)

GIVEN = (
    "Inputs of the example:\n\n"
    "$$x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$$\n\n"
    "$$W_1 = \\begin{bmatrix} 0.1 & 0.2 \\\\ 0.3 & -0.4 \\end{bmatrix}$$\n\n"
    "$$b_1 = \\begin{bmatrix} 0.1 \\\\ 0.1 \\end{bmatrix}$$\n\n"
    "Forward pass:\n\n"
    "$$s_1 = W_1 x + b_1 = \\begin{bmatrix} 0.6 \\\\ -0.4 \\end{bmatrix}$$\n\n"
)


def _one(text: str, runner: StepRunner, lhs: str) -> tuple[str, str]:
    """(status, message) of the last step whose left side is ``lhs`` (the step under test is the
    document's last)."""
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    found = [(r.status, r.message) for r in report.results if r.step.lhs.strip() == lhs]
    assert found, [(r.step.lhs, r.status) for r in report.results]
    return found[-1]


def test_a_product_with_the_documents_values_is_confirmed(runner: StepRunner) -> None:
    status, why = _one(GIVEN + "$$W_1 x = \\begin{bmatrix} 0.5 \\\\ -0.5 \\end{bmatrix}$$\n", runner, "W_1 x")
    assert status == "ok" and "W_{1} (line" in why and "x (line" in why


def test_a_wrong_entry_is_found(runner: StepRunner) -> None:
    # W_1 x = (0.1 + 0.4, 0.3 - 0.8) = (0.5, -0.5), not (0.5, -0.7)
    status, why = _one(GIVEN + "$$W_1 x = \\begin{bmatrix} 0.5 \\\\ -0.7 \\end{bmatrix}$$\n", runner, "W_1 x")
    assert status == "wrong" and "entry (2, 1)" in why


def test_a_transposed_product_is_found(runner: StepRunner) -> None:
    # W_1^T x = (0.1 + 0.6, 0.2 - 0.8) = (0.7, -0.6): the numbers of W_1^T x written for W_1 x
    status, _ = _one(GIVEN + "$$W_1 x = \\begin{bmatrix} 0.7 \\\\ -0.6 \\end{bmatrix}$$\n", runner, "W_1 x")
    assert status == "wrong"


def test_an_activation_is_applied_entry_wise_and_rounded_values_are_ok(runner: StepRunner) -> None:
    # σ(0.6) = 0.64566…, σ(-0.4) = 0.40131…: written to three places
    text = GIVEN + "$$z_1 = \\sigma(s_1) = \\begin{bmatrix} 0.646 \\\\ 0.401 \\end{bmatrix}$$\n"
    assert _one(text, runner, "\\sigma(s_1)")[0] == "ok"


def test_a_missed_activation_is_found(runner: StepRunner) -> None:
    # s_1 written again for σ(s_1)
    text = GIVEN + "$$z_1 = \\sigma(s_1) = \\begin{bmatrix} 0.6 \\\\ -0.4 \\end{bmatrix}$$\n"
    status, why = _one(text, runner, "\\sigma(s_1)")
    assert status == "wrong" and "s_{1} (line" in why


def test_a_truncated_value_is_not_wrong(runner: StepRunner) -> None:
    # u given exactly; σ(0.6) = 0.64566 cut to 0.645 (not rounded): more than rounding explains, by
    # less than a unit of the last place
    given = GIVEN + "$$u = \\begin{bmatrix} 0.6 \\\\ -0.4 \\end{bmatrix}$$\n\n"
    text = given + "$$\\sigma(u) = \\begin{bmatrix} 0.645 \\\\ 0.401 \\end{bmatrix}$$\n"
    assert _one(text, runner, "\\sigma(u)")[0] != "wrong"
    wrong = given + "$$\\sigma(u) = \\begin{bmatrix} 0.635 \\\\ 0.401 \\end{bmatrix}$$\n"
    assert _one(wrong, runner, "\\sigma(u)")[0] == "wrong"


def test_a_result_computed_from_rounded_values_is_ok(runner: StepRunner) -> None:
    # h = (0.646, 0.401) rounded; 0.5 h_1 + 0.25 h_2 = 0.42325 with the rounded values, 0.4231… with
    # the exact ones: written 0.423
    text = (
        GIVEN + "$$h = \\sigma(s_1) = \\begin{bmatrix} 0.646 \\\\ 0.401 \\end{bmatrix}$$\n\n"
        "$$v = \\begin{bmatrix} 0.5 & 0.25 \\end{bmatrix}$$\n\n$$v h = 0.423$$\n"
    )
    assert _one(text, runner, "v h")[0] == "ok"


def test_a_row_written_for_a_column_is_not_compared(runner: StepRunner) -> None:
    status, why = _one(GIVEN + "$$W_1 x = \\begin{bmatrix} 0.5 & -0.5 \\end{bmatrix}$$\n", runner, "W_1 x")
    assert status == "inconclusive" and "transposed" in why


def test_a_name_with_no_value_leaves_the_step_alone(runner: StepRunner) -> None:
    # W_2 is never given numbers: the step is not judged with values
    text = GIVEN + "$$W_2 x = \\begin{bmatrix} 0.5 \\\\ -0.7 \\end{bmatrix}$$\n"
    status, why = _one(text, runner, "W_2 x")
    assert status != "wrong" and "document's values" not in why


def test_a_matrix_with_dots_is_not_judged_with_values(runner: StepRunner) -> None:
    text = GIVEN + "$$W_1 x = \\begin{bmatrix} 0.5 \\\\ \\vdots \\end{bmatrix}$$\n"
    assert _one(text, runner, "W_1 x")[0] != "wrong"


NETWORK = (
    "Inputs:\n\n"
    "$$x = \\begin{bmatrix} x_1 & x_2 \\\\ x_3 & x_4 \\end{bmatrix}"
    " = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$$\n\n"
    "$$W = \\begin{bmatrix} 0.5 & 0.1 \\\\ 0.2 & -0.3 \\end{bmatrix}$$\n\n"
    "$$D = \\begin{bmatrix} 0.1 & 0.1 \\\\ 0.2 & 0.2 \\end{bmatrix}$$\n\n"
    "$$\\alpha = 0.5$$\n\n"
    "The network:\n\n"
    "$$s = W^T x$$\n\n"
    "$$W = W - \\alpha D$$\n\n"
    "Iteration 1:\n\n"
)
# W^T x = [[0.5 + 0.6, 1.0 + 0.8], [0.1 - 0.9, 0.2 - 1.2]]
S_RIGHT = "$$s = \\begin{bmatrix} 1.1 & 1.8 \\\\ -0.8 & -1.0 \\end{bmatrix}$$\n\n"
# W - 0.5 D = [[0.45, 0.05], [0.1, -0.4]]
UPDATE_RIGHT = "$$W' = \\begin{bmatrix} 0.45 & 0.05 \\\\ 0.1 & -0.4 \\end{bmatrix}$$\n\n"


def test_a_result_written_alone_is_judged_by_the_documents_formula(runner: StepRunner) -> None:
    status, why = _one(NETWORK + S_RIGHT, runner, "s")
    assert status == "ok" and "W^T x" in why


def test_a_result_written_alone_with_a_wrong_entry_is_found(runner: StepRunner) -> None:
    wrong = "$$s = \\begin{bmatrix} 1.1 & 1.8 \\\\ -0.8 & -0.1 \\end{bmatrix}$$\n\n"
    status, why = _one(NETWORK + wrong, runner, "s")
    assert status == "wrong" and "entry (2, 2)" in why


def test_an_update_on_a_primed_name_is_judged_by_the_update_rule(runner: StepRunner) -> None:
    assert _one(NETWORK + UPDATE_RIGHT, runner, "W'")[0] == "ok"
    # a step of 1 for the stated α = 0.5: W - D
    wrong = "$$W' = \\begin{bmatrix} 0.40 & 0.00 \\\\ 0.00 & -0.50 \\end{bmatrix}$$\n\n"
    assert _one(NETWORK + wrong, runner, "W'")[0] == "wrong"


def test_the_next_iteration_uses_the_updated_value(runner: StepRunner) -> None:
    # with W' = [[0.45, 0.05], [0.1, -0.4]]: W'^T x = [[0.75, 1.3], [-1.15, -1.5]]
    again = "Iteration 2:\n\n$$s = \\begin{bmatrix} 0.75 & 1.3 \\\\ -1.15 & -1.5 \\end{bmatrix}$$\n"
    results = check_text(NETWORK + S_RIGHT + UPDATE_RIGHT + again, NOTATION, runner=runner, markdown=True).results
    second = [r for r in results if r.step.lhs.strip() == "s"][-1]
    assert second.status == "ok" and "W (line" in second.message


def test_a_formula_from_before_the_example_is_not_used(runner: StepRunner) -> None:
    # the theory's s = W x, before the example's inputs: the numbers are W^T x, not judged against it
    theory = "In general $$s = W x$$ for a layer.\n\n"
    text = theory + NETWORK.replace("$$s = W^T x$$\n\n", "") + S_RIGHT
    assert _one(text, runner, "s")[0] != "wrong"


def test_two_formulas_for_one_name_leave_its_results_alone(runner: StepRunner) -> None:
    text = NETWORK.replace("$$s = W^T x$$\n\n", "$$s = W^T x$$\n\n$$s = W x$$\n\n") + S_RIGHT
    assert _one(text, runner, "s")[0] != "wrong"


def test_inputs_are_exact_and_results_written_alone_are_rounded() -> None:
    # r written to whole numbers and W to two places: inputs, exact; δ written alone to three places
    # (-0.12345… rounded) is a result whose formula lies elsewhere: rounded to its places
    text = (
        "$$r = \\begin{bmatrix} 1 & 2 \\end{bmatrix}$$\n\n"
        "$$W = \\begin{bmatrix} 0.25 & 0.5 \\end{bmatrix}$$\n\n"
        "$$\\delta = \\begin{bmatrix} -0.123 \\\\ 0.457 \\end{bmatrix}$$\n\n"
        "$$a = W r^T = 1.25$$\n\n$$a = 1.3$$\n"
    )
    values = {(v.name, v.at[0]): v for v in document_matrices(extract(text, markdown=True), NOTATION)}
    assert values["r", 1].units == ((Decimal(0), Decimal(0)),)
    assert values["W", 3].units == ((Decimal(0), Decimal(0)),)
    assert values["\\delta", 5].units == ((Decimal("0.001"),), (Decimal("0.001"),))
    assert values["a", 7].units == ((Decimal("0.01"),),)  # computed: after a formula
    assert values["a", 9].units == ((Decimal("0.1"),),)  # a second value


def test_a_single_number_after_its_formula_is_never_called_wrong(runner: StepRunner) -> None:
    # u = x^T x = 5 for the document's x; 6 written alone after the formula: numeric_values' rule, held
    text = (
        "$$x = \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}$$\n\n$$u = x^T x$$\n\nThe example:\n\n$$u = 6$$\n"
    )
    assert _one(text, runner, "u")[0] != "wrong"
    # u = 5 holds: the matrix reading's difference (at values it drew for x) is held, not a wrong
    status, why = _one(text.replace("u = 6", "u = 5"), runner, "u")
    assert status == "inconclusive" and "equal to the places written" in why


def test_a_wrong_from_numbers_read_exactly_is_held_when_their_rounding_explains_it(runner: StepRunner) -> None:
    # δ written alone to three places (-0.12345… rounded), the product computed from the unrounded δ:
    # exact numbers differ by 0.0009 in the first row, which δ's rounding explains
    text = (
        "$$r = \\begin{bmatrix} 1 & 2 \\end{bmatrix}$$\n\n"
        "$$\\delta = \\begin{bmatrix} -0.123 \\\\ 0.457 \\end{bmatrix}$$\n\n"
        "$$\\delta r = \\begin{bmatrix} -0.1235 & -0.2469 \\\\ 0.4568 & 0.9136 \\end{bmatrix}$$\n"
    )
    status, why = _one(text, runner, "\\delta r")
    assert status == "inconclusive" and "not called wrong" in why
    # a real slip stays wrong: 0.9 for 0.457 · 2
    assert _one(text.replace("0.9136", "0.8136"), runner, "\\delta r")[0] == "wrong"
