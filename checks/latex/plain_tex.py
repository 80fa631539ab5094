r"""Plain-TeX and MathJax spellings read as the LaTeX the rest of the reader knows.

Homework written for MathJax (Jupyter, Markdown) or by TeX users keeps old spellings:

- ``{a \over b}`` is ``\frac{a}{b}``: ``\over`` splits the group around it (braces, or a
  ``\left … \right`` pair, or the whole side);
- ``\cancel{x}``, ``\bcancel{x}``, ``\xcancel{x}`` and ``\cancelto{0}{x}`` strike a term out to
  show a cancellation that happens in the next step: the term is still there, so it reads as
  ``{x}`` (``\cancelto``'s first argument, where the term is going, is dropped); so does a
  ``\textcolor`` and a ``\colorbox`` (whose text argument holds the term as ``$…$``; words in
  one are left unread), and a ``\color{…}`` followed by a group (``x \color{blue}{y}
  \color{black}{+ a} \color{red}{y^2}`` in a DDPM derivation: the group is the coloured term),
  except that a struck-out or coloured part ending with an operator
  (``\textcolor{red}{\frac{∂J}{∂a} \times}``) is no group: it renders as the bare product;
- ``\bigodot`` between two factors (no limits) is ``\odot``, as the notes that write it say;
  ``\tr``, ``\Tr`` and ``\trace`` (a macro the file does not define) are ``\operatorname{tr}``;
- ``\require{cancel}`` (MathJax loading an extension), ``\tag{…}``, ``\label{…}`` are not
  mathematics and are dropped;
- ``\left. E \right|_{x=a}`` (E evaluated at x = a) is E with ``(a)`` in the place of every x,
  when x is one letter used in E only as a name of its own (not as an index, not inside a word
  or a derivative, where putting a in its place would change what is said); otherwise it is
  left as written and stays unread.

Works on the raw token list (``\left`` and spacing still present), before any other rewrite.
"""

from __future__ import annotations

import re

from derive.checks.latex.bare_groups import signed_bare_groups
from derive.checks.latex.physics_derivatives import (
    PHYSICS_DERIVATIVES,
    TWO_GROUP_DERIVATIVES,
    physics_derivative,
    two_group_derivative,
)
from derive.checks.latex.tex_names import TEXT_FONTS, is_letter
from derive.checks.latex.token_spans import group_end

__all__ = ["plain_tex_forms"]

Tokens = list[tuple[str, bool]]

_CANCELS = {r"\cancel", r"\bcancel", r"\xcancel", r"\bbox"}
#: commands whose second argument is the term (the first says where it goes, or its colour)
_SECOND = {r"\cancelto", r"\textcolor", r"\colorbox"}
#: a struck-out or coloured part that ends with one of these goes on outside it
_TRAILING_OPERATORS = {r"\times", r"\cdot", "*", "+", "-", "/"}
_DROPPED_WITH_ARGUMENT = {r"\require", r"\tag", r"\tag*", r"\label", r"\color", r"\hspace", r"\vspace"}
#: spellings of one thing (nicefrac's slanted a/b is a fraction; amsmath's semantic dots are dots)
_SPELLINGS = {
    r"\cfrac": r"\frac", r"\nicefrac": r"\frac", r"\sfrac": r"\frac",
    r"\dotsb": r"\cdots", r"\dotsm": r"\cdots", r"\dotsi": r"\cdots", r"\dotsc": r"\ldots", r"\dotso": r"\ldots",
    r"\hdots": r"\ldots",
    # the physics package: \vb{a} \vdot \vb{b} is a · b, \va{a} an arrow, \cross a cross product
    r"\vb": r"\mathbf", r"\va": r"\vec", r"\vdot": r"\cdot", r"\cross": r"\times",
}  # fmt: skip
#: what follows \bigodot when it has limits (⨀_i): an operator, not the Hadamard product
_LIMITS = ([("_", False)], [("^", False)], [("_", True)], [("^", True)])
#: wide spacing before a parenthesised remark at the end of a side (``\quad (\text{chain rule})``)
_WIDE = {r"\quad", r"\qquad", r"\hspace"}
#: words of a remark that gives the step's reason ("by symmetry", "chain rule", "from (3)")
_REASONS = re.compile(
    r"\b(by|rule|def|definition|using|from|since|because|eq|equation|lemma|theorem|identity|simplif\w*"
    r"|expand\w*|factor\w*|cancel\w*|linearity|substitut\w*|step|see|above|below|hence|thus|so|wegen|nach)\b",
    re.I,
)
#: words that make a remark a condition (``\quad (\text{for } x > 0)``): such a remark is kept
_CONDITION_WORDS = re.compile(
    r"\b(if|for|when|whenever|where|assum\w*|provided|with|unless|only|except|given|iff|wenn|falls|für|si|pour)\b", re.I
)
_BARS = {"|", r"\vert", r"\rvert", r"\Big", r"\big", r"\bigg", r"\Bigg"}


