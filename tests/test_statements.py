"""Every identity's printed statement is what its build proves: for EVERY registered id (the
catalogue and the seeds' claims), the statement made explicit at concrete sizes is proved equal
to the build's sides by the exact prover (never simplify). The report prints the statement as
"proved exactly", so a statement that drifts from the build (a /2 changed to /3) must fail here.
"""

from __future__ import annotations

import dataclasses

import pytest
import sympy as sp
from derive.checks.proof.symbolic import prove_equal
from sympy.core.function import AppliedUndef

from derive import notation as nt
from derive.catalogue import load
from derive.identity import Identity
from derive.latex import statement_pair
from derive.statements import NotExplicit, explicit_statement, smallest_sizes, statement_pairs

CATALOGUE, SEED_CLAIMS = load()
ALL = [*CATALOGUE, *SEED_CLAIMS]

#: Statements about an arbitrary function (a scheme such as linearity of the gradient):
#: nothing concrete to instantiate. Only these ids may be exempt.
SCHEMES = {"empirical-risk-gradient"}


@pytest.mark.parametrize("identity", ALL, ids=[i.id for i in ALL])
def test_statement_is_what_the_build_proves(identity: Identity) -> None:
    if identity.statement is None:
        # The report prints the build itself (its smallest instance): nothing to drift.
        claim = identity.instantiate(next(iter(identity.sizes()), {}))
        lhs, rhs = statement_pair(identity)
        assert rhs == claim.rhs
        assert lhs == claim.lhs or lhs == sp.Derivative(claim.function, claim.wrt)
        return
    try:
        pairs = statement_pairs(identity)
    except NotExplicit:
        assert identity.id in SCHEMES
        lhs, rhs = identity.statement()
        assert rhs.atoms(AppliedUndef), "only a statement about an arbitrary function may be exempt"
        return
    assert identity.id not in SCHEMES, "a scheme that is now explicit: remove it from SCHEMES"
    assert pairs
    for stated, built in pairs:
        result = prove_equal(stated, built)
        assert result.status == "proved", (identity.id, result.status, result.method, stated, built)


def _restated(identity: Identity, change) -> Identity:
    lhs, rhs = identity.statement()
    return dataclasses.replace(identity, statement=lambda: (lhs, change(rhs)))


@pytest.mark.parametrize(
    ("identity_id", "change"),
    [
        # The example: (tanh(x/2) + 1)/2 printed as (tanh(x/2) + 1)/3.
        ("sigmoid-via-tanh", lambda rhs: rhs * sp.Rational(2, 3)),
        ("sigmoid-derivative", lambda rhs: rhs.subs(1, 2)),
        ("batch-grad-W2-l2", lambda rhs: rhs.xreplace({nt.lam: 2 * nt.lam})),
        ("batch-grad-b1", lambda rhs: 2 * rhs),
        ("softmax-jacobian", lambda rhs: rhs.T * 2),
        ("mlp-grad-W1", lambda rhs: rhs.xreplace({nt.alpha: nt.alpha / 2})),
        ("elastic-net-gradient", lambda rhs: rhs.subs(2, 1)),
        ("mlp-parameter-count", lambda rhs: rhs + 1),
        ("cross-entropy-logits", lambda rhs: 2 * rhs),
    ],
)
def test_a_changed_statement_is_caught(identity_id: str, change) -> None:
    wrong = _restated(CATALOGUE[identity_id], change)
    assert wrong.statement()[1] != CATALOGUE[identity_id].statement()[1], "the mutation changed nothing"
    statuses = [prove_equal(stated, built).status for stated, built in statement_pairs(wrong)]
    assert "refuted" in statuses, statuses


def test_a_statement_naming_what_the_build_lacks_is_not_explicit() -> None:
    identity = CATALOGUE["l2-squared-gradient"]
    stray = sp.MatrixSymbol("Q", 3, 1)
    odd = dataclasses.replace(identity, statement=lambda: (identity.statement()[0], stray))
    with pytest.raises(NotExplicit, match="Q"):
        explicit_statement(odd)


def test_smallest_sizes_respect_the_minimums() -> None:
    for identity in ALL:
        sizes = smallest_sizes(identity)
        assert set(sizes) == set(identity.size_bounds)
        assert sizes in list(identity.sizes())
