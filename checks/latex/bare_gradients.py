r"""``\nabla L(\mathbf{w})`` without a subscript, where fixed_arguments writes the loss bare.

A document that always writes its loss at the same arguments (``L(\mathbf{w})``) has them dropped
by fixed_arguments: ``L(\mathbf{w})`` is the loss L. Before a bare ∇ that dropped what the gradient
is taken by: ``\nabla L(\mathbf{w}) = X^\top(X\mathbf{w} - \mathbf{y})`` became ``\nabla L = …``,
which no reader takes (by what?), and the step stayed unread. The argument is that name, so the
∇ is written ``\nabla_{\mathbf{w}} L``: the derivative of L by w, whose layout for a scalar loss
is w's own (the gradient of a scalar by a vector is a vector of its shape), and which the scalar
and matrix readers both read.

Only one name as the argument (a letter or Greek letter, in a font or decorated, with a
subscript): ``L(w, b)``, ``L(w + b)`` keep the ∇ bare (by which?), as does a ∇ with a subscript
of its own (``\nabla_{\mathbf{w}} L(\mathbf{w})``: already said).
"""

from __future__ import annotations

import re

__all__ = ["subscripted_nabla"]

#: a ∇ with no subscript right before the name (``\nabla`` then the loss written at its arguments)
_BARE_NABLA = re.compile(r"\\nabla\s*$")
#: one name as an argument: a letter or Greek letter, in a font or decorated, with a subscript
_ONE_NAME = re.compile(
    r"(?:\\(?:mathbf|boldsymbol|bm|pmb|vec|hat|tilde|bar|mathrm|mathit)\s*)?\{?\s*\\?[A-Za-z]+\s*\}?"
    r"(?:_\s*(?:\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9]))?"
)


def subscripted_nabla(before: str, arguments: str) -> tuple[int, str] | None:
    r"""Where the ∇ right before a loss written at ``arguments`` starts in ``before`` (the text
    before the loss's name), and the ∇ to write instead, ``\nabla_{\mathbf{w}}``; None when no bare
    ∇ stands right before the name or the argument is not one name."""
    m = _BARE_NABLA.search(before)
    if m is None or not _ONE_NAME.fullmatch(arguments.strip()):
        return None
    return m.start(), rf"\nabla_{{{arguments.strip()}}} "
