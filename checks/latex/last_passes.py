"""The passes over the whole document's verdicts, after every step has been judged on its own.

Each pass reads all the verdicts at once: a worked example's values (numeric_values) confirm or
refute the steps that put them in, a layered network's BP1-BP4 (layered_backprop) judge the
steps the step judges left, and the holds after them take back a ``wrong`` that a reading
of the whole document shows to be no error (a unit, a named operator, a case the prose states).
Their order matters: a hold must see the verdicts the judging passes gave.
"""

from __future__ import annotations

from derive.checks.latex.arrow_results import hold_arrow_results
from derive.checks.latex.bound_derivatives import hold_bound_derivatives
from derive.checks.latex.case_values import hold_case_values
from derive.checks.latex.characterized_functions import hold_characterized_functions
from derive.checks.latex.chosen_values import hold_chosen_values
from derive.checks.latex.cumulative_families import hold_cumulative_families
from derive.checks.latex.derivative_answers import held_answers
from derive.checks.latex.distribution_sums import hold_distribution_sums
from derive.checks.latex.evaluated_derivatives import hold_evaluated_derivatives
from derive.checks.latex.finite_fields import hold_finite_fields
from derive.checks.latex.layered_backprop import judge_layered
from derive.checks.latex.layered_recursion import confirm_layered_recursion
from derive.checks.latex.named_operators import hold_named_operators
from derive.checks.latex.normalize import Notation
from derive.checks.latex.numeric_layer_labels import hold_numeric_labels
from derive.checks.latex.numeric_values import document_values, judge_numeric_steps
from derive.checks.latex.operator_meanings import hold_operator_meanings
from derive.checks.latex.own_entries import sized_by_entries
from derive.checks.latex.parameter_pi import hold_parameter_pi
from derive.checks.latex.prose_holds import hold_by_prose
from derive.checks.latex.quaternion_units import hold_quaternion_units
from derive.checks.latex.redistributed_variables import hold_redistributed_variables
from derive.checks.latex.restated_results import confirm_restated_results
from derive.checks.latex.results import StepResult
from derive.checks.latex.scalar_givens import hold_scalar_givens
from derive.checks.latex.scaled_units import hold_scaled_units
from derive.checks.latex.stated_kinds import hold_stated_kinds
from derive.checks.latex.stated_totals import judge_stated_totals
from derive.checks.latex.tainted_values import hold_tainted_values
from derive.checks.latex.unit_suffix import hold_unit_suffixes
from derive.checks.latex.unread_matrices import unread_assignments
from derive.checks.latex.valued_formulas import judge_valued_formulas
from derive.checks.latex.verdict_guards import hold_brace_notes
from derive.checks.latex.worked_matrices import example_values, judge_worked_matrices

__all__ = ["last_passes"]


def last_passes(
    judged: list[StepResult], equations: list, text: str, notation: Notation, typed_notation: Notation
) -> list[StepResult]:
    """The passes over the whole document's verdicts: a worked example's values (numeric_values), BP1-BP4
    (layered_backprop), "y = x³ = 3x²" (derivative_answers), x = (x_1, x_2) before x's size (own_entries)."""
    # a worked example's matrices (W_1 x = [0.5; 1.1] with the W_1 and x the document gave): worked_matrices
    # and "s_1 = [numbers]" after the document's s_1 = W^T x (valued_formulas)
    values = example_values(equations, typed_notation, lambda: document_values(equations, notation))
    unread = unread_assignments(equations, typed_notation) if values else []  # X = [numbers] \quad [notes]
    judged = judge_worked_matrices(judged, typed_notation, values, unread)
    judged = judge_valued_formulas(judged, equations, typed_notation, values)
    judged = hold_tainted_values(judge_numeric_steps(judged, equations, notation, text), equations, notation, text)
    judged = judge_layered(confirm_restated_results(judged, equations), equations, text)  # a summary's results again
    judged = confirm_layered_recursion(judged, equations, text)  # δ by BP1 and BP2 only (layered_recursion)
    judged = hold_scalar_givens(judged, equations, notation, text)  # u = 6, then 2u = 12 (u sampled a vector)
    judged = hold_unit_suffixes(judged, notation)  # 3/0.202 = 14.8515s: s its unit, seconds (unit_suffix)
    judged = held_answers(sized_by_entries(judged, text, typed_notation), text, notation)
    # "$\\cup$ = +": a sign the document gives a set operation is not arithmetic (operator_meanings)
    judged = hold_operator_meanings(hold_numeric_labels(judged, text), text)
    judged = hold_evaluated_derivatives(judged)  # \frac{dg}{dx}(f(w)): g' at f(w) (evaluated_derivatives)
    judged = hold_case_values(hold_by_prose(judged, text), text)  # $||x|| = 0$ if $x = 0$; when t = F/4 …
    # "$\mathbf D$ denotes $\mathrm{diag}$" (named_operators); "$\pi \in [0, 1]$ is a mixture weight" (parameter_pi)
    judged = hold_parameter_pi(hold_named_operators(judged, text), text)
    judged = hold_cumulative_families(hold_distribution_sums(judged), text, notation)  # Σ_Z P(Z|X) = 1; ᾱ_t
    judged = hold_chosen_values(judged, notation)  # η = 1/L, later "with η = 1/9"; "$L-1=1$ hidden layer"
    judged = hold_arrow_results(judged, text)  # ⇒ d^4k^2, an empty row, &= (sum): not from d^4k^2 (arrow_results)
    judged = judge_stated_totals(judged)  # counts on lines of their own, then "the total" N = 1,707,264
    judged = hold_characterized_functions(judged, text, notation)  # f'(y) = √(1+y) ⇒ f(y) = ⅔(1+y)^{3/2}: f anew
    judged = hold_scaled_units(judged, text, notation)  # $22,528\times 128 = 2.9$ Mbit (scaled_units)
    judged = hold_finite_fields(judged, text)  # R := \mathbb{F}_2, then -1(1 + 1) = 0 (finite_fields)
    judged = hold_quaternion_units(judged, text)  # k = ij = -ji: Hamilton's units (quaternion_units)
    judged = hold_redistributed_variables(judged, text)  # X ∼ Bin, then X ∼ Pois: P(X=0) anew (redistributed_variables)
    return hold_stated_kinds(hold_brace_notes(hold_bound_derivatives(judged, equations, notation)), notation.kinds)
