r"""A name written out by its own entries: ``x = \begin{bmatrix} x_1 \\ x_2 \end{bmatrix}``.

Such a step states what the entries of ``x`` are called, and the matrix written out has the size
it has: in a worked example (a network with two inputs) it fixes x at two entries. Where the
document declares x at another size only later (``Input $x \in \mathbb{R}^{784}$``, the MNIST
input of a later section of allmamun556's dl_de.md), that declaration is no claim about the x of
the example, and a clash of shapes refutes nothing: the step is inconclusive, said so.

A size declared before the step still decides (``Let $u \in \mathbb{R}^7$`` then
``u = (u_1, u_2)`` stays wrong, tests/test_latex_matrix_literals.py), values decide where the
sizes agree, and a side that is more than the name (``W x = …``) is judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.matrix_literals import Literal, Pattern
from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node, Sym, Transpose, all_syms

__all__ = ["entries_written_out", "sized_by_entries"]


def entries_written_out(sides: tuple[Node, Node]) -> str | None:
    """The name one side is, where the other side is a matrix (or its transpose) written out of
    that name's own entries only (``x_1``, ``x_{2}`` of ``x``), else None."""
    for side, other in (sides, sides[::-1]):
        while isinstance(other, Transpose):
            other = other.x
        if not isinstance(side, Sym) or not isinstance(other, Literal | Pattern):
            continue
        names = all_syms(other)
        if names and all(n.stem == side.stem and n.full != side.full and n.sub for n in names):
            return side.full
    return None


def sized_by_entries(results: list[StepResult], text: str, notation: Notation) -> list[StepResult]:
    """``results``, with each wrong that only the shapes decide made inconclusive where one side
    is a name written out by its own entries and the document declares that name's size only
    after the step (see the module's docstring)."""
    lines = text.splitlines()
    return [_held(r, lines, notation) if _by_shape(r) else r for r in results]


def _by_shape(result: StepResult) -> bool:
    return result.status == "wrong" and (result.counterexample or {}).get("where") == "shape"


def _held(result: StepResult, lines: list[str], notation: Notation) -> StepResult:
    try:
        sides = (parse_typed(result.step.lhs, notation), parse_typed(result.step.rhs, notation))
    except Unreadable:
        return result
    name = entries_written_out(sides)
    if name is None or _declared(name, lines[: result.step.line - 1]):
        return result
    why = f"{name} written out by its own entries, its size declared only later: the matrix gives {name} its size here"
    return result.held(f"{why} ({result.message})")


def _declared(name: str, lines: list[str]) -> bool:
    """Is ``name`` declared a member of a set (``x \\in \\mathbb{R}^n``) in ``lines``?"""
    declaration = re.compile(rf"(?<![A-Za-z\\]){re.escape(name)}\s*(?:\\in|∈)(?![A-Za-z])")
    return any(declaration.search(line) for line in lines)
