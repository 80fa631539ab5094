r"""Normalise one side of a homework equation before SymPy's ``parse_latex`` sees it.

``parse_latex`` silently misreads common homework LaTeX (``\text{softplus}(x)`` becomes a
product of letters, ``o^{s}_{k}`` loses its subscript, ``\mathbf{1}_{x>0}`` becomes 1). So
this module reads the LaTeX itself, token by token, and hands ``parse_latex`` only a small,
predictable subset:

- every name (``x``, ``\alpha``, ``\mathbf{o}^s_k``, ``W^{(2)}``, ``\hat{R}``) becomes a
  placeholder symbol ``v_{N}``; what it means is kept in :class:`Normalized.symbols`;
- every known function (``\sigma``, ``\text{softplus}``, ``\operatorname{rect}``, ``\exp``,
  ``\ln``, ``\tanh`` …, and what the notation file declares) becomes a call ``f_{N}(…)``;
- ``\frac{d X}{dx}``, ``\frac{\partial X}{\partial x}`` and ``\frac{d}{dx} X`` become
  ``g_{N}(X)`` (a derivative with respect to a recorded variable);
- indicators ``\mathbf{1}_{x>0}``, ``\mathbb{1}\{x \geq 0\}`` become ``h_{N}(x - 0)``
  (Heaviside with the convention made explicit: value 0 at 0 for strict ``>``, 1 for ``\geq``);
- ``\left``/``\right``, spacing, ``\cdot``/``\times``, ``\boxed`` are dropped or unified.

Anything it cannot read (sums, norms, transposes, ``\text{if}``, set braces, a name applied
to a bracket that might be a function …) is recorded in :attr:`Normalized.problems`, and the
checker reports the step as ``unparsed`` with those reasons instead of guessing.

The bare-function rule (documented in notes/issue-5-check-latex.md): when a chain is about
one variable x (the variable of a ``d/dx`` in the chain, or its only variable), a known
one-argument function written without an argument (``\sigma``) means ``\sigma(x)``, and
``\sigma(1-\sigma)`` — a bracket that does not mention x but mentions ``\sigma`` bare —
means ``\sigma(x)\cdot(1-\sigma(x))``.

Nothing here evaluates the document's text; the notation file is read as TOML data.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import derive
from derive.errors import DeriveError

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Notation", "Normalized", "normalize", "load_notation", "identifier_name", "FUNCTION_KEYS", "DEFAULT_NOTATION"]

# Found through the derive package, not this file's location: checks/ ships as derive.checks.
DEFAULT_NOTATION = Path(derive.__file__).resolve().parent / "notation" / "default.toml"

#: Function keys a notation may name, with their number of arguments. ``softmax`` is a
#: vector function: a scalar step that applies it is unparsed (write it per index).
FUNCTION_KEYS: dict[str, int] = {
    "sigmoid": 1, "softplus": 1, "relu": 1, "step": 1, "tanh": 1, "sinh": 1, "cosh": 1,
    "exp": 1, "log": 1, "sqrt": 1, "abs": 1, "sign": 1, "heaviside": 1, "leaky_relu": 2,
    "max": 2, "min": 2, "sin": 1, "cos": 1, "softmax": 0,
}

#: Function names recognised in any document (inside \text, \operatorname, \mathrm or as
#: commands), lower-cased, mapped to keys; a notation file adds to these.
_BUILTIN_NAMES: dict[str, str] = {
    "sigmoid": "sigmoid", "softplus": "softplus", "relu": "relu", "rect": "relu", "step": "step",
    "tanh": "tanh", "sinh": "sinh", "cosh": "cosh", "exp": "exp", "log": "log", "ln": "log",
    "sqrt": "sqrt", "abs": "abs", "sign": "sign", "sgn": "sign", "heaviside": "heaviside",
    "leakyrelu": "leaky_relu", "leaky_relu": "leaky_relu", "max": "max", "min": "min",
    "sin": "sin", "cos": "cos", "softmax": "softmax",
}
_NATIVE_FUNCTION_COMMANDS = {r"\exp": "exp", r"\ln": "log", r"\log": "log", r"\tanh": "tanh", r"\sinh": "sinh",
                             r"\cosh": "cosh", r"\max": "max", r"\min": "min", r"\sin": "sin", r"\cos": "cos",
                             r"\sgn": "sign"}

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
    "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi",
    "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon",
    "Phi", "Psi", "Omega", "ell",
}
_DROP = {
    r"\left", r"\right", r"\big", r"\Big", r"\bigg", r"\Bigg", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr",
    r"\biggl", r"\biggr", r"\Biggl", r"\Biggr", r"\middle", r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad",
    r"\qquad", r"\displaystyle", r"\textstyle", r"\limits", r"\nolimits", "~", r"\nonumber", r"\notag",
}
_FONTS = {r"\mathbf", r"\boldsymbol", r"\bm", r"\mathit", r"\mathrm", r"\mathsf", r"\vec", r"\mathcal",
          r"\mathbb", r"\mathds", r"\hat", r"\widehat", r"\tilde", r"\widetilde", r"\bar", r"\overline", r"\text",
          r"\textrm", r"\textit", r"\textbf", r"\operatorname", r"\mathop", r"\mathnormal"}
#: Decorations that make a different name (R̂ is not R); other fonts are dropped.
_DECORATIONS = {r"\hat": "hat", r"\widehat": "hat", r"\tilde": "tilde", r"\widetilde": "tilde", r"\bar": "bar",
                r"\overline": "bar", r"\mathcal": "mathcal"}
_TEXT_FONTS = {r"\text", r"\textrm", r"\textit", r"\textbf", r"\operatorname", r"\mathop", r"\mathrm"}
_UNSUPPORTED = {
    r"\sum": "a sum over an index", r"\prod": "a product over an index", r"\int": "an integral",
    r"\lim": "a limit", r"\partial": "a partial derivative in a form not read", r"\nabla": "a gradient ∇",
    r"\dots": "an ellipsis", r"\cdots": "an ellipsis", r"\ldots": "an ellipsis", r"\vdots": "an ellipsis",
    r"\ddots": "an ellipsis", r"\|": "a norm", r"\otimes": "an outer product ⊗", r"\odot": "an element-wise product ⊙",
    r"\circ": "a composition or Hadamard product ∘", r"\pm": "±", r"\mp": "∓", r"\begin": "an environment (cases, matrix …)",
    r"\end": "an environment", r"\{": "set braces", r"\}": "set braces", r"\top": "a transpose",
    r"\intercal": "a transpose", r"\infty": "infinity", r"\forall": "a quantifier", r"\exists": "a quantifier",
    r"\underset": "an annotated operator", r"\overset": "an annotated operator", r"\arg": "argmin/argmax",
    r"\min_": "a minimum over a set", r"\star": "⋆", r"\langle": "an inner product", r"\rangle": "an inner product",
    r"\det": "a determinant", r"\operatorname*": "an operator", r"\mid": "a condition |", r"\vert": "| bars",
}
#: Functions a derivation may write without their argument (σ for σ(x)); ln, exp … never.
_BAREABLE = {"sigmoid", "tanh", "softplus", "relu"}
#: Letters that usually name functions: "f(x + 1)" is read as neither f·(x + 1) nor f applied.
_FUNCTION_LETTERS = {"f", "g", "h", "F", "G", "H", "L", "J", "R", "S", "T", "P", "Q", "p", "q", r"\ell", r"\mathcal{L}", r"\hat{R}", r"\tilde{R}", r"\tilde{J}"}
_RELATION_TOKENS = {"=", "<", ">", r"\leq", r"\le", r"\geq", r"\ge", r"\neq", r"\ne", r"\in", r"\approx",
                    r"\simeq", r"\equiv", r"\to", r"\mapsto", r"\Rightarrow"}

_TOKEN = re.compile(r"\\[A-Za-z]+\*?|\\.|\d+(?:\.\d+)?|\s+|.", re.S)


@dataclass(frozen=True)
class Notation:
    """What names mean. Built from TOML data (see derive/notation/default.toml)."""

    functions: dict[str, str] = field(default_factory=dict)  # canonical name → function key
    constants: dict[str, str] = field(default_factory=dict)  # canonical name → "E" | "pi"
    labels: dict[str, tuple[str, ...]] = field(default_factory=dict)  # base → superscript labels
    shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical name → dims
    scalars: frozenset[str] = frozenset()  # scalar losses: ∂L/∂W has W's shape
    source: str = "<built-in>"
    domains: dict[str, str] = field(default_factory=dict)  # name or base → real|positive|nonzero|unit
    inputs: frozenset[str] = frozenset()  # o^s(x) with x an input means o^s (evaluated at the input)

    def domain(self, name: str) -> str:
        """A name's domain; ``\\lambda_{11}`` falls back to the entry for ``\\lambda``."""
        if name in self.domains:
            return self.domains[name]
        base = re.split(r"[_^]", name, maxsplit=1)[0]
        return self.domains.get(base, "real")


