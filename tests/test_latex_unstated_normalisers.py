r"""A letter dividing an exponential that the document never states is a normaliser that may depend on
the variable (checks/latex/unstated_normalisers.py): ``∂y_k/∂a_k = y_k(1 - y_k)`` with
``y_k = e^{a_k}/Z`` was refuted at Z = 1, Z held constant."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.unstated_normalisers import unstated_normalisers

NOTATION = load_notation()

# a softmax whose normaliser is said in prose only (the shape of a Korean note and of Bishop-style
# lecture notes: "where Z normalises the outputs")
PROSE_NORMALISER = r"""
The output is

$$y_k = \frac{e^{a_k}}{Z}$$

where $Z$ normalises. Then

$$\frac{\partial y_k}{\partial a_k} = y_k (1 - y_k)$$
"""

STATED_NORMALISER = r"""
The output is $y_k = \frac{e^{a_k}}{Z}$ with

$$Z = \sum_j e^{a_j}$$

Then

$$\frac{\partial y_k}{\partial a_k} = y_k (1 - y_k)$$
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=True)
    return [r.status for r in report.results]


def test_which_letters_are_unstated_normalisers() -> None:
    assert unstated_normalisers(PROSE_NORMALISER) == {"Z"}
    assert unstated_normalisers(r"$p_i = \exp(o_i) / C_i$") == {"C"}
    assert unstated_normalisers(r"$p_i = e^{o_i}/N$") == {"N"}
    assert unstated_normalisers(r"$$q = \frac{1}{\Sigma} e^{x}$$") == {r"\Sigma"}
    assert unstated_normalisers(r"$q = \dfrac{\mathrm{e}^{x_i}}{Z^{(l)}}$") == {"Z"}
    # given a value anywhere (before or after), in any of the usual ways: its value says what it depends on
    assert unstated_normalisers(STATED_NORMALISER) == frozenset()
    assert unstated_normalisers(PROSE_NORMALISER + r"$$Z := e^{a_1} + e^{a_2}$$") == frozenset()
    assert unstated_normalisers(r"$y = e^{a}/Z$, and $Z_k \equiv 3$") == frozenset()
    # raised to in an exponent, the letter is a variable (e^{-x}/x in an ODE), not a normaliser
    assert unstated_normalisers(r"$\frac{e^{x}}{x}$ and $u = e^{-x}/x$") == frozenset()
    # not under an exponential: a plain quotient says nothing about a normaliser
    assert unstated_normalisers(r"$y = \frac{a_k}{Z}$, $y = x^{2}/N$, $\frac{e}{Z}$") == frozenset()


def test_a_derivative_through_an_unstated_normaliser_is_not_called_wrong(runner: StepRunner) -> None:
    assert _statuses(PROSE_NORMALISER, runner)[-1] == "inconclusive"  # was wrong at Z = 1
    slip = PROSE_NORMALISER.replace("y_k (1 - y_k)", "y_k (1 + y_k)")
    assert _statuses(slip, runner)[-1] == "inconclusive"  # what Z is, the page does not write


def test_a_stated_normaliser_keeps_its_refutations_and_its_proofs(runner: StepRunner) -> None:
    assert _statuses(STATED_NORMALISER, runner)[-1] == "ok"
    slip = STATED_NORMALISER.replace("y_k (1 - y_k)", "y_k (1 + y_k)")
    assert _statuses(slip, runner)[-1] == "wrong"


def test_steps_that_do_not_rest_on_the_dependence_keep_their_refutations(runner: StepRunner) -> None:
    page = r"Let $p = \frac{e^{a}}{Z}$." + "\n\n"
    # differentiated by Z itself: its dependence on a does not matter
    by_z = page + r"$$\frac{\partial}{\partial Z} \frac{e^{a}}{Z} = \frac{e^{a}}{Z}$$"
    assert _statuses(by_z, runner)[-1] == "wrong"
    # no derivative: the values alone refute it
    plain = page + r"$$\frac{e^{a}}{Z} + \frac{e^{a}}{Z} = \frac{e^{a}}{2Z}$$"
    assert _statuses(plain, runner)[-1] == "wrong"
