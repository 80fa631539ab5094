"""The reading guard: a document's budget interrupts reading, and never with a stray traceback."""

from __future__ import annotations

import sys
import time

import pytest
from derive.checks.latex.budget import OverBudget, reading_guard


class _SpentRunner:
    """A runner whose budget is already spent and which has handed no step to a worker."""

    judging = False
    budget = 0.1

    def remaining(self) -> float:
        return 0.0


class _SlowFinalizer:
    """An object whose finalizer is busy long enough for the guard's alarm to land inside it."""

    def __del__(self) -> None:
        start = time.perf_counter()
        while time.perf_counter() - start < 0.3:
            pass


def _spin(seconds: float) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        pass


def test_reading_is_interrupted_once_the_budget_is_spent() -> None:
    with pytest.raises(OverBudget), reading_guard(_SpentRunner(), grace=0.01):
        _spin(5.0)


def test_an_interruption_inside_a_finalizer_prints_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python cannot raise out of a finalizer: it hands the exception to sys.unraisablehook, which
    # prints "Exception ignored in …" and a traceback on stderr, for a user of `derive
    # check-latex` to see. The guard drops those; the next alarm (every 0.2 s) interrupts reading
    # where it can.
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_value))
    with pytest.raises(OverBudget), reading_guard(_SpentRunner(), grace=0.01):
        _SlowFinalizer()  # collected at once: the first alarm lands in its __del__
        _spin(5.0)
    assert seen == []


def test_other_finalizer_errors_are_still_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[BaseException] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: seen.append(unraisable.exc_value))

    class Broken:
        def __del__(self) -> None:
            raise ValueError("a real bug in a finalizer")

    class Idle:
        judging = False
        budget = 100.0

        def remaining(self) -> float:
            return 100.0

    with reading_guard(Idle()):
        Broken()
    assert [str(e) for e in seen] == ["a real bug in a finalizer"]
    assert sys.unraisablehook is not None and seen  # the guard put the test's hook back


def test_preload_imports_everything_a_workers_first_step_imports() -> None:
    """Workers forked after preload() inherit SymPy and the prover: their warm-up imports nothing
    of SymPy or of the checker anew (a fresh process, so that nothing is imported already)."""
    import subprocess

    probe = (
        "import sys\n"
        "import derive.checks.latex.checker\n"  # as the command does before it starts the workers
        "from derive.checks.latex.budget import preload, warm_up\n"
        "assert 'sympy' not in sys.modules\n"
        "preload()\n"
        "before = set(sys.modules)\n"
        "out = warm_up()\n"
        "new = sorted(m for m in set(sys.modules) - before if m.startswith(('sympy', 'derive', 'mpmath')))\n"
        "print(out['status'], new)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok []"


def test_a_document_is_judged_by_workers_forked_after_preload(tmp_path) -> None:
    from derive.checks.latex.budget import ParallelRunner
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    text = "$$(a + b)^2 = a^2 + 2 a b + b^2 = a^2 + b^2$$\n"
    with ParallelRunner(10.0, 60.0) as runner:
        runner.start_clock()
        report = check_text(text, load_notation(None), runner=runner)
    assert [r.status for r in report.results] == ["ok", "wrong"]
