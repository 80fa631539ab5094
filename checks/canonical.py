"""Exact normal forms: rewrite the seeds' functions to exp and make every exp a power of a
positive symbol, so that an identity between them becomes one between rational functions,
which ``cancel`` decides exactly.

Soundness: every replacement maps a sub-expression to a fresh symbol (or a power of one), so
if the replaced difference is identically 0, the original difference is too. The converse
does not hold (a relation between replaced atoms is forgotten), which is why a non-zero
normal form never refutes anything by itself: refutation needs a concrete counterexample.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from math import lcm

import sympy as sp

from derive.functions import leaky_relu, relu, sigmoid, softplus

#: Functions kept as opaque atoms: their kinks are handled by case splits or by the
#: identities that state their derivatives (relu-derivative, abs-derivative ...).
_OPAQUE = (relu, leaky_relu, sp.Heaviside, sp.sign, sp.Abs, sp.Max, sp.Min, sp.Piecewise, sp.log)


@dataclass
class Atoms:
    """Fresh symbols standing for exp-monomials and opaque sub-expressions, shared by both
    sides of a claim so that equal atoms get equal symbols."""

    exp_atoms: dict[sp.Expr, sp.Symbol] = field(default_factory=dict)
    opaque_atoms: dict[sp.Expr, sp.Symbol] = field(default_factory=dict)

    def exp_symbol(self, monomial: sp.Expr) -> sp.Symbol:
        if monomial not in self.exp_atoms:
            self.exp_atoms[monomial] = sp.Symbol(f"_u{len(self.exp_atoms)}", positive=True)
        return self.exp_atoms[monomial]

    def opaque_symbol(self, expr: sp.Expr) -> sp.Symbol:
        if expr not in self.opaque_atoms:
            self.opaque_atoms[expr] = sp.Symbol(f"_a{len(self.opaque_atoms)}", real=True)
        return self.opaque_atoms[expr]


def to_exp(expr: sp.Expr) -> sp.Expr:
    """Rewrite σ, softplus and the hyperbolic functions in terms of exp and log."""
    expr = expr.replace(sigmoid, lambda x: 1 / (1 + sp.exp(-x)))
    expr = expr.replace(softplus, lambda x: sp.log(1 + sp.exp(x)))
    return expr.rewrite(sp.tanh, sp.exp).rewrite(sp.sinh, sp.exp).rewrite(sp.cosh, sp.exp)


def _exp_terms(arg: sp.Expr) -> list[tuple[sp.Rational, sp.Expr]]:
    """arg as Σ cₖ·mₖ with rational cₖ and monomials mₖ (1 for the constant term)."""
    terms = []
    for term in sp.Add.make_args(sp.expand(arg)):
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Rational:
            coeff, rest = sp.S.One, term
        terms.append((coeff, rest))
    return terms


def rationalize(expr: sp.Expr, atoms: Atoms) -> sp.Expr:
    """The exp-normal form: exp(Σ cₖmₖ) → Π uₖ^{cₖLₖ} with uₖ = exp(mₖ/Lₖ) > 0.

    Lₖ is the lcm of the denominators of every coefficient of mₖ in the expression, so
    exp(x/2) and exp(-x) become u and u⁻² with u = exp(x/2): their relation is kept.
    """
    expr = to_exp(expr)
    exps = list(expr.atoms(sp.exp))
    denominators: dict[sp.Expr, int] = {}
    for e in exps:
        for coeff, mono in _exp_terms(e.args[0]):
            if mono != 1:
                denominators[mono] = lcm(denominators.get(mono, 1), int(coeff.q))
    for mono, den in denominators.items():
        key = mono / den
        atoms.exp_symbol(key)
    replacement = {}
    for e in exps:
        value = sp.S.One
        for coeff, mono in _exp_terms(e.args[0]):
            if mono == 1:
                value *= sp.exp(coeff)
            else:
                den = denominators[mono]
                value *= atoms.exp_symbol(mono / den) ** int(coeff * den)
        replacement[e] = value
    expr = expr.xreplace(replacement)
    # Opaque atoms, innermost first, keyed by their (already normalised) arguments.
    for kind in _OPAQUE:
        for node in sorted(expr.atoms(kind), key=sp.count_ops):
            if node.is_number:
                continue
            normal = node.func(*[sp.expand(a) for a in node.args])
            expr = expr.xreplace({node: atoms.opaque_symbol(normal)})
    return expr


def is_rational_zero(expr: sp.Expr) -> bool:
    """Exact: is this rational function of its symbols identically 0?"""
    return sp.cancel(sp.together(expr)) == 0
