r"""A partial derivative by an expression: ``\frac{\partial o}{\partial (x_2 w_2)}``,
``\frac{\partial \log(\sigma(z))}{\partial \sigma(z)}``, ``\frac{\partial (1-e^{-z})\sigma}{\partial e^{-z}}``.

Chain-rule notes differentiate by a part of a formula as if it were a variable: micrograd
walk-throughs by the product ``x_2 w_2`` a neuron sums, cross-entropy notes by ``\sigma(A_{ic})``,
batch-norm notes by ``(x - \mu)``. The reader stopped there ("a derivative written in a form not
read"). Read now with the textbook meaning, exactly: what is differentiated, with the document's
values put in, is written as a function of one fresh variable u standing where the expression E
stands (SymPy's substitution of E by u); it is differentiated by u, and E put back for u. Read only
where that meaning is the only one:

- every name of E is gone once E is replaced (``\partial (x^2 + x)/\partial (x^2)``, where x also
  stands outside x², depends on what is held fixed: not read);
- u does stand in it (a name with no value, or one whose value does not hold E as written, says
  nothing of how it depends on E: not read, whatever the step claims);
- putting E back gives the operand again (the substitution lost nothing).

Otherwise the step keeps the message it had ("a derivative written in a form not read", with the
reason), so the passes that read such steps another way (shared_derivatives) still see it. Only
``\partial``: ``\frac{d}{d(1+e^{-x})}`` may be d times a bracket, and stays unread (norm_forms).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.tex_tokens import Unreadable, strip_differential

__all__ = ["UNREAD_FORM", "by_expression", "expression_derivative", "is_expression_variable"]

UNREAD_FORM = "a derivative written in a form not read"
#: the name an expression is differentiated by while the side is read (never a LaTeX name)
_VARIABLE = "⟪{}⟫"
#: tokens that make the expression no plain formula: a derivative or a relation inside it
_REFUSED = {r"\partial", "=", "<", ">", r"\leq", r"\geq", r"\neq", "&", r"\\"}


def is_expression_variable(name: str) -> bool:
    """Whether a derivative's variable is an expression read by this module."""
    return name.startswith("⟪") and name.endswith("⟫")


def _unwrapped(toks: list[str], reader: Any) -> list[str]:
    """The expression without one pair of brackets around all of it: ``(x_2 w_2)`` → ``x_2 w_2``."""
    if len(toks) >= 2 and toks[0] in ("(", "[") and reader.sub_normalizer(toks).match(0) == len(toks) - 1:
        return toks[1:-1]
    if len(toks) >= 4 and toks[0] == r"\left" and toks[-2] == r"\right" and toks[1] in ("(", "["):
        return toks[2:-2]
    return toks


def expression_derivative(reader: Any, num: list[str], den: list[str], k: int) -> tuple[str, int] | None:
    """``\\frac{\\partial F}{\\partial E}`` with E an expression → the text ``g_n(F, E)`` whose
    derivative's variable marks it (read by ``by_expression``), or None when not in that form."""
    if not num or not den or num[0] != r"\partial" or den[0] != r"\partial":
        return None
    top, by = strip_differential(num), strip_differential(den)
    if not top or not by:
        return None
    by = _unwrapped(by, reader)
    if not by or any(t in _REFUSED for t in (*top, *by)):
        return None
    try:
        operand, value = reader.seq_of(top), reader.seq_of(by)
    except Unreadable:
        return None
    n = reader.new_id(reader.r.derivatives)
    name = _VARIABLE.format(n)
    reader.r.derivatives[n] = name
    return reader.postfix(f"g_{{{n}}}\\left({operand}, {value}\\right)", k)


def by_expression(builder: Any, raw_operand: Any, raw_value: Any, env: dict[str, int], refused: type[Exception]) -> Any:
    """The derivative of the operand by the expression, with the document's values in both, or
    ``refused`` (the reader's Unparsed) when the operand is not a function of the expression alone."""
    import sympy as sp

    value = builder.convert(raw_value, env)
    if not getattr(value, "free_symbols", None):
        raise refused(f"{UNREAD_FORM} (by a number)")
    operand = builder.convert(raw_operand, env)
    u = sp.Dummy("u", real=True)
    replaced = operand.subs(value, u)
    if u not in replaced.free_symbols:
        raise refused(f"{UNREAD_FORM} (by an expression that what is differentiated does not hold as written)")
    if replaced.free_symbols & value.free_symbols:
        raise refused(f"{UNREAD_FORM} (by an expression whose names also stand outside it)")
    back = replaced.xreplace({u: value})
    if back != operand and sp.simplify(back - operand) != 0:
        raise refused(f"{UNREAD_FORM} (by an expression the substitution does not keep)")
    slope = sp.diff(replaced, u)
    if slope.has(sp.Derivative):
        return slope.subs(u, value)
    from derive.checks.latex.kink_values import off_kink

    return slope.xreplace({u: off_kink(slope, u, value, refused)})
