"""A course report restating the notation's loss in a form the evaluator cannot take
(checks/latex/restated_values.py): the notation's value stands in, an ok says so, and a step that
would be wrong is inconclusive (the document's loss may still differ from the notation's)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import DEFAULT_NOTATION, load_notation

BATCH = load_notation(DEFAULT_NOTATION.parent / "hlcv.toml")
RESTATED = "For the loss $J = \\frac{1}{N}\\sum_{i=1}^N -\\log \\psi(z^{(3)})_{i y_i}$ we have\n\n"
STEPS = (
    "$$\\frac{\\partial J}{\\partial W^{(2)}} = \\frac{1}{N} a^{(2)T}(\\psi(z^{(3)}) - \\Delta)$$\n\n"
    "$$\\frac{\\partial \\tilde J}{\\partial W^{(1)}}"
    " = X^T \\frac{\\partial J}{\\partial z^{(2)}} + \\lambda W^{(1)}$$\n\n"
    "$$\\frac{\\partial z^{(2)}}{\\partial b^{(1)}} = 5$$\n"
)


def _results(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    return [(r.status, r.message) for r in check_text(text, BATCH, runner=runner, markdown=True).results]


def test_without_a_restatement_the_steps_are_judged_with_the_notation(runner: StepRunner) -> None:
    statuses = [s for s, _ in _results(STEPS, runner)]
    assert statuses[:2] == ["ok", "wrong"]  # 2λW^{(1)} written λW^{(1)}


def test_an_unevaluable_restatement_gives_way_to_the_notation_and_never_a_wrong(runner: StepRunner) -> None:
    (ok, ok_why), (held, held_why), *_ = _results(RESTATED + STEPS, runner)
    assert ok == "ok" and "as the notation defines it" in ok_why
    assert held == "inconclusive" and "the sides differ" in held_why and "as the notation defines it" in held_why


def test_a_step_that_does_not_use_the_restated_name_carries_no_note(runner: StepRunner) -> None:
    *_, (_, message) = _results(RESTATED + STEPS, runner)
    assert "as the notation defines it" not in message
