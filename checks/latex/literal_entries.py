r"""Names written only as entries of a matrix written out are numbers: ``\begin{pmatrix} a & b \end{pmatrix}``.

The shape inference (:mod:`derive.checks.latex.shape_infer`) never makes an undeclared lower-case
name a scalar (``W a + b = a W + b`` holds only with a a number, which is not what it says), so
``\begin{pmatrix} x_1 \\ x_2 \end{pmatrix} \begin{pmatrix} a & b \end{pmatrix} = \begin{pmatrix}
x_1 a & x_1 b \\ x_2 a & x_2 b \end{pmatrix}`` was not judged at all: a and b had no shape. An entry
of a matrix written out is a number, so a bare lower-case name that the step (and the definitions
it reaches) writes only inside such entries is a scalar. A name also written outside the entries,
or transposed inside one (``x^T y``), keeps its usual kinds; so do the constants 1, 0 and I (``1^T y``
is the ones vector's), and a capital inside entries stays a block.

Numbered entries (twenty-first round): ``\begin{pmatrix} \Theta_{11} & \Theta_{21} & \Theta_{31} \\ …
\end{pmatrix} \begin{pmatrix} x_1 \\ x_2 \\ x_3 \end{pmatrix} = …`` and ``\begin{pmatrix} \sigma(z_1) \\
\sigma(z_2) \\ \sigma(z_3) \end{pmatrix} - …`` were read as entries of an undeclared Θ, x and z, whose
sizes the judge draws (2 or 3): at 2, ``\Theta_{31}`` is out of range, and the step was not judged.
A name written only with numbers as its index, only inside such entries, and never alone, is a
number apiece (``z_{1}``, ``z_{2}``, ``z_{3}``, each a scalar): what the entries say, whatever the
size of the vector they come from, and the same as entries of a random vector. A name the
document defines, or writes alone or with a letter as index (``z_k``), keeps its reading.

Sizes fixed by entries written out (:func:`pinned_sizes`): ``W x = \begin{bmatrix} W_{11} x_1 +
W_{12} x_2 + W_{13} x_3 \\ W_{21} x_1 + … \end{bmatrix}`` writes W and x whole as well as their
entries: the matrix written out is W x in full, so W is 2×3 and x has 3 entries. The judge drew
its own sizes for them (x the notation's d-vector) and the step was "a matrix written out has a
size the document leaves open". A size of a name the step writes alone, whose numbered entries it
writes inside a matrix written out, is the largest number written at that place of its index
(each size one number, or none is fixed).

A capital's entries in lower case (:func:`capital_entries`): ``W x = \begin{bmatrix} w_{11} & w_{12} \\
w_{21} & w_{22} \end{bmatrix} \begin{bmatrix} x_1 \\ x_2 \end{bmatrix}`` names W's entries w_{ij}, as
most courses write them. Where the step writes a capital alone, never its own numbered entries, and
the lower-case letter only as numbered entries inside matrices written out (never alone), those
entries are the capital's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from derive.checks.latex.matrix_literals import Literal
from derive.checks.latex.typed_nodes import Node, Sym, Transpose, reached_trees, with_children

__all__ = ["capital_entries", "entry_scalars", "pinned_sizes"]


#: an index of numbers only: 1, 11, 1,2
_NUMBERED = re.compile(r"\d+(,\d+)?")


def _split(node: object, inside: set[Sym], outside: set[Sym], in_literal: bool = False) -> None:
    """Every name of a tree, by whether it stands inside a written-out matrix's entries."""
    if isinstance(node, Sym):
        (inside if in_literal else outside).add(node)
        return
    if isinstance(node, Literal):
        for cell in node.cells:
            _split(cell, inside, outside, True)
        return
    if isinstance(node, Transpose):  # x^T y inside an entry: x is a vector there, no number
        _split(node.x, inside, outside, False)
        return
    for value in getattr(node, "__dict__", {}).values():
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Node) or hasattr(item, "lhs"):
                _split(item, inside, outside, in_literal)


