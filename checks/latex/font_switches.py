r"""Plain TeX's font switches (``\bf``, ``\rm``, ``\it``, ``\sf``, ``\tt``, ``\cal``): they set the
font of what follows in their group and take no argument, so ``\bf{y - \hat y}`` is a bold
``y - ŷ`` and ``\partial \bf{\theta}`` a bold θ. Fonts other than the calligraphic one never
change which name is meant here (``\mathbf y`` is ``y``), so a switch is dropped; ``\bf 1``
(the ones vector, as ``\mathbf 1``) and ``\cal L`` (another name than L) keep their meaning."""

from __future__ import annotations

__all__ = ["font_switches"]

Tokens = list[tuple[str, bool]]

_SWITCHES = {r"\bf": r"\mathbf", r"\rm": r"\mathrm", r"\it": r"\mathit", r"\sf": r"\mathsf", r"\tt": r"\mathrm"}


def font_switches(toks: Tokens) -> Tokens:
    r"""Each switch dropped, except before a one (``\bf 1``, ``\bf{1}``) or ``\cal`` before a
    letter, which become the argument-taking command of the same font."""
    if not any(t in _SWITCHES or t == r"\cal" for t, _ in toks):
        return toks
    out: Tokens = []
    for k, (t, spaced) in enumerate(toks):
        after = [s for s, _ in toks[k + 1 : k + 4]]
        if t == r"\cal":
            out.append((r"\mathcal", spaced))  # \cal L: the next token is its argument, as \mathcal L
        elif t in _SWITCHES and (after[:1] == ["1"] or after == ["{", "1", "}"]):
            out.append((_SWITCHES[t], spaced))
        elif t not in _SWITCHES:
            out.append((t, spaced))
    return out
