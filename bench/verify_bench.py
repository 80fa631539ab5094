"""Benchmark of `derive verify`.

1. The whole catalogue, cold, in one fresh process (`derive verify --json`), wall time.
2. The exact proof of the softmax Jacobian at n = 2, 4, 8, 16 with derive's prover beside
   plain `sympy.simplify` of the difference (each in a child process with a timeout, shown
   as "> T s" when it runs out).

Run:  python bench/verify_bench.py [--timeout 60] [--sizes 2 4 8 16]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import subprocess
import sys
import time


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
            cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def whole_catalogue() -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "from derive.cli import main; main()", "verify", "--json"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    data = json.loads(proc.stdout) if proc.stdout.strip() else {}
    return wall, data.get("summary", {"exit": proc.returncode})


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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2, 4, 8, 16])
    args = parser.parse_args()
    print(f"machine: {_machine()}")
    wall, totals = whole_catalogue()
    print(f"whole catalogue, `derive verify` cold in one process: {wall:.1f} s wall, {totals}")
    print()
    print("| n | derive verify's prover (build + proof) | exp-normal form + cancel only | sympy.simplify |")
    print("|---|---|---|---|")
    for n in args.sizes:
        print(f"| {n} | {timed(_derive_proof, n, args.timeout)} | {timed(_cancel_proof, n, args.timeout)} | {timed(_simplify_proof, n, args.timeout)} |", flush=True)


if __name__ == "__main__":
    main()
