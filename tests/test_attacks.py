"""Issue 12's attacks on the sandbox: each must end as fail or error, never pass, with nothing
outside the sandbox changed. Attack submissions live in tests/submissions/attacks/; those
that need a target (a file to chmod, a port, a secret) hold a placeholder the test fills in.

Where the kernel lacks the mechanism that stops an attack (seccomp, Landlock) the test is
skipped with the protection named, rather than passing silently.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from derive.checks.grading.grader import grade_path
from derive.checks.grading.sandbox import Limits, Sandbox, SubmissionError, lifetime, missing_protections

pytestmark = pytest.mark.timeout(180)

SUBMISSIONS = Path(__file__).parent / "submissions"
ATTACKS = SUBMISSIONS / "attacks"  # apart: tests that grade every file of submissions/ need not know them
FAST = Limits(timeout=3.0, cpu_seconds=30, memory_mb=1024)
_PROBE: dict = {}


def protections() -> list[str]:
    """What this machine cannot apply (probed once)."""
    if "missing" not in _PROBE:
        with Sandbox(SUBMISSIONS / "correct_function_l2.py", limits=FAST) as box:
            _PROBE["missing"] = box.missing_protections()
    return _PROBE["missing"]


def need(word: str) -> None:
    missing = [p for p in protections() if p.lower().startswith(word)]
    if missing:
        pytest.skip(f"protection missing on this machine: {missing[0]}")


def problem(seed: int = 0) -> tuple[dict, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(4, 10)), "b1": rng.normal(size=10),
              "W2": rng.normal(size=(10, 3)), "b2": rng.normal(size=3)}
    return params, rng.normal(size=(5, 4)), rng.integers(0, 3, size=5)


def attack(tmp_path: Path, name: str, **fill: str) -> Path:
    """A copy of tests/submissions/attacks/<name> with its placeholders filled in."""
    text = (ATTACKS / name).read_text()
    for key, value in fill.items():
        assert f"@{key}@" in text, key
        text = text.replace(f"@{key}@", value)
    target = tmp_path / "submission" / name
    target.parent.mkdir(exist_ok=True)
    target.write_text(text)
    return target


def grade(path: Path, **kwargs):
    return grade_path(path, examples=3, full_size=False, timeout=kwargs.pop("timeout", 5.0), **kwargs)


def snapshot(*paths: Path) -> list[tuple]:
    """Everything an attack could change about these paths: mode, owner, times, xattrs, bytes."""
    out = []
    for path in paths:
        info = os.stat(path)
        try:
            xattrs = sorted(os.listxattr(path))
        except OSError:
            xattrs = []
        data = path.read_bytes() if path.is_file() else sorted(os.listdir(path))
        out.append((str(path), info.st_mode, info.st_uid, info.st_gid, info.st_mtime_ns, xattrs, data))
    return out


# ----------------------------------------------------------------------------- the reference
def test_the_reference_hunt_finds_nothing_and_fails(tmp_path):
    path = attack(tmp_path, "attack_reference_hunt.py")
    result = grade(path)
    assert result.verdict in ("fail", "error"), result.as_dict()
    assert "reference found: False" in result.output


def test_derive_files_are_neither_readable_nor_importable(tmp_path):
    from derive.generated import mlp_reference

    import derive

    secrets = [mlp_reference.__file__, derive.__file__, str(Path(derive.__file__).parents[1] / "README.md"),
               str(Path(sys.prefix) / "pyvenv.cfg"), os.getcwd()]
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import os, sys\n"
        f"SECRETS = {secrets!r}\n"
        "def _readable():\n"
        "    out = []\n"
        "    for p in SECRETS:\n"
        "        try:\n"
        "            (os.listdir if os.path.isdir(p) else lambda q: open(q, 'rb').read())(p)\n"
        "            out.append(p)\n"
        "        except OSError:\n"
        "            pass\n"
        "    try:\n"
        "        import derive\n"
        "        out.append('import derive')\n"
        "    except ImportError:\n"
        "        pass\n"
        "    out += [k for k in os.environ if k not in ('PATH', 'HOME', 'TMPDIR', 'LANG', 'LC_ALL', 'MPLBACKEND')\n"
        "            and not k.endswith('_THREADS')]\n"
        "    out += [p for p in sys.path if 'site-packages' in p or os.path.exists(os.path.join(p, 'derive'))]\n"
        "    return out\n"
        "def loss_and_grads(params, X, y, reg):\n"
        "    raise RuntimeError(f'readable: {_readable()}')\n")
    params, X, y = problem()
    with Sandbox(probe, limits=FAST) as box:
        if box.missing_protections():
            need("landlock")
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
    assert "readable: []" in info.value.message, info.value.message


def test_the_read_rules_hold_nothing_of_derive_the_home_or_the_working_directory(tmp_path):
    from derive.checks.grading.sandbox import staging
    from derive.generated import mlp_reference

    import derive

    sub = tmp_path / "student.py"
    sub.write_text("x = 1\n")
    stage = staging.stage(sub, None, ())
    try:
        packages = [Path(derive.__file__).resolve().parent, Path(mlp_reference.__file__).resolve().parent,
                    Path(staging.__file__).resolve().parents[2]]  # derive/, generated/, checks/
        places = [*packages, Path.home().resolve(), Path.cwd().resolve()]
        for path in map(Path, stage.read_paths + stage.list_paths):
            # a read rule covers everything below it: none may hold (or be) one of these places,
            # and none may lie inside derive's own packages
            assert not any(place.is_relative_to(path) for place in places) or path in map(Path, stage.list_paths) \
                and not any(place.is_relative_to(path) for place in packages), path
            assert not any(path.is_relative_to(package) for package in packages), path
        assert not any(p.name in ("site-packages", "dist-packages") for p in map(Path, stage.read_paths))
        assert {p.name for p in stage.lib.iterdir()} <= {"numpy", "numpy.libs"}
        assert (stage.workdir / "student.py").read_text() == "x = 1\n"
    finally:
        import shutil

        shutil.rmtree(stage.root)


# ----------------------------------------------------------------------------- judgement in the parent
def test_patching_the_child_does_not_hide_an_in_place_change(tmp_path):
    params, X, y = problem()
    sent = {k: v.copy() for k, v in params.items()}
    with Sandbox(ATTACKS / "attack_patch_detector.py", limits=FAST) as box:
        box.loss_and_grads(params, X, y, 0.1)
        assert box.last_mutated == ["W1"]
        np.testing.assert_array_equal(box.last_after["W1"], 1.5 * sent["W1"])
    for key in params:  # the grader's own arrays are untouched
        np.testing.assert_array_equal(params[key], sent[key])
    result = grade(ATTACKS / "attack_patch_detector.py")
    assert result.verdict == "fail" and "mutates-params" in result.diagnosis, result.as_dict()


# ----------------------------------------------------------------------------- metadata and network
@pytest.mark.parametrize("operation", ["chmod", "chmod-dir", "utime", "setxattr", "chown", "rename", "unlink",
                                       "link", "truncate", "mkdir"])
def test_metadata_changes_outside_are_refused(tmp_path, operation):
    need("seccomp")
    need("landlock")
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "grades.csv"
    target.write_text("alice,10\n")
    os.chmod(target, 0o644)
    before = snapshot(target, outside)
    path = attack(tmp_path, "attack_metadata.py", TARGET=str(target), OPERATION=operation)
    result = grade(path)
    assert result.verdict == "error", result.as_dict()
    assert "PermissionError" in result.error["message"] or "OSError" in result.error["message"]
    assert snapshot(target, outside) == before


def test_extra_packages_are_importable_only_when_listed(tmp_path):
    pytest.importorskip("mpmath")  # pure Python, no dependencies: a stand-in for a course's package
    probe = tmp_path / "uses_mpmath.py"
    probe.write_text("import mpmath\n\ndef loss_and_grads(params, X, y, reg):\n    return float(mpmath.mpf(1)), {}\n")
    with pytest.raises(SubmissionError) as info:
        Sandbox(probe, limits=FAST).start()
    error = info.value
    assert error.kind == "import" and error.module == "mpmath"
    with Sandbox(probe, limits=Limits(timeout=3.0, packages=("mpmath",))) as box:
        assert box.api == "function"
    with pytest.raises(ValueError, match="no_such_package_here"):
        Sandbox(probe, limits=Limits(packages=("no_such_package_here",))).start()
    with pytest.raises(ValueError, match="derive"):
        Sandbox(probe, limits=Limits(packages=("derive",))).start()


def test_udp_datagrams_are_refused(tmp_path):
    need("seccomp")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as server:
        server.bind(("127.0.0.1", 0))
        server.settimeout(0.5)
        path = attack(tmp_path, "attack_udp.py", PORT=str(server.getsockname()[1]))
        result = grade(path)
        with pytest.raises(socket.timeout):
            server.recvfrom(100)
    assert result.verdict == "error" and "PermissionError" in result.error["message"], result.as_dict()


# ----------------------------------------------------------------------------- reads
def test_a_file_of_the_grading_account_cannot_be_read(tmp_path, monkeypatch):
    need("landlock")
    home = tmp_path / "home"
    home.mkdir()
    secret = home / ".gitconfig"
    secret.write_text("[user]\n\temail = grader-secret@example.edu\n")
    monkeypatch.setenv("HOME", str(home))
    path = attack(tmp_path, "attack_read_home.py", SECRET=str(secret))
    result = grade(path)
    assert result.verdict == "error", result.as_dict()
    assert "PermissionError" in result.error["message"]
    assert "grader-secret" not in result.output and "grader-secret" not in str(result.as_dict())


# ----------------------------------------------------------------------------- budgets
def test_sleeping_in_every_call_ends_at_the_total_budget(tmp_path):
    limits = Limits(timeout=1.0, total_seconds=4.0)
    params, X, y = problem()
    started = time.monotonic()
    calls = 0
    with Sandbox(ATTACKS / "attack_sleep_per_call.py", limits=limits) as box:
        with pytest.raises(SubmissionError) as info:
            for _ in range(100):
                box.loss_and_grads(params, X, y, 0.0)
                calls += 1
        elapsed = time.monotonic() - started
        with pytest.raises(SubmissionError) as again:  # the budget is spent for good
            box.loss_and_grads(params, X, y, 0.0)
    assert info.value.kind == "timeout" and "total" in info.value.message
    assert again.value is info.value
    assert 3 <= calls <= 8 and elapsed < 4.0 + 3.0


@pytest.mark.parametrize("batch", [False, True])
def test_forged_progress_reports_do_not_stretch_a_call(batch):
    params, X, y = problem()
    started = time.monotonic()
    with Sandbox(ATTACKS / "attack_forged_ticks.py", limits=Limits(timeout=1.0, total_seconds=60)) as box:
        with pytest.raises(SubmissionError) as info:
            if batch:
                box.losses([params, params], X, y, 0.0)
            else:
                box.loss_and_grads(params, X, y, 0.0)
    assert info.value.kind in ("exception", "timeout"), info.value
    assert time.monotonic() - started < 1.0 * 3 + 5  # the wall guard of one call, not the total budget


def test_two_gigabytes_of_output_per_call_end_promptly(tmp_path):
    params, X, y = problem()
    started = time.monotonic()
    with Sandbox(ATTACKS / "attack_stdout_flood.py", limits=FAST) as box:
        sandbox_dir = Path(box._tmp)
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
        usage = sum(f.stat().st_size for f in sandbox_dir.rglob("*") if f.is_file() and not f.is_symlink())
        shown = box.output()
    assert info.value.kind == "resources" and "output" in info.value.message
    assert time.monotonic() - started < 10
    assert usage < 1 << 20  # nothing of it on disk
    assert len(shown) < 10_000 and "omitted" in shown


def test_writing_files_without_end_stops_at_the_disk_cap(tmp_path):
    params, X, y = problem()
    started = time.monotonic()
    with Sandbox(ATTACKS / "attack_disk_flood.py", limits=Limits(timeout=20.0, disk_mb=32)) as box:
        workdir = Path(box._tmp) / "work"
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
        written = sum(f.stat().st_size for f in workdir.iterdir() if f.name.startswith("junk"))
    assert info.value.kind == "resources" and "work directory" in info.value.message
    assert time.monotonic() - started < 15
    assert 32 << 20 < written < 2 << 30  # stopped within a check interval of the cap


def test_a_fork_bomb_is_an_error_and_leaves_no_process(tmp_path):
    need("seccomp")
    result = grade(ATTACKS / "attack_fork_bomb.py")
    assert result.verdict == "error" and "PermissionError" in result.error["message"], result.as_dict()


def _burn(stop: threading.Event) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    stop.wait()
    for p in procs:
        p.kill()
        p.wait()


def test_a_memory_bomb_is_resources_every_time_even_under_load():
    stop = threading.Event()
    burner = threading.Thread(target=_burn, args=(stop,))
    burner.start()
    kinds = []
    try:
        params, X, y = problem()
        for _ in range(3):
            # 6 s: the first allocations of a fresh checkout's first run have been seen to take
            # over 2 s of the clock (CI clones, 3 runs of 3), which made the bomb a `timeout`
            with Sandbox(SUBMISSIONS / "error_resources.py", limits=Limits(timeout=6.0, memory_mb=768)) as box:
                with pytest.raises(SubmissionError) as info:
                    box.loss_and_grads(params, X, y, 0.0)
                kinds.append(info.value.kind)
    finally:
        stop.set()
        burner.join()
    assert kinds == ["resources"] * 3


# ----------------------------------------------------------------------------- odd files
def test_a_device_or_a_fifo_is_an_import_error_not_a_hang(tmp_path):
    fifo = tmp_path / "x.py"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo):
        started = time.monotonic()
        with pytest.raises(SubmissionError) as info:
            Sandbox(path, limits=FAST).start()
        assert info.value.kind == "import" and "regular file" in info.value.message
        assert time.monotonic() - started < 5
        result = grade(path)
        assert result.verdict == "error", result.as_dict()


def test_a_link_inside_a_directory_submission_is_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("grader-secret")
    root = tmp_path / "student"
    root.mkdir()
    (root / "notes.txt").symlink_to(secret)
    (root / "net.py").write_text("import os\nFOUND = os.path.exists('notes.txt')\n"
                                 "def loss_and_grads(params, X, y, reg):\n    raise RuntimeError(f'found {FOUND}')\n")
    params, X, y = problem()
    with Sandbox(root / "net.py", limits=FAST, root=root) as box:
        with pytest.raises(SubmissionError) as info:
            box.loss_and_grads(params, X, y, 0.0)
    assert "found False" in info.value.message


# ----------------------------------------------------------------------------- lifetime
SLEEPER = "import time\n\ndef loss_and_grads(params, X, y, reg):\n    time.sleep(3600)\n"


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                out.append(int(entry.name))
    return out


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):  # gone before, or while, its stat was read (ESRCH)
        return True
    return state in ("Z", "X")


def _owned_by_the_living(tmp: Path) -> list[Path]:
    # directories whose worker still runs (it may be cleaning up); a dead worker's, zombie or not,
    # are orphans for the sweep
    return [p for p in tmp.glob(f"{lifetime.PREFIX}*") if not _gone(int(p.name[len(lifetime.PREFIX):].split("-")[0]))]


def _harness_descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        for kid in _children(todo.pop()):
            todo.append(kid)
            try:
                if b"harness_main" in Path(f"/proc/{kid}/cmdline").read_bytes():
                    out.append(kid)
            except OSError:
                pass
    return out


def _start_grading(tmp_path: Path, jobs: int = 1) -> tuple[subprocess.Popen, list[int], Path]:
    sleepers = []
    for i in range(jobs):
        sleepers.append(tmp_path / f"sleeper{i}.py")
        sleepers[-1].write_text(SLEEPER)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    derive = Path(sys.executable).with_name("derive")
    command = [str(derive)] if derive.exists() else [sys.executable, "-m", "derive.cli"]
    proc = subprocess.Popen([*command, "grade", *map(str, sleepers), "--timeout", "600", "--jobs", str(jobs)],
                            env={**os.environ, "TMPDIR": str(tmp)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = _harness_descendants(proc.pid)
        if len(kids) == jobs and len(list(tmp.glob(f"{lifetime.PREFIX}*"))) == jobs:
            time.sleep(0.5)  # in the loss by now
            return proc, kids, tmp
        time.sleep(0.1)
    proc.kill()
    pytest.fail("derive grade did not start its sandbox children within 60 s")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_the_child_dies_with_derive(tmp_path, sig):
    proc, children, tmp = _start_grading(tmp_path)
    proc.send_signal(sig)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 2
    while not all(map(_gone, children)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_gone, children))
    left = list(tmp.glob(f"{lifetime.PREFIX}*"))
    if sig == signal.SIGTERM:
        assert left == []
    else:  # nothing can run in a SIGKILLed process: the next sandbox's sweep deletes the directory
        assert len(left) == 1
        assert lifetime.sweep(str(tmp)) == 1 and not left[0].exists()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_jobs_workers_and_their_children_die_with_derive(tmp_path, sig):
    # Each --jobs worker gets SIGTERM when derive dies (even of SIGKILL) and cleans up its own.
    proc, children, tmp = _start_grading(tmp_path, jobs=2)
    proc.send_signal(sig)
    proc.wait(timeout=10)
    # 6 s, not 2: on a loaded CI machine a worker's clean-up once took longer (the test is about
    # what is left, not how fast)
    deadline = time.monotonic() + 6
    while (not all(map(_gone, children)) or _owned_by_the_living(tmp)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(map(_gone, children))
    left = list(tmp.glob(f"{lifetime.PREFIX}*"))
    # a worker stopped between creating a sandbox directory and owning it leaves an orphan, which
    # the next sandbox's sweep deletes (as after a SIGKILL above); nothing else may be left
    assert lifetime.sweep(str(tmp)) == len(left) and not any(p.exists() for p in left)


def test_missing_protections_are_named():
    assert missing_protections({}, requested=False) == ["confinement switched off (confine=False)"]
    if sys.platform.startswith("linux"):
        named = missing_protections({"no_new_privs": True, "seccomp": False, "landlock": 0})
        assert [n.split(":")[0] for n in named] == ["seccomp", "Landlock"]
        assert missing_protections({"no_new_privs": True, "seccomp": True, "landlock": 7}) == []


# ----------------------------------------------------------------------------- the Gradescope flow
@pytest.fixture(scope="module")
def gradescope_bundle(tmp_path_factory) -> Path:
    from derive.cli import main

    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    with pytest.raises(SystemExit) as info:
        main(["gradescope-bundle", str(out), "--examples", "3", "--timeout", "3"])
    assert info.value.code == 0
    return out


def _run_autograder(bundle: Path, root: Path, submission: Path, home: Path) -> dict:
    """run_autograder in a directory laid out like /autograder, as the grading account (HOME)."""
    import json
    import shutil
    import zipfile

    (root / "source").mkdir(parents=True)
    (root / "submission").mkdir()
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    shutil.copy(submission, root / "submission" / "neural_net.py")
    env = dict(os.environ, DERIVE_AUTOGRADER_ROOT=str(root), HOME=str(home),
               PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    proc = subprocess.run(["bash", str(root / "source" / "run_autograder")], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads((root / "results" / "results.json").read_text())


@pytest.mark.slow
def test_gradescope_the_reference_hunt_and_reading_home_score_nothing_and_show_nothing(gradescope_bundle, tmp_path):
    need("landlock")
    home = tmp_path / "home"
    home.mkdir()
    secret = home / ".gitconfig"
    secret.write_text("[user]\n\temail = grader-secret@example.edu\n")
    hunt = _run_autograder(gradescope_bundle, tmp_path / "a", ATTACKS / "attack_reference_hunt.py", home)
    assert hunt["score"] < sum(t["max_score"] for t in hunt["tests"])
    steal = attack(tmp_path, "attack_read_home.py", SECRET=str(secret))
    stolen = _run_autograder(gradescope_bundle, tmp_path / "b", steal, home)
    assert stolen["score"] == 0
    assert "grader-secret" not in str(stolen)


# ----------------------------------------------------------------------------- an installed wheel
@pytest.mark.slow
def test_the_reference_hunt_fails_against_an_installed_wheel(tmp_path):
    """derive installed from its wheel (the reference in site-packages/derive/generated, beside
    nothing but a .pth to this interpreter's packages): the hunt finds nothing there either."""
    import shutil
    import sysconfig
    import venv

    root = Path(__file__).resolve().parents[1]
    src, dist, env_dir = tmp_path / "src", tmp_path / "dist", tmp_path / "venv"
    shutil.copytree(root, src, ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                                             "__pycache__", ".hypothesis", ".pytest_cache", "report"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation",
                           "-w", str(dist), "-q"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"no offline wheel build here: {done.stderr[-300:]}")
    (wheel,) = dist.glob("derive-*.whl")
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    assert (site / "derive" / "generated" / "mlp_reference.py").exists()
    hunt = tmp_path / "student" / "attack_reference_hunt.py"
    hunt.parent.mkdir()
    shutil.copy(ATTACKS / "attack_reference_hunt.py", hunt)
    proc = subprocess.run([str(env_dir / "bin" / "derive"), "grade", str(hunt), "--format", "json", "--timeout", "10"],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    import json

    result = json.loads(proc.stdout)["submissions"][0]
    # fail, not error: the installed sandbox runs (its harness ships in the wheel) and the
    # submission's fallback, zeros, is what got graded
    assert result["verdict"] == "fail" and proc.returncode == 1, result


def test_a_directory_submission_brings_its_helpers_and_leaves_a_data_set_out(tmp_path):
    root = tmp_path / "student"
    (root / "cs231n").mkdir(parents=True)
    (root / "cs231n" / "__init__.py").write_text("")
    (root / "cs231n" / "layers.py").write_text("import numpy as np\n\ndef relu(z):\n    return np.maximum(z, 0)\n")
    (root / "cifar10.bin").write_bytes(b"\0" * (17 << 20))  # over the per-file bound: not copied
    source = (ATTACKS.parent / "correct_function_l2.py").read_text()
    source = source.replace("import numpy as np", "import os\nimport numpy as np\nfrom cs231n.layers import relu\n"
                            "assert not os.path.exists('cifar10.bin')", 1)
    (root / "neural_net.py").write_text(source.replace("a2 = np.maximum(0, z2)", "a2 = relu(z2)"))
    result = grade(root)
    assert result.verdict == "pass", result.as_dict()


def test_a_zombie_owner_does_not_keep_its_directory(tmp_path):
    # A dead worker nobody reaps (reparented to a container's init that never waits) still answers
    # kill(pid, 0); its orphaned directory must be swept all the same, and a live owner's must not.
    if not sys.platform.startswith("linux"):
        pytest.skip("zombies are read from /proc")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while not _gone(dead.pid) and time.monotonic() < deadline:
        time.sleep(0.02)  # exited, not yet waited for: a zombie
    assert Path(f"/proc/{dead.pid}").exists()
    orphan = tmp_path / f"{lifetime.PREFIX}{dead.pid}-x"
    orphan.mkdir()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        kept = tmp_path / f"{lifetime.PREFIX}{live.pid}-y"
        kept.mkdir()
        assert lifetime.sweep(str(tmp_path)) == 1
        assert not orphan.exists() and kept.exists()
    finally:
        live.kill()
        live.wait()
        dead.wait()
