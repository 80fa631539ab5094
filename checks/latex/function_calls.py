r"""Where the document's own functions are used, their values (see :mod:`subscripted_functions`
for which definitions are found).

- applied: ``g(\theta^T x)``, ``h_\theta(x)``, ``h_{\theta}(x^{(i)})`` (the same function at
  another argument) is the body with the argument in each place of the parameter; where the body
  uses the parameter's entries (``\theta^T x`` is ``\sum_q \theta_q x_q``) and the argument is the
  parameter with a label (``x^{(i)}``, ``x^{[2]}``: the i-th example of x), each entry takes the
  label (``x_q^{(i)}``), CS229's ``h_\theta(x^{(i)})`` of ``h_\theta(x) = \frac{1}{1+e^{-\theta^T x}}``;
  a power (``x^2``) or an entry labelled already in the body is not read so;
- bare, for a subscripted name: ``\frac{\partial h_{\theta}}{\partial\theta_0}`` is the body as
  written (the function's value at its own parameter), so that a derivative with respect to a
  parameter inside the body can be taken.

A function of several parameters (``\mathcal L(\hat y, y) = …``, ``H(p, q) = …``; see
:mod:`multi_functions`) is stored with its parameters joined by :data:`PARAMETER_SEPARATOR`: applied to as many
arguments it is the body with each argument put in its parameter's place at once (``f(c, a)``
of ``f(a, c) = a^2 - c`` is ``c^2 - a``), and written bare (``\frac{\partial\mathcal
L}{\partial\hat y}``) it is the body as written, the function at its own parameters.

Not when the bracket mentions the function's letter (``g(1 - g)``, ``p_k(1 - p_k)`` are
products), nor where a use of the parameter sits inside a word.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.applied_uses import at_input
from derive.checks.latex.dot_products import dot_products  # the body is read by the scalar reader
from derive.checks.latex.function_uses import called_value
from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, split_at_top_commas, tex_tokens

__all__ = ["PARAMETER_SEPARATOR", "expand_document_function", "names_in", "substitute_name", "substitute_names"]

#: joins the parameters of a function of several (a character no name holds, unlike ",")
PARAMETER_SEPARATOR = "\x1f"


def _base(name: str) -> str:
    return re.split(r"[_^]", name, maxsplit=1)[0]


def expand_document_function(reader: Any, name: str, k: int, power: list[str] | None) -> tuple[list[str], int] | None:
    """(tokens of the value, index after the use) of the document's function ``name`` used at
    ``k`` (just after its name) in ``reader``'s tokens, or None when it is not expanded there."""
    defined = reader.notation.doc_functions.get(name)
    if defined is None:
        # Cost(h(x^{(i)}), y^{(i)}) at the very arguments it was defined at (function_values)
        return called_value(reader, name, k, power)
    if power:
        return None
    param, body = defined
    params = param.split(PARAMETER_SEPARATOR)
    toks = reader.toks
    if k < len(toks) and toks[k] in ("(", "["):
        end = reader.match(k)
        inside = toks[k + 1 : end]
        if not inside or name in inside or _base(name) in inside:
            return None
        # \ell_{ce}(h(x), y) of a loss in h: h at the network's input x is h (applied_uses.at_input)
        args = split_at_top_commas(inside)
        if len(args) == len(params):
            args = [at_input(reader, a, p) for a, p in zip(args, params, strict=True)]
        if len(args) != len(params) or not all(args):
            return None  # f(x, y) of a one-parameter f, or f(x) of a two-parameter one: not read
        moved = {p: a for p, a in zip(params, args, strict=True) if _name_of(a, reader.notation) != p}
        # H(Y, \sigma(z)) of a body in P_i: a call's entries σ(z)_i stand for the entries of P
        by_entries = {p: a for p, a in moved.items() if _entries_used(body, p, reader.notation) and _one_call(a)}
        if any(not _single_token_name(p) for p in by_entries):
            return None
        # h_\theta(x^{(i)}) of a body in x_q (\theta^T x): the i-th example's entries x_q^{(i)}
        labels = {
            p: lab for p, a in moved.items() if p not in by_entries and (lab := _label(a, p, body, reader.notation))
        }
        rest = {p: a for p, a in moved.items() if p not in by_entries and p not in labels}
        if any(_entries_used(body, p, reader.notation) or not _writes(body, p, reader.notation) for p in rest):
            # CE(a, b) of a body in y_i, \hat y_i, J(\theta + \epsilon) of a body in \theta_0, \theta_1, or
            # J(1, 2) of a body that reaches \theta_0 only through h_\theta: entries of another vector, or
            # a parameter the body never writes, which putting the argument in would leave as it was
            return None
        if by_entries or labels:
            reader_of_body = TexReader(*clean_tokens(dot_products(tex_tokens(body))), reader.notation)
            substituted = substitute_names(reader_of_body, moved, by_entries, labels)
        else:
            as_written = clean_tokens(dot_products(tex_tokens(body)))[0]
            substituted = _substituted(body, moved, reader.notation) if moved else as_written
        return None if substituted is None else (substituted, end + 1)
    if k >= len(toks) or toks[k] not in ("'", "^", "_"):
        plain = _substituted(body, {}, reader.notation) or []
        # J of J(\theta) = …, bare: J at its own parameter (function_values decides which names)
        bare_value = len(params) > 1 or _parameters_in_subscript(name, plain) or name in reader.notation.bare_functions
        at = reader.notation.chain_arguments.get(name)
        if bare_value and at is not None and len(params) == 1:
            # the one argument its chain applies it at (function_uses.chain_arguments)
            return _substituted(body, {params[0]: list(at)}, reader.notation), k
        return (plain, k) if bare_value else None
    return None


