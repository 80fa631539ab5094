"""derive.checks.grading.rubric: a table of bad rubrics (one-line errors echoing the value),
points by name / group / parameter, the total, the strict policy and conventions."""

from __future__ import annotations

import pytest
from derive.checks.grading.records import Check, GradeResult, error_result
from derive.checks.grading.rubric import Rubric, RubricError, apply_rubric, load_rubric, parse_rubric
from derive.checks.grading.sandbox import SubmissionError

from derive.errors import DeriveError


@pytest.mark.parametrize(
    "doc, message",
    [
        (
            {"visibility": "secret"},
            "visibility='secret' is not one of visible, hidden, after_due_date, after_published",
        ),
        ({"stdout_visibility": 3}, "stdout_visibility=3 is not one of"),
        ({"total": -1}, "total=-1 must be a finite number >= 0"),
        ({"total": "ten"}, "total='ten' must be a finite number"),
        ({"strict": "yes"}, "strict='yes' must be true or false"),
        ({"conventions": ["l1"]}, "conventions='l1' is not one of l2, half-l2"),
        ({"conventions": []}, "conventions=[] must accept at least one"),
        ({"conventions": "l2"}, "conventions='l2' must be a list of names"),
        ({"layout": "diagonal"}, "layout='diagonal' is not one of auto, row, column"),
        ({"extra_packages": [1]}, "extra_packages=[1] must be a list of names"),
        ({"examples": 2.5}, "examples=2.5 must be an integer"),
        ({"memory_mb": 10}, "memory_mb=10 must be an integer >= 64"),
        ({"timeout": 0}, "timeout=0 must be a finite number >= 0.1"),
        ({"points": {"W1": -2}}, "points.'W1'=-2 must be a finite number >= 0"),
        ({"points": 5}, "points=5 must be a table"),
        ({"pionts": {}}, "unknown key 'pionts'"),
    ],
)
def test_bad_rubrics_are_refused_with_the_value(doc, message):
    with pytest.raises(RubricError, match="^rubric r.toml: ") as info:
        parse_rubric(doc, "r.toml")
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, DeriveError)  # exit code 2 at the command line


def test_a_file_that_is_not_toml_is_one_line(tmp_path):
    bad = tmp_path / "r.toml"
    bad.write_text("total = = 3\n")
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubric(bad)
    with pytest.raises(RubricError, match="not a readable file"):
        load_rubric(tmp_path)


def _result(*statuses: tuple[str, str | None, str]) -> GradeResult:
    checks = [Check(name, parameter, status) for name, parameter, status in statuses]
    verdict = "fail" if any(s == "fail" for *_, s in statuses) else "pass"
    return GradeResult("s.py", verdict, checks=checks)


CHECKS = (
    ("toy problem: loss", None, "pass"),
    ("toy problem: dW1", "W1", "fail"),
    ("toy problem: db1", "b1", "fail"),
    ("other sizes: dW1", "W1", "fail"),
    ("large logits (±1000)", None, "warn"),
    ("scores for y=None", None, "skip"),
)


def test_without_a_rubric_each_graded_check_is_one_point():
    r = apply_rubric(_result(*CHECKS), None)
    assert (r.score, r.max_score) == (2.0, 5.0)  # the warning earns its point; the skip is not graded
    assert [c.max_points for c in r.checks] == [1, 1, 1, 1, 1, 0]


def test_the_most_specific_key_wins_and_the_total_scales():
    rubric = parse_rubric(
        {"total": 100, "points": {"toy problem: dW1": 6, "other sizes": 2, "W1": 3, "default": 1, "b1": 4}}, "r.toml"
    )
    r = apply_rubric(_result(*CHECKS), rubric)
    raw = {
        "toy problem: loss": 1,
        "toy problem: dW1": 6,
        "toy problem: db1": 4,
        "other sizes: dW1": 2,
        "large logits (±1000)": 1,
    }
    total = sum(raw.values())
    for c in r.checks[:5]:
        assert c.max_points == pytest.approx(100 * raw[c.name] / total)
    assert r.max_score == pytest.approx(100)
    assert r.score == pytest.approx(100 * (1 + 1) / total, abs=1e-3)  # the loss and the warned check


def test_a_submission_that_cannot_run_scores_zero_of_the_total():
    r = apply_rubric(error_result("s.py", SubmissionError("timeout", "too slow")), Rubric(total=40))
    assert (r.score, r.max_score) == (0.0, 40)


def test_conventions_map_to_the_grader_option():
    assert Rubric().reg_convention == "auto"
    assert parse_rubric({"conventions": ["half-l2"]}).reg_convention == "half-l2"
    assert parse_rubric({"conventions": ["l2", "half-l2"]}).reg_convention == "auto"


def test_test_visibility_follows_the_most_specific_key():
    rubric = parse_rubric(
        {"visibility": "visible", "test_visibility": {"full size": "after_due_date", "toy problem: dW1": "hidden"}}
    )
    assert rubric.visibility_of(Check("full size (N=200, D=3072, H=100, C=10): dW1", "W1", "pass")) == "after_due_date"
    assert rubric.visibility_of(Check("toy problem: dW1", "W1", "pass")) == "hidden"
    assert rubric.visibility_of(Check("toy problem: db1", "b1", "pass")) == "visible"
    with pytest.raises(RubricError, match="test_visibility.'toy problem'='secret' is not one of"):
        parse_rubric({"test_visibility": {"toy problem": "secret"}}, "r.toml")
    with pytest.raises(RubricError, match="test_visibility=3 must be a table"):
        parse_rubric({"test_visibility": 3}, "r.toml")
