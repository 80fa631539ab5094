"""Benchmark of ``derive grade`` (issues 4 and 12).

Measures, on this machine:
0. one submission from a cold process: ``derive grade FILE`` as a user runs it (interpreter,
   imports, the sandbox's child, the grade), wall and CPU time (median of --repeats), with the
   drawn problems remembered (checks/grading/drawn.py) and drawn by Hypothesis each time;
1. one submission, wall time including the child process (median of --repeats), a correct
   one and a wrong one (the wrong one pays for Hypothesis's shrinking);
2. a class of --class-size submissions (the test submissions, cycled) with ``--jobs 2``,
   through the installed ``derive`` script;
3. the full-size check (N = 200, D = 3072, H = 100, C = 10: the submission's gradients held
   element-wise against the reference, through the sandbox) beside what users otherwise run
   on the same problem and the same submission:
   - CS231n's ``eval_numerical_gradient`` over every parameter (extrapolated from a timed
     sample of entries: the full loop is 2 x 308,310 loss evaluations),
   - ``torch.autograd.gradcheck`` with the submission's loss as forward and its gradients as
     backward: fast mode (one random projection: not an element-wise verdict) over all
     parameters, slow mode (element-wise) extrapolated from b1 and b2 alone.

Targets (issue 12): one submission <= 1.0 s from a cold process on 2 cores; the full-size
check <= 3x one forward and backward of the submission; 100 submissions <= 60 s with --jobs 2.
(Issue 4: full-size check >= 100x faster than element-wise finite differences.) The machine's
load average is recorded: other processes on 2 cores inflate wall times.

    .venv/bin/python bench/grade_bench.py            # everything (a few minutes)
    .venv/bin/python bench/grade_bench.py --quick    # smaller class, fewer repeats
    # the cold runs also against derive installed from its wheel:
    .venv/bin/pip wheel --no-deps -w /tmp/w .
    .venv/bin/pip install --no-deps --target /tmp/w/site-packages /tmp/w/derive-*.whl
    .venv/bin/python bench/grade_bench.py --installed /tmp/w/site-packages
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SUBMISSIONS = ROOT / "tests" / "submissions"
sys.path.insert(0, str(ROOT))

from derive.checks.grading.grader import evaluate, grade_path  # noqa: E402
from derive.checks.grading.problems import PARAMETERS, full_size_problem  # noqa: E402
from derive.checks.grading.records import Session  # noqa: E402
from derive.checks.grading.sandbox import Sandbox  # noqa: E402


def cold_process(name: str, repeats: int, installed: str | None = None, draw: bool = False) -> dict:
    """``derive grade FILE`` in a fresh process, as a student or a course runs it.

    The uncounted first run also fills a private cache of the drawn problems
    (checks/grading/drawn.py), as a user's first grade does; ``draw=True`` turns that file off
    so every run draws with Hypothesis (what the first grade on a machine costs)."""
    script = Path(sys.executable).with_name("derive")
    # An installed derive has its bytecode compiled at install time; a source checkout run with
    # PYTHONDONTWRITEBYTECODE recompiles every module on each start (about 0.3 s). The cold runs
    # use a private bytecode cache, filled by one run that is not counted.
    pycache = tempfile.mkdtemp(prefix="derive-pycache-")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["XDG_CACHE_HOME"] = os.path.join(pycache, "xdg")
    if draw:
        env["DERIVE_DRAWN_CACHE"] = "0"
    if installed:  # a derive installed from its wheel (pip install --target DIR/site-packages)
        env["PYTHONPATH"] = installed
    subprocess.run([str(script), "grade", str(SUBMISSIONS / f"{name}.py")], capture_output=True, env=env)
    walls, cpus, code = [], [], None
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(
            [str(script), "grade", str(SUBMISSIONS / f"{name}.py")], capture_output=True, text=True, env=env
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        code = proc.returncode
    shutil.rmtree(pycache, ignore_errors=True)
    return {
        "submission": name,
        "drawn_problems": "drawn by Hypothesis each run" if draw else "remembered (cache file)",
        "exit_code": code,
        "median_wall_s": statistics.median(walls),
        "min_wall_s": min(walls),
        "median_cpu_s": statistics.median(cpus),
        "repeats": repeats,
        "load_average": os.getloadavg(),
    }


def one_submission(name: str, repeats: int, examples: int) -> dict:
    times, verdict = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = grade_path(SUBMISSIONS / f"{name}.py", examples=examples)
        times.append(time.perf_counter() - start)
        verdict = result.verdict
    return {
        "submission": name,
        "verdict": verdict,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "repeats": repeats,
        "examples": examples,
    }


def a_class(size: int, jobs: int, examples: int) -> dict:
    # Runnable submissions only (correct and wrong ones): the error files end in milliseconds
    # and would flatter the class's time; slow_at_full_size waits for the timeout by design.
    pool = sorted(p for p in SUBMISSIONS.glob("*.py") if not p.stem.startswith(("error_", "slow_")))
    with tempfile.TemporaryDirectory(prefix="derive-class-") as tmp:
        for i in range(size):
            source = pool[i % len(pool)]
            shutil.copy(source, Path(tmp) / f"student_{i:03d}_{source.stem}.py")
        script = Path(sys.executable).with_name("derive")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # A fresh cache of drawn problems: each worker draws once with Hypothesis, as on a
        # machine that never graded before (later runs of the class find the file).
        env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, ".xdg"))
        proc = subprocess.run(
            [str(script), "grade", tmp, "--jobs", str(jobs), "--format", "json", "--examples", str(examples)],
            capture_output=True,
            text=True,
            env=env,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    summary = json.loads(proc.stdout)["summary"] if proc.stdout.strip().startswith("{") else {}
    return {
        "submissions": size,
        "jobs": jobs,
        "wall_s": wall,
        "per_submission_s": wall / size,
        "cpu_s": cpu,
        "cpu_s_over_2_cores": cpu / 2,
        "load_average": os.getloadavg(),
        "exit_code": proc.returncode,
        "summary": summary,
    }


def full_size_grader(name: str) -> dict:
    """The grader's full-size stage alone: one call into the sandboxed submission and the
    element-wise comparison with the reference."""
    problem = full_size_problem()
    fn = _load(name)
    own = []
    for _ in range(5):  # one forward and backward of the submission, in this process
        start = time.perf_counter()
        fn(problem.copy_params(), problem.X.copy(), problem.y.copy(), problem.reg)
        own.append(time.perf_counter() - start)
    with Sandbox(SUBMISSIONS / f"{name}.py") as box:
        session = Session(box)
        times, calls = [], []
        for _ in range(5):
            start = time.perf_counter()
            run = session.run(problem)
            calls.append(time.perf_counter() - start)
            ok = evaluate(run, "l2").ok
            times.append(time.perf_counter() - start)
    ours, theirs = statistics.median(times), statistics.median(own)
    return {
        "seconds": ours,
        "sandboxed_call_s": statistics.median(calls),
        "forward_backward_s": theirs,
        "ratio_to_forward_backward": ours / theirs,
        "element_wise": True,
        "verdict_ok": ok,
        "entries": int(sum(problem.params[k].size for k in PARAMETERS)),
    }


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.loss_and_grads


def eval_numerical_gradient_sample(name: str, sample: int, seed: int = 0) -> dict:
    """CS231n's eval_numerical_gradient (h = 1e-5, two loss evaluations per entry, in place),
    timed on ``sample`` random entries per parameter and extrapolated to all of them."""
    fn = _load(name)
    problem = full_size_problem()
    params = problem.copy_params()
    rng = np.random.RandomState(seed)
    h = 1e-5
    total_entries = sum(v.size for v in params.values())
    timed_entries = 0
    start = time.perf_counter()
    for key in PARAMETERS:
        x = params[key]
        flat = rng.choice(x.size, size=min(sample, x.size), replace=False)
        for f in flat:
            ix = np.unravel_index(f, x.shape)
            old = x[ix]
            x[ix] = old + h
            fxph = fn(params, problem.X, problem.y, problem.reg)[0]
            x[ix] = old - h
            fxmh = fn(params, problem.X, problem.y, problem.reg)[0]
            x[ix] = old
            _ = (fxph - fxmh) / (2 * h)
            timed_entries += 1
    elapsed = time.perf_counter() - start
    per_entry = elapsed / timed_entries
    return {
        "timed_entries": timed_entries,
        "timed_s": elapsed,
        "per_entry_s": per_entry,
        "extrapolated_s": per_entry * total_entries,
        "entries": int(total_entries),
        "element_wise": True,
    }


def torch_gradcheck(name: str) -> dict:
    try:
        import torch
    except ImportError:
        return {"skipped": "torch is not installed"}
    fn = _load(name)
    problem = full_size_problem()

    class SubmissionLoss(torch.autograd.Function):
        """forward: the submission's loss; backward: the submission's gradients."""

        @staticmethod
        def forward(ctx, W1, b1, W2, b2):
            params = {
                "W1": W1.detach().numpy().copy(),
                "b1": b1.detach().numpy().copy(),
                "W2": W2.detach().numpy().copy(),
                "b2": b2.detach().numpy().copy(),
            }
            loss, grads = fn(params, problem.X, problem.y, problem.reg)
            ctx.grads = [torch.from_numpy(np.asarray(grads[k], dtype=np.float64)) for k in PARAMETERS]
            return torch.tensor(float(loss), dtype=torch.float64)

        @staticmethod
        def backward(ctx, grad_output):
            return tuple(grad_output * g for g in ctx.grads)

    tensors = [torch.from_numpy(problem.params[k].copy()) for k in PARAMETERS]
    out = {}
    # Fast mode over every parameter: a projected check (one number per input), not element-wise.
    inputs = [t.clone().requires_grad_(True) for t in tensors]
    start = time.perf_counter()
    ok = torch.autograd.gradcheck(SubmissionLoss.apply, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=True)
    out["fast_mode"] = {"seconds": time.perf_counter() - start, "passed": bool(ok), "element_wise": False}
    # Slow mode (element-wise) on b1 and b2 only (110 entries), extrapolated to all entries.
    timed_keys = ("b1", "b2")
    inputs = [t.clone().requires_grad_(k in timed_keys) for k, t in zip(PARAMETERS, tensors, strict=True)]
    timed = sum(t.numel() for k, t in zip(PARAMETERS, tensors, strict=True) if k in timed_keys)
    start = time.perf_counter()
    ok = torch.autograd.gradcheck(SubmissionLoss.apply, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, fast_mode=False)
    elapsed = time.perf_counter() - start
    total = sum(t.numel() for t in tensors)
    out["slow_mode"] = {
        "timed_entries": timed,
        "timed_s": elapsed,
        "extrapolated_s": elapsed / timed * total,
        "passed": bool(ok),
        "element_wise": True,
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="class of 20, 3 repeats, smaller samples")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--class-size", type=int, default=100)
    parser.add_argument(
        "--installed",
        default=None,
        help="a .../site-packages directory holding derive installed from its wheel, for the cold runs"
        " (in a source checkout Hypothesis scans derive's modules as local code: about 0.25 s more)",
    )
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument(
        "--sample", type=int, default=50, help="entries per parameter timed for eval_numerical_gradient"
    )
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.class_size, args.sample = 3, 20, 10

    report: dict = {"machine": {"python": sys.version.split()[0], "cpus": os.cpu_count()}}
    report["cold_process"] = cold_process("correct_twolayernet_l2", args.repeats)
    report["cold_process_first_draw"] = cold_process("correct_twolayernet_l2", args.repeats, draw=True)
    if args.installed:
        report["cold_process_installed"] = cold_process("correct_twolayernet_l2", args.repeats, args.installed)
    report["one_submission"] = [
        one_submission("correct_twolayernet_l2", args.repeats, args.examples),
        one_submission("mistake_missing_relu_mask", args.repeats, args.examples),
    ]
    report["class"] = a_class(args.class_size, 2, args.examples)
    report["full_size"] = {
        "derive_grade": full_size_grader("correct_function_l2"),
        "eval_numerical_gradient": eval_numerical_gradient_sample("correct_function_l2", args.sample),
        "torch_gradcheck": torch_gradcheck("correct_function_l2"),
    }
    ours = report["full_size"]["derive_grade"]["seconds"]
    fd = report["full_size"]["eval_numerical_gradient"]["extrapolated_s"]
    report["full_size"]["speedup_vs_eval_numerical_gradient"] = fd / ours
    slow = report["full_size"]["torch_gradcheck"].get("slow_mode", {}).get("extrapolated_s")
    if slow:
        report["full_size"]["speedup_vs_gradcheck_slow"] = slow / ours
    print(json.dumps(report, indent=2))
    _print_summary(report, bool(args.installed))


def _print_summary(report: dict, installed: bool) -> None:
    """The figures of the report that the issue's targets name, on stderr."""
    print("\nsummary:", file=sys.stderr)
    cold = report["cold_process"]
    print(
        f"  cold process (derive grade FILE): median {cold['median_wall_s']:.2f} s wall,"
        f" {cold['median_cpu_s']:.2f} s CPU"
        f" (load average {cold['load_average'][0]:.1f})",
        file=sys.stderr,
    )
    cold = report["cold_process_first_draw"]
    print(
        f"  cold process, drawing with Hypothesis (a machine's first grade): median {cold['median_wall_s']:.2f} s wall,"
        f" {cold['median_cpu_s']:.2f} s CPU (load average {cold['load_average'][0]:.1f})",
        file=sys.stderr,
    )
    if installed:
        cold = report["cold_process_installed"]
        print(
            f"  cold process, installed wheel: median {cold['median_wall_s']:.2f} s wall,"
            f" {cold['median_cpu_s']:.2f} s CPU (load average {cold['load_average'][0]:.1f})",
            file=sys.stderr,
        )
    for r in report["one_submission"]:
        print(f"  one submission {r['submission']}: median {r['median_s']:.2f} s ({r['verdict']})", file=sys.stderr)
    c = report["class"]
    print(
        f"  class of {c['submissions']} with --jobs {c['jobs']}: {c['wall_s']:.1f} s"
        f" ({c['per_submission_s']:.2f} s each; {c['cpu_s']:.0f} s CPU in all,"
        f" {c['cpu_s_over_2_cores']:.0f} s over 2 cores)",
        file=sys.stderr,
    )
    full = report["full_size"]["derive_grade"]
    ours = full["seconds"]
    fd = report["full_size"]["eval_numerical_gradient"]["extrapolated_s"]
    print(
        f"  full size: derive {ours:.3f} s element-wise = {full['ratio_to_forward_backward']:.1f}x one forward+backward"
        f" ({full['forward_backward_s']:.3f} s); eval_numerical_gradient ~{fd:.0f} s ({fd / ours:.0f}x)",
        file=sys.stderr,
    )
    fast = report["full_size"]["torch_gradcheck"].get("fast_mode")
    if fast:
        print(
            f"  torch gradcheck fast mode: {fast['seconds']:.2f} s (one projection, not element-wise)", file=sys.stderr
        )


if __name__ == "__main__":
    main()
