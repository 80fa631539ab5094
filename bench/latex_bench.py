"""Benchmark of `derive check-latex` on a corpus of real derivations with hand verdicts.

The corpus manifest (tests/data/latex_corpus/manifest.toml by default) lists documents:

    [[document]]
    file = "softmax_obsidian_telhc.md"      # beside the manifest, or
    path = "../shared/seeds/001_….txt"      # relative to the repository (or absolute)
    [[document.step]]
    line = 12
    claim = "\\frac{\\partial S_i}{\\partial z_j} = -S_i S_j"
    verdict = "correct"                     # correct | wrong | definition
    condition = "i \\neq j"                 # optional

For each document and in total it reports: the steps a reader counts (correct or wrong by
hand), how many the tool judged (ok or wrong), the wrong steps found and missed, the false
alarms (a correct or definition step marked wrong: must be 0) and steps per second. A tool
step is matched to hand steps on the same line (in order when the counts agree, else by the
closest claim text). Documents are checked in this process with one warm worker (start-up
excluded); `--cli` also times the whole command on the seeds in a fresh process.

Run:  python bench/latex_bench.py [--manifest M] [--timeout 10] [--budget 120] [--json OUT] [--cli]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "data" / "latex_corpus" / "manifest.toml"
SEEDS = ROOT.parent / "shared" / "seeds"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass
class Score:
    """What the tool did on one document, against the hand verdicts."""

    name: str
    counted: int = 0  # hand steps correct or wrong
    judged: int = 0  # of those, the tool said ok or wrong
    wrong: int = 0  # hand steps wrong
    found: int = 0  # of those, the tool said wrong
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    tool_steps: int = 0
    tool_judged: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.name,
            "counted": self.counted,
            "judged": self.judged,
            "wrong": self.wrong,
            "found": self.found,
            "false_alarms": self.false_alarms,
            "missed": self.missed,
            "tool_steps": self.tool_steps,
            "tool_judged": self.tool_judged,
            "seconds": round(self.seconds, 3),
        }


def load_manifest(path: Path) -> list[dict[str, Any]]:
    """The documents of a manifest, each with its resolved ``source`` path."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    documents = []
    for doc in data.get("document", []):
        name = doc.get("file") or doc.get("path")
        if not name:
            continue
        candidates = [Path(name)] if Path(name).is_absolute() else [path.parent / name, ROOT / name, ROOT.parent / name]
        source = next((c for c in candidates if c.is_file()), None)
        documents.append({**doc, "name": name, "source": source})
    return documents


def _claim(step: dict[str, Any]) -> str:
    return " ".join(f"{step.get('lhs', '')} = {step.get('rhs', '')}".split())


