r"""False alarms the thirty-first hunt found (a helper ran check-latex on public documents from
repositories nobody on the project had used: worked numeric examples, matrix-calculus and
CSE546 homework, notebooks, and notes in Korean, Chinese, Japanese and Russian) and checked every
'wrong' by hand: each, reduced to its form, must never be wrong again, and the wrong twin of each
must stay wrong (or at least never become ok).

- akkefa/ml-notes (docs/probability/maximum_likelihood_estimation.rst): the Bernoulli section
  defines ``\ell(p) = \sum_i x_i \ln p + (n - \sum_i x_i)\ln(1 - p)``, and the exponential
  section, typed as one line of math, ``\text{The log-likelihood is} = \ell(\lambda)=n \ln
  \lambda-\lambda \sum_{i=1}^{n} x_{i}``: 'wrong', the Bernoulli body read at λ. Definitions were
  looked for at a chain's start only, and this chain starts with a phrase; a phrase in ``\text``
  that opens a chain is skipped there (prose_leads), so ℓ is seen as defined again.
- MrNibe/mrnibe.github.io (HSTI/_posts/2024-03-14-Ways_of_expressing_system_as_Ax_eq_b.md): "the
  phase ``\delta = m\pi, \quad m = 1, 2, 3, \dots``", then the free spectral range
  ``\frac{2d}{m+1} -\frac{2d}{m} = \frac{2d}{2d/\lambda+1} -\frac{2d}{2d/\lambda}`` (m = 2d/λ
  at a peak): 'wrong' at m = 1 with each wavelength the prose gave λ. The list was cut at its
  first comma, leaving ``m = 1`` as m's definition; a value followed by more numbers up to an
  ellipsis is a range now (enumerations), as ``l = 1, \ldots, L`` was.
- briandesilva/CSE546_Machine_Learning (hw/hw2/hw2_writeup.tex): "Fix $\delta >0$. Note that if,
  for some $\epsilon>0$, …", then ``\delta = 2e^{-2N\epsilon^2}`` solved for ε down to
  ``\sqrt{\frac{1}{2N}\log(2/\delta)} = \epsilon``: 'wrong' at ε = −1. The declaration stands
  sentences before the display, where no step's conditions reach; a name declared positive in the
  prose ("fix", "let", "for some" … ``name > 0``) is positive in the document now (stated_signs).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.enumerations import numbers_go_on
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.prose_leads import is_prose_phrase
from derive.checks.latex.stated_signs import stated_positive
from hunt_steps import step_verdict

# akkefa/ml-notes, docs/probability/maximum_likelihood_estimation.rst (lines 137 and 187)
REDEFINED_LIKELIHOOD = r"""Bernoulli.

$$\ell(p)=\sum_{i=1}^{n} x_{i} \ln p+\left(n-\sum_{i=1}^{n} x_{i}\right) \ln (1-p)$$

Exponential distribution.

$$\text{The log-likelihood is} = \ell(\lambda)=n \ln \lambda-\lambda \sum_{i=1}^{n} x_{i}$$
"""


def test_a_function_defined_again_after_a_phrase_is_not_read_with_its_old_body(runner: StepRunner) -> None:
    status, message = step_verdict(REDEFINED_LIKELIHOOD, r"\ell(\lambda)", runner)
    assert status == "inconclusive", message
    assert "defined differently more than once" in message


# the same form with one definition: the phrase-led definition is the function's body, so a value
# of it is judged, right and wrong
PHRASE_LED_DEFINITION = r"""$$\text{The loss we minimise is} = f(w) = (w - 3)^2 + \ln w$$

At the start, $f(1) = 4$.
"""


def test_a_value_of_a_phrase_led_definition_is_judged(runner: StepRunner) -> None:
    status, message = step_verdict(PHRASE_LED_DEFINITION, "f(1)", runner)
    assert status == "ok", message


def test_a_wrong_value_of_a_phrase_led_definition_is_found(runner: StepRunner) -> None:
    status, message = step_verdict(PHRASE_LED_DEFINITION.replace("f(1) = 4", "f(2) = 3"), "f(2)", runner)
    assert status == "wrong", message


def test_only_a_phrase_opens_a_chain_as_prose() -> None:
    assert is_prose_phrase(r"\text{The log-likelihood is}")
    assert is_prose_phrase(r"\text{对数似然为}")
    # one word, or text beside math, may name a quantity: kept as a term
    assert not is_prose_phrase(r"\text{Loss}")
    assert not is_prose_phrase(r"\mathrm{KL}(q \| p)")
    assert not is_prose_phrase(r"\text{the loss} L")


# MrNibe/mrnibe.github.io, HSTI/_posts/2024-03-14-Ways_of_expressing_system_as_Ax_eq_b.md
# (lines 17, 173 and 195)
MODE_NUMBERS = r"""From 1250 cm$^{-1}$ ($\lambda = 8$ µm) to 650 cm$^{-1}$ ($\lambda = 15.38$ µm)
little light gets through.

A maximum is reached whenever the phase $\delta = m\pi, \quad m = 1, 2, 3, \dots$. So

$$\lambda_\textrm{fsr} = \lambda_{m+1} - \lambda_{m} = \frac{2d}{m+1} -\frac{2d}{m}
= \frac{2d}{2d/\lambda+1} -\frac{2d}{2d/\lambda}$$
"""


def test_a_name_listed_over_numbers_is_not_their_first(runner: StepRunner) -> None:
    status, message = step_verdict(MODE_NUMBERS, r"\frac{2d}{m+1}", runner)
    assert status != "wrong", message


def test_a_step_true_only_at_the_first_listed_number_is_not_ok(runner: StepRunner) -> None:
    # read as m = 1, 2d/m = 2d was proved; m runs over 1, 2, 3, …: it is no identity
    text = MODE_NUMBERS.replace(r"= \frac{2d}{2d/\lambda+1} -\frac{2d}{2d/\lambda}", "") + "\n$$\\frac{2d}{m} = 2d$$\n"
    status, message = step_verdict(text, r"\frac{2d}{m}", runner)
    assert status != "ok", message


def test_a_wrong_step_in_the_listed_name_is_found(runner: StepRunner) -> None:
    text = MODE_NUMBERS.replace(r"\frac{2d}{2d/\lambda+1} -\frac{2d}{2d/\lambda}", r"\frac{2d}{m(m+1)}")
    status, message = step_verdict(text, r"\frac{2d}{m+1}", runner)
    assert status == "wrong", message
    right = text.replace(r"= \frac{2d}{m(m+1)}", r"= -\frac{2d}{m(m+1)}")
    status, message = step_verdict(right, r"\frac{2d}{m+1}", runner)
    assert status == "ok", message


def test_only_numbers_up_to_an_ellipsis_go_on() -> None:
    assert numbers_go_on(["2", ",", " ", "3", ",", " ", r"\dots"], 0)
    assert numbers_go_on(["0.5", ",", r"\ldots"], 0)
    assert not numbers_go_on(["2", ",", "3"], 0)  # x = 1, 2, 3: a list without an ellipsis is left as it was
    assert not numbers_go_on(["b", ",", r"\dots"], 0)  # a = 1, b, …: not a list of numbers
    assert not numbers_go_on([r"\dots"], 0)  # l = 1, \ldots, L: the ellipsis rule's own case


# briandesilva/CSE546_Machine_Learning, hw/hw2/hw2_writeup.tex (lines 283-290)
SOLVED_FOR_EPSILON = r"""Fix $\delta >0$. Note that if, for some $\epsilon>0$,
$\mathrm{Pr}(|\bar Z-\theta|\geq\epsilon)\leq 2e^{-2N\epsilon^2}$, then
$\mathrm{Pr}(|\bar Z-\theta|<\epsilon)<1-2e^{-2N\epsilon^2}$. So if we take $\delta = 2e^{-2N\epsilon^2}$,
we have our desired bound. To this end, we solve for $\delta$ in terms of $\epsilon$

