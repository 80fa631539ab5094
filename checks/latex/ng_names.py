r"""Andrew Ng's derivative names: ``dz = a - y``, ``dw = x\,dz``, ``dW = \frac1m X dZ^T``.

In the Coursera deep-learning course (and the many write-ups that follow it) ``dX`` is one name:
the derivative of the loss with respect to X. A document reads this way when it writes such a
name as a whole side of ``=`` (``dz = …``), never writes ``d`` as a name of its own (a dimension
``\mathbb{R}^d``, ``d = 3``), and uses the bare name X too. Then, in a step with no integral and
no Leibniz derivative (``\frac{dL}{dz}``, ``dy/dx``, where ``d`` is a differential), each ``dX``
(``dZ^{[1]}``, ``dw_i^{(j)}``, ``dA^{[l-1]}``) is read as ``\frac{\partial L}{\partial X}``: L the
document's loss when it gives L (or J) a value, otherwise a loss it leaves abstract
(:mod:`derive.checks.latex.abstract_loss`).

Whether dW is the derivative of one example's loss, of their sum or of their mean J = (1/m)Σ L is
a convention (Ng's dZ = A − Y is of the sum, his dW = (1/m) X dZ^T of the mean). A step that
writes m is therefore judged under each: every name of one loss, every name of the mean, and the
parameters' names (dW, dw, db) of the mean with the others of the sum. It is ok when one reading
makes it true, wrong only when every one refutes it, and inconclusive otherwise. A step without m
is about one example: one reading. The course's other habits are read in such a step too
(``XdZ^T``, ``W^{[2]T}``, ``A^{[1]2}``, ``*`` as numpy's element-wise product).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.extract import Equation
from derive.checks.latex.steps import Step, split_chain

__all__ = ["NgNames", "judge_readings"]

#: d, then a one-letter name with its subscript and its label (^{[l]}, ^{(i)}), then a transpose
_DNAME = re.compile(
    r"(?<![A-Za-z\\])d(?P<x>[A-Za-z])(?![A-Za-z])"
    r"(?P<sub>_\{[^{}]*\}|_[A-Za-z0-9])?"
    r"(?:\^\{(?P<label>\[[^\]{}]*\]|\([^(){}]*\))(?P<t1>\s*T)?\}|\^(?P<t2>T)(?![A-Za-z])"
    r"|(?P<typed>\[(?:\d{1,2}|[lL](?:\s*[+-]\s*\d)?)\])(?:\^(?P<t3>T)(?![A-Za-z]))?)?"  # dZ[L]: bracket_labels
    r"(?P<sub2>_\{[^{}]*\}|_[A-Za-z0-9])?"
)
#: d written as a name of its own: d = 3, d \in, \mathbb{R}^d, d \times n, n \times d, d-dimensional, $d$
_D_ITSELF = re.compile(
    r"\$\s*d\s*\$|\\\(\s*d\s*\\\)|(?<![A-Za-z\\])d\s*(?:=|:=|\\in\b|\\times|\\geq|\\leq|<|>|-dim)"
    r"|\\times\s*d(?![A-Za-z])|\^\{?\s*d\s*[}\s$,)]|\^d(?![A-Za-z])"
)
#: a document of differentials (df = tr(∂f/∂Ŷ^T dŶ), d(XW), d\hat Y, \int … dx): no d-name is Ng's there
_DIFFERENTIALS = re.compile(
    r"(?<![A-Za-z\\])d\s*(?:\\(?!frac|cdot|,|;|!|quad|left\[)[A-Za-z]+|\(|\\left\()"
    r"|\\int|\\oint|\\(?:operatorname|mathrm|text)\s*\{\s*[Tt]r\s*\}|(?<![A-Za-z\\])[Tt]r\s*(?:\(|\\left|\[)"
)
#: a Leibniz fraction (\frac{dL}{d\hat y}): its d is a differential, but not one of a differentials document
_LEIBNIZ = re.compile(r"\\[dt]?frac\s*\{\s*d(?:[^{}]|\{[^{}]*\})*\}\s*\{\s*d(?:[^{}]|\{[^{}]*\})*\}")
#: the course's d-names: dZ, dW, db, dA and their lower-case twins (never df, dx, dy, dt)
_COURSE_LETTERS = frozenset("aAbwWzZ")
#: where d is a differential: integrals, Leibniz fractions, dy/dx
_DIFFERENTIAL = re.compile(r"\\int|\\oint|\\frac\s*\{\s*d|\\mathrm\{d\}|\\operatorname\{d\}|/\s*d|d\s*/")
_M = re.compile(r"(?<![A-Za-z\\])m(?![A-Za-z])")
#: a one-letter name written against a d-name (X dZ^T written XdZ^T, x_i dz written x_idz)
_GLUED = re.compile(r"(?<![A-Za-z\\])([A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?)(?=d[A-Za-ce-z](?![A-Za-z]))")
#: the course's labels with a transpose or a power inside: W^{[2]T}, A^{[1]2}
_LABEL_POWER = re.compile(
    r"(?<![A-Za-z\\])([A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?)\^\{(\[[^\]{}]*\]|\([^(){}]*\))\s*(T|\d)\}"
)
#: a matrix in a step: a capital letter name or a layer label
_MATRIX = re.compile(r"(?<![A-Za-z\\])[A-Z](?![A-Za-z])|\^\{\[")
#: a d-name whose letter is set in a font (d\mathbf{Z}^{[1]}, d\boldsymbol{W}): the course's dZ, dW in
#: bold; only the course's letters, so d\mathbf{x} stays a differential (df = \nabla f^T d\mathbf{x})
_FONT_DNAME = re.compile(r"(?<![A-Za-z\\])d\s*\\(?:mathbf|boldsymbol|bm|mathit|mathrm|vec)\s*\{\s*([aAbwWzZ])\s*\}")
#: the parameters' names in the course (dW, dw, db), whose derivatives are of the mean loss
_PARAMETERS = frozenset({"W", "w", "b"})
#: what a loss's value has (a log, a square, a norm, a sum, a max): never a bare number or a size
_LOSS_VALUE = re.compile(r"\\log|\\ln|\^\s*\{?\s*2|\\\||\\sum|\\max")
#: the names a document's loss goes by, in the order a d-name is read as the derivative of one
_LOSSES = ("L", "\\mathcal{L}", "\\ell", "J", "E", "C")


@dataclass(frozen=True)
class Reading:
    """One way of reading a step's d-names: its rewritten step and what it assumes."""

    step: Step
    label: str


