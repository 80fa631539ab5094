"""Assumptions typed on the command line (``--assume 'x > 0'``, ``'0 < alpha < 1'``,
``'x != 0'``): parsed by the same whitelist as expressions (derive.checks.proof.expr_parser)
into the variables' domains (derive.checks.proof.domains.Domain)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping

import sympy as sp
from derive.checks.proof.domains import Domain
from derive.checks.proof.expr_parser import (
    CONSTANTS,
    MAX_BOUND,
    VARIABLE_NAME,
    ExpressionParser,
    TreeBuilder,
    parse_tree,
    shorten,
)

from derive.errors import DeriveError
from derive.functions import SEED_FUNCTIONS

__all__ = ["parse_assumption"]


_COMPARE_OPS: dict[type, str] = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<=", ast.NotEq: "!="}
_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">=", "!=": "!="}


def parse_assumption(
    text: str,
    domains: dict[str, Domain] | None = None,
    *,
    functions: Mapping[str, Callable[..., sp.Expr]] | None = None,
) -> dict[str, Domain]:
    """Parse ``x > 0``, ``x >= 0``, ``x != 0``, ``0 < alpha < 1``, ``x < 1/2`` ... into
    domains (intersected with those already in ``domains``, which is updated and returned).

    Each comparison must put one variable against a real number; ``!=`` is only allowed
    against 0 (the kink). Everything else is an error naming the construct.
    """
    what = f"assumption {text.strip()!r}" if isinstance(text, str) and len(text) <= 60 else "assumption"
    domains = domains if domains is not None else {}
    tree, source, origin = parse_tree(text, what)
    numbers = ExpressionParser(functions=dict(functions if functions is not None else SEED_FUNCTIONS))
    builder = TreeBuilder(numbers, what, source, origin)
    node = tree.body
    if not isinstance(node, ast.Compare):
        raise DeriveError(f"{what}: expected a comparison such as 'x > 0', '0 < alpha < 1' or 'x != 0'")
    operands = [node.left, *node.comparators]
    for op in node.ops:
        if type(op) not in _COMPARE_OPS:
            raise builder.fail(node, f"comparison {type(op).__name__} is not allowed (use <, <=, >, >= or != 0)")
    names = [
        o.id if isinstance(o, ast.Name) and o.id not in CONSTANTS and o.id not in numbers.functions else None
        for o in operands
    ]
    variables = {n for n in names if n is not None}
    if len(variables) != 1 or names.count(next(iter(variables))) != 1:
        raise DeriveError(f"{what}: an assumption compares exactly one variable with numbers")
    variable = next(iter(variables))
    if not VARIABLE_NAME.match(variable):
        raise builder.fail(operands[names.index(variable)], f"name {shorten(variable)!r} is not allowed")
    index = names.index(variable)
    domain = domains.setdefault(variable, Domain())
    for k, op in enumerate(node.ops):
        left, right = operands[k], operands[k + 1]
        symbol = _COMPARE_OPS[type(op)]
        if k == index:  # variable <op> number
            value, relation = _real_number(builder, right, what), symbol
        elif k + 1 == index:  # number <op> variable
            value, relation = _real_number(builder, left, what), _FLIP[symbol]
        else:
            raise DeriveError(f"{what}: an assumption compares exactly one variable with numbers")
        if relation == "!=" and value != 0:
            raise DeriveError(f"{what}: only '{variable} != 0' is supported among '!=' assumptions")
        try:
            domain.restrict(relation, value)
        except TypeError:  # SymPy could not order two bounds that are numerically equal
            raise DeriveError(f"{what}: cannot compare {value} with the other bounds of {variable}") from None
    try:
        empty = domain.is_empty()
    except TypeError:
        raise DeriveError(f"{what}: cannot compare the bounds of {variable}") from None
    if empty:
        raise DeriveError(f"{what}: no value of {variable} satisfies the assumptions ({domain.describe(variable)})")
    return domains


def _real_number(builder: TreeBuilder, node: ast.AST, what: str) -> sp.Expr:
    value = builder.build(node)
    if not (value.is_number and value.is_extended_real and value.is_finite):
        raise builder.fail(node, "expected a real number")
    # Bounds are compared with each other and with 0; keep them to numbers that evaluate.
    try:
        magnitude = abs(float(value))
    except (TypeError, OverflowError, ValueError):
        magnitude = float("inf")
    if not magnitude <= MAX_BOUND:
        raise builder.fail(node, f"bound {shorten(value)} is not a number of at most {MAX_BOUND:g} in absolute value")
    return value