def entry_scalars(
    names: dict[str, str], sides: tuple[Node, Node], defs: dict[str, Node], sampled: Iterable[str] = ()
) -> dict[str, str]:
    """``names`` (undeclared name → class) with the bare lower-case names written only as entries
    of matrices written out made scalars, and names written there only with numbered indices
    made one scalar per entry (module docstring). ``sampled``: names the notation gives a shape
    to sample only (x), neither declared as the step's nor defined."""
    if not any(names[n] in ("lower", "vector", "entries2") for n in names) and not sampled:
        return names
    inside: set[Sym] = set()
    outside: set[Sym] = set()
    for node in reached_trees(sides, defs):
        _split(node, inside, outside)
    only = {s.full for s in inside} - {s.full for s in outside} - {"1", "0", "I"}  # constants of a shape
    out = {n: "scalar" if kind == "lower" and n in only else kind for n, kind in names.items()}
    stems = {n for n, kind in names.items() if kind in ("vector", "entries2")} | (set(sampled) - set(defs))
    for stem in stems:
        entries = _numbered_entries(stem, inside, outside)
        if entries:
            out.pop(stem, None)
            out.update(dict.fromkeys(entries, "scalar"))
    return out


def _numbered_entries(stem: str, inside: set[Sym], outside: set[Sym]) -> set[str]:
    """The full names of ``stem``'s entries when it is written only inside entries and only with
    numbered indices (``z_{1}``, ``\\Theta_{31}``); empty otherwise."""
    if any(s.stem == stem or s.full == stem for s in outside):
        return set()
    mine = [s for s in inside if s.stem == stem or s.full == stem]
    if not mine or any(not s.sub or not _NUMBERED.fullmatch(s.sub) for s in mine):
        return set()
    return {s.full for s in mine}


def pinned_sizes(sides: tuple[Node, Node], shapes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Size name → the number the step's written-out entries fix it to (module docstring); empty
    when two entries fix one size to two numbers."""
    inside: set[Sym] = set()
    outside: set[Sym] = set()
    for side in sides:
        _split(side, inside, outside)
    alone = {s.full for s in inside | outside if not s.sub}
    largest: dict[str, list[int]] = {}
    for s in inside:
        shape = shapes.get(s.stem, ())
        if s.stem not in alone or not s.sub or not _NUMBERED.fullmatch(s.sub):
            continue
        parts = s.sub.split(",") if "," in s.sub else list(s.sub)
        if len(parts) != len(shape):
            continue
        top = largest.setdefault(s.stem, [0] * len(shape))
        largest[s.stem] = [max(a, int(b)) for a, b in zip(top, parts, strict=True)]
    pins: dict[str, str] = {}
    for stem, top in largest.items():
        for size, number in zip(shapes[stem], top, strict=True):
            if size.isdigit():
                continue
            if pins.get(size, str(number)) != str(number):
                return {}
            pins[size] = str(number)
    return pins


def capital_entries(sides: tuple[Node, Node]) -> tuple[Node, Node]:
    """The sides with a capital's entries written in lower case renamed as the capital's (module
    docstring); the sides as they were when no letter qualifies."""
    inside: set[Sym] = set()
    outside: set[Sym] = set()
    for side in sides:
        _split(side, inside, outside)
    everywhere = inside | outside
    alone = {s.full for s in everywhere if not s.sub}
    renamed: dict[str, str] = {}
    for stem in {s.stem for s in inside if s.sub}:
        capital = stem[:1].upper() + stem[1:]
        if not stem[:1].islower() or capital not in alone or stem in alone:
            continue
        mine = [s for s in everywhere if s.stem == stem]
        numbered = all(s in inside and s.sub and _NUMBERED.fullmatch(s.sub) for s in mine)
        if numbered and not any(s.stem == capital and s.sub for s in everywhere):
            renamed[stem] = capital
    if not renamed:
        return sides
    return _renamed(sides[0], renamed), _renamed(sides[1], renamed)


def _renamed(node: Node, stems: dict[str, str]) -> Node:
    if isinstance(node, Sym):
        if node.stem not in stems:
            return node
        capital = stems[node.stem]
        return Sym(capital[:1] + node.full[1:], capital, node.sub)
    return with_children(node, lambda child: _renamed(child, stems))
