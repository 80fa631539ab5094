r"""A sine or cosine (or exp) before a product without brackets: ``\sin 2x``, ``\cos k\theta``, ``\exp 2x``.

Trigonometry writes ``\sin 2x = 2\sin x\cos x`` and ``\sin kx\sin mx``: the argument is the whole
product after the function, up to the next function, operator or bracket. The reader takes the
first factor alone (``\sin 2x`` as sin(2)·x), as it reads ``\log a b``, and refuted the double-angle
formula. Like the log's, the scope is recorded as open (``loose_calls``): a ``wrong`` is judged once
more with the argument run on (verdict_guards), ok where that reading holds and inconclusive where it
is not refuted too. ``\sin x\cos x`` is no such case (a function ends the argument: sin x · cos x).
"""

from __future__ import annotations

from derive.checks.latex.notation import NATIVE_FUNCTION_COMMANDS

__all__ = ["TRIG_KEYS", "loose_after", "trig_argument_end"]

#: the functions whose unbracketed argument runs on over a product (sin 2x, exp 2x), by their keys
TRIG_KEYS = frozenset({"sin", "cos", "tan", "sinh", "cosh", "tanh", "coth", "exp"})
#: what ends a run-on argument at its own depth
_ENDS = frozenset({"+", "-", "=", r"\cdot", r"\times", ",", ";", "/", r"\quad", r"\qquad"})


def loose_after(key: str, toks: list[str], k: int, starts_unit: bool) -> bool:
    """Is the argument read for function ``key`` followed at ``k`` by more of a product, leaving
    its scope open? A log before any factor, a bracket or a slash; a sine before a factor that is
    no function (``\\sin 2x``; ``\\sin x\\cos x`` is a product of two calls)."""
    if k >= len(toks):
        return False
    if key == "log":
        return starts_unit or toks[k] in ("(", r"\left", "/")
    return key in TRIG_KEYS and starts_unit and toks[k] not in NATIVE_FUNCTION_COMMANDS


def trig_argument_end(toks: list[str], start: int) -> int:
    """Where the run-on argument that starts at ``start`` ends: at an operator or a function at its
    own depth, or where an enclosing bracket closes."""
    depth, j = 0, start
    while j < len(toks):
        t = toks[j]
        if t in ("{", "(", "[", r"\left"):
            depth += t != r"\left"
        elif t in ("}", ")", "]"):
            depth -= 1
            if depth < 0:
                break
        elif depth == 0 and j > start and (t in _ENDS or t in NATIVE_FUNCTION_COMMANDS):
            break
        j += 1
    return j
