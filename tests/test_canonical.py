"""derive.checks.proof.canonical: the exp-normal form keeps relations between exponentials and is sound."""

from __future__ import annotations

import sympy as sp
from derive.checks.proof.canonical import Atoms, is_rational_zero, rationalize

from derive.functions import relu, sigmoid

x, y = sp.symbols("x y", real=True)


def test_exp_of_half_and_whole_share_one_atom() -> None:
    atoms = Atoms()
    # (e^{x/2} − e^{−x/2})² = e^x − 2 + e^{−x}: four exponentials, one atom u = e^{x/2}.
    normal = rationalize((sp.exp(x / 2) - sp.exp(-x / 2)) ** 2 - (sp.exp(x) - 2 + sp.exp(-x)), atoms)
    assert len(atoms.exp_atoms) == 1
    assert is_rational_zero(normal)


def test_sigmoid_via_tanh_is_decided_where_simplify_is_not() -> None:
    diff = sigmoid(x) - (sp.tanh(x / 2) + 1) / 2
    assert is_rational_zero(rationalize(diff, Atoms()))


def test_a_false_identity_does_not_cancel() -> None:
    diff = sigmoid(x) - (sp.tanh(x / 2 + 1) + 1) / 2
    assert not is_rational_zero(rationalize(diff, Atoms()))


def test_multivariate_exponentials_and_opaque_atoms() -> None:
    # exp(x + y) = exp(x)·exp(y) is kept; relu(x + y) is one atom on both sides.
    assert is_rational_zero(rationalize(sp.exp(x + y) - sp.exp(x) * sp.exp(y), Atoms()))
    atoms = Atoms()
    # Arguments are compared after expansion: relu(x(1 + y)) and relu(x + xy) are one atom.
    assert is_rational_zero(rationalize(relu(x * (1 + y)) * sp.exp(x) - relu(x + x * y) * sp.exp(x), atoms))
    assert len(atoms.opaque_atoms) == 1
    # Different arguments are different atoms: no false proof of relu(x) = relu(y).
    assert not is_rational_zero(rationalize(relu(x) - relu(y), Atoms()))


def test_piecewise_and_huge_values_are_inconclusive_not_crashes() -> None:
    from derive.checks.proof.symbolic import prove_equal

    assert prove_equal(sp.Piecewise((x, x > 0), (0, True)), sp.Max(x, 0)).status in {"inconclusive", "proved"}
    tower = sp.exp(sp.exp(sp.exp(x + 4)))
    assert prove_equal(tower, tower + sp.Rational(1, 7)).status in {"refuted", "inconclusive"}
