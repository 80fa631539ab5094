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
from dataclasses import dataclass, field
from typing import Any

from derive.checks.latex.bar_groups import inside_bars
from derive.checks.latex.braced_calls import braced_sums, unbraced
from derive.checks.latex.dot_products import dot_names, dot_pairs, dot_products
from derive.checks.latex.function_uses import differentiated_operand
from derive.checks.latex.index_sums import encode_condition, index_equality
from derive.checks.latex.norm_forms import FormsMixin
from derive.checks.latex.norm_names import NamesMixin
from derive.checks.latex.norm_tuples import linear_tuples, tuple_weight
from derive.checks.latex.notation import (
    DEFAULT_NOTATION,
    FUNCTION_KEYS,
    NATIVE_FUNCTION_COMMANDS,
    Notation,
    identifier_name,
    load_notation,
    notation_from_data,
)
from derive.checks.latex.one_cell_matrices import one_cell_matrix
from derive.checks.latex.probabilities import likelihood_form
from derive.checks.latex.product_scopes import index_free_tail
from derive.checks.latex.sum_scopes import sum_scope
from derive.checks.latex.tex_tokens import FONTS, GREEK, Operator, Unreadable, clean_tokens, tex_tokens
from derive.checks.latex.token_rewrites import merge_word_names

__all__ = [
    "DEFAULT_NOTATION",
    "FUNCTION_KEYS",
    "Notation",
    "Normalized",
    "identifier_name",
    "load_notation",
    "normalize",
    "notation_from_data",
]

UNSUPPORTED = {
    r"\sum": "a sum over an index",
    r"\prod": "a product over an index",
    r"\int": "an integral",
    r"\lim": "a limit",
    r"\partial": "a partial derivative in a form not read",
    r"\nabla": "a gradient ∇",
    r"\dots": "an ellipsis",
    r"\cdots": "an ellipsis",
    r"\ldots": "an ellipsis",
    r"\vdots": "an ellipsis",
    r"\ddots": "an ellipsis",
    r"\|": "a norm",
    r"\otimes": "an outer product ⊗",
    r"\odot": "an element-wise product ⊙",
    r"\circ": "a composition or Hadamard product ∘",
    r"\pm": "±",
    r"\mp": "∓",
    r"\begin": "an environment (cases, matrix …)",
    r"\end": "an environment",
    r"\{": "set braces",
    r"\}": "set braces",
    r"\top": "a transpose",
    r"\intercal": "a transpose",
    r"\infty": "infinity",
    r"\forall": "a quantifier",
    r"\exists": "a quantifier",
    r"\underset": "an annotated operator",
    r"\overset": "an annotated operator",
    r"\arg": "argmin/argmax",
    r"\min_": "a minimum over a set",
    r"\star": "⋆",
    r"\langle": "an inner product",
    r"\rangle": "an inner product",
    r"\det": "a determinant",
    r"\operatorname*": "an operator",
    r"\mid": "a condition |",
    r"\vert": "| bars",
}
RELATION_TOKENS = {
    "=",
    "<",
    ">",
    r"\leq",
    r"\le",
    r"\geq",
    r"\ge",
    r"\neq",
    r"\ne",
    r"\in",
    r"\approx",
    r"\simeq",
    r"\equiv",
    r"\to",
    r"\mapsto",
    r"\Rightarrow",
}


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
    sum_conditions: dict[int, tuple[tuple[str, str, str], ...]] = field(default_factory=dict)  # N → k ≠ i …
    sum_shifts: dict[int, int] = field(default_factory=dict)  # N → shift of a size-name end (sum_bounds)
    products: set[int] = field(default_factory=set)  # sums (N) that are products \prod (products.py)
    limits: dict[int, tuple[str, str]] = field(default_factory=dict)  # N → (variable, point) (limits.py)
    outside: set[str] = field(default_factory=set)  # names used outside every sum
    problems: list[str] = field(default_factory=list)
    diff_vars: list[str] = field(default_factory=list)
    prime_vars: list[str] = field(default_factory=list)  # what primes on brackets differentiate by (norm_primes)
    matrices: list[str] = field(default_factory=list)  # names with a declared non-scalar shape
    domains: dict[str, str] = field(default_factory=dict)  # symbol name → domain (when not real)
    bare: list[str] = field(default_factory=list)  # functions written without an argument
    calls: list[tuple[str, str]] = field(default_factory=list)  # (function, argument LaTeX) of unary calls
    loose_calls: list[str] = field(default_factory=list)  # \log a b: where its argument ends is open
    loose_slashes: list[str] = field(default_factory=list)  # a/b c: a/(bc) or (a/b)·c (verdict_guards)
    loose_derivatives: list[str] = field(default_factory=list)  # d/da w a + b: of w a, or of w a + b?
    loose_log_powers: list[str] = field(default_factory=list)  # \log x^2: log(x²) or (log x)²?
    loose_braces: list[str] = field(default_factory=list)  # \log_2{a - b}: the braces print nothing (braced_calls)
    loose_scopes: list[str] = field(default_factory=list)  # \prod_j a_j c: does c stand inside? (product_scopes)
    loose_sums: list[str] = field(default_factory=list)  # \sum_j a_j + b_j: does b_j stand inside? (sum_scopes)
    tuples: int = 0  # tuples (1, 2) read, each as entries weighted by powers of a τ
    dots: list[tuple[str, str]] = field(default_factory=list)  # θ^T x read as Σ θ_q x_q (dot_verdicts)

    @property
    def symbol_names(self) -> set[str]:
        return {name for kind, name in self.symbols.values() if kind == "symbol"}


