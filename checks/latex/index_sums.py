r"""Conditions between indices: what ``\sum_{k \neq i}``, ``1_{i=j}``, ``[i = j]``, ``\delta_{ij}``
and a ``cases`` row "``i \neq j``" say, in the scalar reader.

A softmax / cross-entropy derivation written per index splits the sum at the index it
differentiates by (``-y_i(1-a_i) - \sum_{k \neq i} y_k \ldots``) and writes the Jacobian with a
Kronecker delta or an indicator (``\sigma_i(1_{i=j} - \sigma_j)``). The checker expands sums at
small sizes and gives every free index every value, so each of these is a value known at a
concrete assignment: a sum skips the excluded values, an indicator is 1 or 0. Nothing here is
guessed: a condition is one relation between two index letters or numbers, anything else is
left to the caller to refuse.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

__all__ = [
    "condition_indices",
    "split_name",
    "IndexCondition",
    "condition_letters",
    "decode_condition",
    "encode_condition",
    "fixed_definitions",
    "holds",
    "index_condition",
    "index_equalities",
    "index_equality",
    "is_kronecker",
    "kronecker_letters",
    "named_sum",
    "named_sums",
    "sum_subscript",
]

#: One condition (left, relation, right): sides are index letters or numbers, the relation one of
#: = ≠ < > ≤ ≥ (spelled "=", "!=", "<", ">", "<=", ">=").
IndexCondition = tuple[str, str, str]

_RELATIONS = {"=": "=", r"\ne": "!=", r"\neq": "!=", "<": "<", ">": ">", r"\le": "<=", r"\ge": ">="}
_SIDE = re.compile(r"[A-Za-z]|\d+")


def _side(toks: list[str]) -> str | None:
    """An index side: one letter or one number, optionally in braces."""
    while len(toks) >= 2 and toks[0] == "{" and toks[-1] == "}":
        toks = toks[1:-1]
    return toks[0] if len(toks) == 1 and _SIDE.fullmatch(toks[0]) else None


def index_condition(toks: list[str]) -> IndexCondition | None:
    r"""``i = j``, ``k \neq i``, ``k \not= i``, ``j < k`` as tokens → the condition, else None."""
    toks = [t for t in toks if t not in ("{", "}")] if toks.count("{") == toks.count("}") else toks
    at = [j for j, t in enumerate(toks) if (t in _RELATIONS and (j == 0 or toks[j - 1] != r"\not")) or t == r"\not"]
    if len(at) != 1:
        return None
    j = at[0]
    if toks[j] == r"\not":
        if j + 1 >= len(toks) or toks[j + 1] != "=":
            return None
        rel, right = "!=", toks[j + 2 :]
    else:
        rel, right = _RELATIONS[toks[j]], toks[j + 1 :]
    a, b = _side(toks[:j]), _side(right)
    if a is None or b is None or (a.isdigit() and b.isdigit()):
        return None
    return (a, rel, b)


def index_equality(toks: list[str]) -> IndexCondition | None:
    """``i = j`` or ``i \\neq j`` (an indicator's or a case's condition between indices); an order
    comparison (``x > 0``) is left to the reader of comparisons, which takes it as a variable's."""
    cond = index_condition(toks)
    return cond if cond is not None and cond[1] in ("=", "!=") else None


#: what joins two conditions of one case (``p = i, q = j`` loses its comma to the reader; "and")
_AND = ("and", "et", "und", r"\land", r"\wedge")


def index_equalities(toks: list[str]) -> list[IndexCondition]:
    r"""``p = i, q = j`` or ``i = k 	ext{ and } j = h`` (the comma already dropped): two or more
    index equalities a case's row asks together, each ``letter REL letter``; else []."""
    toks = [t for t in toks if t not in _AND and t not in (",", "{", "}")]
    if len(toks) < 6 or len(toks) % 3:
        return []
    found = [index_equality(toks[k : k + 3]) for k in range(0, len(toks), 3)]
    return [c for c in found if c is not None] if all(found) else []


