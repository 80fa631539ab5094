"""A delta given only by its output error and its recursion (checks/latex/layered_recursion.py):
where those formulas compute dC/dz on random networks, unread steps through the delta that then
hold are confirmed ok; wrong steps of the same shape are never confirmed (and never made wrong by
this reading); a document whose delta formulas do not compute the derivative confirms nothing."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.layered_recursion import recursion_context
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: per entry, layers as superscripts, the output error and the recursion only (no δ := ∂C/∂z)
PER_ENTRY = r"""Every layer computes $u^l_m = \sum_n v^l_{mn} h^{l-1}_n + c^l_m$ and $h^l_m = g(u^l_m)$.

The output error is
$$\delta^L_m = g'(u^L_m) \frac{\partial E}{\partial h^L_m}$$
and the error of a hidden layer is
$$\delta^l_m = g'(u^l_m) \sum_p v^{l+1}_{pm} \delta^{l+1}_p$$

"""

#: bracketed layers (l), weights indexed from i to j, the activation written with sigma
BRACKETS = r"""The forward pass: $s_j^{(l)} = \sum_i \theta_{ij}^{(l)} x_i^{(l-1)} + \beta_j^{(l)}$, with
$x_j^{(l)} = \sigma(s_j^{(l)})$ for the logistic function $\sigma$.

Backward: $\delta_j^{(L)} = \frac{\partial J}{\partial x_j^{(L)}} \sigma'(s_j^{(L)})$ and
$\delta_i^{(l)} = \sigma'(s_i^{(l)}) \sum_j \theta_{ij}^{(l+1)} \delta_j^{(l+1)}$.

"""

#: the recursion with the weight index the wrong way round: δ is then not ∂C/∂z
WRONG_RECURSION = PER_ENTRY.replace(r"v^{l+1}_{pm} \delta^{l+1}_p", r"v^{l+1}_{mp} \delta^{l+1}_p")
#: the output error only: the layers below are not fixed by anything
ONLY_OUTPUT = PER_ENTRY.split("and the error of a hidden layer")[0] + "\n\n"


@pytest.fixture(scope="module")
def runner() -> StepRunner:
    return StepRunner()


def _result(preamble: str, step: str, runner: StepRunner) -> tuple[str, dict | None, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == preamble.count("\n") + 1]
    return result.status, result.counterexample, result.message


RIGHT = [
    (PER_ENTRY, r"\frac{\partial E}{\partial c^l_m} = \delta^l_m"),
    (PER_ENTRY, r"\frac{\partial E}{\partial v^l_{mn}} = \delta^l_m h^{l-1}_n"),
    (PER_ENTRY, r"\frac{\partial E}{\partial v^L_{mn}} = h^{L-1}_n \delta^L_m"),
    (BRACKETS, r"\frac{\partial J}{\partial \theta_{ij}^{(l)}} = \delta_j^{(l)} x_i^{(l-1)}"),
    (BRACKETS, r"\frac{\partial J}{\partial \beta_j^{(l)}} = \delta_j^{(l)}"),
]


@pytest.mark.parametrize(("preamble", "step"), RIGHT)
def test_steps_through_the_recursions_delta_are_confirmed(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status == "ok", message
    assert "own formulas" in message


WRONG = [
    (PER_ENTRY, r"\frac{\partial E}{\partial v^l_{mn}} = \delta^l_n h^{l-1}_m"),  # indices swapped
    (PER_ENTRY, r"\frac{\partial E}{\partial v^l_{mn}} = \delta^l_m h^{l}_n"),  # the layer of h
    (PER_ENTRY, r"\frac{\partial E}{\partial c^l_m} = \delta^l_m g'(u^l_m)"),  # σ' twice
    (BRACKETS, r"\frac{\partial J}{\partial \theta_{ij}^{(l)}} = \delta_i^{(l)} x_j^{(l-1)}"),
]


@pytest.mark.parametrize(("preamble", "step"), WRONG)
def test_wrong_steps_of_the_same_shape_are_never_confirmed(preamble: str, step: str, runner: StepRunner) -> None:
    status, _, message = _result(preamble, step, runner)
    assert status != "ok", message
    assert "own formulas" not in message


@pytest.mark.parametrize("preamble", [WRONG_RECURSION, ONLY_OUTPUT])
def test_a_delta_its_formulas_do_not_fix_as_the_derivative_confirms_nothing(preamble: str, runner: StepRunner) -> None:
    text = preamble + "$$ x $$\n"
    assert recursion_context(text, extract(text, markdown=True)) is None
    status, _, message = _result(preamble, r"\frac{\partial E}{\partial c^l_m} = \delta^l_m", runner)
    assert status != "ok" or "own formulas" not in message, message


def test_the_delta_formulas_themselves_are_not_confirmed_by_the_reading_they_build(runner: StepRunner) -> None:
    report = check_text(PER_ENTRY, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results
    assert all("own formulas" not in r.message for r in report.results)


def test_a_delta_defined_as_the_derivative_stays_layered_backprops(runner: StepRunner) -> None:
    defined = PER_ENTRY + r"where $\delta^l_m = \frac{\partial E}{\partial u^l_m}$." + "\n\n"
    assert recursion_context(defined, extract(defined, markdown=True)) is None
    status, _, message = _result(defined, r"\frac{\partial E}{\partial c^l_m} = \delta^l_m", runner)
    assert status == "ok" and "own formulas" not in message, message


#: the other sign convention: δ is -∂E/∂u, so the derivative reading does not fit its formulas
OTHER_SIGN = PER_ENTRY.replace(r"\delta^L_m = g'(u^L_m)", r"\delta^L_m = -g'(u^L_m)")


def test_a_delta_of_the_other_sign_is_neither_confirmed_nor_refuted(runner: StepRunner) -> None:
    assert recursion_context(OTHER_SIGN + "$$ x $$\n", extract(OTHER_SIGN + "$$ x $$\n", markdown=True)) is None
    for step in (r"\frac{\partial E}{\partial v^l_{mn}} = -\delta^l_m h^{l-1}_n",
                 r"\frac{\partial E}{\partial v^l_{mn}} = \delta^l_m h^{l-1}_n"):
        status, counterexample, message = _result(OTHER_SIGN, step, runner)
        assert status != "wrong" and counterexample is None, message
        assert "own formulas" not in message, message

