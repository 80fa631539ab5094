r"""Equations between differentials: ``du = 3dx`` after ``u = 3x + 2`` (integration by substitution).

Read letter by letter, ``du`` is a product d·u, and with the notation's size ``d`` (or any d) the
step fails: a false alarm on a line every calculus text writes. A step whose left side is one
differential ``du`` (``\mathrm{d}u``) and whose right side ends in another, ``E\,dx``, says
``du/dx = E``; it is judged in that form (the document's definition of u then gives du/dx), so
``du = 5dx`` after ``u = 3x + 2`` is still wrong. The ``d`` must touch its variable on both
sides (``3dx``, ``2x\,dx``); anything else is read as before.

Any other ``wrong`` step with a ``d`` against a name (``dP = dO V^\top`` in a derivation of
attention's backward pass, where ``dO`` is ∂L/∂O and d also the head dimension) was refuted as a
product d·P, a reading the page does not give: such a d-name is a differential or a gradient's
name (Andrew Ng's ``dW``), so the step is held back (inconclusive) with that reason. Written
with a product sign (``d \cdot P``) it is a product, and judged as one. So is a d before a Greek
letter or a spaced letter and a d before a bracket (``d\left(\Sigma^{-1} S\right) = d \Sigma^{-1}
\cdot S + \Sigma^{-1} \cdot d S``, the product rule for differentials in a Gaussian
discriminant analysis derivation, kindlytrees/experimental_manual).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.steps import Step

__all__ = ["differential_quotient", "glued_names"]

_D = r"(?:\\mathrm\s*\{\s*d\s*\}\s*|\\operatorname\s*\{\s*d\s*\}\s*|d)"
_VAR = r"(?:\\[A-Za-z]+|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?"
_LEFT = re.compile(rf"\s*{_D}({_VAR})\s*")
_RIGHT = re.compile(rf"(?P<coefficient>.*?)(?:\s|\\[,;:! ]|\\cdot|\\times)*(?<![A-Za-z\\]){_D}(?P<var>{_VAR})\s*", re.S)


def differential_quotient(step: Step) -> Step | None:
    r"""``du = E dx`` as the step ``\frac{du}{dx} = E``; None for any other step."""
    left = _LEFT.fullmatch(step.lhs)
    right = _RIGHT.fullmatch(step.rhs) if left else None
    if left is None or right is None or step.relation != "=":
        return None
    coefficient, var = right.group("coefficient").strip(), right.group("var")
    if not coefficient or var == left.group(1) or re.search(rf"(?<![A-Za-z\\]){_D}{_VAR}\s*$", coefficient):
        return None
    return replace(step, lhs=rf"\frac{{d{left.group(1)}}}{{d{var}}}", rhs=coefficient)


#: d against a name (dP, dO, dW_1, dz^{[2]}, d\mathbf{X}: a font changes no letter), not inside a word or a command
_FONT = r"\\(?:mathbf|boldsymbol|bm|mathit|vec)\s*\{\s*[A-Za-z]\s*\}"
_GREEK = (
    r"\\(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|kappa|lambda|mu|nu|xi|pi|rho|sigma"
    r"|tau|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega)(?![A-Za-z])"
)
_BRACKET = r"\s*(?:\\left\s*)?[(\[]"
_GLUED = re.compile(rf"(?<![A-Za-z\\])d(?:[A-Za-z](?![A-Za-z])|{_FONT}|\s*{_GREEK}|\s+[A-Za-z](?![A-Za-z])|{_BRACKET})")
#: a Leibniz fraction (\frac{dL}{dz}, \frac{d}{dx}, \frac{dL}{{dw}_{1}}): its d is read as a derivative already
_LEIBNIZ = re.compile(r"\\[dt]?frac\s*\{\s*d(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*\{?\s*d(?:[^{}]|\{[^{}]*\})*\}")


#: an upright d (``\mathrm{d}``, ``\operatorname{d}``, ``\text{d}``): the differential's own sign, which no
#: page writes for a size or a variable d; what follows it (after any space) is its variable
_UPRIGHT_D = re.compile(r"\\(?:mathrm|operatorname|text|textrm|rm)\s*\{\s*d\s*\}\s*")


def glued_names(step: Step) -> list[str]:
    r"""The d-names of a step (``dP``, ``dO``, ``\mathrm{d}\mathbf{X}`` as ``d\mathbf{X}``) outside
    Leibniz fractions, in order."""
    text = _LEIBNIZ.sub(" ", _UPRIGHT_D.sub("d", f"{step.lhs} {step.rhs}"))
    names = [re.sub(r"\s+", "", m.group(0)) for m in _GLUED.finditer(text)]
    named = [name for name in names if not re.search(_BRACKET + "$", name)]
    # a d-name (dX) says more than d before a bracket: it comes first
    return list(dict.fromkeys(named + ["d(…)"] * (len(named) < len(names))))
