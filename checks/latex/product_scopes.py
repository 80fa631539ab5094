r"""Where a ``\prod`` written without brackets ends (twelfth hunt).

The reader lets ``\prod_j`` (like ``\sum_j``) take the rest of the product up to a top-level ``+``
or ``−``. Writers of likelihoods put the factors that do not depend on the index last:

    \log \prod_{j=1}^{n} (\phi_{j})^{x_j} (1-\phi_{j})^{1-x_j} (\phi_y)^{y} (1-\phi_y)^{1-y}

(CS229's naive Bayes, Doraemonzzz's solutions): the writer means φ_y^y (1 − φ_y)^{1−y} once, after
the product, not n times inside it. For a sum the two readings agree (a constant factor comes out
of a sum); for a product they do not. So a product whose last factors never write its index has
a scope the page leaves open: the step is judged again with the product ending at the last factor
that writes the index, and neither reading alone refutes it (verdict_guards).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["index_free_tail"]

#: signs between factors that leave them factors of one product
_TIMES = (r"\cdot", r"\times")


def index_free_tail(
    toks: Sequence[str], start: int, end: int, index: str, factor_end: Callable[[int], int | None]
) -> int:
    """Where the factors of ``toks[start:end]`` that never write ``index`` begin, after the last
    one that does; ``end`` when there are none, when no factor writes the index, or when the
    factors cannot be told apart (``factor_end(k)``: where the factor at k ends, None if unread)."""
    starts = []
    k = start
    while k < end:
        if toks[k] in _TIMES:
            k += 1
            continue
        if toks[k] in ("+", "-", "/"):  # not a plain product: nothing to choose
            return end
        nxt = factor_end(k)
        if nxt is None or nxt <= k or nxt > end:
            return end
        starts.append(k)
        k = nxt
    spans = list(zip(starts, [*starts[1:], end], strict=True))
    writes = [index in toks[a:b] for a, b in spans]
    if not any(writes) or writes[-1]:
        return end
    last = max(n for n, w in enumerate(writes) if w)
    return spans[last + 1][0]
