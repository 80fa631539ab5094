"""An index summed on one side and free on the other (indexed_steps._implied_sum): held back only
where a summation convention, or a sum whose scope ends too early, could explain it; a step that
sums over its own free index, written once on the other side, is refuted as written."""

from __future__ import annotations

from dataclasses import replace

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.meant_readings import implied_sum_reading
from derive.checks.latex.steps import Step

from tests.hunt_steps import step_results

# the softmax and cross-entropy as a Chinese blog post writes them (held-out 25), with the
# chain rule's sign slip of its first row (line 7) and the right rule (line 9)
SOFTMAX_CE = r"""
The classes are $V$, the hidden output is a $V$-vector $\mathbf{h}$, the label is one-hot
$\mathbf{y}$ with the true class $k$: $\begin{cases} \mathbf{y}_i=1& i=k\\ \mathbf{y}_i=0& i\neq k\\ \end{cases}$.

The cross-entropy loss is $\mathcal{L}(\mathbf y, \mathbf q) = -\sum_i \mathbf{y}_i \log(\mathbf{q}_i)$.

Here $\mathbf q = \mathrm{Softmax}(\mathbf h)$, that is
$\mathbf{q}_i = \frac{e^{\mathbf{h}_i}}{\sum_{j}{e^{\mathbf{h}_j}}}$.

$ \begin{aligned} \frac{\partial \mathcal{L}}{\partial \mathbf{h}_i}
&=-\sum_j{\frac{\partial \mathcal{L}}{\partial \mathbf{q}_j}\cdot
\frac{\partial \mathbf{q}_j}{\partial \mathbf{h}_i}} \end{aligned}$

$ \begin{aligned} \frac{\partial \mathcal{L}}{\partial \mathbf{h}_i}
&=\sum_j{\frac{\partial \mathcal{L}}{\partial \mathbf{q}_j}\cdot
\frac{\partial \mathbf{q}_j}{\partial \mathbf{h}_i}} \end{aligned}$

$$-\sum_i \mathbf{y}_i \log(\mathbf{q}_i) = -\mathbf{y}_i\log(\mathbf{q}_i)$$

$$\frac{\partial \mathcal{L}}{\partial \mathbf{h}_j} =
\frac{\partial \mathcal{L}}{\partial \mathbf{q}_i}\frac{\partial \mathbf{q}_i}{\partial \mathbf{h}_j}$$

$$-\sum_i \mathbf{y}_i \log(\mathbf{q}_i) =
-\sum_i \mathbf{y}_i \mathbf{h}_i + \mathbf{y}_i\log\sum_j e^{\mathbf{h}_j}$$
"""


@pytest.fixture(scope="module")
def results() -> list[tuple[str, str, str]]:
    with StepRunner(30.0) as runner:
        return step_results(SOFTMAX_CE, runner)


def _statuses(results: list[tuple[str, str, str]], lhs_start: str) -> list[tuple[str, str]]:
    found = [(status, message) for lhs, status, message in results if lhs.startswith(lhs_start)]
    assert found, results
    return found


def test_a_chain_rule_that_sums_over_the_free_index_of_a_definition_is_not_excused(results) -> None:
    # 𝓛's own Σ_i is a dummy index of its definition: the step's i is free, and the minus is a slip
    (first, _), (second, _) = _statuses(results, r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}_i}")
    assert first == "wrong"
    assert second == "ok"


def test_an_index_written_twice_in_a_term_may_be_an_implied_sum(results) -> None:
    # y_i log q_i: Einstein's convention sums i, and then the sides agree
    statuses = _statuses(results, r"-\sum_i \mathbf{y}_i \log(\mathbf{q}_i)")
    assert statuses[0][0] != "wrong", statuses[0]
    assert "Einstein-style" in statuses[0][1]


def test_a_sum_whose_scope_ends_early_is_held(results) -> None:
    # Σ_i y_i h_i + y_i log Σ_j e^{h_j}: the second term was meant inside the sum
    statuses = _statuses(results, r"-\sum_i \mathbf{y}_i \log(\mathbf{q}_i)")
    assert statuses[1][0] != "wrong", statuses[1]


def test_a_chain_rule_through_an_index_written_twice_may_be_an_implied_sum(results) -> None:
    # ∂𝓛/∂q_i ∂q_i/∂h_j: the chain rule's sum over i left to the convention (held-out 7)
    status, message = _statuses(results, r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}_j}")[0]
    assert status != "wrong", message
    assert "Einstein-style" in message


# the chain rule in index notation beside a loss defined in running text: the step's sides cannot
# be built without index values (∂𝓛/∂q_i through 𝓛's definition), so the summed reading is the
# step written with the Σ_i (meant_readings.implied_sum_reading)
INDEX_CHAIN = r"""
The label is one-hot $\mathbf{y}$, the loss $\mathcal{L} = -\sum_i \mathbf{y}_i \log(\mathbf{q}_i)$ with
$\mathbf{q}_i = \frac{e^{\mathbf{h}_i}}{\sum_{j}{e^{\mathbf{h}_j}}}$.

$$\frac{\partial \mathcal{L}}{\partial \mathbf{h}_j} =
\frac{\partial \mathcal{L}}{\partial \mathbf{q}_i}\frac{\partial \mathbf{q}_i}{\partial \mathbf{h}_j}$$

$$\frac{\partial \mathcal{L}}{\partial \mathbf{h}_k} =
-\frac{\partial \mathcal{L}}{\partial \mathbf{q}_i}\frac{\partial \mathbf{q}_i}{\partial \mathbf{h}_k}$$
"""


def test_the_chain_rule_in_index_notation_is_not_refuted(runner) -> None:
    results = step_results(INDEX_CHAIN, runner)
    status, message = _statuses(results, r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}_j}")[0]
    assert status == "inconclusive", message
    assert "index notation's convention" in message
    # the wrong twin: wrong with the index free and wrong with it summed
    status, message = _statuses(results, r"\frac{\partial \mathcal{L}}{\partial \mathbf{h}_k}")[0]
    assert status == "wrong", message


def test_the_summed_reading_needs_one_term_and_a_letter_the_other_side_lacks() -> None:
    chain = r"\frac{\partial L}{\partial q_i}\frac{\partial q_i}{\partial h_j}"
    step = Step(line=1, lhs=r"\frac{\partial L}{\partial h_j}", rhs=chain, relation="=", kind="display")
    assert implied_sum_reading(step).rhs.startswith(r"\sum_{i} \left(")
    assert implied_sum_reading(replace(step, rhs=step.rhs + " + a_i b_i")) is None  # which term is summed?
    assert implied_sum_reading(replace(step, lhs=r"\frac{\partial L}{\partial h_i}")) is None  # i is free


def test_only_index_letters_count_as_written_twice() -> None:
    # a_{o_1}, E_{total}: labels, not indices (a worked example's chain has dozens of them)
    from derive.checks.latex.einstein import subscript_letters

    assert subscript_letters(r"\frac{\partial E_{total}}{\partial w_1} = (a_{o_1} - t_1) a_{o_1} a_{h_1}") == {}
    assert subscript_letters(r"y_i \hat y_i X_{ij} W_{k,l}") == {"i": 3, "j": 1, "k": 1, "l": 1}
    chain = r"(a_{o_1} - t_1) * a_{o_1} * (1 - a_{o_1}) * w_5 * a_{h_1} * (1 - a_{h_1}) * i_1"
    step = Step(line=1, lhs=r"\frac{\partial E_{total}}{\partial w_1}", rhs=chain, relation="=", kind="display")
    assert implied_sum_reading(step) is None
