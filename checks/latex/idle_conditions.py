r"""Prose conditions about an index the step never writes.

"(… I have slipped in the special case $j = i$)" before a block whose steps use only i: the
condition ties i to a letter the step does not mention, so every value of i satisfies it (take
j = i; for ``j \ne i``, any other j, every size being at least 2). Such a condition constrains
nothing the step says, and a counterexample to the step is one under the condition too; kept, it
would only keep a wrong step from being reported ("not checked against the condition").

Only comparisons ``a = b`` and ``a \ne b`` of two plain letters (or a letter and a number), one
of them a letter that appears nowhere in the step's text nor in any definition or label the step
could reach (``k \ne y`` stays: the loss -log o^s_y is about the label y), are dropped; any other
condition is kept as it is.

Likewise a value given to a name (``y_i = 0``, ``y^{(i)} \ne 1``: one name against a number)
whose letter neither the step nor any definition it reaches writes, and that the document does
not define: the case "for y_i = 0" above a step about z_i alone, whose truth cannot depend on y;
only in a step that writes no defined name at all (``\ell_i = -\log(1 - σ(z_i))`` in the y_i = 0
row of a cases block uses ℓ_i, whose value the document may have written for the other case).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.tex_tokens import tex_tokens

__all__ = ["bearing_conditions", "supposed_values"]

_EQUALITIES = ("=", r"\ne", r"\neq")


def bearing_conditions(
    conditions: tuple[str, ...], sides: tuple[str, str], notation: Any, typed: dict[str, Any], named: dict | None
) -> tuple[str, ...]:
    """The conditions without those about a letter that neither the sides nor any definition
    (the notation's, the document's typed ones and named scalar ones) nor a label writes."""
    if not conditions:
        return conditions
    texts = [*sides, *notation.definitions, *notation.definitions.values(), *notation.index_values]
    texts += [*notation.labels, *notation.onehot, *typed]
    texts += [name for node in typed.values() for name in _names(node)]
    written = {t for text in texts for t, _ in tex_tokens(str(text)) if re.fullmatch(r"[A-Za-z]", t)}
    # a family's definition (p_j = e^{x_j} / \sum_k e^{x_k}) writes its own parameter j, which a
    # step's p_i puts a value in: only its other letters are ones the step can reach
    for key, (letters, value) in (named or {}).items():
        own = set(letters or ())
        written |= {t for t, _ in tex_tokens(f"{key} {value.source}") if re.fullmatch(r"[A-Za-z]", t)} - own
    kept = tuple(c for c in conditions if not _idle(c, written))
    if not kept:
        return kept
    if _defined_names(sides, notation, typed, named or {}):
        # a name with a value (ℓ_i of a cases block) may have been given it under that very case
        return kept
    reached = _reached_letters(sides, notation, typed, named or {})
    return tuple(c for c in kept if not _idle_value(c, reached))


def _defined_names(sides: tuple[str, str], notation: Any, typed: dict[str, Any], named: dict) -> bool:
    """Does a side write a name that a definition gives a value (by its letter)?"""
    heads = {_head(str(key)) for key in (*notation.definitions, *typed, *named)}
    return bool(_letters(" ".join(sides)) & heads)


def _letters(text: str) -> set[str]:
    return {t for t, _ in tex_tokens(text) if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t)}


def _reached_letters(sides: tuple[str, str], notation: Any, typed: dict[str, Any], named: dict) -> set[str]:
    """Every letter of the sides and of the definitions they reach, name by name (the notation's
    own definitions only where the step uses their names); a defined name counts as reached."""
    values: dict[str, set[str]] = {}
    for key, text in notation.definitions.items():
        values.setdefault(_head(str(key)), set()).update(_letters(f"{key} {text}"))
    for key, node in typed.items():
        values.setdefault(_head(str(key)), set()).update(_letters(" ".join([str(key), *_names(node)])))
    for key, (_, value) in named.items():
        values.setdefault(_head(str(key)), set()).update(_letters(f"{key} {getattr(value, 'source', '')}"))
    reached = _letters(" ".join(sides))
    todo = list(reached)
    while todo:
        for letter in values.get(todo.pop(), set()) - reached:
            reached.add(letter)
            todo.append(letter)
    return reached | set(values)


def _head(name: str) -> str:
    match = re.match(r"\\?[A-Za-z]+", name.strip())
    return match.group(0) if match else name


#: ``y_i = 0``, ``y^{(i)} = 1``, ``t \ne 1``: one name (a letter, a script at most) against a number
_NAME_VALUE = re.compile(
    r"\s*([A-Za-z])\s*(?:[_^]\s*(?:\{[^{}]*\}|[A-Za-z0-9]))*\s*"  # the name and its scripts
    r"(?:=|\\neq?|<|>|\\le|\\ge|\\leq|\\geq)\s*-?\d+(?:\.\d+)?\s*"  # against a number
)


def _idle_value(condition: str, reached: set[str]) -> bool:
    """A value given to a name whose letter neither the step nor any definition it reaches writes
    (``y_i = 0`` above a step about z alone): the step's truth cannot depend on it."""
    match = _NAME_VALUE.fullmatch(condition.strip().strip("$").rstrip(".,;"))
    return match is not None and match.group(1) not in reached


def _names(node: object) -> list[str]:
    """Every name and index letter a typed definition writes."""
    found: list[str] = []
    for key, value in getattr(node, "__dict__", {}).items():
        if isinstance(value, str) and key in ("full", "index", "name", "i", "j", "sub"):
            found.append(value)
        for item in value if isinstance(value, tuple) else (value,):
            if hasattr(item, "__dict__"):
                found += _names(item)
    return found


def _idle(condition: str, written: set[str]) -> bool:
    toks = [t for t, _ in tex_tokens(condition) if t not in ("$", ".", ",", ";")]
    if len(toks) != 3 or toks[1] not in _EQUALITIES:
        return False
    a, b = toks[0], toks[2]
    plain = [re.fullmatch(r"[A-Za-z]", x) is not None for x in (a, b)]
    if not any(plain) or a == b or not all(p or x.isdigit() for p, x in zip(plain, (a, b), strict=True)):
        return False
    return any(p and x not in written for p, x in zip(plain, (a, b), strict=True))


#: a condition that gives a name a number: y = 0, x_1 = -1.5
_SUPPOSED = re.compile(r"\s*(?P<name>\\?[A-Za-z]+(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*=\s*[-+]?\s*\d+(?:\.\d+)?\s*")


def supposed_values(conditions: tuple[str, ...], typed: dict[str, Any], named: dict | None) -> tuple[dict, dict | None]:
    """The step's definitions without the numbers the document gave the names its conditions
    set (``y = 1 ⇒ L = -\\log \\hat{y}`` after a caption's ``$y = 1$``, then ``y = 0 ⇒ …``): the
    case a step supposes is its value there, whatever number the document wrote before. A name
    defined by a formula keeps it (the condition then only restricts where the step is judged)."""
    pinned = {m.group("name") for c in conditions if (m := _SUPPOSED.fullmatch(c))}
    numbers = {name for name in pinned if name in (named or {}) and not named[name][1].symbol_names}
    if not numbers:
        return typed, named
    typed = {k: v for k, v in typed.items() if k not in numbers}
    return typed, {k: v for k, v in (named or {}).items() if k not in numbers}
