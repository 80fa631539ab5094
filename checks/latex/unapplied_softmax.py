r"""The notation's softmax letter (``S``, ``\psi``) in a document that never applies it.

The course notation reads ``S`` and ``\psi`` as the softmax (seed 001's ``S(\mathbf x)_i``), and a
softmax is only ever read applied and indexed (``S(x)_i``, ``S_i(x)``); anything else stops with
"S is softmax of a vector". Documents use the letter for their own quantities: the normaliser
``\frac{e^{a_k}S - e^{a_k}e^{a_k}}{S^2}`` (a Korean note, S = Σ_i e^{a_i} said in prose), a batch
size ``-\frac{1}{S}\sum_s^S`` (a homework on a linear layer), a layer's sum ``\tanh S_k^{(l)}`` (a
CS189 derivation). A document that never writes the letter before a bracket, bare or indexed
(no ``S(…)``, ``S_i(…)``, ``S^{(2)}(…)``), has no step the softmax reading can read, so nothing is
lost by reading the letter there as a quantity of its own, as any other name the document uses.

What it stands for is inferred (the page may mean the softmax's output ``S = softmax(z)`` without
writing the bracket), so the reading may confirm a step but never refute one: a ``wrong`` step
that writes the letter, or is refuted at a point that sets it (a definition the step reaches writes it:
``y_k = e^{a_k}/S``, then ``∂y_k/∂a_k = y_k(1 - y_k)`` with S read as a constant), is held
(:func:`hold_unapplied_readings`), and a derivative of the letter itself has no stated dependence
and stays unread as for any name the document does not define.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.quantity_names import document_quantity_names

__all__ = ["hold_unapplied_readings", "unapplied_softmax_names"]

#: the notation's softmax letters this applies to (a letter, not a word such as "softmax")
_LETTERS = ("S", r"\psi")
#: scripts a name may carry before its bracket: S_i, S_{ij}, S^{(2)}, S^{[l]}_k
_SCRIPTS = r"(?:\s*[_^]\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]))*"


def _pattern(name: str) -> str:
    before = r"(?<![\\A-Za-z])" if name.startswith("\\") else r"(?<![\\A-Za-z0-9])"
    after = r"(?![A-Za-z])"
    return before + re.escape(name) + after


def unapplied_softmax_names(text: str, functions: dict[str, str]) -> frozenset[str]:
    """The notation's softmax letters the document writes but never applies to a bracket."""
    out = set()
    for name in _LETTERS:
        if functions.get(name) != "softmax":
            continue
        uses = list(re.finditer(_pattern(name), text))
        if not uses:
            continue
        applied = re.search(_pattern(name) + _SCRIPTS + r"\s*(?:\\left\s*|\\big[lr]?\s*|\\Big[lr]?\s*)?[(\[]", text)
        if applied is None:
            out.add(name)
    return frozenset(out)


def _defined_entries(text: str, name: str) -> bool:
    """Does the document give the letter, with its scripts, a value (``S_j^{(\\ell)} = \\sum_i w_{ij}
    x_i + b_j``: a layer's sums, stated)? Then that value is what the letter is, and it may refute."""
    defined = re.compile(_pattern(name) + _SCRIPTS + r"\s*&?\s*(?::=|=)(?!=)")
    return defined.search(text) is not None


def hold_unapplied_readings(judged: list[Any], text: str) -> list[Any]:
    """``judged`` (StepResults) with each ``wrong`` step that writes a softmax letter the document
    never applies, or is refuted at a point that sets it (a definition the step reaches writes it:
    ``y_k = e^{a_k}/S``), held: what the letter stands for is inferred (module docstring), so it
    refutes nothing. A letter the document gives a value (``S = e^{y_1} + …``, or its entries one,
    ``S_j^{(l)} = …``) is that value, stated, and its refutations stand."""
    letters = dict.fromkeys(_LETTERS, "softmax")
    names = unapplied_softmax_names(text, letters) - document_quantity_names(text, letters)
    names = frozenset(n for n in names if not _defined_entries(text, n))
    if not names:
        return judged
    out = []
    for r in judged:
        point = " ".join((r.counterexample or {}).get("point", {}) or {})
        sides = f"{r.step.lhs} {r.step.rhs} {point}"
        hit = next((n for n in sorted(names) if re.search(_pattern(n), sides)), None)
        if r.status == "wrong" and hit is not None:
            r = r.held(r.message + f"; but {hit} is read as a quantity of this document's, which it does not state")
        out.append(r)
    return out
