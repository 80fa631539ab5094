r"""A chain rule through a letter the document gives a value only after its loss was written.

DragonWarrior15/statistical-learning-notes backprop.md works a regression example first,
``z = wx + b``, ``\hat{y} = \sigma(z)``, ``L = \frac{1}{2}(y - \hat{y})^2`` (y the target, no
value), and further down an element-wise layer, ``y = exp(x)``, whose gradient it writes as the
chain rule ``\frac{dL}{dx} = \frac{dL}{dy}\frac{dy}{dx}``. Put together, the definitions make L
reach x twice, through the new y and through the example's ŷ, and the chain step was 'wrong'.
The letters were used again for another example: the chain's intermediate y had no value when
L was written (it was free in L's value), and L's other way to x goes only through names defined
before L itself. Such a step is held back (inconclusive, with the reason): the two definitions
may not be of one y. A loss that writes the variable itself, or whose other path goes through
names defined after it (J = f(a, b), then a and b), keeps its verdict: the chain then drops a path
the page gave it, a real mistake.
"""

from __future__ import annotations

from derive.checks.latex.abstract_chain import written_chain
from derive.checks.latex.doc_definitions import Definition, DocumentDefinitions, definitions_before
from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult

__all__ = ["hold_reused_letters"]


def hold_reused_letters(
    judged: list[StepResult], document: DocumentDefinitions, notation: Notation
) -> list[StepResult]:
    """``judged`` with each wrong chain-rule step through a letter valued only after its loss held back."""
    return [_held(r, document, notation) if r.status == "wrong" else r for r in judged]


def _held(result: StepResult, document: DocumentDefinitions, notation: Notation) -> StepResult:
    step = result.step
    chain = written_chain(normalize(step.lhs, notation), normalize(step.rhs, notation))
    if chain is None or chain[1]:
        return result
    names = chain[0]
    before = {d.name: d for d in definitions_before(document.defs, step.line, step.column, step.rhs)}
    loss, middle, var = before.get(names[0]), before.get(names[1]), names[-1]
    if loss is None or middle is None or loss.letters or (middle.line, middle.column) < (loss.line, loss.column):
        return result
    used = _symbols(document, loss.name)
    if names[1] not in used or var in used:
        return result  # the loss never writes the intermediate, or writes the variable itself
    earlier = {n: d for n, d in before.items() if (d.line, d.column) < (loss.line, loss.column)}
    if not any(_reaches(document, earlier, n, var) for n in used - {names[1]}):
        return result  # no other way to the variable among the names the loss was written with
    why = (
        f"; but {names[1]} is given its value (line {middle.line}) only after {loss.name} was written with it"
        f" (line {loss.line}), whose other way to {var} is an earlier example's: the letter may be used again"
    )
    return result.held(result.message + why)


def _symbols(document: DocumentDefinitions, name: str) -> set[str]:
    return set(getattr(document.scalar[name][1], "symbol_names", ()))


def _reaches(document: DocumentDefinitions, defs: dict[str, Definition], name: str, var: str) -> bool:
    """Does ``name`` reach ``var`` through the values of ``defs`` (those written before the loss)?"""
    seen, stack = {name}, [name]
    while stack:
        current = stack.pop()
        if current == var:
            return True
        if current in defs:
            for n in _symbols(document, current) - seen:
                seen.add(n)
                stack.append(n)
    return False
