"""What a letter's case and an inferred shape let the matrix judge conclude (checks/latex/letter_case.py):
an ok reached only by reading a transposed name as a 1×1 number proves nothing about the transpose."""

from __future__ import annotations

from derive.checks.latex.checker import check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation(None)


def _results(text: str) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, markdown=True)
    return [(r.status, r.message) for r in sorted(report.results, key=lambda r: (r.step.line, r.step.column))]


def _statuses(text: str) -> list[str]:
    return [status for status, _ in _results(text)]


def test_a_transposed_name_read_as_a_number_proves_nothing() -> None:
    # A^T c = A c only for a 1×1 A: the shapes inferred from "+ d" (a number) made A one
    status, message = _results("$$A^T(B^T x + c) + d = A^T B^T x + A c + d$$\n")[0]
    assert status == "inconclusive" and "read as a number (1×1)" in message, message
    assert _statuses("$$W_1^T(W_0^T x + b_1) + b_2 = W_1^T W_0^T x + W_1 b_1 + b_2$$\n") == ["inconclusive"]
    # the correct expansion is not called wrong either
    assert _statuses("$$A^T(B^T x + c) + d = A^T B^T x + A^T c + d$$\n") != ["wrong"]


def test_declared_shapes_are_judged_as_written() -> None:
    # declared, the shapes are not inferred: A is 3×2 and the transposes are tested
    declared = (
        "Let $A \\in \\mathbb{R}^{3 \\times 2}$, $B \\in \\mathbb{R}^{4 \\times 3}$, $v \\in \\mathbb{R}^{4}$ "
        "and $c \\in \\mathbb{R}^{3}$.\n\n"
    )
    assert _statuses(declared + "$$A^T(B^T v + c) = A^T B^T v + A^T c$$\n") == ["ok"]
    assert _statuses(declared + "$$A^T(B^T v + c) = A^T B^T v + A c$$\n") != ["ok"]


def test_a_number_never_transposed_keeps_its_ok() -> None:
    # a 1×1 inferred name written without a transpose: nothing the ok could have skipped
    assert _statuses("$$\\frac{d}{dx}\\left(a x^2 + b\\right) = 2 a x$$\n") == ["ok"]
