"""Case splits: at the zero of each kink's argument, inside the domains, covering them."""

from __future__ import annotations

import pytest
import sympy as sp
from derive.checks.proof.assumptions import parse_assumption
from derive.checks.proof.cases import (
    MAX_CASES,
    MAX_KINK_CASES,
    CaseLimitError,
    interval_pieces,
    split_cases,
    whole_domain,
)
from derive.checks.proof.domains import Domain
from derive.checks.proof.kinks import kink_arguments, settle
from hypothesis import given, settings
from hypothesis import strategies as st

from derive.functions import leaky_relu, relu, step

x, y, a, b = sp.symbols("x y a b", real=True)
alpha = sp.Symbol("alpha", positive=True)


def _labels(exprs, domains=None, conditions=()) -> list[str]:
    return [c.label for c in split_cases(exprs, domains, conditions).cases]


# --------------------------------------------------------------------------- kink arguments


def test_kink_arguments_are_the_zeros_of_each_kink() -> None:
    expr = relu(x - 1) + sp.Abs(2 - 2 * x) + step(y) + leaky_relu(x + y, alpha) + sp.Max(a, b, 0)
    found = kink_arguments(expr)
    # x − 1 once (2 − 2x is the same zero), every pair of max's arguments, leaky_relu's z only.
    assert set(found) == {x - 1, y, x + y, a - b, a, b}
    assert kink_arguments(sp.sigmoid(x) if hasattr(sp, "sigmoid") else sp.exp(x)) == []


def test_piecewise_conditions_are_kinks() -> None:
    assert kink_arguments(sp.Piecewise((x, x > 2), (0, True))) == [x - 2]


# --------------------------------------------------------------------------- one variable


def test_split_at_the_arguments_zero_not_at_zero() -> None:
    cases = split_cases([relu(x - 1), sp.Max(x - 1, 0)]).cases
    assert [c.label for c in cases] == ["x < 1", "x = 1", "1 < x"]
    # Every case fixes the sign of the kink's argument.
    for case in cases:
        g = case.apply(x - 1)
        assert g.is_zero or g.is_positive or g.is_negative


def test_several_breakpoints_of_one_variable() -> None:
    assert _labels([relu(x - 1) + sp.Abs(x)]) == ["x < 0", "x = 0", "0 < x < 1", "x = 1", "1 < x"]


def test_breakpoints_outside_the_domain_are_ignored_and_closed_ends_kept() -> None:
    domain = parse_assumption("0 <= x <= 3")["x"]
    assert _labels([relu(x - 5) + relu(x - 2)], {"x": domain}) == ["x = 0", "0 < x < 2", "x = 2", "2 < x < 3", "x = 3"]


def test_a_nonlinear_argument_splits_its_variables_at_zero() -> None:
    split = split_cases([sp.Abs(x * y), sp.Abs(x) * sp.Abs(y)])
    assert len(split.cases) == 9
    assert split.notes == []


def test_an_excluded_zero_is_no_case() -> None:
    assert _labels([sp.Abs(x)], {"x": parse_assumption("x != 0")["x"]}) == ["x < 0", "0 < x"]


@given(st.fractions(min_value=-10, max_value=10), st.fractions(min_value=-10, max_value=10))
@settings(max_examples=60, deadline=None, database=None)
def test_interval_pieces_land_inside_and_in_order(p, q) -> None:
    lo, hi = sorted((sp.Rational(p.numerator, p.denominator), sp.Rational(q.numerator, q.denominator)))
    if lo == hi:
        return
    domain = Domain(lo, hi, True, False)
    cut = (lo + hi) / 2
    pieces = interval_pieces("x", domain, [cut, hi + 1])
    assert [label for label, _ in pieces] == [f"x = {lo}", f"{lo} < x < {cut}", f"x = {cut}", f"{cut} < x < {hi}"]
    for t in (sp.Rational(1, 100), sp.S.One, sp.Integer(100)):
        below = pieces[1][1].xreplace({s: t for s in pieces[1][1].free_symbols})
        above = pieces[3][1].xreplace({s: t for s in pieces[3][1].free_symbols})
        assert lo < below < cut < above < hi


