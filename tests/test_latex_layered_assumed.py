"""The standard layer assumed for a summary of back-propagation that never writes its forward pass
(checks/latex/layered_assumed.py): its δ formulas name the layer's parts, the layer is kept only
where they then compute ∂C/∂z, and only ok is taken from it (through layered_recursion)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.layered_assumed import assumed_context
from derive.checks.latex.layered_backprop import _definitions, _read
from derive.checks.latex.layered_recursion import recursion_context
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.fixture(scope="module")
def runner() -> StepRunner:
    return StepRunner()


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, dict | None, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.counterexample, result.message


#: a summary: the four equations in vector form, no forward pass written (layered_assumed)
SUMMARY = r"""The four equations, with $\odot$ the entrywise product:

$$\delta^L = \nabla_h E \odot g'(u^L)$$

$$\delta^l = ((V^{l+1})^T \delta^{l+1}) \odot g'(u^l)$$

"""


@pytest.mark.parametrize(
    ("step", "confirmed"),
    [
        (r"\frac{\partial E}{\partial V^l_{mn}} = h^{l-1}_n \delta^l_m", True),
        (r"\frac{\partial E}{\partial V^l_{mn}} = h^{l-1}_m \delta^l_n", False),
        (r"\frac{\partial E}{\partial V^l_{mn}} = h^{l}_n \delta^l_m", False),
    ],
)
def test_a_summary_without_its_layer_gets_the_standard_one_to_confirm(
    step: str, confirmed: bool, runner: StepRunner
) -> None:
    status, counterexample, message = _result(SUMMARY, step, runner)
    assert counterexample is None, message
    assert (status == "ok" and "assumed" in message) is confirmed, message


def test_a_document_that_writes_its_own_layer_is_not_given_the_standard_one(runner: StepRunner) -> None:
    # the layer as written sums a^{l-1}_j over k (a slip): never replaced by the standard layer
    own = r"Each layer computes $u^l_m = \sum_n V^l_{mn} h^{l-1}_m + c^l_m$." + "\n\n" + SUMMARY
    assert recursion_context(own, extract(own, markdown=True)) is None



def test_the_layers_names_come_from_the_delta_formulas() -> None:
    text = SUMMARY + r"$$\frac{\partial E}{\partial c^l_m} = \delta^l_m$$" + "\n"
    trees = [(p, _read(p.lhs, True), _read(p.rhs, True)) for p in _definitions(extract(text, markdown=True))]
    formulas = [(p, lhs) for p, lhs, rhs in trees if lhs and lhs[1] == "\\delta" and rhs is not None]
    context = assumed_context(trees, formulas, ("\\delta", "E", ("V", "c", "h")), text, True)
    assert context is not None and context.activation_assumed
    roles = context.roles
    assert (roles.z, roles.a, roles.weight, roles.bias, roles.act) == ("u", "h", "V", "c", "g")


def test_two_activations_in_the_delta_formulas_name_no_layer() -> None:
    text = SUMMARY.replace("g'(u^l)", "f'(u^l)") + "$$ x $$\n"
    assert recursion_context(text, extract(text, markdown=True)) is None
