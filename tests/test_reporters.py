"""derive.checks.grading.reporters: the JSON contract exactly, a valid Gradescope results.json, JUnit XML
that parses, and a text report with the diagnosis and the formula."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from derive.checks.grading.exports import render, render_gradescope, render_junit
from derive.checks.grading.grader import GradeResult, error_result, grade_runner
from derive.checks.grading.mistakes import formula
from derive.checks.grading.reporters import render_json, render_text
from derive.checks.grading.rubric import apply_rubric
from derive.checks.grading.sandbox import SubmissionError
from derive.checks.grading.testing import InProcessRunner

SUBMISSIONS = Path(__file__).with_name("submissions")
SUBMISSION_KEYS = {
    "submission",
    "verdict",
    "api",
    "reg_convention",
    "layout",
    "precision",
    "error",
    "checks",
    "diagnosis",
    "warnings",
    "score",
    "max_score",
    "seconds",
}
CHECK_KEYS = {"name", "parameter", "status", "max_rel_error", "counterexample", "diagnosis", "points", "max_points"}


def _fn(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.loss_and_grads


@pytest.fixture(scope="module")
def results() -> list[GradeResult]:
    good = grade_runner(InProcessRunner(_fn("correct_function_l2")), "good.py", examples=3, full_size=False)
    bad = grade_runner(InProcessRunner(_fn("mistake_missing_relu_mask")), "bad.py", examples=3, full_size=False)
    broken = apply_rubric(
        error_result("broken.py", SubmissionError("timeout", "the submission did not answer within 2 s")), None
    )
    return [good, bad, broken]


def test_json_is_the_design_contract(results):
    doc = json.loads(render_json(results))
    assert set(doc) == {"submissions", "summary"}
    assert doc["summary"] == {"pass": 1, "fail": 1, "error": 1, "seconds": doc["summary"]["seconds"]}
    for sub in doc["submissions"]:
        assert set(sub) == SUBMISSION_KEYS
        assert sub["verdict"] in ("pass", "fail", "error")
        for check in sub["checks"]:
            assert set(check) == CHECK_KEYS and check["status"] in ("pass", "fail", "warn", "skip")
    good, bad, broken = doc["submissions"]
    assert good["error"] is None and good["diagnosis"] == [] and good["reg_convention"] == "l2"
    assert bad["diagnosis"] == ["missing-relu-mask"]
    assert broken["error"] == {"kind": "timeout", "message": "the submission did not answer within 2 s"}
    assert broken["checks"] == []


def test_gradescope_results_are_valid(results):
    for r in results:
        doc = json.loads(render_gradescope([r]))
        assert isinstance(doc["tests"], list) and doc["tests"]
        for test in doc["tests"]:
            assert {"name", "score", "max_score", "output"} <= set(test)
            assert 0 <= test["score"] <= test["max_score"]
        assert doc["score"] == sum(t["score"] for t in doc["tests"])
    good, bad, broken = (json.loads(render_gradescope([r])) for r in results)
    assert good["score"] == sum(t["max_score"] for t in good["tests"])
    failed = [t for t in bad["tests"] if t["status"] == "failed"]
    assert failed and all("missing-relu-mask" in t["output"] for t in failed if t["name"].startswith("toy"))
    assert "1{z2 > 0}" in failed[0]["output"]  # the formula it should have been
    assert broken["score"] == 0 and "timeout" in broken["tests"][0]["output"]
    several = json.loads(render_gradescope(results))
    assert set(several) == {"good.py", "bad.py", "broken.py"}


def test_junit_parses_and_counts(results):
    root = ET.fromstring(render_junit(results))
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert suites["good.py"].get("failures") == "0" and suites["good.py"].get("errors") == "0"
    assert int(suites["bad.py"].get("failures")) == len(suites["bad.py"].findall("testcase/failure")) > 0
    assert suites["broken.py"].get("errors") == "1"
    failure = suites["bad.py"].find("testcase/failure")
    assert failure.get("type") == "missing-relu-mask" and "It should be" in failure.text


def test_text_has_one_line_per_check_and_the_diagnosis(results):
    text = render_text(results)
    good, bad, broken = results
    for c in bad.checks:
        assert sum(line.lstrip().startswith(("✓", "✗", "-", "!")) and c.name in line for line in text.splitlines()) >= 1
    assert "missing-relu-mask: back-propagation through the ReLU lacks the mask" in text
    assert "∂J̃/∂W1 = Xᵀ(((P − Δ)W2ᵀ/N) ⊙ 1{z2 > 0}) + 2λW1" in text
    assert "\\frac" not in text and "\\partial" not in text  # words and Unicode, never raw LaTeX
    assert "could not be run: timeout" in text
    assert "Summary" in text and "1 pass, 1 fail, 1 error" in text


def test_formula_follows_the_convention():
    assert "+ 2λW1" in formula("W1", "l2") and "+ λW1" in formula("W1", "half-l2")
    assert "½λ(‖W1‖² + ‖W2‖²)" in formula(None, "half-l2")


def test_render_refuses_an_unknown_format(results):
    with pytest.raises(ValueError, match="format='xml'"):
        render(results, "xml")


def test_non_finite_values_do_not_break_json():
    nan_loss = grade_runner(
        InProcessRunner(lambda p, X, y, r: (float("nan"), _fn("correct_function_l2")(p, X, y, r)[1])),
        "nan.py",
        examples=2,
        full_size=False,
    )
    assert nan_loss.verdict == "fail" and "non-finite" in nan_loss.diagnosis
    doc = json.loads(render_json([nan_loss]))
    loss_check = next(c for c in doc["submissions"][0]["checks"] if c["name"] == "toy problem: loss")
    assert loss_check["counterexample"]["got"] == "nan"
    json.loads(render_gradescope([nan_loss]))
    ET.fromstring(render_junit([nan_loss]))
