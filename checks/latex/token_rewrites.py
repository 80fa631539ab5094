r"""Rewrites of a token list before it is read: forms of homework mathematics that mean a
standard form (``\partial J/\partial w`` is ``\frac{\partial J}{\partial w}``,
``\mathbb{y}`` a bold y, ``\hat{y_i}`` is ``\hat{y}_i``)."""

from __future__ import annotations

import functools
import re

from derive.checks.latex.activation_labels import layer_labelled_calls
from derive.checks.latex.bracket_labels import bracket_labels
from derive.checks.latex.compound_indices import compound_sum_indices
from derive.checks.latex.digit_tokens import split_digit_names
from derive.checks.latex.entry_brackets import entry_brackets
from derive.checks.latex.font_scripts import braced_font_scripts
from derive.checks.latex.font_transposes import transpose_out_of_font
from derive.checks.latex.higher_derivatives import higher_derivatives
from derive.checks.latex.indicator_forms import indicator_forms
from derive.checks.latex.loss_gradients import loss_gradients
from derive.checks.latex.script_names import merge_script_names
from derive.checks.latex.slash_derivatives import name_end, slash_derivatives
from derive.checks.latex.tex_names import DECORATIONS, FONTS, GREEK, TEXT_FONTS, is_letter
from derive.checks.latex.token_spans import argument_end, each_span, each_token_span
from derive.checks.latex.updated_names import updated_names
from derive.checks.latex.upright_transposes import upright_transposes
from derive.checks.latex.written_forms import (
    bold_expressions,
    bold_numbers,
    braced_differentials,
    braced_functions,
    double_braces,
    empty_groups,
    exp_powers,
    index_list_sums,
    period_products,
    underlined_answers,
)

__all__ = ["merge_word_names", "rewrite_tokens"]

Tokens = list[tuple[str, bool]]


def rewrite_tokens(toks: Tokens) -> Tokens:
    """All the rewrites, in order."""
    # g'^{[l]}(Z) is g'(Z) (activation_labels.py); W[m,n] is W_{mn} (entry_brackets.py)
    toks = layer_labelled_calls(exp_powers(double_braces(underlined_answers(bracket_labels(entry_brackets(toks))))))
    toks = compound_sum_indices(indicator_forms(toks))  # \delta_{k=c}: 1_{k=c}; \sum_{k_L=1}^{n_L}: a fresh index
    # \nabla_\mathbf{w}: \nabla_{\mathbf{w}} (font_scripts.py); w^{\text{T}}: w^{T} (upright_transposes.py)
    toks = upright_transposes(braced_font_scripts(toks))
    toks = _gradients(loss_gradients(_call_out_of_text(_lead_words(each_token_span(toks, _typed_ellipsis)))))
    toks = _braced_names(_braced_scripts(toks))  # x{_2}: x_2; {a_1}^{(1)}: a_1^{(1)}
    toks = _primes_as_superscripts(_transpose_in_label(_transpose_macro(_entry_of_call(toks))))
    toks = slash_derivatives(_subscript_out_of_decoration(_blackboard_names(toks)))
    # \mathbf{U^\intercal} is \mathbf{U}^T (font_transposes.py), \mathbf{0.95} is 0.95
    toks = empty_groups(transpose_out_of_font(bold_expressions(bold_numbers(index_list_sums(period_products(toks))))))
    toks = braced_functions(braced_differentials(toks))  # {dw}_{1}: d w_1; {\cosh}^{2} x: cosh² x
    toks = each_token_span(toks, higher_derivatives)  # ∂²F/∂x∂y: ∂/∂x (∂F/∂y) (higher_derivatives.py)
    return each_token_span(toks, _bare_operator_denominator)


def _call_out_of_text(toks: Tokens) -> Tokens:
    r"""``\text{softmax(x)}`` is ``\text{softmax}(x)``: a word and its bracketed argument written
    inside one text group."""
    if not any(t in TEXT_FONTS for t, _ in toks):
        return toks
    out: Tokens = []
    k = 0
    while k < len(toks):
        end = argument_end(toks, k + 1) if toks[k][0] in TEXT_FONTS and toks[k + 1 : k + 2] == [("{", False)] else None
        inner = [t for t, _ in toks[k + 2 : end - 1]] if end else []
        word = 0
        while word < len(inner) and re.fullmatch(r"[A-Za-z]", inner[word]):
            word += 1
        if end and word >= 2 and inner[word : word + 1] == ["("] and inner[-1] == ")" and _closes(inner, word):
            out += [toks[k], toks[k + 1], *toks[k + 2 : k + 2 + word], ("}", False), *toks[k + 2 + word : end - 1]]
            k = end
            continue
        out.append(toks[k])
        k += 1
    return out


