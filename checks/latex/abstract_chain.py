r"""A chain rule written with abstract derivatives only, read as the chain rule.

``\frac{\partial J}{\partial w_{ij}} = \frac{\partial J}{\partial S_j}\cdot\frac{\partial S_j}{\partial w_{ij}}``
and ``\frac{\partial \mathcal{L}_i}{\partial w_j} = \sum_k \frac{\partial \mathcal{L}_i}{\partial f_k}
\frac{\partial f_k}{\partial w_j}``: neither side gives anything a value, so the step says only how
J reaches w (through S, or through f_1 … f_K). It holds for EVERY function J of S and S of w,
whatever values the document gives them elsewhere, and it is how backpropagation is written in
most documents whose networks (several layers, several sections reusing J) leave the dependence
graph that :mod:`derive.checks.latex.unstated_dependence` reads too tangled to settle.

The factors must telescope: the first numerator is the left side's, each next numerator the
previous factor's variable, the last variable the left side's; in the summed form the summed
index is in every intermediate name and in neither end, and no intermediate has an index letter
the ends do not write (∂J/∂w_{ij} = ∂J/∂S_k ∂S_k/∂w_{ij} with no sum is not read). As in
unstated_dependence, a step may not create the dependence that makes it true: each link (J on
S, S on w) must be said outside the step, by another step's derivative (∂J/∂S_j) or by a
definition whose value reaches it (S_k = Σ_j w_{jk} x_j); an entry with index letters stands for
its family there (S_j, S_k), a numbered one (ŷ_1) for itself, and a layer recurrence written
with a letter (z^{(n)} = W^{(n)} a^{(n-1)} + b^{(n)}) says its links at each layer number the
step writes (z^{(2)} on W^{(2)}); a link nothing outside the step says is taken from the step
only where the document could deny it but does not (:func:`own_links_chain`: no value for the
dependent name, no other path to the variable). The step is then ``ok`` as the
chain rule under that dependence (J reaches w only through what it names), never ``wrong``: a
step that telescopes differently (∂J/∂θ · ∂θ/∂U for ∂J/∂v_c) is left as it was. A left side
whose own definition writes the variable directly (C = C₀ + λ‖w‖² beside ∂C/∂w = ∂C/∂a ·
∂a/∂w) is a second path the chain would drop: that step is left as it was too. Read in the
checker's process once every step is judged (the links come from the whole document).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from derive.checks.latex.function_links import chain_sides, function_dependences
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.softmax_links import softmax_definitions, through_softmax
from derive.checks.latex.summed_chains import FACTOR as _FACTOR
from derive.checks.latex.summed_chains import MOST_FACTORS as _MOST_FACTORS
from derive.checks.latex.summed_chains import OVER_EVERY as _OVER_EVERY
from derive.checks.latex.summed_chains import factor_names as _factor_names
from derive.checks.latex.summed_chains import family_key as _key
from derive.checks.latex.summed_chains import subscript_letters as _subscript_letters
from derive.checks.latex.summed_chains import summed_chain
from derive.checks.latex.unstated_dependence import OVER, DependenceNotes, Unstated, undetermined
from derive.checks.latex.vanishing_sides import VANISHED_WHY

__all__ = [
    "chain_as_written",
    "commuted_chain",
    "own_links_chain",
    "chains_as_written",
    "graph_reaches",
    "read_abstract_chain",
    "said_dependences",
    "single_derivative",
    "written_chain",
]

#: factors joined by juxtaposition, \cdot or \times
_JOIN = r"\s*(?:\\cdot|\\times)?\s*"
_ONE = re.compile(rf"\s*{_FACTOR}\s*")
_SUM = re.compile(r"\s*s_\{(\d+)\}\\left\((.*)\\right\)\s*", re.S)
#: a layer number as a label: a^{(2)}, W^{[3]}, z^{1}
_LAYER = r"\^\{[(\[]?(\d+)[)\]]?\}"
#: a layer letter as a label, with a shift: z^{(n)}, a^{[l-1]}
_LETTER_LAYER = re.compile(r"(?P<base>.+)\^\{(?P<o>[(\[]?)(?P<v>[A-Za-z])(?:(?P<op>[+-])(?P<k>\d))?(?P<c>[)\]]?)\}")
#: layer numbers instantiated per step at most
_MOST_LAYERS = 6


def chains_as_written(outs: list[dict[str, Any]], notes: DependenceNotes) -> list[dict[str, Any]]:
    """Each step's verdict (in the order the steps were noted), through :func:`chain_as_written`."""
    return [chain_as_written(out, notes, k) for k, out in enumerate(outs)]


