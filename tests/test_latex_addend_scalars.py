"""A lower-case name only ever added may be a number (addend_scalars): the bias of one neuron,
z = w^T x + b. Right steps are ok; near misses are never ok, and never wrong where a layout or a
reading the document allows makes them hold."""

from __future__ import annotations

import pytest
from derive.checks.latex.addend_scalars import addend_scalars
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.typed import parse_typed

COLUMN = load_notation()

NEURON = r"""One neuron: $z = w^T x + b$ and $a = \sigma(z)$.

"""


def last(text: str, runner: StepRunner):
    return check_text(text, COLUMN, runner=runner, examples=30, markdown=True).results[-1]


def test_only_added_lower_case_names_become_addends() -> None:
    sides = (parse_typed(r"w^T x + b", COLUMN), parse_typed(r"c - W a", COLUMN))
    names = {"w": "lower", "b": "lower", "c": "lower", "a": "lower", "W": "upper"}
    out = addend_scalars(names, sides, {})
    assert out == {"w": "lower", "b": "addend", "c": "addend", "a": "lower", "W": "upper"}


def test_a_name_also_written_as_a_factor_keeps_its_kinds() -> None:
    sides = (parse_typed(r"w^T x + b", COLUMN), parse_typed(r"b x", COLUMN))
    assert addend_scalars({"w": "lower", "b": "lower"}, sides, {})["b"] == "lower"


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial z}{\partial b} = 1",
        r"\frac{\partial z}{\partial w} = x",
        r"\frac{\partial z}{\partial w} = \frac{\partial (w^T x + b)}{\partial w} = x",
        r"\frac{\partial a}{\partial b} = \sigma(z)(1 - \sigma(z))",
        r"\frac{\partial a}{\partial w} = a(1 - a) x",
    ],
)
def test_the_gradients_of_one_neuron_are_ok(runner, claim: str) -> None:
    out = last(NEURON + f"$$\n{claim}\n$$\n", runner)
    assert out.status == "ok", (out.status, out.message)


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial z}{\partial b} = 0",
        r"\frac{\partial z}{\partial b} = x",  # the weight's gradient for the bias's
        r"\frac{\partial z}{\partial w} = 2x",
        r"\frac{\partial z}{\partial w} = w",
        r"\frac{\partial a}{\partial w} = a(1 + a) x",
    ],
)
def test_near_misses_of_one_neuron_are_never_ok(runner, claim: str) -> None:
    out = last(NEURON + f"$$\n{claim}\n$$\n", runner)
    assert out.status != "ok", (out.status, out.message)


def test_the_other_layout_of_the_gradient_is_never_wrong(runner) -> None:
    """∂z/∂w = x^T is the numerator layout's gradient: a convention, not a mistake."""
    out = last(NEURON + "$$\n\\frac{\\partial z}{\\partial w} = x^T\n$$\n", runner)
    assert out.status != "wrong", out.message


def test_a_layer_keeps_its_bias_a_vector(runner) -> None:
    """W a + b with W a matrix: b added to a vector is no number, ∂z/∂b is no 1."""
    text = r"""A layer: $z = W a + b$.

$$
\frac{\partial z}{\partial b} = 1
$$
"""
    assert last(text, runner).status != "ok"