def _closes(toks: list[str], start: int) -> bool:
    """Does the bracket opened at ``start`` close at the last token?"""
    depth = 0
    for j in range(start, len(toks)):
        depth += (toks[j] in ("(", "[")) - (toks[j] in (")", "]"))
        if depth == 0:
            return j == len(toks) - 1
    return False


def _entry_of_call(toks: Tokens) -> Tokens:
    r"""``[\sigma(\mathbf a)]_i`` and ``{\text{softmax}(\theta)}_k`` are ``\sigma(\mathbf a)_i``:
    brackets around one function call, then an index, only group the call; so do brackets around
    one labelled name (``(x^{(p,3)})_j`` is ``x^{(p,3)}_j``)."""
    # only where a bracket closes right before an index: ")_", "]_", or "}_" after ")" or "]"
    marks = [j for j in range(1, len(toks) - 1) if toks[j + 1][0] == "_" and toks[j][0] in (")", "]", "}")]
    if not any(toks[j][0] != "}" or toks[j - 1][0] in (")", "]") for j in marks):
        return toks
    closing = _closing(toks)
    out: Tokens = []
    k = 0
    while k < len(toks):
        grouping = toks[k][0] in ("(", "[", "{") and (k == 0 or toks[k - 1][0] in _BEFORE_GROUP)
        close = closing.get(k) if grouping else None
        inner = toks[k + 1 : close] if close is not None else []
        if close is not None and close + 1 < len(toks) and toks[close + 1][0] == "_" and (
            _one_call(inner) or (_one_labelled_name(inner) and not _sign_script(toks, close + 1))
        ) and not _evaluation_bracket(toks, k, close):
            out += toks[k + 1 : close]
            k = close + 1
            continue
        out.append(toks[k])
        k += 1
    return out


#: what may stand before a bracket that only groups (after a name it may hold an argument, after
#: ^ or _ it is a script: f(g(x))_i and x^{g(z)}_i are left as they are)
_BEFORE_GROUP = {"+", "-", "=", "(", "[", "{", r"\cdot", "/", r"\partial", "&", ","}


def _closing(toks: Tokens) -> dict[int, int]:
    """Where each bracket closes (one pass; ( and [ pair with either, braces with braces)."""
    out: dict[int, int] = {}
    stack: list[int] = []
    for j, (t, _) in enumerate(toks):
        if t in ("(", "[", "{"):
            stack.append(j)
        elif t in (")", "]", "}") and stack and (t == "}") == (toks[stack[-1]][0] == "{"):
            out[stack.pop()] = j
    return out


def _matching(toks: Tokens, k: int) -> int | None:
    pairs = {"(": ")", "[": "]", "{": "}"}
    opener = toks[k][0]
    depth = 0
    for j in range(k, len(toks)):
        if toks[j][0] in (opener, pairs[opener]):
            depth += 1 if toks[j][0] == opener else -1
            if depth == 0:
                return j
    return None


def _evaluation_bracket(toks: Tokens, opening: int, close: int) -> bool:
    """Is ``[y]_0^{1 - x^2}`` an evaluation bracket (F(b) − F(a)), a square bracket with a lower and
    an upper limit? It is no entry y_0 (the twenty-fifth hunt: refuted as y_0^{1-x^2})."""
    if toks[opening][0] != "[":
        return False
    after = close + 2  # past the "_"
    if after < len(toks) and toks[after][0] == "{":
        after = _matching(toks, after)
        after = len(toks) if after is None else after
    return after + 1 < len(toks) and toks[after + 1][0] == "^"


def _sign_script(toks: Tokens, k: int) -> bool:
    """Is the subscript at k a sign (``[x]_+``, ``(z)_{-}``: the positive or negative part)?"""
    script = [t for t, _ in toks[k + 1 : k + 4]]
    return script[:1] in (["+"], ["-"]) or script in (["{", "+", "}"], ["{", "-", "}"])


