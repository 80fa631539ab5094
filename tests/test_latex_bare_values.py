"""A function written bare as shorthand for its value (bare_values.py)."""

from __future__ import annotations

from derive.checks.latex.bare_values import document_bare_values
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def test_the_shorthand_is_found_once_per_function() -> None:
    text = "Write $\\sigma = \\sigma(w^\\top x)$ for short.\n\n$$\\sigma(z) = \\frac{1}{1 + e^{-z}}$$\n"
    assert document_bare_values(extract(text, markdown=True), NOTATION.functions) == {"\\sigma": "w^\\top x"}
    # two shorthands for one function: neither is taken
    two = text + "\nand later $\\sigma = \\sigma(v)$.\n"
    assert document_bare_values(extract(two, markdown=True), NOTATION.functions) == {}
    # a name that is no function the reader knows is not a shorthand of this kind
    assert document_bare_values(extract("$q = q(x)$\n", markdown=True), NOTATION.functions) == {}


def test_a_bare_function_is_its_value_where_the_document_says_so(runner: StepRunner) -> None:
    # held-out 16 (alineberry): σ = σ(wᵀx), then ∇_w log σ …; read by the chain variable instead,
    # d/dw log σ would be d/dw log σ(w) and the x factor would be missing
    text = (
        "Write $\\sigma = \\sigma(w x)$ for short.\n\n"
        "$$\\frac{d}{dw} \\log \\sigma = (1 - \\sigma) x$$\n\n"
        "$$\\frac{d}{dw} \\log \\sigma = (1 + \\sigma) x$$\n"
    )
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-2:] == ["ok", "wrong"]
