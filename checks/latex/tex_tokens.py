r"""TeX tokens and names: the lowest layer of the notation reader.

Tokens keep a flag "preceded by whitespace" (``ab`` is a word, ``a b`` a product). A name is a
letter or Greek command with optional font (``\mathbf``), decoration (``\hat``), subscript
and label superscript (``W^{(1)}``, ``o^a`` when the notation lists ``a`` as a label of ``o``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from derive.checks.latex.brace_cases import brace_cases
from derive.checks.latex.crossed_groups import uncross_groups
from derive.checks.latex.digit_groups import digit_groups
from derive.checks.latex.double_bars import double_bars
from derive.checks.latex.ellipsis_runs import ellipsis_runs
from derive.checks.latex.ellipsis_sums import ellipsis_sums
from derive.checks.latex.first_principles import limit_derivatives
from derive.checks.latex.font_switches import font_switches
from derive.checks.latex.grouping_braces import grouping_braces
from derive.checks.latex.limit_tokens import delta_increments
from derive.checks.latex.log_bases import log_bases
from derive.checks.latex.period_products import period_products
from derive.checks.latex.plain_tex import plain_tex_forms
from derive.checks.latex.script_annotations import is_text_annotation
from derive.checks.latex.script_order import primes_after_subscripts, subscripts_first
from derive.checks.latex.side_labels import side_labels
from derive.checks.latex.spaced_lists import spaced_lists
from derive.checks.latex.stacked_bounds import stacked_bounds
from derive.checks.latex.tex_names import DECORATIONS, DROP, FONTS, GREEK, TEXT_FONTS
from derive.checks.latex.token_rewrites import rewrite_tokens

__all__ = [
    "DECORATIONS",
    "DROP",
    "FONTS",
    "GREEK",
    "TEXT_FONTS",
    "TOKEN_RE",
    "Operator",
    "TexReader",
    "Unreadable",
    "clean_tokens",
    "tex_tokens",
]

#: a decimal without its leading zero (``.2``, ``-.467`` in a worked update): never after a
#: letter, digit or dot, where the dot ends a number or a sentence or belongs to a name
TOKEN_RE = re.compile(r"\\[A-Za-z]+\*?|\\.|\d+(?:\.\d+)?|(?<![\w.])\.\d+|\s+|.", re.S)


class Unreadable(Exception):
    """What the reader cannot read; the message is shown to the student."""


def tex_tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens with a flag 'preceded by whitespace'; whitespace itself dropped."""
    # The same few hundred texts of a document are read some ten thousand times over (each pass
    # reads its terms anew): tokenizing is pure, so its result is kept; callers get lists of their own.
    return list(_tex_tokens(text))


@lru_cache(maxsize=8192)
def _tex_tokens(text: str) -> tuple[tuple[str, bool], ...]:
    out: list[tuple[str, bool]] = []
    space = False
    for m in TOKEN_RE.finditer(text):
        t = m.group(0)
        # a lone backslash can only end the text: a control space "\ " whose space was stripped
        if t.isspace() or t == "\\":
            space = True
            continue
        out.append(("0" + t if t[0] == "." and len(t) > 1 else t, space))  # .2 is read as 0.2
        space = False
    return tuple(out)


_SPELLINGS = {
    r"\dfrac": r"\frac",
    r"\tfrac": r"\frac",
    r"\times": r"\cdot",
    r"\ast": r"\cdot",
    "*": r"\cdot",
    r"\lvert": "|",
    r"\rvert": "|",
    r"\lbrace": r"\{",
    r"\rbrace": r"\}",
    r"\lbrack": "[",
    r"\rbrack": "]",
    r"\lparen": "(",
    r"\rparen": ")",
    r"\prime": "'",
    r"\neq": r"\ne",
    r"\leq": r"\le",
    r"\geq": r"\ge",
    r"\geqslant": r"\ge",
    r"\leqslant": r"\le",
    r"\gt": ">",  # MathJax's names for > and <, which Markdown pages write to keep them from HTML
    r"\lt": "<",
    r"\colon": ":",
    r"\varphi": r"\phi",
    r"\Vert": r"\|",
    r"\lVert": r"\|",
    r"\rVert": r"\|",
    r"\triangledown": r"\nabla",  # ∇ drawn as a triangle (\triangledown_{w} J)
    r"\bigtriangledown": r"\nabla",
    r"\overrightarrow": r"\vec",  # an arrow over a vector's name (\overrightarrow{y})
}
_SIZERS = (
    r"\left",
    r"\right",
    r"\bigl",
    r"\bigr",
    r"\big",
    r"\Big",
    r"\Bigl",
    r"\Bigr",
    r"\bigg",
    r"\Bigg",
    r"\biggl",
    r"\biggr",
)


