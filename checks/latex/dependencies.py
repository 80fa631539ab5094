r"""What a derivative may assume about dependences the document does not state.

A name the document defines (``a = 2`` in a worked example, the value of ReLU(w₁x)) that a
numerator's definitions never reach is not a variable the numerator is independent of: the
document just did not write the dependence down. Only sampled leaves (W, b, x with declared
shapes) are free variables, so ``∂‖W‖²/∂b = 0`` is evaluated and ``∂J/∂a`` is not.
"""

from __future__ import annotations

from collections.abc import Mapping

from derive.checks.latex.tensor_ops import Dual, NotJudged

__all__ = ["unstated_dependence"]


def unstated_dependence(
    definitions: Mapping[str, object], target: str, value: Dual, undeclared: frozenset[str] = frozenset()
) -> None:
    """Raise NotJudged when ``value`` (a numerator evaluated with ``target`` pinned) never
    touched ``target`` although the document defines it, or although ``target`` is a name whose
    shape was only inferred (∂E_{o1}/∂net_{o1} of two undeclared names: 0 would be a guess)."""
    if value.d is None and (target in definitions or target in undeclared):
        raise NotJudged(f"a derivative with respect to {target} of something whose definitions do not contain it")
