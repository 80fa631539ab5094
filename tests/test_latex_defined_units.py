r"""A unit letter written only in a definition (imaginary_unit.py, _defined_unit): with ``V_M =
\exp(-j2\pi/M)`` defined, ``V_2^{k}V_2^{k} = 1`` holds for j = √−1 and whole k, and is refuted only
with j a real number the step never writes: held back, not wrong. A wrong step whose definitions
write j as an index (softmax) stays wrong. An eigen-system solved on its next row with i the
imaginary unit (solved_equations.py, _system_unit) is held the same way."""

from __future__ import annotations

from collections.abc import Callable

TWIDDLE = (
    "The weighting factor is\n\n$$V_N=\\exp\\left(-\\frac{j2\\pi}{N}\\right)$$\n\nIts powers repeat:\n\n"
    "$$\n\\begin{eqnarray*}\nV_4^{1k} &=& \\exp\\left(-j(\\pi/2)k\\right) = (-j)^k;\\\\\n"
    "V_4^{2k} &=& \\exp\\left(-j\\pi k\\right) = (-1)^k;\\\\\n%s\n\\end{eqnarray*}\n$$\n"
)


def test_a_step_refuted_only_through_a_definitions_unit_is_held(statuses: Callable[[str], list[str]]) -> None:
    # true with j = √−1 and whole k; refuted at j = 1, a value of a letter the step never writes
    assert statuses(TWIDDLE % "V_4^{3k} &=& V_4^{2k}V_4^{1k}=(-1)^k V_4^{1k}.")[-1] == "inconclusive"


def test_a_step_refuted_without_the_unit_stays_wrong(statuses: Callable[[str], list[str]]) -> None:
    # the counterexample needs no value of j: 2 ≠ 3 whatever the unit is
    assert statuses(TWIDDLE % "V_4^{3k} &=& 2 = 3.")[-1] == "wrong"


def test_j_as_an_index_in_a_definition_rescues_nothing(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$p_j = \\frac{e^{z_j}}{\\sum_k e^{z_k}}$$\n\n"
        "$$\\frac{\\partial p_j}{\\partial z_j} = p_j(1 + p_j)$$\n"
    )
    assert statuses(text)[-1] == "wrong"


# an eigen-system solved on its next row (the thirty-sixth hunt's PH651 worksheet): the earlier block's
# x and y are another eigenvector's, and the row after gives this one's, with i the imaginary unit
EIGEN = (
    "The first eigenvector:\n\n$$\\begin{aligned}\niy = x, &\\quad -ix = y\\\\\nx = 1, &\\quad y = -i\n"
    "\\end{aligned}$$\n\nThe second follows the same way:\n\n$$\\begin{aligned}\niy = -x, &\\quad -ix = -y\\\\\n"
    "x = i, &\\quad y = %s\n\\end{aligned}$$\n"
)


def test_a_system_solved_next_with_i_imaginary_is_held(statuses: Callable[[str], list[str]]) -> None:
    assert "wrong" not in statuses(EIGEN % "-1")


def test_a_system_the_next_values_do_not_solve_stays_wrong(statuses: Callable[[str], list[str]]) -> None:
    assert "wrong" in statuses(EIGEN % "2")
