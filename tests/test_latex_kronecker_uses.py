r"""Kronecker's delta ``\delta_{ij}`` is not a use of a document's own δ (doc_definitions.mentions_name):
a step with δ_{ij} keeps its verdict where the document defines its error δ^L twice, while a step
that uses that δ^L does not get ``wrong`` from either of its values."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import mentions_name
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def test_kronecker_deltas_are_not_the_documents_delta() -> None:
    assert not mentions_name(r"z_i(\delta_{ij} - z_j)", r"\delta^{L}")
    assert not mentions_name(r"\delta_{i,j} + 1", r"\delta^{L}")
    assert mentions_name(r"\delta^L_j a_k", r"\delta^{L}")
    assert mentions_name(r"\delta_{ij} - 1", r"\delta_{ij}")  # the name itself


def test_a_wrong_step_with_kronecker_delta_stays_wrong(runner: StepRunner) -> None:
    text = "\n\n".join(
        [
            r"$$\delta^L = \frac{\partial C}{\partial z^L}$$",
            r"$$\delta^L = a^L - y$$",  # δ^L given a second value
            r"$$z_i = z_i(\delta_{ij} - z_j)$$",  # false: at i = j it says z_i = z_i(1 - z_i)
            r"$$\delta^L + 1 = a^L - y + 2$$",  # uses δ^L: not wrong from either value
        ]
    )
    report = check_text(text + "\n", NOTATION, runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[5] == "wrong"
    assert by_line[7] != "wrong"
