r"""The document's own macros, expanded in its math before anything reads it.

Homework defines its shorthand: ``\newcommand{\bx}{\mathbf{x}}``,
``\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}``, ``\DeclareMathOperator{\softmax}{softmax}``,
``\def\R{\mathbb{R}}`` (in a LaTeX preamble, or in a ``$…$`` of a Markdown/Jupyter document, as
MathJax reads them). Every use is replaced by the definition, its arguments keeping their own
places in the file (the definition's characters take the place of the macro's name), so that
positions stay exact. Expansion is bounded: a definition that grows without end (``\def\a{\a\a}``)
stops growing at a fixed size and depth instead of hanging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from derive.checks.latex.text_groups import brace_group_end

__all__ = ["Macro", "find_macros", "reading_macros", "expand", "definition_spans"]

#: a command's name: letters, or one character that is not one (``\1``, and in XeLaTeX/LuaLaTeX
#: documents a Unicode symbol: ``\·``, ``\ℝ``, ``\⇔``)
_NAME = r"\\(?:[A-Za-z]+|[^A-Za-z\s\\{}#%&$^_~])"
_NEW = re.compile(
    r"\\(?:re|provide)?newcommand\*?\s*(?:\{\s*(" + _NAME + r")\s*\}|(" + _NAME + r"))"
    r"\s*(?:\[(\d)\])?\s*(?:\[([^\]]*)\])?\s*\{"
)
_DEF = re.compile(r"\\(?:global\s*)?[gex]?def\s*(" + _NAME + r")\s*((?:#\d)*)\s*\{")
_OPERATOR = re.compile(r"\\DeclareMathOperator(\*?)\s*\{\s*(" + _NAME + r")\s*\}\s*\{")
_USE = re.compile(_NAME)
#: an operator's body that is one font command around letters: \mathbb{E}, \mathrm{Var}
_FONT_NAME = re.compile(r"\s*\\(?:mathbb|mathrm|mathbf|mathcal|mathsf|mathscr|text)\s*\{\s*[A-Za-z]+\s*\}\s*")
#: wrappers that only say "math mode" in a macro's body: \ensuremath{X} is X in math, and
#: \ifmmode A\else B\fi is A there
_ENSUREMATH = re.compile(r"\\ensuremath\s*\{")
_IFMMODE = re.compile(r"\\ifmmode(?P<math>.*?)(?:\\else.*?)?\\fi", re.S)
#: a control word at the end of what is written so far (TeX ends it before the next letter)
_ENDS_IN_WORD = re.compile(r"\\[A-Za-z]+$")
#: Expansion stops after this many rounds, or when the math grows past this many times its size.
_MAX_ROUNDS = 8
_MAX_GROWTH = 20


@dataclass(frozen=True)
class Macro:
    nargs: int
    body: str
    default: str | None = None  # an optional first argument's default


def _in_math(body: str) -> str:
    """A macro's body as it reads in math: without \\ensuremath's braces and \\ifmmode's text branch."""
    body = _IFMMODE.sub(lambda m: m.group("math"), body)
    while (m := _ENSUREMATH.search(body)) is not None:
        end = brace_group_end(body, m.end() - 1)
        if end < 0:
            break
        body = body[: m.start()] + body[m.end() : end - 1] + body[end:]
    return body


