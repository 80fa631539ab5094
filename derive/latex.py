"""LaTeX of the catalogue in the seeds' notation, from SymPy's printer with a name table.

``SeedLatexPrinter`` is SymPy's ``LatexPrinter`` with three additions:

- names: every symbol / MatrixSymbol named in derive.notation.NAME_TABLE prints as the seeds
  print it (W1 → W^{(1)}, lam → λ, Delta → Δ), and the forward quantities of the two layouts
  print as their names instead of their definitions (SUBEXPRESSIONS: X W1 + 1 b1ᵀ → z^{(2)},
  rect(z^{(2)}) → a^{(2)}, a^{(2)} W2 + 1 b2ᵀ → z^{(3)}, so P prints as ψ(z^{(3)}));
- element-wise functions of matrices: SymPy prints ``Z.applyfunc(f)`` as ``(d ↦ f(d))∘(Z)``;
  here the function is applied to the matrix's name, ``rect(z^{(2)})``, and the Heaviside
  masks print as indicators with their value at 0 visible: Heaviside(x, 0) = 1{x > 0},
  Heaviside(x, 1) = 1{x ≥ 0} (SymPy's own θ(x, 0) hides the convention);
- the seeds' products and norms: ⊙ for the Hadamard product, W^{(2)T} for transposes,
  ‖W‖₂² for tr(WᵀW) and ‖W‖₁ for tr(sign(W)ᵀW), ψ(z) − Δ ordered as the seeds write it.

``identity_latex(identity)`` is what ``Identity._repr_latex_`` shows and what the report prints;
``verification_latex(result)`` adds the verdict and evidence for a VerificationResult.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter

from derive import notation as nt
from derive.latex_text import plain_text, text_to_latex, unknown_characters

__all__ = [
    "NAME_TABLE",
    "SUBEXPRESSIONS",
    "name_of",
    "SeedLatexPrinter",
    "seed_latex",
    "identity_latex",
    "statement_pair",
    "verification_latex",
    "evidence_text",
    "text_to_latex",
    "plain_text",
    "unknown_characters",
]

NAME_TABLE: Mapping[str, str] = nt.NAME_TABLE


def _subexpressions() -> dict[sp.Basic, str]:
    """Forward quantities printed by name (the seeds never expand them in a gradient)."""
    return {
        nt.z2: "z^{(2)}",
        nt.a2: "a^{(2)}",
        nt.z3: "z^{(3)}",
        nt.h_a: r"\mathbf{h}^{a}",
        nt.h_s: r"\mathbf{h}^{s}",
        nt.o_a: r"\mathbf{o}^{a}",
    }


SUBEXPRESSIONS: dict[sp.Basic, str] = _subexpressions()

#: Names that notation.py uses for matrices (the table's entry is for the matrix).
_MATRIX_NAMES: frozenset[str] = frozenset(v.name for v in vars(nt).values() if isinstance(v, sp.MatrixSymbol))


def name_of(expr: Any, names: Mapping[sp.Basic, str | None]) -> str | None:
    """The name a printer's table gives ``expr``, or None (also for unhashable explicit matrices)."""
    try:
        return names.get(expr)
    except TypeError:
        return None


