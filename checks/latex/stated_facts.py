r"""Facts a document states about its data, used as assumptions to prove later steps.

The last step of a softmax / cross-entropy gradient, ``-y_i + \hat y_i \sum_j y_j = \hat y_i - y_i``,
is right only because the labels sum to one; documents say so in prose ("y is a one-hot
vector", "($y$ one-hot)", "the sum over all the elements of the one-hot vector, which is equal
to one") or in an equation (``\sum_{j=1}^K y_j = 1``). Such a family of entries is recorded
here by its name (``y``), and a step that is not proved as written is tried again with one
entry replaced by one minus the others (``y_n = 1 - \sum_{m<n} y_m``): every point of that
world satisfies the fact, so a proof there is a proof under the fact, and a counterexample
there is one the fact allows.

Only clear statements are taken: an equation "a sum of one indexed name = 1", the word
one-hot beside a single name in the same sentence (without a name: ``y``, the labels' usual
name, when the document writes entries ``y_k``), or a cross-entropy written out
(``-\sum_k y_k \log a_k``: its weights are the target distribution). The notation file's
``[onehot]`` names count too. A wrong verdict never rests on the fact (its point satisfies
it, so the sides differ there whatever the data are); only an ok does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.distribution_points import distribution_checked

__all__ = ["STATED_FACT", "hot_letters", "stated_sums_to_one", "stated_true_class", "with_sums_to_one"]

#: The method of a verdict that needed a fact the document states.
STATED_FACT = "stated fact"

_FONT = r"\\(?:mathbf|mathbb|boldsymbol|bm|vec|mathrm|mathit)\s*"
#: ``\sum_{j=1}^{K} y_j = 1`` (also \sum_j y_j = 1, \sum_{k} \mathbf{y}_k = 1, \displaystyle first)
_SUM_EQ_ONE = re.compile(
    r"\\sum\s*(?:\\limits\s*)?_\s*\{?\s*(?P<i>[A-Za-z])\s*(?:=\s*[01]\s*)?\}?"
    r"(?:\s*\^\s*(?:\{[^{}]{0,12}\}|\\?\w+))?\s*"
    r"(?:" + _FONT + r"\{\s*(?P<a>[A-Za-z])\s*\}|" + _FONT + r"(?P<b>[A-Za-z])|(?P<c>[A-Za-z]))"
    r"\s*_\s*\{?\s*(?P=i)\s*\}?\s*=\s*1(?![\d.])"
)
#: a cross-entropy written out, ``-\sum_k y_k \log a_k``: its weights y are a target distribution
_CROSS_ENTROPY = re.compile(
    r"-\s*\\sum\s*(?:\\limits\s*)?_\s*\{?\s*(?P<i>[A-Za-z])\s*(?:=\s*[01]\s*)?\}?"
    r"(?:\s*\^\s*(?:\{[^{}]{0,12}\}|\\?\w+))?\s*"
    r"(?:" + _FONT + r"\{\s*(?P<a>[A-Za-z])\s*\}|" + _FONT + r"(?P<b>[A-Za-z])|(?P<c>[A-Za-z]))"
    r"\s*_\s*\{?\s*(?P=i)\s*\}?\s*(?:\\cdot\s*)?\\(?:log|ln)\b"
)
_ONE_HOT = re.compile(r"one[\s-]?hot", re.I)
_INLINE_NAME = re.compile(r"\$\s*(?:" + _FONT + r"\{\s*([A-Za-z])\s*\}|" + _FONT + r"([A-Za-z])|([A-Za-z]))\s*\$")
_SENTENCE = re.compile(r"[.!?](?=\s)|\n\s*\n")


#: ``\sum^K_{k=1}``: the end written before the start (TeX takes either order)
_END_FIRST = re.compile(r"(\\sum\s*(?:\\limits\s*)?)(\^\s*(?:\{[^{}]{0,12}\}|\\?\w+))(\s*_\s*(?:\{[^{}]{0,12}\}|\w))")


def stated_sums_to_one(text: str) -> frozenset[str]:
    """Names of the families the document states sum to one (``y`` for y_1 … y_n)."""
    text = _END_FIRST.sub(lambda m: m.group(1) + m.group(3) + m.group(2), text)  # same length: positions kept
    names = {m.group("a") or m.group("b") or m.group("c") for m in _SUM_EQ_ONE.finditer(text)}
    # the targets of a cross-entropy the document writes out are a distribution: they sum to one
    names |= {m.group("a") or m.group("b") or m.group("c") for m in _CROSS_ENTROPY.finditer(text)}
    for m in _ONE_HOT.finditer(text):
        named = _name_beside(text, m.start(), m.end())
        if named is not None:
            names.add(named)
        elif re.search(r"(?<![A-Za-z\\])y\s*_", text):
            names.add("y")
    return frozenset(names)


_TRUE = r"(?:correct|true|target|right|ground[- ]truth|actual)\s+(?:(?:outside|output|context)\s+)?"
_CLASS = r"(?:class|label|category|word|index)"
#: "where $k$ is the index of the correct class", "let $k$ be the true class": one-hot at k
_TRUE_CLASS = re.compile(
    r"\$\s*([A-Za-z])\s*\$\s+(?:is|be|denotes|as)\s+the\s+(?:index\s+of\s+the\s+)?" + _TRUE + _CLASS,
    re.I,
)
#: "a 1 for the true outside word $o$", "the correct class $k$": the letter after the words
_CLASS_LETTER = re.compile(r"\b" + _TRUE + _CLASS + r"\s+(?:is\s+)?\$\s*([A-Za-z])\s*\$", re.I)
#: in a sentence that says one-hot: "$y_o = 1$", "$Y_y = 1$" (the hot entry), or "1 if and only if
#: $i == o$", "$y_w = 1$ when $w = o$" (the condition that makes it 1)
_HOT_ENTRY = re.compile(
    r"\$\s*(?:" + _FONT + r")?\{?([A-Za-z])\}?\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*=\s*1\s*\$(?!\s*(?:when|if|for))"
)
_HOT_WHEN = re.compile(r"(?:when|if|iff|only\s+if)\s+\$\s*[A-Za-z]\s*={1,2}\s*([A-Za-z])\s*\$", re.I)


def stated_true_class(text: str, targets: frozenset[str]) -> frozenset[str]:
    """``y=k`` when the document says k is the correct class (y: its one target family, or ``y``):
    y_m = 1 for m = k and 0 otherwise. Taken only when every such statement names the same letter."""
    letters = {m.group(1) for m in _TRUE_CLASS.finditer(text)} | {m.group(1) for m in _CLASS_LETTER.finditer(text)}
    entries: set[tuple[str, str]] = set()  # (family, letter) of "$y_o = 1$" beside "one-hot"
    for m in _ONE_HOT.finditer(text):
        sentence = _sentence_at(text, m.start(), m.end())
        entries |= {(h.group(1), h.group(2)) for h in _HOT_ENTRY.finditer(sentence) if h.group(1) != h.group(2)}
        letters |= {h.group(1) for h in _HOT_WHEN.finditer(sentence)}
    letters |= {letter for _, letter in entries}
    if len(letters) == 1 and len({fam for fam, _ in entries}) == 1:
        return frozenset({f"{next(iter(entries))[0]}={next(iter(letters))}"})
    family = next(iter(targets)) if len(targets) == 1 else "y"
    return frozenset(f"{family}={k}" for k in letters) if len(letters) == 1 else frozenset()


def _sentence_bounds(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """Where the sentence around text[start:end] begins and ends, at most ``before`` characters
    before it and ``after`` characters after it."""
    stops = [s.end() for s in _SENTENCE.finditer(text, 0, start)]
    following = _SENTENCE.search(text, end)
    return max([start - before, *stops]), min(end + after, following.start() if following else len(text))


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (at most 200 characters either side)."""
    begin, finish = _sentence_bounds(text, start, end, 200, 200)
    return text[begin:finish]


