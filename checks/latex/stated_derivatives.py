r"""A course convention's function letter that the document's own stated derivative refutes.

The default notation binds a few Greek letters by the seeds' conventions (φ is the hidden
layer's ReLU, ψ the softmax). Another document may mean anything by them, and says which only in
prose ("the derivative of the softmax: $\varphi'(x) = \varphi(x)(1-\varphi(x))$", of its diagonal
entries). Where the document states its letter's derivative at a bare variable, ``\phi'(x) = …``
alone in an equation, and that statement is false for the convention's function, the convention
is not the document's: the letter is dropped from the notation's functions, so it becomes a
function the document leaves undefined (abstract_functions.py): steps about it are ``ok`` when
they hold for any function and ``inconclusive`` otherwise, never ``wrong`` on a guess. A
statement that holds for the convention (``\phi'(z) = \mathbf 1_{z>0}`` of a ReLU) keeps it, and
so does a ReLU formula for the letter's values (``\phi(z) = \max(0, z)``). Any other formula of
one meaning (``\phi(z) = \frac{1}{1+e^{-z}}``, ``\phi(z) = \tanh(z)``) makes the letter the
document's own function with that formula (:func:`defined_conventions`); formulas of several
meanings (a list of activation functions, each ``\varphi(x) = …`` in its own section) drop the
letter too: a function defined differently more than once, neither body assumed.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.own_functions import find_new_functions, function_definitions, one_meaning
from derive.checks.latex.scalar_judge import decide
from derive.checks.latex.steps import split_chain
from derive.checks.latex.sympy_build import Unparsed, to_sympy

__all__ = ["defined_conventions", "refuted_conventions"]

#: the letters the default notation binds by a course's convention (not σ, the logistic
#: everywhere), and what it binds them to
_CONVENTION = {r"\phi": "relu", r"\psi": "softmax"}
#: φ'(x), \varphi^{\prime}(z), \psi'\left(t\right): a letter primed at one bare variable (or unprimed)
_STATED = re.compile(
    r"\s*\\(?P<letter>phi|varphi|psi)\s*(?P<prime>'|\^\s*\{?\s*(?:\\prime|')\s*\}?)?\s*(?:\\left\s*)?\(\s*[A-Za-z]\s*"
    r"(?:\\right\s*)?\)\s*"
)


def refuted_conventions(equations: list[Any], notation: Notation) -> set[str]:
    """The conventional letters whose derivative the document states falsely for the convention
    and whose values it gives no formula for."""
    refuted: set[str] = set()
    kept: set[str] = set()
    for equation in equations:
        for chain in split_chain(equation):
            if len(chain) != 2 or chain[0][1] != "=":
                continue
            m = _STATED.fullmatch(chain[0][0].text)
            key = "\\" + ("phi" if m and m.group("letter") == "varphi" else m.group("letter") if m else "")
            if m is None or key not in _CONVENTION or key not in notation.functions:
                continue
            if not m.group("prime"):
                kept.add(key)  # φ(z) = max(0, z), φ(z) = tanh(z): the document says what its φ is
            elif _status(chain[0][0].text, chain[1][0].text, notation) == "wrong":
                refuted.add(key)
    return refuted - kept


def _status(lhs: str, rhs: str, notation: Notation) -> str:
    """The scalar verdict of ``lhs = rhs`` with the notation's functions ("" where unread)."""
    try:
        left, right = normalize(lhs, notation), normalize(rhs, notation)
        if left.problems or right.problems:
            return ""
        out = decide(to_sympy(left), to_sympy(right), matrices=[], seed=0, examples=20, units=set())
    except (Unparsed, ValueError, TypeError, ArithmeticError):
        return ""
    return str(out.get("status", ""))


def defined_conventions(equations: list[Any], notation: Notation) -> set[str]:
    """The conventional letters the document gives a formula of its own, one meaning only
    (``\\phi(z) = \\frac{1}{1 + e^{-z}}``, a French course's sigmoid): its φ is that function, not
    the convention's ReLU. The caller drops them from the notation's functions, so the document's
    definition is read as its own function (own_functions.find_new_functions)."""
    # only the seeds' conventions (φ the ReLU, ψ the softmax): a notation the user gives is the user's word
    bound = {k for k, key in _CONVENTION.items() if notation.functions.get(k) == key}
    if not bound:
        return set()
    unbound = notation.without_functions(bound)
    # … and those it defines more than once differently (a list of activation functions, each
    # "\\varphi(x) = …" in its own section): none of them is the convention's, nor one meaning
    several = {
        r"\phi" if name == r"\varphi" else name  # \varphi is read as the letter φ
        for name, defs in function_definitions(equations, unbound).items()
        if not one_meaning(defs)
    }
    own = {f.name for f in find_new_functions(equations, unbound) if f.name in bound}
    return own | (several & bound) | _refuting_values(equations, notation, bound)


#: φ(z), \varphi(z^{(i)}), \psi\left(a_j\right): a conventional letter at one letter, maybe scripted
_VALUE = re.compile(
    r"\s*\\(?P<letter>phi|varphi|psi)\s*(?:\\left\s*)?\(\s*[A-Za-z](?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\w))*"
    r"\s*(?:\\right\s*)?\)\s*"
)


def _refuting_values(equations: list[Any], notation: Notation, bound: set[str]) -> set[str]:
    r"""The bound letters the document gives values the convention's function does not have, at
    any link of a chain: ``\hat{y} = \phi(z) = \begin{cases} +1 … -1 … \end{cases}`` (a perceptron's
    step function, after ŷ) or ``\phi(z^{(i)}) = z^{(i)}`` (Adaline's identity, at an example's
    input). The formulas of the first link at a bare letter are the document's own functions
    (find_new_functions); these, not read as definitions, leave the letter a function the document
    does not define, so no step about it is called wrong on the ReLU's values."""
    found: set[str] = set()
    for equation in equations:
        for chain in split_chain(equation):
            for (term, relation), (value, _) in zip(chain, chain[1:], strict=False):
                m = _VALUE.fullmatch(term.text) if relation == "=" else None
                key = "\\" + ("phi" if m and m.group("letter") == "varphi" else m.group("letter") if m else "")
                if key in bound and key not in found and _status(term.text, value.text, notation) == "wrong":
                    found.add(key)
    return found
