"""The equations of a document: its math regions cut into rows and joined into chains.

Where the math is comes from real parsers (:mod:`~derive.checks.latex.markdown_doc`:
markdown-it-py with dollarmath, amsmath and texmath; :mod:`~derive.checks.latex.latex_doc`:
pylatexenc's LatexWalker). Here a display block is cut into rows at its top-level ``\\\\``;
``aligned``, ``split``, ``gathered``, ``alignedat`` and display environments nested in a block
(``$$\\begin{align}…\\end{align}$$``) are transparent. A row that starts with a relation sign
(``&= …``) continues the previous row's chain, so

    L &= A \\\\
      &= B

is the one chain ``L = A = B``, with ``B`` on its own line (see :mod:`~derive.checks.latex.rows`,
which also turns ``cases`` holding steps into one row per case). A display block that starts
with a relation sign continues the previous block's chain, also after prose ("which simplifies
to"), but not across a heading or an inline formula with its own ``=``; one that starts with an
operator (``+ C``) continues the previous term when only blank lines separate them.

The document's own macros (``\\newcommand``, ``\\def``, ``\\DeclareMathOperator``) are expanded
first (:mod:`~derive.checks.latex.macros`). Every character of a row keeps its line and column
in the file (:meth:`Piece.position`). The prose just before a block is kept as its ``context``;
conditions stated in that prose, in the sentence right after a block, at the end of a row
(``\\quad \\text{for } i \\neq j``) or around an inline formula are read by
:mod:`~derive.checks.latex.conditions`, and :mod:`~derive.checks.latex.clauses` says which
formula each belongs to.

Inline math ``$…$`` is extracted too, marked ``inline``; single-``$`` math alone on its line in
Markdown is display, and an inline formula that is itself a condition ("if $i = j$") is left out.
Nothing of the document is evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from derive.checks.latex.clauses import free_conditions, inline_conditions, sentence_start
from derive.checks.latex.conditions import prose_conditions
from derive.checks.latex.continued_inline import with_continued_inline
from derive.checks.latex.equation import RELATIONS, Equation, Piece, starts_with_relation
from derive.checks.latex.fixed_arguments import with_fixed_arguments
from derive.checks.latex.latex_doc import latex_regions
from derive.checks.latex.macros import definition_spans, expand, reading_macros
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.numbered_layers import with_layer_labels
from derive.checks.latex.primed_indices import with_plain_indices
from derive.checks.latex.region import LineTable, Region
from derive.checks.latex.rows import rows_of
from derive.checks.latex.split_inline import with_split_inline
from derive.checks.latex.text_math import with_text_math

__all__ = ["Piece", "Equation", "extract", "equations_of", "RELATIONS", "starts_with_relation"]


# --------------------------------------------------------------------------- prose around blocks

_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s|^\s*\*\*[^*\n]+\*\*\s*$|\\(?:sub)*section\*?\{|\\paragraph\{|\\chapter\{", re.M
)
#: a clause that goes on the sentence of the block before it: on the same line or the next (never
#: after a blank line), in lower case or after a comma ("$$A$$ for $i \neq j$."); a capitalised
#: "When $j \neq k$, …" opens a new sentence, about what follows
_TRIGGER_WORD = r"(?:\\text\{\s*)?(?:for|if|when|whenever|where|provided|assuming|with)"
_LEADING_TRIGGER = re.compile(
    r"[ \t]*(?:\n[ \t>]*)?(?:[,;][ \t]*(?:\n[ \t>]*)?(?i:" + _TRIGGER_WORD + r")|" + _TRIGGER_WORD + r")\b"
)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n[ \t>]*\n")
#: prose longer than this between two blocks breaks a chain even if the next block starts with "="
_MAX_JOIN_PROSE = 2000


@dataclass(frozen=True)
class _Prose:
    """What the prose around one display block says about it."""

    context: str
    conditions: tuple[str, ...]
    join_by_relation: bool  # a block starting with "=" continues the previous chain
    join_by_operator: bool  # a block starting with "+" continues the previous term


def _last_sentence(prose: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", prose) if p.strip()]
    if not paragraphs:
        return ""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z$\\])", paragraphs[-1].strip())
    return sentences[-1]


def _split_between(between: str, final: bool = False) -> tuple[str, str, bool]:
    """(the end of the previous block's sentence, the prose before the next block, ambiguous).

    "$$A$$ for $i \\neq j$. Next, …" : the condition is A's. When such a trailing clause runs
    into the next block without a sentence end, it cannot be told whose it is: ambiguous, and
    it is given to both blocks (a condition too many can only leave a step unjudged; one too
    few can call a correct step wrong)."""
    lead = _LEADING_TRIGGER.match(between)
    if lead is None:
        return "", between, False
    end = _SENTENCE_END.search(between, lead.end())
    if end is None:
        # after the last block, the end of the document ends the clause
        return (between, "", False) if final else (between, between, True)
    return between[: end.end()], between[end.end() :], False


def _context(prose: str) -> str:
    paragraphs = [p for p in re.split(r"\n\s*\n", prose) if p.strip()]
    text = " ".join(paragraphs[-1].split()) if paragraphs else ""
    text = re.sub(r"\*\*|__|^[#>\-*+\s]+", "", text).strip()
    if len(text) <= 200:
        return text
    tail = text[-199:]
    return "…" + (tail.split(" ", 1)[1] if " " in tail[:40] else tail)


def _prose_info(text: str, displays: list[Region], formulas: list[Region]) -> dict[int, _Prose]:
    """For each display block (by start offset): its context, conditions and whether it may
    continue the previous block's chain. ``formulas``: every formula (inline or display) whose
    own clauses are not a block's (see :mod:`~derive.checks.latex.clauses`)."""
    info: dict[int, _Prose] = {}
    trailing: list[tuple[str, ...]] = []
    befores: list[tuple[str, str, bool]] = []
    for k, region in enumerate(displays):
        start = displays[k - 1].end if k else 0
        after_prev, before, ambiguous = (
            _split_between(text[start : region.start]) if k else ("", text[: region.start], False)
        )
        if k:
            trailing.append(tuple(prose_conditions(after_prev)))
        befores.append((text[start : region.start], before, ambiguous))
    if displays:
        after_last, _, _ = _split_between(text[displays[-1].end :], final=True)
        trailing.append(tuple(prose_conditions(after_last)))
    for k, region in enumerate(displays):
        between, before, ambiguous = befores[k]
        stated = tuple(prose_conditions(before)) if ambiguous else (free_conditions(text, region.start, formulas) or ())
        conditions = tuple(dict.fromkeys(stated + trailing[k]))
        markup_only = re.fullmatch(r"[\s>]*", between) is not None
        # a block that starts with "=" continues the previous block's chain, unless a heading or
        # an inline formula with its own "=" (which it might continue instead) comes between
        previous_end = displays[k - 1].end if k else 0
        claims_between = any(
            r.kind != "display" and "=" in r.text and previous_end <= r.start < region.start for r in formulas
        )
        by_relation = (
            k > 0
            and len(between.strip()) <= _MAX_JOIN_PROSE
            and _HEADING.search(between) is None
            and not claims_between
        )
        info[region.start] = _Prose(_context(before), conditions, by_relation, k > 0 and markup_only)
    return info


# --------------------------------------------------------------------------- chains


def _with_conditions(piece: Piece, conditions: tuple[str, ...]) -> Piece:
    if not conditions:
        return piece
    merged = tuple(dict.fromkeys(conditions + piece.conditions))
    return Piece(piece.line, piece.text, piece.column, merged, piece.runs)


def _merge(first: Piece, second: Piece) -> Piece:
    """``first`` continued by ``second`` (a term cut by a row break), joined by a space."""
    joint = len(first.text)
    line, column = first.position(joint - 1)
    shifted = tuple((k + joint + 1, ln, col) for k, ln, col in second.runs)
    runs = (first.runs or ((0, first.line, first.column),)) + ((joint, line, column + 1),) + shifted
    conditions = tuple(dict.fromkeys(first.conditions + second.conditions))
    return Piece(first.line, first.text + " " + second.text, first.column, conditions, runs)


def _inline_equations(
    text: str, region: Region, table: LineTable, latex: bool, conditions: tuple[str, ...]
) -> list[Equation]:
    """An inline formula under the conditions its sentence gives it (clauses.inline_conditions),
    with the sentence before it as its context."""
    context = " ".join(text[sentence_start(text, region.start) : region.start].split())[-200:]
    return [
        Equation((_with_conditions(p, conditions),), "inline", context, conditions)
        for p in rows_of(region, table, latex)
    ]


def _with_macros_expanded(text: str, regions: list[Region], latex: bool) -> list[Region]:
    """The regions with the document's own macros expanded and its definitions blanked (a
    ``$\\newcommand{…}{…}$`` is not a claim)."""
    source = re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text) if latex else text
    macros = reading_macros(source)
    if not any(name in source for name in macros):
        return regions
    spans = definition_spans(source)
    out = []
    for region in regions:
        chars = [
            " " if any(a <= o < b for a, b in spans) and c != "\n" else c
            for c, o in zip(region.text, region.offsets, strict=True)
        ]
        body, offsets = expand("".join(chars), list(region.offsets), macros)
        out.append(Region(region.kind, body, tuple(offsets), region.start, region.end))
    return out


