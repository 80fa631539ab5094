"""A definition at a layer letter read at the layer a step writes (checks/latex/layer_instances.py),
and a layer letter on a name differentiated at another layer letter read as a label (doc_labels):
``z^l_j = \\sum_i w^l_{ij} a^{l-1}_i + b^l_j``, then ``\\partial z^L_j/\\partial b^L_j = 1``. Right
steps become ok; wrong ones of the same shape are never called wrong (every layer of the same form is
the reader's inference, so the instances only confirm, in a second reading of unread steps); a value
that writes the letter outside a label, a name the document defines at that layer itself, and a bare
label at a number stay as they were; and no verdict but an unread one changes."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import Definition
from derive.checks.latex.layer_instances import (
    LayerLabel,
    layer_instances,
    parse_label,
    reached_keys,
)
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()

BRACKETED = r"z^{(l)}_j = \sum_i w^{(l)}_{ij} a^{(l-1)}_i + b^{(l)}_j"
NIELSEN = r"z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j"
SQUARE = r"u^{[l]}_k = \sum_m V^{[l]}_{km} h^{[l-1]}_m + c^{[l]}_k"


def _verdicts(definition: str, steps: list[str], runner: StepRunner) -> list[tuple[str, str]]:
    """The verdict of each step, each in its own display after the definition."""
    text = f"Layer $l$ computes\n$$ {definition} $$\n\n" + "".join(f"Then\n$$ {s} $$\n\n" for s in steps)
    results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    out = []
    for k in range(len(steps)):
        line = 5 + 3 * k
        at = [r for r in results if r.step.line == line]
        assert at, [(r.step.line, r.status) for r in results]
        out.append((at[-1].status, at[-1].message))
    return out


RIGHT = [
    (BRACKETED, r"\frac{\partial z^{(L)}_j}{\partial b^{(L)}_j} = 1"),
    (BRACKETED, r"\frac{\partial z^{(L)}_j}{\partial w^{(L)}_{ij}} = a^{(L-1)}_i"),
    (BRACKETED, r"\frac{\partial z^{(l+1)}_j}{\partial a^{(l)}_i} = w^{(l+1)}_{ij}"),
    (BRACKETED, r"\frac{\partial z^{(2)}_j}{\partial w^{(2)}_{ij}} = a^{(1)}_i"),
    (NIELSEN, r"\frac{\partial z^L_j}{\partial w^L_{jk}} = a^{L-1}_k"),
    (NIELSEN, r"\frac{\partial z^L_j}{\partial b^L_j} = 1"),
    (SQUARE, r"\frac{\partial u^{[L]}_k}{\partial h^{[L-1]}_m} = V^{[L]}_{km}"),
]


@pytest.mark.parametrize(("definition", "step"), RIGHT)
def test_right_steps_at_another_layer_are_ok(definition: str, step: str, runner: StepRunner) -> None:
    [(status, message)] = _verdicts(definition, [step], runner)
    assert status == "ok", message


WRONG = [
    (BRACKETED, r"\frac{\partial z^{(L)}_j}{\partial b^{(L)}_j} = 2"),
    (NIELSEN, r"\frac{\partial z^L_j}{\partial b^L_j} = 0"),
    (BRACKETED, r"\frac{\partial z^{(2)}_j}{\partial b^{(2)}_j} = 3"),
]


@pytest.mark.parametrize(("definition", "step"), WRONG)
def test_wrong_steps_at_another_layer_are_never_confirmed_nor_refuted(
    definition: str, step: str, runner: StepRunner
) -> None:
    [(status, message)] = _verdicts(definition, [step], runner)
    assert status in ("unparsed", "inconclusive"), message


def test_a_wrong_step_at_the_defined_layer_is_still_found(runner: StepRunner) -> None:
    [(status, message)] = _verdicts(BRACKETED, [r"\frac{\partial z^{(l)}_j}{\partial b^{(l)}_j} = 2"], runner)
    assert status == "wrong", message


NEAR = [
    # the layer letter written outside a label (a factor l): the value is not only the layer's
    (r"z^{(l)} = l \cdot w^{(l)}", r"\frac{\partial z^{(L)}}{\partial w^{(L)}} = L"),
    # the document defines the last layer itself, otherwise: that value, not the moved one
    (BRACKETED + r" \quad z^{(L)}_j = 5 b^{(L)}_j", r"\frac{\partial z^{(L)}_j}{\partial b^{(L)}_j} = 1"),
]


@pytest.mark.parametrize(("definition", "step"), NEAR)
def test_near_misses_are_not_confirmed(definition: str, step: str, runner: StepRunner) -> None:
    [(status, _)] = _verdicts(definition, [step], runner)
    assert status != "ok"


def _definition(name: str, rhs: str, letters: str = "") -> Definition:
    return Definition(2, 3, name, rhs, letters, (2, 10))


def test_labels_parse_and_move() -> None:
    assert parse_label("(l-1)") == LayerLabel("()", "l", -1)
    assert parse_label(r"\ell") == LayerLabel("", r"\ell", 0)
    assert parse_label("T") == LayerLabel("", "T", 0) and parse_label("top") is None
    at_l, at_big = LayerLabel("()", "l"), LayerLabel("()", "L")
    assert LayerLabel("()", "l", -1).moved(at_big, at_l) == LayerLabel("()", "L", -1)
    assert LayerLabel("()", "l", -1).moved(LayerLabel("()", "2"), at_l) == LayerLabel("()", "1")
    assert LayerLabel("", "l", -1).moved(LayerLabel("", "2"), LayerLabel("", "l")) is None  # a^{1}: a power
    assert LayerLabel("()", "l", -1).moved(LayerLabel("()", "1"), at_l).text() == "(0)"


def test_instances_only_at_labels_written_and_not_defined() -> None:
    math = r"z^{(L)}_j \quad z^{(2)}_j \quad z^{(l)}_j \quad x^{T}"
    found = layer_instances([_definition("z_{j}^{(l)}", r"w^{(l)} a^{(l-1)}_j", "j")], math)
    assert {(d.name, d.rhs) for d in found} == {
        ("z_{j}^{(L)}", "w^{(L)} a^{(L-1)}_j"),
        ("z_{j}^{(2)}", "w^{(2)} a^{(1)}_j"),
    }
    defined = [_definition("z_{j}^{(l)}", r"w^{(l)} a^{(l-1)}_j", "j"), _definition("z_{j}^{(L)}", "5", "j")]
    assert [d.name for d in layer_instances(defined, math)] == ["z_{j}^{(2)}"]
    # a number is no layer letter: z^{(2)} = … is that layer's, not every layer's
    assert layer_instances([_definition("z^{(2)}", r"w^{(2)}")], r"z^{(L)}") == []
    # nor is L, the last layer (δ^L = softmax(a^L) - t is not every layer's δ)
    assert layer_instances([_definition(r"\delta^{L}", r"\sigma(a^L) - t")], r"\delta^{l} \quad \delta^{k}") == []


def test_reach_follows_definitions() -> None:
    values = {"a^{(L)}": ("", normalize(r"\sigma(z^{(L)})", NOTATION)), "z^{(L)}": ("", normalize("w b", NOTATION))}
    reached = reached_keys({"a^{(L)}"}, values)
    assert ("z", "(L)") in reached and ("w", "") in reached


def test_the_confirmation_says_which_reading_it_took(runner: StepRunner) -> None:
    [(status, message)] = _verdicts(NIELSEN, [r"\frac{\partial z^L_j}{\partial b^L_j} = 1"], runner)
    assert status == "ok" and "as the definition of z_{j}^{l} at that layer" in message, message


# a wrong step at the layer a name is defined at, whose names also reach an instance (a^{(l-1)} through
# z^{(l)} read at L elsewhere): found wrong by the first reading, it stays wrong (the older hold lost it)
REACHING = r"""
Layer $l$ computes $$z^{(l)} = w^{(l)} a^{(l-1)} + b^{(l)}$$ and $$a^{(l)} = \sigma(z^{(l)})$$

