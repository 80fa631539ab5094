r"""Chains and steps of a document's equations.

An equation is split at its top-level relation signs into terms; each adjacent pair joined by
``=`` (display or inline math) is a step, and each ``X \in \mathbb{R}^{…}`` a membership claim. The chain
variable (the x of a ``d/dx`` in the chain, else its only symbol) lets a bare σ mean σ(x).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field, replace

from derive.checks.latex.brace_notes import brace_notes
from derive.checks.latex.cjk_prose import prose_end
from derive.checks.latex.conditions import as_conditions
from derive.checks.latex.decimal_commas import decimal_comma_at, decimal_equation
from derive.checks.latex.enumerations import numbers_go_on
from derive.checks.latex.extract import RELATIONS, Equation, extract
from derive.checks.latex.function_uses import chain_arguments
from derive.checks.latex.gradient_entries import per_entry_steps
from derive.checks.latex.limit_tokens import chain_limits
from derive.checks.latex.norm_tuples import tuple_weight
from derive.checks.latex.normalize import Notation, identifier_name, normalize

__all__ = ["Term", "Step", "split_chain", "find_steps", "is_real_space", "premise"]


@dataclass(frozen=True)
class Term:
    line: int
    text: str
    #: 1-based column of the term's first character, and the conditions of its row
    column: int = 1
    conditions: tuple[str, ...] = ()
    #: (index in text, line, column) of each of the term's tokens: any character's place (cases_steps)
    places: tuple[tuple[int, int, int], ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Step:
    """Two adjacent terms of a chain joined by a relation (``=`` or ``\\in``)."""

    line: int
    lhs: str
    rhs: str
    relation: str
    kind: str  # "display" | "inline"
    chain_var: str | None = None
    #: where the right-hand term starts (with ``line``), the prose before the block, and the
    #: conditions the step is stated under (its two terms' rows'; see extract.Piece)
    column: int = 1
    context: str = ""
    conditions: tuple[str, ...] = ()
    #: the one argument the chain applies each document function it also writes bare at (function_uses)
    chain_args: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: a step joined to the block before across prose: the ends of earlier chains the prose may
    #: go back to instead (extract.Piece.earlier; judged by prose_joins where the step fails)
    earlier: tuple[str, ...] = ()
    #: the right term's Term.places
    places: tuple[tuple[int, int, int], ...] = field(default=(), compare=False, repr=False)
    #: a value noted under or over a brace (brace_notes.py): never called wrong
    brace_note: bool = False


_REL_COMMANDS = {r[1:] for r in RELATIONS if r.startswith("\\")}


#: TeX spacing at the end of a term (``\phi(z)\ =\ \begin{cases}``, ``a \,=\, b``): typeset space, no math
_SPACING_END = re.compile(r"(?:\s|(?<!\\)\\[ ,;:!>]|~|\\q?quad(?![A-Za-z])|\\enskip(?![A-Za-z]))+$")


def split_chain(equation: Equation) -> list[list[tuple[Term, str]]]:
    """The chains of an equation: lists of (term, relation to the next term); see _split_chain.
    Every reader of a document asks for its equations' chains, about 4,000 times on seed 001, so
    they are computed once per equation (a copy of the lists is returned: callers may change it)."""
    # a piece's runs (where its text and the file stop running in step) place the terms but take
    # no part in an equation's equality, so they are part of the key
    chains = _chains(equation, tuple(piece.runs for piece in equation.pieces))
    return [list(chain) for chain in chains]


@functools.lru_cache(maxsize=4096)
def _chains(equation: Equation, runs: tuple) -> tuple[tuple[tuple[Term, str], ...], ...]:
    return tuple(tuple(chain) for chain in _split_chain(equation))


def _split_chain(equation: Equation) -> list[list[tuple[Term, str]]]:
    """The chains of an equation: lists of (term, relation to the next term).

    An equation holds several chains when its terms are separated by top-level commas,
    semicolons or a word between claims (``\\text{ and }``, ``\\text{so}``: ``a \\in A, b \\in B``);
    thousands separators (1,572,864) are kept."""
    chains: list[list[tuple[Term, str]]] = [[]]
    current: list[str] = []
    spots: list[tuple[int, int]] = []  # (line, column) of each token of current
    current_line = equation.line
    where: tuple[int, tuple[str, ...]] = (equation.column, ())

    def close_term(relation: str) -> None:
        nonlocal current, spots
        # \phi(z)\ =\ …: the spacing before = is no part of the side
        text = _SPACING_END.sub("", "".join(current)).strip()
        chains[-1].append((Term(current_line, text, *where, _places(current, spots)), relation))
        current, spots = [], []

    decimal = decimal_equation(" ".join(piece.text for piece in equation.pieces))
    for piece in equation.pieces:
        toks = re.findall(r"\\[A-Za-z]+\*?|\\.|\d+|\s+|.", piece.text, flags=re.S)
        starts = list(itertools.accumulate(map(len, toks), initial=0))
        depth = 0
        k = 0
        if not "".join(current).strip():
            current_line = piece.line
        while k < len(toks):
            t = toks[k]
            # \left( and \right) count through their delimiter tokens.
            annotated = _annotated_relation(toks, k) if depth == 0 else None
            if annotated is not None:
                # "A \overset{(1)}{=} B": the relation under its annotation (see _annotated_relation)
                rel, k = annotated
                close_term(rel)
                current_line = piece.line
                continue
            if t in ("{", "(", "[", r"\{", r"\langle", r"\begin"):
                depth += 1
            elif t in ("}", ")", "]", r"\}", r"\rangle", r"\end"):
                depth = max(0, depth - 1)
            elif depth == 0:
                rel, k = _relation_at(toks, k)
                if rel is not None:
                    close_term(rel)
                    current_line = piece.line
                    k += 1
                    continue
                before = chains[-1][-1][0].text if chains[-1] else None
                if t == "," and decimal and decimal_comma_at(toks, k, before):  # = 0,6 (decimal_commas)
                    current.append(".")
                    spots.append(piece.position(starts[k]))
                    k += 1
                    continue
                # 已知 z = …, a = b 其中 c = d: CJK prose is a word between claims too (cjk_prose)
                prose = prose_end(toks, k, term_so_far="".join(current), claims_before=bool(chains[-1]))
                if t in (",", ";") and not _thousands(toks, k) or _text_and(toks, k) or _bare_word(toks, k) or prose:
                    goes_on = _ellipsis_after(toks, k + 1) or numbers_go_on(toks, k + 1)  # l = 1, …, L; m = 1, 2, 3, …
                    close_term("…" if t == "," and goes_on else "")
                    chains.append([])
                    k = prose or _skip_text_and(toks, k)
                    current_line = piece.line
                    continue
            if t.strip() and not "".join(current).strip():
                # the term's first character: its own line and column (issue 11)
                current_line, column = piece.position(starts[k])
                where = (column, piece.conditions)
            current.append(t)
            spots.append(piece.position(starts[k]))
            k += 1
    close_term("")
    return [c for c in chains if len(c) >= 2 and c[-1][1] != "…"]  # "…": l = 1, …, L, a range, no claim


def _relation_at(toks: list[str], k: int) -> tuple[str | None, int]:
    """The relation sign at ``toks[k]`` and the index of its last token, or (None, k)."""
    t, after = toks[k], toks[k + 1] if k + 1 < len(toks) else ""
    if t == "=" and after == ">":
        return r"\Rightarrow", k + 1  # "=>" typed for an implication: not an equals sign
    if t == "=" and after == ":":
        return "=:", k + 1
    if t == ":" and after == "=":
        return ":=", k + 1
    if t in ("=", "<", ">") or t.startswith("\\") and t[1:] in _REL_COMMANDS:
        return t, k
    return None, k


#: an ellipsis after a comma: the list or range goes on
_ELLIPSES = {r"\ldots", r"\dots", r"\cdots", r"\dotsc", r"\dotso", "…", "⋯"}


def _ellipsis_after(toks: list[str], k: int) -> bool:
    r"""Does an ellipsis follow at ``k`` (spaces skipped), as in ``l = 1, \ldots, L``?"""
    while k < len(toks) and not toks[k].strip():
        k += 1
    return k < len(toks) and (toks[k] in _ELLIPSES or toks[k : k + 3] == [".", ".", "."])


def _places(tokens: list[str], spots: list[tuple[int, int]]) -> tuple[tuple[int, int, int], ...]:
    """(index in the stripped term, line, column) of each of its tokens."""
    lead = len("".join(tokens)) - len("".join(tokens).lstrip())
    starts = itertools.accumulate(map(len, tokens), initial=-lead)  # one more than tokens: the last is unused
    return tuple((o, *spot) for o, spot in zip(starts, spots, strict=False) if o >= 0)


#: an annotation over "=" that makes it a definition: \stackrel{def}{=}, \overset{\text{def}}{=}, \overset{\Delta}{=}
_DEFINITION_MARK = re.compile(r"def|defn|def\.|\\Delta|:")
#: an annotation that asks for equality rather than stating it: \overset{!}{=}, \stackrel{?}{=}
_REQUEST_MARK = re.compile(r"[!?]")
_FONTS = re.compile(r"\\(?:text|mathrm|textrm|rm|mathit|scriptscriptstyle|scriptstyle|small|tiny)|[{}\s]")


def _annotated_relation(toks: list[str], k: int) -> tuple[str, int] | None:
    """``\\stackrel{a}{=}`` or ``\\overset{a}{=}`` at ``k``: (the relation, the index after it).

    An annotation naming a definition (def, Δ) makes ``:=`` (the document defines the name on
    the left); one asking for equality (!, ?) makes ``=?``, no step (it is the equation to
    solve); any other (a reason, ``(1)``, ``\text{chain rule}``) leaves a plain ``=`` step."""
    if toks[k] not in (r"\stackrel", r"\overset"):
        return None
    note, j = _group(toks, k + 1)
    below, end = _group(toks, j) if note is not None else (None, j)
    if note is None or below is None or "".join(below).strip() != "=":
        return None
    text = _FONTS.sub("", "".join(note))
    if _REQUEST_MARK.fullmatch(text):
        return "=?", end
    if _DEFINITION_MARK.fullmatch(text):
        return ":=", end
    return "=", end


def _group(toks: list[str], k: int) -> tuple[list[str] | None, int]:
    """The tokens of the brace group starting at ``k`` (spaces before it skipped), and the index
    after it; (None, k) when there is none."""
    while k < len(toks) and not toks[k].strip():
        k += 1
    if k >= len(toks) or toks[k] != "{":
        return None, k
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if depth == 0:
            return toks[k + 1 : j], j + 1
    return None, k


def _thousands(toks: list[str], k: int) -> bool:
    after = k + 2 if toks[k + 1 : k + 2] == ["\\!"] else k + 1  # 12,\!345: the comma kept tight to its digits
    return k > 0 and toks[k - 1].isdigit() and after < len(toks) and re.fullmatch(r"\d{3}", toks[after]) is not None


def _text_and(toks: list[str], k: int) -> bool:
    if toks[k] not in (r"\text", r"\quad", r"\qquad", r"\mbox"):
        return False
    if k > 0 and toks[k - 1] in ("_", "^"):  # L_\text{con}: a label in a script, never a word between claims
        return False
    rest = "".join(toks[k : k + 40])
    return _CLAIM_WORDS.match(rest) is not None


#: "and", "so", "hence" … between two formulas: two claims, each its own chain; also a clause of
#: prose that leads a row (``\text{Similarly,}\quad``, ``\text{or,}``, ``\text{In the output
#: layer,}``): words ending with a comma or colon, never a name such as ``\text{softmax}``
_CLAIM_WORDS = re.compile(
    r"(\\q?quad\s*)?\\(text|mbox)\{\s*\{?\s*(?:"  # \mbox{{So: }}: a brace group inside, as some editors write
    r"(?:and|where|for|with|so|hence|thus|then|therefore|or|similarly|proof|since|because|,|;)[\s,.:]*"
    r"|[A-Za-z][A-Za-z ]*[,:]\s*"
    # "and" in the other languages of the notes we read; the one-letter ones (y, e, i) only spaced
    # inside their braces (``\quad\mbox{ y }\quad``), as a word is typeset, never ``\text{y}``
    r"|(?-i:et|und|và|dan|ve|og|och|和|且|及|以及|および|かつ|그리고|및)[\s,.:]*"
    # with, where, then, so: Spanish, Italian, French, German, Portuguese
    r"|(?:con|donde|entonces|luego|dove|quindi|allora|avec|où|donc|alors|mit|wobei|dann|daher|somit|com|onde|então"
    r"|logo|portanto)[\s,.:]*"
    r"|\s+(?-i:y|e|i)\s+"
    r")\}?\s*\}",
    re.I,
)


#: "or" / "and" typed bare between two claims (``$Y = 0 or Y = 1$``): a word, not the product o·r
_BARE_WORDS = ("or", "and")


def _bare_word(toks: list[str], k: int) -> str | None:
    """The word "or" or "and" typed without ``\text`` at ``toks[k]``, spaced on both sides and
    between two relations of the same row (``$Y = 0 or Y = 1$``), else None."""
    if k == 0 or not toks[k - 1].isspace():
        return None
    for word in _BARE_WORDS:
        end = k + len(word)
        if "".join(toks[k:end]) == word and end < len(toks) and toks[end].isspace():
            rest = "".join(toks[end:])
            if "=" in rest and "=" in "".join(toks[:k]):
                return word
    return None


def _skip_text_and(toks: list[str], k: int) -> int:
    if toks[k] in (",", ";"):
        return k + 1
    word = _bare_word(toks, k)
    if word is not None:
        return k + len(word)
    # skip up to and including the closing brace of \text{…} (of \text{{…}} too)
    depth = 0
    while k < len(toks) and not (toks[k] == "}" and depth <= 1):
        depth += (toks[k] == "{") - (toks[k] == "}")
        k += 1
    return k + 1


def find_steps(
    text: str, notation: Notation, *, markdown: bool | None = None, equations: list[Equation] | None = None
) -> list[Step]:
    """Every step of a document, in order (``equations``: the document already extracted)."""
    steps: list[Step] = []
    equations = extract(text, markdown=markdown) if equations is None else equations
    for equation in equations:
        joins = [((p.line, p.column), _chain_ends(equations, p.earlier)) for p in equation.pieces if p.earlier]
        chains, trailing = _trailing_conditions(split_chain(equation))
        for chain in map(_leading_condition, chains):
            chain = [
                (replace(term, conditions=tuple(dict.fromkeys(term.conditions + trailing))), r) for term, r in chain
            ]
            limited = chain_limits([term.text for term, _ in chain])
            if limited is not None:  # a bare \lim continues the chain's limit (limit_tokens.py)
                pairs = zip(chain, limited, strict=True)
                chain = [(replace(term, text=text, places=()), r) for (term, r), text in pairs]
            var = _chain_variable([term.text for term, _ in chain], notation)
            at = chain_arguments([term.text for term, _ in chain], notation)
            for (left, relation), (right, _) in zip(chain, chain[1:], strict=False):
                if not left.text or not right.text:
                    continue
                place = (right.column, equation.context, tuple(dict.fromkeys(left.conditions + right.conditions)))
                if relation == "=":
                    # the step across the prose: its right term is the joined row's first
                    span = ((left.line, left.column), (right.line, right.column))
                    earlier = next((e for at_row, e in joins if span[0] < at_row <= span[1]), ())
                    step = Step(right.line, left.text, right.text, "=", equation.kind, var, *place, chain_args=at)
                    step = replace(step, places=right.places)
                    steps.append(replace(step, earlier=earlier) if earlier else step)
                elif relation == r"\in" and is_real_space(right.text):
                    steps.append(Step(right.line, left.text, right.text, r"\in", equation.kind, var, *place))
        for line, column, part, value, conditions in brace_notes(equation):  # \underbrace{…}_{=p_j}: a claim
            note = Step(line, part, value, "=", equation.kind, None, column, equation.context, conditions)
            steps.append(replace(note, brace_note=True))
    return per_entry_steps(steps, text, notation)  # ∇_h ℓ_ce(h, y) = z - e_y, entry by entry (gradient_entries)


def _chain_ends(equations: list[Equation], indices: tuple[int, ...]) -> tuple[str, ...]:
    """The last term of each of these equations' last chains (a chain the prose may go back to)."""
    ends = []
    for i in indices:
        chains = split_chain(equations[i])
        if chains and chains[-1] and chains[-1][-1][0].text:
            ends.append(chains[-1][-1][0].text)
    return tuple(ends)


