"""What the case of a letter says about an undeclared name's shape, for the matrix judge
(matrix_judge.py) when it inferred shapes the document never declared: a capital letter (X, W,
Z^{[1]}) is a matrix in most documents, a plain lower-case letter with every shape inferred
(w, x in z = w x + b) most often a number."""

from __future__ import annotations

import re

from derive.checks.latex.abstract_loss import Model
from derive.checks.latex.notation import Notation
from derive.checks.latex.shape_infer import reached_names
from derive.checks.latex.typed_nodes import Node, Sym, Transpose, all_nodes, all_syms
from derive.checks.latex.written_vectors import written_vectors

__all__ = ["capitals_as_vectors", "degenerate_ok", "lower_case_only", "transposed_numbers"]


def lower_case_only(model: Model, sides: tuple[Node, Node], defs: dict[str, Node], notation: Notation) -> bool:
    """∂z/∂w = x with z = w x + b and no shape declared: every shape was inferred and every name
    is a plain lower-case letter, so the scalar reading is the document's likely one and the scalar
    judge's proof stands (a capital W or a bold w would be a matrix or vector in most documents)."""
    declared = (set(notation.shapes) | set(notation.sample_shapes)) - set(model.shapes)  # notation: completed
    if not model.shapes or declared & set(reached_names(sides, defs)):
        return False
    if written_vectors(sides) & set(model.shapes):  # w^T w, ‖w‖: a vector by the step's own writing
        return False
    return not any(re.match(r"\\(?:math(?:bf|bb)|boldsymbol|bm|vec)\b|[A-Z]", name) for name in model.shapes)


def capitals_as_vectors(model: Model, sides: tuple[Node, Node]) -> list[str]:
    """Names of one capital letter (scripts aside) that the step reaches through definitions only
    (Z^{[1]} = W^{[1]} X + b^{[1]}) and whose inferred shape has a size 1: the data matrix X read
    as one example's column, which a batch gradient's sum over examples needs (a capital the step
    writes itself is evaluated as written on both sides)."""
    written = {name for side in sides for sym in all_syms(side) for name in (sym.full, sym.stem)}
    out = []
    for name in sorted(model.inferred - written):
        base = re.match(r"(?:\\math(?:bf|rm|it)\{)?([A-Z])\}?(?![A-Za-z])", name)
        if base and "1" in model.shapes.get(name, ()):
            out.append(name)
    return out


def transposed_numbers(model: Model, sides: tuple[Node, Node]) -> list[str]:
    """Names the step writes transposed (``A^T``) whose inferred shape is 1×1: read as a number,
    a transpose changes nothing, so an ok there proves nothing about the transposes the step is
    about (``A^T(B^T x + c) = A^T B^T x + A c`` holds only for a 1×1 A). A declared shape, or one
    the document's definitions give, is not inferred and is evaluated as it is."""
    out = set()
    for side in sides:
        for node in all_nodes(side):
            if isinstance(node, Transpose) and isinstance(node.x, Sym) and node.x.full in model.inferred:
                shape = model.shapes.get(node.x.full, ())
                if shape and all(d == "1" for d in shape):
                    out.add(node.x.full)
    return sorted(out)


def degenerate_ok(model: Model, sides: tuple[Node, Node]) -> str | None:
    """Why an ok on inferred shapes proves nothing, or None: a capital read as a vector (X as one
    example's column: a batch gradient's sum over examples would go unseen), or a transposed name
    read as a 1×1 number."""
    flat = capitals_as_vectors(model, sides)
    if flat:
        return f"equal only with {', '.join(flat)} (a capital letter: a matrix in most documents) read as a vector"
    numbers = transposed_numbers(model, sides)
    if numbers:
        return f"equal only with {', '.join(numbers)} read as a number (1×1), where a transpose changes nothing"
    return None
