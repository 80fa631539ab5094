"""The math of a Markdown document, found by markdown-it-py rather than by scanning.

``$…$``, ``$$…$$`` (on their own lines or inside a paragraph) and labelled ``$$…$$ (1)`` come
from mdit-py-plugins' dollarmath; bare ``\\begin{align}`` (and the other amsmath environments)
from its amsmath plugin; ``\\[…\\]`` and ``\\(…\\)`` from its texmath plugin in a second pass.
Code blocks, fences, inline code and HTML are what the parser says they are, so math inside
them is never read, except what renderers typeset there too: a GitHub ```` ```math ```` fence, and
``\\( … \\)``, ``\\[ … \\]``, ``$$ … $$``, a bare ``\\begin{align}`` or ``<script type="math/tex">``
inside an HTML block.
Single-``$`` math standing alone on its line is display math: Obsidian and Jupyter users write
displayed derivations that way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from derive.checks.latex.escaped_brackets import escaped_math_regions, has_escaped_math
from derive.checks.latex.region import LineTable, Region, align
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

__all__ = ["markdown_regions"]

#: token type -> (kind, opening delimiter searched for in the source; None: the content itself)
_MATH_TOKENS = {
    "math_block": ("display", None),
    "math_block_label": ("display", None),
    "math_block_eqno": ("display", None),
    "math_inline_double": ("display", "$$"),
    "math_inline": ("inline", None),
    "amsmath": ("display", ""),
}
_CLOSERS = {"$$": "$$", "$": "$", "\\[": "\\]", "\\(": "\\)", "": ""}


@lru_cache(maxsize=1)
def _dollar_parser() -> MarkdownIt:
    # double_inline: "$$a = b$$" inside a line of text is parsed (kramdown reads it as inline math,
    # MathJax as a display: _regions decides by whether it stands alone on its line)
    return (
        MarkdownIt("commonmark")
        .use(dollarmath_plugin, allow_space=True, allow_digits=True, double_inline=True)
        .use(amsmath_plugin)
    )


@lru_cache(maxsize=1)
def _bracket_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").use(texmath_plugin, delimiters="brackets")


def _walk(tokens: list[Token], window: tuple[int, int] | None = None) -> Iterator[tuple[Token, tuple[int, int] | None]]:
    """Every token with the line range of the nearest block that has one."""
    for token in tokens:
        here = tuple(token.map) if token.map else window
        yield token, here  # type: ignore[misc]
        if token.children:
            yield from _walk(token.children, here)  # type: ignore[arg-type]


def _locate(
    text: str, token: Token, opener: str, window: tuple[int, int], cursor: int
) -> tuple[int, int, list[int]] | None:
    """(start, end, offsets) of a math token's body in the source, searched from ``cursor``."""
    content = token.content
    lo, hi = max(cursor, window[0]), window[1]
    probe = opener if opener else content.lstrip()[:12]
    if not probe:
        return None
    k = text.find(probe, lo, hi)
    while k >= 0:
        body = k + len(opener)
        offsets = align(text, body, content, hi)
        if offsets is not None:
            tail = offsets[-1] + 1 if offsets else body
            closer = _CLOSERS.get(opener, "")
            close_at = text.find(closer, tail, hi) if closer else tail
            end = close_at + len(closer) if close_at >= 0 else tail
            return k, end, offsets
        k = text.find(probe, k + 1, hi)
    return None


#: what may stand before a formula that starts its line: indentation, quote and list markers
_LINE_MARKS = re.compile(r"[\s>]*(?:[-*+]\s+|\d+[.)]\s+)?")


def _starts_line(text: str, start: int) -> bool:
    """Is there nothing but list or quote markers before the formula on its line?"""
    return _LINE_MARKS.fullmatch(text, text.rfind("\n", 0, start) + 1, start) is not None


def _after_words(text: str, start: int) -> bool:
    """Does a sentence's text come before the formula on its line ("Given $$M=j$$, …")? A ``$$``
    formula that starts its line ("$$A$$ for $i \\neq j$.") is a display whatever follows it."""
    return not _starts_line(text, start)


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Nothing but list/quote markers before the formula on its line, and punctuation after."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return _starts_line(text, start) and re.fullmatch(r"[\s.,;:]*", text[end:line_end]) is not None


