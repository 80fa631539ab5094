"""derive.functions as the one place per named function.

A new function plus a new identity are two records: a throwaway GELU (with Φ, φ and erf)
registered for the length of a test is proved, sampled, printed as LaTeX and NumPy and put in
the report by the unchanged engines, its false variant is refuted, and nothing leaks into the
global tables. Every record's float, NumPy and printed forms agree, and its derivative rule
is its definition's derivative.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
from derive.checks.proof.dag_eval import compile_dag
from derive.checks.proof.numeric import check_identity
from derive.checks.proof.symbolic import prove_equal
from derive.checks.proof.verify import verify_identity

from derive.catalogue import load
from derive.codegen import numpy_code
from derive.functions import FUNCTIONS, SEED_FUNCTIONS, FunctionRecord, Kink, define_function, kink_arguments, relu
from derive.identity import Claim, Identity, Variable
from derive.latex import identity_latex
from derive.render import render_report
from derive.statements import statement_pairs

CATALOGUE, SEED_CLAIMS = load()
_erf = np.vectorize(math.erf, otypes=[float])

ERF = FunctionRecord("erf", sp.erf, sp.erf, 1, r"\operatorname{erf}", "erf", (), _erf,
                     numpy_code="np.vectorize(math.erf, otypes=[float])({x0})", scalar=math.erf,
                     derivative=lambda x: 2 * sp.exp(-x**2) / sp.sqrt(sp.pi))
PHI_DENSITY = define_function(
    "phi", definition=lambda x: sp.exp(-x**2 / 2) / sp.sqrt(2 * sp.pi),
    numpy=lambda x: np.exp(-0.5 * np.asarray(x, dtype=float) ** 2) / math.sqrt(2 * math.pi),
    latex=r"\phi", unicode="φ", numpy_code="np.exp(-0.5 * {w0} ** 2) / np.sqrt(2 * np.pi)",
    derivative=lambda x: -x * PHI_DENSITY.build(x))
PHI = define_function(
    "Phi", definition=lambda x: (1 + sp.erf(x / sp.sqrt(2))) / 2,
    numpy=lambda x: 0.5 * (1 + _erf(np.asarray(x, dtype=float) / math.sqrt(2))),
    latex=r"\Phi", unicode="Φ", numpy_code="0.5 * (1 + np.vectorize(math.erf, otypes=[float])({w0} / np.sqrt(2)))",
    derivative=lambda x: PHI_DENSITY.build(x))
GELU = define_function(
    "gelu", definition=lambda x: x * PHI.build(x), aliases=("GELU",),
    numpy=lambda x: np.asarray(x, dtype=float) * PHI.numpy(x),
    latex=r"\operatorname{GELU}", unicode="GELU",
    numpy_code="{w0} * 0.5 * (1 + np.vectorize(math.erf, otypes=[float])({w0} / np.sqrt(2)))",
    derivative=lambda x: PHI.build(x) + x * PHI_DENSITY.build(x))
THROWAWAY = (ERF, PHI_DENSITY, PHI, GELU)

_x = sp.Symbol("x", real=True)


def _gelu_identity(rhs, identity_id: str = "gelu-derivative") -> Identity:
    """GELU′(x) = rhs(x): the left side differentiates the definition x·(1 + erf(x/√2))/2, so
    nothing of GELU's own derivative rule is assumed."""

    def build(v, sizes):
        t = v["x"]
        f = t * (1 + sp.erf(t / sp.sqrt(2))) / 2
        return Claim(sp.diff(f, t), rhs(t), v, function=f, wrt=t)

    # Claims are cached by id: a variant needs an id of its own.
    return Identity(identity_id, "The derivative of GELU", "activations", ("throwaway.txt Q1",),
                    (Variable("x", "real", latex="x"),), build,
                    statement=lambda: (sp.Derivative(GELU.build(_x), _x), rhs(_x)))


