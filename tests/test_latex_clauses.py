r"""Conditions stated before a formula (checks/latex/clauses.py): the sixteenth hunt's Chinese
book writes "若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则" and the block δ_lj = 0; "then"
says the clause is the block's condition, not a trailing one of the formula before it."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the book's case split, conditions in prose before each claim, the last block on its own lines
        ("> 若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则 \n> $$\n> \\delta_{lj}=0\n> $$\n", "ok"),
        ("If $l=j$, then $\\delta_{lj}=1$; if $l\\ne j$, then\n$$\n\\delta_{lj}=0\n$$\n", "ok"),
        # the wrong twins: the value of the other case
        ("> 若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则 \n> $$\n> \\delta_{lj}=1\n> $$\n", "wrong"),
        ("If $l=j$, then $\\delta_{lj}=1$; if $l\\ne j$, then\n$$\n\\delta_{lj}=1\n$$\n", "wrong"),
    ],
)
def test_if_then_states_the_condition_of_what_follows(text: str, status: str, runner: StepRunner) -> None:
    """ "…; if $l \\ne j$, then" before a block: the condition is the block's (the "then" says so),
    not a trailing condition of the formula before it."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a course's notes on non-convexity: the value supposed of any activation σ, not a claim
        ("The result holds for any activation $\\sigma(\\cdot)$. Assume also that $\\sigma(\\cdot)$ is "
         "continuously differentiable and $\\sigma(0)=0$. Then $L$ is non-convex.\n", 0),
        ("Suppose $f(1) = 3$ and let $g$ be any function.\n", 0),
        # the wrong twin: the same value stated, not supposed, of the course's sigmoid
        ("For the sigmoid, note that $\\sigma(0)=0$.\n", 1),
    ],
)
def test_a_supposed_value_of_a_function_is_no_claim(text: str, wrong: int, runner: StepRunner) -> None:
    """ "Assume … $\\sigma(0)=0$": a hypothesis about the function (clauses.is_condition)."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert sum(r.status == "wrong" for r in report.results) == wrong, [r.message for r in report.results]



SAME = "\\frac{\\partial p_i}{\\partial z_j} = p_i(1 - p_i)"
OTHER = "\\frac{\\partial p_i}{\\partial z_j} = -p_i p_j"


def _softmax_cases(d: str, same: str, other: str) -> str:
    """One sentence stating both cases of the softmax Jacobian, math between ``d`` delimiters."""
    return f"Let {d}p = \\mathrm{{softmax}}(z){d}. When {d}i = j{d}, we have {d}{same}{d} and otherwise{other}.\n"


@pytest.mark.parametrize("d", ["$", "$$"])  # $$ inside a sentence: kramdown's inline math
@pytest.mark.parametrize(
    ("other", "statuses"),
    [
        # "otherwise" turns to the other case: B is never read under i = j (it was called wrong at i = j = 1)
        (" {d}" + OTHER + "{d}", ["ok", "inconclusive"]),
        # the case stated after the word is B's: judged, ok
        (", for {d}i \\neq j{d}, {d}" + OTHER + "{d}", ["ok", "ok"]),
        # the wrong twin: a slip in the other case, stated, is found there
        (", for {d}i \\neq j{d}, {d}" + OTHER + " + p_j{d}", ["ok", "wrong"]),
    ],
)
def test_otherwise_ends_the_condition_of_the_sentence(
    d: str, other: str, statuses: list[str], runner: StepRunner
) -> None:
    text = _softmax_cases(d, SAME, other.replace("{d}", d))
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == statuses, [r.message for r in report.results]


def test_a_slip_in_the_first_case_is_still_found(runner: StepRunner) -> None:
    text = _softmax_cases("$", SAME.replace("1 - p_i", "1 + p_i"), " $" + OTHER + "$")
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[0].status == "wrong", [r.message for r in report.results]
