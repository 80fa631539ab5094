r"""Names with no one value at a step (DocumentDefinitions.ambiguous in checks/latex/doc_definitions.py):
a name given two values, and the names defined from it. held-out 1's grimwm notes write
"with $y = 1$ … with $y = 0$" and $a = \hat{y}$: the letter y inside \hat{y} made a ambiguous, so a
slip in da/dz was held back instead of found. A value that was read names its own symbols."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DOC = (
    r"The prediction is $\hat{y} = \sigma(z)$ and we write $a = \hat{y}$. With $y = 1$ the loss is $-\log a$;"
    r" with $y = 0$ it is $-\log(1-a)$, and $q = y a$."
    "\n\n"
)


def _status(claim: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(DOC + f"$${claim}$$\n", NOTATION, runner=runner, markdown=True, examples=30)
    result = report.results[-1]
    return result.status, result.message


def test_a_name_defined_from_a_hatted_letter_is_not_ambiguous(runner: StepRunner) -> None:
    assert _status(r"\frac{d a}{d z} = a(1-a)", runner)[0] == "ok"
    status, message = _status(r"\frac{d a}{d z} = a(1+a)", runner)
    assert status == "wrong", message


def test_a_name_defined_from_the_reassigned_one_still_is(runner: StepRunner) -> None:
    # q = y a: which y (1 or 0) is meant is the reader's guess, so a slip through q is not called wrong
    status, message = _status(r"\frac{d q}{d z} = a(1+a)", runner)
    assert status == "inconclusive" and "more than one value" in message and "q" in message, message
