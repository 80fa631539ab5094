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

A name with one index letter is a family: ``\partial p_k/\partial o_j`` makes each p_1, p_2 …
an unknown function of every o (a softmax), ``\partial L/\partial p_k`` L one of every p. An
alias passes its dependence on (a = ŷ and ∂a/∂z: ŷ of z). A name the document defines anywhere
keeps its definition.

Each such name then stands for an unknown function of its parents in the scalar judge
(:func:`unstated_value`, hooked into sympy_build), but only for a step that the document's own
values leave unread for a dependence not stated (checker.judge_step reads every step without
them first, so no other verdict moves). The step is ok when it holds for any functions: its
sides agree as written (SymPy's chain rule), or it holds with each of three choices of unrelated
smooth stand-ins, as for a document's undefined ``f'(x)``
(:mod:`derive.checks.latex.abstract_functions`); never wrong (the author may mean one particular
function), so anything else is inconclusive with that reason. A step with a name that may be a
matrix (one capital letter, not a loss) is never ok: read as scalars, a missing transpose holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from derive.checks.latex.normalize import Normalized
from derive.checks.latex.softmax_links import softmax_definitions, softmax_output

__all__ = [
    "DependenceNotes", "OWN", "ancestors",
    "Unstated",
    "choose_parents",
    "decide_unstated",
    "has_unstated",
    "matrix_like",
    "matrix_like_names",
    "node",
    "said",
    "split_unstated",
    "undetermined",
    "unstated_entry",
    "unstated_value",
    "written_dependences",
]

#: prefix of the SymPy function name of an unstated dependence: ``unstated:L of a``
PREFIX = "unstated:"
#: a derivative whose operand is one bare name, as the normaliser writes it: g_{1}\left(v_{3}\right)
_BARE = re.compile(
    r"g_\{(\d+)\}\\left\((?:v_\{(\d+)\}|\\left\(v_\{(\d+)\}\\right\))\\right\)"  # also ∂(L)/∂w: one bracket more
)
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
    #: in the second reading (OVER), the document's definitions this one stands in for
    replaces: tuple[str, ...] = ()


#: canonical name → (base, subscript, label), as sympy_build.split_name (not imported: it imports us)
_NAME = re.compile(r"(?P<base>\\?[A-Za-z]+(?:\{[A-Za-z]\})?)(?:_\{(?P<sub>[^{}]*)\})?(?:\^\{(?P<label>[^{}]*)\})?")
#: key prefix of the second reading's unknowns, for names the document defines but whose value
#: does not reach what its derivatives take them by (tried only where the first reading fails)
OVER = "over:"
OWN = "own:"  # key prefix of own_costs' unknowns in a step's definitions (split_unstated's last tier)
#: the subscript of a family node: p_{*} stands for p_1 … p_n (every entry)
EVERY = "*"


def _parts(name: str) -> tuple[str, str, str] | None:
    m = _NAME.fullmatch(name)
    return (m.group("base"), m.group("sub") or "", m.group("label") or "") if m else None


def _named(base: str, sub: str, label: str) -> str:
    return base + (f"_{{{sub}}}" if sub else "") + (f"^{{{label}}}" if label else "")


def node(name: str) -> str:
    """The graph node of a name: p_{k} (one index letter) is its family p_{*}, others themselves."""
    parts = _parts(name)
    if parts and len(parts[1]) == 1 and parts[1].isalpha():
        return _named(parts[0], EVERY, parts[2])
    return name


def unstated_entry(name: str, parents: tuple[str, ...]) -> tuple[str, tuple[str, Unstated]]:
    """A step's definitions entry for ``name`` of ``parents``: (key, (letters, value)); a family
    node p_{*} is keyed p_{k} with the letter k (each p_1, p_2 … its own unknown function)."""
    symbols = {k: ("symbol", p) for k, p in enumerate(parents, 1)}
    value = Unstated(source=f"{name} of {', '.join(parents)}", symbols=symbols, parents=parents, name=name)
    parts = _parts(name)
    if parts and parts[1] == EVERY:
        return _named(parts[0], "k", parts[2]), ("k", value)
    return name, ("", value)


def unstated_value(entry: Unstated, parent: Callable[[str], Any], size: int | None, index: str = "") -> Any:
    """``L(a)`` for L of a: a SymPy function named so that the judge knows it (and its parents);
    ``parent`` gives each parent's own value (a name, a definition, another unknown); a family
    parent z_{*} is every entry z_1 … z_size, a family member (``index``: p_{2}) its own function.
    None when a family has no size here."""
    import sympy as sp

    args = []
    for name in entry.parents:
        parts = _parts(name)
        if parts and parts[1] == EVERY:
            if size is None:
                return None
            args += [parent(_named(parts[0], str(i), parts[2])) for i in range(1, size + 1)]
        else:
            args.append(parent(name))
    own = entry.name
    if index:
        parts = _parts(own)
        own = _named(parts[0], index, parts[2]) if parts else own
    fn = sp.Function(f"{PREFIX}{own} of {'; '.join(entry.parents)}")
    return fn(*args)


def written_dependences(norm: Normalized) -> set[tuple[str, str]]:
    """(N, V) for each derivative of one bare name N by V a side writes (∂L/∂a: L by a)."""
    found = set()
    for m in _BARE.finditer(norm.latex):
        var = norm.derivatives.get(int(m.group(1)))
        kind, name = norm.symbols.get(int(m.group(2) or m.group(3)), ("", ""))
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
        # J by L, with L's value holding a and a = ŷ of z: J waits for ŷ (its edges decide J's parents)
        ready = [n for n in sorted(pending) if not (_reach(pending[n], edges) & (set(pending) - {n}))]
        if not ready:
            break  # a cycle among unknowns (a of z, z of a): none of them is read
        for name in ready:
            variables = pending.pop(name) - {name}
            feeds = {v: ancestors(v, edges) for v in variables}
            parents = tuple(sorted(v for v in variables if not any(v in feeds[u] for u in variables - {v})))
            mutual = any(v in feeds[u] and u in feeds[v] for v in variables for u in variables if u != v)
            if not parents or len(parents) > _MOST_PARENTS or mutual or name in set().union(*feeds.values(), parents):
                continue
            chosen[name] = parents
            edges[name] = set(parents)
    return chosen


def ancestors(name: str, edges: dict[str, set[str]]) -> set[str]:  # every name feeding name through the values
    seen, stack = set[str](), [name]
    while stack:
        for parent in edges.get(stack.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return seen


def _reach(names: set[str], edges: dict[str, set[str]]) -> set[str]:
    """The names and all that feed them."""
    return set(names).union(*(ancestors(n, edges) for n in names))



@dataclass
class DependenceNotes:
    """The document's bare derivatives, step by step, and each step's definitions to complete.
    checker.check_text notes every step, then settles once all are read (before judging)."""

    document: Any  # DocumentDefinitions
    notation: Any
    steps: list[tuple[set[tuple[str, str]], dict[str, tuple[str, Normalized]]]] = field(default_factory=list)
    sides: list[tuple[Normalized, ...]] = field(default_factory=list)  # each step's sides, read

    def note(self, sides: Iterable[Normalized], scalar: dict[str, tuple[str, Normalized]]) -> None:
        self.sides.append(tuple(sides))
        self.steps.append((set().union(*(written_dependences(n) for n in self.sides[-1])), scalar))

    def elsewhere(self, k: int) -> set[tuple[str, str]]:
        """(N, V) for each derivative of N by V that a step other than the k-th writes."""
        counts = Counter(pair for pairs, _ in self.steps for pair in pairs)
        own = self.steps[k][0]
        return {pair for pair, n in counts.items() if n > (pair in own)}

    def settle(self, jobs: list, last: Callable[..., dict] | None = None) -> list:
        """Add to each step's definitions the unknowns the OTHER steps imply (the jobs hold those
        definitions, and are returned as they are). Names the document gives a value anywhere
        (DocumentDefinitions), and functions and constants, keep what they are; a loss implied_losses
        reads (L = -Σ y log p) is unknown only at steps where that reading does not hold."""
        document, notation = self.document, self.notation
        defined = {d.name for d in document.defs}
        fixed = set(notation.functions) | set(notation.doc_functions) | set(notation.constants)
        defined |= fixed
        counts = Counter(pair for pairs, _ in self.steps for pair in pairs)
        # an entry of a softmax's output depends on EVERY entry of its input: a numbered entry's
        # unknown of the entries the derivatives name (o_{out_1} of o_{in_1}) drops the others; a
        # family's (p_{*} of z_{*}) takes every entry and stays
        softmaxes = softmax_definitions(document.defs)
        for (own, scalar), sides in zip(self.steps, self.sides, strict=True):
            valued = _families(defined | set(scalar))
            edges = {node(name): {node(n) for n in value.symbol_names} for name, (_, value) in scalar.items()}
            written: dict[str, set[str]] = {}  # names with no value, by what they are differentiated by
            over: dict[str, set[str]] = {}  # names with a value that does not reach one of those
            for name, var in counts:
                if counts[name, var] == 1 and (name, var) in own:
                    continue  # written by this step alone
                name = node(_alias_end(name, scalar))  # a = ŷ, ∂a/∂z: ŷ of z
                if EVERY not in name and softmax_output(name, softmaxes):
                    continue
                family = _parts(name)[1] == EVERY if _parts(name) else False  # type: ignore[index]
                if name not in defined and name not in scalar and not (family and _family(name) in valued):
                    written.setdefault(name, set()).add(node(var))
                elif name not in fixed and node(var) not in _reach({name}, edges):
                    # L = (y - ŷ)^2 beside ∂L/∂w_5 through ŷ_1 = w_5 a_1 + …; a = σ(z), z = wx never written
                    over.setdefault(name, set()).add(node(var))
            if written:
                written = _one_reading(written)
                for name, parents in choose_parents(written, edges).items():
                    key, entry = unstated_entry(name, parents)
                    scalar[key] = entry
            if over:  # the second reading: every name as the derivatives say (split_unstated)
                dropped = {k for k in scalar if node(k) in over}
                kept = {k: v for k, v in edges.items() if k not in over}
                for name, parents in choose_parents(_one_reading({**written, **over}), kept).items():
                    key, entry = unstated_entry(name, parents)
                    scalar[OVER + key] = (entry[0], replace(entry[1], replaces=tuple(sorted(dropped))))
            scalar.update(last(sides, scalar, fixed) if last else {})  # own_costs: the step's own reading, last
        return jobs


def _family(name: str) -> tuple[str, str] | None:
    parts = _parts(name)
    return (parts[0], parts[2]) if parts and parts[1] else None


def _families(names: set[str]) -> set[tuple[str, str] | None]:
    """The families (base, label) of names with a subscript: an entry or a family the document
    gives a value (a_j = …, w_1 = 0.5) keeps it, so its family is no unknown."""
    return {_family(n) for n in names} - {None}


def _one_reading(written: dict[str, set[str]]) -> dict[str, set[str]]:
    """p_1 beside p_{*} in the document: the entry is part of the family node (∂J/∂p_1 says J
    depends on p, ∂p_1/∂z_2 that p depends on z)."""
    families = {_family(n) for n in [*written, *set().union(*written.values())] if _parts(n) and _parts(n)[1] == EVERY}

    def merged(name: str) -> str:
        parts = _parts(name)
        return _named(parts[0], EVERY, parts[2]) if parts and _family(name) in families else name

    out: dict[str, set[str]] = {}
    for name, variables in written.items():
        out.setdefault(merged(name), set()).update(merged(v) for v in variables)
    return out


def _alias_end(name: str, scalar: dict[str, tuple[str, Normalized]]) -> str:
    """The name a chain of aliases ends at (a = ŷ: ŷ), or ``name`` itself: differentiated by V,
    an alias depends on V through the name it stands for."""
    seen = {name}
    while name in scalar and not scalar[name][0]:
        value = scalar[name][1]
        if isinstance(value, Unstated) or not re.fullmatch(r"\s*v_\{\d+\}\s*", value.latex):
            break
        (kind, other), *_ = value.symbols.values()
        if kind != "symbol" or other in seen:
            break
        seen.add(other)
        name = other
    return name


def split_unstated(named: dict | None, sides: tuple = (), last: Callable[..., Any] | None = None) -> tuple[dict, list]:
    """(the step's definitions, the readings to try where those leave a derivative unread): a step
    is read without unknown functions first, so that every verdict the document's own definitions
    give stays as it was; then with the unknowns for names never defined; then with every name
    its derivatives take by a variable its value does not reach as an unknown too (a definition
    that does not say all: L = (y - ŷ)^2 beside ∂L/∂w_5); last, a cost the step takes apart (own_costs)."""
    named = named or {}
    second = [{k[len(OVER) :]: v for k, v in named.items() if k.startswith(OVER)}, last(named, sides) if last else {}]
    named = {k: v for k, v in named.items() if not k.startswith((OVER, OWN))}
    unknown = {k: v for k, v in named.items() if isinstance(v[1], Unstated)}
    plain = {k: v for k, v in named.items() if k not in unknown}
    tiers = [{**plain, **unknown}] if unknown else []
    for tier in filter(None, second):  # every name as its derivatives say; then a cost the step takes apart (own_costs)
        dropped = {d for _, value in tier.values() for d in value.replaces}
        tiers.append(type(tier)({**{k: v for k, v in plain.items() if k not in dropped}, **tier}))
    return plain, tiers


def undetermined(out: dict[str, Any]) -> bool:
    """Was the step not read for a derivative of a name with no stated dependence? (sympy_build)"""
    return out["status"] == "unparsed" and "(its dependence is not stated)" in out["message"]


def said(out: dict[str, Any], unstated: dict[str, tuple[str, Normalized]]) -> dict[str, Any]:
    """An ``ok`` read with unknown functions says so, also where the verdict's message is another's
    (sums expanded at sizes): every dependence the step was read with, and which of the document's
    own values it set aside (the second reading of split_unstated)."""
    if out["status"] != "ok":
        return out
    entries = [v[1] for v in unstated.values() if isinstance(v[1], Unstated)]
    note = ""
    if "for any functions" not in out["message"]:
        shown = ", ".join(sorted(f"{e.name} of {', '.join(e.parents)}" for e in entries)).replace("_{*}", "")
        note = f"; for any functions with the dependence the document's derivatives imply: {shown}"
    aside = sorted({d for e in entries for d in e.replaces})
    if aside:  # its value as written does not reach what its derivatives take it by
        note += f"; the document's value of {', '.join(aside)} was set aside: as written it does not reach them"
    return {**out, "message": out["message"] + note}


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


def _pairs(lhs: Any, rhs: Any) -> Iterator[tuple[Any, Any] | None]:
    """The sides with every unknown function (this module's and abstract_functions') replaced
    by stand-ins, three choices, one at a time (a first failure ends the judgement); None when
    that cannot be done."""
    from itertools import permutations

    from sympy.core.function import AppliedUndef

    calls = {c for side in (lhs, rhs) for c in side.atoms(AppliedUndef)}
    functions = sorted({c.func for c in calls}, key=str)
    arity = {f: {len(c.args) for c in calls if c.func == f} for f in functions}
    if not functions or len(functions) > _MOST_FUNCTIONS or any(len(a) != 1 for a in arity.values()):
        yield None
        return
    for k in range(3):
        chosen = {f: _stand_ins(next(iter(arity[f])), k + 2 * j) for j, f in enumerate(functions)}
        pair = None
        for order in list(permutations(chosen))[:24]:
            try:
                sides = []
                for side in (lhs, rhs):
                    for f in order:  # outer before inner: g'(f(x)) is a derivative by f(x)
                        side = side.replace(f, chosen[f]).doit()
                    sides.append(side)
                pair = (sides[0], sides[1])
                break
            except (ValueError, TypeError):
                continue
        yield pair


def _differs(lhs: Any, rhs: Any) -> dict[str, Any] | None:
    """A quick look before the judge: sides that clearly differ at a point (20 digits) need no
    proof attempt, since no verdict but inconclusive can come of them here."""
    import sympy as sp

    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    point = {x: sp.Rational(2, 7) + sp.Rational(j + 1, 5) for j, x in enumerate(symbols)}
    try:
        a, b = (sp.N(side.xreplace(point), 20) for side in (lhs, rhs))
        gap = abs(a - b)
        if a.is_real and b.is_real and gap > sp.Float("1e-6") * max(1, abs(a), abs(b)):
            return {"status": "wrong", "message": "the sides differ"}
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        pass
    return None


def _vanishes(lhs: Any, rhs: Any) -> bool:
    """Is the difference of the sides 0 as written, unknown functions and all (the chain rule
    SymPy applies itself)? Then the step holds for every function: no stand-in is needed."""
    import sympy as sp

    try:
        return bool(sp.expand((lhs - rhs).doit()) == 0)
    except (TypeError, ValueError, ArithmeticError, RecursionError):
        return False


def _shown(lhs: Any, rhs: Any) -> str:
    """``L of a, a of z``: the dependences the step is judged with."""
    from sympy.core.function import AppliedUndef

    funcs = {str(c.func) for side in (lhs, rhs) for c in side.atoms(AppliedUndef)}
    shown = sorted(f[len(PREFIX) :].replace("; ", ", ") for f in funcs if f.startswith(PREFIX))
    return ", ".join(shown).replace("_{*}", "")  # a family parent o_{*}: every o


def decide_unstated(lhs: Any, rhs: Any, decide: Callable[..., dict[str, Any]], **how: Any) -> dict[str, Any]:
    """ok when the step holds for any functions (its difference vanishes as written, or it
    holds with each choice of stand-ins); never wrong, else inconclusive."""
    where = f"the dependence the document's derivatives imply: {_shown(lhs, rhs)}"
    if lhs.free_symbols != rhs.free_symbols:
        return _inconclusive(f"a step about unknown functions ({where}); the sides use different variables")
    if _vanishes(lhs, rhs):
        how_known = "proved: the sides agree as written"
    else:
        for pair in _pairs(lhs, rhs):
            if pair is None:
                return _inconclusive(f"a step about unknown functions ({where}) not read with stand-ins")
            verdict = _differs(*pair) or decide(*pair, **how)
            if verdict["status"] != "ok":
                why = verdict["message"] if verdict["status"] == "inconclusive" else "it fails for some functions"
                return _inconclusive(f"true or not depending on functions the document does not state ({where}; {why})")
        how_known = f"three choices of smooth stand-ins; {verdict['message']}"
    matrices = [*(how.get("matrices") or []), *matrix_like(lhs, rhs)]
    if matrices:
        why = f"{', '.join(matrices)} may be matrices, whose products and transposes are not checked here"
        return _inconclusive(f"holds for any scalar functions with {where}, but {why}")
    return {
        "status": "ok",
        "counterexample": None,
        "message": f"holds for any functions with {where} ({how_known})",
        "method": "unstated dependence",
    }


#: capital names that are scalar losses, not matrices (abstract_loss.LOSS_NAMES)
_LOSSES = frozenset({"L", "J", "C", "E", "\\mathcal{L}", "\\mathcal{J}", "\\mathcal{C}", "\\mathcal{E}"})


def matrix_like(lhs: Any, rhs: Any) -> list[str]:
    """Names of the step (or of its unknowns) that are one capital letter, not a loss: Z^{(2)},
    W, A^{(1)} are matrices in most documents, and read as scalars a step that misses a
    transpose (∂C/∂W = ∂C/∂Z · A instead of · Aᵀ) would hold."""
    from sympy.core.function import AppliedUndef

    names = {s.name for side in (lhs, rhs) for s in side.free_symbols}
    funcs = {str(c.func) for side in (lhs, rhs) for c in side.atoms(AppliedUndef)}
    names |= {f[len(PREFIX) :].split(" of ")[0] for f in funcs if f.startswith(PREFIX)}
    return matrix_like_names(names)


def matrix_like_names(names: Iterable[str]) -> list[str]:
    """Those of ``names`` that are one capital letter, not a loss, nor an entry (W_{j,i}): maybe a
    matrix (also for calls of unknown functions: applied_calls)."""
    found = []
    for name in sorted(names):
        base = re.match(r"\\math[a-z]+\{[^{}]*\}|\\?[A-Za-z]+", name)
        text = base.group(0) if base else name
        parts = _parts(name)
        # W_{j,i}, W_{12}: an entry, a scalar; W, W_2 (a layer's), Z^{(2)}: maybe a matrix
        entry = parts is not None and (len(parts[1].replace(",", "")) > 1 or parts[1].isalpha())
        if re.fullmatch(r"(?:\\math(?:bf|rm|it|sf)\{)?[A-Z]\}?", text) and text not in _LOSSES and not entry:
            found.append(name)
    return found


def _inconclusive(message: str) -> dict[str, Any]:
    return {"status": "inconclusive", "counterexample": None, "message": message, "method": "unstated dependence"}
