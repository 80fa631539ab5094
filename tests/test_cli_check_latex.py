"""derive check-latex through the command line: marked lines, the JSON contract, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data" / "derivations"


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from derive.cli import main; main()", "check-latex", *args], capture_output=True, text=True, timeout=300)


def test_json_follows_the_contract_and_a_wrong_step_exits_1() -> None:
    proc = _run([str(DATA / "tanh_prime_wrong.md"), "--json"])
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"file", "steps", "summary"}
    assert set(data["summary"]) == {"ok", "wrong", "unparsed", "inconclusive", "seconds"}
    assert data["summary"]["wrong"] == 2
    contract = {"line", "column", "lhs", "rhs", "status", "counterexample", "message", "context"}
    for step in data["steps"]:
        assert contract <= set(step) <= contract | {"prose", "relation"}
        assert step["status"] in {"ok", "wrong", "unparsed", "inconclusive"}
        assert isinstance(step["column"], int) and step["column"] >= 1
        assert isinstance(step["context"], list)
    wrong = [s for s in data["steps"] if s["status"] == "wrong"]
    assert [s["line"] for s in wrong] == [3, 5]
    assert wrong[0]["counterexample"]["point"] == {"x": "1"}


def test_correct_document_exits_0_with_marks_beside_its_lines() -> None:
    proc = _run([str(DATA / "sigma_prime.tex")])
    assert proc.returncode == 0, proc.stderr
    assert "    8 ✓" in proc.stdout
    assert "&= \\sigma(x)\\left(1 - \\sigma(x)\\right)" in proc.stdout
    assert "6 ok, 0 wrong" in proc.stdout


def test_text_output_shows_the_counterexample_of_a_wrong_step() -> None:
    proc = _run([str(DATA / "sigma_prime_wrong.tex")])
    assert proc.returncode == 1
    assert "    6 ✗" in proc.stdout
    assert "the sides differ at x = 1" in proc.stdout


def test_unreadable_inputs_are_one_line_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "b.md"
    binary.write_bytes(b"\xff\xfe$$x = 1$$")
    bad_toml = tmp_path / "n.toml"
    bad_toml.write_text("[functions]\n'\\\\psi' = 'os.system'\n")
    cases = [
        [str(tmp_path / "missing.md")],
        [str(tmp_path)],
        [str(binary)],
        [str(DATA / "tanh_prime.md"), "--notation", str(tmp_path / "none.toml")],
        [str(DATA / "tanh_prime.md"), "--notation", str(bad_toml)],
    ]
    for args in cases:
        proc = _run(args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert proc.stderr.startswith("derive: error: ")
        assert proc.stdout == ""
    # A bad option value is click's usage error: exit 2, no traceback.
    proc = _run([str(DATA / "tanh_prime.md"), "--timeout", "0"])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "--timeout" in proc.stderr


def test_a_custom_notation_changes_the_verdict(tmp_path: Path) -> None:
    doc = tmp_path / "d.md"
    doc.write_text("$$\\psi(x) = \\frac{1}{1 + e^{-x}}$$\n")
    default = json.loads(_run([str(doc), "--json"]).stdout)
    assert [s["status"] for s in default["steps"]] == ["unparsed"]  # ψ is softmax by default
    notation = tmp_path / "n.toml"
    notation.write_text('[functions]\n"\\\\psi" = "sigmoid"\n')
    custom = json.loads(_run([str(doc), "--json", "--notation", str(notation)]).stdout)
    assert [s["status"] for s in custom["steps"]] == ["ok"]


def test_a_document_without_math_has_no_steps_and_exits_0(tmp_path: Path) -> None:
    doc = tmp_path / "plain.md"
    doc.write_text("No equations here, only words = more words.\n")
    proc = _run([str(doc), "--json"])
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["steps"] == []