def extract(text: str, *, markdown: bool | None = None) -> list[Equation]:
    """The equations of a document, in order. ``markdown`` defaults to: the text is not a LaTeX
    document (no ``\\documentclass``, no ``\\begin{document}``)."""
    if markdown is None:
        markdown = "\\documentclass" not in text and "\\begin{document}" not in text
    return list(_extracted(text, markdown))  # a list of its own: a caller may change its list


# The command reads a document's equations twice (the checker, then the blocks without steps for
# the report, coverage.py), and again when it checks the document a second time with e a name
# (variable_e_pass): once is enough. Equations are frozen, so sharing them is safe.
@lru_cache(maxsize=2)
def _extracted(text: str, markdown: bool) -> tuple[Equation, ...]:
    regions = markdown_regions(text) if markdown else latex_regions(text)
    return tuple(equations_of(text, regions, latex=not markdown))


def equations_of(text: str, regions: list[Region], *, latex: bool = False) -> list[Equation]:
    """The equations of math regions found in ``text`` (see :func:`extract`)."""
    table = LineTable(text)
    # l(f(x), y) written at the same arguments throughout is the loss l (fixed_arguments.py)
    # and k' in \sum_{k'} e^{z_{k'}}, an index of its own, a plain letter (primed_indices.py)
    regions = with_fixed_arguments(with_layer_labels(text, _with_macros_expanded(text, regions, latex)))
    regions = with_plain_indices(with_text_math(regions))  # \text{if $i = k$}: text_math.py
    regions = with_split_inline(text, regions)  # $w = 0 - (0.1)$ $(\frac13 …) = …$: one formula
    regions = with_continued_inline(text, regions)  # <p>$A = B$</p> <p>$= C$</p>: a displayed chain
    inline = [r for r in regions if r.kind != "display"]
    stated = inline_conditions(text, inline)  # formulas only: a condition such as "if $i = j$" is left out
    formulas = [r for r in regions if r.kind == "display" or r.start in stated]
    info = _prose_info(text, [r for r in regions if r.kind == "display"], formulas)
    equations: list[Equation] = []
    last: int | None = None  # index of the last display equation: the chain a block may continue
    aside = False  # that equation is one step standing alone in its block (see _goes_back)
    for region in regions:
        if region.kind != "display":
            if region.start in stated:
                equations.extend(_inline_equations(text, region, table, latex, stated[region.start]))
            continue
        prose = info[region.start]
        previous = equations[last] if last is not None else None
        chains: list[list[Piece]] = []
        asides: list[tuple[int, int, int]] = []  # (chain, row in it, the reason's chain): see _before_aside
        joined = False
        for row in (_with_conditions(p, prose.conditions) for p in rows_of(region, table, latex)):
            target = chains[-1] if chains else (list(previous.pieces) if previous is not None else None)
            if target is not None and (chains or prose.join_by_operator) and _continues_term(row.text, target[-1].text):
                # "&\quad + B" or a block "$$+ B$$": the previous term goes on.
                if not chains:
                    chains.append(target)
                    joined = True
                chains[-1][-1] = _merge(chains[-1][-1], row)
            elif target is not None and (
                (chains or prose.join_by_relation) and starts_with_relation(row.text)
                or chains and _ends_with_equals(target[-1].text)  # "A =& B = \\ & C": the "=" ends the row
            ):
                if not chains:
                    chains.append(target)
                    joined = True
                    if last is not None and (not prose.join_by_operator or aside):  # a guess (Piece.earlier)
                        before = [i for i in range(last - 1, -1, -1) if equations[i].kind == "display"]
                        row = replace(row, earlier=tuple(before[:2]))
                main = _before_aside(chains) if chains else None
                # "&= B &&\text{from} …": a remark on a line of the chain itself, never gone back to
                beside = main is not None and chains[-1][0].line in {p.line for p in chains[main]}
                if main is not None and not beside and all(reason != len(chains) - 1 for _, _, reason in asides):
                    asides.append((main, len(chains[main]), len(chains) - 1))
                chain = chains[main if main is not None else -1]
                if starts_with_relation(row.text) and _ends_with_equals(chain[-1].text):
                    chain[-1] = _without_last_equals(chain[-1])  # "A = B =" then "= C": one "=" between
                chain.append(row)
            else:
                chains.append([row])
        _point_back_to_asides(chains, asides, len(equations) - (1 if joined else 0), last if joined else None)
        for n, pieces in enumerate(chains):
            if n == 0 and joined and previous is not None and last is not None:
                equations[last] = Equation(tuple(pieces), "display", previous.context, previous.conditions)
            else:
                equations.append(Equation(tuple(pieces), "display", prose.context, prose.conditions))
                last = len(equations) - 1
        aside = not joined and len(chains) == 1 and _goes_back(chains[0])
    return equations


