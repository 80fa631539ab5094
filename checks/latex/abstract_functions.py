r"""Functions a document uses without defining them: ``f(net_1)``, ``g'(i_1w_{11} + i_2w_{21})``.

Lecture notes derive back-propagation for "an activation f" they never pin down: ``\frac{\partial}
{\partial w}f(wx + b) = f'(wx + b)\,x``. A letter is such a function when the document writes it
with a prime in front of a bracket (``f'(``, ``g^{\prime}(``) and does not define it or know it
under another name; every ``f(…)`` is then a call, not a product.

What such a step claims must hold for every f, but the document may have a particular f in mind
that it names only in prose (the sigmoid, whose f' = f(1 − f)). So the step is judged with three
unrelated smooth functions put in f's place: ok when it holds for all three, inconclusive
otherwise — never wrong, since a counterexample for our f need not be one for the author's.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.activation_labels import ACTIVATION_LETTERS
from derive.checks.latex.notation import BUILTIN_NAMES, Notation

__all__ = ["ABSTRACT", "abstract_name", "document_abstract_functions", "stand_in_pairs"]

#: prefix of the function key of an undefined function: ``abstract:f``
ABSTRACT = "abstract:"

_LETTER = r"(?:(?<![\\A-Za-z_])[A-Za-z]|\\(?:phi|varphi|psi|eta|rho|kappa|xi|zeta|chi))"
#: f'(…, f^{\prime}(…, f^{'}(…, f^\prime \left(…, f\prime(…: a derivative of f at a point, so f is a function
#: (not a subscript's letter: the h of g_h'(z) names no function)
_PRIMED_CALL = re.compile(
    r"(" + _LETTER + r")\s*(?:'|\\prime(?![A-Za-z])|\^\s*\{?\s*(?:\\prime|')\s*\}?)\s*(?:\\left\s*)?\("
)
#: g'^{[l]}(, g^{[l]\prime}(, g^{[l]'}(: a layer's activation primed (activation_labels.py drops the label)
_LABELLED_PRIMED_CALL = re.compile(
    r"(" + _LETTER + r")\s*(?:'\s*\^\s*\{\s*\[[^\]{}]*\]\s*\}|\^\s*\{\s*\[[^\]{}]*\]\s*(?:'|\\prime)\s*\}"
    r"|\^\s*\{\s*\[[^\]{}]*\]\s*\}\s*')\s*(?:\\left\s*)?\("
)

#: g^{[3]}(, g^{[L]'}(, g'^{[L-1]}(, g^{[2]\prime}(: a named layer's activation called (group 2: its label)
_NAMED_LAYER_CALL = re.compile(
    r"(" + _LETTER + r")\s*'?\s*\^\s*\{\s*\[\s*(\d+|L(?:\s*[+-]\s*\d)?)\s*\]\s*(?:'|\\prime)?\s*\}"
    r"\s*(?:'|\\prime)?\s*(?:\\left\s*)?\("
)


#: σ_l(, \phi_{2}(: a Greek activation letter with a layer subscript, called (group 2 or 3: the
#: subscript); not Latin letters, whose subscripted forms are names (h_1 (f(…) - t_1) is a product)
_SUBSCRIPTED_CALL = re.compile(
    r"(\\sigma|\\phi|\\varphi)\s*_\s*(?:\{\s*([A-Za-z0-9]|\\ell)\s*\}|([A-Za-z0-9]))"
    r"\s*(?:\\left\s*)?\("
)

#: f_{o}'(s_{o}), g_h^{\prime}(z), f_{h[0]}'(: a function letter with a subscript (a neuron's or layer's
#: label), primed before a bracket (group 1: the name as written); only f, g, h, which homework
#: keeps for functions (w_1'(…) is an updated weight before a bracket as often as a derivative)
_SUBSCRIPTED_PRIMED_CALL = re.compile(
    r"((?<![\\A-Za-z])[fgh]\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9]))"
    r"\s*(?:'|\\prime(?![A-Za-z])|\^\s*\{?\s*(?:\\prime|')\s*\}?)\s*(?:\\left\s*)?\("
)

#: g'_k(z_k), g^{\prime}_{j}(: the same, the prime written before the subscript (TeX sets both alike)
_PRIMED_SUBSCRIPTED_CALL = re.compile(
    r"((?<![\\A-Za-z])[fgh])\s*(?:'|\\prime(?![A-Za-z])|\^\s*\{?\s*(?:\\prime|')\s*\}?)"
    r"\s*_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|[A-Za-z0-9])\s*(?:\\left\s*)?\("
)

#: \frac{\partial f(x)}{\partial x}, \frac{d f(x)}{dx}, \frac{d}{dx} f(x): a letter applied to a bare variable and
#: differentiated by that variable, so a function (a product f·x would be differentiated as one)
_D = r"(?:\\partial|\\mathrm\s*\{\s*d\s*\}|d)"
_DIFFERENTIATED_CALL = re.compile(
    r"\\d?frac\s*\{\s*" + _D + r"\s*(" + _LETTER + r")\s*(?:\\left\s*)?\(\s*([A-Za-z])\s*(?:\\right\s*)?\)\s*\}"
    r"\s*\{\s*" + _D + r"\s*\2\s*\}"
    r"|\\d?frac\s*\{\s*"
    + _D
    + r"\s*\}\s*\{\s*"
    + _D
    + r"\s*([A-Za-z])\s*\}\s*("
    + _LETTER
    + r")\s*(?:\\left\s*)?\(\s*\3\s*(?:\\right\s*)?\)"
)


def abstract_name(key: str) -> str | None:
    """``f`` for the key ``abstract:f``; None for any other key."""
    return key[len(ABSTRACT) :] if key.startswith(ABSTRACT) else None


def document_abstract_functions(text: str, notation: Notation) -> dict[str, str]:
    """name → key of every letter the document uses as an undefined function (module docstring),
    and of each named layer's activation of a letter it primes with a layer label (``g^{[3]}``)."""
    found: dict[str, str] = {}
    labelled = list(_LABELLED_PRIMED_CALL.finditer(text))
    # σ_l(z^{(l)}): layer l's activation, unrelated to σ_1 (tanh) and σ_2 (the logistic) of the same
    # document, where it does not define it (a defined σ_1 is one of the document's own functions)
    subscripted = [m.group(1) + "_{" + (m.group(2) or m.group(3)) + "}" for m in _SUBSCRIPTED_CALL.finditer(text)]
    primed = [m.group(1) for m in [*_PRIMED_CALL.finditer(text), *labelled]]
    # f_{o}'(s_{o}): neuron o's activation, one function whatever else the document calls f
    subscripted += [n for m in _SUBSCRIPTED_PRIMED_CALL.finditer(text) if (n := _read_name(m.group(1), notation))]
    primed_first = _PRIMED_SUBSCRIPTED_CALL.finditer(text)
    subscripted += [n for m in primed_first if (n := _read_name(f"{m.group(1)}_{m.group(2)}", notation))]
    # lowercase only: C(w), J(\theta) differentiated by w are a loss written at its parameters (applied_names)
    primed += [n for m in _DIFFERENTIATED_CALL.finditer(text) if (n := m.group(1) or m.group(4)) and not n[0].isupper()]
    for name in primed + _named_layers(text, labelled) + subscripted:
        plain = name.lstrip("\\").lower()
        if (
            name in notation.functions
            or name in notation.doc_functions
            or plain in BUILTIN_NAMES
            or name in notation.constants
            or name in notation.softmax_names
            or name in ("e", "d")  # e'(…) and d'(…) are not functions anyone means
            or name in notation.definitions  # f_{o} = 3: a value
        ):
            continue
        found[name] = ABSTRACT + name
    return found


