r"""Bounds a step is stated under, as the prover's assumptions: "for $z > 0$", ``\text{if } x < 0``.

A step with no index (``\frac{d}{dz}\mathrm{ReLU}(z) = 1``) stated for z > 0 is right there and
wrong for z < 0; judged over every z it could only be inconclusive (a counterexample outside the
stated condition is no evidence, step_judge.guard_conditions). The claim judge of
:mod:`derive.checks.proof.judge` takes such conditions (``sp.Gt(z, 0)``): it narrows z's domain
for the proof and keeps every counterexample inside it. So each condition of the form
``NAME REL NUMBER`` (or ``NUMBER REL NAME``) whose NAME is a free symbol of the step as built is
handed to it, and so is ``NAME = NUMBER`` (``\text{if } y = 1``: the case of a label's value); where
any condition cannot be put so (a name the step does not write, a defined name replaced by its
value, an index condition), none is, and the step is judged as before.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["shown", "sign_relations"]

_RELATION = re.compile(r"^(?P<left>.+?)\s*(?P<rel>\\leq|\\geq|<|>|=)\s*(?P<right>.+)$")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_FLIP = {"<": ">", ">": "<", r"\leq": r"\geq", r"\geq": r"\leq", "=": "="}


def sign_relations(conditions: tuple[str, ...], symbols: set[Any]) -> list[Any] | None:
    """The conditions as SymPy relations on the step's own symbols, or None when one of them
    is not a bound of one of those symbols by a number (then the caller uses none of them)."""
    import sympy as sp
    from derive.checks.latex.normalize import Notation, normalize
    from derive.checks.latex.sympy_build import Unparsed, to_sympy

    by_name = {str(s): s for s in symbols}
    relations = []
    for text in conditions:
        m = _RELATION.match(text.strip())
        if m is None:
            return None
        left, rel, right = m.group("left").strip(), m.group("rel"), m.group("right").strip()
        if _NUMBER.fullmatch(left) and not _NUMBER.fullmatch(right):
            left, rel, right = right, _FLIP[rel], left
        if not _NUMBER.fullmatch(right):
            return None
        try:
            name = str(to_sympy(normalize(left, Notation())))
        except (Unparsed, ValueError, TypeError):
            return None
        if name not in by_name:
            return None
        var, bound = by_name[name], sp.Rational(right)
        relation = {"<": sp.Lt, ">": sp.Gt, r"\leq": sp.Le, r"\geq": sp.Ge, "=": sp.Eq}[rel](var, bound)
        if relation is sp.true:  # a > 0 for an a read positive already (root_squares): nothing to add
            continue
        if relation is sp.false:  # a < 0 for an a read positive: the reading and the condition disagree
            return None
        relations.append(relation)
    return relations


def shown(relation: Any) -> str:
    """``z > 0``, ``y = 1``: a relation as the message writes it."""
    op = "=" if relation.rel_op == "==" else relation.rel_op
    return f"{relation.lhs} {op} {relation.rhs}"
