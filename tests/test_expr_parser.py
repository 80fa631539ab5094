"""derive.checks.proof.expr_parser: what it reads, what it refuses (with the column), and that refusing
an injection payload runs nothing."""

from __future__ import annotations

import ast
import builtins
import os
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import sympy as sp
from derive.checks.proof.assumptions import parse_assumption
from derive.checks.proof.expr_parser import (
    MAX_DEPTH,
    MAX_LENGTH,
    Domain,
    ExpressionParser,
    parse_expression,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from derive.errors import DeriveError
from derive.functions import leaky_relu, relu, sigmoid, softplus

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
alpha = sp.Symbol("alpha", real=True)


# --------------------------------------------------------------------------- what it reads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sigmoid(x)", sigmoid(x)),
        ("σ(x)", sigmoid(x)),
        ("(tanh(x/2) + 1)/2", (sp.tanh(x / 2) + 1) / 2),
        ("log(1 + exp(-x))", sp.log(1 + sp.exp(-x))),
        ("ln(x)", sp.log(x)),
        ("softplus(-x)", softplus(-x)),
        ("relu(x) + rect(y)", relu(x) + relu(y)),
        ("leaky_relu(x, alpha)", leaky_relu(x, alpha)),
        ("step(x)", sp.Heaviside(x, 0)),
        ("abs(x)", sp.Abs(x)),
        ("max(x, 0)", sp.Max(x, 0)),
        ("x**2", x**2),
        # ^ is a power with the precedence of **, not Python's xor (x ^ (2 + 1)).
        ("x^2 + 1", x**2 + 1),
        ("x^2^3", x**8),
        ("2^-1", sp.Rational(1, 2)),
        ("-x", -x),
        ("+x", x),
        ("x - y*2", x - 2 * y),
        # Floats are read exactly from their decimal text.
        ("0.1", sp.Rational(1, 10)),
        ("1e-3*x", x / 1000),
        ("1_000", sp.Integer(1000)),
        ("pi + E + e", sp.pi + 2 * sp.E),
        ("  x + y", x + y),
        ("x_1", sp.Symbol("x_1", real=True)),
        # Python folds full-width letters (NFKC) before we see them; still just x.
        ("ｘ + 1", x + 1),
    ],
)
def test_reads_python_like_syntax(text: str, expected: sp.Expr) -> None:
    assert parse_expression(text) == expected


def test_both_sides_share_their_variables() -> None:
    parser = ExpressionParser()
    left = parser.parse("sigmoid(x)")
    right = parser.parse("x + y")
    assert left.free_symbols | right.free_symbols == {parser.symbols["x"], parser.symbols["y"]}
    assert parser.symbols["x"].is_real


def test_domains_set_the_symbols_assumptions() -> None:
    domains = parse_assumption("x > 0")
    parser = ExpressionParser(domains=domains)
    expr = parser.parse("relu(x) + abs(x)")
    # relu and abs of a positive symbol evaluate: the assumption reached the symbol.
    assert expr == 2 * parser.symbols["x"]
    assert parser.symbols["x"].is_positive


# --------------------------------------------------------------------------- what it refuses

