r"""Which variable a prime on a bracket differentiates by: ``\left(…\right)'``.

A bracket holding one variable, ``\left(\frac{1}{1+e^{-x}}\right)'``, is differentiated by it.
A bracket holding several is differentiated by the variable of the chain it stands in, when the
chain's left side is a derivative by one variable and the bracket holds that variable or sums
over its family (the chain's ``\frac{\partial \sigma_i}{\partial z_j}``):

    \frac{\partial \sigma(\mathbf{z})_i}{\partial z_j} = \left(\frac{e^{z_j}}{\sum_k e^{z_k}}\right)'
    \frac{\partial \ell}{\partial o_i} = \left(-\sum_i y_i \log o_i\right)'

In such a chain the quotient rule's ``\left(e^{z_i}\right)'`` means d/dz_j too (0 when i ≠ j),
not d/dz_i: a bracket whose one variable is another entry of the chain variable's family is not
read (by either, a correct step could come out wrong). Anything else stays unread.
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_tokens import Unreadable

__all__ = ["prime_variable"]

#: a name and its subscript: z_{j} → (z, j)
_ENTRY = re.compile(r"(?P<stem>.+?)_\{(?P<sub>[^{}]+)\}")


def prime_variable(names: set[str], summed: set[str], chain_var: str | None) -> str:
    """The variable to differentiate by (module docstring): ``names`` are the bracket's variables,
    ``summed`` the indices of the sums it holds; raises Unreadable when it is not clear."""
    if chain_var is not None:
        if chain_var in names or _family_summed(chain_var, names, summed):
            return chain_var
        if len(names) == 1 and _same_family(chain_var, next(iter(names))):
            raise Unreadable(f"a prime ' on a bracket of {next(iter(names))} in a chain about {chain_var}")
    if len(names) != 1:
        raise Unreadable("a prime ' on a bracket with no single variable (with respect to what?)")
    return next(iter(names))


def _split(name: str) -> tuple[str, str] | None:
    m = _ENTRY.fullmatch(name)
    return (m.group("stem"), m.group("sub")) if m else None


def _same_family(a: str, b: str) -> bool:
    """z_{i} and z_{j}: entries of one vector."""
    x, y = _split(a), _split(b)
    return x is not None and y is not None and x[0] == y[0]


def _family_summed(var: str, names: set[str], summed: set[str]) -> bool:
    """Does the bracket sum over var's family (z_{k} under a sum over k, var z_{j})?"""
    entry = _split(var)
    if entry is None:
        return False
    for name in names:
        other = _split(name)
        if other is not None and other[0] == entry[0] and other[1] in summed:
            return True
    return False

