r"""Where the document's own functions are used, their values (see :mod:`subscripted_functions`
for which definitions are found).

- applied: ``g(\theta^T x)``, ``h_\theta(x)``, ``h_{\theta}(x^{(i)})`` (the same function at
  another argument) is the body with the argument in each place of the parameter;
- bare, for a subscripted name: ``\frac{\partial h_{\theta}}{\partial\theta_0}`` is the body as
  written (the function's value at its own parameter), so that a derivative with respect to a
  parameter inside the body can be taken.

Not when the bracket mentions the function's letter (``g(1 - g)``, ``p_k(1 - p_k)`` are
products), nor where a use of the parameter sits inside a word.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["expand_document_function", "substitute_name"]


def _base(name: str) -> str:
    return re.split(r"[_^]", name, maxsplit=1)[0]


def expand_document_function(reader: Any, name: str, k: int, power: list[str] | None) -> tuple[list[str], int] | None:
    """(tokens of the value, index after the use) of the document's function ``name`` used at
    ``k`` (just after its name) in ``reader``'s tokens, or None when it is not expanded there."""
    defined = reader.notation.doc_functions.get(name)
    if defined is None or power:
        return None
    param, body = defined
    toks = reader.toks
    if k < len(toks) and toks[k] in ("(", "["):
        end = reader.match(k)
        inside = toks[k + 1 : end]
        if not inside or name in inside or _base(name) in inside or reader.top_level(inside, ","):
            return None
        substituted = _substituted(body, param, inside, reader.notation)
        return None if substituted is None else (substituted, end + 1)
    if k >= len(toks) or toks[k] not in ("'", "^", "_"):
        plain = _substituted(body, param, [], reader.notation) or []
        return (plain, k) if _parameters_in_subscript(name, plain) else None
    return None


def _parameters_in_subscript(name: str, body: list[str]) -> bool:
    """Is ``name`` subscripted by the parameters its body uses (``h_\\theta`` of a body in
    ``\\theta_0, \\theta_1``; ``f_W`` of ``W x``)? Then the name written bare is the function's
    value (the shorthand of ``\\partial h_\\theta / \\partial \\theta_0``); a subscript that is not
    in the body (``p_k`` of ``z^2``) names an entry, and bare it is not expanded."""
    m = re.fullmatch(r"[^_]+_\{(.+)\}", name)
    letters = re.findall(r"\\[A-Za-z]+|[A-Za-z]", m.group(1)) if m else []
    return bool(letters) and all(t in body for t in letters)


def _substituted(body: str, param: str, inside: list[str], notation: Notation) -> list[str] | None:
    """The body's tokens with ``(inside)`` for each use of the parameter (``inside`` empty: the
    body as it is); None where a use sits in a word (``exp`` in plain letters)."""
    reader = TexReader(*clean_tokens(tex_tokens(body)), notation)
    return substitute_name(reader, param, inside) if inside else reader.toks


def substitute_name(reader: TexReader, name: str, value: list[str]) -> list[str] | None:
    """``reader``'s tokens with ``{(value)}`` for each use of the name ``name`` (as the reader names
    it), powers included (``e^{-\\theta x}``); None where a use sits in a word (``exp`` in plain
    letters: putting a value there would change what is said)."""
    toks, spaced = reader.toks, reader.spaced
    out: list[str] = []
    j = 0
    while j < len(toks):
        try:
            found, end, power = reader.read_identifier(j)
        except Unreadable:
            return None
        if found is None:
            out.append(toks[j])
            j += 1
            continue
        head_end = _power_start(toks, j, end) if power else end
        if found != name:
            out += toks[j:head_end]
        elif _in_word(toks, spaced, j):
            return None
        else:
            out += ["{", "(", *value, ")", "}"]
        if power:
            inner = substitute_name(TexReader(power, [False] * len(power), reader.notation), name, value)
            if inner is None:
                return None
            out += ["^", "{", *inner, "}"]
        j = end
    return out


def _power_start(toks: list[str], start: int, end: int) -> int:
    """Index of the ``^`` of the power that ends the name read from ``start`` to ``end``."""
    depth = 0
    caret = end
    for j in range(start, end):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if toks[j] == "^" and depth == 0:
            caret = j
    return caret


def _in_word(toks: list[str], spaced: list[bool], j: int) -> bool:
    """Is the letter at j inside a run of three or more letters written together (a word)?"""
    if not re.fullmatch(r"[A-Za-z]", toks[j]):
        return False
    start = j
    while start > 0 and re.fullmatch(r"[A-Za-z]", toks[start - 1]) and not spaced[start]:
        start -= 1
    end = j
    while end + 1 < len(toks) and re.fullmatch(r"[A-Za-z]", toks[end + 1]) and not spaced[end + 1]:
        end += 1
    return end - start >= 2
