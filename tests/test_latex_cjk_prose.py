r"""Chinese, Japanese and Korean prose typed inside a display (checks/latex/cjk_prose.py): held-out
23's nealchanai README runs its sentences through one ``$$`` block (``已知z_1 = …``, ``其中\frac{…}{…}
= x_1``), and every step whose row opens with a word was unread. The run separates claims; a
conditional word (若, 当 … 时, のとき) never does, and a run that is the side itself stays one."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.cjk_prose import prose_end
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import find_steps

NOTATION = load_notation()


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(s.lhs, s.rhs) for s in find_steps(text, NOTATION, markdown=True)]


def test_a_leading_run_is_a_word_before_the_claim() -> None:
    for lead in ("已知", "\\text{已知} ", "つまり "):
        text = f"$$\n{lead}z_1 = w_1 x_1 + b\n$$"
        assert _pairs(text) == [("z_1", "w_1 x_1 + b")], text


def test_a_run_after_a_complete_claim_ends_it() -> None:
    assert _pairs("$$a = b + 1 其中 c = d + 2$$") == [("a", "b + 1"), ("c", "d + 2")]
    assert _pairs("$$x = 3 为常数$$") == [("x", "3")]


def test_a_condition_or_a_named_side_is_kept_as_written() -> None:
    # 当 … 时 ("when"), 若 ("if"), のとき: the formula beside them is supposed, not stated
    supposed = _pairs("$$\\delta = 1 \\quad 当 i = j 时$$")
    read = [lhs + rhs for lhs, rhs in supposed if "i" in lhs + rhs]
    assert supposed and all("当" in side or "时" in side for side in read), supposed
    assert _pairs("$$y = 1, \\quad x = 0 のとき$$")[-1][1].endswith("のとき")
    # a run that is a side (误差 = …) or a function (损失(y)) is not a separator
    assert _pairs("$$误差 = y - t$$") == [("误差", "y - t")]
    assert prose_end(list("损失(y)"), 0, term_so_far="", claims_before=False) is None


def test_no_false_alarm_and_a_wrong_step_behind_prose_is_found(runner: StepRunner) -> None:
    ok = "$$\n已知z_1 = w_1 * x_1 + w_2 * x_2 + b;\\\\\n其中\\frac{\\partial{z_1}}{\\partial{w_1}}=x_1;\\\\\n$$\n"
    good = check_text(ok, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in good.results if r.status in ("ok", "wrong")] == ["ok"], [r.message for r in good.results]
    bad = check_text(ok.replace("=x_1;", "=2 x_1;"), NOTATION, runner=runner, examples=30, markdown=True)
    assert any(r.status == "wrong" for r in bad.results), [r.message for r in bad.results]