def _chain_text(chain: list[tuple[Term, str]]) -> str:
    """A chain written out again, its terms and relations (to be read as conditions)."""
    return " ".join(term.text + (f" {rel} " if rel else "") for term, rel in chain)


#: an arrow written between a condition and what holds under it: ``i = j \rightarrow \delta_{ij} = 1``
_IMPLIES = {r"\rightarrow", r"\Rightarrow", r"\implies", r"\to", r"\longrightarrow", r"\Longrightarrow"}


#: arrows that make a number given a name before them a premise: y = 1 ⇒ L = -\log \hat{y}
_PREMISE_ARROWS = {r"\Rightarrow", r"\implies", r"\Longrightarrow"}
_NUMBER = re.compile(r"\s*[-+]?\s*\d+(?:[.,]\d+)?\s*")


def premise(chain: list[tuple[Term, str]], k: int) -> bool:
    r"""Is link k of a chain a name set to a number right before an implication arrow (``y = 1
    \Rightarrow L = -\log \hat{y}``, "Nếu $y = 1 => …$")? A case supposed: the condition of what
    follows (_leading_condition), neither the name's definition nor a new value (doc_definitions)."""
    return (
        k + 1 < len(chain)
        and chain[k + 1][1] in _PREMISE_ARROWS
        and _NUMBER.fullmatch(chain[k + 1][0].text) is not None
    )


