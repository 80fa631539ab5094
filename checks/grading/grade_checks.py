"""The checks of a grade, one report line each, from the runs of checks/grader.py.

Each builder takes the ``Grade`` (the submission's runs, evaluated against the reference in
one convention) and returns ``Check`` records: the toy problem, the other sizes (fixed and
Hypothesis-drawn problems), finite differences of the submission's own loss, the large
logits, the full size, mutation and the y=None output. A failing check carries the mistake ids
that explain it (``derive.checks.grading.mistakes``) and a counterexample a student can redo by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from derive.checks.grading import mistakes as mk
from derive.checks.grading.evidence import error_text, inputs_of, ordered, small
from derive.checks.grading.judge import (
    Tolerance,
    evaluate,
    fd_error,
    fd_trustworthy,
    finite_outputs,
    own_loss_gradient,
    reference,
    tolerance,
)
from derive.checks.grading.problems import PARAMETERS, Problem, full_size_problem, toy_problem
from derive.checks.grading.records import FATAL_KINDS, Check, Evaluation, Fatal, Run, Session


@dataclass
class Grade:
    """One submission's runs, evaluated in the convention it is held to."""

    session: Session
    convention: str
    toy: Run
    toy_eval: Evaluation | None
    others: list[Evaluation]  # fixed (except large logits) and drawn problems that ran
    raised: list[Run]  # fixed and drawn problems that raised
    shrunk: Run | None
    #: With ``auto`` the convention is the loss's own, so a loss cannot have the "wrong" one.
    skip_loss_ids: tuple[str, ...] = ()
    #: The course's strict policy: a warning (unstable-softmax) fails the check.
    strict: bool = False

    @property
    def tol(self) -> Tolerance:
        return tolerance(self.session.precision)


# ---------------------------------------------------------------------------- checks


def toy_checks(g: Grade) -> list[Check]:
    if g.toy_eval is None:
        msg = error_text(g.toy.error)
        return [
            Check(
                "toy problem: runs",
                None,
                "fail",
                None,
                inputs_of(g.toy.problem),
                [],
                f"raised on the course toy problem: {msg}",
            )
        ]
    return [_loss_check("toy problem: loss", [g.toy_eval], g, all_runs=[g.toy_eval])] + [
        _gradient_check(f"toy problem: d{name}", name, [g.toy_eval], g) for name in PARAMETERS
    ]


#: Back-propagated float64 gradients meet the reference to about 1e-15; finite differences to
#: about 1e-8. A toy problem whose loss is exact and whose every gradient is off by more than
#: this is a numerical estimate, not back-propagation.
ESTIMATED = 1e-11


def estimated_gradients(g: Grade) -> bool:
    """Are the toy problem's gradients estimates (every one off by more than rounding, the loss
    exact)? A submission that estimates them (finite differences) passes the toy problem within
    tolerance and fails at kinks and large logits: that is no size written as a constant."""
    e = g.toy_eval
    if e is None or not e.ok or e.loss_error > 1e-12:
        return False
    return min(v.error for v in e.params.values()) > ESTIMATED


