r"""The thirty-third blind held-out set (tests/data/latex_heldout33): a transpose set in an upright
font, ``\pmb{w}^{\text{T}}\pmb{x}`` (checks/latex/upright_transposes.py), as Chinese maths-for-ML
notes write the linear score of logistic regression (logistic_regression_zh_qiwsir.md), is the same
dot product as ``w^T x``."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.dot_products import dot_products
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens
from derive.checks.latex.upright_transposes import upright_transposes

NOTATION = load_notation()


def _results(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, markdown=True).results


@pytest.mark.parametrize(
    "text",
    [
        r"\boldsymbol{w}^{\text{T}}\boldsymbol{x}",  # \pmb{w} as the reader has it
        r"\mathbf{w}^{\mathrm{T}}\mathbf{x}",
        r"\boldsymbol{\theta}^\text{T} \boldsymbol{x}",  # unbraced: TeX takes \text with its group
        r"w^{\rm T} x",
        r"w^{\mathsf{T}} x",
    ],
)
def test_an_upright_transpose_makes_a_dot_product(text: str) -> None:
    words = [t for t, _ in dot_products(tex_tokens(text))]
    assert r"\sum" in words and "T" not in words


@pytest.mark.parametrize("text", [r"x^{\text{new}} y", r"w^{\text{TT}} x", r"w^{\mathcal{T}} x", r"W^{\text{T}}_{ij}"])
def test_a_font_group_that_is_not_one_upright_t_is_left_alone(text: str) -> None:
    words = [t for t, _ in dot_products(tex_tokens(text))]
    assert r"\sum" not in words


def test_the_rewrite_writes_the_superscript_as_a_plain_t() -> None:
    written = [t for t, _ in upright_transposes(tex_tokens(r"X^{\text{T}} P X + A^{\rm T}"))]
    assert written == ["X", "^", "{", "T", "}", "P", "X", "+", "A", "^", "{", "T", "}"]


def test_logistic_steps_with_an_upright_transpose_are_judged(runner: StepRunner) -> None:
    text = (
        "$$\\frac{1}{1+\\exp(-(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0))} = "
        "\\frac{\\exp(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0)}{1+\\exp(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0)}$$\n\n"
        "$$\\frac{1}{1+\\exp(-\\mathbf{w}^{\\mathrm{T}}\\mathbf{x})} = "
        "1 - \\frac{1}{1+\\exp(\\mathbf{w}^{\\mathrm{T}}\\mathbf{x})}$$\n\n"
        # the wrong twin: 2 for 1 in the denominator; never wrong through the guess that w, x are vectors
        "$$\\frac{1}{1+\\exp(-(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0))} = "
        "\\frac{\\exp(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0)}{2+\\exp(\\pmb{w}^{\\text{T}}\\pmb{x}+w_0)}$$\n"
    )
    by_line = {r.step.line: r for r in _results(text, runner)}
    assert by_line[1].status == "ok", by_line[1].message
    assert by_line[3].status == "ok", by_line[3].message
    assert by_line[5].status == "inconclusive", by_line[5].message
