r"""The verdicts of the first pass weighed again with other readings of the document.

checker.check_text judges every step once; these passes then judge some verdicts once more (through
a rejudge.Rejudge, in the same workers): across prose, with a twice-defined name's values, with a
letter the document makes the softmax, with a reassigned name's latest number, two limits at one
point on their operands, a bare \sum as a name, a primed name defined by a formula, a label the
document says is 0 or 1, a label said to be -1 or 1, a barred letter as its entries' mean, a
trigonometric argument run on past its bracket, a logarithm's power inside it, a square root on a
trig substitution's branch and a two-entry column as a binomial coefficient; and, without a second
judgement, a letter's value at a point (z(0) = 1), a bracket swapped ([A, B] = -[B, A]), i as the
imaginary unit, an equation the prose says something satisfies, an activation's derivative written
in its output, an equation the next step solves, and a derivative with two index letters beside its
diagonal twin.
"""

from __future__ import annotations

from derive.checks.latex.bar_means import hold_bar_means
from derive.checks.latex.bare_sums import settle_bare_sums, settle_unindexed_sums
from derive.checks.latex.binary_labels import hold_binary_labels, hold_signed_labels
from derive.checks.latex.binomial_columns import hold_binomial_columns
from derive.checks.latex.brace_sums import settle_brace_sums
from derive.checks.latex.covariant_derivatives import hold_covariant_derivatives
from derive.checks.latex.derivative_orders import hold_derivative_orders
from derive.checks.latex.diagonal_twins import hold_diagonal_twins
from derive.checks.latex.doc_definitions import DocumentDefinitions
from derive.checks.latex.eigen_equations import hold_eigen_equations
from derive.checks.latex.example_sums import settle_example_sums
from derive.checks.latex.imaginary_unit import hold_imaginary_unit
from derive.checks.latex.initial_values import hold_initial_values
from derive.checks.latex.latest_values import confirm_with_latest
from derive.checks.latex.limit_operands import settle_same_limits
from derive.checks.latex.limit_rows import hold_limit_rows
from derive.checks.latex.linear_systems import hold_linear_systems
from derive.checks.latex.log_powers import hold_log_powers
from derive.checks.latex.loose_definitions import settle_loose_definitions
from derive.checks.latex.magnitude_names import hold_magnitude_names
from derive.checks.latex.normalize import Notation
from derive.checks.latex.open_brackets import settle_open_brackets
from derive.checks.latex.operator_brackets import hold_operator_brackets
from derive.checks.latex.output_form_derivatives import hold_output_form_derivatives
from derive.checks.latex.primed_names import settle_primed_names
from derive.checks.latex.prose_joins import rejudge_joined
from derive.checks.latex.redefined_steps import settle_redefined
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.results import StepResult
from derive.checks.latex.reused_letters import hold_reused_letters
from derive.checks.latex.root_branches import hold_root_branches
from derive.checks.latex.shared_derivatives import settle_shared_derivatives
from derive.checks.latex.softmax_variants import prove_with_softmax
from derive.checks.latex.solved_equations import hold_solved_by_next
from derive.checks.latex.stated_equations import hold_stated_equations
from derive.checks.latex.swapped_brackets import hold_swapped_brackets
from derive.checks.latex.trig_arguments import hold_trig_arguments
from derive.checks.latex.unit_vector_products import hold_unit_vector_products
from derive.checks.latex.upper_indices import hold_upper_indices

__all__ = ["read_again"]


