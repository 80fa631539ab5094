"""A normalised side (placeholders) to its SymPy expression, with sums expanded at a size."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from derive.checks.latex.abstract_functions import abstract_name
from derive.checks.latex.applied_calls import applied_head
from derive.checks.latex.example_labels import instantiate_label, label_definition, word_subscript
from derive.checks.latex.expression_derivatives import by_expression, is_expression_variable
from derive.checks.latex.index_sums import condition_indices, decode_condition, fixed_definitions, holds, split_name
from derive.checks.latex.intermediate_variables import held_intermediates, through_value
from derive.checks.latex.inverse_functions import INVERSE_KEYS
from derive.checks.latex.kink_values import off_kink
from derive.checks.latex.limits import settle_limit
from derive.checks.latex.normalize import Normalized
from derive.checks.latex.notation import FUNCTION_KEYS
from derive.checks.latex.opaque_calls import IndexInCall, instantiate_call, is_call_key
from derive.checks.latex.open_entries import open_entry_letters
from derive.checks.latex.probabilities import instance_bindings, instantiate_key, is_probability_key
from derive.checks.latex.unread_derivatives import unread_derivative
from derive.checks.latex.unstated_dependence import Unstated, unstated_value
from derive.checks.latex.varying_parts import varying_value

__all__ = ["Definitions", "PARSER", "Unparsed", "condition_indices", "index_letters", "named_sum_letters", "split_name"]
__all__ += ["to_sympy"]


class Unparsed(Exception):
    pass


def _family(name: str) -> tuple[str, str] | None:
    parts = split_name(name)
    return (parts[0], parts[2]) if parts and parts[1] else None


#: a subscript that is itself an indexed name, ``\pi_n``, ``\pi_{n}``, ``k_i``: the index inside it
_NESTED_INDEX = re.compile(r"\s*(\\?[A-Za-z]+)\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*")


def _instantiate(name: str, env: dict[str, int]) -> str | None:
    """``o_{k}^{a}`` with k = 2 → ``o_{2}^{a}``; subscripts like ``kj`` or ``k,j`` → ``12``."""
    if not env:
        return name
    parts = split_name(name)
    if parts is None:
        return name
    base, sub, label = parts
    label = instantiate_label(label, env)  # y^{(i)} under \sum_i: the i-th example (example_labels)
    name = base + (f"_{{{sub}}}" if sub else "") + (f"^{{{label}}}" if label else "")
    if not sub:
        return name
    nested = _NESTED_INDEX.fullmatch(sub)
    if nested and nested[2] in env:  # y_{\pi_n} under \sum_n: y at π(n), one more name for each n
        return base + f"_{{{nested[1]}_{{{env[nested[2]]}}}}}" + (f"^{{{label}}}" if label else "")
    chars = [c for c in sub if c != ","] if not word_subscript(sub) else []  # z_{max}: a name, kept
    if not all(re.fullmatch(r"[A-Za-z0-9]", c) for c in chars) or not any(c in env for c in chars):
        return name
    new_sub = "".join(str(env[c]) if c in env else c for c in chars)
    return base + f"_{{{new_sub}}}" + (f"^{{{label}}}" if label else "")


def index_letters(norms: list[Normalized], defined: Collection[str] = ()) -> tuple[set[str], list[str]]:
    """(letters bound by a sum, free index letters): a letter is an index when it appears in
    the subscript of a family (base + label) that some sum runs over; a free one (k, y in
    ∂/∂o_k(−o_y + log Σ_j e^{o_j})) is instantiated too."""
    bound = {index for norm in norms for index, _, _ in norm.sums.values()}
    names = {name for norm in norms for kind, name in norm.symbols.values() if kind == "symbol"}
    names |= {v for norm in norms for v in norm.derivatives.values()}
    summed_families = set()
    for name in names:
        parts = split_name(name)
        if parts and parts[1] and any(c in bound for c in parts[1]):
            summed_families.add((parts[0], parts[2]))
    # Free: letters of those families' subscripts in names used outside every sum (a letter
    # only ever bound by its sum is not instantiated), and in derivative variables.
    outside = {name for norm in norms for name in norm.outside} | {
        v for norm in norms for v in norm.derivatives.values()
    }
    letters: set[str] = set()
    for name in outside:
        parts = split_name(name)
        if parts and (parts[0], parts[2]) in summed_families:
            letters |= {c for c in parts[1] if c.isalpha() and not word_subscript(parts[1])}  # z_{max}: a name
    # ∂/∂z_i: i is the index of the variable, to be given values like any free index (left
    # as a letter, z_i is none of the z_1, z_2 … a defined name expands into)
    by = {c for norm in norms for v in norm.derivatives.values() if (p := split_name(v)) for c in p[1] if c.isalpha()}
    return bound, sorted(letters | (condition_indices(norms, defined) - bound) | (by - bound))


def named_sum_letters(norms: list[Normalized], named: Definitions) -> set[str]:
    """Letters of the names a step shares with the terms of a sum the document names
    (``e^{s_c}`` beside ``\\sum_N = \\sum_m e^{s_m}``): indices to give values, so that s_c is
    one of s_1 … s_n when the sum is expanded."""
    families: set[tuple[str, str]] = set()
    for norm in norms:
        for name in norm.symbol_names:
            if name.startswith("\\sum_") and name in named:
                value = named[name][1]
                bound = {index for index, _, _ in value.sums.values()}
                families |= {(p[0], p[2]) for n in value.symbol_names if (p := split_name(n)) and set(p[1]) & bound}
    letters: set[str] = set()
    for norm in norms:
        for name in norm.symbol_names | set(norm.derivatives.values()):
            parts = split_name(name)
            if parts and (parts[0], parts[2]) in families and parts[1].isalpha():
                letters |= set(parts[1])
    return letters


#: "subset" (our reader of the normaliser's output) or "parse_latex" (SymPy's, 25× slower).
PARSER = "subset"
_PLACEHOLDER = re.compile(r"([vfghpsl])_\{(\d+)\}")  # l: a limit (limits.py)
#: Numbers above this (as an integer power) are not built: 9^{9^{9}} would fill memory.
_MAX_EXPONENT = 10_000


def _functions() -> dict[str, Any]:
    """The SymPy callable of each function key: derive's function table (names and aliases),
    and SymPy's sin/cos/tan, sech/csch/coth and the inverses (notes), which the table does not list."""
    import sympy as sp

    from derive.functions import FUNCTIONS

    table = FUNCTIONS.aliases()
    extra = {key: getattr(sp, key) for key in ("sin", "cos", "tan", "sech", "csch", "coth", *INVERSE_KEYS)}
    return {key: table[key] if key in table else extra[key] for key in FUNCTION_KEYS if key in table or key in extra}


