r"""Parts of a worked example whose dependence the document does not write.

``E_{total} = E_{o1} + E_{o2}`` with ``E_{o1} = \frac12(t_1 - out_{o1})^2`` written out but
``E_{o2} = 0.0236`` given only as a number (or not at all): E_{o2} depends on the weights just
as E_{o1} does, the document only did not write how. Through the definitions, ∂E_{total}/∂out_{h1}
would lose the path through E_{o2}, and a correct step that keeps it
(``… - (t_2 - out_{o2}) out_{o2}(1-out_{o2}) w_7``) would look wrong.

So in a step with a derivative, a name reached through the definitions that has no written
dependence (no definition, or a value without symbols) while a sibling of it does (the same
letter or word with another fixed subscript: E_{o2} beside E_{o1}, out_{h2} beside out_{h1}) is
judged free, and a step that fails with it is not called wrong (checker._hold_ambiguous). A
step that holds stays ok: it holds whatever E_{o2} is.
"""

from __future__ import annotations

from collections.abc import Mapping

from derive.checks.latex.sympy_build import split_name

__all__ = ["UNWRITTEN", "computed_value", "step_unwritten", "unwritten_parts"]

UNWRITTEN = (
    "{} has no written dependence (a number or nothing, while {} has a formula), so a derivative"
    " through it is not judged wrong"
)


def computed_value(new: tuple[str, object] | None, current: tuple[str, object] | None) -> bool:
    """Is ``new`` (a later value, (letters, Normalized)) the worked example's arithmetic for a
    name whose value in force has symbols (``net_{o1} = 0.4 \\cdot 0.593 + 0.45 \\cdot 0.597 + 0.6``
    after ``net_{o1} = w_5 out_{h1} + w_6 out_{h2} + b_2``)? A derivative then needs the formula
    (its dependence), not the number; other steps keep the number."""
    if new is None or current is None:
        return False
    return not getattr(new[1], "symbol_names", None) and bool(getattr(current[1], "symbol_names", None))


def _sibling_key(name: str) -> tuple[str, str, str] | None:
    """(base, letters of the subscript, label) of a name numbered in its subscript (E_{o2},
    out_{h1}, w_{5}), else None: E_{o1} and E_{o2} are siblings, out_{o1} and out_{h1} are not."""
    parts = split_name(name)
    if parts is None or not parts[1] or not any(ch.isdigit() for ch in parts[1]):
        return None
    return parts[0], "".join(ch for ch in parts[1] if not ch.isdigit()), parts[2]


def unwritten_parts(names: set[str], definitions: Mapping[str, tuple[str, object]]) -> dict[str, str]:
    """{name: its sibling with a formula} for the names reached from ``names`` through
    ``definitions`` (name → (letters, Normalized)) whose dependence is not written."""
    reached, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in reached:
            continue
        reached.add(name)
        if name in definitions:
            todo.extend(getattr(definitions[name][1], "symbol_names", ()))
    written: dict[tuple[str, str, str], str] = {}
    for name in sorted(reached):
        key = _sibling_key(name)
        if key is not None and name in definitions and getattr(definitions[name][1], "symbol_names", None):
            written.setdefault(key, name)
    out: dict[str, str] = {}
    for name in sorted(reached):
        key = _sibling_key(name)
        if key is None or key not in written or written[key] == name:
            continue
        value = definitions.get(name)
        if value is None or not getattr(value[1], "symbol_names", None):
            out[name] = written[key]
    return out


def step_unwritten(lhs: object, rhs: object, document: object, step: object) -> dict[str, str]:
    """unwritten_parts for a step with a derivative (lhs, rhs: Normalized sides; document:
    doc_definitions.DocumentDefinitions), with the definitions that hold at it."""
    if not (getattr(lhs, "derivatives", None) or getattr(rhs, "derivatives", None)):
        return {}
    _, scalar = document.for_step(step.line, step.column, step.rhs, derivative=True)  # type: ignore[attr-defined]
    used = set(getattr(lhs, "symbol_names", ())) | set(getattr(rhs, "symbol_names", ()))
    return unwritten_parts(used, scalar)
