"""The rows of a math region: cut at top-level ``\\\\``, cleaned, each character placed in the file.

``aligned``, ``split``, ``gathered``, ``alignedat`` and display environments nested in a block
(``$$\\begin{align}…\\end{align}$$``) are transparent; alignment ``&``, ``\\boxed``, tags, labels
and numbers ``\\quad (3)`` are dropped (not ``Q(1)``, an argument); a trailing condition (``\\quad \\text{for } i
\\neq j``) is cut from the row and kept with it. A row ``L = \\begin{cases} A = B & c_1 \\\\ C = D
& c_2 \\end{cases}`` whose cases hold steps of their own becomes one row per case, under that
case's condition (:func:`expand_cases`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.align_columns import equation_columns
from derive.checks.latex.annotation_column import annotation_start
from derive.checks.latex.boxed_rows import unboxed
from derive.checks.latex.cases_rows import case_conditions, equation_rows
from derive.checks.latex.conditions import row_condition
from derive.checks.latex.equation import Piece, starts_with_relation
from derive.checks.latex.latex_doc import DISPLAY_ENVIRONMENTS
from derive.checks.latex.listed_equations import unbraced_list
from derive.checks.latex.prose_breaks import prose_parts
from derive.checks.latex.region import LineTable, Region
from derive.checks.latex.right_column_asides import left_column_chain, right_column_equation, side_by_side_continuation
from derive.checks.latex.row_prose import math_span
from derive.checks.latex.text_boxes import unbox_text_math, uncolour_statements

__all__ = ["MappedText", "rows_of", "expand_cases", "UNREAD_CONDITION"]

#: Environments inside display math that only arrange rows: their rows are the chain's rows.
_TRANSPARENT_ENVS = ("aligned", "split", "gathered", "alignedat", *sorted(DISPLAY_ENVIRONMENTS))


class MappedText:
    """A string whose every character remembers its offset in the document."""

    def __init__(self, text: str, offsets: list[int]) -> None:
        self.text = text
        self.offsets = offsets

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.offsets[start:end])

    def blank(self, start: int, end: int) -> MappedText:
        """Spaces over [start, end) (newlines kept): same length, same offsets."""
        middle = "".join(c if c == "\n" else " " for c in self.text[start:end])
        return MappedText(self.text[:start] + middle + self.text[end:], self.offsets)

    def delete(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[:start] + self.text[end:], self.offsets[:start] + self.offsets[end:])

    def strip(self, chars: str | None = None) -> MappedText:
        left = len(self.text) - len(self.text.lstrip(chars))
        right = len(self.text.rstrip(chars))
        return self.slice(left, max(left, right))

    def __add__(self, other: MappedText) -> MappedText:
        return MappedText(self.text + other.text, self.offsets + other.offsets)

    def piece(self, table: LineTable, conditions: tuple[str, ...]) -> Piece:
        runs: list[tuple[int, int, int]] = []
        for k, offset in enumerate(self.offsets):
            if k == 0 or offset != self.offsets[k - 1] + 1 or self.text[k - 1] == "\n":
                runs.append((k, *table.position(offset)))
        line, column = runs[0][1:] if runs else (1, 1)
        return Piece(line, self.text, column, conditions, tuple(runs))


def _blank_all(row: MappedText, pattern: re.Pattern[str]) -> MappedText:
    for m in pattern.finditer(row.text):
        row = row.blank(m.start(), m.end())
    return row


_DROP = re.compile(
    r"\\tag\*?\{[^{}]*\}|\\label(?:\[[^\]]*\])?\{[^{}]*\}|\\nonumber|\\notag|\\begin\{(?:"
    + "|".join(re.escape(e) for e in _TRANSPARENT_ENVS)
    + r")\}(?:\[[a-z]\])?(?:\{[^{}]*\})?|\\end\{(?:"
    + "|".join(re.escape(e) for e in _TRANSPARENT_ENVS)
    + r")\}"
)
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_EQ_NUMBER = re.compile(
    r"(?:(?:\\quad|\\qquad|\\;|\\,|\s)+|(?<![A-Za-z0-9}\])']))\(\s*\d+\s*\)\s*$"
    r"|(?:\\q?quad\s*)+\(\s*\d+(?:\.\d+)*[a-z]?\s*\)\s*$"  # \qquad (5.2): after a wide space only (0.5 is a number)
)


#: \intertext{…} is prose between rows of an align: it ends the row before it (written without
#: ``\\`` before it, as in a gather of aligned blocks, the rows around it were one); a row after it
#: that opens with "=" still carries the chain on
_INTERTEXT = r"\\(?:short)?intertext\s*\{(?:[^{}]|\{[^{}]*\})*\}"
_ROW_TOKENS = re.compile(_INTERTEXT + r"|\\begin\{|\\end\{|\\\\(?:\s*\[[^\]]*\])?|\\newline\b|\\cr\b|\\.|[{}]", re.S)
#: a whole display laid out as an array of relations (``\begin{array}{rcl} a & = & b \newline & = & c``,
#: as MathJax notes write an align): its rows are the display's rows
_LAYOUT_ARRAY = re.compile(r"^\s*(\\begin\{array\}\s*\{[^{}]*\})(.*)(\\end\{array\})\s*$", re.S)
_RELATION_CELL = re.compile(r"&\s*(?:=|\\approx|\\leq?|\\geq?|<|>)\s*&")
_ONE_COLUMN = re.compile(r"\{\s*[lcr]\s*\}\s*$")


def _layout_array(body: MappedText) -> MappedText:
    """The body without the ``array`` environment around it where the array lays out a chain
    (a cell that is only a relation, ``& = &``) or stacks equations in its one column
    (``\\begin{array}{l} a = b \\\\ c = d \\end{array}``, as Typora pages write it); an array of
    numbers or names (a matrix, a column vector) is kept."""
    m = _LAYOUT_ARRAY.match(body.text)
    if m is None or "\\begin{array}" in m.group(2):
        return body
    stacked = _ONE_COLUMN.search(m.group(1)) and "&" not in m.group(2) and "=" in m.group(2)
    if not (stacked or _RELATION_CELL.search(m.group(2))):
        return body
    return body.blank(m.start(3), m.end(3)).blank(m.start(1), m.end(1))


#: a colour or box around the whole display: ``\color{red}{ … }``, ``{\color{red} … }``, ``\boxed{ … }``
_WRAPPER_HEAD = re.compile(
    r"\s*(?:\\color\s*\{[^{}]*\}\s*\{|\{\s*\\color\s*\{[^{}]*\}|\\(?:boxed|textcolor\s*\{[^{}]*\})\s*\{)"
)


def _colour_wrapper(body: MappedText) -> MappedText:
    """The body without a colour (or box) group around all of it (MathJax notes colour a whole
    aligned block, ``$$\\color{red}{\\begin{aligned} … \\end{aligned}}$$``): the group would hide
    the block's ``\\\\`` from the row cutter. Only a group that closes at the body's end."""
    m = _WRAPPER_HEAD.match(body.text)
    if m is None:
        return body
    # the group opens at the match's end (\\color{red}{), or at its start ({\\color{red} …})
    opening = m.start() + m.group(0).index("{") if m.group(0).lstrip().startswith("{") else m.end() - 1
    depth = 0
    for k in range(opening, len(body.text)):
        depth += {"{": 1, "}": -1}.get(body.text[k], 0) if body.text[k - 1] != "\\" else 0
        if depth == 0:
            if body.text[k + 1 :].strip():
                return body  # the group closes before the end: a coloured part, not a wrapper
            return body.blank(k, k + 1).blank(m.start(), m.end())
    return body


def _split_rows(body: MappedText) -> list[MappedText]:
    """Cut a display body at its top-level ``\\\\`` (not those of cases or matrices); a spacing
    ``\\\\[2pt]`` goes with the break."""
    text = body.text
    rows: list[MappedText] = []
    depth = env_depth = row_start = 0
    for m in _ROW_TOKENS.finditer(text):
        token = m.group(0)
        if token == "\\begin{":
            env_depth += 1
        elif token == "\\end{":
            env_depth = max(0, env_depth - 1)
        elif token.startswith(("\\\\", "\\intertext", "\\shortintertext")) or token in ("\\newline", "\\cr"):
            if depth == 0 and env_depth == 0:
                rows.append(body.slice(row_start, m.start()))
                row_start = m.end()
        elif token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
    rows.append(body.slice(row_start, len(text)))
    return rows


#: Unicode that notes put inside TeX math (Obsidian, copied formulas), as the TeX it stands for;
#: invisible characters become spaces. A command gets a space after it so that "σx" stays two tokens.
_UNICODE_TEX = {
    "\u200b": " ",
    "\u200c": " ",
    "\u200d": " ",
    "\ufeff": " ",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "−": "-",
    "–": "-",
    "×": "\\times ",
    "·": "\\cdot ",
    "⋅": "\\cdot ",
    "∘": "\\circ ",
    "⊙": "\\odot ",
    "∂": "\\partial ",
    # the bold and italic ∂ of Unicode's mathematical alphabets (notes typed in a word processor)
    **dict.fromkeys("\U0001d6db\U0001d715\U0001d74f\U0001d789\U0001d7c3", "\\partial "),
    "½": "\\frac{1}{2}",
    "¼": "\\frac{1}{4}",
    "’": "'",
    "∇": "\\nabla ",
    "∑": "\\sum ",
    "∏": "\\prod ",
    "∈": "\\in ",
    "≠": "\\neq ",
    "≤": "\\leq ",
    "≥": "\\geq ",
    "≈": "\\approx ",
    "∞": "\\infty ",
    "′": "'",
    "ℝ": "\\mathbb{R}",
    "α": "\\alpha ",
    "β": "\\beta ",
    "γ": "\\gamma ",
    "δ": "\\delta ",
    "ε": "\\epsilon ",
    "η": "\\eta ",
    "θ": "\\theta ",
    "λ": "\\lambda ",
    "μ": "\\mu ",
    "π": "\\pi ",
    "σ": "\\sigma ",
    "τ": "\\tau ",
    "φ": "\\phi ",
    "ψ": "\\psi ",
    "ω": "\\omega ",
    "Δ": "\\Delta ",
    "Σ": "\\Sigma ",
    "Θ": "\\Theta ",
    "²": "^{2}",
    "³": "^{3}",
    "ᵀ": "^{T}",
    # a prediction's hat typed as a precomposed letter (ŷ, ŵ, ẑ): the decorated name
    **{c: f"\\hat{{{b}}}" for c, b in zip("ŷŶŵŴẑẐ", "yYwWzZ", strict=True)},
}
#: combining marks typed after a letter (y + U+0302 is ŷ): the decoration of that letter
_COMBINING = {"\u0302": "\\hat", "\u0304": "\\bar", "\u0303": "\\tilde"}


def _marked(text: str, k: int) -> bool:
    """Is the character at k a combining mark (hat, bar, tilde) after an ASCII letter?"""
    return 0 < k < len(text) and text[k] in _COMBINING and text[k - 1].isascii() and text[k - 1].isalpha()


def _ascii_math(body: MappedText) -> MappedText:
    """The region with the Unicode of :data:`_UNICODE_TEX` replaced, each replacement in the
    place of the character it replaces."""
    if body.text.isascii():
        return body
    text: list[str] = []
    offsets: list[int] = []
    for k, (c, o) in enumerate(zip(body.text, body.offsets, strict=True)):
        if _marked(body.text, k + 1):
            tex = f"{_COMBINING[body.text[k + 1]]}{{{c}}}"  # y + U+0302: \hat{y}
        else:
            tex = "" if k and _marked(body.text, k) else _UNICODE_TEX.get(c, c)  # the mark, now in \hat
        text.append(tex)
        offsets += [o] * len(tex)
    return MappedText("".join(text), offsets)


#: ``\because`` (∵) before a reason; ``\therefore`` (∴) before a conclusion
_BECAUSE = re.compile(r"(?:\\q?quad\b|\\[,;:! ]|\s)*\\because\b")
_THEREFORE = re.compile(r"\s*\\therefore\b")
#: a row (a column of its own after ``&&``) that opens with a reason in words: ``\text{from}
#: \hspace{10pt} \frac{d}{dx}\ln f = \frac{f'}{f}``, ``\text{by } (a+b)^2 = …``, ``\text{since}``
_REASON_WORDS = re.compile(
    r"(?:\s|\\q?quad\b|\\[,;:! ])*\\(?:text|textrm|mbox|mathrm)\s*\{\s*(?:from|by|since|using|because|as)"
    r"(?:\s+(?:the|eq\.?|equation))?\s*:?\s*\}(?:\s|\\q?quad\b|\\[,;:! ]|\\hspace\s*\{[^{}]*\})*"
)

#: a reason closing a row, ``= B (\text{by chain rule})``, ``\text{ (using (3))}``; a condition (if, for) is none
_REASON_WORD = r"(?:by|from|using|since|because|via)\b"
_TRAILING_REASON = re.compile(
    r"(?:\s|\\q?quad\b|\\[,;:! ])*(?:\(\s*\\(?:text|textrm|mbox)\s*\{\s*" + _REASON_WORD + r"[^{}]*\}\s*\)"
    r"|\\(?:text|textrm|mbox)\s*\{\s*\(\s*" + _REASON_WORD + r"[^{}]*\)\s*\})\s*$"
)


def _without_reason(row: MappedText) -> tuple[MappedText, bool]:
    r"""``A &= B \quad \because (rule)``: the reason after ``\because`` is not part of the chain and
    is cut off; a row that opens with ``\because`` or ``\therefore`` is a claim of its own, read
    without the sign. The flag: the row opened with ``\because`` or a reason in words, ``\text{from}``
    (a column ``&&\text{from} … = …`` beside the chain: the next ``&= …`` goes on with the chain)."""
    opening = _THEREFORE.match(row.text)
    if opening:
        return row.slice(opening.end(), len(row.text)), False
    opening = _BECAUSE.match(row.text) or _REASON_WORDS.match(row.text)
    if opening:
        return row.slice(opening.end(), len(row.text)), True
    reason = _BECAUSE.search(row.text) or _TRAILING_REASON.search(row.text)
    return (row.slice(0, reason.start()) if reason else row), False


def _clean_row(row: MappedText) -> tuple[MappedText, tuple[str, ...], bool]:
    """Alignment, boxes, a label, numbers, end punctuation and condition off; is the row a reason beside the chain?"""
    cut = annotation_start(row.text)  # "&&\why{…}": a comment column, not math of the step
    if cut is not None:
        row = row.slice(0, cut)
    row = MappedText(_strip_alignment(row.text), row.offsets)
    row = unboxed(row)
    row = row.slice(*math_span(row.text))  # "(\text{By 7}) &= …", "… \quad \text{(bias term)}": prose around the math
    conditions: tuple[str, ...] = ()
    found = row_condition(row.text)
    if found is not None:
        row, conditions = row.slice(0, found[0]), tuple(found[1])
    row = row.slice(0, number.start()) if (number := _EQ_NUMBER.search(row.text)) else row
    row, aside = _without_reason(row.strip())
    row = row.strip()
    row = row.slice(0, len(_END_OF_PROOF.sub("", row.text)))
    if not re.search(r"\.\.[\s,.;]*$", row.text):  # "(n)(n)(n)..." goes on: an ellipsis is no full stop
        row = row.slice(0, len(re.sub(r"[\s,.;]+$", "", row.text)))
    return row, conditions, aside


#: ``= a(1 - a). \quad \blacksquare``: the end-of-proof mark, and the space before it
_END_OF_PROOF = re.compile(
    r"(?:\s|\\q?quad\b|\\hfill\b|\\[,;:! ]|~)*\\(?:blacksquare|square|Box|qed|qedsymbol|qedhere)\b\s*$"
)


def rows_of(region: Region, table: LineTable, latex: bool) -> list[Piece]:
    """The rows of a region, each with its position and its own trailing condition."""
    body = _ascii_math(MappedText(region.text, list(region.offsets)))
    if latex:
        body = _blank_all(body, _TEX_COMMENT)
    body = unbraced_list(_layout_array(_colour_wrapper(uncolour_statements(unbox_text_math(_blank_all(body, _DROP))))))
    pieces = []
    left_chain = False  # a row "A &= …" came before: "& x = c" after it is an aside (right_column_asides)
    lines = [line for line in _split_rows(body) if not side_by_side_continuation(line.text)]  # (right_column_asides)
    for raw in (column for line in lines for column in equation_columns(line)):  # (align_columns)
        row, conditions, aside = _clean_row(raw)
        aside = aside or (left_chain and right_column_equation(raw.text))
        left_chain = left_chain or left_column_chain(raw.text)
        if not row.text:
            continue
        for part in [q for wide in _wide_space_parts(row) for p in _line_break_parts(wide) for q in prose_parts(p)]:
            for case, holds_under in expand_cases(part, conditions) or [(part, conditions)]:
                piece = case.piece(table, holds_under)
                pieces.append(replace(piece, aside=True) if aside else piece)
    return pieces


#: Two or more \quad (or a \qquad) in a row: how homework sets equations side by side.
_WIDE_SPACE = re.compile(r"(?:\\qquad\b|\\quad\b(?:\s|\\[,;:! ]|~)*\\q?quad\b)(?:\s|\\q?quad\b|\\[,;:! ]|~)*")
#: One \quad: sets equations side by side only before a name being given its value (``x^{(2)} =
#: [1416, 3, 2, 40]^T \quad x_3^{(2)} = 2``, ``\bar{x} = 6177 \quad \sigma = 814``)
_ONE_QUAD = re.compile(r"\\quad\b(?:\s|\\[,;:! ]|~)*")


def _wide_space_parts(row: MappedText) -> list[MappedText]:
    """``f = A \\quad\\quad \\hat Y = B \\quad\\quad Z = XW`` is three equations, not one chain
    ``f = A\\,\\hat Y = B …``; a wide space splits a row only where both sides state a relation,
    and a single ``\\quad`` only before a name given its value (``… \\quad x_3^{(2)} = 2``)."""
    wide = [m for m in _WIDE_SPACE.finditer(row.text) if _depth_zero(row.text, m.start())]
    taken = {k for m in wide for k in range(m.start(), m.end())}
    one = [m for m in _ONE_QUAD.finditer(row.text) if m.start() not in taken and _depth_zero(row.text, m.start())]
    cuts = sorted([*wide, *(m for m in one if _gives_a_new_name(row.text, m))], key=lambda m: m.start())
    if not cuts:
        return [row]
    parts: list[MappedText] = []
    start = 0
    for m in cuts:
        before, after = row.text[start : m.start()], row.text[m.end() :]
        if _top_level(before, "=<>") and _top_level(after, "=<>") and not starts_with_relation(after):
            parts.append(row.slice(start, m.start()).strip())
            start = m.end()
    parts.append(row.slice(start, len(row.text)).strip())
    return [p for p in parts if p.text]


def _gives_a_new_name(text: str, space: re.Match[str]) -> bool:
    """Does a name the row has not written before the ``\\quad`` follow it, given its value? Not in
    ``f'(x) = 0 \\quad x = 0``: there x = 0 says where the claim before it holds."""
    named = _NAME_DEFINED.match(text[space.end() :])
    if named is None:
        return False
    name = re.sub(r"\s*:?=$", "", named.group(0)).strip()
    return re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", text[: space.start()]) is None


