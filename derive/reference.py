"""The NumPy reference module (generated/mlp_reference.py), printed from verified statements.

Each gradient line of the module is an identity's ``statement()`` right side printed by
derive.codegen.ReferencePrinter; the template (templates/numpy_module.py.j2) only supplies the
skeleton. Nothing here restates a formula: a line names the identity whose statement it prints.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp

from derive import notation as nt
from derive.codegen import numpy_code
from derive.errors import DeriveError
from derive.templating import RenderRefused, environment

__all__ = [
    "BINDINGS",
    "FUNCTION_IDS",
    "REFERENCE_LINES",
    "REFERENCE_MODULE",
    "Line",
    "StatementSource",
    "bind",
    "canonical",
    "catalogue_statements",
    "reference_code",
    "reference_sources",
    "render_reference",
]

REFERENCE_MODULE = "mlp_reference.py"


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
    (
        "loss_and_grads",
        (
            "batch-ce-gradient-z3",
            "batch-grad-W2-l2",
            "batch-grad-b2",
            "batch-grad-W1-l2",
            "batch-grad-b1",
            "cross-entropy-logits",
            "softmax-shift-invariance",
            "relu-derivative",
        ),
    ),
    ("loss_elastic", ("cross-entropy-logits", "softmax-shift-invariance")),
    (
        "loss_and_grads_elastic",
        (
            "batch-ce-gradient-z3",
            "batch-grad-W2-elastic",
            "batch-grad-b2",
            "batch-grad-W1-elastic",
            "batch-grad-b1",
            "elastic-net-gradient",
            "relu-derivative",
        ),
    ),
    ("column_forward", ("softmax-shift-invariance", "softmax-simplex")),
    ("column_loss", ("cross-entropy-logits", "softmax-shift-invariance")),
    (
        "column_loss_and_grads",
        (
            "ce-gradient-logits",
            "mlp-grad-W2",
            "mlp-grad-b2",
            "mlp-grad-hs",
            "mlp-grad-ha",
            "mlp-grad-W1",
            "mlp-grad-b1",
            "mlp-grad-x",
            "leaky-relu-derivative",
            "elastic-net-gradient",
        ),
    ),
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
            raise RenderRefused(
                f"cannot render the reference module: identity {identity_id!r} has no statement to print"
            )
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
BINDINGS: dict[str, sp.Basic] = {
    "z3": nt.z3,
    "o": nt.o_a,
    "o_a": nt.o_a,
    "h_s": nt.h_s,
    "h_a": nt.h_a,
    "z2": nt.z2,
    "a2": nt.a2,
}


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
    for key, (w, l1, l2) in {
        "column_penalty_W1": (nt.W1c, nt.lam11, nt.lam12),
        "column_penalty_W2": (nt.W2c, nt.lam21, nt.lam22),
    }.items():
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
