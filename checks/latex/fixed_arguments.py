r"""A quantity the document always writes at the same arguments is that quantity.

``\frac{\partial l(f(x), y)}{\partial z^{(O)}_i}``, ``\nabla_{a^{(H)}} l(f(x), y)``,
``\frac{\partial \ell(\theta)}{\partial \theta_k}``: the loss is written with the arguments it
depends on, at every use the same ones. The arguments say what it is a function of, not where it is
evaluated, so ``l(f(x), y)`` is the loss l, differentiated as any other quantity the document
names (and ``l(f(x), y) = -\log f(x)_y`` is its definition). Read so, the chain rule steps
around it can be judged; as written, ``l(…)`` may be l times a bracket, and is not read.

Only for a name the document differentiates written so (right after ``\partial`` or ``\nabla``),
never one of the letters the reader takes for functions (f, g, h …: their calls are read as
such), whose every use with a bracket after it has the same arguments, each of them a name or a
call (no sum: ``a(1 - a)`` is a product), none mentioning the name itself, and no index or power
after the bracket (``s(\mathbf x)_i`` is an entry of a vector, a softmax); and never a name the
document also uses as an index (in a sub- or superscript, ``\delta^{(l)}``): the loss and the
layer would become one letter. One use at other arguments (``J(W)`` beside ``J(w)``) and the
document means a function, whose calls are read as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.norm_names import FUNCTION_LETTERS
from derive.checks.latex.region import Region, with_spans_replaced
from derive.checks.latex.text_groups import in_script, round_group

__all__ = ["fixed_argument_names", "with_fixed_arguments"]

#: a name that can be a loss written at its arguments: a letter, \ell, a calligraphic letter
_NAME = r"\\mathcal\s*\{\s*[A-Za-z]\s*\}|\\mathcal\s+[A-Za-z]|\\ell(?![A-Za-z])|(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])"
#: the name differentiated: ∂ name( …, ∇_{x} name( …
_SUBSCRIPT = r"\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z]+)"
_DIFFERENTIATED = re.compile(
    r"(?:\\partial|\\nabla(?:" + _SUBSCRIPT + r")?)\s*(?P<name>" + _NAME + r")\s*(?:\\left\s*)?\("
)
#: the loss letters among the letters the reader takes for functions applied: this rule is for them
_LOSS_LETTERS = {"L", "J", "R", r"\ell", r"\mathcal{L}"}
#: the other function letters (f, g, h, S, P …: their calls are read as calls); e, d: Euler's
#: number and a differential
_NOT_LOSSES = (FUNCTION_LETTERS - _LOSS_LETTERS) | {"e", "d"}


def _key(name: str) -> str:
    r"""One spelling of a name: ``\mathcal L`` and ``\mathcal{ L }`` are ``\mathcal{L}``."""
    m = re.fullmatch(r"\\mathcal\s*\{?\s*([A-Za-z])\s*\}?", name)
    return rf"\mathcal{{{m.group(1)}}}" if m else name


def _uses(name: str, text: str) -> list[tuple[int, int]]:
    """Where ``name`` stands as a whole name in the text: (start, end) of each use."""
    if name.startswith("\\mathcal"):
        pattern = r"\\mathcal\s*(?:\{\s*" + re.escape(name[-2]) + r"\s*\}|\s+" + re.escape(name[-2]) + r"(?![A-Za-z]))"
    elif name.startswith("\\"):
        pattern = re.escape(name) + r"(?![A-Za-z])"
    else:
        pattern = r"(?<![A-Za-z\\])" + re.escape(name) + r"(?![A-Za-z])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _bracket_after(text: str, end: int) -> tuple[str, int] | None:
    """The argument text of a bracket right after a name, and where the bracket closes."""
    m = re.compile(r"\s*(?:\\left\s*)?\(").match(text, end)
    return round_group(text, m.end() - 1) if m is not None else None


def _names_only(arguments: str, name: str) -> bool:
    """Are the arguments names or calls, without a sum or the name itself in them?"""
    flat = re.sub(r"\s+", "", arguments)
    depth = 0
    for c in flat:
        depth += (c in "({[") - (c in ")}]")
        if depth == 0 and c in "+-=<>":
            return False
    return bool(flat) and not _uses(name, arguments) and not re.fullmatch(r"[\d.,]+", flat)


def fixed_argument_names(texts: list[str]) -> dict[str, str]:
    r"""The names written at fixed arguments, each with the name it is read as: itself, or ``\ell``
    for a loss ``l(…)`` where the document also has a layer or index l (``\delta^{(l)}``), when
    it writes no ℓ of its own (the same letter, set apart from the index)."""
    found: dict[str, str] = {}
    candidates = {_key(m.group("name")) for text in texts for m in _DIFFERENTIATED.finditer(text)}
    for name in sorted(candidates - _NOT_LOSSES):
        arguments: set[str] = set()
        names_only, indexed = True, False
        for text in texts:
            for start, end in _uses(name, text):
                bracket = _bracket_after(text, end)
                if bracket is not None:
                    arguments.add(re.sub(r"\s+", "", bracket[0]))
                    # s(x)_i: an entry of a vector-valued function (a softmax), no loss
                    entry = re.match(r"\s*(?:\\right\s*\)\s*)?[_^]", text[bracket[1] :]) is not None
                    names_only = names_only and _names_only(bracket[0], name) and not entry
                elif in_script(text, start):
                    indexed = True
        if not names_only or len(arguments) != 1:
            continue
        if not indexed:
            found[name] = name
        elif name == "l" and not any(_uses(r"\ell", text) for text in texts):
            found[name] = r"\ell"
    return found


def _rewritten(region: Region, names: dict[str, str]) -> Region:
    """The region with each use ``name(arguments)`` written as the name it is read as."""
    spans: list[tuple[int, int, str]] = []
    for name, read_as in names.items():
        for start, end in _uses(name, region.text):
            bracket = _bracket_after(region.text, end)
            if bracket is not None:
                spans.append((start, bracket[1], read_as + " "))
    return with_spans_replaced(region, spans)


def with_fixed_arguments(regions: list[Region]) -> list[Region]:
    """The regions with each name the document writes at fixed arguments written bare."""
    names = fixed_argument_names([r.text for r in regions])
    return [_rewritten(r, names) for r in regions] if names else regions
