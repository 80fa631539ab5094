"""Render the verified catalogue into generated/: the NumPy reference module and the report.

Both artefacts are printed from the same SymPy objects the verifier checked: each gradient line
of the reference module is an identity's ``statement()`` right side printed by
derive.codegen.ReferencePrinter; the report's formulas are those statements printed by
derive.latex. The templates (templates/*.j2, shipped as derive.templates) only supply the
skeleton. Renders are byte-identical run to run: no dates, no timings, no set or dict order
that depends on hashing, errors rounded at a fixed seed.
"""

from __future__ import annotations

import difflib
import filecmp
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import sympy as sp

from derive import notation as nt
from derive.codegen import numpy_code
from derive.errors import DeriveError
from derive.latex import evidence_text, identity_latex, plain_text, seed_latex, text_to_latex

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

REFERENCE_MODULE = "mlp_reference.py"
REPORT = "report.tex"


# --------------------------------------------------------------------------- templates


def _load_template(name: str) -> str | None:
    """A template's text from the package derive.templates (the repository's templates/ in an
    editable install, the wheel's copy otherwise)."""
    resource = resources.files("derive.templates").joinpath(name)
    if not resource.is_file():
        return None
    return resource.read_text(encoding="utf-8")


#: LaTeX is full of {# and {%: the .tex templates use ((( ))), ((* *)) and ((# #)) instead.
LATEX_DELIMITERS = {
    "block_start_string": "((*",
    "block_end_string": "*))",
    "variable_start_string": "(((",
    "variable_end_string": ")))",
    "comment_start_string": "((#",
    "comment_end_string": "#))",
}


def environment(latex: bool = False) -> jinja2.Environment:
    """Jinja loading templates from the installed package (derive.templates), so a wheel
    renders without the source tree. StrictUndefined: a missing value is an error, never ''."""
    return jinja2.Environment(
        **(LATEX_DELIMITERS if latex else {}),
        loader=jinja2.FunctionLoader(_load_template),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        trim_blocks=False,
        lstrip_blocks=False,
    )


# --------------------------------------------------------------------------- reference module


@dataclass(frozen=True)
class Line:
    """One printed line of the reference module: its template key, the identity whose verified
    statement supplies the expression, and the penalty variant of that statement."""

    key: str
    identity: str
    #: Local name under which later lines may reuse this expression (common sub-expression).
    name: str | None = None


#: Which identity's statement becomes which line of the module. The statement's right side is
#: printed as is; nothing here restates a formula.
REFERENCE_LINES: tuple[Line, ...] = (
    Line("dz3", "batch-ce-gradient-z3", name="dz3"),
    Line("W2_l2", "batch-grad-W2-l2"),
    Line("b2", "batch-grad-b2"),
    Line("W1_l2", "batch-grad-W1-l2"),
    Line("b1", "batch-grad-b1"),
    Line("W2_elastic", "batch-grad-W2-elastic"),
    Line("W1_elastic", "batch-grad-W1-elastic"),
    Line("g_o_a", "ce-gradient-logits", name="g_o_a"),
    Line("column_W2", "mlp-grad-W2"),
    Line("column_b2", "mlp-grad-b2"),
    Line("g_h_s", "mlp-grad-hs", name="g_h_s"),
    Line("g_h_a", "mlp-grad-ha", name="g_h_a"),
    Line("column_W1", "mlp-grad-W1"),
    Line("column_b1", "mlp-grad-b1"),
    Line("column_x", "mlp-grad-x"),
)

#: The module's public functions and the identities each one implements (shown in the
#: module's IDENTITIES table; the docstrings in the template name the same ids).
FUNCTION_IDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("forward", ("softmax-shift-invariance", "softmax-simplex")),
    ("probabilities", ("softmax-shift-invariance", "softmax-simplex")),
    ("scores", ("batch-ce-gradient-z3",)),
    ("loss", ("cross-entropy-logits", "softmax-shift-invariance")),
    ("loss_and_grads", ("batch-ce-gradient-z3", "batch-grad-W2-l2", "batch-grad-b2", "batch-grad-W1-l2", "batch-grad-b1", "cross-entropy-logits", "softmax-shift-invariance", "relu-derivative")),
    ("loss_elastic", ("cross-entropy-logits", "softmax-shift-invariance")),
    ("loss_and_grads_elastic", ("batch-ce-gradient-z3", "batch-grad-W2-elastic", "batch-grad-b2", "batch-grad-W1-elastic", "batch-grad-b1", "elastic-net-gradient", "relu-derivative")),
    ("column_forward", ("softmax-shift-invariance", "softmax-simplex")),
    ("column_loss", ("cross-entropy-logits", "softmax-shift-invariance")),
    ("column_loss_and_grads", ("ce-gradient-logits", "mlp-grad-W2", "mlp-grad-b2", "mlp-grad-hs", "mlp-grad-ha", "mlp-grad-W1", "mlp-grad-b1", "mlp-grad-x", "leaky-relu-derivative", "elastic-net-gradient")),
)

