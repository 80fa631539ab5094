"""``derive render`` and ``derive report``."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE

#: Debian packages that provide what ``derive report --pdf`` runs (pdflatex and the LaTeX
#: packages the report uses: amsmath/hyperref/geometry are in -base, booktabs/microtype in
#: -recommended, adjustbox in -extra).
TEX_PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-latex-extra"


def default_out() -> Path:
    """generated/ of the installed package (the repository's generated/ in an editable install)."""
    import derive.generated

    return Path(derive.generated.__file__).resolve().parent


def _verified_files(examples: int, seed: int, quiet: bool) -> dict[str, str]:
    """Verify the catalogue and the seed claims, then render (RenderRefused exits 1)."""
    from derive.catalogue import load
    from derive.checks.proof.verify import default_jobs, verify_all
    from derive.render import render_all

    catalogue, seed_claims = load()
    total = len(catalogue) + len(seed_claims)
    done = [0]

    show = not quiet and sys.stderr.isatty()  # a progress line only where it can be redrawn

    def progress(identity) -> None:
        done[0] += 1
        if show:
            click.echo(f"\rverifying {done[0]}/{total} {identity.id:<40}", nl=False, err=True)

    results = verify_all(list(catalogue), examples=examples, seed=seed, jobs=default_jobs(), progress=progress)
    seed_results = verify_all(list(seed_claims), examples=examples, seed=seed, jobs=default_jobs(), progress=progress)
    if show:
        click.echo("\r" + " " * 60 + "\r", nl=False, err=True)
    return render_all(results, seed_results, catalogue=catalogue, seed=seed)


@click.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory to write into (default: the package's generated/).")
@click.option("--check", is_flag=True, help="Render to a temporary directory and exit 1 if generated/ (or --out) differs.")
@click.option("--examples", default=40, show_default=True, type=click.IntRange(1, 10_000), help="Numeric examples per identity.")
@click.option("--seed", default=0, show_default=True, type=int, help="Seed of the numeric checks (the report names it).")
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
@click.pass_context
def render(ctx: click.Context, out: Path | None, check: bool, examples: int, seed: int, quiet: bool) -> None:
    """Verify the catalogue, then render the report and the NumPy reference module.

    Nothing is rendered (exit 1, naming the ids) unless every identity is verified and every
    seed claim refuted.
    """
    from derive.render import compare_dirs, unified_diff, write_files

    target = out if out is not None else default_out()
    files = _verified_files(examples, seed, quiet)
    if check:
        with tempfile.TemporaryDirectory(prefix="derive-render-") as tmp:
            fresh = Path(tmp)
            write_files(fresh, files)
            differ = compare_dirs(target, fresh, files)
            for name in differ:
                click.echo(unified_diff(target, fresh, name), err=True, nl=False)
        if differ:
            click.echo(f"derive render --check: out of date in {target}: {', '.join(differ)} (run 'derive render')", err=True)
            ctx.exit(EXIT_FAILED)
        click.echo(f"{target}: up to date ({', '.join(sorted(files))})")
        ctx.exit(EXIT_OK)
    for path in write_files(target, files):
        click.echo(f"wrote {path}")
    ctx.exit(EXIT_OK)


@click.command()
@click.option("--pdf", is_flag=True, help="Compile the report with pdflatex (twice, for the table of contents).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("report"), show_default=True,
              help="Directory for report.tex (and report.pdf).")
@click.option("--fresh", is_flag=True, help="Verify and render anew instead of using the packaged generated/report.tex.")
@click.option("--examples", default=40, show_default=True, type=click.IntRange(1, 10_000), help="With --fresh: numeric examples per identity.")
@click.option("--seed", default=0, show_default=True, type=int, help="With --fresh: seed of the numeric checks.")
@click.pass_context
def report(ctx: click.Context, pdf: bool, out: Path, fresh: bool, examples: int, seed: int) -> None:
    """Write the verified LaTeX report to OUT, and with --pdf compile it.

    The packaged generated/report.tex is the verified render (`derive render --check` keeps
    it current); --fresh verifies the catalogue and renders it again first.
    """
    from derive.render import REPORT, LatexMissing, compile_pdf, write_files

    if pdf and shutil.which("pdflatex") is None:
        click.echo(f"derive report: pdflatex not found; install the Debian packages {TEX_PACKAGES}", err=True)
        ctx.exit(EXIT_USAGE)
    if fresh:
        text = _verified_files(examples, seed, quiet=False)[REPORT]
    else:
        source = default_out() / REPORT
        if not source.is_file():
            click.echo(f"derive report: {source} is missing; run 'derive render' or use --fresh", err=True)
            ctx.exit(EXIT_USAGE)
        text = source.read_text(encoding="utf-8")
    (tex_path,) = write_files(out, {REPORT: text})
    if not pdf:
        click.echo(f"wrote {tex_path}")
        ctx.exit(EXIT_OK)
    try:
        outcome = compile_pdf(tex_path)
    except LatexMissing as exc:
        click.echo(f"derive report: {exc}; install the Debian packages {TEX_PACKAGES}", err=True)
        ctx.exit(EXIT_USAGE)
    for problem in outcome.problems:
        click.echo(f"derive report: {problem}", err=True)
    if not outcome.ok:
        click.echo(f"derive report: LaTeX failed; see {outcome.log}", err=True)
        ctx.exit(EXIT_FAILED)
    click.echo(f"wrote {outcome.pdf} ({outcome.pages} pages)")
    ctx.exit(EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(render())
