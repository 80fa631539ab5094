"""Index-form proofs: claims for every size (Sum, Indexed, KroneckerDelta)."""

from __future__ import annotations

import pytest
import sympy as sp
from derive.checks.proof.index_form import (
    ASSUMPTION,
    collapse_delta_sums,
    prove_index_form,
    prove_index_pair,
    refute_concrete,
)
from derive.checks.proof.symbolic import prove_identity

from derive.catalogue import load

CATALOGUE, _ = load()
WITH_INDEX_FORM = [i for i in CATALOGUE if i.index_form is not None]


def test_the_required_identities_have_index_forms() -> None:
    ids = {i.id for i in WITH_INDEX_FORM}
    assert {"softmax-partials", "ce-gradient-logits", "batch-ce-gradient-z3"} <= ids


@pytest.mark.parametrize("identity", WITH_INDEX_FORM, ids=[i.id for i in WITH_INDEX_FORM])
def test_index_form_is_proved_for_all_sizes(identity) -> None:
    assert prove_index_form(identity) == (True, "index-form")
    result = prove_identity(identity)
    assert result.scope == "all sizes" and "index-form" in result.method


def test_scope_is_not_all_sizes_without_an_index_proof() -> None:
    result = prove_identity(CATALOGUE["softmax-partials"], index_form=False)
    assert result.status == "proved" and result.scope == "sizes n ≤ 8"


def test_collapse_delta_sum_substitutes_the_index() -> None:
    i, j, k = sp.symbols("i j k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    x = sp.IndexedBase("x")
    expr = sp.Sum(x[k] ** 2 * sp.KroneckerDelta(k, j) + x[k], (k, 1, n))
    assert collapse_delta_sums(expr) == x[j] ** 2 + sp.Sum(x[k], (k, 1, n))
    nested = sp.Sum(sp.Sum(x[i] * x[k] * sp.KroneckerDelta(i, j) * sp.KroneckerDelta(k, 2), (k, 1, n)), (i, 1, n))
    assert collapse_delta_sums(nested) == x[j] * x[2]
    assert "range" in ASSUMPTION and "one-hot" in ASSUMPTION


def _wrong(identity_id: str, change):
    lhs, rhs = CATALOGUE[identity_id].index_form()
    return lhs, change(rhs)


def test_wrong_softmax_partials_are_refuted() -> None:
    i, j = sp.symbols("i j", integer=True)
    # The seed's sign flipped: S_i δ_ij + S_i S_j.
    lhs, rhs = CATALOGUE["softmax-partials"].index_form()
    s_i_s_j = rhs - rhs.subs(sp.KroneckerDelta(i, j), 0)  # S_i δ_ij
    wrong = s_i_s_j + (s_i_s_j - rhs)
    ok, method = prove_index_pair(lhs, wrong)
    assert not ok and method.startswith("index-form refuted at")
    # The δ dropped: S_i − S_i S_j is wrong off the diagonal.
    ok, method = prove_index_pair(lhs, rhs.subs(sp.KroneckerDelta(i, j), 1))
    assert not ok and "refuted" in method


def test_wrong_ce_gradient_is_refuted() -> None:
    j, y = sp.symbols("j y", integer=True)
    lhs, rhs = CATALOGUE["ce-gradient-logits"].index_form()
    ok, method = prove_index_pair(lhs, rhs + 2 * sp.KroneckerDelta(j, y))  # S_j + δ_jy
    assert not ok and "refuted" in method


def test_batch_gradient_without_one_over_n_is_refuted() -> None:
    lhs, rhs = CATALOGUE["batch-ce-gradient-z3"].index_form()
    N = sp.Symbol("N", integer=True, positive=True)
    ok, method = prove_index_pair(lhs, rhs * N)  # 004 Q2(a)'s "drop the 1/N"
    assert not ok and "refuted" in method


def test_refute_concrete_finds_nothing_on_a_true_claim() -> None:
    lhs, rhs = CATALOGUE["softmax-partials"].index_form()
    assert refute_concrete(lhs, rhs) is None


def test_collapse_sees_deltas_behind_an_inner_sum() -> None:
    i, j, k = sp.symbols("i j k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    x = sp.IndexedBase("x")
    # SymPy merges Σ_i Σ_k into one Sum with two limits; δ(i, j) sits inside the k-sum.
    expr = sp.Sum(sp.Sum(sp.KroneckerDelta(i, j) * x[i] * x[k], (k, 1, n)), (i, 1, n))
    assert len(expr.limits) == 2
    assert collapse_delta_sums(expr) == x[j] * sp.Sum(x[k], (k, 1, n))


@pytest.mark.parametrize(
    ("identity_id", "change"),
    [
        ("softmax-simplex", lambda rhs: rhs + 1),  # Σ S = 2
        ("softmax-shift-invariance", lambda rhs: rhs * sp.exp(sp.Symbol("c", real=True))),  # e^c S(x)
        ("softmax-jacobian", lambda rhs: rhs.subs(sp.KroneckerDelta(*sp.symbols("i j", integer=True)), 0)),  # no diag
        ("softmax-vjp-linear", lambda rhs: -rhs),
        (
            "matmul-row-gradient",
            lambda rhs: rhs.subs(sp.KroneckerDelta(*sp.symbols("i r", integer=True)), 1),
        ),  # every row
        ("mlp-parameter-count", lambda rhs: rhs + 1),
    ],
)
def test_other_wrong_index_forms_are_not_proved(identity_id, change) -> None:
    lhs, rhs = CATALOGUE[identity_id].index_form()
    wrong = change(rhs)
    assert wrong != rhs
    ok, method = prove_index_pair(lhs, wrong)
    assert not ok, method


def test_a_delta_on_a_summation_variable_is_not_split() -> None:
    # Σ_r δ(q, y_r) counts the rows labelled q: it is not 1 (nor N), whatever q is. Splitting on
    # δ(q, y_r) as if r were free would "prove" Σ_r δ(q, y_r) = N·δ(q, y_r)-like nonsense.
    q, r = sp.symbols("q r", integer=True)
    N = sp.Symbol("N", integer=True, positive=True)
    y = sp.IndexedBase("y", integer=True)
    count = sp.Sum(sp.KroneckerDelta(q, y[r]), (r, 1, N))
    ok, _ = prove_index_pair(count, sp.Integer(1))
    assert not ok
    ok, _ = prove_index_pair(count, count)
    assert ok
