r"""Andrew Ng's layer recurrences with a generic activation g (checks/latex/entrywise_activations.py):
``A^{[l]} = g(Z^{[l]})`` with g never defined is g entry-wise, judged in the matrix judge with three
stand-in functions (g' the same stand-in's derivative). Ok when every stand-in agrees; wrong only when
every stand-in refutes the step and the step is generic in g (it writes g'(…) and no value of g);
otherwise inconclusive, never wrong."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.entrywise_activations import STAND_INS, _stand_in
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

NG = (
    "Let $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ with $A^{[l]} = g(Z^{[l]})$ of slope $g'(Z^{[l]})$, and $J$ "
    "the cost over $m$ examples.\n\n"
)
#: shapes declared, g a function by its primed call, applied entry-wise
DECLARED = (
    "Let $Z \\in \\mathbb{R}^{n \\times m}$ and $V \\in \\mathbb{R}^{n \\times m}$, with an activation $g$ "
    "of slope $g'(t)$, applied entry-wise.\n\n"
)


def _result(step: str, runner: StepRunner, preamble: str) -> tuple[str, str, dict | None]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    return result.status, result.message, result.counterexample


def test_the_stand_ins_derivatives_are_their_derivatives() -> None:
    import numpy as np

    t, h = np.linspace(-3, 3, 13), 1e-6
    for k in range(STAND_INS):
        for order in (0, 1):
            slope = (_stand_in(k, t + h, order) - _stand_in(k, t - h, order)) / (2 * h)
            assert np.allclose(slope, _stand_in(k, t, order + 1), atol=1e-5)


NG_RIGHT = [
    r"dZ^{[l]} = dA^{[l]} * g'(Z^{[l]})",  # Ng's * : numpy's element-wise product
    r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}",
    r"dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}",
    r"dZ^{[l-1]} = W^{[l]T} dZ^{[l]} * g'(Z^{[l-1]})",
]


@pytest.mark.parametrize("step", NG_RIGHT)
def test_ngs_recurrences_with_a_generic_activation_are_ok(step: str, runner: StepRunner) -> None:
    status, message, _ = _result(step, runner, NG)
    assert status == "ok", message


NG_NEAR_MISSES = [
    r"dZ^{[l]} = dA^{[l]} * g(Z^{[l]})",  # g for g': true for no activation, but g is used as a value
    r"dZ^{[l]} = dA^{[l]} * A^{[l]} * (1 - A^{[l]})",  # the sigmoid's g', named only in prose
    r"dZ^{[l]} = dA^{[l]}",  # the identity activation
    r"dZ^{[l-1]} = W^{[l]T} dZ^{[l]} * g'(Z^{[l]})",  # wrong layer, but the loss is left abstract
]


@pytest.mark.parametrize("step", NG_NEAR_MISSES)
def test_steps_an_authors_own_activation_may_make_true_are_never_wrong(step: str, runner: StepRunner) -> None:
    status, message, _ = _result(step, runner, NG)
    assert status != "wrong", message


def test_a_step_generic_in_g_and_false_for_every_stand_in_is_wrong(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial Z} \operatorname{sum}(V \odot g(2 Z)) = V \odot g'(2 Z)"
    status, message, cex = _result(step, runner, DECLARED)
    assert status == "wrong", message
    assert cex is not None and cex["lhs"] != cex["rhs"]
    # the counterexample: the left side is twice the right at that entry (the inner 2 dropped)
    left, right = (float(cex[k].split()[-1]) for k in ("lhs", "rhs"))
    assert abs(left - 2 * right) < 1e-4 * max(1.0, abs(left))
    assert "stand-in" in message


def test_the_chain_rule_through_g_entry_wise_is_ok(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial Z} \operatorname{sum}(V \odot g(2 Z)) = 2 V \odot g'(2 Z)"
    status, message, _ = _result(step, runner, DECLARED)
    assert status == "ok", message
    assert "stand-in" in message


DECLARED_NEAR_MISSES = [
    r"\frac{\partial}{\partial Z} \operatorname{sum}(g(Z)) = g(Z) \odot (1 - g(Z))",  # the sigmoid
    r"\frac{\partial}{\partial Z} \operatorname{sum}(V \odot g(Z)) = V",  # the identity
    r"\frac{\partial}{\partial Z} \operatorname{sum}(V \odot g(Z)) = V \odot g(Z)",  # the exponential
]


@pytest.mark.parametrize("step", DECLARED_NEAR_MISSES)
def test_a_property_of_one_activation_is_inconclusive(step: str, runner: StepRunner) -> None:
    status, message, _ = _result(step, runner, DECLARED)
    assert status == "inconclusive", message
    assert "document's own activation" in message


def test_a_star_between_scalars_stays_a_product(runner: StepRunner) -> None:
    status, message, _ = _result(r"2 * 3 = 6", runner, NG)
    assert status == "ok", message
    status, _, _ = _result(r"dz = da * 3", runner, "Let $z = 3 a$ and $a$ be a number, $L$ the loss.\n\n")
    assert status != "wrong"


#: no g'(…) in the preamble: the step's own labelled primed call makes g^{[l]} an activation
LABELLED = (
    "Let $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ with $A^{[l]} = g^{[l]}(Z^{[l]})$, and $J$ the cost over $m$ "
    "examples.\n\n"
)


@pytest.mark.parametrize(
    "step",
    [
        r"dZ^{[l]} = dA^{[l]} * g'^{[l]}(Z^{[l]})",
        r"dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})",
        r"dZ^{[l]} = dA^{[l]} * g^{[l]'}(Z^{[l]})",
    ],
)
def test_a_layers_activation_with_its_label_is_read(step: str, runner: StepRunner) -> None:
    status, message, _ = _result(step, runner, LABELLED)
    assert status == "ok", message


def test_the_label_is_dropped_only_from_an_activation_call() -> None:
    from derive.checks.latex.activation_labels import layer_labelled_calls
    from derive.checks.latex.tex_tokens import tex_tokens

    def rewritten(text: str) -> str:
        return " ".join(t for t, _ in layer_labelled_calls(tex_tokens(text)))

    assert rewritten(r"g'^{[l]}(Z^{[l]})") == "g ' ( Z ^ { [ l ] } )"
    assert rewritten(r"g^{[l]}(Z)") == "g ( Z )"
    assert rewritten(r"W^{[l]}(A + B)") == "W ^ { [ l ] } ( A + B )"  # a product, not a call
    assert rewritten(r"g^{[l]}") == "g ^ { [ l ] }"  # no bracket: not a call
    # the output layer's and numbered layers' activations may be functions the document defines
    assert rewritten(r"g^{[L]}(Z)") == "g ^ { [ L ] } ( Z )"
    assert rewritten(r"g^{[2]}(Z)") == "g ^ { [ 2 ] } ( Z )"
    assert rewritten(r"g^{[l-1]\prime}(Z)") == "g ' ( Z )"


@pytest.mark.parametrize(
    "step",
    [r"dZ^{[l]} = dA^{[l]} g'(Z^{[l]})", r"dZ^{[l-1]} = W^{[l]T} dZ^{[l]} g'(Z^{[l-1]})"],
)
def test_g_prime_written_against_a_factor_is_the_element_wise_product(step: str, runner: StepRunner) -> None:
    status, message, _ = _result(step, runner, NG)
    assert status == "ok", message


def test_g_prime_against_a_factor_stays_a_matrix_product_where_one_fits(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial x} \operatorname{sum}(g(W x)) = W^T g'(W x)"
    preamble = (
        "Let $W \\in \\mathbb{R}^{n \\times d}$ and $x \\in \\mathbb{R}^{d}$, with an activation $g$ of slope "
        "$g'(t)$.\n\n"
    )
    status, message, _ = _result(step, runner, preamble)
    assert status == "ok", message
