"""The remembered Hypothesis draws (checks/grading/drawn.py): the same problems as Hypothesis's
own draws, a cache file that is read back, and never trusted when damaged; a grade that uses
them reaches the same verdicts and shrunk counterexamples as one drawing from scratch."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading import drawn, grader
from derive.checks.grading.grader import grade_runner
from derive.checks.grading.testing import InProcessRunner

SUBMISSIONS = Path(__file__).parent / "submissions"


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("DERIVE_DRAWN_CACHE", raising=False)
    monkeypatch.setattr(drawn, "_MEMORY", {})


def _keys(problems) -> list[bytes]:
    return [drawn.problem_key(p) for p in problems]


def test_the_remembered_draws_are_hypothesis_draws_and_are_read_back(tmp_path):
    fresh = drawn.collect(3, 12)
    assert 1 < len(fresh) <= 12 and len(set(_keys(fresh))) == len(fresh)
    assert _keys(drawn.drawn_problems(3, 12)) == _keys(fresh)
    path = drawn.cache_file(3, 12)
    assert path is not None and path.is_file() and path.is_relative_to(tmp_path / "cache")
    drawn._MEMORY.clear()  # a new process: the file answers
    again = drawn.cached(3, 12)
    assert again is not None and _keys(again) == _keys(fresh)
    assert all(a.tags == ("drawn",) and a.sizes == b.sizes for a, b in zip(again, fresh, strict=True))
    assert drawn.cached(4, 12) is None  # another seed is another file
    with pytest.raises(ValueError):  # shared by every grade of the process: nothing may write into them
        again[0].X[0, 0] = 1.0


def test_another_seed_or_count_draws_other_problems():
    assert _keys(drawn.collect(0, 10)) != _keys(drawn.collect(1, 10))
    assert drawn.collect(0, 0) == []


@pytest.mark.parametrize("damage", ["garbage", "truncated", "bad-shapes", "bad-labels", "off-grid", "other-reg"])
def test_a_damaged_cache_file_is_not_used(damage):
    good = drawn.drawn_problems(5, 6)
    path = drawn.cache_file(5, 6)
    if damage == "garbage":
        path.write_bytes(b"not a zip file")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    else:
        with np.load(path) as data:
            arrays = {k: data[k] for k in data.files}
        if damage == "bad-shapes":
            arrays["0_W1"] = np.zeros((7, 7))
        elif damage == "bad-labels":
            arrays["0_y"] = np.full_like(arrays["0_y"], 99)
        elif damage == "off-grid":  # not a value the strategy draws
            arrays["0_X"] = arrays["0_X"] + 0.1
        else:
            arrays["0_reg"] = np.array([0.123])
        with open(path, "wb") as fh:
            np.savez(fh, **arrays)
    drawn._MEMORY.clear()
    assert drawn.cached(5, 6) is None
    assert _keys(drawn.drawn_problems(5, 6)) == _keys(good)  # drawn again, and the file repaired
    drawn._MEMORY.clear()
    assert _keys(drawn.cached(5, 6)) == _keys(good)


def test_the_file_cache_can_be_turned_off(monkeypatch, tmp_path):
    monkeypatch.setenv("DERIVE_DRAWN_CACHE", "0")
    assert drawn.cache_file(0, 5) is None
    assert len(drawn.drawn_problems(0, 5)) > 0
    assert not (tmp_path / "cache").exists()


def test_no_home_directory_means_no_cache_file_under_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(drawn.os.path, "expanduser", lambda path: path)  # as with HOME unset and no passwd entry
    monkeypatch.chdir(tmp_path)
    assert drawn.cache_file(0, 5) is None
    assert len(drawn.drawn_problems(0, 5)) > 0
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_directory_costs_only_the_file(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert len(drawn.drawn_problems(2, 5)) > 0  # no OSError escapes


def _from_scratch(session, convention, examples, seed):
    """The grader's stage before the draws were remembered: Hypothesis from the first draw."""
    return grader._shrink(session, convention, examples, seed, {}) if examples else ([], None, [])


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, SUBMISSIONS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["mistake_missing_1_over_n", "mistake_transposed", "correct_function_l2"])
def test_remembered_draws_grade_as_hypothesis_from_scratch_does(name, monkeypatch):
    fn = _module(name).loss_and_grads

    def outcome():
        result = grade_runner(InProcessRunner(fn), name, examples=10, seed=1, full_size=False)
        return result.verdict, [(c.name, c.status, c.diagnosis, c.message) for c in result.checks]

    remembered = outcome()
    monkeypatch.setattr(grader, "_hypothesis_stage", _from_scratch)
    assert remembered == outcome()
    assert remembered[0] == ("pass" if name.startswith("correct") else "fail")


def test_the_gradescope_setup_draws_what_the_grades_will_ask_for(tmp_path, monkeypatch):
    import subprocess
    import sys
    import zipfile

    from derive.cli import main

    wheel = tmp_path / "derive-0.1.0-py3-none-any.whl"  # write_bundle only names it
    wheel.write_bytes(b"")
    rubric = tmp_path / "rubric.toml"
    rubric.write_text("seed = 7\nexamples = 6\n", encoding="utf-8")
    out = tmp_path / "bundle.zip"
    with pytest.raises(SystemExit) as info:
        main(["gradescope-bundle", str(out), "--wheel", str(wheel), "--rubric", str(rubric), "--examples", "5"])
    assert info.value.code == 0
    setup = zipfile.ZipFile(out).read("setup.sh").decode()
    (line,) = [x for x in setup.splitlines() if "drawn_problems" in x]
    assert "drawn_problems(7, 5)" in line and line.endswith("|| true")  # --examples over the rubric's
    # The line as the image's shell runs it, in another process: this process then reads its file.
    code = line.split('"')[1]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=120)
    assert drawn.cached(7, 5) is not None and _keys(drawn.cached(7, 5)) == _keys(drawn.collect(7, 5))
