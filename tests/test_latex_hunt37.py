r"""False alarms the thirty-seventh hunt found (95 public documents from repositories nobody on
the project had used: information-theory and signals course notes, Bayesian-statistics Quarto
chapters, estimator-property beamer slides and notebooks, numerical-analysis lectures, German
analysis notes, deep-learning notes that name their layers and losses) and checked every 'wrong'
by hand. The classes fixed inside a module with a test file of its own are tested there
(log_powers: ``\log {(2\pi e)}^n``; stated_log_base: bits; binomial_columns; quaternion_units;
redistributed_variables); this file keeps the others:

- hehelego/WhyNotMarkdown (Signals-and-Systems-Overview.md, line 307): ``e^{j\omega n} =
  e^{j(\omega + 2\pi) n}`` for a discrete signal x[n]: with j = √−1 it holds at whole n only, and the
  imaginary-unit reading tried real n (imaginary_unit, seeded_points).
- Callisto95/logseq-TU-BS (Konvergenz.md, line 34): ``\left|\frac{1}{k}\right| = \frac{1}{k}`` for the
  sequence a_k = 1/k with ``\lim_{k\rightarrow\infty}``: refuted at k = −1; a letter sent to infinity
  and written as a subscript counts a sequence's terms and is positive (stated_signs).
"""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.imaginary_unit import holds_with_imaginary_i
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


# a discrete-time exponential (made up with k, N, m): periodic in its frequency over whole indices
def test_a_discrete_exponential_periodic_over_whole_indices_is_not_wrong(
    statuses: Callable[[str], list[str]],
) -> None:
    text = (
        "For the sequence $s[m]$ we have $$e^{j\\theta m} = e^{j(\\theta + 2\\pi) m}$$\n\n"
        "$$e^{-j2\\pi k m/N} = e^{-j2\\pi (k+N) m/N}$$\n\n"
        "$$e^{j\\theta m} = e^{j(\\theta + \\pi) m}$$\n\n"  # wrong at odd m: still found
        "$$e^{-j2\\pi k m/N} = e^{-j2\\pi (k+1) m/N}$$\n"  # wrong: still found
    )
    assert statuses(text) == ["inconclusive", "inconclusive", "wrong", "wrong"]


def test_whole_indices_are_tried_only_after_real_points_fail() -> None:
    # at real m the periodicity fails; at whole m it holds
    lhs, rhs = r"e^{j\theta m}", r"e^{j(\theta + 2\pi) m}"
    assert not holds_with_imaginary_i(lhs, rhs, NOTATION, letter="j")
    assert holds_with_imaginary_i(lhs, rhs, NOTATION, letter="j", integers=frozenset("m"))
    # a letter that is not read as √−1 (an index) is not tried either way
    assert not holds_with_imaginary_i(r"x_j e^{j m}", r"x_j e^{j(m + 2\pi)}", NOTATION, letter="j")


# a null sequence (made up with n and b_n): n counts the terms
NULL_SEQUENCE = r"""Let $b_n = \frac{2}{n}$. Claim: $\lim_{n \to \infty} b_n = 0$. Indeed
$$\left|\frac{2}{n} - 0\right| = \left|\frac{2}{n}\right| = {rhs}$$"""


def test_a_sequence_index_is_positive(statuses: Callable[[str], list[str]]) -> None:
    assert statuses(NULL_SEQUENCE.replace("{rhs}", r"\frac{2}{n}"))[-1] != "wrong"


def test_a_step_wrong_for_positive_indices_is_still_wrong(statuses: Callable[[str], list[str]]) -> None:
    assert statuses(NULL_SEQUENCE.replace("{rhs}", r"\frac{2}{n} - 1"))[-1] == "wrong"


def test_without_the_sequence_the_sign_is_not_known(statuses: Callable[[str], list[str]]) -> None:
    text = "For the function $g(x) = 2/x$:\n$$\\left|\\frac{2}{x}\\right| = \\frac{2}{x}$$"
    assert statuses(text)[-1] == "wrong"

