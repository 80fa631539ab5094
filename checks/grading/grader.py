"""Grade one gradient implementation against the verified reference.

A *runner* executes the submission: the CLI's is ``derive.checks.grading.sandbox.Sandbox`` (a limited child
process); ``derive.checks.grading.testing`` has an in-process one for courses' own pytest. Both offer
``loss_and_grads``, ``losses`` (a batch of losses, for finite differences of the submission's
own loss), ``scores``, ``last_mutated``, ``output`` and ``api``, and raise
``SubmissionError(kind, message, line)``.

What every grade runs, in order:
0. the toy problem in the row layout (W1 D×H), and in the column layout (W1 H×D, the UCLA
   template) when the row layout does not fit (``derive.checks.grading.layouts``); raising on
   the toy problem in both is the error kind ``exception`` (MISTAKES.md). The first values
   returned set the precision: float32 submissions are judged at float32 tolerances;
1. the fixed problems (nonzero biases; D = H = C; exact zeros in the pre-activations; logits
   of ±1000: NaN or inf there only is the warning unstable-softmax, a failure under a strict
   policy);
2. the penalty convention: ``auto`` takes the one the submission's loss uses (λ‖W‖² or
   ½λ‖W‖²); its gradient is then held to the same one;
3. Hypothesis-drawn problems (``derive.checks.grading.problems.mlp_problems``), deterministic for a seed;
   the first failure is shrunk to the smallest sizes and values that still fail;
4. finite differences of the submission's own loss on the toy and two fixed problems, so a
   wrong loss (gradient consistent with it) is told apart from a wrong gradient;
5. the full-size problem (N = 200, D = 3072, H = 100, C = 10) against the reference, element
   by element (no finite differences at that size: that is what makes it fast);
6. the inputs are unchanged after every call; ``y=None`` returns scores or probabilities.

Every wrong output is matched against ``derive.checks.grading.mistakes``; a check's diagnosis
holds the ids that explain its failures. This module runs the stages; each run is judged in
``derive.checks.grading.judge`` (in this process, on the numbers returned), the report's checks
are built in ``derive.checks.grading.grade_checks`` and scored by a rubric
(``derive.checks.grading.rubric``).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from derive.checks.grading import mistakes as mk
from derive.checks.grading.drawn import cached, drawn_problems, grading_settings, problem_key
from derive.checks.grading.grade_checks import (
    Grade,
    add_non_finite,
    estimated_gradients,
    finite_difference_checks,
    full_size_checks,
    large_logits_check,
    mutation_check,
    other_size_checks,
    scores_check,
    toy_checks,
)
from derive.checks.grading.judge import choose_convention, evaluate, reference
from derive.checks.grading.layouts import LAYOUTS, ColumnLayout
from derive.checks.grading.problems import (
    PARAMETERS,
    Problem,
    fixed_problems,
    full_size_problem,
    mlp_problems,
    toy_problem,
)
from derive.checks.grading.records import (
    CONVENTIONS,
    FATAL_KINDS,
    SMALL,
    Check,
    Fatal,
    GradeResult,
    Run,
    Runner,
    Session,
    error_result,
)

__all__ = [
    "CONVENTIONS",
    "FATAL_KINDS",
    "SMALL",
    "Check",
    "GradeResult",
    "Run",
    "Runner",
    "error_result",
    "evaluate",
    "grade_path",
    "grade_runner",
]

#: Submission calls Hypothesis may spend on shrinking a failure (each is a round trip to the
#: child); past it the smallest failure found so far is the counterexample.
SHRINK_BUDGET = 60
#: Seconds Hypothesis may spend shrinking; its shrinker mostly replays choice sequences
#: without calling the submission, so the budget is also one of time, checked at each call.
SHRINK_SECONDS = 1.0


class _StopShrinking(BaseException):
    """Ends Hypothesis's run at once (it lets BaseExceptions through): its shrinker would
    otherwise try thousands of candidates, each a round trip to the child."""


class _Mismatch(AssertionError):
    """Raised inside the Hypothesis property: this drawn problem fails (shrink it)."""


# ---------------------------------------------------------------------------- the grade


def grade_runner(
    runner: Runner,
    submission: str,
    *,
    reg_convention: str = "auto",
    examples: int = 25,
    seed: int = 0,
    full_size: bool = True,
    layout: str = "auto",
    strict: bool = False,
    rubric: Any = None,
) -> GradeResult:
    """Every check of the module docstring, as a GradeResult (never raises for a submission's
    behaviour; raises ValueError for bad arguments).

    layout="auto": the row layout (W1 D×H) or the column layout (W1 H×D), by the shapes the
    submission accepts (``derive.checks.grading.layouts``); "row" or "column" impose one.
    strict=False: under a course's strict policy a warning (unstable-softmax) fails.
    rubric=None: points per check (``derive.checks.grading.rubric``; 1 each without one)."""
    from derive.checks.grading.rubric import apply_rubric

    if reg_convention not in CONVENTIONS:
        raise ValueError(f"reg_convention={reg_convention!r}; expected one of {', '.join(CONVENTIONS)}")
    if layout not in LAYOUTS:
        raise ValueError(f"layout={layout!r}; expected one of {', '.join(LAYOUTS)}")
    if examples < 0:
        raise ValueError(f"examples={examples} must be >= 0")
    start = time.perf_counter()
    session = Session(runner if layout != "column" else ColumnLayout(runner))
    api = getattr(runner, "api", None)
    try:
        toy, chosen = _toy_run(session, layout)
        toy = _settle_precision(session, toy)
        if not toy.ran:
            # MISTAKES.md: raising on the course's toy problem is an error, whatever happens elsewhere.
            result = error_result(submission, toy.error, api=api)
        else:
            result = _grade(session, toy, submission, reg_convention, examples, seed, full_size, strict)
            result.layout = chosen
            result.precision = session.precision
            if chosen == "column" and result.verdict == "fail":
                result.notes.append(
                    "arrays, indices and formulas below are in the row layout (W1 D×H, W2 H×C):"
                    " transpose W1, W2 and their gradients to compare with your code"
                )
    except Fatal as fatal:
        result = error_result(submission, fatal.error, api=api)
    result.api = api
    result.seconds = time.perf_counter() - start
    try:
        result.output = runner.output()
    except Exception:  # noqa: BLE001 -- the output is a courtesy; a dead child must not become a traceback
        result.output = ""
    return apply_rubric(result, rubric)


def _settle_precision(session: Session, toy: Run) -> Run:
    """Float32 also when the values are float64 but carry float32 rounding (X cast to float32,
    then computed in float64): the toy problem is off the reference at float64 tolerances and
    within float32 ones, in either convention. A real mistake is off by far more than float32
    rounding, so it still fails at float32 tolerances."""
    if not toy.ran or session.precision != "float64":
        return toy
    as32 = replace(toy, float32=True)
    for convention in ("l2", "half-l2"):
        if not evaluate(toy, convention).ok and evaluate(as32, convention).ok:
            session.precision = "float32"
            return as32
    return toy


def _toy_run(session: Session, layout: str) -> tuple[Run, str]:
    """The toy problem in the submission's layout: the row layout first; when that raises or
    returns weight gradients of the column layout's shapes, the column layout is tried."""
    toy = session.run(toy_problem())
    if layout != "auto" or (toy.ran and not _column_shaped(toy)):
        return toy, layout if layout != "auto" else "row"
    column = Session(ColumnLayout(session.runner))
    column.mutated = session.mutated
    try:
        trial = column.run(toy_problem())
    except Fatal:
        return toy, "row"
    if trial.ran and all(trial.grads[n].shape == trial.problem.params[n].shape for n in PARAMETERS):
        session.runner = column.runner
        session.precision = column.precision
        return trial, "column"
    return toy, "row"


