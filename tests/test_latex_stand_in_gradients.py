"""A step that writes out the gradient of a loss the document does not define (or defines in a
form not read) is evaluated with a random smooth function in the loss's place (abstract_loss.Model):
the sides then differ for any formula, right or wrong. The message says so plainly instead of
showing the stand-in's numbers as if they were evidence, and the step is never called wrong."""

from __future__ import annotations

from derive.checks.latex.abstract_loss import Model
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Deriv, Mul, Sym

NOTATION = load_notation()
STATED = "the sides differ, as they would for any formula: the step writes out the derivative of L"


def _result(claim: str, runner: StepRunner) -> tuple[str, str]:
    text = f"The gradient of the loss with respect to the weights of layer $l$:\n\n$${claim}$$\n"
    (result,) = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    return result.status, result.message


def test_a_side_written_out_states_the_loss_gradient() -> None:
    model = Model(definitions={"L": Sym("L", "L", "")}, losses=frozenset({"L"}))
    gradient = Deriv(Sym("L", "L", ""), Sym("W", "W", ""))
    stated = gradient, parse_typed(r"(p - y) a^T", NOTATION)
    assert model.stated_gradients(stated) == ["L"]
    chain = gradient, Mul(Deriv(Sym("L", "L", ""), Sym("z", "z", "")), Sym("a", "a", ""), "juxt")
    assert model.stated_gradients(chain) == []  # both sides differentiate L: a chain rule, judged


def test_the_gradient_of_an_undefined_loss_says_why_the_sides_differ(runner: StepRunner) -> None:
    # was: "the sides differ at d = 2, …: left entry (3, 4) -7.2, right entry (3, 4) 5.27"
    status, message = _result(r"\frac{\partial L}{\partial W^l} = (p - y) \cdot (a^{l-1})^T", runner)
    assert status in ("unparsed", "inconclusive") and STATED in message, message


def test_a_wrong_gradient_of_an_undefined_loss_is_never_wrong_nor_ok(runner: StepRunner) -> None:
    # the wrong twin: the transpose on the wrong factor; a random L refutes nothing
    status, message = _result(r"\frac{\partial L}{\partial W^l} = (p - y)^T \cdot a^{l-1}", runner)
    assert status in ("unparsed", "inconclusive"), message
