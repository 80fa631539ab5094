r"""A letter the document says stands for an operator: "其中$\mathbf D$表示$\mathrm{diag}$符号" (where D
denotes the diag symbol), then ``\mathbf D(\mathbf s_{t-1} / \mathbf s_t)\,\mathbf D(\mathbf s_{t-2} /
\mathbf s_{t-1}) = \mathbf D(\mathbf s_{t-2} / \mathbf s_t)``.

A linear-attention derivation (Doraemonzzz/xopes) writes diag as ``\mathbf D`` and multiplies
diagonal matrices: ``D(a)D(b) = D(ab)``. Read as a product, ``\mathbf D(…)`` is D times the bracket,
and D·D is not D, so a correct step was called wrong. A letter before a bracket is read as a product
because nothing says otherwise; here the document says it is an operator. Where its text states
that a name denotes an upright operator word (``$\mathbf D$ denotes $\operatorname{diag}$``,
``$D$ stands for $\mathrm{vec}$``, ``$\mathbf D$表示$\mathrm{diag}$``, ``$D = \mathrm{diag}$``), a
``wrong`` on a step that writes that name right before a bracket is held back (inconclusive, with the
reason): the step applies an operator the judge does not read. A step that uses the name otherwise,
or a name the document never ties to an operator (``\mathbf W(\mathbf x + \mathbf b)``, a matrix
times a vector), is judged as before.

Some letters are such operators on every page that uses them before a bracket, said or not
(``KNOWN_OPERATORS``): ``\Gamma(\frac{\nu_2}{2} - 1)``, the gamma function of an F distribution's
moments (mjtsai1974/DevBlog: ``Γ(a-1)/(2Γ(a)) = Γ(a-1)/(2(a-1)Γ(a-1))`` was wrong as products),
``\Phi(z)``, the normal CDF, and ``E[X Y]`` or ``E\lbrack … \rbrack``, an expectation (``E[XY] =
E[X] E[Y]`` for independent X, Y). The judge reads them as products; a ``wrong`` on a step that applies
one is held back the same way. ``E(w)``, an energy or error as often as an expectation, is not one.
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["KNOWN_OPERATORS", "hold_named_operators", "named_operators"]

#: a letter as a name, in any font: D, \mathbf D, \mathbf{D}, \boldsymbol{D}, \mathcal D
_NAME = r"(?:\\(?:mathbf|boldsymbol|bm|mathcal|mathit|mathsf|mathbb)\s*\{?\s*[A-Za-z]\s*\}?|(?<![\\A-Za-z])[A-Za-z])"
#: an upright operator word: \mathrm{diag}, \operatorname{vec}, \text{diag}, \mathrm{Diag}
_OPERATOR = r"\\(?:mathrm|operatorname|text|textrm)\s*\{\s*(?P<word>[A-Za-z]{2,})\s*\}"
_OPERATOR2 = _OPERATOR.replace("<word>", "<word2>")
_CALL_MARK = r"(?:\s*\(\s*\\cdot\s*\))?"
#: "denotes", "stands for", "表示": the name, then a saying word, then the operator (in one sentence)
_SAYS = r"(?:denotes?|stands?\s+for|represents?|means|is|表示|代表|记为|記為|为|為|是)"
_STATED = re.compile(
    rf"\$\s*(?P<name>{_NAME}){_CALL_MARK}\s*\$\s*(?:\([^()$]*\)\s*)?{_SAYS}\s*(?:the\s+)?\$\s*{_OPERATOR}{_CALL_MARK}\s*\$"
    rf"|\$\s*(?P<name2>{_NAME}){_CALL_MARK}\s*(?:=|:=|\\equiv|\\coloneqq)\s*{_OPERATOR2}{_CALL_MARK}\s*\$"
)
_FONT = re.compile(r"\\(mathbf|boldsymbol|bm|mathcal|mathit|mathsf|mathbb)\s*\{?\s*([A-Za-z])\s*\}?")


def _canonical(tex: str) -> str:
    """The text with each font on one letter written one way (``\\mathbf D`` as ``\\mathbf{D}``), without spaces."""
    return re.sub(r"\s+", "", _FONT.sub(r"\\\1{\2}", tex))


def named_operators(text: str) -> dict[str, tuple[int, str]]:
    """Each name the document says stands for an operator: its canonical form -> (line, operator word)."""
    found: dict[str, tuple[int, str]] = {}
    for m in _STATED.finditer(text):
        name = _canonical(m.group("name") or m.group("name2"))
        found.setdefault(name, (text.count("\n", 0, m.start()) + 1, m.group("word") or m.group("word2")))
    return found


#: letters that are operators before a bracket on any page: canonical name -> (its brackets, what it is)
KNOWN_OPERATORS = {
    r"\Gamma": (r"[(\[]", "the gamma function"),
    r"\Phi": (r"[(\[]", "the normal distribution function"),
    "E": (r"(?:\[|\\lbrack|\\\{)", "an expectation"),
    r"\mathbb{E}": (r"(?:[(\[]|\\lbrack|\\\{)", "an expectation"),
}


def _applies(step_text: str, name: str, brackets: str = r"[(\[]") -> bool:
    """Does the step write the name right before a bracket (``\\mathbf{D}(``, ``\\mathbf{D}\\left(``)?"""
    lead = r"(?<![\\A-Za-z])" if len(name) == 1 else ""
    tail = r"(?![A-Za-z])" if name[-1].isalpha() and len(name) > 1 else ""
    fonts = _FONT.sub(r"\\\1{\2}", step_text)  # \mathbf D as \mathbf{D}; spaces kept (\cdot E is not \cdotE)
    return re.search(lead + re.escape(name) + tail + r"\s*(?:\\left\s*)?" + brackets, fonts) is not None


def _applied(written: str, line_at: int, operators: dict[str, tuple[int, str]]) -> str | None:
    """What the step applies, said as a reason: a name the page makes an operator, or a known one."""
    for name, (line, word) in operators.items():
        if line <= line_at and _applies(written, name):
            return f"{name}(…) is {word}(…): the document says so (line {line}), not {name} times a bracket"
    for name, (brackets, what) in KNOWN_OPERATORS.items():
        if _applies(written, name, brackets):
            return f"{name}(…) may be {what}, not {name} times a bracket"
    return None


def hold_named_operators(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` that applies a name the document says is an operator (or a known
    operator letter) held back."""
    operators = named_operators(text)
    out = []
    for result in judged:
        step = result.step
        if result.status == "wrong" and (why := _applied(f"{step.lhs} {step.rhs}", step.line, operators)):
            result = result.held(f"{result.message}; but {why}")
        out.append(result)
    return out