#: a line that starts by naming what it defines: ``\sigma^2_{\mathcal{B}} =``, ``\hat{x}_i =``
_NAME_DEFINED = re.compile(
    r"\s*(?:\\[A-Za-z]+\s*\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z])"
    r"(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]+))*\s*(?:=|:=)"
)


def _line_break_parts(row: MappedText) -> list[MappedText]:
    r"""A display written without ``\\``: ``\mu = \frac1m \sum_i x_i`` on one line and
    ``\sigma^2 = …`` on the next are two equations (typeset as one line they would read
    μ = (1/m)Σx_i·σ² = …). Split only where the earlier lines state a relation and the next
    line starts by naming what it defines; a line that starts with a fraction, an operator or a
    relation continues the chain (a long product broken over two lines)."""
    breaks = [k for k, ch in enumerate(row.text) if ch == "\n" and _depth_zero(row.text, k)]
    if not breaks:
        return [row]
    parts: list[MappedText] = []
    start = 0
    for k in breaks:
        before, after = row.text[start:k], row.text[k + 1 :]
        if _top_level(before, "=") and _NAME_DEFINED.match(after):
            parts.append(row.slice(start, k).strip())
            start = k + 1
    parts.append(row.slice(start, len(row.text)).strip())
    return [p for p in parts if p.text]


