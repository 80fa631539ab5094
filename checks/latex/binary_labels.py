r"""Labels the document says are 0 or 1: ``y^{(i)}`` "(0 or 1)", ``t \in \{0, 1\}``.

Likelihood derivations for a binary label rewrite ``\phi y + (1 - \phi)(1 - y)`` as ``\phi^y (1 -
\phi)^{1 - y}``, ``y \log p + (1 - y)\log(1 - p)`` as a case split, ``y^2`` as ``y``: true for the
two values the label takes, false for a sampled y = 2. The reader samples every name freely, so
such a step was 'wrong' (hkawabata's Japanese logistic-regression note: "ラベル $y^{(i)}$ は 0 or 1
なので"). Where the document states a letter binary (in math, ``y \in \{0,1\}``; in prose, the
label's math followed closely by "0 or 1" in one of several languages), a ``wrong`` step that
writes the label is judged again with the label set to 0 and then to 1; holding for both, it is
inconclusive and says so (only the two values, every label equal, are tried: no proof). A step
refuted at 0 or at 1 stays wrong: that value is one the document allows.

Labels said to be -1 or 1 (SVMs, the perceptron: ``y_i \in \{-1, +1\}``, "Since $y_1$ is either 1 or
-1", the twenty-eighth hunt's SMO derivation, where ``(\zeta y_1 - \alpha_2 y_1 y_2)^2`` became ``\zeta^2 +
\alpha_2^2 - 2\zeta\alpha_2 y_2`` and was refuted at y_2 = 2) are tried the same way, entry by entry: each
entry of the letter the step writes (y_1, y_2; at most three) takes -1 and 1 in every combination, and
a ``wrong`` step holding in all of them is inconclusive. One letter said ±1 stands for its entries
(y_1 said, y_2 alike: they are the same labels). Refuted at any combination, it stays wrong.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

__all__ = [
    "hold_binary_labels",
    "hold_signed_labels",
    "stated_binary_labels",
    "stated_signed_labels",
    "with_label_value",
]

#: a label letter with an optional example index: y, y_i, y^{(i)}, t_n
_LABEL = r"([A-Za-z])(?:\s*\^\s*\{?\s*\(\s*[a-z0-9]+\s*\)\s*\}?|\s*_\s*\{?\s*[a-z0-9]+\s*\}?)?"
#: the label alone in inline math ($y^{(i)}$, $$y$$)
_LABEL_MATH = re.compile(r"\$+\s*" + _LABEL + r"\s*\$+")
#: "0 or 1" in English, Japanese, French, Spanish, Portuguese, German, Russian, Chinese, Vietnamese
_ZERO_OR_ONE = re.compile(r"\b0\s*(?:or|または|か|ou|o|oder|или|或|hoặc|/)\s*1\b|\b1\s*(?:or|または|ou|o|или|或)\s*0\b")
#: y \in \{0, 1\} in math
_IN_BINARY = re.compile(_LABEL + r"\s*\\in\s*\\\{\s*0\s*,\s*1\s*\\\}")
#: y \in \{-1, 1\}, \{+1, -1\}, \{\pm 1\} in math
_IN_SIGNED = re.compile(
    _LABEL + r"\s*\\in\s*\\\{\s*(?:[-+]\s*1\s*,\s*\+?\s*1|\+?\s*1\s*,\s*-\s*1|\\pm\s*1)\s*\\\}"
)
#: "1 or -1", "-1 or +1", "±1" in prose (the numbers perhaps in math of their own: "$1$ or $-1$")
_ONE = r"\$?\s*\+?\s*1\s*\$?"
_MINUS_ONE = r"\$?\s*-\s*1\s*\$?"
_OR = r"\s*(?:or|ou|o|oder|или|或|または|/)\s*"
_PLUS_MINUS_ONE = re.compile(rf"{_ONE}{_OR}{_MINUS_ONE}|{_MINUS_ONE}{_OR}{_ONE}|(?:\\pm|±)\s*1\b")
#: how far before "0 or 1" the label's math may end (same line)
_NEAR = 40
#: accents that make another name of the letter (\hat y is the prediction, not the label)
_ACCENTED = re.compile(r"\\(?:hat|widehat|bar|overline|tilde|widetilde|vec|mathbf|boldsymbol)\s*\{?\s*$")


def stated_binary_labels(text: str) -> frozenset[str]:
    """Letters the document says take only the values 0 and 1 (module docstring)."""
    return _stated_labels(text, _IN_BINARY, _ZERO_OR_ONE)


def stated_signed_labels(text: str) -> frozenset[str]:
    """Letters the document says take only the values -1 and 1 (module docstring)."""
    return _stated_labels(text, _IN_SIGNED, _PLUS_MINUS_ONE)


def _stated_labels(text: str, in_math: re.Pattern[str], in_prose: re.Pattern[str]) -> frozenset[str]:
    """Letters given their values in math (``y \\in \\{0, 1\\}``), or in prose after a label's math on
    the same line, at most _NEAR characters before the values ("$y_i$ is 0 or 1")."""
    found = {m.group(1) for m in in_math.finditer(text)}
    for line in text.splitlines():
        for said in in_prose.finditer(line):
            before = [m for m in _LABEL_MATH.finditer(line[: said.start()]) if said.start() - m.end() <= _NEAR]
            if before:
                found.add(before[-1].group(1))
    return frozenset(found)


def with_label_value(text: str, letter: str, value: str) -> str:
    """The text with every use of the label letter (its scripts too) set to the value."""
    pattern = re.compile(r"(?<![\\A-Za-z])" + _LABEL.replace("([A-Za-z])", re.escape(letter)) + r"(?![A-Za-z])")
    out, last = [], 0
    for m in pattern.finditer(text):
        if _ACCENTED.search(text[: m.start()]):
            continue
        out += [text[last : m.start()], f"{{{value}}}"]
        last = m.end()
    return "".join([*out, text[last:]])


def _wrong_label_steps(
    judged: list[Any], labels: frozenset[str], writes: Callable[[str, str], bool]
) -> Iterator[tuple[int, Any, list[str]]]:
    """(index, step, the labels it writes) of each step judged wrong; ``writes(text, x)`` says
    whether a step's text writes the label x."""
    for k, result in enumerate(judged):
        if result.status == "wrong" and labels:
            written = f"{result.step.lhs} = {result.step.rhs}"
            yield k, result.step, sorted(x for x in labels if writes(written, x))


