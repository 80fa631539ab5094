r"""Check a written derivation step by step.

Each equation found by :mod:`derive.checks.latex.extract` is split at its top-level relation signs
into terms; each adjacent pair joined by ``=`` is a step, and each ``X \in \mathbb{R}^{…}`` a
membership claim checked against the notation's shapes. Every equality step gets exactly one
verdict:

- ``ok``: proved by :func:`derive.checks.proof.symbolic.prove_equal`, or, where proof is inconclusive,
  confirmed by numeric sampling (:func:`derive.checks.proof.numeric.sample_compare`; the message then says
  "sampled");
- ``wrong``: a concrete point where the sides differ, re-evaluated at 50 digits here, with
  both values real, and still differing at two nearby points (so a disagreement that exists
  only at a kink, where conventions differ, is never called wrong), and both sides using the
  same symbols (a step that introduces or drops a symbol may be a definition);
- ``unparsed``: what could not be read (:mod:`derive.checks.latex.normalize`); ``inconclusive``: neither, or over time.

Parsing and checking run in a worker process with a time limit per step (SymPy can hang in C on
``9^{9^{9^{9}}}``, where ``signal.alarm`` does not help); a worker over its limit is replaced.
"""

from __future__ import annotations

import time
from dataclasses import replace
from functools import partial
from typing import Any

from derive.checks.latex.added_terms import steps_as_written
from derive.checks.latex.applied_verdicts import judge_calls
from derive.checks.latex.cases_steps import per_case_steps
from derive.checks.latex.defined_operands import named_operands
from derive.checks.latex.definition_notes import note_definitions
from derive.checks.latex.differentials import differential_quotient, glued_names
from derive.checks.latex.distinct_indices import DISTINCT, distinct_indices
from derive.checks.latex.doc_definitions import DocumentDefinitions, uses_name
from derive.checks.latex.document_context import document_context
from derive.checks.latex.dot_verdicts import reached_dots
from derive.checks.latex.einstein import summed_reading
from derive.checks.latex.environment_steps import by_parts
from derive.checks.latex.example_labels import word_subscript
from derive.checks.latex.extract import extract
from derive.checks.latex.fixed_families import fixed_family_letters
from derive.checks.latex.graph_partials import hold_partials
from derive.checks.latex.idle_conditions import bearing_conditions, supposed_values
from derive.checks.latex.implicit_loss import confirm_implicit_losses
from derive.checks.latex.implied_losses import uses_summed_value
from derive.checks.latex.index_calls import as_distributions
from derive.checks.latex.index_layer_gradients import confirm_index_layer_gradients
from derive.checks.latex.index_sums import fixed_definitions
from derive.checks.latex.indexed_steps import check_indexed, contracted_indices, einstein_free_indices
from derive.checks.latex.jacobians import EVERY_READING_WRONG, SCALARS_ONLY
from derive.checks.latex.landau import landau_verdict
from derive.checks.latex.last_passes import last_passes
from derive.checks.latex.later_functions import release_document_functions
from derive.checks.latex.later_plain_values import noted_plain
from derive.checks.latex.latest_values import refute_with_every_value
from derive.checks.latex.layer_gradients import confirm_layer_gradients
from derive.checks.latex.layer_instances import confirm_layer_readings
from derive.checks.latex.meant_readings import meant_readings
from derive.checks.latex.mixed_activations import hold_mixed_activations
from derive.checks.latex.ng_names import ng_job
from derive.checks.latex.normalize import Normalized, Notation, normalize
from derive.checks.latex.opaque_calls import is_call_key
from derive.checks.latex.opaque_dots import DOT_GUARD, opaque_dot_verdict, opaque_notation
from derive.checks.latex.other_losses import hold_other_losses
from derive.checks.latex.own_costs import decisive_only, own_reading
from derive.checks.latex.own_costs import own_cost_entries as own_entries  # each step's own reading, last
from derive.checks.latex.power_labels import iterated_name
from derive.checks.latex.probabilities import instance_sources, key_letters
from derive.checks.latex.read_again import read_again
from derive.checks.latex.reassigned_formulas import reassigned_step, with_latest_formulas
from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.restated_functions import confirm_restatements
from derive.checks.latex.restated_values import with_notation_values
from derive.checks.latex.results import ONE_SIDED, STATUSES, Report, Status, StepResult, held_back, verdict
from derive.checks.latex.root_squares import positive_root_notation
from derive.checks.latex.rounded_inputs import judge_computed_inputs
from derive.checks.latex.rounded_numbers import judge_rounded, judge_rounded_list, judge_whole_rounded
from derive.checks.latex.scalar_judge import CONDITIONS_CHECKED, decide
from derive.checks.latex.scientific_e import SCIENTIFIC, near_enough
from derive.checks.latex.set_equations import hold_set_equation
from derive.checks.latex.shape_statements import shape_statement
from derive.checks.latex.shapes import check_membership
from derive.checks.latex.sign_conditions import sign_relations
from derive.checks.latex.specialized_indices import specialized_indices
from derive.checks.latex.stated_entry_sums import with_entry_sums
from derive.checks.latex.stated_facts import hot_letters
from derive.checks.latex.stated_log_base import stated_base_verdict
from derive.checks.latex.step_judge import guard_conditions, judge_sides
from derive.checks.latex.step_runner import StepRunner
from derive.checks.latex.steps import Step, Term, find_steps, split_chain
from derive.checks.latex.sympy_build import (
    Definitions,
    Unparsed,
    condition_indices,
    named_sum_letters,
    split_name,
    to_sympy,
)
from derive.checks.latex.typed_nodes import Node, Opaque
from derive.checks.latex.unjudged_forms import unjudged_form
from derive.checks.latex.unread_steps import unread_verdict
from derive.checks.latex.unstated_dependence import DependenceNotes, said, split_unstated, undetermined
from derive.checks.latex.unwritten_parts import UNWRITTEN, step_unwritten, unwritten_parts
from derive.checks.latex.vanishing_sides import hold_vanished
from derive.checks.latex.variable_e_pass import with_variable_e_reading
from derive.checks.latex.vector_families import confirm_vector_families
from derive.checks.latex.verdict_guards import guard_verdict, prose_valued

