"""Reports for platforms: Gradescope's results.json, JUnit XML (written with junitparser) and a
CSV gradebook for a class. Each takes the list of GradeResults and returns a str.

Gradescope (https://gradescope-autograders.readthedocs.io/en/latest/specs/): one object per
submission with ``score``, ``execution_time``, ``output``, ``visibility``,
``stdout_visibility`` and ``tests``, each test with ``name``, ``score``, ``max_score``,
``status`` (passed | failed), ``output`` and ``visibility``. Points and visibility come from
the course's rubric (``derive.checks.grading.rubric``); without one each check is 1 point.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from derive.checks.grading.records import GradeResult
from derive.checks.grading.reporters import check_lines, clean, render_json, render_text

__all__ = ["CSV_COLUMNS", "FORMATS", "gradescope_results", "render", "render_csv", "render_gradescope", "render_junit"]

FORMATS = ("text", "json", "gradescope", "junit", "csv")

CSV_COLUMNS = ("submission", "score", "max_score", "verdict", "error_kind", "diagnosis", "warnings", "seconds")


# ------------------------------------------------------------------------------- gradescope


def gradescope_results(r: GradeResult, rubric: Any = None) -> dict[str, Any]:
    """A Gradescope results.json for one submission: one test per graded check."""
    visibility = getattr(rubric, "visibility", "visible")
    stdout_visibility = getattr(rubric, "stdout_visibility", "visible")
    if r.error:
        text = f"could not be run: {r.error['kind']}: {r.error['message']}"
        tests = [
            {
                "name": "the submission runs",
                "score": 0.0,
                "max_score": float(r.max_score or 1.0),
                "status": "failed",
                "output": text,
                "visibility": visibility,
            }
        ]
    else:
        tests = []
        for c in r.checks:
            if c.status == "skip":
                continue
            out = c.message
            if c.status != "pass":
                out += "\n" + "\n".join(check_lines(r, c))
            test = {
                "name": c.name,
                "score": float(c.points),
                "max_score": float(c.max_points),
                "status": "failed" if c.status == "fail" else "passed",
                "output": out.strip(),
                "visibility": rubric.visibility_of(c) if rubric is not None else visibility,
            }
            if c.status == "warn":
                test["tags"] = ["warning", *c.diagnosis]
            tests.append(test)
    return {
        "score": float(sum(t["score"] for t in tests)),
        "execution_time": round(r.seconds, 3),
        # What the submission printed is left out unless the rubric shows it: where the kernel
        # cannot confine reads, it could print a file of the grading account.
        "output": render_text([r], color=False, show_output=getattr(rubric, "show_output", False)),
        "visibility": visibility,
        "stdout_visibility": stdout_visibility,
        "tests": tests,
    }


def render_gradescope(results: Sequence[GradeResult], seconds: float | None = None, *, rubric: Any = None) -> str:
    """One results.json object for one submission; for several, {submission: results}."""
    if len(results) == 1:
        doc: Any = gradescope_results(results[0], rubric)
    else:
        doc = {r.submission: gradescope_results(r, rubric) for r in results}
    return json.dumps(clean(doc), indent=2, allow_nan=False, ensure_ascii=False)


# ------------------------------------------------------------------------------- junit


def render_junit(results: Sequence[GradeResult], seconds: float | None = None) -> str:
    """One testsuite per submission, one testcase per check with its time."""
    from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

    xml = JUnitXml("derive grade")
    for r in results:
        suite = TestSuite(r.submission)
        if r.error:
            case = TestCase("the submission runs", classname=r.submission, time=round(r.seconds, 3))
            error = Error(r.error["message"], r.error["kind"])
            error.text = r.output or ""
            case.result = [error]
            suite.add_testcase(case)
        for c in r.checks:
            case = TestCase(c.name, classname=r.submission, time=round(c.seconds, 4))
            if c.status == "fail":
                failure = Failure(c.message, ",".join(c.diagnosis) or "wrong")
                failure.text = "\n".join(check_lines(r, c))
                case.result = [failure]
            elif c.status == "skip":
                case.result = [Skipped(c.message)]
            elif c.status == "warn":
                case.system_out = f"warning {', '.join(c.diagnosis)}: {c.message}"
            suite.add_testcase(case)
        suite.update_statistics()
        suite.time = round(r.seconds, 3)
        xml.add_testsuite(suite)
    xml.update_statistics()
    buffer = io.BytesIO()
    xml.write(buffer, pretty=True)
    return buffer.getvalue().decode("utf-8")


# ------------------------------------------------------------------------------- csv


def render_csv(results: Sequence[GradeResult]) -> str:
    """A gradebook: one row per submission (mistake ids and warnings separated by spaces)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        writer.writerow(
            [
                _cell(r.submission),
                f"{r.score:g}",
                f"{r.max_score:g}",
                r.verdict,
                r.error["kind"] if r.error else "",
                " ".join(r.diagnosis),
                " ".join(r.warnings),
                f"{r.seconds:.3f}",
            ]
        )
    return buffer.getvalue()


def _cell(text: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula (CSV injection): a file
    # name is data, so it gets a leading apostrophe.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render(
    results: Sequence[GradeResult], fmt: str, *, color: bool = False, seconds: float | None = None, rubric: Any = None
) -> str:
    """The report of ``results`` in one of FORMATS."""
    renderers = {
        "text": lambda: render_text(results, color=color, seconds=seconds),
        "json": lambda: render_json(results, seconds),
        "gradescope": lambda: render_gradescope(results, seconds, rubric=rubric),
        "junit": lambda: render_junit(results, seconds),
        "csv": lambda: render_csv(results),
    }
    if fmt not in renderers:
        raise ValueError(f"format={fmt!r}; expected one of {', '.join(FORMATS)}")
    return renderers[fmt]()
