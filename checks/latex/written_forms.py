r"""Written forms with a standard meaning, rewritten before reading (see token_rewrites.py):
``{\partial y}/{\partial z}`` is ``\frac{\partial y}{\partial z}``; an empty group ``{}`` that
is no command's argument (``\frac{\partial y}{\partial z}{}``) sets nothing; and a fraction whose
numerator and denominator both begin with ``\delta`` (``\frac{\delta a}{\delta z}``, the
variational sign many notes use for ∂) is a derivative, never a product with a variable δ; a
decimal number set in bold or boxed (``= \mathbf{0.95}``, a worked example's result) is the
number, and bold around a whole expression is the expression; and a sum over a list of index
letters (``\sum_{k,l}``) is one sum per letter."""

from __future__ import annotations

from derive.checks.latex.token_spans import argument_end, each_token_span

__all__ = [
    "bold_expressions",
    "bold_numbers",
    "braced_differentials",
    "braced_functions",
    "braced_slash",
    "delta_fractions",
    "double_braces",
    "empty_groups",
    "exp_powers",
    "index_list_sums",
    "period_products",
    "underlined_answers",
]

Tokens = list[tuple[str, bool]]


_FRACS = {r"\frac", r"\dfrac", r"\tfrac"}
#: fonts that set a result in bold: around a decimal number they change nothing it means
_BOLD = {r"\mathbf", r"\bm", r"\boldsymbol", r"\textbf", r"\pmb"}


def index_list_sums(toks: Tokens) -> Tokens:
    r"""``\sum_{k,\ell} G_{k,\ell}`` as ``\sum_{k} \sum_{\ell} G_{k,\ell}``: a sum over every pair
    (triple) of the letters' values, the letters' ranges left to the reader as for one letter.
    Only a list of single index letters, with a start and an end they share (``\sum_{i,j=0}^{|Z|-1}``
    is ``\sum_{i=0}^{|Z|-1} \sum_{j=0}^{|Z|-1}``) or nothing else."""
    if not any(t == r"\sum" for t, _ in toks):
        return toks
    return each_token_span(toks, _index_list_sum)


