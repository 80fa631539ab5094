r"""False alarms the thirtieth hunt found (a helper ran check-latex on public documents from
repositories nobody on the project had used: CS229/CSE546-style notes and homework, statistics
and MLE notes, deep-learning blogs, Triton kernel derivations, in English, Chinese and Korean)
and checked every 'wrong' by hand: each, reduced to its form, must never be wrong again, and the
wrong twin of each must stay wrong (or at least never become ok).

- SungchulLee/statistics_book_writing (docs/ch07/mle/gaussian_mle.md): the unbiased variance is
  named by a chain ``S^2 = \frac{n}{n-1}\hat{\sigma}^2_{\text{MLE}} = \frac{1}{n-1}\sum_{i=1}^n
  (X_i - \bar{X})^2`` and the confidence interval then says "where ``S = \sqrt{S^2}``": 'wrong' at
  S = -1. A squared name whose value is a mean is the square of a standard deviation
  (squared_names), but only the chain's first value was looked at, and it writes no sum; a later
  term of the same ``=`` chain that is a mean now names it too.
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict

# SungchulLee/statistics_book_writing, docs/ch07/mle/gaussian_mle.md (lines 103 and 132)
SAMPLE_VARIANCE = r"""The unbiased sample variance is

$$S^2 = \frac{n}{n-1}\hat{\sigma}^2_{\text{MLE}} = \frac{1}{n-1}\sum_{i=1}^n (X_i - \bar{X})^2$$

### For mu (σ² unknown)

$$\bar{X} \pm t_{n-1, \alpha/2}\frac{S}{\sqrt{n}}$$

where $S = \sqrt{S^2}$ and $t_{n-1}$ is the Student's $t$-distribution with $n-1$ degrees of freedom.
"""


def test_a_variance_named_by_a_chain_that_ends_in_a_mean_has_a_root(runner: StepRunner) -> None:
    status, message = step_verdict(SAMPLE_VARIANCE, "S", runner)
    assert status == "ok", message


def test_a_wrong_root_of_the_chain_named_variance_is_never_ok(runner: StepRunner) -> None:
    # "where S = √(2S²)" is a second definition of S beside the variance's: not judged, never ok
    status, message = step_verdict(SAMPLE_VARIANCE.replace(r"$S = \sqrt{S^2}$", r"$S = \sqrt{2 S^2}$"), "S", runner)
    assert status == "inconclusive", message


STANDARD_ERROR = SAMPLE_VARIANCE + "\nThe standard error is\n\n$$\\frac{S}{\\sqrt{n}} = \\sqrt{\\frac{S^2}{n}}$$\n"


def test_the_root_of_a_chain_named_variance_is_used_in_later_steps(runner: StepRunner) -> None:
    status, message = step_verdict(STANDARD_ERROR, r"\frac{S}", runner)
    assert status == "ok", message


def test_a_wrong_step_with_the_root_of_a_chain_named_variance_is_found(runner: StepRunner) -> None:
    status, message = step_verdict(STANDARD_ERROR.replace(r"{S^2}{n}", r"{S^2}{2n}"), r"\frac{S}", runner)
    assert status == "wrong", message


def test_a_chain_that_writes_no_mean_names_no_root(runner: StepRunner) -> None:
    # S^2 = a b = c d is a product, not a variance: S stays a plain symbol, and S = √(S²) is
    # refuted at a negative S as before
    text = SAMPLE_VARIANCE.replace(r"= \frac{1}{n-1}\sum_{i=1}^n (X_i - \bar{X})^2", r"= \frac{n}{n-1} v")
    status, message = step_verdict(text, "S", runner)
    assert status == "wrong", message


# zhangjunhd/machine-learning-notes (recommendation/tutorial_matrix_factorization.ipynb): the
# squared error's chain ends in a sum inside a square; e_ij is a signed error, not a standard
# deviation, and must not become √((r - r̂)²) (its gradient step would then differ where r < r̂)
SQUARED_ERROR = r"""$\hat{r_{ij}} = p_i^Tq_j = \sum_{k=1}^k p_{ik}q_{kj}$

Error estimate:

$e_{ij}^2 = (r_{ij} - \hat{r_{ij}})^2 = (r_{ij} - \sum_{k=1}^K p_{ik}q_{kj})^2$

To minimize the error:

$\frac{\partial}{\partial{p_{ik}}}e_{ij}^2 = -2(r_{ij}-\hat{r_{ij}})(q_{kj}) = -2e_{ij}q_{kj}$
"""


def test_a_squared_error_whose_chain_squares_a_sum_names_no_root(runner: StepRunner) -> None:
    status, message = step_verdict(SQUARED_ERROR, r"-2(r_{ij}", runner)
    assert status != "wrong", message
    assert "the sides use different symbols" in message, message  # e_ij stays its own name