def _make_symbol(name: str, domain: str) -> Any:
    import sympy as sp

    if domain in ("positive", "unit"):
        return sp.Symbol(name, positive=True)
    if domain == "nonzero":
        return sp.Symbol(name, real=True, nonzero=True)
    return sp.Symbol(name, real=True)


#: A document's definitions as the worker receives them: name → (family letters, its value).
Definitions = dict[str, tuple[str, Normalized]]


def to_sympy(
    norm: Normalized, env: dict[str, int] | None = None, size: int | None = None, definitions: Definitions | None = None
) -> Any:
    """The SymPy expression of a normalised side. Raises Unparsed with what was not read:
    every symbol of the parse must be one of the normaliser's placeholders, so letters that
    ``parse_latex`` makes out of stray LaTeX (``mathbf``, ``text`` …) are caught here."""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    if norm.problems:
        raise Unparsed("; ".join(norm.problems))
    tree = _parse(norm)
    try:
        expr = _Builder(norm, size, definitions or {}).convert(tree, env or {})
    except RecursionError:
        raise Unparsed("an expression nested too deeply") from None
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise Unparsed("an undefined value (division by zero?)")
    if any(not isinstance(d.expr, AppliedUndef) for d in expr.atoms(sp.Derivative)):
        # f'(u) of a function the document leaves undefined stays a derivative (abstract_functions)
        raise Unparsed("a derivative SymPy could not evaluate")
    return expr


def _value(norm: Normalized, env: dict[str, int], size: int | None, definitions: Definitions) -> Any:
    """A definition's value, or None when it cannot be read here (the name then stays a name)."""
    try:
        return to_sympy(norm, env, size, definitions)
    except Unparsed:
        return None


