"""NumPy code printed from the verified SymPy statement objects.

``ReferencePrinter`` is a ``NumPyPrinter`` that prints the matrix expressions of
derive/notation.py as vectorised NumPy. SymPy 1.14's own printer fails on them in ways that
matter for a reference implementation:

- an element-wise function of a matrix (``Z.applyfunc(relu)``, an ``ElementwiseApplyFunction``)
  comes out as ``Lambda(_d, relu(_d)).(Z)``, which is not Python; here the body of the lambda
  is printed with the argument's code in place of the bound variable, so relu of Z is
  ``np.maximum(Z, 0)`` and the mask 1{Z > 0} is ``(Z > 0)``;
- ``Heaviside(x)`` means H(0) = ½ to SymPy. The catalogue states every kink convention
  explicitly with the second argument, and that is what is printed:
  ``Heaviside(x, 0)`` (the indicator 1{x > 0}, so H(0) = 0, the seeds' rect'(0) = 0) is
  ``(x > 0)`` and ``Heaviside(x, 1)`` (1{x ≥ 0}, LeakyReLU'(0) = 1) is ``(x >= 0)``;
  any other value at 0 goes through ``np.heaviside(x, h0)`` unchanged;
- ``RowSoftmax`` / ``ColSoftmax`` become calls of the module's max-shifted helpers
  ``_row_softmax`` / ``_col_softmax`` (stable: softmax is shift-invariant, identity
  ``softmax-shift-invariance``), and ``log`` of a softmax becomes ``_row_log_softmax`` /
  ``_col_log_softmax`` (log-sum-exp with the max taken out);
- a named function (σ, softplus, rect, LeakyReLU, sign, |x| ...) prints as the ``numpy_code`` of
  its record in derive.functions: softplus is ``np.logaddexp(0, x)`` (never overflows) and σ is
  ``np.exp(-np.logaddexp(0, -x))`` = e^{−softplus(−x)} (identity ``log-sigmoid-softplus``; no
  overflow, and full relative accuracy in both tails, which 0.5·(tanh(x/2) + 1) lacks below −37).

Matrix products print as ``@``, transposes as ``.T``, Hadamard products as ``*``; a column of
ones times a row (``1 b1ᵀ``) prints as the row alone and relies on NumPy broadcasting inside
the sum it belongs to; products with a vector of ones print as sums along an axis.

Sub-expressions already computed by the template (z2, a2, z3, P, ∂J/∂z3 …) are passed in
``names`` and printed as those local variables, so the printed backward pass reuses the forward
pass instead of recomputing it (a common-subexpression table keyed on exact SymPy equality).
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.matrices.expressions.special import OneMatrix
from sympy.printing.numpy import NumPyPrinter

from derive.functions import FUNCTIONS

__all__ = ["ReferencePrinter", "numpy_code", "CodegenError"]


class CodegenError(ValueError):
    """An expression has no faithful NumPy form here (the template must not guess one)."""


class ReferencePrinter(NumPyPrinter):
    """NumPy code for the catalogue's matrix expressions, with ``np.`` as the module prefix."""

    def __init__(self, names: Mapping[sp.Basic, str] | None = None) -> None:
        super().__init__({"fully_qualified_modules": True, "strict": True})
        self._names: dict[sp.Basic, str] = dict(names or {})

    # ------------------------------------------------------------------ plumbing

    def _module_format(self, fqn: str, register: bool = True) -> str:
        text = super()._module_format(fqn, register)
        return "np." + text[len("numpy."):] if text.startswith("numpy.") else text

    def _print(self, expr, **kwargs) -> str:
        # Named sub-expressions first: exact structural equality, so nothing is guessed.
        name = self._names.get(expr)
        if name is not None:
            return name
        record = FUNCTIONS.for_node(type(expr))
        if record is not None and record.numpy_code is not None:
            # The named function's stable NumPy form, from its one record (derive.functions).
            return record.code([self._print(a) for a in expr.args], [self._wrap(a) for a in expr.args])
        return super()._print(expr, **kwargs)

    def _is_atom(self, expr: sp.Basic) -> bool:
        """Printed without surrounding parentheses inside a product or sum."""
        if expr in self._names:
            return True
        if isinstance(expr, (sp.MatrixSymbol, sp.Symbol)):
            return True
        if isinstance(expr, sp.Integer):
            return bool(expr >= 0)
        if isinstance(expr, sp.Transpose):
            return self._is_atom(expr.arg)
        return False

    def _wrap(self, expr: sp.Basic) -> str:
        text = self._print(expr)
        return text if self._is_atom(expr) or _is_call(text) else f"({text})"

    # ------------------------------------------------------------------ matrices

    def _print_Transpose(self, expr) -> str:
        return f"{self._wrap(expr.arg)}.T"

    def _print_MatMul(self, expr) -> str:
        coeff, factors = expr.as_coeff_matrices()
        factors = list(factors)
        code = self._matmul_chain(factors)
        return self._scale(coeff, code, factors)

    def _matmul_chain(self, factors: list[sp.Basic]) -> str:
        # 1ᵀ M (1×n ones on the left): column sums; M 1: row sums. Keep the matrix shape.
        if len(factors) >= 2 and isinstance(factors[0], OneMatrix) and factors[0].shape[0] == 1:
            rest = self._matmul_chain(factors[1:]) if len(factors) > 2 else self._wrap(factors[1])
            rest = rest if len(factors) == 2 or _is_call(rest) else f"({rest})"
            return f"{rest}.sum(axis=0, keepdims=True)"
        if len(factors) >= 2 and isinstance(factors[-1], OneMatrix) and factors[-1].shape[1] == 1:
            rest = self._matmul_chain(factors[:-1]) if len(factors) > 2 else self._wrap(factors[0])
            rest = rest if len(factors) == 2 or _is_call(rest) else f"({rest})"
            return f"{rest}.sum(axis=1, keepdims=True)"
        if len(factors) == 2 and isinstance(factors[0], OneMatrix) and factors[0].shape[1] == 1:
            # 1 rᵀ: an outer product with ones is the row broadcast over the batch.
            return self._wrap(factors[1])
        return " @ ".join(self._wrap(f) for f in factors)

    def _scale(self, coeff: sp.Expr, code: str, factors: list[sp.Basic]) -> str:
        if coeff == 1:
            return code
        if coeff == -1:
            return f"-{code}" if len(factors) == 1 else f"-({code})"
        if len(factors) > 1:
            code = f"({code})"
        num, den = sp.fraction(coeff)
        if num == 1:
            return f"{code} / {self._wrap(den)}"
        if num == -1:
            return f"-{code} / {self._wrap(den)}"
        # A product of scalars needs no parentheses: ``2*lam * W`` is evaluated left to right.
        coeff_code = self._print(coeff) if isinstance(coeff, sp.Mul) and not coeff.has(sp.Add) else self._wrap(coeff)
        return f"{coeff_code} * {code}"

    def _print_MatAdd(self, expr) -> str:
        # Canonical argument order is deterministic (SymPy sorts it), so the text is too.
        parts: list[str] = []
        # A zero matrix adds nothing (the "none" penalty's gradient); the shape comes from
        # the other terms.
        terms = [t for t in expr.args if not isinstance(t, sp.ZeroMatrix)] or list(expr.args[:1])
        for term in terms:
            text = self._print(term)
            if parts and text.startswith("-"):
                parts.append(f"- {text[1:]}")
            elif parts:
                parts.append(f"+ {text}")
            else:
                parts.append(text)
        return " ".join(parts)

    def _print_HadamardProduct(self, expr) -> str:
        return " * ".join(self._wrap(f) for f in expr.args)

    def _print_ElementwiseApplyFunction(self, expr) -> str:
        lam = expr.function
        (var,) = lam.variables
        kind = type(expr.expr).__name__
        if lam.expr == sp.log(var) and kind in ("RowSoftmax", "ColSoftmax"):
            # log ψ(Z) from the logits by log-sum-exp, never log of a rounded probability.
            helper = "_row_log_softmax" if kind == "RowSoftmax" else "_col_log_softmax"
            return f"{helper}({self._print(expr.expr.arg)})"
        arg_code = self._wrap(expr.expr)
        stand_in = sp.Dummy("arg", real=True)
        body = lam.expr.xreplace({var: stand_in})
        inner = ReferencePrinter({**self._names, stand_in: arg_code})
        code = inner._print(body)
        self.module_imports.update(inner.module_imports)
        return code

    def _print_OneMatrix(self, expr) -> str:
        rows, cols = expr.shape
        return f"np.ones(({self._print(rows)}, {self._print(cols)}))"

    def _print_ZeroMatrix(self, expr) -> str:
        rows, cols = expr.shape
        return f"np.zeros(({self._print(rows)}, {self._print(cols)}))"

    def _print_Trace(self, expr) -> str:
        arg = expr.arg
        # tr(WᵀW) = ‖W‖²_F, the squared L2 norm of the seeds: an element-wise sum of squares.
        # tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ: an element-wise sum, never the O(n³) product. SymPy writes
        # the seeds' 1ᵀ(Δ ⊙ log P)1 and ‖W‖² = tr(WᵀW) in this form.
        if isinstance(arg, sp.MatMul):
            coeff, factors = arg.as_coeff_matrices()
            if len(factors) == 2 and isinstance(factors[0], sp.Transpose):
                a, b = factors[0].arg, factors[1]
                code = f"{self._wrap(a)} * {self._wrap(b)}" if a != b else f"{self._wrap(b)} * {self._wrap(b)}"
                return self._scale(coeff, f"np.sum({code})", [a])
        return f"np.trace({self._print(arg)})"

    def _print_MatrixElement(self, expr) -> str:
        parent = expr.parent
        # 1ᵀ M 1 (the seeds' Σᵢⱼ): the sum of all entries.
        if isinstance(parent, sp.MatMul):
            coeff, factors = parent.as_coeff_matrices()
            if (
                coeff == 1
                and len(factors) == 3
                and isinstance(factors[0], OneMatrix)
                and isinstance(factors[2], OneMatrix)
                and factors[0].shape[0] == 1
                and factors[2].shape[1] == 1
            ):
                return f"np.sum({self._print(factors[1])})"
        return f"{self._wrap(parent)}[{self._print(expr.i)}, {self._print(expr.j)}]"

    # ------------------------------------------------------------------ functions

    def _print_Heaviside(self, expr) -> str:
        if len(expr.args) != 2:
            raise CodegenError("Heaviside without an explicit value at 0: the convention at the kink must be stated")
        x, h0 = expr.args
        code = self._wrap(x)
        if h0 == 0:
            return f"({code} > 0)"
        if h0 == 1:
            return f"({code} >= 0)"
        return f"np.heaviside({code}, {self._print(h0)})"

    def _print_RowSoftmax(self, expr) -> str:
        return f"_row_softmax({self._print(expr.arg)})"

    def _print_ColSoftmax(self, expr) -> str:
        return f"_col_softmax({self._print(expr.arg)})"

    def _print_log(self, expr) -> str:
        arg = expr.args[0]
        kind = type(arg).__name__
        if kind == "RowSoftmax":
            return f"_row_log_softmax({self._print(arg.arg)})"
        if kind == "ColSoftmax":
            return f"_col_log_softmax({self._print(arg.arg)})"
        return f"np.log({self._print(arg)})"

    def _print_Pow(self, expr, rational=False) -> str:
        base, exp = expr.args
        if exp == -1:
            return f"1 / {self._wrap(base)}"
        if exp == 2:
            b = self._wrap(base)
            return f"{b} * {b}"
        return super()._print_Pow(expr, rational=rational)


def _is_call(text: str) -> bool:
    """``f(...)`` or ``(...)`` spanning the whole text: safe to use as a factor as is."""
    if not text.endswith(")"):
        return False
    depth = 0
    opened = text.find("(")
    if opened < 0:
        return False
    head = text[:opened]
    if head and not all(c.isalnum() or c in "._" for c in head):
        return False
    for k, c in enumerate(text[opened:], start=opened):
        depth += c == "("
        depth -= c == ")"
        if depth == 0 and k != len(text) - 1:
            return False
    return True


def numpy_code(expr: sp.Basic, names: Mapping[sp.Basic, str] | None = None) -> str:
    """One expression as NumPy code, named sub-expressions printed as their names."""
    return ReferencePrinter(names).doprint(expr)
