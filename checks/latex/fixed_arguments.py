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
document means a function, whose calls are read as before, unless those arguments only ever
stand in definitions whose value writes none of them: ``J(w) = -\sum_i\sum_j y_j \ln a_j`` then
``\frac{\partial J(W)}{\partial w_{11}}``. Such a definition says what J depends on; put in at
any argument its value is the same, so ``J(W)`` is J too (and ``J(w) = …`` its definition). A
definition whose value uses a parameter (``J(\theta) = \frac1m\sum_i (h_\theta(x_i) - y_i)^2``, a
``\theta`` in a subscript too) keeps its list, and so two lists; so does a number (``J(w^*) = 0``:
J's value at one point), and the other list is read only where every use of it is differentiated
(``\partial J(W)``) or a formula alone (``$J(W)$`` in prose): ``L = J(W) + 1`` uses J at a point.
"""

from __future__ import annotations

import re

from derive.checks.latex.bare_gradients import subscripted_nabla
from derive.checks.latex.norm_names import FUNCTION_LETTERS
from derive.checks.latex.region import Region, with_spans_replaced
from derive.checks.latex.text_groups import in_script, round_group

__all__ = ["fixed_argument_lists", "fixed_argument_names", "with_fixed_arguments"]

#: a name that can be a loss written at its arguments: a letter, \ell, a calligraphic letter
_NAME = r"\\mathcal\s*\{\s*[A-Za-z]\s*\}|\\mathcal\s+[A-Za-z]|\\ell(?![A-Za-z])|(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])"
#: the name differentiated: ∂ name( …, ∇_{x} name( …
_SUBSCRIPT = r"\s*_\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z]+)"
#: a one-letter label between the name and its bracket: the example of ``C^n(w)``, ``E_n(w)``, ``L^{(i)}(\theta)``
_LABEL = r"\s*[\^_]\s*(?:\{\s*\(?\s*[A-Za-z]\s*\)?\s*\}|[A-Za-z](?![A-Za-z]))"
_DIFFERENTIATED = re.compile(
    r"(?:\\partial|\\nabla(?:" + _SUBSCRIPT + r")?)\s*(?P<name>" + _NAME + r")"
    r"(?P<label>" + _LABEL + r")?\s*(?:\\left\s*)?\("
)
#: the loss letters among the letters the reader takes for functions applied: this rule is for them
_LOSS_LETTERS = {"L", "J", "R", r"\ell", r"\mathcal{L}"}
#: the other function letters (f, g, h, S, P …: their calls are read as calls); e, d: Euler's
#: number and a differential
_NOT_LOSSES = (FUNCTION_LETTERS - _LOSS_LETTERS) | {"e", "d"}


def _key(name: str, label: str | None = None) -> str:
    r"""One spelling of a name: ``\mathcal L`` and ``\mathcal{ L }`` are ``\mathcal{L}``; with its
    label, ``C^n`` and ``C^{ n }`` are ``C^{n}``, ``L^{(i)}`` is ``L^{(i)}``."""
    m = re.fullmatch(r"\\mathcal\s*\{?\s*([A-Za-z])\s*\}?", name)
    key = rf"\mathcal{{{m.group(1)}}}" if m else name
    if label:
        flat = re.sub(r"[\s{}]", "", label)
        key += flat[0] + "{" + flat[1:] + "}"
    return key


def _base(key: str) -> tuple[str, str | None]:
    """(the name, its label's pattern or None) of a key: ``C^{n}`` → C and ``^n`` as written any way."""
    m = re.fullmatch(r"(.+?)([\^_])\{(\(?)([A-Za-z])\)?\}", key)
    if m is None:
        return key, None
    name, mark, paren, letter = m.groups()
    inner = rf"\(\s*{letter}\s*\)" if paren else letter
    either = "" if paren else rf"|{letter}(?![A-Za-z])"
    return name, r"\s*" + re.escape(mark) + r"\s*(?:\{\s*" + inner + r"\s*\}" + either + ")"


def _uses(name: str, text: str) -> list[tuple[int, int]]:
    """Where ``name`` stands as a whole name in the text: (start, end) of each use. A labelled key
    (``C^{n}``) is used only with that label; its name alone is another quantity."""
    name, label = _base(name)
    if name.startswith("\\mathcal"):
        pattern = r"\\mathcal\s*(?:\{\s*" + re.escape(name[-2]) + r"\s*\}|\s+" + re.escape(name[-2]) + r"(?![A-Za-z]))"
    elif name.startswith("\\"):
        pattern = re.escape(name) + r"(?![A-Za-z])"
    else:
        pattern = r"(?<![A-Za-z\\])" + re.escape(name) + r"(?![A-Za-z])"
    pattern += label if label else r"(?!" + _LABEL + r"\s*(?:\\left\s*)?\()"
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


#: a row's start: the region's, after a row break ``\\`` or an alignment mark ``&``
_ROW_START = re.compile(r"(?:^|\\\\|&)\s*$")
#: a font or size command around a parameter, which is no name of it
_FONT = re.compile(r"\\(?:mathbf|mathrm|mathit|mathcal|boldsymbol|bm|pmb|vec|hat|tilde|bar|text)(?![A-Za-z])")


def _definition_value(text: str, start: int, close: int) -> str | None:
    """The value of a definition ``name(args) = value`` whose name starts at ``start`` and whose
    bracket closes at ``close``: up to the next relation or row break; None if this use of the name
    is no definition (not first in its row, or no ``=`` after it)."""
    if not _ROW_START.search(text[:start]):
        return None
    m = re.compile(r"\s*&?\s*=(?!=)").match(text, close)
    if m is None:
        return None
    depth, k = 0, m.end()
    while k < len(text):
        c = text[k]
        depth += (c in "({[") - (c in ")}]")
        if depth == 0 and (c in "=<>&" or text.startswith("\\\\", k)):
            break
        k += 1
    return text[m.end() : k]


def _parameters(arguments: str) -> set[str]:
    r"""The letters and commands naming the parameters (``\pmb W, b`` → W, b), fonts left out."""
    return set(re.findall(r"\\?[A-Za-z]+", _FONT.sub(" ", arguments))) - {"\\left", "\\right"}


def _writes_any(value: str, names: set[str]) -> bool:
    r"""Does the value write one of the names (alone, or with scripts: ``w_{ij}``, ``\theta^T``)?"""
    return any(re.search(r"(?<![A-Za-z\\])" + re.escape(n) + r"(?![A-Za-z])", value) for n in names)


#: right before a name: it is differentiated (∂J(W), \nabla_{w} J(W), dJ(W))
_DIFFERENTIATED_BEFORE = re.compile(r"(?:\\partial|\\nabla(?:" + _SUBSCRIPT + r")?|(?<![A-Za-z\\])d)\s*$")


def _names_something(value: str) -> bool:
    """Does the value write a name (not a number alone: ``J(w^*) = 0`` is J's value at one point)?"""
    return re.search(r"[A-Za-z]", re.sub(r"\\[A-Za-z]+", " ", value)) is not None


def _argument_lists(name: str, texts: list[str]) -> tuple[set[str], set[str], bool, bool]:
    r"""(argument lists used anywhere but in a definition whose value writes none of them, lists
    of such definitions, every use names only, the name stands in a script somewhere). Where
    such definitions exist, every other use must be differentiated (``\partial J(W)``) or a
    formula of its own (``$J(W)$`` in prose), or no list is returned: ``L = J(W) + 1`` uses J
    at a point."""
    used: set[str] = set()
    annotations: set[str] = set()
    names_only, indexed, loose = True, False, False
    for text in texts:
        for start, end in _uses(name, text):
            bracket = _bracket_after(text, end)
            if bracket is None:
                indexed = indexed or in_script(text, start)
                continue
            arguments = re.sub(r"[\s{}]+", "", bracket[0])  # \boldsymbol\theta is \boldsymbol{\theta}
            value = _definition_value(text, start, bracket[1])
            parameters = _parameters(bracket[0]) | {name}
            if value is not None and _names_something(value) and not _writes_any(value, parameters):
                annotations.add(arguments)
            else:
                used.add(arguments)
                alone = not text[:start].strip() and not text[bracket[1] :].strip()
                loose = loose or not (alone or _DIFFERENTIATED_BEFORE.search(text[:start]))
            # s(x)_i: an entry of a vector-valued function (a softmax), no loss
            entry = re.match(r"\s*(?:\\right\s*\)\s*)?[_^]", text[bracket[1] :]) is not None
            names_only = names_only and _names_only(bracket[0], name) and not entry
    if annotations and loose:
        return used | annotations, set(), names_only, indexed
    return used, annotations, names_only, indexed


def fixed_argument_names(texts: list[str]) -> dict[str, str]:
    r"""The names written at fixed arguments, each with the name it is read as: itself, or ``\ell``
    for a loss ``l(…)`` where the document also has a layer or index l (``\delta^{(l)}``), when
    it writes no ℓ of its own (the same letter, set apart from the index)."""
    return {name: read_as for name, (read_as, _) in fixed_argument_lists(texts).items()}


def fixed_argument_lists(texts: list[str]) -> dict[str, tuple[str, str]]:
    """name → (the name it is read as, the one argument list it is written at outside definitions,
    spaces and braces dropped; "" where it has none of its own: fixed_argument_names)."""
    found: dict[str, tuple[str, str]] = {}
    candidates = {_key(m.group("name"), m.group("label")) for text in texts for m in _DIFFERENTIATED.finditer(text)}
    for name in sorted(candidates):
        if _base(name)[0] in _NOT_LOSSES:
            continue  # f, g, h …, labelled or not (h_\theta(x)): their calls are read as calls
        used, annotations, names_only, indexed = _argument_lists(name, texts)
        # a list only ever in definitions that never write it says what the name depends on
        if not names_only or len(used | annotations) != 1 and len(used) != 1:
            continue
        (written,) = used if len(used) == 1 else ("",)
        if not indexed:
            found[name] = (name, written)
        elif name == "l" and not any(_uses(r"\ell", text) for text in texts):
            found[name] = (r"\ell", written)
    return found


def _rewritten(region: Region, names: dict[str, str]) -> Region:
    """The region with each use ``name(arguments)`` written as the name it is read as."""
    spans: list[tuple[int, int, str]] = []
    for name, read_as in names.items():
        for start, end in _uses(name, region.text):
            bracket = _bracket_after(region.text, end)
            if bracket is None:
                continue
            # \nabla L(w) keeps what the gradient is by: \nabla_{w} L (bare_gradients)
            nabla = subscripted_nabla(region.text[:start], bracket[0])
            if nabla is not None:
                spans.append((nabla[0], bracket[1], nabla[1] + read_as + " "))
            else:
                spans.append((start, bracket[1], read_as + " "))
    return with_spans_replaced(region, spans)


def with_fixed_arguments(regions: list[Region]) -> list[Region]:
    """The regions with each name the document writes at fixed arguments written bare."""
    names = fixed_argument_names([r.text for r in regions])
    return [_rewritten(r, names) for r in regions] if names else regions
