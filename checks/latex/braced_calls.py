r"""A function's argument in braces that hold a sum:
``-\dfrac{2}{6}\log_2{\dfrac{2}{6}-\dfrac{4}{6}\log_2{\dfrac{4}{6}}}``.

Braces print nothing. The page of a decision-tree lecture (hyz-courses/CISC3023, the entropy of a
2-to-4 split) shows −2/6 log₂ 2/6 − 4/6 log₂ 4/6 = 0.9183, which is right; the reader took the
braces after ``\log_2`` as the argument's bounds, so the log was of the whole difference, and the
step was 'wrong'. Where a function name (log, ln, exp, a trigonometric function) is followed by a
brace group holding a sum at its top level, where its argument ends is open on the page: the
step is also judged with the argument ending at the first term (``\log_2{a - b}`` as
``\log_2(a) - b``), and a ``wrong`` needs both readings to fail (verdict_guards, as for ``\log a b``).
"""

from __future__ import annotations

import re

__all__ = ["braced_sums", "unbraced"]

#: a function name, its base or subscript (log_2, \log_{10}) and the brace that opens its argument
_CALL = re.compile(r"\\(?:log|ln|lg|exp|sin|cos|tan)(?![A-Za-z])\s*(?:_\s*(?:\{[^{}]*\}|[0-9A-Za-z]))?\s*(?=\{)")


def _group_end(text: str, start: int) -> int:
    """Index just after the brace group opening at ``start`` (-1 if unclosed)."""
    depth = 0
    for k in range(start, len(text)):
        depth += (text[k] == "{") - (text[k] == "}")
        if depth == 0:
            return k + 1
    return -1


def _first_term_end(body: str) -> int | None:
    """Where the first term of ``body`` ends at a top-level + or − (None if it is one term)."""
    depth = 0
    for k, c in enumerate(body):
        depth += (c in "{([") - (c in "})]")
        if depth == 0 and c in "+-" and body[:k].strip() and not body[:k].rstrip().endswith(("^", "_")):
            return k
    return None


def _groups(text: str) -> list[tuple[int, int, int]]:
    """(call start, brace start, brace end) of each braced argument holding a sum."""
    found = []
    for m in _CALL.finditer(text):
        end = _group_end(text, m.end())
        if end > 0 and _first_term_end(text[m.end() + 1 : end - 1]) is not None:
            found.append((m.start(), m.end(), end))
    return found


def braced_sums(text: str) -> list[str]:
    """The calls of ``text`` whose brace argument holds a sum, as written (``\\log_2{…}``)."""
    return [text[a:b] + "{…}" for a, b, _ in _groups(text)]


def unbraced(text: str) -> str:
    """``text`` with each such argument ending at its first term: ``\\log_2{a - b}`` → ``\\log_2(a) - b``."""
    groups = _groups(text)
    if not groups:
        return text
    start, brace, end = groups[0]  # the outermost first; the rest is read again after it
    body = text[brace + 1 : end - 1]
    cut = _first_term_end(body)
    assert cut is not None
    head = text[:brace] + "(" + body[:cut] + ")"
    return head + unbraced(body[cut:] + text[end:])
