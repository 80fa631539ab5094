r"""The matrices a worked example gives its names, in document order: ``x = \begin{bmatrix} 1 \\ 2
\end{bmatrix}``, ``W_1 = \begin{bmatrix} 0.1 & 0.2 \\ … \end{bmatrix}``, ``s_1 = W_1 x = … =
\begin{bmatrix} 0.5 \\ 1.1 \end{bmatrix}``.

numeric_values keeps the scalar values of a worked example (``w_1 = 0.15``); this keeps the
matrices, read the same way: a run of value relations (numeric_values.value_runs) whose first term
is a name and whose last term is a matrix (or number) written out in numbers only gives the name
those numbers from there on, each entry with the unit of its last written place
(restated_results.written_numbers): the rounding a later step may show.

An update written with a mark on the name, ``W' = W - \eta \Delta W = \begin{bmatrix} … \end{bmatrix}``
(also ``W\;'``, ``W^{\prime}``, ``W^{new}``, ``W_{\text{new}}``, ``W^{(new)}``), is kept as an *updated*
value of W: a later step may mean W's old value or the updated one (the next iteration of the
example), and the judge (worked_matrices) tries both. Nothing is evaluated from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from derive.checks.latex.equation import Equation
from derive.checks.latex.normalize import Notation
from derive.checks.latex.numeric_values import value_runs
from derive.checks.latex.restated_results import written_numbers
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Mul, Node, Num, Pow, Sym

__all__ = ["MatrixValue", "compound_key", "document_matrices", "head_name", "values_before"]

Position = tuple[int, int]

#: a prime after the name, with TeX spacing before it: W', W\;', W^{\prime}, W^\prime
#: the finest place an input of an example is written to (0.05, 1.5); finer ones are results
_SHORT = Decimal("0.01")
_ENVIRONMENT = re.compile(r"\\begin\{([pbBvV]?matrix)\}(.*)\\end\{\1\}", re.S)
_PRIME = re.compile(r"^(?P<base>.+?)\s*(?:\\[;,:! ]\s*)*(?:'+|\^\s*\{?\s*\\prime\s*\}?)\s*$", re.S)
_NEW_WORD = r"(?:\\(?:text|mathrm|textrm|mbox)\s*\{\s*)?\(?\s*(?:new|updated|nuevo|nueva|neu|nouveau|next)\s*\)?\s*\}?"
#: a word for "new" as a superscript or subscript: W^{new}, W_{\text{new}}, W^{(new)}, W_{1, \text{nuevo}}
_NEW = re.compile(
    r"^(?P<base>.+?)\s*(?:\^\s*\{\s*" + _NEW_WORD
    + r"\s*\}|_\s*\{\s*(?P<sub>[^{},]*?)\s*,?\s*" + _NEW_WORD + r"\s*\})\s*$",
    re.S | re.I,
)


@dataclass(frozen=True)
class MatrixValue:
    """Numbers written for a name, where, and how (a number is a 1×1 matrix)."""

    name: str  # the typed reader's name (Sym.full)
    grid: tuple[tuple[Decimal, ...], ...]
    units: tuple[tuple[Decimal, ...], ...]  # one unit of each entry's last written place (0: a whole number)
    at: Position  # (line, column) of the numbers: the value holds after them
    updated: bool = False  # written for a marked name (W', W^{new}): the value after an update

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.grid), len(self.grid[0])


def head_name(text: str, notation: Notation) -> tuple[str, bool] | None:
    """(name, updated) of a run's first term that is a name alone, else None."""
    updated = False
    for mark in (_PRIME, _NEW):
        found = mark.fullmatch(text.strip())
        if found:
            sub = found.groupdict().get("sub")
            text = found.group("base") + (f"_{{{sub}}}" if sub else "")
            updated = True
            break
    try:
        node = parse_typed(text, notation)
    except (Unreadable, RecursionError, ValueError):
        return None
    key = compound_key(node)
    return (key, updated) if key is not None else None


#: operators written before a name that make one name with it: \Delta W, \nabla W
_PREFIXES = {r"\Delta", r"\nabla"}