def _trace_tokens(spaced: bool) -> Tokens:
    """``\\operatorname{tr}``, the spelling the readers know, for ``\\tr``, ``\\Tr`` and ``\\trace``."""
    return [(r"\operatorname", spaced), ("{", False), ("t", False), ("r", False), ("}", False)]


def plain_tex_forms(toks: Tokens) -> Tokens:
    """All the plain-TeX rewrites, in order: a closing remark dropped, arguments dropped or
    unwrapped, then ``\\over``, then evaluation bars."""
    try:
        toks = [(_SPELLINGS.get(t, t), spaced) for t, spaced in _closing_remark(toks)]
        # (a - y) \bigodot σ'(z): the big operator written between two factors is the Hadamard
        # product (with limits, ⨀_i, it would be an operator: left as written, unread)
        toks = [
            (r"\odot" if t == r"\bigodot" and toks[k + 1 : k + 2] not in _LIMITS else t, sp)
            for k, (t, sp) in enumerate(toks)
        ]
        # \tr, \Tr, \trace: the trace macro of MathJax configurations and preambles not in the file
        toks = [p for t, sp in toks for p in (_trace_tokens(sp) if t in (r"\tr", r"\Tr", r"\trace") else [(t, sp)])]
        return _evaluation_bars(_over(signed_bare_groups(_unwrap(toks))))
    except (IndexError, ValueError, StopIteration):  # malformed input: left as written, read later
        return toks


def _closing_remark(toks: Tokens) -> Tokens:
    r"""``2x \quad (	ext{chain rule})`` or ``\qquad 	ext{(by symmetry)}`` at the end of a side:
    a remark in words after wide spacing, dropped. Kept (and so unread) when its words make it a
    condition (``\quad (	ext{for } x > 0)``) or it holds anything but words in a text group."""
    wide = [k for k, (t, _) in enumerate(toks) if t in _WIDE]
    if not wide:
        return toks
    start = wide[-1]
    rest = [tok for tok in toks[start + 1 :] if tok[0] not in _WIDE]
    if toks[start][0] == r"\hspace":
        end = group_end(toks, start + 1)
        rest = toks[end:] if end else [("?", False)]
    if rest and rest[0][0] == "(" and rest[-1][0] == ")":
        rest = rest[1:-1]
    if len(rest) < 3 or rest[0][0] not in TEXT_FONTS or rest[1][0] != "{" or rest[-1][0] != "}":
        return toks
    words = "".join((" " if spaced else "") + t for t, spaced in rest[2:-1])
    letters = re.findall(r"\b[A-Za-z]\b", words)  # a single letter is a name: "(x positive)"
    if not re.fullmatch(r"[A-Za-z()\s.,:;'-]+", words) or _CONDITION_WORDS.search(words) or letters:
        return toks
    if not _REASONS.search(words):
        return toks  # only a remark that gives a reason is dropped; a property may be a condition
    return toks[:start]


