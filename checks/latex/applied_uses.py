r"""Where a use ``X(args)`` is read: the name X itself when ``args`` is the one argument list at
which the document writes X as a name of its variables (found by :mod:`applied_names`)."""

from __future__ import annotations

from typing import Any

from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, split_at_top_commas, tex_tokens

__all__ = ["CE_NAMES", "DEFINES", "applied_as_name", "arguments", "at_input", "exact_call", "term_reader"]

#: the reader's names of a softmax cross-entropy (\ell_{\mathrm{softmax}} reads as \ell_{softmax})
CE_NAMES = frozenset({r"\ell_{ce}", r"\ell_{CE}", r"\ell_{softmax}", "CE", r"\mathcal{L}_{CE}"})


def _one_name(toks: list[str], notation: Any) -> str | None:
    """The canonical name ``toks`` are, when they are exactly one name with no power."""
    if not toks:
        return None
    try:
        name, end, power = TexReader(toks, [False] * len(toks), notation).read_identifier(0)
    except Unreadable:
        return None
    return name if name is not None and not power and end == len(toks) else None


def arguments(reader: TexReader, inside: list[str]) -> tuple[str, ...] | None:
    """The names of a bracket's comma-separated arguments, when each is one plain name."""
    if not inside:
        return None
    names = tuple(_one_name(part, reader.notation) for part in split_at_top_commas(inside))
    return None if None in names else names  # type: ignore[return-value]


def applied_as_name(reader: TexReader, name: str, inside: list[str]) -> bool:
    """Is ``name(inside)`` the name itself (the document's argument list of that name)?"""
    wanted = getattr(reader.notation, "applied_names", {}).get(name)
    return wanted is not None and arguments(reader, inside) == wanted


def at_input(reader: TexReader, toks: list[str], param: str) -> list[str]:
    """``h(x)`` given for the parameter h of a document's function, x the network's input: h
    itself, as the reader reads ``h_y(x)`` as h_y (the logits at the input); any other argument
    as it is."""
    if len(toks) < 4 or toks[-3] != "(" or toks[-1] != ")" or toks[-2] not in reader.notation.inputs:
        return toks
    head = toks[:-3]
    if _one_name(head, reader.notation) != param:
        return toks
    return head


#: the relations that define a name (``J(w) = …``, ``:=``, ``\triangleq``)
DEFINES = ("=", ":=", r"\coloneqq", r"\triangleq", r"\equiv", r"\doteq")


def term_reader(text: str, notation: Any) -> TexReader | None:
    """A reader of one term's tokens, or None where they cannot be read."""
    try:
        return TexReader(*clean_tokens(tex_tokens(text)), notation)
    except Unreadable:
        return None


def exact_call(text: str, notation: Any) -> tuple[str, list[str], TexReader] | None:
    """(name, the tokens inside its brackets, reader) of a term that is exactly ``name(…)``."""
    reader = term_reader(text, notation)
    if reader is None or not reader.toks:
        return None
    try:
        name, k, power = reader.read_identifier(0)
        if name is None or power or reader.toks[k : k + 1] != ["("] or reader.match(k) != len(reader.toks) - 1:
            return None
    except Unreadable:
        return None
    return name, reader.toks[k + 1 : -1], reader
