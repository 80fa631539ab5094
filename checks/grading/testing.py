"""Gradient checks for courses' own pytest: ``check_gradients`` and the problem strategies.

    from derive.checks.grading.testing import check_gradients
    from my_solution import loss_and_grads

    def test_gradients():
        check_gradients(loss_and_grads)          # AssertionError with the diagnosis if wrong

``check_gradients`` runs the grader of ``derive grade`` on a callable in this process (no
sandbox: the code under test is the course's own), on the toy problem, the fixed problems and
Hypothesis-drawn ones, and raises ``AssertionError`` whose message is the text report: which
check failed, on which small problem, which mistake of MISTAKES.md explains it and the formula
it should have been. ``mlp_problems`` (re-exported from ``derive.checks.grading.problems``) draws problems
for property tests of one's own.
"""

from __future__ import annotations

import copy
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from derive.checks.grading.problems import PARAMETERS, Problem, mlp_problems, toy_problem
from derive.checks.grading.sandbox import SubmissionError

__all__ = ["InProcessRunner", "check_gradients", "mlp_problems", "toy_problem", "Problem"]

LossAndGrads = Callable[[dict, np.ndarray, np.ndarray, float], Any]
_HERE = str(Path(__file__).resolve().parent)


class InProcessRunner:
    """The grader's runner interface over a callable ``loss_and_grads(params, X, y, reg)``, or
    over a TwoLayerNet-like object (``.params`` and ``.loss(X, y=None, reg=0.0)``), in this
    process. Exceptions become ``SubmissionError("exception", message, line)``."""

    def __init__(self, target: Any) -> None:
        if isinstance(target, type) and callable(getattr(target, "loss", None)):
            # A TwoLayerNet class: build one by keyword (courses add arguments before std);
            # its params are replaced before every call anyway.
            try:
                target = target(input_size=4, hidden_size=10, output_size=3, std=1e-4)
            except Exception as exc:  # noqa: BLE001 -- any failure of the course's constructor becomes one message
                raise TypeError(
                    f"could not build {target.__name__}(input_size=4, hidden_size=10, output_size=3, "
                    f"std=1e-4): {type(exc).__name__}: {exc}; pass an instance instead"
                ) from None
        if callable(getattr(target, "loss", None)) and hasattr(target, "params"):
            self.api = "twolayernet"
            self._net = target
            self._fn = None
        elif callable(target):
            self.api = "function"
            self._net = None
            self._fn = target
        else:
            raise TypeError(f"{target!r} is neither a loss_and_grads callable nor a TwoLayerNet-like object")
        self.last_mutated: list[str] = []

    def _call(self, params: dict, X: np.ndarray, y: Any, reg: float) -> Any:
        if self._net is not None:
            self._net.params = params
            return self._net.loss(X, y=y, reg=reg)
        return self._fn(params, X, y, reg)

    def _guarded(self, params: dict, X: np.ndarray, y: Any, reg: float) -> Any:
        before = {k: v.copy() for k, v in params.items()}
        before_x = X.copy()
        try:
            out = self._call(params, X, y, reg)
        except Exception as exc:  # noqa: BLE001 -- whatever the code under test raised is its result
            raise SubmissionError("exception", f"{type(exc).__name__}: {exc}", _user_line(exc)) from None
        self.last_mutated = [
            k for k in PARAMETERS if k in before and not np.array_equal(before[k], params.get(k), equal_nan=True)
        ]
        if not np.array_equal(before_x, X, equal_nan=True):
            self.last_mutated.append("X")
        return out

    def loss_and_grads(self, params: dict, X: np.ndarray, y: np.ndarray, reg: float) -> tuple[float, dict]:
        out = self._guarded(params, X, y, reg)
        if not isinstance(out, tuple) or len(out) != 2 or not isinstance(out[1], dict):
            raise SubmissionError("api", f"expected (loss, grads) with grads a dict, got {type(out).__name__}")
        loss, grads = out
        missing = [k for k in PARAMETERS if k not in grads]
        if missing:
            raise SubmissionError("missing-gradient", f"grads has no {', '.join(missing)}")
        return float(np.asarray(loss, dtype=float).reshape(())), {
            k: np.array(grads[k], dtype=float) for k in PARAMETERS
        }

    def losses(self, params_list: list[dict], X: np.ndarray, y: np.ndarray, reg: float) -> list[float]:
        values = []
        for params in params_list:
            out = self._guarded(copy.deepcopy(params), X.copy(), y.copy(), reg)
            values.append(float(np.asarray(out[0] if isinstance(out, tuple) else out, dtype=float).reshape(())))
        return values

    def scores(self, params: dict, X: np.ndarray) -> np.ndarray:
        return np.asarray(self._guarded(params, X, None, 0.0), dtype=float)

    def output(self) -> str:
        return ""


def _user_line(exc: BaseException) -> int | None:
    """The line of the innermost frame outside derive's checks/ (the code under test)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if not frame.filename.startswith(_HERE):
            line = frame.lineno
    return line


def check_gradients(
    loss_and_grads: Any,
    *,
    examples: int = 20,
    seed: int = 0,
    reg_convention: str = "auto",
    full_size: bool = False,
    layout: str = "auto",
    strict: bool = False,
) -> Any:
    """Grade ``loss_and_grads`` (or a TwoLayerNet-like object) and raise AssertionError with
    the diagnosis unless every check passes; returns the GradeResult when it does.

    Arguments:
      examples=20: Hypothesis-drawn problems (besides the toy and fixed ones).
      seed=0: the Hypothesis seed (runs are deterministic for a seed).
      reg_convention="auto": "l2" (λ‖W‖²), "half-l2" (½λ‖W‖²) or "auto" (the loss's own).
      full_size=False: also the N = 200, D = 3072, H = 100, C = 10 problem (about a second).
      layout="auto": "row" (W1 D×H), "column" (W1 H×D, the UCLA template) or detected.
      strict=False: True fails on warnings too (a softmax without the max-shift).
    """
    from derive.checks.grading.grader import grade_runner
    from derive.checks.grading.reporters import render_text

    name = getattr(loss_and_grads, "__qualname__", None) or type(loss_and_grads).__name__
    result = grade_runner(
        InProcessRunner(loss_and_grads),
        name,
        reg_convention=reg_convention,
        examples=examples,
        seed=seed,
        full_size=full_size,
        layout=layout,
        strict=strict,
    )
    if result.verdict != "pass":
        raise AssertionError("\n" + render_text([result], color=False))
    return result
