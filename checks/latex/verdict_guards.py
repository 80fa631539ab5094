r"""Last checks on a step's verdict, where the way it is written leaves the reading open.

A ``wrong`` needs a counterexample under the step's own reading; these guards turn it into
``inconclusive`` (with the reason) where the text allows another reading that the judge did not
try:

- inline math followed by its conditions in prose (``$diag(x)_{ij} = x_i$ if $i = j$``), which
  are not always read: refuted only at some index values, it is not wrong;
- a dot product ``θ^T x`` read on the guess that both names are vectors (:mod:`dot_verdicts`);
- a bare ``\log`` followed by a product (``\log\frac{1}{\sqrt{2\pi}\sigma}\exp(-\frac{…}{…})``,
  CS229's Gaussian likelihood): the reader takes the first factor as the argument, but ML
  writers usually mean the logarithm of the whole product, so neither reading may refute it;
- a log whose brace argument holds a sum (``\log_2{a - b}``): the braces print nothing, so the
  argument may end at the first term (:mod:`braced_calls`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from derive.checks.latex.dot_verdicts import dot_guarded
from derive.checks.latex.normalize import Normalized
from derive.checks.latex.number_calls import defined_number_call_guard, number_call_guard
from derive.checks.latex.prose_formulas import prose_defined
from derive.checks.latex.results import StepResult, held_back
from derive.checks.latex.steps import Step
from derive.checks.latex.text_groups import brace_group_end, top_level_terms
from derive.checks.latex.unread_derivatives import NOT_CONTAINED

__all__ = ["aliased_given", "guard_verdict", "hold_brace_notes", "prose_index_values", "prose_valued"]

#: an index letter given a whole number in the document's inline math: "the true class $y = 1$"
_PROSE_VALUE = re.compile(r"\$\s*([A-Za-z])\s*=\s*\d+\s*\$")


def prose_index_values(text: str) -> frozenset[str]:
    """Letters the document's inline math gives a whole number (``$y = 1$``)."""
    return frozenset(_PROSE_VALUE.findall(text))


def prose_valued(out: dict[str, Any], letters: frozenset[str]) -> dict[str, Any]:
    """A ``wrong`` whose counterexample gives an index a value, where the document's prose gives
    that letter a number of its own ("the true class $y = 1$ (second class)": counted from 0 or 1?),
    is inconclusive: the point may not be the one the document means."""
    where = str((out.get("counterexample") or {}).get("where", ""))
    used = sorted(c for c in letters if re.search(rf"(?<![A-Za-z\\]){c} = ", where))
    if out["status"] != "wrong" or not used:
        return out
    why = f"; the document gives {used[0]} a number in its prose, and this point may not index it the same way"
    return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}


def guard_verdict(
    step: Step,
    out: dict[str, Any],
    sides: tuple[Normalized, Normalized],
    other_reading: Callable[[], dict[str, Any]] | None = None,
    scalar: tuple[Any, Any] | None = None,
) -> dict[str, Any]:
    """The verdict, with a ``wrong`` that the writing leaves open made inconclusive.
    ``other_reading`` judges the step again with a bare log taking the whole product: where that
    reading holds, the step is ok under it (said in the message), as a reader would take it.
    ``scalar`` (the step's definitions and notation) is given for the scalar judge's verdicts,
    which may go through a guessed dot product θ^T x (dot_verdicts)."""
    out = _guarded(step, out, sides, other_reading)
    if scalar is None:
        return out
    # u = exp(a_0) + … in plain prose: not read, so no counterexample through u (prose_formulas)
    out = prose_defined(out, sides, scalar[1].prose_formulas, scalar[0])
    out = aliased_given(out, sides, scalar[0])  # x = a, a = 4, then "at $x = 1$": a new given
    used = sides[0].symbol_names | sides[1].symbol_names
    out = defined_number_call_guard(out, used, scalar[0] or {})  # p = P_X(0) before: a value at 0 (number_calls)
    return dot_guarded(out, sides, *scalar)


