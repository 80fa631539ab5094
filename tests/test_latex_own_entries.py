r"""A name written out by its own entries (checks/latex/own_entries.py): ``x = [x_1; x_2]`` in a
worked example fixes x's size there where the document declares x at another size only later;
a size declared before the step still decides (tests/test_latex_matrix_literals.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.own_entries import entries_written_out
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()

# a German course text (allmamun556's dl_de.md): a two-input example, the MNIST input declared later
DOCUMENT = "\n".join(
    [
        "$$",
        r"x = \begin{bmatrix} ENTRIES \end{bmatrix}",
        "$$",
        "",
        r"Input $x \in \mathbb{R}^{SIZE}$",
        "",
        r"The forward pass computes $Z_1 = W_1 X + b_1$ and $A_1 = relu(Z_1)$.",
        "",
        "$$",
        r"z^{(2)} = W^{(2)} a^{(1)} + b^{(2)}",
        "$$",
        "",
    ]
)


def _first(entries: str, size: str, runner: StepRunner) -> tuple[str, str]:
    text = DOCUMENT.replace("ENTRIES", entries).replace("SIZE", size)
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    (result,) = [r for r in report.results if r.step.line == 2]
    return result.status, result.message


@pytest.mark.parametrize("entries", [r"x_1 \\ x_2", r"x_1 \ x_2"])
def test_a_name_written_out_by_its_entries_is_not_refuted_by_a_size_declared_only_later(
    entries: str, runner: StepRunner
) -> None:
    # was "wrong: shapes differ: left side is 784×1, right side is 2×1"
    status, message = _first(entries, "784", runner)
    assert status == "inconclusive", message
    assert "written out by its own entries" in message and "shapes differ" in message, message


def test_its_entries_in_another_order_stay_wrong_where_the_sizes_agree(runner: StepRunner) -> None:
    assert _first(r"x_1 \\ x_2", "2", runner)[0] == "ok"
    status, message = _first(r"x_2 \\ x_1", "2", runner)
    assert status == "wrong", message


def test_which_sides_are_a_name_and_its_entries() -> None:
    def sides(lhs: str, rhs: str) -> tuple:
        return parse_typed(lhs, NOTATION), parse_typed(rhs, NOTATION)

    assert entries_written_out(sides("x", r"\begin{bmatrix} x_1 \\ x_2 \end{bmatrix}")) == "x"
    assert entries_written_out(sides(r"\begin{bmatrix} x_1 & x_2 \end{bmatrix}^T", "x")) == "x"
    assert entries_written_out(sides("x", r"\begin{bmatrix} w_1 \\ w_2 \end{bmatrix}")) is None  # other names
    assert entries_written_out(sides("x", r"\begin{bmatrix} x_1 \\ w_2 \end{bmatrix}")) is None
    assert entries_written_out(sides("W x", r"\begin{bmatrix} x_1 \\ x_2 \end{bmatrix}")) is None  # more than x


def test_a_size_declared_before_the_step_still_decides(runner: StepRunner) -> None:
    text = DOCUMENT.replace("ENTRIES", r"x_1 \\ x_2").replace("SIZE", "784")
    declared_first = r"Input $x \in \mathbb{R}^{784}$" + "\n\n" + text
    report = check_text(declared_first, NOTATION, runner=runner, markdown=True, examples=30)
    (result,) = [r for r in report.results if r.step.line == 4]
    assert result.status == "wrong" and result.counterexample["where"] == "shape", result.message