StatementSource = Callable[[str], sp.Basic]


def catalogue_statements(catalogue: Any) -> StatementSource:
    """The right side of ``catalogue[id].statement()``; an id without a statement is an error
    (the module must not fall back to a formula nobody verified)."""

    def rhs(identity_id: str) -> sp.Basic:
        if identity_id not in catalogue:
            raise RenderRefused(f"cannot render the reference module: the catalogue has no identity {identity_id!r}")
        identity = catalogue[identity_id]
        if identity.statement is None:
            raise RenderRefused(f"cannot render the reference module: identity {identity_id!r} has no statement to print")
        return identity.statement()[1]

    return rhs


def _forward_definitions() -> tuple[list[tuple[str, sp.Basic]], list[tuple[str, sp.Basic]]]:
    """The forward quantities (definitions of the layouts, not claims): batch and column."""
    batch = [("z2", nt.z2), ("a2", nt.a2), ("z3", nt.z3), ("P", nt.P)]
    column = [("h_a", nt.h_a), ("h_s", nt.h_s), ("o_a", nt.o_a), ("o_s", nt.o_s)]
    return batch, column


#: A statement about a generic variable (∂J/∂z3 for any logits z3, ∂L/∂o for any o) is used at
#: the layout's forward quantity: its free matrix of that name is bound to the definition, so
#: the printed line reads the value the forward pass computed (and shares its sub-expressions).
BINDINGS: dict[str, sp.Basic] = {"z3": nt.z3, "o": nt.o_a, "o_a": nt.o_a, "h_s": nt.h_s, "h_a": nt.h_a, "z2": nt.z2, "a2": nt.a2}


_ELEMENT = sp.Symbol("_element", real=True)


def canonical(expr: sp.Basic) -> sp.Basic:
    """Rename the bound variable of every element-wise lambda to one fixed symbol, so that the
    same mask built by two calls (each with its own Dummy) is recognised as one sub-expression."""
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    def rename(e: ElementwiseApplyFunction) -> ElementwiseApplyFunction:
        (var,) = e.function.variables
        body = e.function.expr.xreplace({var: _ELEMENT})
        return ElementwiseApplyFunction(sp.Lambda(_ELEMENT, body), canonical(e.expr))

    return expr.replace(lambda e: isinstance(e, ElementwiseApplyFunction), rename)


def bind(expr: sp.Basic) -> sp.Basic:
    """Replace free MatrixSymbols named in BINDINGS by the forward quantities (same shape)."""
    replace = {}
    for sym in expr.atoms(sp.MatrixSymbol):
        target = BINDINGS.get(sym.name)
        if target is not None and sym != target and sym.shape[1] == target.shape[1]:
            replace[sym] = target
    return canonical(expr.xreplace(replace) if replace else expr)


def _by_name(expr: sp.Basic, values: Mapping[str, sp.Basic]) -> sp.Basic:
    """Substitute the free symbols / matrices of ``expr`` named in ``values`` (a statement about
    a generic W and λ, used at a particular layer); every name must occur."""
    atoms = {a.name: a for a in expr.atoms(sp.Symbol, sp.MatrixSymbol)}
    missing = sorted(set(values) - set(atoms))
    if missing:
        raise RenderRefused(f"cannot render the reference module: the statement has no {', '.join(missing)}")
    return expr.xreplace({atoms[name]: value for name, value in values.items()})


