"""A document whose σ is its own activation (checks/latex/own_functions.py, _piecewise_derivative):
``σ'(x) = 1 if x > 0, 0 otherwise`` names σ a ReLU-like function, since no one claims the
logistic function's derivative is a case split. The first blind run of tests/data/latex_heldout4
(purepisces, line 180) called that line wrong on the notation's sigmoid."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _last(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, markdown=True).results[-1]


@pytest.mark.parametrize(
    "value",
    [
        r"\begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{if } x \leq 0 \end{cases}",
        r"\mathbb{1}[x > 0]",
        r"\mathbb{1}_{x > 0}",
    ],
)
def test_a_case_split_for_sigma_prime_defines_the_documents_activation(value: str, runner: StepRunner) -> None:
    result = _last(f"A two-layer ReLU network.\n\n$$\\sigma'(x) = {value}$$\n", runner)
    assert result.status != "wrong", result.message
    if result.status == "inconclusive":  # an indicator may not be read at all (unparsed): fine
        assert "defines \\sigma itself" in result.message


def test_the_cases_form_is_read_and_held(runner: StepRunner) -> None:
    value = r"\begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{if } x \leq 0 \end{cases}"
    result = _last(f"$$\\sigma'(x) = {value}$$\n", runner)
    assert result.status == "inconclusive" and "defines \\sigma itself" in result.message, result.message


def test_a_later_sigmoid_step_is_not_called_wrong_either(runner: StepRunner) -> None:
    text = (
        "$$\\sigma'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}$$\n\n"
        "$$\\sigma'(z) = \\sigma(z)(1 + \\sigma(z))$$\n"
    )
    assert _last(text, runner).status != "wrong"


def test_a_wrong_sigmoid_derivative_is_still_found(runner: StepRunner) -> None:
    result = _last("$$\\sigma'(x) = \\sigma(x)(1 + \\sigma(x))$$\n", runner)
    assert result.status == "wrong", result.message


def test_a_wrong_case_split_for_relu_is_still_found(runner: StepRunner) -> None:
    # ReLU is piecewise itself: a case split is a claim about it, and this one is wrong
    text = "$$\\mathrm{ReLU}'(x) = \\begin{cases} 1 & x < 0 \\\\ 0 & x > 0 \\end{cases}$$\n"
    result = _last(text, runner)
    assert result.status == "wrong", (result.status, result.message)


# held-out 25 (vicotrbb): "σ(x) = 1/(1+e^x)", then "its derivative: σ'(x) = σ(x)(1 − σ(x))", true of
# the logistic σ and false of the document's (σ' = −σ(1 − σ)): ok on the notation's σ was a miss
OWN_SIGMA = "$$\\sigma(x)=\\frac{1}{1+e^x}$$\n\nIts derivative:\n\n$$\\sigma'(x)=%s\\sigma(x)(1-\\sigma(x))$$\n"


def test_an_ok_on_the_notations_function_is_held_where_the_document_defines_it_otherwise(runner: StepRunner) -> None:
    for sign in ("", "-"):
        result = _last(OWN_SIGMA % sign, runner)
        assert result.status == "inconclusive", result.message
    assert "defines \\sigma otherwise" in _last(OWN_SIGMA % "", runner).message
    # σ' only as a chain rule's factor holds whatever σ is (held-out 3, kaifeng: a garbled σ(x) = …,
    # then ∂ŷ/∂z = σ'(z)): that ok stands
    chain = OWN_SIGMA.split("Its derivative")[0] + "$$a = \\sigma(z)$$\n\n"
    chain += "$$\\frac{\\partial a}{\\partial z} = \\sigma'(z)$$\n"
    assert _last(chain, runner).status == "ok"
    # the logistic σ defined as such confirms itself: its derivative stays ok, a wrong one is found
    logistic = OWN_SIGMA.replace("e^x", "e^{-x}")
    assert _last(logistic % "", runner).status == "ok"
    assert _last(logistic % "-", runner).status == "wrong"


def test_a_confirmed_definition_beside_another_keeps_the_notations_oks(runner: StepRunner) -> None:
    # held-out 25 (davidkyrat): σ(z) = 1/(1 + e^{-z}), and further on "on veut σ(z) = φ(z)"
    text = (
        "$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n\nWe want $\\sigma(x) = \\phi(x)$.\n\n"
        "$$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$$\n"
    )
    assert _last(text, runner).status == "ok"


def test_a_later_scalar_redefinition_of_a_confirmed_function_is_a_claim(runner: StepRunner) -> None:
    # held-out 14 (linchrisdeng): σ(z) = 1/(1+e^{-z}) confirmed, then "σ(z) = tanh(z + 1)/2" and
    # "tanh(z) = 2σ(z) − 1": false claims about σ, no longer held as the document's own σ
    first = "$$\\sigma(z) = \\frac{1}{1+e^{-z}}$$\n\n"
    for value, expected in [(r"\frac{\tanh(z + 1)}{2}", "wrong"), (r"\frac{\tanh(z/2) + 1}{2}", "ok")]:
        assert _last(first + f"$$\\sigma(z) = {value}$$\n", runner).status == expected
    # through another letter's function (held-out 25, davidkyrat: "on veut σ(z) = φ(z)"), φ being the
    # document's and not the notation's ReLU: a definition, not judged as a claim
    assert _last(first + "We want $\\sigma(z) = \\phi(z)$.\n", runner).status == "inconclusive"
    # another kind of function under the same letter (a softmax) is still the document's own
    softmax = first + "$$\\sigma(z) = \\frac{e^{z}}{\\sum_j e^{z_j}}$$\n\n$$\\tanh(z) = 2\\sigma(z) + 1$$\n"
    assert _last(softmax, runner).status == "inconclusive"
