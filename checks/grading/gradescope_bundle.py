"""A Gradescope autograder that runs ``derive grade``: ``derive gradescope-bundle OUT.zip``.

The zip holds what Gradescope's autograder format asks for at its top level:
- ``setup.sh``: installs Python 3 and pip if missing, then the bundled derive wheel (its
  dependencies come from PyPI, which Gradescope's image builder can reach);
- ``run_autograder``: grades ``$ROOT/submission`` as one submission into
  ``$ROOT/results/results.json`` (``--format gradescope``); ROOT is /autograder unless
  ``DERIVE_AUTOGRADER_ROOT`` says otherwise (the test suite runs it in a temporary directory);
- the derive wheel, built from this source tree (``pip wheel --no-deps``) or given with --wheel;
- ``derive-grade.json``: the grading options, so course staff can read what students face;
- ``rubric.toml`` when the course gave one (points, visibility, strict policy, extra packages).

``run_autograder`` always exits 0 once results.json is written: Gradescope shows a failing
autograder's stderr instead of the results, and a failing *submission* is a result.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from derive.errors import DeriveError

__all__ = ["build_wheel", "run_autograder_script", "setup_script", "write_bundle"]

ROOT_VARIABLE = "DERIVE_AUTOGRADER_ROOT"


def setup_script(wheel_name: str, extra_packages: tuple[str, ...] = (), draws: tuple[int, int] = (0, 25)) -> str:
    """The image's setup: Python, derive's wheel, and the rubric's extra packages (which the
    submissions may import: the rubric promises them, so the image must have them). Then the
    grade's Hypothesis-drawn problems for ``draws`` = (seed, examples), drawn once into the
    image's cache (``derive.checks.grading.drawn``): each submission's fresh container grades
    without running Hypothesis unless the submission fails. A failure there costs nothing."""
    extra = "".join(f"python3 -m pip install {shlex.quote(p)}\n" for p in extra_packages)
    seed, examples = (int(v) for v in draws)
    extra += (
        f'python3 -c "from derive.checks.grading.drawn import drawn_problems; drawn_problems({seed}, {examples})"'
        " || true\n"
    )
    return f"""#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v python3 >/dev/null 2>&1 || ! python3 -m pip --version >/dev/null 2>&1; then
    apt-get update
    apt-get install -y python3 python3-pip
fi
python3 -m pip install --upgrade pip
python3 -m pip install "./{wheel_name}"
{extra}"""


def run_autograder_script(options: dict[str, Any], *, rubric: bool = False) -> str:
    """The script; options left out come from the rubric (bundled as rubric.toml) or the defaults."""
    args = ["--single", "--format", "gradescope", "--force"]
    for key in ("api", "reg_convention", "timeout", "memory_mb", "examples", "seed"):
        if options.get(key) is not None:
            args += ["--" + key.replace("_", "-"), str(options[key])]
    quoted = " ".join(shlex.quote(a) for a in args)
    if rubric:
        quoted += ' --rubric "$ROOT/source/rubric.toml"'
    return f"""#!/usr/bin/env bash
# Gradescope runs this for every submission: grade /autograder/submission as ONE submission.
set -uo pipefail
ROOT="${{{ROOT_VARIABLE}:-/autograder}}"
mkdir -p "$ROOT/results"
if command -v derive >/dev/null 2>&1; then
    DERIVE=(derive)
else
    DERIVE=(python3 -m derive)
fi
"${{DERIVE[@]}}" grade "$ROOT/submission" {quoted} --output "$ROOT/results/results.json"
status=$?
# 0 pass, 1 fail, 3 could not run: all are results. 2 means the grader itself was misused.
if [ "$status" -eq 2 ] || [ ! -s "$ROOT/results/results.json" ]; then
    printf '{{"score": 0, "output": "The autograder could not grade this submission (derive exit status %s). '\\
'Please tell the course staff.", "tests": []}}\\n' "$status" > "$ROOT/results/results.json"
fi
exit 0
"""


def _source_root() -> Path:
    import derive

    root = Path(derive.__file__).resolve().parent.parent
    if not (root / "pyproject.toml").is_file():
        raise DeriveError(
            "gradescope-bundle builds derive's wheel from its source tree, which this "
            "installation lacks; pass --wheel PATH to a derive wheel"
        )
    return root


#: Left out of the copy the wheel is built from: VCS data, caches, earlier build output.
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis", ".pytest_cache", "report"
)


def build_wheel(directory: Path) -> Path:
    """Build derive's wheel into ``directory`` from a clean copy of the source tree (building in
    place would write build/ and *.egg-info into the working tree, and a stale build/lib can
    smuggle deleted modules into the wheel). Offline with this environment's setuptools first;
    if that lacks bdist_wheel, pip's isolated build (which fetches setuptools and wheel)."""
    root = _source_root()
    source = directory / "src"
    shutil.copytree(root, source, ignore=_IGNORE)
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(directory), str(source)]
    proc = subprocess.run([*build, "--no-build-isolation"], capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        proc = subprocess.run(build, capture_output=True, text=True, timeout=900)
    wheels = sorted(directory.glob("derive-*.whl"))
    if proc.returncode != 0 or not wheels:
        last = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no wheel produced"]
        raise DeriveError(f"building derive's wheel failed: {last[0]}")
    return wheels[-1]


def write_bundle(
    out: Path,
    options: dict[str, Any],
    *,
    wheel: Path | None = None,
    rubric: str | None = None,
    extra_packages: tuple[str, ...] = (),
    draws: tuple[int, int] = (0, 25),
) -> list[str]:
    """Write the autograder zip to ``out``; return the names it holds. ``draws``: the (seed,
    examples) the grades will use, whose drawn problems setup.sh prepares."""
    out = Path(out)
    if out.suffix != ".zip":
        raise DeriveError(f"{out}: the bundle must be a .zip file")
    if not out.parent.exists():
        raise DeriveError(f"{out.parent}: no such directory")
    with tempfile.TemporaryDirectory(prefix="derive-bundle-") as tmp:
        wheel_path = Path(wheel) if wheel is not None else build_wheel(Path(tmp))
        if not wheel_path.name.endswith(".whl"):
            raise DeriveError(f"{wheel_path}: not a wheel (.whl)")
        entries = {
            "setup.sh": setup_script(wheel_path.name, extra_packages, draws),
            "run_autograder": run_autograder_script(options, rubric=rubric is not None),
            "derive-grade.json": json.dumps(options, indent=2, sort_keys=True) + "\n",
        }
        if rubric is not None:
            entries["rubric.toml"] = rubric
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, text in entries.items():
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if name in ("setup.sh", "run_autograder") else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text)
            z.write(wheel_path, wheel_path.name)
    return [*entries, wheel_path.name]