#: MathJax 2's own markup, which Jekyll blogs (kramdown) emit: <script type="math/tex; mode=display">
_SCRIPT = re.compile(
    r"<script\s+type\s*=\s*[\"']math/tex(?P<mode>[^\"']*)[\"']\s*>(?P<body>.*?)</script\s*>", re.S | re.I
)


def _span(text: str, table: LineTable, lines: tuple[int, int]) -> tuple[int, int]:
    """Where a block's lines (the parser's [first, end) line range) stand in the file."""
    return table.starts[lines[0]], table.starts[lines[1]] if lines[1] < len(table.starts) else len(text)


def _script_math(text: str, table: LineTable, lines: tuple[int, int]) -> list[Region]:
    """Math in ``<script type="math/tex">`` elements of an HTML block (the parser leaves HTML alone)."""
    start, end = _span(text, table, lines)
    found = []
    for m in _SCRIPT.finditer(text, start, end):
        kind = "display" if "display" in m.group("mode") else "inline"
        body_start = m.start("body")
        found.append(Region(kind, m.group("body"), tuple(range(body_start, m.end("body"))), m.start(), m.end()))
    return found


#: ``\( … \)``, ``\[ … \]``, ``$$ … $$`` and an amsmath environment (``\begin{align} … \end{align}``,
#: which MathJax typesets where it stands) written inside an HTML block (a ``<div>`` or ``<p>``
#: around a worked example): MathJax typesets them there, the Markdown parser leaves the block alone
_HTML_MATH = re.compile(
    r"(?P<environment>\\begin\{(?P<name>(?:align|alignat|equation|gather|multline|eqnarray)\*?)\}.+?\\end\{(?P=name)\})"
    r"|\\\((?P<inline>.+?)\\\)|\\\[(?P<display>.+?)\\\]|(?<!\\)\$\$(?P<dollars>.+?)(?<!\\)\$\$",
    re.S,
)


def _html_math(text: str, table: LineTable, lines: tuple[int, int]) -> list[Region]:
    """Math delimited inside an HTML block (see _HTML_MATH), outside its ``<script>`` elements."""
    start, end = _span(text, table, lines)
    found = []
    for m in _HTML_MATH.finditer(text, start, end):
        if re.search(r"<script\b", text[start : m.start()], re.I):
            break  # script math is read by _script_math
        group = next(g for g in ("environment", "inline", "display", "dollars") if m.group(g) is not None)
        kind = "inline" if group == "inline" and not _stands_alone(text, m.start(), m.end()) else "display"
        found.append(Region(kind, m.group(group), tuple(range(m.start(group), m.end(group))), m.start(), m.end()))
    return found


#: the heading of a collapsible section, ``<summary>Example 2: … for $f(x) = \ln x$</summary>``
_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<body>.*?)</summary>", re.S | re.I)
#: single-dollar math as dollarmath reads it: no space inside either dollar, no $$
#: (the math may end with a TeX line break and spaces: ``$ … \\ $``, which MathJax typesets)
_SUMMARY_DOLLARS = re.compile(r"(?<![\\$])\$(?![\s$])(?P<math>[^$\n]*?(?:[^\s\\$]|\\\\\s*))\$(?!\$)")


#: elements whose dollars are not math: code, scripts (read by _script_math), styles
_NOT_MATH = re.compile(r"<(script|style|code|pre)\b.*?</\1\s*>", re.S | re.I)
#: what makes a $…$ TeX rather than a price: a command, a script, a relation
_TEX_SIGN = re.compile(r"\\[A-Za-z]|[\^_=]")
_TAG = re.compile(r"<[^<>]*>")


def _html_dollars(text: str, table: LineTable, lines: tuple[int, int]) -> list[Region]:
    """``$…$`` in an HTML block, outside code, scripts and styles. Notebooks centre a formula in
    ``<div align="center"><b> $g'(z)=…$ </b></div>`` and put an example's givens in a collapsible
    ``<summary>``, and MathJax typesets both. A pair counts when it is in a ``<summary>`` or reads
    as TeX (a command, a script or a relation: ``$5 or $10`` is money); alone on its line but for
    tags, it is a display."""
    start, end = _span(text, table, lines)
    block = _NOT_MATH.sub(lambda m: " " * len(m.group(0)), text[start:end])
    summaries = [(m.start(), m.end()) for m in _SUMMARY.finditer(block)]
    found = []
    for m in _SUMMARY_DOLLARS.finditer(block):
        in_summary = any(a <= m.start() < b for a, b in summaries)
        if not in_summary and not _TEX_SIGN.search(m.group("math")):
            continue
        line_start = block.rfind("\n", 0, m.start()) + 1
        line_end = block.find("\n", m.end())
        around = _TAG.sub("", block[line_start : m.start()] + block[m.end() : len(block) if line_end < 0 else line_end])
        kind = "display" if not in_summary and re.fullmatch(r"[\s.,;:]*", around) else "inline"
        offsets = tuple(range(start + m.start("math"), start + m.end("math")))
        found.append(Region(kind, m.group("math"), offsets, start + m.start(), start + m.end()))
    return found