def _guarded(
    step: Step,
    out: dict[str, Any],
    sides: tuple[Normalized, Normalized],
    other_reading: Callable[[], dict[str, Any]] | None,
) -> dict[str, Any]:
    loose = _loose(sides)
    unread = _unread_first_term(out, sides)
    open_ = out["status"] in ("wrong", "inconclusive") or unread
    other = other_reading() if loose and other_reading and open_ else None
    if other is not None and other["status"] == "ok":
        return {**other, "message": f"{other['message']}; reading {loose[0][1]}"}
    if unread and other is not None and other["status"] in ("wrong", "inconclusive"):  # never wrong
        why = f"{other['message']}; read as {loose[0][1]} the sides differ, but the first term is unread"
        why = why if other["status"] == "wrong" else f"read as {loose[0][1]}: {other['message']}"
        return {**other, "status": "inconclusive", "counterexample": None, "message": why}
    if out["status"] != "wrong":
        return out
    if other is not None and other["status"] == "wrong":  # refuted under both readings: show the usual one
        why = f"; reading {loose[0][1]} ({loose[0][2]}, too)"
        return {**other, "message": other["message"] + why}
    if loose:
        why = f"; {loose[0][0]}: read as {loose[0][2]} the sides differ, but it may be meant as {loose[0][1]}"
        return {**out, "status": "inconclusive", "counterexample": None, "message": out["message"] + why}
    out = _alternative_value(step, _imperative(step, _bound_condition(step, out)))
    out = number_call_guard(step, _braced_sum(step, out))  # c_{skip}(0): a value at 0 (number_calls)
    return _inline(step, _example_value(step, _given_value(step, out)))


#: "Set $\theta^{s}=\theta^{s-1}$", "update $w = w - \eta g$": an algorithm's instruction right
#: before the formula (the prose's last word, after a list marker or a colon at most)
_IMPERATIVE = re.compile(r"(?:^|[\s:;,.(-])(?:set|update|assign|initiali[sz]e|reset)\s*$", re.IGNORECASE)


