"""``derive check-latex``: check a written derivation step by step."""

from __future__ import annotations

import json
import os
import time
from typing import Any

import click

from derive.errors import EXIT_FAILED, EXIT_OK, DeriveError

_MARKS = {"ok": ("✓", "green"), "wrong": ("✗", "bold red"), "unparsed": ("~", "dim"), "inconclusive": ("?", "yellow")}


@click.command("check-latex")
@click.argument("file", type=click.Path(dir_okay=True, allow_dash=False))
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of DESIGN.md instead of marked lines.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write an annotated, self-contained HTML page of the whole document to this file.",
)
@click.option("--force", is_flag=True, help="Let --html overwrite an existing file.")
@click.option(
    "--notation",
    "notation_path",
    type=click.Path(),
    default=None,
    help="A notation file (TOML) saying what names mean; default: the seeds' conventions.",
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds allowed per step; a step over it is inconclusive.",
)
@click.option(
    "--budget",
    default=120.0,
    show_default=True,
    type=click.FloatRange(0.5, 86400),
    help="Seconds allowed for the whole document; steps left when it is spent are inconclusive.",
)
@click.option(
    "--examples",
    default=60,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Numeric samples for a step the prover cannot decide.",
)
@click.option("--seed", default=0, show_default=True, type=int, help="Seed for the counterexample search and sampling.")
@click.option("-v", "--verbose", is_flag=True, help="Also say why each unparsed step could not be read.")
@click.pass_context
def check_latex(
    ctx: click.Context,
    file: str,
    as_json: bool,
    html_out: str | None,
    force: bool,
    notation_path: str | None,
    timeout: float,
    budget: float,
    examples: int,
    seed: int,
    verbose: bool,
) -> None:
    """Check every step A = B = C … of the math in FILE (.md, .txt, .tex or .ipynb).

    Each step is ok (proved, or sampled and marked so), wrong (with a counterexample),
    unparsed (with what could not be read) or inconclusive. Only regular files up to 2 MB are
    read. Exit 1 if a step is wrong, 0 otherwise, 2 for an unreadable file or notation."""
    started = time.monotonic()  # the budget counts from here: imports and reading included
    from derive.checks.latex.documents import load_document

    if html_out is not None and os.path.lexists(html_out) and not force:
        raise DeriveError(f"{html_out} exists; pass --force to overwrite it")
    document = load_document(file)  # first: a bad file is refused before SymPy is imported

    from derive.checks.latex.notation import load_notation

    notation = load_notation(notation_path)
    report, over = _check(document, notation, file, (timeout, budget, started), examples, seed)
    data = _report_data(report, document, over)
    if html_out is not None:
        _write_html(html_out, document, data)
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        _print_marked(report, document, verbose)
        if over:
            click.echo(f"{file}: {over}")
        elif verbose:
            for block in data["unread"]:
                click.echo(f"{block['line']:5d} ·    a math block with no step: {block['reason']}")
    ctx.exit(EXIT_FAILED if report.summary()["wrong"] else EXIT_OK)


def _check(
    document: Any, notation: Any, file: str, limits: tuple[float, float, float], examples: int, seed: int
) -> Any:
    """The report, and why it is empty if the budget ran out before the steps were read ("" if
    it ran out later, None if it did not).
    ``limits``: seconds per step, seconds for the document, and when the clock started."""
    timeout, budget, started = limits
    from derive.checks.latex.budget import OverBudget, ParallelRunner, reading_guard
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.latex_doc import UnwalkableDocument
    from derive.checks.latex.results import Report

    start = time.perf_counter()
    with ParallelRunner(timeout, budget) as runner:
        runner.start_clock(started)
        try:
            with reading_guard(runner):
                report = check_text(
                    document.text,
                    notation,
                    file=file,
                    timeout=timeout,
                    markdown=document.markdown,
                    examples=examples,
                    seed=seed,
                    runner=runner,
                )
        except (OverBudget, UnwalkableDocument) as exc:
            return Report(file, seconds=time.perf_counter() - start), str(exc)
        if runner.remaining() <= 0:
            # no time left to look for blocks without steps (it means reading the document again)
            return report, ""
    return report, None


def _report_data(report: Any, document: Any, over: str | None) -> dict[str, Any]:
    """The JSON object: DESIGN.md's contract, each step's relation (and notebook cell), and
    beside it the display blocks in which no step was found, with the reason."""
    from derive.checks.latex.coverage import unread_blocks

    data = report.as_dict()
    for step, result in zip(data["steps"], report.results, strict=True):
        step.setdefault("relation", result.step.relation)
        cell = document.cell(step["line"])
        if cell is not None:  # a notebook: lines count in its Markdown cells put one after another
            step["cell"], step["cell_line"] = cell
    if over:
        data["unread"] = [{"line": 1, "column": 1, "text": "", "reason": f"the whole document: {over}"}]
    elif over == "":
        data["unread"] = []
    else:
        data["unread"] = unread_blocks(document.text, document.markdown, data["steps"])
    return data


def _write_html(path: str, document: Any, data: dict[str, Any]) -> None:
    from derive.checks.latex.annotate import annotated_html

    unread: dict[int, str] = {}
    for block in data["unread"]:
        unread.setdefault(block["line"], block["reason"])
    page = annotated_html(document.shown, data, unread)
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(page)
    except OSError as exc:
        raise DeriveError(f"cannot write {path}: {exc.strerror or exc}") from None


def _print_marked(report: Any, document: Any, verbose: bool) -> None:
    from rich.console import Console
    from rich.markup import escape

    console = Console(highlight=False, soft_wrap=True)
    lines = document.shown.splitlines()
    by_line: dict[int, list] = {}
    for result in report.results:
        by_line.setdefault(result.step.line, []).append(result)
    width = 100
    for number in sorted(by_line):
        results = by_line[number]
        marks = "".join(f"[{_MARKS[r.status][1]}]{_MARKS[r.status][0]}[/]" for r in results)
        text = lines[number - 1].strip() if 0 < number <= len(lines) else ""
        if len(text) > width:
            text = text[: width - 1] + "…"
        pad = " " * max(0, 4 - len(results))
        cell = document.cell(number)
        where = f"cell {cell[0]}:{cell[1]} " if cell else ""
        console.print(f"{number:5d} {marks}{pad} {where}{escape(text)}")
        for k, r in enumerate(results, 1):
            if r.status == "ok" or (r.status == "unparsed" and not verbose):
                continue
            mark, style = _MARKS[r.status]
            step = f"{_short(r.step.lhs)} {'=' if r.step.relation == '=' else '∈'} {_short(r.step.rhs)}"
            column = getattr(r.step, "column", None)
            where = f" (column {column})" if column else ""
            console.print(f"      [{style}]{mark} {r.status}[/] step {k}{where}: {escape(step)}")
            console.print(f"        {escape(_short(r.message, 200))}", style="dim" if r.status != "wrong" else None)
    s = report.summary()
    console.print(
        f"\n{report.file}: {len(report.results)} steps: [green]{s['ok']} ok[/], [bold red]{s['wrong']} wrong[/], "
        f"{s['unparsed']} unparsed, [yellow]{s['inconclusive']} inconclusive[/] ({report.seconds:.1f} s)"
    )
    console.print(
        "marks: ✓ ok   ✗ wrong   ? inconclusive   ~ unparsed" + ("" if verbose else " (-v says why)"), style="dim"
    )


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
