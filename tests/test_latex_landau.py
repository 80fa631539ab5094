"""Asymptotic notation (landau.py): O(…) = O(…) is not an equation of values."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.landau import landau_side, landau_verdict
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def test_a_whole_side_is_an_asymptotic_class() -> None:
    assert landau_side("O((2^D - 1)d(l - 1))") == "O"
    assert landau_side(r"\mathcal{O}(n^2)") == r"\mathcal{O}"
    assert landau_side(r"\Theta(n \log n)") == r"\Theta"
    assert landau_side("O(n) + 1") is None  # a term inside a sum: not the whole side
    assert landau_side("Ox") is None


def test_a_defined_letter_is_not_a_class() -> None:
    assert landau_verdict("O(n)", "O(2n)", set()) is not None
    assert landau_verdict("O(n)", "O(2n)", {"O"}) is None


def test_big_o_steps_are_not_wrong(runner: StepRunner) -> None:
    # esokolov's ml-course-hse, 2019 theory solutions: the time to build a tree
    ((status, message),) = _statuses("The time is $O((2^D - 1)d(l - 1)) = O(2^Dld)$.\n", runner)
    assert status == "inconclusive" and "asymptotic" in message


def test_a_letter_o_the_document_defines_is_still_judged(runner: StepRunner) -> None:
    ((status, _),) = _statuses("Let $O = 2$ be the output. Then $O(a + 1) = O a$.\n", runner)
    assert status == "wrong"
