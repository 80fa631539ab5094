"""Names, known functions and indicators in one side (a mixin of the normaliser)."""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.activation_names import ACTIVATION_LETTERS, named_activation
from derive.checks.latex.applied_calls import applied_arguments, applied_key
from derive.checks.latex.applied_uses import applied_as_name
from derive.checks.latex.dependent_names import dependent_name
from derive.checks.latex.dot_products import dot_pairs
from derive.checks.latex.function_calls import expand_document_function
from derive.checks.latex.function_labels import activation_label, labelled_call
from derive.checks.latex.function_uses import frozen_use
from derive.checks.latex.index_calls import index_entry
from derive.checks.latex.index_sums import encode_condition, index_equality
from derive.checks.latex.inverse_functions import inverse_key
from derive.checks.latex.norm_primes import PrimesMixin
from derive.checks.latex.norm_softmax import SoftmaxMixin
from derive.checks.latex.notation import BUILTIN_NAMES, FUNCTION_KEYS, NATIVE_FUNCTION_COMMANDS
from derive.checks.latex.opaque_calls import call_key
from derive.checks.latex.tex_names import DECORATIONS, function_before_letters, letters_before_function
from derive.checks.latex.tex_tokens import (
    FONTS,
    GREEK,
    TEXT_FONTS,
    Operator,
    Unreadable,
    clean_tokens,
    tex_tokens,
)
from derive.checks.latex.trig_products import loose_after, trig_argument_end

__all__ = ["NamesMixin", "BAREABLE", "FUNCTION_LETTERS"]

#: Functions a derivation may write without their argument (σ for σ(x)); ln, exp … never.
BAREABLE = {"sigmoid", "tanh", "softplus", "relu"}
#: Letters that usually name functions: "f(x + 1)" is read as neither f·(x + 1) nor f applied.
FUNCTION_LETTERS = {
    "f",
    "g",
    "h",
    "F",
    "G",
    "H",
    "L",
    "J",
    "R",
    "S",
    "T",
    "P",
    "Q",
    "p",
    "q",
    r"\ell",
    r"\mathcal{L}",
    r"\hat{R}",
    r"\tilde{R}",
    r"\tilde{J}",
}


