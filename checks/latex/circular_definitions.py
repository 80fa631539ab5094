r"""Names defined in terms of each other: a change of variables written both ways.

A vector-calculus note writes polar coordinates one way, ``x = r\cos\theta``, ``y = r\sin\theta``,
and then back, ``r = \sqrt{x^2 + y^2}``, ``\theta = \arctan\frac{y}{x}``. Both pairs read as
definitions, so a later step put the one pair's values in for the other's names halfway, and
the true ``\frac{x}{r} = \cos\theta`` was refuted at r = 2, x = −1 (numbers no point of the plane
has). With the names in a circle no single reading is the document's: a ``wrong`` step that uses
two or more names of the circle (or names defined through them) after the circle closes is
inconclusive, saying which names are defined by each other. A step with one of them stays
judged: ``\frac{d}{dr} r^2 = r`` is wrong whatever r is. Its ``ok`` stands (both readings are the same
plane), and so does every verdict before the circle closes.

Names are compared exactly, marks and indices included: the layer recurrence ``z^{(l)} =
W^{(l)} a^{(l-1)} + b^{(l)}``, ``a^{(l)} = \sigma(z^{(l)})`` is a chain, not a circle (a^{(l-1)} is
not a^{(l)}). A coarse test by the letter alone found "circles" in 139 documents, every layer
recurrence among them, and would have held genuine finds. A name whose value mentions itself
(``w = w - \alpha \nabla J``) is an update, handled where reassignments are; families
(``a_j = …``) are left out (their members are compared by index elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from derive.checks.latex.doc_definitions import Definition, find_definitions, uses_name
from derive.checks.latex.extract import Equation
from derive.checks.latex.notation import Notation
from derive.checks.latex.results import StepResult
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Sym, all_syms

__all__ = ["Circle", "circles", "hold_circular_definitions"]


@dataclass(frozen=True)
class Circle:
    names: frozenset[str]  # the names defined by each other (x, y, r, \theta)
    closed_at: tuple[int, int]  # where the last of their definitions starts: a circle from there on
    lines: tuple[int, ...]  # the definitions' lines, for the message


def _named_in(latex: str, notation: Notation) -> set[str] | None:
    """The exact names a piece of LaTeX mentions (z^{(l)}, a_{j}), or None when it cannot be read."""
    try:
        return {s.full for s in all_syms(parse_typed(latex, notation))}
    except Unreadable:
        return None


@dataclass(frozen=True)
class _Values:
    r"""Each plain definition's value read once: the defined names it mentions, and whether it is
    only another name (``\hat y = a``)."""

    at: dict[str, Definition]
    mentions: dict[str, set[str]]
    aliases: frozenset[str]


def _read_values(definitions: list[Definition], notation: Notation) -> _Values:
    plain = {d.name: d for d in definitions if not d.letters}
    mentions: dict[str, set[str]] = {}
    aliases: set[str] = set()
    for name, d in plain.items():
        try:
            tree = parse_typed(d.rhs, notation)
        except Unreadable:
            mentions[name] = set()
            continue
        if isinstance(tree, Sym):
            aliases.add(name)
        mentions[name] = {s.full for s in all_syms(tree)} & plain.keys() - {name}
    return _Values(plain, mentions, frozenset(aliases))


def circles(definitions: list[Definition], notation: Notation) -> list[Circle]:
    """The groups of two or more names whose definitions reach each other (strongly connected
    components of "the value of n mentions m", over plain names with readable values)."""
    return _circles(_read_values(definitions, notation))


def _circles(values: _Values) -> list[Circle]:
    # \hat y = a, then a = \hat y = \sigma(z): two names of one value, not a circle
    edges = {n: set() if n in values.aliases else m for n, m in values.mentions.items()}
    reach = {n: _reached(n, edges) for n in edges}
    found: list[Circle] = []
    seen: set[str] = set()
    for n in edges:
        group = frozenset(m for m in reach[n] if n in reach[m]) | {n}
        if len(group) < 2 or n in seen:
            continue
        seen |= group
        starts = sorted((values.at[m].line, values.at[m].column) for m in group)
        found.append(Circle(group, starts[-1], tuple(line for line, _ in starts)))
    return found


def _reached(start: str, edges: dict[str, set[str]]) -> set[str]:
    """Every name reached from ``start`` by following values (``start`` itself only through a circle)."""
    out: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            todo.extend(edges.get(n, ()))
    return out


def hold_circular_definitions(
    results: list[StepResult], equations: list[Equation], notation: Notation
) -> list[StepResult]:
    """``results`` with each ``wrong`` after a circle closes that uses one of its names (directly or
    through a definition) made inconclusive."""
    if not any(r.status == "wrong" for r in results):
        return results
    values = _read_values(find_definitions("", notation, equations=equations), notation)
    found = _circles(values)
    if not found:
        return results
    out = []
    for r in results:
        hit = None
        if r.status == "wrong":
            where = (r.step.line, r.step.column)
            hit = next((c for c in found if c.closed_at <= where and _uses_circle(r, c, values, notation)), None)
        if hit is not None:
            names = ", ".join(sorted(hit.names))
            lines = ", ".join(str(line) for line in hit.lines)
            why = (
                f"; {names} are defined in terms of each other (lines {lines}: a change of variables"
                " written both ways), so no one reading of them is the document's"
            )
            r = r.held(r.message + why)
        out.append(r)
    return out


def _uses_circle(result: StepResult, circle: Circle, values: _Values, notation: Notation) -> bool:
    """Does the step use two or more names of the circle (written, or reached through the value of
    a name outside it)? With one, every reading of that name is one value put in: ``\frac{d}{dr}
    r^2 = r`` is wrong whatever r is, and an identity in it stays true whatever value it gets."""
    text = f"{result.step.lhs} = {result.step.rhs}"
    named = _named_in(result.step.lhs, notation)
    right = _named_in(result.step.rhs, notation)
    if named is None or right is None:  # not readable as a whole: by the name's letter (errs on yes)
        return sum(uses_name(text, n) for n in circle.names) >= 2
    named |= right
    edges = values.mentions
    # a name outside the circle counts the circle's names its value reaches first (L = ½(ŷ − y)²
    # reaches y; going on through y's own value would reach every name of the circle)
    outside = {n: e - circle.names if n not in circle.names else set() for n, e in edges.items()}
    hits = named & circle.names
    for n in named - circle.names:
        hits |= {m for k in {n} | _reached(n, outside) for m in edges.get(k, ())} & circle.names
    return len(hits) >= 2
