r"""Values a worked example computes, and the steps that put them in.

A numeric worked example ("a step by step back-propagation example") writes every formula, then
the same formula with the numbers put in, then the number:

    out_{h1} = \frac{1}{1+e^{-net_{h1}}} = \frac{1}{1+e^{-0.3775}} = 0.593269992

A chain whose first term is a name and whose last term is a number (``X = … = 0.593269992``, or
``X = 0.05`` given, also with ``\approx``) gives X that value from there on, with the precision
written (its decimals). A later step with names on one side and only numbers on the other
(``out_{o1}(1 - out_{o1}) = 0.75136507(1 - 0.75136507)``) is judged with those values put in:

- ``ok`` when the sides agree within what the rounding of the values used explains: one unit of
  the last place of each value (or of the number the step writes for it, when it writes it with
  fewer places), carried through the formula to first order;
- ``inconclusive`` up to ten times that (rounded values of earlier steps may explain it);
- ``wrong`` beyond (a wrong digit, a dropped minus), with the values as the counterexample, but
  never when a name used was given two values that disagree (which one is meant is not known).

Only steps the other judges left inconclusive are judged here, and nothing is evaluated from
the document's text: the sides are read by the normaliser and built by the SymPy builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.equation import Equation
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.numeric_derivatives import (
    derivative_formulas,
    derivative_values,
    earlier_formula,
    named_back,
    placed_values,
    prose_rates,
    with_placeholders,
)
from derive.checks.latex.results import StepResult
from derive.checks.latex.rounded_numbers import decimal_places
from derive.checks.latex.rounded_operands import reweigh_rounded
from derive.checks.latex.steps import split_chain
from derive.checks.latex.substituted_values import held_placed, own_values, placed_values_of, restated
from derive.checks.latex.sympy_build import Unparsed, to_sympy
from derive.checks.latex.updated_values import judge_update_value
from derive.checks.latex.valued_steps import at_values, judge_valued_step

from derive.errors import DeriveError

__all__ = [
    "DECIMALS", "VALUE_RELATIONS", "NumericValue", "document_formulas", "document_values", "judge_numeric_steps",
    "value_runs", "values_at", "worked_values",
]

#: a number as a result is written: 0.593269992, -0.0204, 12, 1{,}5 is left out (a list, or a comma)
_LITERAL = re.compile(r"\s*(-?)\s*(\d+(?:\.\d+)?|\.\d+)\s*")
DECIMALS = re.compile(r"(?<![\d.])\d*\.(\d+)")
_WRAPPED = re.compile(r"\s*\\(?:mathbf|boldsymbol|bm|textbf|boxed|underline)\s*\{([^{}]*)\}\s*")
VALUE_RELATIONS = ("=", r"\approx", r"\simeq", r"\thickapprox")
_INDEX_LETTERS = {"i", "j", "k", "l", "n"}
#: beyond one unit (ok), up to this many units the step is inconclusive; further off it is wrong
_BAND = 10


@dataclass(frozen=True)
class NumericValue:
    name: str
    value: Any  # sympy Rational
    unit: Any  # one unit of the last written place of a computed value (0 for a given one: exact)
    at: tuple[int, int]  # (line, column) of the number: the value holds after it
    text: str = ""  # the number as written
    placed: bool = False  # given by a number put in the name's place (substituted_values): ok, never wrong
    several: bool = False  # a derivative given values that disagree (numeric_derivatives): ok, never wrong


def _literal(text: str) -> tuple[Any, Any] | None:
    """(value, unit) of a side that is only a number, else None."""
    import sympy as sp

    # a result set in bold or boxed (… \approx \mathbf{0.721}) is the number
    wrapped = _WRAPPED.fullmatch(text)
    m = _LITERAL.fullmatch(wrapped.group(1) if wrapped else text)
    if not m:
        return None
    digits = m.group(2)
    value = sp.Rational(digits if not digits.startswith(".") else "0" + digits)
    places = len(digits.split(".")[1]) if "." in digits else 0
    return (-value if m.group(1) else value), (sp.Rational(1, 10**places) if places else sp.Integer(0))


def _name(text: str, notation: Notation) -> str | None:
    try:
        name = identifier_name(text, notation=notation)
    except DeriveError:
        return None
    # index letters (for i = 1 …) are counters, not quantities of the example
    return None if name in notation.functions or name in notation.constants or name in _INDEX_LETTERS else name


def value_runs(chain: list) -> list[list]:
    r"""The runs of a chain joined by value relations: ``z = 2 \Rightarrow h = \sigma(2) \approx
    0.88`` holds two (z = 2, and h = σ(2) ≈ 0.88)."""
    runs: list[list] = [[]]
    for term, rel in chain:
        runs[-1].append((term, rel))
        if rel not in VALUE_RELATIONS:
            runs.append([])
    return [run for run in runs if len(run) >= 2]


def document_values(equations: list[Equation], notation: Notation) -> list[NumericValue]:
    r"""Every ``name = … = number`` of the document, the entries of ``(x_1 \; x_2) = (0.5 \; 0.3)``,
    and the names defined by a formula whose names all have values by then, in order."""
    found: list[NumericValue] = []
    chains = [chain for equation in equations for chain in split_chain(equation) if len(chain) >= 2]
    for chain in chains:
        found += _matrix_values(chain, notation)
        for run in value_runs(chain):
            last = run[-1][0]
            number = _literal(last.text)
            name = _name(run[0][0].text, notation) if number else None
            if number and name:
                # given (X = 0.05): an input, exact; computed (X = … = 0.5933): rounded to its places
                unit = number[1] if len(run) > 2 else 0
                found.append(NumericValue(name, number[0], unit, (last.line, last.column), last.text.strip()))
    found.sort(key=lambda v: v.at)
    for chain in chains if found else []:  # a document with no numbers has no formula values either
        for run in value_runs(chain):
            computed = _formula_value(run, notation, found)
            if computed is not None:
                found = sorted([*found, computed], key=lambda v: v.at)
    return found


def document_formulas(equations: list[Equation], notation: Notation) -> list[tuple[str, str, tuple[int, int]]]:
    """(name, formula, where) for every ``name = formula`` (not a number), in order."""
    out: list[tuple[str, str, tuple[int, int]]] = []
    for equation in equations:
        for chain in split_chain(equation):
            for run in value_runs(chain):
                (first, rel), (second, _) = run[0], run[1]
                if rel != "=" or _literal(second.text) is not None or _cells(second.text) is not None:
                    continue
                name = _name(first.text, notation)
                if name is not None:
                    out.append((name, second.text, (second.line, second.column)))
    return sorted(out, key=lambda f: f[2])


_MATRIX = re.compile(r"\\begin\{([pbvBV]?matrix)\}(.*?)\\end\{\1\}", re.S)


def _cells(text: str) -> list[list[str]] | None:
    """The cells of a side that is one matrix environment, row by row, else None."""
    m = _MATRIX.fullmatch(text.strip())
    if not m:
        return None
    rows = [row for row in re.split(r"\\\\", m.group(2)) if row.strip()]
    return [[cell.strip() for cell in row.split("&")] for row in rows]


def _matrix_values(chain: list, notation: Notation) -> list[NumericValue]:
    r"""``W = (w_1 \; w_2) = (0.3 \; 0.2)``: each named entry is given the number in its place."""
    out: list[NumericValue] = []
    for (left, rel), (right, _) in zip(chain, chain[1:], strict=False):
        names, numbers = _cells(left.text), _cells(right.text)
        if rel != "=" or not names or not numbers or [len(r) for r in names] != [len(r) for r in numbers]:
            continue
        for row_names, row_numbers in zip(names, numbers, strict=True):
            for cell, text in zip(row_names, row_numbers, strict=True):
                name, number = _name(cell, notation), _literal(text)
                if name and number:
                    out.append(NumericValue(name, number[0], 0, (right.line, right.column), text))
    return out


def _formula_value(run: list, notation: Notation, found: list[NumericValue]) -> NumericValue | None:
    """``z_1 = w_1 x_1 + w_3 x_2`` with every name on the right given a number before: z_1 has
    the formula's value, with the rounding of those numbers carried through."""
    (first, rel), (second, _) = run[0], run[1]
    name = _name(first.text, notation) if rel == "=" and _literal(second.text) is None else None
    if name is None or _cells(second.text) is not None:
        return None
    latest, torn = values_at(found, (second.line, second.column))
    if not latest:
        return None
    got = _evaluate(second.text, notation, latest, None)
    if got is None or name in {s.name for s in got[2]} or torn & {s.name for s in got[2]}:
        return None
    value, slack, _ = got
    return NumericValue(name, value, slack, (second.line, second.column), f"{float(value):.10g}")


