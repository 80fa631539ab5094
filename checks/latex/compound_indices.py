r"""A sum over an index that carries its own subscript: ``\sum_{k_L=1}^{n_L} C_{k_L}``.

Proofs of back-propagation name each layer's running index after its layer (``k_L`` over the
n_L units of layer L, ``k_{l-1}`` over those of layer l-1) so that nested sums stay apart:

    \sum_{k_L=1}^{n_L} \delta^{(L)}_{k_L} W^{(L)}_{k_L k_{L-1}} \sigma'(z^{(L-1)}_{k_{L-1}})

The summation reader takes one index letter. ``k_L`` is one bound name all the same: bound by the
sum, it means nothing outside the sum's scope, so it is renamed to one fresh letter inside that
scope (the binder and every use), which changes no value of the side. The fresh letter is the
index's own letter when the side writes that letter nowhere else, else another letter the side
does not write, so that it cannot capture a name the scope already holds.

The scope is the one the reader gives a sum's summand: the rest of the product, up to a top-level
+ or − or the bracket around the sum closing (``_product_end``). Where the side writes the same
compound name outside every sum that binds it (``\sum_{k_L} a_{k_L} + b_{k_L}``: does the sum
take the second term, or is that k_L another, free one?), nothing is renamed and the sum stays
unread ("a sum over something other than one index letter"), as it was.
"""

from __future__ import annotations

import re

__all__ = ["compound_sum_indices"]

Tokens = list[tuple[str, bool]]

#: letters tried, in order, when the index's own letter is taken (rare as names in these documents);
#: never d or e, which the reader may take for a differential or Euler's number
_FRESH = "qpvurstmnjihgfcbawxyzo"
_NEVER = frozenset("de")
#: the letters a layer goes by: fixed in a sum over a layer's units (k_L, k_{l-1}), never its index
_LAYER_LETTERS = frozenset({"l", "L"})
_LETTER = re.compile(r"[A-Za-z]")
_OPEN, _CLOSE = ("{", "(", "[", r"\begin"), ("}", ")", "]", r"\end")


def compound_sum_indices(toks: Tokens) -> Tokens:
    """The tokens with each sum over a subscripted index renamed to one fresh letter in its scope
    (module docstring); the tokens unchanged where a compound name is also used outside its sums."""
    if not any(t == r"\sum" for t, _ in toks):
        return toks
    k = 0
    while k < len(toks):
        if toks[k][0] == r"\sum":
            renamed = _renamed_sum(toks, k)
            if renamed is not None:
                toks = renamed
        k += 1
    return toks


def _renamed_sum(toks: Tokens, k: int) -> Tokens | None:
    """The tokens with the sum at k renamed, or None when it binds no compound name or the
    renaming is not safe."""
    words = [t for t, _ in toks]
    if words[k + 1 : k + 3] != ["_", "{"]:
        return None
    found = _compound_at(words, k + 3)
    if found is None:
        return None
    name, after_name = found
    close = _group_end(words, k + 2)
    if close is None or (after_name != close - 1 and words[after_name] != "="):
        return None  # \sum_{k_L \in S}, \sum_{k_L, j}: other shapes, left to their readers
    body = _bounds_end(words, close)
    if body is None or any(_name_end(words, j, name) for j in range(close, body)):
        return None  # the end names the index itself: nothing a reader can settle
    end = _scope_end(words, body)
    uses = _occurrences(words, name)
    if any(not _bound_at(words, at, name) for at in uses) or not any(body <= at < end for at in uses):
        return None  # a free use elsewhere, or a summand that never writes the index (\sum_{x_j} y_j)
    if _index_in_subscript(words, name, uses):
        return None
    letter = _fresh_letter(words, name)
    if letter is None:
        return None
    out = list(toks[: k + 3]) + [(letter, False)]
    j = after_name
    while j < end:
        use_end = _name_end(words, j, name) if j >= body else None
        if use_end is not None:
            out.append((letter, toks[j][1]))
            j = use_end
            continue
        out.append(toks[j])
        j += 1
    return out + list(toks[end:])


