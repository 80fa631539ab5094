r"""Steps joined to the block before across prose, where the prose may go back to an earlier chain.

A block that starts with ``=`` after prose continues the previous block's chain (extract.py).
After a side computation that is often not what the author means::

    $$\sigma(x)(1 - \sigma(x)) = \frac{1}{1+e^{-x}}\left(1 - \frac{1}{1+e^{-x}}\right)$$
    Simplify the second term: $$1 - \frac{1}{1+e^{-x}} = \frac{e^{-x}}{1+e^{-x}}$$
    Substitute it back into our main expression: $$= \frac{1}{1+e^{-x}}\cdot\frac{e^{-x}}{1+e^{-x}}$$

The last block goes on from the first chain, not from the side computation just before it. A
step found wrong against the block just before is judged again against the ends of the (at
most two) chains before that one (steps.Step.earlier): when it holds against one, the reader
meant that chain and the step is ok (the message says which); when one of them cannot be
judged, the step is inconclusive; it stays wrong only when it fails against every one of them.

The same holds without prose where the block just before is one step standing alone, a side
fact such as ``$$\frac{d}{dx}\cosh x = \sinh x$$`` between the quotient rule and its result
(extract._goes_back).

A reason row within a block is the other way round (extract._before_aside)::

    J &= -\frac1N\sum_i [\ldots \ln(1) \ldots] \\ \because \ln(1) &= 0 \\ &= -\frac1N\sum_i [\ldots]

The row after the reason goes on with the chain before it (a reader does not read ``0 = …``);
the reason's own chain is the one it may go back to, judged the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from derive.checks.latex.rejudge import Rejudge
from derive.checks.latex.results import StepResult

__all__ = ["rejudge_joined"]


def rejudge_joined(judged: list[StepResult], document: Any, again: Rejudge) -> list[StepResult]:
    """``judged`` with each wrong step across prose judged again against the earlier chains' ends."""
    todo = [(k, end) for k, r in enumerate(judged) if r.status == "wrong" for end in r.step.earlier]
    if not todo:
        return judged
    tasks = []
    for k, end in todo:
        step = replace(judged[k].step, lhs=end, earlier=())
        tasks.append((step, document.for_step(step.line, step.column, step.rhs)))
    outs: dict[int, list[tuple[str, dict[str, Any]]]] = {}
    for (k, end), out in zip(todo, again.run(tasks), strict=True):
        outs.setdefault(k, []).append((end, out))
    result = list(judged)
    for k, tries in outs.items():
        result[k] = _settled(judged[k], tries)
    return result


def _settled(wrong: StepResult, tries: list[tuple[str, dict[str, Any]]]) -> StepResult:
    before = f"against the chain it follows, {wrong.message}"
    for end, out in tries:
        if out["status"] == "ok":
            why = (
                f"holds as the continuation of the earlier chain that ends in {end} (prose, a reason row or"
                f" a side equation stands between, and the row goes back to it): {out['message']}; {before}"
            )
            return replace(wrong, status="ok", counterexample=None, message=why, method=out.get("method", wrong.method))
    for end, out in tries:
        if out["status"] != "wrong":
            why = f"{before}; but the row may go back to the earlier chain ending in {end} ({out['status']} there)"
            return wrong.held(why)
    return wrong