def _goes_back(chain: list[Piece]) -> bool:
    r"""Is this block one step standing alone (``$$\frac{d}{dx}\cosh x = \sinh x$$``), so that a
    block ``$$= …$$`` right after it may go on with the chain before it instead? Between the steps
    of a derivation, a side fact is written this way without prose (the quotient rule's two
    derivatives, then ``$$= \frac{\cosh^2 x - \sinh^2 x}{\cosh^2 x}$$``); the block after it is
    judged against the side fact first and against the earlier chains where it fails there
    (prose_joins), as across prose."""
    return len(chain) == 1 and not starts_with_relation(chain[0].text) and _top_level_equals(chain[0].text) == 1


def _ends_with_equals(text: str) -> bool:
    r"""Does the row end with its relation (``\frac{\partial Z}{\partial A} =& … =``, the next row
    ``& …`` holding the next term)? Some authors break an align chain after the sign, not before."""
    stripped = text.rstrip()
    return stripped.endswith("=") and not stripped.endswith(("\\=", ":=")) and _top_level_equals(stripped) >= 1


def _without_last_equals(piece: Piece) -> Piece:
    """The row with its trailing ``=`` blanked (a space, so every character keeps its place)."""
    end = len(piece.text.rstrip()) - 1
    return replace(piece, text=piece.text[:end] + " " + piece.text[end + 1 :])