__all__ = [
    "STATUSES", "Status", "Step", "Term", "StepResult", "Report", "split_chain", "find_steps", "check_text",
    "StepRunner", "check_step", "check_membership", "Unparsed", "to_sympy", "decide",
]


def check_text(
    text: str,
    notation: Notation,
    *,
    file: str = "<text>",
    timeout: float = 10.0,
    markdown: bool | None = None,
    examples: int = 60,
    seed: int = 0,
    runner: StepRunner | None = None,
) -> Report:
    """Check every step of a document."""
    start = time.perf_counter()
    report, given = Report(file), notation  # the caller's notation: a second reading with e a name (variable_e_pass)
    own, runner = runner is None, runner or StepRunner(timeout)
    equations = extract(text, markdown=markdown)
    context = document_context(text, notation, equations)
    notation, document, typed_notation, ng = context.notation, context.document, context.typed_notation, context.ng
    defining = {(f.line, f.column): f.name for f in context.new_functions}
    pending, jobs = list[tuple[int, Step]](), list[tuple[Any, tuple]]()  # jobs: one call, side by side (budget)
    results: list[StepResult | None] = []
    ambiguous_at: dict[int, set[str]] = {}  # result index -> names with two values there
    try:
        for step in named_operands(per_case_steps(find_steps(text, notation, equations=equations)), document.defs):
            t0 = time.perf_counter()
            if step.relation == r"\in":
                result = check_membership(step, notation)
                # inline math is read for decisive shape claims only (full of definitions and sets)
                if result is None or (step.kind == "inline" and result.status not in ("ok", "wrong")):
                    continue
                result.seconds = time.perf_counter() - t0
                results.append(result)
            else:
                lhs, rhs = _read_sides(step, context.scoped.at(notation, step))  # (scoped_functions)
                if (step.line, step.column) in defining:
                    if step.kind == "inline":
                        continue  # "$g(z) = …$" in running text introduces g: not a step
                    why = f"the document's definition of the function {defining[step.line, step.column]}"
                    results.append(StepResult(step, "inconclusive", None, why, "definitions"))
                    continue
                if step.kind == "inline" and document.defines_at(step.line, step.column):
                    continue  # "$z = Wx + b$" in running text introduces z: not a step to judge
                held = reassigned_step(step, document, notation) or shape_statement(step)  # (3×3)(3×1) = (3×1)
                if held is not None:
                    results.append(held)
                    continue
                typed, scalar, unsure = _step_definitions(step, lhs, rhs, document, context)
                if unsure:
                    ambiguous_at[len(results)] = unsure
                pending.append((len(results), step))
                readings = ng.readings(step)  # Andrew Ng's dz, dW: judged under each reading (ng_names)
                args = (context.scoped.at(typed_notation, step), typed, seed, examples, scalar)
                jobs.append(ng_job(judge_step, readings, *args) if readings else (judge_step, (step, lhs, rhs, *args)))
                results.append(None)
        outs = steps_as_written(runner.run_all(context.unstated.settle(jobs, own_entries)), context.unstated, pending)
        for (k, step), out in zip(pending, outs, strict=True):
            results[k] = StepResult(step, out["status"], out.get("counterexample"), out.get("message", ""))
            results[k].method, results[k].seconds = out.get("method", ""), out.get("seconds", 0.0)
            if k in ambiguous_at:
                results[k] = _hold_ambiguous(results[k], ambiguous_at[k], document, notation, context.plain_after)
            results[k] = with_notation_values(results[k], document.fallback_for(step))
        again = Rejudge(runner, typed_notation, seed, examples, judge_step)  # other readings of some verdicts
        judged = refute_with_every_value([r for r in results if r], document, again)  # x = 2, then x = 3: each
        judged = release_document_functions(judged, equations, notation, *context.own_functions)
        judged = hold_mixed_activations(read_again(judged, document, notation, again), document, again)  # readings
        judged = hold_other_losses(note_definitions(judged, document.defs), document.defs)  # the notes on steps
        # implied_losses' readings said where they decide; a function defined anew only confirms (scoped_functions)
        judged = context.scoped.hold(document.implied.explain(judged, text), notation)
        judged = confirm_restatements(judged, equations, notation, document, again)  # J(θ) = … again
        judged = hold_partials(judged, equations, document, again)  # ∂R(a, b)/∂a holds b, ∂x̂/∂x σ² (graph_partials)
        judged = last_passes(judged, equations, text, notation, typed_notation)
        judged = confirm_implicit_losses(judged, context, notation, again)  # ∂R/∂v_{qp} = ε_q h_p, R unwritten
        report.results.extend(_layer_passes(judged, context, notation, again, (text, equations)))  # z^l, x_i^T w
        rerun = partial(_rerun, text, file=file, markdown=markdown, examples=examples, seed=seed, runner=runner)
        report.results = with_variable_e_reading(report.results, equations, given, rerun)  # e = a b beside e^{2x}
    finally:
        if own:
            runner.close()
    report.seconds = time.perf_counter() - start
    return report


