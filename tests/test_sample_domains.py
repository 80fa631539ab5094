"""The sampler draws a symbol positive where the claim's own log, even root or symbolic power
leaves it no real value otherwise (checks/proof/sample_domains.py), and gives up early when no
draw lands in the domain at all (numeric._outside)."""

from __future__ import annotations

import sympy as sp
from derive.checks.proof.judge import judge
from derive.checks.proof.numeric import sample_compare
from derive.checks.proof.sample_domains import positive_by_domain

x, y, p = sp.symbols("x y p", real=True)
n = sp.Symbol("n", integer=True)
mus = sp.symbols("mu1:10", real=True)
ys = sp.symbols("y1:10", real=True)


def test_the_whole_argument_of_a_log_or_root_or_the_base_of_a_symbolic_power_is_positive() -> None:
    assert positive_by_domain([sp.log(x) + sp.sqrt(y)]) == {x, y}
    assert positive_by_domain([p**y * (1 - p) ** (1 - y)]) == {p}
    assert positive_by_domain([x ** sp.Rational(1, 4)]) == {x}


def test_a_symbol_inside_a_larger_argument_is_not_restricted() -> None:
    # log(x**2) and log(1 - p) are real at negative x and p: those points stay drawn
    assert positive_by_domain([sp.log(x**2), sp.log(1 - p)]) == set()
    # odd roots, whole powers and integer exponents are real at a negative base
    assert positive_by_domain([sp.cbrt(x), x**3, x**n]) == set()


def test_a_sum_of_weighted_logs_is_sampled_where_it_used_to_find_no_point() -> None:
    # nine y log(mu) terms: drawn from all reals, one draw in 512 had every mu positive
    lhs = sp.log(sp.Mul(*[m**v for m, v in zip(mus, ys, strict=True)]))
    rhs = sp.Add(*[v * sp.log(m) for m, v in zip(mus, ys, strict=True)])
    symbols = {str(s): s for s in (*mus, *ys)}
    result = sample_compare(lhs, rhs, symbols, examples=60)
    assert result.status == "passed" and result.examples == 60


def test_a_false_claim_on_the_same_domain_is_still_refuted() -> None:
    # y log(x) = log(x) + y differs at most positive x: the narrowed draws still find it
    verdict = judge(y * sp.log(x), sp.log(x) + y, timeout=None, examples=60)
    assert verdict.status == "refuted"
    assert sample_compare(y * sp.log(x), sp.log(x) + y, {"x": x, "y": y}, examples=60).status == "failed"


def test_a_claim_false_only_at_negative_values_is_not_hidden_when_no_log_pins_the_sign() -> None:
    # |x| = x fails at x < 0; nothing in the claim restricts x, so negative x is still drawn
    assert sample_compare(sp.Abs(x), x, {"x": x}, examples=40).status == "failed"


def test_no_point_in_the_domain_ends_the_run_early_and_failed() -> None:
    # log(-x**2 - 1) has no real value anywhere: the run stops after 3 x examples draws
    result = sample_compare(sp.log(-(x**2) - 1), x, {"x": x}, examples=50)
    assert result.status == "failed" and result.examples == 0
    assert result.counterexample is None
