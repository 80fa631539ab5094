r"""Where a ``\sum`` written without brackets ends, when the terms after it write its index.

The reader lets ``\sum_j`` take the rest of the product up to a top-level ``+`` or ``−``. Writers of
the cross-entropy put the two terms of each example side by side under one sum without brackets:

    J(w) = -\sum_{i = 1}^{n}\sum_{j=1}^{t} y_j^{[i]} ln(a_j^{[i]}) + (1 - y_j^{[i]})ln(1 - a_j^{[i]})

(kassi-bertrand/machine-learning-notes, tests/data/latex_heldout13). Read with the sums ending at
the ``+``, the second term's i and j are bound by nothing: the reader gave them a value of their
own (j = 1), a loss nobody meant, and the derivative of that loss by a_1^{[1]} called the right
``-\frac{y_1}{a_1} + \frac{1 - y_1}{1 - a_1}`` wrong. A term that writes the index of the sum before
it, and nothing else in the side writing that letter, is most likely meant inside the sum (and the
next such term, up to the first that does not write the index):

- in a definition of a name without index letters (``J = …``), the sum takes those terms: nothing
  else binds the letter there (doc_definitions);
- in a step, the letter may still be free on the other side (``\frac{\partial s_i}{\partial x_j} =
  \frac{\sum_j e^{x_j} \cdot 0 - e^{x_i} e^{x_j}}{…}`` reuses j), so the step is read as written,
  and a ``wrong`` is weighed again with the sum taking them: refuted only if both readings fail
  (verdict_guards).

Only a term that writes the index in a script (``y_j``, ``a_j^{[i]}``, ``x^{(i)}``: a letter in a
word, ``ln``, is no index), that holds no sum or product of its own (``\sum_i x_i + \sum_i y_i`` are
two sums), and only where the letter appears nowhere else in the side (``z_j = \sum_k w_{jk} x_k +
b_j`` is untouched, and so is any side that writes the letter outside the sum and those terms).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["index_terms_end", "sum_scope"]

#: operators whose term holds a binder of its own
_BINDERS = (r"\sum", r"\prod")


def _writes_in_script(toks: Sequence[str], index: str) -> bool:
    """Does the letter ``index`` stand in a sub- or superscript of these tokens?"""
    groups: list[bool] = []  # for each open brace: is it a script's group?
    for k, t in enumerate(toks):
        before = toks[k - 1] if k else ""
        if t == "{":
            groups.append(before in ("_", "^") or (bool(groups) and groups[-1]))
        elif t == "}":
            if groups:
                groups.pop()
        elif t == index and (before in ("_", "^") or (groups and groups[-1])):
            return True
    return False


def index_terms_end(toks: Sequence[str], start: int, end: int, index: str, term_end: Callable[[int], int]) -> int:
    """Where the sum opened at ``start``, whose product runs to ``end``, ends: after the terms that
    follow it and write ``index`` (module docstring), else ``end``. ``term_end(k)``: where the
    term starting at k (after its sign) ends."""
    new_end = end
    while new_end < len(toks) and toks[new_end] in ("+", "-"):
        nxt = term_end(new_end + 1)
        term = toks[new_end + 1 : nxt]
        if not term or any(t in _BINDERS for t in term) or not _writes_in_script(term, index):
            break
        new_end = nxt
    if new_end == end or index in toks[:start] or index in toks[new_end:]:
        return end
    return new_end


def sum_scope(reader: Any, start: int, end: int, index: str) -> int:
    """Where the sum a normaliser (``reader``) opened at ``start`` ends: ``end``, or after the
    terms that write its index where the notation lets it take them; the side records the choice."""
    wider = index_terms_end(reader.toks, start, end, index, reader._product_end)
    if wider > end:
        reader.r.loose_sums.append(" ".join(reader.toks[start:wider]))
    return wider if reader.notation.sum_takes_index_terms else end
