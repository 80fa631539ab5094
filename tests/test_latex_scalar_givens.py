r"""A shape clash through a name the document gave a number (checks/latex/scalar_givens.py): the
sixteenth hunt's blog example "Say $u = 2x$ … If $x=3$, then $u=6$", then ``\frac{dy}{du} = 2u = 12``.
The notation samples x as a vector, so 2u was a vector against 12: "shapes differ", wrong. With
the document's numbers the step holds; a slip with them, or a clash through names given no
number, stays wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

PROSE = "Say $u = 2x$ and $y = u^2$. If $x=3$, then $u=6$ and $y=36$.\n\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"2u = 12", "ok"),  # the blog's step, with u = 6
        (r"2u = 14", "wrong"),  # the wrong twin: 12, not 14
        (r"u + u = 2 \cdot 6", "ok"),
        (r"u \cdot u = 35", "wrong"),
    ],
)
def test_a_name_given_a_number_is_that_number(step: str, status: str, runner: StepRunner) -> None:
    got, message = _last(PROSE + f"$$ {step} $$\n", runner)
    assert got == status, (step, message)


def test_a_clash_through_names_given_no_number_stays_wrong(runner: StepRunner) -> None:
    """u = 2x with x sampled as a vector and no number given: 2u = 12 is still a shape clash."""
    got, message = _last("Say $u = 2x$.\n\n$$ 2u = 12 $$\n", runner)
    assert got == "wrong", message