def _one_labelled_name(inner: Tokens) -> bool:
    """Is this one name with no subscript and at most a bracketed label over it (``x^{(p,3)}``,
    ``\\mathbf{a}``)? Its entry ``(x^{(3)})_j`` is ``x^{(3)}_j``; a power or a transpose
    (``(W^T)_{ij}`` is W_{ji}) is not moved under the index."""
    if not inner or name_end(inner, 0) != len(inner) or any(t == "_" for t, _ in inner):
        return False
    texts = [t for t, _ in inner]
    if "^" not in texts:
        return True
    label = texts[texts.index("^") + 1 :]
    return len(label) >= 4 and label[0] == "{" and label[1] in ("(", "[") and label[-2] in (")", "]")


def _one_call(inner: Tokens) -> bool:
    """Is this a function's name (a letter, a Greek letter, a font group or a word) followed by
    exactly one bracketed argument?"""
    if len(inner) < 4 or inner[-1][0] not in (")", "]"):
        return False
    opener = next((j for j in range(len(inner)) if inner[j][0] in ("(", "[")), None)
    if opener is None or opener == 0 or _matching(inner, opener) != len(inner) - 1:
        return False
    head = [t for t, _ in inner[:opener]]
    word = all(re.fullmatch(r"[A-Za-z]", t) for t in head)
    return word or name_end(inner, 0) == opener


#: Words of an argument written before a term (∴ Σ_j y_j = 1): they are not part of it.
_LEAD_WORDS = {r"\therefore", r"\because", r"\hence", r"\thus", r"\implies", r"\Rightarrow", r"\Longrightarrow"}


def _lead_words(toks: Tokens) -> Tokens:
    r"""``\therefore \sum_j y_j``: "therefore" before a term is prose, not mathematics; only at the
    start (inside a term it is unread: ``a \therefore b`` is not a product)."""
    k = 0
    while k < len(toks) and toks[k][0] in _LEAD_WORDS:
        k += 1
    return toks[k:]


def _transpose_macro(toks: Tokens) -> Tokens:
    r"""``W\T``: a ``\T`` the document uses without defining it here (its macros are already
    expanded, so it comes from a style file) is the transpose shorthand ``^\top``; after a
    superscript group (``W^{(2)}\T``) the transpose joins that group."""
    out: Tokens = []
    for tok, spaced in toks:
        if tok != r"\T":
            out.append((tok, spaced))
            continue
        opener = _superscript_group_start(out)
        if opener is None:
            out.extend([("^", spaced), (r"\top", False)])
        else:
            out.insert(len(out) - 1, (r"\top", False))
    return out


def _superscript_group_start(toks: Tokens) -> int | None:
    """Index of the ``{`` of a ``^{…}`` group that ends the tokens, if one does."""
    if not toks or toks[-1][0] != "}":
        return None
    depth = 0
    for k in range(len(toks) - 1, -1, -1):
        depth += {"}": 1, "{": -1}.get(toks[k][0], 0)
        if depth == 0:
            return k if k > 0 and toks[k - 1][0] == "^" else None
    return None


