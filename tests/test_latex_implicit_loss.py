r"""Steps about a loss the document names but never writes (checks/latex/implicit_loss.py).

The forward pass is written unit by unit, the loss only named; steps through an error signal
defined as the loss's derivative, or through the loss's derivatives themselves, are judged again
with a made-up smooth loss of the last layer. Correct steps become ok; their wrong twins (the
error of the other unit, the transposed weight, a sum over the derivative's own index) are never
ok and never wrong (a made-up loss refutes nothing about the document's own); a loss with an
index, a target off the network or a loss the document writes keep the reading away.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.implicit_loss import implicit_loss, last_family, loss_value
from derive.checks.latex.normalize import load_notation, normalize

from tests.hunt_steps import step_results

NOTATION = load_notation()
D = r"\frac{\partial %s}{\partial %s}"

#: a tanh layer in letters of its own, the loss R only named, its error signal a derivative of R
TANH_LAYER = (
    "The units compute $$u_q = \\sum_p v_{qp} h_p + c_q$$ and then $$o_q = \\tanh(u_q)$$.\n\n"
    "The training loss R is some function of the outputs. We write "
    f"$$\\varepsilon_q = {D % ('R', 'u_q')}$$ for the error of unit q.\n\n"
)
#: a sigmoid layer with superscript labels, its error signal written with a superscript too
SIGMOID_LAYER = (
    "$$s^{[2]}_a = \\sum_b m^{[2]}_{ab} x_b + e^{[2]}_a$$\n\n$$y^{[2]}_a = \\sigma(s^{[2]}_a)$$\n\n"
    f"The objective J compares y with the labels; $$d^{{[2]}}_a = {D % ('J', 's^{[2]}_a')}$$.\n\n"
)


def _verdicts(layer: str, steps: list[str], runner: StepRunner) -> list[tuple[str, str]]:
    """(status, message) of each step, each alone after the layer's definitions."""
    return [step_results(f"{layer}$${step}$$\n\n", runner)[-1][1:] for step in steps]


CORRECT = [
    (TANH_LAYER, f"{D % ('R', 'v_{qp}')} = \\varepsilon_q h_p"),
    (TANH_LAYER, f"{D % ('R', 'c_q')} = \\varepsilon_q"),
    (TANH_LAYER, f"{D % ('R', 'h_p')} = \\sum_q \\varepsilon_q v_{{qp}}"),
    (SIGMOID_LAYER, f"{D % ('J', 'm^{[2]}_{ab}')} = d^{{[2]}}_a x_b"),
    (SIGMOID_LAYER, f"{D % ('J', 'x_b')} = \\sum_a d^{{[2]}}_a m^{{[2]}}_{{ab}}"),
    (SIGMOID_LAYER, f"{D % ('J', 's^{[2]}_a')} = {D % ('J', 'y^{[2]}_a')} y^{{[2]}}_a (1 - y^{{[2]}}_a)"),
]


@pytest.mark.parametrize(("layer", "step"), CORRECT)
def test_a_correct_step_is_ok_for_a_made_up_loss_of_the_last_layer(layer: str, step: str, runner: StepRunner) -> None:
    [(status, message)] = _verdicts(layer, [step], runner)
    assert status == "ok", message
    # in the sigmoid layer the document's own derivatives of J imply J of s (read before this
    # pass, which then leaves the step as it is); R of the tanh layer is read by this pass
    assert "made up for the reading" in message if layer is TANH_LAYER else "J of " in message


WRONG_TWINS = [
    (TANH_LAYER, f"{D % ('R', 'v_{qp}')} = \\varepsilon_p h_q"),  # the other unit's error
    (TANH_LAYER, f"{D % ('R', 'h_p')} = \\sum_q \\varepsilon_q v_{{pq}}"),  # the transposed weight
    (TANH_LAYER, f"{D % ('R', 'h_p')} = \\sum_p \\varepsilon_p v_{{pp}}"),  # summed over its own index
    (TANH_LAYER, f"{D % ('R', 'c_q')} = \\varepsilon_q o_q"),  # a factor too many
    (SIGMOID_LAYER, f"{D % ('J', 'm^{[2]}_{ab}')} = d^{{[2]}}_b x_a"),  # the indices swapped
    (SIGMOID_LAYER, f"{D % ('J', 'x_b')} = \\sum_b d^{{[2]}}_b m^{{[2]}}_{{bb}}"),  # summed over its own index
]


