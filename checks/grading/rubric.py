"""A course's grading rubric (TOML): points per check, a total, visibility on Gradescope, the
penalty conventions accepted, the strict policy, extra packages and the grading options.

    # rubric.toml -- every key is optional
    total = 100                      # points are scaled to sum to this (per submission)
    strict = false                   # true: warnings (unstable-softmax) fail the check
    visibility = "after_due_date"    # Gradescope: visible | hidden | after_due_date | after_published
    stdout_visibility = "hidden"     # the same values, for the overall output
    conventions = ["l2", "half-l2"]  # accepted penalty conventions (one: imposed; both: the loss's own)
    layout = "auto"                  # auto | row (W1 D×H) | column (W1 H×D, the UCLA template)
    extra_packages = ["future"]      # importable in the sandbox besides numpy and the standard library
    show_output = false              # Gradescope: show students what their code printed
    examples = 25                    # Hypothesis-drawn problems
    seed = 0
    timeout = 10.0                   # seconds per call into the submission
    memory_mb = 2048

    [points]                         # default 1 each; the most specific key wins:
    "toy problem: dW1" = 4           # 1. a check's exact name
    "other sizes" = 2                # 2. a group (the name before the colon; "full size" will do)
    W1 = 3                           # 3. a parameter (W1, b1, W2, b2, loss)
    default = 1                      # 4. everything else

    [test_visibility]                # per test, the same keys as [points]; else `visibility`
    "full size" = "after_due_date"

Validation first, then build (Hypothesis's way): one ``RubricError`` (a ``DeriveError``, exit 2)
whose one-line message echoes the offending key and value and says what was expected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from derive.checks.grading.records import Check, GradeResult

from derive.errors import DeriveError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser as a package (a dependency there)
    import tomli as tomllib

__all__ = ["VISIBILITIES", "Rubric", "RubricError", "apply_rubric", "load_rubric", "parse_rubric"]

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
_CONVENTIONS = ("l2", "half-l2")
_LAYOUTS = ("auto", "row", "column")
_PARAMETER_KEYS = ("W1", "b1", "W2", "b2", "loss")


class RubricError(DeriveError):
    """A rubric that cannot be used (one line, exit code 2)."""


@dataclass(frozen=True)
class Rubric:
    points: dict[str, float] = field(default_factory=dict)
    total: float | None = None
    strict: bool = False
    show_output: bool = False
    visibility: str = "visible"
    test_visibility: dict[str, str] = field(default_factory=dict)
    stdout_visibility: str = "visible"
    conventions: tuple[str, ...] = _CONVENTIONS
    layout: str = "auto"
    extra_packages: tuple[str, ...] = ()
    examples: int | None = None
    seed: int | None = None
    timeout: float | None = None
    memory_mb: int | None = None
    source: str = ""

    @property
    def reg_convention(self) -> str:
        return self.conventions[0] if len(self.conventions) == 1 else "auto"

    def weight(self, check: Check) -> float:
        """The points a check is worth before scaling to ``total``."""
        return self.points[key] if (key := _most_specific(check, self.points)) else 1.0

    def visibility_of(self, check: Check) -> str:
        """The Gradescope visibility of a check's test."""
        return self.test_visibility[key] if (key := _most_specific(check, self.test_visibility)) else self.visibility


def _most_specific(check: Check, table: dict[str, Any]) -> str | None:
    """The key of ``table`` that applies to ``check``: its exact name, its group (the name before
    the colon, with or without its parenthesis: "full size" for "full size (N=200, …): dW1"),
    its parameter (W1, b1, W2, b2, loss), else "default"."""
    group = check.name.split(":")[0].strip()
    short = group.split("(")[0].strip()
    parameter = check.parameter or ("loss" if check.name.endswith("loss") else None)
    keys = (check.name, group, short, parameter, "default")
    return next((key for key in keys if key is not None and key in table), None)


def _fail(where: str, message: str) -> RubricError:
    return RubricError(f"rubric {where}: {message}")


def _number(where: str, key: str, value: Any, *, minimum: float = 0.0, integer: bool = False) -> float:
    kinds = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value) or value < minimum:
        what = "an integer" if integer else "a finite number"
        raise _fail(where, f"{key}={value!r} must be {what} >= {minimum:g}")
    return value


