r"""Names of TeX commands the notation reader treats alike: Greek letters, fonts and
decorations, commands dropped as spacing."""

from __future__ import annotations

import re

__all__ = [
    "DECORATIONS",
    "DROP",
    "FONTS",
    "GREEK",
    "TEXT_FONTS",
    "function_before_letters",
    "is_letter",
    "letters_before_function",
]

GREEK = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "varepsilon",
    "zeta",
    "eta",
    "theta",
    "vartheta",
    "iota",
    "kappa",
    "lambda",
    "mu",
    "nu",
    "xi",
    "pi",
    "rho",
    "varrho",
    "sigma",
    "varsigma",
    "tau",
    "upsilon",
    "phi",
    "varphi",
    "chi",
    "psi",
    "omega",
    "Gamma",
    "Delta",
    "Theta",
    "Lambda",
    "Xi",
    "Pi",
    "Sigma",
    "Upsilon",
    "Phi",
    "Psi",
    "Omega",
    "ell",
}
DROP = {
    r"\bullet",  # a list bullet written inside the math
    r"\left",
    r"\right",
    r"\big",
    r"\Big",
    r"\bigg",
    r"\Bigg",
    r"\bigl",
    r"\bigr",
    r"\Bigl",
    r"\Bigr",
    r"\biggl",
    r"\biggr",
    r"\Biggl",
    r"\Biggr",
    r"\middle",
    r"\,",
    r"\;",
    r"\:",
    r"\!",
    r"\ ",
    r"\quad",
    r"\qquad",
    r"\space",  # (MathJax / plain TeX)
    r"\displaystyle",
    r"\textstyle",
    r"\scriptstyle",
    r"\scriptscriptstyle",
    # size switches (``$$ \large \frac{∂C}{∂w} = …$$`` in notes rendered by MathJax): how big the
    # formula is drawn, never part of it
    r"\tiny",
    r"\scriptsize",
    r"\footnotesize",
    r"\small",
    r"\normalsize",
    r"\large",
    r"\Large",
    r"\LARGE",
    r"\huge",
    r"\Huge",
    r"\limits",
    r"\nolimits",
    "~",
    r"\nonumber",
    r"\notag",
}
FONTS = {
    r"\mathbf",
    r"\boldsymbol",
    r"\bm",
    r"\mathit",
    r"\mathrm",
    r"\mathsf",
    r"\vec",
    r"\mathcal",
    r"\mathscr",
    r"\mathfrak",
    r"\mathbb",
    r"\mathds",
    r"\hat",
    r"\dot",
    r"\ddot",
    r"\check",
    r"\widehat",
    r"\tilde",
    r"\widetilde",
    r"\bar",
    r"\overline",
    r"\underline",  # a vector (once) or matrix (twice) in European texts, as bold elsewhere
    r"\text",
    r"\textrm",
    r"\textit",
    r"\textbf",
    r"\textsc",
    r"\textsf",
    r"\textup",
    r"\operatorname",
    r"\mathop",
    r"\mathnormal",
}
#: Decorations that make a different name (R̂ is not R); other fonts are dropped.
DECORATIONS = {
    r"\hat": "hat",
    r"\widehat": "hat",
    r"\tilde": "tilde",
    r"\widetilde": "tilde",
    r"\bar": "bar",
    r"\overline": "bar",
    r"\mathcal": "mathcal",
    r"\mathscr": "mathcal",  # script letters: \mathscr{L} is the \mathcal{L} of documents that load mathrsfs
    r"\mathfrak": "mathfrak",  # 𝔏, a name of its own (a loss, a Lagrangian)
    r"\dot": "dot",  # v̇: a tangent or a rate beside v (forward-mode differentiation), not v
    r"\ddot": "ddot",
    r"\check": "check",
}
TEXT_FONTS = {
    r"\text", r"\textrm", r"\textit", r"\textbf", r"\textsc", r"\textsf", r"\textup", r"\operatorname", r"\mathop",
    r"\mathrm",
}

