r"""``\nabla L(w_{i})``: the gradient of a loss written at the one name it is taken with respect to
(a worked example's "∇L(w_i) = ∂L/∂w_i = …", "∇J(θ)"). It is ``\frac{\partial L}{\partial w_{i}}``,
read as the document reads that fraction, so both sides of ``\nabla L(b) = \frac{\partial L}{\partial
b}`` mean the same thing.

Only a loss-like name is read so: one capital letter (``L``, ``J``, ``E_{total}``, a decorated or
bold one, ``\tilde{J}``), a calligraphic or script letter (``\mathcal{L}``) or ``\ell``; and only at
one name (a letter or Greek letter, in a font or decorated, with subscripts and a bracketed label,
``W^{[1]}``). ∇ of a sum, ∇ at two names or at a number, ``\nabla^2`` and ``\nabla \cdot`` stay as
written (unread).

A function's gradient at a point, ``\nabla f(x)``, ``\nabla g(\mathbf{w})``, ``\nabla f(x_0)`` (one
lowercase Latin letter applied to one name), is ``\frac{\partial f(x_0)}{\partial x_0}``: the
argument is kept, since f' at x_0 is the derivative of f(x_0) by x_0 (by x_0 of the bare name f it
would be 0). Where f is defined the step is judged through that definition; where it is not, as a
function the document leaves undefined (applied_calls: ok or inconclusive, never wrong); "∇f(x) = 0"
at a minimum is a condition, as ``\nabla_x f(x) = 0`` is. A subscripted name (``h_\theta(x)``: by
θ or by x?) and a bold one (a vector function's Jacobian) stay unread."""

from __future__ import annotations

import re

from derive.checks.latex.tex_names import FONTS, is_letter
from derive.checks.latex.token_spans import argument_end, each_token_span

__all__ = ["loss_gradients"]

Tokens = list[tuple[str, bool]]

_SCRIPT_FONTS = {r"\mathcal", r"\mathscr"}
_LETTER_FONTS = FONTS - {r"\text", r"\textrm", r"\textit", r"\textbf", r"\textsc", r"\textsf", r"\textup"} - {
    r"\operatorname",
    r"\mathop",
}


def _base_end(toks: Tokens, k: int, capital: bool) -> int | None:
    """The index after one letter at k (in a font or decoration, ``\\mathbf{\\hat{w}}``); with
    ``capital``, a loss-like letter only (a capital, ``\\ell``, or a calligraphic letter)."""
    if k >= len(toks):
        return None
    tok = toks[k][0]
    if tok in _LETTER_FONTS:
        inner_capital = capital and tok not in _SCRIPT_FONTS
        if k + 1 < len(toks) and toks[k + 1][0] != "{":
            return _base_end(toks, k + 1, inner_capital)  # \mathbf w
        inner = _base_end(toks, k + 2, inner_capital)
        return inner + 1 if inner is not None and inner < len(toks) and toks[inner][0] == "}" else None
    if not is_letter(tok):
        return None
    if capital and not (re.fullmatch(r"[A-Z]", tok) or tok == r"\ell"):
        return None
    return k + 1


def _name_end(toks: Tokens, k: int, capital: bool = False) -> int | None:
    """The index after one name at k: a letter with subscripts and a bracketed label superscript
    (``w_{oi}``, ``W^{[1]}``, ``\\theta_j``); None for anything else."""
    end = _base_end(toks, k, capital)
    while end is not None and end < len(toks) and toks[end][0] in ("_", "^"):
        after = argument_end(toks, end + 1)
        if after is None:
            return None
        if toks[end][0] == "^" and not (toks[end + 1][0] == "{" and toks[end + 2][0] in ("(", "[", r"\{")):
            return None  # w^2 is a power: not one name
        end = after
    return end


def _function_gradient(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    r"""``\nabla f(x)`` at k, f one lowercase Latin letter applied to one name: the derivative of
    f(x) by x, the argument kept (``\frac{\partial f(x_0)}{\partial x_0}`` is f' at x_0). A subscripted
    name (``h_\theta(x)``: by θ or by x?) or a bold one (a vector's Jacobian) is not read so."""
    if k + 2 >= len(toks) or not re.fullmatch(r"[a-z]", toks[k + 1][0]) or toks[k + 2][0] != "(":
        return None
    var_end = _name_end(toks, k + 3)
    if var_end is None or var_end >= len(toks) or toks[var_end][0] != ")":
        return None
    call, var = toks[k + 1 : var_end + 1], toks[k + 3 : var_end]
    head = [(r"\frac", toks[k][1]), ("{", False), (r"\partial", False)]
    return [*head, *call, ("}", False), ("{", False), (r"\partial", False), *var, ("}", False)], var_end + 1


def _loss_gradient(toks: Tokens, k: int, _out: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != r"\nabla":
        return None
    loss_end = _name_end(toks, k + 1, capital=True)
    if loss_end is None:
        return _function_gradient(toks, k)
    if loss_end >= len(toks) or toks[loss_end][0] != "(":
        return None
    var_end = _name_end(toks, loss_end + 1)
    if var_end is None or var_end >= len(toks) or toks[var_end][0] != ")":
        return None
    loss, var = toks[k + 1 : loss_end], toks[loss_end + 1 : var_end]
    head = [(r"\frac", toks[k][1]), ("{", False), (r"\partial", False)]
    return [*head, *loss, ("}", False), ("{", False), (r"\partial", False), *var, ("}", False)], var_end + 1


def loss_gradients(toks: Tokens) -> Tokens:
    r"""Each ``\nabla F(v)`` with F loss-like and v one name as ``\frac{\partial F}{\partial v}``."""
    if not any(t == r"\nabla" for t, _ in toks):
        return toks
    return each_token_span(toks, _loss_gradient)
