"""derive --help / --version answer without importing the heavy libraries; commands load lazily."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys

import click
import pytest

from derive import __version__
from derive.cli import COMMANDS, cli, command_help

HEAVY = ("sympy", "numpy", "hypothesis", "rich", "jinja2")

_PROBE = """
import sys
from derive.cli import main
try:
    main({argv!r})
except SystemExit as exc:
    code = exc.code
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("HEAVY:" + ",".join(heavy), file=sys.stderr)
sys.exit(code)
"""


def _probe(argv: list[str]) -> subprocess.CompletedProcess:
    script = _PROBE.format(argv=argv, heavy=HEAVY)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["-h"]])
def test_help_and_version_import_no_heavy_library(argv: list[str]) -> None:
    proc = _probe(argv)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY:\n" in proc.stderr, proc.stderr  # nothing after the colon
    if argv == ["--version"]:
        assert proc.stdout.strip() == f"derive, version {__version__}"
    else:
        for name in COMMANDS:
            assert f"  {name} " in proc.stdout


def test_running_a_command_imports_it() -> None:
    proc = _probe(["list"])
    assert proc.returncode == 0, proc.stderr
    assert "softmax-jacobian" in proc.stdout
    assert "sympy" in proc.stderr.split("HEAVY:")[1]


def test_unknown_command_is_a_usage_error() -> None:
    proc = _probe(["no-such-verb"])
    assert proc.returncode == 2
    assert "No such command 'no-such-verb'" in proc.stderr


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_help_read_from_source_is_the_commands_own(name: str) -> None:
    module, attribute = COMMANDS[name]
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    assert command.name == name
    assert command_help(name) == inspect.cleandoc(command.help)
    assert cli.get_command(click.Context(cli), name) is command


def test_every_command_module_is_listed() -> None:
    """A command added to derive/commands/ without a COMMANDS entry would be unreachable."""
    import pkgutil

    import derive.commands

    found = set()
    for info in pkgutil.iter_modules(derive.commands.__path__):
        module = importlib.import_module(f"derive.commands.{info.name}")
        for attribute, value in vars(module).items():
            if isinstance(value, click.Command) and value.callback.__module__ == module.__name__:
                found.add((module.__name__, attribute))
    assert found == set(COMMANDS.values())
