r"""Values a worked example gives its names by putting numbers in their places.

A worked example writes a formula, then the same formula with numbers where the names were:

    z1 = (w1 \times x1 + w3 \times x2 + b1) \\
    z1 = (0.15 \times 0.05 + 0.25 \times 0.1 + 0.30) = 0.3325

    E_{o1} = \frac{1}{2}(target_{o1} - out_{o1})^{2} = \frac{1}{2}(0.01 - 0.75136507)^{2}

The weights (w1 = 0.15) and the target (0.01) are given nowhere else: in a figure, or in prose.
When the two forms are the same token for token, except that each name of the formula stands
where the other has one number (a product sign may be written on one side only; brackets must
agree), each name is given its number, there and from then on; a name given two numbers in one
such pair is given neither. Only names with no value yet are given one.

These values are weaker than a value the document states (``x_1 = 0.05``): the pairing of names
with numbers is read from their order, and a row written in another order (``0.05 \times 0.15``
for ``w_1 x_1``) would pair them wrongly. So a step judged with one of them may be ``ok``
(agreeing within the rounding of the numbers), never ``wrong``: it says inconclusive instead
(numeric_values). A name restated alone (``x1 = 0.05``) agrees with its value, or is a new
assignment, never a slip.

Nothing is evaluated from the document's text: names are read by the token reader, numbers are
only compared as digits.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.function_uses import word_reader
from derive.checks.latex.notation import Notation
from derive.checks.latex.restated_arithmetic import restated_arithmetic
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import Unreadable

__all__ = ["aligned_numbers", "held_placed", "own_values", "placed_values_of", "restated"]

_NUMBER = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_PRODUCT = {r"\cdot", r"\times", "*"}
#: letters that count (for i = 1 …) rather than name a quantity
_INDEX_LETTERS = {"i", "j", "k", "l", "n"}


def _name_at(reader: Any, i: int) -> tuple[str, int] | None:
    """(name, index after it without a power) of a quantity's name at i, else None."""
    try:
        name, end, power = reader.read_identifier(i)
    except (Unreadable, IndexError, RecursionError):
        return None
    notation = reader.notation
    if name is None or name in notation.functions or name in notation.constants or name in _INDEX_LETTERS:
        return None
    if name in getattr(notation, "doc_functions", {}) or (end < len(reader.toks) and reader.toks[end] == "("):
        return None  # a function applied (f(x)), not a quantity
    if power:
        # the power is read again as tokens: end at the power's ^ (the last top-level one)
        depth, at = 0, None
        for k in range(i, end):
            t = reader.toks[k]
            depth += (t == "{") - (t == "}")
            if t == "^" and depth == 0:
                at = k
        if at is None:
            return None
        end = at
    return name, end


def aligned_numbers(formula: str, numbers: str, notation: Notation) -> dict[str, str] | None:
    """{name: number as written} when ``numbers`` is ``formula`` with a number in each name's
    place (module docstring), else None. Names given two different numbers are left out."""
    if not _NUMBER.search(numbers):
        return None
    try:
        f, n = word_reader(formula, notation), word_reader(numbers, notation)
    except (Unreadable, RecursionError, IndexError):
        return None
    ft, nt = f.toks, n.toks
    found: dict[str, set[str]] = {}
    i = j = 0
    while i < len(ft) or j < len(nt):
        a = ft[i] if i < len(ft) else None
        b = nt[j] if j < len(nt) else None
        named = _name_at(f, i) if a is not None else None
        if named is not None and b is not None and _NUMBER.fullmatch(b):
            found.setdefault(named[0], set()).add(b)
            i, j = named[1], j + 1
        elif named is not None and nt[j : j + named[1] - i] == ft[i : named[1]]:
            i, j = named[1], j + named[1] - i  # the same name on both sides (a partial substitution)
        elif a is not None and a == b and named is None:
            i, j = i + 1, j + 1
        elif a in _PRODUCT and b not in _PRODUCT:
            i += 1
        elif b in _PRODUCT and a not in _PRODUCT:
            j += 1
        else:
            return None
    out = {name: next(iter(seen)) for name, seen in found.items() if len({_value(s) for s in seen}) == 1}
    return out or None


def _value(text: str) -> Any:
    import sympy as sp

    return sp.Rational(text if not text.startswith(".") else "0" + text)


def _numbers_only(text: str) -> bool:
    """Is a term a number formula (digits, operators, \\frac, e): no letter but e and commands?"""
    bare = re.sub(r"\\[A-Za-z]+", " ", text)
    return bool(_NUMBER.search(text)) and not re.search(r"[A-Za-df-z]|E", bare)


def _weak(value_type: Any, name: str, text: str, at: tuple[int, int]) -> Any:
    """A placed value, taken as exact: the steps after it write the same number in its place (a
    rounding of it is allowed where a step writes it with fewer places: numeric_values._unit)."""
    import sympy as sp

    return value_type(name, _value(text), sp.Integer(0), at, text, placed=True)


