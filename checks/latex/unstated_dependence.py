r"""Dependences a document never writes down, read from its own derivatives.

``\frac{\partial L}{\partial z} = \frac{\partial L}{\partial a}\frac{\partial a}{\partial z}`` in
a document that never gives L or a a value (z = wx + b said in prose, a in a figure): a careful
reader judges the step anyway, since it holds for ANY functions L of a and a of z. The
dependences are the document's: a name N without a value that the document differentiates by V
(``\partial N/\partial V``, ``\frac{d N}{d V}``) depends on V. Its direct parents are chosen the
way :mod:`derive.checks.latex.abstract_loss` chooses a loss's base: of the variables N is
differentiated by, those that no other of them feeds (L by a and by z, a by z: L of a, a of z;
z by w and by b, unrelated: z of w and b).

The derivatives counted for a step are those of every OTHER step of the document: a step may
not create the dependence that makes it true (``\partial_\theta(y \log \hat y) = \partial_\theta
y \log \hat y`` must not read y as a function of θ because it differentiates y itself).

Each such name then stands for an unknown function of its parents in the scalar judge
(:func:`unstated_value`, hooked into sympy_build), judged like a document's undefined ``f'(x)``
(:mod:`derive.checks.latex.abstract_functions`): with several unrelated smooth stand-ins, ok
only when the step holds for every one, and never wrong (the author may mean one particular
function), so anything else is inconclusive with that reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from derive.checks.latex.normalize import Normalized

__all__ = [
    "DependenceNotes",
    "Unstated",
    "choose_parents",
    "decide_unstated",
    "has_unstated",
    "unstated_value",
    "written_dependences",
]

#: prefix of the SymPy function name of an unstated dependence: ``unstated:L of a``
PREFIX = "unstated:"
#: a derivative whose operand is one bare name, as the normaliser writes it: g_{1}\left(v_{3}\right)
_BARE = re.compile(r"g_\{(\d+)\}\\left\(v_\{(\d+)\}\\right\)")
#: parents a name may have (each is one more argument of its stand-ins)
_MOST_PARENTS = 3
#: unknown functions in one step at most (each stand-in choice is one more judgement)
_MOST_FUNCTIONS = 5


@dataclass
class Unstated(Normalized):
    """The value of a name the document never gives one: an unknown function of ``parents``.
    A Normalized (its symbols the parents) so that code walking a step's definitions sees a
    value like any other; sympy_build builds it with :func:`unstated_value`."""

    parents: tuple[str, ...] = ()
    name: str = ""


def unstated_entry(name: str, parents: tuple[str, ...]) -> tuple[str, Unstated]:
    """A step's definitions entry (no family letters) for ``name`` of ``parents``."""
    symbols = {k: ("symbol", p) for k, p in enumerate(parents, 1)}
    return "", Unstated(source=f"{name} of {', '.join(parents)}", symbols=symbols, parents=parents, name=name)


def unstated_value(entry: Unstated, parent: Callable[[str], Any]) -> Any:
    """``L(a)`` for L of a: a SymPy function named so that the judge knows it (and its parents);
    ``parent`` gives each parent's own value (a name, a definition, another unknown)."""
    import sympy as sp

    fn = sp.Function(f"{PREFIX}{entry.name} of {'; '.join(entry.parents)}")
    return fn(*[parent(p) for p in entry.parents])


def written_dependences(norm: Normalized) -> set[tuple[str, str]]:
    """(N, V) for each derivative of one bare name N by V a side writes (∂L/∂a: L by a)."""
    found = set()
    for m in _BARE.finditer(norm.latex):
        var = norm.derivatives.get(int(m.group(1)))
        kind, name = norm.symbols.get(int(m.group(2)), ("", ""))
        if var and kind == "symbol" and name != var:
            found.add((name, var))
    return found