#: a compound name: its letter and the tokens of its subscript (``k_L`` and ``k_{L}`` are one)
Name = tuple[str, tuple[str, ...]]


def _compound_at(words: list[str], j: int) -> tuple[Name, int] | None:
    """(name, index after it) for ``k _ L`` or ``k _ { L - 1 }`` at j (a letter with a
    subscript), else None."""
    if j + 2 >= len(words) or not _LETTER.fullmatch(words[j]) or words[j + 1] != "_":
        return None
    if words[j + 2] != "{":
        sub = words[j + 2]
        return ((words[j], (sub,)), j + 3) if re.fullmatch(r"[A-Za-z0-9]|\\ell", sub) else None
    close = _group_end(words, j + 2)
    if close is None:
        return None
    inner = words[j + 3 : close - 1]
    if not inner or any(t in ("=", ",", r"\in", "{", "}", "_", "^") for t in inner):
        return None
    return (words[j], tuple(inner)), close


def _name_end(words: list[str], j: int, name: Name) -> int | None:
    """The index after ``name`` written at j, else None."""
    found = _compound_at(words, j)
    return found[1] if found is not None and found[0] == name else None


def _group_end(words: list[str], j: int) -> int | None:
    """The index after the brace group opening at j."""
    depth = 0
    for n in range(j, len(words)):
        depth += words[n] == "{"
        depth -= words[n] == "}"
        if depth == 0:
            return n + 1
    return None


def _bounds_end(words: list[str], j: int) -> int | None:
    """After the sum's end (``^{n_L}``, ``^L``) written at j, if any: where its summand starts."""
    if j < len(words) and words[j] == "^":
        if j + 1 >= len(words):
            return None
        return _group_end(words, j + 1) if words[j + 1] == "{" else j + 2
    return j


def _scope_end(words: list[str], j: int) -> int:
    """Where the summand starting at j ends: a top-level + or −, or the bracket around it closing
    (the reader's ``_product_end``)."""
    depth = 0
    n = j
    while n < len(words):
        t = words[n]
        if t in _OPEN:
            depth += 1
        elif t in _CLOSE:
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and t in ("+", "-") and n > j:
            break
        n += 1
    return n


def _occurrences(words: list[str], name: Name) -> list[int]:
    return [j for j in range(len(words)) if _name_end(words, j, name) is not None]


def _bound_at(words: list[str], at: int, name: Name) -> bool:
    """Is the use of ``name`` at ``at`` its binder in a sum, or inside the scope of a sum binding it?"""
    for s in range(len(words)):
        if words[s] != r"\sum" or words[s + 1 : s + 3] != ["_", "{"] or _name_end(words, s + 3, name) is None:
            continue
        close = _group_end(words, s + 2)
        body = _bounds_end(words, close) if close is not None else None
        if body is None:
            continue
        if at == s + 3 or body <= at < _scope_end(words, body):
            return True
    return False


def _index_in_subscript(words: list[str], name: Name, uses: list[int]) -> bool:
    """Does the side write a letter of the name's subscript on its own, an index letter other than a
    layer's (l, L, ℓ)? In ``\\sum_{x_j} y_j \\ln a_j`` the sum runs over the samples x_j, j their
    number: j is the running index, and renaming x_j alone would leave y_j's j free."""
    letters = {t for t in name[1] if _LETTER.fullmatch(t) and t not in _LAYER_LETTERS}
    inside = {j for at in uses for j in range(at, _name_end(words, at, name) or at)}
    return any(t in letters and j not in inside for j, t in enumerate(words))


def _fresh_letter(words: list[str], name: Name) -> str | None:
    """The index's own letter when the side writes it only as the head of this compound name,
    else the first letter of ``_FRESH`` the side never writes."""
    heads = set(_occurrences(words, name))
    if name[0] not in _NEVER and all(j in heads for j, t in enumerate(words) if t == name[0]):
        return name[0]
    return next((c for c in _FRESH if c not in words), None)
