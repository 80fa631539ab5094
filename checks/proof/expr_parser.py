"""A whitelisting parser for user-typed expressions ("sigmoid(x)", "(tanh(x/2) + 1)/2").

User strings are untrusted data. They are never given to ``eval``, ``sympify`` or
``parse_expr`` (all of which execute Python). Instead Python's own ``ast`` module parses the
text (parsing runs no code) and ``TreeBuilder`` walks the tree, turning an explicit whitelist of
node types into SymPy objects and rejecting everything else with a ``DeriveError`` that names
the offending construct and its column:

- ``Expression``; ``BinOp`` with ``+ - * / **``; ``UnaryOp`` ``-`` and ``+``;
- ``Call`` of a name from the function table (``derive.functions.SEED_FUNCTIONS``) with
  positional arguments only, and the right number of them;
- ``Call`` of ``diff(f, x)``, ``diff(f, x, n)``, ``diff(f, x, y)``: a derivative, taken by
  SymPy's ``diff`` (variables as names, orders as integer constants, total order at most
  ``MAX_DIFF_ORDER``);
- ``Name``: a variable (ASCII letter first, then letters, digits, ``_``; no leading
  underscore), or one of the constants ``pi``, ``E`` and ``e`` (Euler's number);
- ``Constant``: ``int`` and finite ``float`` (converted exactly from its decimal text:
  ``0.1`` is 1/10);
- ``Compare`` only in assumptions (derive.checks.proof.assumptions): ``x > 0``, ``0 < alpha < 1``,
  ``x != 0``.

``^`` is read as a power, with the precedence of ``**`` (so ``x^2 + 1`` is x² + 1, not
Python's ``x ^ 3``): the text is re-tokenised and each ``^`` operator becomes ``**`` before
parsing. Columns in messages refer to the text as typed.

Limits keep hostile input from hanging the process: the text length, the nesting depth and
the node count of the tree, and powers (an exponent of at most ``MAX_EXPONENT`` in absolute
value, at most ``MAX_POWER_BITS`` bits of numbers raised by it, and roots only of numbers
of at most ``MAX_ROOT_BITS`` bits), checked before SymPy evaluates the power, so
``9**9**9**9`` is an error, not a hang. The command line also runs the parse under its
time limit, as a backstop.
"""

from __future__ import annotations

import ast
import inspect
import re
import unicodedata
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy as sp
from derive.checks.proof.domains import Domain

from derive.errors import DeriveError
from derive.functions import SEED_FUNCTIONS

__all__ = [
    "CONSTANTS",
    "Domain",
    "ExpressionParser",
    "DIFF",
    "MAX_DEPTH",
    "MAX_DIFF_ORDER",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_NODES",
    "MAX_POWER_BITS",
    "MAX_ROOT_BITS",
    "TreeBuilder",
    "VARIABLE_NAME",
    "parse_expression",
    "parse_tree",
    "shorten",
]

MAX_LENGTH = 2000
MAX_DEPTH = 60
MAX_NODES = 1000
MAX_EXPONENT = 1000
MAX_POWER_BITS = 100_000
MAX_ROOT_BITS = 512
MAX_BOUND = 1e12
MAX_DIFF_ORDER = 8
#: The one name that is not a function of the table: diff(f, x, ...) states a derivative.
DIFF = "diff"

#: Names that stand for numbers, not variables.
CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "E": sp.E, "e": sp.E}

VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

#: Arity (min, max) of the table's functions; None for "any number ≥ min". Functions added to
#: the table later get theirs from SymPy's ``nargs`` or the Python signature.
_ARITY: dict[str, tuple[int, int | None]] = {
    "leaky_relu": (2, 2),
    "log": (1, 2),
    "ln": (1, 2),
    "heaviside": (1, 2),
    "max": (1, None),
    "min": (1, None),
    "step": (1, 1),
    "sqrt": (1, 1),
}

_BINOPS: dict[type, Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}

#: What the user wrote, in words, for the rejected node types people actually try.
_DESCRIBE: dict[type, str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "subscript",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "generator expression",
    ast.List: "list",
    ast.Tuple: "tuple",
    ast.Set: "set",
    ast.Dict: "dict",
    ast.JoinedStr: "f-string",
    ast.FormattedValue: "f-string",
    ast.Starred: "starred argument",
    ast.IfExp: "conditional expression",
    ast.BoolOp: "boolean operator",
    ast.Compare: "comparison",
    ast.NamedExpr: "assignment expression",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
    ast.Slice: "slice",
}