def holds(cond: IndexCondition, env: dict[str, int]) -> bool | None:
    """Does the condition hold at these index values? None when a letter has no value."""
    values = []
    for side in (cond[0], cond[2]):
        if side.isdigit():
            values.append(int(side))
        elif side in env:
            values.append(env[side])
        else:
            return None
    a, b = values
    return {"=": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[cond[1]]


def encode_condition(cond: IndexCondition) -> str:
    """The condition as a name for the reader's symbol table (``i=j``, ``k!=i``)."""
    return "".join(cond)


def decode_condition(text: str) -> IndexCondition:
    m = re.fullmatch(r"([A-Za-z]|\d+)(!=|<=|>=|=|<|>)([A-Za-z]|\d+)", text)
    if m is None:
        raise ValueError(f"not an index condition: {text!r}")
    return (m.group(1), m.group(2), m.group(3))


def condition_letters(cond: IndexCondition) -> set[str]:
    return {side for side in (cond[0], cond[2]) if not side.isdigit()}


def sum_subscript(arg: list[str]) -> tuple[str, int, tuple[IndexCondition, ...]] | None:
    r"""The subscript of a sum → (index, start, conditions on the index), or None when it is not
    one index letter with an optional integer start and optional conditions:

    ``k`` · ``k=1`` · ``k \neq i`` · ``j: j \ne i`` · ``k=1, k \neq i`` · ``k \neq i, j`` · ``j \neq i \in C``."""
    toks = list(arg)
    while len(toks) >= 2 and toks[0] == "{" and toks[-1] == "}":
        toks = toks[1:-1]
    unequal = any(_RELATIONS.get(t) == "!=" for t in toks)
    if len(toks) >= 5 and toks[-2] == r"\in" and re.fullmatch(r"[A-Z]", toks[-1]) and unequal:
        toks = toks[:-2]  # j \neq i \in C: every class but i, C the classes (a set sum's range)
    if not toks or not re.fullmatch(r"[A-Za-z]", toks[0]):
        return None
    index = toks[0]
    parts = _split_commas(toks[2:] if len(toks) > 1 and toks[1] in (":", r"\mid", "|") else toks)
    start = 1
    conditions: list[IndexCondition] = []
    for part in parts:
        if part == [index]:
            continue
        if len(part) == 3 and part[0] == index and part[1] == "=" and part[2].isdigit():
            start = int(part[2])
            continue
        cond = index_condition(part)
        # "i = k" under a sum is its start (a letter: not read), never a condition
        if cond is not None and cond[1] != "=" and index in (cond[0], cond[2]) and cond[0] != cond[2]:
            conditions.append(cond if cond[0] == index else _flip(cond))
            continue
        # "k \neq i, j": the index differs from each listed letter
        if conditions and conditions[-1][1] == "!=" and len(part) == 1 and _SIDE.fullmatch(part[0]):
            conditions.append((index, "!=", part[0]))
            continue
        return None
    return index, start, tuple(conditions)


def _split_commas(toks: list[str]) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for t in toks:
        if t in (",", ";", r"\land", r"\wedge"):
            parts.append([])
        else:
            parts[-1].append(t)
    return [p for p in parts if p]


def _flip(cond: IndexCondition) -> IndexCondition:
    mirrored = {"=": "=", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="}
    return (cond[2], mirrored[cond[1]], cond[0])


#: Names read as the Kronecker delta: δ with two index letters or numbers and nothing else.
_KRONECKER = re.compile(r"\\delta_\{([A-Za-z0-9]),?([A-Za-z0-9])\}")


def is_kronecker(name: str) -> bool:
    return _KRONECKER.fullmatch(name) is not None


def kronecker_letters(name: str) -> set[str]:
    m = _KRONECKER.fullmatch(name)
    return {c for c in m.groups() if c.isalpha()} if m else set()


def fixed_definitions(named: Mapping[str, tuple[str, Any]] | None) -> frozenset[str]:
    """The names a document's definitions (sympy_build.Definitions) give a value as written, not
    for every value of index letters (no family letters: δ_{o1}, E_{total}, A_h beside A_o)."""
    return frozenset(k for k, (letters, _) in (named or {}).items() if not letters)


#: ``\sum_K = \sum_{j=1}^{K} \exp(\theta_j)``: the operator alone used as a name for a sum.
_NAMED_SUM = re.compile(r"\\sum\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))\s*(?::=|=)\s*(?:\\displaystyle\s*)?\\sum")


def named_sums(text: str) -> frozenset[str]:
    """Sums a document names by the operator alone (``\\sum_K``, defined as a sum in the text):
    the name (``\\sum_K``) of each. Where it is not defined, a bare ``\\sum_K`` stays unread."""
    return frozenset(f"\\sum_{m.group(1) or m.group(2)}" for m in _NAMED_SUM.finditer(text))


def named_sum(text: str) -> str | None:
    """``\\sum_K`` or ``\\sum_{K}`` alone → its name ``\\sum_K``; anything else → None."""
    m = re.fullmatch(r"\s*\\sum\s*_\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))\s*", text)
    return f"\\sum_{m.group(1) or m.group(2)}" if m else None


def split_name(name: str) -> tuple[str, str, str] | None:
    """(base, subscript, label) of a canonical name such as ``o_{k}^{a}``."""
    m = re.fullmatch(
        r"(?P<base>\\?[A-Za-z]+(?:\{[A-Za-z]\})?)(?:_\{(?P<sub>[^{}]*)\})?(?:\^\{(?P<label>[^{}]*)\})?", name
    )
    if m is None:
        return None
    return m.group("base"), m.group("sub") or "", m.group("label") or ""


def condition_indices(norms: list[Any], defined: Collection[str] = ()) -> set[str]:
    """Letters that conditions between indices compare (``\\sum_{k \\neq i}``, ``1_{i=j}``,
    ``\\delta_{ik}``): each is an index that must take concrete values for the side to have one.
    ``defined``: names the document gives a value as written (fixed_definitions): its own δ_{o1}
    (∂E/∂net_{o1}, the error of output neuron 1) is that value, not the Kronecker delta at o = 1."""
    letters: set[str] = set()
    subscripts: set[str] = set()
    paired: set[str] = set()  # k = y between two letters: class indices, as 1[k = y] compares them
    bare: set[str] = set()
    for norm in norms:
        for conditions in norm.sum_conditions.values():
            letters |= {c for cond in conditions for c in condition_letters(cond)}
        for kind, name in norm.symbols.values():
            bare |= {name} if kind == "symbol" else set()
            if kind == "iverson":
                cond = decode_condition(name)
                letters |= condition_letters(cond)
                paired |= condition_letters(cond) if len(condition_letters(cond)) == 2 else set()
            elif kind == "symbol":
                letters |= kronecker_letters(name) if name not in defined else set()
                parts = split_name(name)
                subscripts |= set(parts[1]) if parts else set()
        subscripts |= {index for index, _, _ in norm.sums.values()}
        subscripts |= {c for v in norm.derivatives.values() if (p := split_name(v)) for c in p[1]}
    # 1_{x = 0} compares a variable, not an index: only letters that subscript something count,
    # and two letters compared with each other that the step writes nowhere as names
    return (letters & subscripts) | (paired - bare)