def _read_name(written: str, notation: Notation) -> str | None:
    """The name as the reader names it (``f_{h[0]}`` is ``f_{h^[0]}``); None when it is not one name."""
    from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

    toks, spaced = clean_tokens(tex_tokens(written))
    try:
        name, end, power = TexReader(list(toks), list(spaced), notation).read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and end == len(toks) and power is None else None


def _named_layers(text: str, labelled: list[re.Match]) -> list[str]:
    """``g^{[3]}``, ``g^{[L]}`` for each call of a named layer's activation, primed or not, of a
    letter the document primes with a layer label: one function per layer, unrelated to the
    others and to g^{[l]} (the document's g may be the ReLU while its g^{[3]} is the softmax);
    named as the reader names them (activation_labels.py moves the prime after the label)."""
    letters = {m.group(1) for m in labelled} & ACTIVATION_LETTERS
    names = []
    for m in _NAMED_LAYER_CALL.finditer(text):
        if m.group(1) in letters:
            names.append(m.group(1) + "^{[" + re.sub(r"\s+", "", m.group(2)) + "]}")
    return names


def _stand_ins(arity: int = 1) -> list[Any]:
    """Three smooth functions of unrelated kinds, for f in turn (SymPy Lambdas); of more than one
    argument (applied_calls), each of a weighted sum of them plus their product, so that no
    argument is left out and none enters like another."""
    import sympy as sp

    t = sp.Dummy("t", real=True)
    kinds = [
        sp.Lambda(t, sp.exp(t / 2) + t**2 / 3),
        sp.Lambda(t, 2 / (1 + sp.exp(-3 * t)) + t**3 / 5),
        sp.Lambda(t, t**4 / 7 - 2 * t + sp.exp(-t)),
    ]
    if arity == 1:
        return kinds
    ts = [sp.Dummy(f"t{j}", real=True) for j in range(arity)]
    mixed = sum(sp.Rational(j + 2, j + 3) * x for j, x in enumerate(ts))
    return [sp.Lambda(tuple(ts), kind(mixed) + sp.Mul(*ts) / 7) for kind in kinds]


def stand_in_pairs(lhs: Any, rhs: Any) -> list[tuple[Any, Any]]:
    """The two sides with each undefined function replaced by one stand-in, for three choices
    (the same function on both sides), derivatives done; empty when there is none (or more than
    three, or none of the orders of replacing works)."""
    from sympy.core.function import AppliedUndef

    calls = {call for side in (lhs, rhs) for call in side.atoms(AppliedUndef)}
    arity = {call.func: len(call.args) for call in calls}
    undefined = sorted(arity, key=str)
    if not undefined or len(undefined) > 3 or any(len(c.args) != arity[c.func] for c in calls):
        return []
    pairs = []
    for k in range(3):
        chosen = {f: _stand_ins(arity[f])[(k + j) % 3] for j, f in enumerate(undefined)}
        pair = _replaced(lhs, rhs, chosen)
        if pair is None:
            return []
        pairs.append(pair)
    return pairs


def _replaced(lhs: Any, rhs: Any, chosen: dict[Any, Any]) -> tuple[Any, Any] | None:
    """Replace one function at a time, outer before inner: g'(f(x)) is a derivative with respect
    to f(x), which must still be f(x) when it is taken. Tries each order (at most six)."""
    from itertools import permutations

    for order in permutations(chosen):
        try:
            sides = []
            for side in (lhs, rhs):
                for f in order:
                    side = side.replace(f, chosen[f]).doit()
                sides.append(side)
            return sides[0], sides[1]
        except (ValueError, TypeError):
            continue
    return None
