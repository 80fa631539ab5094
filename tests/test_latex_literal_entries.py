r"""Names written only as entries of a matrix written out are numbers (checks/latex/literal_entries.py):
``\begin{pmatrix} x_1 \\ x_2 \end{pmatrix} \begin{pmatrix} a & b \end{pmatrix}`` was not judged (a and b
had no shape: the shape inference never makes a lower-case name a scalar)."""

from __future__ import annotations

from fractions import Fraction

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.literal_entries import entry_scalars
from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed_nodes import Mul, Num, Sym, Transpose

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


# Twenty-first round: numbered entries (z_1, \Theta_{31}) written only inside entries are one number
# each, whatever the size the judge draws for the vector they would come from.
_PRODUCT = (
    r"\begin{pmatrix} \Theta_{11} & \Theta_{21} & \Theta_{31} \\ \Theta_{12} & \Theta_{22} & \Theta_{32} \end{pmatrix}"
    r" \begin{pmatrix} x_1 \\ x_2 \\ x_3 \end{pmatrix}"
)
_SOFTMAX_MINUS_LABEL = (
    r"\begin{pmatrix} \sigma(z_1) \\ \sigma(z_2) \\ \sigma(z_3) \end{pmatrix}"
    r" - \begin{pmatrix} 0 \\ 1 \\ 0 \end{pmatrix}"
)


def test_numbered_entries_written_out_are_judged(statuses) -> None:
    # purepisces' softmax-regression homework (held-out set 3): Θᵀx and σ(z) − e_y written out
    good = (
        f"$${_PRODUCT} = \\begin{{pmatrix}} \\Theta_{{11}} x_1 + \\Theta_{{21}} x_2 + \\Theta_{{31}} x_3 \\\\"
        f" \\Theta_{{12}} x_1 + \\Theta_{{22}} x_2 + \\Theta_{{32}} x_3 \\end{{pmatrix}}$$\n\n"
        f"$${_SOFTMAX_MINUS_LABEL} = \\begin{{pmatrix}} \\sigma(z_1) \\\\ \\sigma(z_2) - 1 \\\\"
        f" \\sigma(z_3) \\end{{pmatrix}}$$\n"
    )
    assert statuses(good) == ["ok", "ok"]


def test_a_slip_in_numbered_entries_is_never_passed(statuses) -> None:
    # wrong twins: Θ_{12} for Θ_{21} (the transposed entry), the 1 subtracted from the wrong row
    bad = (
        f"$${_PRODUCT} = \\begin{{pmatrix}} \\Theta_{{11}} x_1 + \\Theta_{{12}} x_2 + \\Theta_{{31}} x_3 \\\\"
        f" \\Theta_{{12}} x_1 + \\Theta_{{22}} x_2 + \\Theta_{{32}} x_3 \\end{{pmatrix}}$$\n\n"
        f"$${_SOFTMAX_MINUS_LABEL} = \\begin{{pmatrix}} \\sigma(z_1) - 1 \\\\ \\sigma(z_2) \\\\"
        f" \\sigma(z_3) \\end{{pmatrix}}$$\n"
    )
    assert "ok" not in statuses(bad)


def test_a_name_also_written_alone_or_with_a_letter_keeps_its_entries() -> None:
    z1, z2, zk, z = Sym("z_{1}", "z", "1"), Sym("z_{2}", "z", "2"), Sym("z_{k}", "z", "k"), Sym("z", "z", "")
    assert entry_scalars({"z": "vector"}, (Literal((z1, z2), 2, 1), Num(Fraction(0))), {}) == {
        "z_{1}": "scalar",
        "z_{2}": "scalar",
    }
    # z_k beside them, or z written alone: z stays one vector (its entries are tied to it)
    assert entry_scalars({"z": "vector"}, (Literal((z1, z2), 2, 1), zk), {}) == {"z": "vector"}
    assert entry_scalars({"z": "vector"}, (Literal((z1, z2), 2, 1), z), {}) == {"z": "vector"}
    # a sampled name (the notation's x) the document defines keeps its definition
    x1 = Sym("x_{1}", "x", "1")
    assert entry_scalars({}, (Literal((x1,), 1, 1), Num(Fraction(0))), {"x": z}, sampled={"x"}) == {}
    assert entry_scalars({}, (Literal((x1,), 1, 1), Num(Fraction(0))), {}, sampled={"x"}) == {"x_{1}": "scalar"}


# Sizes the written-out entries fix (literal_entries.pinned_sizes): W x written out in full
_ROW2 = r" \\ W_{21} x_1 + W_{22} x_2 + W_{23} x_3 \end{bmatrix}"
_WX = r"W x = \begin{bmatrix} W_{11} x_1 + W_{12} x_2 + W_{13} x_3" + _ROW2
_WX_SLIP = r"W x = \begin{bmatrix} W_{11} x_1 + W_{21} x_2 + W_{13} x_3" + _ROW2


def test_a_product_written_out_with_its_entries_fixes_the_sizes(statuses) -> None:
    assert statuses(f"$${_WX}$$\n") == ["ok"]
    assert statuses(f"$${_WX_SLIP}$$\n") != ["ok"]  # W_{21} for W_{12}: never passed


def test_the_pinned_sizes() -> None:
    from derive.checks.latex.literal_entries import pinned_sizes

    w, x = Sym("W", "W", ""), Sym("x", "x", "")
    cells = (Mul(Sym("W_{23}", "W", "23"), Sym("x_{3}", "x", "3"), "juxt"),)
    shapes = {"W": ("m", "n"), "x": ("n",)}
    assert pinned_sizes((Mul(w, x, "juxt"), Literal(cells, 1, 1)), shapes) == {"m": "2", "n": "3"}
    # entries of a name the step never writes alone fix nothing; nor do two numbers for one size
    assert pinned_sizes((Literal(cells, 1, 1), Num(Fraction(0))), shapes) == {}
    clash = (Mul(Sym("W_{23}", "W", "23"), Sym("x_{2}", "x", "2"), "juxt"),)
    assert pinned_sizes((Mul(w, x, "juxt"), Literal(clash, 1, 1)), shapes) == {}


def test_a_capitals_entries_in_lower_case(statuses) -> None:
    # W x with W's entries written w_{11} … (held-out notes write them so)
    good = r"W x = \begin{bmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{bmatrix}"
    good += r" \begin{bmatrix} x_1 \\ x_2 \end{bmatrix}"
    slip = r"W x = \begin{bmatrix} w_{11} x_1 + w_{21} x_2 \\ w_{21} x_1 + w_{22} x_2 \end{bmatrix}"
    assert statuses(f"$${good}$$\n") == ["ok"]
    assert statuses(f"$${slip}$$\n") != ["ok"]


def test_which_lower_case_entries_are_the_capitals() -> None:
    from derive.checks.latex.literal_entries import capital_entries

    w, w11, x1 = Sym("W", "W", ""), Sym("w_{11}", "w", "11"), Sym("x_{1}", "x", "1")
    renamed = capital_entries((w, Literal((Mul(w11, x1, "juxt"),), 1, 1)))
    assert Sym("W_{11}", "W", "11") in renamed[1].cells[0].__dict__.values()
    # w written alone too, or W's own entries beside: two names, left as written
    sides = (Mul(w, Sym("w", "w", ""), "juxt"), Literal((w11,), 1, 1))
    assert capital_entries(sides) == sides
    sides = (w, Literal((w11, Sym("W_{12}", "W", "12")), 1, 2))
    assert capital_entries(sides) == sides