def _leading_condition(chain: list[tuple[Term, str]]) -> list[tuple[Term, str]]:
    r"""``i = j \rightarrow \delta_{ij} = 1``: the relation before the arrow is the condition the
    rest holds under, not a step of its own (read as one, δ_ij = 1 would be claimed for every i, j)."""
    arrow = next((k for k, (_, rel) in enumerate(chain) if rel in _IMPLIES), None)
    if arrow is None or arrow == 0 or arrow + 2 > len(chain):
        return chain
    text = _chain_text([*chain[:arrow], (chain[arrow][0], "")])  # up to the arrow, without it
    # a relation of two index letters, or a name set to a number before ⇒ (y = 1 ⇒ L = -log ŷ: the case
    # supposed, see premise); "u = -z =>" states a claim of its own
    index_relation = re.fullmatch(r"\s*[a-z]\s*(?:=|\\neq?|\\not=|!=)\s*[a-z]\s*", text) is not None
    condition = as_conditions(text) if index_relation or premise(chain, arrow - 1) else []
    if not condition:
        return chain
    under = tuple(condition)
    after = chain[arrow + 1 :]
    return [(replace(term, conditions=tuple(dict.fromkeys(term.conditions + under))), rel) for term, rel in after]


def _trailing_conditions(chains: list[list[tuple[Term, str]]]) -> tuple[list[list[tuple[Term, str]]], tuple[str, ...]]:
    """``A = B, \\quad i = j`` or ``A = B, i \\neq j``: a chain after a comma that is only a
    relation between indices is the condition of the equation's other chains, not a step."""
    kept: list[list[tuple[Term, str]]] = []
    found: list[str] = []
    for chain in chains:
        condition = as_conditions(_chain_text(chain)) if len(chain) == 2 and kept else []
        if condition:
            found += condition
        else:
            kept.append(chain)
    return kept, tuple(found)