def _choice(where: str, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _fail(where, f"{key}={value!r} is not one of {', '.join(allowed)}")
    return value


def _strings(where: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{key}={value!r} must be a list of names")
    return tuple(dict.fromkeys(v.strip() for v in value))


_KEYS = (
    "points",
    "total",
    "strict",
    "show_output",
    "visibility",
    "test_visibility",
    "stdout_visibility",
    "conventions",
    "layout",
    "extra_packages",
    "examples",
    "seed",
    "timeout",
    "memory_mb",
)


def parse_rubric(doc: dict[str, Any], where: str = "") -> Rubric:
    """A Rubric from a parsed TOML document; RubricError for the first bad key or value."""
    unknown = sorted(set(doc) - set(_KEYS))
    if unknown:
        raise _fail(where, f"unknown key {unknown[0]!r}; expected one of {', '.join(_KEYS)}")
    points_doc = doc.get("points", {})
    if not isinstance(points_doc, dict):
        raise _fail(where, f"points={points_doc!r} must be a table of check, group or parameter = points")
    points = {str(k): float(_number(where, f"points.{k!r}", v)) for k, v in points_doc.items()}
    opts: dict[str, Any] = {"points": points, "source": where}
    if "total" in doc:
        opts["total"] = float(_number(where, "total", doc["total"]))
    for key in ("strict", "show_output"):
        if key in doc:
            if not isinstance(doc[key], bool):
                raise _fail(where, f"{key}={doc[key]!r} must be true or false")
            opts[key] = doc[key]
    for key in ("visibility", "stdout_visibility"):
        if key in doc:
            opts[key] = _choice(where, key, doc[key], VISIBILITIES)
    tests_doc = doc.get("test_visibility", {})
    if not isinstance(tests_doc, dict):
        raise _fail(where, f"test_visibility={tests_doc!r} must be a table of check, group or parameter = visibility")
    opts["test_visibility"] = {
        str(k): _choice(where, f"test_visibility.{k!r}", v, VISIBILITIES) for k, v in tests_doc.items()
    }
    if "conventions" in doc:
        conventions = _strings(where, "conventions", doc["conventions"])
        for c in conventions:
            _choice(where, "conventions", c, _CONVENTIONS)
        if not conventions:
            raise _fail(where, "conventions=[] must accept at least one of l2, half-l2")
        opts["conventions"] = conventions
    if "layout" in doc:
        opts["layout"] = _choice(where, "layout", doc["layout"], _LAYOUTS)
    if "extra_packages" in doc:
        opts["extra_packages"] = _strings(where, "extra_packages", doc["extra_packages"])
    for key, minimum, integer in (
        ("examples", 0, True),
        ("seed", -(2**63), True),
        ("memory_mb", 64, True),
        ("timeout", 0.1, False),
    ):
        if key in doc:
            opts[key] = _number(where, key, doc[key], minimum=minimum, integer=integer)
    return Rubric(**opts)


def load_rubric(path: Path | str) -> Rubric:
    """Read and validate a rubric file."""
    path = Path(path)
    from derive.checks.grading.submissions import is_regular_file

    if not is_regular_file(path):
        raise RubricError(f"rubric {path}: not a readable file")
    try:
        data = path.read_bytes()[: 1 << 20].decode("utf-8")
        doc = tomllib.loads(data)
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError(f"rubric {path}: cannot read it ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"rubric {path}: not valid TOML ({exc})") from None
    return parse_rubric(doc, str(path))


def apply_rubric(result: GradeResult, rubric: Rubric | None) -> GradeResult:
    """Points per check and the score (DESIGN.md contract). Without a rubric each graded check
    is worth 1 point. A passed or warned check earns its points; a skipped one is not graded;
    a submission that could not be run scores 0 of the total."""
    rubric = rubric or Rubric()
    graded = [c for c in result.checks if c.status != "skip"]
    weights = {id(c): rubric.weight(c) for c in graded}
    raw_total = sum(weights.values())
    scale = rubric.total / raw_total if rubric.total is not None and raw_total > 0 else 1.0
    for c in result.checks:
        if c.status == "skip":
            c.points = c.max_points = 0.0
            continue
        c.max_points = round(weights[id(c)] * scale, 6)
        c.points = c.max_points if c.status in ("pass", "warn") else 0.0
    if rubric.total is not None:
        result.max_score = rubric.total  # exactly, not a sum of rounded shares
    else:
        result.max_score = round(sum(c.max_points for c in graded), 4) if result.verdict != "error" else 1.0
    # A share rounded per check must not add up past the total.
    result.score = min(round(sum(c.points for c in graded), 4), result.max_score)
    return result
