"""The sandbox's own costs, against the same work done in-process.

    python bench/sandbox_bench.py            # a table; medians of several runs

Rows: start (spawn, NumPy import, confinement, import of the submission, API detection) with
and without confinement; one toy-size `loss_and_grads` round trip; `losses` of 166 parameter
sets (the central differences of the toy problem's 83 parameters); one full-size call
(N=200, D=3072, H=100, C=10) beside the same submission called in this process. Uses
tests/submissions/correct_function_l2.py. The machine's load changes every figure: the
script prints the load average it ran under.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from derive.checks.grading.sandbox import Limits, Sandbox  # noqa: E402

SUBMISSION = ROOT / "tests" / "submissions" / "correct_function_l2.py"


def _problem(n: int, d: int, h: int, c: int, seed: int = 0) -> tuple[dict, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(d, h)) * 0.01, "b1": rng.normal(size=h), "W2": rng.normal(size=(h, c)) * 0.01,
              "b2": rng.normal(size=c)}
    return params, rng.normal(size=(n, d)), rng.integers(0, c, size=n)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _start(confine: bool) -> float:
    def run() -> None:
        with Sandbox(SUBMISSION, confine=confine):
            pass

    return _median_ms(run, 5)


def main() -> None:
    rows = [("start, confined", _start(True)), ("start, unconfined", _start(False))]
    toy = _problem(5, 4, 10, 3)
    full = _problem(200, 3072, 100, 10)
    sets = []
    for name, value in toy[0].items():
        for i in range(value.size):
            for sign in (1, -1):
                shifted = {k: v.copy() for k, v in toy[0].items()}
                shifted[name].reshape(-1)[i] += sign * 1e-5
                sets.append(shifted)
    with Sandbox(SUBMISSION, limits=Limits(timeout=30)) as box:
        box.loss_and_grads(*toy, 0.1)
        rows.append(("toy loss_and_grads round trip", _median_ms(lambda: box.loss_and_grads(*toy, 0.1), 200)))
        batch = _median_ms(lambda: box.losses(sets, *toy[1:], 0.1), 5)
        rows.append((f"toy losses of {len(sets)} parameter sets", batch))
        box.loss_and_grads(*full, 0.1)
        rows.append(("full-size loss_and_grads through the sandbox",
                     _median_ms(lambda: box.loss_and_grads(*full, 0.1), 10)))
    namespace: dict = {}
    exec(compile(SUBMISSION.read_text(), str(SUBMISSION), "exec"), namespace)  # our own test file, not a user's
    direct = namespace["loss_and_grads"]
    rows.append(("full-size loss_and_grads in this process", _median_ms(lambda: direct(*full, 0.1), 10)))
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs")
    for what, ms in rows:
        print(f"| {what} | {ms:.1f} ms |")


if __name__ == "__main__":
    main()
