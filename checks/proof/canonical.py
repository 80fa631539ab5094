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

from derive.functions import FUNCTIONS


def opaque_kinds() -> tuple[type, ...]:
    """Node classes kept as opaque atoms: every named function without a rewrite to exp
    (derive.functions: relu, LeakyReLU, Heaviside, sign, |x|, max, min, log ...) and Piecewise.
    Kinks are handled by case splits or by the identities that state their derivatives."""
    return (*FUNCTIONS.opaque_nodes(), sp.Piecewise)


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


def _expand_arg(arg: sp.Basic) -> sp.Basic:
    """Expand an argument of an opaque atom; Piecewise pairs (expr, cond) expand inside."""
    if isinstance(arg, sp.Expr):
        return sp.expand(arg)
    if isinstance(arg, sp.ExprCondPair):
        return sp.ExprCondPair(sp.expand(arg.expr), arg.cond)
    return arg


def to_exp(expr: sp.Expr) -> sp.Expr:
    """Rewrite every named function that has a definition in exp/log (σ, softplus, the
    hyperbolic functions ..., as their records in derive.functions state it)."""
    definitions = FUNCTIONS.exp_definitions()
    # A definition may use another named function (GELU(x) = xΦ(x)): rewrite to a fixed point.
    for _ in range(len(definitions) + 1):
        present = [kind for kind in definitions if expr.has(kind)]
        if not present:
            break
        for kind in present:
            expr = expr.replace(kind, definitions[kind])
    return expr


_EXP_TERMS: dict[sp.Expr, list] = {}


def _exp_terms(arg: sp.Expr) -> list[tuple[sp.Rational, sp.Expr]]:
    """arg as Σ cₖ·mₖ with rational cₖ and monomials mₖ (1 for the constant term).
    Memoised: the same exponents recur across claims, sizes and evaluation points."""
    cached = _EXP_TERMS.get(arg)
    if cached is None:
        cached = _EXP_TERMS[arg] = _exp_terms_uncached(arg)
    return cached


def _exp_terms_uncached(arg: sp.Expr) -> list[tuple[sp.Rational, sp.Expr]]:
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
    for kind in opaque_kinds():
        for node in sorted(expr.atoms(kind), key=sp.count_ops):
            if node.is_number:
                continue
            normal = node.func(*[_expand_arg(a) for a in node.args])
            expr = expr.xreplace({node: atoms.opaque_symbol(normal)})
    return expr


def is_rational_zero(expr: sp.Expr) -> bool:
    """Exact: is this rational function of its symbols identically 0?

    Not by arithmetic in QQ(symbols) (``sfield``/``from_expr``): a third of the time on the
    catalogue's small claims, but 50-100 times slower on the softmax Jacobian at n = 8 or
    16 (bench/verify_bench.py), where products of sums are expanded."""
    return sp.cancel(sp.together(expr)) == 0


# --------------------------------------------------------------------------- prime-field evaluation

#: Two Mersenne primes: a claim is "proved" by evaluation only if both sides agree at a
#: random point modulo each. A non-zero integer polynomial vanishes identically modulo both
#: only if every coefficient is divisible by their product (> 2^150), far beyond the
#: coefficients that occur here.
PRIMES = (2**61 - 1, 2**89 - 1)


class Undefined(ArithmeticError):
    """A denominator vanished at the drawn point (draw another point)."""


