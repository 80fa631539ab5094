"""Render the verified catalogue into generated/: the NumPy reference module and the report.

Both artefacts are printed from the same SymPy objects the verifier checked: each gradient line
of the reference module is an identity's ``statement()`` right side printed by
derive.codegen.ReferencePrinter (derive.reference); the report's formulas are those statements
printed by derive.latex. The templates (templates/*.j2, shipped as derive.templates) only supply
the skeleton. Renders are byte-identical run to run: no dates, no timings, no set or dict order
that depends on hashing, errors rounded at a fixed seed.

This module holds the report; it also re-exports the names of derive.templating,
derive.reference and derive.pdf that callers use through ``derive.render``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy as sp

from derive import notation as nt
from derive.latex import evidence_text, identity_latex, plain_text, seed_latex, text_to_latex
from derive.pdf import LatexMissing, PdfOutcome, compile_pdf
from derive.reference import (
    FUNCTION_IDS,
    REFERENCE_LINES,
    REFERENCE_MODULE,
    catalogue_statements,
    reference_code,
    render_reference,
)
from derive.templating import RenderRefused, compare_dirs, environment, unified_diff, write_files

__all__ = [
    "REFERENCE_MODULE",
    "REPORT",
    "REFERENCE_LINES",
    "RenderRefused",
    "LatexMissing",
    "PdfOutcome",
    "environment",
    "catalogue_statements",
    "reference_code",
    "render_reference",
    "check_verdicts",
    "render_report",
    "render_all",
    "write_files",
    "compare_dirs",
    "unified_diff",
    "compile_pdf",
]

REPORT = "report.tex"


# --------------------------------------------------------------------------- report

#: Section headings of the catalogue's topics, in the order of IDENTITIES.md (the order a course
#: builds them up in); an unknown topic follows, headed by its own name capitalised.
TOPIC_HEADINGS: dict[str, str] = {
    "activations": "Scalar functions and activations",
    "norms": "Norms and penalties",
    "softmax": "Softmax",
    "loss": "Cross-entropy",
    "cross-entropy": "Cross-entropy",
    "mlp": "One example, column layout, LeakyReLU hidden layer",
    "mlp-column": "One example, column layout, LeakyReLU hidden layer",
    "column": "One example, column layout, LeakyReLU hidden layer",
    "mlp-batch": "Batch, row layout, ReLU hidden layer, penalties",
    "batch": "Batch, row layout, ReLU hidden layer, penalties",
    "counting": "Counting parameters",
    "matrix-calculus": "Matrix-calculus preliminaries",
    "preliminaries": "Matrix-calculus preliminaries",
}
_TOPIC_ORDER = list(TOPIC_HEADINGS)


def check_verdicts(results: Sequence[Any], seed_results: Sequence[Any]) -> None:
    """Raise RenderRefused naming every identity that is not verified and every seed claim
    that is not refuted."""
    unverified = [r.identity.id for r in results if r.verdict != "verified"]
    unrefuted = [r.identity.id for r in seed_results if r.verdict != "refuted"]
    parts = []
    if unverified:
        parts.append("not verified: " + ", ".join(unverified))
    if unrefuted:
        parts.append("seed claims not refuted: " + ", ".join(unrefuted))
    if parts:
        raise RenderRefused("refusing to render; " + "; ".join(parts))


def _heading(title: str) -> str:
    """A section title in LaTeX, with an ASCII form for the PDF bookmarks when they differ."""
    latex = text_to_latex(title)
    if latex == title:
        return latex
    return rf"\texorpdfstring{{{latex}}}{{{plain_text(title)}}}"


def _sources(identity: Any) -> str:
    return "; ".join(text_to_latex(s) for s in identity.sources)


def _derivation(text: str) -> str:
    """A derivation: LaTeX math when it has a LaTeX command (displayed, shrunk to fit),
    otherwise plain text (Unicode symbols typeset by text_to_latex)."""
    text = text.strip()
    if not text:
        return ""
    if "\\" in text:
        return r"\formula{" + text + "}"
    return text_to_latex(text)


def identity_id(identity_id_: str) -> str:
    """An id in typewriter type that may break after its hyphens (ids never hyphenate)."""
    return r"\identityid{" + text_to_latex(identity_id_).replace("-", r"-\allowbreak{}") + "}"


def _uses(identity: Any, known: set[str]) -> str:
    refs = []
    for used in identity.uses:
        name = identity_id(used)
        refs.append(rf"\hyperref[id:{used}]{{{name}}}" if used in known else name)
    return ", ".join(refs)


def _evidence(result: Any) -> str:
    return evidence_text(result)


def _value(v: Any) -> str:
    """A counterexample's value in math mode: SymPy values printed, anything else as text."""
    return seed_latex(v) if isinstance(v, sp.Basic) else text_to_latex(str(v))


