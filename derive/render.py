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
from importlib import resources
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import jinja2
import sympy as sp

from derive import notation as nt
from derive.codegen import numpy_code
from derive.errors import DeriveError

__all__ = [
    "REFERENCE_MODULE",
    "REPORT",
    "REFERENCE_LINES",
    "environment",
    "reference_code",
    "render_reference",
    "render_report",
    "render_all",
    "compare_dirs",
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


def environment() -> jinja2.Environment:
    """Jinja loading templates from the installed package (derive.templates), so a wheel
    renders without the source tree. StrictUndefined: a missing value is an error, never ''."""
    return jinja2.Environment(
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
    ("scores", ()),
    ("loss", ("cross-entropy-logits", "softmax-shift-invariance")),
    ("loss_and_grads", ("batch-ce-gradient-z3", "batch-grad-W2-l2", "batch-grad-b2", "batch-grad-W1-l2", "batch-grad-b1", "cross-entropy-logits", "softmax-shift-invariance", "relu-derivative")),
    ("loss_elastic", ("cross-entropy-logits", "softmax-shift-invariance")),
    ("loss_and_grads_elastic", ("batch-ce-gradient-z3", "batch-grad-W2-elastic", "batch-grad-b2", "batch-grad-W1-elastic", "batch-grad-b1", "elastic-net-gradient", "relu-derivative")),
    ("column_forward", ("softmax-shift-invariance",)),
    ("column_loss", ("cross-entropy-logits",)),
    ("column_loss_and_grads", ("ce-gradient-logits", "mlp-grad-W2", "mlp-grad-b2", "mlp-grad-hs", "mlp-grad-ha", "mlp-grad-W1", "mlp-grad-b1", "mlp-grad-x", "leaky-relu-derivative")),
)

StatementSource = Callable[[str], sp.Basic]


def catalogue_statements(catalogue: Any) -> StatementSource:
    """The right side of ``catalogue[id].statement()``; an id without a statement is an error
    (the module must not fall back to a formula nobody verified)."""

    def rhs(identity_id: str) -> sp.Basic:
        if identity_id not in catalogue:
            raise DeriveError(f"cannot render the reference module: the catalogue has no identity {identity_id!r}")
        identity = catalogue[identity_id]
        if identity.statement is None:
            raise DeriveError(f"cannot render the reference module: identity {identity_id!r} has no statement to print")
        return identity.statement()[1]

    return rhs


def _forward_definitions() -> tuple[list[tuple[str, sp.Basic]], list[tuple[str, sp.Basic]]]:
    """The forward quantities (definitions of the layouts, not claims): batch and column."""
    batch = [("z2", nt.z2), ("a2", nt.a2), ("z3", nt.z3), ("P", nt.P)]
    column = [("h_a", nt.h_a), ("h_s", nt.h_s), ("o_a", nt.o_a), ("o_s", nt.o_s)]
    return batch, column


def reference_code(statement: StatementSource) -> dict[str, str]:
    """Every formula of the reference module as NumPy code, keyed as the template uses them."""
    batch, column = _forward_definitions()
    code: dict[str, str] = {}
    batch_names: dict[sp.Basic, str] = {}
    for key, expr in batch:
        code[key] = numpy_code(expr, batch_names)
        batch_names[expr] = key
    column_names: dict[sp.Basic, str] = {}
    for key, expr in column:
        code[key] = numpy_code(expr, column_names)
        column_names[expr] = key
    code["loss_l2"] = numpy_code(nt.batch_loss("l2"), batch_names)
    code["loss_elastic"] = numpy_code(nt.batch_loss("elastic"), batch_names)
    code["column_loss"] = numpy_code(nt.column_loss(), column_names)

    # ∂J/∂z2 is shared by the W1 and b1 statements; name it when it occurs there verbatim.
    dz2 = nt.batch_gradients("l2")["z2"]
    for line in REFERENCE_LINES:
        names = column_names if line.identity.startswith(("mlp-", "ce-")) else batch_names
        expr = statement(line.identity)
        code[line.key] = numpy_code(expr, names)
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