@pytest.mark.parametrize(("layer", "step"), WRONG_TWINS)
def test_a_wrong_twin_is_never_confirmed_nor_called_wrong_by_the_made_up_loss(
    layer: str, step: str, runner: StepRunner
) -> None:
    [(status, message)] = _verdicts(layer, [step], runner)
    assert status != "ok", message
    assert "made up for the reading" not in message


NEAR_MISSES = [
    # a loss per example (E_n): its index may mean anything the prose says
    (TANH_LAYER.replace("R", "E_n").replace("{R}", "{E_n}"), f"{D % ('E_n', 'c_q')} = \\varepsilon_q"),
    # a target off the network: the made-up loss would not depend on it
    (TANH_LAYER, f"{D % ('R', 't_q')} = 0"),
    # the document writes its loss: the document's own reading, not this one
    (TANH_LAYER + "$$R = \\sum_q (o_q - t_q)^2$$\n\n", f"{D % ('R', 'c_q')} = \\varepsilon_q"),
]


@pytest.mark.parametrize(("layer", "step"), NEAR_MISSES)
def test_near_misses_are_not_read_with_a_made_up_loss(layer: str, step: str, runner: StepRunner) -> None:
    [(_, message)] = _verdicts(layer, [step], runner)
    assert "made up for the reading" not in message


def _scalar(definitions: dict[str, tuple[str, str]]) -> dict:
    return {name: (letters, normalize(value, NOTATION)) for name, (letters, value) in definitions.items()}


LAYERS = {
    "u_{q}": ("q", r"\sum_p v_{qp} h_p + c_q"),
    "o_{q}": ("q", r"\tanh(u_q)"),
    r"\varepsilon_{q}": ("q", r"\frac{\partial R}{\partial u_q}"),
}


def test_the_last_family_feeds_no_definition_and_is_no_error_signal() -> None:
    scalar = _scalar(LAYERS)
    assert last_family(scalar, "R") == "o_{q}"
    # two families that feed nothing: no one last layer
    assert last_family(_scalar({**LAYERS, "k_{q}": ("q", r"\sigma(u_q)")}), "R") is None


def test_the_loss_is_the_one_undefined_numerator_without_an_index() -> None:
    scalar = _scalar(LAYERS)
    sides = normalize(D % ("R", "v_{qp}"), NOTATION), normalize(r"\varepsilon_q h_p", NOTATION)
    found = implicit_loss(sides, scalar, set(scalar))
    assert found is not None and found[:2] == ("R", "o_{q}")
    # R defined somewhere in the document (even unreadably): not this reading
    assert implicit_loss(sides, scalar, {*scalar, "R"}) is None


def test_the_made_up_loss_sums_over_a_letter_the_step_does_not_use() -> None:
    value = loss_value("o_{q}", "q", {"q", "p", "s"})
    assert value is not None and "o_{r}" in value and "o_{s}" not in value
    assert loss_value("o_{q}", "p", set()) is None  # the index is not the entry's


#: a layer letter's definitions and their next layer (as layer_instances reads them), and an
#: output head that only the first layer feeds
NEXT_LAYER = {
    "n_{p}^{(t)}": ("p", r"\sum_r g^{(t)}_{pr} h^{(t-1)}_r + c^{(t)}_p"),
    "h_{p}^{(t)}": ("p", r"\tanh(n^{(t)}_p)"),
    "n_{p}^{(t+1)}": ("p", r"\sum_r g^{(t+1)}_{pr} h^{(t)}_r + c^{(t+1)}_p"),
    "h_{p}^{(t+1)}": ("p", r"\tanh(n^{(t+1)}_p)"),
    "k_{p}": ("p", r"\sigma(h^{(t-1)}_p)"),
}


def test_the_last_layer_is_the_one_that_reaches_every_name_the_step_differentiates() -> None:
    scalar = _scalar(NEXT_LAYER)
    step = (
        normalize(D % ("Q", "h^{(t)}_p"), NOTATION),
        normalize(r"\sum_r " + D % ("Q", "h^{(t+1)}_r") + r" (1 - (h^{(t+1)}_r)^2) g^{(t+1)}_{rp}", NOTATION),
    )
    found = implicit_loss(step, scalar, set(scalar))
    assert found is not None and found[1] == "h_{p}^{(t+1)}"  # k_p does not reach h^{(t)}
    # a step about the first layer's input: both h^{(t+1)} and k reach it, so no one loss is read
    first = normalize(D % ("Q", "h^{(t-1)}_r"), NOTATION), normalize(r"q_r", NOTATION)
    assert implicit_loss(first, scalar, set(scalar)) is None
