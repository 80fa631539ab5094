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
"""

from __future__ import annotations

import re

from derive.checks.latex.results import StepResult

__all__ = ["hold_named_operators", "named_operators"]

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


def _applies(step_text: str, name: str) -> bool:
    """Does the step write the name right before a bracket (``\\mathbf{D}(``, ``\\mathbf{D}\\left(``)?"""
    lead = r"(?<![\\A-Za-z])" if len(name) == 1 else ""
    return re.search(lead + re.escape(name) + r"(?:\\left)?[(\[]", _canonical(step_text)) is not None


def hold_named_operators(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each ``wrong`` that applies a name the document says is an operator held back."""
    operators = named_operators(text)
    if not operators:
        return judged
    out = []
    for result in judged:
        if result.status == "wrong":
            written = f"{result.step.lhs} {result.step.rhs}"
            for name, (line, word) in operators.items():
                if line <= result.step.line and _applies(written, name):
                    said = f"the document says so (line {line})"
                    why = f"{result.message}; but {name}(…) is {word}(…): {said}, not {name} times a bracket"
                    result = result.held(why)
                    break
        out.append(result)
    return out