def chain_as_written(out: dict[str, Any], notes: DependenceNotes, k: int) -> dict[str, Any]:
    """The k-th step's verdict, ``ok`` as the chain rule when it was left unread for a dependence
    not stated and reads as one (module docstring); else ``out`` as it was. A step whose
    derivatives all vanished as read (vanishing_sides: the document's values, as read, do not
    carry the dependence) is read the same way, with the links the document says only."""
    vanished = out.get("status") == "inconclusive" and out.get("message", "").startswith(VANISHED_WHY)
    if not (undetermined(out) or vanished) or len(notes.sides[k]) != 2:
        return out
    lhs, rhs = notes.sides[k]
    if written_chain(lhs, rhs) is None:  # z(x) = w·x + b, then ∂z/∂w in a chain: z is a name there
        lhs, rhs = chain_sides((lhs, rhs), notes.notation)
    scalar = notes.steps[k][1]
    if vanished:  # the document's own values and the steps apart from this one; not the unknowns guessed
        said = said_dependences(_apart(notes, k), {n: v for n, v in scalar.items() if _given(n, v)})
    else:
        said = said_dependences(notes.elsewhere(k), scalar)
    for name, names in function_dependences(notes.notation).items():  # z(x) = w·x + b: z on w, x, b
        said.setdefault(_key(name), set()).update(_key(n) for n in names)
    layers = {int(n) for side in (lhs, rhs) for name in side.symbol_names for n in re.findall(_LAYER, name)}
    valued = _valued(notes, k)
    for name, value in _layer_values(notes, layers):
        said.setdefault(_key(name), set()).update(_key(n) for n in value)
        valued.add(_key(name))  # z^{(3)} from z^{(n)} = w^{(n)} a^{(n-1)}: a value, in w^{(3)} only
    found = read_abstract_chain(lhs, rhs, scalar, said)
    if found is None and not vanished:  # a value that does not reach a link: the step's own word is not enough
        found = own_links_chain(lhs, rhs, scalar, said, valued)
    chain = written_chain(lhs, rhs)
    if found is not None and (
        _coupled(chain, notes.elsewhere(k))
        or through_softmax(chain, softmax_definitions(getattr(notes.document, "defs", ())))
    ):
        return out
    return found or out


def _coupled(chain: tuple[list[str], str] | None, pairs: set[tuple[str, str]]) -> bool:
    """Does an unsummed chain pass from one entry to the same entry of another family (ŷ_k on
    z_k) where the document differentiates one entry by ANOTHER entry (∂ŷ_k/∂z_j: a softmax,
    whose every ŷ depends on every z)? Then the one path through ŷ_k drops the paths through the
    other ŷ, and the step is not the chain rule as written (TDT4265's ∂C/∂w_{kj} through ŷ_k)."""
    if chain is None or chain[1]:
        return False
    for name, var in pairwise(chain[0]):
        one, other = _entry(name), _entry(var)
        if one is None or other is None or one[1] != other[1]:
            continue
        for n, v in pairs:
            a, b = _entry(n), _entry(v)
            if a and b and (a[0], b[0]) == (one[0], other[0]) and a[1] != b[1]:
                return True
    return False


def _entry(name: str) -> tuple[str, str] | None:
    """(family, index) of an entry with one index letter (ŷ_k: ŷ_{*}, k); else None. Numbered
    entries are no evidence: notes number weights apart from units (z_3 on w_5 beside z_1 on w_1)."""
    m = re.fullmatch(r"(?P<base>.*?)_\{(?P<sub>[A-Za-z])\}(?P<rest>.*)", name)
    return (f"{m.group('base')}_{{*}}{m.group('rest')}", m.group("sub")) if m else None


