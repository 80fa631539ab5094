"""Reports of graded submissions: text (rich), JSON (the DESIGN.md contract), Gradescope's
results.json and JUnit XML. Every reporter takes the list of GradeResults and returns a str.

The text report gives one line per check, then the diagnosis in plain words: what the
submission did (MISTAKES.md), the formula it should have been (from the catalogue's verified
statement when the catalogue has it, else the plain-text form of IDENTITIES.md) and the
smallest failing problem as arrays a student can redo by hand.
"""

from __future__ import annotations

import io
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

from derive.checks.grading.grader import Check, GradeResult
from derive.checks.grading.mistakes import BY_ID

__all__ = ["FORMATS", "render", "render_gradescope", "render_json", "render_junit", "render_text", "summary", "formula"]

FORMATS = ("text", "json", "gradescope", "junit")

# Plain-text forms of the catalogue's batch identities (IDENTITIES.md), by parameter.
_PLAIN = {
    "W1": ("batch-grad-W1-l2", "dW1 = Xᵀ[((P − Δ)W2ᵀ) ⊙ 1{z2 > 0}]/N + {k}λW1"),
    "b1": ("batch-grad-b1", "db1 = 1ᵀ[((P − Δ)W2ᵀ) ⊙ 1{z2 > 0}]/N   (summed over the batch, no penalty)"),
    "W2": ("batch-grad-W2-l2", "dW2 = a2ᵀ(P − Δ)/N + {k}λW2"),
    "b2": ("batch-grad-b2", "db2 = 1ᵀ(P − Δ)/N   (summed over the batch, no penalty)"),
    None: ("cross-entropy-logits", "L = −(1/N) Σᵢ log P[i, yᵢ] + {half}λ(‖W1‖² + ‖W2‖²),  P = softmax(X W1 + b1 → ReLU → W2 + b2)"),
}


def formula(parameter: str | None, convention: str | None) -> str:
    """The formula a gradient (or, for None, the loss) should have been, for a convention."""
    catalogue_id, plain = _PLAIN[parameter]
    k = "" if convention == "half-l2" else "2"
    half = "½" if convention == "half-l2" else ""
    text = plain.replace("{k}", k).replace("{half}", half)
    latex = _catalogue_latex(catalogue_id)
    if latex:
        text += f"\n      catalogue {catalogue_id} (proved): {latex}"
    return text


def _catalogue_latex(identity_id: str) -> str | None:
    # The catalogue is filled by another part of derive; when it lacks an id (or cannot print
    # it) the plain-text form stands alone rather than the report failing.
    try:
        from derive.catalogue import load
        from derive.latex import identity_latex

        catalogue, _ = load()
        if identity_id not in catalogue:
            return None
        return identity_latex(catalogue[identity_id])
    except Exception:
        return None


# ------------------------------------------------------------------------------- summary


def summary(results: Sequence[GradeResult], seconds: float | None = None) -> dict[str, Any]:
    counts = {v: sum(r.verdict == v for r in results) for v in ("pass", "fail", "error")}
    total = seconds if seconds is not None else sum(r.seconds for r in results)
    return {**counts, "seconds": round(total, 3)}


# ------------------------------------------------------------------------------- json


def render_json(results: Sequence[GradeResult], seconds: float | None = None) -> str:
    doc = {"submissions": [r.as_dict() for r in results], "summary": summary(results, seconds)}
    return json.dumps(_clean(doc), indent=2, allow_nan=False, default=_json_default)


