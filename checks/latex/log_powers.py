r"""A logarithm with a power after its bracket: ``\log(1 - \hat y)^{1 - y}``.

By the usual convention ``\log(u)^p`` is ``(\log u)^p``, as ``\sin(x)^2`` is ``(\sin x)^2``, and the
reader reads it so. But likelihood derivations write it for ``\log(u^p)`` all the time
(``\log \prod_i \hat y_i^{y_i} (1 - \hat y_i)^{1 - y_i} = \sum_i \log \hat y_i^{y_i} + \log(1 - \hat
y_i)^{1 - y_i}``), and readers of the page take it so. A step refuted under the first reading is
therefore judged once more with each such power inside its logarithm; unless it is refuted there
too, it is inconclusive and says why. A step wrong under both readings stays wrong, and nothing
is changed for a step that holds.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.text_groups import brace_group_end, round_group

__all__ = ["hold_log_powers", "log_of_powers"]

#: \log, \ln, \log_2, \log_{10}, then an opening bracket (``\left(`` or ``(``), perhaps inside a
#: brace group that holds the bracket alone: ``\log {(2\pi e)}^n`` places the power as
#: ``\log (2\pi e)^n`` does (authors brace the bracket so that the exponent sits on it)
_LOG_OPEN = re.compile(
    r"\\(?:log|ln)(?![A-Za-z])(?:\s*_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*(\{\s*)?(\\left\s*\(|\()"
)


def _group_end(text: str, opening: int) -> int | None:
    end = brace_group_end(text, opening)
    return end if end >= 0 else None


def _exponent_end(text: str, k: int) -> int | None:
    """The index after a power's exponent written at ``k`` (a group, ``\\frac{…}{…}``, a command or a character)."""
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text):
        return None
    if text[k] == "{":
        return _group_end(text, k)
    command = re.match(r"\\frac\s*(?=\{)", text[k:])
    if command:
        first = _group_end(text, k + command.end())
        if first is None or first >= len(text) or text[first] != "{":
            return None
        return _group_end(text, first)
    word = re.match(r"\\[A-Za-z]+|[A-Za-z0-9]", text[k:])
    return k + word.end() if word else None


def _skip_space(text: str, k: int) -> int:
    while k < len(text) and text[k].isspace():
        k += 1
    return k


def _after_brace(text: str, close: int) -> int | None:
    """Past the ``}`` that closes a brace group right after the bracket ends at ``close``, or None
    when the group holds more than the bracket (``{(a) b}^n`` is not the bracket's power)."""
    k = _skip_space(text, close)
    return _skip_space(text, k + 1) if k < len(text) and text[k] == "}" else None


def log_of_powers(side: str) -> str | None:
    """The side with each ``\\log(u)^p`` written ``\\log\\left((u)^{p}\\right)``, or None if it has none."""
    out, k, changed = [], 0, False
    for m in _LOG_OPEN.finditer(side):
        if m.start() < k:
            continue
        group = round_group(side, m.end() - 1)
        if group is None:
            continue
        inner, close = group[0].rstrip(), group[1]
        after = _after_brace(side, close) if m.group(1) else _skip_space(side, close)
        if after is None:
            continue
        if after >= len(side) or side[after] != "^":
            continue
        end = _exponent_end(side, after + 1)
        if end is None:
            continue
        head = side[m.start() : m.start(1) if m.group(1) else m.start(2)]
        exponent = side[after + 1 : end].strip()
        exponent = exponent if exponent.startswith("{") and exponent.endswith("}") else f"{{{exponent}}}"
        out.append(side[k : m.start()] + f"{head}\\left(\\left({inner}\\right)^{exponent}\\right)")
        k, changed = end, True
    return "".join(out) + side[k:] if changed else None


def hold_log_powers(judged: list[Any], document: Any, again: Any) -> list[Any]:
    """``judged`` with each wrong step that writes ``\\log(u)^p`` judged again as ``\\log(u^p)``,
    and held as inconclusive unless refuted there too; ``again`` is a rejudge.Rejudge."""
    why = "\\log(u)^p is read as (\\log u)^p, and so the sides differ; read as \\log(u^p), as likelihood derivations"
    return again.held_unless_refuted(
        judged, document, log_of_powers, lambda status: f"{why} mean it, the step is {status}: not judged"
    )