def _math_fence(text: str, token: Token, table: LineTable, lines: tuple[int, int]) -> list[Region]:
    """A GitHub ```` ```math ```` fence: display math. Its content must stand in the file as the
    parser gives it (not inside a quote, whose ``>`` the parser strips), or it is skipped."""
    body_start = table.starts[lines[0] + 1] if lines[0] + 1 < len(table.starts) else len(text)
    content = token.content
    if not content.strip() or text[body_start : body_start + len(content)] != content:
        return []
    offsets = tuple(range(body_start, body_start + len(content)))
    return [Region("display", content, offsets, table.starts[lines[0]], body_start + len(content))]


_DELIMITER_LINE = re.compile(r"[ \t>]*(?:\$\$|\\\[)[ \t]*")


_FENCE = re.compile(r"[ \t>]*(```|~~~)")
#: ``$$`` not escaped: ``\$$`` is a dollar sign then ``$``, but ``\\$$`` ends a row with ``\\`` and
#: then closes the math (an even run of backslashes escapes nothing)
_DOLLARS = re.compile(r"(?<!\\)(?:\\\\)*\$\$")


def _opens_block(line: str, inside: bool) -> bool:
    """Does this line open a display block: ``$$`` (or ``\\[``) at its start, outside one?"""
    body = line.lstrip(" \t>")
    return (not inside and body.startswith("$$")) or _DELIMITER_LINE.fullmatch(line) is not None and not inside


#: a sentence's full stop after an environment's end: the parser's amsmath then missed the end
#: and took the prose up to the next environment as math
_END_PUNCTUATION = re.compile(r"^(\s*\\end\{[A-Za-z*]+\})\s*[.,;:]\s*$")


def _prepared(text: str) -> tuple[str, list[int]]:
    """The text the parser reads, and for each of its lines the line of the file it stands for.

    A line that starts with ``$$`` right under a line of prose does not start a block for the
    parser (it cannot interrupt a paragraph), while every renderer (MathJax, GitHub, Jupyter)
    pairs it with the next ``$$``: the parser is given a blank line before it. Whether a line
    opens or closes a block is followed by counting ``$$`` (code fences aside). A full stop after
    ``\\end{equation}`` is dropped from the parser's copy (the math is then found in the file)."""
    lines = text.split("\n")
    out: list[str] = []
    origin: list[int] = []
    inside = fenced = False
    for k, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            if k and lines[k - 1].strip(" \t>") and _opens_block(line, inside):
                out.append(line[: len(line) - len(line.lstrip(" \t>"))].rstrip())  # keep a quote's ">"
                origin.append(k)
            inside ^= len(_DOLLARS.findall(line)) % 2 == 1
            line = _END_PUNCTUATION.sub(r"\1", line)  # "\end{equation} ." ends the sentence too
        out.append(line)
        origin.append(k)
    origin.append(len(lines))
    return "\n".join(out), origin


#: ``\[ … \]`` inside a paragraph (a MathJax blog: "Loss: \[L = -\sum_i y_i \log p_i\] Softmax: …"):
#: texmath takes ``\[`` only where a block starts, CommonMark reads it as an escaped bracket
_PARAGRAPH_DISPLAY = re.compile(r"(?<!\\)\\\[(?P<display>.+?)(?<!\\)\\\]", re.S)


def _paragraph_brackets(text: str, table: LineTable, lines: tuple[int, int]) -> list[Region]:
    r"""Display math delimited by ``\[ … \]`` within a paragraph's lines (none where the paragraph
    has a code span: its backslashes are code)."""
    start, end = _span(text, table, lines)
    if "`" in text[start:end]:
        return []
    return [
        Region("display", m.group("display"), tuple(range(m.start("display"), m.end("display"))), m.start(), m.end())
        for m in _PARAGRAPH_DISPLAY.finditer(text, start, end)
        if m.group("display").strip()
    ]


