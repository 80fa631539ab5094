"""σ(z_k) in a document whose σ is the softmax (checks/latex/norm_softmax.py, _entry_argument) is
entry k of the softmax of z, as the notation's ψ(z_k) already was; the first blind run of
tests/data/latex_heldout4 (purepisces) refused it. ``σ(z_1)`` stays refused: z_1 may be a layer's
vector."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
SOFTMAX = "Let $\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$ be the softmax.\n\n"


def _last(step: str, runner: StepRunner):
    return check_text(f"{SOFTMAX}$${step}$$\n", NOTATION, runner=runner, markdown=True).results[-1]


def test_an_entry_argument_is_the_softmax_entry(runner: StepRunner) -> None:
    assert _last(r"\sigma(z_k) = \frac{e^{z_k}}{\sum_{j} e^{z_j}}", runner).status == "ok"
    derivative = _last(r"\frac{\partial \sigma(z_k)}{\partial z_k} = \sigma(z_k)(1 - \sigma(z_k))", runner)
    assert derivative.status == "ok", derivative.message


def test_a_wrong_step_about_it_is_found(runner: StepRunner) -> None:
    result = _last(r"\frac{\partial \sigma(z_k)}{\partial z_k} = \sigma(z_k)(1 + \sigma(z_k))", runner)
    assert result.status == "wrong", result.message


def test_a_numbered_argument_is_not_read_as_an_entry(runner: StepRunner) -> None:
    result = _last(r"\sigma(z_1) = 2", runner)
    assert result.status == "unparsed", result.message