def other_size_checks(g: Grade) -> list[Check]:
    toy_shapes_ok = g.toy_eval is not None and all(v.status != "shape" for v in g.toy_eval.params.values())
    prefer = [e for e in g.others if g.shrunk is not None and e.run is g.shrunk]
    evals = prefer + [e for e in g.others if e not in prefer]
    checks = [_loss_check("other sizes: loss", evals, g, all_runs=[*([g.toy_eval] if g.toy_eval else []), *evals])]
    checks += [_gradient_check(f"other sizes: d{name}", name, evals, g) for name in PARAMETERS]
    hard_coded = toy_shapes_ok and (
        g.raised or any(e.params[n].status == "shape" for e in g.others for n in PARAMETERS)
    )
    if g.raised:
        run = g.shrunk if g.shrunk is not None and not g.shrunk.ran else g.raised[0]
        raised = Check(
            "other sizes: runs",
            None,
            "fail",
            None,
            inputs_of(run.problem),
            ["hard-coded-shape"] if toy_shapes_ok else [],
            f"raised at {run.problem.size_text()}: {error_text(run.error)}",
        )
        checks.insert(0, raised)
    elif g.others:
        checks.insert(
            0,
            Check("other sizes: runs", None, "pass", None, None, [], f"ran on {len(g.others)} problems of other sizes"),
        )
    if hard_coded:
        for c in checks:
            if (
                c.status == "fail"
                and "hard-coded-shape" not in c.diagnosis
                and (c.parameter is None or any(e.params[c.parameter].status == "shape" for e in g.others))
            ):
                c.diagnosis = ordered(c.diagnosis + ["hard-coded-shape"])
    same_sizes = [e for e in g.others if "toy-sizes" in e.run.problem.tags]
    exact_toy = g.toy_eval is not None and g.toy_eval.ok and not estimated_gradients(g)
    if exact_toy and same_sizes and all(e.ok for e in same_sizes):
        # Right at the toy's sizes with other values too, wrong at other sizes, and no other
        # mistake explains it: a constant of the toy sizes (N = 5 as a divisor ...) in the code.
        for c in checks:
            if c.status == "fail" and not c.diagnosis:
                c.diagnosis = ["hard-coded-shape"]
                c.message += " (the toy problem passes exactly: a size written as a constant?)"
    return checks


def _loss_check(name: str, evals: list[Evaluation], g: Grade, *, all_runs: list[Evaluation]) -> Check:
    if not evals:
        return Check(name, None, "skip", message="no problem ran")
    worst = max(evals, key=lambda e: e.loss_error)
    failing = [e for e in evals if not e.loss_ok]
    if not failing:
        return Check(name, None, "pass", worst.loss_error, message=f"matches the reference on {len(evals)} problem(s)")
    first = failing[0]
    counts: dict[str, int] = {}
    for e in failing[:8]:
        if e.run.loss is not None and math.isfinite(e.run.loss):
            for i in mk.loss_ids(e.run.loss, e.run.problem, g.convention, skip=g.skip_loss_ids, rtol=g.tol.rtol):
                counts[i] = counts.get(i, 0) + 1
    ids = [i for i, n in counts.items() if n == max(counts.values())]
    if _reg_ignored(all_runs, g.convention):
        ids.append("reg-ignored")
    if not ids:
        ids = ["loss-mismatch"]
    cx = inputs_of(first.run.problem)
    cx.update({"got": first.run.loss, "expected": first.expected_loss})
    return Check(
        name,
        None,
        "fail",
        worst.loss_error,
        cx,
        ordered(ids),
        f"loss {first.run.loss:.10g}, expected {first.expected_loss:.10g} at {first.run.problem.size_text()}",
    )


def _reg_ignored(evals: list[Evaluation], convention: str) -> bool:
    """The loss follows one fixed penalty strength whatever reg says."""
    fitted, differs = [], False
    for e in evals:
        if e.run.loss is None or not math.isfinite(e.run.loss):
            continue
        lam = mk.fit_reg(e.run.loss, e.run.problem, convention)
        if lam is None:
            continue
        fitted.append(lam)
        differs |= not math.isclose(lam, e.run.problem.reg, rel_tol=1e-6, abs_tol=1e-9)
    if len(fitted) < 2 or not differs:
        return False
    return max(fitted) - min(fitted) <= 1e-6 * max(1.0, max(abs(f) for f in fitted))


def _gradient_check(name: str, parameter: str, evals: list[Evaluation], g: Grade) -> Check:
    if not evals:
        return Check(name, parameter, "skip", message="no problem ran")
    failing = [e for e in evals if e.params[parameter].status != "ok"]
    worst = max(e.params[parameter].error for e in evals)
    if not failing:
        return Check(
            name, parameter, "pass", worst, message=f"matches the reference element-wise on {len(evals)} problem(s)"
        )
    ids = _explain(failing, parameter, g.convention, g.tol.rtol)
    # Show the smallest (shrunk-first) failure of the right shape when there is one: it is the
    # evidence for a value mistake; a shape is visible at any size.
    first = next((e for e in failing if e.params[parameter].status != "shape"), failing[0])
    v = first.params[parameter]
    cx = inputs_of(first.run.problem)
    got = first.run.grads[parameter] if first.run.grads else None
    _, accepted = reference(first.run.problem, g.convention)
    cx.update(
        {
            "parameter": parameter,
            "index": list(v.index) if v.index is not None else None,
            "got": small(got),
            "expected": small(accepted[0][parameter]),
        }
    )
    if v.index is not None:  # the worst entry, also when the arrays are too big to show
        cx.update({"got_at_index": v.got, "expected_at_index": v.expected})
    if v.status == "shape":
        msg = f"d{parameter} has shape {tuple(v.got)}, expected {tuple(v.expected)} at {first.run.problem.size_text()}"
    else:
        msg = f"d{parameter}{list(v.index)} = {v.got:.8g}, expected {v.expected:.8g} at {first.run.problem.size_text()}"
    return Check(name, parameter, "fail", worst, cx, ordered(ids), msg)


