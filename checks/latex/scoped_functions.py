r"""Functions a document defines again, differently, in a later section: each use means the
latest definition written before it, and that reading may only confirm a step.

Chain-rule write-ups name the links of each derivation ``g_1, g_2, …`` afresh: ``x_1 = g_2(x_2) =
\frac{c_1}{x_2}`` in the cross-entropy section, ``x_1 = g_2(x_2) = \frac{x_2}{s}`` in the next,
and then ``\frac{\partial g_2(x_2)}{\partial x_2} = -\frac{c_1}{x_2^2}`` under each. A name
defined twice differently is left out of the document's functions (own_functions.one_meaning:
which body is meant?), so those steps were not read. A reader takes the definition just above;
so does this module, step by step (:meth:`ScopedFunctions.at`): the latest definition on the
step's line or above. A step that writes the name bare (``\frac{\partial L}{\partial a}``) takes
it when every definition is the same value with its parameters renamed (``L(\hat y, y)``, then
``L(a, y)``), or when every definition has the same parameter list (a loss section by section,
``L(y, \hat y)`` the squared error, then the cross-entropy: the latest is the loss the section
differentiates), unless the step is a chain rule in derivatives only; two different values on
one line ("let f(x) = x^2, and later f(x) = x^3") are alternatives, and the name is left unread.

The reading is a guess about what the author meant (a step may refer back to an earlier
section's g_2), so it only ever confirms: a step that uses such a function and is found wrong is
made inconclusive, saying why (:meth:`ScopedFunctions.hold`), as redefined_steps does for names
given two values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from derive.checks.latex.abstract_functions import abstract_name
from derive.checks.latex.dot_products import dot_products
from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import PARAMETER_SEPARATOR, substitute_name, substitute_names
from derive.checks.latex.multi_functions import multi_definitions
from derive.checks.latex.notation import Notation
from derive.checks.latex.own_functions import NewFunction, one_meaning
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step
from derive.checks.latex.subscripted_functions import more_definitions, uses
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["ScopedFunctions", "derivatives_only", "find_scoped_functions"]

#: one derivative fraction of a name, ∂ or d or δ on top and below: \frac{\partial L}{\partial \hat{y}}
_DERIVATIVE_FACTOR = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:\\partial|\\delta|d)(?:[^{}()\[\]+\-]|\{[^{}\[\]+]*\})*\}"
    r"\s*\{\s*(?:\\partial|\\delta|d)(?:[^{}()\[\]+\-]|\{[^{}\[\]+]*\})*\}"
)

_HELD = (
    "is defined more than once in the document; read with its latest definition before the step"
    " (line {}), which may only confirm a step"
)


@dataclass(frozen=True)
class ScopedFunctions:
    #: name → its definitions in document order, for the names defined differently more than once
    defs: dict[str, list[NewFunction]] = field(default_factory=dict)

    def latest(self, step: Step, notation: Notation) -> list[NewFunction]:
        """The latest definition before the step of each such name the step uses."""
        found = []
        for name, defs in self.defs.items():
            if any((d.line, d.column) == (step.line, step.column) for d in defs):
                continue  # the definition itself is read as before (it would hold by itself)
            # a definition later on the step's own line counts: x_3 = g_4(Z) = Z - c defines g_4 anew
            before = [d for d in defs if d.line <= step.line]
            applied = [_applied_only(side, name, notation) for side in (step.lhs, step.rhs)]
            # written bare, it is the value at the latest definition's own parameters, which only
            # says what the author meant when every definition is that one with its parameters renamed
            bare = None in applied and _bare_meant(defs, step, notation) and _uses(step, name, notation)
            if before and (bare or (None not in applied and any(applied))):
                found.append(before[-1])
        return found

    def at(self, notation: Notation, step: Step) -> Notation:
        """The notation with each such function the step uses meaning its latest definition."""
        latest = self.latest(step, notation)
        if not latest:
            return notation
        added = {d.name: (d.parameter, d.body) for d in latest}
        # primed, the letter was taken for an undefined function (abstract_functions): here it is defined
        functions = {k: v for k, v in notation.functions.items() if k not in added or abstract_name(v) is None}
        return replace(notation, doc_functions={**notation.doc_functions, **added}, functions=functions)

    def hold(self, results: list[StepResult], notation: Notation) -> list[StepResult]:
        """``results`` with each ``wrong`` of a step read with such a definition made inconclusive,
        and each of the definitions themselves said to be one (not "a product?")."""
        out = []
        for r in results:
            latest = self.latest(r.step, notation) if r.status == "wrong" else []
            if latest:
                why = f"{latest[0].name} " + _HELD.format(latest[0].line)
                r = r.held(f"{r.message}; {why}")
            out.append(self._as_definition(r))
        return out

    def _as_definition(self, result: StepResult) -> StepResult:
        """A definition ``g(z) = z^2`` of a function defined differently elsewhere was unread as
        "g(…): a function application or a product?": it is the document's definition, one of several."""
        if result.status != "unparsed":
            return result
        where = (result.step.line, result.step.column)
        for name, defs in self.defs.items():
            if any((d.line, d.column) == where for d in defs) and f"{name}(…)" in result.message:
                lines = ", ".join(str(d.line) for d in defs)
                why = f"the document's definition of the function {name}, defined differently more than once"
                why += f" (lines {lines}): each use is read with the latest definition before it"
                return replace(result, status="inconclusive", counterexample=None, message=why, method="definitions")
        return result


