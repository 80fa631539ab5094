"""derive gradescope-bundle: the zip's layout, and run_autograder graded in a temporary
directory laid out like /autograder (DERIVE_AUTOGRADER_ROOT)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from derive.cli import main

SUBMISSIONS = Path(__file__).with_name("submissions")


RUBRIC = 'total = 20\nvisibility = "after_due_date"\nextra_packages = ["sympy"]\n[points]\nW1 = 2\nb1 = 2\n'


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("bundle")
    out = where / "autograder.zip"
    (where / "rubric.toml").write_text(RUBRIC)
    with pytest.raises(SystemExit) as info:
        main(
            ["gradescope-bundle", str(out), "--examples", "3", "--timeout", "3", "--rubric", str(where / "rubric.toml")]
        )
    assert info.value.code == 0
    return out


def test_bundle_layout(bundle):
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
        assert {"setup.sh", "run_autograder", "derive-grade.json"} <= set(names)
        wheels = [n for n in names if n.endswith(".whl")]
        assert len(wheels) == 1
        assert f'pip install "./{wheels[0]}"' in z.read("setup.sh").decode()
        for script in ("setup.sh", "run_autograder"):
            assert (z.getinfo(script).external_attr >> 16) & stat.S_IXUSR
        assert json.loads(z.read("derive-grade.json"))["examples"] == 3
        assert z.read("rubric.toml").decode() == RUBRIC
        assert "python3 -m pip install sympy\n" in z.read("setup.sh").decode()  # the image provides it
        assert '--rubric "$ROOT/source/rubric.toml"' in z.read("run_autograder").decode()
        wheel = zipfile.ZipFile(z.open(wheels[0]))
        contents = wheel.namelist()
    for module in (
        "derive/checks/grading/grader.py",
        "derive/checks/grading/sandbox/parent.py",
        "derive/checks/grading/sandbox/harness/harness_main.py",
        "derive/generated/mlp_reference.py",
    ):
        assert module in contents, module


def _autograde(bundle: Path, root: Path, submission: str) -> dict:
    (root / "source").mkdir(parents=True)
    (root / "submission").mkdir()
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    shutil.copy(SUBMISSIONS / submission, root / "submission" / "neural_net.py")
    (root / "submission" / "README.txt").write_text("handed in with the code")
    env = dict(os.environ, DERIVE_AUTOGRADER_ROOT=str(root), PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    proc = subprocess.run(
        ["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_run_autograder_grades_a_correct_submission(bundle, tmp_path):
    from test_exports import GRADESCOPE_SCHEMA

    results = _autograde(bundle, tmp_path / "autograder", "correct_twolayernet_l2.py")
    jsonschema.validate(results, GRADESCOPE_SCHEMA)  # Gradescope's documented format
    assert results["score"] == pytest.approx(sum(t["max_score"] for t in results["tests"])) == pytest.approx(20)
    assert all(t["visibility"] == "after_due_date" for t in results["tests"])
    assert "PASS" in results["output"]


def test_run_autograder_grades_a_wrong_submission(bundle, tmp_path):
    results = _autograde(bundle, tmp_path / "autograder", "mistake_missing_batch_sum.py")
    failed = [t for t in results["tests"] if t["status"] == "failed"]
    assert failed and results["score"] < sum(t["max_score"] for t in results["tests"])
    assert any("missing-batch-sum" in t["output"] for t in failed)


def test_bundle_refuses_to_replace_an_existing_zip(bundle, capsys):
    before = bundle.read_bytes()
    with pytest.raises(SystemExit) as info:
        main(["gradescope-bundle", str(bundle)])
    assert info.value.code == 2 and "--force" in capsys.readouterr().err and bundle.read_bytes() == before


def test_bundle_name_must_be_a_zip(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["gradescope-bundle", str(tmp_path / "autograder.tar")])
    assert info.value.code == 2 and "must be a .zip" in capsys.readouterr().err
