r"""Homework mathematics as a typed expression tree: the notation layer of matrix steps.

Where :mod:`derive.checks.latex.normalize` reads a side as one SymPy scalar expression, this
reader keeps what a matrix step needs: names with their index subscripts (``W_{kj}^{(1)}`` is
entry (k, j) of ``W^{(1)}`` when ``W^{(1)}`` is a declared matrix), transposes (``^T``, ``^\top``,
``^{\intercal}``, ``^{\mathsf T}``, ``a^{(2)T}``), Hadamard products (``\odot``, ``\circ``),
derivatives (``\frac{\partial J}{\partial W}``, ``\frac{\partial}{\partial W}[…]``,
``\nabla_W J``, ``\partial_x f``), norms, indicators, sums with bounds and conditions
(``\sum_{k \neq i}``), Kronecker deltas and the known functions. Which product a juxtaposition
is (scalar, matrix, outer) is left to evaluation, where the shapes are known.

Precedence follows the scalar reader: an implicit product binds tighter than ``\cdot``, ``/``
and ``\odot``; a unary minus covers the implicit product after it. Nothing is evaluated here.
"""

from __future__ import annotations

from fractions import Fraction

from derive.checks.latex.entrywise_activations import primed_activation
from derive.checks.latex.notation import Notation
from derive.checks.latex.tex_tokens import Unreadable, clean_tokens, tex_tokens
from derive.checks.latex.token_rewrites import merge_word_names
from derive.checks.latex.typed_atoms import AtomsMixin
from derive.checks.latex.typed_nodes import (
    TRANSPOSES,
    Add,
    Call,
    Cond,
    Deriv,
    Index,
    Mul,
    Neg,
    Node,
    Num,
    Pow,
    Transpose,
)

__all__ = ["parse_typed", "parse_condition"]


# \oslash (Hadamard division) is "/" between equal shapes: tensor_ops divides entry by entry
_KINDS = {
    r"\cdot": "cdot", "/": "div", r"\oslash": "div", r"\odot": "hadamard", r"\circ": "hadamard", r"\otimes": "outer"
}  # fmt: skip
_STOP = {
    r"\otimes", "+", "-", r"\cdot", "/", r"\oslash", r"\odot", r"\circ", ")", "]", "}", r"\}", ",", "&", "=", "\\\\"
}  # fmt: skip


class _Reader(AtomsMixin):
    def __init__(self, text: str, notation: Notation) -> None:
        super().__init__(
            *merge_word_names(*clean_tokens(tex_tokens(text)), notation.word_names, notation.digit_names), notation
        )
        self.i = 0

    def check_power(self, arg: list[str]) -> None:
        # Transposes are read here (the scalar reader refuses them).
        if self.text_of(arg) in ("*", r"\cdot", r"\star", r"\ast", "+", "-"):
            raise Unreadable(f"a superscript {self.text_of(arg)}")

    def peek(self, ahead: int = 0) -> str | None:
        k = self.i + ahead
        return self.toks[k] if k < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        t = self.peek()
        if t is None or (expected is not None and t != expected):
            raise Unreadable(f"expected {expected or 'more'} but found {t!r}")
        self.i += 1
        return t

    def sub_reader(self, toks: list[str]) -> _Reader:
        child = _Reader("", self.notation)
        child.toks, child.spaced = toks, [False] * len(toks)
        child.row_lists = self.row_lists
        return child

    def whole(self, toks: list[str]) -> Node:
        child = self.sub_reader(toks)
        node = child.additive()
        if child.peek() is not None:
            raise Unreadable(f"unexpected {child.peek()!r}")
        return node

    # additive := mp (('+'|'-') mp)*
    def additive(self) -> Node:
        node = self.mp()
        while self.peek() in ("+", "-"):
            op = self.take()
            right = self.mp()
            node = Add(node, right if op == "+" else Neg(right))
        return node

    def mp(self) -> Node:
        node = self.unary()
        while self.peek() in _KINDS:
            kind = _KINDS[self.take()]
            node = _apply(node, self.unary(), kind)
        return node

    def unary(self) -> Node:
        if self.peek() in ("+", "-"):
            sign = self.take()
            inner = self.unary()
            return Neg(inner) if sign == "-" else inner
        factors = [self.postfix()]
        while self.peek() is not None and self.peek() not in _STOP:
            if isinstance(factors[-1], Deriv) and factors[-1].num is None:
                # ∂/∂W applies to the rest of the product.
                factors[-1] = Deriv(self.mp(), factors[-1].var)
                break
            factors.append(self.postfix())
        node = factors[0]
        for f in factors[1:]:
            node = _apply(node, f, "juxt")
        if isinstance(node, Deriv) and node.num is None:
            raise Unreadable("a derivative operator with nothing after it")
        return node

    def postfix(self) -> Node:
        node = self.atom()
        while self.peek() in ("^", "_", "'"):
            t = self.take()
            if t == "'":
                raise Unreadable("a prime on something that is not a known function")
            if t == "^" and self.peek() in ("-", "+"):
                # e^-x: the sign and the unit after it (a common Markdown shorthand for e^{-x}).
                sign = self.take()
                arg, self.i = self.read_arg(self.i)
                arg = [sign, *arg]
            else:
                arg, self.i = self.read_arg(self.i)
            if t == "_" and self.text_of(arg).strip() == "+":
                node = Call("max", (Num(Fraction(0)), node))  # [x]_+ is the positive part max(0, x)
            elif t == "_":
                node = Index(node, self.text_of(arg).replace(" ", ""))
            else:
                node = self._power(node, arg)
        return node

    def _power(self, node: Node, arg: list[str]) -> Node:
        flat = self.text_of(arg).replace(" ", "")
        if flat in TRANSPOSES or "".join(arg) in TRANSPOSES:
            return Transpose(node)
        self.check_power(arg)
        return Pow(node, self.whole(arg))


def _apply(a: Node, b: Node, kind: str) -> Node:
    if isinstance(a, Deriv) and a.num is None:
        return Deriv(b, a.var)
    if kind == "juxt" and (primed_activation(a) or primed_activation(b)):
        kind = "cdot"  # dA g'(Z): element-wise where a matrix product cannot be (entrywise_activations.py)
    return Mul(a, b, kind)


def parse_typed(text: str, notation: Notation, row_lists: bool = False) -> Node:
    """The typed tree of one side; raises Unreadable with what could not be read. With
    ``row_lists``, a list in brackets without an ellipsis is a 1×n row (row_lists.py)."""
    reader = _Reader(text, notation)
    reader.row_lists = row_lists
    try:
        node = reader.additive()
    except (IndexError, RecursionError, ValueError):
        raise Unreadable("unbalanced or too deeply nested") from None
    if reader.peek() is not None:
        raise Unreadable(f"unexpected {reader.peek()!r}")
    return node


def parse_condition(text: str, notation: Notation) -> Cond:
    """One condition such as ``i \\neq j`` (from the prose before a step)."""
    reader = _Reader(text, notation)
    try:
        return reader.condition(reader.toks)
    except (IndexError, RecursionError, ValueError):
        raise Unreadable("an unbalanced condition") from None
