r"""Layer labels written in square brackets right after a name: ``Z[l]``, ``A[L-1]``, ``W[2]``.

Notes that follow Andrew Ng's course but type it plainly (chat-assistant write-ups, Markdown
without superscripts) write ``dZ[L] = A[L] - Y`` and ``W[l+1]^T dZ[l+1]`` for ``Z^{[L]}``,
``W^{[l+1]}``. The reader took ``Z[L]`` as Z applied to L and read nothing. A bracket right after
a one-letter name that holds only a layer label (a number, ``l`` or ``L``, or one of them plus or
minus a number) is that label: ``Z^{[L]}``. Anything else in the brackets (``y[1 - y]``, a
product) is left as written.
"""

from __future__ import annotations

import re

from derive.checks.latex.token_spans import each_token_span

__all__ = ["bracket_labels"]

Tokens = list[tuple[str, bool]]

#: the label inside: 2, 10, l, L, l-1, L+1, l - 2
_LABEL = re.compile(r"\d{1,2}|[lL](?:[+-]\d)?")


def bracket_labels(toks: Tokens) -> Tokens:
    """``Z[L]`` → ``Z^{[L]}`` (module docstring)."""
    if not any(t == "[" for t, _ in toks):
        return toks
    return each_token_span(toks, _bracket_label)


def _bracket_label(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "[" or toks[k][1] or not out or re.fullmatch(r"[A-Za-z]", out[-1][0]) is None:
        return None
    if len(out) >= 2 and out[-2][0] in ("_", "^"):
        return None  # x_a[…]: the bracket is not the name's own
    end = next((j for j in range(k + 1, min(len(toks), k + 6)) if toks[j][0] == "]"), None)
    if end is None or not _LABEL.fullmatch("".join(t for t, _ in toks[k + 1 : end])):
        return None
    return [("^", False), ("{", False), *toks[k : end + 1], ("}", False)], end + 1