def _columns(text: str) -> tuple[str, list[int]]:
    """Replace each ``^`` operator by ``**``; return the new text and, for each of its
    characters, the column (0-based) of the character it came from in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == "^":
            out.append("**")
            origin += [i, i]
        else:
            out.append(ch)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


def _bits(expr: sp.Expr) -> int:
    """Bits of the rational numbers in ``expr``: what raising it to a power multiplies."""
    total = 0
    for number in expr.atoms(sp.Rational):
        total += int(number.p).bit_length() + int(number.q).bit_length()
    return max(total, 1)


@dataclass
class ExpressionParser:
    """Parses expressions over one shared table of variables.

    ``symbols`` maps names to SymPy symbols; a name not in it becomes a new real symbol
    (or one with the assumptions of ``domains[name]``), shared by every later parse, so
    the two sides of a claim speak about the same x.
    """

    functions: Mapping[str, Callable[..., sp.Expr]] = field(default_factory=lambda: dict(SEED_FUNCTIONS))
    symbols: dict[str, sp.Symbol] = field(default_factory=dict)
    domains: Mapping[str, Domain] = field(default_factory=dict)

    def parse(self, text: str, *, what: str = "expression") -> sp.Expr:
        """Parse ``text`` into a SymPy expression or raise ``DeriveError`` (one line)."""
        tree, source, origin = parse_tree(text, what)
        builder = TreeBuilder(self, what, source, origin)
        expr = builder.build(tree.body)
        if isinstance(expr, sp.Expr) and expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise DeriveError(f"{what}: {text.strip()!r} is undefined (a division by zero or log(0)?)")
        return expr

    def symbol(self, name: str) -> sp.Symbol:
        if name not in self.symbols:
            domain = self.domains.get(name, Domain())
            self.symbols[name] = sp.Symbol(name, **domain.assumptions())
        return self.symbols[name]

    def arity(self, name: str) -> tuple[int, int | None]:
        if name in _ARITY:
            return _ARITY[name]
        func = self.functions[name]
        nargs = getattr(func, "nargs", None)
        if isinstance(nargs, sp.FiniteSet):
            values = sorted(int(n) for n in nargs)
            return values[0], values[-1]
        if nargs is not None:  # Naturals0: variadic
            return 1, None
        params = [
            p
            for p in inspect.signature(func).parameters.values()
            if p.default is p.empty and p.kind == p.POSITIONAL_OR_KEYWORD
        ]
        return len(params), len(params)


def parse_tree(text: str, what: str) -> tuple[ast.Expression, str, list[int]]:
    """Parse to a checked tree; also the text parsed and the typed column of each of its characters."""
    if not isinstance(text, str):
        raise DeriveError(f"{what}: expected text, got {type(text).__name__}")
    if not text.strip():
        raise DeriveError(f"{what}: empty expression")
    if len(text) > MAX_LENGTH:
        raise DeriveError(f"{what}: expression is {len(text)} characters long; the limit is {MAX_LENGTH}")
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch != "\t":
            raise DeriveError(f"{what}: control character {ch!r} at column {i + 1}")
    if "#" in text:  # Python would silently drop the rest of the line as a comment
        raise DeriveError(f"{what}: '#' (a comment) is not allowed at column {text.index('#') + 1}")
    # Leading blanks would be an IndentationError; drop them and shift the columns.
    shift = len(text) - len(text.lstrip())
    source, origin = _columns(text[shift:])
    origin = [c + shift for c in origin]
    try:
        # "1e3x" makes the tokenizer warn (SyntaxWarning) on stderr: a second line.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        offset = min(max((exc.offset or 1) - 1, 0), len(origin) - 1)
        reason = (exc.msg or "invalid syntax").split(" (")[0]
        raise DeriveError(
            f"{what}: cannot parse {shorten(text.strip(), 60)!r}: {reason} at column {origin[offset] + 1}"
        ) from None
    except (RecursionError, MemoryError):
        raise DeriveError(f"{what}: expression nested too deeply") from None
    except ValueError as exc:  # e.g. null bytes on older Pythons
        raise DeriveError(f"{what}: cannot parse: {exc}") from None
    _check_size(tree, what)
    return tree, source, origin


def _check_size(tree: ast.AST, what: str) -> None:
    """Depth and node count, measured without recursion (the tree may be deep)."""
    stack: list[tuple[ast.AST, int]] = [(tree, 0)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH:
            raise DeriveError(f"{what}: expression nested too deeply (more than {MAX_DEPTH} levels)")
        if count > MAX_NODES:
            raise DeriveError(f"{what}: expression too large (more than {MAX_NODES} syntax nodes)")
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))


class TreeBuilder:
    """One walk over one tree; every method either returns SymPy or raises DeriveError."""

    def __init__(self, parser: ExpressionParser, what: str, source: str, origin: list[int]) -> None:
        self.parser = parser
        self.what = what
        self.lines = source.splitlines() or [""]
        self.origin = origin

    # -- errors ------------------------------------------------------------------------

    def column(self, node: ast.AST) -> int:
        # ast offsets count UTF-8 bytes; convert to characters of the (rewritten) text.
        # Control characters (newlines included) are refused up front, so there is one line.
        offset = getattr(node, "col_offset", 0) or 0
        chars = len(self.lines[0].encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        return self.origin[min(chars, len(self.origin) - 1)] + 1

    def fail(self, node: ast.AST, message: str) -> DeriveError:
        return DeriveError(f"{self.what}: {message} at column {self.column(node)}")

    # -- nodes -------------------------------------------------------------------------

    def build(self, node: ast.AST) -> sp.Expr:
        try:
            return self._build(node)
        except DeriveError:
            raise
        except RecursionError:
            raise DeriveError(f"{self.what}: expression nested too deeply") from None
        except Exception as exc:  # noqa: BLE001 - SymPy evaluating e.g. max(3/2, softplus(1))
            message = " ".join(str(exc).split())[:120]
            raise self.fail(node, f"SymPy cannot evaluate this ({type(exc).__name__}: {message})") from None

    def _build(self, node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        kind = _DESCRIBE.get(type(node), f"{type(node).__name__} syntax")
        raise self.fail(node, f"{kind} is not allowed")

    def binop(self, node: ast.BinOp) -> sp.Expr:
        op = type(node.op)
        if op is ast.Pow:
            return self.power(node)
        if op not in _BINOPS:
            symbol = {
                ast.FloorDiv: "//",
                ast.Mod: "%",
                ast.MatMult: "@",
                ast.BitAnd: "&",
                ast.BitOr: "|",
                ast.LShift: "<<",
                ast.RShift: ">>",
            }.get(op, op.__name__)
            raise self.fail(node, f"operator '{symbol}' is not allowed (use + - * / ** or ^)")
        return _BINOPS[op](self.build(node.left), self.build(node.right))

    def power(self, node: ast.BinOp) -> sp.Expr:
        return self.checked_power(node, self.build(node.left), self.build(node.right))

    def checked_power(self, node: ast.AST, base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
        if exponent.is_Rational:
            if abs(exponent.p) > MAX_EXPONENT or exponent.q > MAX_EXPONENT:
                raise self.fail(node, f"exponent {shorten(exponent)} is too large (limit {MAX_EXPONENT})")
            if _bits(base) * abs(exponent) > MAX_POWER_BITS:
                raise self.fail(node, f"power {shorten(base)}**{shorten(exponent)} is too large to evaluate")
            if exponent.q != 1 and _bits(base) > MAX_ROOT_BITS:
                # SymPy looks for perfect powers and small factors of the radicand: seconds
                # to minutes for numbers of a few hundred digits.
                raise self.fail(
                    node, f"root of {shorten(base)}, a number of more than {MAX_ROOT_BITS} bits, is not supported"
                )
        elif exponent.is_number and base.is_number and base.has(sp.Pow) and exponent.has(sp.Pow):
            # A numeric tower with an irrational exponent: keep it unevaluated.
            return sp.Pow(base, exponent, evaluate=False)
        return sp.Pow(base, exponent)

    def unary(self, node: ast.UnaryOp) -> sp.Expr:
        if isinstance(node.op, ast.USub):
            return -self.build(node.operand)
        if isinstance(node.op, ast.UAdd):
            return self.build(node.operand)
        kind = "'not'" if isinstance(node.op, ast.Not) else "'~'"
        raise self.fail(node, f"operator {kind} is not allowed")

    def call(self, node: ast.Call) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            kind = _DESCRIBE.get(type(node.func), "an expression")
            raise self.fail(node, f"only named functions can be called, not {kind}")
        name = node.func.id
        if name not in self.parser.functions and name != DIFF:
            known = ", ".join(sorted([*self.parser.functions, DIFF]))
            raise DeriveError(f"{self.what}: unknown function {name!r} at column {self.column(node)}; known: {known}")
        if node.keywords:
            keyword = node.keywords[0]
            label = f"keyword argument '{keyword.arg}='" if keyword.arg else "'**' argument"
            raise self.fail(keyword, f"{label} is not allowed in {name}()")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, f"starred argument is not allowed in {name}()")
        if name == DIFF:
            return self.derivative(node)
        low, high = self.parser.arity(name)
        count = len(node.args)
        if count < low or (high is not None and count > high):
            wanted = (
                f"{low}"
                if low == high
                else f"at least {low}"
                if high is None
                else f"{low} or {high}"
                if high == low + 1
                else f"{low} to {high}"
            )
            raise self.fail(node, f"{name}() takes {wanted} argument{'s' if wanted != '1' else ''}, got {count}")
        args = [self.build(arg) for arg in node.args]
        func = self.parser.functions[name]
        if func is sp.sqrt:  # a power: the same limits apply
            return self.checked_power(node, args[0], sp.S.Half)
        return func(*args)

    def derivative(self, node: ast.Call) -> sp.Expr:
        """diff(f, x), diff(f, x, n), diff(f, x, y), diff(f, x, 2, y): SymPy's ``diff`` of the
        parsed f (each named function carries its derivative), with variables as names and
        orders as positive integers, at most ``MAX_DIFF_ORDER`` in all."""
        if len(node.args) < 2:
            raise self.fail(
                node,
                f"{DIFF}() takes an expression and at least one variable, got {len(node.args)} argument"
                + ("s" if len(node.args) != 1 else ""),
            )
        spec: list[sp.Expr] = []
        for arg in node.args[1:]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, int) and not isinstance(arg.value, bool):
                if not spec or isinstance(spec[-1], sp.Integer) or not 1 <= arg.value <= MAX_DIFF_ORDER:
                    raise self.fail(
                        arg, f"an order in {DIFF}() follows a variable and is an integer from 1 to {MAX_DIFF_ORDER}"
                    )
                spec.append(sp.Integer(arg.value))
            elif (
                isinstance(arg, ast.Name)
                and arg.id not in CONSTANTS
                and arg.id not in self.parser.functions
                and arg.id != DIFF
            ):
                spec.append(self.name(arg))
            else:
                raise self.fail(
                    arg,
                    f"{DIFF}() differentiates with respect to variables (names such as x), "
                    "optionally each followed by an order",
                )
        order = sum(int(v) - 1 if isinstance(v, sp.Integer) else 1 for v in spec)
        if order > MAX_DIFF_ORDER:
            raise self.fail(node, f"derivative of total order {order}; the limit is {MAX_DIFF_ORDER}")
        result = sp.diff(self.build(node.args[0]), *spec)
        if result.has(sp.Derivative):
            raise self.fail(node, "SymPy cannot differentiate this expression in closed form")
        return result

    def name(self, node: ast.Name) -> sp.Expr:
        name = node.id
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in self.parser.functions or name == DIFF:
            raise self.fail(node, f"function {name!r} used without arguments")
        if not VARIABLE_NAME.match(name):
            raise self.fail(
                node,
                f"name {shorten(name)!r} is not allowed "
                "(a variable starts with a letter A-Z or a-z, then letters, digits or _)",
            )
        return self.parser.symbol(name)

    def constant(self, node: ast.Constant) -> sp.Expr:
        value = node.value
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise self.fail(node, f"constant {value!r} is not allowed")
        if isinstance(value, int):
            return sp.Integer(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise self.fail(node, "number out of range")
            # repr is the shortest decimal that round-trips: 0.1 stays 1/10 exactly.
            return sp.Rational(repr(value))
        if isinstance(value, complex):
            raise self.fail(node, "complex numbers are not allowed")
        kind = {str: "string", bytes: "bytes"}.get(type(value), type(value).__name__)
        raise self.fail(node, f"{kind} constant is not allowed")


def shorten(value: object, limit: int = 30) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def parse_expression(text: str, symbols: dict[str, sp.Symbol] | None = None) -> sp.Expr:
    """Parse one expression; new variables are real symbols (added to ``symbols`` if given)."""
    parser = ExpressionParser(symbols=symbols if symbols is not None else {})
    return parser.parse(text)
