"""Benchmark of `derive check-latex` on the seed reports.

For each seed file (and the test derivations in tests/data/derivations/ with --all):
- steps checked per second (equality steps through the worker, membership claims included),
  measured in-process after one warm-up, so interpreter start-up is not counted;
- the fraction of display-math equality steps that parse (every status but ``unparsed``),
  the number to raise over time, with the most frequent reasons a step is unparsed.

Run:  python bench/latex_bench.py [--seeds ../shared/seeds] [--repeat 3] [--all]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from derive.checks.latex.checker import StepRunner, check_text  # noqa: E402
from derive.checks.latex.normalize import load_notation  # noqa: E402


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
            cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def _reason(message: str) -> str:
    """The first reason of an unparsed message, without the specific names."""
    text = message.removeprefix("could not read ")
    text = re.sub(r"^(left|right) side: ", "", text).split(";")[0]
    text = re.sub(r"'[^']*'|\{[^}]*\}|\b[A-Za-z]_\S+", "…", text)
    return text[:70]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--all", action="store_true", help="also the test derivations")
    args = parser.parse_args()
    files = sorted(Path(args.seeds).glob("*.txt"))
    if args.all:
        files += sorted((ROOT / "tests" / "data" / "derivations").iterdir())
    if not files:
        sys.exit(f"no seed files under {args.seeds}")
    notation = load_notation()
    print(f"machine: {_machine()}")
    print(f"{'file':40s} {'steps':>5s} {'=steps':>6s} {'parsed':>7s} {'ok':>4s} {'wrong':>5s} {'inc':>4s} {'unp':>4s} {'steps/s':>8s}")
    reasons: Counter[str] = Counter()
    totals = Counter()
    with StepRunner(timeout=10) as runner:
        check_text("$$x = x$$", notation, runner=runner)  # warm-up: fork the worker, import SymPy
        for path in files:
            text = path.read_text(encoding="utf-8")
            best = None
            for _ in range(args.repeat):
                report = check_text(text, notation, file=path.name, runner=runner)
                best = report if best is None or report.seconds < best.seconds else best
            assert best is not None
            s = best.summary()
            eq = [r for r in best.results if r.step.relation == "="]
            parsed = [r for r in eq if r.status != "unparsed"]
            for r in eq:
                if r.status == "unparsed":
                    reasons[_reason(r.message)] += 1
            rate = len(best.results) / best.seconds if best.seconds else float("inf")
            frac = len(parsed) / len(eq) if eq else 1.0
            print(f"{path.name:40s} {len(best.results):5d} {len(eq):6d} {frac:7.1%} {s['ok']:4d} {s['wrong']:5d} {s['inconclusive']:4d} {s['unparsed']:4d} {rate:8.1f}")
            totals.update({"steps": len(best.results), "eq": len(eq), "parsed": len(parsed), "seconds": best.seconds})
    frac = totals["parsed"] / totals["eq"] if totals["eq"] else 1.0
    print(f"{'total':40s} {totals['steps']:5d} {totals['eq']:6d} {frac:7.1%} {'':4s} {'':5s} {'':4s} {'':4s} {totals['steps'] / totals['seconds']:8.1f}")
    print("\nmost frequent reasons an equality step is unparsed:")
    for reason, count in reasons.most_common(8):
        print(f"  {count:4d}  {reason}")


if __name__ == "__main__":
    main()
