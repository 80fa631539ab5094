"""Reading the file a user names: regular files within the size limit only; notebooks' Markdown."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from derive.checks.latex.bounds import read_document
from derive.checks.latex.documents import load_document, notebook_markdown
from derive.checks.latex.extract import extract

from derive.errors import DeriveError


def test_a_regular_utf8_file_is_read_and_a_bom_dropped(tmp_path: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_bytes("\ufeff$$σ = 1$$\n".encode())
    assert read_document(str(doc)) == "$$σ = 1$$\n"


def _fifo(tmp_path: Path) -> str:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return str(path)


def _socket(tmp_path: Path) -> str:
    path = str(tmp_path / "s.sock")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(path)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: "/dev/zero", "character device"),
        (lambda tmp: "/dev/null", "character device"),
        (_fifo, "FIFO"),
        (lambda tmp: str(tmp), "directory"),
        (_socket, "socket"),
        (lambda tmp: str(tmp / "missing.md"), "no such file"),
    ],
)
def test_special_files_are_refused_before_anything_is_read(tmp_path: Path, make, says: str) -> None:
    with pytest.raises(DeriveError, match=says):
        read_document(make(tmp_path))


def test_size_limit_binary_and_encoding(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 101)
    with pytest.raises(DeriveError, match="more than the 100-byte limit"):
        read_document(str(big), limit=100)
    assert read_document(str(big), limit=101) == "x" * 101
    nul = tmp_path / "nul.md"
    nul.write_bytes(b"$$a = b$$\x00")
    with pytest.raises(DeriveError, match="NUL"):
        read_document(str(nul))
    latin = tmp_path / "latin.md"
    latin.write_bytes(b"caf\xe9")
    with pytest.raises(DeriveError, match="not UTF-8"):
        read_document(str(latin))


def _notebook(cells: list[dict]) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


def test_a_notebook_is_its_markdown_cells_in_order(tmp_path: Path) -> None:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "$$a = b$$"]},
        {"cell_type": "code", "metadata": {}, "source": "x = '$$c = d$$'", "outputs": [], "execution_count": None},
        {"cell_type": "markdown", "metadata": {}, "source": "For $i \\neq j$:\n\n$$e = f$$"},
    ]
    path = tmp_path / "n.ipynb"
    path.write_text(_notebook(cells))
    document = load_document(str(path))
    assert document.markdown and document.notebook
    assert "<!-- cell 1 -->" in document.text and "<!-- cell 3 -->" in document.text
    eqs = [e for e in extract(document.text, markdown=True) if e.kind == "display"]
    assert [e.text for e in eqs] == ["a = b", "e = f"]  # the code cell's string is not math
    assert eqs[1].conditions == ("i \\neq j",)


@pytest.mark.parametrize("text", ["not json", "[1, 2]", json.dumps({"cells": "x"})])
def test_a_broken_notebook_is_one_clear_error(text: str) -> None:
    with pytest.raises(DeriveError, match="not a Jupyter notebook"):
        notebook_markdown(text, "bad.ipynb")


@pytest.mark.parametrize(
    ("name", "body", "markdown"),
    [
        ("a.tex", "$$a = b$$", False),
        ("a.md", "$$a = b$$", True),
        ("a.txt", "\\documentclass{article} $a$", False),
        ("a.txt", "text $a$", True),
    ],
)
def test_the_format_follows_the_suffix_then_the_content(tmp_path: Path, name: str, body: str, markdown: bool) -> None:
    path = tmp_path / name
    path.write_text(body)
    assert load_document(str(path)).markdown is markdown


#: Sphinx notes (held-out 31's Chinese back-propagation page): a directive with an option and a
#: tab-indented body, blank-line-separated equations, inline roles, and prose that is no math
RST = (
    "Backpropagation\n"
    "===============\n"
    "\n"
    ".. math::\n"
    "  z^{l+1}_j = \\sum_k w^l_{jk} a^l_k + b^l_j\n"
    "  :label: explicitform\n"
    "\n"
    "其中，:math:`x + x = 2x` 表示 …\n"
    "\n"
    ".. math::\n"
    "\t\\frac{d}{dz}\\sigma(z) = \\sigma(z)(1 - \\sigma(z))\n"
    "\n"
    "\t\\frac{d}{dz}\\tanh(z) = 1 + \\tanh(z)^2\n"
    "\n"
    "A literal block::\n"
    "\n"
    "    price = $5 and $6\n"
)


def test_restructuredtext_math_is_read_where_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "notes.rst"
    path.write_text(RST, encoding="utf-8")
    document = load_document(str(path))
    assert document.markdown and document.text.count("\n") == RST.count("\n")
    assert document.shown == RST  # the marked views show the file as written
    equations = extract(document.text, markdown=True)
    texts = [e.text.strip() for e in equations]
    assert texts[0].startswith("z^{l+1}_j = \\sum_k") and ":label:" not in texts[0]
    assert "x + x = 2x" in texts
    assert any(t.startswith("\\frac{d}{dz}\\sigma(z)") for t in texts)
    assert any(t.startswith("\\frac{d}{dz}\\tanh(z) = 1 +") for t in texts)
    assert not any("price" in t for t in texts)
    # the inline role's math keeps its line and column in the file
    (role,) = [e for e in equations if e.text.strip() == "x + x = 2x"]
    line = RST.split("\n")[7]
    assert role.pieces[0].position(0) == (8, line.index("x + x") + 1)


def test_restructuredtext_steps_are_judged(tmp_path: Path, runner) -> None:
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.normalize import load_notation

    path = tmp_path / "notes.rst"
    path.write_text(RST, encoding="utf-8")
    document = load_document(str(path))
    report = check_text(document.text, load_notation(), runner=runner, markdown=True)
    statuses = {r.step.line: r.status for r in report.results}
    assert statuses[8] == "ok" and statuses[11] == "ok"
    assert statuses[13] == "wrong"  # tanh' = 1 - tanh², written with +
