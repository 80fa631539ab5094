r"""A partial derivative holds a function's other arguments fixed, whatever value the document gives them.

A least-squares solution defines its risk at its parameters, ``R_{\gamma}(a, b) = \gamma a^2 +
\frac{1}{n}\sum_{i=1}^{n} (y_i - (ax_i + b))^2``, sets ``\partial R_\gamma / \partial b`` to zero and
solves it, ``b = \bar{y} - a\bar{x}`` (the best b for each a), then checks the Hessian:
``\frac{\partial^2 R_\gamma}{\partial a^2} = 2\gamma + \frac{2}{n}\sum_{i=1}^{n} x_i^2``. b is one of
R_γ's arguments, so the partial derivative by a holds it fixed. The checker put b's value in
before differentiating (R_γ(a, b(a))), which differentiates along the best b instead (2γ + (2/n)Σ(x_i
− x̄)²), and called the step wrong.

So: where a step that differentiates partially (``\partial``, not d) by one argument of a function
the document defines at a list of two or more names (``F(a, b) = …``, ``F(a, b) := …``) is wrong,
and another name of that list has a value from the document before the step that writes the
variable (b = ȳ − a x̄ writes a), the step is judged again with the list's names free. ok there is
ok (the partial derivative as written); anything else is inconclusive: the step may also mean the
derivative at b's value (b put in after differentiating), which neither reading is, so a wrong
verdict could not be trusted. A value that does not write the variable (b = 3) is the same put in
before or after, and such a step keeps its verdict.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from derive.checks.latex.doc_definitions import DocumentDefinitions, definitions_before, uses_name
from derive.checks.latex.extract import Equation
from derive.checks.latex.results import StepResult
from derive.checks.latex.squeezed_text import BOLD_FONTS, squeezed
from derive.checks.latex.typed_nodes import Opaque

__all__ = ["argument_lists", "hold_partial_arguments"]

#: a name (a letter or a command, with a subscript) written at a list of names and given a value:
#: ``R_{\gamma}(a, b) =``, ``J(w, b) :=``, ``L\left(\theta_0, \theta_1\right) =``
_DEFINED_AT_LIST = re.compile(
    r"(?<![A-Za-z\\])(?P<name>(?:[A-Za-z]|\\(?:mathcal|mathrm|text)\s*\{\s*[A-Za-z]+\s*\}|\\ell)"
    r"(?:\s*_\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9]))?)"
    r"\s*(?:\\left\s*)?\(\s*(?P<args>[^()=]*?)\s*(?:\\right\s*)?\)\s*(?::=|\\coloneqq|=)"
)
#: one argument: a letter or a command, with fonts and a subscript (θ_0, \mathbf{w}, b)
_ARGUMENT = re.compile(
    r"(?:\\(?:mathbf|boldsymbol|bm|vec)\s*\{\s*)?(?:[A-Za-z]|\\[A-Za-z]+)\s*\}?(?:\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?"
)

#: ∂ and the name after it, in squeezed LaTeX: \partiala, \partial\theta_0
_PARTIAL_BY = re.compile(r"\\partial((?:[A-Za-z]|\\[A-Za-z]+)(?:_(?:\\[A-Za-z]+|[A-Za-z0-9]))?)")

_WHY = (
    "{variable} is one argument of {function} ({listed}): a partial derivative by it holds {others} fixed,"
    " and {others} has a value from the document that writes {variable}; whether the step means the"
    " derivative before or at that value is not known, so it is not judged"
)
#: (the variable, the function, its argument list, the listed names valued before the step)
Held = tuple[str, str, tuple[str, ...], set[str]]

_OK = "a partial derivative holds {function}'s other arguments ({others}) fixed: {{message}}"


_squeezed = partial(squeezed, fonts=BOLD_FONTS)  # squeezed_text: names compared as written


def argument_lists(equations: list[Equation]) -> dict[str, tuple[str, ...]]:
    """name (squeezed) → its argument names (squeezed), for each function the document defines at
    a list of two or more names; a name defined at two different lists is left out (which holds?)."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for equation in equations:
        for piece in equation.pieces:
            for m in _DEFINED_AT_LIST.finditer(piece.text):
                parts = [p.strip() for p in m.group("args").split(",")]
                if len(parts) < 2 or not all(_ARGUMENT.fullmatch(p) for p in parts):
                    continue
                found.setdefault(_squeezed(m.group("name")), set()).add(tuple(_squeezed(p) for p in parts))
    return {name: next(iter(lists)) for name, lists in found.items() if len(lists) == 1}


def _partial_variables(text: str) -> set[str]:
    """The names a step differentiates partially by (squeezed): ∂a, ∂a^2, ∂\\theta_0."""
    return {m.group(1) for m in _PARTIAL_BY.finditer(_squeezed(text))}


def _uses_function(text: str, name: str) -> bool:
    """Does the step write the function (bare or at its arguments)?"""
    return re.search(re.escape(name) + r"(?![A-Za-z_])", _squeezed(text)) is not None


def _held_names(step: Any, lists: dict[str, tuple[str, ...]], document: DocumentDefinitions) -> Held | None:
    """(variable, function, its list, the listed names valued before the step in a value writing
    the variable: the document's names as it defines them), for a wrong step that needs it."""
    text = f"{step.lhs} = {step.rhs}"
    variables = _partial_variables(text)
    before = definitions_before(document.defs, step.line, step.column, step.rhs)
    for function, listed in lists.items():
        if not _uses_function(text, function):
            continue
        for variable in sorted(variables & set(listed)):
            valued = {
                d.name for d in before
                if _squeezed(d.name) in listed and _squeezed(d.name) != variable and uses_name(d.rhs, variable)
            }
            if valued:
                return variable, function, listed, valued
    return None


def hold_partial_arguments(
    judged: list[StepResult], equations: list[Equation], document: DocumentDefinitions, again: Any
) -> list[StepResult]:
    """The verdicts with each wrong partial derivative that put in a value of its function's other
    argument judged again with the function's arguments free: ok stands, anything else is held."""
    lists = argument_lists(equations)
    if not lists or not any(r.status == "wrong" for r in judged):
        return judged
    out = list(judged)
    tasks, where, why = [], [], []
    for k, result in enumerate(judged):
        if result.status != "wrong":
            continue
        found = _held_names(result.step, lists, document)
        if found is None:
            continue
        variable, function, listed, valued = found
        typed, scalar = document.for_step(result.step.line, result.step.column, result.step.rhs, derivative=True)
        free = {d.name for d in document.defs if _squeezed(d.name) in listed}
        typed = {name: (Opaque(name) if name in free else value) for name, value in typed.items()}
        scalar = {name: value for name, value in scalar.items() if name not in free}
        others = ", ".join(sorted(valued))
        out[k] = result.held(_WHY.format(variable=variable, function=function, listed=", ".join(listed), others=others))
        tasks.append((result.step, (typed, scalar)))
        where.append(k)
        why.append(_OK.format(function=function, others=others))
    return again.confirm(out, tasks, where, why)