#: the physics package's delimiters: \abs{x} is |x|, \norm{x} is ‖x‖ (each sized to its content)
_PHYSICS_DELIMITERS = {r"\abs": ("|", "|"), r"\norm": (r"\|", r"\|")}


def _physics_delimiters(toks: Tokens, k: int) -> tuple[Tokens, int] | None:
    r"""``\abs{x}`` → ``\left| x \right|``, ``\norm{x}`` → ``\left\| x \right\|``; ``\qty(a + b)`` is
    ``(a + b)`` sized (the command dropped). An argument that is not a group is left unread."""
    if toks[k][0] == r"\qty":
        return [], k + 1
    end = group_end(toks, k + 1)
    if end is None or toks[k + 1][0] != "{":
        return None
    left, right = _PHYSICS_DELIMITERS[toks[k][0]]
    inner = toks[k + 2 : end - 1]
    return [(r"\left", toks[k][1]), (left, False), *inner, (r"\right", False), (right, False)], end


def _unwrap(toks: Tokens) -> Tokens:
    r"""``\cancel{x}`` → ``{x}``, ``\cancelto{0}{x}`` → ``{x}``, ``y \cancel{-x}`` → ``y - x``;
    ``\require{…}``, ``\tag{…}``, ``\label{…}`` dropped. A command without its argument is left
    as written (it stays unread)."""
    out: Tokens = []
    k = 0
    while k < len(toks):
        t, spaced = toks[k]
        if t == r"\tag" and toks[k + 1 : k + 2] == [("*", False)]:
            t, k = r"\tag*", k + 1
        if t == r"\color" and _group_after_argument(toks, k):
            t = r"\textcolor"  # \color{black}{+ a}: the group after the colour is the coloured term
        if t in _DROPPED_WITH_ARGUMENT:
            end = group_end(toks, k + 1)
            if end is not None:
                k = end
                continue
        if t == r"\prescript":
            # \prescript{h \times i}{}W_1: a shape written before the name (mathtools), dropped
            middle = group_end(toks, k + 1)
            end = group_end(toks, middle) if middle is not None else None
            if end is not None:
                k = end
                continue
        if t in _PHYSICS_DELIMITERS or (t == r"\qty" and toks[k + 1 : k + 2] in ([("(", False)], [("[", False)])):
            rewritten = _physics_delimiters(toks, k)
            if rewritten is not None:
                out += rewritten[0]
                k = rewritten[1]
                continue
        if t in PHYSICS_DERIVATIVES or t in TWO_GROUP_DERIVATIVES:  # \pdv{f}{x}, \del{C}{z} (physics_derivatives)
            rewritten = physics_derivative(toks, k) if t in PHYSICS_DERIVATIVES else two_group_derivative(toks, k)
            if rewritten is not None:
                out += rewritten[0]
                k = rewritten[1]
                continue
        first = k + 1
        if t == r"\bbox" and toks[first : first + 1] == [("[", False)]:
            first = next((j + 1 for j in range(first, len(toks)) if toks[j][0] == "]"), len(toks))
        if t in _SECOND:
            first = group_end(toks, k + 1) or len(toks)
        if t in _CANCELS or t in _SECOND:
            end = group_end(toks, first)
            if end is not None:
                body = toks[first + 1 : end - 1] if toks[first][0] == "{" else toks[first:end]
                if t == r"\colorbox":  # its argument is text: \colorbox{#90EE90}{$a b$} boxes the math a b
                    if ("$", False) not in body and ("$", True) not in body:
                        out.append(toks[k])  # \colorbox{yellow}{chain rule}: words, left unread
                        k += 1
                        continue
                    body = [tok for tok in body if tok[0] != "$"]
                if t == r"\textcolor" and _coloured_digits(out, body, spaced):
                    # 0.547\textcolor{blue}{4}: the last digits of a number coloured (a worked
                    # example showing where a rounding differs) are digits of that number,
                    # not a factor {4} (read as one, 0.5474 became 0.547·4)
                    out[-1] = (out[-1][0] + body[0][0], out[-1][1])
                    k = end
                    continue
                if body and (body[0][0] in ("+", "-") or body[-1][0] in _TRAILING_OPERATORS):
                    # y \cancel{-yh} - h \cancel{+yh}: a struck-out term with its sign is a term of
                    # the sum around it (grouped, {-yh} after y would read as a product y·(−yh));
                    # \textcolor{red}{\frac{∂J}{∂a} \times} \frac{∂a}{∂z}: a colour that ends inside
                    # a product is no group either (it renders as the bare product)
                    out += [(body[0][0], spaced), *body[1:]]
                else:
                    out += [("{", spaced), *body, ("}", False)]
                k = end
                continue
        out.append(toks[k])
        k += 1
    return out


