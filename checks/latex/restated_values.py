r"""A document's restatement of a quantity its notation defines, in a form that cannot be evaluated.

A course report restates the loss the course defines (``J = \frac1N \sum_i -\log \psi(z)_{i y_i}``)
in a spelling the evaluator does not take (two indices written ``_{i y_i}``). Until now the
restatement won, could not be evaluated, and every step about J came out unread. Here a restated
value whose indices do not fit what they index on a sample world is set aside for the notation's
own (a restatement that fails for any other reason, names of its own, is the document's
quantity): a step can then be `ok` (said so: "taking J as the notation defines it"), never `wrong`,
since the document's J may still differ from the notation's (a missing 1/N).
"""

from __future__ import annotations

from typing import Any

from derive.checks.latex.notation import Notation
from derive.checks.latex.typed_nodes import Node, Opaque

__all__ = ["unevaluable_restatements", "with_notation_values"]


def unevaluable_restatements(restated: dict[str, Node], base: dict[str, Node], notation: Notation) -> frozenset[str]:
    """The names the notation defines (``base``) whose document value (``restated``) fails to
    evaluate on one sample world."""
    from derive.checks.latex.matrix_judge import build_world
    from derive.checks.latex.tensor_eval import Evaluator
    from derive.checks.latex.tensor_ops import NotJudged

    failing = set()
    for name, node in restated.items():
        if name not in base or isinstance(node, Opaque):
            continue
        try:
            Evaluator(build_world(notation, {**base, name: node}, 0)).ev(node)
        except NotJudged as exc:
            # only a spelling the evaluator cannot take (two indices written _{i y_i}: "4 index(es)
            # on a 5×4 value") gives way to the notation's value; names of its own (L = ½(wx − t)²,
            # L = l(o, y)) make the restatement another quantity, the document's own
            if _MISREAD_INDICES in str(exc):
                failing.add(name)
    return frozenset(failing)


#: the evaluator's word for indices that do not fit the value they index
_MISREAD_INDICES = "index(es) on a"


def with_notation_values(result: Any, names: set[str]) -> Any:
    """A verdict reached with the notation's value of ``names`` in place of the document's: a
    wrong one is inconclusive, an ok one says so."""
    from dataclasses import replace

    if not names or result.status not in ("ok", "wrong"):
        return result
    shown = ", ".join(sorted(names))
    note = f"taking {shown} as the notation defines it (the document's own statement could not be evaluated)"
    if result.status == "wrong":
        return result.held(f"{result.message}; but {note}")
    return replace(result, message=f"{result.message}; {note}")
