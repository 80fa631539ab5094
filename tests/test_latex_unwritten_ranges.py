r"""A sum with no range beside a size letter (checks/latex/unwritten_ranges.py): the seventeenth
hunt's batch-norm step ``\frac{2}{N}(x_{il}-\mu_l)\delta_{jl}-\frac{2}{N^2}\sum_p\delta_{jl}
(x_{pl}-\mu_l) = \frac{2}{N}(x_{il}-\mu_l)\delta_{jl}``, true because Σ_p runs over the N examples
the mean μ_l averages (never written), was refuted with N = 1 beside a sum of two terms."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

MEAN = r"$$\mu_l = \frac{1}{N}\sum_p x_{pl}$$" + "\n\n"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (
            r"\frac{2}{N}(x_{il}-\mu_l)\delta_{jl}-\frac{2}{N^2}\sum_p\delta_{jl}(x_{pl}-\mu_l)"
            r" = \frac{2}{N}(x_{il}-\mu_l)\delta_{jl}",
            "inconclusive",
        ),
        (r"\sum_p (x_{pl} - \mu_l)^2 = \sum_p x_{pl}^2 - N\mu_l^2", "inconclusive"),
        # wrong whatever the sum runs over: still wrong
        (r"\sum_p (x_{pl} - \mu_l)^2 = \sum_p x_{pl}^2 - \mu_l^2", "wrong"),
        (
            r"\frac{2}{N}(x_{il}-\mu_l)\delta_{jl}-\frac{2}{N^2}\sum_p\delta_{jl}(x_{pl}-\mu_l)"
            r" = \frac{1}{N}(x_{il}-\mu_l)\delta_{jl}",
            "wrong",
        ),
    ],
)
def test_a_step_that_needs_its_sum_to_run_over_n_terms_is_not_refuted(
    step: str, status: str, runner: StepRunner
) -> None:
    results = check_text(f"{MEAN}$${step}$$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    result = results[-1]
    assert result.status == status, result.message
    if status == "inconclusive":
        assert "run over N terms" in result.message


def test_a_written_range_is_judged_as_before(runner: StepRunner) -> None:
    """Σ_{p=1}^{N} already takes N as its size (sum_bounds): refuted with N terms, it stays wrong."""
    text = r"$$\sum_{p=1}^{N} (x_p - 1) = \sum_{p=1}^{N} x_p - 1$$" + "\n"
    (result,) = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    assert result.status == "wrong", result.message
