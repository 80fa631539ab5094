r"""Index letters written with a prime, or as ℓ, read as plain index letters.

``\hat y_k = \frac{e^{z_k}}{\sum_{k'=1}^K e^{z_{k'}}}``, ``\sum_{j''=1}^J w_{kj''}``,
``\sum_{k,\ell} \frac{\partial f}{\partial G_{k,\ell}}``: softmax and back-propagation write-ups
name a second index over the same range by priming the first (or use ℓ beside k). The reader
takes one plain letter as a sum's index, so these sums were "a sum over something other than one
index letter". Such an index is renamed, in the whole document, to a letter its mathematics never
uses (``k'`` → ``q``): the same index everywhere, so every step reads as it was written.

Only a primed letter (``k'``, ``k''``, ``k^{\prime}``) or ``\ell`` that the document writes as a
sum's index somewhere and, in display math, nowhere outside a sub- or superscript (``z_{k'}``,
``\sum_{k'=1}``, ``W^{(\ell)}``; prose may mention it alone, "for $k' \neq k$"): ``y'`` for a
prediction, ``f'(x)`` for a derivative and ``\ell`` for a loss are names, and stay as written.
"""

from __future__ import annotations

import re

from derive.checks.latex.region import Region, with_spans_replaced
from derive.checks.latex.text_groups import in_script

__all__ = ["plain_index_names", "with_plain_indices"]

#: a primed letter (k', k'', k^{\prime}, k^\prime, k^{'}) or \ell, as a whole name
_INDEX = re.compile(
    r"(?<!\\)(?:(?P<letter>[A-Za-z])(?P<prime>''|'|\^\s*\{\s*\\prime\s*\}|\^\s*\\prime(?![A-Za-z])|\^\s*\{\s*'\s*\})"
    r"|(?P<ell>\\ell)(?![A-Za-z]))"
)
#: the index of a sum: \sum_{k'=1}, \sum_{k^{\prime}}, \sum_\ell, \sum_{k,\ell}, and with the end
#: written first: \sum^K_{k'=1} (a TDT4265 report, held-out set 18)
_SUM_SUBSCRIPT = re.compile(
    r"\\sum\s*(?:\\limits\s*)?(?:\^\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+)\s*)?"
    r"_\s*(\{(?:[^{}]|\{[^{}]*\})*\}|\\ell|[A-Za-z]'*)"
)
#: prose inside math ("\\text{for a given \\textit{j'}}"): a mention of the index, not a use
_TEXT = re.compile(r"\\(?:text|textit|textrm|textbf|mbox|mathrm)\s*\{(?:[^{}]|\{[^{}]*\})*\}")
#: letters given to the renamed indices, in this order (never e, d, i: Euler's number, a
#: differential, the imaginary unit in some notes)
_FRESH = "qruvstpgomcbhnlwajkfxyz"


def _indices(text: str) -> list[re.Match[str]]:
    """The primed letters and ℓ of a text, as whole names: after another letter only inside a
    script (``w_{ji'}``: the indices j and i'), never the end of a command or a word (``\alpha'``)."""
    out = []
    for m in _INDEX.finditer(text):
        if m.group("letter"):
            run = re.search(r"\\?[A-Za-z]*$", text[: m.start()])
            before = run.group(0) if run else ""
            if before.startswith("\\") or (before and not in_script(text, m.start())):
                continue
        out.append(m)
    return out


def _key(m: re.Match[str]) -> str:
    if m.group("ell"):
        return r"\ell"
    primes = "''" if m.group("prime") == "''" else "'"
    return m.group("letter") + primes


def plain_index_names(texts: list[str], inline: list[bool] | None = None) -> dict[str, str]:
    """The primed (or ℓ) index names of the document, each with the letter it is read as;
    ``inline`` marks the texts that are inline formulas in prose, where the index may stand alone
    (``for $k' \neq k$``: a mention of the index, not a quantity)."""
    inline = inline or [False] * len(texts)
    summed = {_key(m) for text in texts for s in _SUM_SUBSCRIPT.finditer(text) for m in _indices(s.group(1))}
    if not summed:
        return {}
    outside: set[str] = set()
    for text, mention in zip(texts, inline, strict=True):
        for m in _indices(_TEXT.sub(lambda t: " " * len(t.group(0)), text)):
            if not mention and not in_script(text, m.start()):
                outside.add(_key(m))
    used = {c for text in texts for c in re.findall(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", text)}
    fresh = [c for c in _FRESH if c not in used]
    out: dict[str, str] = {}
    for name in sorted(summed - outside):
        if not fresh:
            break
        out[name] = fresh.pop(0)
    return out


def with_plain_indices(regions: list[Region]) -> list[Region]:
    """The regions with each primed (or ℓ) index written as its plain letter (see the module)."""
    names = plain_index_names([r.text for r in regions], [r.kind == "inline" for r in regions])
    if not names:
        return regions
    out = []
    for region in regions:
        spans = [(m.start(), m.end(), names[_key(m)]) for m in _indices(region.text) if _key(m) in names]
        out.append(with_spans_replaced(region, spans))
    return out
