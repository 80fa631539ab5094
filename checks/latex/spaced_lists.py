r"""Numbers set apart by spacing in brackets are a list: ``[0.5 \;\; 0.6]`` is ``[0.5, 0.6]``.

A worked example writes a row vector as its entries in square brackets with a space command
between them, ``z^{[2]} = [0.5 \;\; 0.6] \begin{bmatrix} 0.625 \\ 0.754 \end{bmatrix} + 0.05``.
Spacing is dropped before a side is read (tex_names.DROP), so the entries met as a product
``0.5 \cdot 0.6`` and the step was refuted by shapes (a 2×1 against the scalar
``0.5(0.625) + 0.6(0.754) + 0.05``). Nobody multiplies two numbers by writing them side by side
with a space between; the space separates entries, as the comma of ``[0.5, 0.6]`` does. So where
every top-level entry of a ``[…]`` (or of a ``(…)`` that does not follow a name) is a plain
number, signed or not, and at least one space command stands between each two of them, the
spaces become one comma each: the bracket is then the list the reader already knows
(row_lists.py: a row only where a product needs one, and where the shapes do not fit, not judged).

A cell of a matrix written out is read the same way: ``\begin{bmatrix} 0.5 \;\; 0.6
\end{bmatrix}`` is the row ``0.5 & 0.6`` (its spaces become column separators; rows of unequal
length are then not read, matrix_literals.py).

Not covered: ``\,`` and ``\!`` (``1\,000`` is a thousand), names (``[a \; b]`` may be a product),
whitespace alone (``[0.5 0.6]`` prints as one number) and ``array`` (its column specification).
"""

from __future__ import annotations

import re

__all__ = ["spaced_lists"]

Tokens = list[tuple[str, bool]]

#: the spaces that separate entries (not \, and \!: a thin space groups the digits of a number)
_SEPARATORS = {r"\;", r"\:", r"\ ", r"\quad", r"\qquad", r"\space", "~", r"\enspace"}
#: sizers around or inside a bracket, ignored when the entries are looked at
_SIZERS = {r"\left", r"\right", r"\big", r"\Big", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", r"\bigg", r"\Bigg"}
_NUMBER = re.compile(r"\d+(\.\d*)?|\.\d+")
_CLOSE = {"[": "]", "(": ")"}
#: matrices written out whose cells are read (not array: its first argument is a column specification)
_MATRICES = {"matrix", "pmatrix", "bmatrix", "Bmatrix", "smallmatrix"}
_OPEN = {"(", "[", "{"}
_SHUT = {")", "]", "}"}


def spaced_lists(toks: Tokens) -> Tokens:
    """The tokens with the spaces between the numbers of each spaced list made commas (and
    within a matrix's cell, column separators)."""
    if not any(t in _SEPARATORS for t, _ in toks):
        return toks
    out = list(toks)
    for k in range(len(out) - 1, -1, -1):  # from the right: inner brackets first, indices stay
        if out[k][0] in _CLOSE and not _after_name(out, k):
            end = _match(out, k)
            if end is not None:
                out[k + 1 : end] = _spaced(out[k + 1 : end], ",")
        elif out[k][0] == r"\begin" and _environment(out, k) in _MATRICES:
            body = k + 3 + len(_environment(out, k))
            end = next((j for j in range(body, len(out)) if out[j][0] in (r"\begin", r"\end")), None)
            if end is not None and out[end][0] == r"\end":
                out[body:end] = _cells(out[body:end])
    return out


def _environment(toks: Tokens, k: int) -> str:
    """The name of the environment a ``\\begin`` at k opens ("" if not spelled as letters)."""
    if [t for t, _ in toks[k + 1 : k + 2]] != ["{"]:
        return ""
    name = ""
    for t, _ in toks[k + 2 :]:
        if t == "}":
            return name
        if not re.fullmatch(r"[A-Za-z*]", t):
            return ""
        name += t
    return ""


def _cells(body: Tokens) -> Tokens:
    """A matrix's body with each cell of spaced numbers split into columns."""
    out: Tokens = []
    cell: Tokens = []
    for tok in [*body, ("&", False)]:
        if tok[0] in ("&", r"\\"):
            out += _spaced(cell, "&")
            cell = []
            out.append(tok)
        else:
            cell.append(tok)
    return out[:-1]


def _after_name(toks: Tokens, k: int) -> bool:
    """A ``(`` right after a letter, a command, a script's group or a prime: an argument list."""
    if toks[k][0] != "(" or k == 0:
        return False
    before = toks[k - 1][0]
    return bool(re.fullmatch(r"[A-Za-z']|\\[A-Za-z]+", before)) and before not in _SIZERS or before in ("}", ")")


def _match(toks: Tokens, k: int) -> int | None:
    """The index of the bracket closing the one at k."""
    depth = 0
    for j in range(k, len(toks)):
        t = toks[j][0]
        depth += (t in _OPEN) - (t in _SHUT)
        if depth == 0:
            return j if t == _CLOSE[toks[k][0]] else None
    return None


def _spaced(inner: Tokens, separator: str) -> Tokens:
    """The inside of a bracket or a cell, its separating spaces made the separator when it is a
    spaced list of numbers."""
    entries: list[Tokens] = [[]]
    gaps = 0
    for tok in inner:
        if tok[0] in _SEPARATORS:
            if entries[-1]:
                entries.append([])
                gaps += 1
            continue
        entries[-1].append(tok)
    if not entries[-1]:
        entries.pop()
    if gaps == 0 or len(entries) < 2 or not all(_number(entry) for entry in entries):
        return inner
    out: Tokens = []
    for j, entry in enumerate(entries):
        out += entry if j == 0 else [(separator, False), *entry]
    return out


def _number(entry: Tokens) -> bool:
    """A plain number, with a sign or not (sizers aside)."""
    words = [t for t, _ in entry if t not in _SIZERS]
    if words[:1] in (["-"], ["+"]):
        words = words[1:]
    return len(words) == 1 and bool(_NUMBER.fullmatch(words[0]))
