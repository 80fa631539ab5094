"""Chains and derivatives through a dependence the document states in ways the reader had missed
(docs/notation.md, "Twenty-seventh round").

A product of the numbers a worked example computed for each link (numeric_derivatives): the
link values of ``\\frac{\\delta L}{\\delta \\hat y}`` (δ for ∂) count as well as ∂'s, and a derivative
each worked example recomputes (two values in the document) is read at its latest value before a
step, to confirm it only."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.numeric_derivatives import derivative_key

NOTATION = load_notation()


def _verdicts(doc: str, runner: StepRunner) -> dict[str, tuple[str, str]]:
    """{right side: (status, message)} of the document's steps (each right side is written once here)."""
    report = check_text(doc, NOTATION, runner=runner, examples=30, markdown=True)
    return {r.step.rhs.strip(): (r.status, r.message) for r in report.results}


#: two worked examples of one sigmoid neuron, δ written for ∂ (datamapu's "Backpropagation Step by Step")
DELTA_EXAMPLES = r"""
$$\frac{\delta L}{\delta w} = \frac{\delta L}{\delta \hat{y}}\frac{\delta \hat{y}}{\delta z}\frac{\delta z}{\delta w}$$

For the first example we get

$$\frac{\delta L}{\delta \hat{y}} = - (y - \hat{y}) = - (1.5 - 0.56) = -0.94.$$

$$\frac{\delta \hat{y}}{\delta z} = 0.56\cdot 0.44 = 0.25,$$

$$\frac{\delta z}{\delta w} = x = 0.5,$$

$$\frac{\delta L}{\delta w} = {first}$$

For the second example

$$\frac{\delta L}{\delta \hat{y}} = -(1.5 - 0.625) = -0.875.$$

$$\frac{\delta L}{\delta w} = {second}$$
"""


def _delta_doc(first: str, second: str) -> str:
    return DELTA_EXAMPLES.replace("{first}", first).replace("{second}", second)


def test_delta_fractions_are_derivative_keys() -> None:
    assert derivative_key(r"\frac{\delta L}{\delta w}", NOTATION) == derivative_key(
        r"\frac{\partial L}{\partial w}", NOTATION
    )
    # δ with a script is a name (an error term), and \deltax no δ at all
    assert derivative_key(r"\frac{\delta_j}{\delta_k}", NOTATION) is None
    assert derivative_key(r"\frac{\delta^{l} C}{\delta^{l} z}", NOTATION) is None
    assert derivative_key(r"\frac{\deltax}{\deltay}", NOTATION) is None
    assert derivative_key(r"\frac{\delta}{\delta w}", NOTATION) is None


def test_a_product_of_the_computed_link_values_is_ok(runner: StepRunner) -> None:
    doc = _delta_doc(r"-0.94 \cdot 0.25 \cdot 0.5", r"(-0.875) \cdot 0.25 \cdot 0.5")
    verdicts = _verdicts(doc, runner)
    status, message = verdicts[r"-0.94 \cdot 0.25 \cdot 0.5"]
    assert status == "ok", message
    assert "earlier formula" in message
    # the second example's ∂L/∂ŷ is its own: its latest value confirms the second product
    status, message = verdicts[r"(-0.875) \cdot 0.25 \cdot 0.5"]
    assert status == "ok", message


def test_a_wrong_link_value_in_the_product_is_never_ok(runner: StepRunner) -> None:
    # the wrong twin: a sigmoid's slope a(1 + a) = 0.56 · 1.56 ≈ 0.87 put in for 0.25
    doc = _delta_doc(r"-0.94 \cdot 0.87 \cdot 0.5", r"(-0.94) \cdot 0.25 \cdot 0.5")
    verdicts = _verdicts(doc, runner)
    status, message = verdicts[r"-0.94 \cdot 0.87 \cdot 0.5"]
    assert status not in ("ok", "wrong"), message
    # the first example's ∂L/∂ŷ in the second example: not this example's value, and never wrong
    # (which example a derivative given two values means is not known)
    status, message = verdicts[r"(-0.94) \cdot 0.25 \cdot 0.5"]
    assert status not in ("ok", "wrong"), message


