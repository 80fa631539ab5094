"""A transpose inside a font's braces (``\\mathbf{U^\\intercal}``) is the bold name transposed
(font_transposes.py); a layer or example label moves out too (``\\mathbf{b^{[3]}}`` is b^{[3]}); a
subscript inside the braces stays part of the name, a power stays inside."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.font_transposes import transpose_out_of_font
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _moved(tokens: list[str]) -> list[str]:
    return [t for t, _ in transpose_out_of_font([(t, False) for t in tokens])]


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        ([r"\mathbf", "{", "U", "^", r"\intercal", "}"], [r"\mathbf", "{", "U", "}", "^", "{", "T", "}"]),
        (
            [r"\boldsymbol", "{", "u", "_", "o", "^", "T", "}", "v"],
            [r"\boldsymbol", "{", "u", "_", "o", "}", "^", "{", "T", "}", "v"],
        ),
        ([r"\bm", "{", r"\theta", "^", "{", r"\top", "}", "}"], [r"\bm", "{", r"\theta", "}", "^", "{", "T", "}"]),
        (
            [r"\mathbf", "{", "x", "^", "{", "(", "i", ")", "}", "}"],  # a sample label: out, as x^{(i)}
            [r"\mathbf", "{", "x", "}", "^", "{", "(", "i", ")", "}"],
        ),
    ],
)
def test_the_transpose_moves_out_of_the_group(tokens: list[str], expected: list[str]) -> None:
    assert _moved(tokens) == expected


@pytest.mark.parametrize(
    "tokens",
    [
        [r"\mathbf", "{", "x", "^", "2", "}"],  # a power
        [r"\hat", "{", "y", "^", "T", "}"],  # a decoration makes another name: not this rule's
        [r"\mathbf", "{", "U", "}", "^", "T"],  # already outside
    ],
)
def test_other_scripts_stay(tokens: list[str]) -> None:
    assert _moved(tokens) == tokens


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_a_bold_transpose_is_judged_as_one(runner: StepRunner) -> None:
    right = r"$$\mathbf{U^\intercal} \mathbf{v} = (\mathbf{v}^\intercal \mathbf{U})^\intercal$$"
    wrong = r"$$\mathbf{U^\intercal} \mathbf{v} = \mathbf{U} \mathbf{v}$$"  # U, not its transpose
    assert _statuses(right + "\n", runner) == ["ok"]
    assert _statuses(wrong + "\n", runner) != ["ok"]
