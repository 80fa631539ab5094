"""Two slips real documents make (tests/data/latex_heldout2/softmax_ce_chicm.md):

- ``\\dfrac{\\partial}{o_k}``: a derivative operator whose denominator lost its ∂ is read as
  ∂/∂o_k (checks/latex/token_rewrites.py); ``\\frac{d}{x}`` is not, it may be a quotient;
- ``p_j = \\dfrac{e^j}{\\sum_i e^i}``: a family defined in its own index alone is the document's
  shorthand for e^{o_j}, so its literal value is never used to call a step wrong
  (checks/latex/label_subscripts.py, index_only_value). Reading the first slip made the second
  call two correct steps of that document wrong; these tests keep both fixed."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.label_subscripts import index_only_value
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    return result.status, result.message


def test_an_operator_without_its_second_partial_is_a_derivative(runner: StepRunner) -> None:
    assert _last(r"$$\dfrac{\partial}{o_k}\sum_i e^{o_i} = e^{o_k}$$" + "\n", runner)[0] == "ok"
    assert _last(r"$$\frac{\partial}{x}(x^3 + 2x) = 3x^2 + 2$$" + "\n", runner)[0] == "ok"


def test_a_wrong_derivative_written_that_way_is_found(runner: StepRunner) -> None:
    status, message = _last(r"$$\dfrac{\partial}{o_k}\sum_i e^{o_i} = 2 e^{o_k}$$" + "\n", runner)
    assert status == "wrong", message
    status, message = _last(r"$$\frac{\partial}{x}(x^3 + 2x) = 3x^2$$" + "\n", runner)
    assert status == "wrong" and "differ" in message, message


def test_a_d_over_a_name_stays_a_quotient() -> None:
    from derive.checks.latex.token_rewrites import rewrite_tokens

    toks = tex_tokens(r"\frac{d}{x}")
    assert [t for t, _ in rewrite_tokens(toks)].count(r"\partial") == 0
    mended = [t for t, _ in rewrite_tokens(tex_tokens(r"\frac{\partial}{o_k}"))]
    assert mended.count(r"\partial") == 2


@pytest.mark.parametrize(
    ("value", "letters", "shorthand"),
    [
        (r"\dfrac{e^j}{\displaystyle\sum_{i} e^i}", "j", True),
        (r"\frac{e^j}{\sum_k e^k}", "j", True),
        (r"\frac{e^{o_j}}{\sum_k e^{o_k}}", "j", False),  # a real softmax
        (r"\sigma(z_j)", "j", False),
        (r"2", "j", False),  # a constant family does not read its index
    ],
)
def test_which_family_values_are_written_in_their_index_alone(value: str, letters: str, shorthand: bool) -> None:
    assert index_only_value(normalize(value, NOTATION), letters) is shorthand


SHORTHAND = "Let $$ p_j = \\dfrac{e^j}{\\displaystyle\\sum_{i} e^i} $$ be the softmax of $o$.\n\n"


def test_a_shorthand_family_never_makes_a_correct_step_wrong(runner: StepRunner) -> None:
    # true with p_k = e^{o_k}/Σ e^{o_i} (what the document means), false with its literal value
    step = r"$$ \frac{1}{p_k}\dfrac{e^{o_k}}{\sum_{i} e^{o_i}} = \frac{1}{p_k} p_k $$" + "\n"
    status, message = _last(SHORTHAND + step, runner)
    assert status == "inconclusive", message
    assert "shorthand" in message


def test_a_step_true_for_any_value_of_the_shorthand_is_still_ok(runner: StepRunner) -> None:
    step = r"$$ \frac{1}{p_k} p_k p_j = p_j $$" + "\n"
    assert _last(SHORTHAND + step, runner)[0] == "ok"


def test_a_real_softmax_definition_is_still_used(runner: StepRunner) -> None:
    defined = "Let $$ p_j = \\frac{e^{o_j}}{\\sum_{i} e^{o_i}} $$\n\n"
    step = r"$$ \frac{1}{p_k}\dfrac{e^{o_k}}{\sum_{i} e^{o_i}} = 2 $$" + "\n"
    status, message = _last(defined + step, runner)
    assert status == "wrong", message
