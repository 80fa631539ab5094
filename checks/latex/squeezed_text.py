r"""LaTeX squeezed for comparing what two places write, not for reading it.

Many readings ask "does this step write the same name or formula as that one?": ``\sigma^{2}``
against ``\sigma^2``, ``\left( a \right)`` against ``(a)``, ``\mathbf{x}`` against ``x``. They
used to carry private copies of the same few regular expressions, each a little different; this is
the one place, with the differences as options so that every caller keeps its exact behaviour.
"""

from __future__ import annotations

import re

__all__ = ["BOLD_FONTS", "squeezed"]

#: the font commands most readings ignore when they compare names (\mathbf{x} is x)
BOLD_FONTS = ("mathbf", "boldsymbol", "bm", "vec", "mathrm", "text", "mathcal")

#: \left, \right and the thin/medium/thick/negative spaces \, \; \: \!
_SPACING = re.compile(r"\\left|\\right|\\[,;:!]")
_BLANK_AND_BRACES = re.compile(r"[{}\s]")


def squeezed(text: str, *, spacing: bool = False, fonts: tuple[str, ...] = ()) -> str:
    """`text` without whitespace and braces; with `spacing`, without \\left, \\right and \\, \\; \\:
    \\! too; each command named in `fonts` is dropped (with the blank after it), its argument kept."""
    if fonts:
        text = re.sub(r"\\(?:" + "|".join(map(re.escape, fonts)) + r")\s*", "", text)
    if spacing:
        text = _SPACING.sub("", text)
    return _BLANK_AND_BRACES.sub("", text)