def _evaluate(tex: str, notation: Notation, latest: dict[str, NumericValue], var: str | None) -> tuple | None:
    """(value, slack, symbols) of a side whose names all have values (slack: their rounding carried
    through to first order), else None; a side with no names is not one."""
    import sympy as sp

    try:
        expr = to_sympy(normalize(tex, notation, var))
    except (Unparsed, RecursionError, TypeError, ValueError):
        return None
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)
    if not symbols or any(s.name not in latest for s in symbols):
        return None
    point = {s: latest[s.name].value for s in symbols}
    try:
        value = sp.N(expr.subs(point), 30)
        slack = sum((abs(sp.N(sp.diff(expr, s).subs(point), 30)) * latest[s.name].unit for s in symbols), sp.Integer(0))
    except (TypeError, ValueError, ArithmeticError, RecursionError):  # SymPy's evalf of an unevaluated Derivative
        return None
    if not (value.is_real and value.is_finite and slack.is_real and slack.is_finite):
        return None
    return value, slack, symbols


def values_at(values: list[NumericValue], where: tuple[int, int]) -> tuple[dict[str, NumericValue], set[str]]:
    """The latest value of each name before ``where``, and the names given values that disagree."""
    latest: dict[str, NumericValue] = {}
    torn: set[str] = set()
    for v in values:
        if v.at >= where:
            break
        old = latest.get(v.name)
        if old is not None and abs(old.value - v.value) > max(old.unit, v.unit):
            torn.add(v.name)
        latest[v.name] = v
    return latest, torn