def clean_tokens(toks: list[tuple[str, bool]]) -> tuple[list[str], list[bool]]:
    """Spacing and sizing dropped, spellings unified (``\\times`` → ``\\cdot``), ``{x}_{j}`` → ``x_{j}``."""
    # The same sides are cleaned many times over (definitions, each step's reader, the notation's
    # names): the rewrites are pure, so their result is kept; callers get lists of their own.
    words, spaces = _clean_tokens(tuple(toks))
    return list(words), list(spaces)


@lru_cache(maxsize=8192)
def _clean_tokens(toks_in: tuple[tuple[str, bool], ...]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    # [0.5 \;\; 0.6] is the list [0.5, 0.6] (spaced_lists.py): before the spaces are dropped;
    # 50 880 and 50\,880 are one number (digit_groups.py), \sum_{\substack{k=1 \\ k \neq i}} one line
    # (stacked_bounds.py), \left\{ \begin{array} … \right. a cases environment (brace_cases.py), other
    # braces around an expression its brackets (grouping_braces.py)
    # y_i.p_i, \eta . \delta: a period between factors is a product (period_products.py); a reason
    # written against the relation, = \text{(by 3)} 2x, is no factor (side_labels.py)
    toks = period_products(side_labels(list(toks_in)))
    toks = grouping_braces(brace_cases(stacked_bounds(digit_groups(plain_tex_forms(toks)))))
    toks = subscripts_first(spaced_lists(double_bars(uncross_groups(font_switches(toks)))))
    toks = primes_after_subscripts(toks)  # g'_k(z_k) is g_k'(z_k) (script_order.py)
    cleaned: list[tuple[str, bool]] = []
    k = 0
    while k < len(toks):
        t, sp_before = toks[k]
        if t in _SIZERS and k + 1 < len(toks) and toks[k + 1][0] == ".":
            k += 2
            continue
        if t in DROP:
            k += 1
            continue
        cleaned.append((_SPELLINGS.get(t, t), sp_before))
        k += 1
        # \frac12 is \frac{1}{2} (TeX takes one digit per argument): the number token is split
        if cleaned[-1][0] == r"\frac" and k < len(toks) and re.fullmatch(r"\d{2,}", toks[k][0]):
            digits = toks[k][0]
            cleaned += [(digits[0], False), (digits[1], False)] + ([(digits[2:], False)] if digits[2:] else [])
            k += 1
    # {x}_{j} (SymPy's printing of x[j]) is x_{j}: drop braces around a single letter
    # that carries a subscript or superscript.
    k = 0
    while k + 3 < len(cleaned):
        letter = cleaned[k + 1][0]
        if (
            cleaned[k][0] == "{"
            and cleaned[k + 2][0] == "}"
            and cleaned[k + 3][0] in ("_", "^")
            and re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", letter)
            and letter[1:] in GREEK | {""} | set(letter)
        ):
            del cleaned[k + 2]
            del cleaned[k]
        k += 1
    # a run with one term written apart (… + X + …) only after every plain run is a sum
    # Δx in a side with a limit is one name (limits.py) before first principles compare it
    cleaned = log_bases(limit_derivatives(delta_increments(ellipsis_runs(ellipsis_sums(rewrite_tokens(cleaned))))))
    return tuple(t for t, _ in cleaned), tuple(s for _, s in cleaned)


class TexReader:
    """Brackets, arguments and names over a token list; ``notation`` supplies the labels."""

    def __init__(self, toks: list[str], spaced: list[bool], notation: Any) -> None:
        self.toks = toks
        self.spaced = spaced
        self.notation = notation

    def _differential(self, den: list[str]) -> Any:
        """The variable of a derivative's denominator ``∂x``, or None (each reader its own way)."""
        raise NotImplementedError

    def mended(self, num: list[str], den: list[str]) -> tuple[list[str], list[str]]:
        r"""A fraction's parts with the ∂ an author dropped put back (with_missing_partial):
        ``\frac{\partial y}{w}`` where w then reads as a variable, ``\frac{E}{\partial h}``; else as written."""
        fixed = with_missing_partial(num, den)
        if fixed is not den and self._differential(fixed) is not None:
            return num, fixed
        return with_missing_partial(den, num), den

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
        raise Unreadable(f"an unbalanced {self.toks[i]}")

    def read_power(self, i: int) -> tuple[list[str], int]:
        """A superscript's argument at i; ``e^-x`` (Markdown shorthand) reads as ``e^{-x}``."""
        if i + 1 < len(self.toks) and self.toks[i] in ("-", "+") and self.toks[i + 1] not in ("}", ")", "]"):
            if self.toks[i + 1] == "(":  # e^-(x + b): the bracket is the exponent, as the writer meant
                k = self.match(i + 1) + 1
                return self.toks[i:k], k
            arg, k = self.read_arg(i + 1)
            return [self.toks[i], *arg], k
        if i < len(self.toks) and self.toks[i] == r"\frac":  # e^\frac{1}{x}: TeX takes the whole fraction
            _, k = self.read_arg(i + 1)
            _, k = self.read_arg(k)
            return self.toks[i:k], k
        return self.read_arg(i)

    def read_arg(self, i: int) -> tuple[list[str], int]:
        """A TeX argument at i: a braced group's tokens or a single token."""
        if i >= len(self.toks):
            raise Unreadable("a command is missing its argument")
        if self.toks[i] == "{":
            end = self.match(i)
            return self.toks[i + 1 : end], end + 1
        if self.toks[i] in FONTS and i + 1 < len(self.toks) and self.toks[i + 1] == "{":
            # x_\text{max}, W_\mathrm{out}: the font command takes its group into the script
            end = self.match(i + 1)
            return self.toks[i : end + 1], end + 1
        return [self.toks[i]], i + 1

    def text_of(self, toks: list[str]) -> str:
        """Flatten an argument to plain text, dropping font commands and braces."""
        out = []
        for t in toks:
            if t in FONTS and t not in DECORATIONS or t in ("{", "}"):
                continue
            out.append(t)
        return "".join(out).strip()

    def check_power(self, arg: list[str]) -> None:
        flat = self.text_of(arg)
        if flat in ("T", r"\top", r"\intercal", "\\mathsf{T}"):
            raise Unreadable("a transpose ^T")
        if flat == "t" and getattr(self.notation, "transpose_t", False):  # lowercase_transposes
            raise Unreadable("a transpose ^t")
        if flat in ("*", r"\cdot", r"\star", r"\ast", "+", "-"):
            raise Unreadable(f"a superscript {flat}")

    def identifiers(self) -> Iterator[tuple[int, str, int, list[str] | None]]:
        """(start, name, end, power) of each name in the tokens, left to right; a token that
        starts no name (or none that can be read) is stepped over."""
        j = 0
        while j < len(self.toks):
            try:
                name, end, power = self.read_identifier(j)
            except Unreadable:
                name = None
            if name is None:
                j += 1
                continue
            yield j, name, end, power
            j = end

    def read_identifier(self, i: int) -> tuple[str | None, int, list[str] | None]:
        """(canonical name, next index, power tokens) for the name at i, or (None, i, None)."""
        if i >= len(self.toks):  # nothing there (the empty argument list of f())
            return None, i, None
        t = self.toks[i]
        k = i + 1
        if t in FONTS:
            arg, k = self.read_arg(i + 1)
            inner = self.text_of(arg)
            if t in DECORATIONS:
                base = f"\\{DECORATIONS[t]}{{{inner}}}"
            else:
                base = inner
            if not base:
                raise Unreadable(f"an empty {t}")
        elif t.startswith("\\") and t[1:] in GREEK:
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
                    raise Unreadable(f"a double subscript on {base}")
                arg, k = self.read_arg(k + 1)
                sub = self.text_of(arg).replace(" ", "")
                continue
            arg, k2 = self.read_power(k + 1)
            close = arg.index(")") if arg and arg[0] == "(" and ")" in arg else -1
            inner_label = arg[1:close] if close > 0 else []
            # (1), (i), (12), (l-1): a layer or sample label; (y + 1) is a bracketed power.
            if close > 0 and label is None and _label_in_brackets(inner_label, self.notation.labels.get("(*)", ())):
                label = self.text_of(arg[: close + 1])
                rest = arg[close + 1 :]
                if rest:
                    power = rest
                k = k2
                continue
            flat = self.text_of(arg)
            if label is None and flat in _STARS:
                # E^*, t^*_1, θ^*: a starred name (a target, an optimum), not a power
                label = r"\ast"
                k = k2
                continue
            # [1], [L], [\ell-1]: a layer label in brackets (a bracketed power is written with parentheses)
            bracketed = len(arg) > 2 and arg[0] == "[" and arg[-1] == "]"
            if bracketed and all(re.fullmatch(r"[A-Za-z0-9]+|\\[A-Za-z]+|[+-]", t) for t in arg[1:-1]):
                if label is None:
                    label = flat
                    k = k2
                    continue
            layers = () if base in self.notation.constants else self.notation.labels.get("*", ())
            if label is None and base not in self.notation.constants and (_word_label(arg) or is_text_annotation(arg)):
                label = flat  # \delta^{direct}, y^{smooth}, \hat w^{MLE}: a word names, it raises to no power
                k = k2
                continue
            if label is None and self.top_level(arg, ","):
                label = flat  # w^{n, p, q}: a list of indices (layer, from, to); no power holds a comma
                k = k2
                continue
            if label is None and _is_label(flat, self.notation.labels.get(base, ()), layers):
                label = flat
                k = k2
                continue
            self.check_power(arg)
            power = arg
            k = k2
        name = base
        if sub:
            name += f"_{{{sub}}}"
        if label:
            name += f"^{{{label}}}"
        return name, k, power

    @staticmethod
    def top_level(toks: list[str], target: str) -> bool:
        return any(t == target and depth == 0 for t, depth in bracket_depths(toks) if t not in _OPENING + _CLOSING)

    def _split_commas(self, toks: list[str]) -> list[list[str]]:
        parts = split_at_top_commas(toks)
        if any(not p for p in parts):
            raise Unreadable("an empty function argument")
        return parts

    def _env_name(self, i: int) -> str:
        """The name of the environment of the \\begin or \\end at i."""
        if i + 1 >= len(self.toks) or self.toks[i + 1] != "{":
            return ""
        return "".join(self.toks[i + 2 : self.match(i + 1)])


#: a star written as a superscript (``*`` is read as ``\cdot`` before names are)
_STARS = {"*", r"\ast", r"\star", r"\cdot"}


def _word_label(arg: list[str]) -> bool:
    """A superscript that is a word of three letters or more (``direct``, ``\\text{smooth}``)."""
    if len(arg) >= 4 and arg[0] in TEXT_FONTS and arg[1] == "{" and arg[-1] == "}":
        arg = arg[2:-1]
    return len(arg) >= 3 and all(re.fullmatch(r"[A-Za-z]", t) for t in arg)


def _label_in_brackets(inner: list[str], steps: tuple[str, ...] = ()) -> bool:
    """``(1)``, ``(i)``, ``(12)``, ``(out)``, and a neighbouring layer or time step ``(l-1)``, ``(\\ell+1)``,
    ``(L-2)``, ``(t+1)``, or ``(k+1)`` with k one of ``steps``, the letters the document writes as such
    labels (doc_labels.bracket_steps), and a tuple of such letters or numbers ``(p,3)``; with
    another letter, ``(y + 1)`` is a bracketed power."""
    if len(inner) == 3 and inner[1] in ("-", "+") and inner[2].isdigit():
        return inner[0] in ("l", "L", r"\ell", "t", *steps)
    if 2 <= len(inner) <= 12 and all(re.fullmatch(r"[A-Za-z]", t) for t in inner):
        return True  # a word: (out), (hid), (in), the layer named (a bracketed power is no word)
    if [t for t in inner if t not in "{}"][1:2] == ["_"] and len([t for t in inner if t not in "{}"]) == 3:
        # (n_l), (n_{L}): UFLDL's output layer, the number of layers as a label (a power has no brackets)
        first, _, sub = [t for t in inner if t not in "{}"]
        return re.fullmatch(r"[A-Za-z]", first) is not None and re.fullmatch(r"[A-Za-z0-9]", sub) is not None
    if len(inner) in (3, 5) and all(t == "," for t in inner[1::2]):
        # (p,3), (i,l,t): example and layer, a tuple of letters or numbers (a pair is no power)
        return all(re.fullmatch(r"[A-Za-z]|\d+|\\ell", t) for t in inner[::2])
    one = len(inner) == 1 or all(t.isdigit() for t in inner)
    return one and all(re.fullmatch(r"[A-Za-z0-9]+|\\[A-Za-z]+", t) for t in inner)


def _is_label(flat: str, labels: tuple[str, ...], layers: tuple[str, ...] = ()) -> bool:
    """Is this superscript one of the base's labels, or a neighbouring layer of a letter label
    (``a^{L-1}``, ``z^{\\ell+1}`` where ``a^L``, ``z^\\ell`` are labels: the layer before or after)?
    ``layers`` are the document's layer letters (the ``"*"`` labels: L, l or ℓ used as a label
    somewhere), labels on every name (``b^L`` beside ``W^L``)."""
    m = re.fullmatch(r"([A-Za-z]|\\ell)(?:[+-]\d)?", flat)
    return flat in labels or (m is not None and (m.group(1) in labels or m.group(1) in layers))


@dataclass(frozen=True)
class Operator:
    """``\\frac{d}{dx}`` or ``\\sum_j`` waiting for the product that follows it."""

    letter: str  # placeholder letter: g (derivative) or s (sum)
    n: int
    what: str


def strip_differential(toks: list[str]) -> list[str] | None:
    """The tokens after a leading differential sign d / ∂ / \\mathrm{d}, or None; a braced
    rest is unwrapped (``\\partial{z_1}`` is ``\\partial z_1``)."""
    rest: list[str] | None = None
    if not toks:
        return None
    if toks[0] == r"\partial" or (toks[0] == "d" and (len(toks) == 1 or toks[1] not in ("_", "^"))):
        rest = toks[1:]
    elif toks[0] in (r"\mathrm", r"\text", r"\operatorname") and len(toks) >= 2:
        if toks[1] == "d":
            rest = toks[2:]
        elif toks[1:4] == ["{", "d", "}"]:
            rest = toks[4:]
    if rest and rest[0] == "{" and rest[-1] == "}" and _closes_at_end(rest):
        rest = rest[1:-1]
    return rest


def with_missing_partial(num: list[str], den: list[str]) -> list[str]:
    r"""The denominator of ``\frac{\partial y_k}{w_j}`` with the ∂ its author dropped: a numerator
    that opens with ∂ over a denominator without one is a partial derivative whose sign slipped
    (a ratio ∂y/w is written by no one); only a lone name gets it (the readers check that it reads
    as one name), never a bracket or an expression."""
    if len(num) < 2 or num[0] != r"\partial" or not den or r"\partial" in den or strip_differential(den) is not None:
        return den
    if not (den[0] in FONTS or den[0] in DECORATIONS or re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", den[0])):
        return den  # a number or a sign first: no name
    depth = 0
    for t in den:  # an operator or a bracket outside braces: an expression (b_i^{(2)} is a name)
        depth += (t == "{") - (t == "}")
        if depth == 0 and t in ("+", "-", "(", ")", "[", "]", r"\cdot", r"\times", "*", "/", r"\left", r"\frac"):
            return den
    return [r"\partial", *den]


def _closes_at_end(toks: list[str]) -> bool:
    depth = 0
    for k, t in enumerate(toks):
        depth += (t == "{") - (t == "}")
        if depth == 0:
            return k == len(toks) - 1
    return False


def bracket_depths(toks: list[str]) -> Iterator[tuple[str, int]]:
    """Each token with the bracket depth after it (an opening bracket counts inside its pair)."""
    depth = 0
    for t in toks:
        if t in _OPENING:
            depth += 1
        elif t in _CLOSING:
            depth -= 1
        yield t, depth


_OPENING = ("(", "[", "{")
_CLOSING = (")", "]", "}")


def split_at_top_commas(toks: list[str]) -> list[list[str]]:
    """The tokens split at the commas outside every bracket (a call's arguments)."""
    parts: list[list[str]] = [[]]
    for t, depth in bracket_depths(toks):
        if t == "," and depth == 0:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts
