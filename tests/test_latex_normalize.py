"""The normaliser hands parse_latex placeholders only, and says what it could not read."""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.normalize import Notation, identifier_name, load_notation, normalize, notation_from_data

from derive.errors import DeriveError


@pytest.fixture(scope="module")
def notation() -> Notation:
    return load_notation()


def _names(norm) -> set[str]:
    return norm.symbol_names


@pytest.mark.parametrize(
    "a, b",
    [
        (r"\mathbf{o}^s_k", "o_k^s"),
        (r"\mathbf{o}_{k}^{s}", "o^{s}_{k}"),
        (r"\boldsymbol{W}^{(2)}", "W^{(2)}"),
        (r"x_1", r"x_{1}"),
    ],
)
def test_names_are_canonical_whatever_the_font_and_order(a: str, b: str, notation: Notation) -> None:
    assert identifier_name(a, notation=notation) == identifier_name(b, notation=notation)


def test_labels_versus_powers(notation: Notation) -> None:
    # o^a is a name (declared label), x^a a power, W^{(2)2} a labelled name squared.
    assert _names(normalize("o^a", notation)) == {"o^{a}"}
    assert _names(normalize("x^a", notation)) == {"x", "a"}
    norm = normalize(r"W_{pq}^{(2)2}", notation)
    assert _names(norm) == {"W_{pq}^{(2)}"}
    assert norm.latex.endswith("^{2}")


def test_only_placeholders_reach_the_parser(notation: Notation) -> None:
    norm = normalize(r"\frac{1}{2} \left( \frac{e^{x/2}}{e^{x/2} + e^{-x/2}} + 1 \right)", notation)
    assert not norm.problems
    assert "e" not in norm.latex.replace("\\left", "").replace("\\right", "").replace("\\frac", "")
    assert ("constant", "E") in norm.symbols.values()


@pytest.mark.parametrize(
    "text, key",
    [
        (r"\text{softplus}(-x)", "softplus"),
        (r"\operatorname{softplus}(x)", "softplus"),
        (r"\mathrm{rect}(x)", "relu"),
        (r"\text{RELU}(x)", "relu"),
        (r"\sigma(x)", "sigmoid"),
        (r"\ln x", "log"),
        (r"\exp(x)", "exp"),
        (r"\tanh^2(x)", "tanh"),
        (r"\text{sign}(x)", "sign"),
        (r"\phi(z)", "relu"),
    ],
)
def test_function_names_become_known_functions(text: str, key: str, notation: Notation) -> None:
    norm = normalize(text, notation)
    assert not norm.problems, norm.problems
    assert [f[0] for f in norm.functions.values()] == [key]


@pytest.mark.parametrize(
    "text, convention",
    [
        (r"\mathbf{1}_{x>0}", 0),
        (r"\mathbb{1}\{x \geq 0\}", 1),
        (r"\mathbf{1}_{\{x>0\}}", 0),
        (r"1_{x<0}", 0),
        (r"\mathbf{1}_{x \leq 0}", 1),
    ],
)
def test_indicators_get_an_explicit_value_at_zero(text: str, convention: int, notation: Notation) -> None:
    norm = normalize(text, notation)
    assert not norm.problems, norm.problems
    assert list(norm.indicators.values()) == [convention]


