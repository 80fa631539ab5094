r"""Layered back-propagation written without a named delta, and activations stated layer by layer.

Many derivations never name ``\delta``: they write the recursion with the loss's derivative by the
pre-activation itself, ``\frac{\partial F}{\partial z_l} = W_{l+1}^\top \frac{\partial F}{\partial
z_{l+1}} \odot \sigma'(z_l)``, then ``\frac{\partial F}{\partial W_l} = \frac{\partial F}{\partial
z_l} a_{l-1}^\top``. layered_backprop needs the delta only to know which derivative it stands for;
a document without one still tells what the network is, when it states its forward pass (``z_l =
W_l a_{l-1} + b_l``) and its activation, and its derivatives say which name is the loss (the
numerator of every ``\partial C / \partial z^l``). This module reads those two facts:

- :func:`undefined_delta`: (loss, z) from the derivatives of one loss by a layered name, where the
  document defines no delta. Two losses written so (``\partial F`` and ``\partial L``) are one loss
  only when exactly one of them is given a formula; otherwise nothing is read.
- :func:`mixes_last_layer`: a step that holds at the last layer only is read as one about the output
  layer written with l (Nielsen's BP1, ``\delta^l = \nabla_a C \odot \sigma'(z^l)``), not wrong. A
  step that writes both the last layer L and a layer l (``\frac{\partial F}{\partial W_l} =
  \frac{\partial F}{\partial z_L} a_{l-1}^\top``) tells the two apart, so it is not that reading
  (unless the prose before it names the output layer): its difference is judged like any other.
- :func:`declared_stars`: a document that says its ``\ast`` (or ``*``) is the element-wise product
  ("<<$\ast$>> --- element-wise multiplication", "the Hadamard product $*$") has its steps read
  with it as ``\odot`` (:func:`starred_as_hadamard`); the general reader takes a star for a
  product, and a star the document does not declare (a convolution, numpy's broadcasting) stays one.
- :func:`numbered_activation`: ``a_1 = \sigma(z_1)``, ``a_2 = \sigma(z_2)`` (a figure's or a small
  network's layers, by number) states the activation at every layer when it is stated alike at two
  layers or more; at one numbered layer it says nothing about the others.

Neither reads a formula of its own; the judging stays layered_backprop's (with its reasons for
never calling a difference wrong).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

__all__ = [
    "NO_DELTA",
    "declared_stars",
    "mixes_last_layer",
    "numbered_activation",
    "starred_as_hadamard",
    "undefined_delta",
]

#: the names a loss is written with (an output ŷ, a probability p differentiated by z^l are not losses)
LOSS_NAMES = frozenset(
    {"C", "J", "L", "E", "F", "\\ell", "\\mathcal{L}", "\\mathcal{J}", "\\mathcal{E}", "\\mathcal{C}"}
)
#: the delta's name in a document that names none: no name the reader produces is empty
NO_DELTA = ""

# a name with a layer number as its script: a_1, a_{2}, a^{(3)}, a^{[3]}, a^3
_NUMBERED = r"(?P<{g}>\\?[A-Za-z]+){s}\{{?\s*[\(\[]?\s*(?P<{n}>\d)\s*[\)\]]?\s*\}}?"
_ACTIVATIONS = r"(?P<act>\\sigma|\\phi|\\varphi|g|f|h)"


def _derivatives(t: Any, out: list[tuple]) -> list[tuple]:
    """Every derivative (``("d", numerator, denominator)``) a tree writes."""
    if isinstance(t, tuple) and t:
        if t[0] == "d":
            out.append(t)
        for x in t[1:]:
            _derivatives(x, out)
    return out


def undefined_delta(trees: list) -> tuple[str, tuple[str, ...]] | None:
    """(loss, names): the name whose derivatives by a layered quantity the document writes (∂C/∂z^l,
    ∂C/∂W^l), and the layered names it is differentiated by, most often first (the pre-activation
    is one of them: the caller tries each); None when no single loss is written (see the module
    doc). ``trees`` are (pair, lhs tree, rhs tree) as layered_backprop reads them."""
    losses: Counter = Counter()
    denominators: Counter = Counter()
    for _, lhs, rhs in trees:
        for num, den in ((d[1], d[2]) for side in (lhs, rhs) for d in _derivatives(side, [])):
            if _is_bare(num) and isinstance(den, tuple) and den[:1] == ("var",) and den[2] is not None:
                losses[num[1]] += 1
                denominators[den[1]] += 1
    for name in _called(trees, set()):  # ∂σ/∂z^l: the activation, a function, is no loss
        losses.pop(name, None)
    for name in list(losses):  # ∂y/∂z^L of an output y = a^L: no loss; nor a name no loss is written with
        if name not in LOSS_NAMES or any(lhs == ("var", name, None, ()) and _output(rhs) for _, lhs, rhs in trees):
            del losses[name]
    if not losses:
        return None
    names = set(losses)
    if len(names) > 1:  # ∂F/∂z_l beside ∂L/∂z_l: one loss only if one alone is given a formula
        names = {n for n in names if any(lhs == ("var", n, None, ()) for _, lhs, _ in trees)}
    if len(names) != 1:
        return None
    return names.pop(), tuple(name for name, _ in denominators.most_common())


def _called(t: Any, out: set[str]) -> set[str]:
    """The names a tree (or list of trees) applies to a layered quantity (σ(z^l), f'(z^l)): the
    activations. A loss written at its argument (F(b), the bias it is minimised over) is not one."""
    if isinstance(t, (tuple, list)) and t:
        if isinstance(t, tuple) and t[0] == "call" and _layered(t[3]):
            out.add(t[1])
        for x in t:
            _called(x, out)
    return out


def _layered(t: Any) -> bool:
    return isinstance(t, tuple) and bool(t) and (t[0] == "var" and t[2] is not None or any(_layered(x) for x in t[1:]))


def _output(t: Any) -> bool:
    """A layered quantity itself (a^L, σ(z^L)): what a name given it is, is the network's output."""
    return isinstance(t, tuple) and bool(t) and (t[0] == "var" and t[2] is not None or t[0] == "call" and _output(t[3]))


def _is_bare(t: Any) -> bool:
    return isinstance(t, tuple) and t[:1] == ("var",) and t[2] is None and not t[3]


def numbered_activation(pairs: list[tuple[str, str]], superscript: bool) -> tuple[str, str, str] | None:
    """(activation, a, z) from ``a_n = \\sigma(z_n)`` stated alike at two numbered layers or more
    (``superscript``: the layer written as a superscript, a^{(1)}); None otherwise. ``pairs`` are
    the (left, right) texts of the document's equations."""
    script = r"\^" if superscript else "_"
    left = re.compile(r"^\s*" + _NUMBERED.format(g="a", s=script, n="n") + r"\s*$")
    right = re.compile(
        r"^\s*" + _ACTIVATIONS + r"\s*(?:\\left)?\(\s*" + _NUMBERED.format(g="z", s=script, n="m")
        + r"\s*(?:\\right)?\)\s*$"
    )
    found: dict[tuple[str, str, str], set[str]] = {}
    for lhs, rhs in pairs:
        a, z = left.match(lhs), right.match(rhs)
        if a and z and a["n"] == z["m"] and a["a"] != z["z"]:
            found.setdefault((z["act"], a["a"], z["z"]), set()).add(a["n"])
    stated = [key for key, layers in found.items() if len(layers) >= 2]
    if len(found) != 1 or not stated:  # two activations, or one at one layer: not every layer's
        return None
    return stated[0]


#: prose that places a step at the output layer, where l = L
_OUTPUT_LAYER = re.compile(r"output|last layer|final layer|top layer|l\s*=\s*L\b|输出层|最后一层", re.I)


def _layer_bases(t: Any, out: set[str]) -> set[str]:
    if isinstance(t, tuple) and t:
        if t[0] == "var" and t[2] is not None:
            out.add(t[2][0])
        for x in t[1:]:
            _layer_bases(x, out)
    return out


def mixes_last_layer(lhs: tuple, rhs: tuple, context: str) -> bool:
    """Whether a step writes the last layer (L) beside a general layer (l), with no prose before it
    that puts it at the output layer (see the module doc)."""
    return _layer_bases(("pair", lhs, rhs), set()) >= {"l", "L"} and not _OUTPUT_LAYER.search(context or "")


_STAR = r"(?P<star>\\ast(?![a-zA-Z])|(?<![\^_{\\])\*)"
_WORD = r"(?:element|entry|hadamard|schur|逐元素|按元素)"
#: the star in math, then (outside any other formula) the word: "$\ast$ --- element-wise product"
_STAR_FIRST = re.compile(_STAR + r"\s*\$?(?P<gap>[^$\n]{0,40}?)" + _WORD, re.I)
#: the word, then the star alone in its formula: "the element-wise product $*$"
_WORD_FIRST = re.compile(_WORD + r"(?P<gap>[^$\n]{0,40}?)\$\s*" + _STAR + r"\s*\$", re.I)


def declared_stars(text: str) -> frozenset[str]:
    """The stars (``\\ast``, ``*``) the document declares to be the element-wise product."""
    out = set()
    for pattern in (_STAR_FIRST, _WORD_FIRST):
        for m in pattern.finditer(text):
            if not re.search(r"convol|not\b|卷积", m["gap"], re.I):
                out.add(m["star"])
    return frozenset(out)


def starred_as_hadamard(formula: str, stars: frozenset[str]) -> str:
    """The formula with each declared star written ``\\odot``."""
    if "\\ast" in stars:
        formula = re.sub(r"\\ast(?![a-zA-Z])", r" \\odot ", formula)
    if "*" in stars:
        formula = re.sub(r"(?<![\^_{\\])\*", r" \\odot ", formula)
    return formula
