"""Subscripts that label two quantities (A_h of the hidden layer, A_o of the output layer) are not
one index family; the same formula restated under another letter still is (label_subscripts.py)."""

from __future__ import annotations

from dataclasses import dataclass

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.label_subscripts import labelled_families
from derive.checks.latex.notation import load_notation


@dataclass(frozen=True)
class _Def:
    name: str
    rhs: str
    letters: str


def test_two_letters_with_two_formulas_are_labels() -> None:
    defs = [_Def("A_{h}", r"X W_h + b_h", "h"), _Def("A_{o}", r"O_h W_o + b_o", "o"), _Def("z_{j}", "w_j x", "j")]
    assert [d.letters for d in labelled_families(defs)] == ["", "", "j"]


def test_the_same_formula_under_another_letter_stays_a_family() -> None:
    defs = [_Def("a_{j}", r"\sigma(z_j)", "j"), _Def("a_{i}", r"\sigma(z_{i})", "i")]
    assert [d.letters for d in labelled_families(defs)] == ["j", "i"]


NOTEBOOK = (
    "Forward pass:\n\n$$A_h = X W_h + b_h$$\n\n$$O_h = \\sigma(A_h)$$\n\n$$A_o = O_h W_o + b_o$$\n\n"
    "$$O_o = \\sigma(A_o)$$\n\n$$\\frac{\\partial O_o}{\\partial A_o} = O_o (1 - O_o)$$\n\n"
    "$$\\frac{\\partial O_o}{\\partial A_o} = O_o (1 + O_o)$$\n"
)


def test_the_output_layer_is_not_the_hidden_layer_at_h_equal_o(runner: StepRunner) -> None:
    # zotroneneis/machine_learning_basics: A_o = O_h W_o + b_o was 'wrong' with h = o = 1, where
    # it read A_1 = σ(A_1) W_1 + b_1
    report = check_text(NOTEBOOK, load_notation(), runner=runner, examples=30, markdown=True)
    statuses = {r.step.line: r.status for r in report.results}
    assert statuses[7] != "wrong"
    assert statuses[11] == "ok" and statuses[13] == "wrong"


def test_families_with_different_numbers_of_indices_are_apart() -> None:
    # z_j of a dense layer and z_{ij} of a convolution: two families, each its own letters
    defs = [_Def("z_{j}^{\\ell}", r"\sum_k w_{jk} a_k + b_j", "j"), _Def("z_{ij}^{\\ell}", r"a_{ij} k + b", "ij")]
    assert [d.letters for d in labelled_families(defs)] == ["j", "ij"]


def test_a_restatement_with_other_bound_indices_and_commas_stays_a_family() -> None:
    # a batch-norm write-up defines μ_j over x_{i,j}, and again μ_d over x_{nd} (another letter,
    # another summation index, no comma): one formula, so one family, not two labels
    defs = [
        _Def(r"\mu_{j}", r"\frac{1}{N} \sum_{i = 1}^{N} x_{i,j}", "j"),
        _Def(r"\mu_{d}", r"\frac{1}{N} \sum_{n=1}^{N} x_{nd}", "d"),
    ]
    assert [d.letters for d in labelled_families(defs)] == ["j", "d"]


def test_bound_indices_renamed_do_not_merge_formulas_that_differ() -> None:
    # Σ_k w_{kj} δ_k against Σ_i w_{ki} δ_i: the family letter sits on the other side of the
    # weight's subscript, so the two are different formulas (Bishop's two δ's): labels
    defs = [_Def(r"\delta_{j}", r"\sum_k w_{kj} \delta_k", "j"), _Def(r"\delta_{k}", r"\sum_i w_{ki} \delta_i", "k")]
    assert [d.letters for d in labelled_families(defs)] == ["", ""]


RESTATED = r"""
$$
\begin{aligned}
\mu_j &= \frac{1}{N} \sum_{i = 1}^{N} x_{i,j} \\
\sigma_{j}^{2} &= \frac{1}{N} \sum_{i = 1}^{N} \left ( x_{i,j} - \mu_j\right)^2
\end{aligned}
$$

$$
\begin{aligned}
\mu_d &= \frac{1}{N} \sum_{n=1}^{N} x_{nd} \\
\sigma_d^2 &= \frac{1}{N} \sum_{n=1}^{N} \left(x_{nd} - \mu_d \right)^2
\end{aligned}
$$
"""


def test_a_derivative_through_a_restated_family_is_judged(runner: StepRunner) -> None:
    # both families used to become fixed names, so σ_d no longer depended on x_{ij}: 0 = 0
    summed = r"\frac{\partial \sigma_d^2}{\partial x_{ij}} = \frac{2}{N} \sum_{n=1}^{N} \left( x_{nd} - \mu_d \right)"
    summed += r" \left( \delta_{n, i} \delta_{d, j} - \frac{1}{N} \delta_{d, j} \right)"
    good = r"\frac{\partial \sigma_d^2}{\partial x_{ij}} = \frac{2}{N} \left( x_{id} - \mu_d \right) \delta_{d, j}"
    wrong = good.replace(r"\frac{2}{N}", r"\frac{1}{N}")
    text = f"{RESTATED}\n$$\n{summed}\n$$\n\n$$\n{good}\n$$\n\n$$\n{wrong}\n$$\n"
    results = check_text(text, load_notation(), runner=runner, examples=30, markdown=True).results
    assert [r.status for r in results[-3:]] == ["ok", "ok", "wrong"], [r.message for r in results[-3:]]