def hold_binary_labels(judged: list[Any], document: Any, labels: frozenset[str], again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes a binary label judged again with the label 0
    and 1, held as inconclusive where it holds at both; ``again`` is a rejudge.Rejudge."""
    tasks, where = [], []
    for k, step, used in _wrong_label_steps(judged, labels, lambda text, x: with_label_value(text, x, "0") != text):
        if len(used) != 1:
            continue
        definitions = document.for_step(step.line, step.column, step.rhs)
        for value in ("0", "1"):
            lhs, rhs = with_label_value(step.lhs, used[0], value), with_label_value(step.rhs, used[0], value)
            tasks.append((replace(step, lhs=lhs, rhs=rhs), definitions))
        where.append((k, used[0]))
    if not tasks:
        return judged
    verdicts = again.run(tasks)
    out = list(judged)
    for n, (k, letter) in enumerate(where):
        if all(v["status"] == "ok" for v in verdicts[2 * n : 2 * n + 2]):
            why = f"; but it holds with {letter} = 0 and with {letter} = 1, the values the document gives the label"
            out[k] = out[k].held(out[k].message + why)
    return out


#: at most this many entries of a signed label in one step (2³ combinations judged)
_MOST_ENTRIES = 3


def _label_pattern(letter: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\\A-Za-z])" + _LABEL.replace("([A-Za-z])", re.escape(letter)) + r"(?![A-Za-z])")


def _entries(text: str, letter: str) -> list[str]:
    """The label's entries the text writes (y_1, y_{2}, y as written, braces and spaces dropped), in order."""
    found: list[str] = []
    for m in _label_pattern(letter).finditer(text):
        key = re.sub(r"[\s{}]", "", m.group(0))
        if not _ACCENTED.search(text[: m.start()]) and key not in found:
            found.append(key)
    return found


def _with_entry_values(text: str, letter: str, values: dict[str, str]) -> str:
    """The text with each entry of the label set to its value."""
    out, last = [], 0
    for m in _label_pattern(letter).finditer(text):
        key = re.sub(r"[\s{}]", "", m.group(0))
        if _ACCENTED.search(text[: m.start()]) or key not in values:
            continue
        out += [text[last : m.start()], f"{{({values[key]})}}"]
        last = m.end()
    return "".join([*out, text[last:]])


def hold_signed_labels(judged: list[Any], document: Any, labels: frozenset[str], again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes a label said to be -1 or 1 judged again with its entries at
    every combination of -1 and 1, held as inconclusive where it holds at all (module docstring)."""
    tasks, where = [], []
    for k, step, used in _wrong_label_steps(judged, labels, lambda text, x: bool(_entries(text, x))):
        entries = _entries(f"{step.lhs} = {step.rhs}", used[0]) if len(used) == 1 else []
        if not entries or len(entries) > _MOST_ENTRIES:
            continue
        definitions = document.for_step(step.line, step.column, step.rhs)
        for signs in itertools.product(("-1", "1"), repeat=len(entries)):
            values = dict(zip(entries, signs, strict=True))
            lhs, rhs = (_with_entry_values(side, used[0], values) for side in (step.lhs, step.rhs))
            tasks.append((replace(step, lhs=lhs, rhs=rhs), definitions))
        where.append((k, used[0], 2 ** len(entries)))
    if not tasks:
        return judged
    verdicts = again.run(tasks)
    out, start = list(judged), 0
    for k, letter, count in where:
        if all(v["status"] == "ok" for v in verdicts[start : start + count]):
            why = f"; but it holds with every entry of {letter} at -1 or 1, the values the document gives the label"
            out[k] = out[k].held(out[k].message + why)
        start += count
    return out