BAD_INPUT = [
    # (text, words the one-line message must contain)
    ("foo(x)", "unknown function 'foo'"),
    ("sigmoid(x", "cannot parse"),
    ("", "empty expression"),
    ("   ", "empty expression"),
    ("sigmoid(x, y)", "sigmoid() takes 1 argument, got 2"),
    ("leaky_relu(x)", "leaky_relu() takes 2 arguments, got 1"),
    ("sqrt(x, 0)", "sqrt() takes 1 argument, got 2"),
    ("sigmoid", "function 'sigmoid' used without arguments"),
    ("x(1)", "unknown function 'x'"),
    ("x // 2", "operator '//' is not allowed"),
    ("x % 2", "operator '%' is not allowed"),
    ("x @ y", "operator '@' is not allowed"),
    ("not x", "operator 'not' is not allowed"),
    ("x if y else 1", "conditional expression is not allowed"),
    ("x < y", "comparison is not allowed"),
    ("x and y", "boolean operator is not allowed"),
    ("(x, y)", "tuple is not allowed"),
    ("{}", "dict is not allowed"),
    ("x[0]", "subscript is not allowed"),
    ("True", "constant True is not allowed"),
    ("None", "constant None is not allowed"),
    ("1j", "complex numbers are not allowed"),
    ("1e999", "number out of range"),
    ("_x", "name '_x' is not allowed"),
    ("α + 1", "name 'α' is not allowed"),
    ("1/0", "undefined"),
    ("log(0)", "undefined"),
    ("x\ny", "control character"),
    ("x\x00", "control character"),
    ("x # and the rest is ignored", "'#' (a comment) is not allowed at column 3"),
    # SymPy cannot order an imaginary number while building Max: an error, not a traceback.
    ("x + max(x, sqrt(-1))", "SymPy cannot evaluate this (ValueError"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD_INPUT)
def test_bad_input_is_one_line(text: str, fragment: str) -> None:
    with pytest.raises(DeriveError) as info:
        parse_expression(text)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("text", "column"),
    [
        ("x + foo(y)", 5),
        ("x + y.real", 5),
        ("sigmoid(x, y=1)", 12),
        ("x^2 + 'a'", 7),  # the column counts ^ as typed, not as the ** it is read as
        ("  x + _y", 7),
        ("σ(x) + [1]", 8),
    ],
)
def test_messages_give_the_column_as_typed(text: str, column: int) -> None:
    with pytest.raises(DeriveError, match=rf"at column {column}\b"):
        parse_expression(text)


# --------------------------------------------------------------------------- limits


def test_power_towers_are_refused_before_sympy_evaluates_them() -> None:
    start = time.perf_counter()
    for tower in (
        "9**9**9**9",
        "9^9^9^9",
        "(2**1000)**1000",
        "(sqrt(2)*10**999)**999",
        "x**100000",
        "2**(1/100000)",
        "sqrt(" + "9" * 1900 + ")",
        "7" * 300 + "**(2/3)",
    ):
        with pytest.raises(DeriveError, match="too large|is not supported"):
            parse_expression(tower)
    # Generous: evaluating any of these would take minutes or exhaust memory.
    assert time.perf_counter() - start < 30


def test_moderate_powers_are_fine() -> None:
    assert parse_expression("2**1000") == sp.Integer(2) ** 1000
    assert parse_expression("x**1000") == x**1000


def test_length_depth_and_size_limits() -> None:
    with pytest.raises(DeriveError, match="limit is 2000"):
        parse_expression("x" + "+x" * MAX_LENGTH)
    with pytest.raises(DeriveError, match="nested too deeply"):
        parse_expression("x" + "+x" * (MAX_DEPTH + 5))
    with pytest.raises(DeriveError, match="nested too deeply"):
        parse_expression("-" * 1500 + "x")
    with pytest.raises(DeriveError, match="nested|too many nested parentheses"):
        parse_expression("(" * 300 + "x" + ")" * 300)
    with pytest.raises(DeriveError, match="too large"):
        parse_expression("max(" + ",".join(["x"] * 900) + ")")


# --------------------------------------------------------------------------- injection

PAYLOADS = [
    "().__class__.__base__.__subclasses__()",
    "__import__('os').system('touch {marker}')",
    "__import__('os')",
    "open('{marker}', 'w')",
    "[c for c in ()]",
    "[open('{marker}', 'w') for c in (1,)]",
    "lambda: 0",
    "x.__class__",
    "getattr(x, 'y')",
    'exec(\'open("{marker}", "w")\')',
    "eval('1')",
    "'a string'",
    "b'bytes'",
    "sigmoid(x, y=1)",
    "sigmoid(x, **{{'evaluate': False}})",
    "sigmoid(*x)",
    "f'{{x}}'",
    "sigmoid(x).__class__.__mro__",
    "sigmoid.__globals__",
    "(lambda: __import__('os').system('touch {marker}'))()",
    "__builtins__",
    "(x := 1)",
    "sp.exp(x)",
    "sigmoid(x)[0]",
    "x if open('{marker}', 'w') else x",
    "breakpoint()",
]


