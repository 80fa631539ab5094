"""The nodes of a typed expression (see :mod:`derive.checks.latex.typed`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = [
    "Node",
    "with_children",
    "reached_trees",
    "all_nodes",
    "lowercase_name",
    "Num",
    "Sym",
    "Call",
    "Index",
    "Neg",
    "Add",
    "Mul",
    "Pow",
    "Transpose",
    "Deriv",
    "Norm",
    "Indicator",
    "Delta",
    "Sum",
    "Cond",
    "Cases",
    "TRANSPOSES",
    "all_syms",
    "split_name",
    "with_children",
]

TRANSPOSES = ("T", r"\top", r"\intercal", r"\mathsf{T}", "t")


class Node:
    """A typed expression node."""


@dataclass(frozen=True)
class Num(Node):
    value: Fraction


@dataclass(frozen=True)
class Sym(Node):
    """A name as written: ``full`` (``W_{kj}^{(1)}``), ``stem`` without the subscript
    (``W^{(1)}``) and the subscript ``sub`` (``kj``, ``k,j``, ``11`` or "")."""

    full: str
    stem: str
    sub: str


@dataclass(frozen=True)
class Call(Node):
    fn: str  # a function key (sigmoid, relu, softmax, diag, leaky_relu, exp, log …)
    args: tuple[Node, ...]
    prime: int = 0


@dataclass(frozen=True)
class Index(Node):
    """``(…)_i`` / ``S(x)_k``: an entry of a computed vector or matrix."""

    base: Node
    sub: str


@dataclass(frozen=True)
class Neg(Node):
    x: Node


@dataclass(frozen=True)
class Add(Node):
    a: Node
    b: Node


@dataclass(frozen=True)
class Mul(Node):
    a: Node
    b: Node
    kind: str  # "juxt" | "cdot" | "hadamard" | "div"


@dataclass(frozen=True)
class Pow(Node):
    base: Node
    exp: Node


@dataclass(frozen=True)
class Transpose(Node):
    x: Node


@dataclass(frozen=True)
class Deriv(Node):
    """∂num/∂var; ``num`` None for an operator still waiting for its operand."""

    num: Node | None
    var: Sym


@dataclass(frozen=True)
class Norm(Node):
    x: Node
    p: str  # "2" | "F" | "1" | ""


@dataclass(frozen=True)
class Cond:
    lhs: Node
    rel: str  # = != < > <= >=
    rhs: Node


@dataclass(frozen=True)
class Indicator(Node):
    cond: Cond


@dataclass(frozen=True)
class Delta(Node):
    i: str
    j: str


@dataclass(frozen=True)
class Sum(Node):
    index: str
    lower: Node | None
    upper: Node | None
    cond: Cond | None
    body: Node


@dataclass(frozen=True)
class Opaque(Node):
    """A name the document defines in a form not read: it has a value, just not one we know."""

    name: str


@dataclass(frozen=True)
class Cases(Node):
    """Rows (value, condition); the condition of an "otherwise" row is None."""

    rows: tuple[tuple[Node, Cond | None], ...]


def split_name(full: str) -> tuple[str, str]:
    """(stem, subscript) of a canonical name: ``W_{kj}^{(1)}`` → (``W^{(1)}``, ``kj``)."""
    m = re.fullmatch(r"(?P<base>.+?)(?:_\{(?P<sub>[^{}]*)\})?(?P<label>\^\{[^{}]*\})?", full)
    if m is None or not m.group("sub"):
        return full, ""
    return m.group("base") + (m.group("label") or ""), m.group("sub")


def lowercase_name(name: str) -> bool:
    """Is the name's letter lowercase (z^{(2)}, \\hat{y}, \\mathbf{a}; not W, \\Theta)?"""
    letter = re.sub(r"\\(?:hat|tilde|bar|mathbf|boldsymbol|bm|vec|mathbb)\{(.*)\}", r"\1", name)
    letter = re.sub(r"[_^].*$", "", letter)
    return not letter[:1].isupper()


def all_nodes(node: object) -> list[Node]:
    """Every node in a typed tree (itself included), through fields, tuples and conditions."""
    out: list[Node] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, tuple):
            stack.extend(item)
        elif isinstance(item, Node) or isinstance(item, Cond):
            if isinstance(item, Node):
                out.append(item)
            stack.extend(vars(item).values())
    return out


def all_syms(node: object) -> list[Sym]:
    """Every name in a typed tree (and in a condition's sides), in order, with repeats."""
    if isinstance(node, Sym):
        return [node]
    found: list[Sym] = []
    for value in getattr(node, "__dict__", {}).values():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Node) or hasattr(item, "lhs"):
                found += all_syms(item)
    return found


def with_children(node: Node, child: Callable[[Node], Node]) -> Node:
    """The node rebuilt with ``child`` applied to each of its node fields (and to the nodes of its
    tuple fields); the node itself where nothing changes. Rewrites of typed trees recurse with it."""
    fields = getattr(node, "__dict__", None)
    if not fields:
        return node
    changed: dict[str, Any] = {}
    for key, value in fields.items():
        if isinstance(value, Node):
            changed[key] = child(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, Node) for v in value):
            changed[key] = tuple(child(v) for v in value)
    return type(node)(**{**fields, **changed}) if changed else node


def reached_trees(sides: tuple[Node, ...], defs: dict[str, Node]) -> list[Node]:
    """The sides and every definition their names reach (by full name or stem), each once: the
    trees a question about the step's names must look through (literal_entries, addend_scalars)."""
    out: list[Node] = []
    todo: list[Node] = list(sides)
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        out.append(node)
        for s in all_syms(node):
            for key in (s.full, s.stem):
                if key in defs and key not in seen:
                    seen.add(key)
                    todo.append(defs[key])
    return out
