r"""A script whose argument is a font or accent command with its own argument, unbraced:
``\nabla_\mathbf{w} L``, ``\mathcal{C}_\mathrm{MSE}``, ``x^\hat{y}``.

TeX takes the next token after ``_`` or ``^`` as the script; a one-argument command such as
``\mathbf`` then takes its group, so ``\nabla_\mathbf{w}`` is typeset as ``\nabla_{\mathbf{w}}``
(MathJax and KaTeX do the same). The reader took only the command as the script and found its
group missing ("a command is missing its argument"). This rewrite braces the command with its
argument, which is what the page shows; nothing else changes.
"""

from __future__ import annotations

from derive.checks.latex.tex_names import DECORATIONS, FONTS, TEXT_FONTS
from derive.checks.latex.token_spans import argument_end, each_token_span

__all__ = ["braced_font_scripts"]

Tokens = list[tuple[str, bool]]

#: commands of one argument that may stand right after _ or ^
ONE_ARGUMENT = {*FONTS, *DECORATIONS, *TEXT_FONTS, r"\vec", r"\pmb", r"\mathcal", r"\mathbb", r"\mathscr"}


def braced_font_scripts(toks: Tokens) -> Tokens:
    """``_\\mathbf{w}`` as ``_{\\mathbf{w}}`` (see the module doc)."""
    return each_token_span(toks, _braced)


def _braced(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] not in ("_", "^") or k + 2 >= len(toks) or toks[k + 1][0] not in ONE_ARGUMENT:
        return None
    if toks[k + 2][0] != "{":  # \mathbf w: one token, the reader's own case
        return None
    end = argument_end(toks, k + 2)
    if end is None:
        return None
    return [toks[k], ("{", False), *toks[k + 1 : end], ("}", False)], end
