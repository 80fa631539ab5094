r"""Names typed without an underscore: ``w5``, ``z1``, ``x2``, ``\hat{y1}`` are ``w_5``, ``z_1`` ….

Numeric worked examples (Mazur's "step by step back-propagation" and its many copies) are often
typed fast: ``z1 = w1 \times x1 + w3 \times x2 + b1``, ``\frac{\partial E}{\partial w5} = …``,
``\hat{y1}``. Read literally, ``w5`` is w times 5 and every such step is a claim about w; the
document means the fifth weight, the name it also writes ``w_5`` elsewhere.

A letter followed directly by one or two digits is read as the letter with that subscript when
the document uses such names as quantities, for that letter:

- it gives one of them a value or a formula (``z1 = …``, ``x1 = 0.05``: a whole term of a chain
  that is only the name; then the letter-digit names of that equation are quantities too: the
  w1, x1, b1 of ``z1 = w1 x1 + b1``), or
- it writes two or more of them with different numbers, one of them 1 or 0 (the weights
  ``w1`` … ``w8``): a numbered family.

Why these two and nothing weaker: ``3x2 + x`` in a polynomial exercise may be x squared typed
badly, and ``x2`` there is neither assigned nor one of a family starting at x1 (nobody writes
x¹ as ``x1``). Inside a subscript (``out_{h1}``, ``a_{h2}``) the letters and digits already
form one label and are left alone (a superscript, ``e^{-z1}``, is read), as is a letter typed
against a number (``2x1``: a coefficient) or against other letters (``net1``: a word).
Constants and functions of the notation (``e``) are never such a letter.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from derive.checks.latex.digit_tokens import digit_name_at, split_digit_names
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

__all__ = ["document_digit_names", "split_digit_names"]

#: a term that is only such a name (a chain's term: z1, {y1}, \hat{y1})
_WHOLE = re.compile(r"\{?\s*(?:\\(?:hat|tilde|bar|widehat)\s*\{\s*)?([A-Za-z])(\d{1,2})\s*\}?\s*\}?")


def document_digit_names(equations: list[Any], notation: Any) -> frozenset[str]:
    """The letters whose letter-digit names the document uses as quantities (module docstring)."""
    numbers: dict[str, set[str]] = defaultdict(set)
    assigned: set[str] = set()
    for equation in equations:
        text = getattr(equation, "text", "")
        if not re.search(r"[A-Za-z]\d", text):
            continue
        toks, spaced = clean_tokens(tex_tokens(text))
        toks, spaced = list(toks), list(spaced)
        here = {toks[k] for k in digit_name_at(toks, spaced)}
        for k in digit_name_at(toks, spaced):
            numbers[toks[k]].add(str(int(toks[k + 1])))
        for chain in split_chain(equation):
            for n, (term, _) in enumerate(chain if len(chain) >= 2 else ()):
                m = _WHOLE.fullmatch(term.text.strip())
                if m:
                    assigned.add(m.group(1))
                    if n == 0:  # z1 = w1 x1 + b1: the names of a digit name's formula are quantities too
                        assigned |= here
    own = set(notation.functions) | set(notation.constants)
    return frozenset(
        letter
        for letter, seen in numbers.items()
        if letter not in own and (letter in assigned or (len(seen) >= 2 and seen & {"0", "1"}))
    )