$$\begin{aligned}
\delta &= 2e^{-2N\epsilon^2}\\
\implies \log\left(\frac\delta2\right)&=-2N\epsilon^2\\
\implies \frac{-1}{2N}\log\left(\frac\delta2\right) &= \epsilon^2\\
\implies \sqrt{\frac{1}{2N}\log(2/\delta)} &= \epsilon.
\end{aligned}$$
"""


def test_a_name_declared_positive_sentences_before_is_positive(runner: StepRunner) -> None:
    status, message = step_verdict(SOLVED_FOR_EPSILON, r"\sqrt", runner)
    assert status == "ok", message


def test_a_wrong_root_of_a_name_declared_positive_is_found(runner: StepRunner) -> None:
    wrong = SOLVED_FOR_EPSILON.replace(r"\sqrt{\frac{1}{2N}", r"\sqrt{\frac{1}{N}")
    status, message = step_verdict(wrong, r"\sqrt", runner)
    assert status == "wrong", message


def test_a_case_or_a_name_of_both_signs_is_not_declared_positive(runner: StepRunner) -> None:
    # "if ε > 0" sets a case; a document that also writes ε < 0 takes both signs: the root stays refuted
    for text in (
        SOLVED_FOR_EPSILON.replace("for some $\\epsilon>0$", "if $\\epsilon>0$"),
        SOLVED_FOR_EPSILON + "\nFor $\\epsilon < 0$ the bound says nothing.\n",
    ):
        status, message = step_verdict(text, r"\sqrt", runner)
        assert status == "wrong", message


def test_only_declarations_of_names_alone_make_them_positive() -> None:
    notation = load_notation()
    declared = stated_positive(r"Fix $\delta >0$ and let $\lambda, \mu > 0$.", notation)
    assert declared == {r"\delta": "positive", r"\lambda": "positive", r"\mu": "positive"}
    assert stated_positive(r"If $z > 0$ the slope is one.", notation) == {}
    assert stated_positive(r"The slope is one for all $z > 0$, where $x > 0$.", notation) == {}
    assert stated_positive(r"for some $x - y > 0$", notation) == {}
    assert stated_positive(r"Let $t > 0$. Later $t = -1$.", notation) == {}


# akkefa/ml-notes, docs/probability/hypothesis_testing.md (lines 78, 704 and 880), left open by the
# hunt and closed after: a mean defined with a typo in its sum's start, given a value for a new
# example later; and "the sample standard deviation $S = \sqrt{S^2}$", refuted at S = -1.
MEAN_THEN_DATA = r"""The sample mean

$$
\bar{x}=\frac{1}{n} \sum_{i=11}^n X_i
$$

For the new sample:

$$
\begin{aligned}
&\bar{x}=6177 \quad \sigma=814 \quad n=100 \\
\end{aligned}
$$
"""


def test_a_sum_whose_start_is_past_the_expansion_size_is_no_empty_sum(runner: StepRunner) -> None:
    # Σ_{i=11}^{n} expanded at n = 2 or 3 was 0, so x̄ = 6177 was 'wrong' (left side = 0)
    status, message = step_verdict(MEAN_THEN_DATA, r"\bar{x}", runner)
    assert status != "wrong", message


def test_a_name_the_prose_calls_a_standard_deviation_is_not_negative(runner: StepRunner) -> None:
    text = "What if we use the sample standard deviation $S =\\sqrt{ S ^2}$ in place of $\\sigma$ ?\n"
    status, message = step_verdict(text, "S", runner)
    assert status == "ok", message
    # about x, not a deviation: x stays real, and the same claim of it is refuted
    other = "The standard deviation of $x$ matters, and $x = \\sqrt{x^2}$ here.\n"
    status, message = step_verdict(other, "x", runner)
    assert status == "wrong", message
