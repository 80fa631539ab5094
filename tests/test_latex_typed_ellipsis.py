"""Dots typed rather than written with a command (checks/latex/token_rewrites.py, _typed_ellipsis):
``(x_1,...,x_n)``, ``+ .… +`` and ``…`` are ``\\ldots`` (tests/data/latex_heldout4, blackkeys17:
the first blind run could not read '.'); one period, or a decimal point, stays as it was."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens
from derive.checks.latex.token_rewrites import rewrite_tokens

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("(x_1,...,x_n)", ["(", "x", "_", "1", ",", r"\ldots", ",", "x", "_", "n", ")"]),
        ("a + .… + b", ["a", "+", r"\ldots", "+", "b"]),
        ("a + ⋯ + b", ["a", "+", r"\cdots", "+", "b"]),
        ("0.5 + 1.25", ["0.5", "+", "1.25"]),
        ("x.", ["x", "."]),
    ],
)
def test_which_dots_are_an_ellipsis(text: str, tokens: list[str]) -> None:
    assert [t for t, _ in rewrite_tokens(tex_tokens(text))] == tokens


def _last(step: str, runner: StepRunner):
    return check_text(f"$${step}$$\n", NOTATION, runner=runner, markdown=True).results[-1]


def test_a_sum_with_typed_dots_is_read(runner: StepRunner) -> None:
    result = _last(r"\frac{\partial}{\partial x_k}(x_1 + x_2 + ... + x_n) = 1", runner)
    assert result.status == "ok", result.message


def test_a_wrong_step_with_typed_dots_is_found(runner: StepRunner) -> None:
    result = _last(r"\frac{\partial}{\partial x_k}(x_1^2 + x_2^2 + … + x_n^2) = 2", runner)
    assert result.status == "wrong", result.message