class ModularEvaluator:
    """Exact evaluation of SymPy expressions in GF(p) at one random point.

    Every symbol gets a random field element; every exp-monomial (as in ``rationalize``: exp(Σ
    cₖmₖ) = Π uₖ^{cₖLₖ}) gets one, so exp(x/2)² = exp(x) is kept; named functions with a
    definition in exp (σ, softplus, the hyperbolic functions ...) are read through it; every
    other function node (ReLU, Heaviside, sign, |·|, log, Sum, non-integer powers ...) is an
    opaque atom keyed by the node with expanded arguments, the same atom on both sides of a
    claim. Replacing sub-expressions by independent values is sound for proving (an identity
    of the atomised rational function holds for the true values too); by Schwartz–Zippel a
    non-zero atomised rational function whose numerator has degree d vanishes at a uniformly
    random point with probability ≤ d/p. Here d ≤ 2520 · (number of exp-monomial factors, ≲
    10⁴ for the largest claims), so ≤ 3·10⁷/(2⁶¹ − 1) ≈ 10⁻¹¹ at the first point and ≈ 5·10⁻²⁰
    at the second; a claim is accepted only if it vanishes at both.

    Nodes are memoised by identity of value, so the shared sub-expressions of a matrix claim
    (P, exp(z3) ...) are evaluated once for all its entries.
    """

    def __init__(self, p: int, rng) -> None:
        self.p = p
        self.rng = rng
        self.memo: dict[sp.Basic, int] = {}
        self.atoms: dict[sp.Basic, int] = {}

    def _fresh(self, key: sp.Basic) -> int:
        if key not in self.atoms:
            self.atoms[key] = self.rng.randrange(2, self.p - 1)
        return self.atoms[key]

    def _inv(self, v: int) -> int:
        if v % self.p == 0:
            raise Undefined()
        return pow(v, -1, self.p)

    def value(self, expr: sp.Basic) -> int:
        memo = self.memo
        if expr in memo:
            return memo[expr]
        # Iterative post-order walk: deep expressions must not hit the recursion limit.
        stack = [expr]
        while stack:
            node = stack[-1]
            if node in memo:
                stack.pop()
                continue
            children = self._children(node)
            pending = [c for c in children if c not in memo]
            if pending:
                stack.extend(pending)
                continue
            memo[node] = self._combine(node)
            stack.pop()
        return memo[expr]

    def _children(self, node: sp.Basic) -> tuple:
        if node.is_Add or node.is_Mul:
            return node.args
        if node.is_Pow and node.exp.is_Integer:
            return (node.base,)
        if type(node) in FUNCTIONS.exp_definitions():
            return (self._rewritten(node),)
        return ()

    def _rewritten(self, node: sp.Basic) -> sp.Expr:
        """A named function through its definition in exp (derive.functions)."""
        return FUNCTIONS.exp_definitions()[type(node)](*node.args)

    def _combine(self, node: sp.Basic) -> int:
        p, memo = self.p, self.memo
        if node.is_Integer:
            return int(node) % p
        if node.is_Rational:
            return int(node.p) * self._inv(int(node.q)) % p
        if node.is_Add:
            return sum(memo[a] for a in node.args) % p
        if node.is_Mul:
            out = 1
            for a in node.args:
                out = out * memo[a] % p
            return out
        if node.is_Pow and node.exp.is_Integer:
            base = memo[node.base]
            e = int(node.exp)
            if e < 0:
                base, e = self._inv(base), -e
            return pow(base, e, p)
        if type(node) in FUNCTIONS.exp_definitions():
            return memo[self._rewritten(node)]
        if isinstance(node, sp.exp):
            return self._exp(node)
        if node.is_Symbol or isinstance(node, (sp.Indexed, sp.Dummy)):
            return self._fresh(node)
        if node is sp.E:
            return self._fresh(sp.E)
        # Opaque: functions with kinks, logs, sums, radicals, pi ...: one atom per node.
        return self._fresh(self._key(node))

    def _key(self, node: sp.Basic) -> sp.Basic:
        key = _KEYS.get(node)
        if key is None:
            key = node
            if node.args and not isinstance(node, (sp.Sum, sp.Lambda)):
                try:
                    key = node.func(*[_expand_arg(a) for a in node.args])
                except Exception:  # noqa: BLE001 - a node that will not rebuild is its own key
                    key = node
            _KEYS[node] = key
        return key

    def _exp(self, node: sp.Basic) -> int:
        p = self.p
        out = 1
        for coeff, mono in _exp_terms(node.args[0]):
            if mono == 1:
                if coeff.is_Integer:  # e^c = E^c keeps exp(x + 1) = E·exp(x)
                    out = out * self._power(self._fresh(sp.E), int(coeff)) % p
                elif coeff != 0:
                    out = out * self._fresh(sp.exp(coeff, evaluate=False)) % p
                continue
            # exp(c·m) = u^{c·L} with u = exp(m/L) and L = lcm(1..10) = 2520, so exp(x/2)² =
            # exp(x) and exp(-x/3) = u^{-840} keep their relation; a denominator that does not
            # divide L makes a separate atom (sound, only less complete). L multiplies the
            # degree in the Schwartz–Zippel bound, hence not larger.
            power = coeff * EXP_LCM
            if power.is_Integer:
                out = out * self._power(self._fresh(sp.exp(mono / EXP_LCM, evaluate=False)), int(power)) % p
            else:
                out = out * self._fresh(sp.exp(coeff * mono, evaluate=False)) % p
        return out

    def _power(self, base: int, e: int) -> int:
        return pow(base, e, self.p) if e >= 0 else pow(self._inv(base), -e, self.p)


