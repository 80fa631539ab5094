"""Derivatives through a document's definitions: products inside a numerator written in the
other layout's order, losses the document never defines, names with no declared shape. True
chain-rule steps must be ok, near misses must never be ok, and wrong steps found only where
no reading of the document makes them right."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import parsed_definitions
from derive.checks.latex.loose_order import loose_product
from derive.checks.latex.matrix_judge import judge_typed
from derive.checks.latex.notation import DEFAULT_NOTATION, load_notation
from derive.checks.latex.tensor_ops import Dual, ShapeMismatch
from derive.checks.latex.typed_nodes import Num

BATCH = load_notation(DEFAULT_NOTATION.parent / "hlcv.toml")
COLUMN = load_notation()


def statuses(text: str, runner: StepRunner) -> dict[str, str]:
    """The verdict of each step, by its left side and right side."""
    report = check_text(text, COLUMN, runner=runner, examples=30)
    return {f"{r.step.lhs} = {r.step.rhs}": r.status for r in report.results}


def judge(lhs: str, rhs: str, notation=BATCH):
    return judge_typed(lhs, rhs, notation, definitions=parsed_definitions(notation))


# ---------------------------------------------------------------- loose order in a numerator


def test_swapped_order_is_used_only_when_it_is_the_one_that_fits() -> None:
    a, w = Dual(np.ones((5, 3))), Dual(np.ones((3, 4)))
    assert loose_product(w, a, "juxt", {}).shape == (5, 4)  # W a written, a W meant
    square = Dual(np.ones((3, 3)))
    with pytest.raises(ShapeMismatch):  # 3×5 · 3×3 and 3×3 · 3×5: a transposed reading fits too
        loose_product(Dual(np.ones((3, 5))), square, "juxt", {})


def test_bias_derivative_through_a_column_order_numerator_in_a_row_layout() -> None:
    # seed 004: the batch layout (z3 = a2 W2 + b2), the numerator written W2 a2 + b2
    lhs = r"\frac{\partial J}{\partial z^{(3)}} \frac{\partial z^{(3)}}{\partial b^{(2)}}"
    written = r"\frac{\partial J}{\partial z^{(3)}} \frac{\partial (W^{(2)} a^{(2)} + b^{(2)})}{\partial b^{(2)}}"
    verdict, why = judge(lhs, written)
    assert verdict is not None and verdict["status"] == "ok", why or verdict["message"]
    through_hidden = (
        r"\frac{\partial J}{\partial z^{(3)}} \cdot \frac{\partial (W^{(2)} a^{(2)} + b^{(2)})}{\partial b^{(1)}}"
    )
    verdict, why = judge(r"\frac{\partial J}{\partial b^{(1)}}", through_hidden)
    assert verdict is not None and verdict["status"] == "ok", why or verdict["message"]


def test_bias_gradient_not_summed_over_the_batch_is_wrong() -> None:
    written = r"\frac{\partial J}{\partial z^{(3)}} \frac{\partial (W^{(2)} a^{(2)} + b^{(2)})}{\partial b^{(2)}}"
    verdict, why = judge(written, r"\frac{\partial J}{\partial z^{(3)}}")
    assert verdict is not None and verdict["status"] == "wrong", why
    assert "shapes differ" in verdict["message"]


# ---------------------------------------------------------------- a worked example's own values

WORKED = r"""
In general the loss is $E = u^{[2]}$, the last unit.

