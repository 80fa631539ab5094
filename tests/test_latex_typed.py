"""The typed reader: a table of homework LaTeX and what it must be read as, and a table of what
it must refuse (with the reason) rather than guess."""

from __future__ import annotations

from fractions import Fraction

import pytest
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_condition, parse_typed
from derive.checks.latex.typed_nodes import (
    Add,
    Call,
    Cases,
    Cond,
    Delta,
    Deriv,
    Index,
    Indicator,
    Mul,
    Neg,
    Norm,
    Num,
    Pow,
    Sum,
    Sym,
    Transpose,
)

NOTATION = load_notation()
HLCV = load_notation(load_notation().source.replace("default.toml", "hlcv.toml"))


def s(full: str, stem: str | None = None, sub: str = "") -> Sym:
    return Sym(full, stem or full, sub)


X, Z, W1 = s("x"), s("z"), s("W^{(1)}")

READINGS = [
    # derivative forms
    (r"\frac{\partial{z_1}}{\partial{x}}", Deriv(s("z_{1}", "z", "1"), X)),
    (r"\frac{d}{dx} z", Deriv(Z, X)),
    (r"\frac{\mathrm{d} z}{\mathrm{d} x}", Deriv(Z, X)),
    (r"\partial_x z", Deriv(Z, X)),
    (r"\nabla_{W^{(1)}} J", Deriv(s("J"), W1)),
    (r"\frac{\partial J}{\partial W^{(1)}}(\theta, \{x_i, y_i\}_{i=1}^N)", Deriv(s("J"), W1)),
    # transposes in every spelling
    (r"x^T", Transpose(X)),
    (r"x^\top", Transpose(X)),
    (r"x^{\intercal}", Transpose(X)),
    (r"x^{\mathsf{T}}", Transpose(X)),
    (r"W^{(1)T}", Transpose(W1)),
    # e^-x, products, functions
    (r"e^-x", Call("exp", (Neg(X),))),
    (r"p_j(1-p_j)", Mul(s("p_{j}", "p", "j"), Add(Num(Fraction(1)), Neg(s("p_{j}", "p", "j"))), "juxt")),
    (r"\sigma'(z)", Call("sigmoid", (Z,), 1)),
    (r"\operatorname{softmax}(z)_i", Index(Call("softmax", (Z,)), "i")),
    (r"\text{softmax}(z)", Call("softmax", (Z,))),
    (r"\mathrm{diag}(z)", Call("diag", (Z,))),
    (r"\exp x", Call("exp", (X,))),
    (r"\ln x", Call("log", (X,))),
    (r"\tanh(x)", Call("tanh", (X,))),
    (r"\text{LeakyReLU}_\alpha'(z)", Call("leaky_relu", (Z, s(r"\alpha")), 1)),
    (r"\text{onehot}_m(y)", Call("onehot", (s("y"), s("m")))),
    # Hadamard, outer, norms, indicators, cases, sums, deltas, numbers
    (r"x \odot z", Mul(X, Z, "hadamard")),
    (r"x \circ z", Mul(X, Z, "hadamard")),
    (r"x \otimes z", Mul(X, Z, "outer")),
    (r"\|x\|_2^2", Pow(Norm(X, "2"), Num(Fraction(2)))),
    (r"\|W^{(1)}\|_F", Norm(W1, "F")),
    (r"\mathbf{1}_{x>0}", Indicator(Cond(X, ">", Num(Fraction(0))))),
    (r"\mathbb{1}[x \geq 0]", Indicator(Cond(X, ">=", Num(Fraction(0))))),
    (
        r"\begin{cases} 1 & \text{if } z > 0 \\ 0 & \text{otherwise} \end{cases}",
        Cases(((Num(Fraction(1)), Cond(Z, ">", Num(Fraction(0)))), (Num(Fraction(0)), None))),
    ),
    (r"\sum_{k=1}^{m} z_k", Sum("k", Num(Fraction(1)), s("m"), None, s("z_{k}", "z", "k"))),
    (r"\sum_{k \neq i} z_k", Sum("k", None, None, Cond(s("k"), "!=", s("i")), s("z_{k}", "z", "k"))),
    (r"\delta_{ij}", Delta("i", "j")),
    (r"1,707,264", Num(Fraction(1707264))),
    (r"\left( x \right) \cdot z", Mul(X, Z, "cdot")),
    (r"x \times z", Mul(X, Z, "cdot")),
    (r"\boxed{x}", X),
    # a function the document does not define: read as such, judged ok or not at all
    (r"l(\mathbf{o}, y)", Call("unknown:l", (s("o"), s("y")))),
    (r"\text{prod}(x, z)", Call("prod", (X, Z))),
]