@pytest.mark.parametrize(
    "text, reason",
    [
        (r"\prod_{i,j} x_{ij}", "product"),  # (a product over one index is read: products.py)
        (r"\sum_{(i,j)} x_{ij}", "one index letter"),  # (\sum_{i,j} is two sums: written_forms.py)
        (r"\sum_{j=0.5}^m x_j", "start"),
        (r"\|\mathbf{x}\|_2^2", "norm"),
        (r"(\mathbf{h}^s)^T", "transpose"),
        (r"\text{if } x", "text"),
        (r"Tot_{par}", "word"),
        (r"\mathbf{o}_y^s(\mathbf{z})", "function application"),
        (r"L(\mathbf{x}, y)", "function application"),
        (r"\begin{pmatrix} 1 \\ 0 \end{pmatrix}", "environment"),
        # (i = j between indices is read: tests/test_latex_index_notation.py)
        (r"\begin{cases} 1 & x = y + 1 \\ 0 & \text{otherwise} \end{cases}", "comparison"),
        (r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \\ 2 & x < 0 \end{cases}", "otherwise"),
        (r"\theta^{\dagger}", "dagger"),  # (θ^* is a starred name: test_latex_more_forms.py)
        (r"\text{softmax}(\mathbf{o}^a)", "softmax"),
        (r"\sigma", "without an argument"),
        (r"\mathbf{1}_S(x)", "indicator"),
        (r"{{{x", "unbalanced"),
        (r"x = y", "inside one side"),
        ("", "empty"),
        # orders that do not add up (d²y/dx²: tests/test_latex_higher_derivatives.py)
        (r"\frac{d^2 y}{dx^3}", "derivative"),
        (r"\foo{x}", "command"),
    ],
)
def test_what_cannot_be_read_is_reported_not_guessed(text: str, reason: str, notation: Notation) -> None:
    norm = normalize(text, notation)
    assert norm.problems, norm.latex
    assert any(reason in p for p in norm.problems), norm.problems


def test_derivative_forms(notation: Notation) -> None:
    for text in (
        r"\frac{d\sigma}{dx}",
        r"\frac{\partial \sigma(x)}{\partial x}",
        r"\frac{d}{dx} \sigma(x)",
        r"\frac{\mathrm{d}}{\mathrm{d}x}\sigma(x)",
    ):
        norm = normalize(text, notation)
        assert not norm.problems, (text, norm.problems)
        assert list(norm.derivatives.values()) == ["x"], text
        assert norm.diff_vars == ["x"]
    # d/dx applies to the whole product that follows, not to what comes after + or -.
    norm = normalize(r"\frac{d}{dx} x^2 y + 1", notation)
    assert norm.latex.startswith("g_{") and norm.latex.endswith("+ 1")


def test_the_bare_function_rule_needs_a_chain_variable(notation: Notation) -> None:
    assert normalize(r"\sigma(1 - \sigma)", notation).problems
    norm = normalize(r"\sigma(1 - \sigma)", notation, "x")
    assert not norm.problems
    assert _names(norm) == {"x"} and len(norm.functions) == 2
    # A bracket that mentions x is the argument, as usual.
    norm = normalize(r"\sigma(2x)", notation, "x")
    assert "\\cdot" not in norm.latex


def test_symbol_followed_by_an_expression_in_brackets_is_a_product(notation: Notation) -> None:
    norm = normalize(r"x(1 - x)", notation)
    assert not norm.problems and "\\cdot" in norm.latex
    # The power binds to x before the product (a bug once emitted "x \cdot^{2}").
    norm = normalize(r"x^{2}\left(1 - x\right)", notation)
    assert not norm.problems and norm.latex.startswith("v_{1}^{2} \\cdot")


def test_cases_become_piecewise_with_their_conditions(notation: Notation) -> None:
    norm = normalize(r"\begin{cases} x & \text{if } x \geq 0 \\ \alpha x & \text{otherwise} \end{cases}", notation)
    assert not norm.problems, norm.problems
    assert list(norm.piecewise.values()) == [("ge", "otherwise")]
    norm = normalize(r"\begin{cases} -1 & x < 0, \\ 1 & x > 0 \end{cases}", notation)
    assert list(norm.piecewise.values()) == [("gt", "gt")]


def test_thousands_separators(notation: Notation) -> None:
    assert normalize("1,572,864", notation).latex == "1572864"


def test_notation_errors_are_one_line_derive_errors(tmp_path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[functions\n")
    with pytest.raises(DeriveError, match="not valid TOML"):
        load_notation(bad)
    with pytest.raises(DeriveError, match="not found"):
        load_notation(tmp_path / "missing.toml")
    with pytest.raises(DeriveError, match="maps to"):
        notation_from_data({"functions": {"\\psi": "eval"}})
    with pytest.raises(DeriveError, match="unknown section"):
        notation_from_data({"imports": {}})
    with pytest.raises(DeriveError, match="shape"):
        notation_from_data({"shapes": {"W": ["a", "b", "c"]}})
    with pytest.raises(DeriveError, match="domain"):
        notation_from_data({"domains": {"x": "complex"}})


def test_a_notation_changes_meanings(notation: Notation) -> None:
    custom = notation_from_data({"functions": {"\\psi": "sigmoid"}, "domains": {"\\beta": "unit"}})
    norm = normalize(r"\psi(x) \beta", custom)
    assert [f[0] for f in norm.functions.values()] == ["sigmoid"]
    assert norm.domains == {"\\beta": "unit"}
    assert normalize(r"\psi(x)", notation).problems  # softmax in the default notation


def test_default_notation_shapes(notation: Notation) -> None:
    assert notation.shapes["W^{(1)}"] == ("d_h", "d")
    assert notation.shapes["o^{a}"] == ("m",)
    assert "L" in notation.scalars
    assert notation.domain("\\lambda_{11}") == "positive"


def test_a_notation_file_extends_the_default_unless_it_opts_out(tmp_path) -> None:
    extending = tmp_path / "extend.toml"
    extending.write_text('[functions]\n"\\\\psi" = "sigmoid"\n')
    loaded = load_notation(extending)
    assert loaded.functions["\\psi"] == "sigmoid"
    assert loaded.constants["e"] == "E"  # inherited
    alone = tmp_path / "alone.toml"
    alone.write_text('inherit = false\n[functions]\n"\\\\psi" = "sigmoid"\n')
    assert "e" not in load_notation(alone).constants
    hlcv = load_notation(Path(__file__).resolve().parents[1] / "derive" / "notation" / "hlcv.toml")
    assert hlcv.shapes["W^{(2)}"] == ("H", "C")


def test_sums_apply_to_the_rest_of_the_product(notation: Notation) -> None:
    norm = normalize(r"\frac{1}{\sum_{j=1}^m e^{o_j}} \sum_{k=1}^m e^{o_k} + 1", notation)
    assert not norm.problems, norm.problems
    assert sorted(norm.sums.values()) == [("j", 1, "m"), ("k", 1, "m")]
    assert norm.latex.endswith("+ 1")
    # o_j and o_k occur only inside their sums: nothing outside needs instantiating.
    assert not {"o_{j}", "o_{k}"} & norm.outside
    norm = normalize(r"\log \sum_j e^{x_j}", notation)
    assert not norm.problems and [f[0] for f in norm.functions.values()] == ["log"]


@pytest.mark.parametrize("text", ["131 -", r"\cdot x", r"a + \cdot b", "x /"])
def test_dangling_operators_are_unread_because_the_parser_drops_them(text: str, notation: Notation) -> None:
    assert normalize(text, notation).problems


def test_a_name_at_the_declared_input_is_the_name(notation: Notation) -> None:
    norm = normalize(r"\mathbf{o}_y^a(\mathbf{x}) - \mathbf{o}_y^a", notation)
    assert not norm.problems and norm.symbol_names == {"o_{y}^{a}"}
    # Another argument stays unread, and so does a function-like letter.
    assert normalize(r"\mathbf{h}^s(\mathbf{x}^{(i)})", notation).problems
    assert normalize(r"f(\mathbf{x})", notation).problems


def test_a_subscripted_name_before_a_bracket_is_a_product() -> None:
    # issue 11: p_j(1-p_j) is a product; f(x + 1) and p(1 - p) stay undecided (a call or a product?)
    notation = load_notation()
    assert not normalize(r"p_j(1-p_j)", notation).problems
    assert normalize(r"f(x + 1)", notation).problems
    assert normalize(r"p(1 - p)", notation).problems


NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "variable"),
    [
        ("\\partial J/\\partial w_2", "w_{2}"),  # inline math's slash form
        ("\\partial J / \\partial\\hat y", "\\hat{y}"),
        ("\\tfrac{\\partial J}{\\partial u^{[L]}}", "u^{[L]}"),  # a layer label in brackets
        ("\\frac{\\partial J}{\\partial u^{[\\ell-1]}}", "u^{[\\ell-1]}"),
    ],
)
def test_derivative_forms_of_notes(text: str, variable: str) -> None:
    norm = normalize(text, NOTATION)
    assert not norm.problems
    assert list(norm.derivatives.values()) == [variable]


def test_frac_with_digit_arguments_is_one_half() -> None:
    norm = normalize("\\frac12(a - b)^2", NOTATION)
    assert not norm.problems
    assert norm.latex.startswith("\\frac{1}{2}")
    # a braced number stays one number
    assert normalize("\\frac{12}{5}", NOTATION).latex == "\\frac{12}{5}"


def test_letter_superscript_by_which_a_document_differentiates_is_a_label() -> None:
    from derive.checks.latex.doc_labels import with_document_labels

    text = "\\frac{\\partial L}{\\partial W^L} = \\frac{\\partial L}{\\partial a^L} a^{L-1}"
    labelled = with_document_labels(text, NOTATION)
    assert normalize("\\frac{\\partial L}{\\partial W^L}", labelled).derivatives == {1: "W^{L}"}
    # without the document's evidence W^L stays a power, and a numeric superscript is never a label
    assert normalize("\\frac{\\partial L}{\\partial W^L}", NOTATION).problems
    assert with_document_labels("\\frac{\\partial^2 f}{\\partial x^2}", NOTATION) == NOTATION


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("\\mathbb{y}", {"y"}),  # Markdown writers' bold vector
        ("\\mathbb{\\theta}", {"\\theta"}),
        ("\\mathbb{\\hat{y_i}}", {"\\hat{y}_{i}"}),
        ("\\hat{y_i}(1 - \\hat{y}_i)", {"\\hat{y}_{i}"}),  # the hat over y_i is the hat over y, entry i
        ("\\bar{W_{k}}", {"\\bar{W}_{k}"}),
    ],
)
def test_bold_and_decorated_names(text: str, names: set[str]) -> None:
    norm = normalize(text, NOTATION)
    assert not norm.problems
    assert norm.symbol_names == names