@pytest.fixture
def tripwires(monkeypatch: pytest.MonkeyPatch):
    """Record any call a payload could use to act, instead of letting it happen."""
    calls: list[str] = []
    real_import = builtins.__import__

    def guard(name: str):
        def tripped(*args, **kwargs):
            calls.append(f"{name}{args!r}")
            raise AssertionError(f"{name} was called")

        return tripped

    def watched_import(name, *args, **kwargs):
        if name in ("os", "subprocess", "shutil", "socket", "ctypes"):
            calls.append(f"__import__({name!r})")
        return real_import(name, *args, **kwargs)

    real_compile = builtins.compile

    def watched_compile(source, filename, mode, flags=0, *args, **kwargs):
        # ast.parse is compile(..., PyCF_ONLY_AST): a syntax tree, no code object.
        if not flags & ast.PyCF_ONLY_AST:
            calls.append(f"compile({source!r}, {mode!r})")
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", watched_import)
    monkeypatch.setattr(builtins, "compile", watched_compile)
    for name in ("eval", "exec", "open", "breakpoint"):
        monkeypatch.setattr(builtins, name, guard(name))
    monkeypatch.setattr(os, "system", guard("os.system"))
    monkeypatch.setattr(os, "popen", guard("os.popen"))
    monkeypatch.setattr(subprocess, "Popen", guard("subprocess.Popen"))
    return calls


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_payloads_are_refused_and_run_nothing(payload: str, tripwires: list[str]) -> None:
    marker = Path(f"/tmp/pwned_{uuid.uuid4().hex}")
    text = payload.format(marker=marker)
    with pytest.raises(DeriveError) as info:
        ExpressionParser().parse(text, what="left side")
    assert str(info.value).startswith("left side: ")
    assert "\n" not in str(info.value)
    assert tripwires == []
    assert not marker.exists()


def test_the_tripwires_do_trip() -> None:
    """The fixture is not vacuous: Python's own eval of a payload is caught by it."""
    marker = Path(f"/tmp/pwned_{uuid.uuid4().hex}")
    mp = pytest.MonkeyPatch()
    calls: list[str] = []
    mp.setattr(os, "system", lambda cmd: calls.append(cmd) or 0)
    try:
        eval(f"__import__('os').system('touch {marker}')")  # noqa: S307 - the control experiment
    finally:
        mp.undo()
    assert calls == [f"touch {marker}"]
    assert not marker.exists()


# --------------------------------------------------------------------------- assumptions


@pytest.mark.parametrize(
    ("texts", "name", "assumption", "described"),
    [
        (["x > 0"], "x", "positive", "0 < x"),
        (["0 < x"], "x", "positive", "0 < x"),
        (["x >= 0"], "x", "nonnegative", "0 <= x"),
        (["x < 0"], "x", "negative", "x < 0"),
        (["x != 0"], "x", "nonzero", "x != 0"),
        (["0 < alpha < 1"], "alpha", "positive", "0 < alpha < 1"),
        (["alpha > 0", "alpha < 1"], "alpha", "positive", "0 < alpha < 1"),
        (["-1 < x <= 1"], "x", "real", "-1 < x <= 1"),
        (["x > 1/2"], "x", "positive", "1/2 < x"),
    ],
)
def test_assumptions(texts: list[str], name: str, assumption: str, described: str) -> None:
    domains: dict[str, Domain] = {}
    for text in texts:
        parse_assumption(text, domains)
    domain = domains[name]
    assert domain.assumptions().get(assumption) is True
    assert domain.describe(name) == described


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("x", "expected a comparison"),
        ("x > y", "exactly one variable"),
        ("x == 0", "comparison Eq is not allowed"),
        ("x != 1", "only 'x != 0'"),
        ("1 < x < 0", "no value of x"),
        ("x > 'a'", "string constant is not allowed"),
        ("x.real > 0", "exactly one variable"),
        ("__import__('os') > 0", "exactly one variable"),
        ("x > foo(1)", "unknown function 'foo'"),
        ("x > 1j", "complex numbers are not allowed"),
        ("x > 10**13", "is not a number of at most"),
        ("x > E**E**E**E", "is not a number of at most"),
        ("(sqrt(2) + sqrt(3))**2 < x < 5 + 2*sqrt(6)", "cannot compare the bounds of x"),
    ],
)
def test_bad_assumptions(text: str, fragment: str) -> None:
    with pytest.raises(DeriveError, match=None) as info:
        parse_assumption(text)
    assert fragment in str(info.value)