class NamesMixin(SoftmaxMixin, PrimesMixin):
    """``named``, ``function`` and ``indicator``; the rest of the reader is in normalize.py."""

    r: Any
    chain_var: str | None

    def _word(self, i: int) -> tuple[str, int] | None:
        """Three or more letters in a row at i (a name the parser would split): a function's name,
        a function typed against its argument (``logw``), or letters before one (``ylog``, read
        letter by letter: None); any other word is not read."""
        run = i
        while run + 1 < len(self.toks) and re.fullmatch(r"[A-Za-z]", self.toks[run + 1]) and not self.spaced[run + 1]:
            run += 1
        word = "".join(self.toks[i : run + 1])
        after = self.toks[run + 1] if run + 1 < len(self.toks) else ""
        if word == "ln" and after == "(":  # ln(p) typed without its backslash: the log
            return self.function("log", word, run + 1)
        if run - i < 2:
            return None
        key = self.notation.functions.get(word) or BUILTIN_NAMES.get(word.lower())
        if key is not None and key != "step":
            return self.function(key, word, run + 1)
        head = function_before_letters(word)
        if head is not None:  # logw typed for log w: the function, then its argument
            return self.function(BUILTIN_NAMES[head], head, i + len(head))
        if not letters_before_function(word):
            raise Unreadable(f"the word '{word}'")
        return None

    def named(self, i: int) -> tuple[str, int]:
        t = self.toks[i]
        if re.fullmatch(r"[A-Za-z]", t):
            word = self._word(i)
            if word is not None:
                return word
        if t in FONTS:
            arg, k = self.read_arg(i + 1)
            inner = self.text_of(arg)
            key = BUILTIN_NAMES.get(inner.lower().replace(" ", ""))
            named = self.notation.functions.get(inner)
            # \hat{\sigma}, \tilde\sigma, \bar\sigma: a quantity of its own (an estimate), not σ the function
            decorated = t in DECORATIONS
            if (named is not None or key is not None) and not decorated:
                return self.function(named or key, inner, k)
            if t in TEXT_FONTS and len(inner) > 1 and inner not in self.notation.word_names:
                raise Unreadable(f"the text '{inner}'")
            if t == r"\mathbb":
                raise Unreadable(f"the set \\mathbb{{{inner}}}")
            if not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", inner) and inner not in self.notation.word_names:
                raise Unreadable(f"the name {t}{{{inner}}}")
        name, k, power = self.read_identifier(i)
        assert name is not None
        if self.notation.softmax_names and re.split(r"[_^]", name, maxsplit=1)[0] in self.notation.softmax_names:
            entry = self._document_softmax(i, name, k, power)
            if entry is not None:
                return entry
        if name in self.notation.functions:
            return self.function(self.notation.functions[name], name, k, power=power)
        activation = self._subscripted_activation(name, k, power) or labelled_call(self, i, name, power)
        if activation is not None:
            return activation
        base_key = BUILTIN_NAMES.get(name.lower()) if len(name) > 1 and not name.startswith("\\") else None
        if base_key:
            return self.function(base_key, name, k, power=power)
        expanded = self.own_function_forms(name, k, power) or self._document_function(name, k, power)
        if (expanded := expanded or index_entry(self, name, k, power)) is not None:  # \sum_k P(k): P_k (index_calls)
            return expanded
        if name in self.notation.constants:
            text = self.symbol("constant", self.notation.constants[name])
        elif power is None and (dependent := dependent_name(self, name, k)) is not None:
            return dependent  # J(w, b) never given a value: an unknown function of w, b (dependent_names)
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
                except Unreadable:
                    single = False
                top_comma = self.top_level(inside, ",")
                # p_j(1 - p_j): a subscripted name before a bracket is a product, not a call
                function_like = re.split(r"[_^]", name, maxsplit=1)[0] in FUNCTION_LETTERS and "_" not in name
                # \text{Var}[aX], \mathrm{Cov}(X, Y): a word before a bracket is an operator applied
                function_like = function_like or (re.fullmatch(r"[A-Za-z]{2,}", name) is not None and not had_power)
                function_like = function_like or name in self.notation.called_functions  # C(w, b) elsewhere
                if single and not had_power and nm in self.notation.inputs and not function_like:
                    # o_k^a(\mathbf{x}): the quantity at the network's input, i.e. o_k^a.
                    return text, end + 1
                if not had_power and applied_as_name(self, name, inside):
                    return text, end + 1  # J(w_1, w_2, b): the document's J of its variables (applied_names)
                if function_like or top_comma or not inside or (single and not had_power):
                    return self._ambiguous_call(name, inside, end + 1, had_power)
                text = f"{text} \\cdot"
        if power:
            text = f"{text}^{{{self.seq_of(power)}}}"
        if k < len(self.toks) and self.toks[k] == "'":
            raise Unreadable(f"a prime on {name}, which is not a known function")
        return text, k

    def _ambiguous_call(self, name: str, inside: list[str], k: int, had_power: bool) -> tuple[str, int]:
        """``f(x)`` of a name that is no function the reader knows: a function application or a
        product? Refused, except in the other readings a step refused for it alone is given:
        one unknown value (opaque_calls), or an unknown function of its arguments (applied_calls)."""
        if self.notation.opaque_calls and inside and not had_power:
            return self.postfix(self.symbol("symbol", call_key(name, inside)), k)
        parts = applied_arguments(inside)
        # … never of a name the document defines (CE(y, ŷ) = …, used at other arguments): not unknown
        defined = name in self.notation.doc_functions or name in self.notation.definitions
        if self.notation.applied_calls is not None and inside and not had_power and all(parts) and not defined:
            args = [self.seq_of(part) for part in parts]  # f(x, y): a function of two arguments …
            args += [self.symbol("symbol", v) for v in self.notation.applied_calls]  # … and of what ∂ is by
            return self.postfix(self._call(applied_key(name, len(args)), args, 0, None), k)
        raise Unreadable(f"{name}(…): a function application or a product? (declare the function in the notation)")

    def _subscripted_activation(self, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
        r"""``\sigma_\mathrm{sig}(z)``, ``g_{\text{ReLU}}(Z)``, ``\sigma_\mathrm{sm}(z)_i``: a function's
        letter with an activation's name as its subscript, applied, is that activation."""
        m = re.fullmatch(r"(\\?[A-Za-z]+)_\{([^{}]*)\}", name)
        if m is None or k >= len(self.toks) or self.toks[k] not in ("(", "'", "^"):
            return None
        if m.group(1) not in self.notation.functions and m.group(1) not in ACTIVATION_LETTERS:
            return None  # \ell_{\text{softmax}}: a loss named after the softmax, not the softmax
        key = named_activation(m.group(2))
        if key is None or name in self.notation.shapes:
            return None
        if key == "softmax":
            return self._softmax_entry(name, k) if power is None else None
        return self.function(key, name, k, power=power)

    def _document_function(self, name: str, k: int, power: list[str] | None) -> tuple[str, int] | None:
        """A function the document defines (``g(z) = …``, ``h_\\theta(x) = …``) where it is used:
        its value (see function_calls.expand_document_function); in the operand of a derivative by
        that function, one variable (function_values.frozen_use)."""
        frozen = getattr(self, "frozen", None)
        if frozen is not None and name == frozen.name:
            used = frozen_use(self, name, k, power)
            if used is not None:
                return used
        expanded = expand_document_function(self, name, k, power)
        if expanded is None:
            return None
        toks, end = expanded
        self.r.dots += dot_pairs(tex_tokens(self.notation.doc_functions.get(name, ("", ""))[1]))  # its body's θ^T x
        return self.postfix(f"\\left({self.seq_of(toks)}\\right)", end)

    def function(self, key: str, shown: str, k: int, *, power: list[str] | None = None) -> tuple[str, int]:
        """A known function at k (after its name): sub/superscripts, prime, argument."""
        if key == "softmax":
            return self._softmax_entry(shown, k)
        if k < len(self.toks) and self.toks[k] == "_" and key != "leaky_relu":
            sub, after = self.read_arg(k + 1)
            if named_activation(self.text_of(sub)) == "softmax":  # \sigma_\mathrm{sm}(z)_i: the softmax
                return self._softmax_entry(shown, after)
        key, power, k = self._inverse(key, power, k)
        prime, sub_arg, power, k = self._marks(shown, k, power)
        arity = FUNCTION_KEYS.get(key, 1)  # abstract:f (an undefined function) takes one
        extra: list[str] = []
        named = named_activation(self.text_of(sub_arg)) if sub_arg is not None and key != "leaky_relu" else None
        if named is not None:  # \sigma_\mathrm{relu}, \sigma'_{\text{tanh}}: the activation its subscript names
            key, sub_arg, arity = named, None, 1
        if sub_arg is not None and activation_label(self, key, shown, sub_arg, prime, k):
            sub_arg = None  # \tanh_{o}'(s_{o}): the neuron's label on its activation (function_labels)
        if sub_arg is not None and key in ("max", "min") and self.notation.opaque_calls:
            return self._extremum_over(shown, sub_arg, k)  # \max_k x_k: one unknown value (opaque_calls)
        if sub_arg is not None:
            if key != "leaky_relu":
                raise Unreadable(f"a subscript on the function {shown}")
            extra = [self.seq_of(sub_arg)]
        elif key == "leaky_relu":
            raise Unreadable(f"{shown} without its slope α")
        args: list[str]
        if k < len(self.toks) and self.toks[k] in ("(", "["):
            end = self.match(k)
            inside = self.toks[k + 1 : end]
            k = end + 1
            if key in ("max", "min") and self.notation.opaque_calls and not self.top_level(inside, ","):
                # max(Z_i): the largest entry of a family, one unknown value (the other reading: opaque_calls)
                return self.postfix(self.symbol("symbol", call_key(shown, inside)), k)
            bare = self._bare_rule(key, shown, arity, inside, prime, power)
            if bare is not None:
                return self.postfix(bare, k)
            args = [self.seq_of(part) for part in self._split_commas(inside)]
        elif k < len(self.toks) and self.toks[k] == "{":
            arg, k = self.read_arg(k)
            args = [self.seq_of(arg)]
        elif k < len(self.toks) and self.toks[k] in (r"\sum", r"\prod"):
            # \log \sum_j e^{x_j}, \log\prod_i p_i: the argument is the whole sum (the rest of the product).
            end = self._product_end(k)
            args = [self.sub_normalizer(self.toks[k:end]).run()]
            k = end
        elif k < len(self.toks) and self._starts_unit(k):
            k0 = k
            piece, k = self.unit(k)
            if arity == 1:
                self.r.calls.append((shown, " ".join(self.toks[k0:k])))
            if isinstance(piece, Operator):
                raise Unreadable(f"{shown} applied to {piece.what} without brackets")
            args = [piece]
            caret = self._power_of_name(k0, k) if key == "log" and power is None else None
            if caret is not None:  # \log x^2: log(x²), or (log x)² as "logx^2 = ln(x)^2" means (verdict_guards)
                self.r.loose_log_powers.append(" ".join([shown, *self.toks[k0:k]]))
                if self.notation.log_takes_product:
                    args, power = [self.sub_normalizer(self.toks[k0:caret]).run()], self.read_arg(caret + 1)[0]
            if loose_after(key, self.toks, k, k < len(self.toks) and self._starts_unit(k)):
                # \log\frac{1}{a}\exp(b), \log_2 4/6, \sin 2x: of one factor, or of the product (trig_products)?
                self.r.loose_calls.append(shown)
                if self.notation.log_takes_product:  # the other reading (verdict_guards)
                    end = self._product_end(k0) if key == "log" else trig_argument_end(self.toks, k0)
                    args, k = [self.sub_normalizer(self.toks[k0:end]).run()], end
        else:
            args = self._no_argument(key, shown, arity)
        args = args + extra
        if len(args) != max(arity, 1):
            raise Unreadable(f"{shown} with {len(args)} argument(s)")
        return self.postfix(self._call(key, args, prime, power), k)

    def _extremum_over(self, shown: str, sub: list[str], k: int) -> tuple[str, int]:
        """``\\max_k x_k``, ``\\max_{j}(z_j)``: the largest entry of a family, read as one unknown value
        (the other reading of opaque_calls); its bound letter, written ``*`` in the value's name, is
        no index of the step."""
        bound = self.text_of(sub).strip()
        if k < len(self.toks) and self.toks[k] in ("(", "["):
            end = self.match(k)
            inside, k = self.toks[k + 1 : end], end + 1
        elif k < len(self.toks) and self._starts_unit(k):
            start = k
            k = self.unit(k)[1]
            inside = self.toks[start:k]
        else:
            inside = []
        if not inside or not re.fullmatch(r"[A-Za-z]", bound):
            raise Unreadable(f"a subscript on the function {shown}")
        operand = ["*" if t == bound else t for t in inside]
        return self.postfix(self.symbol("symbol", call_key(f"{shown}_{{{bound}}}", operand)), k)

    def _inverse(self, key: str, power: list[str] | None, k: int) -> tuple[str, list[str] | None, int]:
        r"""``\sinh^{-1}``, ``tanh^{-1}``: the inverse function's key (inverse_functions), its
        power consumed; any other function and power are returned as they came."""
        if power is None and k < len(self.toks) and self.toks[k] == "^":
            written, after = self.read_arg(k + 1)
            inverse = inverse_key(key, self.text_of(written))
            return (inverse, None, after) if inverse else (key, power, k)
        inverse = inverse_key(key, self.text_of(power)) if power is not None else None
        return (inverse, None, k) if inverse else (key, power, k)

    def _marks(
        self, shown: str, k: int, power: list[str] | None
    ) -> tuple[int, list[str] | None, list[str] | None, int]:
        """(primes, subscript, power, next index) written after a function's name."""
        prime = 0
        sub_arg: list[str] | None = None
        if power is not None and self.text_of(power) == "-1":
            # \sigma^{-1}(\mu) read with its name: the inverse function (the logit), not 1/σ(μ)
            raise Unreadable(f"an inverse {shown}^{{-1}}")
        while k < len(self.toks) and self.toks[k] in ("^", "_", "'"):
            if self.toks[k] == "'":
                prime += 1
                k += 1
            elif self.toks[k] == "_":
                sub_arg, k = self.read_arg(k + 1)
            else:
                if power is not None:
                    raise Unreadable(f"a double superscript on {shown}")
                power, k = self.read_arg(k + 1)
                if self.text_of(power) in ("-1",):
                    raise Unreadable(f"an inverse {shown}^{{-1}}")
                self.check_power(power)
        if prime > 2:
            raise Unreadable("a third derivative (f''')")
        return prime, sub_arg, power, k

    def _bare_rule(
        self, key: str, shown: str, arity: int, inside: list[str], prime: int, power: list[str] | None
    ) -> str | None:
        """Record the call; σ(1 − σ) in a chain about x is σ(x)·(1 − σ(x)) (the bare-function rule)."""
        bare_token = shown if shown.startswith("\\") else None
        mentions_var = bool(self.chain_var and self._mentions(inside, self.chain_var))
        if arity == 1 and bare_token is not None and bare_token in inside and not mentions_var:
            self.r.bare.append(shown)
        elif arity == 1:
            self.r.calls.append((shown, " ".join(inside)))
        if (
            self.chain_var is not None
            and arity == 1
            and key in BAREABLE
            and bare_token is not None
            and bare_token in inside
            and not mentions_var
        ):
            call = self._call(key, [self.symbol("symbol", self.chain_var)], prime, power)
            return f"{call} \\cdot \\left({self.seq_of(inside)}\\right)"
        return None

    def _no_argument(self, key: str, shown: str, arity: int) -> list[str]:
        value = self.notation.bare_values.get(shown) if arity == 1 else None
        if value is not None:  # \sigma = \sigma(w^\top x) in the document: σ is that value (bare_values)
            return [self.seq_of(clean_tokens(tex_tokens(value))[0])]
        if arity == 1:
            self.r.bare.append(shown)
        if self.chain_var is not None and arity == 1 and key in BAREABLE:
            return [self.symbol("symbol", self.chain_var)]
        # Recorded, not raised: the chain-variable pass needs the rest of the side.
        self.problem(f"{shown} without an argument")
        return ["0"] * max(arity, 1)

    def _power_of_name(self, k0: int, k: int) -> int | None:
        """Where the caret is, when toks[k0:k] is one letter (scripts aside) raised to a power."""
        toks = self.toks[k0:k]
        if len(toks) < 3 or not re.fullmatch(r"[A-Za-z]", toks[0]) or "^" not in toks:
            return None
        caret = toks.index("^")
        if any(t in ("(", ")") for t in toks[:caret]):
            return None
        return k0 + caret

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
            or t in FONTS
            or t in NATIVE_FUNCTION_COMMANDS
            or t in (r"\frac", r"\sqrt", "|")
            or (t.startswith("\\") and t[1:] in GREEK)
        )

    def _mentions(self, toks: list[str], name: str) -> bool:
        """Does this token list mention the identifier ``name`` (by its base letter)?"""
        base = re.match(r"\\?[A-Za-z]+|.", name)
        target = base.group(0) if base else name
        return target in toks

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
                raise Unreadable("an unclosed indicator condition")
            cond, k = self.toks[k + 1 : end], end + 1
        elif k < len(self.toks) and self.toks[k] in ("[", "("):
            end = self.match(k)  # 1[i = j], 1(i = j): only an index condition is read this way
            cond, k = self.toks[k + 1 : end], end + 1
            if index_equality(cond) is None:
                raise Unreadable("an indicator 1[…] whose condition is not between two indices")
        else:
            raise Unreadable("an indicator 1 without a condition")
        while cond and cond[0] == r"\{" and cond[-1] == r"\}":
            cond = cond[1:-1]
        between = index_equality(cond)
        if between is not None:
            return self.postfix(self.symbol("iverson", encode_condition(between)), k)
        each = [index_equality(part) for part in _conjuncts(cond)]
        if len(each) > 1 and all(e is not None for e in each):
            # 1_{k=i,q=j}: every equality at once, the product of their indicators
            product = " ".join(self.symbol("iverson", encode_condition(e)) for e in each if e is not None)
            return self.postfix(f"\\left({product}\\right)", k)
        if k < len(self.toks) and self.toks[k] == "(":
            # 1_{\{x>0\}}(x): the indicator function of the set, at the very variable its condition
            # is written in, is the condition's truth value (1_S(x) = 1 if x ∈ S); at anything
            # else it would need a substitution, and is not read
            end = self.match(k)
            inside = [t for t in self.toks[k + 1 : end] if t.strip()]
            if len(inside) != 1 or not re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", inside[0]) or inside[0] not in cond:
                raise Unreadable("an indicator of a set applied to an argument")
            k = end + 1
        depth = 0
        split = None
        for j, t in enumerate(cond):
            if t in ("(", "[", "{"):
                depth += 1
            elif t in (")", "]", "}"):
                depth -= 1
            elif depth == 0 and t in ("<", ">", r"\le", r"\ge"):
                if split is not None:
                    raise Unreadable("an indicator with a compound condition")
                split = j
        if split is None:
            raise Unreadable("an indicator whose condition is not a comparison < > ≤ ≥")
        left, rel, right = cond[:split], cond[split], cond[split + 1 :]
        if not left or not right:
            raise Unreadable("an indicator with an incomplete comparison")
        a, b = self.seq_of(left), self.seq_of(right)
        if rel in ("<", r"\le"):
            a, b = b, a
        n = self.new_id(self.r.indicators)
        self.r.indicators[n] = 0 if rel in ("<", ">") else 1
        return self.postfix(f"h_{{{n}}}\\left(\\left({a}\\right) - \\left({b}\\right)\\right)", k)


def _conjuncts(cond: list[str]) -> list[list[str]]:
    """The parts of a condition joined by top-level commas or ∧ (``k=i,q=j``, ``k = i \\land q = j``)."""
    parts: list[list[str]] = [[]]
    depth = 0
    for t in cond:
        depth += (t in ("(", "[", "{")) - (t in (")", "]", "}"))
        if depth == 0 and t in (",", r"\land", r"\wedge"):
            parts.append([])
        else:
            parts[-1].append(t)
    return parts