def _name_beside(text: str, start: int, end: int) -> str | None:
    """The one single-letter inline name nearest to "one-hot" in its sentence, if any."""
    begin, finish = _sentence_bounds(text, start, end, 120, 80)
    found = [
        (abs(m.start() - start), m.group(1) or m.group(2) or m.group(3))
        for m in _INLINE_NAME.finditer(text, begin, finish)
    ]
    return min(found)[1] if found else None


def hot_letters(names: set[str], facts: frozenset[str]) -> set[str]:
    """The stated true-class letters (o of ``y=o``) that a step writes as the index of that family
    (``y_{o}``): indices to give values, so that y_o is the hot entry of the expanded family."""
    out = set()
    for fact in facts:
        family, _, letter = fact.partition("=")
        if letter and (family, letter) in {_entry(n) for n in names}:
            out.add(letter)
    return out


#: a family's entry name, with or without a font: y_{2}, \mathbf{y}_{o}
_ENTRY = re.compile(r"(?:\\(?:mathbf|mathbb|boldsymbol|bm|vec)\{)?([A-Za-z])\}?_\{([A-Za-z0-9]+)\}")


def _entry(name: str) -> tuple[str, str] | None:
    """``\\mathbf{y}_{o}`` → ("y", "o"); None for anything else."""
    m = _ENTRY.fullmatch(name)
    return (m.group(1), m.group(2)) if m else None