def _depth_zero(text: str, index: int) -> bool:
    return _depths(text)[index] == 0 if index < len(text) else True


# --------------------------------------------------------------------------- cases holding steps

_CASES_OPEN, _CASES_CLOSE = "\\begin{cases}", "\\end{cases}"
#: the mark before a case's condition that was not read (kept for the reader, never assumed)
UNREAD_CONDITION = "(not read) "


def _depths(text: str) -> list[int]:
    """Nesting at each index: braces (also ``\\{``), parentheses, brackets and environments."""
    depths, depth, k = [0] * len(text), 0, 0
    while k < len(text):
        depths[k] = depth
        c = text[k]
        if c == "\\":
            nxt = text[k + 1 : k + 2]
            depth += text.startswith("begin{", k + 1) - text.startswith("end{", k + 1) + (nxt == "{") - (nxt == "}")
            if k + 1 < len(text):
                depths[k + 1] = depth
            k += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
            depths[k] = depth
        k += 1
    return depths


def _top_level(text: str, targets: str) -> list[int]:
    """Indices of the characters in ``targets`` outside braces, parentheses and environments."""
    depths = _depths(text)
    return [k for k, c in enumerate(text) if c in targets and depths[k] == 0 and (k == 0 or text[k - 1] != "\\")]


