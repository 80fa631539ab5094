"""Matrix steps that are scalar steps entry by entry reach the scalar judge (entrywise_steps.py);
steps with a matrix product, a transpose or softmax do not (read as scalars they would commute)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.entrywise_steps import entrywise
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed_nodes import Call, Mul, Sym, Transpose

NOTATION = load_notation()
W, D, A = Sym("W", "W", ""), Sym("D", "D", ""), Sym(r"\alpha", r"\alpha", "")
MATRICES = {"W": ("n", "m"), "D": ("n", "m")}


def _status(claim: str, runner: StepRunner) -> tuple[str, str]:
    text = f"Weight decay, where $D$ is the gradient of the data loss:\n\n$${claim}$$\n"
    (result,) = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    return result.status, result.message


def test_sums_and_scalar_multiples_are_entrywise() -> None:
    assert entrywise((Mul(A, W, "juxt"), Mul(W, D, "hadamard")), MATRICES)
    assert entrywise((Call("sigmoid", (W,), 1),), MATRICES)  # σ'(W) entry by entry


@pytest.mark.parametrize(
    "side",
    [Mul(W, D, "juxt"), Transpose(W), Call("softmax", (W,)), Mul(W, D, "div")],
    ids=["matrix product", "transpose", "softmax", "matrix quotient"],
)
def test_products_of_matrices_are_not(side: object) -> None:
    assert not entrywise((side,), MATRICES)


def test_a_weight_decay_slip_on_undeclared_matrices_is_wrong(runner: StepRunner) -> None:
    # the α of the penalty term dropped: (1 - λ) W for (1 - αλ) W
    status, message = _status(r"W - \alpha (D + \lambda W) = W(1 - \lambda) - \alpha D", runner)
    assert status == "wrong", message


@pytest.mark.parametrize(
    "claim",
    [
        r"W - \alpha (D + \lambda W) = W(1 - \alpha\lambda) - \alpha D",
        r"W - \alpha (D + \lambda W) = (1 - \alpha\lambda) W - D \alpha",
    ],
)
def test_the_right_rewrites_are_ok(claim: str, runner: StepRunner) -> None:
    status, message = _status(claim, runner)
    assert status == "ok", message


def test_a_matrix_product_is_still_kept_from_the_scalar_judge(runner: StepRunner) -> None:
    status, message = _status("A B = B A", runner)
    # refuted under every shape reading, proved for scalars: held back, saying so (undeclared.py)
    assert status == "inconclusive" and "undeclared shapes" in message and "scalars" in message, message


def test_a_product_of_functions_of_one_lowercase_name_is_entrywise() -> None:
    # σ(z)(1 - σ(z)) fits only with z a square matrix; z is lowercase (a vector), so the product
    # of two functions of z alone can only be entry by entry. w δ (different names) is not.
    z, w, delta = Sym("z", "z", ""), Sym("w", "w", ""), Sym(r"\delta", r"\delta", "")
    square = {"z": ("n", "n"), "w": ("n", "n"), r"\delta": ("n", "n")}
    sig = Call("sigmoid", (z,), 0)
    assert entrywise((Mul(sig, sig, "juxt"),), square, frozenset({"z"}))
    assert not entrywise((Mul(sig, sig, "juxt"),), square)  # a capital-letter reading is not lowered
    assert not entrywise((Mul(w, delta, "juxt"),), square, frozenset({"w", r"\delta"}))


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (r"\sigma'(z) = \sigma(z)(1 - \sigma(z))", "ok"),
        (r"y(1-y) = y - y y", "ok"),
        (r"\sigma'(z) = \sigma(z)(1 + \sigma(z))", "wrong"),
        (r"y(1-y) = y - 2 y y", "wrong"),
    ],
)
def test_the_sigmoid_derivative_of_an_undeclared_vector(claim: str, expected: str, runner: StepRunner) -> None:
    # was inconclusive: "the sides differ under every reading of the undeclared shapes tried (z: n×n)"
    status, message = _status(claim, runner)
    assert status == expected, message


def test_different_lowercase_names_keep_the_matrix_product(runner: StepRunner) -> None:
    status, message = _status("a b = b a", runner)
    assert status == "inconclusive" and "scalars" in message, message


def test_a_quotient_by_a_lowercase_name_read_as_square_is_entrywise() -> None:
    # 1/(1 + e^{-z}) with z read as n×n only so that e^{-z} e^z fits: no one divides by a matrix
    z, w = Sym("z", "z", ""), Sym("w", "w", "")
    square = {"z": ("n", "n"), "w": ("n", "n")}
    quotient = Mul(Call("exp", (z,), 0), Call("sigmoid", (z,), 0), "div")
    assert entrywise((quotient,), square, frozenset({"z"}))
    assert not entrywise((quotient,), square)  # a capital-letter reading is not lowered
    assert not entrywise((Mul(w, z, "div"),), square, frozenset({"w"}))  # by z, not lowered


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (r"\frac{1}{1 + e^z} = \frac{e^{-z}e^z}{(1 + e^{-z})e^z}", "ok"),
        (r"\sigma(z) \frac{e^{-z}}{1 + e^{-z}} = \sigma(z)(1 - \sigma(z))", "ok"),
        (r"\frac{1}{1 + e^z} = \frac{e^{-z}e^z}{(1 + e^{z})e^z}", "wrong"),
        (r"\sigma(z) \frac{e^{-z}}{1 + e^{z}} = \sigma(z)(1 - \sigma(z))", "wrong"),
    ],
)
def test_the_sigmoid_rewritten_as_a_quotient_of_an_undeclared_vector(
    claim: str, expected: str, runner: StepRunner
) -> None:
    # was inconclusive: "proved … if the names were scalars; as matrices: the sides differ under
    # every reading of the undeclared shapes tried (z: n×n)"
    status, message = _status(claim, runner)
    assert status == expected, message