class SeedLatexPrinter(LatexPrinter):
    """LaTeX in the seeds' notation (see the module docstring)."""

    def __init__(self, settings: Mapping[str, Any] | None = None, names: Mapping[sp.Basic, str] | None = None) -> None:
        self._user_settings = dict(settings or {})
        super().__init__(dict(self._user_settings))
        self._names: dict[sp.Basic, str] = dict(SUBEXPRESSIONS)
        if names:
            self._names.update(names)  # a None value removes a name (prints the definition)

    def _print(self, expr, **kwargs) -> str:
        name = name_of(expr, self._names)
        if name is not None:
            return name
        if type(expr).__name__ == "Grad":  # before the class's own _latex: brackets a sum
            return self._print_Grad(expr)
        return super()._print(expr, **kwargs)

    # ------------------------------------------------------------------ names

    def _print_Symbol(self, expr, style="plain") -> str:
        # A scalar x is not the column layout's vector \mathbf{x}: matrix names apply to
        # MatrixSymbols only.
        if expr.name in NAME_TABLE and expr.name not in _MATRIX_NAMES:
            return NAME_TABLE[expr.name]
        return super()._print_Symbol(expr, style=style)

    def _print_MatrixSymbol(self, expr) -> str:
        if expr.name in NAME_TABLE:
            return NAME_TABLE[expr.name]
        return super()._print_MatrixSymbol(expr)

    # ------------------------------------------------------------------ matrices

    def _print_Transpose(self, expr) -> str:
        arg = expr.arg
        inner = self._print(arg)
        if isinstance(arg, (sp.MatrixSymbol, sp.Symbol)) or self._names.get(arg) is not None:
            # W^{(2)} → W^{(2)T}, as the seeds write it; x → x^{T}.
            match = re.fullmatch(r"(.*)\^\{(.*)\}", inner)
            if match and "^" not in match.group(1):
                return f"{match.group(1)}^{{{match.group(2)}T}}"
            return f"{inner}^{{T}}"
        return rf"\left({inner}\right)^{{T}}"

    def _print_MatAdd(self, expr) -> str:
        # Positive terms first, in SymPy's (deterministic) order: ψ(z) − Δ, not −Δ + ψ(z).
        terms = sorted(expr.args, key=lambda t: _is_negative_term(t))
        out = ""
        for k, term in enumerate(terms):
            text = self._print(term)
            if k == 0:
                out = text
            elif text.startswith("-"):
                out += " - " + text[1:].lstrip()
            else:
                out += " + " + text
        return out

    def _print_HadamardProduct(self, expr) -> str:
        # ⊙ binds no tighter than juxtaposition in a reader's eye: bracket every compound factor.
        return r" \odot ".join(self._factor(a) for a in expr.args)

    def _factor(self, expr: sp.Basic) -> str:
        text = self._print(expr)
        if self._is_compound(expr):
            return rf"\left({text}\right)"
        return text

    def _is_compound(self, expr: sp.Basic) -> bool:
        if self._names.get(expr) is not None:
            return False
        if isinstance(expr, (sp.MatAdd, sp.MatMul, sp.HadamardProduct, sp.Add, sp.Mul)):
            return True
        if type(expr).__name__ == "ElementwiseApplyFunction":
            return isinstance(expr.function.expr, (sp.Add, sp.Mul))
        return False

    def _print_OneMatrix(self, expr) -> str:
        rows, cols = expr.shape
        return r"\mathbf{1}^{T}" if rows == 1 and cols != 1 else r"\mathbf{1}"

    def _print_DiagMatrix(self, expr) -> str:
        return rf"\operatorname{{diag}}\left({self._print(expr.args[0])}\right)"

    def _print_Grad(self, expr) -> str:
        """∂f/∂w; a sum is bracketed after the operator (∂/∂w (a + b)), not split by it."""
        f, wrt = expr.args
        if isinstance(f, (sp.Add, sp.MatAdd)):
            return rf"\frac{{\partial}}{{\partial {self._print(wrt)}}}\left({self._print(f)}\right)"
        return rf"\frac{{\partial {self._print(f)}}}{{\partial {self._print(wrt)}}}"

    def _print_ElementwiseApplyFunction(self, expr) -> str:
        lam = expr.function
        (var,) = lam.variables
        stand_in = sp.Dummy("arg")
        arg = expr.expr
        arg_text = self._print(arg)
        if isinstance(arg, (sp.MatAdd, sp.MatMul, sp.HadamardProduct)) and self._names.get(arg) is None:
            arg_text = rf"\left({arg_text}\right)"
        inner = SeedLatexPrinter(self._user_settings, {**self._names, stand_in: arg_text})
        return inner._print(lam.expr.xreplace({var: stand_in}))

    def _print_Trace(self, expr) -> str:
        arg = expr.arg
        if isinstance(arg, sp.MatMul):
            coeff, factors = arg.as_coeff_matrices()
            if coeff == 1 and len(factors) == 2 and isinstance(factors[0], sp.Transpose):
                a, b = factors[0].arg, factors[1]
                if a == b:
                    return rf"\left\lVert {self._print(b)} \right\rVert_2^2"
                if _is_elementwise(a, sp.sign, b):
                    return rf"\left\lVert {self._print(b)} \right\rVert_1"
        return rf"\operatorname{{tr}}\left({self._print(arg)}\right)"

    # ------------------------------------------------------------------ functions

    def _print_Heaviside(self, expr, exp=None) -> str:
        if len(expr.args) == 2 and expr.args[1] in (0, 1):
            x = self._print(expr.args[0])
            rel = ">" if expr.args[1] == 0 else r"\geq"
            text = rf"\mathbf{{1}}_{{\{{{x} {rel} 0\}}}}"
        else:
            text = rf"H\left({self._print(expr.args[0])}\right)"
        return f"{text}^{{{exp}}}" if exp else text

    def _print_sign(self, expr, exp=None) -> str:
        text = rf"\operatorname{{sign}}\left({self._print(expr.args[0])}\right)"
        return f"{text}^{{{exp}}}" if exp else text


def _is_elementwise(expr: sp.Basic, func: Any, arg: sp.Basic) -> bool:
    """expr is ``arg.applyfunc(func)`` (whatever the lambda's bound variable is called)."""
    if type(expr).__name__ != "ElementwiseApplyFunction" or expr.expr != arg:
        return False
    lam = expr.function
    (var,) = lam.variables
    return lam.expr == func(var)


