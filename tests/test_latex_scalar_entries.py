r"""The document's softmax σ applied to a numbered entry, ``\sigma(z_1)``, is entry 1 of the
softmax of z where the document exponentiates z's entries (``\exp(z_1)``) and defines none of them
as a layer's vector (doc_vectors.scalar_entries); with ``z_1 = W_1 x + b_1`` it stays unread."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_vectors import scalar_entries
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()

SOFTMAX = "The softmax is $\\sigma(z_i) = \\frac{\\exp(z_i)}{\\sum_j \\exp(z_j)}$.\n\n"


def test_scalar_entries() -> None:
    assert scalar_entries(r"$\frac{\exp(z_1)}{\exp(z_1)+\exp(z_2)}$") == {"z"}
    assert scalar_entries(r"$z_1 = \Theta_{11} x_1 + \Theta_{21} x_2, \quad$ $e^{z_1}$") == {"z"}  # an entry's formula
    assert scalar_entries(r"$z_1 = W_1 x + b_1$ and $e^{z_1}$") == frozenset()  # a layer's vector
    assert scalar_entries(r"$z_1 = \mathbf{w} x$ and $e^{z_2}$") == frozenset()
    assert scalar_entries(r"$z_1 + z_2$") == frozenset()  # never exponentiated: nothing known


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_numbered_entries_of_the_documents_softmax(runner: StepRunner) -> None:
    steps = [
        r"\sigma(z_1) = \frac{\exp(z_1)}{\exp(z_1) + \exp(z_2) + \exp(z_3)}",
        r"\sigma(z_2) = \frac{\exp(z_1)}{\exp(z_1) + \exp(z_2) + \exp(z_3)}",  # the wrong numerator
    ]
    text = SOFTMAX + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    assert _statuses(text, runner)[-2:] == ["ok", "wrong"]


def test_a_layers_vector_is_no_entry(runner: StepRunner) -> None:
    step = r"\sigma(z_1) = \frac{\exp(z_1)}{\exp(z_1) + \exp(z_2)}"
    status = _statuses(SOFTMAX + f"Layer one: $z_1 = W_1 x + b_1$.\n\n$${step}$$\n", runner)[-1]
    assert status not in ("ok", "wrong")
