"""``derive render`` and ``derive report``."""

from __future__ import annotations

import shutil
import sys
import tempfile
from importlib import resources
from pathlib import Path

import click

from derive.errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, DeriveError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser as a package (a dependency there)
    import tomli as tomllib

#: derive.render.REPORT, repeated so that reading the packaged report needs no SymPy import.
REPORT_NAME = "report.tex"

#: Debian packages that provide what ``derive report --pdf`` runs (pdflatex and the LaTeX
#: packages the report uses: amsmath/hyperref/geometry are in -base, booktabs/microtype in
#: -recommended, adjustbox in -extra).
TEX_PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-latex-extra"


def source_tree() -> Path | None:
    """The source checkout the running derive package comes from: the directory above the
    package holding a pyproject.toml of the project named "derive"; None for an installed
    package (site-packages has no such file)."""
    import derive

    root = Path(derive.__file__).resolve().parent.parent
    try:
        with open(root / "pyproject.toml", "rb") as fh:
            project = tomllib.load(fh).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return root if project.get("name") == "derive" else None


def default_out(cwd: Path | None = None) -> Path:
    """generated/ of the source checkout, when derive runs from one and the current directory
    is inside it; anything else (an installed package, another checkout) must name --out, so
    that no command writes into site-packages or into a checkout the user is not in."""
    root = source_tree()
    if root is None:
        raise DeriveError("derive is installed, not run from its source tree: pass --out DIR to say where to write")
    here = (cwd or Path.cwd()).resolve()
    if not here.is_relative_to(root):
        raise DeriveError(f"the derive in use is the checkout {root}, and the current directory is outside it: "
                          f"pass --out DIR, or run inside {root}")
    return root / "generated"


def packaged_report() -> str | None:
    """The verified report shipped with the package (derive.generated), or None."""
    resource = resources.files("derive.generated").joinpath(REPORT_NAME)
    return resource.read_text(encoding="utf-8") if resource.is_file() else None


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
              help="Directory to write into (default: generated/ of the source checkout you are in; "
                   "required anywhere else).")
@click.option("--check", is_flag=True,
              help="Render to a temporary directory and exit 1 if generated/ (or --out) differs.")
@click.option("--examples", default=40, show_default=True, type=click.IntRange(1, 10_000),
              help="Numeric examples per identity.")
@click.option("--seed", default=0, show_default=True, type=int,
              help="Seed of the numeric checks (the report names it).")
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
            click.echo(f"derive render --check: out of date in {target}: {', '.join(differ)} (run 'derive render')",
                       err=True)
            ctx.exit(EXIT_FAILED)
        click.echo(f"{target}: up to date ({', '.join(sorted(files))})")
        ctx.exit(EXIT_OK)
    for path in write_files(target, files):
        click.echo(f"wrote {path}")
    ctx.exit(EXIT_OK)


@click.command()
@click.option("--pdf", is_flag=True, help="Compile the report with pdflatex (twice, for the table of contents).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("report"),
              show_default=True, help="Directory for report.tex (and report.pdf).")
@click.option("--force", is_flag=True, help="Replace report.tex / report.pdf already in OUT.")
@click.option("--fresh", is_flag=True,
              help="Verify and render anew instead of using the packaged generated/report.tex.")
@click.option("--examples", default=40, show_default=True, type=click.IntRange(1, 10_000),
              help="With --fresh: numeric examples per identity.")
@click.option("--seed", default=0, show_default=True, type=int, help="With --fresh: seed of the numeric checks.")
@click.pass_context
def report(ctx: click.Context, pdf: bool, out: Path, force: bool, fresh: bool, examples: int, seed: int) -> None:
    """Write the verified LaTeX report to OUT, and with --pdf compile it.

    The packaged generated/report.tex is the verified render (`derive render --check` keeps
    it current); --fresh verifies the catalogue and renders it again first.
    """
    from derive.render import LatexMissing, compile_pdf, write_files

    if pdf and shutil.which("pdflatex") is None:
        click.echo(f"derive report: pdflatex not found; install the Debian packages {TEX_PACKAGES}", err=True)
        ctx.exit(EXIT_USAGE)
    existing = [out / name for name in (REPORT_NAME, "report.pdf" if pdf else None) if name and (out / name).exists()]
    if existing and not force:
        click.echo(f"derive report: {existing[0]} exists; pass --force to replace it, or choose another --out",
                   err=True)
        ctx.exit(EXIT_USAGE)
    if fresh:
        text = _verified_files(examples, seed, quiet=False)[REPORT_NAME]
    else:
        text = packaged_report()
        if text is None:
            click.echo("derive report: the package holds no generated/report.tex; run 'derive render' or use --fresh",
                       err=True)
            ctx.exit(EXIT_USAGE)
    (tex_path,) = write_files(out, {REPORT_NAME: text})
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