def _layer_passes(
    judged: list[StepResult], context: Any, notation: Notation, again: Any, document: tuple[str, list]
) -> list[StepResult]:
    """The last readings: a layer's definition at the layer a step writes (layer_instances), then a
    layer's gradients for any loss (layer_gradients: δ^l (a^{l-1})^T); last, per-example vectors
    (vector_families: x_i^T w, x_i one of n vectors). ``document``: its text and its formulas."""
    text, equations = document
    judged = confirm_layer_gradients(confirm_layer_readings(judged, context, notation, again), context, text)
    judged = confirm_index_layer_gradients(judged, context, text)  # the same per index: ∂C/∂w^l_{jk} = δ^l_j a^{l-1}_k
    return confirm_vector_families(judged, context, " ".join(e.text for e in equations), again)


def _rerun(text: str, notation: Notation, **options: Any) -> list[StepResult]:
    """The document checked again under another notation (variable_e_pass)."""
    return check_text(text, notation, **options).results


def _read_sides(step: Step, notation: Notation) -> tuple[Normalized, Normalized]:
    """Both sides of a step, read; a bare document function means it at the one argument its chain
    applies it at (function_uses.chain_arguments)."""
    chained = replace(notation, chain_arguments=dict(step.chain_args)) if step.chain_args else notation
    return normalize(step.lhs, chained, step.chain_var), normalize(step.rhs, chained, step.chain_var)


