"""The catalogue: every id of IDENTITIES.md is registered with its sources and proved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sympy as sp
from derive.checks.proof.symbolic import prove_equal, prove_identity

from derive.catalogue import load
from derive.identity import Claim, Identity, Registry, RegistryError, Variable

CATALOGUE, SEED_CLAIMS = load()
IDENTITIES_MD = Path(__file__).resolve().parents[1] / ".." / "shared" / "IDENTITIES.md"


def _expected_scope(identity: Identity) -> str:
    if identity.index_form is not None:
        return "all sizes"
    if identity.size_bounds:
        return "sizes " + ", ".join(f"{k} ≤ {v}" for k, v in sorted(identity.size_bounds.items()))
    return "scalar"


@pytest.mark.parametrize("identity", list(CATALOGUE), ids=CATALOGUE.ids())
def test_identity_is_proved(identity: Identity) -> None:
    result = prove_identity(identity)
    assert result.status == "proved", (result.method, result.detail, result.counterexample)
    assert result.scope == _expected_scope(identity)
    assert identity.sources and all(s.split()[0].endswith(".txt") for s in identity.sources)
    assert identity.title
    lhs, rhs = identity.statement()
    assert isinstance(lhs, sp.Basic) and isinstance(rhs, sp.Basic)


def _identities_md_ids() -> list[str]:
    if not IDENTITIES_MD.exists():
        pytest.skip(f"{IDENTITIES_MD} is absent (the shared specification lives beside the repository)")
    return re.findall(r"^\| `([A-Za-z0-9-]+)` \|", IDENTITIES_MD.read_text(encoding="utf-8"), flags=re.M)


def test_every_identities_md_id_is_registered_with_sources() -> None:
    ids = _identities_md_ids()
    assert len(ids) >= 39, "the id table of IDENTITIES.md was not parsed"
    missing = [i for i in ids if i not in CATALOGUE]
    assert not missing
    for i in ids:
        assert CATALOGUE[i].sources, i
    # Nothing registered that IDENTITIES.md does not name.
    assert sorted(CATALOGUE.ids()) == sorted(ids)


def test_seed_sources_name_seed_files_and_questions() -> None:
    for identity in list(CATALOGUE) + list(SEED_CLAIMS):
        for source in identity.sources:
            name, _, where = source.partition(" ")
            assert re.fullmatch(r"00[0-4]_[0-9a-f]{16}\.txt", name), source
            assert where, source


def test_duplicate_id_raises() -> None:
    registry = Registry("test")
    x = Variable("x")
    ident = Identity("same-id", "t", "test", ("001_6df6721d1f90bea6.txt Q1(a)",), (x,),
                     lambda v, s: Claim(v["x"], v["x"], v))
    registry.register(ident)
    with pytest.raises(RegistryError):
        registry.register(ident)
    with pytest.raises(RegistryError):
        CATALOGUE.register(CATALOGUE["softmax-partials"])
    with pytest.raises(RegistryError):
        registry["no-such-id"]


# The statements (printed as the report's formulas and as the generated NumPy reference) must
# say what was proved: at explicit sizes they equal the proved right sides.

_BATCH_NAMES = {"X": "X", "W1": "W1", "b1": "b1", "W2": "W2", "b2": "b2", "Delta": "Delta"}
_COLUMN_NAMES = {"x": "x", "W1c": "W1", "b1c": "b1", "W2c": "W2", "b2c": "b2", "e_y": "e_y"}


def _explicit(expr: sp.Basic, sizes: dict, names: dict, values: dict) -> sp.Matrix:
    expr = expr.subs(sizes)
    table = {}
    for m in expr.atoms(sp.MatrixSymbol):
        if m.name in names:
            table[m] = sp.ImmutableMatrix(values[names[m.name]])
    out = expr.xreplace(table).doit()
    return sp.Matrix(out.as_explicit() if hasattr(out, "as_explicit") else out)


@pytest.mark.parametrize(
    ("identity_id", "sizes", "layout"),
    [
        ("batch-grad-W2-l2", {"N": 2, "D": 2, "H": 2, "C": 2}, "batch"),
        ("batch-grad-b2", {"N": 2, "D": 1, "H": 2, "C": 3}, "batch"),
        ("batch-grad-W1-l2", {"N": 2, "D": 2, "H": 2, "C": 2}, "batch"),
        ("batch-grad-b1", {"N": 2, "D": 2, "H": 3, "C": 2}, "batch"),
        ("batch-grad-W2-elastic", {"N": 2, "D": 1, "H": 2, "C": 2}, "batch"),
        ("batch-grad-W1-elastic", {"N": 2, "D": 2, "H": 2, "C": 2}, "batch"),
        ("mlp-grad-W2", {"d": 2, "d_h": 2, "m": 2}, "column"),
        ("mlp-grad-W1", {"d": 2, "d_h": 3, "m": 2}, "column"),
        ("mlp-grad-x", {"d": 2, "d_h": 2, "m": 3}, "column"),
        ("softmax-jacobian", {"n": 3}, "plain"),
        ("softmax-shift-invariance", {"n": 3}, "plain"),
        ("batch-ce-gradient-z3", {"N": 2, "C": 3}, "plain"),
        ("ce-gradient-logits", {"m": 3}, "plain"),
        ("l2-squared-gradient", {"n": 3}, "plain"),
    ],
)
def test_statement_is_what_was_proved(identity_id: str, sizes: dict, layout: str) -> None:
    identity = CATALOGUE[identity_id]
    claim = identity.instantiate(sizes)
    _, rhs = identity.statement()
    names = _BATCH_NAMES if layout == "batch" else _COLUMN_NAMES if layout == "column" else {k: k for k in claim.values}
    size_symbols = {s: sizes[s.name] for s in rhs.atoms(sp.Symbol) if s.name in sizes}
    explicit = _explicit(rhs, size_symbols, names, claim.values)
    assert prove_equal(explicit, claim.rhs).status == "proved"
    # And a wrong statement would be caught: drop the penalty / perturb one entry.
    wrong = explicit.copy()
    wrong[0, 0] += 1
    assert prove_equal(wrong, claim.rhs).status == "refuted"