def compound_key(node: Node) -> str | None:
    r"""The one name a typed tree of a name stands for: a Sym's own; ``W^1`` (a layer label the reader
    takes for a power) is ``W^{1}``; ``\Delta W`` is ``\Delta W``; None for anything else."""
    if isinstance(node, Sym):
        return node.full
    if isinstance(node, Pow) and isinstance(node.base, Sym) and isinstance(node.exp, Num):
        if node.exp.value.denominator == 1 and node.exp.value > 0:
            return f"{node.base.full}^{{{node.exp.value}}}"
    if isinstance(node, Mul) and node.kind == "juxt" and isinstance(node.a, Sym) and isinstance(node.b, Sym):
        if node.a.full in _PREFIXES:
            return f"{node.a.full} {node.b.full}"
    return None


def document_matrices(equations: list[Equation], notation: Notation) -> list[MatrixValue]:
    r"""Every ``name = … = numbers`` of the document (numbers written out, a matrix or one number), in
    the order of the numbers.

    A name's first value, written alone (``W_1 = \begin{bmatrix} 0.1 & … \end{bmatrix}``) with no
    formula for the name before it and no entry written to more than two places, is *given*: an input
    of the example, exact as written (its units 0). Any other value was computed (after a formula, a
    second value, an update; or a result with more places, 0.4568, whose formula the document gives
    elsewhere) and is rounded to its places; a whole number among decimals is rounded to the coarsest
    of them."""
    found: list[tuple[MatrixValue, bool]] = []
    formulas: list[tuple[Position, str]] = []
    for equation in equations:
        for chain in split_chain(equation):
            for run in value_runs(chain):
                head = head_name(run[0][0].text, notation)
                if head is None or written_numbers(run[0][0].text) is not None:
                    continue
                second = run[1][0]
                if written_numbers(second.text) is None and not _entry_names(second.text, notation):
                    formulas.append(((second.line, second.column), head[0]))
                numbers = written_numbers(run[-1][0].text)
                if numbers is None or any(term.conditions for term, _ in run):
                    continue
                last = run[-1][0]
                value = MatrixValue(head[0], numbers[0], numbers[1], (last.line, last.column), head[1])
                alone = all(_entry_names(term.text, notation) for term, _ in run[1:-1])
                found.append((value, alone and not head[1]))
    found.sort(key=lambda f: f[0].at)
    out: list[MatrixValue] = []
    for value, alone in found:
        earlier = any(v.name == value.name for v in out)
        earlier = earlier or any(at < value.at and name == value.name for at, name in formulas)
        short = all(unit >= _SHORT for row in value.units for unit in row if unit)
        out.append(_exact(value) if alone and short and not earlier else _rounded(value))
    return out


def _entry_names(text: str, notation: Notation) -> bool:
    r"""A matrix written out in names only (``W = [W_{11} \; W_{12}] = [0.6 \; 0.7]``, a stray ``&``
    at a row's end aside): the entries' names, not a formula."""
    found = _ENVIRONMENT.fullmatch(text.strip())
    if found is None:
        return False
    cells = [cell.strip() for row in re.split(r"\\\\", found.group(2)) for cell in row.split("&")]
    names = [cell for cell in cells if cell]
    return bool(names) and all(_name_alone(cell, notation) for cell in names)


def _name_alone(text: str, notation: Notation) -> bool:
    try:
        return compound_key(parse_typed(text, notation)) is not None
    except (Unreadable, RecursionError, ValueError):
        return False


def _exact(value: MatrixValue) -> MatrixValue:
    return replace(value, units=tuple(tuple(Decimal(0) for _ in row) for row in value.units))


def _rounded(value: MatrixValue) -> MatrixValue:
    places = [u for row in value.units for u in row if u]
    coarsest = max(places) if places else Decimal(0)
    return replace(value, units=tuple(tuple(u or coarsest for u in row) for row in value.units))


def values_before(values: list[MatrixValue], where: Position) -> dict[str, list[MatrixValue]]:
    """Each name's values before ``where``, oldest first (updated values included)."""
    out: dict[str, list[MatrixValue]] = {}
    for value in values:
        if value.at >= where:
            break
        out.setdefault(value.name, []).append(value)
    return out
