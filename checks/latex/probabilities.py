r"""Conditional probabilities as quantities: ``P(y=1|x)``, ``p(y|x;\theta)``, ``P(y{=}1\mid x)``,
``\Pr(t_n|x_n)``, ``P(\bm{T}|\bm{X})``.

Logistic and softmax regression start from maximum likelihood: ``P(y=1|x) = h_\theta(x)``,
``P(y|x) = h^y(1-h)^{1-y}``, ``L(\theta) = \prod_i p(y^{(i)}|x^{(i)};\theta)``. Read as a
function application, ``P(…)`` is neither a function the document defines nor a product. Here a
probability with a condition bar (``|``, ``\mid``) or an event (``y=1``) inside its bracket is
one name, keyed by its normalised text (fonts, braces and spacing dropped, ``\mid`` as ``|``):
the document can define it (``p(y=1|x) = a``) and later steps use the value, and an index in
it takes its values like any subscript (``P(t_n|x_n)`` under ``\prod_n`` is ``P(t_1|x_1)``, …).
A probability's values are sampled in (0, 1). Nothing else is assumed about it: two
probabilities the document does not relate are two unknowns, and a step between them is never
called wrong for what the document leaves open (the sides then use different names).

A label the document declares binary (``y \in \{0,1\}``) has ``P(y=0|x) = 1 - P(y=1|x)``:
where the document defines one of the two, the other is that complement (complement_of).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.limits import read_limit
from derive.checks.latex.products import read_product
from derive.checks.latex.tex_names import DECORATIONS, FONTS
from derive.checks.latex.tex_tokens import Operator, clean_tokens, tex_tokens

__all__ = [
    "PROBABILITY_STARTS",
    "flat_tokens",
    "binary_labels",
    "complement_of",
    "instance_bindings",
    "instance_sources",
    "instantiate_key",
    "instantiate_subscripts",
    "is_probability_key",
    "key_letters",
    "likelihood_form",
    "probability_at",
    "probability_keys",
    "probability_name",
    "without_probabilities",
]

_HEADS = {"P", "p", r"\Pr"}
#: tokens a probability can start with (a font around P: \mathbb{P}, \mathrm P)
PROBABILITY_STARTS = _HEADS | set(FONTS)
_BARS = {"|": "|", r"\mid": "|", r"\vert": "|"}
_KEY = re.compile(r"(?:\\Pr|P|p)(?:_[^()]+)?\((?P<inside>.*)\)")
#: a P, p or \Pr (not the p of \partial) before a bracket: text that may hold a probability
_MAYBE = re.compile(r"(?:^|[^A-Za-z\\])(?:P|p|\\Pr)(?![A-Za-z])[^()]{0,40}?\(")
_BINARY = re.compile(r"\\\{\s*0\s*,\s*1\s*\\\}")


def likelihood_form(norm: Any, i: int) -> tuple[Operator | str, int] | None:
    """What the normaliser (normalize.py) reads here at token i: a product over an index
    (products.py), a limit (limits.py), a probability (one name in (0, 1)); None for anything else."""
    t = norm.toks[i]
    if t == r"\prod":
        return read_product(norm, i)
    if t == r"\lim":
        return read_limit(norm, i)
    probability = probability_at(norm.toks, i) if t in PROBABILITY_STARTS else None
    if probability is None:
        return None
    name = norm.symbol("symbol", probability[0])
    norm.r.domains[probability[0]] = "unit"
    return norm.postfix(name, probability[1])


def is_probability_key(name: str) -> bool:
    """Is this symbol name a probability read by this module?"""
    return _KEY.fullmatch(name) is not None


def probability_at(toks: list[str], i: int) -> tuple[str, int] | None:
    """(key, index after the closing bracket) of a probability at i in a cleaned token list."""
    head, k = _head(toks, i)
    if head is None or k >= len(toks) or toks[k] != "(":
        return None
    end = _closing(toks, k)
    if end is None:
        return None
    inside = toks[k + 1 : end]
    depth, bars, events = 0, 0, 0
    for t in inside:
        depth += (t in ("(", "[", "{")) - (t in (")", "]", "}"))
        bars += depth == 0 and t in _BARS
        events += depth == 0 and t == "="
    if bars != 1 and not (bars == 0 and events == 1):
        return None  # p(x), P(A): a density or a function of its argument, not read here
    return f"{head}({_flat(inside)})", end + 1


def _head(toks: list[str], i: int) -> tuple[str | None, int]:
    """The probability sign at i (P, p, \\Pr, \\mathbb{P}, with an optional subscript) and the index after it."""
    t = toks[i]
    k = i + 1
    if t in FONTS and toks[i + 1 : i + 4] in (["{", "P", "}"], ["{", "p", "}"]):
        t, k = toks[i + 2], i + 4
    elif t in FONTS and i + 1 < len(toks) and toks[i + 1] in ("P", "p"):
        t, k = toks[i + 1], i + 2
    if t not in _HEADS:
        return None, i
    head = t
    if k < len(toks) and toks[k] == "_":  # p_\theta(y|x): the model's parameters, part of the name
        end = _closing(toks, k + 1) if k + 1 < len(toks) and toks[k + 1] == "{" else k + 1
        if end is None or end >= len(toks):
            return None, i
        head += "_" + _flat(toks[k + 1 : end + 1])
        k = end + 1
    return head, k


def _closing(toks: list[str], k: int) -> int | None:
    pairs = {"(": ")", "{": "}", "[": "]"}
    if k >= len(toks) or toks[k] not in pairs:
        return None
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j] == toks[k]) - (toks[j] == pairs[toks[k]])
        if depth == 0:
            return j
    return None


def _flat(toks: list[str]) -> str:
    """Tokens as one key: fonts (not decorations) and spacing dropped, bars unified, a script's
    argument always in braces (``t_n`` and ``t_{n}`` alike are ``t_{n}``), other braces dropped."""
    out = ""
    k = 0
    while k < len(toks):
        t = toks[k]
        k += 1
        if t in ("{", "}") or (t in FONTS and t not in DECORATIONS):
            continue
        t = "\\" + DECORATIONS[t] if t in DECORATIONS else _BARS.get(t, t)  # \widehat y as \hat{y}
        if (t in ("_", "^") or t[1:] in DECORATIONS.values()) and k < len(toks):
            end = _closing(toks, k) if toks[k] == "{" else k
            if end is None:
                return out + t + _flat(toks[k:])
            out += t + "{" + _flat(toks[k + 1 : end] if toks[k] == "{" else [toks[k]]) + "}"
            k = end + 1
            continue
        if re.search(r"\\[A-Za-z]+$", out) and re.match(r"[A-Za-z]", t):
            out += " "
        out += t
    return out


def flat_tokens(toks: list[str]) -> str:
    """Tokens as one name's text, the way a probability's key is written (see _flat)."""
    return _flat(toks)


def probability_keys(text: str) -> set[str]:
    """The keys of every probability written in a piece of LaTeX."""
    if not _MAYBE.search(text):
        return set()
    try:
        toks = list(clean_tokens(tex_tokens(text))[0])
    except Exception:  # noqa: BLE001 - untrusted input: no keys, never a traceback
        return set()
    found = set()
    for i in range(len(toks)):
        read = probability_at(toks, i)
        if read is not None:
            found.add(read[0])
    return found


def probability_name(text: str) -> str | None:
    """The key when the whole of ``text`` is one probability (a definition's left side), else None."""
    try:
        toks = list(clean_tokens(tex_tokens(text))[0])
    except Exception:  # noqa: BLE001 - untrusted input: not a probability
        return None
    read = probability_at(toks, 0) if toks else None
    return read[0] if read is not None and read[1] == len(toks) else None


def without_probabilities(text: str) -> str:
    """The text with each probability written as its sign alone: the names inside ``P(T|X)`` are
    part of that quantity's name, not uses of their values (its definition says what it is)."""
    if not _MAYBE.search(text):
        return text
    try:
        toks = list(clean_tokens(tex_tokens(text))[0])
    except Exception:  # noqa: BLE001 - untrusted input: the text as it is
        return text
    out, i, found = [], 0, False
    while i < len(toks):
        read = probability_at(toks, i) if toks[i] in PROBABILITY_STARTS else None
        out.append("P" if read else toks[i])
        found = found or read is not None
        i = read[1] if read else i + 1
    return " ".join(out) if found else text


def instantiate_subscripts(text: str, env: dict[str, int]) -> str:
    """``t_{n}`` with n = 2 → ``t_{2}`` throughout a key's text: each braced subscript's index
    letters take their values (also for calls read as one name: opaque_calls)."""

    def put(m: re.Match[str]) -> str:
        return "_{" + "".join(str(env[c]) if c in env else c for c in m.group(1)) + "}"

    return re.sub(r"_\{([A-Za-z0-9,]+)\}", put, text)


def instantiate_key(key: str, env: dict[str, int]) -> str:
    """``P(t_n|x_n)`` with n = 2 → ``P(t_2|x_2)``: each subscript's index letters take their values."""
    if not env:
        return key
    key = instantiate_subscripts(key, env)
    # an event's value that is an index (P(y=k|x) under \sum_k): P(y=1|x), P(y=2|x), …
    return re.sub(r"=([A-Za-z])(?=[|;,)])", lambda m: "=" + str(env.get(m.group(1), m.group(1))), key)


def instance_bindings(used: str, defined: str) -> dict[str, str] | None:
    """``{letter: value}`` when the probability ``used`` is the defined ``defined`` with some of its
    letters given values: ``P(y=1|x)`` of ``P(y|x)`` (y = 1), ``p(y^{(i)}|x^{(i)};\\theta)`` of
    ``p(y|x;\\theta)`` (y = y^{(i)}, x = x^{(i)}), ``P(t_{n}|x_{n})`` of ``P(t|x)``. A letter takes a
    number (as an event, ``y=1``) or an instance of itself (a name with the same base letter and a
    subscript, or a bracketed superscript: x^{(i)}); ``P(y|x)`` is never ``P(t|x)`` renamed (other
    variables). A bare superscript is no instance: ``P(Y|X^c)`` conditions on the complement of X
    (a homework's "P(Y|X) = 2p, P(Y|X^c) = p"), ``X^2``, ``x^T`` are other quantities."""
    used_m, defined_m = _KEY.fullmatch(used), _KEY.fullmatch(defined)
    if used_m is None or defined_m is None or used[: used.index("(")] != defined[: defined.index("(")]:
        return None
    used_parts = re.split(r"([|;,])", used_m.group("inside"))
    defined_parts = re.split(r"([|;,])", defined_m.group("inside"))
    if len(used_parts) != len(defined_parts):
        return None
    bindings: dict[str, str] = {}
    for mine, theirs in zip(defined_parts, used_parts, strict=True):
        if mine == theirs:
            continue
        event = re.fullmatch(re.escape(mine) + r"=(-?\d+)", theirs)
        instance = re.fullmatch(re.escape(mine) + r"(?:_\{[^{}]+\})?(?:\^\{[(\[][^{}]*[)\]]\})?", theirs)
        if not re.fullmatch(r"[A-Za-z]", mine) or (event is None and instance is None):
            return None
        value = event.group(1) if event else theirs
        if bindings.setdefault(mine, value) != value:
            return None
    return bindings or None


def instance_sources(names: set[str], keys: Any) -> set[str]:
    """The defined probabilities (among ``keys``) that give one of ``names`` its value as an instance."""
    used = [n for n in names if is_probability_key(n)]
    return {k for k in keys if is_probability_key(k) and any(instance_bindings(n, k) for n in used)} if used else set()


def key_letters(key: str) -> set[str]:
    """The one-letter parts of a probability's key (y and x of ``P(y|x)``): its variables."""
    m = _KEY.fullmatch(key)
    return {p for p in re.split(r"[|;,]", m.group("inside")) if re.fullmatch(r"[A-Za-z]", p)} if m else set()


def binary_labels(texts: list[str]) -> set[str]:
    """Labels the document declares binary: the letter before ``\\in \\{0,1\\}``."""
    found = set()
    for text in texts:
        for m in re.finditer(r"([A-Za-z])(?:\^\{?\(i\)\}?)?\s*\\in\s*" + _BINARY.pattern, text):
            found.add(m.group(1))
    return found


def complement_of(key: str, labels: set[str]) -> tuple[str, str] | None:
    """(key of the other value, its value as LaTeX) for ``P(y=1|x)`` of a binary label y:
    ``P(y=0|x)`` is ``1 - P(y=1|x)``, and the other way round; None for anything else."""
    m = _KEY.fullmatch(key)
    event = re.match(r"([A-Za-z])=([01])(?=\||;|$)", m.group("inside")) if m else None
    if event is None or event.group(1) not in labels:
        return None
    other = "0" if event.group(2) == "1" else "1"
    start = key.index("(") + 1
    twin = key[:start] + f"{event.group(1)}={other}" + key[start + event.end() :]
    return twin, f"1 - {_latex(key)}"


def _latex(key: str) -> str:
    """A key written back as LaTeX that reads as the same key (``|`` as ``\\mid``)."""
    return key.replace("|", r" \mid ")
