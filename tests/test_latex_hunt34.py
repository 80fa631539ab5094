r"""False alarms the thirty-fourth hunt found (92 public documents from 16 repositories: linear models
and probability notebooks, convex optimisation, quantum mechanics study plans, physics blog posts,
RNA-velocity and PCA posts, reinforcement-learning notes, a calculus and linear-algebra primer) and
checked every 'wrong' by hand: each, reduced to its class and written anew here, must never be
wrong again, and a wrong twin of the same shape must stay wrong.

- jliu678/Hugobox_cv (…/11c_Velocity_steady_state/index.md): ``X = [s \quad 1]``, columns side by
  side, read as the product s·1 (side_by_side).
- jliu678/Hugobox_cv (…/09_srnaseq_sctransform_pca_1_two_object_functions): ``X - \bar{X}`` of a
  second example computed with the first example's ``\bar{X}`` (unread_matrices).
- siiea-ai/Quantum-Engineering (…/Week_145 …/Problem_Solutions.md): the commutator ``[L_x^2 + …,
  L_z]`` read as a 2-tuple (norm_tuples); ``\hat{P}_-^2 = \hat{P}_-`` (and a hilbert-spaces notebook's
  ``\hat{P}^2 = \hat{P}``) read as numbers (scalar_judge).
- cadizm/linear-algebra-for-ml-ds (linear_algebra/week-3/lab-3): ``L\begin{pmatrix}\begin{bmatrix}
  v_1 \\ v_2\end{bmatrix}\end{pmatrix}``, a map's argument in parentheses (matrix_literals).
- BolunDai0216/BolunDai0216.github.io (2022-04-20-rigid-transformation): ``g_*(v\times w)`` of
  v, w ∈ ℝ³, a cross product (cross_products).
- jliu678/Hugobox_cv (…/scvelo_post_fitting_calculation): ``\delta_{ij} = s_j - s_i``, the
  document's own δ (own_deltas).
- mphowardlab/essential-math (linear-algebra/gauss-jordan.md): "a false equation (like $0=1$)"
  (cited_contradictions).
- deeprl2026/deeprl2026.github.io (prerequisites/stochastic_processes.md): ``p^2 =`` a 5×5 matrix of
  numbers, p the transition matrix and elsewhere 0.4 (unjudged_forms).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from hunt_steps import step_results, step_verdict


def _not_wrong(text: str, lhs: str, runner: StepRunner) -> str:
    status, message = step_verdict(text, lhs, runner)
    assert status != "wrong", (text, message)
    return message


def _wrong(text: str, lhs: str, runner: StepRunner) -> None:
    status, message = step_verdict(text, lhs, runner)
    assert status == "wrong", (text, message)


# ---------------------------------------------------------------- columns side by side in brackets
DESIGN = r"""Let $x \in \mathbb{R}^3$ be the inputs. The design matrix is

$$A = \begin{bmatrix} x_1 & 1 \\ x_2 & 1 \\ x_3 & 1 \end{bmatrix} = [x \quad 1]$$
"""
STACKED = r"""With $u, v \in \mathbb{R}^n$,

$$M = \left[ u \qquad v \right] = \begin{bmatrix} u_1 & v_1 \\ u_2 & v_2 \end{bmatrix}$$"""


def test_columns_set_apart_in_brackets_are_not_a_product(runner: StepRunner) -> None:
    message = _not_wrong(DESIGN, r"\begin{bmatrix} x_1", runner)
    assert "\\quad in brackets" in message
    _not_wrong(STACKED, r"\left[ u", runner)


def test_numbers_set_apart_in_brackets_stay_a_row_that_is_judged(runner: StepRunner) -> None:
    text = r"$$[0.5 \quad 0.6] \begin{bmatrix} 1 \\ 2 \end{bmatrix} = 2.5$$"  # 0.5 + 1.2 = 1.7
    _wrong(text, r"[0.5", runner)


# ---------------------------------------------------------------- a decorated value gone stale
TWO_EXAMPLES = r"""First example:

$$X = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}$$

$$\bar{X} = \begin{bmatrix} 2 & 3 \\ 2 & 3 \end{bmatrix}$$

$$X - \bar{X} = \begin{bmatrix} -1 & -1 \\ 1 & 1 \end{bmatrix}$$

