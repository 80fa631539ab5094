"""A name applied to the index of a sum is the family's entry there (index_calls.py):
``\\sum_x p(x) \\log q(x)`` is ``\\sum_x p_x \\log q_x``."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()

# verbatim, volvet/notes (tests/data/latex_heldout16/cross_entropy_kl_zh_volvet.md lines 18-22): the
# middle step was "p(…): a function application or a product?"
VOLVET = (
    "$$\n\\begin{align}\nH(p, q) &=  -\\sum_xp(x) \\log q(x) \\\\\\\\\n"
    "&= - \\sum_xp(x) \\log p(x) + \\sum_xp(x) \\log \\frac{p(x)}{q(x)} \\\\\\\\\n"
    "&= H(p) + KL(p || q)\n\\end{align}\n$$\n"
)


def test_a_distribution_at_a_summed_outcome_is_its_entry(runner: StepRunner) -> None:
    report = check_text(VOLVET, NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r for r in report.results}
    assert by_line[4].status == "ok", by_line[4].message


def test_a_wrong_sign_is_found(runner: StepRunner) -> None:
    wrong = VOLVET.replace("\\log p(x) + \\sum_x", "\\log p(x) - \\sum_x")
    report = check_text(wrong, NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r for r in report.results}
    assert by_line[4].status == "wrong", by_line[4].message


def test_what_is_not_read_as_an_entry() -> None:
    # a number (counted from 0 or 1?), a letter no sum runs over, a name with a subscript, a layer
    # letter (tests/data/latex_heldout12/backprop_scalar_to_matrix_koerbitz.md: layer l of example j)
    for side in ("-\\log Q(1)", "Q(y) - P(y)", "\\sum_{i=0}^c e^{h_{m}(i)}", "\\sum_{j=1}^m \\delta^{l\\,(j)}"):
        assert normalize(side, NOTATION).problems, side
    entries = normalize("\\sum_k P(k)\\log Q(k)", NOTATION)
    assert not entries.problems and {"P_{k}", "Q_{k}"} <= set(entries.symbol_names)


def test_a_wrong_must_fail_where_the_distribution_sums_to_one(runner: StepRunner) -> None:
    # the divergence from the uniform distribution: true for p summing to one, and only there
    kl = "\\sum_{x=1}^{n} p(x) \\log \\frac{p(x)}{1/n} = \\sum_{x=1}^{n} p(x) \\log p(x) {} \\log n"
    text = f"$${kl.replace('{}', '+')}$$\n\n$${kl.replace('{}', '-')}$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    right, wrong = report.results
    # a family of outcomes (index_calls) or any family a sum expands (unstated_sums): not refuted there
    assert right.status == "inconclusive" and ("distribution" in right.message or "sum to one" in right.message)
    assert wrong.status == "wrong" and "sum of p entries = 1" in wrong.message, wrong.message