def _is_negative_term(term: sp.Basic) -> bool:
    if isinstance(term, sp.MatMul):
        coeff = term.as_coeff_mmul()[0]
    else:
        coeff = term.as_coeff_Mul()[0] if isinstance(term, sp.Expr) else 1
    return bool(getattr(coeff, "is_negative", False))


def seed_latex(expr: sp.Basic, *, expand: tuple[sp.Basic, ...] = (), **settings: Any) -> str:
    """One expression in the seeds' notation; ``expand`` lists named forward quantities to
    print by their definition (to state the definition itself)."""
    return SeedLatexPrinter(settings, {e: None for e in expand}).doprint(expr)


# --------------------------------------------------------------------------- identities


def statement_pair(identity: Any) -> tuple[sp.Basic, sp.Basic]:
    """The claim to display: the identity's symbolic-shape statement when it has one; for a
    derivative claim without one, d/dw f = rhs (the derivative left unevaluated, so the reader
    sees what was differentiated); otherwise both sides at the smallest sizes."""
    if identity.statement is not None:
        lhs, rhs = identity.statement()
        return lhs, rhs
    sizes = next(iter(identity.sizes()), {})
    claim = identity.instantiate(sizes)
    if claim.function is not None and claim.wrt is not None and not isinstance(claim.wrt, sp.MatrixBase):
        return sp.Derivative(claim.function, claim.wrt), claim.rhs
    return claim.lhs, claim.rhs


def identity_latex(identity: Any) -> str:
    """``lhs = rhs`` of an identity in the seeds' notation (math mode, no delimiters)."""
    lhs, rhs = statement_pair(identity)
    return f"{_side(lhs)} = {_side(rhs)}"


def _side(value: sp.Basic) -> str:
    if isinstance(value, bool):
        return r"\text{true}" if value else r"\text{false}"
    return seed_latex(value)


def evidence_text(result: Any) -> str:
    """The evidence of a verification result as one line of LaTeX text (no timings: the
    rendered report must be byte-identical run to run)."""
    proof = result.symbolic
    numeric = result.numeric
    if proof.status == "proved":
        scope = proof.scope or "as stated"
        if scope == "all sizes":
            sym = "proved exactly for all sizes"
        elif scope.startswith("sizes"):
            sym = "proved exactly for " + _scope_latex(scope)
        else:
            sym = "proved exactly"
        method = text_to_latex(proof.method).replace("+", r"+\allowbreak{}")
        sym += rf" (\texttt{{{method}}})"
    elif proof.status == "refuted":
        sym = "refuted"
    else:
        sym = "not proved (inconclusive)"
    if numeric.status == "passed":
        agree = "numeric example agrees" if numeric.examples == 1 else "numeric examples agree"
        num = f"{numeric.examples} {agree}, largest error {error_latex(numeric.max_error)}"
    else:
        num = f"numeric check failed after {numeric.examples} examples"
    return f"{sym}; {num}"


def _scope_latex(scope: str) -> str:
    # "sizes N ≤ 3, C ≤ 2" → "sizes $N \leq 3$, $C \leq 2$"
    parts = scope[len("sizes"):].strip().split(",")
    shown = []
    for part in parts:
        part = part.strip()
        if "≤" in part:
            name, bound = (s.strip() for s in part.split("≤", 1))
            symbol = NAME_TABLE.get(name, text_to_latex(name))  # d_h → d_h as a subscript
            shown.append(rf"${symbol} \leq {text_to_latex(bound)}$")
        else:
            shown.append(text_to_latex(part))
    return "sizes " + ", ".join(shown)


#: Errors at or below this are rounding-level for float64 sides of order 1 (the numeric check's
#: tolerance is 1e-8): the report says so instead of a decade that one more or one fewer
#: rounding, another BLAS or another Hypothesis version could move.
ROUNDING_LEVEL = 1e-12


def error_latex(error: float) -> str:
    """The largest numeric error, rounded so that the rendered report is byte-identical across
    machines: "≤ 10^{-12}" for anything at rounding level (0 included), otherwise rounded up
    to a power of ten."""
    if error is None or (isinstance(error, float) and math.isnan(error)):
        return "n/a"
    if not math.isfinite(error):
        return r"$\infty$"
    if error <= ROUNDING_LEVEL:
        return r"$\leq 10^{-12}$"
    exponent = math.ceil(math.log10(error) - 1e-9)
    return rf"$\leq 10^{{{exponent}}}$"


def verification_latex(result: Any) -> str:
    """LaTeX for a VerificationResult in a notebook: the statement, the verdict, the evidence."""
    return (
        "$\\displaystyle " + identity_latex(result.identity) + "$"
        + r" \quad \textbf{" + text_to_latex(result.verdict) + "}: " + evidence_text(result)
    )
