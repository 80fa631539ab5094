"""derive.cli.QUICK_EXIT: check-latex run as a process ends without the interpreter's teardown, with
everything it printed written and its exit code kept; called from Python it raises SystemExit as
every command does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from derive.cli import QUICK_EXIT, main


def _doc(tmp_path: Path, steps: int) -> Path:
    """A made-up document: ``steps`` true steps and, last, one wrong one."""
    rows = [f"$$(x + {k})^2 = x^2 + {2 * k} x + {k * k}$$" for k in range(1, steps + 1)]
    rows.append("$$(a + b)^2 = a^2 + b^2$$")
    path = tmp_path / "steps.md"
    path.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    return path


def _process(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    code = "from derive.cli import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, **kw)


def test_the_whole_report_is_written_and_the_exit_code_kept(tmp_path: Path) -> None:
    assert "check-latex" in QUICK_EXIT
    proc = _process("check-latex", str(_doc(tmp_path, 30)), "--json")
    assert proc.returncode == 1, proc.stderr  # a wrong step
    data = json.loads(proc.stdout)  # complete: flushed before the process ended
    assert [s["status"] for s in data["steps"]] == ["ok"] * 30 + ["wrong"]
    assert proc.stderr == ""


def test_an_all_true_document_exits_0_and_marked_lines_are_written(tmp_path: Path) -> None:
    doc = tmp_path / "true.md"
    doc.write_text("$$(x + 1)^2 = x^2 + 2x + 1$$\n", encoding="utf-8")
    proc = _process("check-latex", str(doc))
    assert proc.returncode == 0, proc.stderr
    assert "1 ok" in proc.stdout and proc.stdout.endswith("\n")


def test_an_unreadable_file_still_exits_2_with_its_one_line(tmp_path: Path) -> None:
    proc = _process("check-latex", str(tmp_path / "missing.md"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("derive: error:") and proc.stdout == ""


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    code = "from derive.cli import main; main()"
    with subprocess.Popen(
        [sys.executable, "-c", code, "check-latex", str(_doc(tmp_path, 30)), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.read(10)
        proc.stdout.close()  # derive … | head -c 10
        err = proc.stderr.read().decode()
        proc.wait(timeout=300)
    assert "Traceback" not in err


def test_called_from_python_it_raises_system_exit(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check-latex", str(_doc(tmp_path, 2)), "--json"])
    assert info.value.code == 1
