"""The annotated HTML view: every step marked where it is, escaped, self-contained; and as a
browser shows it (headless Chromium, skipped when it is not installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from derive.checks.latex.annotate import annotated_html

TEXT = "Intro <b>bold</b>\n\n$$a = b = c$$\n\n$$x + 1$$\n"
REPORT = {
    "file": "doc.md",
    "steps": [
        {
            "line": 3,
            "column": 7,
            "lhs": "a",
            "rhs": "b",
            "status": "ok",
            "counterexample": None,
            "message": "proved",
            "context": [],
        },
        {
            "line": 3,
            "column": 11,
            "lhs": "b",
            "rhs": "c",
            "status": "wrong",
            "counterexample": {"point": {"x": "1"}, "lhs": "2", "rhs": "3"},
            "message": "the sides differ at x = 1",
            "context": ["i \\neq j"],
        },
    ],
    "summary": {"ok": 1, "wrong": 1, "unparsed": 0, "inconclusive": 0, "seconds": 0.25},
}


def _page() -> str:
    return annotated_html(TEXT, REPORT, {5: "no relation sign: an expression on its own is not a step"})


def test_marks_are_pinned_at_the_columns_of_the_steps() -> None:
    page = _page()
    row = next(r for r in page.split("<tr") if 'id="L3"' in r)
    source = row.split('class="s">', 1)[1]
    assert source.startswith('$$a = <span class="pin ok">✓</span>b = <span class="pin wrong">✗</span>c$$')


def test_wrong_steps_show_their_counterexample_and_conditions_open() -> None:
    page = _page()
    assert '<details class="wrong" open>' in page
    assert "<b>point</b>: <code>{&quot;x&quot;: &quot;1&quot;}</code>" in page
    assert "(under i \\neq j)" in page and "the sides differ at x = 1" in page
    assert '<details class="ok">' in page  # ok steps are folded


def test_the_document_is_escaped_and_blocks_without_steps_are_marked() -> None:
    page = _page()
    assert "Intro &lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
    assert "no relation sign" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")


def test_every_line_of_the_document_is_on_the_page() -> None:
    page = _page()
    assert all(f'id="L{n}"' in page for n in range(1, len(TEXT.splitlines()) + 1))


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get install chromium)")
def test_a_browser_renders_the_page_with_its_marks(tmp_path: Path) -> None:
    page = tmp_path / "view.html"
    page.write_text(_page(), encoding="utf-8")
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-500:]
    # the browser parsed it into the structure we wrote: marks, explanations, every line
    assert dom.stdout.count('class="pin wrong"') == 1 and dom.stdout.count('class="pin ok"') == 1
    assert "the sides differ at x = 1" in dom.stdout and 'id="L5"' in dom.stdout
    shot = tmp_path / "view.png"
    done = _chromium(tmp_path, "--hide-scrollbars", "--window-size=1000,700", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-500:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000
