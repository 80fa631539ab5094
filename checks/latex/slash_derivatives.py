r"""Derivatives written with a slash, inline math's way: ``\partial J/\partial w`` is
``\frac{\partial J}{\partial w}``; also with a bracket differentiated (``\partial (x^2)/\partial x``)
and with a worked example's names typed as letters and digits (``∂o1/∂w5``). The fraction reader
then decides what the names are. ``name_end`` (where a name and its scripts end) serves the other
token rewrites too."""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import FONTS, GREEK
from derive.checks.latex.token_spans import argument_end
from derive.checks.latex.written_forms import braced_slash, delta_fractions

__all__ = ["name_end", "slash_derivatives"]

Tokens = list[tuple[str, bool]]


def slash_derivatives(toks: Tokens) -> Tokens:
    """``\\partial J/\\partial w`` (inline math's way) is ``\\frac{\\partial J}{\\partial w}``, also with
    a bracket differentiated (``\\partial (x^2)/\\partial x``)."""
    toks = braced_slash(delta_fractions(toks))
    out: Tokens = []
    k = 0
    while k < len(toks):
        num_end = _typed_name_end(toks, k + 1) or _operand_end(toks, k + 1) if toks[k][0] == r"\partial" else None
        if num_end is not None and num_end + 1 < len(toks) and toks[num_end][0] == "/":
            if toks[num_end + 1][0] == r"\partial":
                den_end = _typed_name_end(toks, num_end + 2) or name_end(toks, num_end + 2)
                if den_end is not None:
                    num, den = toks[k:num_end], toks[num_end + 1 : den_end]
                    out += [(r"\frac", False), ("{", False), *num, ("}", False), ("{", False), *den, ("}", False)]
                    k = den_end
                    continue
        out.append(toks[k])
        k += 1
    return out


def _typed_name_end(toks: Tokens, k: int) -> int | None:
    """The index after a name typed as letters and digits in a row (``o1``, ``out_h1``, ``w5``: a
    worked example's names), with its scripts; None for one letter alone (``name_end`` reads it)."""
    end = k
    while end < len(toks) and re.fullmatch(r"[A-Za-z]|\d+", toks[end][0]) and (end == k or not toks[end][1]):
        end += 1
    if end - k < 2 or not re.fullmatch(r"[A-Za-z]", toks[k][0]):
        return None
    while end is not None and end < len(toks) and toks[end][0] in ("_", "^"):
        end = argument_end(toks, end + 1)
    return end


def _operand_end(toks: Tokens, k: int) -> int | None:
    """The index after a name at k, or after a bracket opened at k (``\\partial (x^2)/\\partial x``,
    ``∂(σ(o_1))/∂w_5``: what is differentiated written in brackets)."""
    if k >= len(toks) or toks[k][0] not in ("(", "["):
        return name_end(toks, k)
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] in ("(", "[")) - (toks[j][0] in (")", "]"))
        if depth == 0:
            return j + 1
    return None


def name_end(toks: Tokens, k: int) -> int | None:
    """The index after a name at k (x, \\theta, \\hat y, \\mathbf{W}, with sub- and superscripts)."""
    if k >= len(toks):
        return None
    t = toks[k][0]
    if t in FONTS:
        end = argument_end(toks, k + 1)
    elif re.fullmatch(r"[A-Za-z]", t) or (t.startswith("\\") and t[1:] in GREEK):
        end = k + 1
    else:
        return None
    while end is not None and end < len(toks) and toks[end][0] in ("_", "^"):
        end = argument_end(toks, end + 1)
    return end
