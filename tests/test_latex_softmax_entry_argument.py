"""σ(z_k) in a document whose σ is the softmax (checks/latex/norm_softmax.py, _entry_argument) is
entry k of the softmax of z, as the notation's ψ(z_k) already was; the first blind run of
tests/data/latex_heldout4 (purepisces) refused it. ``σ(z_1)`` is entry 1 too where the document
exponentiates z's entries and defines none of them as a layer's vector; with ``z_1 = W_1 x + b_1``
it stays refused (see test_latex_scalar_entries.py)."""

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


def test_a_numbered_argument_of_a_layer_is_not_read_as_an_entry(runner: StepRunner) -> None:
    text = f"{SOFTMAX}Layer one: $z_1 = W_1 x + b_1$.\n\n$$\\sigma(z_1) = 2$$\n"
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    assert result.status == "unparsed", result.message
