"""Trace differentials: df = tr(G^T dX) and the cyclic moves of a derivation by differentials."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.trace_forms import differential_text, moving_names
from derive.checks.latex.typed_nodes import Mul, Sym

COLUMN = load_notation()
DEFS = "$$Z = XW$$\n\n$$\\hat{Y} = \\max(Z, 0)$$\n\n$$f = \\|\\hat{Y} - Y\\|_F^2$$\n\n"


def _last(step: str) -> str:
    return check_text(DEFS + step + "\n", COLUMN, markdown=True).results[-1].status


def test_d_is_a_differential_only_in_a_trace_form_or_alone() -> None:
    assert differential_text(r"\mathrm{tr}(G^\top dX)") == r"\mathrm{tr}(G^\top \mathrm{d} X)"
    assert differential_text("df") == r"\mathrm{d} f"
    assert differential_text(r"\frac{df}{dx}") is None  # a derivative, not a differential
    assert differential_text("d + x") is None


def test_the_names_that_move_are_those_the_differentials_share() -> None:
    defs = {"Z": Mul(Sym("X", "X", ""), Sym("W", "W", ""), "juxt")}
    assert moving_names({"Z", "W"}, defs, {"X", "W"}) == ["W"]  # dZ = X dW, X held
    assert moving_names({"Z"}, defs, {"X", "W"}) == ["W", "X"]


@pytest.mark.parametrize(
    ("step", "ok"),
    [
        (r"\mathrm{tr}(G^\top dZ) = \mathrm{tr}(G^\top X\, dW)", True),  # dZ = X dW
        (r"\mathrm{tr}(G^\top X\, dW) = \mathrm{tr}((X^\top G)^\top dW)", True),
        (r"\mathrm{tr}(G^\top dZ) = \mathrm{tr}(G^\top dX\, W)", True),  # dZ = dX W
        (r"\mathrm{tr}(G^\top dX\, W) = \mathrm{tr}(W G^\top dX)", True),  # cyclic
        (r"\mathrm{tr}(G^\top dZ) = \mathrm{tr}(G^\top dW\, X)", False),  # the order swapped
        (r"\mathrm{tr}(G^\top dX\, W) = \mathrm{tr}(G^\top W dX)", False),  # not cyclic
    ],
)
def test_trace_moves(step: str, ok: bool) -> None:
    status = _last(f"$${step}$$")
    assert (status == "ok") is ok
    assert status != "wrong"


def test_df_as_a_trace_of_the_gradient() -> None:
    good = r"$$df = \operatorname{tr}\left(\frac{\partial f^{\top}}{\partial \hat{Y}} d \hat{Y}\right)$$"
    assert _last(good) == "ok"
    bad = r"$$df = \operatorname{tr}\left(2\frac{\partial f^{\top}}{\partial \hat{Y}} d \hat{Y}\right)$$"
    assert _last(bad) not in ("ok", "wrong")


@pytest.mark.parametrize(
    "trace",
    [r"\mathrm{tr}", r"\operatorname{tr}", r"\text{Tr}", r"\operatorname{Tr}", "tr", "Tr"],
)
def test_every_spelling_of_the_trace_of_a_differential(trace: str) -> None:
    # f = ||Y^ - Y||^2 with Y^ = max(XW, 0): df = tr(2 (Y^ - Y)^T dY^), whatever the spelling
    assert _last(f"$$df = {trace}\\left(2(\\hat{{Y}} - Y)^\\top d\\hat{{Y}}\\right)$$") == "ok"
    assert _last(f"$$df = {trace}\\left(2(\\hat{{Y}} - Y) d\\hat{{Y}}\\right)$$") not in ("ok", "wrong")
