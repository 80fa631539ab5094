r"""Functions a document defines itself: ``$\phi(z) = \tanh(z)$`` where the notation reads φ as
ReLU, or ``\sigma(z) = \frac{e^{z}}{\sum_j e^{z_j}}`` where it reads σ as the logistic function.

A chain whose first term is one function applied to one argument (or the bare function) and
whose next term is its value defines the function, when the notation does not confirm that
step. The document's function is then not the notation's anywhere in the document, so a step
that mentions it is never called wrong on the notation's reading (no false alarm): it is
inconclusive, saying so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from derive.checks.latex.extract import Equation
from derive.checks.latex.inverse_functions import INVERSE_KEYS
from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.prose_leads import past_prose_lead
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain

__all__ = [
    "function_definitions",
    "FunctionDefinition",
    "NewFunction",
    "find_function_definitions",
    "find_new_functions",
    "one_meaning",
    "release_own_functions",
]

#: fonts and operator wrappers around a function's name (\mathrm{ReLU}(x), \operatorname{softmax}(z))
_LEAD = re.compile(r"\\(mathrm|operatorname|text|mathit|textrm)\s*\{([^{}]*)\}")
_DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv")


@dataclass(frozen=True)
class FunctionDefinition:
    line: int  # where the value starts (the definition's step has this line and column)
    column: int
    function: str  # as written: \phi, ReLU, \sigma


def _defined_function(term: str, notation: Notation) -> str | None:
    """The function a left term such as ``\\phi(z)`` or ``\\phi`` names, else None."""
    norm = normalize(term, notation)
    if norm.problems or norm.derivatives or len(norm.functions) != 1:
        return None
    if any(parts[1:2] != ("0",) for parts in norm.functions.values()):
        return None  # φ'(z) = … is a claim about the derivative, not a definition
    if any(parts[0] in INVERSE_KEYS for parts in norm.functions.values()) and re.search(r"\^\s*\{?\s*-\s*1", term):
        return None  # \cosh^{-1}(x) = … is a claim about the inverse (inverse_functions), not a cosh of its own
    if len(norm.calls) == 1 and len(norm.symbol_names) <= 1:
        function, argument = norm.calls[0]
        # exactly f(x): "\frac12 \tanh(x/2)" is a claim about tanh, not its definition
        call = _LEAD.sub(r"\2", term).strip()
        plain = re.fullmatch(r"\\?[A-Za-z]+(_\{?\w+\}?)?|\\mathbf\{\w+\}|\\mathbf\s*\w", argument.strip())
        if call.startswith(function) and re.search(r"(\)|\\right\))\s*$", call) and plain:
            return function
        return None
    if len(norm.bare) == 1 and not norm.calls and not norm.symbol_names:
        return norm.bare[0]
    return None


#: the notation's smooth functions: a derivative of one of them is never a case split
_SMOOTH = {"sigmoid", "tanh", "softplus", "softmax"}
#: a value in cases, or an indicator: piecewise in its argument
_PIECEWISE = re.compile(
    r"\\begin\s*\{\s*(cases|dcases|rcases)\s*\}|\\(mathrm|mathbb|mathbf)\s*\{?\s*1\s*\}?\s*(?:[_\[\{(]|\\\{)|\bif\b"
)


def _piecewise_derivative(term: str, value: str, notation: Notation) -> str | None:
    """``\\sigma'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}`` names σ the
    document's own (ReLU-like) activation: the notation's σ is smooth, and no one claims a
    smooth function's derivative is a case split. (A piecewise function of the notation, ReLU,
    stays judged: ``rect'(x) = …`` there is a claim.)"""
    norm = normalize(term, notation)
    if norm.problems or norm.derivatives or len(norm.functions) != 1 or len(norm.calls) != 1:
        return None
    kind, order = next(iter(norm.functions.values()))[:2]
    if order == "0" or kind not in _SMOOTH or not _PIECEWISE.search(value):
        return None
    return norm.calls[0][0]


def find_function_definitions(equations: list[Equation], notation: Notation) -> list[FunctionDefinition]:
    """Every chain that starts ``f(x) = …`` with f a function of the notation."""
    found: list[FunctionDefinition] = []
    for equation in equations:
        for chain in split_chain(equation):
            # \text{The loss is} = f(x) = …: the phrase is no term; f(x) = … starts the chain
            (first, relation), (second, _) = past_prose_lead(chain)[:2]
            if relation not in _DEFINES or not second.text.strip():
                continue
            function = _defined_function(first.text, notation)
            function = function or _piecewise_derivative(first.text, second.text, notation)
            if function:
                found.append(FunctionDefinition(second.line, second.column, function))
    return found


def _mentions(text: str, function: str) -> bool:
    return re.search(re.escape(function) + r"(?![A-Za-z])", text) is not None


def _by_value(result: StepResult, function: str) -> bool:
    """Does the step use the function's values (σ(x), not only σ'(x) as a factor of a chain rule,
    which holds whatever σ is)?"""
    unprimed = re.escape(function) + r"(?![A-Za-z])(?!\s*(?:'|\^\s*\{?\s*\\prime))"
    return any(re.search(unprimed, side) for side in (result.step.lhs, result.step.rhs))


#: what makes a value more than one scalar value of its argument (a sum, an index, a case split)
#: or a value through another letter's function (σ(z) = φ(z): φ's meaning is the document's)
_NOT_ONE_VALUE = re.compile(
    r"\\sum|\\prod|_|\\begin|\\max|\\min|\\mathbb|\\mathbf|\\vec|\\(?:var)?phi|\\psi|(?<![A-Za-z\\])[A-Za-z]\s*\("
)


