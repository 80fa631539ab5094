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
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.prose_leads import is_prose_phrase
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
