r"""``e`` differentiated by is a variable (micrograd's e = a b), in a document that never raises e
to a power; with a power anywhere it stays Euler's number."""

from __future__ import annotations

from derive.checks.latex.checker import check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation
from derive.checks.latex.variable_e import with_variable_e

MICROGRAD = (
    "Let $d = c + e$ and $L = d f$.\n\n"
    "$$\\frac{\\partial L}{\\partial d} = f$$\n\n$$\\frac{\\partial d}{\\partial e} = 1$$\n\n"
    "$$\\frac{\\partial L}{\\partial e} = f$$\n\n$$\\frac{\\partial d}{\\partial e} = 2$$\n"
)


def test_a_variable_e_is_differentiated_by() -> None:
    report = check_text(MICROGRAD, load_notation(None), markdown=True, timeout=30)
    assert [s["status"] for s in report.as_dict()["steps"]] == ["ok", "ok", "ok", "wrong"]


def test_e_raised_to_a_power_keeps_e_eulers_number() -> None:
    notation = load_notation(None)
    assert "e" not in with_variable_e(extract(MICROGRAD, markdown=True), notation).constants
    mixed = MICROGRAD + "\n$$\\sigma(x) = \\frac{1}{1 + e^{-x}}$$\n"
    assert "e" in with_variable_e(extract(mixed, markdown=True), notation).constants
    plain = "$$\\frac{d}{dx} e^x = e^x$$\n"  # no derivative by e
    assert "e" in with_variable_e(extract(plain, markdown=True), notation).constants