def worked_values(equations: list[Equation], notation: Notation, text: str = "") -> tuple[list, list, list, list]:
    """Every value the worked example gives (derivatives' and a prose learning rate's too:
    numeric_derivatives), in order; the derivatives'; the rates; the formulas (none without values)."""
    derivatives = derivative_values(equations, notation, NumericValue)
    rates = prose_rates(text, equations, notation, NumericValue)
    values = sorted([*document_values(equations, notation), *derivatives, *rates], key=lambda v: v.at)
    if not values:
        return values, derivatives, rates, []
    formulas = document_formulas(equations, notation)
    # names given numbers by a row that puts them in (w1 = 0.15 from z1 = 0.15 x 0.05 + …)
    placed = placed_values_of(equations, notation, values, formulas, NumericValue)
    return sorted([*values, *placed], key=lambda v: v.at), derivatives, rates, formulas


def judge_numeric_steps(
    results: list[StepResult], equations: list[Equation], notation: Notation, text: str = ""
) -> list[StepResult]:
    """The results, with the steps that put the document's values in judged with them (an exact
    ``wrong`` too: a value printed to eight places is never exactly its formula). Such a step uses
    no formula, so a name defined twice (net = w_1 i_1 + …, then net = 0.3775) does not make it
    ambiguous; a name given two numbers that disagree does. ``X = number`` for a name defined by
    a formula whose names all have values is that formula's value (ok or inconclusive only)."""
    values, derivatives, rates, formulas = worked_values(equations, notation, text)
    results_written = _written_results(equations)
    if not values and not results_written:
        return results
    formulas = formulas or document_formulas(equations, notation)
    valued = {v.name: v for v in derivatives}
    dformulas = derivative_formulas(equations, notation)
    loose = {v.name for v in rates}
    worked = _worked_terms(equations)
    for k, result in enumerate(results):
        step = result.step
        lhs, names = with_placeholders(step.lhs, notation, valued)
        rhs, more = with_placeholders(step.rhs, notation, valued)
        names.update(more)
        at = (step.line, step.column)
        # a step that writes a valued derivative, or one a formula gives, was unparsed (its
        # dependence is not stated)
        derivative = names or earlier_formula(step.lhs, notation, dformulas, at)
        if result.status not in ("inconclusive", "wrong", *(("unparsed",) if derivative else ())):
            continue
        if step.relation != "=":
            continue
        if not (DECIMALS.search(step.lhs) or DECIMALS.search(step.rhs)):
            # names only, all of them valued: Sigmoid(z_1) = 1/(1+e^{-z_2}) in the example (valued_steps)
            # … in a chain that goes on to the numbers: a formula elsewhere is not about the example
            in_example = result.status == "inconclusive" and (step.line, step.column) in worked
            out = _valued(lhs, rhs, notation, values, names, step) if in_example else None
            results[k] = replace(result, **out) if out else result
            continue
        latest, torn = values_at(values, (step.line, step.column))
        latest = placed_values(latest, names)
        # … and the names this step itself gives numbers (t_1 in ½(t_1 - ŷ)² = ½(0.01 - 0.77)²)
        latest = {
            **latest,
            **(own_values(lhs, rhs, notation, latest, NumericValue, at) if result.status != "wrong" else {}),
        }
        out = (
            None
            if result.method == "definitions"
            else held_placed(_judge(lhs, rhs, notation, latest, torn, step.chain_var, loose), latest)
        )
        if out is not None and names:
            out = named_back(out, names)
        if out is None:
            out = _recomputed(step.lhs, step.rhs, notation, latest, formulas, (step.line, step.column))
            # a wrong verdict stands unless the formula's value confirms the number
            out = None if out and result.status == "wrong" and out["status"] != "ok" else out
        if out is None and result.status != "wrong" and result.method != "definitions":
            out = restated(step.lhs, step.rhs, notation, latest, at)  # x1 = 0.05, the value again
            # w_2' = 0.203 after w_1' = w_1 - η ∂L/∂w_1 = …, with w_2, η and ∂L/∂w_2 valued (updated_values)
            once = {key: v for key, v in valued.items() if not v.several}  # a gradient given two values: which?
            out = out or judge_update_value(step.lhs, step.rhs, notation, latest, once, formulas, at)
        if out is None and derivative and result.status != "wrong":
            out = _by_formula(step.lhs, step.rhs, notation, (values, valued, dformulas, loose), at, step.chain_var)
        if (out["status"] if out is not None else result.status) == "wrong":
            # ∂a/∂z = 0.721·(1 - 0.721) with a ≈ 0.721 computed before: its rounding (rounded_operands)
            # … or e^{-2} ≈ 0.1353 written before: a result of no name, rounded all the same; also
            # where the document's values (z = 1.0) put in made it wrong: σ(z)(1-σ(z)) = 0.7311 × (1-0.7311)
            known = [*latest.values(), *(v for v in results_written if v.at < at)]
            cex = out["counterexample"] if out is not None else result.counterexample
            out = reweigh_rounded(step.lhs, step.rhs, notation, step.chain_var, cex, known) or out
        if out is not None:
            results[k] = replace(result, **out)
    return results


