r"""A derivative by first principles, read as the derivative it defines.

``\lim_{h \to 0} \frac{f(x+h) - f(x)}{h}``, ``\lim_{\Delta x \to 0} \frac{(x + \Delta x)^2 -
x^2}{\Delta x}``, ``\lim_{\epsilon\rightarrow 0}\frac{\sigma(z+\epsilon)-\sigma(z)}{\epsilon}``:
a limit of a difference quotient whose first term is the second with ``x + h`` (or ``(x + h)``)
in the place of every x is ``\frac{d}{dx}`` of the second term. Only that exact pattern, with
one variable that fits; any other limit is left as written and stays unread ("a limit").

Works on the cleaned token list (``\limits`` and spacing already dropped).
"""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import GREEK

__all__ = ["limit_derivatives"]

Tokens = list[tuple[str, bool]]

_ARROWS = {r"\to", r"\rightarrow", r"\longrightarrow"}


def limit_derivatives(toks: Tokens) -> Tokens:
    """Every first-principles limit of the side rewritten as a derivative."""
    k = 0
    while k < len(toks):
        if toks[k][0] == r"\lim":
            try:
                done = _rewrite(toks, k)
            except (IndexError, ValueError):  # malformed input: left as written, read as "a limit"
                done = None
            if done is not None:
                toks = done
        k += 1
    return toks


def _group(toks: Tokens, k: int) -> tuple[list[str], int] | None:
    """(inner tokens, index after) of the brace group at k."""
    if k >= len(toks) or toks[k][0] != "{":
        return None
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == "{") - (toks[j][0] == "}")
        if depth == 0:
            return [t for t, _ in toks[k + 1 : j]], j + 1
    return None


def _rewrite(toks: Tokens, k: int) -> Tokens | None:
    if k + 1 >= len(toks) or toks[k + 1][0] != "_":
        return None
    under = _group(toks, k + 2)
    if under is None:
        return None
    cond, j = under
    arrow = next((n for n, t in enumerate(cond) if t in _ARROWS), None)
    if arrow is None or cond[arrow + 1 :] != ["0"] or j >= len(toks) or toks[j][0] != r"\frac":
        return None
    step = cond[:arrow]
    num = _group(toks, j + 1)
    den = _group(toks, num[1]) if num else None
    if num is None or den is None or den[0] != step:
        return None
    var, second = _quotient(num[0], step)
    if var is None:
        return None
    out = ["{", r"\frac", "{", "d", "}", "{", "d", var, "}", "{", *second, "}", "}"]
    return toks[:k] + [(t, False) for t in out] + toks[den[1] :]


def _quotient(num: list[str], step: list[str]) -> tuple[str | None, list[str]]:
    """(variable, second term) when ``num`` is ``F(x + h) - F(x)``; (None, []) otherwise."""
    minus = [n for n, t in enumerate(num) if t == "-" and _depth(num, n) == 0]
    if len(minus) != 1 or step[0] in num[minus[0] + 1 :]:
        return None, []
    first, second = num[: minus[0]], num[minus[0] + 1 :]
    names = {t for t in second if re.fullmatch(r"[A-Za-z]", t) or (t.startswith("\\") and t[1:] in GREEK)}
    fits = [v for v in sorted(names) if _shifted(second, v, step) == first or _shifted(second, v, step, True) == first]
    if len(fits) != 1 or not first:
        return None, []
    return fits[0], second


def _shifted(toks: list[str], var: str, step: list[str], brackets: bool = False) -> list[str]:
    """``toks`` with ``var + step`` (bracketed or not) for each ``var`` that is a name of its own."""
    out: list[str] = []
    for n, t in enumerate(toks):
        scripted = n + 1 < len(toks) and toks[n + 1] == "_" or n > 0 and toks[n - 1] in ("_", "^")
        if t == var and not scripted:
            out += ["(", var, "+", *step, ")"] if brackets else [var, "+", *step]
        else:
            out.append(t)
    return out


def _depth(toks: list[str], at: int) -> int:
    depth = 0
    for t in toks[:at]:
        depth += (t in ("(", "[", "{")) - (t in (")", "]", "}"))
    return depth
