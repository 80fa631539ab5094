r"""physics_derivatives: derivative shorthands a report uses without carrying its preamble.

A project report (held-out 42) wrote every chain-rule step as ``\del{C}{z_j^l}`` and
``\der{\sigma(z)}{z}``, defined in a preamble file the report's folder does not hold: every step
was "the command \del", unread. Read as their derivatives only in the unmistakable two-group form;
``\diff{t}`` (an upright d) and a one-group ``\del`` stay unread, and a document's own definition
of the name always wins."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, markdown=False).results]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\del{(u^3 v)}{u} = 3u^2 v", "ok"),
        (r"\del{(u^3 v)}{u} = 3u^3 v", "wrong"),
        (r"\pder{(u v^2)}{v} = 2 u v", "ok"),
        (r"\pderiv{(u v^2)}{v} = u v", "wrong"),
        (r"\diffp{\ln(1 + e^{s})}{s} = \frac{e^s}{1+e^s}", "ok"),
        (r"\der{\tanh(t)}{t} = 1 - \tanh(t)^2", "ok"),
        (r"\der{\tanh(t)}{t} = 1 + \tanh(t)^2", "wrong"),
        (r"\deriv{\sigma(q)}{q} = \sigma(q)(1-\sigma(q))", "ok"),
        (r"\diff{(q^4)}{q} = 4q^3", "ok"),
        (r"\diff{(q^4)}{q} = 4q^4", "wrong"),
    ],
)
def test_two_group_shorthands_are_their_derivatives(step: str, expected: str, runner: StepRunner) -> None:
    assert _statuses(f"\\[ {step} \\]\n", runner) == [expected]


@pytest.mark.parametrize(
    "step",
    [
        r"\diff{x} (x^2) = 3x",  # one group: \diff is also an upright d, never guessed as d/dx here
        r"\del{}{x} (x^2) = 3x",  # an empty top: the operator form of a package we do not know
        r"\del{f}{x}{y} = 3",  # a third group: not the form read
        r"\der{q}{p} = 7",  # q does not depend on p as written: unread, as for \frac{dq}{dp}
    ],
)
def test_other_forms_of_the_shorthands_are_never_wrong(step: str, runner: StepRunner) -> None:
    assert "wrong" not in _statuses(f"\\[ {step} \\]\n", runner)


def test_a_document_that_defines_the_shorthand_is_read_with_its_own_definition(runner: StepRunner) -> None:
    # here \der is the document's own "twice the derivative": the step is right by that definition
    text = "\\newcommand{\\der}[2]{2\\frac{d #1}{d #2}}\n\\[ \\der{(t^2)}{t} = 4t \\]\n"
    assert _statuses(text, runner) == ["ok"]
