r"""Labels and word subscripts (checks/latex/example_labels.py): ``y^{(i)}`` under ``\sum_i`` is the
i-th example, and a subscript that is a word (``z_{max}``, ``Z_{target}``) names one entry: its
letters are no indices (kyuusaku's softmax notes: 'a step with 4 free indices' for i, m, a, x)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.example_labels import instantiate_label, word_subscript
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def test_a_letter_label_takes_its_index_value() -> None:
    assert instantiate_label("(i)", {"i": 2}) == "(2)"
    assert instantiate_label("[l]", {"i": 2}) == "[l]"


def test_word_subscripts() -> None:
    assert word_subscript("max") and word_subscript("target") and word_subscript("pred")
    assert not word_subscript("ij") and not word_subscript("k") and not word_subscript("o1")
    # four letters or more (E_{total}, L_{train}); three at most are indices (W_{ijk}, W_{kk})
    assert word_subscript("total") and word_subscript("train") and word_subscript("out")
    assert not word_subscript("ijk") and not word_subscript("kk") and not word_subscript("in")


SHIFTED = r"\frac{e^{z_i - z_{max}}}{\sum_{k=1}^{K} e^{z_k - z_{max}}}"


@pytest.mark.parametrize(
    ("step", "judged"),
    [
        (SHIFTED + r" = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{z_k}}", "ok"),
        (r"-\log \frac{e^{Z_{target}}}{\sum_{i=1}^{n} e^{Z_i}} = -Z_{target} + \log \sum_{i=1}^{n} e^{Z_i}", "ok"),
        # wrong whatever z_max is, but z_max appears on one side only: not judged wrong (a shift that
        # cancels is what the left side claims), and never ok
        (SHIFTED + r" = \frac{e^{z_i}}{\sum_{k=1}^{K} e^{2 z_k}}", "inconclusive"),
    ],
)
def test_a_word_subscript_is_one_name_not_three_indices(step: str, judged: str, runner: StepRunner) -> None:
    report = check_text(f"$${step}$$\n", NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == [judged], [r.message for r in report.results]


# korniak's Polish worked example (held-out 19): E_{total} = ½ Σ_o (d_o − out_o)² read as a family of
# E indexed by t, o, a, l gave the step four free indices, one of them (o) the output's own
TOTAL = "$$E_{total} = \\sum_{o=1}^{2} \\frac{1}{2}(d_{o} - out_{o})^2$$\n\n"


def test_a_word_subscript_of_a_defined_name_gives_no_free_index(runner: StepRunner) -> None:
    step = "$$\\frac{\\partial E_{total}}{\\partial out_{o}} = -(d_{o} - out_{o})$$\n"
    results = check_text(TOTAL + step, NOTATION, runner=runner, markdown=True, examples=30).results
    assert results[-1].status == "ok", results[-1].message
    wrong = step.replace("-(d_{o}", "(d_{o}")
    results = check_text(TOTAL + wrong, NOTATION, runner=runner, markdown=True, examples=30).results
    assert results[-1].status == "wrong" and "a = 1" not in results[-1].message, results[-1].message


# hunt 15 (ACBGZM's Chinese notes on Ng's course): "$L=4$, $n^{[L]}=1$, $n^{[1]} = n^{[2]} = 5$" gave
# n^{[2]} the last layer's 1 (its label letter read as every layer's), so "n^{[2]} = 5" was wrong
def test_a_capital_or_valued_label_letter_is_one_layer_not_every_layer(runner: StepRunner) -> None:
    text = "Here $L=4$, $n^{[L]}=1$, $n^{[1]} = n^{[2]} =5$.\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["inconclusive", "inconclusive"], [r.message for r in report.results]
    text = "Here $n^{[l]}=1$ for every layer, so $n^{[2]} + 1 = 3$.\n"  # a generic l still gives layer 2 its value
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["wrong"], [r.message for r in report.results]


def test_an_examples_definition_still_finds_a_wrong_value(runner: StepRunner) -> None:
    text = "$$\\hat y^{(i)} = 2 x^{(i)}$$ with $x^{(2)} = 3$, so $\\hat y^{(2)} + 1 = 8$.\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert report.results[-1].status == "wrong", report.results[-1].message