def _true_rhs(t):
    return PHI.build(t) + t * PHI_DENSITY.build(t)


def _false_rhs(t):
    return PHI.build(t) + PHI_DENSITY.build(t)  # the x dropped from xφ(x)


def test_a_new_function_and_identity_are_verified_rendered_and_sampled() -> None:
    with FUNCTIONS.temporary(*THROWAWAY):
        identity = _gelu_identity(_true_rhs)
        result = verify_identity(identity)
        assert result.verdict == "verified"
        assert result.symbolic.status == "proved" and result.symbolic.method == "exp-rational-cancel"
        # sampled: 40 Hypothesis draws, both sides and finite differences of the definition
        sampled = check_identity(identity, examples=40, seed=3)
        assert sampled.status == "passed" and sampled.examples == 40 and sampled.max_error < 1e-12
        # the statement printed is what was proved
        assert [prove_equal(a, b).status for a, b in statement_pairs(identity)] == ["proved", "proved"]
        # rendered: LaTeX from the records' names, in the report template too
        tex = identity_latex(identity)
        assert tex == r"\frac{d}{d x} \operatorname{GELU}\left(x\right) = x \phi\left(x\right) + \Phi\left(x\right)"
        assert tex in render_report([result], [])
        # rendered: NumPy code from the records' numpy_code, equal to the stable implementations
        code = numpy_code(identity.statement()[1].xreplace({_x: sp.Symbol("x")}))
        xs = np.array([-30.0, -3.0, -0.5, 0.0, 0.7, 4.0, 30.0])
        printed = eval(code, {"np": np, "math": math, "x": xs})  # our own printer's output, not user input
        assert np.allclose(printed, PHI.numpy(xs) + xs * PHI_DENSITY.numpy(xs), rtol=1e-15, atol=0)
        h = 1e-6
        assert np.allclose(printed, (GELU.numpy(xs + h) - GELU.numpy(xs - h)) / (2 * h), atol=1e-8)
        # the names users write reach the parser table while registered
        assert SEED_FUNCTIONS["GELU"] is GELU.build and SEED_FUNCTIONS["Phi"] is PHI.build


def test_the_false_variant_is_refuted() -> None:
    with FUNCTIONS.temporary(*THROWAWAY):
        result = verify_identity(_gelu_identity(_false_rhs, "gelu-derivative-without-x"))
    assert result.verdict == "refuted"
    cex = result.symbolic.counterexample
    assert cex is not None and cex.lhs != cex.rhs
    assert result.numeric.status == "failed" and result.numeric.counterexample


def test_the_throwaway_registration_does_not_leak(capsys) -> None:
    from derive.cli import main

    def listed() -> str:
        with pytest.raises(SystemExit):
            main(["list"])
        return capsys.readouterr().out

    names, ids, before = [r.name for r in FUNCTIONS], CATALOGUE.ids(), listed()
    with FUNCTIONS.temporary(*THROWAWAY):
        verify_identity(_gelu_identity(_true_rhs))
        assert "gelu" in [r.name for r in FUNCTIONS]
    assert [r.name for r in FUNCTIONS] == names
    assert "gelu" not in SEED_FUNCTIONS and "GELU" not in SEED_FUNCTIONS
    assert FUNCTIONS.for_node(GELU.node) is None
    assert CATALOGUE.ids() == ids and listed() == before


def test_a_failed_registration_rolls_back() -> None:
    clash = define_function("sigmoid", definition=None, numpy=np.tanh, latex="s", unicode="s")
    names = [r.name for r in FUNCTIONS]
    with pytest.raises(ValueError, match="'sigmoid' is already registered"):
        with FUNCTIONS.temporary(PHI_DENSITY, clash):
            pass
    assert [r.name for r in FUNCTIONS] == names


@pytest.mark.parametrize("alias", ["σ", "rect", "ln", "heaviside"])
def test_an_alias_cannot_be_taken_twice(alias: str) -> None:
    other = define_function("other", definition=None, numpy=np.tanh, latex="o", unicode="o", aliases=(alias,))
    with pytest.raises(ValueError, match=repr(alias)):
        FUNCTIONS.register(other)