#: functions homework writes without a backslash right after a factor: ``y log(a)`` typed as
#: ``ylog(a)`` (or with a space TeX drops), ``xexp(t)``
_TAIL_FUNCTIONS = ("log", "ln", "exp")


def letters_before_function(word: str) -> bool:
    """Is ``word`` one or two single-letter factors and then log, ln or exp (``ylog``, ``xyexp``)?
    Then its first letter is a name of its own and the rest is read after it."""
    return any(word.endswith(f) and 1 <= len(word) - len(f) <= 2 for f in _TAIL_FUNCTIONS)


def function_before_letters(word: str) -> str | None:
    """log, ln or exp when ``word`` is that function typed against a one- or two-letter argument
    (``logw``, ``logP``, ``expx``): the function's name, to be read before the letters; else None."""
    return next((f for f in _TAIL_FUNCTIONS if word.startswith(f) and 1 <= len(word) - len(f) <= 2), None)

#: the word "if" (and "for", "when", "where") opening a case's condition, in the languages of the
#: documents: French si/pour/quand, Spanish si/para/cuando, German wenn/falls/für, Italian/Portuguese
#: se/per/para, Polish jeśli/jeżeli/gdy, Vietnamese nếu/khi
CONDITION_WORDS = frozenset(
    {"if", "for", "when", "where", "si", "pour", "quand", "lorsque", "para", "cuando"}
    | {"wenn", "falls", "für", "se", "per", "jeśli", "jeżeli", "gdy", "nếu", "khi"}
)
#: "otherwise" in those languages: sinon, sino, sonst, altrimenti, senão
OTHERWISE_WORDS = frozenset({"otherwise", "else", "o.w.", "sinon", "sino", "sonst", "altrimenti", "senão", "senao"})
#: "otherwise" said in more than one word, squashed (letters only, lower case): Polish "w przeciwnym
#: razie", Vietnamese "ngược lại", Portuguese "caso contrário" (and its abbreviation "c.c."), Spanish
#: "en otro caso" / "de lo contrario" / "en caso contrario", French "dans les autres cas", Chinese 否则/其他
_OTHERWISE_PHRASES = frozenset(
    {"wprzeciwnymrazie", "ngượclại", "casocontrário", "casocontrario", "cc", "enotrocaso", "delocontrario"}
    | {"encasocontrario", "danslesautrescas", "autrement", "andernfalls", "否则", "否則", "其他", "其它"}
    | {"ow", "ifotherwise", "elsewhere"}
)


def says_otherwise(text: str) -> bool:
    """Does a case's condition say "otherwise": one of its words (``0 \\text{ sinon}``), or all of
    it in several words (:func:`is_otherwise`)?"""
    return bool(set(re.findall(r"[^\W\d_]+|o\.w\.", text.lower())) & OTHERWISE_WORDS) or is_otherwise(text)


def is_otherwise(text: str) -> bool:
    """Is a case's condition (LaTeX source or words) only "otherwise", in any of the languages above?
    Commands (``\\text``), braces, spacing and punctuation are dropped before the words are compared."""
    words = re.sub(r"\\(?:text(?:rm|it|normal)?|mbox|mathrm|q?quad)(?![A-Za-z])|\\[,;:! ]", " ", text)
    if re.search(r"\\[A-Za-z]|[=<>≠≤≥]", words):  # a relation or another command: a condition of its own
        return False
    letters = re.sub(r"[^\w]|[\d_]", "", words).lower()
    return letters in OTHERWISE_WORDS or letters in _OTHERWISE_PHRASES


def is_letter(tok: str) -> bool:
    """Is a token one letter, Latin (``x``) or Greek (``\\theta``)?"""
    return re.fullmatch(r"[A-Za-z]", tok) is not None or (tok.startswith("\\") and tok[1:] in GREEK)