def _explain(failing: list[Evaluation], parameter: str, convention: str, rtol: float = mk.RTOL) -> list[str]:
    """The ids that explain the most failures of ``parameter`` (ties all kept), counted
    separately over right-shaped and wrong-shaped outputs: an output that NumPy broadcast into
    a strange shape at some sizes must not hide what the right-shaped ones show."""
    ids: list[str] = []
    for group in (
        [e for e in failing if e.params[parameter].status != "shape"],
        [e for e in failing if e.params[parameter].status == "shape"],
    ):
        counts: dict[str, int] = {}
        for e in group[:8]:
            for i in _gradient_ids(e, parameter, convention, rtol):
                counts[i] = counts.get(i, 0) + 1
        if counts:
            best = max(counts.values())
            ids += [i for i, n in counts.items() if n == best]
    return ids


def _gradient_ids(e: Evaluation, parameter: str, convention: str, rtol: float = mk.RTOL) -> list[str]:
    fitted = mk.fit_reg(e.run.loss, e.run.problem, convention) if e.run.loss is not None else None
    got = e.run.grads[parameter]
    if not np.all(np.isfinite(got)):
        return ["non-finite"]
    ids = mk.gradient_ids(parameter, got, e.run.problem, convention, fitted_reg=fitted, rtol=rtol)
    if "reg-ignored" in ids:
        # The loss shows the same wrong strength: any other reg-* match is that coincidence
        # (0.05·2W = 0.1·W makes a hard-coded 0.05 look like reg-factor at reg = 0.1).
        ids = [i for i in ids if i not in ("reg-factor", "reg-missing", "reg-sign")]
    return ids


def finite_difference_checks(g: Grade, runs: list[Run], small_ids: dict[str | None, list[str]]) -> list[Check]:
    """The gradient against central differences of the submission's own loss."""
    usable = [r for r in runs if r.ran and all(r.grads[n].shape == r.problem.params[n].shape for n in PARAMETERS)]
    if not usable:
        return [
            Check(f"own loss (finite differences): d{n}", n, "skip", message="no problem with the right shapes ran")
            for n in PARAMETERS
        ]
    worst = {n: 0.0 for n in PARAMETERS}
    failure: dict[str, tuple[Run, tuple[int, ...], float, float]] = {}
    for run in usable:
        try:
            fd = own_loss_gradient(g.session.runner, run.problem, g.tol)
        except g.session.SubmissionError as exc:
            if getattr(exc, "kind", "") in FATAL_KINDS:
                raise Fatal(exc) from None
            return [
                Check(f"own loss (finite differences): d{n}", n, "skip", message=f"the loss raised: {error_text(exc)}")
                for n in PARAMETERS
            ]
        trusted = fd_trustworthy(run.problem, g.tol)
        for n in PARAMETERS:
            err = np.where(
                trusted[n],
                fd_error(run.grads[n], fd[n], run.loss if run.loss is not None else 1.0, g.tol.fd_floor),
                0.0,
            )
            if err.size and float(err.max()) > worst[n]:
                worst[n] = float(err.max())
            if err.size and float(err.max()) > g.tol.fd_rtol and n not in failure:
                index = tuple(int(i) for i in np.unravel_index(int(err.argmax()), err.shape))
                failure[n] = (run, index, float(run.grads[n][index]), float(fd[n][index]))
    checks = []
    for n in PARAMETERS:
        name = f"own loss (finite differences): d{n}"
        if n not in failure:
            checks.append(Check(name, n, "pass", worst[n], message="consistent with the submission's own loss"))
            continue
        run, index, got, fd_value = failure[n]
        ev = evaluate(run, g.convention)
        if ev.params[n].status == "ok":
            # The gradient is the reference's: the inconsistency is the loss's fault.
            ids = mk.loss_ids(run.loss, run.problem, g.convention, skip=g.skip_loss_ids, rtol=g.tol.rtol) or [
                "loss-mismatch"
            ]
            msg = (
                f"d{n} is right but is not the gradient of your loss "
                f"(finite differences give {fd_value:.8g} at {list(index)}): the loss is wrong"
            )
        else:
            ids = small_ids.get(n, [])  # the mistake found for this gradient on the same problems
            msg = (
                f"d{n}{list(index)} = {got:.8g} but finite differences of your own loss give {fd_value:.8g}: "
                "the gradient does not follow from your loss"
            )
        cx = inputs_of(run.problem)
        cx.update({"parameter": n, "index": list(index), "got": got, "finite_difference": fd_value})
        checks.append(Check(name, n, "fail", worst[n], cx, ordered(ids), msg))
    return checks


