r"""Vector steps of linear and logistic regression that the readers left unjudged (issue 11, round 30).

- A lower-case name the step itself writes as a vector (``w^T w``, ``\|w\|``) is a vector, not the
  number a lower-case letter usually is (written_vectors.py, letter_case.py): vemundrogne's
  ``\frac{\partial}{\partial w}\frac{1}{2}||w||^2 = \frac{\partial}{\partial w} w^\intercal w``
  (held-out set 18, a factor 2 lost) was "every name is lower-case" and unread.
- A step that differs under every shape reading is wrong when every name it samples is a variable it
  differentiates by (no unwritten constraint on a data name, a one-hot y, can make it hold);
  otherwise it stays unjudged.
- Bars group like brackets (bar_groups.py): ``\nabla_w \frac{1}{N}\|y - Xw\|^2`` differentiates the
  whole norm, so a dropped 1/N is wrong, not a question of the operator's scope.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.bar_groups import inside_bars
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.written_vectors import written_vectors

NOTATION = load_notation(None)


def _results(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    return [(r.status, r.message) for r in sorted(report.results, key=lambda r: (r.step.line, r.step.column))]


def _last(step: str, runner: StepRunner, before: str = "") -> tuple[str, str]:
    return _results(before + "$$" + step + "$$\n", runner)[-1]


# --------------------------------------------------------------------------- undeclared vectors
@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial}{\partial w}\frac{1}{2}\|w\|^2 = w",
        r"\frac{\partial}{\partial w} w^T w = 2w",
        r"\nabla_w \frac{\lambda}{2}\|w\|^2 = \lambda w",
        r"\|w\|^2 = w^T w",
        r"\frac{\partial}{\partial w} \|w\| = \frac{w}{\|w\|}",
    ],
)
def test_true_steps_of_an_undeclared_vector_are_ok(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "ok", message


@pytest.mark.parametrize(
    "step",
    [
        # vemundrogne (held-out set 18): the factor 2 of ‖w‖² lost
        r"\frac{\partial}{\partial w}\frac{1}{2} ||w||^2 = \frac{\partial}{\partial w} w^\intercal w",
        r"\frac{\partial}{\partial w}\frac{1}{2}\|w\|^2 = 2w",
        r"\nabla_w \frac{\lambda}{2}\|w\|^2 = \frac{\lambda}{2} w",
        r"\frac{\partial}{\partial w} \|w\| = \frac{w}{\|w\|^2}",
    ],
)
def test_wrong_steps_of_an_undeclared_vector_are_found(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status == "wrong", message
    assert "variables the step differentiates by" in message


@pytest.mark.parametrize(
    "step",
    [
        # y sampled, not differentiated by: p - y needs Σ y = 1, which the step never writes
        r"\frac{\partial}{\partial z}\left(-y^T \log \mathrm{softmax}(z)\right) = \mathrm{softmax}(z) - y",
        # |w|: an absolute value, or the norm written with single bars?
        r"\frac{\partial}{\partial w} |w| = \frac{w}{\|w\|}",
        # a wrong step about w and a data vector c the document never declares
        r"\frac{\partial}{\partial w} (w^T c)^2 = (w^T c) c \|c\|^2",
    ],
)
def test_steps_that_may_hold_for_constrained_data_stay_unjudged(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status in ("inconclusive", "unparsed"), message


def test_a_difference_of_shapes_alone_is_not_a_counterexample(runner: StepRunner) -> None:
    # vemundrogne's line cut at a line break: ∂(w^T)/∂w, a Jacobian, against the gradient w
    cut = r"\frac{\partial}{\partial w}\frac{1}{2} ||w||^2 = \frac{\partial}{\partial w} w^\intercal"
    status, message = _last(cut, runner)
    assert status != "wrong", message


def test_a_plain_lower_case_step_is_still_left_to_the_scalar_judge(runner: StepRunner) -> None:
    # z = u t + c, nothing transposed or normed: numbers, as before
    assert _last(r"\frac{\partial}{\partial u} (u t + c) = t", runner)[0] == "ok"
    assert _last(r"\frac{\partial}{\partial u} (u t + c) = 2t", runner)[0] == "wrong"


def test_names_written_as_vectors() -> None:
    sides = (parse_typed(r"\frac{1}{2}\|w\|^2 + v^T u", NOTATION), parse_typed(r"|a| + \|b - c\|", NOTATION))
    assert written_vectors(sides) == {"w", "v"}


# --------------------------------------------------------------------------- declared shapes
DATA = "Let the data be\n\n"
DATA += "$$X \\in \\mathbb{R}^{N \\times p}, \\quad y \\in \\mathbb{R}^{N}, \\quad w \\in \\mathbb{R}^{p}$$\n\n"
SQUARE = "Let\n\n$$A \\in \\mathbb{R}^{p \\times p}, \\quad b \\in \\mathbb{R}^{p}, \\quad w \\in \\mathbb{R}^{p}$$\n\n"


def test_a_dropped_one_over_n_in_a_least_squares_gradient_is_found(runner: StepRunner) -> None:
    loss = r"\nabla_w \frac{1}{N}\|y - Xw\|^2 = "
    assert _last(loss + r"-\frac{2}{N} X^T (y - Xw)", runner, DATA)[0] == "ok"
    status, message = _last(loss + r"-2 X^T (y - Xw)", runner, DATA)
    assert status == "wrong", message
    ridge = r"\nabla_w \left(\frac{1}{N}\|y - Xw\|^2 + \lambda \|w\|^2\right) = \frac{2}{N} X^T (X w - y) + "
    assert _last(ridge + r"2 \lambda w", runner, DATA)[0] == "ok"
    assert _last(ridge + r"\lambda w", runner, DATA)[0] == "wrong"


def test_a_missing_transpose_that_changes_the_value_is_found(runner: StepRunner) -> None:
    assert _last(r"\nabla_w \|A w - b\|^2 = 2 A^T (A w - b)", runner, SQUARE)[0] == "ok"
    assert _last(r"\nabla_w \|A w - b\|^2 = 2 A (A w - b)", runner, SQUARE)[0] == "wrong"
    assert _last(r"\nabla_w \, w^T A w = (A + A^T) w", runner, SQUARE)[0] == "ok"
    assert _last(r"\nabla_w \, w^T A w = 2 A w", runner, SQUARE)[0] == "wrong"


def test_trace_and_diag_read_exactly(runner: StepRunner) -> None:
    assert _last(r"\mathrm{tr}(A^T A) = \|A\|_F^2", runner, SQUARE)[0] == "ok"
    assert _last(r"\mathrm{tr}(A A) = \|A\|_F^2", runner, SQUARE)[0] == "wrong"
    assert _last(r"\mathrm{diag}(w) b = w \odot b", runner, SQUARE)[0] == "ok"
    assert _last(r"\mathrm{diag}(w) b = w + b", runner, SQUARE)[0] == "wrong"


def test_a_shape_clash_of_sizes_from_declarations_alone_stays_inconclusive(runner: StepRunner) -> None:
    # X (y - Xw) fits only if N = p: the declared sizes meet the notation's own (x ∈ ℝ^d), held back
    status, message = _last(r"\nabla_w \frac{1}{N}\|y - Xw\|^2 = -\frac{2}{N} X (y - Xw)", runner, DATA)
    assert status == "inconclusive", message


# --------------------------------------------------------------------------- bars group
def test_bars_group_like_brackets() -> None:
    toks = [r"\|", "y", "-", "X", "w", r"\|", "+", "b"]
    assert inside_bars(toks, 0, 2) and not inside_bars(toks, 0, 6)
    # an unpaired bar (an evaluation bar) pairs nothing
    assert not inside_bars(["f", "-", "g", "|", "_", "{", "x", "}"], 0, 1)
    assert inside_bars(["|", "x", "-", "1", "|"], 0, 2)
    assert inside_bars([r"\lVert", "x", "-", "1", r"\rVert"], 0, 2)


def test_a_derivative_of_a_norm_of_a_sum_is_not_a_loose_scope(runner: StepRunner) -> None:
    assert _last(r"\frac{d}{dx} \frac{1}{2}|x - 1|^2 = x - 1", runner)[0] == "ok"
    status, message = _last(r"\frac{d}{dx} \frac{1}{2}|x - 1|^2 = 2(x - 1)", runner)
    assert status == "wrong" and "derivative operator" not in message, message
    # an operand that really ends at a top-level sign is still read as loose
    loose = _last(r"\frac{\partial}{\partial a} w a + b = w + 1", runner)
    assert loose[0] != "wrong", loose