def _parse(norm: Normalized) -> Any:
    from derive.checks.latex.subset_parser import parse_subset
    from sympy.core.function import AppliedUndef
    from sympy.parsing.latex import parse_latex

    try:
        tree = parse_subset(norm.latex) if PARSER == "subset" else parse_latex(norm.latex)
    except Exception as exc:  # noqa: BLE001 - LaTeXParsingError and ANTLR errors alike
        raise Unparsed(f"{norm.source!r} (parse error: {str(exc).splitlines()[0][:80]})") from None
    # parse_latex can silently drop the rest of its input (measured: "g(\\left|x\\right|)"
    # parses as the bare symbol g): every placeholder we wrote must be in the tree.
    names = [s.name for s in tree.free_symbols] + [f.func.__name__ for f in tree.atoms(AppliedUndef)]
    found = {m.groups() for m in map(_PLACEHOLDER.fullmatch, names) if m}
    if set(_PLACEHOLDER.findall(norm.latex)) != found:
        raise Unparsed(f"{norm.source!r} (the LaTeX parser dropped part of it)")
    return tree


def _iverson(encoded: str, env: dict[str, int]) -> Any:
    """1 or 0: an indicator of an index condition (``1_{i=j}``) at these index values."""
    import sympy as sp

    cond = decode_condition(encoded)
    value = holds(cond, env)
    if value is None:
        raise Unparsed(f"an indicator of {encoded} whose indices have no values here")
    return sp.Integer(int(value))


def _shown(conditions: tuple[tuple[str, str, str], ...]) -> str:
    return ", ".join(" ".join(c) for c in conditions)