def _clean(value: Any) -> Any:
    """JSON has no NaN or inf: a submission's non-finite output is written as the string
    "nan", "inf" or "-inf" (a counterexample must still show it)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "tolist"):
        return _clean(value.tolist())
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


# ------------------------------------------------------------------------------- text


_MARK = {"pass": ("✓", "green"), "fail": ("✗", "red"), "warn": ("!", "yellow"), "skip": ("-", "dim"), "error": ("✗", "red")}


def render_text(results: Sequence[GradeResult], *, color: bool = False, width: int = 110, seconds: float | None = None) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False, emoji=False)
    for result in results:
        _text_one(console, result, Text)
    if len(results) > 1:
        table = Table(title="Summary", show_lines=False)
        for column in ("submission", "verdict", "diagnosis", "seconds"):
            table.add_column(column)
        for r in results:
            what = r.error["kind"] if r.error else ", ".join(r.diagnosis)
            table.add_row(r.submission, r.verdict.upper(), what, f"{r.seconds:.2f}")
        console.print(table)
        s = summary(results, seconds)
        console.print(f"{s['pass']} pass, {s['fail']} fail, {s['error']} error in {s['seconds']:.1f} s")
    return buffer.getvalue()


def _text_one(console: Any, r: GradeResult, Text: Any) -> None:
    mark, style = _MARK[r.verdict]
    head = Text(f"{r.submission}  ")
    head.append(r.verdict.upper(), style=f"bold {style}")
    details = [f"api {r.api}" if r.api else None, *r.notes, f"{r.seconds:.2f} s"]
    head.append("  (" + "; ".join(d for d in details if d) + ")")
    console.print(head)
    if r.error:
        console.print(Text(f"  {mark} could not be run: {r.error['kind']}: {r.error['message']}", style=style))
        _show_output(console, r, Text)
        console.print()
        return
    name_width = max((len(c.name) for c in r.checks), default=10)
    for c in r.checks:
        m, s = _MARK[c.status]
        line = Text(f"  {m} ", style=s)
        line.append(c.name.ljust(name_width))
        err = f"  rel err {c.max_rel_error:.1e}" if c.max_rel_error is not None and math.isfinite(c.max_rel_error) else ""
        line.append(err)
        if c.diagnosis:
            line.append("  " + ", ".join(c.diagnosis), style="bold")
        console.print(line)
    failing = [c for c in r.checks if c.status == "fail"]
    if failing:
        console.print(Text("  Diagnosis", style="bold"))
        for text in diagnosis_lines(r):
            console.print(Text(text))
    _show_output(console, r, Text)
    console.print()


def diagnosis_lines(r: GradeResult) -> list[str]:
    """The diagnosis in plain words: one block per group of mistake ids seen in the same
    checks (what was done, what it should be, the formula, where, the smallest failing
    problem), then the failures no id explains."""
    lines: list[str] = []
    failing = [c for c in r.checks if c.status == "fail"]
    groups: dict[tuple[int, ...], list[str]] = {}
    for mistake_id in r.diagnosis:
        where = tuple(i for i, c in enumerate(failing) if mistake_id in c.diagnosis)
        groups.setdefault(where, []).append(mistake_id)
    for where_index, ids in groups.items():
        where = [failing[i] for i in where_index]
        for mistake_id in ids:
            mistake = BY_ID[mistake_id]
            lines.append(f"  • {mistake_id}: {mistake.what}.")
            lines.append(f"      It should be: {mistake.should}.")
        if any(BY_ID[i].grads is not None or BY_ID[i].loss is not None or i in ("loss-mismatch", "shape") for i in ids):
            for parameter in dict.fromkeys(c.parameter for c in where if c.parameter or c.name.endswith("loss")):
                lines.append("      " + formula(parameter, r.reg_convention).replace("\n", "\n  "))
        for c in where:
            lines.append(f"      {c.name}: {c.message}")
        # Prefer the smallest problem a student can redo by hand.
        example = next((c for c in where if c.counterexample and "inputs" in c.counterexample), where[0] if where else None)
        if example is not None:
            lines += _counterexample_lines(example)
    for c in (c for c in failing if not c.diagnosis):
        lines.append(f"  • {c.name}: {c.message}")
        if c.parameter is not None and c.name.startswith(("toy", "other", "full")):
            lines.append("      No known mistake explains it. It should be: " + formula(c.parameter, r.reg_convention).replace("\n", "\n  "))
        if c.counterexample:
            lines += _counterexample_lines(c)
    return lines


def _counterexample_lines(c: Check) -> list[str]:
    cx = c.counterexample or {}
    inputs = cx.get("inputs")
    if not inputs and not cx.get("reproduce"):
        return []
    sizes = cx.get("sizes", {})
    title = "smallest failing problem found (Hypothesis-shrunk)" if cx.get("problem") == "drawn" else f"failing problem: {cx.get('problem')}"
    lines = [f"      {title}: " + ", ".join(f"{k}={v}" for k, v in sizes.items()) + f", reg={cx.get('reg')}"]
    if inputs:
        for key in ("X", "y", "W1", "b1", "W2", "b2"):
            lines.append(f"        {key} = {_compact(inputs[key])}")
    else:
        lines.append(f"        {cx['reproduce']}")
    if "parameter" in cx and isinstance(cx.get("got"), dict) and "got_at_index" in cx:
        where = f"d{cx['parameter']}{cx['index']}"
        lines.append(f"        got {where} = {_compact(cx['got_at_index'])}, expected {_compact(cx['expected_at_index'])}")
    elif "parameter" in cx and "got" in cx:
        label = "finite differences" if "finite_difference" in cx else "expected"
        other = cx.get("finite_difference", cx.get("expected"))
        lines.append(f"        got d{cx['parameter']} = {_compact(cx['got'])}")
        lines.append(f"        {label} = {_compact(other)}")
    elif "got" in cx:
        lines.append(f"        got loss = {cx['got']!r}, expected {cx['expected']!r}")
    return lines


def _compact(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list):
        return "[" + ", ".join(_compact(v) for v in value) + "]"
    return str(value)


def _show_output(console: Any, r: GradeResult, Text: Any) -> None:
    text = (r.output or "").strip()
    if text:
        lines = text.splitlines()
        shown = lines[:15] + ([f"[... {len(lines) - 15} more lines]"] if len(lines) > 15 else [])
        console.print(Text("  The submission printed (never read by the grader):", style="dim"))
        for line in shown:
            console.print(Text("  | " + line, style="dim"))


# ------------------------------------------------------------------------------- gradescope


def gradescope_results(r: GradeResult) -> dict[str, Any]:
    """A Gradescope results.json for one submission: one test per check (skips left out)."""
    if r.error:
        tests = [{"name": "the submission runs", "score": 0.0, "max_score": 1.0, "status": "failed",
                  "output": f"could not be run: {r.error['kind']}: {r.error['message']}\n\n{r.output or ''}".strip()}]
    else:
        tests = []
        for c in r.checks:
            if c.status == "skip":
                continue
            passed = c.status != "fail"
            out = c.message
            if not passed:
                out += "\n" + "\n".join(_check_diagnosis(r, c))
            tests.append({"name": c.name, "score": 1.0 if passed else 0.0, "max_score": 1.0,
                          "status": "passed" if passed else "failed", "output": out.strip()})
    overall = render_text([r], color=False)
    return {"score": sum(t["score"] for t in tests), "output": overall, "stdout_visibility": "visible", "tests": tests}


def _check_diagnosis(r: GradeResult, c: Check) -> list[str]:
    lines = []
    for mistake_id in c.diagnosis:
        m = BY_ID[mistake_id]
        lines.append(f"{mistake_id}: {m.what}. It should be: {m.should}.")
    if c.parameter is not None or c.name.endswith("loss"):
        lines.append("Formula: " + formula(c.parameter, r.reg_convention))
    lines += [line.strip() for line in _counterexample_lines(c)]
    return lines


def render_gradescope(results: Sequence[GradeResult], seconds: float | None = None) -> str:
    """One results.json object for one submission; for several, {submission: results}."""
    if len(results) == 1:
        return json.dumps(_clean(gradescope_results(results[0])), indent=2, allow_nan=False, default=_json_default)
    return json.dumps(_clean({r.submission: gradescope_results(r) for r in results}), indent=2, allow_nan=False, default=_json_default)


# ------------------------------------------------------------------------------- junit


def render_junit(results: Sequence[GradeResult], seconds: float | None = None) -> str:
    suites = ET.Element("testsuites", name="derive grade")
    for r in results:
        suite = ET.SubElement(suites, "testsuite", name=r.submission, time=f"{r.seconds:.3f}")
        failures = errors = skipped = 0
        if r.error:
            case = ET.SubElement(suite, "testcase", classname=r.submission, name="the submission runs")
            err = ET.SubElement(case, "error", type=r.error["kind"], message=r.error["message"])
            err.text = r.output or ""
            errors = 1
            count = 1
        else:
            count = len(r.checks)
            for c in r.checks:
                case = ET.SubElement(suite, "testcase", classname=r.submission, name=c.name)
                if c.status == "fail":
                    failures += 1
                    node = ET.SubElement(case, "failure", type=",".join(c.diagnosis) or "wrong", message=c.message)
                    node.text = "\n".join(_check_diagnosis(r, c))
                elif c.status == "skip":
                    skipped += 1
                    ET.SubElement(case, "skipped", message=c.message)
        suite.set("tests", str(count))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", str(skipped))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suites, encoding="unicode")


def render(results: Sequence[GradeResult], fmt: str, *, color: bool = False, seconds: float | None = None) -> str:
    if fmt == "text":
        return render_text(results, color=color, seconds=seconds)
    if fmt == "json":
        return render_json(results, seconds)
    if fmt == "gradescope":
        return render_gradescope(results, seconds)
    if fmt == "junit":
        return render_junit(results, seconds)
    raise ValueError(f"format={fmt!r}; expected one of {', '.join(FORMATS)}")
