r"""False alarms the thirty-sixth hunt found (82 public documents from 26 repositories nobody on
the project had used: calculus recitations, a quantum mechanics course's homework, interest-rate
and online-optimisation notes, polynomial rings over F_2, econometrics solutions, statistics
homework, diffusion and GAN notes) and checked every 'wrong' by hand. The classes with a module of
their own are tested beside it (root_branches, initial_values, finite_fields, arrow_results,
swapped_brackets); this file keeps the ones fixed inside existing modules:

- treweathers/Calculus (All_Recitations.md, line 599): ``2t - t^2 = 0 \implies t(2 - t) = 0
  \implies t = 0 \text{ and } t = 2`` after evaluation points ``t = \pi/4``, ``t = \pm\pi/2`` of
  other exercises: ``t = 0`` was "wrong with each value". A bare name given one more number,
  where every value it has is a number, gives it another value (redefined_steps).
- i05nagai/memorandum (thesis_online_convex_optimization_with_stochastic_constraints.md, line
  390): ``\sqrt{\sum_{k=1}^m (D_2R)^2} = \sqrt{m} D_2 R`` after ``\exists D_{2} > 0`` and ``\exists R
  > 0`` in the assumptions' displays: refuted at D_2 = −1 (stated_signs).
- cpjobling/eg-247-textbook (dft/2/fft.md, lines 191, 375, 1106): ``\exp(-j\pi/2) = -j``, ``(a +
  jb)(c + jd) = (ac - bd) + j(ad + bc)``: j is √−1 in signal processing (imaginary_unit).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.imaginary_unit import holds_with_imaginary_i
from derive.checks.latex.normalize import load_notation
from hunt_steps import step_verdict

NOTATION = load_notation()

# exercises that each evaluate at their own points (made up with s)
POINTS = r"""### (a)
The slope at $s = \pi/3$ is $2$.

### (b)
Limits: $s=-\pi/4 \to v=-1$, $s=\pi/4 \to v=1$.

### (c)
Solve for the end points:
$$3s - s^2 = 0 \implies s(3 - s) = 0 \implies s = 0 \text{ and } s = {root}$$"""


def test_a_solution_of_an_equation_is_one_more_value_of_the_name(runner: StepRunner) -> None:
    status, message = step_verdict(POINTS.replace("{root}", "3"), "s", runner)
    assert status != "wrong", message


def test_a_step_wrong_with_each_value_of_the_name_is_still_wrong(runner: StepRunner) -> None:
    text = POINTS.replace("{root}", "3") + "\n\nThen $$\\sin^2 s + \\cos^2 s = 2$$"
    status, message = step_verdict(text, r"\sin^2 s", runner)
    assert status == "wrong", message


# bounded gradients and a bounded domain (made up with B and K)
BOUNDS = r"""Assume
$$\exists B > 0 \text{ s.t. } \|\nabla f\| \le B, \qquad \exists\, K > 0 \text{ s.t. } \|x - y\| \le K.$$
Then
$$\sqrt{\sum_{j=1}^{n} (BK)^{2}} = {rhs}$$"""


def test_a_bound_a_statement_asserts_is_positive(runner: StepRunner) -> None:
    status, message = step_verdict(BOUNDS.replace("{rhs}", r"\sqrt{n} B K"), r"\sqrt{\sum", runner)
    assert status != "wrong", message


def test_a_wrong_bound_with_positive_names_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(BOUNDS.replace("{rhs}", r"n B K"), r"\sqrt{\sum", runner)
    assert status == "wrong", message


def test_without_the_assertion_the_sign_is_not_known(runner: StepRunner) -> None:
    text = "Then\n$$\\sqrt{\\sum_{j=1}^{n} (BK)^{2}} = \\sqrt{n} B K$$"
    status, message = step_verdict(text, r"\sqrt{\sum", runner)
    assert status == "wrong", message


# a signal-processing worked example (made up): j is √−1
PHASORS = r"""The twiddle factor at a quarter turn:
$$\exp\left(-j\pi/2\right) = -j$$
and the product of two phasors
$$(p + jq)(r + js) = {rhs}$$"""


def test_j_the_imaginary_unit_of_signal_processing(runner: StepRunner) -> None:
    text = PHASORS.replace("{rhs}", "(pr - qs) + j(ps + qr)")
    status, message = step_verdict(text, r"\exp", runner)
    assert status == "inconclusive", message
    assert "j the imaginary unit" in message
    status, message = step_verdict(text, "(p + jq)", runner)
    assert status == "inconclusive", message


def test_a_wrong_complex_product_with_j_is_still_wrong(runner: StepRunner) -> None:
    status, message = step_verdict(PHASORS.replace("{rhs}", "(pr + qs) + j(ps + qr)"), "(p + jq)", runner)
    assert status == "wrong", message


def test_j_as_an_index_is_not_the_imaginary_unit() -> None:
    assert not holds_with_imaginary_i(r"\sum_j w_j j", r"-\sum_j w_j", NOTATION, letter="j")