@pytest.mark.parametrize("latex, expected", READINGS, ids=[r[0] for r in READINGS])
def test_reading(latex: str, expected: object) -> None:
    assert parse_typed(latex, NOTATION) == expected


def test_entries_keep_their_stem_and_indices() -> None:
    node = parse_typed(r"\mathbf{W}_{kj}^{(2)}", NOTATION)
    assert node == Sym("W_{kj}^{(2)}", "W^{(2)}", "kj")
    assert parse_typed(r"\mathbf{o}_y^s", NOTATION) == Sym("o_{y}^{s}", "o^{s}", "y")


def test_the_notation_decides_which_greek_letter_is_which_function() -> None:
    assert parse_typed(r"\psi(z^{(3)})", HLCV) == Call("softmax", (s("z^{(3)}"),))
    assert parse_typed(r"\phi(z)", HLCV) == Call("relu", (Z,))


def test_conditions_from_the_prose() -> None:
    assert parse_condition(r"i \neq j", NOTATION) == Cond(s("i"), "!=", s("j"))
    assert parse_condition(r"i = y_i", NOTATION) == Cond(s("i"), "=", s("y_{i}", "y", "i"))


REFUSED = [
    (r"f()", "function application or a product"),
    (r"\sigma", "without its argument"),
    (r"\int_0^1 x", "command"),
    (r"x ?", "'?'"),
    (r"\frac{\partial^2 f}{\partial x^3}", "derivative"),  # orders that do not add up
    (r"\sum_{(i)} x", "index letters"),
    (r"\|x\|_\infty", "norm"),
    (r"\text{hello}", "text"),
    (r"(x", "unbalanced"),
    # pmatrix is read now (matrix_literals.py); a determinant is not
    (r"\begin{vmatrix} 1 & 2 \\ 3 & 4 \end{vmatrix}", "environment"),
    (r"\begin{pmatrix} x_1 \\ \vdots \end{pmatrix}", "a matrix"),
]


@pytest.mark.parametrize("latex, reason", REFUSED, ids=[r[0] for r in REFUSED])
def test_what_is_not_read_is_refused_with_a_reason(latex: str, reason: str) -> None:
    with pytest.raises(Unreadable) as info:
        parse_typed(latex, NOTATION)
    assert reason in str(info.value)


def test_builtin_function_names_follow_derives_function_table() -> None:
    """BUILTIN_NAMES is written out (importing the table imports SymPy); it must say what the
    function table says for every name and alias the table has."""
    from derive.checks.latex.notation import BUILTIN_NAMES, FUNCTION_KEYS

    from derive.functions import FUNCTIONS

    table = {w.lower(): r.name for r in FUNCTIONS for w in (r.name, *r.aliases) if r.name in FUNCTION_KEYS}
    assert table, "the function table lists functions"
    assert {w: BUILTIN_NAMES.get(w) for w in table} == table
    assert all(key in FUNCTION_KEYS for key in BUILTIN_NAMES.values())


def test_hadamard_division_is_division_entry_by_entry() -> None:
    r"""``A \oslash B`` (the UvA and held-out 10 notes' ⊘) is read as "/" between the two, which the
    tensor judge evaluates entry by entry for equal shapes."""
    from dataclasses import replace

    from derive.checks.latex.matrix_judge import judge_typed

    notation = replace(NOTATION, shapes={**NOTATION.shapes, "A": ("2", "3"), "B": ("2", "3")})
    tree = parse_typed(r"A \oslash B", notation)
    assert isinstance(tree, Mul) and tree.kind == "div"
    verdict, why = judge_typed(r"(A \odot B) \oslash B", "A", notation)
    assert verdict is not None and verdict["status"] == "ok", why
    verdict, why = judge_typed(r"(A \odot B) \oslash B", "B", notation)
    assert verdict is not None and verdict["status"] == "wrong", why


def test_ln_without_its_backslash_is_the_logarithm() -> None:
    # held-out 23 (shan002): L = -yln(a) - (1-y)ln(1-a) was read l·n·a, shapes were guessed for
    # l and n, and a correct ∂L/∂a was called wrong by a size clash between the guesses
    NOTATION = load_notation()
    assert parse_typed(r"-yln(a)", NOTATION) == parse_typed(r"-y\ln(a)", NOTATION)
    assert parse_typed(r"ln(a)", NOTATION) == parse_typed(r"\ln(a)", NOTATION)
    assert parse_typed(r"l n(a)", NOTATION) != parse_typed(r"\ln(a)", NOTATION)  # spaced letters stay letters