def _definitions(text: str) -> list[tuple[int, int, str, Macro]]:
    """(start, end, name, macro) of every definition, in order."""
    found: list[tuple[int, int, str, Macro]] = []
    for m in _NEW.finditer(text):
        end = brace_group_end(text, m.end() - 1)
        if end > 0:
            nargs = int(m.group(3) or 0)
            body = _in_math(text[m.end() : end - 1])
            found.append((m.start(), end, m.group(1) or m.group(2), Macro(nargs, body, m.group(4))))
    for m in _DEF.finditer(text):
        end = brace_group_end(text, m.end() - 1)
        if end > 0:
            found.append((m.start(), end, m.group(1), Macro(len(m.group(2)) // 2, _in_math(text[m.end() : end - 1]))))
    for m in _OPERATOR.finditer(text):
        end = brace_group_end(text, m.end() - 1)
        if end > 0:
            body = text[m.end() : end - 1]
            # \DeclareMathOperator{\E}{\mathbb{E}}: the operator is the font's letter as the document writes
            # it elsewhere (\mathbb{E}[…], an expectation), not a name E inside \operatorname
            shown = body.strip() if _FONT_NAME.fullmatch(body) else f"\\operatorname{{{body}}}"
            found.append((m.start(), end, m.group(2), Macro(0, shown)))
    return sorted(found, key=lambda d: d[0])


#: Bold commands of packages and MathJax that the reader knows by another name: \pmb (amsbsy's
#: "poor man's bold", common in Chinese notes), \bold (MathJax), unicode-math's \symbf and
#: \symbfit, \mathbfit. Each is a bold name like \boldsymbol; a document's own definition wins (so
#: do the other packages' commands below).
_STANDARD = {
    "\\pmb": Macro(1, "\\boldsymbol{#1}"),
    "\\bold": Macro(1, "\\mathbf{#1}"),
    "\\symbf": Macro(1, "\\mathbf{#1}"),
    "\\symbfit": Macro(1, "\\boldsymbol{#1}"),
    "\\mathbfit": Macro(1, "\\boldsymbol{#1}"),
    # vector marks of other packages: undertilde's \utilde{a} (a vector, as \underline), esvect's \vv{a}
    "\\utilde": Macro(1, "\\underline{#1}"),
    "\\undertilde": Macro(1, "\\underline{#1}"),
    "\\vv": Macro(1, "\\vec{#1}"),
    # the physics package's differential: \dd{x} and \dd x are d x
    "\\dd": Macro(0, "\\mathrm{d}"),
    # an increment drawn as a triangle (\vartriangle w = -\eta …, German notes): Δ
    "\\triangle": Macro(0, "\\Delta"),
    "\\vartriangle": Macro(0, "\\Delta"),
}


def find_macros(text: str) -> dict[str, Macro]:
    """The macros a document defines (a later definition of a name wins)."""
    return {name: macro for _, _, name, macro in _definitions(text)}


def reading_macros(text: str) -> dict[str, Macro]:
    """The macros to expand before reading: the document's own, over the standard bold commands."""
    return {**_STANDARD, **find_macros(text)}


def definition_spans(text: str) -> list[tuple[int, int]]:
    """Where definitions are written (to be skipped as math: they are not claims)."""
    return [(start, end) for start, end, _, _ in _definitions(text)]


def _argument(text: str, k: int) -> tuple[int, int, int] | None:
    """(start, end, next index) of the argument at ``text[k:]``: a group's inside, or one token."""
    while k < len(text) and text[k] in " \t\n":
        k += 1
    if k >= len(text) or text[k] == "}":
        return None
    if text[k] == "{":
        end = brace_group_end(text, k)
        return (k + 1, end - 1, end) if end > 0 else None
    token = _USE.match(text, k)
    end = token.end() if token else k + 1
    return k, end, end


def _expand_once(chars: list[tuple[str, int]], macros: dict[str, Macro]) -> tuple[list[tuple[str, int]], bool]:
    text = "".join(c for c, _ in chars)
    out: list[tuple[str, int]] = []
    last = 0
    changed = False
    for m in _USE.finditer(text):
        macro = macros.get(m.group(0))
        if macro is None or m.start() < last:
            continue
        args: list[list[tuple[str, int]]] = []
        k = m.end()
        if macro.default is not None:
            if text[k : k + 1] == "[" and "]" in text[k:]:
                close = text.index("]", k)
                args.append(chars[k + 1 : close])
                k = close + 1
            else:
                args.append([(c, chars[m.start()][1]) for c in macro.default])
        while len(args) < macro.nargs:
            found = _argument(text, k)
            if found is None:
                break
            args.append(chars[found[0] : found[1]])
            k = found[2]
        if len(args) < macro.nargs:
            continue  # a use without its arguments: left as written
        out += chars[last : m.start()]
        here = chars[m.start()][1]
        body = re.split(r"(#\d)", macro.body)
        for part in body:
            if re.fullmatch(r"#\d", part) and 0 < int(part[1]) <= len(args):
                arg = args[int(part[1]) - 1]
                if arg and arg[0][0].isalpha() and _ENDS_IN_WORD.search("".join(c for c, _ in out[-40:])):
                    out.append((" ", arg[0][1]))  # \partial#1 with #1 = C is \partial C, never \partialC
                out += arg
            else:
                out += [(c, here) for c in part]
        last = k
        changed = True
    out += chars[last:]
    return out, changed


def expand(text: str, offsets: list[int], macros: dict[str, Macro]) -> tuple[str, list[int]]:
    """``text`` (with the file offset of each character) with the macros expanded."""
    if not macros or not any(m.group(0) in macros for m in _USE.finditer(text)):
        return text, offsets
    chars = list(zip(text, offsets, strict=True))
    limit = _MAX_GROWTH * len(chars) + 1000
    for _ in range(_MAX_ROUNDS):
        chars, changed = _expand_once(chars, macros)
        if not changed or len(chars) > limit:
            break
    chars = chars[:limit]
    return "".join(c for c, _ in chars), [o for _, o in chars]
