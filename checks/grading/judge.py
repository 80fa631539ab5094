"""Judging one run against the verified reference: tolerances, the accepted gradients,
finite differences, and the penalty convention a submission is held to.

Every judgement is made here, in the grading process, on the numbers the submission returned;
nothing in the submission's process decides anything.

Tolerances depend on the precision the submission computes in (MISTAKES.md: a float32
submission is judged at float32 tolerances, not failed for its precision). A central
difference of a float32 loss needs a larger step (rounding of L is about 6e-8·|L|, divided
by the step) and a looser agreement.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from derive.checks.grading import mistakes as mk
from derive.checks.grading.problems import PARAMETERS, Problem
from derive.checks.grading.records import Evaluation, ParamVerdict, Run, Runner, as_float

__all__ = [
    "TOLERANCES",
    "Tolerance",
    "choose_convention",
    "evaluate",
    "fd_error",
    "finite_outputs",
    "judge",
    "own_loss_gradient",
    "reference",
    "fd_trustworthy",
    "tolerance",
]


@dataclass(frozen=True)
class Tolerance:
    """How close is equal, for one precision.

    rtol: element-wise relative error allowed against the reference.
    noise: multiplies mistakes.NOISE (the rounding allowance per unit of term magnitude).
    fd_step, fd_rtol: the central-difference step and the agreement asked of it.
    fd_floor: the absolute floor of that agreement, per unit of |L| (the loss's rounding
    divided by the step).
    """

    rtol: float
    noise: float
    fd_step: float
    fd_rtol: float
    fd_floor: float = 1e-6


TOLERANCES = {
    # A central difference with h = 1e-5 is good to about 1e-8 relative.
    "float64": Tolerance(rtol=mk.RTOL, noise=1.0, fd_step=1e-5, fd_rtol=1e-4),
    # float32: eps ≈ 6e-8; sums of thousands of terms keep about 1e-4 of their magnitude.
    "float32": Tolerance(rtol=1e-3, noise=1e6, fd_step=1e-2, fd_rtol=2e-2, fd_floor=1e-3),
}
FD_FLOOR = 1e-4


def tolerance(precision: str | None) -> Tolerance:
    return TOLERANCES.get(precision or "float64", TOLERANCES["float64"])


@functools.lru_cache(maxsize=64)
def reference(problem: Problem, convention: str) -> tuple[float, list[dict[str, np.ndarray]]]:
    """The reference loss and every accepted gradient: the verified reference (1{z2 > 0}) and,
    where a pre-activation is exactly 0, the other subgradient 1{z2 ≥ 0}. Computed once per
    problem and convention (read-only arrays: callers share them)."""
    from derive.generated import mlp_reference

    loss, grads = mlp_reference.loss_and_grads(
        problem.copy_params(), problem.X.copy(), problem.y.copy(), problem.reg, convention
    )
    accepted = [grads]
    pt = mk.parts(problem)
    if np.any(pt.z2 == 0):
        accepted.append(mk.backward(pt, mk.penalty_factor(convention), mask=(pt.z2 >= 0).astype(float)))
    for gradients in accepted:
        for array in gradients.values():
            array.setflags(write=False)
    return loss, accepted


@functools.lru_cache(maxsize=64)
def _noise(problem: Problem, convention: str) -> tuple[float, dict[str, np.ndarray]]:
    """The scale of the rounding noise of the loss and of each gradient entry."""
    pt = mk.parts(problem)
    k = mk.penalty_factor(convention)
    return mk.loss_magnitude(pt, k), mk.magnitudes(pt, k)


def evaluate(run: Run, convention: str) -> Evaluation:
    tol = tolerance("float32" if run.float32 else "float64")
    expected_loss, accepted = reference(run.problem, convention)
    loss_noise = mk.loss_magnitude(mk.parts(run.problem), mk.penalty_factor(convention))
    loss = run.loss if run.loss is not None else math.nan
    loss_error = float(mk.rel_error(np.array(loss), np.array(expected_loss), tol.noise * loss_noise))
    params = {}
    for name in PARAMETERS:
        got = run.grads[name] if run.grads else np.full((0,), math.nan)
        # The rounding-noise allowance costs a backward pass of absolute values (as much as
        # the reference at the full size): it is computed only when the entries are not
        # already within tolerance without it.
        verdict = judge(got, [g[name] for g in accepted], None, tol.rtol)
        if verdict.status == "wrong":
            verdict = judge(
                got, [g[name] for g in accepted], tol.noise * _noise(run.problem, convention)[1][name], tol.rtol
            )
        params[name] = verdict
    return Evaluation(run, loss_error <= tol.rtol, loss_error, expected_loss, params)


def judge(
    got: np.ndarray, accepted: list[np.ndarray], noise: np.ndarray | None = None, rtol: float = mk.RTOL
) -> ParamVerdict:
    expected = accepted[0]
    if got.shape != expected.shape:
        return ParamVerdict("shape", math.inf, None, list(got.shape), list(expected.shape))
    # Element-wise: an entry is right when it matches any accepted subgradient.
    err = np.minimum.reduce([mk.rel_error(got, a, noise) for a in accepted])
    if not np.all(np.isfinite(got)):
        index = tuple(int(i) for i in np.argwhere(~np.isfinite(got))[0])
        return ParamVerdict("non-finite", math.inf, index, float(got[index]), float(expected[index]))
    worst = float(err.max()) if err.size else 0.0
    index = tuple(int(i) for i in np.unravel_index(int(err.argmax()), err.shape)) if err.size else None
    status = "ok" if worst <= rtol else "wrong"
    return ParamVerdict(
        status,
        worst,
        index,
        float(got[index]) if index is not None else None,
        float(expected[index]) if index is not None else None,
    )


def finite_outputs(run: Run) -> bool:
    if not run.ran or run.loss is None or not math.isfinite(run.loss):
        return False
    return all(np.all(np.isfinite(g)) for g in (run.grads or {}).values())


# ---------------------------------------------------------------------------- convention


def choose_convention(runs: Iterable[Run], requested: str) -> tuple[str, str]:
    """The convention to hold the submission to, and how it was decided."""
    if requested != "auto":
        return requested, "requested"
    runs = list(runs)
    votes = {"l2": 0, "half-l2": 0}
    informative = 0
    for run in runs:
        if not run.ran or run.loss is None or not math.isfinite(run.loss) or run.problem.reg == 0:
            continue
        informative += 1
        tol = tolerance("float32" if run.float32 else "float64")
        for convention in votes:
            expected, _ = reference(run.problem, convention)
            noise = tol.noise * _noise(run.problem, convention)[0]
            if mk.rel_error(np.array(run.loss), np.array(expected), noise) <= tol.rtol:
                votes[convention] += 1
    for convention in ("l2", "half-l2"):
        if informative and votes[convention] == informative:
            return convention, "from the loss"
    # The loss follows neither consistently: let the W2 gradient decide, else the course's l2.
    grad_votes = {"l2": 0, "half-l2": 0}
    for run in runs:
        if run.ran and run.grads and run.problem.reg > 0:
            tol = tolerance("float32" if run.float32 else "float64")
            for convention in grad_votes:
                _, accepted = reference(run.problem, convention)
                noise = tol.noise * _noise(run.problem, convention)[1]["W2"]
                if judge(run.grads["W2"], [a["W2"] for a in accepted], noise, tol.rtol).status == "ok":
                    grad_votes[convention] += 1
    if grad_votes["half-l2"] > grad_votes["l2"]:
        return "half-l2", "from the gradient (the loss matches neither)"
    return "l2", "default (the loss matches neither)"


# ---------------------------------------------------------------------------- finite differences


def _perturbations(params: dict[str, np.ndarray], step: float) -> list[tuple[str, tuple[int, ...], dict, dict]]:
    out = []
    for name in PARAMETERS:
        for index in np.ndindex(params[name].shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][index] += step
            minus[name][index] -= step
            out.append((name, index, plus, minus))
    return out


def _central_differences(problem: Problem, losses: Any, step: float) -> dict[str, np.ndarray]:
    """(L(θ + h·e) − L(θ − h·e)) / 2h for every entry, ``losses`` evaluating one batch of
    parameter dicts (all 2·(#parameters) of them at once)."""
    params = problem.copy_params()
    perturbed = _perturbations(params, step)
    values = losses([p for _, _, plus, minus in perturbed for p in (plus, minus)])
    fd = {k: np.zeros_like(v) for k, v in params.items()}
    for i, (name, index, _, _) in enumerate(perturbed):
        fd[name][index] = (as_float(values[2 * i]) - as_float(values[2 * i + 1])) / (2 * step)
    return fd


def own_loss_gradient(
    runner: Runner, problem: Problem, tol: Tolerance = TOLERANCES["float64"]
) -> dict[str, np.ndarray]:
    """Central differences of the submission's own loss, one round trip to the child."""
    return _central_differences(
        problem, lambda batch: runner.losses(batch, problem.X.copy(), problem.y.copy(), problem.reg), tol.fd_step
    )


@functools.lru_cache(maxsize=64)
def fd_trustworthy(problem: Problem, tol: Tolerance = TOLERANCES["float64"]) -> dict[str, np.ndarray]:
    """The entries whose central difference cannot cross a ReLU kink: a step h in W1[d, j]
    moves z2[:, j] by h·X[:, d], one in b1[j] moves it by h; the loss is smooth in W2 and b2.
    Elsewhere finite differences say nothing about the submission (nor about the reference).
    A margin of 2 keeps the step's own truncation error away from the kink's neighbourhood."""
    z2 = np.abs(mk.parts(problem).z2)  # N×H
    h = 2 * tol.fd_step
    x = np.abs(problem.X)  # N×D
    return {
        "W1": np.all(z2[:, None, :] > h * x[:, :, None], axis=0),
        "b1": np.all(z2 > h, axis=0),
        "W2": np.ones(problem.params["W2"].shape, dtype=bool),
        "b2": np.ones(problem.params["b2"].shape, dtype=bool),
    }


def fd_error(got: np.ndarray, fd: np.ndarray, loss: float = 1.0, floor_per_loss: float = 1e-6) -> np.ndarray:
    # A central difference carries about eps·|L|/h of rounding: 1e-11·|L| at h = 1e-5 in float64,
    # far under the absolute floor 1e-6·max(1, |L|) of the denominator (float32: 1e-3·max(1, |L|)).
    scale = float(np.max(np.abs(fd))) if fd.size else 0.0
    size = max(1.0, abs(loss)) if math.isfinite(loss) else 1.0
    floor = max(FD_FLOOR * scale, floor_per_loss * size)
    denom = np.maximum(np.abs(got) + np.abs(fd), floor)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(got - fd) / denom
    return np.where(np.isfinite(got) & np.isfinite(fd), err, np.inf)
