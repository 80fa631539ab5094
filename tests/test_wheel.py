"""The built wheel, installed in a fresh virtual environment, renders: the templates ship as
derive.templates and the reference as derive.generated (not only in an editable install)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
                                ".pytest_cache", "report")


@pytest.fixture(scope="module")
def wheel_env(tmp_path_factory):
    """Build the wheel from a copy of the tree (the build writes build/ and *.egg-info, which
    must not land in the shared working tree) and install it with --no-deps into a fresh venv
    whose dependencies come from this interpreter's site-packages through a .pth line (fast,
    offline; the editable install's finder is not activated that way)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    dist = tmp / "dist"
    build = [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-w", str(dist), "-q"]
    # Offline and fast with this environment's setuptools; a fresh CI venv may carry an old
    # setuptools without bdist_wheel, so fall back to pip's isolated build (it fetches
    # setuptools and wheel as pyproject.toml asks).
    done = subprocess.run([*build, "--no-build-isolation"], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        done = subprocess.run(build, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    (wheel,) = dist.glob("derive-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, capture_output=True, timeout=600)
    return env_dir, tmp


def test_the_wheel_holds_templates_and_generated(wheel_env):
    env_dir, tmp = wheel_env
    python = env_dir / "bin" / "python"
    code = (
        "import derive, derive.templates, derive.generated.mlp_reference as m, importlib.resources as r\n"
        "print(derive.__file__)\n"
        "print(sorted(p.name for p in r.files('derive.templates').iterdir() if p.name.endswith('.j2')))\n"
        "print(callable(m.loss_and_grads))\n"
    )
    out = subprocess.run([str(python), "-I", "-c", code], check=True, capture_output=True, text=True,
                         cwd=tmp).stdout.splitlines()
    assert str(env_dir) in out[0], "derive was imported from outside the fresh venv"
    assert out[1] == "['numpy_module.py.j2', 'report.tex.j2']"
    assert out[2] == "True"
    # Commands load lazily, so --help imports none of them: import every command module the
    # group lists (a package missing from the wheel shows up here, not only in the slow
    # render below), and run the console script.
    imports = (
        "import importlib\n"
        "from derive.cli import COMMANDS\n"
        "for module, attribute in COMMANDS.values():\n"
        "    getattr(importlib.import_module(module), attribute)\n"
    )
    subprocess.run([str(python), "-I", "-c", imports], check=True, capture_output=True, text=True, cwd=tmp)
    help_text = subprocess.run([str(env_dir / "bin" / "derive"), "--help"], check=True, capture_output=True, text=True,
                               cwd=tmp).stdout
    assert "render" in help_text and "report" in help_text and "verify" in help_text
    # An installed derive never writes into site-packages: render needs --out (exit 2, one line).
    refused = subprocess.run([str(env_dir / "bin" / "derive"), "render", "-q"], capture_output=True, text=True, cwd=tmp)
    assert refused.returncode == 2 and "--out" in refused.stderr and len(refused.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_installed_derive_verifies_and_finds_generated_up_to_date(wheel_env):
    """`derive render --check` from the installed wheel against the repository's generated/:
    one real verification of the whole catalogue shows at once that the wheel renders, that
    renders are byte-identical (another interpreter, another directory) and that the
    committed generated/ is current (what CI must hold)."""
    env_dir, tmp = wheel_env
    out_dir = tmp / "rendered"
    out_dir.mkdir()
    for name in ("mlp_reference.py", "report.tex"):
        shutil.copy2(ROOT / "generated" / name, out_dir / name)
    proc = subprocess.run([str(env_dir / "bin" / "derive"), "render", "--check", "--out", str(out_dir), "-q"],
                          capture_output=True, text=True, cwd=tmp, timeout=900)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert "up to date" in proc.stdout
