r"""Rows of a ``cases`` environment written without ``&``.

``\begin{cases} 1, \qquad \text{if } U > 0, \\ 0, \qquad \text{otherwise} \end{cases}``: the
author separated value and condition with spacing instead of ``&``. Both readers (norm_forms,
typed_atoms) split such a row before its first top-level text word that opens a condition (if,
otherwise, else, for, when, or a whole first word tex_names lists for another language: si, sinon,
jeśli, nếu), and drop the comma that ends the value. A row with neither ``&`` nor such a word stays
as it is (and unread).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from derive.checks.latex.conditions import as_conditions
from derive.checks.latex.tex_names import CONDITION_WORDS, is_otherwise, says_otherwise

__all__ = ["case_conditions", "equation_rows", "with_ampersand"]

_TEXT = (r"\text", r"\textrm", r"\mbox", r"\mathrm", r"\textnormal")
_OPENERS = ("if", "otherwise", "else", "for", "when")


def with_ampersand(row: list[str]) -> list[str]:
    """The row (tokens, spacing removed, text as single letters) with ``&`` before its condition,
    and without the punctuation that ends a value (``x, & x \\geq 0``: the comma is prose)."""
    if "&" in row:
        amp = row.index("&")
        value = row[:amp]
        while value and value[-1] in (",", ";", "."):
            value = value[:-1]
        return [*value, *row[amp:]] if value else row
    level = 0
    for j, tok in enumerate(row):
        level += (tok in ("{", "(", "[")) - (tok in ("}", ")", "]"))
        if level != 0 or tok not in _TEXT or j == 0 or j + 1 >= len(row) or row[j + 1] != "{":
            continue
        close = row.index("}", j + 1) if "}" in row[j + 1 :] else len(row)
        word = "".join(row[j + 2 : close]).lower().strip()
        first = word.split()[0].strip(",.;:") if word.split() else ""
        # si/sinon, jeśli, nếu …: a whole first word of another language (never a prefix: \text{sigmoid})
        if not word.startswith(_OPENERS) and first not in CONDITION_WORDS and not is_otherwise(word):
            return row
        value = row[:j]
        while value and value[-1] in (",", ";"):
            value = value[:-1]
        return [*value, "&", *row[j:]] if value else row
    return row


_NEGATION = {"=": "\\neq", "\\neq": "=", "<": "\\geq", "\\geq": "<", ">": "\\leq", "\\leq": ">"}
#: a name alone (``y_i``, ``\delta^{(l)}_k``, ``\mathbf{x}``): the left side of a definition
_NAME = re.compile(
    r"(?:\\(?:mathbf|boldsymbol|bm|vec|hat|tilde|bar)\s*\{\s*)?\\?[A-Za-z]+\s*\}?"
    r"(?:\s*[_^]\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[A-Za-z0-9]))*"
)


def case_conditions(conditions: list[str]) -> list[tuple[str, ...]] | None:
    """Each case's conditions; "otherwise" (in any language tex_names knows) is the negation of the
    one other case's condition."""
    read = [tuple(as_conditions(cond)) for cond in conditions]
    for k, cond in enumerate(conditions):
        if read[k]:
            continue
        others = [c for j, c in enumerate(read) if j != k]
        if not says_otherwise(cond) or len(others) != 1 or len(others[0]) != 1:
            return None
        lhs, rel, rhs = others[0][0].split(" ", 2) if others[0][0].count(" ") >= 2 else ("", "", "")
        if rel not in _NEGATION:
            return None
        read[k] = (f"{lhs} {_NEGATION[rel]} {rhs}",)
    return read


def equation_rows(values: list[str], top_level: Callable[[str, str], list[int]]) -> bool:
    r"""Are the values of a cases environment standing alone each a step (``\frac{\partial a_i}{\partial
    z_j} = a_i(1 - a_i) & i = j``), none a name given a value (``y_i = 1 & i = k``)? A definition
    under a case would be taken for the page's definition of the name, whatever the case."""
    for value in values:
        equals = top_level(value, "=")
        if not equals or _NAME.fullmatch(value[: equals[0]].strip()):
            return False
    return True
