r"""A total written as the sum of its named parts: ``E_{total} = E_{o1} + E_{o2}``.

A value that uses the letter of the name it defines is read as an update (``J = J + λ‖W‖²``),
not a value, so a worked example's ``E_{total} = E_{o1} + E_{o2}`` (after an unreadable
``E_{total} = \sum \frac12 (target - output)^2``) never gave E_{total} a value, and every
chain-rule step about ∂E_{total} stayed "of something that does not contain" its variable.

The same letter with another fixed subscript names another quantity (the error of output o1),
so such a value is a definition from the parts. Only when:
- the name has a subscript of its own that is a word or a number, not an index letter
  (``E_{total}``, ``L_{2}``; not ``J``, not ``a_{j}``, whose ``a_{j-1}`` is a recursion);
- every use of the letter in the value has a subscript, none of them the name's own, and none
  an index expression (``E_{t-1}``, ``E_{i}``): each is a fixed sibling;
- each sibling is a name the document defines (so the parts carry the dependence).
"""

from __future__ import annotations

import re
from collections.abc import Collection

__all__ = ["sum_of_parts"]

#: a letter with a braced or one-character subscript: E_{o1}, E_1, E_{total}
_SUBSCRIPTED = r"(?<![A-Za-z\\]){letter}\s*_\s*(\{{(?P<sub>[^{{}}]*)\}}|(?P<one>[A-Za-z0-9]))"
#: a fixed subscript: a number, or a word / label with a digit (total, o1, out, 2)
_FIXED = re.compile(r"[0-9]+|[A-Za-z]*[0-9][A-Za-z0-9]*|[A-Za-z]{2,}")


def _split(name: str) -> tuple[str, str] | None:
    m = re.fullmatch(r"([A-Za-z])_\{([^{}]*)\}", name) or re.fullmatch(r"([A-Za-z])_([A-Za-z0-9])", name)
    return (m.group(1), m.group(2).strip()) if m else None


def sum_of_parts(value: str, name: str, defined: Collection[str]) -> bool:
    """Is ``value`` a definition of ``name`` from fixed siblings the document defines (see the
    module docstring), rather than an update of ``name`` itself?"""
    parts = _split(name)
    if parts is None or not _FIXED.fullmatch(parts[1]):
        return False
    letter, own = parts
    pattern = re.compile(_SUBSCRIPTED.format(letter=re.escape(letter)))
    uses = list(pattern.finditer(value))
    bare = re.findall(rf"(?<![A-Za-z\\]){re.escape(letter)}(?![A-Za-z])", re.sub(r"\\[A-Za-z]+", " ", value))
    if not uses or len(bare) != len(uses):
        return False  # the letter also stands alone: an update of the name itself
    for m in uses:
        sub = (m.group("sub") if m.group("sub") is not None else m.group("one")).strip()
        if sub == own or not _FIXED.fullmatch(sub):
            return False
        if f"{letter}_{{{sub}}}" not in defined:
            return False
    return True