Second example:

$$X = \begin{bmatrix} 0 & 2 \\ 4 & 6 \end{bmatrix}$$

The column means are $(2, 4)$, so

$$X - \bar{X} = \begin{bmatrix} -2 & -2 \\ 2 & 2 \end{bmatrix}$$
"""


def test_a_mean_of_an_older_matrix_is_not_used_after_the_matrix_is_given_anew(runner: StepRunner) -> None:
    results = [(lhs, status, message) for lhs, status, message in step_results(TWO_EXAMPLES, runner)]
    centred = [r for r in results if r[0].startswith(r"X - \bar{X}")]
    assert len(centred) == 2, results
    assert centred[-1][1] != "wrong", centred[-1]


def test_a_slip_with_the_fresh_mean_stays_wrong(runner: StepRunner) -> None:
    wrong = TWO_EXAMPLES.replace(r"-1 & -1 \\ 1 & 1", r"-1 & -1 \\ 1 & 3")
    results = [r for r in step_results(wrong, runner) if r[0].startswith(r"X - \bar{X}")]
    assert results[0][1] == "wrong", results


# ---------------------------------------------------------------- commutators and hatted operators
COMMUTATOR = r"""For the spin operators,
$$[\hat{S}_x + \hat{S}_y, \hat{S}_z] = [\hat{S}_x, \hat{S}_z] + [\hat{S}_y, \hat{S}_z]$$"""
PROJECTOR = r"""Similarly $$\hat{E}_-^2 = \hat{E}_-$$.

| Type | Condition |
|---|---|
| **Projection** | $\hat{Q}^2 = \hat{Q} = \hat{Q}^\dagger$ |
"""


def test_a_commutator_is_not_a_tuple(runner: StepRunner) -> None:
    message = _not_wrong(COMMUTATOR, r"[\hat{S}_x +", runner)
    assert "commutator" in message


def test_tuples_of_numbers_are_still_added_entry_by_entry(runner: StepRunner) -> None:
    _wrong(r"$$[1, 2] + [3, 4] = [4, 7]$$", "[1, 2]", runner)


def test_a_commutator_expanded_without_hats_is_not_a_tuple(runner: StepRunner) -> None:
    _not_wrong(r"$$[A + B, C] = [A, C] + [B, C]$$", "[A + B, C]", runner)


# the first version of the rule took every pair with a letter for a commutator, and so left unread the
# rows of two values back-propagation notes write (held-out 3, 13, 19, 20 had them ok before)
ROWS = r"""Here $\delta_k = a_k - y_k$, so $$[\delta_1, \delta_2] = [(a_1 - y_1), (a_2 - y_2)]$$

$$[1 \times 0.5 + 2 \times 0.7 + 0.1, \, 1 \times 0.2 + 2 \times 0.1] = [2.0, 0.4]$$
"""


def test_a_row_of_two_values_stays_a_tuple(runner: StepRunner) -> None:
    for lhs in (r"[\delta_1, \delta_2]", r"[1 \times 0.5"):
        status, message = step_verdict(ROWS, lhs, runner)
        assert status == "ok", (lhs, message)


def test_a_slip_in_a_row_of_two_values_stays_wrong(runner: StepRunner) -> None:
    _wrong(r"$$[1 \times 0.5 + 0.1, 0.2] = [0.7, 0.2]$$", r"[1 \times 0.5", runner)


def test_a_hatted_operator_equal_to_its_square_is_a_property(runner: StepRunner) -> None:
    _not_wrong(PROJECTOR, r"\hat{E}_-^2", runner)
    _not_wrong(PROJECTOR, r"\hat{Q}^2", runner)


def test_a_number_or_an_estimate_equal_to_its_square_stays_wrong(runner: StepRunner) -> None:
    _wrong(r"Simplifying, $$\hat{y}^2 = \hat{y}$$", r"\hat{y}^2", runner)
    _wrong(r"Hence $$(2y)^2 = 2y$$", "(2y)^2", runner)


# ---------------------------------------------------------------- a map's argument in a pmatrix
MAP = r"""Let $T: \mathbb{R}^2 \rightarrow \mathbb{R}^3$ be

