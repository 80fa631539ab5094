r"""Prose written around the mathematics of a row: a justification label before its relation,
a row that is only a remark, a remark closing the row.

In an ``align`` the left column of a continuation row is empty; some authors put the reason for
the step there instead: ``(\text{By 7}) &= …``, ``\text{Using (2)} &= …``, ``\text{(by the
quotient rule)} &= …``. The label is prose that annotates the step, not the step's left side:
the row is read as the ``= …`` with which it carries the chain on. A label is taken only when

- it is a ``\text{…}`` (``\textrm``, ``\textit``, ``\mbox``) whose words open with a word that
  gives a reason (by, using, from, since, because, via, applying, substituting …), alone or in
  parentheses;
- nothing but spacing, a colon or a comma stands between it and the relation;
- nothing in it could state a property of a name: no relation, no single letter among its
  words, no math but numbers. ``(\text{since } x > 0) &= x`` or ``(\text{since }x_1,\dots,x_n\
  i.i.d) &= …`` name what the step assumes: such a row is left as written (and stays unread)
  rather than read without its assumption.

A word that is a quantity (``\text{loss}_i = …``, ``2\,\text{loss} = …``) does not open with a
reason word or is not followed by the relation alone, so it is never taken for a label.

A row that is only words (``\\ \text{taking the summation outside} \\ = …``), two or more,
opening with a word of a remark (taking, putting, so, thus, substituting …) and with no word of a
condition or an assumption (if, for, with, since, assuming, positive, small …), is a remark
between the rows of the chain: it is dropped, and the ``= …`` after it carries the chain on, as
after ``\intertext``.

A remark closing a row after a wide space, words alone in parentheses that name what was
written (``= -\text{error}^{(i)} \quad \text{(bias term)}``, ``\qquad (\text{the output
layer})``), is no factor of it: the row ends before it. A remark that may be a property or a
condition (``\quad \text{(x positive)}``, ``\quad (\text{small eta})``) is left as written.
"""

from __future__ import annotations

import re

from derive.checks.latex.text_groups import brace_group_end

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
    end = brace_group_end(text, opening)
    return None if end < 0 else end


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
    if _OWN_RELATION.search(label) or not _only_references(label):
        return None
    follows = _THEN_RELATION.match(row, closing)
    return follows.end() if follows else None


def _only_references(label: str) -> bool:
    r"""Does the label hold nothing that could state a property of a name: no single letter among
    its words (``\text{since x positive}``), no math but numbers (``(2)``, ``3, 4``)? A label such
    as ``(\text{since } x_1,\dots,x_n \text{ i.i.d})`` states what the step assumes: it stays unread."""
    words, rest = [], label
    while (command := _TEXT_COMMAND.search(rest)) is not None:
        end = _group_end(rest, command.end() - 1) or len(rest)
        words.append(rest[command.end() : end - 1])
        rest = rest[: command.start()] + " " + rest[end:]
    if re.search(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])", " ".join(words)):
        return False
    return re.fullmatch(r"[\s()\[\],.:;0-9~]*", re.sub(_SPACING, " ", rest)) is not None


#: words that open a remark written as a row of its own between the rows of a chain ("taking
#: the summation outside", "these i and j are dummy indices", "putting together we get")
_REMARK_OPENING = re.compile(
    r"\s*(?:taking|these|this|putting|now|then|so|thus|hence|therefore|which|and|using|by|from|substituting"
    r"|plugging|applying|rearranging|simplifying|expanding|combining|we|similarly|finally|take|replace|substitute"
    r"|expand|apply|use|replacing|differentiating|multiplying|dividing|adding|cancell?ing|factoring|collecting)"
    r"(?![A-Za-z])",
    re.I,
)
#: words that state a condition or an assumption: a phrase with one may be what the next step needs
_ASSUMING = re.compile(
    r"(?<![A-Za-z])(?:if|for|when|whenever|where|with|unless|provided|given|assum\w*|suppos\w*|only|except|iff"
    r"|since|because|positive|negative|non-?zero|small|large|approx\w*)(?![A-Za-z])",
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
    if _ASSUMING.search(phrase):
        return False
    return len(phrase.split()) >= 2 and _REMARK_OPENING.match(phrase) is not None


#: a remark in parentheses closing a row, after a wide space: ``\quad \text{(bias term)}``,
#: ``\qquad (\text{the output layer})``; words only (no math, no ``$``)
_TRAILING_REMARK = re.compile(
    r"(?:\\qquad(?![A-Za-z])|\\quad(?![A-Za-z])|\\hspace\s*\{[^{}]*\})" + _SPACING
    + r"(?:\\(?:text|textrm|textit|mbox)\s*\{\s*\(([A-Za-z][A-Za-z ,.'-]*)\)\s*\}"
    r"|\(\s*\\(?:text|textrm|textit|mbox)\s*\{([A-Za-z][A-Za-z ,.'-]*)\}\s*\))" + _SPACING + r"$"
)
#: the last word of a remark that names what the expression is: "(bias term)", "(the output layer)"
_NAMING = {
    "term", "terms", "layer", "part", "component", "gradient", "update", "rule", "step", "notation",
    "definition", "derivative", "result", "equation", "expression", "identity", "loss", "error",
}  # fmt: skip


def trailing_remark_start(row: str) -> int | None:
    """Where a closing remark in parentheses starts (see the module's description), or None."""
    m = _TRAILING_REMARK.search(row)
    if m is None:
        return None
    words = (m.group(1) or m.group(2) or "").split()
    if _ASSUMING.search(" ".join(words)) or not row[: m.start()].strip():
        return None
    if any(len(w) == 1 for w in words) or words[-1].lower().rstrip(".,") not in _NAMING:
        return None  # "(x positive)", "(small eta)": a property of a name, maybe a condition
    return m.start()


def math_span(row: str) -> tuple[int, int]:
    """The part of ``row`` that is mathematics: after a leading label (or nothing, for a remark
    row), before a closing remark."""
    start = leading_label_end(row) or 0
    end = trailing_remark_start(row)
    return start, max(start, end if end is not None else len(row))
