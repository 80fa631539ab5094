"""Reports of graded submissions for people: text (rich) and JSON (the DESIGN.md contract);
the platform formats (Gradescope, JUnit, CSV gradebook) and ``render``, which dispatches to
every format, live in ``derive.checks.grading.exports``. Every reporter takes the list of GradeResults and
returns a str.

The text report gives one line per check, then the diagnosis in words and Unicode mathematics:
what the submission did (MISTAKES.md), what it should be, the formula the check carries (typed
once, in ``derive.checks.grading.mistakes.FORMULAS``) and the smallest failing problem as arrays
a student can redo by hand. Warnings (a softmax without the max-shift) are listed apart.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from typing import Any

from derive.checks.grading.mistakes import BY_ID
from derive.checks.grading.records import Check, GradeResult

__all__ = ["check_lines", "clean", "diagnosis_lines", "render_json", "render_text", "summary"]


# ------------------------------------------------------------------------------- summary


def summary(results: Sequence[GradeResult], seconds: float | None = None) -> dict[str, Any]:
    counts = {v: sum(r.verdict == v for r in results) for v in ("pass", "fail", "error")}
    total = seconds if seconds is not None else sum(r.seconds for r in results)
    return {**counts, "seconds": round(total, 3)}


# ------------------------------------------------------------------------------- json


def render_json(results: Sequence[GradeResult], seconds: float | None = None) -> str:
    doc = {"submissions": [r.as_dict() for r in results], "summary": summary(results, seconds)}
    return json.dumps(clean(doc), indent=2, allow_nan=False, default=_json_default)


def clean(value: Any) -> Any:
    """JSON has no NaN or inf: a submission's non-finite output is written as the string
    "nan", "inf" or "-inf" (a counterexample must still show it)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "tolist"):
        return clean(value.tolist())
    return value


def _json_default(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "tolist"):
        return value.tolist()
    return str(value)


# ------------------------------------------------------------------------------- text


_MARK = {
    "pass": ("✓", "green"),
    "fail": ("✗", "red"),
    "warn": ("!", "yellow"),
    "skip": ("-", "dim"),
    "error": ("✗", "red"),
}


def render_text(
    results: Sequence[GradeResult],
    *,
    color: bool = False,
    width: int = 110,
    seconds: float | None = None,
    show_output: bool = True,
) -> str:
    """One block per submission, then a summary table. show_output=False leaves out what the
    submission printed (a student-facing report must not echo whatever it managed to read)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        highlight=False,
        emoji=False,
    )
    for result in results:
        _text_one(console, result, Text, show_output)
    if len(results) > 1:
        table = Table(title="Summary", show_lines=False)
        for column in ("submission", "verdict", "score", "diagnosis", "warnings", "seconds"):
            table.add_column(column)
        for r in results:
            what = r.error["kind"] if r.error else ", ".join(r.diagnosis)
            table.add_row(
                r.submission,
                r.verdict.upper(),
                f"{r.score:g}/{r.max_score:g}",
                what,
                ", ".join(r.warnings),
                f"{r.seconds:.2f}",
            )
        console.print(table)
        s = summary(results, seconds)
        console.print(f"{s['pass']} pass, {s['fail']} fail, {s['error']} error in {s['seconds']:.1f} s")
    return buffer.getvalue()


def _text_one(console: Any, r: GradeResult, Text: Any, show_output: bool = True) -> None:
    mark, style = _MARK[r.verdict]
    head = Text(f"{r.submission}  ")
    head.append(r.verdict.upper(), style=f"bold {style}")
    layout = {"column": "column layout (W1 H×D, W2 C×H)", "row": None}.get(r.layout or "row")
    details = [
        f"api {r.api}" if r.api else None,
        layout,
        *r.notes,
        f"score {r.score:g}/{r.max_score:g}",
        f"{r.seconds:.2f} s",
    ]
    head.append("  (" + "; ".join(d for d in details if d) + ")")
    console.print(head)
    if r.error:
        console.print(Text(f"  {mark} could not be run: {r.error['kind']}: {r.error['message']}", style=style))
        if show_output:
            _show_output(console, r, Text)
        console.print()
        return
    name_width = max((len(c.name) for c in r.checks), default=10)
    for c in r.checks:
        m, s = _MARK[c.status]
        line = Text(f"  {m} ", style=s)
        line.append(c.name.ljust(name_width))
        err = (
            f"  rel err {c.max_rel_error:.1e}" if c.max_rel_error is not None and math.isfinite(c.max_rel_error) else ""
        )
        line.append(err)
        if c.diagnosis:
            line.append("  " + ", ".join(c.diagnosis), style="bold")
        console.print(line)
    failing = [c for c in r.checks if c.status == "fail"]
    if failing:
        console.print(Text("  Diagnosis", style="bold"))
        for text in diagnosis_lines(r):
            console.print(Text(text))
    warned = [c for c in r.checks if c.status == "warn"]
    if warned:
        console.print(Text("  Warnings (the verdict stands; a course's strict policy fails them)", style="bold"))
        for c in warned:
            for mistake_id in c.diagnosis:
                m = BY_ID[mistake_id]
                console.print(Text(f"  • {mistake_id}: {m.what}. It should be: {m.should}."))
            console.print(Text(f"      {c.name}: {c.message}"))
    if show_output:
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
            for text in dict.fromkeys(c.formula for c in where if c.formula):
                lines.append("      " + text)
        for c in where:
            lines.append(f"      {c.name}: {c.message}")
        # Prefer the smallest problem a student can redo by hand.
        example = next(
            (c for c in where if c.counterexample and "inputs" in c.counterexample), where[0] if where else None
        )
        if example is not None:
            lines += _counterexample_lines(example)
    for c in (c for c in failing if not c.diagnosis):
        lines.append(f"  • {c.name}: {c.message}")
        if c.formula and c.name.startswith(("toy", "other", "full")):
            lines.append("      No known mistake explains it. It should be: " + c.formula)
        if c.counterexample:
            lines += _counterexample_lines(c)
    return lines


def _counterexample_lines(c: Check) -> list[str]:
    cx = c.counterexample or {}
    inputs = cx.get("inputs")
    if not inputs and not cx.get("reproduce"):
        return []
    sizes = cx.get("sizes", {})
    title = (
        "smallest failing problem found (Hypothesis-shrunk)"
        if cx.get("problem") == "drawn"
        else f"failing problem: {cx.get('problem')}"
    )
    lines = [f"      {title}: " + ", ".join(f"{k}={v}" for k, v in sizes.items()) + f", reg={cx.get('reg')}"]
    if inputs:
        for key in ("X", "y", "W1", "b1", "W2", "b2"):
            lines.append(f"        {key} = {_compact(inputs[key])}")
    else:
        lines.append(f"        {cx['reproduce']}")
    if "parameter" in cx and isinstance(cx.get("got"), dict) and "got_at_index" in cx:
        where = f"d{cx['parameter']}{cx['index']}"
        lines.append(
            f"        got {where} = {_compact(cx['got_at_index'])}, expected {_compact(cx['expected_at_index'])}"
        )
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


def check_lines(r: GradeResult, c: Check) -> list[str]:
    """One check's explanation in words and Unicode mathematics (for Gradescope and JUnit)."""
    lines = []
    for mistake_id in c.diagnosis:
        m = BY_ID[mistake_id]
        lines.append(f"{mistake_id}: {m.what}. It should be: {m.should}.")
    if c.formula and c.status == "fail":
        lines.append("It should be: " + c.formula)
    lines += [line.strip() for line in _counterexample_lines(c)]
    return lines