def _one_value(value: str) -> bool:
    """Is this a scalar expression of the parameter (tanh(z + 1)/2), not another kind of function
    (a softmax's sum over entries, a case split)?"""
    return bool(value.strip()) and _NOT_ONE_VALUE.search(value) is None


def release_own_functions(
    results: list[StepResult],
    found: list[FunctionDefinition],
    read_as_document: frozenset[str] = frozenset(),
    slips: dict[tuple[int, int], str] | None = None,
) -> list[StepResult]:
    """Results with every ``wrong`` that mentions a function the document defines (and the
    notation does not confirm) made inconclusive; and every ``ok`` that uses the values of such a
    function whose definition the notation's refutes and nowhere confirms, where the step was read
    with the notation's function (not one of ``read_as_document``, the functions whose uses the
    readers take from the document's definitions). A definition at one of ``slips`` (its place → the
    word the prose named the function with: named_definitions) stays wrong."""
    status = {(r.step.line, r.step.column): r.status for r in results}
    values = {(r.step.line, r.step.column): r.step.rhs for r in results}
    # a definition the notation confirms (σ(z) = 1/(1 + e^{-z}) beside "σ(z) = φ(z)") says the
    # document's function is the notation's too: its ok steps stand; and a later "definition" of
    # one scalar value (σ(z) = tanh(z + 1)/2) is then a claim about that function, judged as one
    confirmed = {d: (d.line, d.column) for d in found if status.get((d.line, d.column)) == "ok"}
    own: dict[str, int] = {}
    for d in found:
        at = (d.line, d.column)
        claim = any(c.function == d.function and where < at for c, where in confirmed.items())
        if status.get(at) != "ok" and not (claim and _one_value(values.get(at, ""))):
            own.setdefault(d.function, d.line)
    confirmed_names = {d.function for d in confirmed}
    # refuted: a definition the notation's function fails (σ(x) = 1/(1+e^x)); one not judged at all
    # (csch(x) = 1/sinh(x) read as a definition) says nothing against the notation's oks
    refuted = {d.function for d in found if status.get((d.line, d.column)) == "wrong"}
    out: list[StepResult] = []
    for r in results:
        hit = next((f for f in own if _mentions(r.step.lhs, f) or _mentions(r.step.rhs, f)), None)
        named = (slips or {}).get((r.step.line, r.step.column))
        if r.status == "wrong" and hit is not None and named:  # "### sigmoid", then σ(x) = 1/(1 + e^x)
            r = replace(r, message=f"{r.message}; the prose calls it the {named} function, and this is not its value")
        elif r.status == "wrong" and hit is not None:
            note = f"; the document defines {hit} itself (line {own[hit]}), so the notation's {hit} is not used"
            r = r.held(r.message + note)
        elif r.status == "ok" and hit in refuted - read_as_document - confirmed_names and _by_value(r, hit):
            # σ'(x) = σ(x)(1 − σ(x)) under "σ(x) = 1/(1 + e^x)": true of the logistic σ, not of the
            # document's; whether its definition is a slip or its own function, a reader cannot tell
            note = (
                f"holds for the notation's {hit}, but the document defines {hit} otherwise (line {own[hit]}),"
                " so it is not confirmed"
            )
            r = r.held(note)
        out.append(r)
    return out


@dataclass(frozen=True)
class NewFunction:
    line: int  # where the body starts (the definition's own step)
    column: int
    name: str  # canonical, as the reader names it (g, \ell)
    parameter: str  # the token of the parameter (z, \theta)
    body: str


#: ``g(z)``, ``\ell(\theta)``, ``f\left(x\right)``: a one-letter name applied to a one-letter parameter
_NEW_CALL = re.compile(
    r"\s*(?P<name>[A-Za-z]|\\[A-Za-z]+)\s*(?:\\left\s*)?\(\s*(?P<param>[A-Za-z]|\\[A-Za-z]+)\s*(?:\\right\s*)?\)\s*"
)


def find_new_functions(equations: list[Equation], notation: Notation) -> list[NewFunction]:
    """Functions the document defines that the notation does not know (``g(z) = \\frac{1}{1 +
    e^{-z}}``), each defined once or restated alike; a name defined twice differently is left
    out (which body is meant?)."""
    return [defs[0] for defs in function_definitions(equations, notation).values() if one_meaning(defs)]


def function_definitions(equations: list[Equation], notation: Notation) -> dict[str, list[NewFunction]]:
    """Every definition ``name(param) = body`` of a name the notation does not know, by name (a
    name defined twice differently included)."""
    found: dict[str, list[NewFunction]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            (first, relation), (second, _) = past_prose_lead(chain)[:2]
            m = _NEW_CALL.fullmatch(first.text)
            body = second.text.strip()
            if relation not in _DEFINES or m is None or not body:
                continue
            name, param = m.group("name"), m.group("param")
            known = name in notation.functions or name in notation.constants or name[1:] in notation.functions
            if known or name == param or _mentions(body, name) or name in (r"\sum", r"\prod", r"\log", r"\exp"):
                continue
            found.setdefault(name, []).append(NewFunction(second.line, second.column, name, param, body))
    return found


def one_meaning(defs: list[NewFunction]) -> bool:
    """Do the definitions of one name say the same (a document restating its loss before the
    derivation), so that the name has one meaning? Two different bodies: which one is meant?
    Spacing and punctuation after a body (``3x + 1 \\quad \\to …`` cut at its arrow) say nothing."""
    return len({(d.parameter, _TRAILING.sub("", "".join(d.body.split()))) for d in defs}) == 1


#: spacing commands and punctuation that end a body without being part of it
_TRAILING = re.compile(r"(?:\\q?quad|\\[,;:! ]|~|[,.;])+$")