def _imperative(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    """A ``wrong`` on a formula the prose introduces as an instruction ("Set $θ^s = θ^{s-1}$" in a
    sampler's steps: keep the last draw) is an assignment to carry out, not a claim: inconclusive.
    Only an inline formula right after the word (``θ^s`` is the draw s there, no power)."""
    if out["status"] != "wrong" or step.kind != "inline" or not _IMPERATIVE.search(step.context[-40:]):
        return out
    return held_back(out, "; but the prose introduces it as an instruction (set …): an assignment, not a claim")


def _unread_first_term(out: dict[str, Any], sides: tuple[Normalized, Normalized]) -> bool:
    r"""``\frac{\partial}{\partial b} w x + b`` unread: the operator's first term alone does not contain
    b (its derivative was not read). Only where the derivative operator is the one loose scope of
    the step, so the other reading changes nothing else."""
    others = ("loose_calls", "loose_slashes", "loose_log_powers", "loose_braces", "loose_scopes", "loose_sums")
    if out["status"] != "unparsed" or NOT_CONTAINED not in out["message"]:
        return False
    return any(s.loose_derivatives for s in sides) and not any(getattr(s, o) for s in sides for o in others)


def _loose(sides: tuple[Normalized, Normalized]) -> list[tuple[str, str, str]]:
    """(what is written, the other reading, the first reading) of each operator whose scope the
    writing leaves open: a bare log before a product, a slash before a product (a/b c)."""
    out = []
    for side in sides:
        for f in side.loose_calls:
            written = f"{f} is followed by a product without brackets"
            whole = "the log of" if f in (r"\log", r"\ln") or f.startswith(r"\log") else "applied to"
            out.append((written, f"{f} as {whole} the whole product after it", f"{f} of its first factor alone"))
        for s in side.loose_slashes:
            out.append((f"{s} has a product after its slash", f"{s} as (a/b)·c", "a/(b·c), as parse_latex does"))
        for g in side.loose_log_powers:
            out.append((f"{g}: a log before a power without brackets", "(log x)^p", "log(x^p)"))
        for b in side.loose_braces:
            written = f"{b}: braces that print nothing around a sum"
            out.append((written, "its argument ending at the first term", "the call of the braced sum"))
        for p in side.loose_scopes:
            written = f"{p}: a product whose last factors do not write its index"
            out.append((written, "the product ending before those factors", "those factors inside the product"))
        for t in side.loose_sums:
            written = f"{t}: a sum followed by terms that write its index"
            out.append((written, "those terms inside the sum", "the sum ending before them"))
        for d in side.loose_derivatives:
            written = f"{d}: a derivative operator followed by a sum without brackets"
            out.append((written, "the derivative of the whole sum", "the derivative of its first term alone"))
    return out


#: a one-letter name (not Euler's e) with the superscript 0: ``v^0``, ``\theta^{0}``, ``w_1^0``
_ZEROTH = re.compile(r"\s*(?:[A-DF-Za-df-z]|\\[A-Za-z]+)\s*(?:_\s*(?:\{[^{}]*\}|\w)\s*)?\^\s*(?:\{\s*0\s*\}|0)\s*")
#: a bare name (a letter, a hat or arrow, scripts) given a number: ``y = 0``, ``y^{(1)} = 1``
_NAME_EQ_NUMBER = re.compile(
    r"\s*(?:\\(?:hat|vec|mathbf|boldsymbol|bm)\s*\{?\s*)*[A-Za-z]\}*\s*(?:[_^]\s*\{?[^{}=]*\}?\s*)*"
)


_NUMBER = re.compile(r"\s*([+-]?)\s*(\d+(?:\.\d+)?)\s*")


def _alternative_value(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    """ "separate the cases for $y_n=1$ and $y_n=-1$": ``y_n = -1`` under its own condition y_n = 1 can
    only be false, and nobody claims that: the two are cases named side by side, not a claim."""
    value = _NUMBER.fullmatch(step.rhs)
    if out["status"] != "wrong" or value is None or not _NAME_EQ_NUMBER.fullmatch(step.lhs):
        return out
    name = "".join(step.lhs.split())
    for condition in step.conditions:
        lhs, sign, rhs = (condition.split(" ", 2) + ["", ""])[:3]
        other = _NUMBER.fullmatch(rhs)
        if sign == "=" and "".join(lhs.split()) == name and other is not None:
            if float((other.group(1) or "") + other.group(2)) != float((value.group(1) or "") + value.group(2)):
                why = f"{out['message']}; but its own condition gives {name} another value"
                why += ": cases side by side, not a claim"
                return {**out, "status": "inconclusive", "counterexample": None, "message": why}
    return out


def _example_value(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    """``y = 0`` where the document made y a vector (\\vec{\\mathbf{y}} = [0; 1]): the value one
    example gives it, not a claim about the vector; a shape difference alone does not refute it."""
    cex = out.get("counterexample") or {}
    if cex.get("where") != "shape" or not _NAME_EQ_NUMBER.fullmatch(step.lhs):
        return out
    if not re.fullmatch(r"\s*-?\s*\d+(?:\.\d+)?\s*", step.rhs):
        return out
    given = f"{step.lhs.strip()} = {step.rhs.strip()}"
    why = f"{out['message']}; but {given} may give one example's value (not the whole vector)"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}


def _given_value(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    """``v^0 = 0`` (momentum's starting value, Sakura-gh/ML-notes) refuted as v⁰ = 1: nobody writes a
    zeroth power to state it is not 1, so the 0 is a label (the starting iterate) and the step gives
    it a value; Euler's ``e^0 = 2`` stays a claim about a constant."""
    cex = out.get("counterexample") or {}
    if cex.get("point") or cex.get("where") or not _ZEROTH.fullmatch(step.lhs):
        return out
    if not re.fullmatch(r"\s*-?\s*\d+(?:\.\d+)?\s*", step.rhs) or re.fullmatch(r"\s*1(?:\.0*)?\s*", step.rhs):
        return out
    why = f"{out['message']}; but {step.lhs.strip()} = {step.rhs.strip()} gives a value to a name labelled 0"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}


def aliased_given(out: dict[str, Any], sides: tuple[Normalized, Normalized], defined: Any) -> dict[str, Any]:
    """``at $x = 1$`` after ``near $x = a$`` and ``at $a = 4$`` (joshlaubach/calculus-notes): the
    document made x another name for a (an alias, not a formula), so x = 1 against a = 4 is a new
    given, not a wrong claim; a name a formula defines (``y = w x``, then ``y = 5``) stays judged."""
    lhs, rhs = sides
    name = next(iter(lhs.symbol_names), "") if re.fullmatch(r"\s*v_\{\d+\}\s*", lhs.latex) else ""
    value = (defined or {}).get(name)
    if out["status"] != "wrong" or value is None or rhs.symbol_names or not re.search(r"\d", rhs.latex):
        return out
    if not re.fullmatch(r"\s*v_\{\d+\}\s*", value[1].latex):
        return out
    why = f"{out['message']}; but {name} was set equal to another name before, and a number for it is a new given"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}


def _inline(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    cex = out.get("counterexample") or {}
    indices = cex.get("indices") or out["message"].startswith("with ")
    if step.kind != "inline" or step.conditions or not indices:
        return out
    return {
        **out,
        "status": "inconclusive",
        "counterexample": None,
        "message": out["message"] + "; at these index values only, and inline math may state its conditions in prose",
    }


_BRACE = re.compile(r"\\(?:underbrace|overbrace)\s*\{")
#: the index letter a sum runs over: \sum_j, \sum_{j=1}^n, \sum\limits_{j}
_SUM_INDEX = re.compile(r"\\sum\s*(?:\\limits\s*)?_\s*\{?\s*([A-Za-z])(?![A-Za-z])")
_LETTER = re.compile(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])")


def _bound_condition(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    r""" "When $i = j$": ``-\sum_j y_j \frac{1}{\hat y_j}\frac{\partial \hat y_j}{\partial \theta_i} = -y_i (1 -
    \hat y_i)``. The condition names j, the index the sum on the page runs over: taken literally
    it says nothing about the sum (j takes every value there), but the writer means the sum's
    term j = i (the case the derivation splits into). Which one is meant is not known, so a
    difference is no counterexample."""
    bound = {m.group(1) for side in (step.lhs, step.rhs) for m in _SUM_INDEX.finditer(side)}
    written = set(_LETTER.findall(step.lhs + " " + step.rhs))
    # a condition about names the step never writes (B_i = 1 of a later row, the step with no B)
    # says nothing about this step's sum: only one naming the step's other letters, or indices alone
    letters = {
        c
        for condition in step.conditions
        for found in [set(_LETTER.findall(condition))]
        if not (found - bound) or (found - bound) & written
        for c in found
    }
    shared = sorted(letters & bound)
    if not shared:
        return out
    why = (
        f"{out['message']}; but the condition ({', '.join(step.conditions)}) names {shared[0]}, the index a"
        f" sum of the step runs over: it may mean that sum's term, not the whole sum"
    )
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}


def _braced_sum(step: Step, out: dict[str, Any]) -> dict[str, Any]:
    r"""``a - \underbrace{b - c}_{t}``: the brace is drawn under the terms, it groups nothing on the
    page (a reader sees a − b − c), while the readers take its braces as a group (a − (b − c)).
    Where the braced terms are a sum, a difference under the grouped reading is no counterexample."""
    for side in (step.lhs, step.rhs):
        for m in _BRACE.finditer(side):
            end = brace_group_end(side, m.end() - 1)
            if end > 0 and _top_level_sum(side[m.end() : end - 1]):
                why = (
                    f"{out['message']}; but a sum under \\underbrace/\\overbrace was read as one group,"
                    " and on the page it is not one (a − \\underbrace{b − c} shows a − b − c)"
                )
                return {**out, "status": "inconclusive", "counterexample": None, "message": why}
    return out


def _top_level_sum(text: str) -> bool:
    """A + or − between terms outside every bracket (not a leading sign)."""
    return len(top_level_terms(text)) > 1


def hold_brace_notes(results: list[StepResult]) -> list[StepResult]:
    """A value noted under a brace (brace_notes) refuted is inconclusive: the note may rest on what
    the prose around it supposes (a case k ≠ j, a one-hot label)."""
    why = "; but a value noted under a brace may rest on what the text around it supposes (a case, a one-hot label)"
    return [r.held(r.message + why) if r.status == "wrong" and r.step.brace_note else r for r in results]
