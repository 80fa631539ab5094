r"""Dependences a document never writes down (checks/latex/unstated_dependence.py): a name the
document differentiates but never defines is an unknown function of the parents its OTHER
steps' derivatives imply; a step is ok when it holds for every such function (several smooth
stand-ins), and never wrong (the author may mean one particular function)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.unstated_dependence import choose_parents, written_dependences

NOTATION = load_notation()
#: the other steps that imply L of a and a of z (z = wx + b is stated)
CONTEXT = (
    "Let $z = wx + b$.\n\n"
    r"$$\frac{\partial L}{\partial a} = u$$" "\n\n"
    r"$$\frac{\partial a}{\partial z} = v$$" "\n\n"
)


def _status(step: str, runner: StepRunner, context: str = CONTEXT) -> tuple[str, str]:
    report = check_text(f"{context}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.lhs.strip() in step
    return result.status, result.message


def test_the_graph_is_read_from_bare_derivatives() -> None:
    tex = r"\frac{\partial L}{\partial a}\frac{\partial a}{\partial z} + \frac{\partial}{\partial z}(a b)"
    norm = normalize(tex, NOTATION)
    assert written_dependences(norm) == {("L", "a"), ("a", "z")}  # (a b) is no bare name: nothing said of b
    assert written_dependences(normalize(r"\frac{\partial}{\partial w}(L)", NOTATION)) == {("L", "w")}
    assert written_dependences(normalize(r"\frac{\partial}{\partial w}((L) x)", NOTATION)) == set()


def test_parents_are_the_variables_no_other_one_feeds() -> None:
    written = {"L": {"a", "z", "w"}, "a": {"z"}}
    assert choose_parents(written, {"z": {"w", "x", "b"}}) == {"L": ("a",), "a": ("z",)}
    # two unrelated variables: both are parents
    assert choose_parents({"z": {"w", "b"}}, {}) == {"z": ("b", "w")}
    # a cycle among unknowns: none is read
    assert choose_parents({"a": {"z"}, "z": {"a"}}, {}) == {}
    # a name that would feed itself through a definition (z = L + 1): not read
    assert choose_parents({"L": {"z"}}, {"z": {"L"}}) == {}


TRUE_CHAINS = [
    r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z}",
    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z} x",
    r"\frac{\partial L}{\partial b} = \frac{\partial a}{\partial z}\cdot\frac{\partial L}{\partial a}",
    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial z}\frac{\partial z}{\partial w}",
    r"\frac{\partial}{\partial w} L^2 = 2 L \frac{\partial L}{\partial a}\frac{\partial a}{\partial z} x",
]


@pytest.mark.parametrize("step", TRUE_CHAINS)
def test_a_true_chain_rule_is_ok_for_any_functions(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status == "ok", message
    # the matrix judge's random losses (abstract_loss.py) may judge it first; else this reading
    mine = "for any functions with the dependence the document's derivatives imply: L of a, a of z"
    assert mine in message or "random smooth functions" in message, message


WRONG_CHAINS = [
    r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a}",  # ∂a/∂z dropped
    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a} x",  # a factor dropped
    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z} b",  # b's factor
    r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z}",  # x dropped
    r"\frac{\partial L}{\partial z} = 2\frac{\partial L}{\partial a}\frac{\partial a}{\partial z}",
]


@pytest.mark.parametrize("step", WRONG_CHAINS)
def test_a_wrong_chain_is_never_ok_and_never_wrong(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status == "inconclusive", message
    assert "depending on functions the document does not state" in message
    assert "L of a" in message


def test_a_step_cannot_create_its_own_dependence(runner: StepRunner) -> None:
    # y is differentiated by θ only in the step itself: y stays a constant, ŷ of θ (from the line before)
    context = r"$$\frac{\partial \hat y}{\partial \theta} = q$$" "\n\n"
    status, message = _status(
        r"-\frac{\partial}{\partial\theta}(y\log\hat y) = -\frac{\partial y}{\partial\theta}\log\hat y",
        runner,
        context,
    )
    assert status != "ok" and status != "wrong", message
    status, message = _status(
        r"-\frac{\partial}{\partial\theta}(y\log\hat y) = -y\frac{1}{\hat y}\frac{\partial\hat y}{\partial\theta}",
        runner,
        context,
    )
    assert status == "ok", message
    assert "\\hat{y} of \\theta" in message


def test_the_product_rule_with_both_dependences_is_ok_the_dropped_term_is_not(runner: StepRunner) -> None:
    context = r"$$\frac{\partial \hat y}{\partial \theta} = q, \quad \frac{\partial y}{\partial \theta} = r$$" "\n\n"
    status, message = _status(
        r"\frac{\partial}{\partial\theta}(y\log\hat y) = \frac{\partial y}{\partial\theta}\log\hat y"
        r" + \frac{y}{\hat y}\frac{\partial\hat y}{\partial\theta}",
        runner,
        context,
    )
    assert status == "ok", message
    status, message = _status(
        r"\frac{\partial}{\partial\theta}(y\log\hat y) = \frac{\partial y}{\partial\theta}\log\hat y", runner, context
    )
    assert status == "inconclusive", message


def test_a_value_against_an_unknown_derivative_is_not_judged(runner: StepRunner) -> None:
    status, message = _status(r"\frac{\partial L}{\partial z} = a - y", runner)
    assert status == "inconclusive", message


def test_a_defined_name_keeps_its_definition(runner: StepRunner) -> None:
    context = (
        "Let $a = \\sigma(z)$ and $L = \\frac12 (a - y)^2$.\n\n"
        r"$$\frac{\partial L}{\partial a} = a - y$$" "\n\n"
        r"$$\frac{\partial a}{\partial z} = a(1 - a)$$" "\n\n"
    )
    status, message = _status(r"\frac{\partial L}{\partial z} = (a - y) a (1 - a)", runner, context)
    assert status == "ok" and "for any functions" not in message, message
    status, message = _status(r"\frac{\partial L}{\partial z} = (a - y) a", runner, context)
    assert status == "wrong", message  # the definitions decide, as before


def test_without_other_steps_the_dependence_stays_unstated(runner: StepRunner) -> None:
    step = r"\frac{\partial L}{\partial w} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z} x"
    status, message = _status(step, runner, "Let $z = wx + b$.\n\n")
    assert status == "unparsed" and "dependence is not stated" in message, message
    status, message = _status(step, runner)
    assert status == "ok" and "L of a, a of z" in message, message


def test_capital_names_may_be_matrices_so_no_ok(runner: StepRunner) -> None:
    context = (
        "Let $Z = W X + B$.\n\n"
        r"$$\frac{\partial C}{\partial A} = u$$" "\n\n"
        r"$$\frac{\partial A}{\partial Z} = v$$" "\n\n"
    )
    step = r"\frac{\partial C}{\partial W} = \frac{\partial C}{\partial A}\frac{\partial A}{\partial Z} X"
    status, message = _status(step, runner, context)
    assert status == "inconclusive", message  # X^T may be meant: as scalars it holds, as matrices maybe not
    assert "may be matrices" in message or "as matrices" in message, message


#: softmax probabilities p_k of the scores o_j, a loss L of the p's; neither defined
FAMILY = (
    r"$$\frac{\partial p_k}{\partial o_j} = q$$" "\n\n"
    r"$$\frac{\partial L}{\partial p_k} = r$$" "\n\n"
)


def test_a_family_depends_on_every_entry_of_its_parent(runner: StepRunner) -> None:
    chain = r"\sum_{k=1}^{n} \frac{\partial L}{\partial p_k}\frac{\partial p_k}{\partial o_j}"
    status, message = _status(r"\frac{\partial L}{\partial o_j} = " + chain, runner, FAMILY)
    assert status == "ok", message
    assert "for any functions with the dependence the document's derivatives imply: L of p, p of o" in message
    status, message = _status(
        r"\frac{\partial}{\partial o_j}(-\log p_k) = -\frac{1}{p_k}\frac{\partial p_k}{\partial o_j}", runner, FAMILY
    )
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        # only the diagonal term: true when p_j depends on o_j alone, not for a softmax
        r"\frac{\partial L}{\partial o_j} = \frac{\partial L}{\partial p_j}\frac{\partial p_j}{\partial o_j}",
        r"\frac{\partial}{\partial o_j}(-\log p_k) = -\frac{\partial p_k}{\partial o_j}",  # 1/p_k dropped
    ],
)
def test_a_family_step_that_fails_for_some_functions_is_inconclusive(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner, FAMILY)
    assert status == "inconclusive", message


#: a worked example whose loss is written with ŷ while its chain goes through ŷ_1 = w_5 a_1 + w_6 a_2
#: (numeric_backprop_ko_leekeonhee.md of held-out set 2): L's value does not reach w_5 as written
SET_ASIDE = (
    r"Let $z_1 = w_1 x_1 + w_3 x_2$, $a_1 = \sigma(z_1)$ and $\hat{y_1} = w_5 a_1 + w_6 a_2$." "\n\n"
    r"$$L = (y_1 - \hat{y})^2$$" "\n\n"
    r"$$\frac{\partial L}{\partial \hat{y_1}} = -2(y_1 - \hat{y_1})$$" "\n\n"
    r"$$\frac{\partial L}{\partial w_1} = u$$" "\n\n"
)


def test_a_value_that_does_not_reach_the_variable_is_set_aside_for_a_chain_rule(runner: StepRunner) -> None:
    chain = r"\frac{\partial L}{\partial \hat{y_1}} \frac{\partial \hat{y_1}}{\partial w_5}"
    step = r"\frac{\partial L}{\partial w_5} = " + chain
    status, message = _status(step, runner, SET_ASIDE)
    assert status == "ok", message
    assert "L of \\hat{y}_{1}" in message and "value of L was set aside" in message
    second = r"\frac{\partial L}{\partial w_5} = \frac{\partial L}{\partial \hat{y_1}} a_1"
    status, message = _status(second, runner, SET_ASIDE)
    assert status == "ok", message
    # without the other steps' derivatives of L, only the step itself says L depends on ŷ_1: the
    # step's own reading (own_costs: ∂L on both sides, ŷ_1 defined and reaching w_5) judges it
    status, message = _status(step, runner, SET_ASIDE.split("$$\\frac")[0])
    assert status == "ok", message
    assert "L of \\hat{y}_{1}" in message


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial L}{\partial w_5} = \frac{\partial L}{\partial \hat{y_1}} a_2",  # the other unit's activation
        r"\frac{\partial L}{\partial w_5} = \frac{\partial L}{\partial \hat{y_1}} w_5",  # the weight for the input
        r"\frac{\partial L}{\partial w_1} = \frac{\partial L}{\partial \hat{y_1}} w_5 x_1",  # the σ' factor dropped
    ],
)
def test_a_wrong_chain_with_a_value_set_aside_is_never_ok(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner, SET_ASIDE)
    assert status in ("inconclusive", "unparsed"), message  # never ok; never wrong on unknown functions
