"""Plain text (titles, sources, conventions) as LaTeX text, and as ASCII for PDF bookmarks."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["plain_text", "text_to_latex", "unknown_characters"]


#: Characters of titles, sources and notes → LaTeX that pdflatex (utf8, OT1) typesets.
_TEXT_CHARS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    "σ": r"$\sigma$",
    "ψ": r"$\psi$",
    "λ": r"$\lambda$",
    "α": r"$\alpha$",
    "θ": r"$\theta$",
    "η": r"$\eta$",
    "Δ": r"$\Delta$",
    "δ": r"$\delta$",
    "∂": r"$\partial$",
    "∇": r"$\nabla$",
    "Σ": r"$\Sigma$",
    "∑": r"$\sum$",
    "⊙": r"$\odot$",
    "⊗": r"$\otimes$",
    "·": r"$\cdot$",
    "×": r"$\times$",
    "−": "-",
    "–": "--",
    "—": "---",
    "‖": r"$\|$",
    "≤": r"$\leq$",
    "≥": r"$\geq$",
    "≠": r"$\neq$",
    "≈": r"$\approx$",
    "→": r"$\to$",
    "↦": r"$\mapsto$",
    "∈": r"$\in$",
    "ℝ": r"$\mathbb{R}$",
    # Not \frac: pdftotext would read a built-up fraction's digits out of order.
    "½": r"${}^{1}\!/\!{}_{2}$",
    "′": "'",
    "’": "'",
    "‘": "`",
    "“": "``",
    "”": "''",
    "…": r"\dots{}",
    "ᵀ": r"$^{T}$",
    "ˣ": r"$^{x}$",
    "ᵃ": r"$^{a}$",
    "ˢ": r"$^{s}$",
    "ᵢ": r"$_{i}$",
    "ⱼ": r"$_{j}$",
    "ₖ": r"$_{k}$",
    "ₗ": r"$_{l}$",
    "ₕ": r"$_{h}$",
    "ₓ": r"$_{x}$",
    "∞": r"$\infty$",
    "±": r"$\pm$",
    "√": r"$\surd$",
    "ε": r"$\varepsilon$",
    "π": r"$\pi$",
    "μ": r"$\mu$",
    "ℓ": r"$\ell$",
    "𝟙": r"$\mathbf{1}$",
    "§": r"\S{}",
    "∗": "*",
    "⇒": r"$\Rightarrow$",
    "⋅": r"$\cdot$",
    "\u00a0": "~",
}
for _digit in range(10):
    _TEXT_CHARS["⁰¹²³⁴⁵⁶⁷⁸⁹"[_digit]] = f"$^{{{_digit}}}$"
    _TEXT_CHARS["₀₁₂₃₄₅₆₇₈₉"[_digit]] = f"$_{{{_digit}}}$"
_TEXT_CHARS.update({"⁽": "$^{(}$", "⁾": "$^{)}$", "₍": "$_{(}$", "₎": "$_{)}$"})


def _superscript_group(part: str) -> str:
    """``^{dₕ×dₕ}`` of a title as one math superscript."""
    return "$^{" + text_to_latex(part[2:-1]).replace("$", " ").strip() + "}$"


def text_to_latex(text: str) -> str:
    """Plain text (titles, sources, conventions) as LaTeX text: specials escaped, the Greek
    letters and symbols the catalogue uses typeset in math; any other non-ASCII character is
    spelled by its Unicode name rather than breaking the compile."""
    pieces: list[tuple[bool, str]] = []  # (is math, LaTeX)
    # A TeX-style superscript group in a title (ℝ^{dₕ×dₕ}) is typeset as one.
    parts = re.split(r"(\^\{[^{}]*\})", text)
    if len(parts) > 1:
        segments = [_superscript_group(p) if p.startswith("^{") else text_to_latex(p) for p in parts if p]
        out_text = segments[0]
        for seg in segments[1:]:
            # Join math with math ($\mathbb{R}$ + $^{…}$ → $\mathbb{R}^{…}$), never an escaped \$.
            if out_text.endswith("$") and not out_text.endswith("\\$") and seg.startswith("$"):
                out_text = out_text[:-1] + seg[1:]
            else:
                out_text += seg
        return out_text
    for ch in text:
        if unicodedata.combining(ch) and ch in _ACCENTS and pieces:
            # J̃, R̂: the accent goes on the previous character, in math.
            is_math, prev = pieces.pop()
            pieces.append((True, f"{_ACCENTS[ch]}{{{prev}}}"))
            continue
        latex = _char_latex(ch)
        if latex is None:
            latex = r"\textsc{[" + unicodedata.name(ch, f"U+{ord(ch):04X}").lower() + "]}"
        is_math = latex.startswith("$") and latex.endswith("$") and len(latex) > 2
        pieces.append((is_math, latex[1:-1] if is_math else latex))
    # Adjacent symbols share one math group ($x^{(2)}$, not $x$$^{(}$...).
    out: list[str] = []
    k = 0
    while k < len(pieces):
        if pieces[k][0]:
            group = []
            while k < len(pieces) and pieces[k][0]:
                group.append(pieces[k][1])
                k += 1
            out.append("$" + _merge_scripts(group) + "$")
        else:
            out.append(pieces[k][1])
            k += 1
    return "".join(out)


#: Combining accents → the math accent put on the preceding character.
_ACCENTS: dict[str, str] = {
    "\u0303": r"\tilde", "\u0302": r"\hat", "\u0304": r"\bar", "\u0307": r"\dot", "\u20d7": r"\vec",
}

#: Plain-text stand-ins for PDF bookmarks (ASCII only: no LaTeX, no font needed).
_PLAIN: dict[str, str] = {
    "σ": "sigma", "ψ": "psi", "λ": "lambda", "α": "alpha", "Δ": "Delta", "δ": "delta", "∂": "d",
    "Σ": "Sum", "≈": "~", "×": "x", "½": "1/2", "·": "*", "−": "-", "–": "-", "—": "-", "∈": " in ",
    "ℝ": "R", "§": "S", "≤": "<=", "≥": ">=", "≠": "!=", "→": "->", "⊙": "*", "‖": "||", "’": "'",
}


def plain_text(text: str) -> str:
    """ASCII rendering of a title for PDF bookmarks: symbols spelled out, accents and
    sub/superscripts reduced to their base characters, LaTeX specials dropped."""
    out = []
    for ch in text:
        if ch in _PLAIN:
            out.append(_PLAIN[ch])
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        out.append(base)
    return "".join(c for c in "".join(out) if c not in "\\{}$&#%_^~")


def _merge_scripts(group: list[str]) -> str:
    """Join math pieces, fusing runs of super/subscripts (⁽¹⁾ → ^{(1)}: no double superscript)."""
    out: list[str] = []
    for piece in group:
        m = re.fullmatch(r"([\^_])\{(.*)\}", piece)
        prev = re.fullmatch(r"([\^_])\{(.*)\}", out[-1]) if out else None
        if m and prev and m.group(1) == prev.group(1):
            out[-1] = f"{m.group(1)}{{{prev.group(2)}{m.group(2)}}}"
        else:
            out.append(piece)
    return " ".join(out)


def _char_latex(ch: str) -> str | None:
    """LaTeX for one character: the table, ASCII as is, Unicode sub/superscript letters and
    digits (ₙ, ᵀ, ⁱ …) as math scripts; None when there is no faithful LaTeX."""
    if ch in _TEXT_CHARS:
        return _TEXT_CHARS[ch]
    if ord(ch) < 128:
        return ch
    base = unicodedata.normalize("NFKC", ch)
    name = unicodedata.name(ch, "")
    if len(base) == 1 and base.isascii() and base.isalnum():
        if "SUBSCRIPT" in name:
            return f"$_{{{base}}}$"
        if "SUPERSCRIPT" in name or name.startswith("MODIFIER LETTER"):
            return f"$^{{{base}}}$"
    return None


def unknown_characters(text: str) -> list[str]:
    """Non-ASCII characters ``text_to_latex`` has no LaTeX for (the tests keep this empty)."""
    return sorted({ch for ch in text if _char_latex(ch) is None and ch not in _ACCENTS})
