r"""Values an example posits (checks/latex/unread_clauses.py): a Spanish page on odds
(vcntttt/modelo-regresion) writes "por ejemplo, $\text{odds} = 0.25$ significa …" after another
example's "$p = 0.5$"; the value is the example's case, not a claim about the page's odds."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_ODDS = "$$\n\\text{odds} = \\frac{p}{1 - p}\n$$\n\n(equivale a $p = 0.5$)\n\n"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (_ODDS + "- (por ejemplo, $\\text{odds} = 0.25$ significa “4 veces más probable que NO ocurra”)\n",
         "inconclusive"),
        (_ODDS + "- For example, $\\text{odds} = 0.25$ means the event is rarer.\n", "inconclusive"),
        # the wrong twin: the same value stated, not an example's
        (_ODDS + "- Entonces $\\text{odds} = 0.25$ siempre.\n", "wrong"),
    ],
)
def test_a_value_an_example_posits_is_no_claim(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
