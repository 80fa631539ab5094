r"""A justification label written before a row's relation: ``(\text{By 7}) &= …``,
``\text{Using (2)} &= …``, ``\text{(by the quotient rule)} &= …``,
``(\text{since }x_1,\dots,x_n\ i.i.d) &= …``.

In an ``align`` the left column of a continuation row is empty; some authors put the reason for
the step there instead. The label is prose that annotates the step, not the step's left side:
the row is read as the ``= …`` with which it carries the chain on. A label is taken only when

- it is a ``\text{…}`` (``\textrm``, ``\textit``, ``\mbox``) whose words open with a word that
  gives a reason (by, using, from, since, because, via, applying, substituting …), alone, or
  with parentheses around it and math after its words inside them;
- nothing but spacing, a colon or a comma stands between it and the relation;
- it states no relation of its own: ``(\text{since } x > 0) &= x`` names a condition the step
  may need, so that row is left as written (and stays unread) rather than read without it.

A word that is a quantity (``\text{loss}_i = …``, ``2\,\text{loss} = …``) does not open with a
reason word or is not followed by the relation alone, so it is never taken for a label.

A row that is only such prose (``\\ \text{taking the summation outside} \\ = …``) is a remark
between the rows of the chain: it is dropped whole, and the ``= …`` after it carries the chain
on, as after ``\intertext``.

A remark closing a row after a wide space, words alone in parentheses (``= -\text{error}^{(i)}
\quad \text{(bias term)}``, ``\qquad (\text{the output layer})``), names what was written,
never a factor of it: the row ends before it. A condition (``\quad (\text{for all } i)``) is
not a remark and is left for the condition reader.
"""

from __future__ import annotations

import re

__all__ = ["leading_label_end", "math_span", "remark_row", "trailing_remark_start"]

_SPACING = r"(?:\s|\\q?quad(?![A-Za-z])|\\[,;:! ]|~|\\hspace\s*\{[^{}]*\})*"
_TEXT_COMMAND = re.compile(r"\\(?:text|textrm|textit|mbox)\s*\{")
#: the first word of a reason ("By 7", "Using (2)", "since x_i i.i.d", "by the quotient rule")
_REASON = re.compile(
    r"\s*\(?\s*(?:by|using|use|from|since|because|via|applying|apply|substituting|substitute|plugging|plug|recall)"
    r"(?![A-Za-z])",
    re.I,
)
#: a relation that would make the label a statement (a condition) rather than a remark
_OWN_RELATION = re.compile(
    r"(?<!\\)[=<>]|\\(?:neq?|leq?|geq?|leqslant|geqslant|lt|gt|approx|equiv|sim|in|notin|subset|subseteq|to)(?![A-Za-z])"
)
#: what may follow the label: spacing, a colon or comma, then the row's relation
_THEN_RELATION = re.compile(_SPACING + r"[:,]?" + _SPACING + r"(?==|\\approx(?![A-Za-z])|\\equiv(?![A-Za-z]))")


def _group_end(text: str, opening: int) -> int | None:
    """Offset just after the ``}`` that closes the ``{`` at ``opening`` (escaped braces skipped)."""
    depth = 0
    k = opening
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth == 0:
            return k + 1
        k += 1
    return None


def _paren_end(text: str, opening: int) -> int | None:
    """Offset just after the ``)`` that closes the ``(`` at ``opening``, outside braces."""
    depth = braces = 0
    for k in range(opening, len(text)):
        c = text[k]
        if c in "{}" and (k == 0 or text[k - 1] != "\\"):
            braces += 1 if c == "{" else -1
        elif braces == 0 and c == "(":
            depth += 1
        elif braces == 0 and c == ")":
            depth -= 1
            if depth == 0:
                return k + 1
    return None


def _reason_text(text: str, start: int) -> int | None:
    """End of a ``\\text{…}`` at ``start`` whose words open with a reason word, else None."""
    command = _TEXT_COMMAND.match(text, start)
    if command is None:
        return None
    end = _group_end(text, command.end() - 1)
    if end is None or not _REASON.match(text[command.end() : end - 1]):
        return None
    return end


