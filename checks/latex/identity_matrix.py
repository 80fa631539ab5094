r"""The identity matrix written beside numbers: ``\mathbf{A}^{-1} = \frac{1}{a}\mathbf{I}`` after
``\mathbf{A} := a\mathbf{I}``.

DDPM's posterior (Malav-P's and andycheungyatming's notes) is a Gaussian whose covariance is a
number times the identity: ``A = aI``, so ``A^{-1} = \frac{1}{a}I``. Read with scalars, ``I`` is
one more unknown number, ``(aI)^{-1} = 1/(aI)`` is not ``I/a``, and the step was called wrong at
I = 2. Among numbers the identity behaves as 1 (it commutes, I² = I, I^{-1} = I), so a ``wrong``
step that holds with every ``I`` (bare, ``\mathbf{I}``, ``\boldsymbol{I}``, ``\mathbb{I}``)
written 1 is held back (inconclusive), saying so. A page that defines I (an integral, a
current) keeps it as its value; ``(aI)^{-1} = \frac{2}{a}I`` is false with I = 1 too and stays
wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.steps import Step

__all__ = ["IDENTITY", "identity_reading"]

IDENTITY = "; but with I the identity matrix (as 1 among numbers) it holds"
_I = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathbb|mathrm|pmb)\s*\{\s*I\s*\}|(?<![A-Za-z\\{])I(?![A-Za-z_])")


def identity_reading(step: Step, defined: set[str]) -> Step | None:
    """The step under one more condition, I = 1 (so a definition the step reaches, ``A := aI``, has
    it too), or None when the step writes no identity-like I or the page defines I."""
    if "I" in defined or not (_I.search(step.lhs) or _I.search(step.rhs)):
        return None
    return replace(step, conditions=(*step.conditions, "I = 1"))
