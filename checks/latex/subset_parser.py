r"""Read the normaliser's LaTeX subset into SymPy, in place of ``parse_latex``.

The normaliser (:mod:`derive.checks.latex.normalize`) hands on only a small, closed subset of
LaTeX: placeholders ``v_{N}`` (names), ``f_{N}(…)``/``g_{N}(…)``/``h_{N}(…)``/``p_{N}(…)``/
``s_{N}(…)`` (functions, derivatives, indicators, cases, sums), numbers, ``+ - \cdot /``,
``^{…}``, ``\frac{…}{…}``, ``\sqrt[n]{…}``, ``\left( … \right)`` and ``\left(| … |\right)``.
SymPy's ANTLR ``parse_latex`` spent about 95 % of seed 001's 17 s predicting its way through
that subset; this recursive-descent reader does the same work in microseconds.

Precedence follows ``parse_latex`` exactly (measured): an implicit product binds tighter
than ``\cdot`` and ``/`` (``a / b c`` is a/(bc)), a unary minus covers the implicit product
after it, and ``\cdot``/``/`` are left-associative. Nothing is evaluated: the reader builds
SymPy objects from tokens; names become ``Symbol``, calls ``Function``.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

__all__ = ["SubsetSyntaxError", "parse_subset"]

_TOKEN = re.compile(
    r"\s*(?:(?P<ph>[vfghpsl]_\{\d+\})|(?P<num>\d+(?:\.\d+)?)|(?P<cmd>\\left\(\||\|\\right\)|\\left\(|\\right\)|\\frac|\\sqrt|\\cdot)"
    r"|(?P<sym>[-+/^,()\[\]{}]))"
)


class SubsetSyntaxError(ValueError):
    """The text is not in the normaliser's subset (a bug upstream, or hostile input)."""


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise SubsetSyntaxError(f"unexpected {text[pos : pos + 12]!r}")
        out.append(m.group(m.lastgroup or "sym"))
        pos = m.end()
    return out


class _Reader:
    def __init__(self, toks: list[str]) -> None:
        self.toks = toks
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        t = self.peek()
        if t is None or (expected is not None and t != expected):
            raise SubsetSyntaxError(f"expected {expected or 'more input'}, found {t!r}")
        self.i += 1
        return t

    # additive := mp (('+'|'-') mp)*
    def additive(self) -> Any:
        value = self.mp()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.mp()
            value = sp.Add(value, right if op == "+" else _neg(right), evaluate=False)
        return value

    # mp := unary (('\cdot'|'/') unary)*   (left-associative, as parse_latex)
    def mp(self) -> Any:
        value = self.unary()
        while self.peek() in (r"\cdot", "/"):
            op = self.take()
            right = self.unary()
            value = sp.Mul(value, right if op == r"\cdot" else _inv(right), evaluate=False)
        return value

    # unary := ('+'|'-') unary | postfix+
    def unary(self) -> Any:
        if self.peek() in ("+", "-"):
            sign = self.take()
            inner = self.unary()
            return _neg(inner) if sign == "-" else inner
        factors = [self.postfix()]
        while self.peek() is not None and self.peek() not in (
            "+",
            "-",
            r"\cdot",
            "/",
            ",",
            ")",
            r"\right)",
            "]",
            "}",
            r"|\right)",
        ):
            factors.append(self.postfix())
        return factors[0] if len(factors) == 1 else sp.Mul(*factors, evaluate=False)

    def postfix(self) -> Any:
        value = self.atom()
        while self.peek() == "^":
            self.take()
            value = sp.Pow(value, self.group(), evaluate=False)
        return value

    def group(self) -> Any:
        """A braced group, or a single number or placeholder (x^2)."""
        if self.peek() == "{":
            self.take()
            value = self.additive()
            self.take("}")
            return value
        return self.atom()

    def atom(self) -> Any:
        t = self.take()
        if t in (r"\left(", "("):
            value = self.additive()
            self.take(r"\right)" if t == r"\left(" else ")")
            return value
        if t == "{":
            value = self.additive()
            self.take("}")
            return value
        if t == r"\left(|":
            value = self.additive()
            self.take(r"|\right)")
            return sp.Abs(value, evaluate=False)
        if t == r"\frac":
            num = self.group()
            den = self.group()
            return sp.Mul(num, _inv(den), evaluate=False)
        if t == r"\sqrt":
            return self.root()
        if re.fullmatch(r"\d+(\.\d+)?", t):
            return sp.Rational(t)
        if t[0] == "v":
            return sp.Symbol(t)
        if t[0] in "fghpsl":
            return self.call(t)
        raise SubsetSyntaxError(f"unexpected {t!r}")

    def root(self) -> Any:
        index: Any = 2
        if self.peek() == "[":
            self.take()
            index = self.additive()
            self.take("]")
        return sp.Pow(self.group(), _inv(index), evaluate=False)

    def call(self, name: str) -> Any:
        opener = self.take()
        if opener not in (r"\left(", "("):
            raise SubsetSyntaxError(f"{name} without its argument")
        closer = r"\right)" if opener == r"\left(" else ")"
        args = [self.additive()]
        while self.peek() == ",":
            self.take()
            args.append(self.additive())
        self.take(closer)
        return sp.Function(name)(*args)


def _neg(value: Any) -> Any:
    return sp.Mul(sp.Integer(-1), value, evaluate=False)


def _inv(value: Any) -> Any:
    # Unevaluated: 1/0 and 9^{9^{9}} must reach the converter's checks, not be computed here.
    return sp.Pow(value, sp.Integer(-1), evaluate=False)


def parse_subset(text: str) -> Any:
    """The SymPy expression of ``text`` (placeholders kept as Symbol/Function objects)."""
    reader = _Reader(_tokens(text))
    if reader.peek() is None:
        raise SubsetSyntaxError("empty expression")
    value = reader.additive()
    if reader.peek() is not None:
        raise SubsetSyntaxError(f"unexpected {reader.peek()!r} after a complete expression")
    return value