def _applied_only(text: str, name: str, notation: Notation) -> bool | None:
    """Does ``text`` apply the name (``g_2(x_2)``)? None where it also writes it bare
    (``\\frac{\\partial\\xi}{\\partial y}``): a bare name keeps the reading it had (a quantity the
    chain defines, not one of the function's bodies), so such a step is left as it was."""
    try:
        marked = substitute_name(TexReader(*clean_tokens(dot_products(tex_tokens(text))), notation), name, ["\0"])
    except Unreadable:
        return None
    if marked is None:
        return None
    places = [k for k, t in enumerate(marked) if t == "\0"]
    # g'(z), g''(z): a derivative of the function applied, as much an application as g(z)
    after = [next((t for t in marked[k + 3 :] if t != "'"), "") for k in places]
    if any(t not in ("(", "\\left") for t in after):
        return None
    return bool(places)


def _uses(step: Step, name: str, notation: Notation) -> bool:
    return uses(step.lhs, name, notation) or uses(step.rhs, name, notation)


def _bare_meant(defs: list[NewFunction], step: Step, notation: Notation) -> bool:
    r"""Is a bare use of the name its latest definition? Where every definition is the first
    renamed (one value), and where every definition has the same parameter list (``L(y, \hat y)
    = \frac12(y - \hat y)^2`` in one section, ``L(y, \hat y) = -y\log\hat y - …`` in the next:
    one quantity of the same arguments, the loss the section works with), except in a chain rule
    written in derivatives only, which says nothing of the value (abstract_chain reads it bare)."""
    if _renamed_alike(defs, notation):
        return True
    one_list = len({d.parameter for d in defs}) == 1
    return one_list and not (derivatives_only(step.lhs) and derivatives_only(step.rhs))


def derivatives_only(side: str) -> bool:
    r"""Is the side a product of derivatives of names (``\frac{\partial L}{\partial a}\frac{\partial
    a}{\partial z}``), nothing else?"""
    rest = _DERIVATIVE_FACTOR.sub("", side)
    return not re.sub(r"\\cdot|\\times|\\left|\\right|\\[,;!]|[\s()*]", "", rest)


def _renamed_alike(defs: list[NewFunction], notation: Notation) -> bool:
    """Is every definition the first with its parameters renamed (``L(\\hat y, y)`` then ``L(a, y)``
    with the same value in a)? Each value is compared with its parameters in place as numbered marks."""
    shapes = set()
    for d in defs:
        params = d.parameter.split(PARAMETER_SEPARATOR)
        marks = {p: [f"\\{k}"] for k, p in enumerate(params, 1)}
        try:
            marked = substitute_names(TexReader(*clean_tokens(tex_tokens(d.body)), notation), marks)
        except Unreadable:
            return False
        if marked is None:
            return False
        shapes.add((len(params), "".join(marked)))
    return len(shapes) == 1


def find_scoped_functions(equations: list[Equation], notation: Notation, taken: set[str]) -> ScopedFunctions:
    """The names (not among ``taken``, the functions with one meaning) that the document defines
    differently more than once, with all their definitions in order; a name defined with one
    parameter in one place and several in another counts too (g_1(x_1) and g_1(x_1, x_2))."""
    found: dict[str, list[NewFunction]] = {}
    for d in [*more_definitions(equations, notation), *multi_definitions(equations, notation)]:
        if d.name not in taken:
            found.setdefault(d.name, []).append(d)
    scoped = {}
    for name, defs in found.items():
        defs = sorted({(d.line, d.column): d for d in defs}.values(), key=lambda d: (d.line, d.column))
        # two different values in one line ("let f(x) = x^2, and later f(x) = x^3") are
        # alternatives side by side, not a new section's function: which is meant is not known
        side_by_side = any(not one_meaning([a, b]) for a in defs for b in defs if a.line == b.line)
        if not one_meaning(defs) and not side_by_side:
            scoped[name] = defs
    return ScopedFunctions(scoped)
