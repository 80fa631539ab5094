"""derive list / derive verify through the command line: table, JSON contract, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from derive.cli import cli, main


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from derive.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_list_shows_ids_titles_and_sources() -> None:
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 0
    assert "sigmoid-via-tanh" in result.output
    assert "001_6df6721d1f90bea6.txt Q1(a)" in result.output


def test_verify_json_follows_the_contract() -> None:
    proc = _run(["verify", "--json", "--examples", "10", "sigmoid-via-tanh", "relu-derivative"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"identities", "summary"}
    assert set(data["summary"]) == {"verified", "refuted", "unverified", "seconds"}
    assert data["summary"]["verified"] == 2
    for item in data["identities"]:
        assert {"id", "title", "sources", "symbolic", "numeric", "verdict"} <= set(item)
        assert {"status", "method", "seconds"} <= set(item["symbolic"])
        assert {"status", "examples", "max_error", "counterexample"} <= set(item["numeric"])
        assert item["symbolic"]["status"] == "proved"
        assert item["numeric"]["status"] == "passed"
        assert item["verdict"] == "verified"


def test_a_refuted_seed_claim_exits_1_with_a_counterexample() -> None:
    proc = _run(["verify", "--examples", "10", "seed-001-q1a-tanh-shift"])
    assert proc.returncode == 1
    assert "refuted" in proc.stdout
    # ½·tanh(½·1 + 1) = 0.4526 against σ(1) = 0.7311: checkable with a calculator.
    assert "x = 1" in proc.stdout and "0.452574126822" in proc.stdout and "0.731058578630" in proc.stdout


def test_an_unknown_id_is_one_line_and_exit_2() -> None:
    proc = _run(["verify", "no-such-identity"])
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert "unknown identity id 'no-such-identity'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_bad_option_values_are_usage_errors() -> None:
    proc = _run(["verify", "--examples", "zero"])
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


def test_main_returns_the_commands_exit_code(monkeypatch, capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as stop:
        main(["verify", "--examples", "5", "seed-001-q1a-tanh-shift"])
    assert stop.value.code == 1


def test_a_verification_result_shows_latex_in_a_notebook() -> None:
    from derive.checks.proof.verify import verify_identity

    from derive.catalogue import load

    catalogue, seeds = load()
    shown = verify_identity(catalogue["sigmoid-via-tanh"], examples=5)._repr_latex_()
    assert r"\sigma" in shown and "verified" in shown
    refuted = verify_identity(seeds["seed-001-q1a-tanh-shift"], examples=5)._repr_latex_()
    assert "refuted" in refuted
