r"""Which formula a condition in running text belongs to.

"$\mathrm{diag}(x)_{ij} = x_i$ if $i = j$ and $\mathrm{diag}(x)_{ij} = 0$ if $i \neq j$": each
clause "if …" right after a formula is that formula's; the second formula does not hold under
the first clause (giving it i = j would turn a correct step into a false alarm). A clause
before the first formula of a sentence ("If $k \neq y$: $…$") is that formula's and goes on to
the formulas after it in the sentence ("for $i \neq j$, $A$ and $B$") until one of them has a
clause of its own. A formula that is itself a condition ("if $i = j$") is not a formula here.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from derive.checks.latex.conditions import (
    CJK_TRIGGERS,
    CONJOINED,
    as_conditions,
    conjoined,
    equal_names,
    prose_conditions,
    reasons,
)
from derive.checks.latex.region import Region

__all__ = ["is_condition", "inline_conditions", "free_conditions", "sentence_start"]

_LEAD = re.compile(
    r"(?:\b(?:if|for|when|whenever|where|provided|assuming|given|case|since|because)|" + CJK_TRIGGERS + ")"
    r"\s*(?:all\s+|each\s+|that\s+)?[:(]?\s*$",
    re.I,
)
#: a clause that ends with "then" (则, alors, dann …) right before the next formula: "if $l \ne j$,
#: then $\delta_{lj} = 0$" states the condition of what follows, not of the formula before it
_THEN_END = re.compile(r"(?:\bthen|则|那么|alors|dann|entonces|allora|então)[\s,，:：>]*$", re.I)
#: a word that turns to the other case: what the sentence supposed before it no longer holds
#: ("for all other $k$"); what the sentence states after the word is the next formula's condition.
#: "but" and "while" are not such words: "if $x > 0$, $|x| = x$ but also $\sqrt{x^2} = x$" goes on
#: under x > 0 (the same quantity given another value is another case all the same: _same_left_side)
_OTHERWISE = re.compile(
    r"\b(?:otherwise|else|elsewhere|in\s+(?:all\s+)?(?:the\s+)?other\s+cases?|if\s+not|sinon|autrement|"
    r"sonst|andernfalls|ansonsten|de\s+lo\s+contrario|en\s+otro\s+caso|si\s+no|altrimenti|caso\s+contr[aá]rio|"
    r"sen[aã]o|иначе|в\s+противном\s+случае|(?:all|any|every|each|the)\s+other)\b|"
    r"否则|否則|其他情况|其它情况|其余|それ以外|그렇지\s*않으면",
    re.I,
)
_TRAILING = re.compile(r"^[\s,;]*(?:\\text\{\s*)?(?:if|for|when|whenever|where|provided|assuming|given|unless)\b", re.I)
#: what may stand before a lone case heading: "Case 2:", "(b)", "-", nothing
_LONE_CASE = re.compile(r"[\s>*#\-]*(?:(?:case|fall)\s*\w{0,3}\s*[:.)]?\s*|\(\w\)\s*)?", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t>]*\n")


@lru_cache(maxsize=4)
def _boundaries(text: str) -> tuple[list[int], list[int]]:
    """Where sentences end (match start) and where the next ones begin (match end), in order."""
    found = list(_SENTENCE_END.finditer(text))
    return [m.start() for m in found], [m.end() for m in found]


def sentence_start(text: str, index: int) -> int:
    """Where the sentence holding ``text[index]`` starts."""
    _, begins = _boundaries(text)
    k = bisect.bisect_right(begins, index) - 1
    return begins[k] if k >= 0 else 0


def _sentence_end(text: str, index: int) -> int:
    stops, _ = _boundaries(text)
    k = bisect.bisect_left(stops, index)
    return stops[k] if k < len(stops) else len(text)


def is_condition(text: str, region: Region) -> bool:
    """``$i = j$`` in "if $i = j$": a condition, not a formula of its own."""
    lead = text[max(sentence_start(text, region.start), region.start - 30) : region.start]
    found = _LEAD.search(lead)
    if found and _SUPPOSE.match(found.group(0)) and equal_names(region.text):
        return True  # "If $x_1=x_2=x_3$; prove it": a hypothesis about the names, not a claim
    supposed = _HYPOTHESIS.search(text[sentence_start(text, region.start) : region.start])
    if supposed and _ASSUMED_VALUE.fullmatch(region.text):
        # "Assume also that $\sigma(\cdot)$ is continuously differentiable and $\sigma(0)=0$":
        # the value of a function the writer supposes (any activation with that property), not a
        # claim about the course's σ to check (it was called wrong, the sigmoid being 1/2 at 0)
        return True
    return bool(found) and bool(reasons(found.group(0), as_conditions(region.text)))


def conditions_among(text: str, formulas: list[Region]) -> set[Region]:
    """The formulas that are conditions: each :func:`is_condition`, and each joined to a condition
    right before it by "and" (or, a bound, by a comma): "when $x > 0$ and $y > 0$", "for $a > 0$,
    $b > 0$". The second was read as a claim and its bound lost (|xy| = xy was wrong at y = -1)."""
    found: set[Region] = set()
    previous: Region | None = None
    for region in formulas:
        if is_condition(text, region) or (previous in found and _joined(text, previous, region)):
            found.add(region)
        previous = region
    return found


def _joined(text: str, previous: Region, region: Region) -> bool:
    """Is ``region`` a further condition of the one before it (CONJOINED: "and", a comma for a bound)?"""
    more = CONJOINED.fullmatch(text, previous.end, region.end)  # the join and the formula, nothing else
    return more is not None and bool(conjoined(more))


