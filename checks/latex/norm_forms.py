"""Fractions and derivatives, sums and cases in one side (a mixin of the normaliser)."""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.cases_rows import with_ampersand
from derive.checks.latex.evaluated_points import evaluated_at_own_variable
from derive.checks.latex.expression_derivatives import expression_derivative
from derive.checks.latex.function_uses import differentiated_operand
from derive.checks.latex.implied_sums import implied_index
from derive.checks.latex.index_sums import encode_condition, index_equalities, index_equality, sum_subscript
from derive.checks.latex.set_sums import set_index
from derive.checks.latex.sum_bounds import end_shift, read_start
from derive.checks.latex.tex_names import CONDITION_WORDS, OTHERWISE_WORDS, is_otherwise
from derive.checks.latex.tex_tokens import TEXT_FONTS, Operator, TexReader, Unreadable, strip_differential

__all__ = ["FormsMixin"]


class FormsMixin(TexReader):
    """``summation``, ``fraction`` (d/dx and ∂/∂x) and ``cases``."""

    r: Any

    def summation(self, i: int) -> tuple[Operator, int]:
        """\\sum_{j=1}^{m} (or \\sum_j, \\sum_i^N): one index letter, an integer start, an end
        that is a number, a size name or left out. The checker expands it at small sizes."""
        k = i + 1
        index, lower, upper = None, 1, ""
        shift: int | None = None  # set for the shapes sum_bounds reads (a shifted end, a wider start)
        conditions: tuple = ()
        while k < len(self.toks) and self.toks[k] in ("_", "^"):
            which = self.toks[k]
            arg, k = self.read_arg(k + 1)
            if which == "_":
                if index is not None:
                    raise Unreadable("a sum with two subscripts")
                read = sum_subscript(arg)
                if read is not None:
                    index, lower, conditions = self._bound_letter(read, i, k)
                    continue
                if "=" in arg:
                    eq = arg.index("=")
                    lhs, rhs = arg[:eq], arg[eq + 1 :]
                    if len(rhs) != 1 or not rhs[0].isdigit():
                        # i=10, i=-1: a small integer start (sum_bounds), recorded as a new shape
                        lower = read_start(rhs)
                        if lower is None:
                            raise Unreadable("a sum whose start is not a number")
                        shift = 0 if shift is None else shift
                    else:
                        lower = int(rhs[0])
                else:
                    lhs = arg
                if len(lhs) != 1 or not re.fullmatch(r"[A-Za-z]", lhs[0]):
                    # \sum_{w \in V}: every member of a named set, w an index in the summand (set_sums)
                    index = set_index(arg, self.toks[k : self._product_end(k)])
                    if index is None:
                        raise Unreadable("a sum over something other than one index letter")
                    continue
                index = lhs[0]
            else:
                if len(arg) == 1 and arg[0].isdigit():
                    upper = arg[0]
                else:
                    name, end, power = self.sub_normalizer(arg).read_identifier(0) if arg else (None, 0, None)
                    if name is not None and not power and end < len(arg):
                        # N-1, n+2: the size name is the end, shifted by the integer (sum_bounds)
                        shift = end_shift(arg[end:])
                        end = len(arg) if shift is not None else end
                    if name is None or end != len(arg) or power:
                        raise Unreadable("a sum whose end is not a number or a size name")
                    upper = name
        if index is None:
            index = self._implied_index(i, k)
        n = self.new_id(self.r.sums)
        self.r.sums[n] = (index, lower, upper)
        if conditions:
            self.r.sum_conditions[n] = conditions
        if shift is not None:
            self.r.sum_shifts[n] = shift
        return Operator("s", n, "a sum"), k

    def _bound_letter(self, read: tuple, start: int, k: int) -> tuple:
        r"""``\sum_{i \ne j}`` names two letters and sums over one: the one the rest of the side does
        not use (``-\frac{t_i}{y_i} - \sum_{i \ne j} \frac{t_j}{y_j}`` sums over j, i being fixed
        outside). The first letter is the index unless the side uses it outside the sum and not
        the other; where it uses both outside, which one is summed is not read."""
        index, lower, conditions = read
        if len(conditions) != 1 or conditions[0][1] != "!=" or not conditions[0][2].isalpha():
            return read
        other = conditions[0][2]
        outside = {t for t in [*self.toks[:start], *self.toks[self._product_end(k) :]] if len(t) == 1}
        if index not in outside:
            return read
        if other in outside:
            raise Unreadable(f"a sum over {index} \\ne {other} with both letters used outside it")
        return other, lower, ((other, "!=", index),)

    def _implied_index(self, start: int, k: int) -> str:
        """``\\sum e^{x_j}``: the index is the one letter that subscripts the summand and nothing
        else around it (see implied_sums); none or several, and the sum is not read."""
        index = implied_index(self.toks, start, k)
        if index is None:
            raise Unreadable("a sum without an index")
        return index

    def fraction(self, i: int) -> tuple[Any, int]:
        num, k = self.read_arg(i + 1)
        den, k = self.read_arg(k)
        num, den = self.mended(num, den)
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
                    return Operator("g", n, "a derivative operator d/dx"), k
                # by a function the document defines: by its value (function_values)
                operand = differentiated_operand(self.sub_normalizer(rest, chain_var=kind_name), kind_name)
                at = self._evaluated_at(k, rest, self._strip_d(den) or [])
                return self.postfix(f"g_{{{n}}}\\left({operand}\\right)", at)
        signed = self._diff_numerator(num[1:]) if var is not None and num[:1] == ["-"] else None
        if signed is not None:
            # \frac{-\partial X}{\partial v}: the minus of what is differentiated, written before ∂
            # (\frac{-d}{dx} x² is no fraction (−d)/(dx) either: an operator this reader does not take)
            if not signed:
                raise Unreadable("a derivative operator with a sign in its numerator")
            inner = self.seq_of([r"\frac", "{", *num[1:], "}", "{", *den, "}"])
            return self.postfix(f"\\left(-{inner}\\right)", k)
        if self._differential(num) is not None or (num and num[0] == r"\partial"):
            by_expression = expression_derivative(self, num, den, k)  # ∂o/∂(x_2 w_2): expression_derivatives
            if by_expression is None:
                raise Unreadable("a derivative written in a form not read")
            return by_expression
        by = self._strip_d(den) if self._strip_d(num) is not None else None
        if by and (by[0] in ("(", r"\left", "[", r"\frac") or by[0][:1].isdigit()):
            # \frac{d}{d(1+e^{-x})}, \frac{d\sigma(2z)}{d2z}, \frac{d f}{d\frac{z}{2}}: a derivative with
            # respect to an expression, never d/(d·(1+e^{-x})) with d a factor that cancels
            raise Unreadable("a derivative with respect to an expression, d/d(…)")
        return self.postfix(f"\\frac{{{self.seq_of(num)}}}{{{self.seq_of(den)}}}", k)

    def _evaluated_at(self, k: int, rest: list[str], by: list[str]) -> int:
        """``∂J/∂z (θ, \\{x_i, y_i\\})``: a bracket holding a list (or θ) after a derivative says
        where it is taken, it is not a factor (as the typed reader reads it); so does one holding the
        variable itself after a function's derivative, ``\\frac{d\\sigma}{dx}(x)``."""
        if k < len(self.toks) and self.toks[k] == "(":
            end = self.match(k)
            inner = self.toks[k + 1 : end]
            if self.top_level(inner, ",") or r"\theta" in inner:
                return end + 1
            if inner == by:
                return evaluated_at_own_variable(rest, self.notation, end)
        return k

    def _strip_d(self, toks: list[str]) -> list[str] | None:
        """The tokens after a leading differential sign d / ∂ / \\mathrm{d}, or None."""
        return strip_differential(toks)

    def _differential(self, den: list[str]) -> str | None:
        rest = self._strip_d(den)
        if not rest:
            return None
        try:
            name, end, power = self.sub_normalizer(rest).read_identifier(0)
        except Unreadable:
            return None
        if name is None or end != len(rest):
            return None
        if power:
            raise Unreadable("a higher derivative")
        if name in self.notation.functions or name in self.notation.constants:
            return None
        return name

    def _diff_numerator(self, num: list[str]) -> list[str] | None:
        rest = self._strip_d(num)
        if rest is None:
            return None
        if rest and rest[0] == "^":
            raise Unreadable("a higher derivative")
        return rest

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
            raise Unreadable("an unclosed cases environment")
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
            raise Unreadable("a cases environment with fewer than two rows")
        kinds: list[str] = []
        args: list[str] = []
        for n_row, row in enumerate(rows):
            row = with_ampersand(row)  # 1, \\text{if } U > 0 (cases_rows)
            if row.count("&") != 1:
                raise Unreadable("a cases row without exactly one &")
            amp = row.index("&")
            value, condition = row[:amp], self._condition_words(row[amp + 1 :])
            args.append(self.seq_of(value))
            if len(condition) == 1 and condition[0] in OTHERWISE_WORDS:
                if n_row != len(rows) - 1:
                    raise Unreadable("'otherwise' before the last case")
                kinds.append("otherwise")
                continue
            between = index_equality(condition)
            every = [between] if between is not None else index_equalities(condition)
            if every:  # i = j, i \neq j (p = i, q = j: each): a row taken at the index values where it holds
                kinds.append("index")
                args.append(" ".join(self.symbol("iverson", encode_condition(c)) for c in every))
                continue
            split = [j for j, t in enumerate(condition) if t in ("<", ">", r"\le", r"\ge")]
            if (
                len(split) != 1
                or self.top_level(condition, "=")
                or any(isinstance(t, str) and re.fullmatch(r"[A-Za-z]{3,}", t) for t in condition)
            ):
                raise Unreadable("a case condition that is not one comparison < > ≤ ≥")
            j = split[0]
            a, rel, b = condition[:j], condition[j], condition[j + 1 :]
            if not a or not b:
                raise Unreadable("a case condition with an incomplete comparison")
            if rel in ("<", r"\le"):
                a, b = b, a
            kinds.append("gt" if rel in ("<", ">") else "ge")
            args.append(f"\\left({self.seq_of(a)}\\right) - \\left({self.seq_of(b)}\\right)")
        n = self.new_id(self.r.piecewise)
        self.r.piecewise[n] = tuple(kinds)
        return self.postfix(f"p_{{{n}}}\\left({', '.join(args)}\\right)", self.match(end + 1) + 1)

    def _condition_words(self, toks: list[str]) -> list[str]:
        """A case condition without its words 'if', 'for', text wrappers and punctuation;
        a condition that is only 'otherwise' becomes ["otherwise"]."""
        out: list[str] = []
        k = 0
        reader = self.sub_normalizer(toks)
        while k < len(toks):
            t = toks[k]
            if t in TEXT_FONTS or t in (r"\mbox",):
                arg, k = reader.read_arg(k + 1)
                words = self.text_of(arg).replace(",", " ").split()
                words = [w for w in words if w.lower() not in CONDITION_WORDS]
                out += [w.lower() for w in words]
                continue
            if t in (",", ";", ".", ":"):
                k += 1
                continue
            if t == r"\forall" and out:  # "i \neq y, \forall i \in [1, C]": the range, said after it
                break
            out.append(t)
            k += 1
        # words only, in any language the notation knows (w przeciwnym razie, ngược lại; c.c. read as c·c)
        words = [t for t in out if t != r"\cdot"]
        if words and all(re.fullmatch(r"[^\W\d_]+\.?", t) for t in words) and is_otherwise(" ".join(words)):
            return ["otherwise"]
        if out[:2] == ["i", "f"]:
            out = out[2:]
        return out