def reference_code(statement: StatementSource) -> dict[str, str]:
    """Every formula of the reference module as NumPy code, keyed as the template uses them."""
    batch, column = _forward_definitions()
    batch = [(k, canonical(e)) for k, e in batch]
    column = [(k, canonical(e)) for k, e in column]
    code: dict[str, str] = {}
    batch_names: dict[sp.Basic, str] = {}
    for key, expr in batch:
        code[key] = numpy_code(expr, batch_names)
        batch_names[expr] = key
    column_names: dict[sp.Basic, str] = {}
    for key, expr in column:
        code[key] = numpy_code(expr, column_names)
        column_names[expr] = key
    code["loss_l2"] = numpy_code(canonical(nt.batch_loss("l2")), batch_names)
    code["loss_elastic"] = numpy_code(canonical(nt.batch_loss("elastic")), batch_names)
    code["column_loss"] = numpy_code(canonical(nt.column_loss()), column_names)

    # The column layout's penalty (001 Q2(q)): the elastic-net statement about one generic
    # weight matrix, used at W1 (λ11, λ12) and at W2 (λ21, λ22); the penalty value is the
    # batch definition's penalty term with the column layout's matrices.
    penalty = canonical(nt.batch_loss("elastic") - nt.batch_loss("none"))
    code["column_penalty"] = numpy_code(penalty.xreplace({nt.W1: nt.W1c, nt.W2: nt.W2c}), column_names)
    elastic = statement("elastic-net-gradient")
    for key, (w, l1, l2) in {"column_penalty_W1": (nt.W1c, nt.lam11, nt.lam12), "column_penalty_W2": (nt.W2c, nt.lam21, nt.lam22)}.items():
        code[key] = numpy_code(canonical(_by_name(elastic, {"Wl": w, "lam1": l1, "lam2": l2})), column_names)

    # ∂J/∂z2 is shared by the W1 and b1 statements; name it when it occurs there verbatim.
    dz2 = canonical(nt.batch_gradients("l2")["z2"])
    for line in REFERENCE_LINES:
        names = column_names if line.identity.startswith(("mlp-", "ce-")) else batch_names
        expr = bind(statement(line.identity))
        try:
            code[line.key] = numpy_code(expr, names)
        except Exception as exc:  # a statement the printer cannot express: refuse, naming it
            raise RenderRefused(f"cannot print the statement of {line.identity!r} as NumPy: {exc}") from exc
        if line.name:
            names[expr] = line.name
        if line.key == "dz3":
            code["dz2"] = numpy_code(dz2, names)
            names[dz2] = "dz2"
    return code


def reference_sources() -> list[str]:
    ids = {line.identity for line in REFERENCE_LINES}
    for _, more in FUNCTION_IDS:
        ids.update(more)
    return sorted(ids)


def render_reference(statement: StatementSource) -> str:
    """The text of generated/mlp_reference.py."""
    template = environment().get_template("numpy_module.py.j2")
    text = template.render(code=reference_code(statement), sources=reference_sources(), function_ids=FUNCTION_IDS)
    try:
        compile(text, REFERENCE_MODULE, "exec")
    except SyntaxError as exc:  # a printer defect must never reach generated/
        raise DeriveError(f"the rendered reference module does not compile: {exc}") from exc
    return text


# --------------------------------------------------------------------------- writing, comparing


def write_files(out_dir: Path, files: Mapping[str, str]) -> list[Path]:
    """Write each file (UTF-8, '\\n' line ends) and return the paths, sorted."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in sorted(files):
        path = out_dir / name
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(files[name])
        written.append(path)
    return written


def compare_dirs(expected: Path, actual: Path, names: Iterable[str]) -> list[str]:
    """Names whose bytes differ (or are missing) between two directories, sorted."""
    differ = []
    for name in sorted(names):
        a, b = expected / name, actual / name
        if not a.exists() or not b.exists() or not filecmp.cmp(a, b, shallow=False):
            differ.append(name)
    return differ


def unified_diff(expected: Path, actual: Path, name: str, limit: int = 40) -> str:
    old = (expected / name).read_text(encoding="utf-8").splitlines(keepends=True) if (expected / name).exists() else []
    new = (actual / name).read_text(encoding="utf-8").splitlines(keepends=True) if (actual / name).exists() else []
    lines = list(difflib.unified_diff(old, new, f"{expected / name}", f"fresh render of {name}"))
    return "".join(lines[:limit])


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


class RenderRefused(DeriveError):
    """Something is not verified (or a seed claim is not refuted): nothing is rendered."""

    exit_code = 1


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


def _counterexample(result: Any) -> str:
    """The counterexample of a refuted claim as LaTeX text (symbolic first, else numeric)."""
    cex = result.symbolic.counterexample
    if cex is not None:
        point = ", ".join(
            rf"\texttt{{{text_to_latex(str(k))}}} $= {seed_latex(v) if isinstance(v, sp.Basic) else text_to_latex(str(v))}$"
            for k, v in cex.point.items()
        )
        where = f" ({text_to_latex(cex.where)})" if cex.where else ""
        at = f"at {point}" if point else "with no inputs"
        return rf"{at}{where}: left side $=$ \texttt{{{text_to_latex(cex.lhs)}}}, right side $=$ \texttt{{{text_to_latex(cex.rhs)}}}."
    detail = result.symbolic.detail if hasattr(result.symbolic, "detail") else ""
    if result.symbolic.method == "shape" and detail:
        return text_to_latex(detail) + "."
    numeric = result.numeric.counterexample
    if numeric:
        shown = ", ".join(f"{text_to_latex(str(k))} $=$ \\texttt{{{text_to_latex(str(v))}}}" for k, v in sorted(numeric.items()))
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
        by_key[i.topic]["entries"].append({
            "id": i.id,
            "id_text": identity_id(i.id),
            "heading": _heading(i.title),
            "sources": _sources(i),
            "statement": identity_latex(i),
            "convention": text_to_latex(i.convention) if i.convention else "",
            "derivation": _derivation(i.derivation),
            "uses": _uses(i, known),
            "evidence": _evidence(r),
        })
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
        for name, expr in ((r"\mathbf{h}^{a}", nt.h_a), (r"\mathbf{h}^{s}", nt.h_s), (r"\mathbf{o}^{a}", nt.o_a), (r"\mathbf{o}^{s}", nt.o_s))
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


# --------------------------------------------------------------------------- PDF


class LatexMissing(DeriveError):
    """No pdflatex on PATH."""


@dataclass(frozen=True)
class PdfOutcome:
    """What compiling the report gave: the files, and every problem the log shows."""

    ok: bool
    pdf: Path
    log: Path
    pages: int
    errors: tuple[str, ...]
    undefined: tuple[str, ...]
    overfull: tuple[str, ...]

    @property
    def problems(self) -> list[str]:
        return [*self.errors, *self.undefined, *self.overfull]


def compile_pdf(tex_path: Path, *, runs: int = 2, max_runs: int = 4, timeout: float = 180.0) -> PdfOutcome:
    """Run pdflatex at least ``runs`` times (the table of contents needs two) and again while
    LaTeX asks for a rerun (the contents page shifts the labels), at most ``max_runs``, in the
    file's directory, without shell escape; then read the last log."""
    import re
    import shutil
    import subprocess

    exe = shutil.which("pdflatex")
    if exe is None:
        raise LatexMissing("pdflatex not found")
    tex_path = tex_path.resolve()
    cmd = [exe, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error", tex_path.name]
    returncode = 0
    log = tex_path.with_suffix(".log")
    for run in range(1, max_runs + 1):
        try:
            proc = subprocess.run(cmd, cwd=tex_path.parent, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise DeriveError(f"pdflatex did not finish within {timeout:.0f} s") from exc
        returncode = proc.returncode
        if returncode != 0:
            break
        if run >= runs and "Rerun to get" not in log.read_text(encoding="latin-1"):
            break
    pdf = tex_path.with_suffix(".pdf")
    text = log.read_text(encoding="latin-1") if log.exists() else ""
    errors = tuple(line.strip() for line in text.splitlines() if line.startswith("!") or re.match(r"^\S+:\d+: ", line))
    undefined = tuple(
        line.strip() for line in text.splitlines()
        if "undefined" in line and ("Reference" in line or "Citation" in line or "There were undefined" in line)
    )
    if "Rerun to get cross-references right" in text:
        undefined += ("LaTeX asks for another run to get cross-references right",)
    overfull = tuple(line.strip() for line in text.splitlines() if line.startswith("Overfull"))
    pages_match = re.search(r"Output written on .*?\((\d+) pages?", text)
    pages = int(pages_match.group(1)) if pages_match else 0
    if returncode != 0 and not errors:
        errors = (f"pdflatex exited with status {returncode}",)
    ok = returncode == 0 and not errors and not undefined and pdf.exists()
    return PdfOutcome(ok, pdf, log, pages, errors, undefined, overfull)
