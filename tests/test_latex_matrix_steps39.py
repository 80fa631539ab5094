r"""Vectors given as transposed lists (checks/latex/transposed_lists.py): ``\mathbf v = [3, 1,
4]^T`` is the column (3, 1, 4), so the steps that use v are judged: a right product is ok, an
arithmetic slip in an entry is wrong (the entry named), and a list transposed where the shapes
then do not fit is not judged. A list followed by anything but a transpose, or with an
ellipsis, is read as before. The documents are the forms of
tests/data/latex_heldout20/nn_hw1_satow.tex (a Hessian v vᵀ worked at v = [4, 1, 2]ᵀ)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.row_lists import RowList
from derive.checks.latex.scaled_matrices import scaled_matrix_slack
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Transpose

NOTATION = load_notation()
GIVEN = r"Let $\mathbf{v} = [4, 1, 2]^T$ and $\mathbf{y} = [2, 2, 1]^\top$." + "\n\n"


def _statuses(doc: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    report = check_text(doc, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.rhs, r.status, r.message) for r in report.results]


def _last(step: str, runner: StepRunner) -> tuple[str, str]:
    _, status, message = _statuses(GIVEN + f"$$ {step} $$\n", runner)[-1]
    return status, message


def test_a_transposed_list_reads_as_a_column() -> None:
    node = parse_typed("[4, 1, 2]^T", NOTATION)
    assert isinstance(node, Transpose) and isinstance(node.x, RowList)
    assert (node.x.rows, node.x.cols) == (1, 3)


@pytest.mark.parametrize("text", ["[4, 1, 2]", "[4, 1, 2]^2", "(a, b)"])
def test_a_list_without_a_transpose_stays_unread(text: str) -> None:
    with pytest.raises(Unreadable):
        parse_typed(text, NOTATION)


RIGHT = [
    r"\mathbf{v}\mathbf{v}^T = \begin{bmatrix} 16 & 4 & 8 \\ 4 & 1 & 2 \\ 8 & 2 & 4 \end{bmatrix}",
    r"\mathbf{v}^T\mathbf{y} = 4 \cdot 2 + 1 \cdot 2 + 2 \cdot 1",
    r"(\mathbf{v}\mathbf{v}^T)\mathbf{y} = [48, 12, 24]^T",
    r"\mathbf{v}(\mathbf{v}^T\mathbf{y}) = \begin{bmatrix} 48 \\ 12 \\ 24 \end{bmatrix}",
    r"(\mathbf{v}\mathbf{v}^T)\mathbf{y} = \mathbf{v}(\mathbf{v}^T\mathbf{y})",
]


@pytest.mark.parametrize("step", RIGHT)
def test_a_right_step_with_a_listed_vector_is_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "ok", message


SLIPS = [
    # an entry miscomputed, a factor 2 come from nowhere, a term miscopied
    (r"(\mathbf{v}\mathbf{v}^T)\mathbf{y} = [48, 12, 26]^T", "entry (3, 1)"),
    (r"(\mathbf{v}\mathbf{v}^T)\mathbf{y} = 2\mathbf{v}(\mathbf{v}^T\mathbf{y})", "differ"),
    (r"\mathbf{v}^T\mathbf{y} = 4 \cdot 2 + 1 \cdot 2 + 1 \cdot 1", "differ"),
]


@pytest.mark.parametrize(("step", "named"), SLIPS)
def test_a_slip_with_a_listed_vector_is_wrong(step: str, named: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "wrong", message
    assert named in message


def test_shapes_that_do_not_fit_a_transposed_list_are_not_refuted(runner: StepRunner) -> None:
    # vᵀ is 1×3 and the list transposed 3×1: the writer's shorthand, or a slip: not said
    status, message = _last(r"\mathbf{v}^T = [4, 1, 2]^T", runner)
    assert status != "wrong", message


# A rounded value carried into a product with a matrix written out (checks/latex/scaled_matrices.py):
# once x and w are read from their transposed lists, this worked example (the form of
# latex_heldout16/logistic_regression_deep_dive_alineberry.md) is judged, and 0.88 for
# y − σ(wᵀx) = 0.8808 must be weighed as the rounding it is.
EXAMPLE = r"Let $x = [-3, 1]^\top$, $w = [1, 1]^\top$ and $y = 1$." + "\n\n"
SCALED = r"(y - \sigma(w^\top x)) x = {} \begin{{bmatrix}} {} \\ 1 \end{{bmatrix}}"


def _example(step: str, runner: StepRunner) -> tuple[str, str]:
    _, status, message = _statuses(EXAMPLE + f"$$ {step} $$\n", runner)[-1]
    return status, message


def test_a_rounded_factor_of_a_matrix_is_weighed_as_rounded(runner: StepRunner) -> None:
    status, message = _example(SCALED.format("0.88", "-3"), runner)
    assert status == "ok", message
    assert "0.88" in message


@pytest.mark.parametrize(
    "step",
    [
        SCALED.format("0.58", "-3"),  # the factor miscopied: off by far more than its rounding
        SCALED.format("0.88", "3"),  # an entry's sign lost
        "2" + SCALED.format("0.88", "-3"),  # a factor 2 come from nowhere
    ],
)
def test_a_slip_beside_a_rounded_factor_is_still_wrong(step: str, runner: StepRunner) -> None:
    status, message = _example(step, runner)
    assert status == "wrong", message


def test_the_slack_of_a_scaled_matrix() -> None:
    matrix = r"\begin{bmatrix} -3 \\ 1 \end{bmatrix}"
    assert scaled_matrix_slack(f"0.88 {matrix}") == ("0.88", pytest.approx(0.03))
    assert scaled_matrix_slack(rf"{matrix} \times 0.5") == ("0.5", pytest.approx(0.3))
    assert scaled_matrix_slack(f"2 {matrix}") is None  # a whole factor is exact
    assert scaled_matrix_slack(f"0.88 x {matrix}") is None


def test_a_transposed_list_of_blocks_is_the_stacked_column(runner: StepRunner) -> None:
    # u = [xᵀ, 1]ᵀ, the input with a 1 appended for the bias: uᵀu = |x|² + 1
    doc = r"Let $x = [1, 2]^T$ and $u = [x^T, 1]^T$." + "\n\n$$u^T u = 6$$\n\n$$u^T u = 5$$\n"
    assert [status for _, status, _ in _statuses(doc, runner)] == ["ok", "wrong"]
