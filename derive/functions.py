"""The seeds' functions as SymPy objects, each with its derivative and its rewrite to exp.

Conventions at kinks are stated here once and used everywhere:
- ``step(x)`` is the indicator 1{x > 0}, i.e. ``Heaviside(x, 0)``: value 0 at 0 (the seeds'
  rect'(0) = 0). SymPy's default H(0) = 1/2 is never used.
- ``sign(0) = 0`` (SymPy's ``sign``), the seeds' convention for abs'(0).
- ``leaky_relu_prime(z, α)`` is 1 for z >= 0 and α for z < 0 (001 Q2(l)).
"""

from __future__ import annotations

import sympy as sp
from sympy import Function, Heaviside, Piecewise, exp, log, tanh

__all__ = [
    "leaky_relu",
    "leaky_relu_prime",
    "relu",
    "sigmoid",
    "softmax",
    "softplus",
    "step",
    "SEED_FUNCTIONS",
]


def step(x: sp.Expr) -> sp.Expr:
    """The indicator 1{x > 0}, with the value 0 at 0 made explicit."""
    return Heaviside(x, 0)


class sigmoid(Function):  # noqa: N801 - named as printed in the seeds
    """The logistic function σ(x) = 1 / (1 + e^{-x})."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return sp.S.Half

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return 1 / (1 + exp(-x))

    def _eval_rewrite_as_tanh(self, x, **kwargs):
        return (tanh(x / 2) + 1) / 2

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        return (1 / (1 + exp(-self.args[0])))._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        tex = r"\sigma\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"{\left(%s\right)}^{%s}" % (tex, exp)


class softplus(Function):  # noqa: N801
    """softplus(x) = ln(1 + e^x)."""

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_zero:
            return log(2)

    def fdiff(self, argindex=1):
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, x, **kwargs):
        return log(1 + exp(x))

    def _eval_rewrite_as_log(self, x, **kwargs):
        return log(1 + exp(x))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return self.args[0].is_real

    def _eval_evalf(self, prec):
        return log(1 + exp(self.args[0]))._eval_evalf(prec)

    def _latex(self, printer, exp=None):
        tex = r"\operatorname{softplus}\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"{\left(%s\right)}^{%s}" % (tex, exp)


class relu(Function):  # noqa: N801
    """rect(x) = max(0, x). Its derivative is step(x) = 1{x > 0} (the seeds' rect'(0) = 0).

    It stays an opaque function for symbolic x so that chain-rule proofs keep the mask
    1{z > 0} as a factor; it evaluates on numbers and on symbols of known sign, which is
    what the case-split proofs use.
    """

    nargs = 1

    @classmethod
    def eval(cls, x):
        if x.is_nonnegative:
            return x
        if x.is_nonpositive:
            return sp.S.Zero

    def fdiff(self, argindex=1):
        return step(self.args[0])

    def _eval_rewrite_as_Piecewise(self, x, **kwargs):
        return Piecewise((x, x > 0), (0, True))

    def _eval_rewrite_as_Max(self, x, **kwargs):
        return sp.Max(0, x)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_nonnegative(self):
        return True if self.args[0].is_real else None

    def _latex(self, printer, exp=None):
        tex = r"\operatorname{rect}\left(%s\right)" % printer._print(self.args[0])
        return tex if exp is None else r"{\left(%s\right)}^{%s}" % (tex, exp)


class leaky_relu(Function):  # noqa: N801
    """LeakyReLU_α(z) = z for z >= 0, αz for z < 0, with 0 < α < 1."""

    nargs = 2

    @classmethod
    def eval(cls, z, alpha):
        if z.is_nonnegative:
            return z
        if z.is_negative:
            return alpha * z

    def fdiff(self, argindex=1):
        z, alpha = self.args
        if argindex == 1:
            return leaky_relu_prime(z, alpha)
        return Piecewise((0, z >= 0), (z, True))

    def _eval_rewrite_as_Piecewise(self, z, alpha, **kwargs):
        return Piecewise((z, z >= 0), (alpha * z, True))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _latex(self, printer, exp=None):
        z, alpha = self.args
        tex = r"\operatorname{LeakyReLU}_{%s}\left(%s\right)" % (printer._print(alpha), printer._print(z))
        return tex if exp is None else r"{\left(%s\right)}^{%s}" % (tex, exp)


def leaky_relu_prime(z: sp.Expr, alpha: sp.Expr) -> sp.Expr:
    """LeakyReLU_α'(z) = 1 if z >= 0 else α (001 Q2(l)), i.e. α + (1 − α)·1{z ≥ 0}."""
    return alpha + (1 - alpha) * Heaviside(z, 1)


def softmax(xs: sp.Matrix | list) -> sp.Matrix:
    """S(x)_i = e^{x_i} / Σ_j e^{x_j} for an explicit vector, as a column."""
    xs = list(xs)
    total = sp.Add(*[exp(x) for x in xs])
    return sp.Matrix([exp(x) / total for x in xs])


#: The functions a user may name in ``derive check`` and in LaTeX notation files,
#: mapped to the SymPy callables that build them. Kept in one table so the expression
#: parser, the LaTeX checker and the printers agree on names.
SEED_FUNCTIONS: dict[str, object] = {
    "sigmoid": sigmoid,
    "σ": sigmoid,
    "softplus": softplus,
    "relu": relu,
    "rect": relu,
    "leaky_relu": leaky_relu,
    "step": step,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "Abs": sp.Abs,
    "sign": sp.sign,
    "max": sp.Max,
    "min": sp.Min,
    # 1{x > 0} with the value 0 at 0: SymPy's own Heaviside defaults to 1/2 there.
    "heaviside": step,
}