#: the links written in the step itself, each computed before it
OWN_LINKS = r"""
$$\frac{\partial L}{\partial a} = a - y = 0.6225 - 1 = -0.3775$$

$$\frac{\partial a}{\partial z} = a(1 - a) = 0.6225 \cdot 0.3775 = 0.2350$$

$$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \frac{\partial a}{\partial z} = {rhs}$$
"""


def test_links_written_in_the_step_with_their_values(runner: StepRunner) -> None:
    verdicts = _verdicts(OWN_LINKS.replace("{rhs}", r"-0.3775 \cdot 0.2350"), runner)
    status, message = verdicts[r"-0.3775 \cdot 0.2350"]
    assert status == "ok", message


def test_links_written_in_the_step_with_a_factor_too_many_is_wrong(runner: StepRunner) -> None:
    verdicts = _verdicts(OWN_LINKS.replace("{rhs}", r"-0.3775 \cdot 0.2350 \cdot 0.5"), runner)
    status, message = verdicts[r"-0.3775 \cdot 0.2350 \cdot 0.5"]
    assert status == "wrong", message


def test_links_written_in_the_step_with_a_wrong_slope_is_never_ok(runner: StepRunner) -> None:
    # a(1 + a) = 1.0100 for the sigmoid's slope
    verdicts = _verdicts(OWN_LINKS.replace("{rhs}", r"-0.3775 \cdot 1.0100"), runner)
    status, message = verdicts[r"-0.3775 \cdot 1.0100"]
    assert status != "ok", message


#: an output neuron's error named with its label and number (δ_{o1}, as Mazur's worked example writes it)
LABELLED_DELTA = r"""
The net input is $net_{o1} = w_1 out_{h1} + w_2 out_{h2} + b$ and we write

$$\delta_{o1} = \frac{\partial E}{\partial net_{o1}}$$

$$\frac{\partial E}{\partial w_1} = \delta_{o1} \cdot \frac{\partial net_{o1}}{\partial w_1}$$

$$\frac{\partial E}{\partial b} = {bias}$$

$$\frac{\partial E}{\partial w_1} = {weight}$$
"""


def _labelled(bias: str, weight: str) -> str:
    return LABELLED_DELTA.replace("{bias}", bias).replace("{weight}", weight)


def test_a_delta_the_document_defines_is_not_kroneckers(runner: StepRunner) -> None:
    # δ_{o1} = ∂E/∂net_{o1} is the document's; read as Kronecker's δ at o = 1 it was 1, and the
    # bias step a false alarm ("with o = 1: left side = 0, right side = 1")
    verdicts = _verdicts(_labelled(r"\delta_{o1}", r"\delta_{o1} \cdot out_{h1}"), runner)
    chain = r"\delta_{o1} \cdot \frac{\partial net_{o1}}{\partial w_1}"
    for rhs in (chain, r"\delta_{o1}", r"\delta_{o1} \cdot out_{h1}"):
        status, message = verdicts[rhs]
        assert status == "ok", (rhs, message)


def test_a_labelled_delta_with_a_wrong_factor_is_never_ok(runner: StepRunner) -> None:
    verdicts = _verdicts(_labelled(r"2 \delta_{o1}", r"\delta_{o1} \cdot out_{h2}"), runner)
    for rhs in (r"2 \delta_{o1}", r"\delta_{o1} \cdot out_{h2}"):
        status, message = verdicts[rhs]
        assert status != "ok", (rhs, message)


def test_kroneckers_delta_is_still_read_where_the_document_does_not_define_it(runner: StepRunner) -> None:
    doc = "$$\\sum_{j=1}^{3} \\delta_{ij} x_j = x_i$$\n\n$$\\sum_{j=1}^{3} \\delta_{ij} x_j = x_j$$\n"
    verdicts = _verdicts(doc, runner)
    assert verdicts["x_i"][0] == "ok"
    assert verdicts["x_j"][0] != "ok"