def large_logits_check(g: Grade, run: Run, small_ids: dict[str | None, list[str]]) -> Check:
    name = "large logits (±1000)"
    if not run.ran:
        # Raising is not instability: at other sizes than the toy's it is a hard-coded shape.
        ids = ["hard-coded-shape"] if g.toy_eval is not None else []
        return Check(
            name, None, "fail", None, inputs_of(run.problem), ids, f"raised on logits of ±1000: {error_text(run.error)}"
        )
    e = evaluate(run, g.convention)
    worst = max([e.loss_error] + [v.error for v in e.params.values()])
    if e.ok:
        return Check(name, None, "pass", worst, message="finite and equal to the reference")
    moderate = [x for x in ([g.toy_eval] if g.toy_eval else []) + g.others]
    moderate_finite = all(finite_outputs(x.run) for x in moderate)
    moderate_ok = all(x.ok for x in moderate)
    bad = [n for n, v in e.params.items() if v.status != "ok"] + ([] if e.loss_ok else ["loss"])
    finite = finite_outputs(run)
    what = "NaN or inf" if not finite else "wrong values"
    message = f"{what} in {', '.join(bad)} for logits of ±1000"
    if not moderate_finite:
        # NaN or inf already on moderate inputs (a `* np.nan`, a log of 0): not the softmax's fault.
        return Check(name, None, "fail", None, inputs_of(run.problem), ["non-finite"], message)
    if finite and not moderate_ok:
        # Wrong here as on moderate logits: the mistakes found there explain it.
        ids = ordered([i for n in bad for i in small_ids.get(None if n == "loss" else n, [])])
        return Check(name, None, "fail", worst, inputs_of(run.problem), ids, message)
    # Finite and moderate everywhere else, broken only by large logits: no max-shift. A warning
    # by default (MISTAKES.md), a failure under the course's strict policy.
    status = "fail" if g.strict else "warn"
    note = (
        " (a warning: the course's strict policy makes it a failure)"
        if g.strict
        else " (a warning: mathematically right, but a softmax without the max-shift overflows)"
    )
    return Check(
        name, None, status, None if not finite else worst, inputs_of(run.problem), ["unstable-softmax"], message + note
    )


