"""``derive list`` and ``derive verify``."""

from __future__ import annotations

import contextlib
import json
import time

import click

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_UNDECIDED, DeriveError


@click.command("list")
@click.option("--seed-claims", is_flag=True, help="List the seeds' wrong claims instead.")
def list_cmd(seed_claims: bool) -> None:
    """The catalogue's ids, titles and sources."""
    from rich.console import Console
    from rich.table import Table

    from derive.catalogue import load

    catalogue, seeds = load()
    table = Table("id", "title", "sources", box=None, pad_edge=False)
    for identity in seeds if seed_claims else catalogue:
        table.add_row(identity.id, identity.title, "; ".join(identity.sources))
    Console(width=200).print(table)


def _select(ids: tuple[str, ...]):
    from derive.catalogue import load

    catalogue, seeds = load()
    if not ids:
        return list(catalogue)
    chosen = []
    for key in ids:
        if key in catalogue:
            chosen.append(catalogue[key])
        elif key in seeds:
            chosen.append(seeds[key])
        else:
            raise DeriveError(
                f"unknown identity id {key!r}; 'derive list' shows the catalogue, "
                "'derive list --seed-claims' the seeds' claims"
            )
    return chosen


@click.command()
@click.argument("ids", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON of DESIGN.md instead of a table.")
@click.option(
    "--examples",
    default=40,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="Hypothesis examples per identity.",
)
@click.option(
    "--seed", default=0, show_default=True, type=int, help="Seed for sampling (runs are deterministic per seed)."
)
@click.option("--jobs", default=0, type=click.IntRange(0, 64), help="Worker processes (0: one per core, at most 4).")
@click.pass_context
def verify(ctx: click.Context, ids: tuple[str, ...], as_json: bool, examples: int, seed: int, jobs: int) -> None:
    """Prove and sample identities: all of the catalogue, or the given IDS (catalogue ids or
    the seeds' claims of 'derive list --seed-claims').

    Exit 0 when every identity is verified, 1 when one is refuted, 3 when one could be
    neither proved nor refuted."""
    from derive.checks.proof.verify import default_jobs, summary, verify_all

    identities = _select(ids)
    start = time.perf_counter()
    # rich (~0.1 s to import) only when something is shown with it: --json is on the
    # benchmark's critical path, which is the parent's imports before the workers fork.
    with contextlib.nullcontext(None) if as_json else _progress_bar(len(identities)) as advance:
        results = verify_all(identities, examples=examples, seed=seed, jobs=jobs or default_jobs(), progress=advance)
    totals = summary(results, time.perf_counter() - start)
    if as_json:
        click.echo(
            json.dumps({"identities": [r.as_dict() for r in results], "summary": totals}, indent=2, ensure_ascii=False)
        )
    else:
        _print_table(results, totals)
    if totals["refuted"]:
        ctx.exit(EXIT_FAILED)
    if totals["unverified"]:
        ctx.exit(EXIT_UNDECIDED)
    ctx.exit(EXIT_OK)


@contextlib.contextmanager
def _progress_bar(total: int):
    """A transient bar on stderr when it is a terminal; yields the per-identity callback."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    err = Console(stderr=True)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("verifying", total=total)

        def advance(identity) -> None:
            bar.update(task, description=f"verified {identity.id}")
            bar.advance(task)

        yield advance


_STYLE = {"verified": "green", "refuted": "bold red", "unverified": "yellow"}


def _print_table(results, totals) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 150))
    table = Table("id", "symbolic", "scope", "numeric", "max error", "verdict")
    for r in results:
        s, n = r.symbolic, r.numeric
        table.add_row(
            r.identity.id,
            f"{s.status} ({s.method}, {s.seconds:.2f} s)",
            s.scope,
            f"{n.status} ({n.examples} examples)",
            f"{n.max_error:.1e}",
            f"[{_STYLE[r.verdict]}]{r.verdict}[/]",
        )
    console.print(table)
    for r in results:
        if r.symbolic.counterexample is not None:
            console.print(f"[bold red]{r.identity.id}[/]: refuted {r.symbolic.counterexample}", highlight=False)
        elif r.symbolic.status != "proved" and r.symbolic.detail:
            console.print(f"[yellow]{r.identity.id}[/]: {r.symbolic.detail}", highlight=False)
        if r.numeric.counterexample is not None:
            console.print(
                f"  numeric counterexample (shrunk by Hypothesis): {_show_numeric(r.numeric.counterexample)}",
                highlight=False,
            )
    console.print(
        f"{totals['verified']} verified, {totals['refuted']} refuted, {totals['unverified']} unverified "
        f"in {totals['seconds']:.1f} s",
        highlight=False,
    )


def _show_numeric(cex: dict) -> str:
    sizes = ", ".join(f"{k} = {v}" for k, v in cex.get("sizes", {}).items())
    inputs = ", ".join(f"{k} = {v}" for k, v in cex.get("inputs", {}).items())
    where = "; ".join(filter(None, [sizes, inputs]))
    return f"at {where}: left side = {cex.get('lhs')}, right side = {cex.get('rhs')} ({cex.get('check', 'both sides')})"