Example: $\hat p = c_2\,\mathrm{ReLU}(c_1 s)$, $s = 3$, $q = 1$, $c_1 = 1$, $c_2 = 2$, $E = \frac12(\hat p - q)^2$.
Forward: $r = 3$, $\hat p = 6$, $E = 12.5$.
Backward: $\partial E/\partial\hat p = 5$; $\partial E/\partial c_2 = 5\cdot r$; $\partial E/\partial r = 5\cdot c_2$;
$\partial E/\partial c_1 = 10\cdot s$; $\partial E/\partial s = 5 \cdot 3$.
"""


def test_a_worked_example_uses_its_own_latest_definition(runner: StepRunner) -> None:
    got = statuses(WORKED, runner)
    # E = ½(p̂ − q)² in the example, not the general E = u^{[2]}
    assert got[r"E = 12.5"] == "ok"
    assert got[r"\partial E/\partial\hat p = 5"] == "ok"
    assert got[r"\partial E/\partial c_2 = 5\cdot r"] == "ok"
    assert got[r"\partial E/\partial c_1 = 10\cdot s"] == "ok"
    # r = 3 names the value of ReLU(c₁s); E's definitions never mention r: not a zero derivative
    assert got[r"\partial E/\partial r = 5\cdot c_2"] in ("unparsed", "inconclusive")
    # a near miss (∂E/∂s is 10 c₁ = 10, not 15): never ok; E has two values, so not wrong either
    assert got[r"\partial E/\partial s = 5 \cdot 3"] == "inconclusive"


# ---------------------------------------------------------------- losses never defined


ELL = "\\ell"


def d(num: str, var: str) -> str:
    return rf"\frac{{\partial {num}}}{{\partial {var}}}"


#: (step, verdict): v = tanh(u) and q = V r + c are defined, the losses ℓ, E, C are not
ABSTRACT_STEPS = [
    # chain rules that hold whatever ℓ, E, C are, with shapes inferred from the definitions
    (rf"{d(ELL, 'u')} = {d(ELL, 'v')} \odot (1 - v \odot v)", "ok"),
    (rf"{d('E', 'V')} = {d('E', 'q')} {d('q', 'V')}", "ok"),
    (rf"{d('E', 'r')} = {d('E', 'q')} \cdot {d('q', 'r')}", "ok"),
    # s never defined but differentiated by W: a function of W, and the chain rule holds
    (rf"{d('C', 'W')} = {d('C', 's')} \cdot {d('s', 'W')}", "ok"),
    # near misses, never ok; and never wrong: another layout or loss might make them hold
    (rf"{d(ELL, 'u')} = {d(ELL, 'v')} \odot (1 - v)", "undecided"),  # tanh' is 1 - v²
    (rf"{d('E', 'V')} = {d('E', 'q')} r", "undecided"),  # a missing transpose
    (rf"{d('C', 'p')} = {d('C', 't')}", "undecided"),  # p and t: nothing connects them
    (rf"{d(ELL, 'v')} = v - y", "undecided"),  # says what ℓ is: the model cannot know
]


def test_a_loss_the_document_never_defines_is_any_smooth_function(runner: StepRunner) -> None:
    text = "Let $v = \\tanh(u)$ and $q = V r + c$.\n\n" + "\n\n".join(f"$${s}$$" for s, _ in ABSTRACT_STEPS)
    report = check_text(text, COLUMN, runner=runner, examples=30)
    got = [r.status for r in report.results if r.step.kind == "display"]
    want = [v for _, v in ABSTRACT_STEPS]
    assert len(got) == len(want)
    for (step, expected), status in zip(ABSTRACT_STEPS, got, strict=True):
        if expected == "ok":
            assert status == "ok", step
        else:
            assert status in ("unparsed", "inconclusive"), step


# ---------------------------------------------------------------- a Jacobian standing alone


@pytest.mark.parametrize(
    ("lhs", "rhs", "accepted"),
    [
        # the same numbers, whatever layout each side was meant in (the swapped order read too)
        (d("z^{(3)}", "a^{(2)}"), d("(W^{(2)} a^{(2)} + b^{(2)})", "a^{(2)}"), True),
        (r"\frac{\partial a^{(2)}}{\partial W^{(1)}}", r"\frac{\partial \phi(z^{(2)})}{\partial W^{(1)}}", True),
        # near miss: another variable's Jacobian
        (r"\frac{\partial a^{(2)}}{\partial W^{(1)}}", r"\frac{\partial z^{(2)}}{\partial W^{(1)}}", False),
    ],
)
def test_two_jacobians_are_compared_entry_by_entry(lhs: str, rhs: str, accepted: bool) -> None:
    verdict, why = judge(lhs, rhs)
    if accepted:
        assert verdict is not None and verdict["status"] == "ok", why
    else:
        assert verdict is None and "Jacobians" in why


@pytest.mark.parametrize(
    ("rhs", "accepted"),
    [
        (r"W^{(2)}", True),  # numerator layout
        (r"(W^{(2)})^T", True),  # denominator layout
        (r"2 W^{(2)}", False),
        (r"\text{diag}(h^s)", False),
    ],
)
def test_a_vector_jacobian_against_a_matrix_in_either_layout(rhs: str, accepted: bool) -> None:
    verdict, why = judge(r"\frac{\partial (W^{(2)} h^s)}{\partial h^s}", rhs, COLUMN)
    if accepted:
        assert verdict is not None and verdict["status"] == "ok", why
    else:
        assert verdict is None, verdict  # declined, never wrong: the document's layout is not known


# ---------------------------------------------------------------- undefined loss, declared shapes

DECLARED = r"""
Let $V \in \mathbb{R}^{3 \times 2}$, $r \in \mathbb{R}^{2}$, $c \in \mathbb{R}^{3}$ and $q = V r + c$.
"""

#: with every shape declared, a chain-rule manipulation that fails for a generic loss is wrong
DECLARED_STEPS = [
    (rf"{d(ELL, 'V')} = {d(ELL, 'q')} r^T", "ok"),
    (rf"{d(ELL, 'r')} = V^T {d(ELL, 'q')}", "ok"),
    (rf"{d(ELL, 'c')} = {d(ELL, 'q')}", "ok"),
    (rf"{d(ELL, 'V')} = {d(ELL, 'q')} r", "wrong"),  # 3×1 times 2×1: the transpose is missing
    (rf"{d(ELL, 'r')} = V {d(ELL, 'q')}", "wrong"),  # 3×2 times 3×1
    (rf"{d(ELL, 'c')} = 2 {d(ELL, 'q')}", "wrong"),  # a factor 2 from nowhere
    (rf"{d(ELL, 'c')} = q", "undecided"),  # says what ℓ's gradient is: not known, so not wrong
    (rf"{d(ELL, 'r')} = {d('E', 'q')}", "undecided"),  # two different losses
    # a term without ∂ℓ (weight decay the document may describe in words): not wrong
    (rf"{d(ELL, 'V')} = {d(ELL, 'q')} r^T + 2 V", "undecided"),
]


def test_a_generic_loss_with_declared_shapes_finds_chain_rule_mistakes(runner: StepRunner) -> None:
    text = DECLARED + "\n\n".join(f"$${s}$$" for s, _ in DECLARED_STEPS)
    report = check_text(text, COLUMN, runner=runner, examples=30)
    got = [r for r in report.results if r.step.kind == "display"]
    assert len(got) == len(DECLARED_STEPS)
    for (step, expected), result in zip(DECLARED_STEPS, got, strict=True):
        if expected == "undecided":
            assert result.status in ("unparsed", "inconclusive"), step
        else:
            assert result.status == expected, (step, result.message)
        if expected == "wrong":
            assert result.counterexample and result.counterexample["lhs"] != result.counterexample["rhs"]


SCALAR_LETTERS = r"""
One neuron, every quantity a number: $z = w x + b$, $a = \sigma(z)$.

