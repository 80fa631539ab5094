r"""``e`` as a variable: micrograd's ``e = a b``, then ``\frac{\partial L}{\partial e}``.

The notation reads ``e`` as Euler's number. A document that differentiates by ``e``
(``\partial e`` as a derivative's variable) means a variable: no one differentiates by a constant.
Where it also never raises ``e`` to a power (``e^{-z}``, which would be Euler's), ``e`` is read as a
name throughout that document. With a power anywhere the two uses mix and ``e`` stays the constant
(unclaimed_equations then keeps a wrong verdict on a step with ``e`` from standing).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.notation import Notation

__all__ = ["BY_E", "EULER", "with_variable_e"]

#: e as a derivative's variable: \partial e}, \partial e ), d e} (∂L/∂e, dL/de)
BY_E = re.compile(r"(?:\\partial|(?<![A-Za-z\\])d)\s*e\s*(?:\}|\)|$)")
#: e raised to a power, or \exp written as e: Euler's number
EULER = re.compile(r"(?<![A-Za-z\\])e\s*\^")


def with_variable_e(equations: list[Any], notation: Notation) -> Notation:
    """The notation without ``e`` as a constant, for a document that differentiates by e and never
    raises it to a power."""
    if "e" not in notation.constants:
        return notation
    texts = [eq.text for eq in equations]
    if not any(BY_E.search(t) for t in texts) or any(EULER.search(t) for t in texts):
        return notation
    return replace(notation, constants={k: v for k, v in notation.constants.items() if k != "e"})
