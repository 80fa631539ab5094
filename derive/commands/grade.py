"""``derive grade`` and ``derive gradescope-bundle``.

Exit codes (DESIGN.md): 0 every submission passes; 1 some submission fails; 3 some submission
could not be run (takes precedence over 1: a class report with errors needs a look); 2 bad
usage (missing path, bad option).
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import click

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, DeriveError

_APIS = ("auto", "twolayernet", "function")
_CONVENTIONS = ("auto", "l2", "half-l2")
_FORMATS = ("text", "json", "gradescope", "junit")


def collect(paths: tuple[Path, ...], single: bool) -> list[tuple[Path, str]]:
    """(path, label) of every submission: a .py file; in a directory, each .py file and each
    sub-directory holding one (or, with ``single``, the directory itself)."""
    found: list[tuple[Path, str]] = []
    for path in dict.fromkeys(paths):  # a path given twice is graded once
        if not path.exists():
            raise DeriveError(f"{path}: no such file or directory")
        if path.is_file():
            if path.suffix != ".py":
                raise DeriveError(f"{path}: a submission is a .py file or a directory of them")
            found.append((path, str(path)))
        elif single:
            found.append((path, str(path)))
        else:
            entries = sorted(p for p in path.iterdir() if not p.name.startswith((".", "__")))
            subs = [p for p in entries if (p.is_file() and p.suffix == ".py") or (p.is_dir() and any(p.rglob("*.py")))]
            if not subs:
                raise DeriveError(f"{path}: holds no submissions (.py files or directories with one)")
            found += [(p, str(p)) for p in subs]
    return list(dict.fromkeys(found))


def _grade_one(args: tuple[Path, str, dict[str, Any]]) -> Any:
    from derive.checks.grading.grader import grade_path

    path, label, options = args
    try:
        return grade_path(path, label, **options)
    except Exception as exc:  # a grader bug must cost one submission, never the class report
        from derive.checks.grading.grader import error_result

        return error_result(label, RuntimeError(f"internal grader error ({type(exc).__name__}: {exc}); please report it"))


@click.command("grade")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--api", type=click.Choice(_APIS), default="auto", show_default=True,
              help="TwoLayerNet class, loss_and_grads function, or detect.")
@click.option("--reg-convention", type=click.Choice(_CONVENTIONS), default="auto", show_default=True,
              help="l2: λ‖W‖²; half-l2: ½λ‖W‖²; auto: whichever the submission's loss uses.")
@click.option("--format", "fmt", type=click.Choice(_FORMATS), default="text", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the report to FILE instead of standard output.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Wall-clock seconds per call into the submission.")
@click.option("--memory-mb", type=click.IntRange(min=64), default=2048, show_default=True,
              help="Address-space limit of the submission's process.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Submissions graded in parallel.")
@click.option("--examples", type=click.IntRange(min=0), default=25, show_default=True,
              help="Hypothesis-drawn problems per submission.")
@click.option("--seed", type=int, default=0, show_default=True, help="Hypothesis seed.")
@click.option("--single", is_flag=True, help="Each PATH is one submission, also a directory (Gradescope).")
@click.pass_context
def grade(ctx: click.Context, paths: tuple[Path, ...], api: str, reg_convention: str, fmt: str, output: Path | None,
          timeout: float, memory_mb: int, jobs: int, examples: int, seed: int, single: bool) -> None:
    """Grade gradient implementations (PATH: a .py file or a directory of submissions).

    Exit status: 0 every submission passes, 1 some submission fails, 3 some submission could
    not be run, 2 bad usage.
    """
    from derive.checks.grading.reporters import render

    submissions = collect(paths, single)
    options = {"api": api, "reg_convention": reg_convention, "timeout": timeout, "memory_mb": memory_mb,
               "examples": examples, "seed": seed}
    start = time.perf_counter()
    results = _grade_all(submissions, options, jobs)
    seconds = time.perf_counter() - start
    color = output is None and fmt == "text" and sys.stdout.isatty()
    report = render(results, fmt, color=color, seconds=seconds)
    if output is not None:
        try:
            output.write_text(report if report.endswith("\n") else report + "\n", encoding="utf-8")
        except OSError as exc:
            raise DeriveError(f"{output}: cannot write the report ({exc.strerror})") from None
    else:
        click.echo(report, nl=not report.endswith("\n"))
    verdicts = {r.verdict for r in results}
    ctx.exit(EXIT_UNDECIDED if "error" in verdicts else EXIT_FAILED if "fail" in verdicts else EXIT_OK)


def _grade_all(submissions: list[tuple[Path, str]], options: dict[str, Any], jobs: int) -> list[Any]:
    work = [(path, label, options) for path, label in submissions]
    if len(work) == 1:
        return [_grade_one(work[0])]
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    results: dict[str, Any] = {}
    console = Console(stderr=True)
    with Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("grade", total=len(work))
        if jobs == 1:
            for item in work:
                results[item[1]] = _grade_one(item)
                progress.advance(task)
        else:
            import multiprocessing

            # spawn: the workers start clean (no copy of the progress bar's thread or of locks).
            with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {pool.submit(_grade_one, item): item[1] for item in work}
                for future in as_completed(futures):
                    label = futures[future]
                    try:
                        results[label] = future.result()
                    except Exception as exc:  # a worker that died (BrokenProcessPool) costs its submissions only
                        from derive.checks.grading.grader import error_result

                        results[label] = error_result(label, RuntimeError(f"internal grader error ({type(exc).__name__}: {exc})"))
                    progress.advance(task)
    return [results[label] for _, label in submissions]


@click.command("gradescope-bundle")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--api", type=click.Choice(_APIS), default="auto", show_default=True)
@click.option("--reg-convention", type=click.Choice(_CONVENTIONS), default="auto", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True)
@click.option("--memory-mb", type=click.IntRange(min=64), default=2048, show_default=True)
@click.option("--examples", type=click.IntRange(min=0), default=25, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--wheel", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Bundle this derive wheel instead of building one from the source tree.")
@click.pass_context
def gradescope_bundle(ctx: click.Context, out: Path, api: str, reg_convention: str, timeout: float,
                      memory_mb: int, examples: int, seed: int, wheel: Path | None) -> None:
    """Write a Gradescope autograder zip (setup.sh installs derive; run_autograder grades
    /autograder/submission into /autograder/results/results.json)."""
    from derive.checks.grading.gradescope_bundle import write_bundle

    options = {"api": api, "reg_convention": reg_convention, "timeout": timeout, "memory_mb": memory_mb,
               "examples": examples, "seed": seed}
    names = write_bundle(out, options, wheel=wheel)
    click.echo(f"wrote {out}: {', '.join(names)}")
    ctx.exit(EXIT_OK)
