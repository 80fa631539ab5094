r"""A forward definition mixing a unit's input with another unit's activation (mixed_activations.py):
``o_1 = w_5 h_1 + w_6 a_{h_2}`` beside ``a_{h_1} = \sigma(h_1)``: a step wrong only through it is
not judged wrong; with consistent definitions the same step is."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# venkyyuvy/image_classifier README (held-out 22, blind): o_1 takes h_1 where it means a_{h_1}, and
# the derivation (right for the network it means) read as wrong three times
FORWARD = (
    "$$h_1 = w_1 * i_1 + w_2 * i_2$$\n\n$$h_2 = w_3 * i_1 + w_4 * i_2$$\n\n"
    "$$ a_{h_1} = \\sigma{(h_1)}  = \\frac{1}{1 + e^{-h_1}}$$\n\n$$ a_{h_2} = \\sigma{(h_2)} $$\n\n"
    "$$ o_1 = w_5 * %s + w_6 * a_{h_2}$$\n\n"
)
STEP = "$$\\frac{\\partial o_1}{\\partial w_5}  =  %s$$\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


def test_a_step_wrong_only_through_a_mixed_definition_is_not_wrong(runner: StepRunner) -> None:
    status, message = _last(FORWARD % "h_1" + STEP % "a_{h_1}", runner)
    assert status == "inconclusive" and "likely a slip" in message, message


def test_with_consistent_definitions_the_same_slip_is_wrong(runner: StepRunner) -> None:
    assert _last(FORWARD % "a_{h_1}" + STEP % "a_{h_1}", runner)[0] == "ok"
    status, message = _last(FORWARD % "a_{h_1}" + STEP % "h_1", runner)
    assert status == "wrong", message


def test_a_step_wrong_under_either_repair_is_wrong(runner: StepRunner) -> None:
    # the same README's ∂E/∂w_1 drops a bracket: read with o_1 repaired either way (w_5 a_{h_1} + w_6
    # a_{h_2}, or w_5 h_1 + w_6 h_2) it is still wrong, whichever term was the slip
    status, message = _last(FORWARD % "h_1" + STEP % "2 a_{h_1}", runner)
    assert status == "wrong" and "repaired either way" in message, message


def test_every_mixed_definition_a_step_reaches_is_repaired_alike(runner: StepRunner) -> None:
    # o_2 mixed the same way: a step through o_1 and o_2 is judged with both repaired, never one of them
    second = "$$ o_2 = w_7 * h_1 + w_8 * a_{h_2}$$\n\n"
    step = "$$\\frac{\\partial (o_1 + o_2)}{\\partial w_5} = a_{h_1}$$\n"
    status, message = _last(FORWARD % "h_1" + second + step, runner)
    assert status == "inconclusive" and "likely a slip" in message, message