def _written_results(equations: list[Equation]) -> list[NumericValue]:
    r"""Every number that ends a run after a formula (``e^{-2} \approx 0.1353``, ``= 0.8808``): a
    computed result, rounded to its places, whether or not a name holds it (rounded_operands)."""
    found = []
    for equation in equations:
        for chain in split_chain(equation):
            for run in value_runs(chain):
                last, first = run[-1][0], run[0][0]
                number = _literal(last.text)
                if number and number[1] and _literal(first.text) is None:
                    found.append(NumericValue("", number[0], number[1], (last.line, last.column), last.text.strip()))
    return found


def _worked_terms(equations: list[Equation]) -> set[tuple[int, int]]:
    """Where the terms of the chains that write a decimal number start: a worked example's rows."""
    chains = [chain for equation in equations for chain in split_chain(equation)]
    return {
        (term.line, term.column)
        for chain in chains
        if any(DECIMALS.search(term.text) for term, _ in chain)
        for term, _ in chain
    }


def _valued(lhs: str, rhs: str, notation: Notation, values: list, names: dict, step: Any) -> dict | None:
    latest, torn = values_at(values, (step.line, step.column))
    latest = placed_values(latest, names)
    out = held_placed(judge_valued_step(lhs, rhs, notation, latest, torn, step.chain_var), latest)
    return named_back(out, names) if out is not None and names else out


