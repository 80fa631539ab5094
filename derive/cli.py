"""The ``derive`` command line: a thin click group; each verb lives in derive/commands/.

Commands are imported only when they run (``LazyGroup``): ``derive --help`` and ``--version``
must answer without importing SymPy, NumPy, Hypothesis or rich (about 0.6 s on 2 cores).
The command list of ``derive --help`` reads each command's docstring from its source file
(``command_help``) instead of importing it.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import os
import sys

import click

from derive import __version__
from derive.errors import EXIT_UNDECIDED, EXIT_USAGE, DeriveError

#: name → (module, attribute) of each command.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("derive.commands.check", "check"),
    "check-latex": ("derive.commands.check_latex", "check_latex"),
    "grade": ("derive.commands.grade", "grade"),
    "gradescope-bundle": ("derive.commands.grade", "gradescope_bundle"),
    "list": ("derive.commands.verify", "list_cmd"),
    "render": ("derive.commands.render", "render"),
    "report": ("derive.commands.render", "report"),
    "verify": ("derive.commands.verify", "verify"),
}


def command_help(name: str) -> str:
    """A command's help text read from its module's source (the docstring of the decorated
    function), so that listing the commands imports none of them; imports the command when
    its help is not a plain docstring."""
    module, attribute = COMMANDS[name]
    spec = importlib.util.find_spec(module)
    if spec is not None and spec.origin is not None:
        with open(spec.origin, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == attribute:
                doc = ast.get_docstring(node)
                if doc:
                    return doc
    return getattr(importlib.import_module(module), attribute).help or ""


class LazyGroup(click.Group):
    """A group whose commands are imported when one is run (or asked for its own help)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module, attribute = entry
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from COMMANDS' help lines, without importing any command."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(n) for n in names)
        rows = [(name, click.utils.make_default_short_help(command_help(name), limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="derive")
def cli() -> None:
    """derive: prove, render and grade the mathematics of back-propagation."""


#: Commands whose process, run from the command line, ends without tearing the interpreter down:
#: check-latex's main process holds SymPy and some 350 modules of the checker, whose teardown
#: (every module's objects freed one by one) takes 0.3–0.5 s on 2 cores after the report is
#: printed. Its output is written and closed by then (stdout and stderr are flushed here; --html
#: is written in a ``with`` block) and its workers are stopped (budget.ParallelRunner's ``with``).
QUICK_EXIT = frozenset({"check-latex"})


def main(argv: list[str] | None = None) -> None:
    """Entry point: library errors become one line on stderr and their exit code."""
    try:
        _main(argv)
    except SystemExit as done:
        # only as the process's own entry point (argv None): called with arguments (tests, other
        # Python code), it raises SystemExit as before
        if argv is None and sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
            _exit_now(done.code)
        raise


def _exit_now(code: object) -> None:
    """End the process at once with ``code``, after flushing what it printed."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (derive … | head): nothing more can be written
            pass
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def _main(argv: list[str] | None) -> None:
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
    except Exception as exc:  # noqa: BLE001 - a defect of ours, met on a user's input: one line, never a traceback
        click.echo(f"derive: internal error ({type(exc).__name__}: {exc}); please report it with the input", err=True)
        sys.exit(EXIT_UNDECIDED)
    sys.exit(code if isinstance(code, int) else 0)
