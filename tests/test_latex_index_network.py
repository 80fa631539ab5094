"""The random layered network per-index steps are checked on (checks/latex/index_network.py): its
finite differences agree with back-propagation's rules worked out by hand, so a step is checked
against the network and not against the rules it states."""

from __future__ import annotations

import numpy as np
from derive.checks.latex.index_network import Network, activation_slope


def _deltas(net: Network) -> dict[int, np.ndarray]:
    """∂C/∂z^p by the textbook recursion, the last layer's from the loss's finite differences."""
    out = {net.top: net.derivative(("C", 0), ("a", net.top)) * net.slope(net.top)}
    for p in range(net.top - 1, 0, -1):
        out[p] = net.slope(p) * (net.value("W", p + 1).T @ out[p + 1])
    return out


def test_the_differences_follow_backpropagation() -> None:
    net = Network(top=3, seed=5)
    deltas = _deltas(net)
    for p in (1, 2, 3):
        assert np.allclose(net.derivative(("C", 0), ("z", p)), deltas[p], atol=1e-7)
        assert np.allclose(net.derivative(("C", 0), ("W", p)), np.outer(deltas[p], net.value("a", p - 1)), atol=1e-7)
        assert np.allclose(net.derivative(("C", 0), ("b", p)), deltas[p], atol=1e-7)
    assert np.allclose(net.derivative(("z", 3), ("a", 2)), net.value("W", 3), atol=1e-7)
    assert np.allclose(net.derivative(("a", 2), ("z", 2)), np.diag(activation_slope(net.value("z", 2))), atol=1e-7)


def test_layers_have_distinct_sizes_and_no_textbook_slope() -> None:
    net = Network(top=4, seed=1)
    assert len({net.size(p) for p in range(5)}) == 5
    z = net.value("z", 2)
    assert not np.allclose(net.slope(2), 1.0)  # f' is never dropped unnoticed
    assert not np.allclose(net.slope(2), net.value("a", 2) * (1 - net.value("a", 2)))  # nor the sigmoid's
    assert net.value("W", 2).shape == (net.size(2), net.size(1)) and z.shape == (net.size(2),)


def test_an_upper_layer_does_not_move_a_lower_one() -> None:
    net = Network(top=2, seed=3)
    assert np.allclose(net.derivative(("a", 1), ("W", 2)), 0.0)
