r"""Steps that use a name the document defines twice (a second section re-defines o_i, f, ℓ).

The step is judged with the latest value written before it (DocumentDefinitions.for_step). A
``wrong`` there might be a false alarm on the value the author meant, so
DocumentDefinitions.release_redefined makes it inconclusive, unless:

- the two values are judged equal at that step (``f = \|\hat Y - Y\|^2`` after ``f = \|\max(XW,
  0) - Y\|^2`` with ``\hat Y = \max(Z, 0)``): the name has one value there (:func:`_equal_values`);
- the step is wrong under each value (``-(y_i - o_i) = -(o_i - y_i)`` with o_i the softmax of
  one section and the sigmoid of the next; a loss z that three sections define three ways):
  judged again with the first value and with every later one written before it, it is wrong
  whichever is meant, and said so (:func:`_wrong_either_way`, up to four values). Names defined
  from the twice-defined one keep their definitions in terms of it; when either value cannot be
  put in, or the step uses two twice-defined names, nothing changes.

A name given its new value later on the line of a step about it is the value the step may mean:
``Take $f = x$, $g' = \cos x$. Then $f' = 1$, $g = \sin x$`` sets up the next exercise, after
an earlier one's ``g(x) = e^x``. A ``wrong`` there is judged again with that later value put in;
where it is not wrong with it, it is inconclusive (:func:`_held_for_later_values`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.doc_definitions import DocumentDefinitions, Reassignment, mentions_name
from derive.checks.latex.label_subscripts import family_letters
from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.primed_names import with_derivative_of
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.restated_data import release_restated
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.unclaimed_equations import release_unclaimed

__all__ = ["settle_redefined"]

#: a derivative in a step: where a name has two values, what depends on what is less sure, and
#: the hold also covers readings of the derivative (a loss per sample, L of b) that may be wrong
_DERIVATIVE = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*d|\bd\s*/\s*d|'|\\prime")

#: the note release_redefined adds to a wrong step it holds back
_HELD = "is defined more than once in the document, so which value is meant is not known"

#: the control words of a number written with π (\frac{\pi}{4}, 2\sqrt{2}, 3 \cdot 10^{-2})
_NUMBER_WORDS = re.compile(r"\\(?:pi|[dt]?frac|sqrt|cdot|times|left|right)(?![A-Za-z])|\\[,;! ]")

#: a name given more values than this before a step is not tried with each (time; and a name
#: that common is more likely an exercise sheet's letter than one quantity)
_MOST_VALUES = 4


def settle_redefined(judged: list[StepResult], document: DocumentDefinitions, again: Rejudge) -> list[StepResult]:
    """``judged`` with the wrong steps that use a twice-defined name settled (module docstring)."""
    # 3 - 2w = 0 after w = 0.5, r = r + 1, e^2 of an error e: not claims (unclaimed_equations)
    judged = release_unclaimed(
        judged,
        document.zero_conditions,
        document.names_e,
        document.valued_at,
        again.notation,
        document.zero_sides,
        document.contradictions,
    )
    defined = [((d.line, d.column), d.name) for d in document.defs]
    judged = release_restated(judged, document.restated, defined)  # data given again as pairs (restated_data)
    released = document.release_redefined(judged, _equal_values(document, judged, again))
    return _held_for_later_values(_wrong_either_way(judged, released, document, again), document, again)


def _held_for_later_values(judged: list[StepResult], document: DocumentDefinitions, again: Rejudge) -> list[StepResult]:
    """Each wrong step about a name given a new value later on its line, judged again with that
    value: not wrong with it (or that value unread), the step is inconclusive (module docstring)."""
    todo: list[tuple[int, Reassignment]] = []
    tasks = []
    out = list(judged)
    for k, result in enumerate(judged):
        step = result.step
        later = [
            r for r in _values_given_on(document, step.line) if r.column > step.column and document.step_uses(r, step)
        ]
        if result.status != "wrong" or not later:
            continue
        reading = _with_later_value(document, later[0], step, again.notation)
        if reading is None:
            out[k] = result.held(result.message + _later_note(later[0], "which cannot be read here"))
            continue
        todo.append((k, later[0]))
        tasks.append(reading)
    for (k, later_value), verdict in zip(todo, again.run(tasks), strict=True):
        if verdict["status"] != "wrong":
            out[k] = judged[k].held(judged[k].message + _later_note(later_value, f"with it, {verdict['status']}"))
    return out


def _values_given_on(document: DocumentDefinitions, line: int) -> list[Reassignment]:
    """The values the document gives names on ``line``: a first definition (``g = \\sin x`` after
    a function ``g(x) = e^x`` of an earlier exercise) or a new one, in order along the line."""
    first = [Reassignment(d.line, d.value_at[1], d.name, "", d.rhs) for d in document.defs if d.value_at[0] == line]
    again = [r for r in document.redefined if r.line == line]
    return sorted([*first, *again], key=lambda r: r.column)


def _later_note(later: Reassignment, outcome: str) -> str:
    return (
        f"; but {later.name} is given the value {later.value} later on this line, which the step may mean ({outcome})"
    )


def _with_later_value(
    document: DocumentDefinitions, later: Reassignment, step: Step, notation: Notation
) -> tuple[Step, tuple[dict, dict]] | None:
    """The step with the name at the value given later on its line: ``g'`` the derivative of that
    value, a bare ``g`` the value itself (None where it cannot be put in, or is an update of the
    name itself)."""
    name = later.name
    lhs = with_derivative_of(step.lhs, name, later.value, notation)
    rhs = with_derivative_of(step.rhs, name, later.value, notation)
    if lhs is None or rhs is None or mentions_name(later.value, name):
        return None
    primed = (lhs, rhs) != (step.lhs, step.rhs)
    step = replace(step, lhs=lhs, rhs=rhs)
    typed, scalar = document.for_step(step.line, step.column, step.rhs, derivative=primed)
    if not mentions_name(f"{lhs} {rhs}", name):
        return step, (typed, scalar)
    typed_value, scalar_value = _read_value(later, notation, not _DERIVATIVE.search(f"{lhs} {rhs}"))
    if scalar_value is None or (name in typed and typed_value is None):
        return None
    return step, ({**typed, **({name: typed_value} if name in typed else {})}, {**scalar, name: scalar_value})


def _equal_values(document: DocumentDefinitions, judged: list[StepResult], again: Rejudge) -> frozenset:
    """The (redefinition, step) pairs whose new value is judged ``ok`` equal to the first one at a
    wrong step that uses the name: the name then has one value there, not two."""
    pairs = document.redefinitions_to_compare(judged)
    tasks = []
    for redefinition, (line, column) in pairs:
        step = Step(line, redefinition.before, redefinition.value, "=", "display", column=column)
        tasks.append((step, document.for_step(line, column, redefinition.value)))
    return frozenset(pair for pair, out in zip(pairs, again.run(tasks), strict=True) if out["status"] == "ok")


def _wrong_either_way(
    judged: list[StepResult], released: list[StepResult], document: DocumentDefinitions, again: Rejudge
) -> list[StepResult]:
    """Each held-back wrong step judged again with the first values of the names it was held for."""
    todo: list[tuple[int, Reassignment]] = []
    tasks = []
    for k, (was, now) in enumerate(zip(judged, released, strict=True)):
        if was.status != "wrong" or now.status != "inconclusive" or _HELD not in now.message:
            continue
        step = was.step
        where = (step.line, step.column)
        earlier = [r for r in document.redefined if (r.line, r.column) <= where and document.step_uses(r, step)]
        plain = not _DERIVATIVE.search(f"{step.lhs} {step.rhs}")
        if plain:  # a value written again as it was (ŷ = a, then ŷ = a = P(y=1|x)): one value
            earlier = [r for r in earlier if not _same_text(r.value, r.before)]
        # one name with two or more values (a second and third section define z again); several
        # names with more than one value each: their combinations are not tried
        if len({r.name for r in earlier}) != 1 or len(earlier) > _MOST_VALUES - 1:
            continue
        if gives_another_number(step, earlier):  # t = 0 after t = π/4 and t = π/2: one more value
            continue
        each = _every_value(document, earlier, step, again.notation, plain)
        for definitions in each or ():
            todo.append((k, earlier[0]))
            tasks.append((step, definitions))
    verdicts: dict[int, list[dict[str, Any]]] = {}
    for (k, _), verdict in zip(todo, again.run(tasks), strict=True):
        verdicts.setdefault(k, []).append(verdict)
    out = list(released)
    for k, redefinition in dict(todo).items():
        if all(v["status"] == "wrong" for v in verdicts[k]):
            why = _wrong_with_each(redefinition.name, [v["message"] for v in verdicts[k]])
            out[k] = replace(judged[k], message=why, counterexample=verdicts[k][-1]["counterexample"])
    return out


def gives_another_number(step: Step, redefinitions: list[Reassignment]) -> bool:
    """Is the step the bare name given a number, where every value the name has is a number (``t =
    0`` solved from t(2 − t) = 0, after evaluation points ``t = \\pi/4`` and ``t = \\pi/2``)? It gives
    the name one more value, as its definitions do; checked against each of them it is wrong with
    each, and says nothing."""
    name = redefinitions[0].name
    values = [redefinitions[0].before, *(r.value for r in redefinitions)]
    for bare, other in ((step.lhs, step.rhs), (step.rhs, step.lhs)):
        if _same_text(bare, name) and _number(other) and all(_number(v) for v in values):
            return True
    return False


def _number(text: str) -> bool:
    """Is ``text`` a number written with digits, π and arithmetic alone (``-\\frac{\\pi}{2}``, ``0.3``)?"""
    rest = _NUMBER_WORDS.sub(" ", text)
    return bool(re.search(r"\d|\\pi", text)) and not re.search(r"[A-Za-z\\]", rest)


def _same_text(one: str, other: str) -> bool:
    """Are two values the same LaTeX but for spacing (``w^T x + b`` and ``w ^T x + b``)?"""
    return re.sub(r"\s+", "", one) == re.sub(r"\s+", "", other)


def _read_value(again: Reassignment, notation: Notation, typed_too: bool) -> tuple[Any, tuple[str, Any] | None]:
    """A second value the document keeps out of its latest values (a name the notation also
    uses, such as o_i or a): read for the scalar judge, and with ``typed_too`` (a step with no
    derivative) also for the matrix judge, as _latest_values reads one (None where it cannot be
    read)."""
    norm = normalize(again.value, notation)
    letters = family_letters(again.name)
    try:
        typed = None if letters or not typed_too else parse_typed(again.value, notation)
    except Unreadable:
        typed = None
    return typed, (None if norm.problems else (letters, norm))


def _wrong_with_each(name: str, messages: list[str]) -> str:
    if len(messages) == 2:
        return f"{name} is defined twice; wrong with either value: the first, {messages[0]}; the second, {messages[1]}"
    ordinals = ("first", "second", "third", "fourth", "fifth")
    each = "; ".join(f"the {ordinals[k]}, {m}" for k, m in enumerate(messages))
    return f"{name} is defined {len(messages)} times; wrong with each value: {each}"


def _every_value(
    document: DocumentDefinitions, redefinitions: list[Reassignment], step: Step, notation: Notation, plain: bool
) -> list[tuple[dict, dict]] | None:
    """The step's definitions with the twice-defined name at its first value (as before its first
    redefinition) and at each later value written before the step; None when any cannot be put
    in (a value not read may be the one meant, so the step stays held)."""
    typed, scalar = document.for_step(step.line, step.column, step.rhs)
    first = redefinitions[0]
    typed_first, scalar_first = document.for_step(first.line, first.column, first.value)
    name = first.name
    if (name in scalar) != (name in scalar_first) or (name in typed) != (name in typed_first) or name not in scalar:
        return None

    def at(typed_value: Any, scalar_value: Any) -> tuple[dict, dict]:
        """The step's definitions with the name at one of its values."""
        return {**typed, **({name: typed_value} if name in typed else {})}, {**scalar, name: scalar_value}

    out = [at(typed_first.get(name), scalar_first[name])]
    for again in redefinitions:
        value = document.latest.get(again) or _read_value(again, notation, plain)
        if value[1] is None or (name in typed and value[0] is None) or mentions_name(again.value, name):
            return None  # a value not read, or an update (J = J + λ‖W‖²)
        out.append(at(value[0], value[1]))
    return out
