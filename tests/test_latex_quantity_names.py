"""A notation function name the document defines as a quantity and never applies is that quantity
(quantity_names.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.quantity_names import document_quantity_names

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Let $S = e^{y_1} + e^{y_2}$ and $P_1 = e^{y_1}/S$.", {"S"}),
        # applied somewhere: the notation's softmax, S(x)_i
        ("$$S = e^{y_1} + e^{y_2}$$ and $$S(x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$", set()),
        # no value of its own: S_i is the softmax's entry, S = S is nothing
        ("$$S_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$", set()),
        ("$$\\psi = \\psi$$", set()),
        # a Gaussian's spread: squared beside a mean, or after a word for a spread
        ("$$\\frac{(x-\\mu)^2}{2\\sigma^2} = -\\frac{x-\\mu}{\\sigma^2}$$", {"\\sigma"}),
        ("the standard deviation $\\sigma$ of the noise", {"\\sigma"}),
        # the sigmoid applied somewhere keeps its meaning, beside a Gaussian initialisation
        ("$W \\sim \\mathcal{N}(\\mu, \\sigma^2)$ and $a = \\sigma(z)$", set()),
        # bare σ with no spread in sight: the sigmoid of the derivative's variable
        ("$$\\frac{d\\sigma}{dx} = \\sigma(1-\\sigma)$$", set()),
    ],
)
def test_the_names_a_document_makes_quantities(text: str, names: set[str]) -> None:
    assert document_quantity_names(text, NOTATION.functions) == names


_NORMALISER = (
    "Let $S = e^{y_1} + e^{y_2}$.\n\n$$P_1 = \\frac{e^{y_1}}{S}$$\n\n"
    "$$\\frac{1}{S} e^{y_1} - \\frac{1}{S^2} e^{y_1} e^{y_1} = P_1 - P_1^2$$\n\n"
    "$$\\frac{1}{S} e^{y_1} - \\frac{1}{S^2} e^{y_1} e^{y_1} = P_1 + P_1^2$$\n"
)


def test_the_softmax_normaliser_named_s_is_read(runner: StepRunner) -> None:
    # held-out 17 (softmax_ce_zh_walkerwzy): S = e^{y_1} + e^{y_2} + e^{y_3}, then steps with 1/S were
    # "S is softmax of a vector: write the step per index"
    report = check_text(_NORMALISER, NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[5] == "ok"
    assert by_line[7] == "wrong"


_GAUSSIAN = (
    "$$\\frac{\\partial}{\\partial \\mu}\\frac{(x-\\mu)^2}{2\\sigma^2} = -\\frac{x-\\mu}{\\sigma^2}$$\n\n"
    "$$\\frac{\\partial}{\\partial \\mu}\\frac{(x-\\mu)^2}{2\\sigma^2} = \\frac{x-\\mu}{\\sigma^2}$$\n"
)


def test_a_gaussians_spread_is_a_number_not_the_sigmoid(runner: StepRunner) -> None:
    # σ read as σ(μ) refuted the Gaussian log-likelihood's derivative; the sign slip is never ok, and
    # not refuted either: the spread reading is inferred (σ may be a variance in the next row)
    report = check_text(_GAUSSIAN, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "inconclusive"]
    assert "Gaussian's spread" in report.results[1].message


def test_a_spread_slip_without_a_derivative_stays_wrong(runner: StepRunner) -> None:
    # σ was a number outside derivatives before the spread reading too: a posterior's slip stays found
    text = (
        "Let $x \\sim \\mathcal{N}(\\mu, \\sigma^2)$.\n\n"
        "$$\\frac{(x-\\mu)^2}{\\sigma^2} = \\frac{x-\\mu}{\\sigma}$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-1] == "wrong"
