r"""A script whose argument is a font command with its group, unbraced (checks/latex/font_scripts.py):
``\nabla_\mathbf{w}`` is typeset as ``\nabla_{\mathbf{w}}``, so a matrix-calculus step written so is
read, and judged both ways."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.font_scripts import braced_font_scripts
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

DECLARED = r"""Let $X \in \mathbb{R}^{n \times d}$, $\mathbf{w} \in \mathbb{R}^{d}$ and $\mathbf{y} \in \mathbb{R}^{n}$.

"""
SQUARES = r"\nabla_\mathbf{w} \frac{1}{2}(\mathbf{y} - X\mathbf{w})^T(\mathbf{y} - X\mathbf{w})"


def _status(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(f"{DECLARED}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = [r for r in report.results if r.step.line == 3]
    return result.status, result.message


def test_an_unbraced_bold_gradient_variable_is_read(runner: StepRunner) -> None:
    status, message = _status(rf"{SQUARES} = -X^T (\mathbf{{y}} - X\mathbf{{w}})", runner)
    assert status == "ok", message


def test_its_wrong_twin_is_wrong(runner: StepRunner) -> None:
    # the sign of the least-squares gradient dropped
    status, message = _status(rf"{SQUARES} = X^T (\mathbf{{y}} - X\mathbf{{w}})", runner)
    assert status == "wrong", message


def test_the_rewrite_braces_the_command_with_its_group_only() -> None:
    toks = [(t, False) for t in ["\\nabla", "_", "\\mathbf", "{", "w", "}", "L"]]
    assert [t for t, _ in braced_font_scripts(toks)] == ["\\nabla", "_", "{", "\\mathbf", "{", "w", "}", "}", "L"]
    one_token = [(t, False) for t in ["x", "_", "\\mathbf", "w"]]  # \mathbf w: left as it is
    assert braced_font_scripts(one_token) == one_token