def normalize(text: str, notation: Notation, chain_var: str | None = None, *, max_length: int = 4000) -> Normalized:
    """Normalise one side. Never raises: what cannot be read lands in ``problems``."""
    result = Normalized(source=text)
    if len(text) > max_length:
        result.problems.append(f"too long ({len(text)} characters)")
        return result
    if not text.strip():
        result.problems.append("empty side")
        return result
    result.loose_braces = braced_sums(text)  # \log_2{a - b}: where the argument ends is open on the page
    if result.loose_braces and notation.log_takes_product:  # the other reading (verdict_guards)
        text = unbraced(text)
    # θ^T x of two vectors is Σ_q θ_q x_q for this scalar reader (dot_products)
    toks = tex_tokens(text)
    result.dots = [] if notation.opaque_dots else dot_pairs(toks)  # as one name, θ^T x guesses nothing
    norm = _Normalizer(dot_names(toks) if notation.opaque_dots else dot_products(toks), notation, chain_var, result)
    try:
        norm.tuples = linear_tuples(norm.toks)
        result.latex = norm.run()
    except Unreadable as exc:
        result.problems.append(str(exc))
    except RecursionError:
        result.problems.append("nested too deeply")
    except IndexError:
        result.problems.append("unbalanced braces or brackets")
    except Exception as exc:  # noqa: BLE001 - untrusted input: a reason, never a traceback
        result.problems.append(f"unreadable input ({type(exc).__name__})")
    return result


