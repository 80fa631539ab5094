"""A document the user names, as text plus how to read it (Markdown or LaTeX).

``.tex`` (and ``.ltx``, ``.latex``) is LaTeX; ``.ipynb`` is a Jupyter notebook whose Markdown
cells are put one after another (each headed by an HTML comment naming the cell, which the
Markdown parser skips), so that lines in the output count in that text; ``.md``, ``.txt`` and
anything else is Markdown unless it has ``\\documentclass``. Files are read through
:func:`~derive.checks.latex.bounds.read_document` (regular files only, size limit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from derive.checks.latex.bounds import MAX_BYTES, read_document
from derive.checks.latex.rst_math import rst_as_markdown

from derive.errors import DeriveError

__all__ = ["Document", "load_document", "notebook_markdown"]

_LATEX_SUFFIXES = {".tex", ".ltx", ".latex"}
_CELL_MARK = re.compile(r"<!-- cell (\d+) -->")


@dataclass(frozen=True)
class Document:
    """The text to check and whether it is Markdown; for a notebook, ``text`` is its Markdown
    cells joined (what line numbers refer to)."""

    path: str
    text: str
    markdown: bool
    notebook: bool = False
    #: the file as written where ``text`` is a rewriting of it with the same lines and columns
    #: (reStructuredText's math as Markdown math: rst_math); what the views show
    written: str | None = None

    @property
    def shown(self) -> str:
        """The text the marked views show: the file as written."""
        return self.written if self.written is not None else self.text

    def cell(self, line: int) -> tuple[int, int] | None:
        """For a notebook: (cell number, line in that cell) of a line of ``text``; else None."""
        if not self.notebook:
            return None
        lines = self.text.splitlines()
        for k in range(min(line, len(lines)) - 1, -1, -1):
            found = _CELL_MARK.fullmatch(lines[k])
            if found:
                return int(found.group(1)), line - k - 1
        return None


def notebook_markdown(source: str, path: str = "<notebook>") -> str:
    """The Markdown cells of a notebook (JSON text), one after another, each headed by
    ``<!-- cell N -->`` (N counts all cells from 1, as Jupyter shows them)."""
    import warnings

    import nbformat

    try:
        with warnings.catch_warnings():
            # nbformat warns about missing cell ids, which matter to Jupyter, not to us
            warnings.simplefilter("ignore")
            notebook = nbformat.reads(source, as_version=4)
        cells = list(notebook.cells)
    except (ValueError, TypeError, KeyError, AttributeError, nbformat.ValidationError) as exc:
        # nbformat's NotJSONError is a ValueError; a JSON that is not a notebook lacks keys
        raise DeriveError(f"{path} is not a Jupyter notebook ({type(exc).__name__})") from None
    parts: list[str] = []
    for number, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "markdown":
            continue
        body = cell.get("source", "")
        body = "".join(body) if isinstance(body, list) else str(body)
        parts.append(f"<!-- cell {number} -->\n{body.rstrip()}\n")
    return "\n".join(parts)


def load_document(path: str, limit: int = MAX_BYTES) -> Document:
    """Read ``path`` within bounds and say how to read it. Raises DeriveError (exit 2)."""
    text = read_document(path, limit)
    suffix = PurePath(path).suffix.lower()
    if suffix == ".ipynb":
        return Document(path, notebook_markdown(text, path), markdown=True, notebook=True)
    if suffix in _LATEX_SUFFIXES:
        return Document(path, text, markdown=False)
    if suffix in (".rst", ".rest"):  # Sphinx notes: math directives and roles, lines and columns kept
        return Document(path, rst_as_markdown(text), markdown=True, written=text)
    return Document(path, text, markdown="\\documentclass" not in text)
