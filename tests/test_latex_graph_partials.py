"""The nodes of a staged computation (checks/latex/graph_partials.py): the names a document
writes after a ∂."""

from __future__ import annotations

from derive.checks.latex.extract import extract
from derive.checks.latex.graph_partials import graph_nodes

CHAIN = r"""$$\frac{\partial f}{\partial x_i}
= \frac{\partial f}{\partial \hat{x}_i}\frac{\partial \hat{x}_i}{\partial x_i}
+ \frac{\partial f}{\partial \sigma^{2}}\frac{\partial \sigma^2}{\partial x_i}
+ \frac{\partial f}{\partial \mu} \cdot \frac{1}{m}$$
"""


def test_every_name_after_a_partial_is_a_node_and_only_the_name() -> None:
    nodes = graph_nodes(extract(CHAIN, markdown=True))
    assert {"f", "x_i", r"\hatx_i", r"\sigma^2", r"\mu"} <= nodes
    assert not any(r"\cdot" in n or r"\frac" in n for n in nodes)  # a name ends where the next word starts


def test_a_document_without_partial_derivatives_has_no_nodes() -> None:
    assert graph_nodes(extract(r"$$y = \frac{d}{dx} x^2 = 2x$$", markdown=True)) == set()
