"""split_chain computes an equation's chains once (about 4,000 requests on seed 001) and hands
each caller its own lists, so a caller that changes them cannot change another's."""

from __future__ import annotations

from derive.checks.latex.extract import extract
from derive.checks.latex.steps import split_chain


def test_each_caller_gets_its_own_lists() -> None:
    (equation,) = extract("$$a = b = c$$\n", markdown=True)
    first = split_chain(equation)
    assert [[term.text for term, _ in chain] for chain in first] == [["a", "b", "c"]]
    first[0].pop()
    first.append([])
    again = split_chain(equation)
    assert [[term.text for term, _ in chain] for chain in again] == [["a", "b", "c"]]


def test_equal_equations_in_two_documents_give_equal_chains() -> None:
    one = extract("$$x = y, \\quad u \\in U$$\n", markdown=True)[0]
    two = extract("$$x = y, \\quad u \\in U$$\n", markdown=True)[0]
    assert split_chain(one) == split_chain(two) and len(split_chain(one)) == 2


def test_equations_that_differ_only_in_their_runs_keep_their_own_positions() -> None:
    from derive.checks.latex.equation import Equation, Piece

    # one text on one line, and the same text continued on a second line at "= c"
    flat = Equation((Piece(1, "a = b = c", 1),), "display")
    broken = Equation((Piece(1, "a = b = c", 1, (), ((0, 1, 1), (6, 2, 1))),), "display")
    assert flat == broken  # runs take no part in equality
    assert [term.line for term, _ in split_chain(flat)[0]] == [1, 1, 1]
    assert [term.line for term, _ in split_chain(broken)[0]] == [1, 1, 2]