# --------------------------------------------------------------------------- several variables


def test_a_tie_between_two_variables_is_split_by_substitution() -> None:
    split = split_cases([sp.log(sp.exp(a) + sp.exp(b)), sp.Max(a, b) + sp.log(1 + sp.exp(-sp.Abs(a - b)))])
    assert [c.label for c in split.cases] == ["a - b < 0", "a - b = 0", "a - b > 0"]
    for case, sign in zip(split.cases, (-1, 0, 1), strict=True):
        assert sp.sign(case.apply(a - b)) == sign
        assert case.apply(sp.Max(a, b)).func is not sp.Max


def test_positive_variables_tie_inside_their_domain() -> None:
    p, q = sp.symbols("p q", positive=True)
    cases = split_cases([sp.Max(p, q)]).cases
    assert len(cases) == 3
    for case in cases:
        point = case.point({str(s): sp.Rational(3, 7) for s in case.params})
        assert all(v > 0 for v in point.values())


@given(st.integers(-20, 20), st.integers(-20, 20))
@settings(max_examples=40, deadline=None, database=None)
def test_the_cases_cover_every_point(i: int, j: int) -> None:
    # For any (a, b), exactly one case's label holds, and its image reaches that point.
    va, vb = sp.Rational(i, 3), sp.Rational(j, 3)
    g = va - vb
    holds = {"a - b < 0": g < 0, "a - b = 0": g == 0, "a - b > 0": g > 0}
    cases = split_cases([sp.Max(a, b)]).cases
    chosen = [c for c in cases if holds[c.label]]
    assert len(chosen) == 1
    case = chosen[0]
    # Solve the case's map back for its parameters: b stays b, a = b + s(t).
    t = [s for s in case.params if s != b]
    values = {"b": vb}
    if t:
        (param,) = t
        (root,) = sp.solve(sp.Eq(case.subs[a].xreplace({b: vb}), va), param)
        assert root > 0
        values[str(param)] = root
    assert case.point(values) == {a: va, b: vb}


def test_conditions_between_variables_are_imposed() -> None:
    split = split_cases([sp.Abs(a - b)], conditions=[sp.Gt(a, b)])
    assert len(split.cases) == 1
    assert split.cases[0].apply(sp.Abs(a - b)).is_positive
    assert [c.label for c in split_cases([a * b], conditions=[sp.Ne(a, b)]).cases] == ["a - b < 0", "a - b > 0"]


def test_a_single_variable_condition_narrows_the_domain() -> None:
    split = split_cases([sp.Abs(x)], conditions=[x >= 0])
    assert [c.label for c in split.cases] == ["x = 0", "0 < x"]


def test_a_condition_that_cannot_be_imposed_is_reported() -> None:
    split = split_cases([x], conditions=[sp.Gt(x * y, 1)])
    assert len(split.cases) == 1
    assert any("not linear" in note for note in split.notes)


# --------------------------------------------------------------------------- limits


def test_the_kink_split_stops_at_its_limit_with_a_note() -> None:
    many = sum(relu(x - k) for k in range(14))
    split = split_cases([many])
    assert len(split.cases) <= MAX_KINK_CASES
    assert split.notes


def test_too_many_domain_cases_is_an_error() -> None:
    names = sp.symbols("u0:7", real=True)
    domains = {str(s): Domain(sp.S.Zero, sp.S.One, True, True) for s in names}
    assert 3**7 > MAX_CASES
    with pytest.raises(CaseLimitError, match="limit is 64"):
        split_cases([sp.Add(*names)], domains)


def test_whole_domain_is_one_case_inside_the_domains() -> None:
    case = whole_domain([x, y], {"x": Domain(sp.S.Zero, sp.S.One)})
    point = case.point({str(s): sp.Integer(5) for s in case.params})
    assert 0 < point[x] < 1
    assert point[y] == 5