def leading_label_end(row: str) -> int | None:
    """Where the relation begins after a justification label that opens ``row``; the row's end
    when the whole row is a remark (:func:`remark_row`); None when the row opens with neither."""
    if remark_row(row):
        return len(row)
    start = len(row) - len(row.lstrip())
    if row.startswith("(", start):
        closing = _paren_end(row, start)
        inner = re.match(_SPACING, row[start + 1 :])
        text_start = start + 1 + (inner.end() if inner else 0)
        if closing is None or _reason_text(row, text_start) is None:
            return None
        label = row[start:closing]
    else:
        closing = _reason_text(row, start)
        if closing is None:
            return None
        label = row[start:closing]
    if _OWN_RELATION.search(label):  # also in the words: \text{since $x > 0$}
        return None
    follows = _THEN_RELATION.match(row, closing)
    return follows.end() if follows else None



#: words that open a remark written as a row of its own between the rows of a chain ("taking
#: the summation outside", "these i and j are dummy indices", "putting together we get")
_REMARK_OPENING = re.compile(
    r"\s*(?:taking|these|this|putting|note|notice|now|then|so|thus|hence|therefore|which|and|since|because"
    r"|using|by|from|substituting|plugging|applying|rearranging|simplifying|expanding|combining|we|it|here"
    r"|recall|similarly|finally|take|replace|substitute|expand|apply|note|use|replacing|differentiating|multiplying"
    r"|dividing|adding|cancell?ing|factoring|collecting|noting)(?![A-Za-z])",
    re.I,
)
_COLOUR = re.compile(r"\\color\s*\{[^{}]*\}")


def remark_row(row: str) -> bool:
    """Is ``row`` only words in ``\\text{…}`` (spacing and colours around them), two words or
    more, the first a word that opens a remark? Such a row is no part of the chain: the next
    ``= …`` carries the chain on, as after ``\\intertext``. One word (``\\text{Loss}``) or a
    phrase that opens otherwise (``\\text{total loss}``) may be the next row's left side: kept."""
    rest, words = _COLOUR.sub(" ", row), []
    k = 0
    while k < len(rest):
        command = _TEXT_COMMAND.match(rest, k)
        if command is not None:
            end = _group_end(rest, command.end() - 1)
            if end is None:
                return False
            words.append(rest[command.end() : end - 1])
            rest, k = rest[:k] + " " + rest[end:], k + 1
            continue
        k += 1
    if re.sub(_SPACING, "", rest).strip("{} ") or "$" in "".join(words):
        return False
    phrase = " ".join(words)
    return len(phrase.split()) >= 2 and _REMARK_OPENING.match(phrase) is not None


#: a remark in parentheses closing a row, after a wide space: ``\quad \text{(bias term)}``,
#: ``\qquad (\text{the output layer})``; words only (no math, no ``$``)
_TRAILING_REMARK = re.compile(
    r"(?:\\qquad(?![A-Za-z])|\\quad(?![A-Za-z])|\\hspace\s*\{[^{}]*\})" + _SPACING
    + r"(?:\\(?:text|textrm|textit|mbox)\s*\{\s*\(([A-Za-z][A-Za-z ,.'-]*)\)\s*\}"
    r"|\(\s*\\(?:text|textrm|textit|mbox)\s*\{([A-Za-z][A-Za-z ,.'-]*)\}\s*\))" + _SPACING + r"$"
)
#: words that make a closing remark a condition on the step: left for the condition reader
_CONDITION = re.compile(
    r"\s*(?:if|for|when|whenever|where|with|unless|provided|given|assuming|only|except|iff)(?![A-Za-z])", re.I
)


def trailing_remark_start(row: str) -> int | None:
    """Where a closing remark in parentheses starts (see the module's description), or None."""
    m = _TRAILING_REMARK.search(row)
    if m is None:
        return None
    words = m.group(1) or m.group(2) or ""
    if _CONDITION.match(words) or not row[: m.start()].strip():
        return None
    return m.start()


def math_span(row: str) -> tuple[int, int]:
    """The part of ``row`` that is mathematics: after a leading label (or nothing, for a remark
    row), before a closing remark."""
    start = leading_label_end(row) or 0
    end = trailing_remark_start(row)
    return start, max(start, end if end is not None else len(row))
