r"""False alarms the thirty-second hunt found (89 public documents from 30 repositories nobody on
the project had used: statistics and optimisation homework, attention and Adam notes, Quarto
chapters, notebooks, and notes in Vietnamese, Chinese, Korean and Spanish) and checked every
'wrong' by hand: each, reduced to its form, must never be wrong again, and the wrong twin of each
must stay wrong.

- CXP-2024/DL-hw (Assignment1/main.tex): "With $\eta = \frac{1}{L}$" in one solution, then "… with
  $\eta = \frac{1}{9}$" in the next: 'wrong', 1/L at a sampled L against 1/9; and
  Johanmkr/FYS-STK4155colab (project2/latex/appendix.tex): "with $L-1=1$ hidden layer", judged
  with the notation's loss L. An equation in one name, linear in it, refuted only at sampled
  values, sets that name (chosen_values).
- CXP-2024/DL-hw (Assignment6/main.tex): ``\sum_y q(y) \min(1, p(y)/q(y)) = \sum_y \min(q(y),
  p(y))`` 'wrong' at p_1 = -1, q_1 = -2 under "p and q sum to one": no distribution. A
  counterexample under a sum-to-one fact must have every entry in [0, 1] (distribution_points).
- tandat8896/tandat8896.github.io (module5/m5-w2-vectorization.md): X given anew with notes beside
  the matrix (``\quad \begin{matrix} \leftarrow \text{sample 1} …``), and ``X \cdot \theta`` of the
  second way computed with the first X (unread_matrices).
- Gadangadang/Fys-Stk4155 (Project 1/article/current_project.tex): "$N = 25$", "$N=15$", then a
  caption "$N \times N = 37 \times 37$": 'wrong with each value'; the step writes N as 37, a new
  value (latest_values).
- oystehbr/FYS-STK4155 (jupyter/week36.ipynb): the Ridge solution gives β_0 a number, then the Lasso
  condition ``\frac{\partial C}{\partial \beta_0} = -4(4-2\beta_0)+\lambda\mathrm{sgn}(\beta_0) = 0``:
  the last link, the derivative set to zero, was judged with the Ridge value (unclaimed_equations).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from hunt_steps import step_verdict


@pytest.fixture(scope="module")
def runner() -> StepRunner:
    """A longer limit than conftest's: the distribution step expands two families of sums."""
    with StepRunner(timeout=60) as r:
        yield r


# CXP-2024/DL-hw, Assignment1/main.tex (lines 72 and 125)
CHOSEN_RATE = r"""With $\eta = \frac{1}{L}$, the update is $x_{k+1} = x_k - \frac{1}{L}\nabla f(x_k)$.

The update rule is $x_{k+1} = x_k - \eta f'(x_k) + \beta(x_k - x_{k-1})$
with $\eta = \frac{1}{9}$, $\beta = \frac{4}{9}$.
"""
# the same with every name given a number: 1/9 against 1/8 is an error
CHOSEN_RATE_WRONG = r"""With $\eta = \frac{1}{L}$ and $L = 9$, the update is $x_{k+1} = x_k - \frac{1}{L}\nabla f(x_k)$.

The step size is therefore $\eta = \frac{1}{8}$.
"""
# Johanmkr/FYS-STK4155colab, project2/latex/appendix.tex (line 23)
HIDDEN_LAYERS = r"""Plot of the MSE for up to 1000 epochs, performing regression analysis with $L-1=1$ hidden layer
with $N_l=30$ neurons with $\eta=10^{-1}$ and $\lambda=10^{-4}$.
"""


def test_a_number_chosen_for_a_name_defined_by_a_formula_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(CHOSEN_RATE, r"\eta", runner)
    assert status == "inconclusive", message
    assert "sets \\eta" in message


def test_an_equation_in_one_unknown_name_is_not_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(HIDDEN_LAYERS, "L-1", runner)
    assert status == "inconclusive", message


def test_a_number_against_a_formula_of_given_numbers_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(CHOSEN_RATE_WRONG, r"\eta", runner)
    assert status == "wrong", message


# CXP-2024/DL-hw, Assignment6/main.tex (lines 160 and 188)
ACCEPTANCE = r"""Write $p(y)$ for the target's next-token distribution and $q(y)$ for the draft's.

The probability that a candidate is accepted is

$$P_{\mathrm{acc}} \;=\; \sum_{y} q(y) \cdot \min\!\bigl(1,\, p(y)/q(y)\bigr)
\;=\; \sum_{y} \min\bigl(q(y),\, p(y)\bigr),$$
"""


def test_a_counterexample_with_a_negative_probability_is_no_refutation(runner: StepRunner) -> None:
    status, message = step_verdict(ACCEPTANCE, r"\; \sum_{y} q(y)", runner)
    assert status != "wrong", message


def test_a_step_false_for_distributions_stays_wrong(runner: StepRunner) -> None:
    wrong = ACCEPTANCE.replace(r"\sum_{y} \min\bigl(q(y)", r"\sum_{y} \max\bigl(q(y)")
    status, message = step_verdict(wrong, r"\; \sum_{y} q(y)", runner)
    assert status == "wrong", message
    assert "entries that are a distribution" in message


