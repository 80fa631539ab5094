"""A bare brace group that opens with a sign is typeset as a difference (y {-x} shows "y − x"):
read so, a correct step is ok and a wrong one is still wrong; argument groups are untouched."""

from __future__ import annotations

import pytest
from derive.checks.latex.bare_groups import signed_bare_groups
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _status(step: str, runner: StepRunner) -> str:
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"y {-x} = y - x", "ok"),
        (r"2{+x} = 2 + x", "ok"),
        (r"\theta {- 1} = \theta - 1", "ok"),
        (r"y {-x} = -x y", "wrong"),
        (r"e^{-x} = \frac{1}{e^{x}}", "ok"),  # a superscript's group is an argument, not bare
        (r"\frac{a}{-b} = -\frac{a}{b}", "ok"),  # so is a fraction's
    ],
)
def test_signed_bare_groups_read_as_typeset(step: str, expected: str, runner: StepRunner) -> None:
    assert _status(step, runner) == expected


def test_only_bare_groups_after_an_operand_are_spliced() -> None:
    def tokens(*names: str) -> list[tuple[str, bool]]:
        return [(n, False) for n in names]

    assert signed_bare_groups(tokens("y", "{", "-", "x", "}")) == tokens("y", "-", "x")
    kept_as_written = (
        tokens("e", "^", "{", "-", "x", "}"),
        tokens("}", "{", "-", "b", "}"),
        tokens("x", "^", "2", "{", "-", "1", "}"),
    )
    for kept in kept_as_written:
        assert signed_bare_groups(kept) == kept
