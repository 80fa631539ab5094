r"""Names written in a non-Latin script inside the math (checks/latex/script_names.py): held-out
32's Korean notes name the error ``오차y_{o1}`` and the weighted sum ``가중합_{3}`` and differentiate
them (``\frac{d오차y_{out}}{d가중합_{3}}``); every such step was unread ("could not read '오'").
A run of such letters is one name where the document differentiates it or gives it a subscript;
the Latin letters typed against it belong to it; elsewhere it stays prose or unread."""

from __future__ import annotations

from pathlib import Path

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.script_names import document_script_names, merge_script_names

NOTATION = load_notation()

NOTES = Path(__file__).parent / "data" / "latex_heldout32" / "backprop_ko_roykwonn.md"
CHAIN = (
    "$$ \\frac{d오차y_{out}}{dw_{31}} = \\frac{d오차y_{out}}{dy_{o1}} \\cdot \\frac{dy_{o1}}{d가중합_{3}}"
    " \\cdot \\frac{d가중합_{3}}{dw_{31}} $$"
)


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def test_the_names_a_document_differentiates_or_subscripts() -> None:
    text = CHAIN + "$$ \\frac{d 오차 y_{out}}{dw} $$ $$ 오차dy_{out} = 1 $$"
    assert document_script_names(text) == {"오차y", "가중합", "오차dy", "오차"}
    # a word that supposes (경우 'in case', 때 'when') is never a name
    assert document_script_names("$$\\frac{d경우}{dx}$$ $$때_{1}$$") == frozenset()


def test_the_run_and_its_latin_letters_are_one_name() -> None:
    words = frozenset({"오차y", "가중합"})
    toks = ["d", "오", "차", "y", "_", "{", "o", "1", "}"]
    merged, _ = merge_script_names(toks, [False] * len(toks), words)
    assert merged == ["d", r"\mathrm", "{", "오차y", "}", "_", "{", "o", "1", "}"]
    # typed with a space (d 오차 y_{out}): the same name, as the page shows it
    merged, _ = merge_script_names(["오", "차", "y"], [True, False, True], words)
    assert merged == [r"\mathrm", "{", "오차y", "}"]
    # letters after a name the document never wrote glued (가중합x): left as written
    assert merge_script_names(["가", "중", "합", "x"], [False] * 4, words)[0] == ["가", "중", "합", "x"]


def test_a_chain_rule_over_script_names_is_read(runner: StepRunner) -> None:
    # the notes themselves: what the error depends on is said by the steps around the chain
    notes = NOTES.read_text(encoding="utf-8")
    assert notes.count(CHAIN) >= 2

    def chain_statuses(text: str) -> list[str]:
        report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
        return [r.status for r in report.results if r.step.line in (68, 71)]

    assert chain_statuses(notes) == ["ok", "ok"]
    # the wrong twin: a link of the chain left out is never ok
    short = CHAIN.replace(" \\cdot \\frac{d가중합_{3}}{dw_{31}}", "")
    assert "ok" not in chain_statuses(notes.replace(CHAIN, short))


def test_a_defined_script_name_is_differentiated(runner: StepRunner) -> None:
    doc = "$$ 가중합_{3} = w_{31} y_{h1} + w_{32} y_{h2} $$\n\n$$ \\frac{d가중합_{3}}{dw_{31}} = y_{h1} $$\n"
    assert _statuses(doc, runner)[-1] == "ok"
    assert _statuses(doc.replace("= y_{h1} $$", "= 2 y_{h1} $$"), runner)[-1] == "wrong"


def test_an_operand_after_an_operator_is_not_prose_between_claims(runner: StepRunner) -> None:
    # 오차 after '+' is a term of the side, not a sentence after a complete claim
    doc = "$$ 가중합_{1} = 2 $$\n\n$$ a = 1 + 가중합_{1} $$\n"
    report = check_text(doc, NOTATION, runner=runner, examples=30, markdown=True)
    assert [(r.step.lhs, r.step.rhs) for r in report.results][-1] == ("a", "1 + 가중합_{1}")
