"""The roles of a layer-gradient step's names (checks/latex/layer_gradient_roles.py): layer labels
read from their letters and brackets, Ng's dZ as one name, the targets a left side names, the
letters a document defines as a batch's ∂C/∂Z, and the steps that are not of the class."""

from __future__ import annotations

import pytest
from derive.checks.latex.layer_gradient_roles import layered, roles_of_step, total_letters
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"A^{[l-1]}", ("A", ("l", -1), "")),
        (r"\delta^{(3)}", ("\\delta", ("", 3), "")),
        (r"h^{[\ell+1]}", ("h", ("\\ell", 1), "")),
        (r"W^{(k)}", ("W", ("k", 0), "")),
    ],
)
def test_layer_labels(text: str, expected: tuple) -> None:
    assert layered(parse_typed(text, NOTATION)) == expected


def test_a_power_by_a_number_is_no_layer() -> None:
    assert layered(parse_typed(r"a^2", NOTATION)) is None


def _roles(lhs: str, rhs: str, text: str = ""):  # noqa: ANN202
    return roles_of_step(parse_typed(lhs, NOTATION), parse_typed(rhs, NOTATION), [], {}, None, text)


def test_targets_and_batches() -> None:
    weight = _roles(r"\frac{\partial E}{\partial W^{(2)}}", r"\delta^{(2)} (h^{(1)})^T")
    assert weight is not None and (weight.target, weight.layer, weight.batched) == ("W", ("", 2), False)
    ng = _roles(r"dW^{[k]}", r"\frac{1}{m} dZ^{[k]} A^{[k-1]T}")
    assert ng is not None and (ng.target, ng.batched, ng.total) == ("W", True, False)
    recursion = _roles(r"dA^{[k-1]}", r"W^{[k]T} dZ^{[k]}", r"dZ^{[k]} = \frac{\partial J}{\partial Z^{[k]}}")
    assert recursion is not None and (recursion.target, recursion.layer, recursion.total) == ("A", ("k", 0), True)


def test_sums_over_the_examples_only() -> None:
    over = _roles(r"\frac{\partial E}{\partial b^{(2)}}", r"\frac{1}{m}\sum_{j=1}^{m} \delta^{(2)}_j")
    assert over is not None and over.batched
    other_bound = _roles(r"db^{[k]}", r"\frac{1}{m}\sum_{j=0}^{n} dZ^{[k]}_j")
    layer_letter = _roles(r"db^{[j]}", r"\sum_{j} dZ^{[j]}_j")
    assert other_bound is None and layer_letter is None


def test_a_document_of_batches_reads_every_step_batched() -> None:
    roles = _roles(r"\frac{\partial E}{\partial b^{[2]}}", r"\delta^{[2]}", r"Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}")
    assert roles is not None and roles.batched


@pytest.mark.parametrize(
    ("lhs", "rhs"),
    [
        (r"\frac{\partial E}{\partial W^{(2)}}", r"(p - y) (h^{(1)})^T"),  # no δ: a loss's own gradient
        (r"\frac{\partial E}{\partial W^{(2)}}", r"\delta^{(2)} x^T"),  # x: not a layer's input by name
        (r"\frac{\partial E}{\partial u^{(2)}}", r"\delta^{(2)}"),  # u: no target
        (r"\frac{\partial E}{\partial W^{(2)}_{jk}}", r"\delta^{(2)}_j h^{(1)}_k"),  # an entry: chain rule's
    ],
)
def test_not_of_the_class(lhs: str, rhs: str) -> None:
    assert _roles(lhs, rhs) is None


def test_total_letters() -> None:
    assert total_letters(r"dZ^{[l]} := \frac{\partial J}{\partial Z^{[l]}}") == {("d:Z", "J")}
    assert total_letters(r"\Delta^l = \partial C/\partial Z^l") == {("\\Delta", "C")}
    assert total_letters(r"\delta^{l} = \frac{\partial C}{\partial z^l}") == frozenset()  # one example's


def test_an_outer_product_is_not_read() -> None:
    """⊗ (kind "outer") is no product these readings know: the step is out, without looping."""
    assert _roles(r"\frac{\partial E}{\partial W^{(2)}}", r"\delta^{(2)} \otimes a^{(1)}") is None
