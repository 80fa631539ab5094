r"""Chains written line by line in inline math: ``$A = B$`` then, on the next line, ``$= C$``.

Markdown and notebook authors often write a derivation one ``$…$`` per line, each line after the
first starting with its relation::

    <p>$\frac{dL}{d\hat y} = -\frac{d(y\ln\hat y)}{d\hat y} - … =$</p>
    <p>$= -y\frac{d}{d\hat y}\ln\hat y - … =$</p>
    $\ \ \ \ = (X'M_tX)^{-1}X'M_tb_t$, where $b_t = …$
    $= \frac1N \sum_n 2(w_0 + w_1x_n - t_n)$ ; **Chain Rule**

The Markdown reader makes such a span a display only when nothing but list or quote markers
stands before it and punctuation after it; with an HTML paragraph tag, an indent of ``\ `` or a
remark after it, it stays inline, and an inline formula that starts with ``=`` has no left side:
its steps were lost (and a display indented so, ``$$\\ \\ = C$$``, did not go on with the chain
before it either). A span that starts its line (after markup: list and quote markers, HTML
tags, ``&nbsp;``, spacing commands) and starts with a relation is a line of a displayed chain,
and so is the formula it goes on from (the nearest formula before it, when that one holds a
relation of its own and nothing else mathematical stands between). Both become displays, so the
chain is joined, and its prose read, as displays' are (extract: a heading, or an inline claim
between, still breaks the chain). ``$=> …$`` (an implication) is not a relation that goes on.
"""

from __future__ import annotations

import re

from derive.checks.latex.equation import starts_with_relation
from derive.checks.latex.region import Region

__all__ = ["with_continued_inline"]

#: what may stand before a chain's line on its line: indentation, list and quote markers, HTML tags
_LINE_MARKUP = re.compile(r"(?:\s|>|&nbsp;|<[A-Za-z/][^<>]*>|[-*+]\s|\d+[.)]\s)*")
#: LaTeX spacing an author indents a continued line with, before its "="
_SPACING = re.compile(r"(?:\\[ ,;:!]|\\q?quad\b|~)+")
#: "=>" and "==>" read as an implication arrow, not as a continued "="
_ARROW = re.compile(r"\s*=+\s*>")


def with_continued_inline(text: str, regions: list[Region]) -> list[Region]:
    """The regions with each inline line of a chain, and the formula it continues, made displays."""
    out = list(regions)
    for k, region in enumerate(regions):
        if region.kind == "display" and _SPACING.match(region.text.lstrip()):
            # a display indented with "\\ " before its "=" goes on like one that is not
            out[k] = _as_display(region, _unindented(region.text))
        if not _continues_chain(text, region):
            continue
        out[k] = _as_display(region, _unindented(region.text))
        if k and out[k - 1].kind == "inline" and _holds_relation(out[k - 1].text):
            out[k - 1] = _as_display(out[k - 1], out[k - 1].text)
    return out


def _continues_chain(text: str, region: Region) -> bool:
    if region.kind != "inline" or not region.offsets:
        return False
    line_start = text.rfind("\n", 0, region.start) + 1
    if _LINE_MARKUP.fullmatch(text, line_start, region.start) is None:
        return False
    body = _unindented(region.text)
    return starts_with_relation(body) and _ARROW.match(body) is None


def _unindented(body: str) -> str:
    """The body with the spacing commands before its first relation blanked (same length, so each
    character keeps its offset): ``\\ \\ \\ = C`` is ``      = C``."""
    lead = re.match(r"\s*(?:" + _SPACING.pattern + r"\s*)*", body)
    return " " * lead.end() + body[lead.end() :] if lead else body


def _holds_relation(body: str) -> bool:
    """Is there an ``=`` outside every brace (a chain's first line, not ``\\sum_{i=1}`` alone)?"""
    depth = 0
    for tok in re.findall(r"\\[A-Za-z]+|\\.|.", body, flags=re.S):
        depth += tok == "{"
        depth -= tok == "}"
        if tok == "=" and depth == 0:
            return True
    return False


def _as_display(region: Region, body: str) -> Region:
    return Region("display", body, region.offsets, region.start, region.end)
