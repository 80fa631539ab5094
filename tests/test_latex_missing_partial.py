r"""``\frac{\partial y}{w_j}``: a partial derivative whose second ∂ slipped (tex_tokens.with_missing_partial)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import with_missing_partial

NOTATION = load_notation()

# held-out 19 (fredrvaa: \frac{\partial y_k^n}{w_j}), held-out 23 style; the same slip in several reports
_DOC = (
    "$$z = w_1 x_1 + w_2 x_2$$\n\n"
    "$$\\frac{\\partial z}{w_1} = x_1$$\n\n"
    "$$\\frac{\\partial z}{w_1} = 2 x_1$$\n\n"
    "$$\\frac{\\partial z}{w_1 + 1} = x_1$$\n\n"
    # held-out 23 (starbits): the numerator's ∂ dropped instead, \frac{E_{total}}{\partial h_1}
    "$$\\frac{z}{\\partial w_2} = x_2$$\n\n"
    "$$\\frac{z}{\\partial w_2} = x_1$$\n\n"
    "$$\\frac{1}{\\partial w_2} = x_1$$\n"
)


def test_a_lone_name_under_a_partial_numerator_is_the_variable(runner: StepRunner) -> None:
    report = check_text(_DOC, NOTATION, runner=runner, examples=30, markdown=True)
    status = {r.step.line: r.status for r in report.results}
    assert status[3] == "ok"
    assert status[5] == "wrong"  # the wrong twin is still found
    assert status[7] == "unparsed"  # an expression below is no variable
    assert status[9] == "ok" and status[11] != "ok"
    assert status[13] == "unparsed"  # a number over ∂w is no derivative


def test_only_a_lone_name_gets_the_sign() -> None:
    assert with_missing_partial(["\\partial", "z"], ["w", "_", "1"]) == ["\\partial", "w", "_", "1"]
    assert with_missing_partial(["\\partial", "z"], ["\\partial", "w"]) == ["\\partial", "w"]
    assert with_missing_partial(["z"], ["w"]) == ["w"]  # no ∂ above: a ratio
    assert with_missing_partial(["\\partial"], ["w"]) == ["w"]  # the operator alone is not this slip
    assert with_missing_partial(["\\partial", "z"], ["(", "x", "-", "y", ")"]) == ["(", "x", "-", "y", ")"]
    assert with_missing_partial(["\\partial", "z"], ["2"]) == ["2"]
    # held-out 24 (a homework notebook): \frac{\partial L}{b_{i}^{(2)}}, a label's brackets inside braces
    labelled = ["b", "_", "{", "i", "}", "^", "{", "(", "2", ")", "}"]
    assert with_missing_partial(["\\partial", "L"], labelled) == ["\\partial", *labelled]
