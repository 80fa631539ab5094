r"""A name one side writes, with a shape but no value (checks/latex/one_sided_names.py): held-out 31's
blind false alarm, ``\frac{e^{z_i}}{\sum_{j} e^{z_j}} - \nabla_{z_i}z_{y} = q_i - \nabla_{z_i}z_{y}``
in a post that declares q ∈ ℝ^K as the softmax's output and never writes its formula, was refuted
by the matrix judge with a random q."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: the false alarm's lines, as the post writes them (an align* continuation)
SOFTMAX = (
    r"The Softmax function $:\mathbb{R}^{K} \to \mathbb{R}^{K}$ maps a vector $z \in \mathbb{R}^{K}$"
    r" to a vector $q \in \mathbb{R}^{K}$"
    + "\n"
    + r"""
\begin{align*}
                 & = \frac{e^{z_i}}{\sum_{j} e^{z_j}} -\nabla_{z_i}z_{y} \\
                 & = q_i -\nabla_{z_i}z_{y} \\
\end{align*}
"""
)

LEAST_SQUARES = r"""Let $X \in \mathbb{R}^{n \times p}$, $u \in \mathbb{R}^{n}$ and $w \in \mathbb{R}^{p}$.

"""


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def test_a_declared_name_the_step_introduces_is_not_refuted(runner: StepRunner) -> None:
    (status, message), *_ = [s for s in _statuses(SOFTMAX, runner) if "q_" in s[1] or s[0] == "wrong"]
    assert status == "inconclusive", message
    assert "q_{i} is written on one side only" in message


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\nabla_w \frac{1}{2}\|Xw\|^2 = X^T X w", "ok"),
        # the same names on both sides: wrong as before
        (r"\nabla_w \frac{1}{2}\|Xw\|^2 = 2 X^T X w", "wrong"),
        (r"\nabla_w \frac{1}{2}\|Xw\|^2 = X^T X w - X^T X w", "wrong"),
        # u only on the right, nothing on the left in its place: a claim about every u, wrong
        (r"\nabla_w \frac{1}{2}\|Xw\|^2 = X^T X w + X^T u", "wrong"),
    ],
)
def test_declared_names_on_both_sides_are_judged(step: str, status: str, runner: StepRunner) -> None:
    ((got, message),) = _statuses(LEAST_SQUARES + f"$${step}$$\n", runner)
    assert got == status, message


def test_a_shape_guessed_for_an_undeclared_name_is_no_declaration(runner: StepRunner) -> None:
    # the corpus's planted ReLU/Frobenius copy declares nothing: each reading of its undeclared shapes
    # supplies ξ's, which is no declaration, so ∂f/∂W = 2((Ŷ−Y)·ξ)Xᵀ (its planted slip) stays wrong
    from pathlib import Path

    path = Path(__file__).parent / "data" / "latex_corpus" / "planted_relu_frobenius_trace.md"
    report = check_text(path.read_text(encoding="utf-8"), NOTATION, runner=runner, markdown=True)
    (planted,) = [r for r in report.results if r.step.line == 23]
    assert planted.status == "wrong", planted.message
