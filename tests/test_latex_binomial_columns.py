r"""A parenthesised two-entry column as the binomial coefficient (binomial_columns): a step refuted
only because the column is read as a 2×1 vector beside a scalar is inconclusive; a vector step
refuted by its values stays wrong."""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.binomial_columns import binomial_columns


def test_a_binomial_probability_written_with_a_column_is_not_wrong(statuses: Callable[[str], list[str]]) -> None:
    # Callisto95/logseq-TU-BS (Zufallsvariable.md): P(X=2) = (3 \\ 2)(1/2)^2(1 - 1/2)^{3-2} = 3/8
    text = (
        "$$\\begin{pmatrix}4\\\\ 1\\end{pmatrix}\\left(\\frac13\\right)\\left(\\frac23\\right)^{3}"
        " = \\frac{32}{81}$$\n\n"
        "$$\\begin{pmatrix}5\\\\ 2\\end{pmatrix} = 10$$\n"
    )
    assert statuses(text) == ["inconclusive", "inconclusive"]


def test_a_vector_step_wrong_by_its_values_is_still_wrong(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\begin{pmatrix}1\\\\ 2\\end{pmatrix} + \\begin{pmatrix}3\\\\ 4\\end{pmatrix}"
        " = \\begin{pmatrix}4\\\\ 5\\end{pmatrix}$$\n\n"  # wrong entry: still wrong
        "$$\\begin{pmatrix}1\\\\ 2\\end{pmatrix} + \\begin{pmatrix}3\\\\ 4\\end{pmatrix}"
        " = \\begin{pmatrix}4\\\\ 6\\end{pmatrix}$$\n"  # right: ok, as before
    )
    assert statuses(text) == ["wrong", "ok"]


def test_only_two_entry_columns_are_read_as_binomials() -> None:
    assert binomial_columns("\\begin{pmatrix}3\\\\ 2\\end{pmatrix} x") == "\\binom{3}{2} x"
    assert binomial_columns("\\begin{pmatrix}n \\\\ k\\end{pmatrix}") == "\\binom{n}{k}"
    assert binomial_columns("\\begin{pmatrix}1\\\\ 2\\\\ 3\\end{pmatrix}") is None  # three entries
    assert binomial_columns("\\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}") is None  # a matrix
    assert binomial_columns("\\begin{pmatrix}a\\end{pmatrix}") is None
    assert binomial_columns("x + y") is None
