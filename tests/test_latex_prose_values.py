r"""A counterexample that gives an index a value, in a document whose prose gives that letter a
number ("the true class $y = 1$ (second class)": counted from 0 or from 1?), is not a verdict
(verdict_guards.prose_valued); without such prose the same wrong step is wrong."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.verdict_guards import prose_index_values, prose_valued

NOTATION = load_notation()
STEP = r"$$x_1 (p_1 - \delta_{1y}) = x_1 p_1$$" + "\n"


def test_prose_index_values() -> None:
    assert prose_index_values("Given that the true class $y = 1$ (second class)") == {"y"}
    assert prose_index_values("for $i = j$ and $n=10$ examples") == {"n"}
    assert prose_index_values("$y = 1.5$ and $w = 2x$") == frozenset()


def test_prose_valued_makes_only_such_a_wrong_inconclusive() -> None:
    wrong = {"status": "wrong", "counterexample": {"where": "size = 3, y = 1"}, "message": "m"}
    assert prose_valued(wrong, frozenset({"y"}))["status"] == "inconclusive"
    assert prose_valued(wrong, frozenset({"k"}))["status"] == "wrong"
    assert prose_valued({**wrong, "status": "ok"}, frozenset({"y"}))["status"] == "ok"


def _last(text: str, runner: StepRunner) -> str:
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1].status


def test_a_step_about_the_stated_class(runner: StepRunner) -> None:
    assert _last("Given that the true class $y = 1$ (second class):\n\n" + STEP, runner) == "inconclusive"
    assert _last("Here $y$ is the label.\n\n" + STEP, runner) == "wrong"
