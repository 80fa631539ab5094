"""``derive grade`` and ``derive gradescope-bundle``.

Exit codes (DESIGN.md): 0 every submission passes; 1 some submission fails; 3 some submission
could not be run (takes precedence over 1: a class report with errors needs a look); 2 bad
usage (missing path, bad option).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, DeriveError

_APIS = ("auto", "twolayernet", "function")
_CONVENTIONS = ("auto", "l2", "half-l2")
_FORMATS = ("text", "json", "gradescope", "junit", "csv")
_SUBMISSION_SUFFIXES = (".py", ".ipynb")


def check_output(path: Path | None, inputs: list[Path], force: bool) -> None:
    """Refuse to write a report over an input (a submission, a file in a graded directory, the
    rubric) or, without --force, over any existing file; DeriveError is one line, exit 2."""
    if path is None:
        return
    target = path.resolve()
    for given in inputs:
        source = given.resolve()
        inside = source.is_dir() and target.is_relative_to(source) and target.suffix in _SUBMISSION_SUFFIXES
        if target == source or inside:
            raise DeriveError(f"{path}: is an input of this command; write the report elsewhere")
    if path.exists() or path.is_symlink():
        if not force:
            raise DeriveError(f"{path}: already exists; pass --force to replace it")
        if not path.is_file():
            raise DeriveError(f"{path}: not a regular file; refusing to replace it")


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise DeriveError(f"{path}: cannot write the report ({exc.strerror})") from None


@click.command("grade")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--api",
    type=click.Choice(_APIS),
    default="auto",
    show_default=True,
    help="TwoLayerNet class, loss_and_grads function, or detect.",
)
@click.option(
    "--reg-convention",
    type=click.Choice(_CONVENTIONS),
    default=None,
    help="l2: λ‖W‖²; half-l2: ½λ‖W‖²; auto (default, or the rubric's): whichever the loss uses.",
)
@click.option(
    "--rubric",
    type=click.Path(path_type=Path),
    default=None,
    help="A rubric (TOML): points, total, visibility, strict policy, extra packages, options.",
)
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to FILE instead of standard output (never over an input).",
)
@click.option(
    "--gradebook",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a CSV gradebook (one row per submission) to FILE.",
)
@click.option("--force", is_flag=True, help="Replace an existing --output or --gradebook file.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=None,
    help="Seconds per call into the submission [default: 10, or the rubric's].",
)
@click.option(
    "--memory-mb",
    type=click.IntRange(min=64),
    default=None,
    help="Address-space limit of the submission's process [default: 2048, or the rubric's].",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Submissions graded in parallel."
)
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=None,
    help="Hypothesis-drawn problems per submission [default: 25, or the rubric's].",
)
@click.option("--seed", type=int, default=None, help="Hypothesis seed [default: 0, or the rubric's].")
@click.option("--single", is_flag=True, help="Each PATH is one submission, also a directory (Gradescope).")
@click.pass_context
def grade(ctx: click.Context, **_options: Any) -> None:
    """Grade gradient implementations (PATH: a .py file, a notebook or a directory of submissions).

    Exit status: 0 every submission passes, 1 some submission fails, 3 some submission could
    not be run, 2 bad usage.
    """
    with _single_threaded_blas():  # before NumPy's import: its thread pool starts with it
        _grade_command(ctx, **ctx.params)


@contextlib.contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """BLAS thread pools in this process and its --jobs workers, unless the user chose: the
    grader's arithmetic is small arrays and one 200×3072 product, where starting the pool costs
    more CPU (~0.08 s at NumPy's import) than it saves, and N workers would oversubscribe the
    cores. Restored afterwards (the command also runs inside tests' processes)."""
    previous = {var: os.environ.get(var) for var in _BLAS_THREADS}
    for var in _BLAS_THREADS:
        os.environ.setdefault(var, "1")
    try:
        yield
    finally:
        for var, value in previous.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _grade_command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    api: str,
    reg_convention: str | None,
    rubric: Path | None,
    fmt: str,
    output: Path | None,
    gradebook: Path | None,
    force: bool,
    timeout: float | None,
    memory_mb: int | None,
    jobs: int,
    examples: int | None,
    seed: int | None,
    single: bool,
) -> None:
    from derive.checks.grading.batch import collect
    from derive.checks.grading.exports import render
    from derive.checks.grading.rubric import load_rubric

    loaded = load_rubric(rubric) if rubric is not None else None
    if loaded is not None:
        from derive.checks.grading.packages import import_names

        import_names(loaded.extra_packages)  # one line, exit 2, before any submission is graded
    submissions = collect(paths, single)
    inputs = [*paths, *([rubric] if rubric is not None else [])]
    check_output(output, inputs, force)
    check_output(gradebook, inputs + ([output] if output else []), force)
    if output is not None and gradebook is not None and output.resolve() == gradebook.resolve():
        raise DeriveError(f"{output}: --output and --gradebook name the same file")
    options = {**_grading_options(api, reg_convention, timeout, memory_mb, examples, seed), "rubric": loaded}
    start = time.perf_counter()
    results = _grade_all(submissions, options, jobs)
    seconds = time.perf_counter() - start
    color = output is None and fmt == "text" and sys.stdout.isatty()
    report = render(results, fmt, color=color, seconds=seconds, rubric=loaded)
    if gradebook is not None:
        _write(gradebook, render(results, "csv"))
    if output is not None:
        _write(output, report)
    else:
        click.echo(report, nl=not report.endswith("\n"))
    verdicts = {r.verdict for r in results}
    ctx.exit(EXIT_UNDECIDED if "error" in verdicts else EXIT_FAILED if "fail" in verdicts else EXIT_OK)


def _grade_all(submissions: list[tuple[Path, str]], options: dict[str, Any], jobs: int) -> list[Any]:
    from derive.checks.grading.batch import grade_all

    # Hypothesis keeps a cache (.hypothesis/, the constants it reads from local source files)
    # in the current directory: a grade must leave the user's directory as it was. The cache
    # goes to the user's cache directory (kept: it saves about a second per cold run in a
    # source checkout), or to a temporary one when that cannot be written.
    previous = os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY")
    storage, temporary = _hypothesis_storage()
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = previous or storage
    try:
        if len(submissions) == 1 or not sys.stderr.isatty():  # no progress bar: rich is not even imported
            return grade_all(submissions, options, jobs)
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(
            TextColumn("grading"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as progress:
            task = progress.add_task("grade", total=len(submissions))
            return grade_all(submissions, options, jobs, lambda: progress.advance(task))
    finally:
        if previous is None:
            os.environ.pop("HYPOTHESIS_STORAGE_DIRECTORY", None)
        if temporary:
            shutil.rmtree(storage, ignore_errors=True)


def _hypothesis_storage() -> tuple[str, bool]:
    """$XDG_CACHE_HOME/derive/hypothesis (~/.cache/...), or a temporary directory (True)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    where = Path(base) / "derive" / "hypothesis"
    try:
        if not where.is_absolute():  # no home directory ("~" unexpanded): not under the user's cwd
            raise OSError
        where.mkdir(parents=True, exist_ok=True)
        if os.access(where, os.W_OK):
            return str(where), False
    except OSError:
        pass
    return tempfile.mkdtemp(prefix="derive-hypothesis-"), True


@click.command("gradescope-bundle")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--rubric",
    type=click.Path(path_type=Path),
    default=None,
    help="A rubric (TOML) to bundle: points, visibility, strict policy, extra packages, options.",
)
@click.option("--api", type=click.Choice(_APIS), default="auto", show_default=True)
@click.option("--reg-convention", type=click.Choice(_CONVENTIONS), default=None)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None)
@click.option("--memory-mb", type=click.IntRange(min=64), default=None)
@click.option("--examples", type=click.IntRange(min=0), default=None)
@click.option("--seed", type=int, default=None)
@click.option("--force", is_flag=True, help="Replace an existing OUT.")
@click.option(
    "--wheel",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Bundle this derive wheel instead of building one from the source tree.",
)
@click.pass_context
def gradescope_bundle(
    ctx: click.Context,
    out: Path,
    rubric: Path | None,
    api: str,
    reg_convention: str | None,
    timeout: float | None,
    memory_mb: int | None,
    examples: int | None,
    seed: int | None,
    force: bool,
    wheel: Path | None,
) -> None:
    """Write a Gradescope autograder zip (setup.sh installs derive; run_autograder grades
    /autograder/submission into /autograder/results/results.json, with the bundled rubric)."""
    from derive.checks.grading.gradescope_bundle import write_bundle
    from derive.checks.grading.rubric import Rubric, load_rubric

    rubric_text, loaded = None, Rubric()
    if rubric is not None:
        loaded = load_rubric(rubric)  # validated now, not when the first student submits
        rubric_text = rubric.read_text(encoding="utf-8")
    # The seed and example count the grades will use (as grade_path settles them), so that
    # setup.sh draws the very problems run_autograder's grades ask for.
    draws = (
        seed if seed is not None else loaded.seed or 0,
        examples if examples is not None else loaded.examples if loaded.examples is not None else 25,
    )
    check_output(out, [p for p in (rubric, wheel) if p is not None], force)
    options = _grading_options(api, reg_convention, timeout, memory_mb, examples, seed)
    names = write_bundle(
        out,
        {k: v for k, v in options.items() if v is not None},
        wheel=wheel,
        rubric=rubric_text,
        extra_packages=loaded.extra_packages,
        draws=draws,
    )
    click.echo(f"wrote {out}: {', '.join(names)}")
    ctx.exit(EXIT_OK)


def _grading_options(
    api: str, reg_convention: str | None, timeout: float | None, memory_mb: int | None, examples: int | None,
    seed: int | None,
) -> dict[str, Any]:
    """The grading options that ``derive grade`` and the Gradescope bundle pass on alike."""
    return {"api": api, "reg_convention": reg_convention, "timeout": timeout, "memory_mb": memory_mb,
            "examples": examples, "seed": seed}
