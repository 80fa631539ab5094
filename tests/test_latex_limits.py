"""Limits (checks/latex/limits.py, limit_tokens.py): ``\\lim_{h \\to 0} …`` is an operator on the
product after it, evaluated by SymPy's limit on the built expression. Right steps are ok, wrong
ones wrong with a checked counterexample, and a limit SymPy does not settle (two sides that
differ, an oscillation, a point that is a name) is never called wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.limit_tokens import delta_increments
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _results(text: str, runner: StepRunner) -> list:
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results


def _one(step: str, runner: StepRunner):
    (result,) = _results(f"$$ {step} $$\n", runner)
    return result


RIGHT = [
    r"\lim_{x \to 0} \frac{\sin x}{x} = 1",
    r"\lim_{h\rightarrow 0}\frac{e^{h}-1}{h} = 1",
    r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e",
    r"\lim\limits_{t \to 0^+} \frac{|t|}{t} = 1",
    r"\displaystyle\lim_{u \to 0} \frac{\ln(1+u)}{u} = 1",
    # a limit of a rewritten quotient (not first principles' exact pattern), Δx one name
    r"\lim_{\Delta x \to 0}\frac{1}{\Delta x}\log_a(1+\frac{\Delta x}{x}) = \frac{1}{x\ln a}",
    r"\lim_{\Delta{x} \to 0}\frac{1}{\Delta x} log_a(\frac{x+\Delta x}{x}) = "
    r"\lim_{\Delta{x} \to 0}\frac{1}{\Delta x} log_a(1+\frac{\Delta x}{x})",
    r"\lim_{h \to 0} \frac{(x+2h)^2 - x^2}{h} = 4x",
    r"\lim_{k\to 0} \frac{\sigma(z+k)-\sigma(z-k)}{2k} = \sigma(z)(1-\sigma(z))",
]


@pytest.mark.parametrize("step", RIGHT)
def test_a_right_limit_is_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", result.message


WRONG = [
    (r"\lim_{x \to 0} \frac{\sin x}{x} = 0", "left side = 1"),
    (r"\lim_{h \to 0} \frac{\sin(x+h) - \sin(x)}{2h} = \cos(x)", "at x = "),
    (r"\lim_{v \to 0} \frac{e^{2v}-1}{v} = 1", "left side = 2"),
    (r"\lim_{\Delta x \to 0}\frac{1}{\Delta x}\ln(1+\frac{\Delta x}{x}) = x", "at x = "),
]


@pytest.mark.parametrize(("step", "shown"), WRONG)
def test_a_wrong_limit_is_found_with_its_counterexample(step: str, shown: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", result.message
    assert shown in result.message


NEAR = [
    r"\lim_{x \to 0} \frac{|x|}{x} = 1",  # the one-sided limits differ: no limit
    r"\lim_{x \to 0} \sin(\frac{1}{x}) = 0",  # oscillates
    r"\lim_{x \to a} x^2 = a^2",  # a point that is a name: not read
    # log_a(…)^{1/Δx} read literally is (log_a(…))^{1/Δx}, which has no limit: never wrong
    r"\lim_{\Delta{x} \to 0}log_a(1+\frac{\Delta x}{x})^\frac{1}{\Delta x} = \frac{1}{x \ln a}",
    r"\lim_{h \to 0^+} \frac{|x+h| - |x|}{h} = 1",
    r"\lim \frac{\sin x}{x} = 1",  # no variable, no chain to take it from
]


@pytest.mark.parametrize("step", NEAR)
def test_a_limit_sympy_does_not_settle_is_never_wrong(step: str, runner: StepRunner) -> None:
    assert _one(step, runner).status in ("unparsed", "inconclusive")


def test_a_limit_variable_the_document_defines_is_still_the_bound_variable(runner: StepRunner) -> None:
    text = "Let $h = \\sigma(z)$.\n\n$$ \\lim_{h \\to 0} \\frac{\\sin(h)}{h} = 1 $$\n"
    assert [r.status for r in _results(text, runner)][-1] == "ok"


def test_delta_x_is_one_name_only_beside_a_limit() -> None:
    with_limit = [t for t, _ in delta_increments(tex_tokens(r"\lim_{\Delta x \to 0} \Delta{x}"))]
    assert with_limit.count("_") == 3 and with_limit.count("x") == 2  # the limit's own _ and two Δ_{x}
    plain = tex_tokens(r"\Delta\theta = \alpha \Delta x")
    assert delta_increments(plain) == plain
    # the update Δθ = α(y - h)x keeps Δ as a name of its own
    assert not normalize(r"\Delta x", NOTATION).problems


BARE_CHAIN = (
    "$$ \\frac{d}{dx}\\ln x = \\lim_{h \\to 0}\\frac{\\ln(x+h)-\\ln x}{h} = \\lim \\frac{1}{h}\\ln(1+\\frac{h}{x})"
    " = \\lim \\frac{1}{x}\\cdot\\frac{x}{h}\\ln(1+\\frac{h}{x}) = \\frac{1}{x} $$\n"
)


def test_a_bare_lim_continues_the_chains_limit(runner: StepRunner) -> None:
    assert [r.status for r in _results(BARE_CHAIN, runner)] == ["ok"] * 4
    wrong = _results("$$ \\lim_{v \\to 0}\\frac{e^{v}-1}{v} = \\lim \\frac{e^v}{1} = 2 $$\n", runner)
    assert [r.status for r in wrong] == ["ok", "wrong"]
    assert "left side = 1" in wrong[1].message


def test_a_bare_lim_beside_two_different_limits_is_not_read(runner: StepRunner) -> None:
    text = "$$ \\lim_{h \\to 0} \\frac{\\sin h}{h} = \\lim_{k \\to 0} \\cos k = \\lim 2 $$\n"
    assert [r.status for r in _results(text, runner)][-1] == "unparsed"