# --------------------------------------------------------------------------- every record

_POINTS = [-800.0, -40.0, -3.5, -1.0, -1e-9, 0.0, 1e-9, 0.5, 2.0, 40.0, 800.0]


def _args(record: FunctionRecord, x: float) -> tuple[float, ...]:
    if record.name == "leaky_relu":
        return (x, 0.1)
    if record.name == "step":
        return (x, 0.0)
    if record.arity == 0:
        return (x, 0.25)
    return (x,)


def _in_domain(record: FunctionRecord, x: float) -> bool:
    return not (record.name in ("log", "sqrt") and x <= 0)


@pytest.mark.parametrize("record", list(FUNCTIONS), ids=[r.name for r in FUNCTIONS])
def test_float_numpy_and_printed_forms_agree(record: FunctionRecord) -> None:
    points = [x for x in _POINTS if _in_domain(record, x)]
    array_args = [np.array(col) for col in zip(*[_args(record, x) for x in points], strict=True)]
    with np.errstate(over="ignore"):
        vector = np.asarray(record.numpy(*array_args), dtype=float)
        scalar = np.array([record.float_function()(*_args(record, x)) for x in points])
        assert np.allclose(scalar, vector, rtol=1e-13, atol=0, equal_nan=False), (scalar, vector)
        assert np.all(np.isfinite(vector) | np.isinf(vector))
        if record.numpy_code is not None:
            names = [f"a{k}" for k in range(len(array_args))]
            code = record.code(names, names)
            printed = eval(code, {"np": np, **dict(zip(names, array_args, strict=True))})  # our own table's text
            assert np.allclose(printed, vector, rtol=1e-13, atol=0)


@pytest.mark.parametrize("record", [r for r in FUNCTIONS if r.derivative is not None and r.node is not None],
                         ids=lambda r: r.name)
def test_the_derivative_rule_is_the_definitions_derivative(record: FunctionRecord) -> None:
    x = sp.Symbol("x", real=True)
    alpha = sp.Rational(1, 10)
    args = (x, alpha)[: max(record.arity, 1)]
    # d/dx of the definition when there is one, else of the node by SymPy's own rule; a
    # function with kinks is differentiated piecewise (its own fdiff is the rule under test).
    source = record.definition(*args) if record.definition is not None else record.build(*args)
    if record.kinks:
        source = source.rewrite(sp.Piecewise)
        assert not source.has(record.node), "no piecewise form to differentiate"
    derivative = sp.diff(source, x)
    stated = record.derivative(*args)
    p = sp.Symbol("p", positive=True)
    points = [p, -p] if record.kinks else [x]
    for point in points:
        assert prove_equal(derivative.subs(x, point), stated.subs(x, point)).status == "proved", point
        assert prove_equal(derivative.subs(x, point), stated.subs(x, point) + 1).status == "refuted"


def test_kink_arguments_come_from_the_records() -> None:
    z = sp.Symbol("z", real=True)
    assert kink_arguments(relu(z - 1) + sp.Abs(z) + sp.exp(z)) == [z, z - 1]
    assert kink_arguments(sp.Max(z, 2)) == [2 - z]
    assert kink_arguments(sp.tanh(z)) == []
    assert FUNCTIONS["relu"].kinks[0].value(z) == 0
    assert isinstance(FUNCTIONS["abs"].kinks[0], Kink)


def test_dag_evaluation_reads_the_table() -> None:
    with FUNCTIONS.temporary(ERF, PHI_DENSITY, PHI, GELU):
        f = compile_dag([_x], GELU.build(_x))
        assert f(1.5) == pytest.approx(float(GELU.numpy(1.5)), rel=1e-15)
    with pytest.raises(LookupError):
        GELU.node(_x).fdiff()
