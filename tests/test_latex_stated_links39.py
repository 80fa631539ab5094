"""Definitions stated in the clause right after a display (checks/latex/trailing_definitions.py):
"$$ … = -y\\log a - (1-y)\\log(1-a) $$ where $a = \\sigma(z)$". The display's steps use the link
the document states there: a true step is proved, a dropped factor, a sign or a wrong index is
found; a name the clause does not link, prose that only mentions names, a supposition and a name
defined before with another formula keep the ordinary rules (never a false alarm)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import find_definitions
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.trailing_definitions import hoisted_definitions, trailing_clause

NOTATION = load_notation()
LOSS = r"-y \log \sigma(z) - (1-y)\log(1-\sigma(z))"
SQUARED = r"\frac{\partial}{\partial z}\frac{1}{2}(\sigma(z) - y)^2"
SOFTMAX = r"\frac{e^{v_1}}{e^{v_1} + e^{v_2}}"
Q = r"q_i = \frac{e^{v_i}}{e^{v_1} + e^{v_2}}"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]
    return result.status, result.message


def _display(step: str, clause: str) -> str:
    return f"The loss of one example is\n\n$${step}$$\n\n{clause}\n"


@pytest.mark.parametrize(
    ("step", "clause", "expected"),
    [
        (rf"{LOSS} = -y\log a - (1-y)\log(1-a)", r"where $a = \sigma(z)$ is the prediction.", "ok"),
        (rf"{LOSS} = -y\log a + (1-y)\log(1-a)", r"where $a = \sigma(z)$ is the prediction.", "wrong"),  # a sign
        (rf"{SQUARED} = (a - y) a (1 - a)", r"Here $a = \sigma(z)$ is the output.", "ok"),
        (rf"{SQUARED} = (a - y) a", r"Here $a = \sigma(z)$ is the output.", "wrong"),  # a dropped factor
        (rf"{SOFTMAX} = q_1", rf"Here $t_i$ is the label and ${Q}$ is the softmax output.", "ok"),
        (rf"{SOFTMAX} = q_2", rf"Here $t_i$ is the label and ${Q}$ is the softmax output.", "wrong"),  # an index
        (rf"{LOSS} = -y\log a - (1-y)\log(1-a)", r"with $a = \sigma(z)$.", "ok"),
    ],
)
def test_a_link_stated_after_the_display_is_used(step: str, clause: str, expected: str, runner: StepRunner) -> None:
    status, message = _last(_display(step, clause), runner)
    assert status == expected, message


@pytest.mark.parametrize(
    "clause",
    [
        r"where $b = \sigma(z)$ is the prediction.",  # another name: a stays unlinked
        r"where $a$ and $z$ are the output and the input.",  # names mentioned, nothing stated
        r"The loss is convex. Here $a = \sigma(z)$ is the prediction.",  # a sentence ends first
        r"Therefore if $a = \sigma(z)$ the two agree.",  # a supposition, not a value
    ],
)
def test_no_stated_link_keeps_the_step_unjudged(clause: str, runner: StepRunner) -> None:
    status, message = _last(_display(rf"{LOSS} = -y\log a + (1-y)\log(1-a)", clause), runner)
    assert status == "inconclusive", message


def test_a_name_defined_before_with_another_formula_is_never_a_false_alarm(runner: StepRunner) -> None:
    text = r"Let $a = \tanh(z)$ be the hidden unit." + "\n\n" + _display(
        r"\frac{d}{dz}\sigma(z) = a(1 - a)", r"where $a = \sigma(z)$ is the output."
    )
    status, message = _last(text, runner)
    assert status != "wrong", message


def test_a_number_stays_where_it_is_written(runner: StepRunner) -> None:
    status, message = _last(_display(r"\sigma(z) = a", r"where $a = 0.5$."), runner)
    assert status == "inconclusive", message


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ("$$\n\nwhere $", True),
        ("\n\\]\nHere $t_i$ is the label and $", True),
        ("$$\n\nwhere:\n- \\( ", True),
        ("$$\n\n其中 $", True),
        ("$$ if $", False),
        ("$$\n\nThe loss falls. Here $", False),
        ("$$\n\nNext we train the model with $", False),
        ("$$\n\nwhere $a$ is the output.\n\nThe loss falls with $", False),
    ],
)
def test_the_clause_after_a_display(between: str, expected: bool) -> None:
    assert trailing_clause(between) is expected


def test_only_the_clause_after_a_display_moves() -> None:
    """A definition in a display of its own (``$$a = \\sigma(h)$$`` after "where $x$ is the
    input") stays where it is; the one in the clause moves to the display before it."""
    text = "$$h = w x$$\nwhere $x$ is the input and $w = 2 v$\n$$a = \\sigma(h)$$\n"
    equations = extract(text, markdown=True)
    defs = find_definitions("", NOTATION, equations=equations)
    moved = {d.name: (d.line, d.column) for d in hoisted_definitions(defs, equations, text)}
    assert moved["a"] == (3, 3) and moved["h"] == (1, 3) and moved["w"] == (1, 0), moved
