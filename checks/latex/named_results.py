r"""Names a chain gives its result: ``\frac{\partial J}{\partial a_1}\frac{\partial a_1}{\partial z_1}
= (a_1 - y_1) = \delta_1``.

Write-ups often introduce a name at the end of a computation instead of at its start: the last
term of a chain is a plain name (``\delta_1^{(out)}``, ``g``, ``e_j``) that the document has not
given a value, and the term before it is the value the name stands for from there on. A reader
takes such a link as a definition, and so do the hand verdicts of every corpus here. Read that
way, later steps can use the value: ``(a_2 - y_1) a_1 = \delta_2 a_1`` after ``… = (a_2 - y_2) =
\delta_2`` is wrong (the error of output 2 is a_2 - y_2), which no reader of the name alone sees.

Only where nothing else gives the name a value: a name the document defines the usual way
(``\delta = …`` anywhere, before or after), a name it wrote before (an input, ``x_i``), a name of
the notation, an index letter, Kronecker's ``\delta_{kl}``, an indicator, a function, one of Andrew
Ng's ``dz`` names (ng_names: their value is a derivative), and a name the value itself mentions
(``x = \sigma^{-1}(\sigma(x))`` is a claim) are left alone; so is the answer of a lone derivative
of anything but a loss (``\frac{\partial z_j}{\partial w_{ji}} = x_i`` answers, ``\frac{\partial
C}{\partial b_j} = \delta_j`` names). A name so defined twice keeps its first value (the second
link is judged against it as any step is).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from derive.checks.latex.abstract_loss import LOSS_NAMES
from derive.checks.latex.extract import Equation
from derive.checks.latex.index_sums import is_kronecker
from derive.checks.latex.label_subscripts import INDEX_LETTERS, family_letters
from derive.checks.latex.notation import Notation
from derive.checks.latex.steps import split_chain

__all__ = ["named_results", "squeezed_tex", "writes_name"]

#: Ng's derivative names (dz, dW^{[1]}): ng_names reads them as derivatives of the loss
_NG_NAME = re.compile(r"d[A-Za-z](?![A-Za-z])")
#: a full stop or comma ending the displayed formula is punctuation, not part of the name
_TRAILING = re.compile(r"[\s.,;:]+$|\\[,;!: ]\s*$|\\quad\s*$")
#: a value that is one derivative, \frac{\partial z_k}{\partial h_j} (\dfrac, d or ∂)
_LONE_DERIVATIVE = re.compile(
    r"\\[dt]?frac\s*\{\s*(?:\\partial|d|∂)(?P<top>[^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"
)


def named_results(
    equations: list[Equation],
    notation: Notation,
    defined: set[str],
    name_of: Callable[[str, Notation], str | None],
    mentions: Callable[[str, str], bool],
) -> list[tuple[int, int, str, str, str]]:
    """(line, column, name, value, index letters) of each result a chain names, in document
    order; ``defined``: the names the document defines the usual way; ``name_of`` and ``mentions``
    are doc_definitions' readers of a plain name and of a value's use of one."""
    found: list[tuple[int, int, str, str, str]] = []
    written = ""  # the math read so far (squeezed_tex): a name written before is no new name
    # a name any chain starts with is given its value there (or is an equation's unknown)
    seen = set(defined) | {n for e in equations for c in split_chain(e) if (n := name_of(c[0][0].text, notation))}
    for equation in equations:
        before, written = written, written + " " + squeezed_tex(equation.text)
        for chain in split_chain(equation):
            if len(chain) < 2 or chain[-2][1] != "=":
                continue
            value, last = chain[-2][0], chain[-1][0]
            text = _TRAILING.sub("", last.text).strip()
            name = name_of(text, notation) if text else None
            if name is None or name in seen or not _free(name, notation) or writes_name(name, before):
                continue
            if name_of(value.text, notation) is not None or mentions(value.text, name) or not value.text.strip():
                continue  # a = b between two names is an alias or a claim, not a value
            if not _names_a_loss_derivative(value.text.strip(), notation, name_of):
                continue  # ∂z_j/∂w_{ji} = x_i: the derivative's answer (an input), not a name for it
            seen.add(name)
            found.append((last.line, last.column, name, value.text.strip(), family_letters(name)))
    return found


def _names_a_loss_derivative(value: str, notation: Notation, name_of: Callable[[str, Notation], str | None]) -> bool:
    """A value that is one derivative names a result only as a derivative of a loss (δ = ∂L/∂z):
    the answer of ∂z_j/∂w_{ji} is an input of the network (x_i), ∂z/∂h a weight (W_{k,j}).
    Any other value (an expression, a product of derivatives) may be named."""
    m = _LONE_DERIVATIVE.fullmatch(value)
    if m is None:
        return True
    numerator = name_of(m.group("top").strip(), notation) or ""
    return re.split(r"[_^]", numerator, maxsplit=1)[0] in LOSS_NAMES


def squeezed_tex(text: str) -> str:
    """LaTeX with no spaces or fonts and every script braced (x_i → x_{i}, \\mathbf{x} → x)."""
    text = re.sub(r"\\(?:mathbf|boldsymbol|bm|vec|mathrm|textcolor\s*\{\w+\})(?![A-Za-z])", "", text)
    text = re.sub(r"(?<![A-Za-z\\])\s+|(?<=[A-Za-z])\s+(?![A-Za-z])", "", text)  # \partial J keeps its space
    text = re.sub(r"([_^])([A-Za-z0-9])", r"\1{\2}", text)
    return re.sub(r"(?<![_^])\{(\\?[A-Za-z]+)\}", r"\1", text)


def writes_name(name: str, text: str, *, entries: bool = False) -> bool:
    """Is the name (as its canonical LaTeX, in either order of sub- and superscript) in the squeezed
    text? With ``entries``, also as the start of a longer name (W^{[2]} in W^{[2]}_{j,i})."""
    squeezed = squeezed_tex(name)
    forms = {squeezed}
    parts = re.fullmatch(r"(\\?[A-Za-z]+)(_\{[^{}]*\})?(\^\{[^{}]*\})?", squeezed)
    if parts and parts.group(2) and parts.group(3):
        forms.add(parts.group(1) + parts.group(3) + parts.group(2))
    end = "" if entries else r"(?![_^'])"
    return any(re.search(r"(?<![A-Za-z\\])" + re.escape(f) + end, text) for f in forms)


def _free(name: str, notation: Notation) -> bool:
    """May the name take a value from a chain (nothing of the notation's, no index, no Ng name)?"""
    if not name[:1].isalpha() and not name.startswith("\\"):
        return False  # \mathbf 1_{z>0}: an indicator, not a name
    if name in INDEX_LETTERS or name in notation.definitions or name in notation.shapes:
        return False
    if name in notation.functions or name in notation.constants or name in notation.index_values:
        return False
    return _NG_NAME.match(name) is None and not is_kronecker(name)  # δ_{kl}: a known symbol
