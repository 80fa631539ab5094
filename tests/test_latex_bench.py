"""The corpus benchmark's scoring (bench/latex_bench.py): judged, found, missed and false alarms
are counted right, on made-up tool output against made-up hand verdicts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("latex_bench", ROOT / "bench" / "latex_bench.py")
assert _spec is not None and _spec.loader is not None
latex_bench = importlib.util.module_from_spec(_spec)
sys.modules["latex_bench"] = latex_bench
_spec.loader.exec_module(latex_bench)


def _tool(line: int, column: int, lhs: str, rhs: str, status: str) -> dict:
    return {"line": line, "column": column, "lhs": lhs, "rhs": rhs, "status": status, "message": ""}


HAND = [
    {"line": 3, "claim": "a = b", "verdict": "correct"},
    {"line": 3, "claim": "b = c", "verdict": "wrong"},
    {"line": 5, "claim": "x = 1", "verdict": "definition"},
    {"line": 7, "claim": "p = q", "verdict": "Correct"},
    {"line": 9, "claim": "u = v", "verdict": "wrong"},
    {"claim": "no line", "verdict": "wrong"},
]


def test_a_perfect_tool_scores_everything_and_no_alarm() -> None:
    tool = [
        _tool(3, 5, "a", "b", "ok"),
        _tool(3, 9, "b", "c", "wrong"),
        _tool(5, 5, "x", "1", "inconclusive"),
        _tool(7, 5, "p", "q", "ok"),
        _tool(9, 5, "u", "v", "wrong"),
    ]
    s = latex_bench.score("doc", HAND, tool, 1.0)
    assert (s.counted, s.judged, s.wrong, s.found) == (4, 4, 2, 2)
    assert s.false_alarms == [] and s.missed == []


def test_a_correct_or_definition_step_marked_wrong_is_a_false_alarm() -> None:
    tool = [
        _tool(3, 5, "a", "b", "wrong"),  # correct by hand
        _tool(3, 9, "b", "c", "ok"),  # the real mistake, missed
        _tool(5, 5, "x", "1", "wrong"),  # a definition
        _tool(7, 5, "p", "q", "unparsed"),
        _tool(7, 9, "q", "r", "wrong"),  # unlisted step on a line with only correct steps
    ]
    s = latex_bench.score("doc", HAND, tool, 1.0)
    assert [a["line"] for a in s.false_alarms] == [3, 5, 7]
    assert [m["line"] for m in s.missed] == [3, 9]
    assert (s.counted, s.judged, s.found) == (4, 2, 0)


def test_steps_of_one_line_pair_by_claim_when_the_counts_differ() -> None:
    hand = [{"line": 4, "claim": "c = d", "verdict": "wrong"}]
    tool = [_tool(4, 3, "a", "b", "ok"), _tool(4, 9, "c", "d", "wrong")]
    s = latex_bench.score("doc", hand, tool, 1.0)
    assert (s.found, s.false_alarms) == (1, [])


def test_a_definition_listed_first_does_not_take_a_later_steps_result() -> None:
    # One tool step on a line where the hand lists a definition and then the judged step: the
    # tool step goes to the claim it matches best, whatever the hand's order.
    hand = [
        {"line": 4, "claim": "z = 2", "verdict": "definition"},
        {"line": 4, "claim": "\\partial J/\\partial z = 0.5", "verdict": "correct"},
    ]
    s = latex_bench.score("doc", hand, [_tool(4, 9, "\\partial J/\\partial z", "0.5", "ok")], 1.0)
    assert (s.counted, s.judged) == (1, 1)


def test_an_unlisted_wrong_step_is_a_false_alarm_also_beside_a_wrong_one() -> None:
    # kyuusaku's cases block: the hand lists the row's chain steps (one wrong), the tool also cuts
    # out ℓ_i = -log(1 - σ(z_i)) and calls it wrong: that was not counted while the line held a
    # hand-wrong step; nor was a wrong step on a line the hand lists nothing of
    hand = [{"line": 4, "claim": "c = d", "verdict": "wrong"}]
    tool = [_tool(4, 3, "l", "c", "wrong"), _tool(4, 9, "c", "d", "wrong"), _tool(6, 1, "e", "f", "wrong")]
    s = latex_bench.score("doc", hand, tool, 1.0)
    assert s.found == 1
    assert [(a["line"], a["hand"]) for a in s.false_alarms] == [(4, "not listed"), (6, "not listed")]
