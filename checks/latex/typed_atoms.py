r"""The atoms of a typed expression: names, numbers, brackets, fractions and derivatives, norms,
indicators, sums and cases (a mixin of the typed reader in :mod:`derive.checks.latex.typed`)."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from derive.checks.latex.activation_names import subscripted_activation
from derive.checks.latex.applied_uses import applied_as_name
from derive.checks.latex.cases_rows import with_ampersand
from derive.checks.latex.defined_arguments import at_own_arguments
from derive.checks.latex.entrywise_activations import activation_key
from derive.checks.latex.evaluated_points import evaluated_at_own_variable
from derive.checks.latex.literal_patterns import is_ellipsis
from derive.checks.latex.matrix_literals import MATRIX_ENVIRONMENTS, read_list, read_literal
from derive.checks.latex.norm_names import FUNCTION_LETTERS
from derive.checks.latex.notation import BUILTIN_NAMES, NATIVE_FUNCTION_COMMANDS
from derive.checks.latex.row_lists import LIST_REFUSED, row_list
from derive.checks.latex.tex_names import function_before_letters, letters_before_function, says_otherwise
from derive.checks.latex.tex_tokens import FONTS, GREEK, TEXT_FONTS, TexReader, Unreadable, strip_differential
from derive.checks.latex.transposed_lists import transposed_list
from derive.checks.latex.typed_nodes import (
    Call,
    Cases,
    Cond,
    Delta,
    Deriv,
    Indicator,
    Mul,
    Node,
    Norm,
    Num,
    Pow,
    Sum,
    Sym,
    split_name,
)

__all__ = ["AtomsMixin", "function_key"]

_EXTRA_FUNCTIONS = {
    "prod": "prod",
    "onehot": "onehot",
    "diag": "diag",
    "softmax": "softmax",
    "relu": "relu",
    "rect": "relu",
    "sgn": "sign",
    "sum": "sum",
    "tr": "trace",
    "trace": "trace",
}
_RELATIONS = {"=": "=", r"\ne": "!=", "<": "<", ">": ">", r"\le": "<=", r"\ge": ">="}
_WRAPPERS = (r"\boxed", r"\underbrace", r"\overbrace", r"\mathclap", r"\color")
#: one index or layer label (ℓ, l-1, L, 2): a subscript Kronecker's two-index delta never has
_ONE_FONTS = (r"\mathbf", r"\mathbb", r"\mathds", r"\bm", r"\boldsymbol", r"\mathbbm")


def function_key(notation: Any, word: str) -> str | None:
    """The function key of a word or command (σ, \\text{softmax}, \\operatorname{ReLU}, \\exp)."""
    if word in NATIVE_FUNCTION_COMMANDS:
        return NATIVE_FUNCTION_COMMANDS[word]
    key = notation.functions.get(word) or BUILTIN_NAMES.get(word.lower().replace(" ", ""))
    return key or _EXTRA_FUNCTIONS.get(word.lower())


class AtomsMixin(TexReader):
    """``atom()`` and what it needs; the precedence levels live in the reader."""

    i: int
    row_lists: bool = False  # lists in brackets read as rows (row_lists.py)
    peek: Any
    take: Any
    additive: Any
    mp: Any
    postfix: Any
    whole: Any
    sub_reader: Any
    _power: Any

    def atom(self) -> Node:
        t = self.take()
        if t in ("(", "[", "{"):
            return self._bracket(self.i - 1)
        if t in ("|", r"\|"):
            return self._bars(t)
        if re.fullmatch(r"\d+(\.\d+)?", t):
            return self._number(t)
        if t == r"\frac":
            return self._fraction()
        if t in (r"\partial", r"\nabla"):
            return Deriv(None, self._subscript_var(t))
        if t == r"\sqrt":
            arg, self.i = self.read_arg(self.i)
            return Pow(self.whole(arg), Num(Fraction(1, 2)))
        if t in _WRAPPERS:
            arg, self.i = self.read_arg(self.i)
            if t in (r"\underbrace", r"\overbrace") and self.peek() in ("_", "^"):
                _, self.i = self.read_arg(self.i + 1)
            return self.whole(arg)
        if t == r"\sum":
            return self._sum()
        if t == r"\begin":
            return self._cases()
        if t in NATIVE_FUNCTION_COMMANDS:
            return self._function(NATIVE_FUNCTION_COMMANDS[t], t)
        if t in _ONE_FONTS and self.peek() == "{" and self.peek(1) == "1" and self.peek(2) == "}":
            self.i += 3
            return self._indicator()
        if t == r"\delta" and self.peek() == "_":
            return self._delta()
        self.i -= 1
        return self._named()

    # ------------------------------------------------------------------ simple atoms
    def _bracket(self, start: int) -> Node:
        end = self.match(start)
        inner = self.toks[start + 1 : end]
        self.i = end + 1
        if self.top_level(inner, ","):
            # with an ellipsis: a vector (matrix_literals.py); else a row (row_lists, transposed_lists)
            parts = self._split_commas(inner)
            if self.row_lists and not any(is_ellipsis(p) for p in parts) or transposed_list(self, parts):
                return row_list(self, parts)
            return read_list(self, parts, LIST_REFUSED)
        return self.whole(inner)

    def _bars(self, bar: str) -> Node:
        depth, k = 0, self.i
        while k < len(self.toks):
            tok = self.toks[k]
            depth += (tok in ("(", "[", "{")) - (tok in (")", "]", "}"))
            if tok == bar and depth == 0:
                break
            k += 1
        if k >= len(self.toks):
            raise Unreadable(f"an unclosed {bar}")
        inner = self.whole(self.toks[self.i : k])
        self.i = k + 1
        if bar == "|":
            return Call("abs", (inner,))
        p = ""
        self._subscript_first()
        if self.peek() == "_":
            arg, self.i = self.read_arg(self.i + 1)
            p = self.text_of(arg)
            if p not in ("1", "2", "F"):
                raise Unreadable(f"a norm with subscript {p}")
        return Norm(inner, p)

    def _subscript_first(self) -> None:
        """``||x||^2_2`` is ``||x||_2^2`` (TeX sets scripts in either order): the subscript first."""
        if self.peek() != "^":
            return
        _, sub = self.read_arg(self.i + 1)
        if sub >= len(self.toks) or self.toks[sub] != "_":
            return
        _, end = self.read_arg(sub + 1)
        order = [*range(sub, end), *range(self.i, sub)]
        self.toks[self.i : end] = [self.toks[k] for k in order]
        self.spaced[self.i : end] = [self.spaced[k] for k in order]

    def _number(self, digits: str) -> Node:
        while self.peek() == "," and re.fullmatch(r"\d{3}", self.peek(1) or "") and "." not in digits:
            if self.spaced[self.i + 1]:
                break
            digits += self.toks[self.i + 1]
            self.i += 2
        if digits == "1" and self.peek() == "_":
            return self._indicator()
        return Num(Fraction(digits))

    def _delta(self) -> Node:
        start = self.i
        arg, self.i = self.read_arg(self.i + 1)
        sub = self.text_of(arg).replace(",", "").replace(" ", "")
        if re.fullmatch(r"[A-Za-z0-9]{2}", sub):
            return Delta(sub[0], sub[1])
        # One index (δ_ℓ, δ_{ℓ-1}, δ_L): a layer's error signal, a name as in the scalar reader;
        # a Kronecker delta always has two.
        self.i = start - 1
        return self._named()

    # ------------------------------------------------------------------ derivatives
    def _fraction(self) -> Node:
        num, self.i = self.read_arg(self.i)
        den, self.i = self.read_arg(self.i)
        num, den = self.mended(num, den)
        var = self._differential(den)
        if var is not None and (rest := self._strip_d(num)) is not None:
            node = Deriv(self.whole(rest) if rest else None, var)
            if node.num is not None:
                self._skip_evaluated_at(rest, self._strip_d(den) or [])
            return node
        if var is not None or (num and num[0] == r"\partial"):
            raise Unreadable("a derivative written in a form not read")
        return _div(self.whole(num), self.whole(den))

    def _skip_evaluated_at(self, rest: list[str], by: list[str]) -> None:
        """``∂J/∂W (θ, {x_i, y_i})``, ``dσ/dx (x)``: the bracket says where, it is not a factor."""
        if self.peek() == "(":
            end = self.match(self.i)
            inner = self.toks[self.i + 1 : end]
            if self.top_level(inner, ",") or r"\theta" in inner:
                self.i = end + 1
            elif inner == by:
                self.i = evaluated_at_own_variable(rest, self.notation, end)

    @staticmethod
    def _strip_d(toks: list[str]) -> list[str] | None:
        return strip_differential(toks)

    def _differential(self, den: list[str]) -> Sym | None:
        rest = self._strip_d(den)
        if not rest:
            return None
        child = self.sub_reader(rest)
        name, end, power = child.read_identifier(0)
        if name is None or end != len(rest) or power:
            return None
        return _sym(name)

    def _subscript_var(self, op: str) -> Sym:
        if self.peek() != "_":
            raise Unreadable(f"{op} without a subscript variable")
        arg, self.i = self.read_arg(self.i + 1)
        child = self.sub_reader(arg)
        name, end, power = child.read_identifier(0)
        if name is None or end != len(arg) or power:
            raise Unreadable(f"{op} with respect to something that is not a name")
        return _sym(name)

    # ------------------------------------------------------------------ indicators, sums, cases
    def _indicator(self) -> Node:
        t = self.take()
        if t == "_":
            self.i -= 1
            arg, self.i = self.read_arg(self.i + 1)
        elif t in (r"\{", "[", "(", "{"):
            closer = {r"\{": r"\}", "[": "]", "(": ")", "{": "}"}[t]
            end = self.toks.index(closer, self.i)
            arg, self.i = self.toks[self.i : end], end + 1
        else:
            raise Unreadable("an indicator without a condition")
        while arg and arg[0] == r"\{" and arg[-1] == r"\}":
            arg = arg[1:-1]
        return Indicator(self.condition(arg))

    def condition(self, toks: list[str]) -> Cond:
        """One comparison ``a REL b`` between two sides."""
        split = [j for j, t in enumerate(toks) if t in _RELATIONS and not self.top_level(toks[:j], "(")]
        if len(split) != 1:
            raise Unreadable("a condition that is not one comparison")
        j = split[0]
        if not toks[:j] or not toks[j + 1 :]:
            raise Unreadable("an incomplete comparison")
        return Cond(self.whole(toks[:j]), _RELATIONS[toks[j]], self.whole(toks[j + 1 :]))

    def _sum(self) -> Node:
        indices: list[str] = []
        lower = upper = None
        cond = None
        while self.peek() in ("_", "^"):
            which = self.take()
            arg, self.i = self.read_arg(self.i)
            if which == "^":
                upper = self.whole(arg)
                continue
            rel = [j for j, t in enumerate(arg) if t in _RELATIONS]
            head = arg[: rel[0]] if rel else arg
            indices = [t for t in head if t != ","]
            if not indices or not all(re.fullmatch(r"[A-Za-z]", t) for t in indices):
                raise Unreadable("a sum over something other than index letters")
            if rel and arg[rel[0]] == "=":
                lower = self.whole(arg[rel[0] + 1 :])
            elif rel:
                cond = self.condition(arg)
        if not indices and upper is None:  # \sum v: a vector's entries, or NotJudged at its value (vector_sums)
            return Call("vector_sum", (self.mp(),))
        if not indices:
            raise Unreadable("a sum without an index")
        body = self.mp()
        for index in reversed(indices):
            body = Sum(index, lower, upper, cond, body)
            cond = None
        return body

    def _cases(self) -> Node:
        arg, k = self.read_arg(self.i)
        if self.text_of(arg) in MATRIX_ENVIRONMENTS:  # a matrix or vector written out (matrix_literals.py)
            return read_literal(self, self.text_of(arg), k)
        if self.text_of(arg) != "cases":
            raise Unreadable(f"the environment {self.text_of(arg)}")
        end = self.toks.index(r"\end", k)
        body, self.i = self.toks[k:end], self.toks.index("}", end) + 1
        rows: list[tuple[Node, Cond | None]] = []
        for row in _split_rows(body):
            row = with_ampersand(row)  # 1, \\text{if } U > 0 (cases_rows)
            if row.count("&") != 1:
                raise Unreadable("a cases row without exactly one &")
            amp = row.index("&")
            text = self.text_of(row[amp + 1 :]).lower()
            words = [t for t in _drop_words(row[amp + 1 :], self) if t not in (",", ".", ";")]
            otherwise = says_otherwise(text)  # sinon, sonst, w przeciwnym razie, c.c. (tex_names)
            cond = None if otherwise else self.condition(words)
            rows.append((self.whole(row[:amp]), cond))
        return Cases(tuple(rows))

    # ------------------------------------------------------------------ names and functions
    def _named(self) -> Node:
        t = self.toks[self.i]
        if self._plain_trace():  # tr(\begin{pmatrix}…\end{pmatrix}): the trace, not t times r
            self.i += 2
            return self._function("trace", "tr")
        if re.fullmatch(r"[A-Za-z]", t):
            run = self.i
            while run + 1 < len(self.toks) and re.fullmatch(r"[A-Za-z]", self.toks[run + 1]):
                if self.spaced[run + 1]:
                    break
                run += 1
            word = "".join(self.toks[self.i : run + 1])
            if run - self.i >= 2 or word == "ln":  # ln(a) without its backslash is ln, as in the scalar reader
                key = function_key(self.notation, word)
                if key is not None:
                    self.i = run + 1
                    return self._function(key, word)
                head = function_before_letters(word)
                if head is not None:  # logw typed for log w: the function, then its argument
                    self.i += len(head)
                    return self._function(BUILTIN_NAMES[head], head)
                if not letters_before_function(word):
                    raise Unreadable(f"the word '{word}'")
        if t in FONTS:
            arg, k = self.read_arg(self.i + 1)
            inner = self.text_of(arg)
            key = function_key(self.notation, inner)
            if key is not None and (len(inner) > 1 or inner in self.notation.functions):
                self.i = k
                return self._function(key, inner)
            if t in TEXT_FONTS and len(inner) > 1 and inner not in self.notation.word_names:
                raise Unreadable(f"the text '{inner}'")
        if not (t in FONTS or (t.startswith("\\") and t[1:] in GREEK) or re.fullmatch(r"[A-Za-z]", t)):
            raise Unreadable(f"the command {t}" if t.startswith("\\") else f"'{t}'")
        if self.notation.constants.get(t) == "E":
            return self._euler()
        if (activation := subscripted_activation(self)) is not None:  # g_{\text{ReLU}}(Z): activation_names
            return activation
        name, k, power = self.read_identifier(self.i)
        assert name is not None
        self.i = k
        if name in self.notation.softmax_names and self.peek() in ("(", "["):
            # the document makes this letter the softmax (σ(z)_i = e^{z_i}/Σ_j e^{z_j}): not the
            # notation's σ; its entries are read by the scalar reader, where the step's index
            # conditions are read too
            raise Unreadable(f"{name} is the softmax in this document (read per entry)")
        key = self.notation.functions.get(name)
        if key is not None:
            return self._function(key, name, power)
        node: Node = _sym(name)
        if power:
            node = self._power(node, power)
        if self.peek() == "(":
            applied = self._check_application(name)
            if applied is not None:
                return applied
        return node

    def _plain_trace(self) -> bool:
        """``tr`` in plain letters before a bracket opening with a matrix written out: t·r times
        numbers is no reading anyone means (``tr(AB)`` of names: trace_forms.py)."""
        k = self.i
        if self.toks[k] not in ("t", "T") or self.peek(1) != "r" or self.spaced[k + 1] or self.peek(2) != "(":
            return False
        if self.peek(3) != r"\begin" or self.peek(4) != "{":
            return False
        env, _ = self.read_arg(k + 4)
        return self.text_of(env) in MATRIX_ENVIRONMENTS

    def _euler(self) -> Node:
        """``e``, ``e^{x}`` and ``e^-x``: the exponential function."""
        self.i += 1
        if self.peek() != "^":
            return Call("exp", (Num(Fraction(1)),))
        self.i += 1
        sign = self.take() if self.peek() in ("-", "+") else ""
        arg, self.i = self.read_arg(self.i)
        power = self.whole([sign, *arg] if sign else arg)
        return Call("exp", (power,))

    def _check_application(self, name: str) -> Node | None:
        stem, sub = split_name(name)
        end = self.match(self.i)
        inside = self.toks[self.i + 1 : end]
        try:
            inner, stop, power = self.sub_reader(inside).read_identifier(0) if inside else (None, 0, None)
        except Unreadable:
            inner, stop, power = None, 0, None
        if inner is not None and stop == len(inside) and not power and inner in self.notation.inputs:
            self.i = end + 1  # o^s(x): the quantity at the input x
            return
        if at_own_arguments(self, name, inside):
            self.i = end + 1  # L(x, y): the defined quantity, at its arguments (defined_arguments)
            return
        if name in self.notation.applied_functions:
            # never given a value, it depends on the arguments written: no constant here (dependent_names)
            raise Unreadable(f"{name}(…), a function of its arguments the document does not define")
        if applied_as_name(self, name, inside):
            self.i = end + 1  # E(\bm W), \ell(Z_{L+1}, y): the document's name of its variables (applied_names)
            return
        letter = not sub and (stem in FUNCTION_LETTERS or stem in ("l", r"\ell") or self.top_level(inside, ","))
        if letter or name in self.notation.called_functions:  # C(w, b) elsewhere: a function (called_names)
            if name in self.notation.shapes or not inside:
                raise Unreadable(f"{name}(…): a function application or a product?")
            # l(o, y), f(x): a function the document does not define (judged ok or not at all)
            self.i = end + 1
            return Call(f"unknown:{name}", tuple(self.whole(part) for part in self._split_commas(inside)))
        return None

    def _function(self, key: str, shown: str, power: list[str] | None = None) -> Node:
        if key.startswith("abstract:"):
            # an undefined activation: entry-wise, judged with stand-ins (entrywise_activations.py)
            key = activation_key(key)
        prime, extra = 0, []
        while self.peek() in ("'", "_", "^"):
            t = self.take()
            if t == "'":
                prime += 1
                continue
            arg, self.i = self.read_arg(self.i)
            if t == "_" and key in ("leaky_relu", "onehot"):
                extra = [self.whole(arg)]
            elif t == "^" and power is None:
                power = arg
            else:
                raise Unreadable(f"a {'subscript' if t == '_' else 'superscript'} on the function {shown}")
        if prime > 1:
            raise Unreadable("a higher derivative")
        args = self._arguments(shown)
        node: Node = Call(key, tuple(args + extra), prime)
        if power:
            node = self._power(node, power)
        return node

    def _arguments(self, shown: str) -> list[Node]:
        t = self.peek()
        if t in ("(", "["):
            end = self.match(self.i)
            inside = self.toks[self.i + 1 : end]
            self.i = end + 1
            parts = self._split_commas(inside)
            if len(parts) > 2 and any(is_ellipsis(p) for p in parts):  # diag(x_1, …, x_n): one vector
                loose = function_key(self.notation, shown) not in ("diag", "sum")  # these: a row or a column alike
                return [read_list(self, parts, "", loose)]
            return [self.whole(part) for part in parts]
        if t == "{":
            arg, self.i = self.read_arg(self.i)
            return [self.whole(arg)]
        starts_unit = t is not None and (re.fullmatch(r"[A-Za-z\d]", t) or t in FONTS or t.startswith("\\"))
        if starts_unit:
            return [self.postfix()]
        raise Unreadable(f"{shown} without its argument")


def _sym(name: str) -> Sym:
    stem, sub = split_name(name)
    return Sym(name, stem, sub)


def _div(a: Node, b: Node) -> Node:
    return Mul(a, b, "div")


def _split_rows(body: list[str]) -> list[list[str]]:
    rows: list[list[str]] = [[]]
    level = 0
    for t in body:
        level += (t in ("{", "(", "[")) - (t in ("}", ")", "]"))
        if t == "\\\\" and level == 0:
            rows.append([])
        else:
            rows[-1].append(t)
    return [r for r in rows if r]


def _drop_words(toks: list[str], reader: Any) -> list[str]:
    """A case condition without \\text{if} and its braces."""
    reader = reader.sub_reader(toks)
    out: list[str] = []
    k = 0
    while k < len(toks):
        if toks[k] in TEXT_FONTS or toks[k] == r"\mbox":
            _, k = reader.read_arg(k + 1)
            continue
        out.append(toks[k])
        k += 1
    while out and out[0] in ("{", "}"):
        out = out[1:]
    return out
