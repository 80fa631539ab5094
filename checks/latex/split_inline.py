r"""One formula written as two inline spans: ``$w_0 = 0 - (0.1)$ $(\frac{1}{3}(…)) = 0 - (-.2) = .2$``.

Markdown authors cut a long formula into two ``$…$`` spans with only a space between them (a
renderer that chokes on long inline math, or an edit). Read apart, the second span's first step
``(\frac13(…)) = 0 - (-.2)`` drops the ``0 - (0.1)`` the first span multiplies it by, and is
"wrong" though the author's arithmetic is right.

Two inline spans are one formula when only spaces or tabs part them (no line break, no word, no
punctuation) and the second starts where no statement starts: with an opening bracket after a
first span that ends in an operand (a product, as above), or with a binary operator
(``+ - \cdot \times *``). Anything else (``$a = 1$, $b = 2$``, ``$x$ and $y$``, a span on the
next line) stays apart.
"""

from __future__ import annotations

import re

from derive.checks.latex.region import Region

__all__ = ["with_split_inline"]

_OPENS = re.compile(r"\s*(\(|\[|\\left\b|\\big|\\Big)")
_OPERATOR = re.compile(r"\s*(\+|-|\*|\\cdot\b|\\times\b)")
_OPERAND_END = re.compile(r"[)\]}A-Za-z0-9]\s*$")


def with_split_inline(text: str, regions: list[Region]) -> list[Region]:
    """The regions, each inline span that continues the one before it (module doc) merged into it."""
    out: list[Region] = []
    for region in regions:
        previous = out[-1] if out else None
        if previous is not None and _continues(text, previous, region):
            offsets = (*previous.offsets, previous.offsets[-1] + 1, *region.offsets)
            out[-1] = Region("inline", f"{previous.text} {region.text}", offsets, previous.start, region.end)
            continue
        out.append(region)
    return out


def _continues(text: str, first: Region, second: Region) -> bool:
    if first.kind != "inline" or second.kind != "inline" or not first.offsets or not second.offsets:
        return False
    if not re.fullmatch(r"[ \t]+", text[first.end : second.start]):
        return False
    if _OPERATOR.match(second.text):
        return True
    return bool(_OPENS.match(second.text)) and bool(_OPERAND_END.search(first.text))