At the last layer $z^{(L)}$ and $a^{(L)}$ follow.

$$\frac{\partial a^{(l)}}{\partial z^{(l)}} = \sigma(z^{(l)})(1 + \sigma(z^{(l)}))$$
"""


def test_a_wrong_step_reaching_an_instance_is_still_found(runner: StepRunner) -> None:
    results = check_text(REACHING, NOTATION, runner=runner, examples=30, markdown=True).results
    assert results[-1].status == "wrong", results[-1].message


# after tests/data/latex_heldout23/backprop_matrix_dassein.md, lines 13 and 29-32: a layer's value that
# no reader takes (a block matrix with ones(N, 1)) must not make A^{(k-1)} "defined in a form not read"
UNREAD = r"""
$$A^{(k)} = \begin{bmatrix}\text{ones}(N, 1) & a^{(k)}\end{bmatrix}$$

$$Z^{(k)} = A^{(k-1)}W^{(k)}$$

$$\frac{\partial J}{\partial W^{(k)}} = \left(A^{(k-1)}\right)^T\frac{\partial J}{\partial Z^{(k)}}$$

$$\frac{\partial J}{\partial W^{(k)}} = \frac{\partial J}{\partial Z^{(k)}}\left(A^{(k-1)}\right)^T$$
"""


def test_an_unread_value_is_not_moved_to_other_layers(runner: StepRunner) -> None:
    results = check_text(UNREAD, NOTATION, runner=runner, examples=30, markdown=True).results
    assert results[-2].status == "ok", results[-2].message  # was unparsed: A^{(k-1)} in a form not read
    assert results[-1].status != "ok"  # the factors swapped: not a product of these shapes
