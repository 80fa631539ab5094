"""Matrix steps judged on concrete tensors: true steps ok, planted mistakes wrong with a
counterexample, conditions from the prose respected, and what cannot be judged declined with
a reason (never a guess). The forward-mode derivatives are held against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.doc_definitions import parsed_definitions
from derive.checks.latex.matrix_judge import judge_typed
from derive.checks.latex.notation import DEFAULT_NOTATION, choose_profile, load_notation
from derive.checks.latex.step_judge import conditions_hold
from derive.checks.latex.tensor_ops import Dual, apply_function, product

COLUMN = load_notation()
BATCH = load_notation(DEFAULT_NOTATION.parent / "hlcv.toml")


def judge(lhs: str, rhs: str, notation=COLUMN, conditions: tuple[str, ...] = ()):
    verdict, why = judge_typed(lhs, rhs, notation, conditions=conditions, definitions=parsed_definitions(notation))
    return verdict, why


TRUE_STEPS = [
    (r"\frac{\partial J}{\partial z^{(3)}}", r"\frac{1}{N}(\psi(z^{(3)}) - \Delta)", BATCH),
    (r"\frac{\partial J}{\partial W^{(2)}}", r"\frac{1}{N} a^{(2)T} (\psi(z^{(3)}) - \Delta)", BATCH),
    (r"\frac{\partial J}{\partial b^{(2)}}", r"\frac{1}{N} \sum_{i=1}^{N} (\psi(z^{(3)}) - \Delta)_{i,:}", BATCH),
    (r"\nabla_{W^{(1)}} J", r"X^\top(((\psi(z^{(3)}) - \Delta) W^{(2)\top}) \odot \mathbf{1}_{z^{(2)} > 0})/N", BATCH),
    (r"\frac{\partial \tilde{J}}{\partial W^{(1)}}", r"\frac{\partial J}{\partial W^{(1)}} + 2\lambda W^{(1)}", BATCH),
    (r"\frac{\partial L}{\partial o^a}", r"o^s - \text{onehot}_m(y)", COLUMN),
    (r"\frac{\partial L}{\partial x}", r"(W^{(1)})^T \frac{\partial L}{\partial h^a}", COLUMN),
    (r"\frac{\partial o^s_k}{\partial o^a_k}", r"o^s_k (1 - o^s_k)", COLUMN),
    (r"\frac{\partial \|x\|_1}{\partial x}", r"\text{sign}(x)", COLUMN),
]


@pytest.mark.parametrize("lhs, rhs, notation", TRUE_STEPS, ids=[t[1][:40] for t in TRUE_STEPS])
def test_true_matrix_steps_are_ok(lhs: str, rhs: str, notation) -> None:
    verdict, why = judge(lhs, rhs, notation)
    assert verdict is not None, why
    assert verdict["status"] == "ok", verdict["message"]
    assert "sampled, not proved" in verdict["message"]


WRONG_STEPS = [
    # dropped minus
    (r"\frac{\partial J}{\partial z^{(3)}}", r"\frac{1}{N}(\Delta - \psi(z^{(3)}))", BATCH, "differ"),
    # missing 1/N
    (r"\frac{\partial J}{\partial W^{(2)}}", r"a^{(2)T} (\psi(z^{(3)}) - \Delta)", BATCH, "differ"),
    # bias gradient not summed over the batch
    (r"\frac{\partial J}{\partial b^{(2)}}", r"\frac{1}{N}(\psi(z^{(3)}) - \Delta)", BATCH, "shapes differ"),
    # missing ReLU mask
    (
        r"\frac{\partial J}{\partial W^{(1)}}",
        r"\frac{1}{N} X^\top (\psi(z^{(3)}) - \Delta) W^{(2)\top}",
        BATCH,
        "differ",
    ),
    # a transposed product that does not fit
    (r"\frac{\partial L}{\partial h^s}", r"W^{(2)} \frac{\partial L}{\partial o^a}", COLUMN, "does not fit"),
    # σ(1 + σ) for σ(1 − σ), element-wise
    (r"\frac{\partial o^s_k}{\partial o^a_k}", r"o^s_k (1 + o^s_k)", COLUMN, "differ"),
]


@pytest.mark.parametrize("lhs, rhs, notation, reason", WRONG_STEPS, ids=[t[1][:40] for t in WRONG_STEPS])
def test_planted_matrix_mistakes_are_wrong_with_a_counterexample(lhs: str, rhs: str, notation, reason: str) -> None:
    verdict, why = judge(lhs, rhs, notation)
    assert verdict is not None, why
    assert verdict["status"] == "wrong"
    assert reason in verdict["message"]
    cex = verdict["counterexample"]
    assert cex["point"] and cex["lhs"] != cex["rhs"]


def test_a_transposed_layout_is_inconclusive_not_wrong() -> None:
    verdict, _ = judge(r"\frac{\partial L}{\partial W^{(2)}}", r"h^s \left(\frac{\partial L}{\partial o^a}\right)^T")
    assert verdict is not None and verdict["status"] == "inconclusive"
    assert "transpose" in verdict["message"]


def test_a_condition_from_the_prose_is_an_assumption() -> None:
    # ∂S_i/∂o_j = −S_i S_j holds only for i ≠ j: under the condition it is ok, without it wrong
    lhs, rhs = r"\frac{\partial o^s_i}{\partial o^a_j}", r"-o^s_i o^s_j"
    assert judge(lhs, rhs, conditions=(r"i \neq j",))[0]["status"] == "ok"
    assert judge(lhs, rhs)[0]["status"] == "wrong"
    # a condition that cannot be read never lets a difference become "wrong"
    unread, _ = judge(lhs, rhs, conditions=(r"i \neq j \text{ unless } \int",))
    assert unread is not None and unread["status"] != "wrong"


def test_scalar_steps_instantiated_at_indices_respect_conditions_too() -> None:
    assert conditions_hold((r"i \neq j",), {"i": 1, "j": 2}) is True
    assert conditions_hold((r"i \neq j",), {"i": 1, "j": 1}) is False
    assert conditions_hold((r"z > 0",), {"i": 1}) is None  # not about these indices


DECLINED = [
    (r"\frac{\partial z^{(3)}}{\partial W^{(2)}}", r"a^{(2)}", BATCH, "Jacobian"),
    (r"\frac{\partial q}{\partial W^{(2)}}", r"0", BATCH, "q"),
    (r"\sigma(x)", r"\frac{1}{1 + e^{-x}}", COLUMN, "no vector or matrix"),
    (r"\int x", r"1", COLUMN, "could not read"),
]


@pytest.mark.parametrize("lhs, rhs, notation, reason", DECLINED, ids=[t[0][:30] for t in DECLINED])
def test_what_cannot_be_judged_is_declined_with_a_reason(lhs: str, rhs: str, notation, reason: str) -> None:
    verdict, why = judge(lhs, rhs, notation)
    assert verdict is None
    assert reason in why


def test_the_layout_profile_follows_the_documents_names() -> None:
    seed_like = r"$$\frac{\partial J}{\partial z^{(3)}} = \frac{1}{N}(\psi(z^{(3)}) - \Delta)$$"
    seed_like += r" $a^{(2)}$, $z^{(2)}$, $X$, $W^{(1)}$"
    assert choose_profile(seed_like, COLUMN).source.endswith("hlcv.toml")
    assert choose_profile(r"$$\sigma(x) = 1$$", COLUMN) is COLUMN
    assert choose_profile(seed_like, BATCH) is BATCH  # a notation the user chose is kept


def test_check_text_reports_matrix_steps_with_their_method() -> None:
    text = "$$\\frac{\\partial L}{\\partial \\mathbf{b}^{(2)}} = \\frac{\\partial L}{\\partial \\mathbf{o}^a}$$\n"
    (result,) = check_text(text, COLUMN).results
    assert result.status == "ok" and result.method == "tensors"


# --------------------------------------------------------------------------- the derivative rules


def _fd(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    out = np.zeros((x.size, *f(x).shape))
    for k in range(x.size):
        e = np.zeros_like(x)
        e.flat[k] = h
        out[k] = (f(x + e) - f(x - e)) / (2 * h)
    return out


@pytest.mark.parametrize("fn", ["sigmoid", "tanh", "exp", "softplus", "softmax", "sum", "relu"])
def test_forward_mode_matches_finite_differences(fn: str) -> None:
    rng = np.random.default_rng(1)
    x = rng.standard_normal((3, 4)) + 0.1  # away from the ReLU kink
    seeds = np.eye(x.size).reshape(x.size, *x.shape)
    got = apply_function(fn, [Dual(x, seeds)], 0).d
    expected = _fd(lambda v: apply_function(fn, [Dual(v)], 0).v, x)
    assert np.allclose(got, expected, atol=1e-6)


def test_matrix_product_rule_matches_finite_differences() -> None:
    rng = np.random.default_rng(2)
    a, b = rng.standard_normal((2, 3)), rng.standard_normal((3, 4))
    seeds = np.eye(a.size).reshape(a.size, *a.shape)
    got = product(Dual(a, seeds), Dual(b), "juxt", {}).d
    assert np.allclose(got, _fd(lambda v: v @ b, a), atol=1e-6)


def test_an_inline_step_refuted_only_at_some_indices_is_not_wrong() -> None:
    """Inline math states its conditions in prose ("$diag(x)_{ij} = x_i$ if $i = j$", seed 001),
    which are not always read: refuted only at some index values, it is not called wrong."""
    from derive.checks.latex.checker import judge_step
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.steps import Step

    lhs, rhs = r"\text{diag}(\mathbf{x})_{ij}", "x_i"
    norms = (normalize(lhs, COLUMN), normalize(rhs, COLUMN))
    defs = parsed_definitions(COLUMN)
    inline = judge_step(Step(1, lhs, rhs, "=", "inline"), *norms, COLUMN, defs)
    assert inline["status"] == "inconclusive" and "index values only" in inline["message"]
    shown = judge_step(Step(1, lhs, rhs, "=", "display"), *norms, COLUMN, defs)
    assert shown["status"] == "wrong" and shown["counterexample"]["indices"] == ["i", "j"]
    stated = judge_step(Step(1, lhs, rhs, "=", "inline", conditions=("i = j",)), *norms, COLUMN, defs)
    assert stated["status"] == "ok"


def test_an_implied_sum_is_not_a_free_index() -> None:
    # physicsd00d's Einstein notation: y_i ŷ_k with i summed implicitly, then written out
    text = "$$-y_k + y_i \\hat{y}_k = -y_k + \\sum_i y_i \\hat{y}_k$$\n"
    (result,) = check_text(text, COLUMN, markdown=True).results
    assert result.status != "wrong"
    # the same sum against a genuinely different right side is still refuted
    (wrong,) = check_text("$$\\sum_{i=1}^{2} y_i^2 = y_1 + y_2^2$$\n", COLUMN, markdown=True).results
    assert wrong.status == "wrong"


def test_an_entry_of_softmax_of_a_named_vector_is_read() -> None:
    true = r"$$-\log(\text{softmax}(\theta)_k) = \log(\sum_j e^{\theta_j}) - \theta_k$$" + "\n"
    assert [r.status for r in check_text(true, COLUMN, markdown=True).results] == ["ok"]
    false = r"$$\text{softmax}(\theta)_k = \frac{e^{2\theta_k}}{\sum_j e^{\theta_j}}$$" + "\n"
    assert [r.status for r in check_text(false, COLUMN, markdown=True).results] == ["wrong"]
    # softmax of a sum of names: which one is the vector? not guessed
    unsure = r"$$\text{softmax}(x + c)_i = \frac{e^{x_i + c}}{\sum_j e^{x_j + c}}$$" + "\n"
    assert [r.status for r in check_text(unsure, COLUMN, markdown=True).results] != ["wrong"]


def test_a_function_the_document_never_defines_can_confirm_but_never_refute() -> None:
    # d2l: L = l(o, y) for an unspecified loss l; the gradient steps hold for any l
    head = "$$L = l(\\mathbf{o}^a, y)$$\n\n"
    step = r"\frac{\partial L}{\partial \mathbf{W}^{(2)}} = \frac{\partial L}{\partial \mathbf{o}^a} (\mathbf{h}^s)^T"
    good = head + "$$" + step + "$$\n"
    assert [r.status for r in check_text(good, COLUMN, markdown=True).results][-1] == "ok"
    # false for a random l, maybe true for the document's: never wrong
    odd = head + "$$\\frac{\\partial L}{\\partial \\mathbf{o}^a} = \\mathbf{o}^a$$\n"
    assert [r.status for r in check_text(odd, COLUMN, markdown=True).results][-1] == "inconclusive"


# hunt 15 (tandat8896's Vietnamese MLP post): x given several values (x = 2, x = 3, then a list), so the
# judge samples it; h = x × M, then each entry "h_1 = (1.0 × 0.0) + (1.5 × 0.86) + …": h_1 read as
# row 1 of a sampled matrix h was "shapes differ: 1×2 against a scalar". A one-index name read as a
# row against another shape is inconclusive now (a planted W_1 = 2 with W 2×3 is too, no longer wrong)
ROWS = (
    "- $x = 2$: $\\tanh(2) \\approx 0.964$\n- $x = 3$: $\\tanh(3) \\approx 0.995$\n\n"
    "- Input: $x = [1.5, 0.2]$ (with the bias: $x = [1.0, 1.5, 0.2]$)\n\n"
    "$$M = \\begin{bmatrix} 0.0 & 0.0 \\\\ 0.86 & -1.04 \\\\ 0.41 & -0.65 \\end{bmatrix}$$\n\n"
    "$$h = x \\times M$$\n\n"
    "- $h_1 = (1.0 \\times 0.0) + (1.5 \\times 0.86) + (0.2 \\times 0.41) = 0 + 1.29 + 0.082 = 1.372$\n"
)


def test_an_entry_read_as_a_sampled_matrix_row_is_not_a_shape_error(runner) -> None:
    results = check_text(ROWS, COLUMN, runner=runner, markdown=True, examples=30).results
    first = next(r for r in results if r.step.lhs.strip() == "h_1")
    assert first.status == "inconclusive", first.message
