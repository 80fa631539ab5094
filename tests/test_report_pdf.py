"""The verified report compiles with a real pdflatex: no errors, no undefined references, no
overfull boxes, a table of contents, and pdftotext finds every identity's title."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from derive.catalogue import load
from derive.cli import main

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.latex,
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("pdflatex") is None or shutil.which("pdftotext") is None,
        reason="pdflatex/pdftotext not installed (Debian: texlive-latex-base texlive-latex-recommended "
        "texlive-latex-extra poppler-utils; CI installs them)",
    ),
]


def _letters(text: str) -> str:
    """Only letters and digits, lower case, after compatibility normalisation (ligatures,
    sub/superscripts): line breaks, hyphenation and typesetting of symbols do not matter."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^a-z0-9]", "", text)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    with pytest.raises(SystemExit) as info:
        main(["report", "--pdf", "--out", str(out)])
    assert info.value.code == 0
    from derive.render import compile_pdf

    # Read the log of the final run (the command compiled twice; a third run changes nothing).
    outcome = compile_pdf(out / "report.tex", runs=1)
    text = subprocess.run(["pdftotext", "-layout", str(outcome.pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return outcome, text


def test_compiles_without_errors_or_undefined_references(compiled):
    outcome, _ = compiled
    assert outcome.ok, outcome.problems
    assert outcome.errors == ()
    assert outcome.undefined == ()
    assert outcome.pages >= 5


def test_nothing_runs_off_the_page(compiled):
    outcome, _ = compiled
    assert outcome.overfull == (), outcome.overfull


def test_every_title_and_id_is_in_the_pdf(compiled):
    _, text = compiled
    catalogue, seed_claims = load()
    body = _letters(text)
    missing = [i.id for i in [*catalogue, *seed_claims] if _letters(i.title) not in body or _letters(i.id) not in body]
    assert missing == []


def test_has_a_table_of_contents_and_the_refuted_section(compiled):
    _, text = compiled
    assert "Contents" in text
    assert "Claims of the seeds that are false" in text