def expand_cases(row: MappedText, conditions: tuple[str, ...]) -> list[tuple[MappedText, tuple[str, ...]]] | None:
    r"""``L = \begin{cases} A = B & \text{if } i \neq j \\ C & \text{otherwise} \end{cases}`` ->
    ``L = A = B`` under i ≠ j and ``L = C`` under i = j, when some case (every one with no ``L =``) holds a
    step of its own (else None: a piecewise value). A condition not read is kept as written, marked
    UNREAD_CONDITION: never assumed, so never the ground of a wrong."""
    text, start = row.text, row.text.find(_CASES_OPEN)
    alone = start >= 0 and not text[:start].strip()  # \begin{cases} A = B & c_1 \\ C = D & c_2 \end{cases}
    if start < 0 or not (alone or re.search(r"=\s*$", text[:start])) or text.count(_CASES_OPEN) != 1:
        return None
    end = text.find(_CASES_CLOSE, start)
    if end < 0 or text[end + len(_CASES_CLOSE) :].strip(" \t\n,.;") != "":
        return None
    cases: list[tuple[MappedText, str]] = []
    for case in _split_rows(row.slice(start + len(_CASES_OPEN), end)):
        amp = _top_level(case.text, "&")
        if not amp:
            if case.text.strip():
                return None
            continue
        value = case.slice(0, amp[0]).strip()
        value = value.slice(0, len(value.text.rstrip(" ,.;")))  # "A = B, & if …": the comma is prose
        cases.append((value, case.text[amp[0] + 1 :]))
    values = [value.text for value, _ in cases]
    # alone, every case must be a step and none a name given a value (cases_rows.equation_rows)
    steps = equation_rows(values, _top_level) if alone else any(_top_level(v, "=") for v in values)
    if len(cases) < 2 or not steps:
        return None
    # conditions not read ("for $j = j_1, …, j_k$") are kept as written: a wrong row is then
    # inconclusive (step_judge.guard_conditions), an ok one holds whatever the condition says
    written = [cond for _, cond in cases]
    read = case_conditions(written) or [(UNREAD_CONDITION + " ".join(cond.split()),) for cond in written]
    prefix = row.slice(0, start)
    equals = _top_level(prefix.text, "=")
    last_term = prefix.slice(equals[-2] + 1, len(prefix.text)) if len(equals) >= 2 else prefix
    out = []
    for k, ((value, _), holds) in enumerate(zip(cases, read, strict=True)):
        head = prefix if k == 0 else last_term
        out.append(((head + value).strip(), tuple(dict.fromkeys(conditions + holds))))
    return out


_ALIGN_TOKENS = re.compile(r"\\begin\{|\\end\{|\\.|&", re.S)


def _strip_alignment(row: str) -> str:
    """Remove ``&`` at the top level (inside cases/matrices they separate columns: keep)."""
    if "&" not in row:
        return row
    chars = list(row)
    env_depth = 0
    for m in _ALIGN_TOKENS.finditer(row):
        token = m.group(0)
        if token == "\\begin{":
            env_depth += 1
        elif token == "\\end{":
            env_depth = max(0, env_depth - 1)
        elif token == "&" and env_depth == 0:
            chars[m.start()] = " "
    return "".join(chars)