def _pair(hand: list[dict[str, Any]], tool: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Hand steps of one line with the tool steps of that line."""
    if len(hand) == len(tool):
        return list(zip(hand, sorted(tool, key=lambda s: s.get("column", 0)), strict=True))
    # Best matches first over the whole line, not hand step by hand step: a definition listed first
    # (`z = 2` beside `∂J/∂z = 0.5`) must not take the tool step that plainly belongs to a later one.
    ratios = sorted(
        (
            (-difflib.SequenceMatcher(None, " ".join(str(h.get("claim", "")).split()), _claim(t)).ratio(), i, j)
            for i, h in enumerate(hand)
            for j, t in enumerate(tool)
        ),
    )
    chosen: dict[int, int] = {}
    for _, i, j in ratios:
        if i not in chosen and j not in chosen.values():
            chosen[i] = j
    pairs: list[tuple[dict[str, Any], dict[str, Any] | None]] = [
        (h, tool[chosen[i]] if i in chosen else None) for i, h in enumerate(hand)
    ]
    return pairs


def score(name: str, hand_steps: list[dict[str, Any]], tool_steps: list[dict[str, Any]], seconds: float) -> Score:
    """Hold the tool's steps of one document against its hand verdicts."""
    result = Score(name, tool_steps=len(tool_steps), seconds=seconds)
    result.tool_judged = sum(s["status"] in ("ok", "wrong") for s in tool_steps)
    by_line: dict[int, list[dict[str, Any]]] = {}
    for step in tool_steps:
        by_line.setdefault(int(step["line"]), []).append(step)
    hand_by_line: dict[int, list[dict[str, Any]]] = {}
    for step in hand_steps:
        if isinstance(step.get("line"), int):  # a hand step without a line cannot be matched: left out
            hand_by_line.setdefault(step["line"], []).append(step)
    for line, hand in sorted(hand_by_line.items()):
        tool = by_line.get(line, [])
        line_has_wrong = any(s["status"] == "wrong" for s in tool)
        for h, t in _pair(hand, tool):
            verdict = str(h.get("verdict", "")).strip().lower()
            status = t["status"] if t is not None else None
            if verdict in ("correct", "wrong"):
                result.counted += 1
                result.judged += status in ("ok", "wrong")
            if verdict == "wrong":
                result.wrong += 1
                if status == "wrong" or (t is None and line_has_wrong):
                    result.found += 1
                else:
                    result.missed.append({"line": line, "claim": h.get("claim"), "tool": status})
            elif status == "wrong":
                result.false_alarms.append({"line": line, "claim": h.get("claim"), "hand": verdict, "tool": t})
        # a wrong tool step no hand step pairs with (ℓ_i = … of a cases row beside the listed steps
        # of its line) is a false alarm too, also on a line that has a wrong step of its own
        paired = {id(t) for _, t in _pair(hand, tool) if t is not None}
        for t in tool:
            if t["status"] == "wrong" and id(t) not in paired:
                result.false_alarms.append({"line": line, "claim": _claim(t), "hand": "not listed", "tool": t})
    for line in sorted(set(by_line) - set(hand_by_line)):  # and on a line the hand lists no step of
        for t in by_line[line]:
            if t["status"] == "wrong":
                result.false_alarms.append({"line": line, "claim": _claim(t), "hand": "not listed", "tool": t})
    return result


def check_documents(documents: list[dict[str, Any]], timeout: float, budget: float) -> list[Score]:
    """Run the checker on each document of a manifest (one warm worker) and score it."""
    sys.path.insert(0, str(ROOT))
    from derive.checks.latex.budget import ParallelRunner
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.documents import load_document
    from derive.checks.latex.latex_doc import UnwalkableDocument
    from derive.checks.latex.notation import load_notation

    notation = load_notation(None)
    scores = []
    with ParallelRunner(timeout, budget) as runner:
        check_text("$$x = x$$", notation, runner=runner)  # warm-up: fork the worker, import SymPy
        for doc in documents:
            if doc["source"] is None:
                print(f"missing document: {doc['name']}", file=sys.stderr)
                continue
            document = load_document(str(doc["source"]))
            runner.start_clock()
            start = time.perf_counter()
            try:
                report = check_text(
                    document.text,
                    notation,
                    file=doc["name"],
                    timeout=timeout,
                    markdown=document.markdown,
                    runner=runner,
                )
                steps = report.as_dict()["steps"]
            except UnwalkableDocument as exc:  # a document no formula of which could be found: nothing judged
                print(f"{doc['name']}: {exc}", file=sys.stderr)
                steps = []
            seconds = time.perf_counter() - start
            scores.append(score(doc["name"], doc.get("step", []), steps, seconds))
    return scores


def total(scores: list[Score]) -> Score:
    whole = Score("total")
    for s in scores:
        for key in ("counted", "judged", "wrong", "found", "tool_steps", "tool_judged", "seconds"):
            setattr(whole, key, getattr(whole, key) + getattr(s, key))
        whole.false_alarms += s.false_alarms
        whole.missed += s.missed
    return whole


def _pct(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "     -"


def print_table(scores: list[Score]) -> None:
    print(
        f"{'document':44s} {'counted':>7s} {'judged':>7s} {'%':>6s} {'wrong':>5s} {'found':>5s} "
        f"{'false!':>6s} {'tool':>5s} {'t.jdg%':>6s} {'steps/s':>8s}"
    )
    for s in [*scores, total(scores)]:
        rate = s.tool_steps / s.seconds if s.seconds else float("inf")
        print(
            f"{s.name[-44:]:44s} {s.counted:7d} {s.judged:7d} {_pct(s.judged, s.counted)} {s.wrong:5d} {s.found:5d} "
            f"{len(s.false_alarms):6d} {s.tool_steps:5d} {_pct(s.tool_judged, s.tool_steps)} {rate:8.1f}"
        )


def time_cli(paths: list[Path], repeat: int = 3) -> dict[str, float]:
    """Wall seconds of the whole command (fresh process) per file, the best of ``repeat`` runs
    (other work on a shared machine only ever adds time).

    An installed derive has its bytecode compiled at install time; a source checkout run with
    PYTHONDONTWRITEBYTECODE (as this machine sets it) compiles all of derive's modules again on
    every start, 0.3-0.5 s that no user pays. So the runs use a private bytecode cache, filled
    by one run per file that is not counted (as bench/grade_bench.py does)."""
    pycache = tempfile.mkdtemp(prefix="derive-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    command = [sys.executable, "-m", "derive", "check-latex"]
    times = {}
    try:
        for path in paths:
            subprocess.run([*command, str(path), "--json"], capture_output=True, cwd=ROOT, env=env, check=False)
            best = float("inf")
            for _ in range(repeat):
                start = time.perf_counter()
                subprocess.run([*command, str(path), "--json"], capture_output=True, cwd=ROOT, env=env, check=False)
                best = min(best, time.perf_counter() - start)
            times[path.name] = round(best, 2)
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
    return times


def main() -> None:
    from machine import describe  # bench/machine.py, beside this script (run as python bench/latex_bench.py)

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--budget", type=float, default=120.0)
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON summary here")
    parser.add_argument("--cli", action="store_true", help="also time the whole command on the seeds")
    args = parser.parse_args()
    if not args.manifest.is_file():
        sys.exit(f"no manifest at {args.manifest}")
    documents = load_manifest(args.manifest)
    print(f"machine: {describe()}")
    scores = check_documents(documents, args.timeout, args.budget)
    print_table(scores)
    whole = total(scores)
    summary: dict[str, Any] = {
        "documents": [s.as_dict() for s in scores],
        "total": whole.as_dict(),
        "judged_fraction": whole.judged / whole.counted if whole.counted else None,
        "found_fraction": whole.found / whole.wrong if whole.wrong else None,
    }
    if args.cli:
        summary["cli_seconds"] = time_cli(sorted(SEEDS.glob("*.txt")))
        print("whole command, fresh process:", summary["cli_seconds"])
    print(json.dumps({k: v for k, v in summary.items() if k != "documents"}, indent=1, default=str)[:4000])
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, default=str))


if __name__ == "__main__":
    main()