def _top_level_equals(text: str) -> int:
    """How many ``=`` stand outside every brace and bracket of ``text``."""
    depth = count = 0
    for tok in re.findall(r"\\[A-Za-z]+|\\.|.", text, flags=re.S):
        depth += tok in "{([" and len(tok) == 1
        depth -= tok in "})]" and len(tok) == 1
        count += tok == "=" and depth == 0
    return count


def _before_aside(chains: list[list[Piece]]) -> int | None:
    r"""A row ``&= …`` after a reason row (``\because \ln 1 &= 0``) goes on with the chain before
    the reason, as a reader reads ``J &= …`` / ``\because \ln 1 &= 0`` / ``&= …``: the index of
    that chain, or None when the last chain is no reason or nothing comes before it."""
    if not chains[-1] or not chains[-1][0].aside:
        return None
    before = [n for n in range(len(chains) - 1) if not chains[n][0].aside]
    return before[-1] if before else None


def _point_back_to_asides(
    chains: list[list[Piece]], asides: list[tuple[int, int, int]], first: int, joined_to: int | None
) -> None:
    """The first row after a reason may still go on with the reason's own chain: it keeps that
    equation's index as the chain it may go back to (Piece.earlier, judged by prose_joins where
    the step fails against the chain before the reason). ``first``: the equation index of
    ``chains[0]`` when it is a new equation; ``joined_to``: its index when it joined the one before."""
    for main, row, reason in asides:
        index = joined_to if reason == 0 and joined_to is not None else first + reason
        chains[main][row] = replace(chains[main][row], earlier=(index,))


_OPERATOR_START = re.compile(
    r"^\s*(?:(?:\\q?quad|\\[,;:! ]|~|\\left[.(\[]?)\s*)*(\+|-(?!-)|\\cdot\b|\\times\b|\\pm\b|\\mp\b|/)"
)
_OPERATOR_END = re.compile(r"(\+|-|\\cdot|\\times|\\pm|\\mp|/)\s*$")


def _continues_term(row: str, previous: str) -> bool:
    """A row that starts with a binary operator and states no relation of its own, or that
    follows a row ending with one, continues the previous row's last term."""
    if _OPERATOR_END.search(previous):
        return True
    return bool(_OPERATOR_START.match(row)) and not _has_top_level_relation(row)


def _has_top_level_relation(row: str) -> bool:
    depth = 0
    k = 0
    while k < len(row):
        c = row[k]
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and (c in "=<>" or (c == "\\" and starts_with_relation(row[k:]))):
            return True
        k += 2 if c == "\\" else 1
    return False
