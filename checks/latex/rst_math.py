r"""reStructuredText math, read by the Markdown reader: ``.. math::`` blocks and ``:math:`…``` roles.

Sphinx notes (Read the Docs sites, course wikis) write display math as a directive whose indented
body is LaTeX, and inline math as a role (held-out 31's Chinese back-propagation notes)::

    .. math::
      z^{l+1}_j =\sum_k w^l_{jk} a^l_k + b^l_j
      :label: explicitform

    其中，:math:`z^l_j` 表示 …

Nothing else of reStructuredText matters to check-latex, so the file is rewritten into Markdown
that keeps every line and every column: the directive's marker becomes ``$$`` padded with spaces,
its options (``:label:``, ``:nowrap:``, wherever they stand) become spaces, a ``$$`` closes the block at the end of its
last line, and a role's ``:math:``` becomes six spaces and ``$``, its closing backquote ``$``. A
step's line and column in the rewritten text are its line and column in the file. Blank lines
inside a directive separate equations, as Sphinx reads them; the Markdown reader splits the block
there too.
"""

from __future__ import annotations

import re

__all__ = ["rst_as_markdown"]

_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\.[ \t]+math::(?P<rest>.*)$")
_OPTION = re.compile(r"^[ \t]+:[A-Za-z-]+:(?:[ \t].*)?$")
_ROLE = re.compile(r":math:`([^`\n]+)`")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _directive(lines: list[str], k: int) -> int:
    """Rewrite the ``.. math::`` directive at line k in place; the index of the line after it."""
    m = _DIRECTIVE.match(lines[k])
    assert m is not None
    own = len(m.group("indent"))
    marker = len(lines[k]) - len(m.group("rest"))
    lines[k] = "$$" + " " * (marker - 2) + m.group("rest")
    end = k + 1
    last = k if m.group("rest").strip() else None
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > own):
        if _OPTION.match(lines[end]):
            lines[end] = " " * len(lines[end])  # :label: explicitform (an option, never LaTeX)
        elif lines[end].strip():
            if last is not None and end - last > 1:
                # a blank line ends an equation (as Sphinx reads the body): close it, open the next
                lines[last] = lines[last].rstrip() + "$$"
                lines[end - 1] = "$$"
            last = end
        end += 1
    if last is None:  # an empty directive: no math
        lines[k] = " " * len(lines[k])
        return end
    lines[last] = lines[last].rstrip() + "$$"
    return end


def rst_as_markdown(text: str) -> str:
    """The file with its reStructuredText math written as Markdown math, lines and columns kept."""
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        if _DIRECTIVE.match(lines[k]):
            k = _directive(lines, k)
            continue
        lines[k] = _ROLE.sub(lambda m: "      $" + m.group(1) + "$", lines[k])
        k += 1
    return "\n".join(lines)
