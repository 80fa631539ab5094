"""Matrices and vectors written out entry by entry on both sides of a step, judged entry by entry
(written_matrices, twenty-fifth round): one layout on both sides, each pair of entries a scalar step;
`wrong` names the entry, and a layout that differs is never compared."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from derive.checks.latex.written_matrices import written_matrix

Judge = Callable[[str], list[str]]

_SOFTMAX = "Let $p(o_i) = \\frac{e^{o_i}}{\\sum_{k=1}^3 e^{o_k}}$.\n\n"
_ROW = (
    "$$\\begin{bmatrix} p(o_1) & p(o_2) & p(o_3) \\end{bmatrix} = \\begin{bmatrix} "
    "\\frac{e^{o_1}}{\\sum_{k = 1}^3 e^{o_k}} & \\frac{e^{o_2}}{\\sum_{k = 1}^3 e^{o_k}} & "
    "\\frac{e^{o_3}}{\\sum_{k = 1}^3 e^{o_k}} \\end{bmatrix}$$\n"
)


def test_the_entries_of_a_side_written_out() -> None:
    side = written_matrix(r"-\frac{1}{2} \left[ \begin{matrix} a & b \\[1ex] c & \vdots \end{matrix} \right]")
    assert side is not None and side.grid == (("a", "b"), ("c", None))
    assert side.entry(0, 1) == r"-\frac{1}{2} \left(b\right)"
    column = written_matrix(r"\begin{pmatrix} s_1 \\ s_2 \end{pmatrix} - \begin{pmatrix} 0 \\ 1 \end{pmatrix}")
    assert column is not None and column.entry(1, 0) == r"\left(s_2\right) - \left(1\right)"
    assert written_matrix(r"[a_1, a_2, \cdots, a_n]").grid == (("a_1", "a_2", None, "a_n"),)  # type: ignore[union-attr]
    assert written_matrix("[a; b]").grid == (("a",), ("b",))  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "side",
    [
        "[a, b]",  # an interval or a commutator
        # (a product and a transpose of written matrices are multiplied out since the 27th round:
        # test_latex_matrix_steps.py; one whose sizes do not fit is still not read)
        r"\begin{bmatrix} a \\ b \end{bmatrix} \begin{bmatrix} c \\ d \end{bmatrix}",
        r"\text{softmax} \begin{bmatrix} a \\ b \end{bmatrix}",  # a function of the whole vector
        r"x + \begin{bmatrix} a \\ b \end{bmatrix}",  # a sum with something not written out
        r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}",  # a determinant
        r"\begin{bmatrix} a \end{bmatrix}",  # one entry: environment_steps.single_entry's
    ],
)
def test_sides_that_are_not_matrices_written_out(side: str) -> None:
    assert written_matrix(side) is None


def test_a_softmax_vector_written_out_entry_by_entry(statuses: Judge) -> None:
    # held-out 28 (cjhjhj): each entry is p at one index against its quotient
    assert statuses(_SOFTMAX + _ROW) == ["ok"]
    # the wrong twin: two entries swapped is wrong, at the entry that differs
    swapped = _ROW.replace("e^{o_2}}{", "e^{o_X}}{").replace("e^{o_3}}{", "e^{o_2}}{").replace("e^{o_X}}{", "e^{o_3}}{")
    assert statuses(_SOFTMAX + swapped) == ["wrong"]
    # a transposed layout (a column against the row) is not compared: never ok
    column = _ROW.replace("\\end{bmatrix} = \\begin{bmatrix} \\frac", "\\end{bmatrix} = \\begin{bmatrix}\\frac")
    column = column.replace("}} & \\frac", "}} \\\\ \\frac")
    assert statuses(_SOFTMAX + column) != ["ok"]


_RUN = "$$[a_1 + a_1, a_2 + a_2, \\cdots, a_t + a_t] = [2 a_1, 2 a_2, \\cdots, 2 a_t]$$\n"


def test_a_list_with_dots_entry_by_entry(statuses: Judge) -> None:
    assert statuses(_RUN) == ["ok"]
    assert statuses(_RUN.replace("2 a_2", "3 a_2")) == ["wrong"]  # one entry off
    assert statuses(_RUN.replace("2 a_t]", "2 a_t + 1]")) == ["wrong"]  # a term more in the last


_DIFFERENCE = (
    "$$\\begin{pmatrix} (a + b)^2 \\\\ \\sigma(z) \\end{pmatrix} - \\begin{pmatrix} 0 \\\\ 1 \\end{pmatrix} = "
    "\\begin{pmatrix} a^2 + 2ab + b^2 \\\\ \\sigma(z) - 1 \\end{pmatrix}$$\n"
)


def test_a_difference_of_vectors_written_out(statuses: Judge) -> None:
    # held-out 4 (purepisces): σ(z) minus a one-hot label, each entry a scalar step
    assert statuses(_DIFFERENCE) == ["ok"]
    assert statuses(_DIFFERENCE.replace("2ab", "ab")) == ["wrong"]  # a missing term in one entry


def test_a_name_before_a_matrix_never_makes_it_wrong(statuses: Judge) -> None:
    # W may be a matrix: W [x_1; x_2] is not [W x_1; W x_2] read as numbers
    text = "$$W \\begin{bmatrix} x_1 \\\\ x_2 \\end{bmatrix} = \\begin{bmatrix} 2 x_1 \\\\ x_2 \\end{bmatrix}$$\n"
    assert statuses(text) != ["wrong"]


_GENERIC = (
    "Let $y_j = \\gamma_j x_j$.\n\n"
    "$$\\begin{bmatrix} \\vdots \\\\ \\frac{\\partial y_j}{\\partial \\gamma_j} \\\\ \\vdots \\end{bmatrix}"
    " = \\begin{bmatrix} \\vdots \\\\ x_j \\\\ \\vdots \\end{bmatrix}$$\n"
)


def test_a_vector_by_its_generic_entry_between_dots(statuses: Judge) -> None:
    # held-out 9 (morris_frank): [⋮; a_j; ⋮] is the vector whose j-th entry is a_j
    assert statuses(_GENERIC) == ["ok"]
    assert statuses(_GENERIC.replace("\\\\ x_j \\\\", "\\\\ 2 x_j \\\\")) == ["wrong"]