def _index_list_sum(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    head = [t for t, _ in toks[k : k + 3]]
    end = argument_end(toks, k + 2) if head == [r"\sum", "_", "{"] else None
    inner = [t for t, _ in toks[k + 3 : end - 1]] if end else []
    # \sum_{i,j=1}^{n}: the letters share the start and the end
    start = inner[inner.index("=") :] if "=" in inner else []
    inner = inner[: len(inner) - len(start)]
    letters = inner[::2]
    if not (
        end
        and len(inner) >= 3
        and all(c == "," for c in inner[1::2])
        and len(inner) % 2 == 1
        and all(_index_letter(t) for t in letters)
        and len(set(letters)) == len(letters)
        and len(start) != 1
    ):
        return None
    upper: Tokens = []
    if toks[end : end + 1] and toks[end][0] == "^":
        close = argument_end(toks, end + 1) if toks[end + 1 : end + 2] and toks[end + 1][0] == "{" else end + 2
        if close is None or close > len(toks):
            return None
        upper, end = toks[end:close], close
    out: Tokens = []
    for n, letter in enumerate(letters):
        spaced = toks[k][1] if n == 0 else True
        bound = [(t, False) for t in start]
        out += [(r"\sum", spaced), ("_", False), ("{", False), (letter, False), *bound, ("}", False), *upper]
    return out, end


def _index_letter(tok: str) -> bool:
    return (len(tok) == 1 and tok.isalpha()) or tok == r"\ell"


def bold_numbers(toks: Tokens) -> Tokens:
    r"""``\mathbf{0.95}``, ``\mathbf{-0.079}`` as ``0.95``, ``{-0.079}``: only a number with a decimal
    point (``\mathbf{0}`` and ``\mathbf{1}`` are the zero and ones vectors, read elsewhere), with a
    sign, as the group's only content."""
    if not any(t in _BOLD for t, _ in toks):
        return toks
    return each_token_span(toks, _bold_number)


def _bold_number(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    t, spaced = toks[k]
    if t not in _BOLD or toks[k + 1 : k + 2] != [("{", False)]:
        return None
    inner = [x for x, _ in toks[k + 2 : k + 5]]
    number = inner[:2] if inner[:1] in (["-"], ["+"]) else inner[:1]
    end = k + 2 + len(number)
    if not (number and "." in number[-1] and number[-1].replace(".", "").isdigit() and toks[end : end + 1]):
        return None
    if toks[end][0] != "}":
        return None
    if len(number) == 1:
        return [(number[0], spaced)], end + 1
    return [("{", spaced)], k + 2  # a sign: kept in its group, - {-0.079} is no - - 0.079


#: what makes a bold group's content an expression rather than a name: an operator or a bracket
_EXPRESSION_MARKS = {"+", "-", "(", ")", "[", "]", r"\cdot", r"\times", r"\frac", r"\dfrac", r"\left", "/", "*"}


def bold_expressions(toks: Tokens) -> Tokens:
    r"""``\bm{-(y^n-\hat{y}^n)x_i^n}``, ``\mathbf{a^2 + 2ab}``: a bold font around a whole expression
    (an answer set in bold) is that expression in a group; the font styles it and names nothing.
    A bold name with its scripts (``\mathbf{z_1}``, ``\boldsymbol{\delta_J}``) is left as written."""
    if not any(t in _BOLD for t, _ in toks):
        return toks
    return each_token_span(toks, _bold_expression)


def _bold_expression(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    t = toks[k][0]
    if t not in _BOLD or t == r"\textbf" or toks[k + 1 : k + 2] != [("{", False)]:
        return None
    return _expression_group(toks, k)


def _expression_group(toks: Tokens, k: int, ending: bool = False) -> tuple[Tokens, int] | None:
    """The argument of the command at k as a plain group when it holds an expression (an operator
    or a bracket) or, with ``ending``, when it ends the side: the mark of an answer; else None."""
    end = argument_end(toks, k + 1)
    if end is None:
        return None
    inner = [t for t, _ in toks[k + 2 : end - 1]]
    if not (any(t in _EXPRESSION_MARKS for t in inner) or (ending and end == len(toks))):
        return None
    return [("{", toks[k][1]), *toks[k + 2 : end]], end


def empty_groups(toks: Tokens) -> Tokens:
    """An empty group ``{}`` that is no command's argument sets nothing (``\\frac{a}{b}{}``,
    ``x{} + 1``): dropped. After a script mark, a command, or a group that a command may still
    take (``\\frac{a}{}``), it stays."""
    out: Tokens = []
    for k, tok in enumerate(toks):
        if tok[0] == "{" and toks[k + 1 : k + 2] and toks[k + 1][0] == "}" and _sets_nothing(out):
            continue
        if tok[0] == "}" and k > 0 and toks[k - 1][0] == "{" and (not out or out[-1][0] != "{"):
            continue  # the closing brace of a group dropped just now
        out.append(tok)
    return out


def underlined_answers(toks: Tokens) -> Tokens:
    r"""``\underline{\underline{-x_j(y_k - \hat y_k)}}``: a result underlined twice (the school way
    of marking the answer) is that result, as a box around it is (``\boxed``). One underline around
    a whole expression (``\underline{\hat y(1-\hat y)}``), or ending the side (``= \underline{x}``),
    marks the answer the same way; elsewhere one underline may be a name's mark (``\underline{net}_l``,
    a vector in some texts) and is left as written."""
    if r"\underline" not in [t for t, _ in toks]:
        return toks
    return each_token_span(toks, _underlined_answer)


def _underlined_answer(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    if [t for t, _ in toks[k : k + 2]] != [r"\underline", "{"]:
        return None
    if [t for t, _ in toks[k + 2 : k + 4]] != [r"\underline", "{"]:  # one underline
        return _expression_group(toks, k, ending=True)
    outer, inner_end = argument_end(toks, k + 1), argument_end(toks, k + 3)
    if outer is None or inner_end != outer - 1:
        return None
    if _one_name(toks[k + 4 : inner_end - 1]):
        # \underline{\underline{\Theta_L}}: a matrix's mark in European texts (one underline a
        # vector's), a name as \mathbf{W} is, not an answer: read as the name
        return [*toks[k + 2 : inner_end]], outer
    return [(r"\boxed", toks[k][1]), *toks[k + 3 : inner_end]], outer


def _one_name(inner: Tokens) -> bool:
    """Is ``inner`` one letter or Greek letter, with at most a subscript and a superscript?"""
    if not inner or not (len(inner[0][0]) == 1 and inner[0][0].isalpha() or inner[0][0].startswith("\\")):
        return False
    k = 1
    while k < len(inner) and inner[k][0] in ("_", "^"):
        end = argument_end(inner, k + 1)
        if end is None:
            return False
        k = end
    return k == len(inner)


def exp_powers(toks: Tokens) -> Tokens:
    r"""``\exp^{x_i}`` (the exponential written as a power of its own name) is ``e^{x_i}``; ``\exp^2(x)``,
    a power of the function applied, stays as written."""
    if not any(t == r"\exp" for t, _ in toks):
        return toks
    return each_token_span(toks, _exp_power)


def _exp_power(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != r"\exp" or k + 2 >= len(toks) or toks[k + 1][0] != "^":
        return None
    end = argument_end(toks, k + 2)
    after = [t for t, _ in toks[end : end + 2]] if end is not None else []
    if end is None or after[:1] == ["("] or after == [r"\left", "("]:
        return None
    return [("e", toks[k][1]), *toks[k + 1 : end]], end


def double_braces(toks: Tokens) -> Tokens:
    """A group whose whole content is one more group (``\\frac{\\partial z}{ {\\partial w} }``,
    ``x^{{2}}``) sets the same as that group: the inner braces are dropped."""
    if not any(a[0] == "{" and b[0] == "{" for a, b in zip(toks, toks[1:], strict=False)):
        return toks
    drop: set[int] = set()
    opened: list[int] = []
    match: dict[int, int] = {}
    for k, (t, _) in enumerate(toks):
        if t == "{":
            opened.append(k)
        elif t == "}" and opened:
            match[opened.pop()] = k
    for start, end in match.items():
        inner = start + 1
        if toks[inner : inner + 1] and toks[inner][0] == "{" and match.get(inner) == end - 1:
            drop |= {inner, end - 1}
    return [tok for k, tok in enumerate(toks) if k not in drop]


def _sets_nothing(before: Tokens) -> bool:
    """Is a group after these tokens no argument? After a name, number or bracket it is none; after
    a closing brace, only when that brace ends a complete \\frac{…}{…}."""
    if not before:
        return False
    last = before[-1][0]
    if last in ("^", "_") or last.startswith("\\"):
        return False
    if last != "}":
        return True
    starts = []
    depth, j = 0, len(before) - 1
    while j >= 0 and len(starts) < 2:
        depth += (before[j][0] == "}") - (before[j][0] == "{")
        if depth == 0:
            starts.append(j)
            if len(starts) < 2 and (j == 0 or before[j - 1][0] != "}"):
                return False
        j -= 1
    return len(starts) == 2 and starts[1] > 0 and before[starts[1] - 1][0] in _FRACS


def braced_slash(toks: Tokens) -> Tokens:
    """``{\\partial y}/{\\partial z}`` (each side braced) is ``\\frac{\\partial y}{\\partial z}``."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        num_end = argument_end(toks, k) if [t for t, _ in toks[k : k + 2]] == ["{", r"\partial"] else None
        after = num_end + 1 if num_end is not None and [t for t, _ in toks[num_end : num_end + 1]] == ["/"] else None
        den = after is not None and [t for t, _ in toks[after : after + 2]] == ["{", r"\partial"]
        den_end = argument_end(toks, after) if den and after is not None else None
        if num_end is None or after is None or den_end is None:
            out.append(toks[k])
            k += 1
            continue
        out += [(r"\frac", False), *toks[k:num_end], *toks[after:den_end]]
        k = den_end
    return out


def delta_fractions(toks: Tokens) -> Tokens:
    """``\\frac{\\delta a}{\\delta z}`` as ``\\frac{\\partial a}{\\partial z}`` (also ``\\frac{\\delta}{\\delta z}``);
    a δ with a script (``\\delta_{ij}``, ``\\delta^{(l)}``) is a name and stays."""
    out = list(toks)
    for k, (tok, _) in enumerate(toks):
        if tok not in _FRACS or [t for t, _ in toks[k + 1 : k + 3]] != ["{", r"\delta"]:
            continue
        num_end = argument_end(toks, k + 1)
        if num_end is None or num_end + 1 >= len(toks) or toks[num_end][0] != "{":
            continue
        den = num_end + 1
        if den < len(toks) and toks[den][0] == r"\delta" and _bare_delta(toks, k + 2) and _bare_delta(toks, den):
            out[k + 2] = (r"\partial", toks[k + 2][1])
            out[den] = (r"\partial", toks[den][1])
    return out


def _bare_delta(toks: Tokens, k: int) -> bool:
    """Is the \\delta at k no name of its own (no script after it)?"""
    return k + 1 < len(toks) and toks[k + 1][0] not in ("_", "^")


#: what may follow a full stop that is a product sign: a bracket, a fraction, a function
_AFTER_PERIOD = {
    "(", "[", r"\frac", r"\dfrac", r"\tfrac", r"\left", r"\sigma", r"\exp", r"\log", r"\ln", r"\tanh", r"\partial",
}  # fmt: skip
#: what may follow a whole number's trailing point (1.-a): an operator or a closing bracket
_AFTER_NUMBER_POINT = {"+", "-", ")", "]", "}", r"\cdot", r"\times", "*", "/", r"\right"}


def period_products(toks: Tokens) -> Tokens:
    r"""``\frac{1}{1 + e^{-x}}.\frac{e^{-x}}{1 + e^{-x}}``, ``E'.(1 - \tanh^2 z)``: a full stop between a
    closed group and a bracket, a fraction or a function is the product sign typed as on a keyboard
    (no number has a point there). After a digit or a letter, or before a letter (``2.5``, ``np.dot``,
    ``a(1 - a). \quad``), it is left as written, except a whole number's trailing point before an
    operator or a closing bracket (``(1.-a)``, NumPy's float 1.), which is dropped."""
    if not any(t == "." for t, _ in toks):
        return toks
    return each_token_span(toks, _period_product)


def _period_product(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "." or not out:
        return None
    if out[-1][0].isdigit() and k + 1 < len(toks) and toks[k + 1][0] in _AFTER_NUMBER_POINT:
        return [], k + 1  # (1.-a): a number typed as NumPy's float 1., the point ends it
    if out[-1][0] not in (")", "}", "]", "'"):
        return None
    if k + 1 >= len(toks) or toks[k + 1][0] not in _AFTER_PERIOD:
        return None
    return [(r"\cdot", toks[k][1])], k + 1


#: Greek variables a braced differential may hold (``{d\theta}_{1}``)
_GREEK_COMMANDS = {r"\theta", r"\beta", r"\alpha", r"\omega", r"\lambda", r"\mu", r"\sigma"}


def braced_differentials(toks: Tokens) -> Tokens:
    r"""``\frac{dLoss}{{dw}_{1}}``: a differential braced before its subscript is ``d w_1`` (the
    subscript belongs to the variable; a d with an index is written by no one)."""
    if not any(t == "d" for t, _ in toks):
        return toks
    return each_token_span(toks, _braced_differential)


def _braced_differential(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    texts = [t for t, _ in toks[k : k + 5]]
    if len(texts) < 5 or texts[0] != "{" or texts[1] != "d" or texts[3] != "}" or texts[4] != "_":
        return None
    if not (len(texts[2]) == 1 and texts[2].isalpha() or texts[2] in _GREEK_COMMANDS):
        return None
    return [toks[k + 1], toks[k + 2]], k + 4


#: function commands a document may brace before their power (``{\cosh}^{2} x``)
_FUNCTION_COMMANDS = {r"\sinh", r"\cosh", r"\tanh", r"\sin", r"\cos", r"\tan", r"\exp", r"\log", r"\ln", r"\sigma"}


def braced_functions(toks: Tokens) -> Tokens:
    r"""``{\cosh}^{2} x`` is ``\cosh^{2} x``: braces around a function's name alone group nothing."""
    if not any(t in _FUNCTION_COMMANDS for t, _ in toks):
        return toks
    return each_token_span(toks, _braced_function)


def _braced_function(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    texts = [t for t, _ in toks[k : k + 3]]
    if len(texts) < 3 or texts[0] != "{" or texts[1] not in _FUNCTION_COMMANDS or texts[2] != "}":
        return None
    return [(toks[k + 1][0], toks[k][1])], k + 3
