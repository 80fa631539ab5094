r"""A name a definition chain introduces as the argument of a function: ``a = \sigma(w x + b) = \sigma(z)``.

Write-ups name the pre-activation while defining the activation: ``a = \sigma(z) = \sigma(W x +
b)``, ``\bm{a}^l = \sigma(\bm{z}^l) = \sigma(W^l \bm{a}^{l-1} + \bm{b}^l)``, ``h =
sigmoid(x W_1 + b_1) = sigmoid(z_1)``. The same function applied to two arguments in one link
of a chain that defines a name says the arguments are one quantity: a reader takes z as
``W x + b`` from there on, and the document's later steps differentiate by it (``\frac{\partial
a}{\partial z} = a(1 - a)``, ``\frac{\partial z}{\partial W} = x``). Unread, z had no value, a's
definition did not contain it, and every such step was "a derivative of something that, as
written, does not contain z".

Only where the link reads one way: the chain starts with a plain name (a definition, not a
derivation), the link is ``=``, both terms are the same function head applied to ONE argument
each (``\sigma(…)``, ``f\left(…\right)``, ``sigmoid(…)``; no prime, no second argument), one
argument is a plain name (no call: ``\log(p(y|x)) = \log(a^y (1-a)^{1-y})`` gives a probability
no value) and the other is a formula with letters that does not mention it (two
names are an alias or a claim; a number is a worked example's value). The name must be free:
not defined or started with anywhere in the document (an explicit definition always wins),
not the notation's, not an index letter. Its value holds from the later of the two terms on, so
the link itself is never judged by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from derive.checks.latex.extract import Equation
from derive.checks.latex.label_subscripts import INDEX_LETTERS, family_letters
from derive.checks.latex.named_results import named_results
from derive.checks.latex.notation import Notation
from derive.checks.latex.steps import Term, split_chain

__all__ = ["chain_names", "matched_arguments", "single_call"]

#: a function head: a command (\sigma, \tanh, \varphi) or a word/letter (f, g, sigmoid, ReLU)
_HEAD = re.compile(r"\s*(\\[A-Za-z]+|[A-Za-z]+)\s*\(")
#: sizing commands around brackets are layout, not part of the argument
_SIZING = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)[lr]?\s*(?=[()])")
#: punctuation ending a displayed formula, or spacing
_TRAILING = re.compile(r"(?:[\s.,;:]|\\[,;!: ]|\\quad|\\qquad)+$")
#: what a plain name never holds: a call's bracket, a condition's bar
_CALLED = re.compile(r"[(|]|\\mid")
#: a sub- or superscript group: the bracket of a layer label z^{(l)} is no call's
_SCRIPT = re.compile(r"[_^]\s*\{[^{}]*\}")
#: a letter that is no command's (the w of \sigma is not a letter of the formula)
_LETTER = re.compile(r"(?<![\\A-Za-z])[A-Za-z]")


def single_call(text: str) -> tuple[str, str] | None:
    """(head, argument) of a term that is one function applied to one argument, else None."""
    text = _TRAILING.sub("", _SIZING.sub("", text)).strip()
    m = _HEAD.match(text)
    if m is None or not text.endswith(")"):
        return None
    depth = 0
    for i in range(m.end() - 1, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0 and i != len(text) - 1:
            return None  # f(x)(1 - f(x)): the call ends before the term does
    argument = text[m.end() : -1].strip()
    if not argument or _top_level_comma(argument):
        return None
    return m.group(1), argument


def _top_level_comma(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            return True
    return False


def chain_names(
    equations: list[Equation],
    notation: Notation,
    defined: set[str],
    name_of: Callable[[str, Notation], str | None],
    mentions: Callable[[str, str], bool],
) -> list[tuple[int, int, str, str, str]]:
    """Every name a chain gives a value besides its first term: the results it names
    (named_results), then the arguments it matches (a name both give keeps the result's value)."""
    results = named_results(equations, notation, defined, name_of, mentions)
    return [*results, *matched_arguments(equations, notation, defined | {r[2] for r in results}, name_of, mentions)]


def matched_arguments(
    equations: list[Equation],
    notation: Notation,
    defined: set[str],
    name_of: Callable[[str, Notation], str | None],
    mentions: Callable[[str, str], bool],
) -> list[tuple[int, int, str, str, str]]:
    """(line, column, name, value, index letters) of each argument name a definition chain gives
    a value, in document order; ``defined``: the names the document defines the usual way;
    ``name_of`` and ``mentions`` are doc_definitions' readers of a plain name and of a use of one."""
    # a name any chain starts with is given its value there (or is an equation's unknown)
    seen = set(defined) | {n for e in equations for c in split_chain(e) if (n := name_of(c[0][0].text, notation))}
    found: list[tuple[int, int, str, str, str]] = []
    for equation in equations:
        for chain in split_chain(equation):
            if len(chain) < 3 or chain[0][1] != "=" or name_of(chain[0][0].text, notation) is None:
                continue
            for (left, relation), (right, _) in pairwise(chain[1:]):
                match = _matched(left, right, notation, name_of, mentions) if relation == "=" else None
                if match is None or match[0] in seen:
                    continue
                seen.add(match[0])
                later = max((left.line, left.column), (right.line, right.column))
                found.append((*later, match[0], match[1], family_letters(match[0])))
    return found


def _matched(
    left: Term,
    right: Term,
    notation: Notation,
    name_of: Callable[[str, Notation], str | None],
    mentions: Callable[[str, str], bool],
) -> tuple[str, str] | None:
    """(name, value) when the two terms are one function at a free name and at a formula."""
    calls = single_call(left.text), single_call(right.text)
    if calls[0] is None or calls[1] is None or calls[0][0] != calls[1][0]:
        return None
    # a written name only: p(y|x), Q(0) are names to doc_definitions too, but another's value
    names = [None if _CALLED.search(_SCRIPT.sub("", a)) else name_of(a, notation) for _, a in calls]
    if (names[0] is None) == (names[1] is None):
        return None  # two names (an alias) or two formulas (a worked step): no value for a name
    name = names[0] or names[1]
    value = calls[1][1] if names[0] else calls[0][1]
    if name is None or not _free(name, notation) or mentions(value, name) or not _LETTER.search(value):
        return None
    return name, value


def _free(name: str, notation: Notation) -> bool:
    """May the name take a value from the link (nothing of the notation's, no index letter)?"""
    if not name[:1].isalpha() and not name.startswith("\\"):
        return False
    if name in INDEX_LETTERS or name in notation.definitions or name in notation.shapes:
        return False
    return name not in notation.functions and name not in notation.constants and name not in notation.index_values