def _by_formula(
    lhs_tex: str, rhs_tex: str, notation: Notation, known: tuple, where: tuple[int, int], var: str | None
) -> dict[str, Any] | None:
    r"""``\frac{\partial E}{\partial w_5} = 0.7576 \times 0.1784`` after ``\frac{\partial E}{\partial
    w_5} = \frac{\partial E}{\partial o} \frac{\partial o}{\partial w_5}`` with both factors given
    values: the earlier formula's value, put in. Ok or inconclusive only: when they differ, the
    earlier formula (the chain rule as written) may be the slip rather than this step."""
    values, valued, dformulas, loose = known
    found = earlier_formula(lhs_tex, notation, dformulas, where)
    if found is None:
        return None
    key, formula = found
    tex, names = with_placeholders(formula, notation, valued)
    latest, torn = values_at(values, where)
    out = _judge(tex, rhs_tex, notation, placed_values(latest, names), torn, var, loose)
    if out is None:
        return None
    out = named_back(out, names)
    message = f"by its earlier formula {key} = {formula.strip()}: {out['message']}"
    if out["status"] != "ok":
        return _out("inconclusive", message + " (the earlier formula may be the slip)")
    return {**out, "message": message}


def _recomputed(
    lhs_tex: str,
    rhs_tex: str,
    notation: Notation,
    latest: dict[str, NumericValue],
    formulas: list[tuple[str, str, tuple[int, int]]],
    where: tuple[int, int],
) -> dict[str, Any] | None:
    r"""``\hat y = 0.54`` after an update, ``\hat y = w_2 ReLU(w_1 x)`` defined before and every
    name in it given a number: ok when the formula's value there is the number written (to its
    places and the rounding of those values), else inconclusive (the number may be a new input)."""
    import sympy as sp

    name, places = _name(lhs_tex, notation), decimal_places(rhs_tex)
    number = _literal(rhs_tex)
    earlier = [f for n, f, at in formulas if n == name and at < where]
    if name is None or places is None or number is None or not earlier:
        return None
    got = _evaluate(earlier[-1], notation, {k: v for k, v in latest.items() if k != name}, None)
    if got is None:
        return None
    value, slack, symbols = got
    diff = abs(value - number[0])
    slack = slack + sp.Rational(1, 10**places) + sp.Float(1e-12) * max(abs(value), 1)
    shown = ", ".join(f"{s.name} = {latest[s.name].text}" for s in symbols)
    if diff <= slack:
        return _out("ok", f"{name} = {earlier[-1].strip()} is {float(value):.6g} with the document's values ({shown})")
    why = f"{name} = {earlier[-1].strip()} is {float(value):.6g} with the document's values ({shown})"
    return _out("inconclusive", why + ": a new value, or a slip, which the step does not say")


