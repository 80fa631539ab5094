r"""The notation's softmax letter in a document that never applies it is the document's quantity
(checks/latex/unapplied_softmax.py): every step with it was "S is softmax of a vector"."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.unapplied_softmax import unapplied_softmax_names

NOTATION = load_notation()

# quoted from tests/data/latex_heldout17/backprop_layers_ko_vorschlag.md, lines 1174-1179
# (the normaliser S = Σ_i e^{a_i}, said in prose only)
QUOTIENT = r"""
$$
\begin{aligned}
\frac{\partial y_k}{\partial a_k} &= \frac{e^{a_k}S - e^{a_k}e^{a_k}}{S^2} \\
&= \frac{e^{a_k}}{S} \left( \frac{S - e^{a_k}}{S} \right)
\end{aligned}
$$
"""

# after tests/data/latex_heldout38/linear_softmax_ce_theory_xqzu.tex, lines 203-209 (S a batch size)
BATCH = r"""
$$
\frac{1}{S}\sum_{s=1}^S \frac{T_{s}}{X_{s}} \cdot 2 = \frac{2}{S}\sum_{s=1}^S \frac{T_{s}}{X_{s}}
$$
"""


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=True)
    return [r.status for r in report.results]


def test_only_a_letter_never_applied_is_a_quantity() -> None:
    functions = NOTATION.functions
    assert unapplied_softmax_names(QUOTIENT, functions) == {"S"}
    assert unapplied_softmax_names(BATCH, functions) == {"S"}
    for applied in (r"$S(\mathbf x)_i$", r"$S_i(\mathbf x)$", r"$S^{(2)}\left(z\right)$", r"$S [z]$"):
        assert "S" not in unapplied_softmax_names(applied + QUOTIENT, functions)
    assert unapplied_softmax_names(r"$\psi^2 + \psi$", functions) == {r"\psi"}
    assert unapplied_softmax_names(r"$\psi^2 + \psi (z)$", functions) == frozenset()
    assert unapplied_softmax_names(r"$x = 1$", functions) == frozenset()  # not written at all


def test_steps_with_the_quantity_are_proved(runner: StepRunner) -> None:
    assert _statuses(QUOTIENT, runner)[-1] == "ok"  # was "S is softmax of a vector"
    assert _statuses(BATCH, runner) == ["ok"]


def test_a_slip_is_not_called_ok_and_not_called_wrong_on_an_inferred_reading(runner: StepRunner) -> None:
    slip = QUOTIENT.replace(r"\frac{S - e^{a_k}}{S}", r"\frac{S + e^{a_k}}{S}")
    assert slip != QUOTIENT
    assert _statuses(slip, runner)[-1] == "inconclusive"  # held: what S is, the page does not write
    batch_slip = BATCH.replace(r"\frac{2}{S}", r"\frac{3}{S}")
    assert _statuses(batch_slip, runner) == ["inconclusive"]


def test_a_document_that_applies_the_letter_keeps_the_softmax(runner: StepRunner) -> None:
    text = r"$$S(\mathbf x)_i = \frac{e^{x_i}}{\sum_j e^{x_j}}$$" + "\n" + QUOTIENT
    statuses = _statuses(text, runner)
    assert statuses[0] == "ok" and statuses[-1] != "ok"  # S is the softmax here, so S^2 stays unread


def test_a_letter_given_a_value_keeps_its_refutations(runner: StepRunner) -> None:
    # quantity_names: S = e^{y_1} + e^{y_2} is stated, so a slip with S is refuted, not held
    text = "$$S = e^{y_1} + e^{y_2}$$\n\n$$\\frac{e^{y_1}}{S} = \\frac{e^{y_1}}{e^{y_1} + 2 e^{y_2}}$$\n"
    assert _statuses(text, runner)[-1] == "wrong"


def test_a_refutation_through_a_name_defined_with_the_letter_is_held(runner: StepRunner) -> None:
    # read as a constant, S would refute ∂y_k/∂a_k = y_k(1 - y_k) at S = 1: the page's normaliser
    # depends on a_k, so the point that sets S refutes nothing
    text = "Let $y_k = \\frac{e^{a_k}}{S}$ be the output.\n\n$$\\frac{\\partial y_k}{\\partial a_k} = y_k (1 - y_k)$$\n"
    assert _statuses(text, runner) == ["inconclusive"]
