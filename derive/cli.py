"""The ``derive`` command line: a thin click group; each verb lives in derive/commands/."""

from __future__ import annotations

import sys

import click

from derive.errors import EXIT_USAGE, DeriveError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="derive")
def cli() -> None:
    """derive: prove, render and grade the mathematics of back-propagation."""


def _add_commands() -> None:
    from derive.commands.check import check
    from derive.commands.check_latex import check_latex
    from derive.commands.grade import grade, gradescope_bundle
    from derive.commands.render import render, report
    from derive.commands.verify import list_cmd, verify

    for command in (check_latex, list_cmd, verify, check, render, report, grade, gradescope_bundle):
        cli.add_command(command)


_add_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and their exit code."""
    try:
        # With standalone_mode=False click returns a command's ctx.exit() code instead of exiting.
        code = cli.main(args=argv, prog_name="derive", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("derive: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except DeriveError as exc:
        click.echo(f"derive: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