def _given(name: str, entry: tuple[str, Any]) -> bool:
    """Is this definition of a step one the document gives? (the unknowns unstated_dependence adds
    to the step's definitions are no values)"""
    return not isinstance(entry[1], Unstated) and not name.startswith(OVER)


def _apart(notes: DependenceNotes, k: int) -> set[tuple[str, str]]:
    """(N, V) for each derivative of N by V that a step written apart from the k-th writes: not
    one sharing a side with it (A = B = C is two steps that both write B, and B's links said by
    its neighbour are still only B's own word)."""
    mine = {side.source for side in notes.sides[k]}
    return {
        pair
        for j, (pairs, _) in enumerate(notes.steps)
        if j != k and not mine & {side.source for side in notes.sides[j]}
        for pair in pairs
    }


def _valued(notes: DependenceNotes, k: int) -> set[str]:
    """The nodes the document gives a value anywhere (a definition, or one in force at the k-th
    step), and the notation's constants: their values say what they depend on."""
    given = {n for n, entry in notes.steps[k][1].items() if _given(n, entry)}
    names = {d.name for d in getattr(notes.document, "defs", ())} | given | set(notes.notation.doc_functions)
    names |= set(getattr(notes.notation, "constants", ()))
    return {_key(n) for n in names}


def _layer_values(notes: DependenceNotes, layers: set[int]) -> Iterator[tuple[str, set[str]]]:
    """A layer recurrence the document writes with a letter (z^{(n)} = W^{(n)} a^{(n-1)} + b^{(n)}),
    at each layer number the step writes: z^{(2)} on W^{(2)}, a^{(1)}, b^{(2)}."""
    for definition in getattr(notes.document, "defs", ()):
        m = _LETTER_LAYER.fullmatch(definition.name)
        if not m or m.group("op"):
            continue
        names = normalize(definition.rhs, notes.notation).symbol_names
        for layer in sorted(layers)[:_MOST_LAYERS]:
            yield _at_layer(definition.name, m.group("v"), layer), {_at_layer(n, m.group("v"), layer) for n in names}


def _at_layer(name: str, letter: str, layer: int) -> str:
    """z^{(n-1)} with n = 2: z^{(1)}; a name without that letter as its label stays itself."""
    m = _LETTER_LAYER.fullmatch(name)
    if not m or m.group("v") != letter:
        return name
    shift = int(m.group("k") or 0) * (-1 if m.group("op") == "-" else 1)
    return f"{m.group('base')}^{{{m.group('o')}{layer + shift}{m.group('c')}}}"


def read_abstract_chain(
    lhs: Normalized, rhs: Normalized, named: dict[str, Any], said: dict[str, set[str]]
) -> dict[str, Any] | None:
    """An ``ok`` verdict when one side is one derivative ∂N/∂X and the other a chain of
    derivatives from N to X whose every link the document says outside the step (``said``:
    node → nodes it depends on), else None (the step stays as it was)."""
    chain = written_chain(lhs, rhs)
    if chain is not None:
        names, summed = chain
        end = (names[0], names[-1])
        if _direct(end[0], end[1], named) or not all(graph_reaches(said, a, b) for a, b in pairwise(names)):
            return None
        via = ", ".join(names[1:-1])
        through = f"through {via}" + (f" (every {summed})" if summed else "")
        return {
            "status": "ok",
            "counterexample": None,
            "message": (
                f"the chain rule, as written: {end[0]} reaches {end[1]} {through}, as the document's"
                " other steps and definitions say; it holds for any functions with that dependence"
            ),
            "method": "abstract chain rule",
        }
    return None


