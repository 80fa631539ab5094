r"""False alarms the twenty-sixth hunt found (a helper ran check-latex on 80 public documents from 40
repositories nobody on the project had used: from-scratch network notes, deep-learning and
statistical-learning notes in English, Chinese, Korean, Spanish and Russian, LaTeX homework and
reports, course notebooks) and checked every 'wrong' by hand: each, reduced to its form, must never be
wrong again, and the wrong twin of each must stay wrong.

- girafe-ai/ml-course week02 (Russian notebook): "Свойства функции потерь: $L(y_i, a(x_i)) \geqslant 0$;
  $L(y_i, y_i) = 0$" was 'wrong' with L the course's loss at its own label and output (the arguments
  dropped). One argument written twice is the loss at a perfect prediction, left unread
  (defined_arguments).
- KyleDerZweite/neural-network-from-scratch math-foundations: "Derivative (output form):
  $\sigma'(y) = y (1 - y)$" was 'wrong' at y = 1. An activation's derivative written in its output
  y = σ(x) is held (output_form_derivatives).
- DragonWarrior15/statistical-learning-notes correct_init: "$\frac{2 \times 12.8}{n_{l-1} + n_{l}} =
  \frac{\alpha^{2}}{3}$, $\alpha = \sqrt{\frac{76.8}{n_{l-1} + n_{l}}}$" was 'wrong' (α given another
  value earlier): the equation the next step solves for α (solved_equations.hold_solved_by_next).
- iq-ai-lab/statistical-learning-theory-deep-dive Massart's lemma (Korean): "$\|f\|_\infty \leq M$"
  then ``\sqrt{nM^2} \sqrt{2\log|\mathcal{F}|} = M\sqrt{n} \sqrt{2\log|\mathcal{F}|}`` was 'wrong' at
  M = −1. A name a norm or an absolute value is bounded by is never negative (deviation_names).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.deviation_names import stated_bounds
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.output_form_derivatives import holds_in_output
from hunt_steps import step_verdict

NOTATION = load_notation()

LOSS_PROPERTIES = r"""The quality is $$Q(a) = \frac 1 \ell \sum_{i=1}^\ell L(y_i, a(x_i)),$$
where $L(\cdot, \cdot)$ is a loss function. Its properties:

* $L(y_i, a(x_i)) \geqslant 0$;
* $L(y_i, y_i) = 0$.
"""

LOSS_TWIN = r"""Properties of a loss function:

* $L(\hat y, y) = 0$.
"""


def test_a_loss_at_one_argument_written_twice_is_not_the_courses_loss(runner: StepRunner) -> None:
    status, message = step_verdict(LOSS_PROPERTIES, "L(y_i, y_i)", runner)
    assert status != "wrong", message


def test_the_loss_at_its_own_arguments_set_to_zero_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(LOSS_TWIN, r"L(\hat y, y)", runner)[0] == "wrong"


OUTPUT_FORM = r"""- **Derivative (input form)**: $$\sigma'(x) = \sigma(x) \bigl(1 - \sigma(x)\bigr)$$

- **Derivative (output form)**: $$\sigma'(y) = y (1 - y)$$

- the hyperbolic tangent's, in its output: $\tanh'(y) = 1 - y^2$.
"""

OUTPUT_TWIN = r"""- **Derivative (output form)**: $$\sigma'(y) = y (1 + y)$$
"""


def test_an_activations_derivative_in_its_output_is_held(runner: StepRunner) -> None:
    status, message = step_verdict(OUTPUT_FORM, r"\sigma'(y)", runner)
    assert status == "inconclusive"
    assert "the function's output" in message
    assert step_verdict(OUTPUT_FORM, r"\tanh'(y)", runner)[0] == "inconclusive"


def test_a_derivative_not_equal_in_its_output_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(OUTPUT_TWIN, r"\sigma'(y)", runner)[0] == "wrong"
    assert holds_in_output(r"\sigma'(y)", "y", NOTATION) is None


def test_the_output_form_needs_a_derivative_at_a_bare_name() -> None:
    assert holds_in_output(r"\sigma'(y)", "y(1 - y)", NOTATION) == ("y", r"\sigma")
    assert holds_in_output(r"\sigma(y)", "y(1 - y)", NOTATION) is None
    assert holds_in_output(r"\sigma'(y + 1)", "y(1 - y)", NOTATION) is None


SOLVED_NEXT = r"""With the uniform distribution:
\begin{align}
    \frac{2}{n_{l-1} + n_{l}} &= \frac{\alpha^{2}}{3}\newline
    \alpha &= \sqrt{\frac{6}{n_{l-1} + n_{l}}}
\end{align}

For ReLU:
\begin{align}
    \frac{2 \times 12.8}{n_{l-1} + n_{l}} &= \frac{\alpha^{2}}{3}\newline
    \alpha &= \sqrt{\frac{76.8}{n_{l-1} + n_{l}}}
\end{align}
"""

SOLVED_TWIN = SOLVED_NEXT.replace("76.8", "70")  # the value does not solve the equation


def test_an_equation_the_next_step_solves_is_held(runner: StepRunner) -> None:
    status, message = step_verdict(SOLVED_NEXT, r"\frac{2 \times 12.8}", runner)
    assert status == "inconclusive"
    assert "an equation solved for" in message


def test_an_equation_the_next_value_does_not_solve_stays_wrong(runner: StepRunner) -> None:
    assert step_verdict(SOLVED_TWIN, r"\frac{2 \times 12.8}", runner)[0] == "wrong"


MASSART = r"""When $\|f\|_\infty \leq M$ (all values in $[-M, M]$):
$$\mathbb{E}_\sigma[\max_f \sum_i \sigma_i f(x_i)] \leq \sqrt{nM^2} \sqrt{2\log|\mathcal{F}|}
= M\sqrt{n} \sqrt{2\log|\mathcal{F}|}.$$
"""

MASSART_TWIN = r"""Here $f(x) \leq M$ for every $x$.

$$\sqrt{nM^2} \sqrt{2\log|\mathcal{F}|} = M\sqrt{n} \sqrt{2\log|\mathcal{F}|}.$$
"""


def test_a_name_a_norm_is_bounded_by_is_never_negative(runner: StepRunner) -> None:
    assert step_verdict(MASSART, r"\sqrt{nM^2}", runner)[0] != "wrong"


def test_a_name_a_plain_value_is_bounded_by_may_be_negative(runner: StepRunner) -> None:
    # the bound does not make M positive (no "ok"); the step is still held, by another reading: a name
    # squared beside another under a root and taken out is a magnitude (root_squares, hunt 33's √(s²/n))
    status, message = step_verdict(MASSART_TWIN, r"\sqrt{nM^2}", runner)
    assert status == "inconclusive" and "bounded" not in message, message


def test_only_a_bare_name_after_a_bounded_norm_is_positive() -> None:
    found = stated_bounds(r"$\|f\|_\infty \leq M$, $|x_i| \le B$, $\|v\|_2 \leq \sqrt{n} M$, $f \le C$", NOTATION)
    assert set(found) == {"M", "B"}
