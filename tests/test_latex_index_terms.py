"""Per-index formulas on the random layered network (checks/latex/index_terms.py): the roles read
from letters and layer labels, the layers a step's labels are placed on, and the readings under
which a formula holds (the weight's index order, δ's sign)."""

from __future__ import annotations

import pytest
from derive.checks.latex.index_terms import NotInClass, Reading, holding_readings, layer_labels, quantity
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()
ALL = [Reading(o, s) for o in ("out_in", "in_out") for s in (1, -1)]


def _sides(step: str) -> tuple:
    lhs, rhs = step.split(" = ")
    return parse_typed(lhs, NOTATION), parse_typed(rhs, NOTATION)


def test_roles_from_letters_and_labels() -> None:
    assert quantity(parse_typed(r"\Theta_{rs}^{(2)}", NOTATION)) == ("W", ("", 2), ("r", "s"))
    assert quantity(parse_typed(r"\delta_{r}^{[u]}", NOTATION)) == ("G", ("u", 0), ("r",))
    assert quantity(parse_typed(r"h_{r}^{(u-1)}", NOTATION)) == ("a", ("u", -1), ("r",))
    assert quantity(parse_typed(r"y_{r}^{(u)}", NOTATION)) is None  # a target has no role
    assert quantity(parse_typed(r"b_{rs}^{(u)}", NOTATION)) is None  # a bias has one index


def test_labels_on_consecutive_layers() -> None:
    positions = layer_labels(*_sides(r"\frac{\partial C}{\partial w_{rs}^{(u)}} = \delta_{r}^{(u)} a_{s}^{(u-1)}"))
    assert positions == {("u", 0): 2, ("u", -1): 1, ("", -99): 3}  # one layer above a general u
    last = layer_labels(*_sides(r"\delta_{r}^{(L)} = \frac{\partial C}{\partial a_{r}^{(L)}} \sigma'(z_{r}^{(L)})"))
    assert last == {("L", 0): 1, ("", -99): 1}  # L is the last layer
    assert layer_labels(*_sides(r"w_{rs}^{(u)} = w_{sr}^{(u)}")) is None  # no derivative, no δ


def test_readings_of_the_index_order_and_the_sign() -> None:
    forward = _sides(r"\frac{\partial C}{\partial w_{rs}^{(u)}} = \delta_{r}^{(u)} a_{s}^{(u-1)}")
    assert holding_readings(*forward, ALL) == [Reading("out_in", 1)]
    turned = _sides(r"\frac{\partial C}{\partial w_{rs}^{(u)}} = -\delta_{s}^{(u)} a_{r}^{(u-1)}")
    assert holding_readings(*turned, ALL) == [Reading("in_out", -1)]
    kronecker = _sides(r"\frac{\partial z_{q}^{(u)}}{\partial b_{r}^{(u)}} = \delta_{qr}")
    assert holding_readings(*kronecker, ALL) == ALL


def test_a_free_index_only_on_the_right_never_holds() -> None:
    assert holding_readings(*_sides(r"\frac{\partial C}{\partial b_{r}^{(u)}} = \delta_{q}^{(u)}"), ALL) == []


def test_what_the_network_has_no_value_for() -> None:
    with pytest.raises(NotInClass):
        layer_labels(*_sides(r"\frac{\partial C}{\partial z_{r}^{(u)}} = (a_{r}^{(u)} - y_{r}) \sigma'(z_{r}^{(u)})"))
