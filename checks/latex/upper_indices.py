r"""A superscript index in tensor notation is an upper index, not a power.

Relativity and geometry notes write the components of a connection or a tensor with upper and
lower indices: ``\Gamma^{0}_{i0} = 0``, ``\Gamma^{0}_{ij} = a\dot{a}\,\delta_{ij}``,
``R^{\rho}_{\sigma\mu\nu}``. Read as a power, ``\Gamma^{0}`` is 1 and a correct component was
called wrong ("left side = 1"). A ``wrong`` step with a superscript 0 beside a subscript
(``X^{0}_{…}``, ``X_{…}^{0}``: a power 0 is never written so), or with a one-index superscript
before a subscript of two or more indices (``\Gamma^{\lambda}_{\mu\nu}``, ``R^a_{bcd}``), is held
back, inconclusive, saying so. A power written after a one-index subscript (``x_i^2``) is read as
before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["hold_upper_indices", "upper_index"]

_ONE = r"(?:\\[A-Za-z]+|[A-Za-z0-9])"
_UPPER = re.compile(
    r"\^\s*\{?\s*0\s*\}?\s*_"  # X^{0}_{…}
    r"|_\s*(?:\{[^{}]*\}|\\?\w+)\s*\^\s*(?:\{\s*0\s*\}|0)(?![\w.])"  # X_{…}^{0}
    r"|\^\s*(?:\{\s*" + _ONE + r"\s*\}|" + _ONE + r")\s*_\s*\{\s*(?:" + _ONE + r"\s*){2,}\}"  # \Gamma^\lambda_{\mu\nu}
)


def upper_index(text: str) -> bool:
    """Does ``text`` write a component with an upper index (module docstring)?"""
    return _UPPER.search(text) is not None


def hold_upper_indices(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that writes an upper index held back (module docstring)."""
    why = (
        "; but a superscript beside the subscripts here is an upper index of a component (tensor notation), not a power"
    )
    return hold_wrongs(judged, lambda r: why if upper_index(f"{r.step.lhs} = {r.step.rhs}") else None)
