"""check-latex on the corpus of real derivations (tests/data/latex_corpus/manifest.toml): no
correct step is ever called wrong, and the planted mistakes are found.

The corpus is checked once per session with the benchmark's own scoring (bench/latex_bench.py),
so that CI and the published numbers can never disagree.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("latex_bench", ROOT / "bench" / "latex_bench.py")
assert _spec is not None and _spec.loader is not None
latex_bench = importlib.util.module_from_spec(_spec)
sys.modules["latex_bench"] = latex_bench  # its dataclasses look their module up while being built
_spec.loader.exec_module(latex_bench)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not latex_bench.MANIFEST.is_file(), reason="no corpus manifest"),
]


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    documents = [d for d in latex_bench.load_manifest(latex_bench.MANIFEST) if d["source"] is not None]
    return {s.name: s for s in latex_bench.check_documents(documents, timeout=10.0, budget=120.0)}


def _planted() -> list[str]:
    if not latex_bench.MANIFEST.is_file():
        return []
    return [d["name"] for d in latex_bench.load_manifest(latex_bench.MANIFEST) if d.get("planted")]


def test_no_correct_step_is_called_wrong(scores: dict[str, Any]) -> None:
    alarms = [(name, a["line"], a["claim"], a["tool"]["message"]) for name, s in scores.items() for a in s.false_alarms]
    assert alarms == []


HELDOUT = ROOT / "tests" / "data" / "latex_heldout" / "manifest.toml"
HELDOUT2 = ROOT / "tests" / "data" / "latex_heldout2" / "manifest.toml"
HELDOUT3 = ROOT / "tests" / "data" / "latex_heldout3" / "manifest.toml"
HELDOUT4 = ROOT / "tests" / "data" / "latex_heldout4" / "manifest.toml"
HELDOUT5 = ROOT / "tests" / "data" / "latex_heldout5" / "manifest.toml"
HELDOUT6 = ROOT / "tests" / "data" / "latex_heldout6" / "manifest.toml"
HELDOUT7 = ROOT / "tests" / "data" / "latex_heldout7" / "manifest.toml"
HELDOUT8 = ROOT / "tests" / "data" / "latex_heldout8" / "manifest.toml"
HELDOUT9 = ROOT / "tests" / "data" / "latex_heldout9" / "manifest.toml"
HELDOUT10 = ROOT / "tests" / "data" / "latex_heldout10" / "manifest.toml"
HELDOUT11 = ROOT / "tests" / "data" / "latex_heldout11" / "manifest.toml"
HELDOUT12 = ROOT / "tests" / "data" / "latex_heldout12" / "manifest.toml"
HELDOUT13 = ROOT / "tests" / "data" / "latex_heldout13" / "manifest.toml"
HELDOUT14 = ROOT / "tests" / "data" / "latex_heldout14" / "manifest.toml"
HELDOUT15 = ROOT / "tests" / "data" / "latex_heldout15" / "manifest.toml"
HELDOUT16 = ROOT / "tests" / "data" / "latex_heldout16" / "manifest.toml"
HELDOUT17 = ROOT / "tests" / "data" / "latex_heldout17" / "manifest.toml"
HELDOUT18 = ROOT / "tests" / "data" / "latex_heldout18" / "manifest.toml"
HELDOUT19 = ROOT / "tests" / "data" / "latex_heldout19" / "manifest.toml"
HELDOUT20 = ROOT / "tests" / "data" / "latex_heldout20" / "manifest.toml"
HELDOUT21 = ROOT / "tests" / "data" / "latex_heldout21" / "manifest.toml"
HELDOUT22 = ROOT / "tests" / "data" / "latex_heldout22" / "manifest.toml"
HELDOUT23 = ROOT / "tests" / "data" / "latex_heldout23" / "manifest.toml"
HELDOUT24 = ROOT / "tests" / "data" / "latex_heldout24" / "manifest.toml"
HELDOUT25 = ROOT / "tests" / "data" / "latex_heldout25" / "manifest.toml"
HELDOUT26 = ROOT / "tests" / "data" / "latex_heldout26" / "manifest.toml"
HELDOUT27 = ROOT / "tests" / "data" / "latex_heldout27" / "manifest.toml"
HELDOUT28 = ROOT / "tests" / "data" / "latex_heldout28" / "manifest.toml"
HELDOUT29 = ROOT / "tests" / "data" / "latex_heldout29" / "manifest.toml"
HELDOUT30 = ROOT / "tests" / "data" / "latex_heldout30" / "manifest.toml"
HELDOUT31 = ROOT / "tests" / "data" / "latex_heldout31" / "manifest.toml"
HELDOUT32 = ROOT / "tests" / "data" / "latex_heldout32" / "manifest.toml"
HELDOUT33 = ROOT / "tests" / "data" / "latex_heldout33" / "manifest.toml"
HELDOUT34 = ROOT / "tests" / "data" / "latex_heldout34" / "manifest.toml"
HELDOUT35 = ROOT / "tests" / "data" / "latex_heldout35" / "manifest.toml"
HELDOUT36 = ROOT / "tests" / "data" / "latex_heldout36" / "manifest.toml"
HELDOUT37 = ROOT / "tests" / "data" / "latex_heldout37" / "manifest.toml"
HELDOUT38 = ROOT / "tests" / "data" / "latex_heldout38" / "manifest.toml"
HELDOUT39 = ROOT / "tests" / "data" / "latex_heldout39" / "manifest.toml"
HELDOUT40 = ROOT / "tests" / "data" / "latex_heldout40" / "manifest.toml"
HELDOUT41 = ROOT / "tests" / "data" / "latex_heldout41" / "manifest.toml"
HELDOUT42 = ROOT / "tests" / "data" / "latex_heldout42" / "manifest.toml"
HELDOUT43 = ROOT / "tests" / "data" / "latex_heldout43" / "manifest.toml"
HELDOUT44 = ROOT / "tests" / "data" / "latex_heldout44" / "manifest.toml"
HELDOUT45 = ROOT / "tests" / "data" / "latex_heldout45" / "manifest.toml"
HELDOUT46 = ROOT / "tests" / "data" / "latex_heldout46" / "manifest.toml"


@pytest.mark.parametrize(
    ("manifest", "documents", "counted"),
    [
        (HELDOUT, 8, 200),
        (HELDOUT2, 8, 150),
        (HELDOUT3, 8, 180),
        (HELDOUT4, 7, 180),
        (HELDOUT5, 8, 140),
        (HELDOUT6, 8, 120),
        (HELDOUT7, 8, 60),
        (HELDOUT8, 8, 170),
        (HELDOUT9, 8, 130),
        (HELDOUT10, 8, 140),
        (HELDOUT11, 7, 160),
        (HELDOUT12, 8, 370),
        (HELDOUT13, 8, 210),
        (HELDOUT14, 4, 90),
        (HELDOUT15, 4, 90),
        (HELDOUT16, 6, 85),
        (HELDOUT17, 14, 380),
        (HELDOUT18, 10, 260),
        (HELDOUT19, 12, 300),
        (HELDOUT20, 10, 265),
        (HELDOUT21, 10, 265),
        (HELDOUT22, 8, 180),
        (HELDOUT23, 13, 205),
        (HELDOUT24, 11, 255),
        (HELDOUT25, 14, 220),
        (HELDOUT26, 11, 385),
        (HELDOUT27, 11, 185),
        (HELDOUT28, 9, 235),
        (HELDOUT29, 11, 120),
        (HELDOUT30, 3, 150),
        (HELDOUT31, 9, 140),
        (HELDOUT32, 9, 170),
        (HELDOUT33, 8, 140),
        (HELDOUT34, 8, 190),
        (HELDOUT35, 8, 120),
        (HELDOUT36, 9, 190),
        (HELDOUT37, 8, 150),
        (HELDOUT38, 7, 180),
        (HELDOUT39, 9, 115),
        (HELDOUT40, 10, 170),
        (HELDOUT41, 5, 35),
        (HELDOUT42, 9, 175),
        (HELDOUT43, 8, 175),
        (HELDOUT44, 10, 210),
        (HELDOUT45, 11, 140),
        (HELDOUT46, 12, 190),
    ],
    ids=lambda value: value.parent.name if isinstance(value, Path) else None,  # latex_heldout17, not manifest16
)
def test_no_correct_step_is_called_wrong_on_the_heldout_documents(manifest: Path, documents: int, counted: int) -> None:
    # each set was measured before anything was tuned on it (see its README.md). The step limit is
    # the bench's (bench/latex_bench.py --timeout 5), whose figures the issue notes report: these
    # sets are about two thirds of CI's time, and a step over 5 s is left unread there, never wrong.
    listed = [d for d in latex_bench.load_manifest(manifest) if d["source"] is not None]
    assert len(listed) == documents
    scores = latex_bench.check_documents(listed, timeout=5.0, budget=120.0)
    alarms = [(s.name, a["line"], a["claim"], a["tool"]["message"]) for s in scores for a in s.false_alarms]
    assert alarms == []
    assert latex_bench.total(scores).counted > counted


def _outside_repository(document: dict[str, Any]) -> bool:
    """The seed reports are listed by their path in ../shared, which lives beside the repository
    (on a developer's machine and in CI), not inside it."""
    return "path" in document and not (ROOT / document["path"]).resolve().is_relative_to(ROOT)


def test_the_corpus_is_read(scores: dict[str, Any]) -> None:
    # every document kept in the repository was found and checked (the seeds beside it when
    # present), and the tool judged something in the corpus
    listed = latex_bench.load_manifest(latex_bench.MANIFEST)
    missing = [d["name"] for d in listed if d["source"] is None and not _outside_repository(d)]
    assert missing == []
    assert len(scores) == len([d for d in listed if d["source"] is not None])
    whole = latex_bench.total(list(scores.values()))
    assert whole.counted > 0 and whole.judged > 0


# Today (issue 11 in progress) the planted mistakes sit in matrix-calculus and inline steps that the
# judge does not decide yet; this marker goes when the matrix judge lands (strict: a pass is news).
@pytest.mark.xfail(reason="planted mistakes in matrix-calculus/inline steps: judge not there yet", strict=False)
@pytest.mark.parametrize("name", _planted())
def test_every_planted_mistake_is_found(scores: dict[str, Any], name: str) -> None:
    score = scores[name]
    assert score.wrong > 0, f"{name} is marked planted but lists no wrong step"
    assert score.missed == []


def _found_before() -> list[tuple[str, int]]:
    path = ROOT / "tests" / "data" / "documents" / "corpus_found.toml"
    if not path.is_file():
        return []
    with open(path, "rb") as handle:
        return [(f["document"], int(f["line"])) for f in latex_bench.tomllib.load(handle).get("found", [])]


@pytest.mark.parametrize(("name", "line"), _found_before())
def test_a_mistake_found_before_is_still_found(scores: dict[str, Any], name: str, line: int) -> None:
    # the regression guard: every wrong step the tool reached when this list was measured
    if name not in scores and name.startswith("../"):
        pytest.skip(f"{name} is not beside the repository")
    score = scores[name]
    assert score.wrong > 0
    assert [m for m in score.missed if m["line"] == line] == []