def _step_definitions(
    step: Step, lhs: Normalized, rhs: Normalized, document: DocumentDefinitions, context: Any = None
) -> tuple[dict[str, Node], Definitions, set[str]]:
    """The document's definitions that hold at a step, and the names it uses that have two
    values there. Such a name is judged as a free symbol: a step that holds for every value
    holds for the one meant, and one that fails is not called wrong (see _hold_ambiguous).
    ``context`` (document_context.DocumentContext): the names defined both as a function and by a
    plain value, those of them whose later plain value holds here (later_plain_values), and the
    notes of what each step differentiates (unstated_dependence)."""
    doubled: frozenset[str] = context.doubled if context is not None else frozenset()
    notes: DependenceNotes | None = context.unstated if context is not None else None
    plain = context.plain_at(step) if context is not None else frozenset()
    differentiates = bool(lhs.derivatives or rhs.derivatives)  # keeps the formulas (unwritten_parts)
    typed, scalar = document.for_step(step.line, step.column, step.rhs, derivative=differentiates)
    ambiguous = document.ambiguous(step.line, step.column) | doubled
    used = lhs.symbol_names | rhs.symbol_names
    # P(y=1|x) valued through P(y|x) = …: the names of that value count as used, its letters (bound) not
    through = instance_sources(used, scalar)
    used |= {n for key in through for n in scalar[key][1].symbol_names if n not in key_letters(key)}
    if lhs.problems or rhs.problems:  # a side the scalar reader left: its names as written (errs on yes)
        used |= {n for n in ambiguous if uses_name(f"{step.lhs} = {step.rhs}", n)}
    unsure = (ambiguous & used) | document.shorthand_families(used)
    if differentiates:  # E_{o2} only a number beside a written-out E_{o1}: judged free (unwritten_parts)
        unsure |= set(unwritten_parts(used, scalar))
    # free: the names given two values themselves; a name defined from one of them (y = σ(z), z =
    # w x + b, x given twice) keeps its formula, with that name free in it, and any verdict but ok
    # is still held for it (_hold_ambiguous): what holds for every x holds for the x meant
    given_twice = {r.name for r in document.reassigned if r.line <= step.line}  # or later on its line: cases
    # a doubled name given its plain value after the function keeps that value (``plain``), still
    # held unless ok (later_plain_values)
    free = (unsure - ambiguous) | given_twice | ((doubled & used) - plain)
    if unsure:
        typed = {k: (Opaque(k) if k in free else v) for k, v in typed.items()}
        scalar = {k: v for k, v in scalar.items() if k not in free}
    if differentiates:  # L = 9, then L = d^2: a derivative of L means the formula (reassigned_formulas)
        typed, scalar = with_latest_formulas(typed, scalar, document, step, free)
    if notes is not None:  # what the step differentiates, for the other steps (unstated_dependence)
        notes.note((lhs, rhs), scalar)
    return typed, scalar, unsure | (ambiguous & through)


def _hold_ambiguous(
    result: StepResult, names: set[str], document: DocumentDefinitions, notation: Notation,
    later: dict[str, tuple[int, int]] | None = None,
) -> StepResult:
    """A step using a name with two values (or a shorthand family's name) was judged with that
    name free: ``ok`` stands (it holds for every value), anything else is inconclusive and says why.
    ``later``: the names read at their later plain value (later_plain_values), said on an ok."""
    if result.status in ("ok", "unparsed"):
        return noted_plain(result, names, later or {})
    shorthands = document.shorthand_families(names)
    unwritten = step_unwritten(*_read_sides(result.step, notation), document, result.step)
    listed = ", ".join(sorted(names))
    why = f"{listed} has more than one value in the document by here (assigned again), so it is not judged"
    if names <= shorthands:
        why = f"{listed} is defined in its index alone (a shorthand): its value is not known, so the step is not judged"
    if unwritten and names <= set(unwritten):  # E_{o2} = 0.0236 beside E_{o1} = ½(t₁ − out_{o1})² (unwritten_parts)
        first = sorted(names)[0]
        why = UNWRITTEN.format(first, unwritten[first])
    return result.held(why)


