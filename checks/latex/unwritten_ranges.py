r"""A sum with no range written beside a size: ``\frac{2}{N^2}\sum_p (x_{pl} - \mu_l)``.

Batch-normalisation and mean-squared-error derivations write ``\sum_p`` with no bounds next to
1/N (or 1/m): the sum runs over the N examples, which the writer never writes. The scalar reader
expands a sum without bounds at its own sizes (2 and 3) and samples N as any number, so a step
that holds only because the sum has N terms (Σ_p (x_pl − μ_l) = 0 with μ_l = (1/N) Σ_p x_pl)
differs wherever N is not the sum's size. A step refuted so is judged again with each size letter
it writes (N, n, M, m, K, B, also labelled: N_f) set to the sum's size; holding there, it is inconclusive, saying so:
the counterexample needs a sum over other than the N terms, which the writer may not mean. A step
that fails there too stays wrong with its first counterexample. Sums whose end is written
(Σ_{i=1}^{N}) already take N as their size (sum_bounds) and never come here. A sum without a range
in a definition the step uses (``\mu := \frac{1}{N_f}\sum_k x_k``, then ``∂μ/∂x_i = 1/N_f``) counts
as the step's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from derive.checks.latex.unstated_sums import holds_with

__all__ = ["SIZE_LETTERS", "defined_unbounded", "is_size_name", "with_unwritten_range"]

#: the letters these documents count examples, classes or units with
SIZE_LETTERS = ("N", "n", "M", "m", "K", "B")


def is_size_name(name: str) -> bool:
    """A size letter, also with a label: N, and N_{f} ("N_f: the dimension of x"), m_{B} of a batch."""
    return name.split("_", 1)[0] in SIZE_LETTERS


def defined_unbounded(named: dict[str, Any], norms: list[Any]) -> bool:
    """Does a definition the step uses (``\\mu := \\frac{1}{N_f}\\sum_k x_k``) hold a sum without a
    written range? Such a sum is expanded at the step's sizes as the step's own would be."""
    used = {name for norm in norms for name in norm.symbol_names}
    for name, (_, value) in named.items():
        if name in used and any(end == "" for _, _, end in value.sums.values()):
            return True
    return False


def with_unwritten_range(
    out: dict[str, Any], lhs: Any, rhs: Any, size: int, judge: Callable[[Any, Any], dict[str, Any]]
) -> dict[str, Any]:
    """A ``wrong`` (one instance of a step whose sums have no written range, expanded at ``size``)
    that holds with the step's size letters equal to ``size``, made inconclusive (module doc)."""
    if out["status"] != "wrong":
        return out
    letters = sorted((s for s in lhs.free_symbols | rhs.free_symbols if is_size_name(s.name)), key=lambda s: s.name)
    if not letters:
        return out
    if not holds_with(dict.fromkeys(letters, size), lhs, rhs, judge):
        return out
    names = ", ".join(s.name for s in letters)
    why = f"{out['message']}; but it holds if the sums without a written range run over {names} terms"
    why += " (their range is not written)"
    return {**out, "status": "inconclusive", "counterexample": None, "message": why}
