r"""What a document's own writing says about its names: which are vectors (``x`` where it writes
``x_i`` or ``\mathbf{x}``), and which function letters it makes the softmax (``\sigma(\mathbf z)_i
= \frac{e^{z_i}}{\sum_j e^{z_j}}``, or "the softmax function is $\phi$").

Read from the document's text before any step, as :mod:`derive.checks.latex.doc_labels` reads its
labels. A softmax name is only ever used in the forms that say "an entry of a vector function"
(``\sigma(\mathbf a)_i``, ``[\sigma(\mathbf a)]_i``); the reader refuses the notation's reading of
that letter elsewhere in the document (σ is not the logistic function there).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_names import GREEK

__all__ = [
    "document_softmax_arguments",
    "document_softmax_names",
    "document_softmax_variants",
    "document_vectors",
    "scalar_entries",
    "with_document_vectors",
]

_BASE = (
    r"(?:\\(?:mathbf|boldsymbol|bm|vec|mathit|mathrm)\s*\{\s*(?P<font>\\?[A-Za-z]+)\s*\}"
    r"|\\(?P<deco>hat|tilde|bar)\s*\{?\s*(?P<decoin>[A-Za-z]|\\[A-Za-z]+)\s*\}?"
    r"|(?P<greek>\\[A-Za-z]+)|(?<![\\A-Za-z])(?P<letter>[A-Za-z]))"
)
#: a name with a one-letter index subscript: x_i, x_{j}, \theta_k, \hat{y}_i, \mathbf{x}_i
_ENTRY = re.compile(_BASE + r"\s*_\s*(?:\{\s*[a-z]\s*\}|[a-z](?![A-Za-z]))")
#: a bold lower-case letter or Greek letter: a vector in the usual typography
_BOLD = re.compile(r"\\(?:mathbf|boldsymbol|bm|vec)\s*(?:\{\s*(?P<a>[a-z]|\\[a-z]+)\s*\}|\s(?P<b>[a-z]))")
_NAME = r"(?P<name>\\[A-Za-z]+|[A-Za-z]|\\(?:mathrm|operatorname|text)\s*\{\s*[A-Za-z]+\s*\})"
#: F(v)_i = … or [F(v)]_i = …, the value (up to the end of the math) written with e^ or \exp and a sum
_DEFINED = re.compile(
    r"(?:\\left)?\[?\s*" + _NAME + r"\s*(?:\\left)?\(\s*(?P<arg>[^()=$]{1,40}?)\s*(?:\\right)?\)\s*(?:\\right)?\]?"
    r"\s*_\s*\{?\s*[a-z]\s*\}?\s*(?::=|=)(?P<value>[^$=]{0,240})"
)
_SAID = (
    re.compile(
        r"softmax(?:\s+function)?\s*(?:is|as|by|denoted(?:\s+by)?|:|,)?\s*\$\s*(?P<name>\\[A-Za-z]+|[A-Za-z])"
        r"\s*(?:[:$(]|\\colon)",
        re.I,
    ),
    re.compile(r"\$\s*(?P<name>\\[A-Za-z]+|[A-Za-z])\s*\$\s*(?:is|denotes)\s+(?:the\s+)?softmax", re.I),
)


def _base(m: re.Match[str]) -> str | None:
    if m.group("font"):
        return m.group("font")
    if m.group("deco"):
        return f"\\{m.group('deco')}{{{m.group('decoin')}}}"
    greek = m.group("greek")
    if greek:
        return greek if greek[1:] in GREEK else None
    return m.group("letter")


def document_vectors(text: str) -> frozenset[str]:
    """Base names (fonts dropped, decorations kept) the document writes with an index or in bold."""
    found = {b for m in _ENTRY.finditer(text) if (b := _base(m))}
    found |= {m.group("a") or m.group("b") for m in _BOLD.finditer(text)}
    return frozenset(found - {"e"})


#: an exponentiated entry, e^{z_1}, \exp(z_j), e^{z_{k}}: its letter's entries are scalars
_EXPONENTIATED = re.compile(r"(?:\be\s*\^\s*\{?|\\exp\s*\(?\s*\{?)\s*([A-Za-z])\s*_\s*\{?\s*[A-Za-z0-9]")
#: a numbered name defined as something: z_1 = W_1 x + b_1 (a layer's vector) or z_1 = Θ_{11} x_1 + …
_NUMBERED_DEFINED = re.compile(
    r"(?<![\\A-Za-z])([A-Za-z])\s*_\s*\{?\s*\d\s*\}?\s*(?:=|:=)(?P<value>[^$,;]*?)(?:\$|,|;|\\quad|\\\\|$)", re.M
)
#: a matrix or a whole vector in a value: a capital letter (W, X, W_1, \mathbf W), not an entry Θ_{11}
_MATRIX = re.compile(r"(?<![\\A-Za-z])[A-Z](?![A-Za-z])(?!\s*_\s*\{?\s*\d\s*\d)|\\mathbf\s*\{?\s*[A-Za-z]")


def scalar_entries(text: str) -> frozenset[str]:
    """Letters whose entries the document exponentiates and never defines as a layer's vector
    (z_1 = W_1 x + b_1; an entry's formula z_1 = Θ_{11} x_1 + Θ_{21} x_2 keeps z's entries scalars)."""
    layers = {m.group(1) for m in _NUMBERED_DEFINED.finditer(text) if _MATRIX.search(m.group("value"))}
    return frozenset(set(_EXPONENTIATED.findall(text)) - layers)


def document_softmax_names(text: str, notation: Notation) -> frozenset[str]:
    """Function names the document defines as the softmax or says are the softmax."""
    found, other = _softmax_definitions(text)
    # a section that defines the letter again as another function (the "sumone" σ(z)_i = z_i / Σ z_k
    # after the softmax): which one a step means is not known, so it is the softmax nowhere
    return _function_names(found - other, notation)


def document_softmax_variants(text: str, notation: Notation) -> frozenset[str]:
    """Function names the document defines as the softmax in one place and as another function
    of the entries in another: a step is read with the softmax only to prove it (softmax_variants)."""
    found, other = _softmax_definitions(text)
    return _function_names(found & other, notation)


def document_softmax_arguments(text: str, names: frozenset[str]) -> dict[str, str]:
    """Each softmax name the document applies to one vector only (``\\sigma_i(\\mathbf{z})``,
    ``\\sigma(\\mathbf z)_j``, written alike every time): a bare ``\\sigma_i`` is then that vector's
    entry i, as the reader of "Focusing in on a single σ_i" takes it. Two vectors: none."""
    found: dict[str, set[str]] = {}
    for name in names:
        letter = re.escape(name)
        applied = re.compile(
            rf"(?:\\(?:mathbf|boldsymbol|bm)\s*\{{\s*)?{letter}(?![A-Za-z])\s*\}}?\s*(?P<sub>_\s*\{{?\s*[a-z]\s*\}}?\s*)?"
            r"(?:\\left)?\(\s*(?P<arg>[^()$=]{1,30}?)\s*(?:\\right)?\)(?P<after>\s*_\s*\{?\s*[a-z])?"
        )
        for m in applied.finditer(text):
            arg = re.sub(r"\s+", "", m.group("arg"))
            # σ_m(1 - σ_m) is a product, σ(w·x + b) another section's logistic function: only one
            # name in the brackets is an argument; every such application counts ([σ(\mathbf a)]_i too)
            if _vector_argument(arg):
                found.setdefault(name, set()).add(arg)
    # z and \mathbf{z} are one vector: compared by their letters
    plain = r"\\(?:mathbf|boldsymbol|bm|vec)|[{}]"
    letters = {name: {re.sub(plain, "", a) for a in args} for name, args in found.items()}
    return {name: max(found[name], key=len) for name in found if len(letters[name]) == 1}


def _vector_argument(arg: str) -> bool:
    """One name with no index (z, \\mathbf{z}, \\mathbf z, z^{(L)}): an entry z_k is not a vector."""
    return _VECTOR_ARGUMENT.fullmatch(arg) is not None


_VECTOR_ARGUMENT = re.compile(r"(?:\\(?:mathbf|boldsymbol|bm|vec)\{?)?\\?[A-Za-z]+\}?(?:\^\{?\(?[A-Za-z0-9]+\)?\}?)?")


def _softmax_definitions(text: str) -> tuple[set[str], set[str]]:
    """(names defined or said to be the softmax, names also defined as another function of entries)."""
    found: set[str] = set()
    other: set[str] = set()  # names also defined as another function of entries (z_i / Σ_k z_k)
    for m in _DEFINED.finditer(text):
        value = m.group("value")
        if r"\sum" in value and ("e^" in value or r"\exp" in value) and ("frac" in value or "/" in value):
            found.add(m.group("name"))
        elif value.strip():
            other.add(m.group("name"))
    for pattern in _SAID:
        found |= {m.group("name") for m in pattern.finditer(text)}
    return found, other


def _function_names(found: set[str], notation: Notation) -> frozenset[str]:
    names = {re.sub(r"\\(?:mathrm|operatorname|text)\s*\{\s*([A-Za-z]+)\s*\}", r"\1", n) for n in found}
    # already the softmax, or not a function name (e, a constant; \sum, \frac …: commands)
    return frozenset(
        n
        for n in names
        if notation.functions.get(n) != "softmax"
        and n not in notation.constants
        and (not n.startswith("\\") or n[1:] in GREEK)
        and n.lower() != "softmax"
    )


def with_document_vectors(text: str, notation: Notation) -> Notation:
    """The notation with the document's vectors, softmax names and word names."""
    from derive.checks.latex.word_names import document_word_names

    return replace(
        notation,
        vectors=document_vectors(text),
        softmax_names=(names := document_softmax_names(text, notation)),
        softmax_arguments=document_softmax_arguments(text, names),
        softmax_variants=document_softmax_variants(text, notation),
        scalar_entries=scalar_entries(text),
        word_names=document_word_names(text, notation),
    )
