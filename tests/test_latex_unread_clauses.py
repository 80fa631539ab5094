r"""Values an example posits (checks/latex/unread_clauses.py): a Spanish page on odds
(vcntttt/modelo-regresion) writes "por ejemplo, $\text{odds} = 0.25$ significa …" after another
example's "$p = 0.5$"; the value is the example's case, not a claim about the page's odds."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_ODDS = "$$\n\\text{odds} = \\frac{p}{1 - p}\n$$\n\n(equivale a $p = 0.5$)\n\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_ODDS + "- (por ejemplo, $\\text{odds} = 0.25$ significa “4 veces más probable que NO ocurra”)\n",
         "inconclusive"),
        (_ODDS + "- For example, $\\text{odds} = 0.25$ means the event is rarer.\n", "inconclusive"),
        # the wrong twin: the same value stated, not an example's
        (_ODDS + "- Entonces $\\text{odds} = 0.25$ siempre.\n", "wrong"),
    ],
)
def test_a_value_an_example_posits_is_no_claim(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


# "The loss is zero if and only if $\hat{y} = y$": the condition of an equivalence, which the reader took
# for ŷ's value, so a later claim ŷ − y = 0 was ok and ∂L/∂ŷ vanished (both sides 0, no evidence)
_SUPPOSED = "The loss is zero {word} $\\hat{{y}} = y$.\n\n$$L = \\frac{{1}}{{2}}(\\hat{{y}} - y)^2$$\n\n"


@pytest.mark.parametrize(
    "word", ["if and only if", "iff", "only if", "whenever", "exactly when", "genau dann, wenn", "si et seulement si"]
)
def test_an_inline_value_after_a_supposing_word_defines_nothing(word: str, runner: StepRunner) -> None:
    text = _SUPPOSED.format(word=word)
    claim = check_text(text + "$$\\hat y - y = 0$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert claim.results[-1].status != "ok", claim.results[-1].message
    derivative = text + "$$\\frac{\\partial L}{\\partial \\hat y} = \\hat y - y$$\n"
    report = check_text(derivative, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message
    # the wrong twin: a dropped 1/2's factor is found, ŷ varying on its own
    slip = derivative.replace("= \\hat y - y$$", "= 2(\\hat y - y)$$")
    twin = check_text(slip, NOTATION, runner=runner, markdown=True)
    assert twin.results[-1].status == "wrong", twin.results[-1].message


@pytest.mark.parametrize("word", ["where", "let", "with", "if", "for example, if"])
def test_an_inline_value_after_where_let_or_if_still_defines(word: str, runner: StepRunner) -> None:
    text = f"The prediction, {word} $\\hat{{y}} = y$.\n\n$$\\hat y - y = 0$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message


@pytest.mark.parametrize(
    "text",
    [
        "The gap is zero iff $(a + b)^2 = a^2 + b^2$ for the chosen pair.\n",
        "It is zero, provided the gap closes, $(c + d)^2 = c^2 + d^2$ here.\n",
    ],
)
def test_a_claim_supposed_after_iff_or_provided_is_not_refuted(text: str, runner: StepRunner) -> None:
    # main called both wrong: "iff" and "provided" were not supposing words before a formula (an equation in
    # one name, a² = a, would be held anyway as the condition that fixes it: solved_equations)
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["inconclusive"], report.results[0].message
    twin = check_text(text.replace("iff", "and").replace("provided", "and"), NOTATION, runner=runner, markdown=True)
    assert [r.status for r in twin.results] == ["wrong"], twin.results[0].message
