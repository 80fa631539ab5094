r"""A family the page defines as a running product or sum of its index: ``\bar{\alpha}_t :=
\prod_{i=1}^t \alpha_i`` (DDPM's noise schedule), ``S_t = \sum_{i=1}^{t} x_i``.

Its members at t and t − 1 are tied (``\bar{\alpha}_t = \alpha_t \bar{\alpha}_{t-1}``), and DDPM's
derivations use the tie: ``\sqrt{\bar{\alpha}_t}\sqrt{\alpha_t} = \sqrt{\bar{\alpha}_{t-1}}\alpha_t``
(Malav-P's notes on diffusion models). The reader samples ``\bar{\alpha}_t`` and
``\bar{\alpha}_{t-1}`` as two unknowns, for which the step is false, and called it wrong. A
``wrong`` step that writes one such family at its index and at the index less one is held back
(inconclusive), saying which definition ties them. The subscript may sit under the accent
(``\bar{\alpha_t}``) or after it; a family without such a definition is judged as before.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult, hold_wrongs

__all__ = ["cumulative_families", "hold_cumulative_families"]

#: \bar{\alpha_t} is \bar{\alpha}_t: an accent over a subscripted letter
_UNDER_ACCENT = re.compile(r"\\(bar|hat|tilde|overline)\s*\{\s*(\\?[A-Za-z]+)\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])\s*\}")
_HEAD = r"(?P<stem>\\(?:bar|hat|tilde|overline)\s*\{\s*\\?[A-Za-z]+\s*\}|\\?[A-Za-z]+)"
_DEFINITION = re.compile(
    _HEAD + r"\s*_\s*\{?\s*(?P<index>[a-z])\s*\}?\s*(?::=|=|\\coloneqq|\\triangleq|\\equiv)\s*"
    r"\\(?:prod|sum)(?:\\limits)?\s*_\s*\{?\s*[a-z]\s*=\s*[01]\s*\}?\s*\^\s*\{?\s*(?P=index)\s*\}?"
)


def _accents_outside(text: str) -> str:
    return _UNDER_ACCENT.sub(lambda m: rf"\{m.group(1)}{{{m.group(2)}}}_{m.group(3)}", text)


def _spaced(stem: str) -> str:
    """The stem as a pattern that allows the spacing TeX ignores."""
    return r"\s*".join(re.escape(part) for part in re.findall(r"\\[A-Za-z]+|\S", stem))


def cumulative_families(text: str) -> dict[str, str]:
    """Each family stem the page defines as a running product or sum, with its index letter."""
    return {m.group("stem"): m.group("index") for m in _DEFINITION.finditer(_accents_outside(text))}


def _ties(written: str, stem: str) -> str | None:
    """The index letter at which the step writes the family and at that index less one, if any.
    The definition's letter is a dummy: a derivation of \\bar{\\alpha}_t may well write it at i."""
    head = rf"(?<![A-Za-z\\]){_spaced(stem)}\s*_\s*"
    for before in re.finditer(head + r"\{\s*(?P<letter>[a-z])\s*-\s*1\s*\}", written):
        index = before.group("letter")
        if re.search(head + rf"(?:\{{\s*{index}\s*\}}|{index}(?![A-Za-z]))", written):
            return index
    return None


def hold_cumulative_families(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` step tying a running family's members at t and t − 1 held back."""
    if not any(result.status == "wrong" for result in judged):
        return judged
    families = cumulative_families(text)

    def why(result: StepResult) -> str | None:
        written = _accents_outside(f"{result.step.lhs} = {result.step.rhs}")
        tied = [(stem, index) for stem in families if (index := _ties(written, stem)) is not None]
        if not tied:
            return None
        stem, index = tied[0]
        return (
            f"; but the page defines {stem}_{families[stem]} as a running product or sum, "
            f"which ties {stem}_{index} to {stem}_{{{index}-1}}: the two were sampled apart"
        )

    return hold_wrongs(judged, why) if families else judged
