r"""NumPy-style entries (entry_brackets.py): ``U[i,k]`` is ``U_{ik}``, ``W_2[m,n]`` is
``W^{(2)}_{mn}``; one index, intervals, commutators and expressions stay as written."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.entry_brackets import entry_brackets
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _text(tex: str) -> str:
    return "".join(t for t, _ in entry_brackets(tex_tokens(tex)))


def test_two_or_more_index_atoms_after_a_name_are_an_entry() -> None:
    assert _text("U[i,k] = e^{S[i, k]}") == "U_{ik}=e^{S_{ik}}"
    assert _text("W_2[m,n]") == "W^{(2)}_{mn}"
    assert _text("W_{h}[i,j]") == "W^{(h)}_{ij}"
    assert _text("W^{(2)}[m,n]") == "W^{(2)}_{mn}"
    assert _text(r"\frac{dL}{dW_2[m,n]}") == r"\frac{dL}{dW^{(2)}_{mn}}"
    assert _text("O_2[i,y_i]") == "O^{(2)}_{i,y_i}"  # an atom of two letters keeps the commas
    assert _text("T[i,j,k]") == "T_{ijk}"
    assert _text("S[10,2]") == "S_{10,2}"  # 102 would be one index
    assert _text(r"\theta[i,j]") == r"\theta_{ij}"


def test_near_misses_stay_as_written() -> None:
    assert _text("S[z]") == "S[z]"  # one index: an entry, an argument or a label
    assert _text("f[x]") == "f[x]"
    assert _text(r"x \in [a, b]") == r"x\in[a,b]"  # an interval
    assert _text(r"x \sim U[0, 1]") == r"x\simU[0,1]"  # a distribution's support
    assert _text("c[A,B]") == "c[A,B]"  # a commutator
    assert _text("y[1 - y, 2]") == "y[1-y,2]"  # an expression
    assert _text("Z [i, j]") == "Z[i,j]"  # written apart: a factor
    assert _text("x_a[1, 2]") == "x_a[1,2]"  # after a subscript: not the name's own
    assert _text(r"\cdot[i,j]") == r"\cdot[i,j]"


ROWS = "$$U[i,k] = e^{S[i,k]}$$\n\n$$O[i,k] = \\frac{U[i,k]}{\\sum_{p=1}^3 U[i,p]}$$\n\n"


def test_a_row_softmax_written_with_entries_is_judged(runner: StepRunner) -> None:
    ok = ROWS + "$$\\frac{\\partial O[i,k]}{\\partial S[i,k]} = O[i,k](1 - O[i,k])$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    sign = ROWS + "$$\\frac{\\partial O[i,k]}{\\partial S[i,k]} = O[i,k](1 + O[i,k])$$\n"
    assert check_text(sign, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


LINEAR = "$$Z_1[i,j] = \\sum_{p=1}^{3} X[i,p] W_1[p,j]$$\n\n$$A_1[i,j] = \\sigma(Z_1[i,j])$$\n\n"


def test_a_labelled_layer_written_with_entries_is_judged(runner: StepRunner) -> None:
    ok = LINEAR + "$$\\frac{\\partial Z_1[i,j]}{\\partial W_1[p,j]} = X[i,p]$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    ok = LINEAR + "$$\\frac{d A_1[i,j]}{d Z_1[i,j]} = A_1[i,j](1 - A_1[i,j])$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    sign = LINEAR + "$$\\frac{d A_1[i,j]}{d Z_1[i,j]} = A_1[i,j](1 + A_1[i,j])$$\n"
    assert check_text(sign, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_a_one_index_bracket_is_no_entry(runner: StepRunner) -> None:
    steps = "$$f[x] = x^2$$\n\n$$\\frac{d f[x]}{dx} = 2x$$\n"
    assert all(r.status != "wrong" for r in check_text(steps, NOTATION, runner=runner, markdown=True).results)