def _bare_uses(text: str) -> set[str]:
    """One-letter names written outside d-names (z of dz, W of dW)."""
    stripped = _DNAME.sub(" ", re.sub(r"\\[A-Za-z]+", " ", text))
    return set(re.findall(r"(?<![A-Za-z])([A-Za-z])(?![A-Za-z])", stripped))


class NgNames:
    """The d-names of one document, if it uses them, and the readings of each step."""

    def __init__(self, text: str, equations: list[Equation], defined: dict[str, str]) -> None:
        """``defined``: the document's names with the LaTeX of their values."""
        self.names: set[str] = set()
        # a loss the document writes (L = -(y log a + …)); L = 3 layers, or J of the batch, is not one
        losses = [n for n in _LOSSES if n != "J" and _LOSS_VALUE.search(defined.get(n, ""))]
        self.loss = losses[0] if losses else "\\mathcal{L}"
        text = _plain_dnames(text)
        if _D_ITSELF.search(text) or _DIFFERENTIALS.search(_LEIBNIZ.sub(" ", text)) or "d" in defined:
            return
        sides = set()
        for equation in equations:
            for chain in split_chain(equation):
                for term, relation in chain[:1]:
                    m = _DNAME.fullmatch(_plain_dnames(term.text).strip())
                    if relation == "=" and m is not None and m.group("x") in _COURSE_LETTERS:
                        sides.add(m.group("x"))
        if sides:
            bare = _bare_uses(text)
            self.names = {x for x in sides | _all_letters(text) if x in bare and x in _COURSE_LETTERS}
            if not sides & bare:
                self.names = set()

    def readings(self, step: Step) -> list[Reading]:
        """The step's readings (none when it has no d-name to read)."""
        step = replace(step, lhs=_plain_dnames(step.lhs), rhs=_plain_dnames(step.rhs))
        if not self.names or _DIFFERENTIAL.search(f"{step.lhs} {step.rhs}"):
            return []
        if not any(m.group("x") in self.names for m in _DNAME.finditer(f"{step.lhs} {step.rhs}")):
            return []
        step = replace(step, lhs=_course_forms(step.lhs), rhs=_course_forms(step.rhs))
        plain = replace(step, lhs=self._rewrite(step.lhs, ""), rhs=self._rewrite(step.rhs, ""))
        loss = _shown(self.loss)
        first = [Reading(plain, f"reading each dX as ∂{loss}/∂X (Andrew Ng's names)")]
        if not _M.search(f"{step.lhs} {step.rhs}"):
            return first
        mean = "\\frac{1}{m}"
        every = replace(step, lhs=self._rewrite(step.lhs, mean), rhs=self._rewrite(step.rhs, mean))
        first.append(Reading(every, f"reading each dX as a derivative of the mean (1/m)Σ{loss} (Andrew Ng's names)"))
        # Ng's own convention: the parameters' names (dW, db) of the mean J = (1/m)Σ L, the
        # others (dZ, dA) of the examples' losses, Σ L: dW = (1/m)∂(ΣL)/∂W
        lhs, rhs = self._rewrite(step.lhs, mean, _PARAMETERS), self._rewrite(step.rhs, mean, _PARAMETERS)
        if (lhs, rhs) == (step.lhs, step.rhs):
            return first  # no parameter's name: Ng's convention is one of the two above
        scaled = replace(step, lhs=self._rewrite(lhs, ""), rhs=self._rewrite(rhs, ""))
        label = (
            f"reading dW, db as derivatives of the mean (1/m)Σ{loss} and the other dX of the sum Σ{loss}"
            " (Andrew Ng's convention)"
        )
        return [*first, Reading(scaled, label)]

    def _rewrite(self, text: str, factor: str, only: frozenset[str] | None = None) -> str:
        """Each d-name (of ``only``, when given) as a derivative of the loss, times ``factor``."""

        def one(m: re.Match[str]) -> str:
            x = m.group("x")
            if x not in self.names or (only is not None and x not in only):
                return m.group(0)
            label = m.group("label") or m.group("typed")
            name = x + (m.group("sub") or "") + (f"^{{{label}}}" if label else "")
            name += m.group("sub2") or ""
            transpose = "^{T}" if (m.group("t1") or m.group("t2") or m.group("t3")) else ""
            return f"\\left({factor}\\frac{{\\partial {self.loss}}}{{\\partial {name}}}\\right){transpose} "

        return _DNAME.sub(one, text)


