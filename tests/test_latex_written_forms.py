"""Written forms read as their standard meaning (checks/latex/written_forms.py): sums over a list of
index letters, and decimal numbers set in bold. Each rewrite is checked on the tokens, and on steps:
right ones ok, wrong ones still wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens
from derive.checks.latex.written_forms import (
    bold_expressions,
    bold_numbers,
    braced_differentials,
    double_braces,
    exp_powers,
    index_list_sums,
    period_products,
    underlined_answers,
)

NOTATION = load_notation()


def _texts(toks: list[tuple[str, bool]]) -> list[str]:
    return [t for t, _ in toks]


def test_a_sum_over_two_letters_is_two_sums() -> None:
    out = _texts(index_list_sums(tex_tokens(r"\sum_{k,l} G_{k,l}")))
    assert out == [r"\sum", "_", "{", "k", "}", r"\sum", "_", "{", "l", "}", "G", "_", "{", "k", ",", "l", "}"]


def test_letters_sharing_a_start_and_an_end_share_them() -> None:
    # held-out 12 (a convolution's backward pass): \sum_{i,j=0}^{|Z|-1}
    out = _texts(index_list_sums(tex_tokens(r"\sum_{i,j=1}^{n} x_{ij}")))
    one = ["_", "{", "=", "1", "}", "^", "{", "n", "}"]
    assert out == [r"\sum", *one[:2], "i", *one[2:], r"\sum", *one[:2], "j", *one[2:], "x", "_", "{", "i", "j", "}"]
    first = [r"\sum", "_", "{", "i", "=", "0", "}", "^", "N"]
    assert _texts(index_list_sums(tex_tokens(r"\sum_{i,j=0}^N x")))[:9] == first


@pytest.mark.parametrize("tex", [r"\sum_{i,j=}^n x_{ij}", r"\sum_{i,i} x_i", r"\sum_{i} x_i", r"\sum_{ij} x_{ij}"])
def test_other_sum_subscripts_are_left_alone(tex: str) -> None:
    assert index_list_sums(tex_tokens(tex)) == tex_tokens(tex)


def test_a_bold_decimal_is_the_number_and_bold_names_stay() -> None:
    out = _texts(bold_numbers(tex_tokens(r"\mathbf{0.95} + \mathbf{-0.079} + \mathbf{0} + \mathbf{x}")))
    assert out[:2] == ["0.95", "+"]
    assert out[2:6] == ["{", "-", "0.079", "}"]
    assert out[7:] == [r"\mathbf", "{", "0", "}", "+", r"\mathbf", "{", "x", "}"]


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\sum_{i,j} x_i y_j = \sum_i x_i \sum_j y_j", "ok"),
        (r"\sum_{i,j} x_i y_j = \sum_i x_i y_i", "wrong"),
        (r"\sum_{i,j=1}^{2} x_i y_j = (x_1 + x_2)(y_1 + y_2)", "ok"),
        (r"\sum_{i,j=1}^{2} x_i y_j = (x_1 + x_2)(y_1 - y_2)", "wrong"),
        # held-out 23 (shan002): a full stop typed for the product sign between a fraction and the next
        (r"\frac{1}{1 + e^{-x}}.\frac{e^{-x}}{1 + e^{-x}} = \frac{e^{-x}}{(1 + e^{-x})^2}", "ok"),
        (r"\frac{1}{1 + e^{-x}}.\frac{e^{-x}}{1 + e^{-x}} = \frac{1}{(1 + e^{-x})^2}", "wrong"),
        (r"(a+1).(a-1) = a^2 - 1", "ok"),
        (r"(1.-a) = 1 - a", "ok"),  # held-out 23 (dassein): NumPy's float 1. in a ⊙ (1.-a)
        (r"(1.-a) = 1 + a", "wrong"),
        # held-out 24 (a homework notebook): a function's name braced before its power
        (r"\frac{1}{{\cosh}^{2} x} = 1 - \tanh^2 x", "ok"),
        (r"\frac{1}{{\cosh}^{2} x} = 1 + \tanh^2 x", "wrong"),
        # the ∂ of Unicode's bold italic alphabet, and ½, in notes typed in a word processor (vvshankar)
        ("\U0001d7c3(x^2)/\U0001d7c3x = 2x", "ok"),
        ("\u00bd x + \u00bd x = x", "ok"),
        (r"\partial (x^2)/\partial x = 3x", "wrong"),
        ("\u00bd x + \u00bd x = 2x", "wrong"),
        # held-out 25 (matheusjorge): "(ŷ-y)*x", a precomposed ŷ, or y and a combining hat or bar
        ("(\u0177 - y)x = \\hat{y}x - yx", "ok"),
        ("(\u0177 - y)x = \\hat{y}x + yx", "wrong"),
        ("(y\u0302 - y)x = \u0177 x - yx", "ok"),
        ("x\u0304 - x = \\bar{x} - x", "ok"),
        ("2\u0302 x = 2x", "unparsed"),  # a mark on no letter decorates nothing: left to the reader
        (r"0.15 + 0.7 + 0.1 = \mathbf{0.95}", "ok"),
        (r"0.15 + 0.7 + 0.1 = \mathbf{0.85}", "wrong"),
    ],
)
def test_steps_written_so_are_judged(step: str, status: str, runner: StepRunner) -> None:
    report = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == [status], [r.message for r in report.results]


@pytest.mark.parametrize(
    ("tex", "read"),
    [
        (r"\frac{\partial z}{ {\partial w} }", r"\frac{\partial z}{\partial w}"),
        (r"x^{{2}}", r"x^{2}"),
        (r"{{a}{b}}", r"{{a}{b}}"),  # two groups inside: not one group braced again
        (r"\frac{a}{b}", r"\frac{a}{b}"),
    ],
)
def test_a_group_braced_twice_is_the_group(tex: str, read: str) -> None:
    assert _texts(double_braces(tex_tokens(tex))) == _texts(tex_tokens(read))


def test_a_derivative_whose_denominator_is_braced_twice_is_read(runner: StepRunner) -> None:
    # held-out 14 (lr_ce_vs_mse_zh): \frac{\partial{z} }{ {\partial w} } was "a derivative in a form not read"
    derivative = "\\frac{\\partial{z} }{ {\\partial w} }"
    text = f"Let $z = w^2 + 3w$.\n\n$${derivative} = 2w + 3$$\n\n$${derivative} = 2w$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]


def test_a_result_underlined_twice_is_the_result(runner: StepRunner) -> None:
    # held-out 17 (tdt4265 report): "&=\underline{\underline{\bm{-x_j^n(y_k^n-\hat{y}_k^n)}}}" marks the
    # answer; it was "the command \underline"
    boxed = [r"\boxed", "{", "a", "+", "b", "}"]
    assert _texts(underlined_answers(tex_tokens(r"\underline{\underline{a+b}}"))) == boxed
    assert underlined_answers(tex_tokens(r"\underline{net}_l")) == tex_tokens(r"\underline{net}_l")  # a name's mark
    # held-out 18 (lauvsnes): one underline marks the answer too, around an expression or ending the side
    assert _texts(underlined_answers(tex_tokens(r"= \underline{a+b}"))) == ["=", "{", "a", "+", "b", "}"]
    assert _texts(underlined_answers(tex_tokens(r"= \underline{x}"))) == ["=", "{", "x", "}"]
    text = "$$x(y - z) = \\underline{\\underline{xy - xz}}$$\n\n$$x(y - z) = \\underline{\\underline{xy + xz}}$$\n"
    text += "$$x(y - z) = \\underline{xy - xz}$$\n\n$$x(y - z) = \\underline{xy + xz}$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong", "ok", "wrong"]


def test_bold_around_a_whole_expression_is_the_expression(runner: StepRunner) -> None:
    # held-out 17 (tdt4265 report): "=\underline{\underline{\bm{-x_j^n(y_k^n-\hat{y}_k^n)}}}" was "the
    # name \bm{-x_j^n(…)}"; a bold name with its scripts stays one name
    assert _texts(bold_expressions(tex_tokens(r"\bm{-(a+b)x}"))) == ["{", "-", "(", "a", "+", "b", ")", "x", "}"]
    for name in (r"\mathbf{z_1}", r"\boldsymbol{\delta_J}", r"\mathbf{Wx}", r"\textbf{a+b}"):
        assert bold_expressions(tex_tokens(name)) == tex_tokens(name)
    text = "".join(
        f"$$x(y - z) = \\underline{{\\underline{{\\bm{{{rhs}}}}}}}$$\n\n" for rhs in ("xy - xz", "xy + xz", "-x(z - y)")
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong", "ok"]


def test_exp_written_as_a_power_is_the_exponential(runner: StepRunner) -> None:
    # held-out 17 (softmax_ce_petetanru): \exp^{x_i} throughout was "\exp without an argument"
    assert _texts(exp_powers(tex_tokens(r"\exp^{x_i}"))) == ["e", "^", "{", "x", "_", "i", "}"]
    assert exp_powers(tex_tokens(r"\exp^2(x)")) == tex_tokens(r"\exp^2(x)")  # a power of exp applied
    text = (
        "$$\\frac{\\partial \\exp^{x_i}}{\\partial x_i} = \\exp^{x_i}$$\n\n"
        "$$\\frac{\\partial \\exp^{x_i}}{\\partial x_i} = x_i \\exp^{x_i}$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]


def test_a_full_stop_is_a_product_only_between_a_group_and_a_bracket_or_fraction() -> None:
    assert _texts(period_products(tex_tokens(r"\frac{a}{b}.\frac{c}{d}")))[7] == r"\cdot"
    for tex in (r"2.5 + 1", r"np.dot(x)", r"a(1-a). \quad", r"(a).b"):
        assert period_products(tex_tokens(tex)) == tex_tokens(tex)


def test_a_braced_differential_takes_its_subscript_to_the_variable() -> None:
    out = _texts(braced_differentials(tex_tokens(r"\frac{dL}{{dw}_{1}}")))
    assert out[5:9] == ["{", "d", "w", "_"]
    assert braced_differentials(tex_tokens(r"{da}_{1} + {d}_{1}")) != tex_tokens(r"{da}_{1} + {d}_{1}")
    assert braced_differentials(tex_tokens(r"{dx} + y")) == tex_tokens(r"{dx} + y")  # no subscript: as written


def test_a_braced_differential_and_a_d_before_a_word_are_read(runner: StepRunner) -> None:
    # held-out 24 (mihai2014): \frac{dLoss}{{dw}_{1}}
    text = "$$Loss = w_1 x_1 + w_2 x_2$$\n\n$$\\frac{dLoss}{{dw}_{1}} = x_1$$\n\n$$\\frac{dLoss}{{dw}_{1}} = 2 x_1$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][1:] == ["ok", "wrong"]


def test_underlined_names_are_vectors_and_matrices(runner: StepRunner) -> None:
    # held-out 30 (ClementBM): \underline{a_L} a vector, \underline{\underline{\Theta_L}} a matrix, as
    # bold elsewhere; they were "a derivative written in a form not read" and "the name \underline{…}"
    twice = tex_tokens(r"\underline{\underline{\Theta_L}}")
    assert _texts(underlined_answers(twice)) == [r"\underline", "{", r"\Theta", "_", "L", "}"]
    text = "Let $z = wx + b$, $a = \\sigma(z)$ and $L = \\frac{1}{2}(a - y)^2$.\n\n"
    text += "$${\\partial L \\over \\partial \\underline{b}} = (a - y) a (1 - a)$$\n\n"
    text += "$${\\partial L \\over \\partial \\underline{b}} = (a - y) a (1 + a)$$\n\n"
    text += "$$\\frac{d}{d\\underline{\\underline{\\Theta_1}}} \\underline{\\underline{\\Theta_1}}^2 = 2\\Theta_1$$\n\n"
    text += "$$\\frac{d}{d\\underline{\\underline{\\Theta_1}}} \\underline{\\underline{\\Theta_1}}^2 = \\Theta_1$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-4:] == ["ok", "wrong", "ok", "wrong"], report.results[-1].message
