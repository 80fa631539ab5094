r"""Lower-case names a step itself writes as vectors, and the wrong that needs no declared shape.

A regularisation step such as ``\frac{\partial}{\partial w}\frac{1}{2}\|w\|^2 = \frac{\partial}{\partial
w} w^\intercal w`` declares no shape, and every name in it is a lower-case letter, which the matrix
judge takes for a number in most documents (letter_case.lower_case_only). But the step writes w
transposed (``w^T``) and inside a norm (``\|w\|``): nobody transposes a number or takes its norm with
double bars, so w is a vector *by the step's own writing*, and the shape readings of the
undeclared-names judge (undeclared.py) are the step's readings:

- :func:`written_vectors`: the names written transposed alone or alone inside a norm;
- :func:`differentiated_wrong`: a step that differs under every reading tried is ``wrong`` when
  every name it samples is a variable the step differentiates by. The undeclared judge holds back
  a difference for unconstrained values because a data name may carry a constraint the document
  never writes (a one-hot y: ``p - y`` needs Σ y = 1); a derivative by w is a claim about a
  function of w near every point, so no unwritten constraint on the point can make it hold.
  ``|w|`` (single bars: the absolute value, or a norm written loosely) keeps the difference held
  back, since the document may mean a norm there; so does a difference of shapes alone, as in the
  undeclared judge (a step misread, ``\frac{\partial}{\partial w} w^\intercal`` cut from its last factor
  at a line break, is a Jacobian against a gradient: no evidence about what the author wrote).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.typed_nodes import Call, Deriv, Node, Norm, Sym, Transpose, all_nodes, all_syms

__all__ = ["differentiated_wrong", "written_vectors"]


def written_vectors(sides: tuple[Node, ...]) -> frozenset[str]:
    """Names written as ``w^T`` or ``\\|w\\|`` (the name alone under the transpose or the bars)."""
    found: set[str] = set()
    for side in sides:
        for node in all_nodes(side):
            if isinstance(node, (Transpose, Norm)) and isinstance(node.x, Sym):
                found |= {node.x.full, node.x.stem}
    return frozenset(found)


def differentiated_wrong(
    outcomes: list[tuple[Any, dict[str, Any] | None]], sides: tuple[Node, Node], why: str
) -> dict[str, Any] | None:
    """The first reading's ``wrong`` when every reading (``(Assignment, verdict)`` pairs) refutes
    the step, every name those readings sample is a variable of one of the step's derivatives and
    one of them is written as a vector, and no single bars are written (module docstring); else None."""
    if not outcomes or any(v is None or v.get("status") != "wrong" for _, v in outcomes):
        return None
    if any((v.get("counterexample") or {}).get("where") == "shape" for _, v in outcomes if v):
        return None  # shapes that fit under no reading tried: the document's may be another (undeclared.py)
    variables = {n for node in _nodes(sides) if isinstance(node, Deriv) for n in (node.var.full, node.var.stem)}
    sampled = {name for reading, _ in outcomes for name in reading.shapes}
    if not sampled or not sampled <= variables or not sampled & written_vectors(sides):
        return None
    if any(isinstance(node, Call) and node.fn == "abs" for node in _nodes(sides)):
        return None  # |w|: an absolute value, or a norm written with single bars?
    if not {s.full for s in all_syms(sides[0]) + all_syms(sides[1])} & sampled:
        return None
    verdict = outcomes[0][1]
    assert verdict is not None
    note = f"{why}; the only names sampled are the variables the step differentiates by: no constraint makes it hold"
    return {**verdict, "message": f"{verdict['message']} ({note})"}


def _nodes(sides: tuple[Node, ...]) -> list[Node]:
    return [node for side in sides for node in all_nodes(side)]
