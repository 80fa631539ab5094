"""Compiling the LaTeX report with pdflatex and reading its log."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from derive.errors import DeriveError

__all__ = ["LatexMissing", "PdfOutcome", "compile_pdf"]


class LatexMissing(DeriveError):
    """No pdflatex on PATH."""


@dataclass(frozen=True)
class PdfOutcome:
    """What compiling the report gave: the files, and every problem the log shows."""

    ok: bool
    pdf: Path
    log: Path
    pages: int
    errors: tuple[str, ...]
    undefined: tuple[str, ...]
    overfull: tuple[str, ...]

    @property
    def problems(self) -> list[str]:
        return [*self.errors, *self.undefined, *self.overfull]


def compile_pdf(tex_path: Path, *, runs: int = 2, max_runs: int = 4, timeout: float = 180.0) -> PdfOutcome:
    """Run pdflatex at least ``runs`` times (the table of contents needs two) and again while
    LaTeX asks for a rerun (the contents page shifts the labels), at most ``max_runs``, in the
    file's directory, without shell escape; then read the last log."""
    exe = shutil.which("pdflatex")
    if exe is None:
        raise LatexMissing("pdflatex not found")
    tex_path = tex_path.resolve()
    cmd = [exe, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error", tex_path.name]
    returncode = 0
    log = tex_path.with_suffix(".log")
    for run in range(1, max_runs + 1):
        try:
            proc = subprocess.run(
                cmd, cwd=tex_path.parent, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise DeriveError(f"pdflatex did not finish within {timeout:.0f} s") from exc
        returncode = proc.returncode
        if returncode != 0:
            break
        if run >= runs and "Rerun to get" not in log.read_text(encoding="latin-1"):
            break
    pdf = tex_path.with_suffix(".pdf")
    text = log.read_text(encoding="latin-1") if log.exists() else ""
    errors = tuple(line.strip() for line in text.splitlines() if line.startswith("!") or re.match(r"^\S+:\d+: ", line))
    undefined = tuple(
        line.strip()
        for line in text.splitlines()
        if "undefined" in line and ("Reference" in line or "Citation" in line or "There were undefined" in line)
    )
    if "Rerun to get cross-references right" in text:
        undefined += ("LaTeX asks for another run to get cross-references right",)
    overfull = tuple(line.strip() for line in text.splitlines() if line.startswith("Overfull"))
    pages_match = re.search(r"Output written on .*?\((\d+) pages?", text)
    pages = int(pages_match.group(1)) if pages_match else 0
    if returncode != 0 and not errors:
        errors = (f"pdflatex exited with status {returncode}",)
    ok = returncode == 0 and not errors and not undefined and pdf.exists()
    return PdfOutcome(ok, pdf, log, pages, errors, undefined, overfull)
