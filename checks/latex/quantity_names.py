r"""A name the notation reads as a function that the document makes a quantity.

The notation reads ``S`` as the softmax (seed 001's ``S(x)_i``). A Chinese note on the softmax
writes ``S = e^{y_1} + e^{y_2} + e^{y_3}`` (the normaliser) and then ``P_1 = \frac{e^{y_1}}{S}``,
``\frac{1}{S} e^{y_1} - \frac{1}{S^2} e^{y_1} e^{y_1} = P_1 - P_1^2``: every step with S was "S is
softmax of a vector". Where the document gives such a name a value of its own (``S = …``, the
name alone on the left, not in the value) and never applies it to a bracket (no ``S(x)``), the
name is that quantity in this document, as any name it defines. A value given to the name squared
(``\sigma^2 := \frac{1}{N}\sum_k (x_k - \mu)^2``, a variance) makes it a quantity too.
"""

from __future__ import annotations

import re

__all__ = ["document_quantity_names"]


#: the name's value may be given squared (a variance for its standard deviation)
_SQUARE = r"(?:\s*\^\s*(?:\{\s*2\s*\}|2))?"


def _escaped(name: str) -> str:
    return re.escape(name) + (r"(?![A-Za-z])" if name.startswith("\\") else r"(?![A-Za-z0-9_^'])")


def document_quantity_names(text: str, functions: dict[str, str]) -> frozenset[str]:
    """The notation's function names (one letter or one command) the document defines by a value
    and never applies (see the module docstring)."""
    out = set()
    for name in functions:
        if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name):
            continue
        before = r"(?<![\\A-Za-z0-9_^{])" if not name.startswith("\\") else r"(?<![\\A-Za-z])"
        applied = re.search(before + _escaped(name) + r"\s*(?:\\left\s*)?[(\[]", text)
        if applied:
            continue
        # also squared: σ² := \frac{1}{N}\sum_k (x_k - μ)^2 makes σ the standard deviation (squared_names)
        defined = re.compile(before + _escaped(name) + _SQUARE + r"\s*&?\s*(?::=|=)\s*(?P<value>[^=$\n]+)")
        for m in defined.finditer(text):
            value = m.group("value")
            if value.strip() and not re.search(before + _escaped(name), value):
                out.add(name)
                break
    return frozenset(out)
