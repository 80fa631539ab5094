r"""Names of several letters a document uses as names: ``\text{CE}``, ``\mathrm{MSE}``, ``Tot_{par}``.

A word is a name in a document that defines it (``\text{CE}(y, \hat y) = …``, ``Tot_{par} = …`` at
the start of a formula), differentiates it (``\partial \text{CE}``, ``\partial CE``) or takes its
gradient (``\nabla_z \text{CE}``) or writes it alone as an inline formula in its prose (``and
$label$ is the expected output``); a programmer's name with escaped underscores (``batch\_size``,
``y\_pred``: ``\_`` typesets an underscore, never a subscript) is a name wherever it stands.
Elsewhere a word stays unread (``\text{if}``, a product of letters). The readers then read it
as one name, whatever its font: plain letters written in a row become ``\mathrm{W}`` before
anything reads them.
"""

from __future__ import annotations

import re

from derive.checks.latex.notation import BUILTIN_NAMES, Notation
from derive.checks.latex.script_names import document_script_names
from derive.checks.latex.tex_names import function_before_letters, letters_before_function
from derive.checks.latex.token_rewrites import merge_word_names

__all__ = ["document_word_names", "merge_word_names"]


def _text(group: str) -> str:
    """A word in a text font, captured as ``group``."""
    return r"\\(?:text|mathrm|operatorname|mathit|textrm)\s*\{\s*(?P<" + group + r">[A-Za-z]{2,})\s*\}"


#: a sample's or a layer's label on a name: ^{(i)}, ^{[l]}, ^{(2)}
_LABEL = r"\^\s*\{\s*[(\[][A-Za-z0-9+\-\s]*[)\]]\s*\}"
_USES = (
    re.compile(r"\\partial\s*(?:" + _text("a") + r"|(?P<b>[A-Z][A-Za-z]+)\b)"),
    re.compile(r"\\frac\s*\{\s*d\s*(?P<b>[A-Z][a-z]+)\s*\}"),  # \frac{dLoss}{d\hat y}
    re.compile(r"\\nabla\s*_\s*(?:\{[^{}]*\}|\\?[A-Za-z]+)\s*" + _text("a")),
    re.compile(
        r"(?:^|\$|\\\[|&|\n)\s*(?:\\displaystyle\s*)?(?:" + _text("a") + r"|(?P<b>[A-Za-z]{2,}))"
        r"\s*(?:_\s*\{[A-Za-z0-9]*\}|_[A-Za-z0-9])?\s*(?:" + _LABEL + r")?\s*(?:\([^()=$]*\))?\s*(?::=|=)(?!=)"
    ),
)
#: a word alone as an inline formula in prose ("and $label$ is the expected output"): a symbol
#: (nobody puts a word of the sentence in math mode), three letters at least
_ALONE = re.compile(r"(?<![$\\])\$\s*(?P<b>[A-Za-z]{3,})\s*\$(?!\$)")
#: a word written with a subscript, anywhere (target_{o1}, out_{h1}, \text{net}_{o1}): a quantity's
#: name, as worked examples write them; three letters at least (Wx_i is W times x_i)
_SUBSCRIPTED = (
    re.compile(_text("a") + r"\s*_"),
    re.compile(_text("a") + r"\s*" + _LABEL),  # \text{error}^{(i)}: one sample's error
    re.compile(r"(?<![\\A-Za-z])(?P<b>[A-Za-z]{3,})\s*_\s*(?:\{\s*[A-Za-z0-9]|[A-Za-z0-9])"),
)
#: a programmer's name, its parts joined by escaped underscores (batch\_size, y\_pred, num\_classes);
#: every part after the first two letters at least (x\_1 may be Markdown escaping a subscript)
_ESCAPED = re.compile(r"(?<![\\A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:\\_[A-Za-z][A-Za-z0-9]+)+(?![A-Za-z0-9])")
#: operators written with a subscript in plain letters (max_i, lim_{x}), never names
_SCRIPTED_OPERATORS = {"max", "min", "lim", "sup", "inf", "arg", "sum", "prod", "argmax", "argmin", "det", "log"}
#: words of running text inside math, never names
_PROSE = {"if", "for", "and", "or", "where", "with", "otherwise", "else", "when", "let", "then", "so"}


def escaped_word(spelling: str) -> str:
    """The name ``batch\\_size`` stands for, as the readers spell it once its tokens are merged."""
    return spelling.replace("\\_", "")


def document_word_names(text: str, notation: Notation) -> frozenset[str]:
    """The words the document uses as names (see the module docstring)."""
    found = {m.groupdict().get("a") or m.group("b") for pattern in _USES for m in pattern.finditer(text)}
    found |= {m.group("b") for m in _ALONE.finditer(text)}
    for pattern in _SUBSCRIPTED:
        found |= {m.groupdict().get("a") or m.groupdict().get("b") for m in pattern.finditer(text)}
    found -= _SCRIPTED_OPERATORS
    found |= {escaped_word(m.group(0)) for m in _ESCAPED.finditer(text)}
    # 오차y, 가중합: a name in another script (script_names.py), whatever its length
    return document_script_names(text) | frozenset(
        w
        for w in found
        if w
        # two lower-case letters are a product (xy) or a differential (dx): only CE, Loss, Tot … are names
        and (len(w) >= 3 or w[0].isupper())
        and not re.fullmatch(r"d[A-Za-z]", w)
        and w.lower() not in _PROSE
        and not letters_before_function(w)  # ylog(a) = … is y log(a), not a function named ylog
        and not function_before_letters(w)  # lnx = … is ln x
        and w not in notation.functions
        and w.lower().replace(" ", "") not in BUILTIN_NAMES
        and w.lower() not in ("softmax", "diag", "tr", "trace", "prod", "onehot", "sgn", "argmax", "argmin")
    )
