r"""No ``wrong`` through a dot product the document does not declare (see :mod:`dot_products`).

``\theta^T x`` is read as :math:`\sum_q \theta_q x_q` on the guess that θ and x are column
vectors of one size. The guess fits the logistic-regression write-ups that use the form, but a
lower-case matrix (``w^T x`` of a layer's weights) or a sloppy name (``x`` for ``x^{(i)}``) would
make a correct step differ under it. So a step the reading reaches (its own sides, a function the
document defines with it, a definition the step uses) is ok-only: a ``wrong`` becomes
inconclusive with the reason, unless the document declares both names vectors
(``\theta \in \mathbb{R}^n``, ``x \in \mathbb{R}^{n}``), where the reading is the document's own.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["dot_guarded", "reached", "reached_dots"]


def _base(name: str) -> str:
    return re.split(r"[_^{]", name, maxsplit=1)[0]


def reached_dots(sides: tuple[Any, ...], named: dict[str, tuple[str, Any]]) -> list[tuple[str, str]]:
    """The dot products the sides read, and those of every definition they reach: a name's own
    (``z`` of z = w^T x + b), or a family's or a labelled name's of the same letter (``a_{j}``,
    ``\\hat y^{(i)}``), as the scalar builder looks them up; more may be reached than is used."""
    return reached(sides, named)[0]


def reached(
    sides: tuple[Any, ...], named: dict[str, tuple[str, Any]], names: frozenset[str] = frozenset()
) -> tuple[list[tuple[str, str]], set[str]]:
    """The dot products (see :func:`reached_dots`) and every name the sides and the definitions
    they reach use; ``names``: more names the sides reach (the variables they differentiate by)."""
    pairs = [p for side in sides for p in side.dots]
    names = set(names) | {n for side in sides for n in side.symbol_names}
    left = dict(named)
    grew = True
    while grew:
        bases = {_base(n) for n in names}
        found = [k for k, (letters, _) in left.items() if k in names or ((letters or "^" in k) and _base(k) in bases)]
        for key in found:
            value = left.pop(key)[1]
            pairs += getattr(value, "dots", [])
            names |= set(getattr(value, "symbol_names", ()))
        grew = bool(found)
    return pairs, names


def _declared_vector(letter: str, notation: Any) -> bool:
    dims = notation.shapes.get(letter) or notation.sample_shapes.get(letter)
    return dims is not None and len([d for d in dims if d != "1"]) == 1


def dot_guarded(out: dict[str, Any], sides: tuple[Any, ...], named: dict | None, notation: Any) -> dict[str, Any]:
    """``out``, with a ``wrong`` reached through an undeclared dot product made inconclusive."""
    if out["status"] != "wrong":
        return out
    pairs = reached_dots(sides, named or {})
    guessed = [(a, b) for a, b in pairs if not (_declared_vector(a, notation) and _declared_vector(b, notation))]
    if not guessed:
        return out
    a, b = guessed[0]
    why = (
        f"; {a}^T {b} was read as the dot product of two vectors (the sum of {a}_q {b}_q), which the"
        " document does not declare: under another reading the step may hold, so it is not called wrong"
    )
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