def judge_step(
    step: Step,
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    notation: Notation,
    definitions: dict[str, Node],
    seed: int = 0,
    examples: int = 60,
    named: Definitions | None = None,
) -> dict[str, Any]:
    """The worker's job for one equality step (:func:`_judge_written`); a ``wrong`` equation between
    differentials (``du = 3dx``) is judged again as the quotient it states, du/dx = 3, and that
    verdict is the step's (differentials). Any other ``wrong`` is weighed again under readings the
    author may have meant (power_labels, scientific_e, distinct_indices): one that holds makes it
    inconclusive."""
    def judged_as(reading: Step, sides: tuple[Normalized, Normalized] | None = None, by: Any = None) -> dict[str, Any]:
        """The step read otherwise (other text, or one more condition on the sides as read), judged."""
        sides = sides or _read_sides(reading, notation)
        return (by or _judge_written)(reading, *sides, notation, definitions, seed, examples, named)

    out = _judge_written(step, lhs_norm, rhs_norm, notation, definitions, seed, examples, named)
    if out["status"] != "wrong":  # a cases side or one-entry matrices not read whole: by parts (environment_steps)
        return by_parts(step, out, partial(judged_as, by=judge_step))

    quotient = differential_quotient(step)
    if quotient is not None:
        again = judged_as(quotient)
        return {**again, "message": f"read as differentials, {quotient.lhs} = {quotient.rhs}: {again['message']}"}
    if glued := glued_names(step):  # dP = dO V^T: d-names, never d times P (differentials)
        name = glued[0]
        why = f"; but {name} may be a differential or a gradient's name (∂L/∂{name[1:]}), not d times {name[1:]}"
        return held_back(out, why)
    # y_k^n beside y_k: n may be example n's label (power_labels); 4.25e^{-13} is 4.25 × 10^{-13} (scientific_e);
    # ∂s_z/∂x_i = -s_z s_i, meant for z ≠ i (distinct_indices: the sides as read, under one more condition)
    if why := iterated_name(step):  # η^t = η/√(t+1): η at update t (power_labels)
        return held_back(out, why)
    apart = distinct_indices(step, out.get("counterexample"))
    # other readings the author may have meant: labels, 4.25e^{-13}, I, P^2 = P, A = A^T, ⊗ (meant_readings)
    readings = [(s, None, why) for s, why in meant_readings(step, notation, {*definitions, *(named or {})})]
    # e^{z_i}/Σ_c e^{z_c} = e^{z_1}/(e^{z_1} + e^{z_2}): the case i = 1 the other side writes (specialized_indices)
    special = [(s, (lhs_norm, rhs_norm), w) for s, w in specialized_indices(step, out.get("counterexample"))]
    if rooted := positive_root_notation(step, notation):  # √(2E/(mω²)) … = E/ω: ω a magnitude (root_squares)
        special.append((step, _read_sides(step, rooted[0]), rooted[1]))
    for reading, sides, why in [*readings, (apart, (lhs_norm, rhs_norm), DISTINCT), *special]:
        if reading is None:
            continue
        again = judged_as(reading, sides)
        if again["status"] == "ok" or (why is SCIENTIFIC and near_enough(again)):
            return held_back(out, why)
    return held_back(out, out[ONE_SIDED]) if ONE_SIDED in out else out  # q_i for e^{z_i}/Σ (one_sided_names)