def _chain_variable(terms: list[str], notation: Notation) -> str | None:
    """The variable a chain is about: its d/dx variable, else its only symbol."""
    diff_vars: set[str] = set()
    primes: set[str] = set()  # the variables of primes on brackets (norm_primes)
    names: set[str] = set()
    bare: set[str] = set()
    calls: list[tuple[str, str]] = []
    implicit = True  # "σ' = σ(1 − σ)": no name anywhere, a bare function in every term, one primed
    primed = False
    for text in terms:
        norm = normalize(text, notation)
        diff_vars.update(norm.diff_vars)
        primes.update(norm.prime_vars)
        bare.update(norm.bare)
        calls += norm.calls
        implicit = implicit and bool(norm.bare) and not norm.symbol_names and not norm.calls
        primed = primed or (bool(norm.bare) and any(parts[1] == "1" for parts in norm.functions.values()))
        if not norm.problems:
            names |= {n for n in norm.symbol_names if n != tuple_weight(2) and not n.startswith("τ[")}
    if implicit and primed and not diff_vars:
        # every function of the chain at one argument, left unwritten: call it x
        return "x"
    if not diff_vars:  # the variables primes on brackets are read by count where nothing is written
        diff_vars = primes
    var = None
    if len(diff_vars) == 1:
        var = next(iter(diff_vars))
    elif not diff_vars and len(names) == 1:
        var = next(iter(names))
    if var is None:
        return None
    # σ alone means σ(x) only if the chain never applies σ to anything but x: in
    # "d/dx σ(wx + b) = σ(1 − σ) w" the bare σ is σ(wx + b), and guessing σ(x) would be
    # a false alarm.
    named = {(function, _as_name(argument, notation)) for function, argument in calls}
    for function, argument in named:
        if function in bare and argument != var:
            return None
    # Without a d/dx, the chain must also apply each bare function to x explicitly
    # somewhere ("σ(x)(1 − σ(x)) = σ(1 − σ)"); "σ = α" is not read as σ(α) = α.
    if not diff_vars and any((function, var) not in named for function in bare):
        return None
    return var


def _as_name(text: str, notation: Notation) -> str | None:
    try:
        return identifier_name(text, notation=notation)
    except Exception:  # noqa: BLE001 - not a plain name
        return None


_REAL_SPACE = re.compile(
    r"^\s*\\mathbb\s*\{?\s*R\s*\}?\s*(\^\s*(\{(?P<braced>.*)\}|(?P<single>\\?[A-Za-z0-9]+)))?\s*$", re.S
)


def is_real_space(text: str) -> bool:
    """Is this ``\\mathbb{R}`` or ``\\mathbb{R}^{…}``?"""
    return _REAL_SPACE.match(text) is not None