def _one_call(toks: list[str]) -> bool:
    """Are the tokens one function call, a name then one bracket that closes at the end
    (``\\sigma(z)``, ``\\text{softmax}(h)``)?"""
    opener = toks.index("(") if "(" in toks else -1
    if opener < 1 or toks[-1] != ")":
        return False
    depth = 0
    for j in range(opener, len(toks)):
        depth += (toks[j] == "(") - (toks[j] == ")")
        if depth == 0:
            return j == len(toks) - 1 and all(re.fullmatch(r"[A-Za-z{}]|\\[A-Za-z]+", t) for t in toks[:opener])
    return False


def _label(arg: list[str], param: str, body: str, notation: Notation) -> list[str] | None:
    """The label's tokens (``^ { ( i ) }``) when the argument is the parameter with a label and
    nothing else (``x^{(i)}``, ``x^{[2]}``: an example of x, whose entries are x_q^{(i)}) and the
    body uses the parameter's entries; else None. A power (``x^2``) is no label."""
    name = _name_of(arg, notation)
    if (
        name is None
        or not _single_token_name(param)
        or arg[:2] != [param, "^"]
        or not name.startswith(param + "^")
        or "_" in name
    ):
        return None
    toks = clean_tokens(dot_products(tex_tokens(body)))[0]
    entries = any(t == param and toks[j + 1 : j + 2] == ["_"] for j, t in enumerate(toks))
    return arg[1:] if entries else None


def _single_token_name(name: str) -> bool:
    return re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", name) is not None


def _name_of(toks: list[str], notation: Notation) -> str | None:
    """The name ``toks`` are, when they are exactly one name."""
    try:
        name, end, power = TexReader(toks, [False] * len(toks), notation).read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and not power and end == len(toks) else None


def names_in(text: str, notation: Notation) -> set[str]:
    """Every name ``text`` uses, as the reader names them (y_{i}, \\hat{y}_{i})."""
    reader = TexReader(*clean_tokens(tex_tokens(text)), notation)
    found: set[str] = set()
    for j, name, _, _ in reader.identifiers():
        if not _in_word(reader.toks, reader.spaced, j):  # the l, o, g of a plain "log" are no names
            found.add(name)
    return found


def _writes(body: str, param: str, notation: Notation) -> bool:
    """Does ``body`` write the parameter itself (so that an argument can be put in its place)?"""
    reader = TexReader(*clean_tokens(dot_products(tex_tokens(body))), notation)
    try:
        marked = substitute_name(reader, param, ["\0"])
    except Unreadable:
        return False
    return marked is not None and "\0" in marked


def _entries_used(body: str, param: str, notation: Notation) -> bool:
    """Does ``body`` use entries of the parameter (``y_{i}`` of ``y``)?"""
    return any(n.startswith(param + "_") for n in names_in(body, notation))


