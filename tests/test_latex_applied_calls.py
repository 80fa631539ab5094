r"""Calls of functions a document never defines, in steps with derivatives (applied_calls.py,
applied_verdicts.py): read as unknown functions of their arguments and of the variables the step
differentiates by; ok where the step holds for every such function, never wrong, and products
(``p_j(1-p_j)``) stay products."""

from __future__ import annotations

from derive.checks.latex.applied_calls import applied_arguments, applied_function, applied_head, applied_key
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()


def _statuses(steps: list[str], runner: StepRunner) -> list[str]:
    """Each step as a document of its own (another step's ∂g(x, y)/∂x would make g(x, y) a name)."""
    reports = [check_text(f"$${s}$$\n", NOTATION, runner=runner, examples=30, markdown=True) for s in steps]
    return [r.status for report in reports for r in report.results]


def _arguments(text: str) -> list[str]:
    toks, _ = clean_tokens(tex_tokens(text))
    return ["".join(part) for part in applied_arguments(list(toks))]


def test_an_argument_list_splits_at_commas_semicolons_and_one_bar() -> None:
    assert _arguments("W, b; x, y") == ["W", "b", "x", "y"]
    assert _arguments(r"\theta | t, z") == [r"\theta", "t", "z"]
    assert _arguments(r"\theta \mid t") == [r"\theta", "t"]
    assert _arguments("|x| + 1") == ["|x|+1"]  # two bars: an absolute value, one argument
    assert _arguments("g(a, b)") == ["g(a,b)"]  # a comma inside a bracket is the inner call's


def test_a_key_names_the_function_and_its_number_of_arguments() -> None:
    key = applied_key(r"\ell_{ce}", 2)
    assert applied_function(key) == (r"\ell_{ce}", 2)
    assert applied_function("abstract:f") is None
    assert applied_head(applied_key("p_{k}", 2), lambda name: "p_{1}") == "p_{1}/2"
    assert applied_head("log", lambda name: name) is None


def test_a_derivative_through_an_undefined_function_is_judged(runner: StepRunner) -> None:
    steps = [
        # tdt4265's notes: f(x^n) is the model, a function of the weights it is differentiated by
        r"\frac{\partial}{\partial w_i} \ln(f(x^n)) = \frac{1}{f(x^n)} \frac{\partial}{\partial w_i} f(x^n)",
        # a comma: no product, a function of two arguments (and of w, which it may hold)
        r"\frac{\partial}{\partial w}\left(g(x, y) g(x, y)\right) = 2 g(x, y) \frac{\partial g(x, y)}{\partial w}",
        # a semicolon and a bar separate arguments too
        r"\frac{\partial}{\partial w}\left(\frac{1}{2} u(w; a, b)^2\right)"
        r" = u(w; a, b) \frac{\partial u(w; a, b)}{\partial w}",
        r"\frac{\partial}{\partial \theta} \log q(\theta | t, z)"
        r" = \frac{1}{q(\theta | t, z)} \frac{\partial q(\theta | t, z)}{\partial \theta}",
    ]
    assert _statuses(steps, runner) == ["ok", "ok", "ok", "ok"]


def test_a_wrong_step_through_an_undefined_function_is_never_ok(runner: StepRunner) -> None:
    steps = [
        r"\frac{\partial}{\partial w_i} \ln(f(x^n)) = \frac{2}{f(x^n)} \frac{\partial}{\partial w_i} f(x^n)",
        r"\frac{\partial}{\partial w}\left(g(x, y) g(x, y)\right) = g(x, y) \frac{\partial g(x, y)}{\partial w}",
        r"\frac{\partial}{\partial w}\left(\frac{1}{2} u(w; a, b)^2\right) = \frac{\partial u(w; a, b)}{\partial w}",
        # f(x) may depend on w (the model's weights): its derivative by w is not 0
        r"\frac{\partial}{\partial w} \ln f(x) = 0",
    ]
    assert _statuses(steps, runner) == ["inconclusive"] * 4


def test_a_capital_letter_may_be_a_matrix(runner: StepRunner) -> None:
    # as scalars it holds; with W a matrix the reading does not check the products
    steps = [r"\frac{\partial}{\partial W}\left(Q(X) + 3 W\right) = \frac{\partial Q(X)}{\partial W} + 3"]
    assert _statuses(steps, runner) == ["inconclusive"]


def test_a_subscripted_name_before_a_bracket_stays_a_product(runner: StepRunner) -> None:
    steps = [
        r"\frac{\partial}{\partial p_j} p_j(1-p_j) = 1 - 2 p_j",
        r"p_j(1-p_j) = p_j - p_j^2",
        r"p_j(1-p_j) = p_j - 2 p_j^2",  # wrong as a product
    ]
    assert _statuses(steps, runner) == ["ok", "ok", "wrong"]