def _plain_dnames(text: str) -> str:
    """``d\\mathbf{Z}^{[1]}`` as ``dZ^{[1]}``: the font says Z is a matrix, not that d is a differential."""
    return _FONT_DNAME.sub(r"d\1", text)


def _course_forms(text: str) -> str:
    """The course's other habits, in a step read with its names: ``XdZ^T`` is X times dZ^T,
    ``W^{[2]T}`` the transpose of W^{[2]}, ``A^{[1]2}`` its square, and ``*`` between matrices
    numpy's element-wise product (``W^T dZ * g'(Z)``); between scalars it is the same product."""
    text = _GLUED.sub(r"\1 ", text)
    matrix = _MATRIX.search(text) is not None

    def labelled(m: re.Match[str]) -> str:
        name, power = f"{m.group(1)}^{{{m.group(2)}}}", m.group(3)
        if power == "2" and matrix:
            return f"({name} \\odot {name})"  # np.power(A, 2): element-wise
        return f"({name})^{{{power}}}"

    text = _LABEL_POWER.sub(labelled, text)
    return re.sub(r"(?<!\^)\*", r" \\odot ", text) if matrix else text


def _all_letters(text: str) -> set[str]:
    """The letters of every d-name the document writes (dW beside dz = … as a side)."""
    return {m.group("x") for m in _DNAME.finditer(text)}


def _shown(loss: str) -> str:
    return {"\\mathcal{L}": "𝓛", "\\ell": "ℓ"}.get(loss, loss)


def judge_readings(judge: Callable[..., dict[str, Any]], jobs: list[tuple], labels: list[str]) -> dict[str, Any]:
    """Judge a step under each reading (the worker's job): ok when one reading makes it true,
    wrong only when every reading refutes it, otherwise the first reading's verdict, never
    ``wrong``. The message says which reading decided."""
    outs = [judge(*args) for args in jobs]
    for out, label in zip(outs, labels, strict=True):
        if out["status"] == "ok":
            return {**out, "message": f"{out['message']}; {label}"}
    first = outs[0]
    if first["status"] != "wrong":
        return {**first, "message": f"{first['message']}; {labels[0]}"}
    if all(out["status"] == "wrong" for out in outs):
        every = "" if len(outs) == 1 else " (wrong under each convention for m: one example, their sum, their mean)"
        return {**first, "message": f"{first['message']}; {labels[0]}{every}"}
    note = "; wrong when each dX is ∂L/∂X, but another convention for dX (a factor m) is not refuted"
    return {**first, "status": "inconclusive", "counterexample": None, "message": first["message"] + note}


def ng_job(judge: Callable[..., dict[str, Any]], readings: list[Reading], notation: Any, *rest: Any) -> tuple:
    """The runner's job for a step with d-names: each reading normalised, judged by ``judge``
    (the checker's judge_step) with the step's definitions (``rest``)."""
    from derive.checks.latex.normalize import normalize

    jobs = []
    for reading in readings:
        step = reading.step
        lhs, rhs = normalize(step.lhs, notation, step.chain_var), normalize(step.rhs, notation, step.chain_var)
        jobs.append((step, lhs, rhs, notation, *rest))
    return (judge_readings, (judge, jobs, [r.label for r in readings]))