def load_notation(path: str | Path | None = None) -> Notation:
    """Read a notation file (TOML, data only). Bad files raise DeriveError (exit 2)."""
    default = _read_toml(DEFAULT_NOTATION)
    if path is None:
        return notation_from_data(default, source=str(DEFAULT_NOTATION))
    target = Path(path)
    raw = _read_toml(target)
    # A notation file extends the default (its entries win) unless it says inherit = false.
    inherit = raw.pop("inherit", True)
    if not isinstance(inherit, bool):
        raise DeriveError(f"notation {target}: inherit must be true or false")
    if inherit:
        merged: dict[str, Any] = {k: dict(v) if isinstance(v, dict) else v for k, v in default.items()}
        for key, value in raw.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key].update(value)
            else:
                merged[key] = value
        raw = merged
    return notation_from_data(raw, source=str(target))


def _read_toml(target: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeriveError(f"notation file not found: {target}") from None
    except IsADirectoryError:
        raise DeriveError(f"notation file {target} is a directory") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DeriveError(f"cannot read notation file {target}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise DeriveError(f"notation file {target} is not valid TOML: {exc}") from None


def notation_from_data(raw: dict[str, Any], *, source: str = "<data>") -> Notation:
    def table(key: str) -> dict[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            raise DeriveError(f"notation {source}: [{key}] must be a table")
        return value

    unknown = set(raw) - {"functions", "constants", "labels", "shapes", "scalars", "description", "domains", "inputs"}
    if unknown:
        raise DeriveError(f"notation {source}: unknown section(s) {', '.join(sorted(unknown))}")
    functions: dict[str, str] = {}
    for name, key in table("functions").items():
        if not isinstance(key, str) or key not in FUNCTION_KEYS:
            raise DeriveError(f"notation {source}: function {name!r} maps to {key!r}; known: {', '.join(sorted(FUNCTION_KEYS))}")
        # Words (LeakyReLU) match \text{…}/\operatorname{…} contents; other keys are names.
        functions[name if re.fullmatch(r"[A-Za-z]{2,}", name) else identifier_name(name, source)] = key
    constants: dict[str, str] = {}
    for name, value in table("constants").items():
        if value not in ("E", "pi"):
            raise DeriveError(f"notation {source}: constant {name!r} must be \"E\" or \"pi\"")
        constants[identifier_name(name, source)] = value
    labels: dict[str, tuple[str, ...]] = {}
    for base, values in table("labels").items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise DeriveError(f"notation {source}: labels of {base!r} must be a list of strings")
        labels[identifier_name(base, source)] = tuple(values)
    shapes: dict[str, tuple[str, ...]] = {}
    for name, dims in table("shapes").items():
        if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims) or len(dims) > 2:
            raise DeriveError(f"notation {source}: shape of {name!r} must be a list of at most 2 size names")
        shapes[name] = tuple(dims)
    scalars = raw.get("scalars", {})
    names = scalars.get("names", []) if isinstance(scalars, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise DeriveError(f"notation {source}: [scalars] names must be a list of strings")
    partial = Notation(functions, constants, labels, {}, frozenset(), source)
    shapes = {identifier_name(k, source, partial): tuple(_dim_name(d) for d in v) for k, v in shapes.items()}
    scalar_names = frozenset(identifier_name(n, source, partial) for n in names)
    domains: dict[str, str] = {}
    for name, value in table("domains").items():
        if value not in DOMAINS:
            raise DeriveError(f"notation {source}: domain of {name!r} must be one of {', '.join(DOMAINS)}")
        domains[identifier_name(name, source, partial)] = value
    inputs_raw = raw.get("inputs", {})
    input_names = inputs_raw.get("names", []) if isinstance(inputs_raw, dict) else None
    if not isinstance(input_names, list) or not all(isinstance(n, str) for n in input_names):
        raise DeriveError(f"notation {source}: [inputs] names must be a list of strings")
    inputs = frozenset(identifier_name(n, source, partial) for n in input_names)
    return Notation(functions, constants, labels, shapes, scalar_names, source, domains, inputs)


#: Domains a notation may give a symbol: counterexamples are only searched inside them
#: ("unit" is the open interval (0, 1), e.g. a LeakyReLU slope α < 1).
DOMAINS = ("real", "positive", "nonzero", "unit")


def _dim_name(text: str) -> str:
    return re.sub(r"\s+|[{}]", "", text)


def identifier_name(text: str, source: str = "<notation>", notation: Notation | None = None) -> str:
    """The canonical name of a LaTeX identifier such as ``\\mathbf{W}^{(1)}`` → ``W^{(1)}``."""
    norm = _Normalizer(_tokens(text), notation or Notation(), None)
    try:
        name, end, power = norm.read_identifier(0)
    except (_Unreadable, IndexError, RecursionError):
        name, end, power = None, 0, None
    if name is None or end != len(norm.toks) or power:
        raise DeriveError(f"notation {source}: {text!r} is not a name")
    return name


@dataclass
class Normalized:
    """One side of a step, ready for ``parse_latex``."""

    source: str
    latex: str = ""
    symbols: dict[int, tuple[str, str]] = field(default_factory=dict)  # N → (kind, name): kind symbol|constant
    functions: dict[int, tuple[str, ...]] = field(default_factory=dict)  # N → (key, prime, power?) ...
    derivatives: dict[int, str] = field(default_factory=dict)  # N → variable name
    indicators: dict[int, int] = field(default_factory=dict)  # N → Heaviside value at 0
    piecewise: dict[int, tuple[str, ...]] = field(default_factory=dict)  # N → condition kinds per row
    sums: dict[int, tuple[str, int, str]] = field(default_factory=dict)  # N → (index, start, end name or digits or "")
    outside: set[str] = field(default_factory=set)  # names used outside every sum
    problems: list[str] = field(default_factory=list)
    diff_vars: list[str] = field(default_factory=list)
    matrices: list[str] = field(default_factory=list)  # names with a declared non-scalar shape
    domains: dict[str, str] = field(default_factory=dict)  # symbol name → domain (when not real)
    bare: list[str] = field(default_factory=list)  # functions written without an argument
    calls: list[tuple[str, str]] = field(default_factory=list)  # (function, argument LaTeX) of unary calls

    @property
    def symbol_names(self) -> set[str]:
        return {name for kind, name in self.symbols.values() if kind == "symbol"}


class _Unreadable(Exception):
    pass


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens with a flag 'preceded by whitespace'; whitespace itself dropped."""
    out: list[tuple[str, bool]] = []
    space = False
    for m in _TOKEN.finditer(text):
        t = m.group(0)
        if t.isspace():
            space = True
            continue
        out.append((t, space))
        space = False
    return out


def normalize(text: str, notation: Notation, chain_var: str | None = None, *, max_length: int = 4000) -> Normalized:
    """Normalise one side. Never raises: what cannot be read lands in ``problems``."""
    result = Normalized(source=text)
    if len(text) > max_length:
        result.problems.append(f"too long ({len(text)} characters)")
        return result
    if not text.strip():
        result.problems.append("empty side")
        return result
    norm = _Normalizer(_tokens(text), notation, chain_var, result)
    try:
        result.latex = norm.run()
    except _Unreadable as exc:
        result.problems.append(str(exc))
    except RecursionError:
        result.problems.append("nested too deeply")
    except IndexError:
        result.problems.append("unbalanced braces or brackets")
    except Exception as exc:  # noqa: BLE001 - untrusted input: a reason, never a traceback
        result.problems.append(f"unreadable input ({type(exc).__name__})")
    return result


_OPENERS = {"(": ")", "[": "]", "{": "}"}


class _Normalizer:
    def __init__(self, toks: list[tuple[str, bool]], notation: Notation, chain_var: str | None, result: Normalized | None = None) -> None:
        cleaned: list[tuple[str, bool]] = []
        k = 0
        while k < len(toks):
            t, sp_before = toks[k]
            if t in (r"\left", r"\right", r"\bigl", r"\bigr", r"\big", r"\Big", r"\Bigl", r"\Bigr", r"\bigg", r"\Bigg", r"\biggl", r"\biggr") and k + 1 < len(toks) and toks[k + 1][0] == ".":
                k += 2
                continue
            if t in _DROP:
                k += 1
                continue
            t = {r"\dfrac": r"\frac", r"\tfrac": r"\frac", r"\times": r"\cdot", r"\ast": r"\cdot", "*": r"\cdot",
                 r"\lvert": "|", r"\rvert": "|", r"\lbrace": r"\{", r"\rbrace": r"\}", r"\lbrack": "[", r"\rbrack": "]",
                 r"\lparen": "(", r"\rparen": ")", r"\prime": "'", r"\neq": r"\ne", r"\leq": r"\le", r"\geq": r"\ge",
                 r"\geqslant": r"\ge", r"\leqslant": r"\le", r"\colon": ":", r"\varphi": r"\phi"}.get(t, t)
            cleaned.append((t, sp_before))
            k += 1
        # {x}_{j} (SymPy's printing of x[j]) is x_{j}: drop braces around a single letter
        # that carries a subscript or superscript.
        k = 0
        while k + 3 < len(cleaned):
            if cleaned[k][0] == "{" and cleaned[k + 2][0] == "}" and cleaned[k + 3][0] in ("_", "^") and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", cleaned[k + 1][0]) and cleaned[k + 1][0][1:] in _GREEK | {""} | set(cleaned[k + 1][0]):
                del cleaned[k + 2]
                del cleaned[k]
            k += 1
        self.toks = [t for t, _ in cleaned]
        self.spaced = [s for _, s in cleaned]
        self.notation = notation
        self.chain_var = chain_var
        self.inside_sum = False
        self.r = result if result is not None else Normalized(source="")
        self._symbol_ids: dict[tuple[str, str], int] = {}

    # ------------------------------------------------------------------ helpers
    def problem(self, message: str) -> None:
        if message not in self.r.problems:
            self.r.problems.append(message)

    def match(self, i: int) -> int:
        """Index of the bracket closing the one at i: braces pair with braces; ( and [
        pair with ) or ] (half-open intervals are rare in homework, mixed brackets are not)."""
        brace = self.toks[i] == "{"
        depth = 0
        for k in range(i, len(self.toks)):
            t = self.toks[k]
            if brace:
                depth += (t == "{") - (t == "}")
            else:
                depth += (t in ("(", "[")) - (t in (")", "]"))
            if depth == 0:
                return k
        raise _Unreadable(f"an unbalanced {self.toks[i]}")

    def read_arg(self, i: int) -> tuple[list[str], int]:
        """A TeX argument at i: a braced group's tokens or a single token."""
        if i >= len(self.toks):
            raise _Unreadable("a command is missing its argument")
        if self.toks[i] == "{":
            end = self.match(i)
            return self.toks[i + 1 : end], end + 1
        return [self.toks[i]], i + 1

    def text_of(self, toks: list[str]) -> str:
        """Flatten an argument to plain text, dropping font commands and braces."""
        out = []
        for t in toks:
            if t in _FONTS and t not in _DECORATIONS or t in ("{", "}"):
                continue
            out.append(t)
        return "".join(out).strip()

    def sub_normalizer(self, toks: list[str], chain_var: str | None = None) -> _Normalizer:
        child = _Normalizer([], self.notation, chain_var if chain_var is not None else self.chain_var, self.r)
        child.toks = toks
        child.spaced = [False] * len(toks)
        child._symbol_ids = self._symbol_ids
        child.inside_sum = self.inside_sum
        return child

    def seq_of(self, toks: list[str], chain_var: str | None = None) -> str:
        return self.sub_normalizer(toks, chain_var).run()

    def new_id(self, table: dict) -> int:
        return len(self.r.symbols) + len(self.r.functions) + len(self.r.derivatives) + len(self.r.indicators) + len(self.r.piecewise) + len(self.r.sums) + 1

    def symbol(self, kind: str, name: str) -> str:
        if not self.inside_sum:
            self.r.outside.add(name)
        if kind == "symbol" and self.notation.domain(name) != "real":
            self.r.domains[name] = self.notation.domain(name)
        key = (kind, name)
        if key not in self._symbol_ids:
            n = self.new_id(self.r.symbols)
            self._symbol_ids[key] = n
            self.r.symbols[n] = key
        return f"v_{{{self._symbol_ids[key]}}}"

    # ------------------------------------------------------------------ sequences
    def run(self) -> str:
        out: list[str] = []
        i = 0
        while i < len(self.toks):
            t = self.toks[i]
            if t in ("+", "-", r"\cdot", "/"):
                out.append(t)
                i += 1
                continue
            if t in _RELATION_TOKENS or t == ",":
                raise _Unreadable(f"'{t}' inside one side")
            piece, i = self.unit(i)
            if isinstance(piece, _Operator):
                # d/dx and Σ_j apply to the rest of the product, up to a top-level + or −.
                end = self._product_end(i)
                if end == i:
                    raise _Unreadable(f"{piece.what} with nothing after it")
                child = self.sub_normalizer(self.toks[i:end])
                child.inside_sum = self.inside_sum or piece.letter == "s"
                body = child.run()
                out.append(f"{piece.letter}_{{{piece.n}}}\\left({body}\\right)")
                i = end
                continue
            out.append(piece)
        # parse_latex silently drops a dangling operator ("131 -" parses as 131).
        ops = ("+", "-", r"\cdot", "/")
        if out and out[-1] in ops:
            raise _Unreadable(f"a dangling '{out[-1]}'")
        if out and out[0] in (r"\cdot", "/"):
            raise _Unreadable(f"a leading '{out[0]}'")
        for a, b in zip(out, out[1:]):
            if a in ops and b in (r"\cdot", "/"):
                raise _Unreadable(f"'{a} {b}'")
        return " ".join(out)

    def _product_end(self, k: int) -> int:
        depth = 0
        j = k
        while j < len(self.toks):
            t = self.toks[j]
            if t in ("{", "(", "[", r"\begin"):
                depth += 1
            elif t in ("}", ")", "]", r"\end"):
                depth -= 1
            elif depth == 0 and t in ("+", "-") and j > k:
                break
            j += 1
        return j

    def summation(self, i: int) -> tuple[_Operator, int]:
        """\\sum_{j=1}^{m} (or \\sum_j, \\sum_i^N): one index letter, an integer start, an end
        that is a number, a size name or left out. The checker expands it at small sizes."""
        k = i + 1
        index, lower, upper = None, 1, ""
        while k < len(self.toks) and self.toks[k] in ("_", "^"):
            which = self.toks[k]
            arg, k = self.read_arg(k + 1)
            if which == "_":
                if index is not None:
                    raise _Unreadable("a sum with two subscripts")
                if "=" in arg:
                    eq = arg.index("=")
                    lhs, rhs = arg[:eq], arg[eq + 1 :]
                    if len(rhs) != 1 or not rhs[0].isdigit():
                        raise _Unreadable("a sum whose start is not a number")
                    lower = int(rhs[0])
                else:
                    lhs = arg
                if len(lhs) != 1 or not re.fullmatch(r"[A-Za-z]", lhs[0]):
                    raise _Unreadable("a sum over something other than one index letter")
                index = lhs[0]
            else:
                if len(arg) == 1 and arg[0].isdigit():
                    upper = arg[0]
                else:
                    name, end, power = self.sub_normalizer(arg).read_identifier(0) if arg else (None, 0, None)
                    if name is None or end != len(arg) or power:
                        raise _Unreadable("a sum whose end is not a number or a size name")
                    upper = name
        if index is None:
            raise _Unreadable("a sum without an index")
        n = self.new_id(self.r.sums)
        self.r.sums[n] = (index, lower, upper)
        return _Operator("s", n, "a sum"), k

    # ------------------------------------------------------------------ units
    def unit(self, i: int) -> tuple[Any, int]:
        t = self.toks[i]
        if t == "{":
            end = self.match(i)
            inner = self.seq_of(self.toks[i + 1 : end])
            return self.postfix(f"\\left({inner}\\right)", end + 1)
        if t in ("(", "["):
            end = self.match(i)
            inner = self.seq_of(self.toks[i + 1 : end])
            return self.postfix(f"\\left({inner}\\right)", end + 1)
        if t == "|":
            k = i + 1
            depth = 0
            while k < len(self.toks):
                if self.toks[k] in ("(", "[", "{"):
                    depth += 1
                elif self.toks[k] in (")", "]", "}"):
                    depth -= 1
                elif self.toks[k] == "|" and depth == 0:
                    break
                k += 1
            if k >= len(self.toks):
                raise _Unreadable("an unclosed |")
            inner = self.seq_of(self.toks[i + 1 : k])
            # Plain bars: parse_latex drops everything after "\\left(\\left|…" silently.
            return self.postfix(f"\\left(| {inner} |\\right)", k + 1)
        if re.fullmatch(r"\d+(\.\d+)?", t):
            return self.number(i)
        if t == r"\frac":
            return self.fraction(i)
        if t == r"\sqrt":
            k = i + 1
            index = ""
            if k < len(self.toks) and self.toks[k] == "[":
                end = self.match(k)
                index = f"[{self.seq_of(self.toks[k + 1 : end])}]"
                k = end + 1
            arg, k = self.read_arg(k)
            return self.postfix(f"\\sqrt{index}{{{self.seq_of(arg)}}}", k)
        if t in (r"\boxed", r"\underbrace", r"\overbrace", r"\mathclap", r"\phantom"):
            arg, k = self.read_arg(i + 1)
            if t == r"\phantom":
                return "", k
            if t in (r"\underbrace", r"\overbrace") and k < len(self.toks) and self.toks[k] in ("_", "^"):
                _, k = self.read_arg(k + 1)
            return self.postfix(f"\\left({self.seq_of(arg)}\\right)", k)
        if t in _NATIVE_FUNCTION_COMMANDS:
            return self.function(_NATIVE_FUNCTION_COMMANDS[t], t, i + 1)
        if t in (r"\mathbf", r"\mathbb", r"\mathds", r"\bm", r"\boldsymbol") and i + 1 < len(self.toks):
            arg, k = self.read_arg(i + 1)
            if self.text_of(arg) == "1":
                return self.indicator(k)
        if t == r"\begin" and self._env_name(i) == "cases":
            return self.cases(i)
        if t == r"\sum":
            return self.summation(i)
        if t in _UNSUPPORTED:
            raise _Unreadable(_UNSUPPORTED[t])
        if t == "&":
            raise _Unreadable("an alignment & inside an expression")
        if t == "?":
            raise _Unreadable("a question mark")
        if t in _FONTS or t.startswith("\\") and t[1:] in _GREEK or re.fullmatch(r"[A-Za-z]", t):
            return self.named(i)
        if t.startswith("\\"):
            raise _Unreadable(f"the command {t}")
        raise _Unreadable(f"'{t}'")

    def postfix(self, text: str, i: int) -> tuple[str, int]:
        """Powers after a unit; transposes, primes, factorials and stray subscripts are unread."""
        while i < len(self.toks):
            t = self.toks[i]
            if t == "^":
                arg, i = self.read_arg(i + 1)
                self._check_power(arg)
                text = f"{text}^{{{self.seq_of(arg)}}}"
                continue
            if t == "'":
                raise _Unreadable("a prime ' on something that is not a known function")
            if t == "!":
                raise _Unreadable("a factorial !")
            if t == "_":
                raise _Unreadable("a subscript on a bracket or number")
            break
        return text, i

    def _check_power(self, arg: list[str]) -> None:
        flat = self.text_of(arg)
        if flat in ("T", r"\top", r"\intercal", "\\mathsf{T}"):
            raise _Unreadable("a transpose ^T")
        if flat in ("*", r"\cdot", r"\star", r"\ast", "+", "-"):
            raise _Unreadable(f"a superscript {flat}")

    def number(self, i: int) -> tuple[str, int]:
        digits = self.toks[i]
        k = i + 1
        # 1,572,864: thousands separators (exactly three digits after each comma).
        while k + 1 < len(self.toks) and self.toks[k] == "," and re.fullmatch(r"\d{3}", self.toks[k + 1]) and "." not in digits and not self.spaced[k + 1]:
            digits += self.toks[k + 1]
            k += 2
        if digits == "1" and k < len(self.toks) and self.toks[k] == "_":
            return self.indicator(k)
        return self.postfix(digits, k)

    # ------------------------------------------------------------------ fractions and derivatives
    def fraction(self, i: int) -> tuple[Any, int]:
        num, k = self.read_arg(i + 1)
        den, k = self.read_arg(k)
        var = self._differential(den)
        if var is not None:
            rest = self._diff_numerator(num)
            if rest is not None:
                kind_name = var
                n = self.new_id(self.r.derivatives)
                self.r.derivatives[n] = kind_name
                self.r.diff_vars.append(kind_name)
                # The variable must be a plain symbol of this side: register it.
                self.symbol("symbol", kind_name)
                if not rest:
                    return _Operator("g", n, "a derivative operator d/dx"), k
                operand = self.seq_of(rest, chain_var=kind_name)
                return self.postfix(f"g_{{{n}}}\\left({operand}\\right)", k)
        if self._differential(num) is not None or (num and num[0] == r"\partial"):
            raise _Unreadable("a derivative written in a form not read")
        return self.postfix(f"\\frac{{{self.seq_of(num)}}}{{{self.seq_of(den)}}}", k)

    def _strip_d(self, toks: list[str]) -> list[str] | None:
        """The tokens after a leading differential sign d / ∂ / \\mathrm{d}, or None."""
        if not toks:
            return None
        if toks[0] == r"\partial":
            return toks[1:]
        if toks[0] == "d" and (len(toks) == 1 or toks[1] not in ("_", "^")):
            return toks[1:]
        if toks[0] in (r"\mathrm", r"\text", r"\operatorname") and len(toks) >= 2:
            if toks[1] == "d":
                return toks[2:]
            if toks[1:4] == ["{", "d", "}"]:
                return toks[4:]
        return None

    def _differential(self, den: list[str]) -> str | None:
        rest = self._strip_d(den)
        if not rest:
            return None
        try:
            name, end, power = self.sub_normalizer(rest).read_identifier(0)
        except _Unreadable:
            return None
        if name is None or end != len(rest):
            return None
        if power:
            raise _Unreadable("a higher derivative")
        if name in self.notation.functions or name in self.notation.constants:
            return None
        return name

    def _diff_numerator(self, num: list[str]) -> list[str] | None:
        rest = self._strip_d(num)
        if rest is None:
            return None
        if rest and rest[0] == "^":
            raise _Unreadable("a higher derivative")
        return rest

    # ------------------------------------------------------------------ cases
    def cases(self, i: int) -> tuple[str, int]:
        """``\\begin{cases} A & \\text{if } x \\geq 0 \\\\ B & \\text{otherwise} \\end{cases}`` →
        a Piecewise placeholder. Conditions: one comparison < > ≤ ≥, or otherwise/else last."""
        depth = 0
        k = i
        end = -1
        while k < len(self.toks):
            if self.toks[k] == r"\begin":
                depth += 1
            elif self.toks[k] == r"\end":
                depth -= 1
                if depth == 0:
                    end = k
                    break
            k += 1
        if end < 0 or self._env_name(end) != "cases":
            raise _Unreadable("an unclosed cases environment")
        body = self.toks[self.match(i + 1) + 1 : end]
        rows: list[list[str]] = [[]]
        level = 0
        for t in body:
            level += (t in ("{", "(", "[", r"\begin")) - (t in ("}", ")", "]", r"\end"))
            if t == "\\\\" and level == 0:
                rows.append([])
            else:
                rows[-1].append(t)
        rows = [r for r in rows if r]
        if len(rows) < 2:
            raise _Unreadable("a cases environment with fewer than two rows")
        kinds: list[str] = []
        args: list[str] = []
        for n_row, row in enumerate(rows):
            if row.count("&") != 1:
                raise _Unreadable("a cases row without exactly one &")
            amp = row.index("&")
            value, condition = row[:amp], self._condition_words(row[amp + 1 :])
            args.append(self.seq_of(value))
            if condition in (["otherwise"], ["else"], ["o.w."], ["sinon"]):
                if n_row != len(rows) - 1:
                    raise _Unreadable("'otherwise' before the last case")
                kinds.append("otherwise")
                continue
            split = [j for j, t in enumerate(condition) if t in ("<", ">", r"\le", r"\ge")]
            if len(split) != 1 or self._top_level(condition, "=") or any(isinstance(t, str) and re.fullmatch(r"[A-Za-z]{3,}", t) for t in condition):
                raise _Unreadable("a case condition that is not one comparison < > ≤ ≥")
            j = split[0]
            a, rel, b = condition[:j], condition[j], condition[j + 1 :]
            if not a or not b:
                raise _Unreadable("a case condition with an incomplete comparison")
            if rel in ("<", r"\le"):
                a, b = b, a
            kinds.append("gt" if rel in ("<", ">") else "ge")
            args.append(f"\\left({self.seq_of(a)}\\right) - \\left({self.seq_of(b)}\\right)")
        n = self.new_id(self.r.piecewise)
        self.r.piecewise[n] = tuple(kinds)
        return self.postfix(f"p_{{{n}}}\\left({', '.join(args)}\\right)", self.match(end + 1) + 1)

    def _env_name(self, i: int) -> str:
        """The name of the environment of the \\begin or \\end at i."""
        if i + 1 >= len(self.toks) or self.toks[i + 1] != "{":
            return ""
        return "".join(self.toks[i + 2 : self.match(i + 1)])

    def _condition_words(self, toks: list[str]) -> list[str]:
        """A case condition without its words 'if', 'for', text wrappers and punctuation;
        a condition that is only 'otherwise' becomes ["otherwise"]."""
        out: list[str] = []
        k = 0
        reader = self.sub_normalizer(toks)
        while k < len(toks):
            t = toks[k]
            if t in _TEXT_FONTS or t in (r"\mbox",):
                arg, k = reader.read_arg(k + 1)
                words = self.text_of(arg).replace(",", " ").split()
                words = [w for w in words if w.lower() not in ("if", "for", "when", "where")]
                out += [w.lower() for w in words]
                continue
            if t in (",", ";", ".", ":"):
                k += 1
                continue
            out.append(t)
            k += 1
        letters = "".join(t for t in out if re.fullmatch(r"[A-Za-z.]", t))
        if letters.lower() in ("otherwise", "else", "o.w.", "ifotherwise") and len(letters) == len(out):
            return ["otherwise"]
        if out[:2] == ["i", "f"]:
            out = out[2:]
        return out

    # ------------------------------------------------------------------ indicators
    def indicator(self, k: int) -> tuple[str, int]:
        """1_{cond} / 1\\{cond\\} with cond a single comparison → Heaviside(a − b, H0)."""
        if k < len(self.toks) and self.toks[k] == "_":
            cond, k = self.read_arg(k + 1)
        elif k < len(self.toks) and self.toks[k] == r"\{":
            depth = 0
            end = k
            while end < len(self.toks):
                if self.toks[end] == r"\{":
                    depth += 1
                elif self.toks[end] == r"\}":
                    depth -= 1
                    if depth == 0:
                        break
                end += 1
            if end >= len(self.toks):
                raise _Unreadable("an unclosed indicator condition")
            cond, k = self.toks[k + 1 : end], end + 1
        else:
            raise _Unreadable("an indicator 1 without a condition")
        while cond and cond[0] == r"\{" and cond[-1] == r"\}":
            cond = cond[1:-1]
        if k < len(self.toks) and self.toks[k] == "(":
            raise _Unreadable("an indicator of a set applied to an argument")
        depth = 0
        split = None
        for j, t in enumerate(cond):
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and t in ("<", ">", r"\le", r"\ge"):
                if split is not None:
                    raise _Unreadable("an indicator with a compound condition")
                split = j
        if split is None:
            raise _Unreadable("an indicator whose condition is not a comparison < > ≤ ≥")
        left, rel, right = cond[:split], cond[split], cond[split + 1 :]
        if not left or not right:
            raise _Unreadable("an indicator with an incomplete comparison")
        a, b = self.seq_of(left), self.seq_of(right)
        if rel in ("<", r"\le"):
            a, b = b, a
        n = self.new_id(self.r.indicators)
        self.r.indicators[n] = 0 if rel in ("<", ">") else 1
        return self.postfix(f"h_{{{n}}}\\left(\\left({a}\\right) - \\left({b}\\right)\\right)", k)

    # ------------------------------------------------------------------ names
    def read_identifier(self, i: int) -> tuple[str | None, int, list[str] | None]:
        """(canonical name, next index, power tokens) for the name at i, or (None, i, None)."""
        t = self.toks[i]
        k = i + 1
        if t in _FONTS:
            arg, k = self.read_arg(i + 1)
            inner = self.text_of(arg)
            if t in _DECORATIONS:
                base = f"\\{_DECORATIONS[t]}{{{inner}}}"
            else:
                base = inner
            if not base:
                raise _Unreadable(f"an empty {t}")
        elif t.startswith("\\") and t[1:] in _GREEK:
            base = t
        elif re.fullmatch(r"[A-Za-z]", t):
            base = t
        else:
            return None, i, None
        sub = label = None
        power: list[str] | None = None
        while k < len(self.toks) and self.toks[k] in ("_", "^") and power is None:
            if self.toks[k] == "_":
                if sub is not None:
                    raise _Unreadable(f"a double subscript on {base}")
                arg, k = self.read_arg(k + 1)
                sub = self.text_of(arg).replace(" ", "")
                continue
            arg, k2 = self.read_arg(k + 1)
            close = arg.index(")") if arg and arg[0] == "(" and ")" in arg else -1
            inner_label = arg[1:close] if close > 0 else []
            # (1), (i), (12): a layer or sample label; (y + 1) is a bracketed power.
            if close > 0 and label is None and (len(inner_label) == 1 or all(t.isdigit() for t in inner_label)) and all(re.fullmatch(r"[A-Za-z0-9]+|\\[A-Za-z]+", t) for t in inner_label):
                label = self.text_of(arg[: close + 1])
                rest = arg[close + 1 :]
                if rest:
                    power = rest
                k = k2
                continue
            flat = self.text_of(arg)
            if label is None and flat in self.notation.labels.get(base, ()):
                label = flat
                k = k2
                continue
            self._check_power(arg)
            power = arg
            k = k2
        name = base
        if sub:
            name += f"_{{{sub}}}"
        if label:
            name += f"^{{{label}}}"
        return name, k, power

    def named(self, i: int) -> tuple[str, int]:
        t = self.toks[i]
        # A word: three or more letters in a row is a name the parser would split.
        if re.fullmatch(r"[A-Za-z]", t):
            run = i
            while run + 1 < len(self.toks) and re.fullmatch(r"[A-Za-z]", self.toks[run + 1]) and not self.spaced[run + 1]:
                run += 1
            if run - i >= 2:
                word = "".join(self.toks[i : run + 1])
                key = self.notation.functions.get(word) or _BUILTIN_NAMES.get(word.lower())
                if key is not None and key != "step":
                    return self.function(key, word, run + 1)
                raise _Unreadable(f"the word '{word}'")
        if t in _FONTS:
            arg, k = self.read_arg(i + 1)
            inner = self.text_of(arg)
            key = _BUILTIN_NAMES.get(inner.lower().replace(" ", ""))
            named = self.notation.functions.get(inner)
            if named is not None or key is not None:
                return self.function(named or key, inner, k)
            if t in _TEXT_FONTS and len(inner) > 1:
                raise _Unreadable(f"the text '{inner}'")
            if t == r"\mathbb":
                raise _Unreadable(f"the set \\mathbb{{{inner}}}")
            if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", inner):
                raise _Unreadable(f"the name {t}{{{inner}}}")
        name, k, power = self.read_identifier(i)
        assert name is not None
        if name in self.notation.functions:
            return self.function(self.notation.functions[name], name, k, power=power)
        base_key = _BUILTIN_NAMES.get(name.lower()) if len(name) > 1 and not name.startswith("\\") else None
        if base_key:
            return self.function(base_key, name, k, power=power)
        if name in self.notation.constants:
            text = self.symbol("constant", self.notation.constants[name])
        else:
            if self.notation.shapes.get(name):
                self.r.matrices.append(name)
            text = self.symbol("symbol", name)
            had_power = bool(power)
            if power:
                # The power binds to the name before any bracket that follows: x^{2}(1 - x).
                text = f"{text}^{{{self.seq_of(power)}}}"
                power = None
            if k < len(self.toks) and self.toks[k] in ("(", "["):
                end = self.match(k)
                inside = self.toks[k + 1 : end]
                single = False
                try:
                    nm, e2, pw = self.sub_normalizer(inside).read_identifier(0) if inside else (None, 0, None)
                    single = nm is not None and e2 == len(inside)
                except _Unreadable:
                    single = False
                top_comma = self._top_level(inside, ",")
                function_like = re.split(r"[_^]", name, maxsplit=1)[0] in _FUNCTION_LETTERS
                if single and not had_power and nm in self.notation.inputs and not function_like:
                    # o_k^a(\mathbf{x}): the quantity at the network's input, i.e. o_k^a.
                    return text, end + 1
                if function_like or top_comma or not inside or (single and not had_power):
                    raise _Unreadable(f"{name}(…): a function application or a product? (declare the function in the notation)")
                text = f"{text} \\cdot"
        if power:
            text = f"{text}^{{{self.seq_of(power)}}}"
        if k < len(self.toks) and self.toks[k] == "'":
            raise _Unreadable(f"a prime on {name}, which is not a known function")
        return text, k

    @staticmethod
    def _top_level(toks: list[str], target: str) -> bool:
        depth = 0
        for t in toks:
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and t == target:
                return True
        return False

    # ------------------------------------------------------------------ functions
    def function(self, key: str, shown: str, k: int, *, power: list[str] | None = None) -> tuple[str, int]:
        """A known function at k (after its name): sub/superscripts, prime, argument."""
        if key == "softmax":
            raise _Unreadable(f"{shown} is softmax of a vector: write the step per index")
        prime = 0
        sub_arg: list[str] | None = None
        while k < len(self.toks) and self.toks[k] in ("^", "_", "'"):
            if self.toks[k] == "'":
                prime += 1
                k += 1
            elif self.toks[k] == "_":
                sub_arg, k = self.read_arg(k + 1)
            else:
                if power is not None:
                    raise _Unreadable(f"a double superscript on {shown}")
                power, k = self.read_arg(k + 1)
                if self.text_of(power) in ("-1",):
                    raise _Unreadable(f"an inverse {shown}^{{-1}}")
                self._check_power(power)
        if prime > 1:
            raise _Unreadable("a higher derivative f''")
        arity = FUNCTION_KEYS[key]
        extra: list[str] = []
        if sub_arg is not None:
            if key != "leaky_relu":
                raise _Unreadable(f"a subscript on the function {shown}")
            extra = [self.seq_of(sub_arg)]
        elif key == "leaky_relu":
            raise _Unreadable(f"{shown} without its slope α")
        if key == "log" and sub_arg is not None:
            raise _Unreadable("a logarithm with a base")
        args: list[str]
        if k < len(self.toks) and self.toks[k] in ("(", "["):
            end = self.match(k)
            inside = self.toks[k + 1 : end]
            k = end + 1
            bare_token = shown if shown.startswith("\\") else None
            if arity == 1 and bare_token is not None and bare_token in inside and not (self.chain_var and self._mentions(inside, self.chain_var)):
                self.r.bare.append(shown)
            elif arity == 1:
                self.r.calls.append((shown, " ".join(inside)))
            if (
                self.chain_var is not None
                and arity == 1
                and key in _BAREABLE
                and bare_token is not None
                and bare_token in inside
                and not self._mentions(inside, self.chain_var)
            ):
                # σ(1 − σ) in a chain about x: σ(x)·(1 − σ(x)) (the bare-function rule).
                call = self._call(key, [self.symbol("symbol", self.chain_var)], prime, power)
                return self.postfix(f"{call} \\cdot \\left({self.seq_of(inside)}\\right)", k)
            args = [self.seq_of(part) for part in self._split_commas(inside)]
        elif k < len(self.toks) and self.toks[k] == "{":
            arg, k = self.read_arg(k)
            args = [self.seq_of(arg)]
        elif k < len(self.toks) and self.toks[k] == r"\sum":
            # \log \sum_j e^{x_j}: the argument is the whole sum (the rest of the product).
            end = self._product_end(k)
            args = [self.sub_normalizer(self.toks[k:end]).run()]
            k = end
        elif k < len(self.toks) and self._starts_unit(k):
            k0 = k
            piece, k = self.unit(k)
            if arity == 1:
                self.r.calls.append((shown, " ".join(self.toks[k0:k])))
            if isinstance(piece, _Operator):
                raise _Unreadable(f"{shown} applied to {piece.what} without brackets")
            args = [piece]
        else:
            if arity == 1:
                self.r.bare.append(shown)
            if self.chain_var is not None and arity == 1 and key in _BAREABLE:
                args = [self.symbol("symbol", self.chain_var)]
            else:
                # Recorded, not raised: the chain-variable pass needs the rest of the side.
                self.problem(f"{shown} without an argument")
                args = ["0"] * max(arity, 1)
        args = args + extra
        if len(args) != max(arity, 1):
            raise _Unreadable(f"{shown} with {len(args)} argument(s)")
        call = self._call(key, args, prime, power)
        return self.postfix(call, k)

    def _call(self, key: str, args: list[str], prime: int, power: list[str] | None) -> str:
        n = self.new_id(self.r.functions)
        self.r.functions[n] = (key, str(prime))
        text = f"f_{{{n}}}\\left({', '.join(args)}\\right)"
        if power:
            text = f"{text}^{{{self.seq_of(power)}}}"
        return text

    def _starts_unit(self, k: int) -> bool:
        t = self.toks[k]
        return bool(
            re.fullmatch(r"\d+(\.\d+)?|[A-Za-z]", t)
            or t in _FONTS
            or t in _NATIVE_FUNCTION_COMMANDS
            or t in (r"\frac", r"\sqrt", "|")
            or (t.startswith("\\") and t[1:] in _GREEK)
        )

    def _mentions(self, toks: list[str], name: str) -> bool:
        """Does this token list mention the identifier ``name`` (by its base letter)?"""
        base = re.match(r"\\?[A-Za-z]+|.", name)
        target = base.group(0) if base else name
        return target in toks

    def _split_commas(self, toks: list[str]) -> list[list[str]]:
        parts: list[list[str]] = [[]]
        depth = 0
        for t in toks:
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            if t == "," and depth == 0:
                parts.append([])
            else:
                parts[-1].append(t)
        if any(not p for p in parts):
            raise _Unreadable("an empty function argument")
        return parts


@dataclass(frozen=True)
class _Operator:
    """``\\frac{d}{dx}`` or ``\\sum_j`` waiting for the product that follows it."""

    letter: str  # placeholder letter: g (derivative) or s (sum)
    n: int
    what: str
