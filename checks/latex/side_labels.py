r"""Labels that annotate a relation, read off the side they touch.

A step's reason is often written against its ``=``: ``= \text{(by the power rule)}\; 2x``,
``2x \text{ (using (3)) } = x + x``, ``= 2x \quad \text{[by (3)]}``, or under the sign,
``=_{\text{(3)}} 2x``. Cut at the relations, the label ends up at the start or the end of a
side, where it would be read as a factor. It is dropped when

- it is one ``\text{…}`` group (``\textrm``, ``\mbox``; parentheses or brackets inside or
  around it) at the very start or the very end of the side, with something else left;
- its first word gives a reason for the step: by, using, from, via, applying, substituting,
  plugging, recall; "since" and "because" are not taken, since their words may state a fact
  the step needs (``x \text{ since } x > 0``), and no condition word (if, for, when …) is;
- it holds only words, numbers and the punctuation of a reference (``(3)``, ``eq. 4``, ``[2]``),
  and no single letter (``\text{using x positive}`` says something of x).

A script written on the relation itself (``=_{\text{(3)}}``, ``=^{\text{def}}``) leaves the
right side opening with ``_`` or ``^``, which no formula does: that script is dropped too.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import group_end

__all__ = ["side_labels"]

Tokens = list[tuple[str, bool]]

_TEXT = {r"\text", r"\textrm", r"\textit", r"\mbox"}
_REASON = re.compile(r"^[(\[]?\s*(?:by|using|from|via|applying|substituting|plugging|recall)\b", re.I)
_REFERENCE = re.compile(r"[A-Za-z0-9\s().,:;\[\]'-]+")
#: a single letter among the words names a quantity (``\text{using x positive}``): not a reference
_LETTER = re.compile(r"(?<![A-Za-z])[A-Za-z](?![A-Za-z])")


def _words(toks: Tokens) -> str:
    """The text of the tokens, with a space wherever the author put one."""
    return "".join((" " if spaced else "") + t for t, spaced in toks).strip()


def _label_at(toks: Tokens, start: int) -> int | None:
    """End of a reason label (see the module's description) that starts at ``start``, or None."""
    k = start
    opened = k < len(toks) and toks[k][0] in ("(", "[")
    k += opened
    if k >= len(toks) or toks[k][0] not in _TEXT or k + 1 >= len(toks) or toks[k + 1][0] != "{":
        return None
    end = group_end(toks, k + 1)
    if end is None:
        return None
    words = _words(toks[k + 2 : end - 1])
    if opened:
        if end >= len(toks) or toks[end][0] != {"(": ")", "[": "]"}[toks[start][0]]:
            return None
        end += 1
    if not _REFERENCE.fullmatch(words) or not _REASON.match(words) or _LETTER.search(words):
        return None
    return end


def _relation_script(toks: Tokens) -> int:
    """Length of a script written on the relation before this side (``_{\\text{(3)}}``), or 0."""
    if len(toks) < 2 or toks[0][0] not in ("_", "^"):
        return 0
    if toks[1][0] == "{":
        end = group_end(toks, 1)
        return end or 0
    return 2


def side_labels(toks: Tokens) -> Tokens:
    """The side without a reason label at its start or end, or a script on the relation."""
    script = _relation_script(toks)
    if script and script < len(toks):
        toks = toks[script:]
    end = _label_at(toks, 0)
    if end is not None and end < len(toks):
        toks = toks[end:]
    last = max((k for k, (t, _) in enumerate(toks) if t in _TEXT), default=0)
    for start in (last - 1, last):  # "(\text{by 3})" opens a token before its text command
        if start > 0 and _label_at(toks, start) == len(toks):
            return toks[:start]
    return toks
