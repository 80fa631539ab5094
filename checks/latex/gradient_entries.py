r"""The gradient of a cross-entropy by its logits, read entry by entry.

``\nabla_h \ell_{ce}(h, y) = z - e_y, \text{ where } z = \text{softmax}(h)``: the gradient of a
scalar loss by the vector h is the vector of its partial derivatives, so the step says, for every
entry i, ``\frac{\partial \ell_{ce}(h, y)}{\partial h_i} = \text{softmax}(h)_i - \delta_{iy}``,
which the scalar reader judges (index notation, the loss's value from :mod:`standard_losses`).

Read so only when the loss's value picks an entry by its label (never with the label's own
entries, y_j of a one-hot vector), the left side is exactly ``\nabla_v`` of a softmax
cross-entropy applied to (v, label) (:data:`applied_uses.CE_NAMES`), and every term of the right
side, added or subtracted, is one of: v itself (v_i); ``\text{softmax}(v)`` (its entry i); a name
the same line defines as ``\text{softmax}(v)`` (a ``where`` clause); ``e_y`` for the loss's
label y, the y-th unit vector (the usual name beside this gradient), unless the document gives e_y
a value before. Anything else (a batch ``X\Theta``, a transpose, a product) leaves the step as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.applied_uses import CE_NAMES, arguments
from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["per_entry_steps"]

_NABLA = re.compile(r"\s*\\nabla\s*_\s*(\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])\s*(.+)", re.S)
_SOFTMAX = re.compile(r"\\(?:text|mathrm|operatorname)\s*\{\s*softmax\s*\}\s*(?:\\left\s*)?\((.+?)(?:\\right\s*)?\)\s*")


def _reader(text: str, notation: Notation) -> TexReader | None:
    try:
        return TexReader(*clean_tokens(tex_tokens(text)), notation)
    except Unreadable:
        return None


def _name(text: str, notation: Notation) -> str | None:
    reader = _reader(text, notation)
    if reader is None:
        return None
    names = arguments(reader, reader.toks)
    return names[0] if names and len(names) == 1 else None


def _loss_call(text: str, notation: Notation) -> tuple[str, tuple[str, ...]] | None:
    """(name, plain arguments) of a term that is exactly a CE name applied to plain names."""
    reader = _reader(text, notation)
    if reader is None or not reader.toks:
        return None
    try:
        name, k, power = reader.read_identifier(0)
        if name not in CE_NAMES or power or reader.toks[k : k + 1] != ["("]:
            return None
        if reader.match(k) != len(reader.toks) - 1:
            return None
    except Unreadable:
        return None
    args = arguments(reader, reader.toks[k + 1 : -1])
    return (name, args) if args is not None else None


def _terms(text: str) -> list[tuple[str, str]] | None:
    """(sign, term text) of the right side's top-level sums, split at + and -."""
    out: list[tuple[str, str]] = []
    depth, sign, start = 0, "+", 0
    for k, c in enumerate(text + "+"):
        depth += (c in "({[") - (c in ")}]")
        if depth != 0 or c not in "+-" or (k > 0 and text[k - 1] in "^_"):
            continue
        piece = text[start:k].strip()
        if piece:
            out.append((sign, piece))
        elif out or k == len(text):
            return None  # "a + - b", or a side that ends in a sign
        sign, start = c, k + 1
    return out or None


def _entry(term: str, var: str, label: str, index: str, softmax_names: set[str], notation: Notation) -> str | None:
    """Entry ``index`` of one term of the gradient, or None when it is not one the module reads."""
    m = _SOFTMAX.fullmatch(term)
    if m is not None:
        return rf"\text{{softmax}}({var})_{{{index}}}" if _name(m.group(1), notation) == var else None
    name = _name(term, notation)
    if name == var:
        return f"{var}_{{{index}}}"
    if name in softmax_names:
        return rf"\text{{softmax}}({var})_{{{index}}}"
    if name == f"e_{{{label}}}":
        return rf"\delta_{{{index}{label}}}"
    return None


def _per_entry(step: Any, same_line: list[Any], text: str, notation: Notation) -> Any:
    m = _NABLA.fullmatch(step.lhs)
    if m is None:
        return None
    var = _name(m.group(1).strip("{}"), notation)
    call = _loss_call(m.group(2).strip(), notation)
    if var is None or call is None or len(call[1]) != 2 or call[1][0] != var or len(call[1][1]) != 1:
        return None
    label = call[1][1]
    if not _label_is_index(call[0], label, notation):
        return None
    softmax_names = {
        n
        for s in same_line
        if (n := _name(s.lhs, notation)) is not None
        and (sm := _SOFTMAX.fullmatch(s.rhs.strip())) is not None
        and _name(sm.group(1), notation) == var
    }
    if re.search(r"e_\{?\s*" + re.escape(label) + r"\s*\}?\s*=", text[: _offset(text, step.line)]):
        return None  # e_y given a value before the step: the document's own e_y
    used = set(re.findall(r"[A-Za-z]", step.lhs + step.rhs))
    index = next((c for c in "ikjcn" if c not in used), None)
    terms = _terms(step.rhs)
    if index is None or terms is None:
        return None
    parts = []
    for sign, term in terms:
        entry = _entry(term, var, label, index, softmax_names, notation)
        if entry is None:
            return None
        parts.append(f"{sign} {entry}")
    rhs = " ".join(parts).lstrip("+ ").strip()
    lhs = rf"\frac{{\partial {m.group(2).strip()}}}{{\partial {var}_{{{index}}}}}"
    return replace(step, lhs=lhs, rhs=rhs)


def _label_is_index(name: str, label: str, notation: Notation) -> bool:
    """Does the loss's value (the document's, or the standard one) pick an entry by the label
    (``h_y``, ``z_{y}``) and never use the label's own entries (``y_j`` of a one-hot vector, where
    e_y would mean nothing)?"""
    defined = notation.doc_functions.get(name)
    if defined is None:
        return False
    body = defined[1]
    letter = re.escape(label)
    return bool(re.search(r"_\s*\{?\s*" + letter + r"(?![A-Za-z])", body)) and not re.search(
        r"(?<![A-Za-z\\])" + letter + r"\s*_", body
    )


def _offset(text: str, line: int) -> int:
    """Index in ``text`` of the start of line ``line`` (1-based)."""
    at = 0
    for _ in range(line - 1):
        nxt = text.find("\n", at)
        if nxt < 0:
            return len(text)
        at = nxt + 1
    return at


def per_entry_steps(steps: list[Any], text: str, notation: Notation) -> list[Any]:
    """The steps, with each gradient of a cross-entropy by its logits read entry by entry."""
    if r"\nabla" not in text:
        return steps
    out: list[Any] = []
    for step in steps:
        same_line = [s for s in steps if s.line == step.line and s is not step]
        entry = _per_entry(step, same_line, text, notation) if r"\nabla" in step.lhs else None
        out.append(entry or step)
    return out
