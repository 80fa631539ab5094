r"""Numbers set apart by spacing in brackets are a list (checks/latex/spaced_lists.py).

The right step is the form of a worked example in dummy-ilh/MINE (Dump/NN/BackPropagation.md):
``[0.5 \;\; 0.6] \begin{bmatrix} 0.625 \\ 0.754 \end{bmatrix} + 0.05 = 0.5(0.625) + 0.6(0.754) +
0.05`` was wrong because the spaced entries were read as the product 0.3; the wrong twins are
slips planted in it and must stay wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.spaced_lists import spaced_lists
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()
COLUMN = r"\begin{bmatrix} 0.625 \\ 0.754 \end{bmatrix}"


def _result(step: str, runner: StepRunner) -> tuple[str, str]:
    (result,) = check_text(f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True).results
    return result.status, result.message


def _clean(text: str) -> list[str]:
    return clean_tokens(tex_tokens(text))[0]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        (r"[0.5 \;\; 0.6]", ["[", "0.5", ",", "0.6", "]"]),
        (r"\left[ -1 \quad 2.5 \ 3 \right]", ["[", "-", "1", ",", "2.5", ",", "3", "]"]),
        (r"(0.2 ~ 0.8)", ["(", "0.2", ",", "0.8", ")"]),
        (r"\begin{pmatrix} 1 \quad 2 \\ 3 \quad 4 \end{pmatrix}",
         [r"\begin", "{", *"pmatrix", "}", "1", "&", "2", r"\\", "3", "&", "4", r"\end", "{", *"pmatrix", "}"]),
    ],
)
def test_spaced_numbers_in_brackets_are_a_list(text: str, read: list[str]) -> None:
    assert _clean(text) == read


@pytest.mark.parametrize(
    "text",
    [
        r"[1\,000 \; 2]",  # \, groups the digits of a number: not a separator, and 1\,000 is no plain number
        r"[a \; b]",  # names side by side may be a product
        r"[0.5 \; b]",
        r"f(2 \; 3)",  # an argument list after a name is not touched
        r"[0.5 + 0.6 \; 0.7]",
        r"[0.5]",
        r"\begin{array}{cc} 1 \; 2 \end{array}",  # array: its first argument specifies the columns
    ],
)
def test_other_brackets_are_left_as_they_are(text: str) -> None:
    toks = tex_tokens(text)
    assert spaced_lists(toks) == toks


def test_the_worked_example_is_ok(runner: StepRunner) -> None:
    status, message = _result(rf"[0.5 \;\; 0.6] {COLUMN} + 0.05 = 0.5(0.625) + 0.6(0.754) + 0.05", runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        rf"[0.5 \;\; 0.6] {COLUMN} + 0.05 = 0.5(0.625) + 0.7(0.754) + 0.05",  # a weight copied wrong
        rf"[0.5 \quad 0.6] {COLUMN} = 0.8649",  # the product is 0.7649
    ],
)
def test_a_slip_in_the_spaced_example_stays_wrong(step: str, runner: StepRunner) -> None:
    status, message = _result(step, runner)
    assert status == "wrong", message


def test_a_matrix_row_written_with_spaces_is_read_by_its_entries(runner: StepRunner) -> None:
    matrix = r"\begin{pmatrix} 1 \quad 2 \\ 3 \quad 4 \end{pmatrix} \begin{pmatrix} 1 \\ 1 \end{pmatrix}"
    assert _result(rf"{matrix} = \begin{{pmatrix}} 3 \\ 7 \end{{pmatrix}}", runner)[0] == "ok"
    status, message = _result(rf"{matrix} = \begin{{pmatrix}} 3 \\ 8 \end{{pmatrix}}", runner)
    assert status == "wrong" and "entry (2, 1)" in message, message
    # rows of unequal length: not read
    ragged = r"\begin{pmatrix} 1 \quad 2 \\ 3 \end{pmatrix} \begin{pmatrix} 1 \\ 1 \end{pmatrix} = 3"
    assert _result(ragged, runner)[0] != "wrong"


def test_spaced_lists_of_two_columns_are_not_read_as_a_product(runner: StepRunner) -> None:
    # two lists side by side: a dot product or entrywise, not said (row_lists.py)
    status, message = _result(r"[1 \; 2] [3 \; 4] = 11", runner)
    assert status != "wrong", message
