"""A named layer's activation primed inside its superscript (checks/latex/activation_labels.py and
abstract_functions.py): ``g^{[3]'}(Z^{[3]})`` is (g^{[3]})'(Z^{[3]}), the derivative of the same
function g^{[3]} the document applies as ``g^{[3]}(Z^{[3]})``, in both readers."""

from __future__ import annotations

import pytest
from derive.checks.latex.abstract_functions import document_abstract_functions
from derive.checks.latex.activation_labels import layer_labelled_calls
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()
FORWARD = (
    "$$\n\\begin{aligned}\nZ^{[3]} & = W^{[3]} A^{[2]} + b^{[3]} \\\\\n"
    "A^{[3]} & = g^{[3]}(Z^{[3]})\n\\end{aligned}\n$$\n\n"
)


def _rewritten(text: str) -> str:
    return " ".join(t for t, _ in layer_labelled_calls(tex_tokens(text)))


def test_the_prime_moves_after_a_named_layer_s_label() -> None:
    assert _rewritten(r"g^{[3]'}(Z^{[3]})") == "g ^ { [ 3 ] } ' ( Z ^ { [ 3 ] } )"
    assert _rewritten(r"g'^{[L]}(Z)") == "g ^ { [ L ] } ' ( Z )"
    assert _rewritten(r"g^{[L-1]\prime}(Z)") == "g ^ { [ L - 1 ] } ' ( Z )"
    assert _rewritten(r"g^{[2]}(Z)") == "g ^ { [ 2 ] } ( Z )"  # unprimed: as written
    assert _rewritten(r"g^{[l]'}(Z)") == "g ' ( Z )"  # a generic layer's: the label dropped, as before
    assert _rewritten(r"W^{[3]'}(Z)") == "W ^ { [ 3 ] ' } ( Z )"  # not an activation's letter


def test_each_named_layer_is_a_function_of_its_own() -> None:
    text = r"$A^{[3]} = g^{[3]}(Z^{[3]})$ and $g^{[2]'}(Z^{[2]})$, $A^{[1]} = g^{[1]}(Z^{[1]})$, $W^{[3]}(A + B)$"
    found = document_abstract_functions(text, NOTATION)
    assert {"g^{[3]}", "g^{[2]}", "g^{[1]}"} <= set(found)
    assert not any(name.startswith("W") for name in found)
    # without a primed layer's g the labelled calls stay a question (g^{[3]}(Z) may be a product)
    assert "g^{[3]}" not in document_abstract_functions(r"$A^{[3]} = g^{[3]}(Z^{[3]})$", NOTATION)


def _results(steps: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(FORWARD + steps, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results][2:]


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial}{\partial Z^{[3]}} g^{[3]}(Z^{[3]}) = g^{[3]'}(Z^{[3]})",
        r"\frac{\partial A^{[3]}}{\partial Z^{[3]}} = g^{[3]'}(Z^{[3]})",
        r"\frac{\partial}{\partial x} g^{[2]}(3x) = 3 g'^{[2]}(3x)",
    ],
)
def test_the_derivative_of_a_named_layer_s_activation(step: str, runner: StepRunner) -> None:
    ((status, message),) = _results(f"$$\n{step}\n$$\n", runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial}{\partial Z^{[3]}} g^{[3]}(Z^{[3]}) = 2 g^{[3]'}(Z^{[3]})",
        r"\frac{\partial}{\partial x} g^{[2]}(3x) = g^{[2]'}(3x)",  # the inner 3 dropped
        r"\frac{\partial}{\partial x} g^{[2]}(3x) = 3 g^{[3]'}(3x)",  # another layer's function
    ],
)
def test_a_false_claim_about_it_is_never_ok(step: str, runner: StepRunner) -> None:
    ((status, message),) = _results(f"$$\n{step}\n$$\n", runner)
    assert status != "ok", message


def test_a_layer_s_function_the_document_defines_is_differentiated(runner: StepRunner) -> None:
    definition = "$$\ng^{[l]}(Z^{[l]}) = \\max \\left(0, Z^{[l]}\\right)\n$$\n\n"
    relu = r"g^{[l]'}(Z^{[l]}) = \begin{cases} 1 & Z^{[l]} > 0 \\ 0 & Z^{[l]} \leq 0 \end{cases}"
    ((status, message),) = _results(definition + f"$$\n{relu}\n$$\n", runner)[1:]
    assert status == "ok", message
    swapped = relu.replace("1 & Z", "2 & Z")
    ((status, message),) = _results(definition + f"$$\n{swapped}\n$$\n", runner)[1:]
    assert status == "wrong", message
