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