# --------------------------------------------------------------------------- any text

_TOKENS = [
    "x",
    "y",
    "alpha",
    "1",
    "0",
    "2.5",
    "1e3",
    "(",
    ")",
    "+",
    "-",
    "*",
    "/",
    "**",
    "^",
    ",",
    "sigmoid(",
    "log(",
    "exp(",
    "abs(",
    "max(",
    "step(",
    "leaky_relu(",
    "sqrt(",
    "pi",
    "e",
    " ",
    "<",
    ">",
    "!=",
    "10**",
    "[",
    "]",
    ".",
    "'",
    "__",
    "lambda",
    "if",
    "else",
    "=",
    "σ(",
    "_",
    "9**9",
    "1/0",
    "j",
    "#",
    "\\",
    ":",
    "@",
]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=14).map("".join), st.text(max_size=30)))
def test_any_text_is_an_expression_or_one_derive_error(text: str) -> None:
    for parse in (parse_expression, parse_assumption):
        try:
            result = parse(text)
        except DeriveError as exc:
            assert "\n" not in str(exc)
        else:
            assert isinstance(result, (sp.Basic, dict))


# --------------------------------------------------------------------------- derivatives


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("diff(sigmoid(x), x)", sigmoid(x) * (1 - sigmoid(x))),
        ("diff(softplus(x), x)", sigmoid(x)),
        ("diff(x^3, x, 2)", 6 * x),
        ("diff(x^2*y^3, x, y)", 6 * x * y**2),
        ("diff(x^2*y^3, x, 2, y, 2)", 12 * y),
        ("diff(relu(x), x)", sp.Heaviside(x, 0)),
        ("diff(sigmoid(y), x)", sp.S.Zero),
    ],
)
def test_diff_states_a_derivative(text: str, expected: sp.Expr) -> None:
    # Compared by value at a few points, not by form: diff may arrange the product differently.
    got = parse_expression(text, {"x": x, "y": y})
    for point in ({x: sp.Rational(1, 3), y: sp.Rational(-2, 5)}, {x: sp.Integer(-2), y: sp.Integer(3)}):
        assert abs(sp.N(got.xreplace(point) - expected.xreplace(point), 30)) < 1e-25


def test_diff_is_sympys_derivative_held_against_finite_differences() -> None:
    # An oracle independent of SymPy: a central difference of the plain-float sigmoid.
    import math

    got = parse_expression("diff(sigmoid(2*x), x)", {"x": x})
    f = lambda t: 1 / (1 + math.exp(-2 * t))  # noqa: E731
    for t in (-1.5, 0.0, 0.7):
        h = 1e-6
        assert math.isclose(
            float(got.xreplace({x: sp.Float(t)})), (f(t + h) - f(t - h)) / (2 * h), rel_tol=1e-6, abs_tol=1e-9
        )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("diff(x)", "diff() takes an expression and at least one variable"),
        ("diff(x, 2)", "an order in diff() follows a variable"),
        ("diff(x, x, 0)", "integer from 1 to"),
        ("diff(x, x, 99)", "integer from 1 to"),
        ("diff(x, x, 2, 2)", "an order in diff() follows a variable"),
        ("diff(x, pi)", "differentiates with respect to variables"),
        ("diff(x, x + 1)", "differentiates with respect to variables"),
        ("diff(x, sigmoid)", "differentiates with respect to variables"),
        ("diff(x, x, 1.5)", "differentiates with respect to variables"),
        ("diff(x, x, True)", "differentiates with respect to variables"),
        ("diff(x, x=1)", "keyword argument"),
        ("diff(x, x, 5, y, 5)", "total order 10"),
        ("diff", "used without arguments"),
        ("diff + 1", "used without arguments"),
    ],
)
def test_bad_diff_is_one_line(text: str, fragment: str) -> None:
    with pytest.raises(DeriveError) as info:
        parse_expression(text)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)
