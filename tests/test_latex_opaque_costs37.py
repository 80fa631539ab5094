r"""Chain-rule steps through a cost the document never writes (opaque_costs).

The document defines its layer, ``z_j^{(L)} = \sum_i w_{ij}^{(L)} a_i^{(L-1)} + b_j^{(L)}`` and
``a_j^{(L)} = \sigma(z_j^{(L)})``, and never gives the cost C a formula. A step that keeps
∂C/∂a_j on both sides is judged with that derivative as an opaque number: correct chains are
ok, the slips students make (σ where σ' belongs, a dropped factor, a swapped index, the wrong
layer) are wrong with the point; a step true only for one particular cost, an unknown
activation, or names that may be matrices stay open.
"""

from __future__ import annotations

import sympy as sp
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.opaque_costs import opaque_cost_verdict

from tests.hunt_steps import step_results

LAYER = (
    "The last layer computes\n\n"
    "$$z_j^{(L)} = \\sum_{i} w_{ij}^{(L)} a_i^{(L-1)} + b_j^{(L)}$$\n\n"
    "$$a_j^{(L)} = \\sigma(z_j^{(L)})$$\n\n"
    "where $\\sigma$ is the sigmoid. The cost $C$ is a function of the outputs.\n\n"
)
#: the same layer with the weight of unit i to unit j written w_{ji}, as the document says
LAYER_JI = LAYER.replace("w_{ij}^{(L)}", "w_{ji}^{(L)}")

CHAIN = "\\frac{\\partial C}{\\partial a^{(L)}_{j}}\\frac{\\partial a^{(L)}_{j}}{\\partial z^{(L)}_{j}}"
SLOPE = "\\sigma(z_j^{(L)})(1-\\sigma(z_j^{(L)}))"
BY_A = "\\frac{\\partial C}{\\partial a^{(L)}_{j}}"


def _verdicts(steps: list[str], runner: StepRunner, layer: str = LAYER) -> list[tuple[str, str]]:
    """(status, message) of each of ``steps`` (one display each) after the layer's definitions."""
    text = layer + "".join(f"$${step}$$\n\n" for step in steps)
    results = step_results(text, runner)
    return [(status, message) for _, status, message in results[-len(steps) :]]


def test_correct_chain_steps_through_the_unwritten_cost_are_ok(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ij}}}} = {BY_A}{SLOPE}a_i^{{(L-1)}}",
        f"\\frac{{\\partial C}}{{\\partial b^{{(L)}}_{{j}}}} = {BY_A}{SLOPE}",
        f"{CHAIN} = {BY_A}{SLOPE}",
    ]
    for status, message in _verdicts(steps, runner):
        assert status == "ok", message


def test_sigma_where_its_derivative_belongs_is_wrong(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ij}}}} = {BY_A}\\sigma(z_j^{{(L)}})a_i^{{(L-1)}}",
        f"\\frac{{\\partial C}}{{\\partial b^{{(L)}}_{{j}}}} = {BY_A}\\sigma(z_j^{{(L)}})",
        f"{CHAIN} = {BY_A}\\sigma(z_j^{{(L)}})",
    ]
    for status, message in _verdicts(steps, runner):
        assert status == "wrong", message
        assert "kept opaque" in message and "\\partial C/\\partial a_" in message


def test_a_dropped_factor_a_swapped_index_and_the_wrong_layer_are_wrong(runner: StepRunner) -> None:
    steps = [
        f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ij}}}} = {BY_A}{SLOPE}",  # a_i dropped
        f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ij}}}} = {BY_A}{SLOPE}a_j^{{(L-1)}}",  # a_j for a_i
        f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ij}}}} = {BY_A}{SLOPE}a_i^{{(L)}}",  # layer L for L-1
    ]
    for status, message in _verdicts(steps, runner):
        assert status == "wrong", message


def test_a_weight_written_w_ji_by_the_document_is_read_its_way(runner: StepRunner) -> None:
    right = f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ji}}}} = {BY_A}{SLOPE}a_i^{{(L-1)}}"
    slip = f"\\frac{{\\partial C}}{{\\partial w^{{(L)}}_{{ji}}}} = {BY_A}\\sigma(z_j^{{(L)}})a_i^{{(L-1)}}"
    (ok, why_ok), (wrong, why_wrong) = _verdicts([right, slip], runner, LAYER_JI)
    assert ok == "ok", why_ok
    assert wrong == "wrong", why_wrong


def test_a_step_true_for_one_particular_cost_stays_open(runner: StepRunner) -> None:
    # the cross-entropy with a sigmoid gives this; C is not written, so it may be meant
    steps = [f"{CHAIN} = a_j^{{(L)}} - y_j", f"{BY_A} = a_j^{{(L)}} - y_j"]
    for status, message in _verdicts(steps, runner):
        assert status != "wrong", message


def test_an_activation_without_a_formula_or_matrices_stay_open(runner: StepRunner) -> None:
    unknown = LAYER.replace("$$a_j^{(L)} = \\sigma(z_j^{(L)})$$\n\n", "")
    steps = [f"{CHAIN} = {BY_A}\\sigma(z_j^{{(L)}})"]
    for status, message in _verdicts(steps, runner, unknown):
        assert status != "wrong", message
    matrices = (
        "$$Z^{(2)} = W^{(2)} A^{(1)} + B^{(2)}$$\n\n$$A^{(2)} = \\sigma(Z^{(2)})$$\n\n"
        "The cost $C$ is a function of $A^{(2)}$.\n\n"
    )
    step = (
        "\\frac{\\partial C}{\\partial W^{(2)}} = \\frac{\\partial C}{\\partial A^{(2)}}"
        "\\sigma(Z^{(2)})(1-\\sigma(Z^{(2)}))W^{(2)}"
    )
    for status, message in _verdicts([step], runner, matrices):
        assert status != "wrong", message


