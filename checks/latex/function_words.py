r"""Functions written as plain words: ``exp(o_i)``, ``log(a)``, ``tanh(z)``.

Notebooks and Markdown write the softmax as ``p_i = \frac{exp(o_i)}{\sum_j exp(o_j)}``, without
the backslash. The normalizer reads ``exp(…)`` as the exponential, but a search for the letters
of a name saw the p of ``exp`` followed by a bracket as a use of p: the definition of p_i looked
like an equation in p (a name mentioned in its own value) and was dropped, and every later step
about ``\frac{\partial p_i}{\partial o_j}`` was "about a function the document does not state".
A word the normalizer reads as a function, right before its bracket, is no use of a name.
"""

from __future__ import annotations

import re

__all__ = ["without_function_words"]

#: words the normalizer reads as a call when a bracket follows (max and min need two arguments)
_WORDS = ("exp", "log", "ln", "tanh", "sinh", "cosh", "sin", "cos", "tan", "sqrt", "sigmoid", "relu", "sgn", "sign")
_CALLED_WORD = re.compile(r"(?<![\\A-Za-z])(?:" + "|".join(_WORDS) + r")\s*(?=\()", re.IGNORECASE)


def without_function_words(text: str) -> str:
    """The text with each plain function word before its bracket blanked (``exp(o_i)`` → `` (o_i)``)."""
    return _CALLED_WORD.sub(" ", text)
