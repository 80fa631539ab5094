r"""Primes a derivation writes on what is not a known function (a mixin of the normaliser):

- on a bracket, ``\left(\frac{1}{1+e^{-x}}\right)'``: the derivative with respect to the one
  variable the bracket holds, or in a chain about one variable, by it where the bracket holds it
  (prime_variables.py; otherwise which one is meant is not guessed);
- on a function the document defines once, ``g' = g(1-g)`` where it wrote ``g(z) = \frac{1}{1 +
  e^{-z}}``: ``g'`` and ``g'(z)`` are the derivative of the body with respect to z, and
  ``g'(h(x))`` that derivative with h(x) put in for z. In a chain about z, a bare ``g`` is g(z)
  and ``g(1 - g)`` is g(z)·(1 − g(z)), the rule the normaliser follows for σ(1 − σ).
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.function_calls import PARAMETER_SEPARATOR
from derive.checks.latex.prime_variables import prime_variable
from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens

__all__ = ["PrimesMixin"]


class PrimesMixin(TexReader):
    """``primed_group`` and ``own_function_forms``."""

    r: Any
    chain_var: str | None
    seq_of: Any
    symbol: Any
    new_id: Any
    postfix: Any
    _mentions: Any

    def derivative_text(self, toks: list[str], var: str, at: list[str] | None = None) -> str:
        """``g_N(operand)``: d/d var of the tokens (the placeholder fraction() writes for d/dx);
        ``g_N(operand, value)`` with ``at``: then var := at (the judge's two-argument derivative)."""
        n = self.new_id(self.r.derivatives)
        self.r.derivatives[n] = var
        self.r.diff_vars.append(var)
        self.symbol("symbol", var)
        value = "" if at is None else f", {self.seq_of(at)}"
        return f"g_{{{n}}}\\left({self.seq_of(toks, chain_var=var)}{value}\\right)"

    def primed_group(self, start: int, end: int) -> tuple[str, int]:
        """``(…)'`` with the group at [start, end]: its derivative by its one variable."""
        if end + 2 < len(self.toks) and self.toks[end + 2] == "'":
            raise Unreadable("a higher derivative (…)''")
        inner = self.seq_of(self.toks[start + 1 : end])
        ids = {int(n) for n in re.findall(r"v_\{(\d+)\}", inner)}
        names = {self.r.symbols[n][1] for n in ids if self.r.symbols[n][0] == "symbol"}
        summed = {self.r.sums[int(n)][0] for n in re.findall(r"s_\{(\d+)\}", inner) if int(n) in self.r.sums}
        if re.fullmatch(r"\s*v_\{\d+\}\s*", inner) and names != {self.chain_var}:
            # (C)' of a table of derivatives is a constant's (0), (x)' the variable's (1): a lone
            # name does not say which it is, unless the chain is about that very name
            raise Unreadable("a prime ' on a lone name (a constant's derivative or the variable's?)")
        var = prime_variable(names, summed, self.chain_var)
        text = self.derivative_text(self.toks[start + 1 : end], var)
        # a variable guessed from the bracket, not written: the chain's written d/dx decides (steps.py)
        self.r.prime_vars.append(self.r.diff_vars.pop())
        return self.postfix(text, end + 2)

    def _slope_at(self, body: list[str], param: str, at: list[str]) -> str:
        """``f'(g(x))`` of ``f(u) = …``: d/du of the body, then u := g(x) (the judge's two-argument
        derivative, as function_uses writes it)."""
        if not at or self.top_level(at, ","):
            raise Unreadable(f"f' at {' '.join(at) or 'nothing'}")
        return self.derivative_text(body, param, at)

    def _second_derivative(self, name: str, param: str, body: list[str], k: int) -> tuple[str, int]:
        """``g''(z)`` (or a bare ``g''``) of ``g(z) = …``: d/dz of d/dz of the body, at the parameter
        itself only (g'' elsewhere, or a third prime, stays unread)."""
        if k < len(self.toks) and self.toks[k] == "'":
            raise Unreadable(f"a third derivative of {name}")
        if k < len(self.toks) and self.toks[k] in ("(", "["):
            end = self.match(k)
            if not _is_parameter(self.toks[k + 1 : end], param):
                raise Unreadable(f"a second derivative of {name} away from its parameter")
            k = end + 1
        d = [r"\frac", "{", "d", "}", "{", "d", param, "}"]
        twice = [*d, "(", *d, "(", *body, ")", ")"]
        return self.postfix(self.seq_of(twice), k)

    def own_function_forms(self, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
        """``g'``, ``g'(z)``, and in a chain about z a bare ``g`` or ``g(1 - g)``, for a function
        ``g(z) = …`` the document defines; None when the name is not one of these forms."""
        defined = self.notation.doc_functions.get(name)
        if defined is None or power:
            return None
        param, body = defined
        if PARAMETER_SEPARATOR in param:
            return None  # L'(…) of a function of several parameters: by which one?
        body_toks = clean_tokens(tex_tokens(body))[0]
        if k < len(self.toks) and self.toks[k] == "'":
            k += 1
            if k < len(self.toks) and self.toks[k] == "'":
                return self._second_derivative(name, param, body_toks, k + 1)
            if k < len(self.toks) and self.toks[k] in ("(", "["):
                end = self.match(k)
                if not _is_parameter(self.toks[k + 1 : end], param):
                    return self.postfix(self._slope_at(body_toks, param, self.toks[k + 1 : end]), end + 1)
                k = end + 1
            return self.postfix(self.derivative_text(body_toks, param), k)
        if self.chain_var != param:
            return None
        if k < len(self.toks) and self.toks[k] in ("(", "["):
            end = self.match(k)
            inside = self.toks[k + 1 : end]
            if name not in inside or self._mentions(inside, param):
                return None
            product = f"\\left({self.seq_of(body_toks)}\\right) \\cdot \\left({self.seq_of(inside)}\\right)"
            return self.postfix(product, end + 1)
        return self.postfix(f"\\left({self.seq_of(body_toks)}\\right)", k)


def _is_parameter(inside: list[str], param: str) -> bool:
    """Is the bracket's content the function's parameter itself, as one token or as its tokens
    (``g'(Z^{[l]})`` for ``g(Z^{[l]}) = …``, not only ``g'(z)``)?"""
    return inside in ([param], clean_tokens(tex_tokens(param))[0])