# tandat8896/tandat8896.github.io, src/data/blog/module5/m5-w2-vectorization.md (lines 505-834)
SECOND_LAYOUT = r"""**Way 1.** The input matrix (features × samples):

$$
X =
\begin{bmatrix}
6.7 & 4.6 \\
1   & 1
\end{bmatrix}
$$

**Way 2: samples in rows.**

$$
X = \begin{bmatrix}
6.7 & 1 \\
4.6 & 1
\end{bmatrix}
\quad
\begin{matrix}
\leftarrow \text{sample 1} \\
\leftarrow \text{sample 2}
\end{matrix}
$$

$$
\theta =
\begin{bmatrix}
-0.34 \\
0.049
\end{bmatrix}
$$

$$
\hat{y} = X \cdot \theta
= \begin{bmatrix}
6.7 & 1 \\
4.6 & 1
\end{bmatrix}
\begin{bmatrix}
-0.34 \\
0.049
\end{bmatrix}
$$
"""
# one layout only, and the product written with the other: an error
ONE_LAYOUT_WRONG = r"""$$
X = \begin{bmatrix}
6.7 & 1 \\
4.6 & 1
\end{bmatrix}
$$

$$
\theta =
\begin{bmatrix}
-0.34 \\
0.049
\end{bmatrix}
$$

$$
\hat{y} = X \cdot \theta
= \begin{bmatrix}
6.7 & 4.6 \\
1 & 1
\end{bmatrix}
\begin{bmatrix}
-0.34 \\
0.049
\end{bmatrix}
$$
"""


def test_a_matrix_given_anew_with_notes_beside_it_replaces_the_old_value(runner: StepRunner) -> None:
    status, message = step_verdict(SECOND_LAYOUT, r"X \cdot", runner)
    assert status != "wrong", message


def test_a_product_written_with_the_other_layout_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(ONE_LAYOUT_WRONG, r"X \cdot", runner)
    assert status == "wrong", message


# Gadangadang/Fys-Stk4155, Project 1/article/current_project.tex (lines 148, 505, 577, 683)
NEW_GRID = r"""We perform OLS with polynomials with $n=5$ for a $N\times N$ grid with $N = 25$ (625 points)
and added noise with $\sigma = 0.2$.

Bias variance trade-off for Ridge-method with $\lambda$-values [1e-5,1e-4,1e-3,1e-2], N =15 and $B = 100$.

Bias Variance trade-off for Lasso with $N=15$ and varying $\lambda \in [10^{-5}, 10^{-1}]$.

Terrain data from Saudi Arabia with $N \times N = 37 \times 37$ (1369 data points).
"""


def test_a_name_written_as_a_new_number_is_not_wrong_with_its_old_values(runner: StepRunner) -> None:
    status, message = step_verdict(NEW_GRID, r"N \times N", runner)
    assert status == "inconclusive", message


def test_a_product_no_value_of_the_name_gives_stays_wrong(runner: StepRunner) -> None:
    wrong = NEW_GRID.replace(r"37 \times 37$ (1369", r"37 \times 38$ (1406")
    status, message = step_verdict(wrong, r"N \times N", runner)
    assert status == "wrong", message


# oystehbr/FYS-STK4155, jupyter/week36.ipynb (a markdown cell: the Ridge solution, then the Lasso
# condition for the same coefficients)
LASSO_AFTER_RIDGE = r"""$$
\beta_0 = \frac{8}{4+\lambda}, \qquad \lambda = 0.5714,
$$
so $\beta_0 = 1.75$.
$$
C(\boldsymbol{\beta})=(4-2\beta_0)^2+(2-\beta_1)^2+\lambda(\vert\beta_0\vert+\vert\beta_1\vert),
$$
$$
\frac{\partial C(\boldsymbol{\beta})}{\partial \beta_0}=-4(4-2\beta_0)+\lambda\mathrm{sgn}(\beta_0)=0,
$$
"""
# the derivative link itself is still judged: its wrong factor (-2 for -4) is found
DERIVATIVE_WRONG = r"""$$
C = (4-2\beta_0)^2 + \lambda \beta_0^2
$$
$$
\frac{\partial C}{\partial \beta_0} = -2(4-2\beta_0) + 2\lambda\beta_0 = 0
$$
"""


def test_a_derivative_set_to_zero_is_a_condition_not_a_claim_about_old_values(runner: StepRunner) -> None:
    status, message = step_verdict(LASSO_AFTER_RIDGE, r"-4(4-2\beta_0)", runner)
    assert status == "inconclusive", message


def test_the_derivative_before_the_zero_is_still_judged(runner: StepRunner) -> None:
    status, message = step_verdict(DERIVATIVE_WRONG, r"\frac{\partial C}", runner)
    assert status == "wrong", message


# tests/test_latex_hunt28.py's settling time, wrong by its number: "16.2s" with the pole s = -3
# the document gave is judged with that s, not sampled; the equation in s is not a value chosen
SETTLING_WRONG = r"""The pole is $s = -3$. By the dominant pole method:

$$T_s \approx \frac{3}{|Re(P_d)|} = \frac{3}{0.202} = 16.2s$$
"""


def test_an_equation_refuted_with_the_documents_values_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(SETTLING_WRONG, r"\frac{3}{0.202}", runner)
    assert status == "wrong", message


# smturbev/hw2-latex (hw2_21au.tex, line 161), a real error hunt 31 found: a list of numbers
# against a list is a vector computation, never an equation in one name
VECTOR_WRONG = r"""Let $\lambda = 0.5$ then,
$$ \lambda x_1 + (1-\lambda) x_2 = 0.5 \cdot [0,1] + (0.5) [1,0] = [2, 2] $$
"""


def test_a_list_of_numbers_against_a_list_stays_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(VECTOR_WRONG, r"0.5 \cdot", runner)
    assert status == "wrong", message