def own_links_chain(
    lhs: Normalized, rhs: Normalized, named: dict[str, Any], said: dict[str, set[str]], valued: set[str]
) -> dict[str, Any] | None:
    """An ``ok`` verdict for a chain whose links the step alone says (∂E/∂w_1 = ∂E/∂o ∂o/∂n
    ∂n/∂w_1 in a document that writes nothing else about E, o, n), else None.

    A link only the step says is taken as the writer's statement of the dependence where the
    document could say otherwise but does not: its dependent name has no value anywhere (a value
    says what the name depends on: z_1 = w_1 x + b denies z_1 on w_2), and no name along the chain
    depends, by what the document says outside the step, on something else that reaches the
    variable (a second path the chain would drop). The chain rule then holds for any functions
    with that dependence; a product that does not telescope is never read here."""
    chain = written_chain(lhs, rhs)
    if chain is None:
        return None
    names, summed = chain
    own = [(a, b) for a, b in pairwise(names) if not graph_reaches(said, a, b)]
    if not own or any(_key(a) in valued or _other_numbers(a, b) for a, b in own) or _direct(names[0], names[-1], named):
        return None
    if _second_path(names, said, own):
        return None
    via = ", ".join(names[1:-1]) + (f" (every {summed})" if summed else "")
    return {
        "status": "ok",
        "counterexample": None,
        "message": (
            f"the chain rule, as written: {names[0]} reaches {names[-1]} through {via}, as the step says"
            " (the document gives none of its links a value, nor another path); it holds for any"
            " functions with that dependence"
        ),
        "method": "abstract chain rule",
    }


def _other_numbers(name: str, var: str) -> bool:
    """Entries numbered apart (z_1 on w_2, z_1 on b_2): in the networks notes write, a numbered
    unit takes its own numbered weight, so a link between different numbers needs the document's
    word (datamapu's chain for w_2 through neuron 1 is the wrong one), not the step's alone."""
    numbers = [re.findall(r"_\{(\d+)\}|_(\d)", n) for n in (name, var)]
    return all(numbers) and {"".join(t) for t in numbers[0]} != {"".join(t) for t in numbers[1]}


def _second_path(names: list[str], said: dict[str, set[str]], own: list[tuple[str, str]]) -> bool:
    """Does a name on the chain depend, as said outside the step, on a name off the chain that
    reaches the chain's variable (L on ŷ and on r, r on w: ∂L/∂w = ∂L/∂ŷ ∂ŷ/∂w drops r)?"""
    graph = {k: set(v) for k, v in said.items()}
    for a, b in own:
        graph.setdefault(_key(a), set()).add(_key(b))
    end = _key(names[-1])
    for k, name in enumerate(names[:-1]):
        later = {_key(n) for n in names[k + 1 :]}
        for parent in said.get(_key(name), set()) - later:
            if graph_reaches(graph, parent, end):
                return True
    return False


def written_chain(lhs: Normalized, rhs: Normalized) -> tuple[list[str], str] | None:
    """(N, B, …, X) and the summed index ('' if none) of a step whose one side is ∂N/∂X and the
    other a chain of derivatives from N to X that telescopes; None for any other step."""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        end, chain = single_derivative(one), _chain(other)
        if end is None:
            continue
        if chain is None or not _telescopes(*chain):
            chain = summed_chain(other)  # Σ_k Σ_n ∂J/∂A_{kn} ∂A_{kn}/∂W_{ij}: its own telescoping rules
        if chain is not None and (chain[0][0], chain[0][-1]) == end:
            return chain
    return None



def said_dependences(pairs: set[tuple[str, str]], scalar: dict[str, Any]) -> dict[str, set[str]]:
    """Who depends on whom by what the document writes outside the step: the other steps'
    derivatives (∂J/∂S_j: J on S) and the values of its definitions (S_k = Σ w_{jk} x_j: S on w)."""
    graph: dict[str, set[str]] = {}
    for name, var in pairs:
        graph.setdefault(_key(name), set()).add(_key(var))
    for name, (_, value) in scalar.items():
        graph.setdefault(_key(name), set()).update(_key(n) for n in getattr(value, "symbol_names", ()))
    return graph


def graph_reaches(graph: dict[str, set[str]], name: str, var: str) -> bool:
    """Does ``name`` depend on ``var``, directly or through others, in a graph of said_dependences?"""
    seen, stack, goal = set(), [_key(name)], _key(var)
    while stack:
        for parent in graph.get(stack.pop(), ()):
            if parent == goal:
                return True
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return False


