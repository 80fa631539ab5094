"""The chain rule a worked example writes out (Mazur's "step by step backpropagation" and its
copies): ``E_{total} = E_{o1} + E_{o2}`` defines the total from its parts (sibling_parts), so
``∂E_{total}/∂w_5 = ∂E_{total}/∂out_{o1} · ∂out_{o1}/∂net_{o1} · ∂net_{o1}/∂w_5`` is judged
through the definitions; a part whose dependence is not written (``E_{o2} = 0.0236`` beside a
written-out ``E_{o1}``) never makes a step wrong (unwritten_parts)."""

from __future__ import annotations

import math
from fractions import Fraction

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.sibling_parts import sum_of_parts
from derive.checks.latex.unwritten_parts import unwritten_parts

NOTATION = load_notation()

DEFS = r"""$$E_{o1} = \frac{1}{2}(t_{1} - out_{o1})^2$$

$$E_{o2} = \frac{1}{2}(t_{2} - out_{o2})^2$$

$$E_{total} = E_{o1} + E_{o2}$$

$$out_{o1} = \frac{1}{1+e^{-net_{o1}}}$$

$$out_{o2} = \frac{1}{1+e^{-net_{o2}}}$$

$$net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2$$

$$net_{o2} = w_7 out_{h1} + w_8 out_{h2} + b_2$$

"""

CHAIN = r"\frac{\partial E_{total}}{\partial w_5} = "
RIGHT = [
    CHAIN + r"\frac{\partial E_{total}}{\partial out_{o1}} \frac{\partial out_{o1}}{\partial net_{o1}} "
    r"\frac{\partial net_{o1}}{\partial w_5}",
    CHAIN + r"(out_{o1} - t_{1}) out_{o1}(1 - out_{o1}) out_{h1}",
    r"\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}} + "
    r"\frac{\partial E_{o2}}{\partial out_{h1}}",
    r"\frac{\partial E_{o1}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial net_{o1}} "
    r"\frac{\partial net_{o1}}{\partial out_{h1}}",
]


