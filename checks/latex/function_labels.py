r"""An activation written with a label as its subscript: ``\tanh_{o}'(s_{o})``,
``\tanh_{h[0]}'(s_{h[0]})``, ``\sigma_{h}'(s)``, ``\mathrm{ReLU}_{1}(z)`` (a worked example naming each
neuron's activation after its neuron). Applied to a bracket, with or without a prime, the subscript
is a label and the call is the activation itself.

Only the activations (sigmoid, tanh, ReLU, softplus; never the leaky ReLU, whose subscript is its
slope, nor log, exp, max, min, sums, where a subscript means something), and only a subscript of
letters, digits and brackets. A letter the notation makes a function (σ) is a name as often as a
function (σ_h a standard deviation, σ_i(A) a singular value, φ_j(x) a basis function): a sigmoid or
tanh letter only, and only primed (``\sigma_{h}'(s)``) or with its label written in its argument's
subscript (``\sigma_{o}(s_{o})``); with no bracket after it, σ_h stays a name."""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.tex_names import TEXT_FONTS, is_letter
from derive.checks.latex.token_spans import word_group_end

__all__ = ["activation_label", "labelled_call"]

#: the activations a label may be written on
_LABELLED = frozenset({"sigmoid", "tanh", "relu", "softplus"})
#: those a letter (σ) may stand for and still carry a label
_LETTER_KEYS = frozenset({"sigmoid", "tanh"})
_PRIMES = ("'", r"\prime")


def _label_like(sub: list[str]) -> bool:
    ok = all(re.fullmatch(r"[A-Za-z0-9]+|[{}\[\]()^,]", t) or t in TEXT_FONTS or t == r"\ell" for t in sub)
    return ok and any(re.fullmatch(r"[A-Za-z0-9]+", t) or t == r"\ell" for t in sub)


def _bare(toks: list[str]) -> list[str]:
    return toks[1:-1] if len(toks) >= 2 and toks[0] == "{" and toks[-1] == "}" else toks


def _written_in(sub: list[str], inside: list[str]) -> bool:
    """Whether the label is one of the argument's subscripts (s_{o} for the label o)."""
    label = _bare(sub)
    for j, t in enumerate(inside):
        end = word_group_end(inside, j + 1) if t == "_" else None
        if end is not None and _bare(inside[j + 1 : end]) == label:
            return True
    return False


def _is_label(key: str, shown: str, sub: list[str], primed: bool, inside: list[str]) -> bool:
    if key not in _LABELLED or not _label_like(sub):
        return False
    if not is_letter(shown):
        return True
    return key in _LETTER_KEYS and (primed or _written_in(sub, inside))


def activation_label(reader: Any, key: str, shown: str, sub: list[str], prime: int, k: int) -> bool:
    """Whether the subscript ``sub`` on the function ``shown`` (its key ``key``), with a bracket at k,
    is a label: the call is the function itself."""
    toks = reader.toks
    if k >= len(toks) or toks[k] not in ("(", "["):
        return False
    return _is_label(key, shown, sub, prime > 0, toks[k + 1 : reader.match(k)])


def labelled_call(reader: Any, i: int, name: str, power: list[str] | None) -> tuple[str, int] | None:
    """The call read at i when the letter there is an activation with a label (see labelled_letter)."""
    key = labelled_letter(reader, i, name) if power is None else None
    return reader.function(key, reader.toks[i], i + 1) if key is not None else None


def labelled_letter(reader: Any, i: int, name: str) -> str | None:
    r"""The function key when the letter at i (σ) is a sigmoid or tanh with a label, ``\sigma_{o}'(s_{o})``
    (``name``: the name as read, σ_{o}, which stays a name if the document gives it a value or shape)."""
    toks = reader.toks
    key = reader.notation.functions.get(toks[i])
    if key not in _LETTER_KEYS or toks[i + 1 : i + 2] != ["_"]:
        return None
    if name in reader.notation.shapes or name in reader.notation.definitions:
        return None
    sub, k = reader.read_arg(i + 2)
    primed = False
    while k < len(toks) and toks[k] in _PRIMES:
        primed, k = True, k + 1
    if k >= len(toks) or toks[k] not in ("(", "["):
        return None
    return key if _is_label(key, toks[i], sub, primed, toks[k + 1 : reader.match(k)]) else None
