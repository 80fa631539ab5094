"""A sum written without brackets takes the terms after it that write its index (sum_scopes.py):
in a definition of a name without index letters, always; in a step, as the other reading a
``wrong`` must also fail."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import load_notation
from derive.checks.latex.sum_scopes import index_terms_end

NOTATION = load_notation()

# the loss of the 2-2-2 network, verbatim (kassi-bertrand/machine-learning-notes,
# tests/data/latex_heldout13/mlp_output_grad_student_kassi.tex line 59, written J = … here), then
# its derivative by one activation: read with the sums ending at the +, the right one was wrong
KASSI = (
    "\\documentclass{article}\n\\begin{document}\n"
    "\\[J = -\\sum\\nolimits_{i = 1}^{1}\\sum\\nolimits_{j=1}^{2} y_j^{[i]} ln(a_j^{[i]}) + "
    "(1 - y_j^{[i]})ln(1 - a_j^{[i]})\\]\n\n"
    "\\[\\frac{\\partial J}{\\partial a_{1}^{[1]}} = "
    "-\\frac{y_1^{[1]}}{a_1^{[1]}} + \\frac{1 - y_1^{[1]}}{1 - a_1^{[1]}}\\]\n\n"
    "\\[\\frac{\\partial J}{\\partial a_{1}^{[1]}} = "
    "-\\frac{y_1^{[1]}}{a_1^{[1]}} - \\frac{1 - y_1^{[1]}}{1 - a_1^{[1]}}\\]\n\n"
    "\\end{document}\n"
)


def test_the_sums_of_a_definition_take_the_terms_that_write_their_index(runner: StepRunner) -> None:
    report = check_text(KASSI, NOTATION, runner=runner, examples=30)
    by_line = {r.step.line: r for r in report.results}
    assert by_line[5].status == "ok", by_line[5].message
    assert by_line[7].status == "wrong", by_line[7].message  # a sign flipped: found


def test_a_step_is_judged_again_with_the_sum_taking_them(runner: StepRunner) -> None:
    text = (
        "$$-\\sum_{j=1}^{2} y_j \\ln a_j + (1 - y_j)\\ln(1 - a_j) = "
        "-\\sum_{j=1}^{2} \\left(y_j \\ln a_j + (1 - y_j)\\ln(1 - a_j)\\right)$$\n\n"
        "$$-\\sum_{j=1}^{2} y_j \\ln a_j + (1 - y_j)\\ln(1 - a_j) = "
        "-\\sum_{j=1}^{2} \\left(y_j \\ln a_j - (1 - y_j)\\ln(1 - a_j)\\right)$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    first, second = report.results
    assert first.status == "ok" and "inside the sum" in first.message, first.message
    assert second.status != "ok", second.message


def test_an_index_reused_free_keeps_the_sum_as_written(runner: StepRunner) -> None:
    # verbatim, tests/data/latex_corpus/softmax_ce_rowvector_mattpetersen.md line 116: j is summed in
    # the numerator and free in e^{x_j} after it (the derivative by x_j): as written, it holds
    text = (
        "$$\\frac{\\partial s(\\mathbf x)_i}{\\partial x_j} = "
        "\\frac{\\sum_j e^{x_j} \\cdot 0 - e^{x_i} e^{x_j}}{(\\sum_j e^{x_j})^2}$$\n\n"
        "where $s(\\mathbf x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$ and $j \\neq i$.\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[0].status != "wrong", report.results[0].message


def test_which_terms_a_sum_takes() -> None:
    def end(text: str, start: int = 0) -> int:
        toks = text.split()

        def product_end(k: int) -> int:
            return next((j for j in range(k + 1, len(toks)) if toks[j] in ("+", "-")), len(toks))

        return index_terms_end(toks, start, product_end(start + 1), "j", product_end)

    assert end("\\sum y _ j + b _ j") == 8  # the second term writes j in a script: taken
    assert end("\\sum y _ j + b _ j - c") == 8  # up to the first term that does not
    # no script j after the sum (ln is a word), a sum of its own, j written outside: as written
    assert end("\\sum y _ j + l n") == 4
    assert end("\\sum y _ j + \\sum b _ j") == 4
    assert end("x _ j + \\sum y _ j + b _ j", 4) == 8


def test_a_side_records_the_open_scope() -> None:
    side = normalize("\\sum_{j=1}^{2} y_j a_j + (1 - y_j) b_j", NOTATION)
    assert side.loose_sums and not side.problems
