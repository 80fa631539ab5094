r"""A partial derivative by an expression (``\frac{\partial o}{\partial (x_2 w_2)}``,
``\frac{\partial \log(\sigma(z))}{\partial \sigma(z)}``) is read exactly where the differentiated, with
the document's values in, is a function of that expression alone; a slip in it stays wrong, and an
expression whose names also stand outside it (or a name with no value) is not read."""

from __future__ import annotations

from collections.abc import Callable

_NEURON = "The neuron computes\n\n$$h = x_1 w_1 + x_2 w_2$$\n\n$$o = \\tanh(h)$$\n\n"


def test_a_chain_through_a_product_the_neuron_sums(statuses: Callable[[str], list[str]]) -> None:
    text = _NEURON + (
        "$$\\frac{\\partial o}{\\partial x_2} = \\frac{\\partial o}{\\partial (x_2 w_2)}"
        " \\cdot \\frac{\\partial (x_2 w_2)}{\\partial x_2}$$\n\n"
        # the wrong twin: the link differentiates by the weight, not by the input
        "$$\\frac{\\partial o}{\\partial x_2} = \\frac{\\partial o}{\\partial (x_2 w_2)}"
        " \\cdot \\frac{\\partial (x_2 w_2)}{\\partial w_2}$$\n"
    )
    assert statuses(text)[-2:] == ["ok", "wrong"]


def test_by_the_whole_sum_and_by_one_of_its_parts(statuses: Callable[[str], list[str]]) -> None:
    text = _NEURON + (
        "$$\\frac{\\partial o}{\\partial (x_1 w_1 + x_2 w_2)} = 1 - o^2$$\n\n"
        "$$\\frac{\\partial o}{\\partial (x_1 w_1)} = \\frac{\\partial o}{\\partial (x_1 w_1 + x_2 w_2)}$$\n\n"
        # a wrong sign
        "$$\\frac{\\partial o}{\\partial (x_1 w_1 + x_2 w_2)} = 1 + o^2$$\n"
    )
    assert statuses(text)[-3:] == ["ok", "ok", "wrong"]


def test_by_a_function_value_written_in_the_operand(statuses: Callable[[str], list[str]]) -> None:
    text = (
        "$$\\frac{\\partial \\log(\\sigma(z))}{\\partial \\sigma(z)} = \\frac{1}{\\sigma(z)}$$\n\n"
        "$$\\frac{\\partial \\log(\\sigma(z))}{\\partial \\sigma(z)} \\cdot \\frac{\\partial \\sigma(z)}{\\partial z}"
        " = \\frac{1}{\\sigma(z)} \\cdot \\sigma(z)(1 - \\sigma(z))$$\n\n"
        # the wrong twin: the derivative of the logarithm dropped
        "$$\\frac{\\partial \\log(\\sigma(z))}{\\partial \\sigma(z)} = \\sigma(z)$$\n"
    )
    assert statuses(text) == ["ok", "ok", "wrong"]


def test_only_where_the_expression_alone_carries_its_names(statuses: Callable[[str], list[str]]) -> None:
    text = _NEURON + (
        # x_2 also stands outside x_2 w_2: which is held fixed is not said
        "$$\\frac{\\partial (h + x_2)}{\\partial (x_2 w_2)} = 1$$\n\n"
        # x_2 w_1 is nowhere in o: the step says nothing the reader can hold it to
        "$$\\frac{\\partial o}{\\partial (x_2 w_1)} = 1 - o^2$$\n\n"
        # L has no value: its dependence on x_2 w_2 is not stated
        "$$\\frac{\\partial L}{\\partial (x_2 w_2)} = 1$$\n"
    )
    assert statuses(text)[-3:] == ["unparsed", "unparsed", "unparsed"]
