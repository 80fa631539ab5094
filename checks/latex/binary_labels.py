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
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

__all__ = ["hold_binary_labels", "stated_binary_labels", "with_label_value"]

#: a label letter with an optional example index: y, y_i, y^{(i)}, t_n
_LABEL = r"([A-Za-z])(?:\s*\^\s*\{?\s*\(\s*[a-z0-9]+\s*\)\s*\}?|\s*_\s*\{?\s*[a-z0-9]+\s*\}?)?"
#: the label alone in inline math ($y^{(i)}$, $$y$$)
_LABEL_MATH = re.compile(r"\$+\s*" + _LABEL + r"\s*\$+")
#: "0 or 1" in English, Japanese, French, Spanish, Portuguese, German, Russian, Chinese, Vietnamese
_ZERO_OR_ONE = re.compile(r"\b0\s*(?:or|または|か|ou|o|oder|или|或|hoặc|/)\s*1\b|\b1\s*(?:or|または|ou|o|или|或)\s*0\b")
#: y \in \{0, 1\} in math
_IN_BINARY = re.compile(_LABEL + r"\s*\\in\s*\\\{\s*0\s*,\s*1\s*\\\}")
#: how far before "0 or 1" the label's math may end (same line)
_NEAR = 40
#: accents that make another name of the letter (\hat y is the prediction, not the label)
_ACCENTED = re.compile(r"\\(?:hat|widehat|bar|overline|tilde|widetilde|vec|mathbf|boldsymbol)\s*\{?\s*$")


def stated_binary_labels(text: str) -> frozenset[str]:
    """Letters the document says take only the values 0 and 1 (module docstring)."""
    found = {m.group(1) for m in _IN_BINARY.finditer(text)}
    for line in text.splitlines():
        for said in _ZERO_OR_ONE.finditer(line):
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


def hold_binary_labels(judged: list[Any], document: Any, labels: frozenset[str], again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes a binary label judged again with the label 0
    and 1, held as inconclusive where it holds at both; ``again`` is a rejudge.Rejudge."""
    tasks, where = [], []
    for k, result in enumerate(judged):
        if result.status != "wrong" or not labels:
            continue
        step = result.step
        written = f"{step.lhs} = {step.rhs}"
        used = sorted(x for x in labels if with_label_value(written, x, "0") != written)
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