def _regions(text: str, parser: MarkdownIt, table: LineTable, brackets: bool = False) -> list[Region]:
    regions: list[Region] = []
    cursor = 0
    whole = (0, len(text))
    prepared, origin = _prepared(text)
    escaped = brackets and has_escaped_math(text)
    for token, lines in _walk(parser.parse(prepared)):
        if lines is not None:
            # the parser's lines are those of the prepared text: back to the file's
            lines = (origin[min(lines[0], len(origin) - 1)], origin[min(lines[1], len(origin) - 1)])
        if brackets and token.type == "paragraph_open" and lines is not None:
            regions += _paragraph_brackets(text, table, lines)
            if escaped:  # kramdown's \\[ … \\] (escaped_brackets.py)
                regions += escaped_math_regions(text, [_span(text, table, lines)])
            continue
        if token.type == "html_block" and lines is not None:
            regions += _script_math(text, table, lines) + _html_math(text, table, lines)
            regions += _html_dollars(text, table, lines)
            continue
        if token.type == "fence" and token.info.strip().lower() == "math" and lines is not None:
            regions += _math_fence(text, token, table, lines)
            continue
        if token.type not in _MATH_TOKENS:
            continue
        kind, opener = _MATH_TOKENS[token.type]
        opener = token.markup if opener is None else opener
        window = whole
        if lines is not None:
            window = _span(text, table, lines)
        found = _locate(text, token, opener, window, cursor) or _locate(text, token, opener, whole, cursor)
        if found is None:
            continue  # the parser's content cannot be placed in the file: skip rather than misplace it
        start, end, offsets = found
        if kind == "inline" and _stands_alone(text, start, end):
            kind = "display"
        elif token.type == "math_inline_double" and _after_words(text, start):
            kind = "inline"  # kramdown's inline math: "Given $$M = j$$, y is …" is a formula in a sentence
        regions += _split_at_dollars(_unwrapped(Region(kind, token.content, tuple(offsets), start, end)))
        cursor = end
    return regions


#: math delimited twice, ``\( $x = y$ \)``: the inner dollars (one or two) around all of it
_INNER_DOLLARS = re.compile(r"\s*(\${1,2})(?P<math>(?:[^$\\]|\\.)+)\1\s*", re.S)


def _unwrapped(region: Region) -> Region:
    r"""Notes written by a chat assistant wrap math twice, ``\( $dz = A - Y$ \)``: the outer
    delimiters are the parser's, the inner dollars are no part of the formula."""
    m = _INNER_DOLLARS.fullmatch(region.text)
    if not m or not m.group("math").strip():
        return region
    a, b = m.span("math")
    return Region(region.kind, region.text[a:b], region.offsets[a:b], region.start, region.end)


def _split_at_dollars(region: Region) -> list[Region]:
    """``$$a = b$$ and $$c = d$$`` on one line is one block for the parser (a line that starts
    and ends with ``$$``) but two formulas for every renderer: cut at the inner ``$$``."""
    parts = re.split(r"(?<!\\)\$\$", region.text)
    if len(parts) < 3 or len(parts) % 2 == 0:
        return [region]
    out = []
    k = 0
    for n, part in enumerate(parts):
        if n % 2 == 0 and part.strip():
            offsets = region.offsets[k : k + len(part)]
            out.append(Region(region.kind, part, offsets, offsets[0] - 2 if n else region.start, offsets[-1] + 3))
        k += len(part) + 2
    return out


#: Hugo's KaTeX shortcode (the hugo-book theme and its kin): ``{{< katex [display] >}} … {{< /katex >}}``,
#: also written with ``%``; the site typesets its body, the Markdown parser sees a paragraph of text
_SHORTCODE = re.compile(
    r"\{\{[<%]\s*katex\b(?P<args>[^}]*?)[>%]\}\}(?P<body>.*?)\{\{[<%]\s*/\s*katex\s*[>%]\}\}", re.S | re.I
)
#: an inner amsmath environment standing bare at the start of a line (R Markdown, MathJax pages):
#: ``\begin{aligned} … \end{aligned}``, typeset as a display; the amsmath plugin takes only the
#: top-level ones (align, equation …). A bare ``\begin{array}{lcl} f &=& g \\ &=& h \end{array}``
#: too: MathJax typesets every environment it meets in a notebook's Markdown, and an ``lcl`` array
#: is how many notebooks align a chain (one that holds an array of its own is left out: the
#: pattern would end at the inner end)
_BARE_INNER = re.compile(
    r"^[ \t]*(?P<body>\\begin\{(?P<name>aligned|alignedat|gathered|split|array)\}"
    r"(?:(?!\\begin\{(?P=name)\}).)*?\\end\{(?P=name)\})",
    re.S | re.M,
)


