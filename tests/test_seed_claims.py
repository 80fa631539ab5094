"""The seeds' wrong claims are refuted, with counterexamples re-checked here by independent
arithmetic (NumPy floats and Python fractions; no SymPy)."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import numpy as np
import pytest
from derive.checks.proof.symbolic import ProofResult, prove_identity

from derive.catalogue import load

_, SEED_CLAIMS = load()
EXPECTED = {
    "seed-001-q1a-tanh-shift",
    "seed-001-s1.2-parameter-count",
    "seed-001-s1.3-equal-budget-depth",
    "seed-001-q2o-W1-shape",
    "seed-003-eq4-W1-with-W2-penalty",
    "seed-002-c-mask-from-z3",
    "seed-004-q2a-dropped-1/N",
    "seed-004-q2c-bias-not-summed",
}


def _refute(identity_id: str) -> ProofResult:
    result = prove_identity(SEED_CLAIMS[identity_id])
    assert result.status == "refuted", (result.method, result.detail)
    return result


def test_every_seed_claim_is_registered_and_refuted() -> None:
    assert set(SEED_CLAIMS.ids()) == EXPECTED
    for identity in SEED_CLAIMS:
        assert identity.sources and identity.sources[0].split()[0].endswith(".txt")
        _refute(identity.id)


def _close(reported: str, value: float) -> bool:
    number = float(Fraction(reported)) if "/" in reported else float(reported)
    return math.isclose(number, value, rel_tol=1e-9, abs_tol=1e-12)


# ------------------------------------------------------------------- scalar and counting


def test_tanh_shift() -> None:
    cex = _refute("seed-001-q1a-tanh-shift").counterexample
    x = float(Fraction(str(cex.point["x"])))
    assert _close(cex.lhs, 0.5 * math.tanh(x / 2 + 1))
    assert _close(cex.rhs, 1 / (1 + math.exp(-x)))
    assert not math.isclose(0.5 * math.tanh(x / 2 + 1), 1 / (1 + math.exp(-x)))


def test_parameter_count() -> None:
    cex = _refute("seed-001-s1.2-parameter-count").counterexample
    total = 3072 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10
    assert int(cex.lhs) == total == 1_707_274
    assert int(cex.rhs) == 1_707_264


def test_equal_budget_depth() -> None:
    cex = _refute("seed-001-s1.3-equal-budget-depth").counterexample
    fixed = 3072 * 512 + 512 + 512 * 120 + 120 + 120 * 10 + 10
    root = Fraction(1_707_274 - fixed, 120 * 120 + 120)
    assert root == Fraction(8891, 1815)
    rounded = Fraction(math.floor(100 * root + Fraction(1, 2)), 100)
    assert Fraction(cex.lhs) == rounded == Fraction(49, 10)
    assert Fraction(cex.rhs) == Fraction(491, 100)


# ------------------------------------------------------------------- the batch network in NumPy


def _point_arrays(point: dict, sizes: dict[str, int]) -> dict[str, np.ndarray]:
    shapes = {"X": (sizes["N"], sizes["D"]), "W1": (sizes["D"], sizes["H"]), "b1": (sizes["H"],),
              "W2": (sizes["H"], sizes["C"]), "b2": (sizes["C"],), "z3": (sizes["N"], sizes["C"])}
    arrays = {k: np.zeros(s) for k, s in shapes.items()}
    lam = 0.0
    labels = None
    for key, value in point.items():
        if key.startswith("labels of"):
            labels = list(value)
            continue
        if key == "lam":
            lam = float(Fraction(str(value)))
            continue
        name, *idx = key.split("_")
        if name in arrays:
            arrays[name][tuple(int(i) for i in idx)] = float(Fraction(str(value)))
    assert labels is not None
    delta = np.zeros((sizes["N"], sizes["C"]))
    delta[np.arange(sizes["N"]), labels] = 1.0
    arrays["Delta"], arrays["lam"] = delta, np.float64(lam)
    return arrays


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _backprop(a: dict[str, np.ndarray], mask_from: str = "z2") -> dict[str, np.ndarray]:
    n = a["X"].shape[0]
    z2 = a["X"] @ a["W1"] + a["b1"]
    a2 = np.maximum(z2, 0)
    z3 = a2 @ a["W2"] + a["b2"]
    dz3 = (_softmax_rows(z3) - a["Delta"]) / n
    mask = (z2 > 0) if mask_from == "z2" else (z3 > 0)
    dz2 = (dz3 @ a["W2"].T) * mask
    return {"W1": a["X"].T @ dz2, "W2": a2.T @ dz3, "z3": dz3}


def _where(result: ProofResult) -> tuple[dict[str, int], tuple[int, int]]:
    where = result.counterexample.where
    sizes = {k: int(v) for k, v in re.findall(r"\b(\w+) = (\d+)", where)}
    i, j = (int(t) - 1 for t in re.search(r"entry \((\d+), (\d+)\)", where).groups())
    return sizes, (i, j)


def test_w1_gradient_with_the_w2_penalty() -> None:
    result = _refute("seed-003-eq4-W1-with-W2-penalty")
    sizes, entry = _where(result)
    k = sizes.pop("K")
    sizes.update(D=k, H=k, C=k)
    a = _point_arrays(result.counterexample.point, sizes)
    grads = _backprop(a)
    true = grads["W1"] + 2 * a["lam"] * a["W1"]
    seed = grads["W1"] + 2 * a["lam"] * a["W2"]
    assert _close(result.counterexample.lhs, true[entry])
    assert _close(result.counterexample.rhs, seed[entry])
    assert not np.isclose(true[entry], seed[entry])


def test_relu_mask_from_z3() -> None:
    result = _refute("seed-002-c-mask-from-z3")
    sizes, entry = _where(result)
    k = sizes.pop("K")
    sizes.update(H=k, C=k)
    a = _point_arrays(result.counterexample.point, sizes)
    true = _backprop(a)["W1"] + 2 * a["lam"] * a["W1"]
    seed = _backprop(a, mask_from="z3")["W1"] + 2 * a["lam"] * a["W1"]
    assert _close(result.counterexample.lhs, true[entry])
    assert _close(result.counterexample.rhs, seed[entry])


def test_dropping_one_over_n() -> None:
    result = _refute("seed-004-q2a-dropped-1/N")
    sizes, entry = _where(result)
    sizes.update(D=1, H=1)
    a = _point_arrays(result.counterexample.point, sizes)
    n = sizes["N"]
    diff = _softmax_rows(a["z3"]) - a["Delta"]
    assert _close(result.counterexample.lhs, diff[entry] / n)
    assert _close(result.counterexample.rhs, diff[entry])


# ------------------------------------------------------------------- refuted by shape


def test_bias_gradient_not_summed_over_the_batch() -> None:
    result = _refute("seed-004-q2c-bias-not-summed")
    assert result.method == "shape"
    n, c = 2, 2
    true_shape = (1, c)  # ∂J̃/∂b2 in the seed's row convention: one entry per class
    seed_shape = np.zeros((n, c)).shape  # (1/N)(ψ(z3) − Δ) is N×C
    assert f"left side {true_shape[0]}×{true_shape[1]}" in result.detail
    assert f"right side {seed_shape[0]}×{seed_shape[1]}" in result.detail


def test_w1_gradient_shape_of_001_q2o() -> None:
    result = _refute("seed-001-q2o-W1-shape")
    assert result.method == "shape"
    d, d_h = 1, 2
    true = np.zeros((d_h, 1)) @ np.zeros((1, d))  # (∂L/∂hᵃ) xᵀ with x ∈ ℝ^d
    assert f"left side {true.shape[0]}×{true.shape[1]}" in result.detail
    assert f"right side {d_h}×{d_h}" in result.detail


@pytest.mark.parametrize("identity", list(SEED_CLAIMS), ids=SEED_CLAIMS.ids())
def test_refutation_points_are_simple(identity) -> None:
    result = _refute(identity.id)
    if result.counterexample is None:
        assert result.method == "shape"
        return
    for key, value in result.counterexample.point.items():
        if isinstance(value, list):
            continue
        q = Fraction(str(value))
        assert abs(q) <= 3 and q.denominator <= 2, (key, value)
