r"""Tuples in one side: ``(1-2, 0.5+2) = (-1, 2.5)``, ``0.5\cdot0.12\cdot(1,2,3) = (0.06,0.12,0.18)``.

A tuple of n entries (c_1, …, c_n) is read as the polynomial c_1 + τ c_2 + … + τ^{n-1} c_n in a
weight τ of its own (one per length, so tuples of different lengths never compare equal). Two
sides that are linear in their tuples are equal for every τ exactly when they are equal entry by
entry, and a point where they differ is a point where some entry differs: a counterexample holds.
Linear means: tuples only at the top level of the side, at most one in each product, never in a
denominator or under a power (``(1,2)^2`` or ``(1,2)(3,4)`` are not entry-wise).

Two entries in square brackets are a commutator, not a tuple, where an entry is an operator (a name
under a hat) or the side adds several such pairs of names: physics writes the commutator so
(``[\hat{L}_x^2 + \hat{L}_y^2, \hat{L}_z] = [\hat{L}_x^2, \hat{L}_z] + [\hat{L}_y^2, \hat{L}_z]``,
linear in each argument, was refuted entry by entry; ``[A + B, C] = [A, C] + [B, C]`` too). One pair
alone on a side stays a tuple: machine-learning notes write a row of two values so
(``[\delta_1, \delta_2] = [\ldots, \ldots]``, ``\sigma(z_1) = [\frac{1}{1+e^{-2.0}}, \ldots]``).
"""

from __future__ import annotations

from derive.checks.latex.tex_tokens import Unreadable

__all__ = ["linear_tuples", "tuple_weight"]

_OPEN = ("(", "[", "{")
_CLOSE = (")", "]", "}")


def _close(toks: list[str], k: int) -> int:
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j] in _OPEN) - (toks[j] in _CLOSE)
        if depth == 0:
            return j
    raise Unreadable(f"an unbalanced {toks[k]}")


def _has_top_comma(toks: list[str], start: int, end: int) -> bool:
    depth = 0
    for j in range(start + 1, end):
        depth += (toks[j] in _OPEN) - (toks[j] in _CLOSE)
        if depth == 0 and toks[j] == ",":
            return True
    return False


def linear_tuples(toks: list[str]) -> set[int]:
    """Indices of the brackets at the top level of a side that hold a tuple, when every tuple of
    the side stands linearly (see the module docstring); raises Unreadable when one does not."""
    found: set[int] = set()
    in_term = 0
    bare_terms = 0  # top-level terms with something in them but no tuple: (1, 2, 3) - 1
    written = False
    k = 0
    while k < len(toks):
        t = toks[k]
        if t in ("+", "-"):
            bare_terms += written and not in_term
            in_term, written = 0, False
            k += 1
            continue
        written = written or bool(t.strip())
        if t in ("(", "["):
            end = _close(toks, k)
            if _has_top_comma(toks, k, end):
                after = toks[end + 1] if end + 1 < len(toks) else None
                before = toks[k - 1] if k else None
                applied = before is not None and (before.isalpha() or before.startswith("\\") and before != r"\cdot")
                if not applied:  # after a name the bracket holds a function's arguments (max(0, x))
                    if t == "[" and _bracketed_pair(toks, k, end) and _commutator(toks, k, end):
                        raise Unreadable("[A, B] of operators: a commutator, not a tuple")
                    in_term += 1
                    if in_term > 1 or after in ("^", "_", "'", "!") or before in ("/", "^", "_"):
                        raise Unreadable("a tuple that is not added or scaled (a product, power or quotient of tuples)")
                    found.add(k)
            k = end + 1
            continue
        elif t in ("{", r"\frac", r"\sqrt"):
            # inside a group or fraction a comma is not a tuple of this side (left to the reader)
            k = _close(toks, k) + 1 if t == "{" else k + 1
            continue
        k += 1
    bare_terms += written and not in_term
    if found and bare_terms:
        # a number beside a tuple is added to every entry (NumPy's broadcast) or to none: the
        # weighted reading would add it to the first entry only
        raise Unreadable("a number added to a tuple (to every entry?)")
    return found


def _bracketed_pair(toks: list[str], start: int, end: int) -> bool:
    """Do the square brackets from ``start`` to ``end`` hold two entries, not both numbers?"""
    depth, commas = 0, 0
    for j in range(start + 1, end):
        depth += (toks[j] in _OPEN) - (toks[j] in _CLOSE)
        commas += depth == 0 and toks[j] == ","
    # a name in it (a command's letters are not one: \times, \frac of numbers)
    return commas == 1 and any(t[:1].isalpha() for t in toks[start + 1 : end])


def _commutator(toks: list[str], start: int, end: int) -> bool:
    """Is the pair from ``start`` to ``end`` a commutator: an operator (a hat) in it, or another pair of
    names in square brackets elsewhere on the side (a commutator expanded by linearity)?"""
    if r"\hat" in toks[start:end] or r"\widehat" in toks[start:end]:
        return True
    for k, t in enumerate(toks):
        if t == "[" and k != start:
            try:
                other = _close(toks, k)
            except Unreadable:
                return False
            if _bracketed_pair(toks, k, other):
                return True
    return False


def tuple_weight(length: int) -> str:
    """The name of the weight τ of the tuples of this length (never a document's name)."""
    return f"τ[{length}-tuple]"