def _judge(
    lhs_tex: str,
    rhs_tex: str,
    notation: Notation,
    latest: dict[str, NumericValue],
    torn: set[str],
    var: str | None,
    loose: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, Any] | None:
    import sympy as sp

    try:
        lhs = to_sympy(normalize(lhs_tex, notation, var))
        rhs = to_sympy(normalize(rhs_tex, notation, var))
    except (Unparsed, RecursionError, TypeError, ValueError):
        return None
    if lhs.free_symbols and rhs.free_symbols:
        return None
    named, numbers, numbers_tex = (lhs, rhs, rhs_tex) if lhs.free_symbols else (rhs, lhs, lhs_tex)
    symbols = sorted(named.free_symbols, key=lambda s: s.name)
    if not symbols or any(s.name not in latest for s in symbols) or named.is_Symbol:
        return None  # a lone name = number gives it a (new) value: an assignment, not a substitution
    written = [(sp.Rational("0" + m.group(0)), len(m.group(1))) for m in DECIMALS.finditer(numbers_tex)]
    units = {s: _unit(latest[s.name], written) for s in symbols}
    found = at_values(named, numbers, {s: latest[s.name].value for s in symbols}, units)
    if found is None:
        return None
    left, right, slack = found
    diff = abs(left - right)
    # a bare result (… = -0.0204) is itself rounded to its last place (rounded_numbers)
    places = decimal_places(numbers_tex)
    slack = slack + (sp.Rational(1, 10**places) if places else 0) + sp.Float(1e-12) * max(abs(left), 1)
    shown = ", ".join(f"{s.name} = {latest[s.name].text}" for s in symbols)
    seen = [s.name for s in symbols if _seen(latest[s.name], numbers_tex)]
    # each example's own ∂L/∂ŷ (a derivative given several values) confirms only where the step writes it
    if diff <= slack and all(s.name in seen or not latest[s.name].several for s in symbols):
        return _out("ok", f"equal with the document's values put in ({shown}), to the precision written")
    # a prose learning rate need not be written (a dropped η) when another value ties the step
    # … and only when every number the step writes is one of the values it does write (the step
    # writes no number of its own, such as another learning rate)
    tied = not set(seen) <= loose and all(
        any(_seen(latest[name], m.group(0)) for name in seen) for m in re.finditer(r"\d+(?:\.\d+)?", numbers_tex)
    )
    unseen = [s.name for s in symbols if s.name not in seen and (s.name not in loose or not tied)]
    if diff <= _BAND * slack or torn & {s.name for s in symbols} or unseen:
        why = f"with the document's values ({shown}) the sides differ by {float(diff):.3g}"
        return _out("inconclusive", why + ": rounded values, or a name given two values, may explain it")
    cex = {
        "point": {s.name: latest[s.name].text for s in symbols},
        "lhs": f"{float(left if named is lhs else right):.10g}",
        "rhs": f"{float(right if named is lhs else left):.10g}",
        "where": "the values the document computed before this step",
    }
    message = f"with the document's values ({shown}) the sides are {cex['lhs']} and {cex['rhs']}"
    return {"status": "wrong", "counterexample": cex, "message": message, "method": "numeric values"}


def _unit(value: NumericValue, written: list[Any]) -> Any:
    """One unit of the value's last place, or of the number the step writes for it with fewer
    places (0.75 put in for 0.75136507: the step rounds the value, which is no slip)."""
    import sympy as sp

    unit = value.unit
    own = len(value.text.split(".")[1]) if "." in value.text else 0
    for number, places in written:
        coarse = sp.Rational(1, 10**places)
        if places < own and coarse > unit and abs(abs(value.value) - number) <= coarse:
            unit = coarse
    return unit


def _seen(value: NumericValue, numbers_tex: str) -> bool:
    """Does the step write this value (to the places it writes), or, for a value of three digits
    or more, it with one digit changed (a slip)? A step that writes none of a name's values may
    be about another example's numbers (or an index's other value): it is not called wrong."""
    import sympy as sp

    for m in re.finditer(r"\d+(?:\.(\d+))?", numbers_tex):
        places = len(m.group(1) or "")
        number, unit = sp.Rational(m.group(0)), 10**places
        # an integer (the 1 of 1 - 0.31) is only ever an integer value
        if abs(abs(value.value) - number) * unit <= 1 if places else abs(value.value) == number:
            return True
        a, b = str(int(round(abs(value.value) * unit))), m.group(0).replace(".", "").lstrip("0")
        if len(a) >= 3 and len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1:
            return True
    return False


def _out(status: str, message: str) -> dict[str, Any]:
    return {"status": status, "counterexample": None, "message": message, "method": "numeric values"}