def _judge_written(
    step: Step,
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    notation: Notation,
    definitions: dict[str, Node],
    seed: int = 0,
    examples: int = 60,
    named: Definitions | None = None,
) -> dict[str, Any]:
    """One equality step as written: the matrix judge first (it declines scalar steps), then the scalar
    judge; the step's conditions are assumptions for both, the names defined before it (``named``) values."""
    named, readings = split_unstated(named, (lhs_norm, rhs_norm), own_reading)  # unknown functions last
    landau = landau_verdict(step.lhs, step.rhs, {*definitions, *(named or {}), *notation.shapes})
    if landau is not None:  # O(…) = O(…): classes of functions, not values (landau)
        return landau
    early = unjudged_form(step, notation)  # Σx_i = 23 \quad Σx_i² = 267, v × w, δ_{ij} = s_j − s_i, 0 = 1
    if early is not None:
        return early
    # a prose condition about a letter the step never writes (j = i) constrains nothing here
    conditions = bearing_conditions(step.conditions, (step.lhs, step.rhs), notation, definitions, named)
    definitions, named = supposed_values(conditions, definitions, named)  # y = 0 ⇒ …: the case's y, not the page's
    typed, why = judge_sides(step.lhs, step.rhs, notation, conditions, definitions, seed)
    if typed is not None:  # -2[x]_2 + 1 = 0 of a sampled x: a hyperplane, not an identity (set_equations)
        guarded = guard_verdict(step, typed, (lhs_norm, rhs_norm))
        return hold_set_equation(guarded, (lhs_norm, rhs_norm), {*definitions, *(named or {})})
    problems = [f"left side: {p}" for p in lhs_norm.problems] + [f"right side: {p}" for p in rhs_norm.problems]
    facts, einstein, pairs = notation.sums_to_one, notation.einstein, notation.case_pairs

    def judged(lhs: Normalized, rhs: Normalized, known: Definitions = named) -> dict[str, Any]:
        return check_step(lhs, rhs, seed, examples, conditions, known, facts, einstein, pairs, notation.entry_sums)

    # Q(0) = \frac{e^3}{e^3 + e^{-2}}: a value the document gives, written exactly (valued_calls)
    valued = frozenset(k for k, (_, value) in (named or {}).items() if is_call_key(k) and "." not in value.source)
    called = judge_calls(step, problems, notation, _read_sides, judged, valued)
    if called is not None:  # f(x) of an undefined f: one unknown value, else an unknown function (applied_calls)
        return called
    if problems:
        # why a matrix written out was not read (matrix_literals.py) is worth showing too
        shown = why and (not why.startswith("could not read") or why.startswith("could not read a matrix"))
        note = f" (as matrices: {why})" if shown else ""
        status = "inconclusive" if why and EVERY_READING_WRONG in why else "unparsed"  # read as matrices
        return verdict(status, "could not read " + "; ".join(problems) + note, "normalize")
    out = judged(lhs_norm, rhs_norm)
    for reading in readings:  # a dependence the document does not state: read with it (own_costs: ok or wrong only)
        again = said(judged(lhs_norm, rhs_norm, reading), reading) if undetermined(out) else out
        out = decisive_only(out, again, reading, (lhs_norm, rhs_norm))

    def summing_to_one(families: frozenset[str]) -> dict[str, Any]:
        return check_step(lhs_norm, rhs_norm, seed, examples, conditions, named, facts | families, einstein, pairs)

    out = as_distributions(out, (lhs_norm, rhs_norm), named, summing_to_one)  # p(x): a distribution? (index_calls)

    def other() -> dict[str, Any]:  # \log a b as log(ab), a/b c as (a/b)c, d/da w a + b: asked of a step with one
        wide = replace(
            notation,
            log_takes_product=True,
            slash_takes_factor=True,
            operator_takes_sum=True,
            scope_ends_at_index=True,
            sum_takes_index_terms=True,
        )
        return judged(*_read_sides(step, wide))  # (verdict_guards)

    if out["status"] == "ok" and why and any(m in why for m in SCALARS_ONLY):  # ∂Z/∂W = A: for scalars only
        out = {**out, "status": "inconclusive", "message": f"{out['message']} if the names were scalars"}
    # what the matrices showed, beside an unread scalar step too (db = (1/m) dZ: shapes differ)
    if out["status"] in ("inconclusive", "unparsed") and why and "no vector or matrix" not in why:
        out = {**out, "message": f"{out['message']}; as matrices: {why}"}
    held = guard_verdict(step, prose_valued(out, notation.prose_values), (lhs_norm, rhs_norm), other, (named, notation))
    held = stated_base_verdict(held, step, notation.log_bases, lambda s: judged(*_read_sides(s, notation)))
    held = unread_verdict(held, (lhs_norm, rhs_norm), named, notation)  # δ_j = ∂C/∂z_j, C never given (unread_steps)
    if held["status"] == "inconclusive" and DOT_GUARD in held["message"]:  # wrong whatever θ^T x is? (opaque_dots)
        opaque = opaque_notation(notation, pairs := reached_dots((lhs_norm, rhs_norm), named))
        again = opaque_dot_verdict(held, pairs, sides := _read_sides(step, opaque), named, opaque, judged)
        if again is not held:  # the other guards, not the dot product's again
            return guard_verdict(step, prose_valued(again, notation.prose_values), sides)
    return held