$$\frac{\partial L}{\partial w} = \frac{\partial L}{\partial z} \cdot x$$

$$\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a} \cdot a (1 - a)$$
"""


def test_a_scalar_neuron_is_never_wrong_under_inferred_shapes(runner: StepRunner) -> None:
    # read with inferred matrix shapes ∂L/∂z · x is not the gradient (it needs xᵀ), but nothing
    # says w, x, z are matrices: these true scalar steps must never be wrong
    notation = load_notation()
    report = check_text(SCALAR_LETTERS, replace(notation, definitions={}), runner=runner, examples=30)
    steps = [r for r in report.results if r.step.kind == "display"]
    assert len(steps) == 2
    assert all(r.status != "wrong" for r in steps), [r.message for r in steps]


# ---------------------------------------------------------------- a label index in a condition


@pytest.mark.parametrize(
    ("rhs", "condition", "status"),
    [
        (r"o^s_k", r"k \neq y", "ok"),
        (r"o^s_k - 1", r"k \neq y", "wrong"),  # the −1 belongs to the true class only
        (r"o^s_k - 1", r"k = y", "ok"),
    ],
)
def test_a_condition_on_the_label_uses_the_class_index(rhs: str, condition: str, status: str) -> None:
    verdict, why = judge_typed(
        r"\frac{\partial L}{\partial o^a_k}",
        rhs,
        COLUMN,
        conditions=(condition,),
        definitions=parsed_definitions(COLUMN),
    )
    assert verdict is not None, why
    assert verdict["status"] == status, verdict["message"]


def test_the_notations_loss_is_not_a_documents_undefined_loss(runner: StepRunner) -> None:
    # the default notation's L is seed 001's -log o^s_y; a document that differentiates L only
    # by its own names (u, v) means its own loss, which it never defines
    text = r"""Let $v = \tanh(u)$.

