r"""Names a document defines: ``s = \sigma(z)``, ``a_j = \frac{e^{z_j}}{\sum_k e^{z_k}}``,
``z = Wx + b`` (display or inline math, also ``:=`` and ``\coloneqq``).

A definition is the first link of a chain whose left term is a plain name (a letter with
fonts, subscript and label) that the document has not defined before; later links of the
same chain are steps. A name with letter subscripts (``a_j``) defines the family (``a_1``,
``a_k`` …). Steps after a definition may use the name for its value: ``\frac{ds}{dz} =
s(1 - s)`` is then about σ(z). A step never uses its own definition, so a definition is
never judged true by substitution.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.closed_values import GIVEN_NUMBER, closed_value
from derive.checks.latex.entry_definitions import entry_definitions
from derive.checks.latex.extract import Equation, extract
from derive.checks.latex.function_words import without_function_words
from derive.checks.latex.implied_losses import ImpliedDefinitions
from derive.checks.latex.index_sums import named_sum
from derive.checks.latex.label_subscripts import INDEX_LETTERS, family_letters, index_only_value, labelled_families
from derive.checks.latex.logged_names import with_logged_names
from derive.checks.latex.matched_arguments import chain_names
from derive.checks.latex.name_lists import listed_names, restated_heads
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.probabilities import (
    binary_labels,
    complement_of,
    is_probability_key,
    probability_keys,
    probability_name,
    without_probabilities,
)
from derive.checks.latex.rearranged_zeros import zero_sides
from derive.checks.latex.reason_definitions import reason_definitions
from derive.checks.latex.restated_data import restated_data
from derive.checks.latex.results import StepResult
from derive.checks.latex.shapes import space_dims
from derive.checks.latex.sibling_parts import sum_of_parts
from derive.checks.latex.squared_names import equated_terms, root_definition
from derive.checks.latex.steps import premise, split_chain
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node, Opaque
from derive.checks.latex.unclaimed_equations import ARROWS, contradictions, names_e, zero_conditions
from derive.checks.latex.unread_clauses import without_suppositions
from derive.checks.latex.unwritten_parts import computed_value
from derive.checks.latex.valued_calls import valued_call_name

from derive.errors import DeriveError

__all__ = [
    "Definition",
    "DocumentDefinitions",
    "Reassignment",
    "definitions_before",
    "find_declarations",
    "find_definitions",
    "find_reassignments",
    "find_redefinitions",
    "mentions_name",
    "parsed_definitions",
    "uses_name",
]

_PLACEHOLDER = re.compile(r"\\[lc]?dots|\\dotsc|\.\.\.|\?|\\square|\\_+|_+")
#: redefinitions compared per document at most (each is one more judged step)
_MOST_COMPARED = 12
_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\doteq", r"\equiv")


@dataclass(frozen=True)
class Definition:
    line: int
    column: int
    name: str  # canonical (a_{j}, s, z^{(2)})
    rhs: str  # LaTeX of the value
    letters: str = ""  # index letters of a family (a_{j}: "j")
    value_at: tuple[int, int] = (0, 0)  # (line, column) where the value starts, as the link's step


def _name(text: str, notation: Notation) -> str | None:
    probability = probability_name(text)
    if probability is not None:
        return probability  # P(y=1|x) = h_\theta(x): a probability the document defines (probabilities.py)
    if named_sum(text) in notation.named_sums:
        return named_sum(text)  # \sum_K := \sum_{j=1}^K e^{z_j}: a sum the document names
    called = valued_call_name(text, notation)
    if called is not None:
        return called  # Q(0) = \frac{e^3}{e^3 + e^{-2}}: an undefined function's value at a number (valued_calls)
    try:
        name = identifier_name(text, notation=notation)
    except DeriveError:
        return None
    if name in notation.functions or name in notation.constants:
        return None
    return name


@functools.lru_cache(maxsize=16384)  # asked for every step and every name defined twice: a pure test
def uses_name(text: str, name: str) -> bool:
    """Might this LaTeX use the name (its base letter, also as \\hat y for \\hat{y})? Errs on yes."""
    squeezed = re.sub(r"[{}\s]", "", text)
    return mentions_name(text, name) or mentions_name(squeezed, re.sub(r"[{}\s]", "", name))


#: Kronecker's delta of two indices: \delta_{ij}, \delta_{i,j}, \delta_{1k}
_KRONECKER = re.compile(
    r"\\delta\s*_\s*(?:\{\s*[A-Za-z0-9]\s*,?\s*[A-Za-z0-9]\s*\}|[A-Za-z0-9],?[A-Za-z0-9](?![A-Za-z0-9]))"
)


def mentions_name(text: str, name: str) -> bool:
    """Does a value mention the name it defines (then it is an equation, not a definition)?"""
    if is_probability_key(name):
        return name in probability_keys(text)
    text = without_probabilities(text)  # T in P(T|X) is part of that name, not a use of T
    if named_sum(name) == name:  # \sum_K = \sum_{j=1}^K …: only \sum_K itself is a mention
        return re.search(r"\\sum\s*_\s*\{?\s*" + name[-1] + r"(?![A-Za-z=])", text) is not None
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    if base[:1].isalpha():  # the a of \sigma, \lambda, the p of a plain exp(o_i) is not the name a, p
        text = without_function_words(re.sub(r"\\[A-Za-z]+", " ", text))
    if base == r"\delta" and not _KRONECKER.fullmatch(name):
        text = _KRONECKER.sub(" ", text)  # δ_{ij} is Kronecker's delta, not a use of the document's δ^L
    return re.search(re.escape(base) + r"(?![A-Za-z])", text) is not None


def find_definitions(
    text: str, notation: Notation, *, markdown: bool | None = None, equations: list[Equation] | None = None
) -> list[Definition]:
    """Every definition of the document, in order (only a name's first definition)."""
    found: list[Definition] = []
    seen: set[str] = set()
    equations = extract(text, markdown=markdown) if equations is None else equations
    # E_{total} = E_{o1} + E_{o2} defines E_{total} from parts defined anywhere (sibling_parts)
    named = {n for eq in equations for c in split_chain(eq) if (n := _name(c[0][0].text, notation))}
    binary = binary_labels([f"{equation.context} {equation.text}" for equation in equations])
    math = " ".join(equation.text for equation in equations)
    for equation in without_suppositions(equations):  # "if $p(x) = q(x)$" supposes, defines nothing
        for chain in split_chain(equation):
            (first, relation), (second, _) = chain[0], chain[1]
            blank = _PLACEHOLDER.fullmatch(second.text.strip())  # "h^a = \\dots": a blank to fill, no definition
            if relation not in _DEFINES or not second.text or blank or premise(chain, 0):  # y = 1 ⇒ …: supposed
                continue
            name = _name(first.text, notation)
            root = None if name else root_definition(first.text, second.text, notation, math, equated_terms(chain))
            name, second = (root[0], replace(second, text=root[1])) if root else (name, second)
            if name is None or name in INDEX_LETTERS or name in seen:
                continue
            parts = sum_of_parts(second.text, name, named)
            if mentions_name(second.text, name) and not parts:
                continue
            if family_letters(name) and GIVEN_NUMBER.fullmatch(second.text.strip()):
                continue  # "one-hot, with y_o = 1": the entry at one index, not every entry of y
            seen.add(name)
            value_at = (second.line, second.column)
            letters = "" if parts else family_letters(name)  # E_{total} from its parts: one name, no family t, o, a, l
            found.append(Definition(first.line, first.column, name, second.text.strip(), letters, value_at))
            twin = complement_of(name, binary) if binary else None
            if twin is not None and twin[0] not in seen:  # P(y=0|x) of a binary y: 1 - P(y=1|x)
                seen.add(twin[0])
                found.append(Definition(first.line, first.column, twin[0], twin[1], "", value_at))
    return sorted(found, key=lambda d: (d.line, d.column))


@dataclass(frozen=True)
class Reassignment:
    """``w_2 = 0.3`` after ``w_2 = 0.5``: a new value (an update), not a claim; (line, column): its start."""

    line: int
    column: int
    name: str
    before: str  # the value given first
    value: str = ""  # the new value (LaTeX), of a redefinition
    number: str = ""  # the new number, of a reassignment (latest_values reads it, to confirm only)


def find_reassignments(equations: list[Equation], notation: Notation, defs: list[Definition]) -> list[Reassignment]:
    """Every later ``name = value`` of a name first given a number: the name then has two values,
    and which one a later formula means is the reader's guess (so neither is used after it)."""
    given = {d.name: d for d in defs if GIVEN_NUMBER.fullmatch(d.rhs) or closed_value(d.rhs)}  # 2, or max(0, 1-(-1))
    found: list[Reassignment] = []
    for equation in equations:
        for chain in split_chain(equation):
            # "2w - 4 = 0 \Rightarrow w = 2": a chain after an arrow starts anew (unclaimed_equations)
            starts = [k for k in range(len(chain) - 1) if k == 0 or chain[k - 1][1] in ARROWS]
            for k in sorted(set(starts) | listed_names(chain, lambda t: _name(t, notation) is not None)):
                (first, relation), (second, _) = chain[k], chain[k + 1]
                if relation not in _DEFINES or not second.text.strip() or premise(chain, k):
                    continue
                old = given.get(_name(first.text, notation) or "")
                number = second.text.strip() if GIVEN_NUMBER.fullmatch(second.text) else ""
                later = old is not None and (first.line, first.column) > (old.line, old.column)
                # after a value computed from numbers (closed_values), only a number is a new value
                if later and (number or GIVEN_NUMBER.fullmatch(old.rhs)):
                    found.append(Reassignment(second.line, second.column, old.name, old.rhs, number=number))
    return found


def find_redefinitions(equations: list[Equation], notation: Notation, defs: list[Definition]) -> list[Reassignment]:
    """Every later ``name = expression`` of a name first defined by an expression (``J =
    u^{[L]}`` on one page, ``J = \\frac12(\\hat y - y)^2`` on the next): a derivation step or a
    new definition, which only its verdict tells (a number, ``\\hat y = 1``, is a computed claim)."""
    first = {d.name: d for d in defs if not GIVEN_NUMBER.fullmatch(d.rhs)}  # \ln y = … before y = …: (logged_names)
    first = with_logged_names(first, equations, lambda t: _name(t, notation), Definition)
    found: list[Reassignment] = []
    for equation in equations:
        for chain in split_chain(equation):
            for k in [0, *restated_heads(chain, lambda t: _name(t, notation))]:
                (left, relation), (value, _) = chain[k], chain[k + 1]
                text = value.text.strip()
                if relation not in _DEFINES or not text or GIVEN_NUMBER.fullmatch(text) or _PLACEHOLDER.fullmatch(text):
                    continue
                old = first.get(_name(left.text, notation) or "")
                if old is not None and (left.line, left.column) > (old.line, old.column):
                    found.append(Reassignment(value.line, value.column, old.name, old.rhs, text))
    return found


def find_declarations(equations: list[Equation], notation: Notation) -> dict[str, tuple[str, ...]]:
    """Shapes the document declares for names the notation does not know (``Y \\in
    \\mathbb{R}^{N \\times C}``): values are sampled with them where a definition uses them, but
    they do not make a step a matrix step, and they never confirm a membership claim (a
    declaration would confirm itself). The notation's shapes are not overridden: mixing a
    document's sizes with the notation's definitions would make steps ill-typed; its sample
    shapes are, by a declaration in display math (they only say how to sample a name the document
    may size otherwise)."""
    found: dict[str, tuple[str, ...]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            for (left, relation), (right, _) in zip(chain, chain[1:], strict=False):
                dims = space_dims(right.text) if relation == r"\in" else None
                name = _name(left.text, notation) if dims is not None else None
                # a shape the notation gives only for sampling (x of the seeds) gives way to the
                # document's own where a display states it (x ∈ R^{n×1} beside W ∈ R^{m×n} must not be
                # sampled with the seeds' d); a set in running text may be a function's domain
                # (seed 001: "x ∈ R^n ↦ diag(x)"), not the document's x
                sampled = name in notation.sample_shapes and equation.kind != "display"
                known = name in notation.shapes or sampled or name in notation.definitions
                if name and dims is not None and len(dims) <= 2 and not known:
                    found.setdefault(name, tuple(d for d in dims if d != "1"))
    return found


def definitions_before(definitions: list[Definition], line: int, column: int, rhs: str) -> list[Definition]:
    """The definitions a step at (line, column) may use: those written before it, never its own."""
    own = rhs.strip()
    # never its own: also when the name starts on an earlier line than its value (", \quad" + newline)
    return [
        d
        for d in definitions
        if (d.line, d.column) < (line, column)
        and not (d.line == line and d.rhs == own)
        and d.value_at != (line, column)
    ]


def parsed_definitions(notation: Notation, extra: dict[str, str] | None = None) -> dict[str, Node]:
    """The notation's definitions (and the document's, which win), read by the typed reader;
    a definition that cannot be read is left out (its name then has no value)."""
    out: dict[str, Node] = {}
    for name, latex in {**notation.definitions, **(extra or {})}.items():
        try:
            out[name] = parse_typed(latex, notation)
        except Unreadable:
            continue
    return out


def _in_notation(name: str, notation: Notation) -> bool:
    return name in notation.index_values or any(uses_name(v, name) for v in notation.definitions.values())


def _latest_values(
    redefined: list[Reassignment], notation: Notation, defined: frozenset[str] = frozenset()
) -> dict[Reassignment, tuple[Node | None, tuple[str, Normalized] | None]]:
    """Each new value, read both ways (None where it cannot be read), in the document's order;
    a value that mentions the name itself (J = J + λ‖W‖²) is an update, not a value."""
    out: dict[Reassignment, tuple[Node | None, tuple[str, Normalized] | None]] = {}
    for again in sorted(redefined, key=lambda r: (r.line, r.column)):
        # E_{total} = E_{o1} + E_{o2} uses the letter E only through defined parts (sibling_parts)
        parts = sum_of_parts(again.value, again.name, defined)
        if mentions_name(again.value, again.name) and not parts:
            continue
        letters = "" if parts else family_letters(again.name)  # E_{total}: a fixed name, not a family t, o, a, l
        norm = normalize(again.value, notation)
        scalar = None if norm.problems else (letters, norm)
        try:
            typed = None if letters else parse_typed(again.value, notation)
        except Unreadable:
            typed = None
        out[again] = (typed, scalar)
    return out


def _reason_defs(text: str, notation: Notation, defined: set[str]) -> list[Definition]:
    """The reason-clause definitions (reason_definitions), at column 0 of their line."""
    return [
        Definition(line, 0, name, rhs, family_letters(name), (line, 0))
        for line, name, rhs in reason_definitions(text, notation, defined)
    ]


class DocumentDefinitions:
    """A document's definitions, read once, and the ones each step may use."""

    def __init__(
        self, equations: list[Equation], notation: Notation, *, typed_base: dict[str, Node], text: str = ""
    ) -> None:
        self.defs = find_definitions("", notation, equations=equations)
        # "… \quad \because z = wx + b": a definition given as a row's reason holds from that
        # row's start on (reason_definitions); ``text`` is the document's source
        self.defs = sorted(
            [*self.defs, *_reason_defs(text, notation, {d.name for d in self.defs})], key=lambda d: (d.line, d.column)
        )
        # "… = (a_1 - y_1) = \delta_1", "a = \sigma(z) = \sigma(Wx + b)": names a chain gives a value (chain_names)
        results = chain_names(equations, notation, {d.name for d in self.defs}, _name, mentions_name)
        self.defs = sorted(
            [*self.defs, *(Definition(*r[:4], r[4], (r[0], r[1])) for r in results)], key=lambda d: (d.line, d.column)
        )
        self.declared = find_declarations(equations, notation)
        self.reassigned = find_reassignments(equations, notation, self.defs)
        self.redefined = find_redefinitions(equations, notation, self.defs)
        self.valued_at = lambda text, at: self._valued(text, at, notation)  # names with numbers before at
        self.zero_conditions = zero_conditions(equations, self.valued_at)
        self.contradictions = contradictions(equations)  # ⟹ 1 = 0: what an assumption forces (unclaimed_equations)
        self.zero_sides = zero_sides(equations)  # f'(x) = e^x - 1/x = 0, then e^x = 1/x (rearranged_zeros)
        self.restated = restated_data(equations)  # \{(x^{(i)}, y^{(i)})\} = \{(1, 2), …\}: new data (restated_data)
        self.names_e = names_e(equations)  # e = \hat{y} - y: e is a name here (unclaimed_equations)
        # p = softmax(z), h = σ(z) also define the entries p_k, h_k (entry_definitions)
        twice = {r.name for r in [*self.reassigned, *self.redefined]}
        math = " ".join(p.text for e in equations for p in e.pieces)
        self.defs = sorted(
            [*self.defs, *entry_definitions(self.defs, notation, math, twice)], key=lambda d: (d.line, d.column)
        )
        self.defs = labelled_families(self.defs)  # A_h and A_o defined apart: labels, not one family
        self.typed_base = typed_base
        # J = -\sum_j y_j \ln a_j + (1 - y_j)\ln(1 - a_j): a j bound by nothing else is the sum's (sum_scopes)
        scoped = replace(notation, sum_takes_index_terms=True)
        self.scalar = {d.name: (d.letters, normalize(d.rhs, notation if d.letters else scoped)) for d in self.defs}
        # p_j = e^j / Σ_i e^i: a family whose value is a function of its own index alone is the
        # document's shorthand (e^j for e^{o_j}, as its later steps show), not a value to put in
        shorthand = [d for d in self.defs if d.letters and index_only_value(self.scalar[d.name][1], d.letters)]
        self.index_only = {d.name for d in shorthand}
        self.typed: dict[str, Node] = {}
        for d in self.defs:
            if d.letters:
                continue  # families are expanded by the scalar judge only
            try:
                self.typed[d.name] = parse_typed(d.rhs, notation)
            except Unreadable:
                continue
        # the notation's value for a restatement not evaluable: set by document_context (restated_values)
        self.fallback: frozenset[str] = frozenset()
        # Not for a label index (y in o_y is read from its subscript), nor for a name the
        # notation's definitions use (L = -log o^s_y would silently change meaning with it).
        kept = [r for r in self.redefined if not _in_notation(r.name, notation)]
        self.latest = _latest_values(kept, notation, frozenset(d.name for d in self.defs))
        # Names a chain's first step defines (∂L/∂p_j = ∂(−Σ y_i log p_i)/∂p_j: implied_losses); a definition wins
        self.first_at: dict[str, tuple[int, int]] = {}
        for d in self.defs:
            self.first_at.setdefault(d.name, (d.line, d.column))
        self.implied = ImpliedDefinitions(equations, notation, self.first_at)

    def for_step(
        self, line: int, column: int, rhs: str, *, derivative: bool = False
    ) -> tuple[dict[str, Node], dict[str, tuple[str, Normalized]]]:
        """(definitions for the matrix judge, definitions for the scalar judge) before a step;
        ``derivative``: the step differentiates (unwritten_parts.computed_value)."""
        before = definitions_before(self.defs, line, column, rhs)
        # A name the document defines is the document's, even where its definition cannot be
        # read (L = l(o, y)): the notation's L (another course's loss) must not stand in for it.
        own = {d.name for d in self.defs}
        base = {k: v for k, v in self.typed_base.items() if k not in own}
        # the notation's definition of a name the document defines later does not hold here either
        later = {d.name: Opaque(d.name) for d in self.defs if not d.letters and d.name in self.typed_base}
        typed = {**base, **later, **{d.name: self.typed.get(d.name, Opaque(d.name)) for d in before if not d.letters}}
        typed.update({name: self.typed_base[name] for name in self.fallback if name in typed})
        # a tuple value ((1, 2)) is entry-wise only where the step writes the tuple itself: not put in for a name
        readable = {d.name for d in before if not self.scalar[d.name][1].problems and not self.scalar[d.name][1].tuples}
        usable = readable - self.index_only
        scalar = {d.name: self.scalar[d.name] for d in before if d.name in usable}
        # A name defined again (J = u^{[L]} on one page, J = ½(ŷ − y)² in a worked example) means
        # its latest value; a wrong verdict that uses it stays inconclusive (release_redefined).
        # a first definition written before but not readable (E_{total} = \\sum \\frac12(target -
        # output)^2, no index) holds here too: a readable value given later replaces it
        unreadable = {d.name for d in before if d.name not in self.index_only and self.scalar[d.name][1].problems}
        for again in self.latest:
            if (again.line, again.column) >= (line, column):
                break
            if again.name not in scalar and again.name not in typed and again.name not in unreadable:
                continue  # its first definition does not hold here either
            typed_value, scalar_value = self.latest[again]
            if derivative and computed_value(scalar_value, scalar.get(again.name)):
                continue  # net_{o1} = 0.4 \cdot 0.593 + …: the example's number, not what a derivative needs
            if typed_value is not None and again.name in typed:
                typed[again.name] = typed_value
            if scalar_value is not None and not scalar_value[1].tuples:
                scalar[again.name] = scalar_value
        self.implied.apply(line, column, typed, scalar, self.first_at)
        return typed, scalar

    def fallback_for(self, step: Any) -> set[str]:
        """The restated names (restated_values) defined before this step and reached from it."""
        before = {d.name for d in definitions_before(self.defs, step.line, step.column, step.rhs)}
        text = f"{step.lhs} {step.rhs}"
        # by the name's letter, so that \tilde J (defined from J) counts as a use of J
        core = {n: re.sub(r"\\[A-Za-z]+|[^A-Za-z]", "", n) or n for n in self.fallback & before}
        return {n for n, c in core.items() if re.search(rf"(?<![A-Za-z\\]){re.escape(c)}(?![A-Za-z])", text)}

    def defines_at(self, line: int, column: int) -> bool:
        """Is the link whose value starts at (line, column) one of the document's definitions?"""
        return any(d.value_at == (line, column) for d in self.defs)

    def reassignment_at(self, line: int, column: int) -> Reassignment | None:
        """The new assignment whose value starts at (line, column), if that is one."""
        return next((r for r in self.reassigned if (r.line, r.column) == (line, column)), None)

    def redefinitions_to_compare(self, results: list[StepResult]) -> list[tuple[Reassignment, tuple[int, int]]]:
        """(redefinition, where) pairs worth judging ``first value = new value`` at a ``wrong``
        step that uses the name: equal there (once the definitions written before that step are
        put in), the two definitions are one value and the step's verdict stands."""
        status = {(r.step.line, r.step.column): r.status for r in results}
        fresh = [r for r in self.redefined if status.get((r.line, r.column)) != "ok" and r.value]
        pairs: list[tuple[Reassignment, tuple[int, int]]] = []
        for result in results:
            where = (result.step.line, result.step.column)
            if result.status != "wrong":
                continue
            for again in fresh:
                if (again.line, again.column) > where or (again, where) in pairs:
                    continue
                if self.step_uses(again, result.step):
                    pairs.append((again, where))
        return pairs[:_MOST_COMPARED]

    def step_uses(self, again: Reassignment, step: Any) -> bool:
        """Does the step use the twice-defined name, or a name defined from it before the step
        (errs on yes)?"""
        names = self._closure({again.name}, (step.line, step.column))
        return any(uses_name(step.lhs, n) or uses_name(step.rhs, n) for n in names)

    def release_redefined(
        self, results: list[StepResult], equal: frozenset[tuple[Reassignment, tuple[int, int]]] = frozenset()
    ) -> list[StepResult]:
        """A name defined again by an expression that is not confirmed equal to its first value
        has two meanings from there on: a ``wrong`` there or after it that uses the name (or a
        name defined from it) is inconclusive, never a false alarm on the first meaning.
        ``equal`` holds the (redefinition, step position) pairs judged equal to the first value
        at that step, which therefore do not count there."""
        status = {(r.step.line, r.step.column): r.status for r in results}
        fresh = [r for r in self.redefined if status.get((r.line, r.column)) != "ok"]
        out: list[StepResult] = []
        for result in results:
            where = (result.step.line, result.step.column)
            s = f"{result.step.lhs} = {result.step.rhs}"  # "$x=1$ at $a=\mu$, $x=-1$ at $a=L$": cases on a line
            given = [r for r in fresh if (r.line, r.column) <= where or r.line == where[0] and not uses_name(s, r.name)]
            names = self._closure({r.name for r in given if (r, where) not in equal}, where)
            used = [n for n in sorted(names) if uses_name(result.step.lhs, n) or uses_name(result.step.rhs, n)]
            if result.status == "wrong" and used:
                note = f"; {used[0]} is defined more than once in the document, so which value is meant is not known"
                result = result.held(result.message + note)
            out.append(result)
        return out

    def _valued(self, text: str, where: tuple[int, int], notation: Notation) -> list[str]:
        """The names in ``text`` given a number before ``where`` (unclaimed_equations)."""
        numbers = {d.name for d in self.defs if (d.line, d.column) < where and GIVEN_NUMBER.fullmatch(d.rhs)}
        return sorted(numbers & normalize(text, notation).symbol_names) if numbers else []

    def _closure(self, names: set[str], where: tuple[int, int]) -> set[str]:
        """The names, and those defined (before ``where``) from them."""
        names = set(names)
        grew = bool(names)
        while grew:
            grew = False
            for d in self.defs:
                if d.name in names or (d.line, d.column) >= where:
                    continue
                value = self.scalar[d.name][1]  # read, it names its symbols (\hat{y} is not y); unread, errs on yes
                if value.symbol_names & names or (value.problems and any(uses_name(d.rhs, n) for n in names)):
                    names.add(d.name)
                    grew = True
        return names

    def shorthand_families(self, names: set[str]) -> set[str]:
        """The names (p_{k}, p_{1}) of families defined in their index alone (index_only_value):
        such a name means a value the document never writes, so it is judged free and a step
        that fails for it is not called wrong."""
        bases = {n.split("_", 1)[0] for n in self.index_only}
        return {n for n in names if "_" in n and n.split("_", 1)[0] in bases}

    def ambiguous(self, line: int, column: int) -> set[str]:
        """Names with no one value at (line, column): given again before it or on its line, or defined from one."""
        return self._closure({r.name for r in self.reassigned if r.line <= line}, (line, column))