def _group_after_argument(toks: Tokens, k: int) -> bool:
    """Does a group follow the argument of the command at k (``\\color{red}{y^2}``)?"""
    end = group_end(toks, k + 1)
    return end is not None and toks[k + 1][0] == "{" and toks[end : end + 1] == [("{", False)]


def _coloured_digits(out: Tokens, body: Tokens, spaced: bool) -> bool:
    """Is ``body`` (a coloured part) only digits, written right after a number with a point?"""
    return (
        len(body) == 1
        and body[0][0].isdigit()
        and not spaced
        and bool(out)
        and re.fullmatch(r"\d*\.\d*", out[-1][0]) is not None
    )


def _enclosing(toks: Tokens, at: int) -> tuple[int, int]:
    """(start, end) of the tokens of the group around index ``at``: inside the nearest unmatched
    ``{``/``}`` or ``\\left``/``\\right`` pair, or the whole list."""
    depth = 0
    start = 0
    for j in range(at - 1, -1, -1):
        t = toks[j][0]
        depth += (t in ("}", r"\right")) - (t in ("{", r"\left"))
        if depth < 0:
            start = j + 1 if t == "{" else j + 2  # after \left and its delimiter
            break
    depth = 0
    end = len(toks)
    for j in range(at + 1, len(toks)):
        t = toks[j][0]
        depth += (t in ("{", r"\left")) - (t in ("}", r"\right"))
        if depth < 0:
            end = j
            break
    return start, end


def _over(toks: Tokens) -> Tokens:
    r"""``A \over B`` inside its group → ``\frac{A}{B}``; a group with two ``\over`` (a TeX error)
    is left as written."""
    for _ in range(len(toks)):
        at = next((j for j, (t, _) in enumerate(toks) if t == r"\over"), None)
        if at is None:
            return toks
        start, end = _enclosing(toks, at)
        group = toks[start:end]
        if sum(1 for t, _ in group if t == r"\over") > 1 and _same_level_overs(toks, start, end):
            return toks
        num, den = toks[start:at], toks[at + 1 : end]
        if not num or not den:
            return toks
        frac = [(r"\frac", toks[start][1]), ("{", False), *num, ("}", False), ("{", False), *den, ("}", False)]
        if _free_group(toks, start, end):
            # ``{\partial \over \partial u} (…)``: the braces only delimited the fraction; kept,
            # they would wall an operator off from the operand that follows it
            start, end = start - 1, end + 1
        toks = toks[:start] + frac + toks[end:]
    return toks


#: commands that take two brace arguments; any other command before a group takes it as its argument
_TWO_ARGUMENTS = {r"\frac", r"\dfrac", r"\tfrac", r"\binom", r"\cfrac"}


