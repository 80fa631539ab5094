"""The math of a LaTeX document, found by pylatexenc's LatexWalker rather than by scanning.

``$…$``, ``\\(…\\)`` (inline), ``$$…$$``, ``\\[…\\]`` and the display environments (equation,
align, gather, multline, eqnarray, flalign, alignat, displaymath, math; starred or not) are
regions; environments such as ``split`` and ``aligned`` inside them are the block's rows (see
:mod:`~derive.checks.latex.extract`). Comments and verbatim material are nodes the walker
knows, so math in them is never read; math inside macro arguments (``\\textbf{$x$}``, ``\\item``)
and inside any other environment is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from derive.checks.latex.region import Region
from derive.checks.latex.text_groups import brace_group_end
from pylatexenc.latexwalker import (
    LatexEnvironmentNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexMathNode,
    LatexNode,
    LatexWalker,
    LatexWalkerError,
)

__all__ = ["latex_regions", "document_display_environments", "DISPLAY_ENVIRONMENTS", "UnwalkableDocument"]

#: Environments whose body is display math.
DISPLAY_ENVIRONMENTS = frozenset(
    name + star
    for name in (
        "equation",
        "align",
        "gather",
        "multline",
        "eqnarray",
        "flalign",
        "alignat",
        "displaymath",
        "math",
        "dmath",
    )
    for star in ("", "*")
)
#: Environments whose body is never TeX to read.
_VERBATIM = frozenset({"verbatim", "verbatim*", "lstlisting", "minted", "comment", "Verbatim", "filecontents"})


def _children(node: LatexNode) -> Iterator[LatexNode]:
    if isinstance(node, (LatexEnvironmentNode, LatexGroupNode)):
        yield from (n for n in node.nodelist or () if n is not None)
    if isinstance(node, (LatexMacroNode, LatexEnvironmentNode)) and node.nodeargd is not None:
        yield from (n for n in node.nodeargd.argnlist or () if n is not None)


#: ``\newenvironment{name}[n][default]{begin}{end}``, ``\NewEnviron{name}[n]{body}`` (environ package)
_NEW_ENVIRONMENT = re.compile(
    r"\\(?:re)?newenvironment\*?\s*\{\s*([A-Za-z]+\*?)\s*\}\s*(?:\[\d\]\s*)?(?:\[[^\]]*\]\s*)?(?=\{)"
    r"|\\(?:Re)?NewEnviron\*?\s*\{\s*([A-Za-z]+\*?)\s*\}\s*(?:\[\d\]\s*)?(?=\{)"
)
#: what opens display math inside a definition's code
_DISPLAY_NAMES = "|".join(sorted(DISPLAY_ENVIRONMENTS)).replace("*", r"\*")
_OPENS_DISPLAY = re.compile(r"\\begin\s*\{\s*(?:" + _DISPLAY_NAMES + r")\s*\}|\\\[|\$\$")


def _environment_definitions(text: str) -> list[tuple[str, int, int, bool]]:
    """(name, start, end, opens display math) of each environment the document defines."""
    found = []
    for m in _NEW_ENVIRONMENT.finditer(text):
        end = brace_group_end(text, m.end())
        if end > 0:
            if m.group(1):  # \newenvironment{name}{begin}{end}: the end code is part of the definition
                after = text.find("{", end)
                closing = brace_group_end(text, after) if after >= 0 and not text[end:after].strip() else -1
                end = closing if closing > 0 else end
            found.append((m.group(1) or m.group(2), m.start(), end, bool(_OPENS_DISPLAY.search(text, m.end(), end))))
    return found


def document_display_environments(text: str) -> frozenset[str]:
    r"""The environments the document defines to open display math: a tutorial's
    ``\NewEnviron{tcequation}{\begin{equation}\scalebox{1.4}{$\BODY$}\end{equation}}`` (held-out
    31) wraps every equation of the paper; its body is display math as ``equation``'s is."""
    return frozenset(name for name, _, _, display in _environment_definitions(text) if display)


def _walk(nodes: list[LatexNode], display: frozenset[str] = DISPLAY_ENVIRONMENTS) -> Iterator[LatexNode]:
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, LatexEnvironmentNode) and node.environmentname in _VERBATIM:
            continue
        if isinstance(node, LatexMathNode) or (
            isinstance(node, LatexEnvironmentNode) and node.environmentname in display
        ):
            yield node
            continue  # math inside math is the outer block's business
        yield from _walk(list(_children(node)), display)


def _body(text: str, node: LatexNode) -> tuple[int, int] | None:
    """The span of a math node's body, delimiters and environment arguments excluded."""
    end_of_node = node.pos + node.len
    if isinstance(node, LatexMathNode):
        opener, closer = node.delimiters
        start, end = node.pos + len(opener), end_of_node - len(closer)
        if text[end:end_of_node] != closer:
            return None  # unclosed: the walker ran to the end of the file
        return start, end
    name = node.environmentname
    # the environment's first \end{name} must be what ends the node: an unclosed { that ran past
    # it, to a later one or to the end of the file, is no body (display math never nests in itself)
    first = _closer(name).search(text, node.pos, end_of_node)
    if first is None or first.end() != end_of_node:
        return None
    end = first.start()
    start = text.find("}", node.pos) + 1
    args = node.nodeargd.argnlist if node.nodeargd is not None else []
    for arg in args or ():
        if arg is not None:
            start = max(start, arg.pos + arg.len)
    if name.startswith("alignat"):
        # the column count {2}: the walker may see it as the body's first group
        rest = text[start:end]
        stripped = rest.lstrip()
        if stripped.startswith("{"):
            close = stripped.find("}")
            start += len(rest) - len(stripped) + close + 1
    return start, end


