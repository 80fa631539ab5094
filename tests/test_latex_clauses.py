r"""Conditions stated before a formula (checks/latex/clauses.py): the sixteenth hunt's Chinese
book writes "若 $$l=j$$ ，则 $$\\delta_{lj}=1$$ ；若 $$l\\ne j$$ ，则" and the block δ_lj = 0; "then"
says the clause is the block's condition, not a trailing one of the formula before it."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.conditions import prose_conditions
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


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # the same quantity given another value in one sentence is the other case ("for all other
        # $k$", "but when they differ"): never read under the first case's k = j (it was wrong at k = j)
        (
            "Let $p = \\mathrm{softmax}(z)$. For $k = j$ we get $\\frac{\\partial p_k}{\\partial z_j} = p_k(1 - p_k)$,"
            " and for all other $k$ we get $\\frac{\\partial p_k}{\\partial z_j} = -p_k p_j$.\n",
            ["ok", "inconclusive"],
        ),
        (
            "Let $p = \\mathrm{softmax}(z)$. When $k = j$, $\\frac{\\partial p_k}{\\partial z_j} = p_k(1 - p_k)$,"
            " but when they differ, $\\frac{\\partial p_k}{\\partial z_j} = -p_k p_j$.\n",
            ["ok", "inconclusive"],
        ),
        # "but" is no turn to another case: the second formula still holds under x > 0, and is ok there
        ("If $x > 0$, then $|x| = x$ but also $\\sqrt{x^2} = x$.\n", ["ok", "ok"]),
    ],
)
def test_another_value_of_the_same_quantity_is_another_case(
    text: str, statuses: list[str], runner: StepRunner
) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == statuses, [r.message for r in report.results]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # every condition joined by "and" (or a comma, for a bound) is the step's: the second was
        # dropped and each of these was called wrong where it fails (y = -1, b = -1)
        ("When $x > 0$ and $y > 0$, the product $|xy| = xy$ holds.\n", "ok"),
        ("When $x > 0$ and $y > 0$:\n\n$$|xy| = xy$$\n", "ok"),
        ("For $a > 0$, $b > 0$ we get\n$$\\sqrt{a^2 b^2} = ab$$\n", "ok"),
        ("If $i = j$ and $k = j$, then $\\delta_{ik}\\delta_{jk} = 1$.\n", "ok"),
        # the wrong twins: false where every condition holds
        ("When $x > 0$ and $y > 0$, the product $|xy| = -xy$ holds.\n", "wrong"),
        ("For $a > 0$, $b > 0$ we get\n$$\\sqrt{a^2 b^2} = -ab$$\n", "wrong"),
    ],
)
def test_conditions_joined_by_and_are_all_read(text: str, status: str, runner: StepRunner) -> None:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, [r.message for r in report.results]


@pytest.mark.parametrize(
    ("prose", "conditions"),
    [
        ("When $x > 0$ and $y > 0$:", ["x > 0", "y > 0"]),
        ("if $i = j$ and $y_i = 1$, then", ["i = j", "y_i = 1"]),
        ("For $a > 0$, $b \\neq 0$ we get", ["a > 0", "b \\neq 0"]),
        # a comma joins a bound, never an equation: "$y_1 = 2$" is what the sentence states under x₁ > 0
        ("For $x_1 > 0$, $y_1 = 2$", ["x_1 > 0"]),
        # "or" is no conjunction: a step true where both hold need not be where either does
        ("if $x > 0$ or $y > 0$", ["x > 0"]),
    ],
)
def test_prose_conditions_joined(prose: str, conditions: list[str]) -> None:
    assert prose_conditions(prose) == conditions