class _Normalizer(NamesMixin, FormsMixin):
    def __init__(
        self, toks: list[tuple[str, bool]], notation: Notation, chain_var: str | None, result: Normalized | None = None
    ) -> None:
        super().__init__(*merge_word_names(*clean_tokens(toks), notation.word_names, notation.digit_names), notation)
        self.chain_var = chain_var
        self.inside_sum = False
        self.r = result if result is not None else Normalized(source="")
        self._symbol_ids: dict[tuple[str, str], int] = {}
        self.tuples: set[int] = set()  # brackets of this token list that hold a tuple (top level only)
        self.frozen: Any = None  # the function a derivative's operand is by (function_values.ValueOf)

    def problem(self, message: str) -> None:
        if message not in self.r.problems:
            self.r.problems.append(message)

    def sub_normalizer(self, toks: list[str], chain_var: str | None = None) -> _Normalizer:
        child = _Normalizer([], self.notation, chain_var if chain_var is not None else self.chain_var, self.r)
        child.toks = toks
        child.spaced = [False] * len(toks)
        child._symbol_ids = self._symbol_ids
        child.inside_sum = self.inside_sum
        child.frozen = self.frozen
        return child

    def seq_of(self, toks: list[str], chain_var: str | None = None) -> str:
        return self.sub_normalizer(toks, chain_var).run()

    def new_id(self, table: dict) -> int:
        return (
            len(self.r.symbols)
            + len(self.r.functions)
            + len(self.r.derivatives)
            + len(self.r.indicators)
            + len(self.r.piecewise)
            + len(self.r.sums)
            + len(self.r.limits)
            + 1
        )

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

    def run(self) -> str:
        out: list[str] = []
        i = 0
        while i < len(self.toks):
            t = self.toks[i]
            if t in ("+", "-", r"\cdot", "/"):
                out.append(t)
                i += 1
                continue
            if t in RELATION_TOKENS or t == ",":
                raise Unreadable(f"'{t}' inside one side")
            start = i
            piece, i = self.unit(i)
            if isinstance(piece, Operator):
                # d/dx and Σ_j apply to the rest of the product, up to a top-level + or −.
                end = self._product_end(i)
                if piece.letter == "g" and i < end < len(self.toks) and not self._one_group(i, end):  # d/da w a + b
                    self.r.loose_derivatives.append(" ".join(self.toks[start:]))
                    end = len(self.toks) if self.notation.operator_takes_sum else end
                if piece.letter == "s" and piece.n in self.r.products:  # \prod_j a_j c: c once, or n times?
                    end = self._product_scope(start, i, end, self.r.sums[piece.n][0])
                elif piece.letter == "s":  # \sum_j y_j \ln a_j + (1 - y_j) …: does j bind the second term? (sum_scopes)
                    end = sum_scope(self, start, end, self.r.sums[piece.n][0])
                # "\\sum_K - e^{z_i}" where the document names \\sum_K: the name, not a sum of −e^{z_i}
                named = self._named_sum(piece) if end == i or self.toks[i] in ("+", "-") else ""
                if named:
                    out.append(self.symbol("symbol", named))
                    continue
                if end == i:
                    raise Unreadable(f"{piece.what} with nothing after it")
                child = self.sub_normalizer(self.toks[i:end])
                child.inside_sum = self.inside_sum or piece.letter == "s"
                var = self.r.derivatives.get(piece.n) if piece.letter == "g" else None
                body = differentiated_operand(child, var) if piece.letter == "g" else child.run()
                out.append(f"{piece.letter}_{{{piece.n}}}\\left({body}\\right)")
                i = end
                continue
            if out and out[-1] == "/" and self._juxtaposed(i):
                out[-1], piece = self._slashed(piece, start, i)
            out.append(piece)
        # parse_latex silently drops a dangling operator ("131 -" parses as 131).
        ops = ("+", "-", r"\cdot", "/")
        if out and out[-1] in ops:
            raise Unreadable(f"a dangling '{out[-1]}'")
        if out and out[0] in (r"\cdot", "/"):
            raise Unreadable(f"a leading '{out[0]}'")
        for a, b in zip(out, out[1:], strict=False):
            if a in ops and b in (r"\cdot", "/"):
                raise Unreadable(f"'{a} {b}'")
        return " ".join(out)

    def _juxtaposed(self, k: int) -> bool:
        r"""Does a factor start at k, right after another one (no operator between)? A sum or
        product counts: ``\lambda / v \sum_i …`` is as loose as ``\lambda / v x``."""
        return k < len(self.toks) and (self._starts_unit(k) or self.toks[k] in ("(", "{", r"\left", r"\sum", r"\prod"))

    def _slashed(self, piece: str, start: int, end: int) -> tuple[str, str]:
        """``a / b c``: parse_latex reads a/(bc), and so does this reader first; a writer of
        ``1/2 B_0`` most often means (1/2)·B_0. The step is judged again with that reading where
        the first decides the verdict (verdict_guards): (operator, factor) under the current one."""
        before = self.toks[start - 2] if start >= 2 else ""
        self.r.loose_slashes.append(f"{before}/{' '.join(self.toks[start:end])} {self.toks[end]}")
        if self.notation.slash_takes_factor:
            return r"\cdot", f"{{{piece}}}^{{-1}}"
        return "/", piece

    def _product_scope(self, start: int, i: int, end: int, index: str) -> int:
        """Where the product opened at ``start`` ends: ``end``, or, in the other reading, before its
        last factors that never write its index (product_scopes); either way the step records it."""

        def factor_end(k: int) -> int | None:  # a throwaway reader: its records are not the side's
            probe = _Normalizer([], self.notation, self.chain_var, Normalized(source=""))
            probe.toks, probe.spaced = list(self.toks), list(self.spaced)
            try:
                piece, nxt = probe.unit(k)
            except Exception:  # noqa: BLE001 - unread here is read (or refused) by the side's own pass
                return None
            return None if isinstance(piece, Operator) else nxt

        tail = index_free_tail(self.toks, i, end, index, factor_end)
        if tail < end:
            self.r.loose_scopes.append(" ".join(self.toks[start:end]))
        return tail if tail < end and self.notation.scope_ends_at_index else end

    def _named_sum(self, piece: Operator) -> str:
        """``\\sum_K`` with nothing after it, where the document names a sum so: that name
        (its record as a sum is dropped), else ""."""
        if piece.letter != "s" or piece.n not in self.r.sums:
            return ""
        index, lower, upper = self.r.sums[piece.n]
        name = f"\\sum_{index}"
        if name not in self.notation.named_sums or lower != 1 or upper or piece.n in self.r.sum_conditions:
            return ""
        del self.r.sums[piece.n]
        return name

    def _one_group(self, k: int, end: int) -> bool:
        """Is toks[k:end] one bracketed group, ``(x^2)``? Then an operator before it plainly takes
        that group alone (verdict_guards asks no other reading). Sizers (``\\left``) were dropped
        with the spacing (tex_tokens.clean_tokens)."""
        try:
            return self.toks[k] in ("(", "[", "{") and self.match(k) == end - 1
        except Unreadable:
            return False

    def _product_end(self, k: int) -> int:
        depth = 0
        j = k
        while j < len(self.toks):
            t = self.toks[j]
            if t in ("{", "(", "[", r"\begin"):
                depth += 1
            elif t in ("}", ")", "]", r"\end"):
                depth -= 1
                if depth < 0:  # the bracket around the call closes: the product ends with it
                    break
            elif depth == 0 and t in ("+", "-") and j > k and not inside_bars(self.toks, k, j):  # ‖y − Xw‖: grouped
                break
            j += 1
        return j

    def unit(self, i: int) -> tuple[Any, int]:
        t = self.toks[i]
        if t == "{":
            end = self.match(i)
            inner = self.seq_of(self.toks[i + 1 : end])
            return self.postfix(f"\\left({inner}\\right)", end + 1)
        if t in ("(", "[") and i in self.tuples:
            return self.tuple_at(i)
        if t in ("(", "[") and self.match(i) + 1 < len(self.toks) and self.toks[self.match(i) + 1] == "'":
            return self.primed_group(i, self.match(i))
        if t in ("(", "["):
            end = self.match(i)
            between = index_equality(self.toks[i + 1 : end]) if t == "[" else None
            if between is not None:  # [i = j]: an Iverson bracket (an equation is never a factor)
                return self.postfix(self.symbol("iverson", encode_condition(between)), end + 1)
            inner = self.seq_of(self.toks[i + 1 : end])
            if self.toks[end + 1 : end + 3] in (["_", "+"], ["_", "{"]) and self.read_arg(end + 2)[0] == ["+"]:
                # [x]_+ is the positive part max(0, x)
                return self.postfix(self._call("max", ["0", inner], 0, None), self.read_arg(end + 2)[1])
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
                raise Unreadable("an unclosed |")
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
        if t in NATIVE_FUNCTION_COMMANDS:
            return self.function(NATIVE_FUNCTION_COMMANDS[t], t, i + 1)
        if t in (r"\mathbf", r"\mathbb", r"\mathds", r"\bm", r"\boldsymbol") and i + 1 < len(self.toks):
            arg, k = self.read_arg(i + 1)
            if self.text_of(arg) == "1":
                return self.indicator(k)
        if t == r"\begin" and self._env_name(i) == "cases":
            return self.cases(i)
        if t == r"\sum":
            return self.summation(i)
        form = likelihood_form(self, i) or one_cell_matrix(self, i)  # \prod, \lim, P(y=1|x), [x]: see each module
        if form is not None:
            return form
        if t in UNSUPPORTED:
            raise Unreadable(UNSUPPORTED[t])
        if t == "&":
            raise Unreadable("an alignment & inside an expression")
        if t == "?":
            raise Unreadable("a question mark")
        if t in FONTS or t.startswith("\\") and t[1:] in GREEK or re.fullmatch(r"[A-Za-z]", t):
            return self.named(i)
        if t.startswith("\\"):
            raise Unreadable(f"the command {t}")
        raise Unreadable(f"'{t}'")

    def tuple_at(self, i: int) -> tuple[str, int]:
        """``(c_1, …, c_n)`` as c_1 + τ c_2 + … + τ^{n-1} c_n (see derive.checks.latex.norm_tuples)."""
        end = self.match(i)
        self.r.tuples += 1
        parts = [self.seq_of(part) for part in self._split_commas(self.toks[i + 1 : end])]
        weight = self.symbol("symbol", tuple_weight(len(parts)))
        terms = [
            f"\\left({c}\\right) \\cdot {weight}^{{{j}}}" if j else f"\\left({c}\\right)" for j, c in enumerate(parts)
        ]
        return self.postfix(f"\\left({' + '.join(terms)}\\right)", end + 1)

    def postfix(self, text: str, i: int) -> tuple[str, int]:
        """Powers after a unit; transposes, primes, factorials and stray subscripts are unread."""
        while i < len(self.toks):
            t = self.toks[i]
            if t == "^":
                arg, i = self.read_power(i + 1)
                self.check_power(arg)
                text = f"{text}^{{{self.seq_of(arg)}}}"
                continue
            if t == "'":
                raise Unreadable("a prime ' on something that is not a known function")
            if t == "!":
                raise Unreadable("a factorial !")
            if t == "_":
                raise Unreadable("a subscript on a bracket or number")
            break
        return text, i

    def number(self, i: int) -> tuple[str, int]:
        digits = self.toks[i]
        k = i + 1
        # 1,572,864: thousands separators (exactly three digits after each comma).
        while (
            k + 1 < len(self.toks)
            and self.toks[k] == ","
            and re.fullmatch(r"\d{3}", self.toks[k + 1])
            and "." not in digits
            and digits != "0"  # 0,125 is no thousands group (a decimal comma: decimal_commas)
            and not self.spaced[k + 1]
        ):
            digits += self.toks[k + 1]
            k += 2
        if digits == "1" and k < len(self.toks) and self.toks[k] in ("_", r"\{"):  # 1_{i=j}, CS229's 1\{k = i\}
            return self.indicator(k)
        return self.postfix(digits, k)
