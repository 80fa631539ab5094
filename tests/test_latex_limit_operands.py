r"""Two limits at one point that SymPy cannot settle: ok when their operands are proved equal
(the same function has the same limit), and left unread otherwise, never wrong."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.limit_operands import _limit_parts


def test_limits_of_equal_operands_are_ok_and_of_different_ones_unread(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\lim_{x \\rightarrow +\\infty} \\sigma(x) = \\lim_{x \\rightarrow +\\infty} \\frac{1}{1+e^{-x}}$$\n\n"
        "$$\\lim_{x \\rightarrow +\\infty} \\sigma(x) = \\lim_{x \\rightarrow +\\infty} \\frac{1}{1+e^{x}}$$\n"
    )
    assert statuses(text) == ["ok", "unparsed"]


def test_only_a_whole_side_that_is_one_limit_of_one_term_is_taken() -> None:
    assert _limit_parts("\\lim_{x \\to 0} \\frac{f(x)}{x}") == ("x\\to0", "\\frac{f(x)}{x}")
    assert _limit_parts("\\lim_{x \\to 0} f(x) + 1") is None  # the limit is of f(x) alone
    assert _limit_parts("2 \\lim_{x \\to 0} f(x)") is None
    assert _limit_parts("\\lim_{x \\to 0} -f(x)") == ("x\\to0", "-f(x)")
