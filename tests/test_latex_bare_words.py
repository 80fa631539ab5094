r"""A bare "or" / "and" between two claims of one formula (checks/latex/steps.py): the sixteenth
hunt's interview notes write ``$Y = 0 or Y =1$``, read as the chain Y = (0·o·r·Y) = 1, wrong.
Typed bare between two relations, spaced on both sides, the word separates two claims."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import find_steps

NOTATION = load_notation()


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(s.lhs, s.rhs) for s in find_steps(text, NOTATION, markdown=True)]


def test_a_bare_or_separates_two_claims() -> None:
    for text in ("takes on the values $Y = 0 or Y =1$.", "$$x = 1 and y = 2 + 3$$"):
        pairs = _pairs(text)
        assert pairs and all(" or " not in f" {a} {b} " and "and" not in a + b for a, b in pairs), pairs


def test_letters_that_are_a_product_are_kept() -> None:
    """``a = o r`` (no relation after the word) and ``2or`` (not spaced) stay as written."""
    assert _pairs("$a = o r$") == [("a", "o r")]
    assert _pairs("$x = 2or = y$")[0] == ("x", "2or")


def test_no_false_alarm_and_a_real_slip_is_still_found(runner: StepRunner) -> None:
    ok = check_text("the values $Y = 0 or Y =1$.\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert all(r.status != "wrong" for r in ok.results), [r.message for r in ok.results]
    bad = check_text("$$a = 1 + 1 = 3 or b = c + 1$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert any(r.status == "wrong" for r in bad.results), [r.message for r in bad.results]


def test_an_index_range_is_no_claim(runner: StepRunner) -> None:
    # held-out 26's first sight (blancacc): "x^{(l)} \quad &\text{for } 0 = 1, \ldots, L;", a typo in a
    # for-range, was judged as the claim 0 = 1 and called wrong; a range goes on with an ellipsis
    for text in ("$$\\text{for } 0 = 1, \\ldots, L$$", "$$l = 1, \\dots, L$$", "$$i = 1, ..., n$$"):
        assert _pairs(text) == [], text
    # a claim before a range is still read, and a list of claims without an ellipsis stays claims
    assert _pairs("$$a_i = 2 \\quad \\text{for } i = 1, \\ldots, n$$") == [("a_i", "2")]
    bad = check_text("$$1 + 1 = 3, \\quad 2 + 2 = 4$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in bad.results] == ["wrong", "ok"]