def test_integer_indices_are_split_by_integers() -> None:
    i, j = sp.symbols("i j", integer=True)
    cases = split_cases([sp.KroneckerDelta(i, j)], conditions=[sp.Ne(i, j)]).cases
    assert [c.label for c in cases] == ["i - j < 0", "i - j > 0"]
    for case in cases:
        assert case.apply(sp.KroneckerDelta(i, j)) == 0
        (step,) = [p for p in case.params if p != j]
        assert step.is_integer and step.is_positive


def test_a_factored_argument_splits_at_each_factors_zero() -> None:
    assert _labels([relu(x**2 - 1)]) == ["x < -1", "x = -1", "-1 < x < 1", "x = 1", "1 < x"]
    assert set(kink_arguments(relu((1 - alpha) * (x - 1)))) == {alpha - 1, x - 1}


def test_settle_evaluates_kinks_whose_sign_shows_after_factoring() -> None:
    t = sp.Symbol("t", positive=True)
    inside = -1 + 2 / (1 + t)  # in (-1, 1)
    assert settle(relu(inside**2 - 1)) == 0
    assert settle(sp.Max(inside**2 - 1, 0)) == 0
    for value in (sp.Rational(1, 3), sp.Integer(5)):
        assert settle(sp.Abs(inside - 1)).xreplace({t: value}) == (1 - inside).xreplace({t: value})
    # Nothing is decided where the sign is unknown.
    assert settle(relu(x**2 - 2)) == relu(x**2 - 2)


# --------------------------------------------------------------------------- claims as typed
# (moved from test_cli_check.py with the engine they test)


def test_a_closed_interval_is_two_endpoints_and_an_open_map() -> None:
    domain = parse_assumption("0 <= x <= 1")["x"]
    pieces = interval_pieces("x", domain, [sp.S.Zero])
    assert [label for label, _ in pieces] == ["x = 0", "0 < x < 1", "x = 1"]
    inner = pieces[1][1]
    (param,) = inner.free_symbols
    assert param.is_positive
    for t in (sp.Rational(1, 1000), sp.S.One, sp.Integer(1000)):
        assert 0 < inner.xreplace({param: t}) < 1


def _cases(lhs: str, rhs: str, assume: tuple[str, ...] = ()) -> list:
    from derive.checks.proof.claims import parse_claim

    claim = parse_claim(lhs, rhs, assume)
    return split_cases([claim.lhs, claim.rhs], claim.domains).cases


def test_kinks_split_at_zero_unless_zero_is_excluded() -> None:
    assert len(_cases("abs(x)", "x*sign(x)")) == 3
    assert len(_cases("abs(x)", "x*sign(x)", ("x != 0",))) == 2
    assert len(_cases("sigmoid(x)", "1 - sigmoid(-x)")) == 1
    # At the argument's zero, wherever it is.
    assert [c.label for c in _cases("relu(x - 1)", "max(x - 1, 0)")] == ["x < 1", "x = 1", "1 < x"]


def test_exact_search_and_confirm() -> None:
    from derive.checks.proof.claims import parse_claim
    from derive.checks.proof.judge import confirm, exact_search

    claim = parse_claim("x + sigmoid(y)", "x + sigmoid(y) + 1/10**20")
    found = exact_search(claim.lhs, claim.rhs, _cases("x + sigmoid(y)", "x + sigmoid(y) + 1/10**20")[0])
    assert found is not None and found["difference"] == "-1.00000e-20"
    true_claim = parse_claim("sigmoid(x)", "(tanh(x/2) + 1)/2")
    assert exact_search(true_claim.lhs, true_claim.rhs, _cases("sigmoid(x)", "(tanh(x/2) + 1)/2")[0]) is None
    # A point where a side is not real refutes nothing.
    complex_claim = parse_claim("log(x^2)", "2*log(x)")
    assert confirm(complex_claim.lhs, complex_claim.rhs, {complex_claim.symbols["x"]: sp.Integer(-1)}) is None
