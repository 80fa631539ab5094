r"""Matrices a page declares of a kind the judge does not sample: "Let $A \in \mathbb{R}^{d \times d}$
be a symmetric matrix. Show that $x^\top A y = y^\top A x$".

AlgorithmiKee/notes (Gaussian Bayes classifier, its exercises) states the quadratic form's symmetry
for a symmetric A; the judge samples A as any square matrix, for which the claim is false, and
called it wrong. A ``wrong`` step that writes a matrix (a capital or Greek letter) the document
declares symmetric, orthogonal, diagonal, positive (semi-)definite, idempotent, triangular or
unitary is held back (inconclusive), quoting the kind: the property is the page's, and a sample
without it refutes nothing. A symmetric matrix can be sampled: the step is judged again with A
written A + A^T (symmetric_reading), and held back only if it holds then (``A = A^T B`` stays
wrong). The kind word and the matrix's inline formula must stand in one clause of a sentence ("$A$
be a symmetric matrix", "symmetric $A$"; English, French, Spanish, Portuguese, German, Chinese,
Japanese, Korean). A step about names the page gives no kind stays judged.
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.results import StepResult, hold_wrongs
from derive.checks.latex.steps import Step

__all__ = ["SYMMETRIC", "hold_stated_kinds", "stated_kinds", "symmetric_reading"]

SYMMETRIC = "; but with {} symmetric, as the page declares it, it holds"

_KIND = re.compile(
    r"(?P<kind>skew[- ]symmetric|symmetric|orthogonal|orthonormal|diagonal|positive[- ](?:semi[- ]?)?definite"
    r"|idempotent|(?:upper|lower)[- ]triangular|unitary|symétrique|orthogonale|diagonale|définie positive"
    r"|simétrica|simétrico|ortogonal|diagonal|definida positiva|symmetrisch|orthogonal|positiv definit"
    r"|实?对称|正交|对角|正定|対称|直交|対角|正定値|대칭|직교|대각|양의 정부호)",
    re.I,
)
#: a sentence's end in running text (a line break ends a bullet or a heading too)
_SENTENCE = re.compile(r"[^.!?。！？\n]+")
#: what ends a clause between a formula and a kind word: "$S$ is symmetric, and $A$ any"
_CLAUSE_BREAK = re.compile(r"[,;，；、]|\b(?:and|or|while|but|et|y|und)\b|以及|和")
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(?P<math>[^$]+)\$")
#: the matrix an inline formula opens with: A, \Sigma, \mathbf{A}, \boldsymbol\Sigma (a capital or a Greek
#: letter, never a command such as \frac or \mathbb, nor a lower-case letter: "the diagonal entries $a_{ii}$")
_GREEK = r"\\(?:Sigma|Lambda|Gamma|Delta|Theta|Phi|Psi|Omega|Pi|Xi|sigma|lambda|phi|psi|omega|theta)"
_HEAD = re.compile(
    rf"\s*(?:\\(?:mathbf|boldsymbol|bm|mathrm|mathit)\s*\{{?\s*)?(?P<name>{_GREEK}|[A-Z])(?![A-Za-z])"
)


def stated_kinds(text: str) -> dict[str, str]:
    """Names the page declares of a kind (each name's first kind word): the inline formula just before
    the kind word in its clause ("$A$ be a symmetric matrix"), or just after it ("symmetric $A$")."""
    found: dict[str, str] = {}
    for sentence in _SENTENCE.finditer(text):
        words = sentence.group(0)
        formulas = list(_INLINE.finditer(words))
        for kind in _KIND.finditer(words):
            before = [f for f in formulas if f.end() <= kind.start() and _one_clause(words[f.end() : kind.start()])]
            after = [f for f in formulas if f.start() >= kind.end() and _one_clause(words[kind.end() : f.start()], 16)]
            for formula in before[-1:] + after[:1]:
                head = _HEAD.match(formula.group("math"))
                if head:
                    found.setdefault(head.group("name"), kind.group("kind"))
    return found


def _one_clause(gap: str, longest: int = 200) -> bool:
    """Is the text between a formula and a kind word short and in one clause?"""
    return len(gap) <= longest and not _CLAUSE_BREAK.search(gap)


def _writes(side: str, name: str) -> bool:
    """Does the step's text write the name as a name (not inside a longer command or word)?"""
    return re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", side) is not None


#: kinds a sample can be given: a symmetric A is judged as A + A^T (symmetric_reading), not held
_SYMMETRIC = re.compile(r"^(?:symmetric|symétrique|simétric[ao]|symmetrisch|实?对称|対称|대칭)$", re.I)


def _occurrences(name: str) -> re.Pattern[str]:
    """The name as the step writes it: bare, or in a bold font (\\mathbf{A}, \\boldsymbol\\Sigma)."""
    bare = re.escape(name)
    bold = rf"\\(?:mathbf|boldsymbol|bm)\s*(?:\{{\s*{bare}\s*\}}|{bare}(?![A-Za-z]))"
    return re.compile(rf"{bold}|(?<![A-Za-z\\]){bare}(?![A-Za-z])")


def symmetric_reading(step: Step, kinds: dict[str, str]) -> tuple[Step, str] | None:
    """The step with each matrix the page declares symmetric written ``(A + A^{T})`` (a symmetric matrix
    as general as A), and the why; None when it writes none. A claim that holds for every symmetric
    matrix holds for these, so a reading that holds makes the step's wrong inconclusive, and one that
    fails leaves it wrong (``A = A^T B`` for a symmetric A)."""
    lhs, rhs, used = step.lhs, step.rhs, []
    for name, kind in kinds.items():
        found = _occurrences(name)
        if _SYMMETRIC.match(kind) and (found.search(lhs) or found.search(rhs)):
            symmetric = f"({name} + {name}^{{T}})".replace("\\", "\\\\")  # a replacement template
            lhs, rhs = found.sub(symmetric, lhs), found.sub(symmetric, rhs)
            used.append(name)
    return (replace(step, lhs=lhs, rhs=rhs), SYMMETRIC.format(", ".join(used))) if used else None


def hold_stated_kinds(judged: list[StepResult], kinds: dict[str, str]) -> list[StepResult]:
    """``judged`` with each ``wrong`` step about a name the page declares of a kind (``kinds``, from
    :func:`stated_kinds`: the document notation's) held back (a symmetric one was judged as
    symmetric already, symmetric_reading)."""
    held = {name: kind for name, kind in kinds.items() if not _SYMMETRIC.match(kind)}

    def why(result: StepResult) -> str | None:
        written = f"{result.step.lhs} = {result.step.rhs}"
        name = next((name for name in held if _writes(written, name)), None)
        return f"; but the page declares {name} {held[name]}, which the sampled {name} is not" if name else None

    return hold_wrongs(judged, why) if held else judged