def _last(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results[-1]


def test_a_total_from_its_parts_is_a_definition() -> None:
    defined = {"E_{o1}", "E_{o2}", "E_{total}"}
    assert sum_of_parts("E_{o1} + E_{o2}", "E_{total}", defined)
    assert not sum_of_parts("E_{total} + E_{o2}", "E_{total}", defined)  # an update of itself
    assert not sum_of_parts("E + E_{o2}", "E_{total}", defined)  # the bare letter: an update
    assert not sum_of_parts("E_{o1} + E_{o3}", "E_{total}", defined)  # E_{o3} is defined nowhere
    assert not sum_of_parts("a_{j-1} + 1", "a_{j}", {"a_{j}"})  # a recursion, not parts
    assert not sum_of_parts("J_{1} + J_{2}", "J", {"J_{1}", "J_{2}"})  # J has no subscript of its own


def test_right_chain_steps_are_ok(runner: StepRunner) -> None:
    for step in RIGHT:
        result = _last(DEFS + f"$${step}$$\n", runner)
        assert result.status == "ok", (step, result.message)


def test_a_dropped_factor_is_wrong_with_a_checked_counterexample(runner: StepRunner) -> None:
    result = _last(DEFS + f"$${CHAIN}(out_{{o1}} - t_{{1}}) out_{{o1}} out_{{h1}}$$\n", runner)
    assert result.status == "wrong", result.message
    point = {k: float(Fraction(v)) for k, v in result.counterexample["point"].items()}
    net = point["w_{5}"] * point["out_{h1}"] + point["w_{6}"] * point["out_{h2}"] + point["b_{2}"]
    out = 1 / (1 + math.exp(-net))
    true = (out - point["t_{1}"]) * out * (1 - out) * point["out_{h1}"]
    claimed = (out - point["t_{1}"]) * out * point["out_{h1}"]
    assert math.isclose(float(result.counterexample["lhs"]), true, rel_tol=1e-6, abs_tol=1e-12)
    assert math.isclose(float(result.counterexample["rhs"]), claimed, rel_tol=1e-6)
    assert not math.isclose(true, claimed)


#: E_{o2} given only as a number: its dependence on out_{h1} is not written
NUMBER_PART = r"""$$E_{o1} = \frac{1}{2}(t_{1} - out_{o1})^2$$

$$E_{o2} = 0.0235$$

$$E_{total} = E_{o1} + E_{o2}$$

$$out_{o1} = \frac{1}{1+e^{-net_{o1}}}$$

$$net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2$$

$$w_7 = 0.5$$

$$out_{o2} = 0.77$$

$$t_{2} = 0.99$$

"""


def test_a_part_with_no_written_dependence_never_makes_a_step_wrong(runner: StepRunner) -> None:
    # right in the network the document describes, though its definitions lose the path through E_{o2}
    step = (
        r"\frac{\partial E_{total}}{\partial out_{h1}} = -(t_{1} - out_{o1}) out_{o1}(1-out_{o1}) w_5"
        r" - (t_{2} - out_{o2}) out_{o2}(1 - out_{o2}) w_7"
    )
    result = _last(NUMBER_PART + f"$${step}$$\n", runner)
    assert result.status == "inconclusive", result.message
    assert "E_{o2} has no written dependence" in result.message
    # the sum of both paths holds whatever E_{o2} is (the derivative is linear): ok (varying_steps)
    both = (
        r"\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}}"
        r" + \frac{\partial E_{o2}}{\partial out_{h1}}"
    )
    result = _last(NUMBER_PART + f"$${both}$$\n", runner)
    assert result.status == "ok" and "for any functions" in result.message, result.message
    # a path counted twice holds for no part but a constant one: not judged
    twice = both.replace(r" + \frac", r" + 2\frac")
    assert _last(NUMBER_PART + f"$${twice}$$\n", runner).status in ("unparsed", "inconclusive")


def test_an_unwritten_sibling_is_found() -> None:
    from derive.checks.latex.normalize import normalize

    defs = {
        name: ("", normalize(value, NOTATION))
        for name, value in {
            "E_{total}": "E_{o1} + E_{o2}",
            "E_{o1}": r"\frac{1}{2}(t_{1} - out_{o1})^2",
            "E_{o2}": "0.0235",
        }.items()
    }
    assert unwritten_parts({"E_{total}"}, defs) == {"E_{o2}": "E_{o1}"}
    # out_{o1} and out_{h1} are not siblings (other letters in the subscript); t_1, t_2 have no formula
    assert unwritten_parts({"E_{o1}"}, defs) == {}


def test_a_wrong_step_through_an_unwritten_sibling_is_not_called_wrong(runner: StepRunner) -> None:
    # out_{o2} is defined nowhere while out_{o1} is written out: the dropped factor is not called wrong
    text = DEFS.replace("$$out_{o2} = \\frac{1}{1+e^{-net_{o2}}}$$\n\n", "")
    assert "out_{o2} =" not in text
    result = _last(text + f"$${CHAIN}(out_{{o1}} - t_{{1}}) out_{{o1}} out_{{h1}}$$\n", runner)
    assert result.status != "wrong", result.message


def test_a_total_defined_twice_is_not_used_for_a_wrong(runner: StepRunner) -> None:
    # E_{total} defined again with another value: which one is meant is not known, so a step right
    # with the first value (the sum of both paths) and wrong with the second is not called wrong
    text = DEFS + "$$E_{total} = \\frac{1}{2}(t_{1} - out_{o1})^2$$\n\n"
    step = (
        r"\frac{\partial E_{total}}{\partial out_{h1}} = \frac{\partial E_{o1}}{\partial out_{h1}}"
        r" + \frac{\partial E_{o2}}{\partial out_{h1}}"
    )
    result = _last(text + f"$${step}$$\n", runner)
    assert result.status != "wrong", result.message
    # the dropped σ' factor is wrong with either value (redefined_steps): that is said, and wrong
    result = _last(text + f"$${CHAIN}(out_{{o1}} - t_{{1}}) out_{{o1}} out_{{h1}}$$\n", runner)
    assert result.status == "wrong" and "wrong with either value" in result.message, result.message


#: Mazur's order: formulas, the example's numbers for them, a sum with no index first
WORKED = r"""$$net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2$$

$$net_{o1} = 0.4 \cdot 0.593 + 0.45 \cdot 0.597 + 0.6 = 1.1059$$

$$out_{o1} = \frac{1}{1+e^{-net_{o1}}}$$

$$E_{total} = \sum \frac{1}{2}(target - output)^{2}$$

$$E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^2$$

$$E_{o2} = \frac{1}{2}(target_{o2} - out_{o2})^2$$

$$out_{o2} = \frac{1}{1+e^{-net_{o2}}}$$

$$net_{o2} = w_7 out_{h1} + w_8 out_{h2} + b_2$$

$$E_{total} = E_{o1} + E_{o2}$$

"""


def test_a_worked_examples_numbers_do_not_hide_the_formula_from_a_derivative(runner: StepRunner) -> None:
    # net_{o1} given the example's number after its formula: ∂net_{o1}/∂w_5 still needs the formula
    step = (
        r"\frac{\partial E_{total}}{\partial w_{5}} = \frac{\partial E_{total}}{\partial out_{o1}} * "
        r"\frac{\partial out_{o1}}{\partial net_{o1}} * \frac{\partial net_{o1}}{\partial w_{5}}"
    )
    result = _last(WORKED + f"$${step}$$\n", runner)
    assert result.status == "ok", result.message
    result = _last(
        WORKED + r"$$\frac{\partial E_{total}}{\partial out_{o1}} = -(target_{o1} - out_{o1})$$" + "\n", runner
    )
    assert result.status == "ok", result.message
    # dropped σ′: the total was defined twice (the sum, then the parts), so not called wrong
    wrong = r"\frac{\partial E_{total}}{\partial w_{5}} = (out_{o1} - target_{o1}) out_{o1} out_{h1}"
    assert _last(WORKED + f"$${wrong}$$\n", runner).status != "wrong"