class _Builder:
    """Placeholders back to what they stand for: names, functions, derivatives, indicators,
    cases and sums (expanded at ``size`` with the index values of ``env``)."""

    def __init__(self, norm: Normalized, size: int | None, definitions: Definitions) -> None:
        self.norm = norm
        self.size = size
        self.definitions = definitions
        self.functions = _functions()
        self.sizes = {upper for _, _, upper in norm.sums.values() if upper and not upper.isdigit()}

    def symbol(self, kind: str, name: str, env: dict[str, int]) -> Any:
        import sympy as sp

        if kind == "constant":
            return sp.E if name == "E" else sp.pi
        if kind == "iverson":
            return _iverson(name, env)
        if name in self.sizes and self.size is not None:
            return sp.Integer(self.size)
        if name in env:
            return sp.Integer(env[name])  # the index itself, as in \sum_{k=1}^{3} k
        # P(t_n|x_n) under \prod_n: its subscripts take their values too (probabilities.py)
        renamed = instantiate_key(name, env) if is_probability_key(name) else _instantiate(name, env)
        if is_call_key(name) and not is_probability_key(name):
            try:
                renamed = instantiate_call(name, env)  # h(x^{(i)}) under \sum_i: opaque_calls
            except IndexInCall as exc:
                raise Unparsed(str(exc)) from None
        if renamed is not None and renamed != name:
            kron = re.fullmatch(r"\\delta_\{(\d)(\d)\}", renamed)
            if kron and name not in fixed_definitions(self.definitions):  # the document's own δ_{o1}: not Kronecker's
                return sp.Integer(int(kron.group(1) == kron.group(2)))
        final = renamed if renamed is not None else name
        # C_0 of w in a step about a loss's parts: its own function at each instance (varying_parts)
        varying = varying_value(self.definitions.get(name), final, lambda parent: self.symbol("symbol", parent, env))
        if varying is not None:
            return varying
        value = self.defined(final, env)
        if value is not None:
            return value
        if final.startswith("\\sum"):  # \sum_K named by the document: never a free variable
            raise Unparsed(f"{final}, a sum the document names, without a definition read before this step")
        return _make_symbol(final, self.norm.domains.get(name, "real"))

    def defined(self, name: str, env: dict[str, int] | None = None) -> Any:
        """The value the document gave this name (s = σ(z); a_2 from a_j = …), or None. In an
        instance of a step (``env``, or a size), an entry its value leaves open (z_c) takes the
        step's value of c, and a step that gives c none is not read (open_entries)."""
        rest = {k: v for k, v in self.definitions.items() if k != name}
        if name in self.definitions and isinstance(self.definitions[name][1], Unstated):
            # differentiated by the document but never given a value: an unknown function of the
            # parents its derivatives imply (unstated_dependence); each parent read as usual
            return unstated_value(self.definitions[name][1], _Builder(self.norm, self.size, rest).parent, self.size)
        if name in self.definitions and not self.definitions[name][0]:
            value, env = self.definitions[name][1], env or {}
            letters = open_entry_letters(value, self.norm) if env or self.size is not None else set()
            if letters - set(env):
                raise Unparsed(f"{name}, whose value writes an entry at an index ({min(letters - set(env))}) not given")
            return _value(value, {c: env[c] for c in letters}, self.size, rest)
        if is_probability_key(name):  # P(y=1|x) from P(y|x) = …, y given the value 1 (probabilities.py)
            return self.probability_instance(name)
        parts = split_name(name)
        example = label_definition(parts, self.definitions, split_name) if parts else None
        if example is not None:  # \hat{y}^{(2)} from \hat{y}^{(i)} = … (example_labels)
            return _value(example[0], example[1], self.size, example[2])
        if parts is None or not parts[1].isdigit():
            return None
        base, sub, label = parts
        for key, (letters, value) in self.definitions.items():
            family = split_name(key)
            if letters and family and family[0] == base and family[2] == label and len(letters) == len(sub):
                others = {k: v for k, v in self.definitions.items() if k != key}
                if isinstance(value, Unstated):  # p_2 of an unknown family p (unstated_dependence)
                    return unstated_value(value, _Builder(self.norm, self.size, others).parent, self.size, sub)
                return _value(value, {c: int(d) for c, d in zip(letters, sub, strict=True)}, self.size, others)
        return None

    def parent(self, name: str) -> Any:
        """A parent of an unknown function (unstated_dependence): the name, read as usual."""
        return self.symbol("symbol", name, {})

    def probability_instance(self, name: str) -> Any:
        """The value of a probability the document defines with letters where this one has values
        (instance_bindings); None unless exactly one definition fits. The letters stay variables
        while its value is read (a worked example's x = (1, 2, 3) is not put in for them)."""
        import sympy as sp

        fits = [(k, b) for k in self.definitions if is_probability_key(k) and (b := instance_bindings(name, k))]
        if len(fits) != 1 or self.definitions[fits[0][0]][0]:
            return None
        key, bindings = fits[0]
        rest = {k: v for k, v in self.definitions.items() if k != key and k not in bindings}
        value = _value(self.definitions[key][1], {}, self.size, rest)
        if value is None:
            return None
        put = {}
        for letter, text in bindings.items():
            new = sp.Integer(int(text)) if re.fullmatch(r"-?\d+", text) else self.symbol("symbol", text, {})
            put.update({s: new for s in value.free_symbols if s.name == letter})
        return value.xreplace(put)

    def convert(self, node: Any, env: dict[str, int]) -> Any:
        import sympy as sp
        from sympy.core.function import AppliedUndef

        if isinstance(node, sp.Symbol):
            m = _PLACEHOLDER.fullmatch(node.name)
            if m is None or m.group(1) != "v" or int(m.group(2)) not in self.norm.symbols:
                raise Unparsed(f"'{node.name}' (LaTeX the parser read as a symbol)")
            return self.symbol(*self.norm.symbols[int(m.group(2))], env)
        if isinstance(node, AppliedUndef):
            return self.applied(node, env)
        if isinstance(node, sp.Float):
            return sp.Rational(str(node))
        if isinstance(node, sp.Rational):
            return node
        if isinstance(node, sp.Pow):
            return self.power(node, env)
        kinds = (sp.Add, sp.Mul, sp.log, sp.exp, sp.tanh, sp.sinh, sp.cosh, sp.sin, sp.cos, sp.Abs, sp.sign, sp.Max)
        if isinstance(node, (*kinds, sp.Min, sp.sech, sp.csch, sp.coth, sp.tan)) or type(node).__name__ in INVERSE_KEYS:
            return node.func(*[self.convert(a, env) for a in node.args])
        raise Unparsed(f"{type(node).__name__} (not supported)")

    def power(self, node: Any, env: dict[str, int]) -> Any:
        import sympy as sp

        base, exponent = self.convert(node.args[0], env), self.convert(node.args[1], env)
        if base.is_number and exponent.is_number:
            if (exponent.is_Integer and abs(exponent) > _MAX_EXPONENT) or (
                base.is_Integer and abs(base) > 10**100 and exponent > 1
            ):
                raise Unparsed("a number too large to evaluate")
            if base == 0 and exponent.is_negative:
                raise Unparsed("a division by zero")
        return sp.Pow(base, exponent)

    def applied(self, node: Any, env: dict[str, int]) -> Any:
        m = _PLACEHOLDER.fullmatch(node.func.__name__)
        if m is None or m.group(1) == "v":
            raise Unparsed(f"'{node.func.__name__}(…)' (an unknown function)")
        letter, n = m.group(1), int(m.group(2))
        if letter == "s" and n in self.norm.sums and len(node.args) == 1:
            return self.summed(n, node.args[0], env)
        if letter == "g" and n in self.norm.derivatives and len(node.args) == 1:
            return self.derivative(n, node.args[0], env)
        if letter == "l" and n in self.norm.limits and len(node.args) == 1:
            return self.limit(n, node.args[0], env)
        if letter == "g" and len(node.args) == 2 and is_expression_variable(self.norm.derivatives.get(n, "")):
            return by_expression(self, node.args[0], node.args[1], env, Unparsed)  # ∂o/∂(x_2 w_2)
        if letter == "g" and n in self.norm.derivatives and len(node.args) == 2:
            # by a function's value (function_uses): differentiate by it, then put the value in
            slope = self.derivative(n, node.args[0], env)
            var = self.symbol("symbol", self.norm.derivatives[n], env)
            return slope.xreplace({var: off_kink(slope, var, self.convert(node.args[1], env), Unparsed)})
        args = [self.convert(a, env) for a in node.args]
        if letter == "f" and n in self.norm.functions:
            return self.function(n, args, env)
        if letter == "h" and n in self.norm.indicators and len(args) == 1:
            import sympy as sp

            return sp.Heaviside(args[0], self.norm.indicators[n])
        if letter == "p" and n in self.norm.piecewise:
            return self.cases(n, args)
        raise Unparsed(f"'{node.func.__name__}'")

    def summed(self, n: int, body: Any, env: dict[str, int]) -> Any:
        import sympy as sp

        index, lower, upper = self.norm.sums[n]
        end = int(upper) if upper.isdigit() else self.size
        if end is None:
            raise Unparsed("a sum over an index (no size to expand it at)")
        if not upper.isdigit():
            end += self.norm.sum_shifts.get(n, 0)  # \sum_{i=0}^{N-1}: the end N shifted (sum_bounds)
        if end - lower > 12:
            raise Unparsed("a sum with too many terms to expand")
        if not upper.isdigit() and lower > end:  # Σ_{i=11}^{n} at n = 3 is no sum of the document's
            raise Unparsed("a sum whose start is past the size it is expanded at")
        conditions = self.norm.sum_conditions.get(n, ())
        terms = []
        for v in range(lower, end + 1):
            inner = {**env, index: v}
            kept = [holds(c, inner) for c in conditions]
            if None in kept:
                raise Unparsed(f"a sum under a condition on an index with no value here ({_shown(conditions)})")
            if all(kept):
                terms.append(self.convert(body, inner))
        return sp.Mul(*terms) if n in self.norm.products else sp.Add(*terms)  # \prod: products.py

    def limit(self, n: int, raw: Any, env: dict[str, int]) -> Any:
        """The limit of the operand (limits.py); its variable is bound, so a value the document
        gives a name of the same spelling (h = σ(z)) is not put in for it."""
        name, point = self.norm.limits[n]
        free = {k: v for k, v in self.definitions.items() if k != name}
        builder = self if len(free) == len(self.definitions) else _Builder(self.norm, self.size, free)
        var = builder.symbol("symbol", name, env)
        symbol = getattr(var, "is_Symbol", False)  # a variable given a number (h = 2) is no limit variable
        value = settle_limit(builder.convert(raw, env), var, point) if symbol else None
        if value is None:
            raise Unparsed("a limit SymPy could not settle")
        return value

    def function(self, n: int, args: list[Any], env: dict[str, int]) -> Any:
        import sympy as sp

        key, prime = self.norm.functions[n][:2]
        undefined = abstract_name(key) or applied_head(key, lambda name: _instantiate(name, env))  # (applied_calls)
        fn = sp.Function(undefined.lstrip("\\")) if undefined else self.functions[key]
        if prime in ("1", "2"):  # σ''(x): the second derivative of a known function
            t = sp.Dummy("t", real=True)
            slope = sp.diff(fn(t, *args[1:]), t, int(prime))
            return slope.subs(t, off_kink(slope, t, args[0], Unparsed))  # f'(0) of max(0, x) (kink_values)
        return fn(*args)

    def derivative(self, n: int, raw: Any, env: dict[str, int]) -> Any:
        """d/dx of the operand. Where the document gave x a value (x = 2, ŷ = w₂ ReLU(w₁x)), the operand is read
        with x left free (names defined from x still depend on it), differentiated, and x's value put in after."""
        import sympy as sp

        name = self.norm.derivatives[n]
        final = _instantiate(name, env) or name
        builder = self
        if self.defined(final) is not None:
            # ∂ŷ_i/∂θ_i with θ_k = Σ w_ik x_i + b_k defined too: θ stays a variable while
            # differentiating, and its value is put in afterwards (a partial derivative at the point)
            family = _family(final)
            free = {k: v for k, v in self.definitions.items() if k != final and (not v[0] or _family(k) != family)}
            builder = _Builder(self.norm, self.size, free)
        if getattr(raw, "is_number", False):
            # d/dz (1): a number as written depends on nothing, whatever the document left unstated
            return sp.Integer(0)
        operand = builder.convert(raw, env)
        var = builder.symbol("symbol", name, env)
        if not isinstance(var, sp.Symbol):
            raise Unparsed("a derivative with respect to a number")
        operand = through_value(operand, var, lambda: self.defined(final))  # y = f(g(x)), u = g(x): dy/du
        # L = v_2 + v_3, v_3 = √v_2: ∂L/∂v_2 the partial or the total derivative? (intermediate_variables)
        read = lambda d: _Builder(self.norm, self.size, d).convert(raw, env)  # noqa: E731
        if builder is not self and (why := held_intermediates(var, free, read, (Unparsed, ValueError, TypeError))):
            raise Unparsed(why)
        unread = unread_derivative(operand, var, self._contains(var, operand, env))
        if isinstance(unread, str):
            raise Unparsed(unread)
        if unread is not None:  # its dependence not stated: one unknown value (unread_steps' reading)
            return unread
        family = _family(var.name)
        if (
            family
            and not split_name(var.name)[1].isdigit()
            and any(  # type: ignore[index]
                _family(f.name) == family and split_name(f.name)[1].isdigit()  # type: ignore[index]
                for f in operand.free_symbols
            )
        ):
            # ∂/∂s_c of something holding s_1, s_2 …: c is an index with no value here
            raise Unparsed(f"a derivative with respect to {var} beside numbered entries of the same name")
        slope = sp.diff(operand, var)
        if builder is self:
            return slope
        family = _family(final)
        kin = {s for s in slope.free_symbols if s == var or (family is not None and _family(s.name) == family)}
        values = {s: value for s in kin if (value := self.defined(s.name)) is not None}
        # a'(z) of an unknown a (unstated_dependence) at z = wx + b: a Subs, which xreplace cannot make
        return slope.subs(values) if slope.has(sp.Derivative) else slope.xreplace(values)

    @staticmethod
    def _contains(var: Any, operand: Any, env: dict[str, int]) -> bool:
        family = env and _family(var.name) in {_family(str(f)) for f in operand.free_symbols}
        return var in operand.free_symbols or bool(family)

    def cases(self, n: int, args: list[Any]) -> Any:
        import sympy as sp

        pieces, rest = [], list(args)
        for kind in self.norm.piecewise[n]:
            if kind == "otherwise":
                pieces.append((rest.pop(0), True))
            elif kind == "index":
                value, flag = rest.pop(0), rest.pop(0)
                pieces.append((value, sp.Eq(flag, 1)))
            else:
                value, difference = rest.pop(0), rest.pop(0)
                pieces.append((value, difference > 0 if kind == "gt" else difference >= 0))
        if rest:
            raise Unparsed("a cases environment read inconsistently")
        return sp.Piecewise(*pieces)
