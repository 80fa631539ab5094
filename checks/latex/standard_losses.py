r"""The cross-entropy of a softmax under its usual homework names, applied to (logits, label).

``\ell_{ce}(h, y)``, ``\ell_{\mathrm{softmax}}(z, y)``, ``\mathrm{CE}(z, y)`` written in a step
is ``-h_y + \log\sum_j \exp h_j`` (per example). A definition the document writes wins:

- one the reader already knows (``\ell_{\mathrm{softmax}}(z, y) = \log\sum_i\exp z_i - z_y``,
  a function of two plain names: :mod:`multi_functions`) is left to it;
- one at the logits of the input, ``\ell_{ce}(h(x), y) = -\log p(\text{label} = y) = -h_y(x) +
  \log\sum_{j=1}^k\exp(h_j(x))``, defines the loss of (h, y) by the chain's last term (``h_y(x)``
  is read as h_y, x being the input); stated twice, alike, or it is not used;
- a document that defines the name in any other form (``\ell_{ce}(Z, y) = \frac1m\sum_i …``, a
  batch mean, a sum over rows) keeps it unread: the standard value is never put in its place.

The name is read so only where the document applies it to one list of two plain names (the
logits' name and the label's); ``\ell_{ce}(X\Theta, y)`` (a batch: the mean over rows, or the sum?)
stays unread.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.applied_uses import CE_NAMES, DEFINES, arguments, at_input, exact_call, term_reader
from derive.checks.latex.extract import Equation
from derive.checks.latex.function_calls import PARAMETER_SEPARATOR, names_in
from derive.checks.latex.notation import Notation
from derive.checks.latex.squeezed_text import squeezed
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import TexReader, Unreadable, split_at_top_commas

__all__ = ["CE_NAMES", "with_standard_losses"]

#: names of logits a cross-entropy is applied to (p, a, s, \hat y are often probabilities)
_LOGITS = frozenset({"h", "z", "o", "u", "f"})
#: (parameters, or None when they are not plain names; the body as written)
_Definition = tuple[tuple[str, ...] | None, str]


def _logits_at_input(reader: TexReader, part: list[str]) -> list[str]:
    """``h(x)``, a parameter written at the network's input, is the parameter h."""
    return at_input(reader, part, _one(part[:-3], reader)) if len(part) > 3 else part


def _one(toks: list[str], reader: TexReader) -> str:
    names = arguments(reader, toks)
    return names[0] if names and len(names) == 1 else ""


def _document_definitions(
    equations: list[Equation], notation: Notation
) -> dict[str, set[tuple[tuple[str, ...] | None, str]]]:
    """name → every (parameters or None when not plain, body) a chain ``name(…) = …`` gives it."""
    found: dict[str, set[_Definition]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            if len(chain) < 2 or chain[0][1] not in DEFINES:
                continue
            call = exact_call(chain[0][0].text, notation)
            if call is None or call[0] not in CE_NAMES:
                continue
            name, inside, reader = call
            parts = split_at_top_commas(inside)
            plain = all(rel in ("=", "") for _, rel in chain[1:-1])
            joined = [t for part in parts for t in [*_logits_at_input(reader, part), ","]][:-1]
            params = arguments(reader, joined) if plain else None
            found.setdefault(name, set()).add((params, chain[-1][0].text.strip()))
    return found


def _plain_uses(equations: list[Equation], notation: Notation) -> dict[str, set[tuple[str, ...]]]:
    """name → the lists of plain names each CE name is applied to anywhere."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for equation in equations:
        for chain in split_chain(equation):
            for term, _ in chain:
                reader = term_reader(term.text, notation)
                toks = reader.toks if reader is not None else []
                for j in range(len(toks)):
                    try:
                        name, end, power = reader.read_identifier(j) if reader is not None else (None, j, None)
                        if name in CE_NAMES and not power and toks[end : end + 1] == ["("]:
                            args = arguments(reader, toks[end + 1 : reader.match(end)])  # type: ignore[union-attr]
                            if args is not None:
                                found.setdefault(name, set()).add(args)
                    except Unreadable:
                        continue
    return found


def _standard_body(logits: str, label: str) -> str:
    index = next(c for c in "jkcmn" if c not in (logits + label))
    return f"-{logits}_{{{label}}} + \\log \\sum_{{{index}}} \\exp({logits}_{{{index}}})"


def _standard_fits(name: str, args: tuple[str, ...], equations: list[Equation], notation: Notation, text: str) -> bool:
    r"""May the standard value be put in for ``name(logits, label)``? Only where the first argument
    is named as logits (``\ell_{ce}(p, y)``, ``\mathrm{CE}(a, y)`` may be of probabilities; any
    name for ``\ell_{softmax}``, the softmax's loss), the document speaks of a softmax or an
    exponential, and the label is a class index: never bold, never with entries in a derivation
    (``y_i`` of a one-hot vector, where -h_y would be read as an entry of h at index y)."""
    logits, label = args
    if name != r"\ell_{softmax}" and logits not in _LOGITS:
        return False
    if not re.search(r"softmax|\\exp|e\^", text):
        return False
    bold = r"\\(?:mathbf|boldsymbol|bm|vec)\s*\{?\s*" + re.escape(label) + r"(?![A-Za-z])"
    if re.search(bold, text):
        return False
    for equation in equations:
        for chain in split_chain(equation):
            if equation.kind != "display" and len(chain) < 2:
                continue  # "the true class $y_i$" in prose: a label per example, not an entry
            if any(n.startswith(label + "_") for term, _ in chain for n in names_in(term.text, notation)):
                return False
    return True


def with_standard_losses(equations: list[Equation], notation: Notation, text: str = "") -> Notation:
    """The notation with each CE name the document applies to (logits, label) as a function of
    the document (see the module's rules)."""
    if text and not re.search(r"\\ell|CE", text):
        return notation  # no name of a cross-entropy anywhere
    definitions = _document_definitions(equations, notation)
    added: dict[str, tuple[str, str]] = {}
    uses = _plain_uses(equations, notation)
    for name in set(uses) | set(definitions):
        # one list of plain names, where it is used and where it is defined (h(x) of the input as h)
        lists = uses.get(name, set()) | {p for p, _ in definitions.get(name, set()) if p is not None}
        if name in notation.doc_functions or name in notation.functions or len(lists) != 1:
            continue
        (args,) = lists
        if len(args) != 2 or len(set(args)) != 2 or any(not a.replace("\\", "").isalpha() for a in args):
            continue  # (logits, label), each one plain letter or Greek name
        defs = definitions.get(name, set())
        if not defs:
            if _standard_fits(name, args, equations, notation, text):
                added[name] = (PARAMETER_SEPARATOR.join(args), _standard_body(*args))
            continue
        bodies = {squeezed(body) for _, body in defs}
        params = {p for p, _ in defs}
        if len(bodies) == 1 and params == {args}:
            added[name] = (PARAMETER_SEPARATOR.join(args), next(iter(defs))[1])
    if not added:
        return notation
    return replace(notation, doc_functions={**notation.doc_functions, **added})