@pytest.mark.parametrize("text", ["\\mathbb{R}", "\\mathbb{E}[x]", "\\mathbb R^n"])
def test_blackboard_capitals_stay_sets(text: str) -> None:
    assert any("set" in p for p in normalize(text, NOTATION).problems)


def test_a_sum_without_an_index_sums_over_the_one_letter_its_names_carry() -> None:
    norm = normalize("\\frac{e^{x_i}}{\\sum e^{x_j}}", NOTATION)
    assert not norm.problems
    assert [index for index, _, _ in norm.sums.values()] == ["j"]
    # two letters each written once, or none: no guess
    for text in ("\\sum W_{ij}^2", "\\sum x"):
        assert "a sum without an index" in normalize(text, NOTATION).problems
    # two letters, one repeated: the repeated one is summed (w_{ij} x_j, Einstein's reading)
    repeated = normalize("\\sum w_{ij} x_j", NOTATION)
    assert not repeated.problems and [index for index, _, _ in repeated.sums.values()] == ["j"]
    # the sum's scope is the product after it: y_i beside it does not make the index ambiguous
    beside = normalize("\\sum x_j + y_i", NOTATION)
    assert not beside.problems and [index for index, _, _ in beside.sums.values()] == ["j"]


def test_an_undefined_transpose_macro_reads_as_top() -> None:
    from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

    def toks(text: str) -> list[str]:
        return clean_tokens(tex_tokens(text))[0]

    assert toks(r"W_\ell\T\delta") == toks(r"W_\ell^\top\delta")
    assert toks(r"W^{(2)}\T a") == toks(r"W^{(2)\top} a")
    # other commands that start with T are untouched, and a document's own \T is expanded first
    assert r"\top" not in toks(r"\Theta x")
    assert r"\top" not in toks(r"\Tau x")