#: the words that suppose what follows them (a "since" or "where" states or defines it instead)
_SUPPOSE = re.compile(r"\b(?:if|when|whenever|provided|assuming|case)\b", re.I)
#: a sentence that supposes: "Assume (also) that …", "Suppose …", "We assume …", 假设 …
_HYPOTHESIS = re.compile(r"\b(?:assume[sd]?|suppose[sd]?|assuming|supposing)\b|假设|假定|假如", re.I)
#: a function's value at numbers: ``\sigma(0) = 0``, ``f(1, 2) = 3`` (no name of its argument)
_ASSUMED_VALUE = re.compile(
    r"\s*\\?[A-Za-z]+(?:_\{?\w+\}?)?\s*(?:\\left)?\(\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*\s*(?:\\right)?\)"
    r"\s*=\s*[^=<>]+"
)


def inline_conditions(text: str, inline: list[Region]) -> dict[int, tuple[str, ...]]:
    """For each inline formula (by start offset; conditions themselves left out): the conditions
    it is stated under, by the rules of this module."""
    conditions = conditions_among(text, inline)
    formulas = [r for r in inline if r not in conditions]
    out: dict[int, tuple[str, ...]] = {}
    carry: tuple[str, ...] = ()
    previous_end: int | None = None
    previous_had_clause = False
    for k, region in enumerate(formulas):
        start = sentence_start(text, region.start)
        first = previous_end is None or previous_end < start
        gap_start = start if first else previous_end
        gap = text[gap_start : region.start]  # type: ignore[index]
        if first or _THEN_END.search(gap):  # "…; if $l \ne j$, then $\delta_{lj} = 0$": a new condition
            carry = tuple(prose_conditions(gap))
        elif _same_left_side(formulas, k, start):
            # "For $k = j$, $\partial p_k/\partial z_j = A$ … $\partial p_k/\partial z_j = B$": the same
            # quantity given another value in one sentence is another case, never under the first's
            # (a clause right after the previous formula is that formula's: "A if $i = j$ and B")
            carry = () if previous_had_clause or _TRAILING.match(gap) else tuple(prose_conditions(gap))
        elif contrast := _OTHERWISE.search(gap):
            # "when $i = j$, $A$, and otherwise $B$": B is the other case, never under i = j (that
            # turned a correct i ≠ j step into a false alarm); only what is stated after the word holds
            carry = tuple(prose_conditions(gap[contrast.end() :]))
        elif not previous_had_clause and not _TRAILING.match(gap):
            carry = tuple(dict.fromkeys(carry + tuple(prose_conditions(gap))))
        else:
            carry = ()  # the clause before this formula is the previous formula's
        end = _sentence_end(text, region.end)
        nxt = formulas[k + 1].start if k + 1 < len(formulas) and formulas[k + 1].start < end else end
        after = text[region.end : nxt]
        trailing = tuple(prose_conditions(after)) if _TRAILING.match(after) and not _THEN_END.search(after) else ()
        out[region.start] = tuple(dict.fromkeys(carry + trailing))
        previous_end, previous_had_clause = region.end, bool(trailing)
    return out


def _same_left_side(formulas: list[Region], k: int, sentence: int) -> bool:
    """Does formula k give a value to what an earlier formula of its sentence already gave one?"""
    left = _left_side(formulas[k].text)
    return left is not None and any(_left_side(r.text) == left for r in formulas[:k] if r.start >= sentence)


def _left_side(formula: str) -> str | None:
    """The text before a formula's first top-level ``=``, without spaces; None without one."""
    depth = 0
    for i, c in enumerate(formula):
        depth += (c in "{([") - (c in "})]")
        if c == "=" and depth == 0:
            left = "".join(formula[:i].split())
            return left or None
    return None


def free_conditions(text: str, start: int, formulas: list[Region]) -> tuple[str, ...] | None:
    """Conditions stated in the sentence right before offset ``start`` (a display block) that no
    inline formula of that sentence claims; None when a clause there follows an inline formula
    directly (it is that formula's)."""
    # "For $i \\neq j$:" and a blank line, then the block: the sentence is the one before the gap
    sentence = sentence_start(text, len(text[:start].rstrip()))
    # a formula that is itself a condition ("若 $$l \ne j$$ ，则", a display typed inline) is prose here
    # (a condition joined to another by "and" is no formula here either: inline_conditions left it out)
    inside = [r for r in formulas if sentence <= r.start and r.end <= start and not is_condition(text, r)]
    gap_start = inside[-1].end if inside else sentence
    gap = text[gap_start:start]
    # "$i \neq j$" alone before the block (a case heading, "Case $i = j$:"): the block's condition
    heading = as_conditions(inside[0].text) if len(inside) == 1 and re.fullmatch(r"[\s:.,]*", gap) else []
    # between two index letters only ("$y = 2$" alone is a worked example's value, not a case)
    before = text[sentence : inside[0].start] if inside else ""
    if heading and _between_letters(heading) and re.fullmatch(r"\s*(?:case\s*)?", before, re.I):
        return tuple(heading)
    if inside and _TRAILING.match(gap) and not _THEN_END.search(gap):
        return None
    lone = as_conditions(inside[-1].text) if inside and not gap.strip() else []
    if lone and _LONE_CASE.fullmatch(text[sentence : inside[-1].start]) and _between_letters(lone):
        # "$i \neq j$" alone on its line (a case heading) above the block: the block's condition
        return tuple(lone)
    return tuple(prose_conditions(gap))


def _between_letters(conditions: list[str]) -> bool:
    """Conditions between two index letters only (i ≠ j, k = i): a case heading. "$y = 2$" alone
    on its line is a worked example's value, and must not silence the steps below it."""
    return all(re.fullmatch(r"[A-Za-z]\s*\S+\s*[A-Za-z]", c) for c in conditions)
