"""What names mean: the notation file (TOML, data only) and the reading of a name in it."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from derive.checks.latex.tex_tokens import TexReader, Unreadable, clean_tokens, tex_tokens
from derive.checks.latex.token_rewrites import merge_word_names

import derive
from derive.errors import DeriveError

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "BUILTIN_NAMES",
    "DEFAULT_NOTATION",
    "DOMAINS",
    "FUNCTION_KEYS",
    "NATIVE_FUNCTION_COMMANDS",
    "Notation",
    "identifier_name",
    "load_notation",
    "notation_from_data",
]

# Found through the derive package, not this file's location: checks/ ships as derive.checks.
DEFAULT_NOTATION = Path(derive.__file__).resolve().parent / "notation" / "default.toml"

#: Function keys a notation may name, with their number of arguments. ``softmax`` is a
#: vector function: a scalar step that applies it is unparsed (write it per index).
FUNCTION_KEYS: dict[str, int] = {
    "sigmoid": 1,
    "softplus": 1,
    "relu": 1,
    "step": 1,
    "tanh": 1,
    "sinh": 1,
    "cosh": 1,
    "exp": 1,
    "log": 1,
    "sqrt": 1,
    "abs": 1,
    "sign": 1,
    "heaviside": 1,
    "leaky_relu": 2,
    "max": 2,
    "min": 2,
    "sin": 1,
    "cos": 1,
    "sech": 1,
    "csch": 1,
    "coth": 1,
    # the inverse trigonometric and hyperbolic functions (inverse_functions.py): \sinh^{-1}, \arcsin
    "tan": 1,
    "asin": 1,
    "acos": 1,
    "atan": 1,
    "asinh": 1,
    "acosh": 1,
    "atanh": 1,
    "asech": 1,
    "acsch": 1,
    "acoth": 1,
    "softmax": 0,
}

#: Function names recognised in any document (inside \text, \operatorname, \mathrm or as
#: commands), lower-cased, mapped to keys. The names and aliases of derive's function table
#: (derive.functions.FUNCTIONS), written out here because importing the table imports SymPy,
#: which the parent process must not pay for while it reads a document (the worker does);
#: tests/test_latex_typed.py holds this table equal to the function table. A notation file
#: adds to these.
BUILTIN_NAMES: dict[str, str] = {
    # from the function table: name and aliases → name
    "sigmoid": "sigmoid", "σ": "sigmoid", "softplus": "softplus", "relu": "relu", "rect": "relu",
    "leaky_relu": "leaky_relu", "step": "step", "heaviside": "step", "sign": "sign", "abs": "abs",
    "max": "max", "min": "min", "tanh": "tanh", "sinh": "sinh", "cosh": "cosh", "exp": "exp",
    "log": "log", "ln": "log", "sqrt": "sqrt",
    # not in the table: other spellings, and softmax (a vector function, see above)
    "sgn": "sign", "leakyrelu": "leaky_relu", "sin": "sin", "cos": "cos", "softmax": "softmax",
    "sech": "sech", "csch": "csch", "coth": "coth", "tan": "tan",
    # inverse functions by their names (ISO's arsinh, the older arcsinh, programmers' asinh)
    "arcsin": "asin", "asin": "asin", "arccos": "acos", "acos": "acos", "arctan": "atan", "atan": "atan",
    "arsinh": "asinh", "arcsinh": "asinh", "asinh": "asinh", "arcosh": "acosh", "arccosh": "acosh",
    "acosh": "acosh", "artanh": "atanh", "arctanh": "atanh", "atanh": "atanh", "arsech": "asech",
    "arcsech": "asech", "asech": "asech", "arcsch": "acsch", "arccsch": "acsch", "acsch": "acsch",
    "arcoth": "acoth", "arccoth": "acoth", "acoth": "acoth",
}  # fmt: skip
NATIVE_FUNCTION_COMMANDS = {
    r"\exp": "exp",
    r"\ln": "log",
    r"\log": "log",
    r"\tanh": "tanh",
    r"\sinh": "sinh",
    r"\cosh": "cosh",
    r"\max": "max",
    r"\min": "min",
    r"\sin": "sin",
    r"\cos": "cos",
    r"\coth": "coth",
    r"\tan": "tan",
    r"\arcsin": "asin",
    r"\arccos": "acos",
    r"\arctan": "atan",
    r"\sgn": "sign",
}


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
    definitions: dict[str, str] = field(default_factory=dict)  # canonical name → LaTeX of its value
    onehot: frozenset[str] = frozenset()  # label matrices/vectors sampled one-hot (Δ)
    index_values: dict[str, str] = field(default_factory=dict)  # a label index (y) → the size it runs to
    sample_shapes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # shapes for evaluation only (x)
    #: names whose shapes a reading of the undeclared shapes supplies, no declaration (undeclared.py)
    guessed_shapes: frozenset[str] = frozenset()
    #: functions the document defines, f(x) = …: name → (parameter, LaTeX of the body)
    doc_functions: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: names the document writes with a letter subscript or in bold (x for x_i, \mathbf{x}): vectors
    vectors: frozenset[str] = frozenset()
    #: function names the document makes the softmax (σ(z)_i = e^{z_i}/Σ_j e^{z_j}), whatever the notation says
    softmax_names: frozenset[str] = frozenset()
    #: function names the document defines as the softmax and, elsewhere, as another function (softmax_variants)
    softmax_variants: frozenset[str] = frozenset()
    #: softmax name → the one vector the document applies it to (σ_i(\mathbf z)): σ_i alone is its entry i
    softmax_arguments: dict[str, str] = field(default_factory=dict)
    #: families of entries the document states sum to one (y: y_1 + … + y_n = 1), or [onehot] names
    sums_to_one: frozenset[str] = frozenset()
    #: entries the document states sum to one, written out (T_1 + T_2 + T_3 = 1): their names
    entry_sums: tuple[tuple[str, ...], ...] = ()
    #: the document sums repeated indices without writing the sum (Einstein's convention)
    einstein: bool = False
    #: index pairs the document splits into cases somewhere ("jk" for $j = k$ / $j \neq k$)
    case_pairs: frozenset[str] = frozenset()
    #: sums the document names by the operator alone (\sum_K := \sum_{j=1}^K …): read as those names
    named_sums: frozenset[str] = frozenset()
    #: words the document uses as names (\text{CE}, Tot_{par}): read as one name, not refused
    word_names: frozenset[str] = frozenset()
    #: letters the document numbers without an underscore (w5, z1 for w_5, z_1): see digit_names
    digit_names: frozenset[str] = frozenset()
    #: functions the document defines at expressions (\text{Cost}(h(x^{(i)}), y^{(i)}) = …): name →
    #: (argument tokens, body); see function_values
    doc_calls: dict[str, tuple[tuple[tuple[str, ...], ...], str]] = field(default_factory=dict)
    #: one-parameter document functions whose bare name is their value at their own parameter
    bare_functions: frozenset[str] = frozenset()
    #: read a bare \log before a product as the log of the whole product (verdict_guards)
    log_takes_product: bool = False
    #: read a / b c as (a/b)·c, not parse_latex's a/(bc) (verdict_guards; asked with log_takes_product)
    slash_takes_factor: bool = False
    #: read d/dx A + B as the derivative of A + B, not (d/dx A) + B (verdict_guards; asked with the two above)
    operator_takes_sum: bool = False
    #: end \prod_j before its last factors that never write j (verdict_guards; asked with the three above)
    scope_ends_at_index: bool = False
    #: let \sum_j take the terms after it that write j (sum_scopes; definitions, and verdict_guards' other reading)
    sum_takes_index_terms: bool = False
    #: read θ^T x as one unknown number, not as Σ θ_q x_q (opaque_dots)
    opaque_dots: bool = False
    #: the document writes ^t for a transpose (t is nowhere else in its math): lowercase_transposes
    transpose_t: bool = False
    #: capital letters the document states equal to their square (P^2 = P), with the line (stated_properties)
    idempotents: dict[str, int] = field(default_factory=dict)
    #: matrices the document declares of a kind ("Let $A$ be a symmetric matrix"): stated_kinds
    kinds: dict[str, str] = field(default_factory=dict)
    #: \sigma = \sigma(w^\top x): a function written bare is its value at that argument (bare_values)
    bare_values: dict[str, str] = field(default_factory=dict)
    #: letters the document says are 0 or 1 (y^{(i)} "(0 or 1)", y \in \{0,1\}): binary_labels
    binary: frozenset[str] = frozenset()
    #: letters the document says are -1 or 1 (y_i \in \{-1, 1\}, "$y_1$ is either 1 or -1"): binary_labels
    signed: frozenset[str] = frozenset()
    #: letters whose numbered entries the document exponentiates (e^{z_1}) and never defines as
    #: vectors (z_1 = W_1 x): σ(z_1) of the document's softmax σ is its entry 1 (doc_vectors)
    scalar_entries: frozenset[str] = frozenset()
    #: index letters the document's inline math gives a number ("the true class $y = 1$"): verdict_guards
    prose_values: frozenset[str] = frozenset()
    #: names prose outside the math sets equal to a formula ("u=exp(a<sub>0</sub>)+…"): prose_formulas
    prose_formulas: frozenset[str] = frozenset()
    #: bases the prose states for the document's logarithms ("the log base 2"): stated_log_base
    log_bases: tuple[str, ...] = ()
    #: read f(x) of a function the document never defines as one unknown value (opaque_calls)
    opaque_calls: bool = False
    #: read f(x) of a function the document never defines as an unknown function of its arguments and of
    #: these variables, the ones the step differentiates by (applied_calls); None: not so read
    applied_calls: tuple[str, ...] | None = None
    #: in one chain, the one argument each of those functions is applied at there (h_\theta(x) in a
    #: chain that writes ∂h_\theta/∂\theta_0): the bare name means the function there (function_uses)
    chain_arguments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: names the document writes applied to its variables (J(w_1, w_2, b), E(\bm W)): name → that
    #: one argument list, at which the use reads as the bare name (applied_names)
    applied_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: of those, the ones the document never gives a value: name → (that list, the variables it is an
    #: unknown function of, applied or bare: the list and entries of it differentiated by) (dependent_names)
    applied_functions: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)
    #: names the document writes as functions (C(w, b), \partial E(\mathbf w)) and never gives a value: a
    #: bracket after them is a call, not a product (called_names)
    called_functions: frozenset[str] = frozenset()

    def without_functions(self, names: set[str] | frozenset[str]) -> Notation:
        """The notation with these names no longer its functions (the document means them otherwise)."""
        if not names:
            return self
        return replace(self, functions={k: v for k, v in self.functions.items() if k not in names})

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

    known = {"functions", "constants", "labels", "shapes", "scalars", "description", "domains", "inputs"}
    unknown = set(raw) - known - {"definitions", "onehot", "index_values", "sample_shapes"}
    if unknown:
        raise DeriveError(f"notation {source}: unknown section(s) {', '.join(sorted(unknown))}")
    functions: dict[str, str] = {}
    for name, key in table("functions").items():
        if not isinstance(key, str) or key not in FUNCTION_KEYS:
            raise DeriveError(
                f"notation {source}: function {name!r} maps to {key!r}; known: {', '.join(sorted(FUNCTION_KEYS))}"
            )
        # Words (LeakyReLU) match \text{…}/\operatorname{…} contents; other keys are names.
        functions[name if re.fullmatch(r"[A-Za-z]{2,}", name) else identifier_name(name, source)] = key
    constants: dict[str, str] = {}
    for name, value in table("constants").items():
        if value not in ("E", "pi"):
            raise DeriveError(f'notation {source}: constant {name!r} must be "E" or "pi"')
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
    names = _name_list(raw, "scalars", source)
    partial = Notation(functions, constants, labels, {}, frozenset(), source)
    shapes = {identifier_name(k, source, partial): tuple(_dim_name(d) for d in v) for k, v in shapes.items()}
    scalar_names = frozenset(identifier_name(n, source, partial) for n in names)
    domains: dict[str, str] = {}
    for name, value in table("domains").items():
        if value not in DOMAINS:
            raise DeriveError(f"notation {source}: domain of {name!r} must be one of {', '.join(DOMAINS)}")
        domains[identifier_name(name, source, partial)] = value
    inputs = frozenset(identifier_name(n, source, partial) for n in _name_list(raw, "inputs", source))
    definitions, onehot, index_values = _matrix_tables(raw, source, partial, table)
    sample_shapes = {}
    for name, dims in table("sample_shapes").items():
        if not isinstance(dims, list) or not all(isinstance(d, str) for d in dims) or len(dims) > 2:
            raise DeriveError(f"notation {source}: sample shape of {name!r} must be a list of at most 2 size names")
        sample_shapes[identifier_name(name, source, partial)] = tuple(_dim_name(d) for d in dims)
    return Notation(
        functions,
        constants,
        labels,
        shapes,
        scalar_names,
        source,
        domains,
        inputs,
        definitions,
        onehot,
        index_values,
        sample_shapes,
    )


def _name_list(raw: dict[str, Any], section: str, source: str) -> list[str]:
    """A section's ``names = [...]`` list (empty when the section is absent), checked to be strings."""
    table = raw.get(section, {})
    names = table.get("names", []) if isinstance(table, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise DeriveError(f"notation {source}: [{section}] names must be a list of strings")
    return names


def _matrix_tables(raw: dict[str, Any], source: str, partial: Notation, table: Any) -> tuple[Any, Any, Any]:
    """[definitions] name = "LaTeX", [onehot] names = [...], [index_values] y = "m": what the
    matrix steps are evaluated from (the LaTeX is read by the typed reader, never evaluated)."""
    definitions: dict[str, str] = {}
    for name, latex in table("definitions").items():
        if not isinstance(latex, str):
            raise DeriveError(f"notation {source}: the definition of {name!r} must be a LaTeX string")
        definitions[identifier_name(name, source, partial)] = latex
    names = _name_list(raw, "onehot", source)
    index_values: dict[str, str] = {}
    for letter, size in table("index_values").items():
        if not isinstance(size, str) or not re.fullmatch(r"[A-Za-z]", letter):
            raise DeriveError(f"notation {source}: index value {letter!r} must be one letter mapped to a size name")
        index_values[letter] = _dim_name(size)
    return definitions, frozenset(identifier_name(n, source, partial) for n in names), index_values


#: Domains a notation may give a symbol: counterexamples are only searched inside them
#: ("unit" is the open interval (0, 1), e.g. a LeakyReLU slope α < 1).
DOMAINS = ("real", "positive", "nonzero", "unit")


def _dim_name(text: str) -> str:
    return re.sub(r"\s+|[{}]", "", text)


def identifier_name(text: str, source: str = "<notation>", notation: Notation | None = None) -> str:
    """The canonical name of a LaTeX identifier such as ``\\mathbf{W}^{(1)}`` → ``W^{(1)}``."""
    notation = notation or Notation()
    reader = TexReader(
        *merge_word_names(*clean_tokens(tex_tokens(text)), notation.word_names, notation.digit_names), notation
    )
    try:
        name, end, power = reader.read_identifier(0)
    except (Unreadable, IndexError, RecursionError):
        name, end, power = None, 0, None
    if name is None or end != len(reader.toks) or power:
        raise DeriveError(f"notation {source}: {text!r} is not a name")
    return name


#: The notation files beside the default one: the other layout of IDENTITIES.md (hlcv.toml).
PROFILES_DIR = DEFAULT_NOTATION.parent
_FONT_WRAP = re.compile(r"\\(?:mathbf|boldsymbol|bm|mathrm|mathit|vec)\s*\{\s*([A-Za-z]|\\[A-Za-z]+)\s*\}")


def _mentions(text: str, name: str) -> bool:
    """Does the document write this canonical name (fonts and subscripts aside)?"""
    m = re.fullmatch(r"(\\?[A-Za-z]+|\\[a-z]+\{[A-Za-z]\})(?:_\{[^{}]*\})?(?:\^\{([^{}]*)\})?", name)
    if m is None:
        return False
    base, label = re.escape(m.group(1)), m.group(2)
    sub = r"(?:_\{?[^{}\s^]*\}?)?"
    pattern = base + (r"(?![A-Za-z])" if base[-1].isalpha() else "") + sub
    if label:
        pattern += r"\^\{?" + re.escape(label) + r"\}?"
    return re.search(pattern, text) is not None


def profile_score(text: str, notation: Notation) -> int:
    """How many of a notation's defined or shaped names the document writes."""
    plain = _FONT_WRAP.sub(r"\1", text)
    names = set(notation.definitions) | set(notation.shapes)
    return sum(_mentions(plain, name) for name in names)


def choose_profile(text: str, notation: Notation) -> Notation:
    """Without --notation, the layout whose names the document uses most: default.toml (one
    example, column vectors, seed 001) or another profile beside it (hlcv.toml: the row/batch
    layout of seed 004). A notation given by the user is kept as it is."""
    if notation.source != str(DEFAULT_NOTATION):
        return notation
    best, best_score = notation, profile_score(text, notation)
    for path in sorted(PROFILES_DIR.glob("*.toml")):
        if path == DEFAULT_NOTATION:
            continue
        candidate = load_notation(path)
        score = profile_score(text, candidate)
        # Only on clear evidence: a profile replaces how every name is read.
        if score >= max(best_score + 3, 5):
            best, best_score = candidate, score
    return best