def _column_shaped(run: Run) -> bool:
    """Weight gradients shaped like the column layout's parameters (H×D and C×H)."""
    return all(run.grads[n].shape == run.problem.params[n].shape[::-1] for n in ("W1", "W2"))


def _grade(
    session: Session, toy: Run, submission: str, requested: str, examples: int, seed: int, full_size: bool, strict: bool
) -> GradeResult:
    start = time.perf_counter()
    fixed = fixed_problems()
    large = next(p for p in fixed if "large-logits" in p.tags)
    fixed_runs = [session.run(p) for p in fixed if p is not large]
    large_run = session.run(large)
    convention, how = choose_convention([toy, *fixed_runs], requested)

    drawn_runs, shrunk, notes = _hypothesis_stage(session, convention, examples, seed)
    other_runs = fixed_runs + drawn_runs
    toy_eval = evaluate(toy, convention)
    others = [evaluate(r, convention) for r in other_runs if r.ran]
    raised = [r for r in other_runs if not r.ran]
    g = Grade(
        session,
        convention,
        toy,
        toy_eval,
        others,
        raised,
        shrunk,
        skip_loss_ids=("reg-factor",) if requested == "auto" else (),
        strict=strict,
    )

    timed = _Timer(start)
    checks: list[Check] = timed(toy_checks(g) + other_size_checks(g))
    small_ids: dict[str | None, list[str]] = {}
    for c in checks:
        if c.status == "fail" and c.diagnosis and c.name.startswith(("toy", "other")):
            small_ids.setdefault(c.parameter, c.diagnosis)
    fd_runs = [toy, *[r for r in fixed_runs if r.problem.finite_differences]]
    checks += timed(finite_difference_checks(g, fd_runs, small_ids))
    checks += timed([large_logits_check(g, large_run, small_ids)])
    if full_size:
        checks += timed(full_size_checks(g, small_ids))
    checks += timed([mutation_check(session), scores_check(session)])
    add_non_finite(checks, g)
    for c in checks:  # what the quantity should have been travels with the check
        if c.parameter is not None or c.name.endswith("loss"):
            c.formula = mk.formula(c.parameter, convention)

    verdict = "fail" if any(c.status == "fail" for c in checks) else "pass"
    result = GradeResult(submission, verdict, reg_convention=convention, checks=checks)
    result.notes = [f"penalty convention {_CONVENTION_TEXT[convention]} ({how})", *notes]
    if session.precision == "float32":
        result.notes.append("float32 precision (float32 values or float32 rounding): judged at float32 tolerances")
    elif estimated_gradients(g):
        worst = max(v.error for v in g.toy_eval.params.values()) if g.toy_eval else 0.0
        result.notes.append(
            f"the toy problem's loss is exact but every gradient is off by 1e-11 or more (up to {worst:.0e}): "
            "they look estimated numerically (finite differences), not back-propagated"
        )
    return result