def full_size_checks(g: Grade, small_ids: dict[str | None, list[str]]) -> list[Check]:
    problem = full_size_problem()
    prefix = "full size (N=200, D=3072, H=100, C=10)"
    try:
        run = g.session.run(problem)
    except Fatal as fatal:
        kind = getattr(fatal.error, "kind", "")
        if kind not in ("timeout", "resources"):
            raise
        # Right (or wrong) on every small problem but too slow or too big at the course's
        # real size (Python loops, an N×D×H temporary): a failed check, not a lost grade.
        # The sandbox starts a fresh child for the calls that follow.
        g.session.fatal = None
        return [_runs_failed(prefix, problem, [], f"{kind}: {error_text(fatal.error)}")]
    if not run.ran:
        diag = ["hard-coded-shape"] if g.toy_eval is not None else []
        return [_runs_failed(prefix, problem, diag, f"raised: {error_text(run.error)}")]
    e = evaluate(run, g.convention)
    checks = []
    for n in PARAMETERS:
        v = e.params[n]
        name = f"{prefix}: d{n}"
        if v.status == "ok":
            checks.append(Check(name, n, "pass", v.error, message="matches the reference element-wise"))
            continue
        # When a smaller problem already explained this parameter, its ids stand (matching
        # twenty variants at this size costs more than the rest of the grade).
        ids = small_ids.get(n) or _gradient_ids(e, n, g.convention, g.tol.rtol)
        cx = {
            "problem": problem.name,
            "sizes": problem.sizes,
            "reg": problem.reg,
            "parameter": n,
            "index": list(v.index) if v.index is not None else None,
            "got": v.got,
            "expected": v.expected,
        }
        if v.status == "shape":
            msg = f"d{n} has shape {tuple(v.got)}, expected {tuple(v.expected)} at the full size"
        else:
            msg = f"d{n}{list(v.index) if v.index else ''} = {v.got:.8g}, expected {v.expected:.8g} at the full size"
        checks.append(Check(name, n, "fail", v.error, cx, ordered(ids), msg))
    return checks


def mutation_check(session: Session) -> Check:
    if session.mutated:
        names = ", ".join(sorted(session.mutated))
        return Check(
            "inputs unchanged",
            None,
            "fail",
            None,
            {"mutated": sorted(session.mutated)},
            ["mutates-params"],
            f"changed in place: {names}",
        )
    return Check("inputs unchanged", None, "pass", message="parameters and inputs are unchanged after every call")


def scores_check(session: Session) -> Check:
    name = "scores for y=None"
    if getattr(session.runner, "api", None) != "twolayernet":
        return Check(name, None, "skip", message="the function API has no y=None call")
    from derive.generated import mlp_reference

    problem = toy_problem()
    try:
        got = np.asarray(session.runner.scores(problem.copy_params(), problem.X.copy()), dtype=float)
    except session.SubmissionError as exc:
        if getattr(exc, "kind", "") in FATAL_KINDS:
            raise Fatal(exc) from None
        return Check(name, None, "fail", None, None, [], f"loss(X) with y=None raised: {error_text(exc)}")
    except (TypeError, ValueError):
        return Check(name, None, "fail", None, None, [], "loss(X) with y=None did not return an array")
    for label, expected in (
        ("raw scores (CS231n)", mlp_reference.scores(problem.params, problem.X)),
        ("probabilities (HLCV, Sapienza)", mlp_reference.probabilities(problem.params, problem.X)),
    ):
        if mk.close(got, expected):
            return Check(
                f"{name}: {label}", None, "pass", float(mk.rel_error(got, expected).max()), message=f"returns {label}"
            )
    return Check(
        name,
        None,
        "fail",
        None,
        {"got": small(got), "expected_scores": small(mlp_reference.scores(problem.params, problem.X))},
        [],
        "returns neither the raw scores nor the probabilities of the toy problem",
    )


def add_non_finite(checks: list[Check], g: Grade) -> None:
    """NaN or inf on moderate inputs is its own mistake, whichever check saw it."""
    for c in checks:
        if c.status == "fail" and c.name.startswith(("toy problem", "other sizes")):
            evals = [g.toy_eval] if c.name.startswith("toy") and g.toy_eval else g.others
            if any(not finite_outputs(e.run) for e in evals):
                bad = c.parameter is None or any(not np.all(np.isfinite(e.run.grads[c.parameter])) for e in evals)
                if bad and "non-finite" not in c.diagnosis:
                    c.diagnosis = ordered(c.diagnosis + ["non-finite"])


def _runs_failed(prefix: str, problem: Problem, diagnosis: list[str], message: str) -> Check:
    """The one failed check of a problem the submission could not run through."""
    return Check(f"{prefix}: runs", None, "fail", None, {"problem": problem.name, "sizes": problem.sizes},
                 diagnosis, message)