def _fence_starts(text: str) -> list[int]:
    """Offsets of the lines that open or close a code fence, in order (read once per document)."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    return [at for at in starts if _FENCE.match(text, at)]


def _outside_fences(fences: list[int], start: int) -> bool:
    return bisect.bisect_left(fences, start) % 2 == 0  # the fences opened and closed before start


def _bare_math(text: str) -> list[Region]:
    """Math the Markdown parser leaves as text: the bodies of Hugo KaTeX shortcodes (one with
    dollars inside is left to the dollar parser; display when the shortcode says so or spans
    lines) and bare inner amsmath environments (display), outside code fences. Where one lies in
    math found otherwise (``$$\\begin{aligned} … $$``), the outer region is kept (markdown_regions)."""
    found: list[Region] = []
    if "katex" not in text and "\\begin" not in text:
        return found
    fences = _fence_starts(text)
    for m in _SHORTCODE.finditer(text) if "katex" in text else ():
        body = m.group("body")
        if body.strip() and "$" not in body and _outside_fences(fences, m.start()):
            spans = "\n" in body.strip() or _stands_alone(text, *m.span())
            kind = "display" if "display" in m.group("args") or spans else "inline"
            found.append(Region(kind, body, tuple(range(m.start("body"), m.end("body"))), m.start(), m.end()))
    for m in _BARE_INNER.finditer(text) if "\\begin" in text else ():
        if _outside_fences(fences, m.start()):
            a, b = m.span("body")
            found.append(Region("display", m.group("body"), tuple(range(a, b)), a, b))
    return found


def markdown_regions(text: str) -> list[Region]:
    """The math regions of a Markdown document, in order of position."""
    table = LineTable(text)
    found = _regions(text, _dollar_parser(), table)
    found += _bare_math(text)
    if "\\[" in text or "\\(" in text:  # texmath's pass costs three times the first one: only when needed
        found += _regions(text, _bracket_parser(), table, brackets=True)
    found.sort(key=lambda r: (r.start, -r.end))
    kept: list[Region] = []
    for region in found:
        if kept and region.start < kept[-1].end:
            continue  # e.g. "\\[" written inside $$…$$: the outer block is the math
        kept.append(_escaped_subscripts(region))
    return kept


#: ``\_t``, ``\_0``, ``\_{t-1}``: Markdown's escape of a subscript's underscore (one letter or digit, or a
#: group, after it); ``batch\_size`` (two letters or more after it) is a programmer's name (word_names)
_ESCAPED_SUBSCRIPT = re.compile(r"(?<!\\)\\_(?=\{|[A-Za-z0-9](?![A-Za-z0-9]))")
#: ``y\_kp\_j``: in a region that escapes its subscripts, a letter after one is the next factor's name
#: when that name has an escaped subscript of its own (y_k p_j, as TeX sets ``y_kp_j``)
_GLUED_SUBSCRIPT = re.compile(r"(?<!\\)\\_(?=[A-Za-z0-9][A-Za-z]\\_(?:\{|[A-Za-z0-9](?![A-Za-z0-9])))")


def _escaped_subscripts(region: Region) -> Region:
    """The region with each Markdown-escaped subscript underscore (``\\alpha\\_t := 1-\\beta\\_t``, as Jekyll
    pages write inline math so the Markdown reader keeps its underscores) read as ``_``; the text keeps
    its length (``_`` and a space), so every offset still points where it did."""
    if "\\_" not in region.text:
        return region
    if not _ESCAPED_SUBSCRIPT.search(region.text):
        return region
    return replace(region, text=_ESCAPED_SUBSCRIPT.sub("_ ", _GLUED_SUBSCRIPT.sub("_ ", region.text)))