def _blackboard_names(toks: Tokens) -> Tokens:
    """``\\mathbb{y}``, ``\\mathbb{\\hat{y}}``, ``\\mathbb{\\theta}``: Markdown writers' bold vectors
    (blackboard bold of a lower-case or Greek letter is never a number set), read as the name
    itself, as bold is. ``\\mathbb{R}`` and the other capitals, and ``\\mathbb{1}``, stay."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        end = argument_end(toks, k + 1) if toks[k][0] == r"\mathbb" else None
        braced = end is not None and toks[k + 1][0] == "{"
        inner = [t for t, _ in (toks[k + 2 : end - 1] if braced else toks[k + 1 : end])] if end else []
        letters = [t for t in inner if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", t) and t not in FONTS]
        named = bool(letters) and not re.fullmatch(r"[A-Z]", letters[0])
        if named and all(t in FONTS or t in letters or re.fullmatch(r"[{}_^\d]", t) for t in inner):
            out += toks[k + 2 : end - 1] if braced else toks[k + 1 : end]
            k = end or k + 1
            continue
        out.append(toks[k])
        k += 1
    return out


#: a transpose written inside a label's superscript group: ``W^{[l]T}``, ``W^{[l]^T}``, ``W^{(2)\top}``
_LABEL_TRANSPOSES = {"T", r"\top", r"\intercal", r"\mathsf"}


def _subscript_out_of_decoration(toks: Tokens) -> Tokens:
    """``\\hat{y_i}`` is ``\\hat{y}_i`` (the hat over the letter of the i-th entry): the subscript
    is moved out, so that ``\\hat{y_i}`` and ``\\hat{y}_i`` are one name; so is an underline's (a
    vector's mark in European texts, ``\\underline{a_L}``). (A bold ``\\mathbf{z_1}``
    stays one name: the vector of layer 1, not the first entry of z.)"""
    return each_token_span(toks, _decorated_subscript)


def _decorated_subscript(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    t = toks[k][0]
    marked = t in DECORATIONS or t == r"\underline"  # \underline{a_L}: the vector a_L (a mark, as bold)
    end = argument_end(toks, k + 1) if marked and k + 4 < len(toks) and toks[k + 1][0] == "{" else None
    if end is None:
        return None
    letter, mark = toks[k + 2][0], toks[k + 3][0]
    sub_end = argument_end(toks, k + 4) if mark == "_" else None
    if re.fullmatch(r"[A-Za-z]|\\[A-Za-z]+", letter) and letter not in FONTS and sub_end == end - 1:
        return [toks[k], toks[k + 1], toks[k + 2], ("}", False), ("_", False), *toks[k + 4 : end - 1]], end
    return None


def _transpose_in_label(toks: Tokens) -> Tokens:
    """``W^{[l]T}``, ``W^{[l]^T}``, ``W^{(2)\\top}``: a layer label and a transpose in one superscript
    group (Andrew Ng's notation) are ``W^{[l]}^{T}``, the label's name transposed, not a power."""
    return each_token_span(toks, _label_transpose)


def _label_transpose(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    end = argument_end(toks, k + 1) if toks[k][0] == "^" and toks[k + 1 : k + 2] == [("{", False)] else None
    inner = [t for t, _ in toks[k + 2 : end - 1]] if end else []
    close = {"[": "]", "(": ")"}.get(inner[0]) if inner else None
    at = inner.index(close) if close and close in inner else -1
    rest = inner[at + 1 :] if at > 0 else []
    if rest[:1] == ["^"]:
        rest = rest[1:]
    if rest[:1] == ["{"] and rest[-1:] == ["}"]:
        rest = rest[1:-1]
    transpose = bool(rest) and rest[0] in _LABEL_TRANSPOSES and (len(rest) == 1 or rest == [r"\mathsf", "{", "T", "}"])
    if end and at > 0 and transpose:
        label = [toks[k], ("{", False), *toks[k + 2 : k + 3 + at], ("}", False)]
        return [*label, ("^", False), ("{", False), ("T", False), ("}", False)], end
    return None


def _braced_scripts(toks: Tokens) -> Tokens:
    """``\\delta{_2}``, ``x{^{(1)}}``: a sub- or superscript written inside braces right after a
    name is that name's script (TeX sets it on an empty base, at the same place)."""
    return each_token_span(toks, _braced_script)


def _braced_script(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    after_name = bool(out) and (re.fullmatch(r"[A-Za-z]", out[-1][0]) is not None or out[-1][0][1:] in GREEK)
    if toks[k][0] == "{" and k + 2 < len(toks) and toks[k + 1][0] in ("_", "^") and after_name:
        end = argument_end(toks, k)
        if end is not None and end - k > 3:
            return [toks[k + 1], ("{", False), *toks[k + 2 : end - 1], ("}", False)], end
    return None


#: commands whose next group is their argument
_ARGUMENT_TAKERS = {r"\frac", r"\dfrac", r"\tfrac", r"\sqrt", r"\operatorname", r"\left", r"\big"}


def _braced_names(toks: Tokens) -> Tokens:
    """``{a_{1}}^{(1)}``, ``{x_i}^T``: a subscripted name in braces before a superscript is that name
    with both scripts (the braces only keep TeX from a double script), so ``\\partial {a_1}^{(1)}``
    is a derivative by the name a_1^{(1)}, as ``\\partial a_1^{(1)}`` is."""
    return each_token_span(toks, _braced_name)


def _braced_name(toks: Tokens, k: int, out: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "{" or k + 3 >= len(toks) or toks[k + 2][0] != "_":
        return None
    letter = toks[k + 1][0]
    if not is_letter(letter):
        return None
    sub_end = argument_end(toks, k + 3)
    if sub_end is None or sub_end + 1 >= len(toks) or toks[sub_end][0] != "}" or toks[sub_end + 1][0] != "^":
        return None
    if out and (out[-1][0] in FONTS or out[-1][0] in _ARGUMENT_TAKERS or out[-1][0] in ("_", "^")):
        return None  # a group that is an argument or a script (\hat{y_i}^2, x^{a_1}) is not a name of its own
    return toks[k + 1 : sub_end], sub_end + 1


def _primes_as_superscripts(toks: Tokens) -> Tokens:
    """``f^{'}(x)``, ``f^{\\prime}(x)``, ``f^\\prime(x)``: a prime written as a superscript is the prime."""
    return each_token_span(toks, _superscript_prime)


def _superscript_prime(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    if toks[k][0] != "^":
        return None
    if [x for x, _ in toks[k + 1 : k + 4]] in (["{", "'", "}"], ["{", r"\prime", "}"]):
        return [("'", False)], k + 4
    if k + 1 < len(toks) and toks[k + 1][0] in (r"\prime", "'"):  # ^\prime, spelled ' already
        return [("'", False)], k + 2
    return None


#: an ellipsis typed rather than written with a command: "...", "..", the character "…" or "⋯"
_ELLIPSIS_CHARS = {"…": r"\ldots", "⋯": r"\cdots"}


def _typed_ellipsis(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    """``(x_1,...,x_n)``, ``+ .… +``: dots typed as periods (two or more, or with the character
    …) are the ellipsis ``\\ldots``; one period stays what it was (a decimal point, a full stop)."""
    end = k
    while end < len(toks) and (toks[end][0] == "." or toks[end][0] in _ELLIPSIS_CHARS):
        end += 1
    run = [t for t, _ in toks[k:end]]
    if not run or run == ["."]:
        return None
    if end < len(toks) and re.fullmatch(r"\d+", toks[end][0]) and run[-1] == ".":
        return None  # "..5": leave a number's decimal point alone
    command = _ELLIPSIS_CHARS.get(run[0], r"\ldots") if len(run) == 1 else r"\ldots"
    return [(command, toks[k][1])], end


def _bare_operator_denominator(toks: Tokens, k: int, _: Tokens) -> tuple[Tokens, int] | None:
    r"""``\frac{\partial}{o_k}``: an operator whose denominator lost its ∂ is ∂/∂o_k. A ∂ alone
    over a name has no other reading (∂ is no quantity to divide), so the slip is mended; with
    ``d`` it is not (``\frac{d}{x}`` may be a length d over x)."""
    if toks[k][0] != r"\frac" or toks[k + 1 : k + 4] != [("{", False), (r"\partial", False), ("}", False)]:
        return None
    if k + 4 >= len(toks) or toks[k + 4][0] != "{":
        return None
    den_end = argument_end(toks, k + 4)
    after_name = name_end(toks, k + 5)
    starts = toks[k + 5][0] in (r"\partial", "d", r"\mathrm", r"\operatorname")
    if den_end is None or after_name != den_end - 1 or starts:
        return None
    return [*toks[k : k + 5], (r"\partial", False), *toks[k + 5 : den_end]], den_end


#: what may follow a sum written as a name (nothing to sum: the end of a group, a sign, a relation)
_AFTER_NAME = {")", "]", "}", "+", "-", "=", r"\cdot", "/", ",", "&", "\\\\"}


def _sum_names(toks: Tokens) -> Tokens:
    r"""``\frac{e^{x_i}}{\sum_K}`` after "define $\sum_K = \sum_{j=1}^K e^{x_j}$": a sum with nothing
    after it sums nothing, so it is the document's shorthand, a name: ``\Sigma^{(K)}`` (a label, not
    an index, so that K is not taken for an index letter)."""
    if not any(t == r"\sum" for t, _ in toks):
        return toks
    out: Tokens = []
    k = 0
    while k < len(toks):
        if toks[k][0] == r"\sum" and k + 1 < len(toks) and toks[k + 1][0] == "_":
            end = argument_end(toks, k + 2)
            inner = [t for t, _ in toks[k + 2 : end]] if end else []
            letters = [t for t in inner if t not in ("{", "}")]
            alone = end is not None and (end == len(toks) or toks[end][0] in _AFTER_NAME)
            if alone and len(letters) == 1 and re.fullmatch(r"[A-Za-z]", letters[0]):
                label = [("^", False), ("{", False), ("(", False), (letters[0], False), (")", False), ("}", False)]
                out += [(r"\Sigma", toks[k][1]), *label]
                k = end
                continue
        out.append(toks[k])
        k += 1
    return out


def _gradients(toks: Tokens) -> Tokens:
    r"""``\nabla_{\mathbf z} L`` is ``\frac{\partial}{\partial \mathbf z} L``: the gradient by one
    name, an operator on what follows (``\nabla L`` and ``\nabla^2`` are left as they are)."""
    if not any(t == r"\nabla" for t, _ in toks):
        return toks
    out: Tokens = []
    k = 0
    while k < len(toks):
        scripted = toks[k][0] == r"\nabla" and k + 2 < len(toks) and toks[k + 1][0] == "_"
        end = argument_end(toks, k + 2) if scripted else None
        if end is not None:
            var = toks[k + 3 : end - 1] if toks[k + 2][0] == "{" else toks[k + 2 : end]
            frac = [(r"\frac", toks[k][1]), ("{", False), (r"\partial", False), ("}", False), ("{", False)]
            out += [*frac, (r"\partial", False), *var, ("}", False)]
            k = end
            continue
        out.append(toks[k])
        k += 1
    return out


def merge_word_names(
    toks: list[str], spaced: list[bool], words: frozenset[str], digits: frozenset[str] = frozenset()
) -> tuple[list[str], list[bool]]:
    """Letters in a row that spell a word name become ``\\mathrm{word}`` (one name for the readers)."""
    # every reader of a side comes here, and a document's sides are read many times (once per
    # notation a judge tries): the result depends on these four values alone, so it is kept
    merged, flags = _merged_words(tuple(toks), tuple(spaced), words, digits)
    return list(merged), list(flags)


@functools.lru_cache(maxsize=8192)
def _merged_words(
    toks: tuple[str, ...], spaced: tuple[bool, ...], words: frozenset[str], digits: frozenset[str]
) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    merged, flags = _merge_word_names(list(toks), list(spaced), words, digits)
    return tuple(merged), tuple(flags)


def _word_part(toks: list[str], spaced: list[bool], k: int, run: int) -> bool:
    """Whether the token at ``run`` goes on the word that starts at ``k``: a letter typed against
    the one before, or an escaped underscore between letters (``batch\\_size``)."""
    if run > k and spaced[run]:
        return False
    if toks[run] == r"\_":
        return run > k and run + 1 < len(toks) and re.fullmatch(r"[A-Za-z]", toks[run + 1]) is not None
    return re.fullmatch(r"[A-Za-z]", toks[run]) is not None or (
        run > k and toks[run].isdigit() and r"\_" in toks[k:run]
    )


def _merge_word_names(
    toks: list[str], spaced: list[bool], words: frozenset[str], digits: frozenset[str]
) -> tuple[list[str], list[bool]]:
    # every reader comes through here: w5 typed for w_5 in a document that numbers its letters
    # (``digits``: digit_names), and an update mark (w_5^{+}, w_1') makes a name of its own
    toks, spaced = updated_names(*split_digit_names(toks, spaced, digits))
    toks, spaced = merge_script_names(toks, spaced, words)  # 오차y_{o1}, 가중합_{3}: script_names.py
    if not words:
        return toks, spaced

    def word_at(k: int) -> tuple[list[str], int] | None:
        run = k
        while run < len(toks) and _word_part(toks, spaced, k, run):
            run += 1
        word = "".join(t for t in toks[k:run] if t != r"\_")  # batch\_size: word_names.escaped_word
        before = toks[k - 1] if k else ""
        after = toks[run] if run < len(toks) else ""
        # a whole run only (not the "CE" of "ACE"), not already inside a font group
        # (a name with an escaped underscore, batch\_size, is one wherever it is and ends where its
        # letters stop: a letter typed after a space is the next factor)
        escaped = r"\_" in toks[k:run]
        inside_font = before == "{" and not escaped
        glued = re.fullmatch(r"[A-Za-z]", after) and not (escaped and spaced[run])
        if run - k >= 2 and word in words and not inside_font and not glued:
            return [r"\mathrm", "{", word, "}"], run
        return None

    return each_span(toks, spaced, word_at)