def placed_values_of(
    equations: list[Any],
    notation: Notation,
    found: list[Any],
    formulas: list[tuple[str, str, tuple[int, int]]],
    value_type: Any,
) -> list[Any]:
    """The values each chain's number row gives its names (module docstring): a term followed by
    the same term with numbers, and ``X = numbers`` after ``X = formula`` in an earlier row; only
    for names with no value before."""
    out: list[Any] = []
    for equation in equations:
        for chain in split_chain(equation):
            for k in range(1, len(chain)):
                (before, rel), (term, _) = chain[k - 1], chain[k]
                if rel != "=" or not _numbers_only(term.text):
                    continue
                # X = 0.4 is an assignment (numeric_values reads it), not a row put in
                lone = _numbers_only(before.text) or _lone_name(before.text, notation)
                pairs = [] if lone else [before.text]
                if k == 1:
                    pairs += [
                        f
                        for name, f, at in formulas
                        if at < (term.line, term.column) and _first(name, before.text, notation)
                    ][-1:]
                for formula in pairs:
                    got = aligned_numbers(formula, term.text, notation) or {}
                    at = (term.line, term.column)
                    known = {v.name for v in [*found, *out] if v.at <= at}
                    out += [_weak(value_type, name, text, at) for name, text in got.items() if name not in known]
    return out


def _lone_name(text: str, notation: Notation) -> bool:
    reader = word_reader(text, notation)
    got = _name_at(reader, 0) if reader.toks else None
    return got is not None and got[1] == len(reader.toks)


def _first(name: str, text: str, notation: Notation) -> bool:
    """Is ``text`` exactly the name ``name``?"""
    reader = word_reader(text, notation)
    got = _name_at(reader, 0) if reader.toks else None
    return got is not None and got == (name, len(reader.toks))


def own_values(
    lhs: str, rhs: str, notation: Notation, latest: dict[str, Any], value_type: Any, at: tuple[int, int]
) -> dict[str, Any]:
    """The names a step itself gives numbers (``\\frac12(t_1 - \\hat y_1)^2 = \\frac12(0.01 - 0.7676)^2``
    gives t_1 = 0.01) that have no value before it, as placed values."""
    formula, numbers = (lhs, rhs) if _numbers_only(rhs) else (rhs, lhs)
    if not _numbers_only(numbers) or _numbers_only(formula) or _lone_name(formula, notation):
        return {}  # X = 0.41 gives X a value (an assignment): it cannot confirm itself
    got = aligned_numbers(formula, numbers, notation) or {}
    return {name: _weak(value_type, name, text, at) for name, text in got.items() if name not in latest}


def restated(
    lhs: str, rhs: str, notation: Notation, latest: dict[str, Any], at: tuple[int, int]
) -> dict[str, Any] | None:
    """``x1 = 0.05`` for a name whose value before is that number (to the places of either): ok,
    saying where it came from; a different number is a new assignment (None). The name against
    the arithmetic of numbers that gives its value: ok too (restated_arithmetic)."""
    import sympy as sp

    for name_tex, number in ((lhs, rhs), (rhs, lhs)):
        m = _NUMBER.fullmatch(number.strip().lstrip("-").strip())
        if not m:
            continue
        reader = word_reader(name_tex, notation)
        got = _name_at(reader, 0) if reader.toks else None
        value = latest.get(got[0]) if got is not None and got[1] == len(reader.toks) else None
        if value is None or value.at >= at:
            continue  # no value before this step (its own is no confirmation)
        written = _value(m.group(0)) * (-1 if number.strip().startswith("-") else 1)
        places = len(m.group(0).split(".")[1]) if "." in m.group(0) else 0
        unit = max(value.unit, sp.Rational(1, 10**places) if places else sp.Integer(0))
        if abs(value.value - written) <= unit:
            how = "given by the numbers put in its place" if getattr(value, "placed", False) else "the document's value"
            message = f"{got[0]} = {value.text} before ({how}): the value restated"
            return {"status": "ok", "counterexample": None, "message": message, "method": "numeric values"}
    # z_{y1} = (0.6687 \times 0.40) + (0.6797 \times 0.45): its value, as the numbers that give it
    return restated_arithmetic(lhs, rhs, notation, latest, at)


def held_placed(out: dict[str, Any] | None, latest: dict[str, Any]) -> dict[str, Any] | None:
    """A wrong verdict reached with a placed value (module docstring), or with a derivative the
    document gives values that disagree (numeric_derivatives: two worked examples), is inconclusive."""
    if out is None or out["status"] != "wrong":
        return out
    used = (out.get("counterexample") or {}).get("point", {})
    placed = sorted(n for n in used if getattr(latest.get(n), "placed", False))
    several = sorted(n for n in used if getattr(latest.get(n), "several", False))
    if not placed and not several:
        return out
    why = f"{', '.join(placed)} got its value from a row that puts numbers in, read by their order"
    if not placed:
        why = f"{', '.join(several)} is given other values elsewhere (another example's)"
    return {**out, "status": "inconclusive", "counterexample": None, "message": f"{out['message']}; but {why}"}
