r"""Einstein's summation convention, for documents that say they use it.

"The summation symbol has been dropped because in Einstein notation the sum is implied by the
repeated indices": ``CE = -y_i \log\hat y_i`` means ``-\sum_i y_i \log\hat y_i``. Writers apply
it loosely (a sum "implied by the dimensionality of the final answer"), so the reading here
is the one both agree on: the step's free indices are the letters found in every term of both
sides (the answer's indices, ``k`` in ``-y_k + y_i\hat y_k``); every other index letter of a
term is summed over that term. Only a document whose prose names the convention is read this
way (:func:`uses_einstein`); elsewhere a repeated index stays a free one, except that a step
called wrong with an index written twice in one term and absent from the other side (``\delta_{ik}
\delta_{il} = \delta_{kl}`` in index notation, ``\delta_{ij}\delta_{ji} = \delta_{ii}``) is judged
again with that index summed (:func:`contracted`, :func:`summed_reading`): index notation sums
such an index whether or not the page says so, so where the step holds that way it is not wrong.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

__all__ = [
    "contracted",
    "einstein_free",
    "einstein_sum",
    "subscript_letters",
    "summed_reading",
    "uses_einstein",
]

_SAYS = re.compile(
    r"\bEinstein\b|summation convention|implied summation|implied sum"
    r"|sum(?:med)? over repeated ind|repeated ind\w* (?:are|is) summed",
    re.I,
)
_SUBSCRIPTED = re.compile(r"(?P<base>.*?)_\{(?P<sub>[A-Za-z0-9]{1,3})\}(?P<label>\^\{[^{}]*\})?")
#: More summed letters than this in one term is not homework: not read.
_MAX_SUMMED = 3


_DENIED = re.compile(r"\b(?:not|no|without|avoid\w*|never)\b[^.]{0,30}$|n't\b[^.]{0,30}$", re.I)


def uses_einstein(text: str) -> bool:
    """Does the document's prose say that repeated indices are summed (and not that they are not)?"""
    return any(not _DENIED.search(text[max(0, m.start() - 40) : m.start()]) for m in _SAYS.finditer(text))


def _letters(expr: Any) -> set[str]:
    """Index letters in the subscripts of the names of an expression (y_{i}, \\delta_{ik})."""
    out: set[str] = set()
    for symbol in expr.free_symbols:
        m = _SUBSCRIPTED.fullmatch(symbol.name)
        if m:
            out |= {c for c in m.group("sub") if c.isalpha()}
    return out


def _terms(expr: Any) -> tuple[Any, ...]:
    import sympy as sp

    return sp.Add.make_args(sp.expand_mul(expr))


def einstein_free(lhs: Any, rhs: Any) -> set[str] | None:
    """The step's free indices (letters in every term of both sides), or None when no term has
    a letter outside them (nothing is implied: the ordinary reading stands)."""
    letter_sets = [_letters(t) for side in (lhs, rhs) for t in _terms(side)]
    if not letter_sets:
        return None
    free = set.intersection(*letter_sets)
    return free if any(s - free for s in letter_sets) else None


def _rename(symbol: Any, env: dict[str, int]) -> Any:
    import sympy as sp

    m = _SUBSCRIPTED.fullmatch(symbol.name)
    if m is None or not any(c in env for c in m.group("sub")):
        return symbol
    sub = "".join(str(env[c]) if c in env else c for c in m.group("sub"))
    if m.group("base") == r"\delta" and len(sub) == 2 and sub.isdigit():
        return sp.Integer(int(sub[0] == sub[1]))  # the Kronecker delta at concrete indices
    return sp.Symbol(f"{m.group('base')}_{{{sub}}}{m.group('label') or ''}", **symbol.assumptions0)


def einstein_sum(expr: Any, size: int) -> Any:
    """Each term summed over its index letters (1..size each); the free ones are already numbers."""
    import sympy as sp

    out = []
    for term in _terms(expr):
        letters = sorted(_letters(term))
        if len(letters) > _MAX_SUMMED:
            raise ValueError(f"a term with {len(letters)} implied sums")
        if not letters:
            out.append(term)
            continue
        for values in itertools.product(range(1, size + 1), repeat=len(letters)):
            env = dict(zip(letters, values, strict=True))
            out.append(term.xreplace({s: _rename(s, env) for s in term.free_symbols}))
    return sp.Add(*out)


def _index_counts(term: Any) -> Counter[str]:
    """How often a term writes each index letter in its names' subscripts (δ_{ik} δ_{il}: i twice)."""
    return Counter(
        c
        for symbol in term.free_symbols
        if (m := _SUBSCRIPTED.fullmatch(symbol.name))
        for c in m.group("sub")
        if c.isalpha()
    )


def contracted(lhs: Any, rhs: Any) -> bool:
    """Does a term write an index letter twice (δ_{ik} δ_{il}, X_{ii}) that is not one of the step's
    free indices (it is missing from the other side)? In index notation that letter is summed."""
    free = einstein_free(lhs, rhs)
    if free is None:
        return False
    return any(
        n >= 2 and c not in free for term in [*_terms(lhs), *_terms(rhs)] for c, n in _index_counts(term).items()
    )


def summed_reading(out: dict[str, Any], summed: dict[str, Any]) -> dict[str, Any]:
    """A ``wrong`` verdict read without the summation convention, given the verdict with it: where
    the step holds with the index summed, the page's reading is open, so inconclusive; otherwise
    (wrong that way too, or not decided: no sign that a sum is meant) it stays wrong."""
    if out["status"] != "wrong" or summed["status"] != "ok":
        return out
    why = (
        f"{out['message']}; but an index written twice in one term and missing from the other side is "
        f"summed in index notation, and with it summed the step holds ({summed['message']})"
    )
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}


#: a subscript as written: _{…} (no nested braces) or one token
_SUBSCRIPT = re.compile(r"_\s*(\{[^{}]*\}|[A-Za-z0-9])")


#: a subscript of index letters: one or two letters (i, ij, i,j); a word or a label (out, total, h_1) is none
_INDEX_LETTERS = re.compile(r"\{?\s*([A-Za-z])\s*(?:,?\s*([A-Za-z]))?\s*\}?")


def subscript_letters(text: str) -> Counter[str]:
    """How often the text writes each index letter in a subscript (``∂ℓ/∂o_i ∂o_i/∂z_j``: i twice,
    j once; ``a_{o_1}``, ``E_{total}`` write none)."""
    return Counter(
        c for sub in _SUBSCRIPT.findall(text) if (m := _INDEX_LETTERS.fullmatch(sub)) for c in m.groups() if c
    )