def choose_parents(written: dict[str, set[str]], edges: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Each name's direct parents (module docstring), given the variables each is differentiated
    by (``written``) and who feeds whom through the definitions (``edges``: name → names in its
    value). Names whose variables are unknowns themselves come after those; a name in a cycle,
    or with too many parents, gets none (it stays as written, not judged)."""
    edges = {k: set(v) for k, v in edges.items()}
    chosen: dict[str, tuple[str, ...]] = {}
    pending = dict(written)
    while pending:
        ready = [n for n in sorted(pending) if not (pending[n] & (set(pending) - {n}))]
        if not ready:
            break  # a cycle among unknowns (a of z, z of a): none of them is read
        for name in ready:
            variables = pending.pop(name) - {name}
            feeds = {v: _ancestors(v, edges) for v in variables}
            parents = tuple(sorted(v for v in variables if not any(v in feeds[u] for u in variables - {v})))
            mutual = any(v in feeds[u] and u in feeds[v] for v in variables for u in variables if u != v)
            if not parents or len(parents) > _MOST_PARENTS or mutual or name in set().union(*feeds.values(), parents):
                continue
            chosen[name] = parents
            edges[name] = set(parents)
    return chosen


def _ancestors(name: str, edges: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [name]
    while stack:
        for parent in edges.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


@dataclass
class DependenceNotes:
    """The document's bare derivatives, step by step, and each step's definitions to complete.
    checker.check_text notes every step, then settles once all are read (before judging)."""

    document: Any  # DocumentDefinitions
    notation: Any
    steps: list[tuple[set[tuple[str, str]], dict[str, tuple[str, Normalized]]]] = field(default_factory=list)

    def note(self, sides: Iterable[Normalized], scalar: dict[str, tuple[str, Normalized]]) -> None:
        self.steps.append((set().union(*(written_dependences(n) for n in sides)), scalar))

    def settle(self, jobs: list) -> list:
        """Add to each step's definitions the unknowns the OTHER steps imply (the jobs hold those
        definitions, and are returned as they are). Names the document gives a value anywhere
        (DocumentDefinitions, implied losses), and functions and constants, keep what they are."""
        document, notation = self.document, self.notation
        defined = {d.name for d in document.defs} | {d.name for d in document.implied.found}
        defined |= set(notation.functions) | set(notation.doc_functions) | set(notation.constants)
        for k, (_, scalar) in enumerate(self.steps):
            written: dict[str, set[str]] = {}
            for j, (pairs, _) in enumerate(self.steps):
                for name, var in pairs if j != k else ():
                    if name not in defined and name not in scalar:
                        written.setdefault(name, set()).add(var)
            if not written:
                continue
            edges = {name: value.symbol_names for name, (_, value) in scalar.items()}
            for name, parents in choose_parents(written, edges).items():
                scalar[name] = unstated_entry(name, parents)
        return jobs


def has_unstated(lhs: Any, rhs: Any) -> bool:
    """Does either side hold an unknown function of this module?"""
    from sympy.core.function import AppliedUndef

    return any(str(c.func).startswith(PREFIX) for side in (lhs, rhs) for c in side.atoms(AppliedUndef))


def _stand_ins(arity: int, k: int) -> Any:
    """The k-th of five smooth functions of ``arity`` arguments, of unrelated kinds and not
    separable (a derivative by one argument depends on the others)."""
    import sympy as sp

    t = sp.symbols(f"t1:{arity + 1}", real=True)
    s = sum((j + 1) * x for j, x in enumerate(t)) / (arity + 1)  # a mix of all the arguments
    q = sum(x**2 for x in t) / (2 * arity)
    bodies = [
        sp.exp(s / 2) + q / 3 + s,
        2 / (1 + sp.exp(-3 * s)) + s**3 / 5 + q,
        s**4 / 7 - 2 * s + sp.exp(-q) + t[0] / 3,
        sp.sin(s) + q * s / 4 + 3 * t[-1],
        sp.log(1 + q) + s**2 / 3 - s / 2 + sp.cos(t[0]),
    ]
    return sp.Lambda(t, bodies[k % len(bodies)])


def _pairs(lhs: Any, rhs: Any) -> list[tuple[Any, Any]]:
    """The sides with every unknown function (this module's and abstract_functions') replaced
    by stand-ins, three choices; empty when that cannot be done."""
    from itertools import permutations

    from sympy.core.function import AppliedUndef

    calls = {c for side in (lhs, rhs) for c in side.atoms(AppliedUndef)}
    functions = sorted({c.func for c in calls}, key=str)
    arity = {f: {len(c.args) for c in calls if c.func == f} for f in functions}
    if not functions or len(functions) > _MOST_FUNCTIONS or any(len(a) != 1 for a in arity.values()):
        return []
    pairs = []
    for k in range(3):
        chosen = {f: _stand_ins(next(iter(arity[f])), k + 2 * j) for j, f in enumerate(functions)}
        for order in list(permutations(chosen))[:24]:
            try:
                pair = []
                for side in (lhs, rhs):
                    for f in order:  # outer before inner: g'(f(x)) is a derivative by f(x)
                        side = side.replace(f, chosen[f]).doit()
                    pair.append(side)
                pairs.append((pair[0], pair[1]))
                break
            except (ValueError, TypeError):
                continue
        else:
            return []
    return pairs


def _shown(lhs: Any, rhs: Any) -> str:
    """``L of a, a of z``: the dependences the step is judged with."""
    from sympy.core.function import AppliedUndef

    funcs = {str(c.func) for side in (lhs, rhs) for c in side.atoms(AppliedUndef)}
    return ", ".join(sorted(f[len(PREFIX) :].replace("; ", ", ") for f in funcs if f.startswith(PREFIX)))


def decide_unstated(lhs: Any, rhs: Any, decide: Callable[..., dict[str, Any]], **how: Any) -> dict[str, Any]:
    """ok when the step holds with each choice of stand-ins; never wrong, else inconclusive."""
    where = f"the dependence the document's derivatives imply: {_shown(lhs, rhs)}"
    pairs = _pairs(lhs, rhs) if lhs.free_symbols == rhs.free_symbols else []
    if not pairs:
        why = "the sides use different variables" if lhs.free_symbols != rhs.free_symbols else "not read"
        return _inconclusive(f"a step about unknown functions ({where}); {why}")
    verdict: dict[str, Any] = {}
    for left, right in pairs:
        verdict = decide(left, right, **how)
        if verdict["status"] != "ok":
            why = verdict["message"] if verdict["status"] == "inconclusive" else "it fails for some functions"
            return _inconclusive(f"true or not depending on functions the document does not state ({where}; {why})")
    return {
        "status": "ok",
        "counterexample": None,
        "message": f"holds for any functions with {where} (three choices of smooth stand-ins; {verdict['message']})",
        "method": "unstated dependence",
    }


def _inconclusive(message: str) -> dict[str, Any]:
    return {"status": "inconclusive", "counterexample": None, "message": message, "method": "unstated dependence"}
