"""derive.checks.grading.exports: Gradescope results.json validated against Gradescope's
documented format, with a rubric's points and visibility; JUnit read back with junitparser
(per-test time); the CSV gradebook; student-facing text without raw LaTeX."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import jsonschema
import pytest
from derive.checks.grading.exports import CSV_COLUMNS, render_csv, render_gradescope, render_junit
from derive.checks.grading.grader import grade_runner
from derive.checks.grading.records import error_result
from derive.checks.grading.rubric import apply_rubric, parse_rubric
from derive.checks.grading.sandbox import SubmissionError
from derive.checks.grading.testing import InProcessRunner

SUBMISSIONS = Path(__file__).with_name("submissions")

# Gradescope's documented results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/,
# "Output format"): top-level score, execution_time, output, visibility, stdout_visibility,
# extra_data, tests; each test score, max_score, status, name, number, output, tags, visibility.
VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
GRADESCOPE_SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "score": {"type": "number"},
                    "max_score": {"type": "number"},
                    "status": {"enum": ["passed", "failed"]},
                    "name": {"type": "string"},
                    "number": {"type": "string"},
                    "output": {"type": "string"},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "visibility": VISIBILITY,
                    "extra_data": {"type": "object"},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"properties": {"tests": {"items": {"required": ["score"]}}}}],
}

RUBRIC = parse_rubric(
    {
        "total": 50,
        "visibility": "after_due_date",
        "stdout_visibility": "hidden",
        "points": {"W1": 4, "b1": 4, "default": 1},
    },
    "r.toml",
)


def _fn(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.loss_and_grads


@pytest.fixture(scope="module")
def results():
    def grade(name):
        return grade_runner(InProcessRunner(_fn(name)), f"{name}.py", examples=3, full_size=False, rubric=RUBRIC)

    broken = apply_rubric(error_result("broken.py", SubmissionError("import", "No module named 'past'")), RUBRIC)
    return [grade("correct_function_l2"), grade("mistake_missing_relu_mask"), grade("mistake_unstable_softmax"), broken]


def test_gradescope_results_follow_the_documented_format(results):
    for r in results:
        doc = json.loads(render_gradescope([r], rubric=RUBRIC))
        jsonschema.validate(doc, GRADESCOPE_SCHEMA)
        assert doc["visibility"] == "after_due_date" and doc["stdout_visibility"] == "hidden"
        assert all(t["visibility"] == "after_due_date" for t in doc["tests"])
        assert doc["score"] == pytest.approx(sum(t["score"] for t in doc["tests"]))
        assert sum(t["max_score"] for t in doc["tests"]) == pytest.approx(50)
    with pytest.raises(jsonschema.ValidationError):  # the schema is not vacuous
        jsonschema.validate({"tests": [{"score": 1, "status": "ok"}]}, GRADESCOPE_SCHEMA)


def test_rubric_points_make_a_wrong_gradient_cost_what_the_course_says(results):
    good, bad, unstable, broken = (json.loads(render_gradescope([r], rubric=RUBRIC)) for r in results)
    assert good["score"] == pytest.approx(50)
    lost = sum(t["max_score"] for t in bad["tests"] if t["status"] == "failed")
    w1_and_b1 = [t for t in bad["tests"] if t["name"].endswith(("dW1", "db1"))]
    assert lost > 0 and all(t["status"] == "failed" for t in w1_and_b1 if "toy" in t["name"])
    assert bad["score"] == pytest.approx(50 - lost)
    # A warning passes with its points and says so.
    warned = [t for t in unstable["tests"] if "warning" in t.get("tags", [])]
    assert warned and warned[0]["status"] == "passed" and "unstable-softmax" in warned[0]["output"]
    assert unstable["score"] == pytest.approx(50)
    assert broken["score"] == 0 and broken["tests"][0]["max_score"] == 50 and "'future'" in broken["tests"][0]["output"]


def test_student_facing_text_has_unicode_mathematics_not_latex(results):
    import xml.etree.ElementTree as ET

    bad = results[1]
    gradescope = json.loads(render_gradescope([bad], rubric=RUBRIC))
    junit = ET.fromstring(render_junit([bad]))
    texts = [t["output"] for t in gradescope["tests"]] + [gradescope["output"]]
    texts += [f.text or "" for f in junit.iter("failure")]
    formula = "∂J̃/∂W1 = Xᵀ(((P − Δ)W2ᵀ/N) ⊙ 1{z2 > 0}) + 2λW1"
    assert any(formula in t for t in texts[:-1]) and formula in gradescope["output"]
    assert any(formula in t for t in texts[-len(list(junit.iter("failure"))) :])
    for text in texts:
        assert "\\frac" not in text and "\\partial" not in text and "\\tilde" not in text


def test_junit_is_read_back_by_junitparser_with_times(results):
    from junitparser import Failure, JUnitXml

    xml = JUnitXml.fromstring(render_junit(results))
    suites = {s.name: s for s in xml}
    assert set(suites) == {r.submission for r in results}
    bad = suites["mistake_missing_relu_mask.py"]
    cases = list(bad)
    assert len(cases) == len(results[1].checks)
    assert sum(1 for c in cases if any(isinstance(x, Failure) for x in c.result)) == bad.failures > 0
    assert all(c.time is not None and c.time >= 0 for c in cases) and sum(c.time for c in cases) > 0
    assert suites["broken.py"].errors == 1


def test_what_the_submission_printed_reaches_gradescope_only_if_the_rubric_says_so():
    def noisy(params, X, y, reg):
        raise ValueError("boom")

    class Printing(InProcessRunner):
        def output(self) -> str:
            return "contents of ~/.gitconfig"

    r = grade_runner(Printing(noisy), "noisy.py", examples=0, full_size=False)
    assert r.verdict == "error" and r.output
    hidden = json.loads(render_gradescope([r], rubric=RUBRIC))
    assert "gitconfig" not in json.dumps(hidden)
    shown = json.loads(render_gradescope([r], rubric=parse_rubric({"show_output": True})))
    assert "contents of ~/.gitconfig" in shown["output"]


def test_csv_gradebook_has_one_row_per_submission(results):
    rows = list(csv.DictReader(io.StringIO(render_csv(results))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(results)
    by_name = {row["submission"]: row for row in rows}
    assert by_name["correct_function_l2.py"]["verdict"] == "pass" and by_name["correct_function_l2.py"]["score"] == "50"
    assert by_name["mistake_missing_relu_mask.py"]["diagnosis"] == "missing-relu-mask"
    assert by_name["mistake_unstable_softmax.py"]["warnings"] == "unstable-softmax"
    assert by_name["broken.py"]["error_kind"] == "import" and by_name["broken.py"]["score"] == "0"


def test_csv_cells_cannot_become_spreadsheet_formulas():
    r = apply_rubric(error_result("=HYPERLINK(1).py", SubmissionError("api", "x")), None)
    row = next(csv.DictReader(io.StringIO(render_csv([r]))))
    assert row["submission"] == "'=HYPERLINK(1).py"
