r"""Entries written the NumPy way: ``W[m,n]``, ``S[i,k]``, ``W_2[m,n]``, ``O_2[i,y_i]``.

Students who think in arrays index a matrix with a bracket after its name, ``U[i,k] =
e^{S[i,k]}``. The reader took ``U[i,k]`` as U applied to a pair and read nothing. A bracket right
after a name that holds two or more index atoms separated by commas (a lowercase letter, one
with a subscript, or a whole number) is that entry: ``U_{ik}``, and with atoms longer than one
letter ``O_{i,y_i}``. A label the name carries moves up, as the reader writes labels:
``W_2[m,n]`` is ``W^{(2)}_{mn}`` (``W^{(2)}[m,n]`` keeps its label).

One index (``S[z]``, ``f[x]``, ``Z[l]``) is ambiguous between an entry, an argument and a layer
label, and is left to the other readers (bracket_labels.py takes layer labels). So is a bracket
of anything else: an interval after ``\in`` or ``\sim`` (``U[0, 1]``), a commutator of capitals
(``[A, B]``), an expression (``y[1 - y]``), or a bracket written apart from the name.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import each_token_span

__all__ = ["entry_brackets"]

Tokens = list[tuple[str, bool]]

#: an index atom: i, k, y_i, k_{1}, 0, 12
_ATOM = re.compile(r"[a-z](?:_(?:[a-z0-9]|\{[a-z0-9]+\}))?|\d{1,3}")
#: what makes a name's bracket a set or a distribution's support, not its entries
_NOT_ENTRY_AFTER = (r"\in", r"\sim", r"\notin", r"\subset", r"\subseteq")


def entry_brackets(toks: Tokens) -> Tokens:
    """``W_2[m,n]`` → ``W^{(2)}_{mn}`` (module docstring)."""
    if not any(t == "," for t, _ in toks) or not any(t == "[" for t, _ in toks):
        return toks
    return each_token_span(toks, _entry_at)


def _entry_at(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "[" or toks[k][1]:
        return None
    atoms, end = _atoms(toks, k)
    if len(atoms) < 2:
        return None
    named = _name_before(out)
    if named is None:
        return None
    start, label = named
    if start > 0 and (out[start - 1][0] in _NOT_ENTRY_AFTER or _inside_word(out, start)):
        return None
    # U_{ik} when every index is one letter or digit (the reader's spelling of an entry), else
    # O_{i,y_i}: without commas, i y_i would read as more indices than were written
    single = all(len("".join(w for w, _ in atom)) == 1 for atom in atoms)
    inner = [pair for j, atom in enumerate(atoms) for pair in ([] if single or not j else [(",", False)]) + atom]
    entry = [("_", False), ("{", False), *inner, ("}", False)]
    if label is None:
        return entry, end
    # the name's subscript label goes up: W_2[m,n] is W^{(2)}_{mn}
    head = out[start]
    del out[start:]
    return [head, ("^", False), ("{", False), ("(", False), *label, (")", False), ("}", False), *entry], end


def _atoms(toks: Tokens, k: int) -> tuple[list[Tokens], int]:
    """The comma-separated index atoms (their tokens, unspaced) of the bracket at k and the index
    after it; [] if the bracket holds anything but such atoms."""
    parts: list[Tokens] = []
    current: Tokens = []
    for j in range(k + 1, min(len(toks), k + 40)):
        t = toks[j][0]
        if t in (",", "]"):
            if not _ATOM.fullmatch("".join(w for w, _ in current)):
                return [], k
            parts.append(current)
            current = []
            if t == "]":
                return parts, j + 1
            continue
        current.append((t, False))
    return [], k


def _name_before(out: Tokens) -> tuple[int, Tokens | None] | None:
    """Where the name before a bracket starts in ``out`` and the subscript label to move up:
    ``W`` (no label), ``W_2`` / ``W_{out}`` (that label), ``W^{(2)}`` (kept as written)."""
    if not out:
        return None
    if _letter(out, -1):
        return (len(out) - 1, None) if not _script_mark(out, -2) else None
    if len(out) >= 3 and out[-2][0] == "_" and _letter(out, -3) and re.fullmatch(r"[A-Za-z0-9]", out[-1][0]):
        return (len(out) - 3, [out[-1]]) if not _script_mark(out, -4) else None
    if out[-1][0] != "}":
        return None
    opened = _group_start(out)
    if opened is None or opened < 2 or out[opened - 1][0] not in ("_", "^") or not _letter(out, opened - 2):
        return None
    inside = out[opened + 1 : -1]
    if _script_mark(out, opened - 3) or not inside or not all(re.fullmatch(r"[A-Za-z0-9()\[\]]", t) for t, _ in inside):
        return None
    if out[opened - 1][0] == "^":
        return len(out), None  # W^{(2)}[m,n]: the entry's subscript after the label as written
    return opened - 2, inside


def _inside_word(out: Tokens, start: int) -> bool:
    """``Cov[x, y]``, ``Var[X,Y]``: the name ends a word (an operator written in letters); only the
    d of a differential (``dW[m,n]``) may stand right before an array's name."""
    before = out[start - 1]
    return re.fullmatch(r"[A-Za-z]", before[0]) is not None and before[0] != "d" and not out[start][1]


def _letter(out: Tokens, j: int) -> bool:
    return -len(out) <= j < len(out) and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", out[j][0]) is not None and (
        out[j][0][0] != "\\" or out[j][0][1:].lower() in _GREEK_NAMES
    )


#: Greek letters that name arrays (\theta[i,j], \Sigma[i,j]); commands such as \cdot are not names
_GREEK_NAMES = frozenset("alpha beta gamma theta lambda mu sigma phi psi omega pi rho tau eta xi".split())


def _script_mark(out: Tokens, j: int) -> bool:
    """Is the name itself a sub- or superscript of what stands before it (``x_a[1, 2]``)?"""
    return -len(out) <= j < len(out) and out[j][0] in ("_", "^")


def _group_start(out: Tokens) -> int | None:
    depth = 0
    for j in range(len(out) - 1, -1, -1):
        depth += (out[j][0] == "}") - (out[j][0] == "{")
        if depth == 0:
            return j
    return None