def check_step(
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    seed: int = 0,
    examples: int = 60,
    conditions: tuple[str, ...] = (),
    named: Definitions | None = None,
    facts: frozenset[str] = frozenset(),
    einstein: bool = False,
    case_pairs: frozenset[str] = frozenset(),
    entry_sums: tuple[tuple[str, ...], ...] = (),
) -> dict[str, Any]:
    """Parse both sides and decide the step as scalars. Runs inside the worker process;
    ``facts`` names the families the document states sum to one (assumptions for ok only), and
    ``entry_sums`` the entries it states sum to one written out (T_1 + T_2 + T_3 = 1)."""
    named = named or {}
    family = sorted(set(_family_letters([lhs_norm, rhs_norm], named)) | named_sum_letters([lhs_norm, rhs_norm], named))
    family = sorted(set(family) | hot_letters(lhs_norm.symbol_names | rhs_norm.symbol_names, facts))  # y_o: true class
    family = sorted(set(family) | fixed_family_letters([lhs_norm, rhs_norm], named)[0])  # out_o of Σ_{o=1}^{2}
    implied = einstein and einstein_free_indices(lhs_norm, rhs_norm, named) is not None
    named_sum = any(n.startswith("\\sum_") for norm in (lhs_norm, rhs_norm) for n in norm.symbol_names)
    # a name whose value is a sum (L read by implied_losses as -Σ_i y_i log p_i) is expanded too
    named_sum = named_sum or uses_summed_value([lhs_norm, rhs_norm], named)
    indexed = condition_indices([lhs_norm, rhs_norm], fixed_definitions(named))  # δ_{ik}, 1_{i=j}; δ_{o1} defined: none
    if lhs_norm.sums or rhs_norm.sums or family or indexed or implied or named_sum:
        out = check_indexed(lhs_norm, rhs_norm, seed, examples, conditions, named, family, facts, einstein, case_pairs)
        if out["status"] == "wrong" and not einstein and contracted_indices(lhs_norm, rhs_norm, named):
            # δ_ik δ_il = δ_kl: index notation sums the repeated i (einstein.summed_reading)
            again = (lhs_norm, rhs_norm, seed, examples, conditions, named, family, facts, True, case_pairs)
            out = summed_reading(out, check_indexed(*again))
    else:
        plain = _check_plain(lhs_norm, rhs_norm, seed, examples, named, entry_sums, conditions)
        out = guard_conditions(plain, conditions, checked=plain.pop(CONDITIONS_CHECKED, False))
    return hold_vanished(out, (lhs_norm, rhs_norm))  # 0 = 0 as read is no evidence


def _family_letters(norms: list[Normalized], named: Definitions) -> list[str]:
    """Index letters of names that a document-defined family gives values (a_i from a_j = …)."""
    families = {(p[0], p[2]) for key, (letters, _) in named.items() if letters and (p := split_name(key))}
    out: set[str] = set()
    for norm in norms:
        for name in norm.symbol_names:
            parts = split_name(name)
            # E_{total} beside a defined family E_o: a word names one quantity (example_labels)
            if parts and (parts[0], parts[2]) in families and parts[1].isalpha() and not word_subscript(parts[1]):
                out |= set(parts[1])
    return sorted(out)


def _check_plain(
    lhs_norm: Normalized,
    rhs_norm: Normalized,
    seed: int,
    examples: int,
    named: Definitions,
    entry_sums: tuple[tuple[str, ...], ...] = (),
    conditions: tuple[str, ...] = (),
) -> dict[str, Any]:
    try:
        lhs = to_sympy(lhs_norm, definitions=named)
        rhs = to_sympy(rhs_norm, definitions=named)
    except Unparsed as exc:
        return {"status": "unparsed", "counterexample": None, "message": f"could not read {exc}", "method": "parse"}
    rounded = judge_rounded(lhs_norm.latex, rhs_norm.latex, lhs, rhs)
    rounded = rounded or judge_rounded_list(lhs_norm.source, rhs_norm.source, lhs, rhs)  # [0.0430, 0.0043]
    rounded = rounded or judge_computed_inputs(lhs_norm, rhs_norm, lhs, rhs, named)  # 0.524(0.476) = 0.2497
    rounded = rounded or judge_whole_rounded(lhs_norm.source, rhs_norm.source, lhs, rhs)  # 54,825/23 = 2,384
    if rounded is not None:  # -\log(0.245) = 1.406: a value printed to three places
        return rounded
    matrices = sorted(set(lhs_norm.matrices) | set(rhs_norm.matrices))
    units = {n for n, d in {**lhs_norm.domains, **rhs_norm.domains}.items() if d == "unit"}

    # "for $z > 0$": the prover's assumption, so a counterexample is one inside it (sign_conditions)
    bounds = sign_relations(conditions, lhs.free_symbols | rhs.free_symbols) if conditions else None

    def judged(left: Any, right: Any) -> dict[str, Any]:
        return decide(left, right, matrices=matrices, seed=seed, examples=examples, units=units, conditions=bounds)

    # P_1(T_1 + T_2 + T_3) - T_1 = P_1 - T_1 where the document says T_1 + T_2 + T_3 = 1 (stated_entry_sums)
    return with_entry_sums(judged(lhs, rhs), lhs, rhs, entry_sums, judged)