def _family(symbol: Any) -> tuple[str, int] | None:
    """``y_{2}`` (or ``\\mathbf{y}_{2}``) → ("y", 2); None for anything else."""
    entry = _entry(symbol.name)
    return (entry[0], int(entry[1])) if entry and entry[1].isdigit() else None


def _substitution(
    lhs: Any, rhs: Any, families: frozenset[str], size: int, env: dict[str, int] | None = None
) -> dict[Any, Any]:
    """y_n → 1 − (y_1 + … + y_{n−1}) for each stated family whose entries here are all in 1..size;
    with a stated true class k (``y=k`` in ``families``) and k's value here, y_m → [m = k]."""
    import sympy as sp

    entries: dict[str, dict[int, Any]] = {}
    for symbol in lhs.free_symbols | rhs.free_symbols:
        fam = _family(symbol)
        if fam is not None and (fam[0] in families or any(f.startswith(fam[0] + "=") for f in families)):
            entries.setdefault(fam[0], {})[fam[1]] = symbol
    out: dict[Any, Any] = {}
    for name, found in entries.items():
        hot = [f[len(name) + 1 :] for f in families if f.startswith(name + "=")]
        if hot and hot[0] in (env or {}) and max(found) <= size:
            out.update({symbol: sp.Integer(int(m == (env or {})[hot[0]])) for m, symbol in found.items()})
            continue
        if name not in families:
            continue
        if max(found) > size or len(found) < 2:
            continue  # entries beyond the size (a sum with its own bound) or nothing to replace
        last = found.get(size) or sp.Symbol(f"{name}_{{{size}}}", real=True)
        others = [found.get(m) or sp.Symbol(f"{name}_{{{m}}}", real=True) for m in range(1, size)]
        out[last] = 1 - sp.Add(*others)
    return out


def with_sums_to_one(
    out: dict[str, Any],
    lhs: Any,
    rhs: Any,
    families: frozenset[str],
    size: int | None,
    judge: Callable[[Any, Any], dict[str, Any]],
    env: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The verdict of a step not proved as written, under the stated facts: ``ok`` when proved
    there, ``wrong`` only with a counterexample that satisfies them, else the first verdict
    (never ``wrong`` when the step holds wherever the facts do)."""
    if out["status"] == "ok" or not families or size is None:
        return out
    swap = _substitution(lhs, rhs, families, size, env)
    if not swap:
        return out
    under = judge(lhs.xreplace(swap), rhs.xreplace(swap))
    stated = ", ".join(sorted({_what(s.name, families) for s in swap}))
    if under["status"] == "ok":
        return {
            **under,
            "message": f"{under['message']}, using the document's statement: {stated}",
            "method": STATED_FACT,
        }
    outside = ""
    if under["status"] == "wrong":  # a point of the sums, but also a distribution's? (distribution_points)
        swapped = (lhs.xreplace(swap), rhs.xreplace(swap))
        under, outside = distribution_checked(under, swap, lambda at: judge(*(s.xreplace(at) for s in swapped)))
    if under["status"] == "wrong":
        return {**under, "message": f"{under['message']} (a point where the document's {stated} holds)"}
    if out["status"] == "wrong":
        note = f"; under the document's {stated} it is not refuted"
        note += f" (refuted there only at {outside}, outside [0, 1])" if outside else ""
        return {**under, "status": "inconclusive", "counterexample": None, "message": out["message"] + note}
    return out


def _what(name: str, families: frozenset[str]) -> str:
    base = name.split("_")[0]
    hot = [f for f in families if f.startswith(base + "=")]
    return f"{base} one-hot at the correct class {hot[0][len(base) + 1 :]}" if hot else f"sum of {base} entries = 1"
