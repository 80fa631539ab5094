r"""A lowercase ``^t`` written for a transpose: ``\sigma(QK^t)V``, ``\tr(A^t B)``, ``(e_i^t Q K^t)^t``.

Some write-ups (differential-geometry habits, some lecture notes) mark the transpose with a
lowercase t. The scalar reader took ``K^t`` as K to the power t, with t a number of its own, so
``\sigma((e_i^t Q K^t)^t)^t V = \sigma(K Q^t e_i)^t V`` was "refuted" at t = -2 although it only
transposes. When the letter t never appears in the document's math except as a whole
superscript (``^t`` or ``^{t}``), and does so more than once, nothing gives it a value: a time
step or an exponent would be written elsewhere too (``m_t``, ``t + 1``, ``\frac{dx}{dt}``). There
the scalar reader refuses ``^t`` as a transpose (as it refuses ``^T``) and the matrix reader,
which already reads ``^t`` as one, judges the step if it can.
"""

from __future__ import annotations

from derive.checks.latex.tex_names import TEXT_FONTS
from derive.checks.latex.tex_tokens import tex_tokens
from derive.checks.latex.token_spans import word_group_end

__all__ = ["writes_t_transposes"]


def writes_t_transposes(texts: list[str]) -> bool:
    """Is every letter t in these math texts a whole superscript ``^t`` / ``^{t}``, with at least
    two of them? Words inside ``\\text{…}`` and ``\\operatorname{…}`` are not math letters."""
    superscripts = 0
    for text in texts:
        toks = _math_letters([t for t, _ in tex_tokens(text)])
        for k, t in enumerate(toks):
            if t != "t":
                continue
            if not _whole_superscript(toks, k):
                return False
            superscripts += 1
    return superscripts >= 2


def _whole_superscript(toks: list[str], k: int) -> bool:
    if k >= 1 and toks[k - 1] == "^":
        return True
    return 2 <= k < len(toks) - 1 and toks[k - 2 : k] == ["^", "{"] and toks[k + 1] == "}"


#: commands whose brace arguments spell words or names, not math letters: how many arguments
_WORD_ARGUMENTS = {
    **dict.fromkeys(TEXT_FONTS, 1),
    **dict.fromkeys((r"\begin", r"\end", r"\color", r"\colorbox", r"\textcolor", r"\label", r"\tag"), 1),
    **dict.fromkeys((r"\ref", r"\eqref", r"\mbox", r"\hbox"), 1),
    r"\definecolor": 3,
}


def _math_letters(toks: list[str]) -> list[str]:
    r"""The tokens with each word argument blanked (``\text{step}``, ``\begin{bmatrix}``,
    ``\definecolor{magicmint}{rgb}{…}``): its letters spell a word."""
    out: list[str] = []
    k = 0
    while k < len(toks):
        out.append(toks[k])
        left = _WORD_ARGUMENTS.get(toks[k], 0)
        k += 1
        while left and k < len(toks) and toks[k] == "{":
            close = word_group_end(toks, k)
            end = (close if close is not None else len(toks)) - 1  # the closing brace (or the last token)
            out += ["{", *[""] * (end - k - 1), "}"]
            k, left = end + 1, left - 1
    return out
