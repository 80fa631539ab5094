r"""A barred letter beside sums of its entries: ``\bar{x}`` is their mean.

Statistics notes and least-squares derivations write ``\sum_{k=1}^n x_k y_k - n \bar{x} \bar{y} =
\sum_{k=1}^n (x_k - \bar{x})(y_k - \bar{y})`` and ``\frac{1}{n}\sum_{i=1}^n X_i^2 - \overline{X}^2 =
\frac{1}{n}\sum_{i=1}^n (X_i - \overline{X})^2``: the bar is the sample mean, said once in prose
("X, Y の標本平均を x̄, ȳ として") or never. The reader sampled x̄ as a free number, and such steps
were 'wrong'. A ``wrong`` step that writes ``\bar{L}`` (or ``\overline{L}``) and a sum over ``L``'s
entries with a written range is judged again with each such bar the mean over that range; holding
there, it is inconclusive and says so. Refuted there too, it stays wrong. Not for a bar the
document defines readably before the step (its definition is used as any other); one it defines
only later (``\hat{\theta}^{MV} = \overline{X}`` pages on, read as a value of the bar) cannot be
what the step meant, so the step's bar is still the mean.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.doc_definitions import definitions_before

__all__ = ["hold_bar_means", "with_means"]

#: \bar{x}, \bar x, \overline{X}: the letter
_BAR = re.compile(r"\\(?:bar|overline)\s*(?:\{\s*([A-Za-z])\s*\}|\s([A-Za-z])(?![A-Za-z]))")
#: \sum_{k=1}^{n}, \sum_{i=1}^n: (index, end)
_SUM = re.compile(
    r"\\sum\s*(?:\\limits\s*)?_\s*\{\s*([a-z])\s*=\s*1\s*\}\s*\^\s*(?:\{\s*([A-Za-z0-9]+)\s*\}|([A-Za-z0-9]))"
)
#: index letters a mean's own sum may take (one the step does not write)
_FRESH = "qpjlrsuv"


def _entries(text: str, letter: str, index: str) -> bool:
    """Does the text write the letter's entry at the index (x_k, x_{k}, X_i)?"""
    return re.search(r"(?<![\\A-Za-z])" + letter + r"\s*_\s*\{?\s*" + index + r"(?![A-Za-z0-9])", text) is not None


def with_means(lhs: str, rhs: str) -> tuple[str, str] | None:
    """The sides with each barred letter whose entries a ranged sum of the step runs over replaced
    by their mean over that range; None when there is no such bar (or one without such a sum)."""
    text = f"{lhs} = {rhs}"
    means: dict[str, str] = {}
    fresh = next((c for c in _FRESH if not re.search(rf"(?<![\\A-Za-z]){c}(?![A-Za-z])", text)), None)
    for m in _BAR.finditer(text):
        letter = m.group(1) or m.group(2)
        ranges = [(s.group(1), s.group(2) or s.group(3)) for s in _SUM.finditer(text)]
        found = next(((i, end) for i, end in ranges if _entries(text, letter, i)), None)
        if found is None or fresh is None:
            return None
        end = found[1]
        means[letter] = rf"\left(\frac{{1}}{{{end}}}\sum_{{{fresh}=1}}^{{{end}}} {letter}_{{{fresh}}}\right)"
    if not means:
        return None

    def put(side: str) -> str:
        return _BAR.sub(lambda m: means[m.group(1) or m.group(2)], side)

    return put(lhs), put(rhs)


def _defines_bar(document: Any, step: Any) -> bool:
    """Does the document define, before the step, a barred name it can read (then that value is
    used, not a mean)? An unread definition (``\\sum_{i=1}^{i=n}``) leaves the bar free, as if
    undefined, and so does one written after the step."""
    before = definitions_before(document.defs, step.line, step.column, step.rhs)
    barred = [d.name for d in before if "bar" in d.name or "overline" in d.name]
    return any(not document.scalar[name][1].problems for name in barred)


def hold_bar_means(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes a bar beside ranged sums of its letter's
    entries judged again with the bar their mean, and held where it holds so (module docstring);
    ``again`` is a rejudge.Rejudge."""
    out = list(judged)

    def means(step: Any) -> tuple[str, str] | None:
        return None if _defines_bar(document, step) else with_means(step.lhs, step.rhs)

    for k, verdict in again.wrongs_rewritten(judged, document, means):
        if verdict["status"] == "ok":
            why = "; but it holds with each barred letter the mean of its entries over the sum's range (a sample mean)"
            out[k] = out[k].held(out[k].message + why)
    return out