def single_derivative(side: Normalized) -> tuple[str, str] | None:
    """(N, X) of a side that is one abstract derivative ∂N/∂X, else None."""
    m = _ONE.fullmatch(side.latex)
    if not m:
        return None
    names = _factor_names(side, [(m.group(1), m.group(2))])
    return (names[0], names[1]) if names else None


def _chain(side: Normalized) -> tuple[list[str], str] | None:
    """The names along a product of derivatives (N, B, …, X) and the summed index ('' if none)."""
    text, summed = side.latex, ""
    m = _SUM.fullmatch(text)
    if m:
        index, start, end = side.sums.get(int(m.group(1)), ("", 0, ""))
        if not index or side.sum_conditions.get(int(m.group(1))):
            return None  # Σ_{k≠j}: not every intermediate
        if not end and not _OVER_EVERY.search(side.source):
            return None  # Σ_{k∈S}, Σ_{k<j}: perhaps not every intermediate
        text, summed = m.group(2), index
    pairs = re.findall(_FACTOR, text)
    # brackets around some factors group a product of Jacobians, which does not change it
    bare = re.sub(r"\\left\(|\\right\)", " ", re.sub(_FACTOR, "F", text))
    if len(pairs) < 2 or not re.fullmatch(rf"\s*F(?:{_JOIN}F)+\s*", bare):
        return None
    if len(pairs) > _MOST_FACTORS:
        return None
    names = _factor_names(side, pairs)
    if names is None:
        return None
    # each factor's numerator must be the previous factor's variable: N, B, B, C, C, X → N, B, C, X
    links = names[1:-1]
    if any(links[k] != links[k + 1] for k in range(0, len(links), 2)):
        names = commuted_chain(names)
        if names is None:
            return None
        links = names[1:-1]
    return [names[0], *links[::2], names[-1]], summed


def commuted_chain(names: list[str]) -> list[str] | None:
    r"""numerator, variable, … of factors written in another order (∂z_j/∂w_{ij} ∂a_j/∂z_j
    ∂C/∂a_j, the chain from the variable up), put in the one order that telescopes, or None.

    Only per-index factors commute as written: every name but the first numerator carries a
    subscript (an entry, a number), so each derivative is one number and the product the same in
    any order; ∂z/∂W ∂L/∂z between matrices or vectors is a layout question (matrix_chain's),
    never read here. The order must be unique: each variable is the numerator of exactly one
    other factor and exactly one numerator is no factor's variable (the loss)."""
    factors = [(names[k], names[k + 1]) for k in range(0, len(names), 2)]
    numerators = [n for n, _ in factors]
    variables = [v for _, v in factors]
    if len(set(numerators)) != len(factors) or len(set(variables)) != len(factors):
        return None
    starts = [n for n in numerators if n not in variables]
    if len(starts) != 1 or any("_" not in name for name in names if name != starts[0]):
        return None
    by_numerator = dict(factors)
    ordered, current = [], starts[0]
    while current in by_numerator and len(ordered) < len(names):
        ordered += [current, by_numerator[current]]
        current = by_numerator[current]
    return ordered if len(ordered) == len(names) else None


def _telescopes(names: list[str], summed: str) -> bool:
    """Distinct names from end to end; a summed index in every intermediate and in neither end
    (Σ_k ∂L/∂f_k ∂f_k/∂w_j), and no other index letter in an intermediate that the ends do not
    write."""
    if len(names) < 3 or len(set(names)) != len(names):
        return False
    ends, middle = (names[0], names[-1]), names[1:-1]
    outer = _subscript_letters(ends[0]) | _subscript_letters(ends[1])
    # ∂J/∂w_{ij} = ∂J/∂S_k ∂S_k/∂w_{ij} with no sum over k: an index free on one side only
    if any(_subscript_letters(n) - outer - {summed} for n in middle):
        return False
    if not summed:
        return True
    return all(summed in _subscript_letters(n) for n in middle) and summed not in outer


def _direct(name: str, var: str, named: dict[str, Any]) -> bool:
    """Does the document's value of ``name`` write ``var`` itself (a path the chain leaves out)?"""
    entry = named.get(name)
    if entry is None:
        return False
    value = entry[1]
    return var in getattr(value, "symbol_names", set())
