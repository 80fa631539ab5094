r"""Eighteenth round: layouts of matrices written with ellipses that real documents use
(checks/latex/literal_patterns.py, matrix_literals.py): a row's spacing ``\\[1.5ex]`` and a
Markdown page's doubled breaks ``\\\\``, a row of dots written ``... & ... & ...`` (or
``\ddots \vdots`` with its ``&`` left out), two-index entries ``w_{11}`` … ``w_{mn}`` and
``w_{1,10}``. Each layout: right steps ok, a slipped sign or index wrong (or at least not ok)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

DECLARED = (
    r"Let $\mathbf p \in \mathbb{R}^n$, $\mathbf y \in \mathbb{R}^n$, $W \in \mathbb{R}^{m \times n}$, "
    r"$V \in \mathbb{R}^{m \times n}$ and $U \in \mathbb{R}^{3 \times 10}$." + "\n\n"
)


def _one(step: str, runner: StepRunner):
    text = f"{DECLARED}$$ {step} $$\n"
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


def _column(sep: str, entry: str = "p_{k} - y_{k}") -> str:
    rows = [entry.replace("{k}", k) for k in ("1", "2")] + [r"\vdots", entry.replace("{k}", "n")]
    return r"\begin{bmatrix} " + f" {sep} ".join(rows) + r" \end{bmatrix}"


def _jacobian(diagonal: str, dots_row: str) -> str:
    d = [diagonal.replace("k", c) for c in "12n"]
    return (
        rf"\begin{{bmatrix}} {d[0]} & -p_1p_2 & ... & -p_1p_n \\ -p_2p_1 & {d[1]} & ... & -p_2p_n \\ "
        rf"{dots_row} \\ -p_np_1 & -p_np_2 & ... & {d[2]} \end{{bmatrix}}"
    )


TYPED_DOTS, MISSING_AMP = "... & ... & ... & ...", r"\vdots & \vdots & \ddots \vdots"
SPACED, MIN_PT, DOUBLED = r"\\[1.5ex]", r"\\[-2pt]", r"\\ \\"
TWO_INDEX = (
    r"\begin{bmatrix} W_{11} + V_{11} & W_{12} + V_{12} & \cdots & W_{1n} + V_{1n} \\ "
    r"\vdots & \vdots & \ddots & \vdots \\ W_{m1} + V_{m1} & W_{m2} + V_{m2} & \cdots & W_{mn} + V_{mn} \end{bmatrix}"
)
COMMA = (
    r"\begin{bmatrix} U_{11} & U_{12} & \cdots & U_{1,10} \\ U_{21} & U_{22} & \cdots & U_{2,10} \\ "
    r"\vdots & \vdots & \ddots & \vdots \\ U_{31} & U_{32} & \cdots & U_{3,10} \end{bmatrix}"
)

OK = [
    # a row's spacing \\[1.5ex] (and \\[-2pt]) is not part of the next row's entry
    rf"\mathbf p - \mathbf y = {_column(SPACED)}",
    rf"\mathbf p - \mathbf y = {_column(MIN_PT)}",
    # a Markdown page's doubled breaks \\\\ leave empty rows, which are no rows
    rf"\mathbf p - \mathbf y = {_column(DOUBLED)}",
    # a row of dots written with horizontal dots in every column, or \ddots \vdots in one cell
    rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1-p_k)', TYPED_DOTS)}",
    rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1-p_k)', MISSING_AMP)}",
    # two indices written as two digits (W_{11}) and, past 9, with a comma (U_{1,10})
    rf"W + V = {TWO_INDEX}",
    rf"U = {COMMA}",
]
WRONG = [
    rf"\mathbf p + \mathbf y = {_column(SPACED)}",
    rf"\mathbf p + \mathbf y = {_column(DOUBLED)}",
    rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1+p_k)', TYPED_DOTS)}",
    rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1+p_k)', MISSING_AMP)}",
    rf"W - V = {TWO_INDEX}",
    rf"2 U = {COMMA}",
]
NOT_OK = [
    # a slipped index breaks the pattern: never ok
    rf"W + V = {TWO_INDEX.replace('V_{m2}', 'V_{2m}')}",
    rf"U = {COMMA.replace('U_{3,10}', 'U_{10,3}')}",
    # spacing that is not a length stays in the entry
    rf"\mathbf p - \mathbf y = {_column(SPACED.replace('1.5ex', 'q'))}",
]


@pytest.mark.parametrize("step", OK)
def test_layouts_with_ellipses_right_steps_are_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", (result.status, result.message)


@pytest.mark.parametrize("step", WRONG)
def test_layouts_with_ellipses_wrong_steps_are_found(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", (result.status, result.message)


@pytest.mark.parametrize("step", NOT_OK)
def test_layouts_with_a_slipped_index_are_never_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status != "ok", (result.status, result.message)


# ---------------------------------------------------------------- dots that end an axis
# ``\begin{pmatrix} q_1 r_1 \\ q_2 r_2 \\ \vdots \end{pmatrix}``, ``(q_1, q_2, \ldots)``: no last
# entry; the run goes to the length of what the entries index (q ∈ ℝ^k here), read off two
# written entries at least.
TRAILING_DECLARED = (
    r"Let $\mathbf q \in \mathbb{R}^k$, $\mathbf r \in \mathbb{R}^k$ and $B \in \mathbb{R}^{k \times k}$." + "\n\n"
)


def _trailing(step: str, runner: StepRunner):
    text = f"{TRAILING_DECLARED}$$ {step} $$\n"
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


VDOTS = r"\vdots"


def _run(entries: list[str], env: str, dots: str) -> str:
    return rf"\begin{{{env}}} " + r" \\ ".join([*entries, dots]) + rf" \end{{{env}}}"


TRAILING_OK = [
    rf"\mathbf q \odot \mathbf r = {_run(['q_1 r_1', 'q_2 r_2'], 'pmatrix', VDOTS)}",
    rf"\mathbf q - \mathbf r = {_run(['q_1 - r_1', 'q_2 - r_2', 'q_3 - r_3'], 'bmatrix', VDOTS)}",
    r"B = \begin{bmatrix} B_{11} & B_{12} & \cdots \\ B_{21} & B_{22} & \dots \\ \vdots \end{bmatrix}",
    r"2 \mathbf q = (2 q_1, 2 q_2, \ldots)^T",
    r"\mathbf q^T = \begin{pmatrix} q_1 & q_2 & ... \end{pmatrix}",
]
TRAILING_WRONG = [
    rf"\mathbf q \odot \mathbf r = {_run(['q_1 + r_1', 'q_2 + r_2'], 'pmatrix', VDOTS)}",
    rf"\mathbf q + \mathbf r = {_run(['q_1 - r_1', 'q_2 - r_2', 'q_3 - r_3'], 'bmatrix', VDOTS)}",
    r"2 B = \begin{bmatrix} B_{11} & B_{12} & \cdots \\ B_{21} & B_{22} & \dots \\ \vdots \end{bmatrix}",
]
TRAILING_UNREAD = [
    # one entry before the dots: the run's step is not seen
    rf"\mathbf q = {_run(['q_1'], 'bmatrix', VDOTS)}",
    # a written entry that breaks the others' pattern: not read (never a guess at which one slipped)
    rf"\mathbf q \odot \mathbf r = {_run(['q_1 r_1', 'q_2 + r_2'], 'pmatrix', VDOTS)}",
    # an identity's corner: a diagonal and an off-diagonal template need a square of written size
    r"B = \begin{bmatrix} 1 & 0 & \cdots \\ 0 & 1 & \cdots \\ \vdots \end{bmatrix}",
    # entries that index nothing: no length to run to
    rf"\mathbf q = {_run(['1', '2'], 'pmatrix', VDOTS)}",
]


@pytest.mark.parametrize("step", TRAILING_OK)
def test_dots_that_end_an_axis_right_steps_are_ok(step: str, runner: StepRunner) -> None:
    result = _trailing(step, runner)
    assert result.status == "ok", (result.status, result.message)


@pytest.mark.parametrize("step", TRAILING_WRONG)
def test_dots_that_end_an_axis_wrong_steps_are_found(step: str, runner: StepRunner) -> None:
    result = _trailing(step, runner)
    assert result.status == "wrong", (result.status, result.message)


@pytest.mark.parametrize("step", TRAILING_UNREAD)
def test_dots_that_end_an_axis_without_a_certain_run_are_never_judged(step: str, runner: StepRunner) -> None:
    result = _trailing(step, runner)
    assert result.status in ("unparsed", "inconclusive"), (result.status, result.message)
