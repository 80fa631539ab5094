r"""Chain-rule steps through a cost the step itself takes apart (own_costs).

The document defines a layer numbered unit by unit, ``z_1 = w_{11} x_1 + w_{12} x_2 + b_1``,
``z_2 = w_{21} x_1 + w_{22} x_2 + b_2``, and gives the loss L the value of an earlier example
(``L = (q - y)^2``), which does not reach x or w. A step that writes ∂L/∂x_1 through ∂L/∂z_1 and
∂L/∂z_2 is judged for any cost of the z's: correct chains are ok, the slips (a swapped index, a
wrong unit, σ for σ') are wrong with the point, a dropped term and an undefined intermediate stay
open.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.normalize import normalize

from tests.hunt_steps import NOTATION, step_results

#: an earlier example's loss, then a layer of two units numbered one by one
LAYER = (
    "First a one-weight example: $$q = v t + c$$ and the loss $$L = (q - y)^2$$.\n\n"
    "Now a layer with two inputs and two units:\n\n"
    "$$z_1 = w_{11} x_1 + w_{12} x_2 + b_1$$\n\n"
    "$$z_2 = w_{21} x_1 + w_{22} x_2 + b_2$$\n\n"
    "Suppose the gradients of L with respect to z_1 and z_2 are known.\n\n"
)
#: the same units, then sigmoid outputs a_1, a_2 that the loss is taken by
ACTIVATED = LAYER + "$$a_1 = \\sigma(z_1)$$\n\n$$a_2 = \\sigma(z_2)$$\n\n"
#: the weight from input i to unit j written w_{ji}, said by the document (as above): and the
#: other convention, w_{ij} from unit i to j, stated by another document
TRANSPOSED = LAYER.replace("w_{12} x_2", "w_{21} x_2").replace("w_{21} x_1", "w_{12} x_1")

BY_Z1, BY_Z2 = "\\frac{\\partial L}{\\partial z_1}", "\\frac{\\partial L}{\\partial z_2}"
BY_A1, BY_A2 = "\\frac{\\partial L}{\\partial a_1}", "\\frac{\\partial L}{\\partial a_2}"


def _verdicts(layer: str, steps: list[str], runner: StepRunner) -> list[tuple[str, str]]:
    """(status, message) of each of ``steps``, each alone after the layer's definitions: no other
    step's derivatives say how L depends on anything (the step's own reading, or none)."""
    return [step_results(f"{layer}$${step}$$\n\n", runner)[-1][1:] for step in steps]


def test_correct_chain_steps_are_ok_for_any_cost_of_the_units(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial L}}{{\\partial x_1}} = {BY_Z1} w_{{11}} + {BY_Z2} w_{{21}}",
        f"\\frac{{\\partial L}}{{\\partial x_2}} = {BY_Z1} \\cdot w_{{12}} + {BY_Z2} \\cdot w_{{22}}",
        f"\\frac{{\\partial L}}{{\\partial w_{{21}}}} = {BY_Z2} x_1",
        f"\\frac{{\\partial L}}{{\\partial b_1}} = {BY_Z1}",
    ]
    for status, message in _verdicts(LAYER, steps, runner):
        assert status == "ok", message
        assert "L of z_{1}, z_{2}" in message and "set aside" in message


def test_the_stated_other_convention_is_not_called_wrong(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial L}}{{\\partial x_1}} = {BY_Z1} w_{{11}} + {BY_Z2} w_{{12}}",
        f"\\frac{{\\partial L}}{{\\partial w_{{12}}}} = {BY_Z2} x_1",
    ]
    for status, message in _verdicts(TRANSPOSED, steps, runner):
        assert status == "ok", message


def test_a_swapped_index_or_a_wrong_unit_is_wrong(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial L}}{{\\partial x_1}} = {BY_Z1} w_{{12}} + {BY_Z2} w_{{22}}",  # row for column
        f"\\frac{{\\partial L}}{{\\partial w_{{21}}}} = {BY_Z2} x_2",  # the other input
        f"\\frac{{\\partial L}}{{\\partial x_1}} = {BY_Z2} w_{{11}} + {BY_Z1} w_{{21}}",  # the units swapped
    ]
    for status, message in _verdicts(LAYER, steps, runner):
        assert status == "wrong", message
        assert "kept opaque" in message


def test_the_unit_a_weight_does_not_feed_is_held_open(runner: StepRunner) -> None:
    # ∂L/∂z_2 x_1 against ∂L/∂z_1 x_1: each derivative on one side only, equal for a cost whose
    # two derivatives agree (L = z_1 + z_2); opaque_costs holds such a step back, never ok
    steps = [f"\\frac{{\\partial L}}{{\\partial w_{{21}}}} = {BY_Z1} x_1"]
    for status, message in _verdicts(LAYER, steps, runner):
        assert status not in ("ok", "wrong"), message


#: a worked example whose second activation repeats the first unit's input by a typo (a_2 = σ(z_1)):
#: expanded through those values, ∂L/∂w_1 has a second path (through a_2) the step's chain never meant
TYPO = (
    "$$z_1 = w_1 x_1 + w_3 x_2$$\n\n$$z_2 = w_2 x_1 + w_4 x_2$$\n\n$$a_1 = \\sigma(z_1)$$\n\n"
    "$$a_2 = \\sigma(z_1)$$\n\n$$\\hat{y} = w_5 a_1 + w_6 a_2$$\n\n"
)


def test_a_typo_in_the_values_is_not_blamed_on_the_step(runner: StepRunner) -> None:
    chain = "\\frac{\\partial L}{\\partial \\hat{y}} w_5 \\sigma(z_1)(1 - \\sigma(z_1)) x_1"
    steps = [f"\\frac{{\\partial L}}{{\\partial w_1}} = {chain}"]
    for status, message in _verdicts(TYPO, steps, runner):
        assert status != "wrong", message


def test_sigma_for_its_derivative_is_wrong_and_the_right_slope_ok(runner: StepRunner) -> None:
    slope = "\\sigma(z_1)(1 - \\sigma(z_1))"
    steps = [
        f"\\frac{{\\partial L}}{{\\partial w_{{11}}}} = {BY_A1} {slope} x_1",
        f"\\frac{{\\partial L}}{{\\partial w_{{11}}}} = {BY_A1} \\sigma(z_1) x_1",
    ]
    (good, why_good), (bad, why_bad) = _verdicts(ACTIVATED, steps, runner)
    assert good == "ok", why_good
    assert bad == "wrong", why_bad


def test_a_dropped_term_is_not_called_ok(runner: StepRunner) -> None:
    # a cost of z_1 alone would make it hold: z_2, defined beside z_1, keeps its term asked for
    steps = [f"\\frac{{\\partial L}}{{\\partial x_1}} = {BY_Z1} w_{{11}}"]
    for status, message in _verdicts(LAYER, steps, runner):
        assert status not in ("ok", "wrong"), message


def test_an_undefined_intermediate_stays_open(runner: StepRunner) -> None:
    # h_1 has no formula: the step alone says how L reaches x_1 through it
    steps = ["\\frac{\\partial L}{\\partial x_1} = \\frac{\\partial L}{\\partial h_1} w_{11}"]
    for status, message in _verdicts(LAYER, steps, runner):
        assert status not in ("ok", "wrong"), message


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        ("\\frac{\\partial L}{\\partial x_1}", f"{BY_Z1} w_{{11}} + {BY_Z2} w_{{21}}"),
        ("\\frac{\\partial L}{\\partial b_1}", BY_Z1),
    ],
)
def test_the_reading_needs_the_cost_on_both_sides(lhs: str, rhs: str) -> None:
    from derive.checks.latex.own_costs import own_cost_parents

    given = {
        "z_{1}": ("", normalize("w_{11} x_1 + w_{12} x_2 + b_1", NOTATION)),
        "z_{2}": ("", normalize("w_{21} x_1 + w_{22} x_2 + b_2", NOTATION)),
    }
    sides = [normalize(lhs, NOTATION), normalize(rhs, NOTATION)]
    assert own_cost_parents(sides, given, set()) == {"L": ("z_{1}", "z_{2}")}
    assert own_cost_parents([sides[0], normalize("w_{11} + w_{21}", NOTATION)], given, set()) == {}


#: a layer whose error δ_j is DEFINED as the cost's derivative: δ_j's value is what the step's
#: other side differentiates the cost by
DELTA = (
    "The last layer computes\n\n$$z_j = \\sum_i w_{ij} a_i + b_j$$\n\n$$o_j = \\sigma(z_j)$$\n\n"
    "and we write $$\\delta_j = \\frac{\\partial C}{\\partial z_j}$$ for the error of unit j.\n\n"
)


def test_steps_through_a_defined_error_are_judged(runner: StepRunner) -> None:
    good = [
        "\\frac{\\partial C}{\\partial b_j} = \\delta_j",
        "\\frac{\\partial C}{\\partial w_{ij}} = \\delta_j a_i",
        "\\frac{\\partial C}{\\partial a_i} = \\sum_j \\delta_j w_{ij}",
        "\\delta_j = \\frac{\\partial C}{\\partial o_j} \\sigma(z_j)(1-\\sigma(z_j))",
    ]
    for status, message in _verdicts(DELTA, good, runner):
        assert status == "ok", message
    # slips through δ's value are not ok; nor wrong: the prose may have changed δ since its
    # definition ("some write δ with the other sign": −δ_j a_i is then right)
    bad = [
        "\\frac{\\partial C}{\\partial w_{ij}} = \\delta_j a_j",  # the unit's input for the weight's
        "\\frac{\\partial C}{\\partial a_i} = \\sum_j \\delta_j w_{ji}",  # the weight of the other direction
        "\\frac{\\partial C}{\\partial w_{ij}} = -\\delta_j a_i",  # another sign convention
    ]
    for status, message in _verdicts(DELTA, bad, runner):
        assert status not in ("ok", "wrong"), message


def test_a_step_that_takes_the_cost_by_its_frontier_only_is_judged(runner: StepRunner) -> None:
    chain = "\\frac{\\partial C}{\\partial o_j}\\frac{\\partial o_j}{\\partial z_j}"
    steps = [
        f"{chain} = \\frac{{\\partial C}}{{\\partial o_j}} \\sigma(z_j)(1-\\sigma(z_j))",
        f"{chain} = \\frac{{\\partial C}}{{\\partial o_j}} \\sigma(z_j)",  # σ for σ'
    ]
    (good, why_good), (bad, why_bad) = _verdicts(DELTA, steps, runner)
    assert good == "ok", why_good
    assert bad == "wrong", why_bad