$$\frac{\partial L}{\partial u} = \frac{\partial L}{\partial v} \odot (1 - v \odot v)$$

$$\frac{\partial L}{\partial u} = \frac{\partial L}{\partial v} \odot (1 - v)$$

$$\frac{\partial L}{\partial o^a} = o^s - \text{onehot}_m(y)$$
"""
    report = check_text(text, COLUMN, runner=runner, examples=30)
    got = [r.status for r in report.results if r.step.kind == "display"]
    assert got[0] == "ok"
    assert got[1] in ("unparsed", "inconclusive")
    assert got[2] == "ok"  # by the notation's own names, L is still the notation's loss


def test_a_label_is_the_class_index_only_when_compared_with_an_index() -> None:
    # y > 0 compares the document's y (here -2), not the class index: no point satisfies it
    definitions = {**parsed_definitions(COLUMN), "y": Num(Fraction(-2))}
    verdict, why = judge_typed(
        r"\frac{\partial L}{\partial o^a_k}", r"o^s_k", COLUMN, conditions=("y > 0",), definitions=definitions
    )
    assert verdict is None and "no index values" in why


ERROR_SIGNAL = r"""
Column vectors: $r \in \mathbb{R}^{n}$, $W \in \mathbb{R}^{m \times n}$, $c \in \mathbb{R}^{m}$,
$u = W r + c$, $a = \tanh(u)$.
Write $\delta = \frac{\partial E}{\partial u}$ for the error signal.

$$\frac{\partial E}{\partial W} = \delta r^T$$

$$\frac{\partial E}{\partial c} = \delta$$

$$\frac{\partial E}{\partial r} = W^T \delta$$

$$\frac{\partial E}{\partial r} = W^T \frac{\partial E}{\partial a}$$
"""


def test_a_name_defined_as_a_derivative_of_the_undefined_loss(runner: StepRunner) -> None:
    # δ = ∂E/∂u differentiates E too: E is a function of a, which u feeds
    report = check_text(ERROR_SIGNAL, COLUMN, runner=runner, examples=30)
    got = [r.status for r in report.results if r.step.kind == "display"]
    assert got[:3] == ["ok", "ok", "ok"]
    assert got[3] == "wrong"  # the tanh' factor between ∂E/∂a and Wᵀ is missing


def test_a_derivative_between_names_of_inferred_shape_is_not_taken_as_zero(runner: StepRunner) -> None:
    # ∂E_{o1}/∂net_{o1} and ∂out_{o1}/∂net_{h1} of undeclared names are not 0: the step below (a
    # wrong chain rule from a held-out document) once came out "ok" as 0 = 0·0
    step = (
        r"\frac{\partial E_{o1}}{\partial net_{o1}}"
        r" = \frac{\partial E_{o1}}{\partial net_{o1}} \times \frac{\partial out_{o1}}{\partial net_{h1}}"
    )
    (status,) = statuses(f"$$ {step} $$\n", runner).values()
    assert status == "unparsed"
