r"""A distribution summed over all its values (checks/latex/distribution_sums.py): the EM chapter of
datawhalechina/pumpkin-book writes ``\ln P(X|\theta) = \sum_Z P(Z|X,\theta) \ln P(X|\theta)``, true
because the values sum to one; sampled values do not."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.distribution_sums import summed_distribution
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("$$\na - 1\\cdot \\ln P(X\\vert\\theta) = a - \\sum_Z P(Z\\vert X,\\theta)\\cdot \\ln P(X\\vert\\theta)\n$$\n",
         "inconclusive"),
        # the wrong twin: a sum over a letter that is no probability's event stays judged
        ("$$\n\\sum_i x_i P(y|x_i) = 2 \\sum_i x_i P(y|x_i)\n$$\n", "wrong"),
    ],
)
def test_a_distribution_summed_over_its_event_is_one(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (r"\sum_Z P(Z\vert X)", "P(Z|…)"),
        (r"\sum_{z} p(z \mid x) f(z)", "P(z|…)"),
        (r"\sum_{i=1}^{n} P(i|x)", None),  # bounds: a finite sum the page sizes
        (r"\sum_i P(y|x_i)", None),  # i is no event of P
    ],
)
def test_which_sums_are_over_a_distributions_event(text: str, found: str | None) -> None:
    assert summed_distribution(text) == found
