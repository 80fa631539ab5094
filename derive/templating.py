"""The Jinja environment of the renders, and writing and comparing what was rendered.

Templates load from the installed package (derive.templates: the repository's templates/ in an
editable install, the wheel's copy otherwise), so a wheel renders without the source tree.
"""

from __future__ import annotations

import difflib
import filecmp
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

import jinja2

from derive.errors import DeriveError

__all__ = ["LATEX_DELIMITERS", "RenderRefused", "compare_dirs", "environment", "unified_diff", "write_files"]


class RenderRefused(DeriveError):
    """Something is not verified (or a seed claim is not refuted): nothing is rendered."""

    exit_code = 1


def _load_template(name: str) -> str | None:
    """A template's text from the package derive.templates (the repository's templates/ in an
    editable install, the wheel's copy otherwise)."""
    resource = resources.files("derive.templates").joinpath(name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


#: LaTeX is full of {# and {%: the .tex templates use ((( ))), ((* *)) and ((# #)) instead.
LATEX_DELIMITERS = {
    "block_start_string": "((*",
    "block_end_string": "*))",
    "variable_start_string": "(((",
    "variable_end_string": ")))",
    "comment_start_string": "((#",
    "comment_end_string": "#))",
}


def environment(latex: bool = False) -> jinja2.Environment:
    """Jinja loading templates from the installed package (derive.templates), so a wheel
    renders without the source tree. StrictUndefined: a missing value is an error, never ''."""
    return jinja2.Environment(
        **(LATEX_DELIMITERS if latex else {}),
        loader=jinja2.FunctionLoader(_load_template),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=False,
        lstrip_blocks=False,
    )


def write_files(out_dir: Path, files: Mapping[str, str]) -> list[Path]:
    """Write each file (UTF-8, '\\n' line ends) and return the paths, sorted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(files):
        path = out_dir / name
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(files[name])
        written.append(path)
    return written


def compare_dirs(expected: Path, actual: Path, names: Iterable[str]) -> list[str]:
    """Names whose bytes differ (or are missing) between two directories, sorted."""
    differ = []
    for name in sorted(names):
        a, b = expected / name, actual / name
        if not a.exists() or not b.exists() or not filecmp.cmp(a, b, shallow=False):
            differ.append(name)
    return differ


def unified_diff(expected: Path, actual: Path, name: str, limit: int = 40) -> str:
    old = (expected / name).read_text(encoding="utf-8").splitlines(keepends=True) if (expected / name).exists() else []
    new = (actual / name).read_text(encoding="utf-8").splitlines(keepends=True) if (actual / name).exists() else []
    lines = list(difflib.unified_diff(old, new, f"{expected / name}", f"fresh render of {name}"))
    return "".join(lines[:limit])
