r"""Membership claims ``X \in \mathbb{R}^{a \times b}`` held against the notation's shapes."""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Notation, identifier_name
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

__all__ = ["check_membership", "space_dims", "show_shape"]

# ℝ as \mathbb{R}, \mathbf{R}, \Bbb R, or a document's shorthand \R, \RR, \Reals
_REALS = r"(?:\\(?:mathbb|mathbf|Bbb|mathds)\s*\{?\s*R\s*\}?|\\R(?:R|eals)?(?![A-Za-z]))"
_REAL_SPACE = re.compile(
    rf"^\s*{_REALS}\s*(\^\s*(\{{(?P<braced>.*)\}}|(?P<single>\\?[A-Za-z0-9]+)))?\s*$", re.S
)


def space_dims(text: str) -> tuple[str, ...] | None:
    m = _REAL_SPACE.match(text)
    if m is None:
        return None
    body = m.group("braced") if m.group("braced") is not None else m.group("single")
    if body is None:
        return ()
    parts = re.split(r"\\times|\\cdot|\\!|\*|(?<![A-Za-z\\])x(?![A-Za-z])", body)
    return tuple(re.sub(r"\s+|[{}]|\\mathrm|\\text", "", p) for p in parts)


def _lhs_shape(text: str, notation: Notation) -> tuple[str, tuple[str, ...]] | None:
    """(what, shape) for a declared name or ∂(scalar)/∂(declared name)."""
    stripped = text.strip()
    m = re.fullmatch(
        r"\\[dt]?frac\s*\{\s*\\partial\s*(?P<num>.+?)\s*\}\s*\{\s*\\partial\s*(?P<den>.+)\}", stripped, flags=re.S
    )
    try:
        if m is not None:
            num = identifier_name(m.group("num"), notation=notation)
            den = identifier_name(m.group("den"), notation=notation)
            if num in notation.scalars and den in notation.shapes:
                return f"∂{num}/∂{den} (shaped like {den})", notation.shapes[den]
            return None
        name = identifier_name(stripped, notation=notation)
    except Exception:  # noqa: BLE001 - anything not a plain name has no declared shape
        return None
    if name in notation.shapes:
        return name, notation.shapes[name]
    return None


def _canon(s: tuple[str, ...]) -> tuple[str, ...]:
    """A column n×1 is the n-vector."""
    return s[:-1] if len(s) == 2 and s[1] == "1" else s


def _same_shape(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return _canon(a) == _canon(b)


def _undeclared(lhs: str, claimed: tuple[str, ...], notation: Notation) -> str:
    """Why a membership of a name without a shape is not checked: it is the document's declaration."""
    try:
        name = identifier_name(lhs.strip(), notation=notation)
    except Exception:  # noqa: BLE001 - not a plain name: an expression whose shape is not known
        name = None
    if name:
        return f"the document declares {name} in ℝ^{{{show_shape(claimed)}}}: a declaration, nothing to check"
    return "no shape declared for the left side in the notation"


def check_membership(step: Step, notation: Notation) -> StepResult | None:
    """Shape check of ``X \\in \\mathbb{R}^{a \\times b}``; None when X has no declared shape."""
    claimed = space_dims(step.rhs)
    found = _lhs_shape(step.lhs, notation)
    if claimed is None or found is None:
        if step.kind == "display" and claimed is not None:
            return StepResult(step, "inconclusive", None, _undeclared(step.lhs, claimed, notation))
        return None
    what, actual = found
    if _same_shape(actual, claimed):
        return StepResult(step, "ok", None, f"shape {show_shape(actual)} as declared in the notation", method="shape")
    # W^{(1)} ∈ R^{2×2} of a 2-2-1 example: D = H = 2 is allowed; b^{(2)} ∈ R^{1×1}: a C-vector with C = 1
    if _sizes_fit(actual, claimed):
        why = f"{what} is {show_shape(actual)}: the notation's sizes may be {show_shape(claimed)} in this document"
        return StepResult(step, "inconclusive", None, why)
    known = {d for dims in notation.shapes.values() for d in dims}
    if not all(d in known or d.isdigit() for d in claimed):
        return StepResult(step, "inconclusive", None, f"unknown size in {show_shape(claimed)}")
    names = sorted({d for d in actual + claimed if not d.isdigit()})
    sizes = {n: 2 + k for k, n in enumerate(names)}

    def value(dims: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(int(d) if d.isdigit() else sizes[d] for d in dims)

    if value(actual) == value(claimed) or len(value(actual)) == len(value(claimed)) == 0:
        return StepResult(step, "inconclusive", None, "shapes differ only by name")
    cex = {
        "point": {n: str(v) for n, v in sizes.items()},
        "lhs": f"{what}: {show_shape(actual)} = {'×'.join(map(str, value(actual)))}",
        "rhs": f"claimed {show_shape(claimed)} = {'×'.join(map(str, value(claimed)))}",
        "where": "shape",
    }
    return StepResult(step, "wrong", cex, f"{what} is {show_shape(actual)}, not {show_shape(claimed)}", method="shape")


def _sizes_fit(actual: tuple[str, ...], claimed: tuple[str, ...]) -> bool:
    """Numbers claimed for sizes the notation names (D×H as 2×2): refuted only when no choice of
    the named sizes gives them (a size named twice takes one number; a number is itself)."""
    actual, claimed = _canon(actual), _canon(claimed)  # a column n×1 is the n-vector (b ∈ R^{1×1}, C = 1)
    if not claimed:  # b^{(2)} ∈ R for a layer of one neuron: every named size 1 makes the number
        return bool(actual) and all(d == "1" or not d.isdigit() for d in actual)
    if len(actual) != len(claimed) or not any(d.isdigit() for d in claimed):
        return False
    chosen: dict[str, str] = {}
    for have, said in zip(actual, claimed, strict=True):
        if have.isdigit() or not said.isdigit():
            if have != said:
                return False
        elif chosen.setdefault(have, said) != said:
            return False
    return True


def show_shape(dims: tuple[str, ...]) -> str:
    return "scalar" if not dims else "×".join(dims)