_CONVENTION_TEXT = {"l2": "λ‖W‖²", "half-l2": "½λ‖W‖²"}


class _Timer:
    """Shares the time since the last call among the checks a stage built (JUnit's per-test time)."""

    def __init__(self, start: float) -> None:
        self.last = start

    def __call__(self, checks: list[Check]) -> list[Check]:
        now = time.perf_counter()
        for c in checks:
            c.seconds = (now - self.last) / max(1, len(checks))
        self.last = now
        return checks


def _hypothesis_stage(
    session: Session, convention: str, examples: int, seed: int
) -> tuple[list[Run], Run | None, list[str]]:
    """Drawn problems; a failure is shrunk by Hypothesis to the smallest failing problem.

    The draws are deterministic for a seed while nothing fails (``derive.checks.grading.drawn``
    remembers them), so they are first run without Hypothesis; only when one fails does
    Hypothesis run, drawing the same problems (their runs are reused, not repeated) up to that
    failure and shrinking it."""
    if examples == 0:
        return [], None, []
    memo: dict[bytes, Run] = {}
    for problem in drawn_problems(seed, examples):
        run = session.run(problem)  # Fatal propagates, as it does out of Hypothesis's run
        memo[problem_key(problem)] = run
        if not (run.ran and evaluate(run, convention).ok):
            return _shrink(session, convention, examples, seed, memo)
    return list(memo.values()), None, []


def _shrink(
    session: Session, convention: str, examples: int, seed: int, memo: dict[bytes, Run]
) -> tuple[list[Run], Run | None, list[str]]:
    """Hypothesis's run of the drawn problems with the submission in the loop: its generate
    phase reaches the failure found, then it shrinks it within SHRINK_BUDGET calls and
    SHRINK_SECONDS. ``memo`` holds the runs already made (replayed, not called again)."""
    from hypothesis import given
    from hypothesis import seed as hypothesis_seed

    runs: list[Run] = []
    failing: list[Run] = []
    failing_keys: dict[bytes, Run] = {}
    failing_since: list[float] = []

    @hypothesis_seed(seed)
    @grading_settings(examples)
    @given(mlp_problems())
    def prop(problem: Problem) -> None:
        key = problem_key(problem)
        run = failing_keys.get(key)  # a replay (Hypothesis's last call is the minimal one)
        if run is None:
            if failing and (
                len(runs) >= examples + SHRINK_BUDGET or time.perf_counter() - failing_since[0] > SHRINK_SECONDS
            ):
                raise _StopShrinking  # budget spent: the last failure recorded is the smallest yet
            run = memo.pop(key, None) or session.run(problem)  # Fatal propagates: Hypothesis re-raises it
            runs.append(run)
            if run.ran and evaluate(run, convention).ok:
                return
            failing_keys[key] = run
            if not failing_since:
                failing_since.append(time.perf_counter())
        failing.append(run)
        raise _Mismatch(problem.size_text())  # one raise site: Hypothesis sees one failure

    notes: list[str] = []
    try:
        prop()
    except (_Mismatch, _StopShrinking):
        pass
    except Fatal:
        raise
    except Exception as exc:  # noqa: BLE001 -- Hypothesis's own complaints (flaky failures) must not crash a grade
        notes.append(f"Hypothesis stopped early: {type(exc).__name__}: {exc}")
    # Hypothesis replays the minimal failing example last; keep distinct problems only once.
    shrunk = failing[-1] if failing else None
    unique: dict[bytes, Run] = {}
    for run in [*runs, *memo.values()]:  # a run Hypothesis did not reach again still counts
        unique.setdefault(problem_key(run.problem), run)
    return list(unique.values()), shrunk, notes