class UnwalkableDocument(ValueError):
    """The LaTeX walker could not follow the document at all (groups nested thousands deep): no
    formula of it can be found. Raised rather than answering "no math here", which a reader
    would take for a document checked and found empty."""


#: formulas with an unclosed brace set aside before the walker reads the rest again (each one costs a walk)
_MOST_REPAIRS = 8
_PARAGRAPH = re.compile(r"\n[ \t]*\n")


def latex_regions(text: str) -> list[Region]:
    """The math regions of a LaTeX document, in order of position."""
    # pylatexenc logs every tolerated syntax problem; a student's draft is full of them.
    logging.getLogger("pylatexenc").setLevel(logging.ERROR)
    walked, nodes, broken = _walk_around_unclosed(text)
    if nodes is None:
        raise UnwalkableDocument(
            "the LaTeX reader could not follow its structure (groups or environments nested too deeply?): "
            "no formula was read"
        )
    regions: list[Region] = []
    defined = _environment_definitions(text)
    display = DISPLAY_ENVIRONMENTS | {name for name, _, _, opens in defined if opens}
    for node in _walk(nodes, display):
        span = _body(walked, node)
        if span is None or node.pos in broken or any(a <= node.pos < b for _, a, b, _ in defined):
            continue  # math written inside an environment's definition ({$\BODY$}) is no claim
        start, end = span
        kind = "inline" if isinstance(node, LatexMathNode) and node.displaytype == "inline" else "display"
        regions.append(Region(kind, text[start:end], tuple(range(start, end)), node.pos, node.pos + node.len))
    for pos, (kind, start, end, stop) in broken.items():
        # the formula itself, as written: its reader says why it cannot be read (the brace)
        regions.append(Region(kind, text[start:end], tuple(range(start, end)), pos, stop))
    return sorted(regions, key=lambda r: r.start)


def _walk_around_unclosed(text: str) -> tuple[str, list[LatexNode] | None, dict[int, tuple[str, int, int, int]]]:
    r"""The walker's nodes of ``text``, read again around formulas it ran past their end.

    One unclosed ``{`` in an inline formula (``\(\sigma\mathbf{w}^T{\mathbf{x} = 0.5\)``, a typo
    that TeX itself only complains about) makes the walker read the rest of the file as that
    group: every later formula was lost without a word. Such a formula ends at its first closing
    delimiter before a paragraph break; its body is blanked (same length, so every offset holds)
    and the document walked again. Returns the text walked, its nodes (None if the walker
    failed) and the formulas set aside: node start -> (kind, body start, body end, node end)."""
    walked = text
    broken: dict[int, tuple[str, int, int, int]] = {}
    for _ in range(_MOST_REPAIRS + 1):
        try:
            nodes, _, _ = LatexWalker(walked, tolerant_parsing=True).get_latex_nodes()
        except (LatexWalkerError, IndexError, ValueError, RecursionError):
            return walked, None, broken
        repair = next((r for n in _walk(nodes) if (r := _unclosed(walked, n)) is not None), None)
        if repair is None or repair[0] in broken:
            break
        pos, kind, start, end, stop = repair
        broken[pos] = (kind, start, end, stop)
        walked = walked[:start] + re.sub(r"[^\n]", " ", walked[start:end]) + walked[end:]
    return walked, nodes, broken


def _unclosed(text: str, node: LatexNode) -> tuple[int, str, int, int, int] | None:
    """(start, kind, body start, body end, end) of a formula the walker ran past its closing
    delimiter, where that delimiter comes before a paragraph break (for an environment: its own
    ``\\end{name}``, wherever it is); None for any other node."""
    if _body(text, node) is not None:
        return None
    if isinstance(node, LatexEnvironmentNode):
        return _unclosed_environment(text, node)
    if not isinstance(node, LatexMathNode):
        return None
    opener, closer = node.delimiters
    start = node.pos + len(opener)
    end = start
    while True:
        end = text.find(closer, end, node.pos + node.len)
        if end < 0 or _PARAGRAPH.search(text, start, end):
            return None
        if closer != "$" or text[end - 1] != "\\":
            break
        end += 1  # \$ is a dollar sign, not the closing one
    kind = "inline" if node.displaytype == "inline" else "display"
    return node.pos, kind, start, end, end + len(closer)


def _unclosed_environment(text: str, node: LatexEnvironmentNode) -> tuple[int, str, int, int, int] | None:
    r"""The same for a display environment: ``\begin{align} a &= {b \\ c \end{align}`` hid every
    later formula of the file. Its body ends at the first ``\end{name}`` after it (display
    environments do not nest in themselves); without one nothing is guessed."""
    opened = re.compile(r"\\begin\s*\{\s*" + re.escape(node.environmentname) + r"\s*\}").match(text, node.pos)
    closed = _closer(node.environmentname).search(text, opened.end(), node.pos + node.len) if opened else None
    if opened is None or closed is None:
        return None
    return node.pos, "display", opened.end(), closed.start(), closed.end()


def _closer(name: str) -> re.Pattern[str]:
    return re.compile(r"\\end\s*\{\s*" + re.escape(name) + r"\s*\}")