#: Opaque node → its key (arguments expanded), shared by every evaluator.
_KEYS: dict[sp.Basic, sp.Basic] = {}

#: Exponent denominators handled exactly by the prime-field evaluator (lcm of 1..10).
EXP_LCM = 2520

#: Evaluators shared by every claim checked with the same seed in this process, so that a
#: network's forward quantities (hash-consed SymPy nodes) are evaluated once per point for
#: all the claims about it. Atoms are drawn independently of any claim, so sharing a point
#: between claims fixed in advance keeps each claim's Schwartz–Zippel bound.
_SHARED: dict[tuple[int, int, int], ModularEvaluator] = {}
_SHARED_LIMIT = 400_000


def _evaluator(p: int, seed: int, attempt: int) -> ModularEvaluator:
    key = (p, seed, attempt)
    ev = _SHARED.get(key)
    if ev is None or len(ev.memo) > _SHARED_LIMIT:
        import random

        ev = ModularEvaluator(p, random.Random(hash((p, seed, attempt)) & 0xFFFFFFFF))
        _SHARED[key] = ev
    return ev


def modular_equal(pairs, *, points: int = 2, seed: int = 0, attempts: int = 6):
    """(True, None) when every (lhs, rhs) pair agrees at ``points`` random points (one per
    prime), (False, k) with the first pair that differs, (None, None) when no usable point
    was found (a denominator kept vanishing)."""
    differing = modular_differences(pairs, seed=seed, points=points, attempts=attempts)
    if differing is None:
        return None, None
    return (False, differing[0]) if differing else (True, None)


def node_count(expr: sp.Basic, limit: int) -> int:
    """Number of distinct nodes of ``expr``, counting stops a little past ``limit``."""
    seen: set = set()
    stack = [expr]
    while stack and len(seen) <= limit:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        stack.extend(node.args)
    return len(seen)


def modular_differences(pairs, *, seed: int = 0, points: int = 2, attempts: int = 6) -> list[int] | None:
    """Indices of the (lhs, rhs) pairs that differ at some random point (see
    ``ModularEvaluator``); [] means all agree at ``points`` points, one per prime. None when
    no usable point was found (a denominator kept vanishing)."""
    pairs = list(pairs)
    differing: set[int] = set()
    for point in range(points):
        p = PRIMES[point % len(PRIMES)]
        for attempt in range(attempts):
            ev = _evaluator(p, seed, attempt)
            try:
                found = {k for k, (a, b) in enumerate(pairs) if k not in differing and ev.value(a) != ev.value(b)}
            except Undefined:
                continue
            differing |= found
            break
        else:
            return None
    return sorted(differing)
