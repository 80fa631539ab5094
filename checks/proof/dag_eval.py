"""Float evaluation of SymPy expressions without code generation: a drop-in for
``sympy.lambdify`` on the claims of the catalogue.

``lambdify`` prints an expression as a tree and runs ``cse`` to recover the sharing; for a
network's gradient at N = D = H = C = 3 that is about a second per size, and the numeric
checker compiles each size Hypothesis draws (≈ 25 of 81 per identity). Here "compiling" is
one walk over the expression's DAG (each distinct node once) into a list of instructions,
and evaluating is one pass over that list with Python floats: milliseconds.

Each named function is evaluated by the float form of its record in derive.functions (the
same record supplies the NumPy form that lambdify uses, and a test holds the two equal):
relu(x) = max(x, 0); Heaviside(x, h0) is 1 for x > 0, 0 for x < 0 and h0 at 0; sign(0) = 0;
σ and softplus stably; exp overflow gives inf and a log of a non-positive number gives nan
(the checker treats non-finite values as failures). Node types without a record make
``compile_dag`` fall back to ``sympy.lambdify`` for that expression.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import sympy as sp

from derive.functions import FUNCTIONS


class Unsupported(ValueError):
    """A node this evaluator does not know (the caller falls back to lambdify)."""


def _pow(b: float, e: float) -> float:
    try:
        out = b**e
    except ZeroDivisionError:
        return math.inf
    except OverflowError:
        return math.inf
    return out if isinstance(out, float) or isinstance(out, int) else math.nan


def _program(exprs: Sequence[sp.Basic], symbols: Sequence[sp.Symbol]):
    """Instructions (kind, payload, argument slots) in dependency order, and each output's slot."""
    slot: dict[sp.Basic, int] = {s: k for k, s in enumerate(symbols)}
    code: list[tuple] = []
    n_inputs = len(symbols)

    def visit(root: sp.Basic) -> int:
        stack = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if node in slot:
                continue
            if not ready:
                stack.append((node, True))
                stack.extend((a, False) for a in _operands(node) if a not in slot)
                continue
            code.append(_instruction(node, slot))
            slot[node] = n_inputs + len(code) - 1
        return slot[root]

    outputs = [visit(sp.sympify(e)) for e in exprs]
    return code, outputs


def _operands(node: sp.Basic) -> tuple:
    if node.is_Number or node.is_NumberSymbol or node.is_Symbol:
        return ()
    if node.is_Add or node.is_Mul or node.is_Pow:
        return node.args
    if type(node) in FUNCTIONS.float_functions():
        return node.args
    raise Unsupported(type(node).__name__)


def _instruction(node: sp.Basic, slot: dict) -> tuple:
    if node.is_Symbol:
        raise Unsupported(f"unbound symbol {node}")
    if node.is_Number or node.is_NumberSymbol:
        value = complex(node)
        if value.imag:
            raise Unsupported("complex constant")
        return ("const", value.real, ())
    args = tuple(slot[a] for a in node.args)
    if node.is_Add:
        return ("add", None, args)
    if node.is_Mul:
        return ("mul", None, args)
    if node.is_Pow:
        return ("pow", None, args)
    return ("call", FUNCTIONS.float_functions()[type(node)], args)


def _run(code: list[tuple], inputs: Sequence[float]) -> list[float]:
    regs = [float(v) for v in inputs]
    append = regs.append
    for kind, payload, args in code:
        if kind == "add":
            total = 0.0
            for a in args:
                total += regs[a]
            append(total)
        elif kind == "mul":
            prod = 1.0
            for a in args:
                prod *= regs[a]
            append(prod)
        elif kind == "pow":
            append(_pow(regs[args[0]], regs[args[1]]))
        elif kind == "const":
            append(payload)
        else:
            append(payload(*[regs[a] for a in args]))
    return regs


def compile_dag(symbols: Sequence[sp.Symbol], expr, fallback: Callable | None = None) -> Callable[..., np.ndarray]:
    """f(*values) → np.ndarray of floats with the expression's shape (a Matrix's (rows,
    cols), () for a scalar), like ``lambdify(symbols, expr)`` followed by ``np.asarray``.
    ``fallback(symbols, expr)`` compiles what the instruction table does not cover."""
    matrix = isinstance(expr, sp.MatrixBase)
    entries = list(expr) if matrix else [expr]
    shape = expr.shape if matrix else ()
    try:
        with np.errstate(all="ignore"):
            code, outputs = _program(entries, list(symbols))
    except Unsupported:
        if fallback is not None:
            return fallback(symbols, expr)
        fn = sp.lambdify(list(symbols), sp.Matrix(expr) if matrix else expr, modules="numpy")
        return lambda *args: np.asarray(fn(*args), dtype=float)

    def evaluate(*args: float) -> np.ndarray:
        regs = _run(code, args)
        return np.array([regs[k] for k in outputs], dtype=float).reshape(shape)

    return evaluate


def compile_dags(
    symbols: Sequence[sp.Symbol], exprs: Sequence, fallback: Callable | None = None
) -> Callable[..., list]:
    """f(*values) → [value of each expression] (as ``compile_dag`` gives them) from one
    program: the two sides of a claim share most of their nodes (the forward pass), which are
    compiled and evaluated once. Falls back to one ``compile_dag`` per expression when a node
    is not in the table."""
    exprs = list(exprs)
    shapes = [e.shape if isinstance(e, sp.MatrixBase) else () for e in exprs]
    entries = [list(e) if isinstance(e, sp.MatrixBase) else [e] for e in exprs]
    try:
        with np.errstate(all="ignore"):
            code, outputs = _program([x for group in entries for x in group], list(symbols))
    except Unsupported:
        each = [compile_dag(symbols, e, fallback) for e in exprs]
        return lambda *args: [f(*args) for f in each]
    bounds = np.cumsum([0] + [len(group) for group in entries])

    def evaluate(*args: float) -> list:
        regs = _run(code, args)
        values = [regs[k] for k in outputs]
        spans = zip(bounds[:-1], bounds[1:], shapes, strict=True)
        return [np.array(values[a:b], dtype=float).reshape(shape) for a, b, shape in spans]

    return evaluate
