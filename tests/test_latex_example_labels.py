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