def _parameters_in_subscript(name: str, body: list[str]) -> bool:
    """Is ``name`` subscripted by the parameters its body uses (``h_\\theta`` of a body in
    ``\\theta_0, \\theta_1``; ``f_W`` of ``W x``)? Then the name written bare is the function's
    value (the shorthand of ``\\partial h_\\theta / \\partial \\theta_0``); a subscript that is not
    in the body (``p_k`` of ``z^2``) names an entry, and bare it is not expanded."""
    m = re.fullmatch(r"[^_]+_\{(.+)\}", name)
    letters = re.findall(r"\\[A-Za-z]+|[A-Za-z]", m.group(1)) if m else []
    return bool(letters) and all(t in body for t in letters)


def _substituted(body: str, values: dict[str, list[str]], notation: Notation) -> list[str] | None:
    """The body's tokens with ``(value)`` for each use of a parameter, all at once (``values``
    empty: the body as it is); None where a use sits in a word (``exp`` in plain letters)."""
    reader = TexReader(*clean_tokens(dot_products(tex_tokens(body))), notation)
    return substitute_names(reader, values) if values else reader.toks


def substitute_name(reader: TexReader, name: str, value: list[str]) -> list[str] | None:
    """``reader``'s tokens with ``{(value)}`` for each use of the name ``name`` (as the reader names
    it), powers included (``e^{-\\theta x}``); None where a use sits in a word (``exp`` in plain
    letters: putting a value there would change what is said)."""
    return substitute_names(reader, {name: value})


def substitute_names(
    reader: TexReader,
    values: dict[str, list[str]],
    calls: dict[str, list[str]] | None = None,
    labels: dict[str, list[str]] | None = None,
) -> list[str] | None:
    """:func:`substitute_name` for several names in one pass, so that a value holding another
    name (``f(c, a)`` of ``f(a, c)``) is never substituted again. ``calls`` gives a one-token
    parameter whose entries are a call's (``P_i`` is ``\\sigma(z)_i``); ``labels`` one whose
    entries take a label (``x_q`` is ``x_q^{(i)}``; an entry labelled already is not read)."""
    calls, labels = calls or {}, labels or {}
    toks, spaced = reader.toks, reader.spaced
    out: list[str] = []
    j = 0
    while j < len(toks):
        try:
            found, end, power = reader.read_identifier(j)
        except Unreadable:
            return None
        if found is None:
            out.append(toks[j])
            j += 1
            continue
        head_end = _power_start(toks, j, end) if power else end
        if toks[j] in calls and toks[j + 1 : j + 2] == ["_"] and found != toks[j]:
            out += [*calls[toks[j]], *toks[j + 1 : head_end]]  # an entry of the call: σ(z)_i
        elif toks[j] in labels and toks[j + 1 : j + 2] == ["_"] and found != toks[j]:
            if "^" in found:
                return None  # x_q^{(k)} in the body: which label would the entry carry?
            out += ["{", *toks[j:head_end], *labels[toks[j]], "}"]  # the example's entry: x_q^{(i)}
        elif found not in values:
            out += toks[j:head_end]
        elif _in_word(toks, spaced, j):
            return None
        else:
            out += ["{", "(", *values[found], ")", "}"]
        if power:
            inner = substitute_names(TexReader(power, [False] * len(power), reader.notation), values, calls, labels)
            if inner is None:
                return None
            out += ["^", "{", *inner, "}"]
        j = end
    return out


def _power_start(toks: list[str], start: int, end: int) -> int:
    """Index of the ``^`` of the power that ends the name read from ``start`` to ``end``."""
    depth = 0
    caret = end
    for j in range(start, end):
        depth += (toks[j] == "{") - (toks[j] == "}")
        if toks[j] == "^" and depth == 0:
            caret = j
    return caret


def _in_word(toks: list[str], spaced: list[bool], j: int) -> bool:
    """Is the letter at j inside a run of three or more letters written together (a word)?"""
    if not re.fullmatch(r"[A-Za-z]", toks[j]):
        return False
    start = j
    while start > 0 and re.fullmatch(r"[A-Za-z]", toks[start - 1]) and not spaced[start]:
        start -= 1
    end = j
    while end + 1 < len(toks) and re.fullmatch(r"[A-Za-z]", toks[end + 1]) and not spaced[end + 1]:
        end += 1
    return end - start >= 2
