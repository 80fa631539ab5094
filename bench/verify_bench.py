"""Benchmark of `derive verify` and of the command line's start-up.

1. Start-up: `derive --help` and `derive --version`, each the median of several cold runs
   (fresh processes), wall time.
2. The whole catalogue, cold, in one fresh process (`derive verify --json`): wall time and
   the CPU time of the process and its workers, median of several runs. The load average
   is printed beside it: on a shared machine wall time says little without it.
   Then the critical path on 2 cores, which load does not stretch as it does wall time:
   the parent's CPU until the workers fork (interpreter, imports, catalogue) plus the
   busiest of 2 workers' CPU, in a fresh process that runs `verify_all` as the command does.
3. The exact proof of the softmax Jacobian at n = 2, 4, 8, 16 with derive's prover beside
   plain `sympy.simplify` of the difference (each in a child process with a timeout, shown
   as "> T s" when it runs out).

Run:  python bench/verify_bench.py [--runs 5] [--timeout 60] [--sizes 2 4 8 16]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time


def _derive() -> list[str]:
    """The installed console script (what a user runs), else the module."""
    script = shutil.which("derive", path=os.path.dirname(sys.executable))
    return [script] if script else [sys.executable, "-m", "derive"]


def _timed_run(argv: list[str]) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU seconds (user + system, the child and its workers) of one fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def startup(runs: int) -> dict[str, float]:
    """Median wall seconds of `derive --help` and `derive --version` over ``runs`` cold runs."""
    out = {}
    for flag in ("--help", "--version"):
        out[flag] = statistics.median(_timed_run([*_derive(), flag])[0] for _ in range(runs))
    return out


def whole_catalogue(runs: int) -> tuple[float, float, dict]:
    """Median wall and CPU seconds of `derive verify --json`, and the last run's summary."""
    walls, cpus, summary = [], [], {}
    for _ in range(runs):
        wall, cpu, proc = _timed_run([*_derive(), "verify", "--json"])
        walls.append(wall)
        cpus.append(cpu)
        data = json.loads(proc.stdout) if proc.stdout.strip() else {}
        summary = data.get("summary", {"exit": proc.returncode})
    return statistics.median(walls), statistics.median(cpus), summary


_CRITICAL_PATH = """
import json, time
import derive.cli  # what the command line imports before the command (click)
from derive.checks.proof.verify import verify_all
from derive.catalogue import load
catalogue, _ = load()
parent = time.process_time()
cpu = {}
results = verify_all(list(catalogue), jobs=2, cpu=cpu)
print(json.dumps({"parent": parent, "workers": sorted(cpu.values()),
                  "verified": sum(r.verdict == "verified" for r in results)}))
"""


def critical_path(runs: int) -> tuple[float, float, list[float], int]:
    """Median over ``runs`` cold processes of the parent's CPU before the fork + the busiest
    worker's, with the last run's parent and workers' CPU and its number verified."""
    paths, last = [], {}
    for _ in range(runs):
        _, _, proc = _timed_run([sys.executable, "-c", _CRITICAL_PATH])
        last = json.loads(proc.stdout)
        # The interpreter's own start-up (before process_time's clock) is in `parent` too:
        # process_time counts from the process's start.
        paths.append(last["parent"] + max(last["workers"]))
    return statistics.median(paths), last["parent"], last["workers"], last["verified"]


def _softmax_claim(n: int):
    from derive.catalogue import load

    catalogue, _ = load()
    identity = catalogue["softmax-jacobian"]
    size_name = sorted(identity.size_bounds)[0]
    return identity.instantiate({size_name: n})


def _derive_proof(n: int, queue) -> None:
    """derive's prover as `derive verify` runs it, timing the build (the element-wise
    Jacobian of the definition) and the proof together."""
    from derive.checks.proof.symbolic import prove_equal

    from derive.catalogue import load

    load()
    start = time.perf_counter()
    claim = _softmax_claim(n)
    outcome = prove_equal(claim.lhs, claim.rhs)
    queue.put((time.perf_counter() - start, f"{outcome.status} ({outcome.method})"))


def _cancel_proof(n: int, queue) -> None:
    """The deterministic path alone: exp-normal form and `cancel` on every entry."""
    import sympy as sp
    from derive.checks.proof.canonical import Atoms, is_rational_zero, rationalize

    from derive.catalogue import load

    load()
    start = time.perf_counter()
    claim = _softmax_claim(n)
    diff = sp.Matrix(claim.lhs) - sp.Matrix(claim.rhs)
    atoms = Atoms()
    ok = all(is_rational_zero(rationalize(e, atoms)) for e in diff)
    queue.put((time.perf_counter() - start, "proved" if ok else "not proved"))


def _simplify_proof(n: int, queue) -> None:
    import sympy as sp

    claim = _softmax_claim(n)
    start = time.perf_counter()
    residue = sp.simplify(sp.Matrix(claim.lhs) - sp.Matrix(claim.rhs))
    queue.put((time.perf_counter() - start, "zero" if residue.is_zero_matrix else "non-zero residue"))


def timed(target, n: int, timeout: float) -> str:
    queue: mp.Queue = mp.Queue()
    proc = mp.Process(target=target, args=(n, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return f"> {timeout:.0f} s"
    seconds, status = queue.get()
    return f"{seconds:.2f} s, {status}"


def main() -> None:
    from machine import describe  # bench/machine.py, beside this script (run as python bench/verify_bench.py)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold runs per measurement (the median is shown)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 4, 8, 16])
    parser.add_argument("--skip-simplify", action="store_true", help="only start-up and the whole catalogue")
    args = parser.parse_args()
    print(f"machine: {describe()}")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for flag, seconds in startup(args.runs).items():
        print(f"derive {flag}: {seconds:.3f} s wall (median of {args.runs} cold runs)")
    wall, cpu, totals = whole_catalogue(args.runs)
    print(f"whole catalogue, `derive verify --json` cold: {wall:.1f} s wall, {cpu:.1f} s CPU "
          f"(medians of {args.runs}), {totals}")
    path, parent, workers, verified = critical_path(args.runs)
    print(f"critical path on 2 cores (parent's CPU before the fork + busiest worker's CPU): {path:.2f} s "
          f"(median of {args.runs}; last run: parent {parent:.2f} s, workers "
          f"{', '.join(f'{w:.2f}' for w in workers)} s, {verified} verified)")
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.skip_simplify:
        return
    print()
    print("| n | derive verify's prover (build + proof) | exp-normal form + cancel only | sympy.simplify |")
    print("|---|---|---|---|")
    for n in args.sizes:
        cells = [timed(target, n, args.timeout) for target in (_derive_proof, _cancel_proof, _simplify_proof)]
        print(f"| {n} | {' | '.join(cells)} |", flush=True)


if __name__ == "__main__":
    main()
