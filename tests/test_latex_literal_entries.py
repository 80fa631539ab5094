r"""Names written only as entries of a matrix written out are numbers (checks/latex/literal_entries.py):
``\begin{pmatrix} x_1 \\ x_2 \end{pmatrix} \begin{pmatrix} a & b \end{pmatrix}`` was not judged (a and b
had no shape: the shape inference never makes a lower-case name a scalar)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.literal_entries import entry_scalars
from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed_nodes import Mul, Sym, Transpose

NOTATION = load_notation()

_OUTER = r"\begin{pmatrix} x_1 \\ x_2 \end{pmatrix} \begin{pmatrix} a & b \end{pmatrix}"


def test_an_outer_product_written_out_is_judged(runner: StepRunner) -> None:
    text = f"$${_OUTER} = \\begin{{pmatrix}} x_1 a & x_1 b \\\\ x_2 a & x_2 b \\end{{pmatrix}}$$\n\n"
    text += f"$${_OUTER} = \\begin{{pmatrix}} x_1 a & x_2 b \\\\ x_2 a & x_2 b \\end{{pmatrix}}$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[0].status == "ok", report.results[0].message
    assert report.results[1].status != "ok"  # the slip (x_2 b for x_1 b) is never passed


def test_only_names_written_only_as_entries_become_scalars() -> None:
    # a name outside any written-out matrix keeps its class (W a + b: a is a vector there)
    a, b, w = Sym("a", "a", ""), Sym("b", "b", ""), Sym("W", "W", "")
    sides = (Mul(w, a, "juxt"), Literal((a, b), 1, 2))
    assert entry_scalars({"a": "lower", "b": "lower", "W": "upper"}, sides, {}) == {
        "a": "lower",
        "b": "scalar",
        "W": "upper",
    }
    # a capital inside the entries stays a block
    assert entry_scalars({"A": "upper", "b": "lower"}, (Literal((Sym("A", "A", ""), b), 2, 1), b), {})["A"] == "upper"


def test_a_transposed_name_or_a_constant_inside_the_entries_keeps_its_class() -> None:
    # [1^T y; x^T y]: the ones vector and x are vectors there (test_latex_matrix_literals' step10)
    one, x, y = Sym("1", "1", ""), Sym("x", "x", ""), Sym("y", "y", "")
    cells = (Mul(Transpose(one), y, "juxt"), Mul(Transpose(x), y, "juxt"))
    kinds = entry_scalars({"1": "lower", "x": "lower", "y": "lower"}, (Literal(cells, 2, 1), y), {})
    assert kinds == {"1": "lower", "x": "lower", "y": "lower"}