def _free_group(toks: Tokens, start: int, end: int) -> bool:
    """Is ``toks[start:end]`` the whole inside of a ``{…}`` that is no command's argument (not
    after ``^``/``_``, a command, or the first argument of ``\frac``)?"""
    if start < 1 or end >= len(toks) or toks[start - 1][0] != "{" or toks[end][0] != "}":
        return False
    j, groups = start - 2, 0
    while j >= 0 and toks[j][0] == "}":  # complete groups just before this one: maybe earlier arguments
        depth = 0
        while j >= 0:
            depth += (toks[j][0] == "}") - (toks[j][0] == "{")
            if depth == 0:
                break
            j -= 1
        j, groups = j - 1, groups + 1
    if j < 0:
        return True
    prev = toks[j][0]
    if prev in ("^", "_"):
        return False
    if prev.startswith("\\") and prev[1:].isalpha():
        return groups >= (2 if prev in _TWO_ARGUMENTS else 1)
    return True


def _same_level_overs(toks: Tokens, start: int, end: int) -> bool:
    """Are there two ``\\over`` directly in this group (not one nested deeper)?"""
    depth = 0
    count = 0
    for t, _ in toks[start:end]:
        depth += (t in ("{", r"\left")) - (t in ("}", r"\right"))
        count += t == r"\over" and depth == 0
    return count > 1


def _evaluation_bars(toks: Tokens) -> Tokens:
    r"""``\left. E \right|_{x=a}`` → ``{E with (a) for x}`` when that substitution is safe."""
    k = 0
    while k + 1 < len(toks):
        if toks[k][0] == r"\left" and toks[k + 1][0] == ".":
            done = _evaluate(toks, k)
            if done is not None:
                toks = done
        k += 1
    return toks


def _evaluate(toks: Tokens, k: int) -> Tokens | None:
    close = _matching_right(toks, k)
    if close is None or close + 2 >= len(toks) or toks[close + 1][0] not in _BARS:
        return None
    bar_end = close + 2
    if toks[bar_end][0] != "_":
        return None
    end = group_end(toks, bar_end + 1)
    if end is None or end < len(toks) and toks[end][0] == "^":
        return None  # F(x)|_a^b: a difference of two values, not read here
    at = [t for t, _ in toks[bar_end + 1 : end]]
    if at and at[0] == "{":
        at = at[1:-1]
    if len(at) < 3 or at[1] != "=" or not is_letter(at[0]):
        return None
    body = _substituted(toks[k + 2 : close], at[0], toks[bar_end + 1 : end])
    if body is None:
        return None
    return toks[:k] + [("{", toks[k][1])] + body + [("}", False)] + toks[end:]


def _matching_right(toks: Tokens, k: int) -> int | None:
    depth = 0
    for j in range(k, len(toks)):
        depth += (toks[j][0] == r"\left") - (toks[j][0] == r"\right")
        if depth == 0:
            return j
    return None


def _substituted(body: Tokens, var: str, where: Tokens) -> Tokens | None:
    """The body with ``(value)`` for each use of ``var``, or None when a use is not a plain name."""
    value = [t for t in where if t[0] not in ("{", "}")] if where[0][0] != "{" else where[1:-1]
    eq = next(j for j, (t, _) in enumerate(value) if t == "=")
    value = value[eq + 1 :]
    if not value or any(t in (r"\partial", r"\nabla", "'", r"\prime") or t in TEXT_FONTS for t, _ in body):
        return None
    fractions = [j for j, (t, _) in enumerate(body) if t == r"\frac"]
    if any(j + 2 < len(body) and body[j + 2][0] in ("d", r"\mathrm") for j in fractions):
        return None  # d/dx … evaluated at a point: the derivative must be taken before x is replaced
    out: Tokens = []
    for j, (t, spaced) in enumerate(body):
        if t != var:
            out.append((t, spaced))
            continue
        before = body[j - 1][0] if j else ""
        after = body[j + 1] if j + 1 < len(body) else ("", True)
        glued = is_letter(before) and not spaced or re.fullmatch(r"[A-Za-z]", after[0]) and not after[1]
        if before == "_" or after[0] == "_" or glued or before == "d":
            return None  # an index, a word, a differential: not a use of the variable's value
        out += [("{", spaced), ("(", False), *value, (")", False), ("}", False)]
    return out