def _cost(*args: sp.Expr) -> sp.Expr:
    return sp.Function("unstated:C of a_{*}")(*args)


def _by(k: int, at: tuple[sp.Expr, ...]) -> sp.Expr:
    """∂C/∂a_k at the network's point ``at`` (the a's by their definitions), as SymPy's chain rule writes it."""
    xi = sp.Dummy("xi")
    return sp.Subs(sp.Derivative(_cost(*[xi if j == k else v for j, v in enumerate(at)]), xi), xi, at[k])


def test_only_a_difference_linear_in_the_cost_derivatives_is_wrong() -> None:
    z1, z2, y = sp.symbols("z_1 z_2 y", real=True)
    s1, s2 = 1 / (1 + sp.exp(-z1)), 1 / (1 + sp.exp(-z2))
    g, h = _by(0, (s1, s2)), _by(1, (s1, s2))
    assert opaque_cost_verdict(g * s1 * (1 - s1) + 0 * y, g * s1 + 0 * y, "unstated:")["status"] == "wrong"
    assert opaque_cost_verdict(g * s1 * (1 - s1), g * (s1 - s1**2), "unstated:") is None  # equal
    # a term without the cost's derivative: true for one particular cost
    assert opaque_cost_verdict(g * s1 + y, g * s1 * (1 - s1) + y * s1, "unstated:") is None
    # a product of two of its derivatives, or the cost itself: no linear claim
    assert opaque_cost_verdict(g * h * s1, g * h * s2, "unstated:") is None
    assert opaque_cost_verdict(g * _cost(s1, s2), g * s1 * _cost(s1, s2), "unstated:") is None
    # a side without the derivative (the left side read as 0): nothing claimed about it
    assert opaque_cost_verdict(0 * g + s1 - s1 + z2 - z2, g * s1, "unstated:") is None
    # one derivative written and dropped (∂C/∂a_2 = 0 may hold for the author's cost)
    assert opaque_cost_verdict(g * s1 + h * s2, g * s1, "unstated:") is None
    # by a name with no value (the dependence guessed from the document's derivatives, not defined)
    bare = sp.Derivative(_cost(z1, z2), z1)
    assert opaque_cost_verdict(bare * s1 * (1 - s1), bare * s1, "unstated:") is None


SOFTMAX = (
    "The output layer is a softmax:\n\n"
    "$$z_j = \\sum_i w_{ij} h_i + b_j$$\n\n"
    "$$a_j = \\sigma(z_j)$$\n\n"
    "where $\\sigma$ is the softmax function. The loss $C$ is a function of the outputs.\n\n"
)


def test_a_softmax_layer_keeps_one_derivative_per_output(runner: StepRunner) -> None:
    # every a_k depends on z_j: the chain sums over k. The sigmoid's one-term form drops ∂C/∂a_k
    # for k ≠ j, which the left side has and the right side does not write: not compared
    right = "\\frac{\\partial C}{\\partial b_j} = \\sum_k \\frac{\\partial C}{\\partial a_k} a_k(\\delta_{jk} - a_j)"
    slip = "\\frac{\\partial C}{\\partial b_j} = \\frac{\\partial C}{\\partial a_j} a_j(1 - a_j)"
    flipped = "\\frac{\\partial C}{\\partial b_j} = \\sum_k \\frac{\\partial C}{\\partial a_k} a_k(a_j - \\delta_{jk})"
    (ok, why_ok), (open_, why_open), (wrong, why_wrong) = _verdicts([right, slip, flipped], runner, SOFTMAX)
    assert ok == "ok", why_ok
    assert open_ == "inconclusive", why_open
    assert wrong == "wrong", why_wrong
    assert "g_{2}" in why_wrong


def test_one_derivative_written_at_one_point_two_ways_is_one_unknown() -> None:
    x, y, a2, t = sp.symbols("x y a_2 t", positive=True)
    xi = sp.Dummy("xi")
    split = sp.Subs(sp.Derivative(_cost(xi, a2), xi), xi, sp.exp(x) * sp.exp(y))
    joined = sp.Subs(sp.Derivative(_cost(t, a2), t), t, sp.exp(x + y))
    assert opaque_cost_verdict(split * x, joined * x, "unstated:") is None  # the same number both sides
    assert opaque_cost_verdict(split * x, joined * y, "unstated:")["status"] == "wrong"


EVERY_LAYER = (
    "For every layer $l$:\n\n"
    "$$z_j^{(l)} = \\sum_k w_{jk}^{(l)} a_k^{(l-1)} + b_j^{(l)}$$\n\n"
    "$$a_j^{(l)} = \\sigma(z_j^{(l)})$$\n\n"
    "where $\\sigma$ is the sigmoid. The cost $C$ is a function of the outputs.\n\n"
)


def test_the_layer_below_through_every_unit_and_a_transposed_weight(runner: StepRunner) -> None:
    slope = "\\sigma(z_j^{(l)})(1-\\sigma(z_j^{(l)}))"
    by_a = "\\frac{\\partial C}{\\partial a_j^{(l)}}"
    below = f"\\frac{{\\partial C}}{{\\partial a_k^{{(l-1)}}}} = \\sum_j {by_a}{slope}"
    steps = [f"{below} w_{{jk}}^{{(l)}}", f"{below} w_{{kj}}^{{(l)}}"]
    (ok, why_ok), (wrong, why_wrong) = _verdicts(steps, runner, EVERY_LAYER)
    assert ok == "ok", why_ok
    assert wrong == "wrong", why_wrong
