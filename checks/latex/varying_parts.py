r"""Names a step differentiates by one variable, as unknown functions of that variable alone.

``\frac{\partial C}{\partial w} = \frac{\partial C_0}{\partial w} + \frac{\lambda}{n} w`` after
``C = C_0 + \frac{\lambda}{2n}\sum_w w^2``, ``\frac{\partial J}{\partial w} = \frac{\partial
C(w)}{\partial w} + \lambda \frac{\partial R(w)}{\partial w}`` after ``J = C + \lambda R``,
``\frac{\partial \mathcal{L}}{\partial b_j} = \sum_i \frac{\partial \mathcal{L}_i}{\partial b_j}``:
a loss written as a sum of parts the document never gives a value. As written C_0 does not contain
w, so its derivative is not read (sympy_build). A :class:`VaryingPart` is such a part read as an
unknown function of the step's variable, ONE function per written instance (``L_{1}``, ``L_{2}``
under a sum are two), whose parent is the variable at the index values of the place it stands
(``b_{j}`` at j = 2 is ``b_{2}``). :mod:`derive.checks.latex.varying_steps` decides with them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from derive.checks.latex.unstated_dependence import PREFIX, Unstated

__all__ = ["VaryingPart", "varying_value"]


@dataclass
class VaryingPart(Unstated):
    """A name with no value that the step differentiates by its one variable (``parents``, one
    name as written, index letters and all): an unknown function of that variable."""


def varying_value(entry: Any, instance: str, parent: Callable[[str], Any]) -> Any:
    """``C_0(w)``: the unknown function of the written ``instance`` (``L_{2}`` for ``L_{i}`` at
    i = 2), at its parent read where the name stands (``parent`` instantiates its indices); None
    for any entry that is no :class:`VaryingPart`."""
    if not isinstance(entry, tuple) or not isinstance(entry[1], VaryingPart):
        return None
    import sympy as sp

    (variable,) = entry[1].parents
    return sp.Function(f"{PREFIX}{instance} of {variable}")(parent(variable))
