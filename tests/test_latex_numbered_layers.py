"""Layers numbered in bare superscripts read as labels (numbered_layers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.numbered_layers import layer_bases

DATA = Path(__file__).parent / "data"
KOERBITZ = DATA / "latex_heldout12" / "backprop_scalar_to_matrix_koerbitz.md"

_TWO_LAYERS = (
    "$$z^1 = w^1 x + b^1, \\quad a^1 = \\sigma(z^1)$$\n\n"
    "$$z^2 = w^2 a^1 + b^2, \\quad a^2 = \\sigma(z^2)$$\n\n"
    "$$\\delta^2 := \\frac{\\partial C}{\\partial z^2}$$\n"
)


@pytest.mark.parametrize(
    ("text", "bases"),
    [
        (_TWO_LAYERS, {"z", "w", "b", "a", "\\delta"}),
        ("$$W^1 \\in \\mathbb{R}^{3 \\times 2}$$", {"W"}),
        ("aligned: $$z^1 &= w^1 x + b^1 \\\\ z^2 &= w^2 a^1 + b^2$$", {"z", "w", "b"}),
        # one numbered definition is a variance, not layers; a square is a power
        ("$$\\sigma^2 = E[x^2] - \\mu^2$$", set()),
        ("$$L = (y - a)^2, \\quad x^2 + y^2 = 1$$", set()),
        # held-out 28 (cjhjhj): a derivative by w^1_{11} and by w^2_{11}: two layers' weights
        ("$$\\frac{\\partial L}{\\partial w^2_{11}} = 1$$ and $$\\frac{\\partial L}{\\partial w^1_{11}} = 2$$", {"w"}),
        # one number (a variance), or second derivatives, number no layers
        ("$$\\frac{\\partial L}{\\partial \\sigma^2} = 1$$", set()),
        ("$$\\frac{\\partial^2 f}{\\partial x^2} = 1, \\frac{\\partial^2 f}{\\partial y^2 \\partial x^1} = 0$$", set()),
    ],
)
def test_the_names_a_document_numbers_layers_of(text: str, bases: set[str]) -> None:
    assert layer_bases(text) == bases


def test_numbered_names_are_labels_and_other_squares_stay_powers(runner: StepRunner) -> None:
    text = _TWO_LAYERS + "\n$$\\frac{d}{dx} x^2 = 2x$$\n\n$$\\frac{d}{dx} x^2 = x$$\n"
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    steps = {r.step.rhs.strip(): r for r in report.results}
    assert "z^{(1)}" in report.results[0].step.lhs  # z^1 is layer 1's z
    assert steps["2x"].status == "ok"  # x is no layer's name: x^2 is a square
    assert steps["x"].status != "ok"


def test_a_derivative_by_a_numbered_weight_is_read(runner: StepRunner) -> None:
    # held-out 12 (koerbitz): ∂C/∂w^2 = δ^2 ∂z^2/∂w^2 = δ^2 a^1 was "a higher derivative" (∂ of w²)
    text = KOERBITZ.read_text(encoding="utf-8")
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    by_line = {r.step.line: r.status for r in report.results}
    assert by_line[240] == "ok" and by_line[244] == "ok"
    # the same steps with a wrong right side are never ok
    lines = text.splitlines()
    lines[239] = lines[239].replace("\\delta^2 a^1", "\\delta^2 a^2")
    lines[243] = lines[243].replace("= \\delta^2", "= 2 \\delta^2")
    wrong = check_text("\n".join(lines), load_notation(), runner=runner, examples=30, markdown=True)
    assert {r.step.line: r.status for r in wrong.results}[240] != "ok"
    assert {r.step.line: r.status for r in wrong.results}[244] != "ok"


def test_a_written_out_layer_against_a_size_the_judge_chose_is_not_wrong(runner: StepRunner) -> None:
    # held-out 14 (josefruiz): once W^1 is layer 1's W (3×2, written out), z^1 = W^1 x + b^1 met an
    # x the judge sized itself (4×1): the mismatch is the judge's choice, not the step's error
    text = (DATA / "latex_heldout14" / "backprop_relu_sigmoid_es_josefruiz.md").read_text(encoding="utf-8")
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    (step,) = [r for r in report.results if r.step.line == 261]
    # never wrong; since the twenty-ninth round the document's own numbers for W^1, b^1 and x
    # decide it (worked_matrices): ok, by the values it names (hand verdict: correct)
    assert step.status == "ok" and "the document's values" in step.message


def test_a_derivative_by_weights_numbered_two_ways_is_read(runner: StepRunner) -> None:
    # held-out 28 (cjhjhj): \partial L / \partial w^2_{11} was "a higher derivative"
    text = "Let $h = w^1_{11} x$, $o = w^2_{11} h$ and $L = (o - y)^2$.\n\n"
    text += "$$\\frac{\\partial L}{\\partial w^2_{11}} = 2(o - y) h$$\n\n"
    text += "$$\\frac{\\partial L}{\\partial w^1_{11}} = 2(o - y) w^2_{11} x$$\n\n"
    text += "$$\\frac{\\partial L}{\\partial w^1_{11}} = 2(o - y) w^1_{11} x$$\n"
    report = check_text(text, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-3:] == ["ok", "ok", "wrong"]
