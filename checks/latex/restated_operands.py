r"""A derivative of a name set equal to the same derivative of a formula restates the name's value.

``\frac{\partial y_i}{\partial z_i} = \frac{\partial}{\partial z_i}\frac{e^{z_i}}{\sum_k e^{z_k}}``
says y_i is the softmax. Where the document gave y_i another value before, read from its entries (a
softmax blog writes ``y_1 = \frac{z_1}{\sum_k z_k}, …, y_K = …``, its exponentials forgotten), the
step is refuted with that value, and the verdict lands on a correct step: the slip, if any, is in
the earlier value, or in this restatement, and which one the text does not say. Such a ``wrong``
(both sides one derivative by the same variable, a name on the left and a formula on the right, the
name's own value never written) is held, saying so (:func:`hold_restated_operands`); the steps after
it are judged as ever, so a formula restated wrongly and carried on is still found where a later
step breaks with it.
"""

from __future__ import annotations

import re
from functools import partial

from derive.checks.latex.implied_losses import derivative_parts
from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import squeezed

__all__ = ["hold_restated_operands"]

#: a name: one letter or command, with its scripts (y_i, P_{j}, \hat{y}^{(i)}, a^{[L]}_k)
_NAME = re.compile(
    r"\s*(?:\\(?:hat|bar|tilde|mathbf|boldsymbol|bm)\s*\{\s*)?(?:\\[A-Za-z]+|[A-Za-z])\s*\}?"
    r"(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*\s*"
)


_squeeze = partial(squeezed, spacing=True)  # squeezed_text: names compared as written


def restated_name(lhs: str, rhs: str) -> str | None:
    """The name a step ``∂N/∂v = ∂E/∂v`` restates (N, where E is a formula other than N), or None."""
    left, right = derivative_parts(lhs), derivative_parts(rhs)
    if left is None or right is None or _squeeze(left[1]) != _squeeze(right[1]):
        return None
    name, formula = left[0], right[0]
    if not _NAME.fullmatch(name) or _NAME.fullmatch(formula) or _squeeze(name) == _squeeze(formula):
        return None
    return name.strip()


def _stated(text: str, name: str) -> bool:
    """Does the document give the name itself a value (``L = …``, not only entries ``y_1 = …`` a
    family was read from)?"""
    squeezed = re.sub(r"[\s{}]", "", text)
    return re.search(r"(?<![A-Za-z\\])" + re.escape(re.sub(r"[\s{}]", "", name)) + r"&?=(?!=)", squeezed) is not None


def hold_restated_operands(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` step that restates a name's value under one derivative held
    (module docstring), where the document never writes that name's value itself: a value it
    states (``L = \frac12(wx - t)^2``, then ``∂L/∂w = ∂(wx - t)^3/∂w``) makes the restatement the slip."""
    out = []
    for result in judged:
        name = restated_name(result.step.lhs, result.step.rhs) if result.status == "wrong" else None
        if name is not None and not _stated(text, name):
            why = (
                f"; but the step writes {name} as the formula on its right, which is not the value {name} has"
                " before it: the slip may be in either"
            )
            result = result.held(result.message + why)
        out.append(result)
    return out