def read_again(
    judged: list[StepResult], document: DocumentDefinitions, notation: Notation, again: Rejudge
) -> list[StepResult]:
    """The verdicts weighed again with other readings: across prose, with a twice-defined name's
    values, with a letter the document makes the softmax and another function read as the softmax,
    with a reassigned name's latest number, limits whose operands are equal, and \\log(u)^p as \\log(u^p)."""
    judged = settle_redefined(rejudge_joined(judged, document, again), document, again)
    judged = settle_loose_definitions(judged, document, again)  # C = 1/2(y−t)^2 defined: (1/2)·(y−t)^2?
    judged = hold_reused_letters(judged, document, notation)  # L = ½(y − ŷ)², later y = exp(x): one y?
    judged = prove_with_softmax(judged, notation.softmax_variants, document, again)
    judged = confirm_with_latest(judged, document, again)  # w = 0.5, then w = 0.3: the latest (latest_values)
    judged = settle_same_limits(judged, document, again)  # lim f = lim g with f ≡ g (limit_operands)
    judged = settle_shared_derivatives(judged, document, again)  # ∂o/∂(x₂w₂) on both sides (shared_derivatives)
    judged = settle_open_brackets(judged, document, again)  # x f(x)(1 - f(x) = …: closed at the end (open_brackets)
    judged = settle_bare_sums(judged, document, again)  # \frac{e_i}{\sum}: the bare \sum a name (bare_sums)
    judged = settle_unindexed_sums(judged, document, again)  # \sum e^{z_j} beside y_i: over j (bare_sums)
    judged = settle_primed_names(judged, document, again)  # f = 1 + e^{-z}, then f' = -e^{-z} (primed_names)
    judged = settle_example_sums(judged, document, notation, again)  # ∂J/∂a^{(i)}, J = (1/m)Σ_i L^{(i)} (example_sums)
    judged = hold_binary_labels(judged, document, notation.binary, again)  # y "(0 or 1)": y^2 = y (binary_labels)
    judged = hold_signed_labels(judged, document, notation.signed, again)  # y_i \in \{-1, 1\}: y_i^2 = 1
    judged = hold_bar_means(judged, document, again)  # Σ x_k y_k − n x̄ ȳ: x̄ the sample mean (bar_means)
    judged = hold_imaginary_unit(judged, notation, document.defs)  # e^{ix} = \cos x + i\sin x (imaginary_unit)
    judged = hold_stated_equations(judged, notation)  # "the median satisfies $$1 - e^{-a} = e^{-a}$$"
    judged = hold_diagonal_twins(judged, document, again)  # ∂P_j/∂o_i beside ∂P_i/∂o_i: for j ≠ i (diagonal_twins)
    judged = hold_trig_arguments(judged, document, again)  # \cos(k-m)x: cos((k−m)x)? (trig_arguments)
    judged = hold_output_form_derivatives(judged, notation)  # σ'(y) = y(1 − y), y = σ(x) (output_form_derivatives)
    judged = hold_solved_by_next(judged, notation)  # a²/3 = c, then a = √(3c): an equation (solved_equations)
    judged = hold_operator_brackets(judged)  # (D^2 - 4)[t e^{2t}]: D is d/dt (operator_brackets)
    judged = hold_upper_indices(judged)  # \Gamma^{0}_{i0}: an upper index, not a power (upper_indices)
    judged = hold_swapped_brackets(judged)  # [A, B] = -[B, A]: a commutator opened (swapped_brackets)
    judged = hold_magnitude_names(judged)  # v = |\vec{v}|: the vector's magnitude (magnitude_names)
    judged = hold_eigen_equations(judged)  # A\vec x = \lambda\vec x: a condition (eigen_equations)
    judged = hold_derivative_orders(judged)  # y^{(n)}(0): the n-th derivative at 0 (derivative_orders)
    judged = hold_covariant_derivatives(judged)  # \nabla_u u = 0: a geodesic (covariant_derivatives)
    judged = settle_brace_sums(judged, document, again)  # {3}\cdot{3+2^4}: typeset 3·3+2⁴ (brace_sums)
    judged = hold_linear_systems(judged)  # [[3, 1], [1, 9]][x_1; x_2] = [1; -6]: a system (linear_systems)
    judged = hold_unit_vector_products(judged)  # (2\hat x + …)\times(…): a cross product (unit_vector_products)
    judged = hold_limit_rows(judged, document, again)  # = N^2/2 \quad (N \to \infty): in the limit (limit_rows)
    judged = hold_initial_values(judged)  # dz = θ(1 − z)dt, z(0) = 1: z at 0 (initial_values)
    judged = hold_root_branches(judged, document, again)  # \sqrt{4 - 4\sin^2\theta} = 2\cos\theta (root_branches)
    judged = hold_binomial_columns(judged, document, again)  # (3 \\ 2)(1/2)^3 = 3/8: \binom{3}{2} (binomial_columns)
    return hold_log_powers(judged, document, again)  # \log(u)^p: (\log u)^p or \log(u^p)? (log_powers)
