"""derive grade: exit codes, formats, --output, a directory graded in parallel, bad usage."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from derive.cli import main

SUBMISSIONS = Path(__file__).with_name("submissions")
FAST = ["--examples", "3", "--timeout", "3"]


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    return info.value.code, out, err


def test_correct_submission_exits_0_with_the_json_contract(capsys):
    code, out, _ = _run(["grade", str(SUBMISSIONS / "correct_twolayernet_l2.py"), "--format", "json", *FAST], capsys)
    assert code == 0
    doc = json.loads(out)
    (sub,) = doc["submissions"]
    assert sub["verdict"] == "pass" and sub["api"] == "twolayernet" and doc["summary"]["pass"] == 1


def test_wrong_submission_exits_1_and_names_the_mistake(capsys):
    # (mistake_reg_wrong_weight used to be graded here; it raises on the toy problem, an error now)
    code, out, _ = _run(["grade", str(SUBMISSIONS / "mistake_reg_sign.py"), *FAST], capsys)
    assert code == 1
    assert "reg-sign" in out and "It should be" in out


def test_unrunnable_submission_exits_3(capsys):
    code, out, _ = _run(["grade", str(SUBMISSIONS / "error_exit_os.py"), "--format", "json", *FAST], capsys)
    assert code == 3
    assert json.loads(out)["submissions"][0]["error"]["kind"] == "exit"


def test_a_directory_grades_in_parallel_with_a_summary(tmp_path, capsys):
    for name in ("correct_function_l2", "mistake_transposed", "error_api"):
        shutil.copy(SUBMISSIONS / f"{name}.py", tmp_path / f"{name}.py")
    sub = tmp_path / "student_d"
    sub.mkdir()
    shutil.copy(SUBMISSIONS / "correct_twolayernet_l2.py", sub / "neural_net.py")
    (sub / "notes.txt").write_text("not code")
    code, out, _ = _run(["grade", str(tmp_path), "--jobs", "2", *FAST], capsys)
    assert code == 3  # an error outranks a fail
    assert "Summary" in out and "2 pass, 1 fail, 1 error" in out
    for name in ("correct_function_l2.py", "mistake_transposed.py", "error_api.py", "student_d"):
        assert name in out


def test_output_file_and_other_formats(tmp_path, capsys):
    target = str(SUBMISSIONS / "mistake_shape.py")
    junit = tmp_path / "report.xml"
    code, out, _ = _run(["grade", target, "--format", "junit", "--output", str(junit), *FAST], capsys)
    assert code == 1 and out == ""
    assert ET.parse(junit).getroot().find("testsuite").get("failures") != "0"
    code, out, _ = _run(["grade", target, "--format", "gradescope", *FAST], capsys)
    doc = json.loads(out)
    assert code == 1 and doc["score"] < sum(t["max_score"] for t in doc["tests"])


@pytest.mark.parametrize(
    "argv, message",
    [
        (["grade", "no/such/file.py"], "no such file or directory"),
        (["grade", "README.md"], "a submission is a .py file, a notebook (.ipynb)"),
        (["grade", "/dev/zero"], "not a regular file"),
        (["grade", "tests/submissions/correct_function_l2.py", "--rubric", "no/such.toml"], "not a readable file"),
        (["grade"], "Missing argument"),
        (["grade", "x.py", "--format", "xml"], "xml"),
        (["grade", "x.py", "--jobs", "0"], "0"),
        (["grade", "x.py", "--reg-convention", "l1"], "l1"),
    ],
)
def test_bad_usage_exits_2_with_one_clear_line(argv, message, capsys, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    code, out, err = _run(argv, capsys)
    assert code == 2
    assert message in err and "Traceback" not in err


def test_empty_directory_is_bad_usage(tmp_path, capsys):
    code, _, err = _run(["grade", str(tmp_path)], capsys)
    assert code == 2 and "holds no submissions" in err


def test_installed_script_grades_a_tab_indented_file():
    script = Path(sys.executable).with_name("derive")
    proc = subprocess.run(
        [str(script), "grade", str(SUBMISSIONS / "correct_function_half_l2_tabs.py"), *FAST],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "PASS" in proc.stdout and "½λ‖W‖²" in proc.stdout


# ------------------------------------------------------------------ issue 12: outputs, odd files, rubric, notebooks


def test_a_fifo_named_like_a_submission_is_refused_not_read(tmp_path, capsys):
    fifo = tmp_path / "x.py"
    os.mkfifo(fifo)
    code, _, err = _run(["grade", str(fifo)], capsys)
    assert code == 2 and "not a regular file" in err and "Traceback" not in err
    # In a directory the FIFO is skipped, the real submission graded.
    shutil.copy(SUBMISSIONS / "correct_function_l2.py", tmp_path / "real.py")
    code, out, _ = _run(["grade", str(tmp_path), "--format", "csv", *FAST], capsys)
    assert code == 0 and [line.split(",")[0] for line in out.splitlines()[1:]] == [str(tmp_path / "real.py")]


def test_output_never_overwrites_an_input_and_needs_force_for_a_file(tmp_path, capsys):
    student = tmp_path / "student.py"
    shutil.copy(SUBMISSIONS / "correct_function_l2.py", student)
    before = student.read_bytes()
    for extra in ([], ["--force"]):
        code, _, err = _run(["grade", str(student), "--output", str(student), *extra, *FAST], capsys)
        assert code == 2 and "is an input" in err and student.read_bytes() == before
    code, _, err = _run(["grade", str(tmp_path), "--output", str(tmp_path / "other.py"), "--force", *FAST], capsys)
    assert code == 2 and "is an input" in err
    report = tmp_path / "report.txt"
    report.write_text("yesterday's report")
    code, _, err = _run(["grade", str(student), "--output", str(report), *FAST], capsys)
    assert code == 2 and "already exists" in err and report.read_text() == "yesterday's report"
    code, _, _ = _run(["grade", str(student), "--output", str(report), "--force", *FAST], capsys)
    assert code == 0 and "PASS" in report.read_text()


def test_grading_leaves_no_hypothesis_directory_behind(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HYPOTHESIS_STORAGE_DIRECTORY", raising=False)
    code, _, _ = _run(["grade", str(SUBMISSIONS / "correct_function_l2.py"), *FAST], capsys)
    assert code == 0 and list(tmp_path.iterdir()) == []


def test_notebooks_are_graded_from_their_code_cells(tmp_path, capsys):
    notebooks = SUBMISSIONS / "notebooks"
    code, out, _ = _run(["grade", str(notebooks), "--format", "json", *FAST], capsys)
    doc = json.loads(out)
    verdicts = {Path(s["submission"]).name: (s["verdict"], s["diagnosis"]) for s in doc["submissions"]}
    assert verdicts == {
        "correct_notebook.ipynb": ("pass", []),
        "mistake_notebook_missing_1_over_n.ipynb": ("fail", ["missing-1/N"]),
    }
    assert code == 1
    code, out, _ = _run(["grade", str(notebooks / "correct_notebook.ipynb"), *FAST], capsys)
    assert code == 0 and "2 IPython magic line(s) commented out" in out


def test_a_broken_notebook_is_an_import_error(tmp_path, capsys):
    bad = tmp_path / "hw.ipynb"
    bad.write_text("{not json")
    code, out, _ = _run(["grade", str(bad), "--format", "json", *FAST], capsys)
    assert code == 3 and json.loads(out)["submissions"][0]["error"]["kind"] == "import"


def test_rubric_scores_the_json_and_writes_a_gradebook(tmp_path, capsys):
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("total = 10\nstrict = true\nexamples = 2\n[points]\nW1 = 3\n")
    for name in ("correct_function_l2", "mistake_unstable_softmax"):
        shutil.copy(SUBMISSIONS / f"{name}.py", tmp_path / f"{name}.py")
    book = tmp_path / "out" / "grades.csv"
    book.parent.mkdir()
    code, out, _ = _run(
        [
            "grade",
            str(tmp_path / "correct_function_l2.py"),
            str(tmp_path / "mistake_unstable_softmax.py"),
            "--rubric",
            str(rubric),
            "--format",
            "json",
            "--gradebook",
            str(book),
            "--timeout",
            "3",
        ],
        capsys,
    )
    doc = json.loads(out)
    good, unstable = doc["submissions"]
    assert (good["score"], good["max_score"]) == (10, 10)
    assert unstable["verdict"] == "fail" and unstable["diagnosis"] == ["unstable-softmax"]  # the strict policy
    assert code == 1 and book.read_text().splitlines()[0].startswith("submission,score,max_score,verdict")
    rubric.write_text('visibility = "secret"\n')
    code, _, err = _run(["grade", str(tmp_path / "correct_function_l2.py"), "--rubric", str(rubric)], capsys)
    assert code == 2 and "visibility='secret'" in err and "Traceback" not in err


@pytest.mark.parametrize("user_setting", [None, "3"])
def test_blas_is_single_threaded_while_grading_unless_the_user_chose(user_setting, capsys, monkeypatch):
    from derive.checks.grading import batch

    if user_setting is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", user_setting)
    seen = []
    grade_all = batch.grade_all

    def spy(*args, **kwargs):
        seen.append(os.environ.get("OPENBLAS_NUM_THREADS"))  # what --jobs workers inherit
        return grade_all(*args, **kwargs)

    monkeypatch.setattr(batch, "grade_all", spy)
    code, _, _ = _run(["grade", str(SUBMISSIONS / "correct_function_l2.py"), *FAST], capsys)
    assert code == 0
    assert seen == [user_setting or "1"]
    assert os.environ.get("OPENBLAS_NUM_THREADS") == user_setting  # restored after the command
