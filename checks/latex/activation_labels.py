r"""A layer's activation written with its layer label: ``g^{[l]}(Z^{[l]})``, ``g'^{[l]}(Z^{[l]})``.

Andrew Ng's course gives each layer its activation g^{[l]} and writes its derivative
``g'^{[l]}`` or ``g^{[l]\prime}``. Before a step is read, such a call loses the label:
``g(Z^{[l]})``, ``g'(Z^{[l]})``, so that one function letter is read (as an activation the
document does not define: :mod:`derive.checks.latex.entrywise_activations`). Every layer's
activation is then the same stand-in; a step true for any activations per layer is true for
equal ones, so this can miss a mistake that swaps two layers' activations, never make a correct
step wrong. Only the letters an activation goes by (g, f, φ), only before a bracket, and only
with a generic layer label (``[l]``, ``[l-1]``, ``[\ell+1]``): ``g^{[L]}`` (the output layer's)
and ``g^{[1]}``, ``g^{[2]}`` may be different functions the document defines, and keep their names.

Such a named layer's activation primed, ``g^{[3]'}(Z^{[3]})`` (the prime written inside the
superscript, as ``g'^{[3]}`` and ``g^{[3]\prime}`` also put it), means (g^{[3]})'(Z^{[3]}): the
prime is moved after the label, ``g^{[3]}'(Z^{[3]})``, so that the name g^{[3]} is read with its
derivative like any function's (read as written, the prime fell on the bracket [3]).
"""

from __future__ import annotations

__all__ = ["ACTIVATION_LETTERS", "layer_labelled_calls"]

Tokens = list[tuple[str, bool]]

#: the letters a layer's activation goes by
ACTIVATION_LETTERS = frozenset({"g", "f", r"\phi", r"\varphi"})
_PRIMES = frozenset({"'", r"\prime"})
#: the tokens of a generic layer label inside [ ]: l or ℓ, then at most ± a digit
_GENERIC = ({"l", r"\ell"}, {"+", "-"}, set("123456789"))


def layer_labelled_calls(toks: Tokens) -> Tokens:
    """The tokens with each labelled activation call's label dropped, or its prime moved after a
    named layer's label (module docstring)."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        found = _call(toks, k) if toks[k][0] in ACTIVATION_LETTERS and not _after_letters(out) else None
        if found is None:
            out.append(toks[k])
            k += 1
            continue
        primed, label, end = found
        prime = [("'", False)] if primed else []
        if label is None:
            out += [toks[k], *prime]
        else:  # g^{[3]'}( → g^{[3]}'(: the named layer's function, primed
            out += [toks[k], ("^", False), ("{", False), ("[", False), *toks[label[0] : label[1]], ("]", False)]
            out += [("}", False), *prime]
        k = end
    return out


def _after_letters(out: Tokens) -> bool:
    """A letter inside a word (lo g) or a command's argument is not a function's name."""
    return bool(out) and (len(out[-1][0]) == 1 and out[-1][0].isalpha() and not out[-1][1])


def _call(toks: Tokens, k: int) -> tuple[bool, tuple[int, int] | None, int] | None:
    """(primed, span of a named layer's label or None for a generic one, index of the bracket)
    when ``toks[k]`` starts a labelled call that is rewritten, else None (an unprimed named
    layer's call is left as written)."""
    words = [t for t, _ in toks]
    j = k + 1
    primed = False
    if j < len(words) and words[j] in _PRIMES:
        primed, j = True, j + 1
    if words[j : j + 3] != ["^", "{", "["]:
        return None
    j += 3
    start = j
    while j < len(words) and words[j] not in ("]", "{", "}", "(", ")"):
        j += 1
    if j >= len(words) or words[j] != "]" or start == j:
        return None
    generic = _generic(words[start:j])
    if not generic and not _named_layer(words[start:j]):
        return None
    label = None if generic else (start, j)
    j += 1
    if j < len(words) and words[j] in _PRIMES and not primed:
        primed, j = True, j + 1
    if j >= len(words) or words[j] != "}":
        return None
    j += 1
    if j < len(words) and words[j] in _PRIMES and not primed:
        primed, j = True, j + 1
    if j < len(words) and words[j] in ("(", r"\left") and (generic or primed):
        return primed, label, j
    return None


def _generic(label: list[str]) -> bool:
    """``l``, ``l-1``, ``\\ell+1``: the label of any layer (not L, not 2)."""
    if len(label) not in (1, 3):
        return False
    return all(token in allowed for token, allowed in zip(label, _GENERIC, strict=False))


def _named_layer(label: list[str]) -> bool:
    """``2``, ``12``, ``L``, ``L-1``: one layer's label (its activation keeps its name)."""
    if len(label) == 1:
        return label[0] == "L" or label[0].isdigit()
    return len(label) == 3 and label[0] == "L" and label[1] in ("+", "-") and label[2].isdigit()
