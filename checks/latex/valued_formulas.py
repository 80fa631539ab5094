r"""A worked example's results written alone, judged by the formulas the document wrote for them.

A report states its network once, after the example's inputs (``x = \begin{bmatrix} … \end{bmatrix}``,
``W = …``): ``s_1 = W^T \cdot x``, ``z_1 = ReLU(s_1)``, ``W = W - \alpha \cdot \Delta W``; then
writes each iteration as results only: ``s_1 = \begin{bmatrix} 0.458 & … \end{bmatrix}``, ``z_1 = …``,
``W\;' = …``. Read alone, each such line gives a name a value and nothing is checked; read as the
report means it, each is the name's formula computed with the values written before it.

Judged here: a step ``name = numbers`` (a matrix or a number written out, the step unparsed or
inconclusive), where the document wrote a formula for the name — ``name = formula``, the formula no
number and no name alone — after its first matrix given in numbers (a formula before the example is
the theory's, which the example may compute otherwise) and before the step; the latest such formula
is used. An update written on a marked name (``W' = …``, ``W^{new} = …``) is judged by the formula
that updates the name itself (``W = W - \alpha \Delta W``). The formula is evaluated with each name's
values (worked_matrices.judge_with_values: the latest value first, an update included; ``wrong`` only
when every value each name had before the step gives another number, beyond the rounding written).

Not judged: a name given two formulas that differ since the example began (which one the numbers
follow is not known), a formula with a derivative, a sum, cases or a function the document does not
define, and names with no values.
"""

from __future__ import annotations

from dataclasses import dataclass

from derive.checks.latex.equation import Equation
from derive.checks.latex.matrix_values import MatrixValue, compound_key, head_name, values_before
from derive.checks.latex.normalize import Notation
from derive.checks.latex.numeric_values import value_runs
from derive.checks.latex.restated_results import written_numbers
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node, Sym, all_nodes
from derive.checks.latex.worked_matrices import (
    JUDGED_AGAIN,
    judge_with_values,
    plain_computation,
    second_opinion,
    with_compound_names,
)  # fmt: skip

__all__ = ["judge_valued_formulas"]

Position = tuple[int, int]


#: a lone number set after its formula is judged ok or inconclusive only, as numeric_values judges it (the
#: name may be given it in a later pass of the example read otherwise); a matrix of results may be wrong
_LONE = "; a single number after its formula, as numeric_values weighs it: not called wrong"


@dataclass(frozen=True)
class Formula:
    name: str
    text: str
    tree: Node
    at: Position
    line: int


def numbers_shape(text: str) -> tuple[int, int] | None:
    """(rows, columns) of a side written in numbers only, else None."""
    numbers = written_numbers(text)
    return None if numbers is None else (len(numbers[0]), len(numbers[0][0]))


def _formulas(equations: list[Equation], notation: Notation, start: Position) -> list[Formula]:
    """Each ``name = formula`` written from ``start`` on (the formula's term is no number and no
    name alone), in order."""
    out: list[Formula] = []
    for equation in equations:
        for chain in split_chain(equation):
            for run in value_runs(chain):
                for (left, rel), (right, _) in zip(run, run[1:], strict=False):
                    if rel != "=" or (right.line, right.column) < start or written_numbers(right.text) is not None:
                        continue
                    head = head_name(left.text, notation)
                    if head is None or head[1] or left.conditions or right.conditions:
                        continue
                    try:
                        tree = parse_typed(right.text, notation)
                    except (Unreadable, RecursionError, ValueError):
                        continue
                    if compound_key(tree) is None:
                        text = " ".join(right.text.split())
                        out.append(Formula(head[0], text, tree, (right.line, right.column), right.line))
    return sorted(out, key=lambda f: f.at)


def _formula_for(name: str, updated: bool, formulas: list[Formula], where: Position) -> Formula | None:
    """The one formula the document wrote for ``name`` before ``where`` (for an update, the one that
    uses the name itself); None when there is none, or two that differ."""
    found = [f for f in formulas if f.at < where and f.name == name]
    if updated:
        found = [f for f in found if name in {s.full for s in all_nodes(f.tree) if isinstance(s, Sym)}]
    if not found or len({f.text for f in found}) > 1:
        return None
    return found[-1]


def judge_valued_formulas(judged: list[StepResult], equations: list[Equation], notation: Notation,
                          values: list[MatrixValue]) -> list[StepResult]:
    """``judged`` with each ``name = numbers`` weighed against the name's formula (module docstring)."""
    given = [v for v in values if v.shape != (1, 1)]
    if not given:
        return judged
    formulas = _formulas(equations, notation, given[0].at)
    if not formulas:
        return judged
    keys = {v.name for v in values}
    out = list(judged)
    for k, result in enumerate(judged):
        step = result.step
        if result.status not in JUDGED_AGAIN or step.relation != "=" or step.conditions:
            continue
        if written_numbers(step.rhs) is None or (head := head_name(step.lhs, notation)) is None:
            continue
        where = (step.line, step.column)
        formula = _formula_for(head[0], head[1], formulas, where)
        if formula is None:
            continue
        try:
            numbers = parse_typed(step.rhs, notation)
        except (Unreadable, RecursionError, ValueError):
            continue
        sides = (with_compound_names(formula.tree, keys), numbers)
        names = {n.full for n in all_nodes(sides) if isinstance(n, Sym)}
        before = values_before(values, where)
        if not plain_computation(sides, notation) or not names or not names <= set(before):
            continue
        said = f"{step.lhs.strip()} = {formula.text} (line {formula.line}) "
        judged_now = judge_with_values(result, sides, before, said)
        if judged_now.status == "wrong" and numbers_shape(step.rhs) == (1, 1):
            judged_now = judged_now.held(judged_now.message + _LONE)
        out[k] = second_opinion(result, judged_now)
    return out
