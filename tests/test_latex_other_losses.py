"""A step the prose puts under another loss than the document's (other_losses.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

_NOTE = (
    "$$E = \\frac{1}{2}(y - t)^2$$\n\n$$y = \\sigma(z)$$\n\n"
    "{prose}\n\n$$\\frac{\\partial E}{\\partial z} = y - t$$\n"
)


def _last(prose: str, runner: StepRunner) -> str:
    report = check_text(_NOTE.replace("{prose}", prose), NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status


def test_a_step_under_another_loss_is_not_called_wrong(runner: StepRunner) -> None:
    # held-out 24 (a French note): "on préfère sigmoïde + entropie croisée, car le gradient se simplifie en"
    assert _last("On préfère sigmoïde + entropie croisée, car le gradient se simplifie en :", runner) == "inconclusive"
    assert _last("With the cross-entropy loss instead, the gradient is", runner) == "inconclusive"


def test_the_same_step_under_the_documents_own_loss_stays_wrong(runner: StepRunner) -> None:
    assert _last("With this squared error, the gradient is", runner) == "wrong"
    assert _last("So the gradient is", runner) == "wrong"