def _counterexample(result: Any) -> str:
    """The counterexample of a refuted claim as LaTeX text (symbolic first, else numeric)."""
    cex = result.symbolic.counterexample
    if cex is not None:
        point = ", ".join(rf"\texttt{{{text_to_latex(str(k))}}} $= {_value(v)}$" for k, v in cex.point.items())
        where = f" ({text_to_latex(cex.where)})" if cex.where else ""
        at = f"at {point}" if point else "with no inputs"
        lhs, rhs = text_to_latex(cex.lhs), text_to_latex(cex.rhs)
        return rf"{at}{where}: left side $=$ \texttt{{{lhs}}}, right side $=$ \texttt{{{rhs}}}."
    detail = result.symbolic.detail if hasattr(result.symbolic, "detail") else ""
    if result.symbolic.method == "shape" and detail:
        return text_to_latex(detail) + "."
    numeric = result.numeric.counterexample
    if numeric:
        shown = ", ".join(
            f"{text_to_latex(str(k))} $=$ \\texttt{{{text_to_latex(str(v))}}}" for k, v in sorted(numeric.items())
        )
        return "found by sampling: " + shown + "."
    return text_to_latex(detail or "refuted") + "."


#: Above this many characters of LaTeX, an explicit instance (a seed claim without a
#: symbolic-shape statement, printed entry by entry) is unreadable even when shrunk.
MAX_INSTANCE_LATEX = 600


def _seed_statement(identity: Any) -> str:
    """A refuted claim's formula: its statement, or its smallest instance when that is short
    enough to read; otherwise a sentence saying so (the title states the claim)."""
    text = identity_latex(identity)
    if identity.statement is None and len(text) > MAX_INSTANCE_LATEX:
        return r"\text{(the explicit instance is too large to print; the title states the claim)}"
    return text


def report_context(results: Sequence[Any], seed_results: Sequence[Any], *, seed: int) -> dict[str, Any]:
    """Everything report.tex.j2 needs, in catalogue order (deterministic)."""
    known = {r.identity.id for r in results} | {r.identity.id for r in seed_results}
    topics: list[dict[str, Any]] = []
    by_key: dict[str, dict[str, Any]] = {}
    for r in results:
        i = r.identity
        if i.topic not in by_key:
            heading = TOPIC_HEADINGS.get(i.topic, i.topic.replace("-", " ").capitalize())
            by_key[i.topic] = {"key": i.topic, "heading": _heading(heading), "entries": []}
            topics.append(by_key[i.topic])
        by_key[i.topic]["entries"].append(
            {
                "id": i.id,
                "id_text": identity_id(i.id),
                "heading": _heading(i.title),
                "sources": _sources(i),
                "statement": identity_latex(i),
                "convention": text_to_latex(i.convention) if i.convention else "",
                "derivation": _derivation(i.derivation),
                "uses": _uses(i, known),
                "evidence": _evidence(r),
            }
        )
    # Sections in the order of IDENTITIES.md; identities within a section in catalogue order.
    order = {t: k for k, t in enumerate(_TOPIC_ORDER)}
    topics.sort(key=lambda t: order.get(t["key"], len(order)))
    refuted = [
        {
            "id": r.identity.id,
            "id_text": identity_id(r.identity.id),
            "heading": _heading(r.identity.title),
            "sources": _sources(r.identity),
            "statement": _seed_statement(r.identity),
            "derivation": text_to_latex(r.identity.derivation) if r.identity.derivation else "",
            "counterexample": _counterexample(r),
        }
        for r in seed_results
    ]
    batch = ",\\quad ".join(
        f"{name} = {seed_latex(expr, expand=(expr,))}"
        for name, expr in (("z^{(2)}", nt.z2), ("a^{(2)}", nt.a2), ("z^{(3)}", nt.z3), ("P", nt.P))
    )
    column = ",\\quad ".join(
        f"{name} = {seed_latex(expr, expand=(expr,))}"
        for name, expr in (
            (r"\mathbf{h}^{a}", nt.h_a),
            (r"\mathbf{h}^{s}", nt.h_s),
            (r"\mathbf{o}^{a}", nt.o_a),
            (r"\mathbf{o}^{s}", nt.o_s),
        )
    )
    functions = [
        (text_to_latex(name), ", ".join(identity_id(i) for i in ids) if ids else "(the forward pass only)")
        for name, ids in FUNCTION_IDS
    ]
    return {
        "topics": topics,
        "refuted": refuted,
        "n_verified": len(results),
        "n_refuted": len(seed_results),
        "seed": seed,
        "forward": {"batch": batch, "column": column},
        "reference_functions": functions,
    }


def render_report(results: Sequence[Any], seed_results: Sequence[Any], *, seed: int = 0) -> str:
    """The text of generated/report.tex."""
    template = environment(latex=True).get_template("report.tex.j2")
    return template.render(**report_context(results, seed_results, seed=seed))


def render_all(results: Sequence[Any], seed_results: Sequence[Any], *, catalogue: Any, seed: int = 0) -> dict[str, str]:
    """Both artefacts, after checking every verdict: {file name: text}."""
    check_verdicts(results, seed_results)
    return {
        REFERENCE_MODULE: render_reference(catalogue_statements(catalogue)),
        REPORT: render_report(results, seed_results, seed=seed),
    }