# ---------------------------------------------------------------------------- one file


def grade_path(
    path: Any,
    label: str | None = None,
    *,
    api: str = "auto",
    reg_convention: str | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    examples: int | None = None,
    seed: int | None = None,
    full_size: bool = True,
    rubric: Any = None,
) -> GradeResult:
    """Grade one submission (a .py file, a notebook, or a directory holding one) in a Sandbox.

    Options left at None come from the rubric (``derive.checks.grading.rubric.Rubric``) when
    there is one, else from the defaults (auto, 10 s, 2048 MB, 25 examples, seed 0)."""
    from pathlib import Path

    from derive.checks.grading.rubric import Rubric, apply_rubric
    from derive.checks.grading.sandbox import Limits, Sandbox, SubmissionError
    from derive.checks.grading.submissions import prepare

    rubric = rubric or Rubric()
    reg_convention = reg_convention or rubric.reg_convention
    timeout = timeout if timeout is not None else rubric.timeout or 10.0
    memory_mb = memory_mb if memory_mb is not None else rubric.memory_mb or 2048
    examples = examples if examples is not None else rubric.examples if rubric.examples is not None else 25
    seed = seed if seed is not None else rubric.seed or 0
    label = label or str(path)
    start = time.perf_counter()
    from derive.checks.grading.packages import import_names

    limits = Limits(
        timeout=timeout,
        cpu_seconds=max(60.0, 6.0 * timeout),
        memory_mb=memory_mb,
        packages=import_names(rubric.extra_packages),  # DeriveError: the environment lacks one
    )
    try:
        prepared = prepare(path)
    except SubmissionError as exc:
        return apply_rubric(error_result(label, exc, seconds=time.perf_counter() - start), rubric)
    # A directory submission is copied whole (helpers, data) into the sandbox; a file alone.
    root = Path(path) if Path(path).is_dir() else None
    box = Sandbox(prepared.path, api=api, limits=limits, root=root)
    warm = _warm_up(seed, examples)
    try:
        try:
            box.start()
        except SubmissionError as exc:
            result = error_result(label, exc, seconds=time.perf_counter() - start, output=box.output())
        else:
            # Done before any drawing: Hypothesis must not see another thread touch global state.
            warm.join()
            result = grade_runner(
                box,
                label,
                reg_convention=reg_convention,
                examples=examples,
                seed=seed,
                full_size=full_size,
                layout=rubric.layout,
                strict=rubric.strict,
                rubric=rubric,
            )
        result.notes = [*prepared.notes, *result.notes]
        result.seconds = time.perf_counter() - start
        return apply_rubric(result, rubric)
    finally:
        warm.join()
        box.close()
        prepared.cleanup()


def _warm_up(seed: int, examples: int) -> Any:
    """While the parent waits for the sandbox's child to start (an interpreter and NumPy, about
    0.2 s on another core), read the drawn problems (importing Hypothesis only when they are
    not remembered) and compute the reference on the fixed problems in a thread: a cold
    ``derive grade FILE`` then pays for them at once, not one after the other. All are pure (a
    file read, an import, cached arithmetic); the grade would do them anyway."""
    import threading

    def work() -> None:
        if examples and cached(seed, examples) is None:
            import hypothesis  # noqa: F401 -- the import is the work
        import rich.console  # noqa: F401 -- the text report's, imported while there is time

        for problem in (toy_problem(), *fixed_problems()):
            for convention in ("l2", "half-l2"):
                reference(problem, convention)
        full_size_problem()

    thread = threading.Thread(target=work, name="derive-warm-up", daemon=True)
    thread.start()
    return thread
