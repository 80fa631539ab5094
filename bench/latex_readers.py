"""Which LaTeX reader reads more of the step sides of the corpus and the seeds (issue 11).

Counts the sides each reader accepts without an error within 2 s: check-latex's scalar
normaliser, its typed reader, SymPy's parse_latex and latex2sympy2_extended (Math-Verify's
parser; optional: ``pip install --no-deps latex2sympy2-extended`` keeps antlr 4.11).
"Reads" is not "reads right": parse_latex silently reads ``\\text{softplus}(x)`` as a product of
letters and drops subscripts, which the readers of check-latex refuse with a reason.

Run:  python bench/latex_readers.py
"""

from __future__ import annotations

import glob
import signal
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


class _Late(Exception):
    pass


def _alarm(*_: Any) -> None:
    raise _Late


def sides() -> list[tuple[str, str | None]]:
    from derive.checks.latex.documents import load_document
    from derive.checks.latex.notation import load_notation
    from derive.checks.latex.steps import find_steps

    notation = load_notation()
    files = sorted(
        glob.glob(str(ROOT / "tests/data/latex_corpus/*.md")) + glob.glob(str(ROOT / "tests/data/latex_corpus/*.tex"))
    )
    out: list[tuple[str, str | None]] = []
    for path in [*files, *sorted(glob.glob(str(SEEDS / "*.txt")))]:
        if path.endswith("README.md"):
            continue
        document = load_document(path)
        for step in find_steps(document.text, notation, markdown=document.markdown):
            if step.relation == "=":
                out += [(step.lhs, step.chain_var), (step.rhs, step.chain_var)]
    return out


def readers() -> dict[str, Callable[[tuple[str, str | None]], Any]]:
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.notation import load_notation
    from derive.checks.latex.typed import parse_typed
    from sympy.parsing.latex import parse_latex

    notation = load_notation()

    def scalar(side: tuple[str, str | None]) -> None:
        if normalize(side[0], notation, side[1]).problems:
            raise ValueError("not read")

    found = {
        "normaliser (scalar, ours)": scalar,
        "typed reader (ours)": lambda side: parse_typed(side[0], notation),
        "sympy parse_latex": lambda side: parse_latex(side[0]),
    }
    try:
        from latex2sympy2_extended import latex2sympy

        found["latex2sympy2_extended"] = lambda side: latex2sympy(side[0])
    except ImportError:
        pass
    return found


def reads(fn: Callable[[tuple[str, str | None]], Any], side: tuple[str, str | None]) -> bool:
    signal.setitimer(signal.ITIMER_REAL, 2)
    try:
        fn(side)
        return True
    except (_Late, Exception):  # noqa: BLE001 - any failure of a foreign parser is "not read"
        return False
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main() -> None:
    warnings.filterwarnings("ignore")
    signal.signal(signal.SIGALRM, _alarm)
    all_sides = sides()
    print(f"{len(all_sides)} step sides")
    for name, fn in readers().items():
        start = time.perf_counter()
        ok = sum(reads(fn, side) for side in all_sides)
        print(f"{name:28s} reads {ok:4d} ({ok / len(all_sides):.0%}) in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