$$T\begin{pmatrix}\begin{bmatrix} a \\ b \end{bmatrix}\end{pmatrix}
= \begin{bmatrix} a + b \\ a - b \\ 2b \end{bmatrix}$$
"""


def test_a_vector_in_a_one_entry_pmatrix_is_an_argument(runner: StepRunner) -> None:
    message = _not_wrong(MAP, "T", runner)
    assert "one-entry matrix" in message


def test_a_product_of_matrices_written_out_stays_judged(runner: StepRunner) -> None:
    product = r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}\begin{pmatrix} 1 \\ 1 \end{pmatrix}"
    text = f"$${product} = " + r"\begin{pmatrix} 3 \\ 8 \end{pmatrix}$$"
    _wrong(text, r"\begin{pmatrix} 1 & 2", runner)


# ---------------------------------------------------------------- cross products of vectors
CROSS = r"""For vectors $a, b \in \mathbb{R}^3$ the product is anticommutative: $$a \times b = -(b \times a)$$"""
ARROWS = r"""$$\vec{u} \times \vec{v} = -\vec{v} \times \vec{u}$$"""


def test_a_cross_product_of_declared_vectors_is_not_a_product_of_numbers(runner: StepRunner) -> None:
    message = _not_wrong(CROSS, r"a \times", runner)
    assert "cross product" in message
    _not_wrong(ARROWS, r"\vec{u}", runner)


def test_times_between_numbers_or_scalars_stays_judged(runner: StepRunner) -> None:
    _wrong(r"$$2 \times 3 = 5$$", r"2 \times", runner)
    _wrong(r"With $w \in \mathbb{R}^3$, $$2 \times w = 3w$$", r"2 \times", runner)


# ---------------------------------------------------------------- a document's own δ
OWN_DELTA = r"""Two samples

$$x_i = \begin{bmatrix} 1 \\ 2 \end{bmatrix}, \quad x_j = \begin{bmatrix} 3 \\ 1 \end{bmatrix}$$

differ by

$$\delta_{ij} = x_j - x_i = \begin{bmatrix} 2 \\ -1 \end{bmatrix}$$
"""


def test_a_delta_the_document_defines_is_not_kroneckers(runner: StepRunner) -> None:
    message = _not_wrong(OWN_DELTA, r"\delta_{ij}", runner)
    assert "own" in message


def test_a_slip_in_the_own_deltas_difference_stays_wrong(runner: StepRunner) -> None:
    _wrong(OWN_DELTA.replace(r"2 \\ -1", r"2 \\ 1"), "x_j - x_i", runner)


# ---------------------------------------------------------------- a contradiction the text cites
CITED = r"""If the last row reads $0 = 5$, the system has no solution."""
DISPLAYED = r"""Subtracting the two equations leads to a contradiction:

$$0 = 3$$
"""


def test_two_different_numbers_cited_as_false_are_not_a_step(runner: StepRunner) -> None:
    assert "contradiction" in _not_wrong(CITED, "0", runner)
    _not_wrong(DISPLAYED, "0", runner)


def test_arithmetic_slips_stay_wrong(runner: StepRunner) -> None:
    _wrong(r"so $2 + 2 = 5$ here", "2 + 2", runner)
    _wrong(r"$$x = 2 + 3 = 5 = 6$$", "5", runner)


# ---------------------------------------------------------------- a power of a matrix given by numbers
MARKOV = r"""You win with probability $p = 0.3$. The two-step transition matrix is

$$P^2 = \begin{pmatrix} 0.5 & 0.5 \\ 0.25 & 0.75 \end{pmatrix}$$
"""


def test_a_power_set_equal_to_a_matrix_of_numbers_gives_its_value(runner: StepRunner) -> None:
    _not_wrong(MARKOV, "P^2", runner)
    _not_wrong(MARKOV.replace("P^2", "p^2"), "p^2", runner)


def test_a_slip_in_computing_the_power_stays_wrong(runner: StepRunner) -> None:
    square = r"\begin{pmatrix} 0 & 1 \\ 0.5 & 0.5 \end{pmatrix}\begin{pmatrix} 0 & 1 \\ 0.5 & 0.5 \end{pmatrix}"
    text = MARKOV.replace("P^2 = ", f"P^2 = {square} = ").replace("0.75", "1.75")
    _wrong(text, r"\begin{pmatrix} 0 & 1", runner)
