r"""Two blind false alarms of held-out set 7: a letter defined as the softmax and again, in a later
section, as another function of the entries (``\sigma(\mathbf z)_i = z_i / \sum_k z_k``) is the
softmax nowhere (doc_vectors.document_softmax_names); and ``\frac{\delta a}{\delta z}`` is a
derivative written with δ for ∂ (written_forms.delta_fractions), never a product with a name δ."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_vectors import document_softmax_names
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens
from derive.checks.latex.written_forms import delta_fractions

NOTATION = load_notation()
SOFTMAX = r"$$\sigma (\mathbf{z})_{i}={\frac {e^{z_{i}}}{\sum_{k=1}^{K}e^{z_{k}}}}$$"
SUMONE = r"$$\sigma (\mathbf{z})_{i}={\frac {z_{i}}{\sum_{k=1}^{K}z_{k}}}$$"


def test_a_letter_defined_as_two_functions_is_not_the_softmax() -> None:
    assert document_softmax_names(SOFTMAX, NOTATION) == {r"\sigma"}
    assert document_softmax_names(SOFTMAX + "\n\n" + SUMONE, NOTATION) == frozenset()


def test_no_verdict_against_the_second_definition(runner: StepRunner) -> None:
    left = r"\frac{\partial \sigma(\mathbf{z})_{i}}{\partial \mathbf{z}_{i}}"
    step = f"$${left} = \\frac{{1}}{{\\sum_{{k=1}}^{{K}}z_{{k}}}} (1 - \\sigma(\\mathbf{{z}})_{{i}})$$"
    text = SOFTMAX + "\n\nThe sumone function:\n\n" + SUMONE + "\n\n" + step + "\n"
    statuses = [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]
    assert "wrong" not in statuses


def _rewritten(text: str) -> list[str]:
    toks, spaced = clean_tokens(tex_tokens(text))
    return [t for t, _ in delta_fractions(list(zip(toks, spaced, strict=True)))]


def test_delta_fractions() -> None:
    assert _rewritten(r"\frac{\delta a}{\delta z}") == _rewritten(r"\frac{\partial a}{\partial z}")
    assert _rewritten(r"\frac{\delta}{\delta z} a") == _rewritten(r"\frac{\partial}{\partial z} a")
    assert r"\delta" in _rewritten(r"\frac{\delta_{ij}}{\delta_{jk}}")  # Kronecker deltas: names
    assert r"\delta" in _rewritten(r"\frac{\delta a}{b}")  # only one side: not a derivative


def test_a_delta_derivative_is_judged(runner: StepRunner) -> None:
    steps = [r"\frac{\delta a}{\delta z} = a (1 - a)", r"\frac{\delta a}{\delta z} = a (1 + a)"]
    text = "Let $a = \\sigma(z)$.\n\n" + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    statuses = [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]
    assert statuses[-2:] == ["ok", "wrong"]
