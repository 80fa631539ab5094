"""Steps judged again after the first pass, with definitions the caller chooses.

check_text judges every step once; a few verdicts are then weighed again with other readings:
a step across prose against an earlier chain's end (prose_joins), a twice-defined name's two
values against each other and the step under each value (redefined_steps). Each builds the
same worker job as the first pass, here in one place, and runs them side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.normalize import Notation, normalize

__all__ = ["Rejudge"]


@dataclass(frozen=True)
class Rejudge:
    """What a second judgement needs: the worker runner, the notation and the judge's settings."""

    runner: Any  # StepRunner or ParallelRunner
    notation: Notation
    seed: int
    examples: int
    judge: Callable[..., dict[str, Any]]  # checker.judge_step

    def run(self, tasks: list[tuple[Any, tuple[dict, dict]]]) -> list[dict[str, Any]]:
        """The verdict on each (step, (typed definitions, scalar definitions)), in order."""
        jobs = []
        for step, (typed, scalar) in tasks:
            lhs = normalize(step.lhs, self.notation, step.chain_var)
            rhs = normalize(step.rhs, self.notation, step.chain_var)
            jobs.append((self.judge, (step, lhs, rhs, self.notation, typed, self.seed, self.examples, scalar)))
        return self.runner.run_all(jobs) if jobs else []

    def confirm(
        self, judged: list[Any], tasks: list[tuple[Any, tuple[dict, dict]]], where: list[int], why: list[str]
    ) -> list[Any]:
        """``judged`` (StepResults) with ``judged[where[n]]`` made ok where ``tasks[n]``, another reading
        of that step, is ok; ``why[n]`` says what was read (its ``{message}``, the second verdict's
        message). Any other verdict of the second reading leaves the first as it was."""
        if not tasks:
            return judged
        out = list(judged)
        for k, verdict, said in zip(where, self.run(tasks), why, strict=True):
            if verdict["status"] == "ok":
                message = said.replace("{message}", verdict["message"])
                method = verdict.get("method", "")
                out[k] = replace(out[k], status="ok", counterexample=None, message=message, method=method)
        return out

    def confirm_rewritten(
        self, judged: list[Any], document: Any, unread: str, rewrite: Callable[[str], str | None], why: str
    ) -> list[Any]:
        """``judged`` with each step left unparsed for ``unread`` judged again with its sides
        rewritten (``rewrite(side)``, None where a side stays as written), and ok where it then holds
        (``why`` with its ``{message}``); any other verdict leaves the first (open_brackets, bare_sums)."""
        return self.confirm_rewritten_steps(judged, document, unread, lambda s: (rewrite(s.lhs), rewrite(s.rhs)), why)

    def confirm_rewritten_steps(
        self,
        judged: list[Any],
        document: Any,
        unread: str,
        rewrite: Callable[[Any], tuple[str | None, str | None]],
        why: str,
    ) -> list[Any]:
        """:meth:`confirm_rewritten` with a rewrite that sees the whole step (a side read beside the
        other: bare_sums' index letters), ``rewrite(step)`` giving both sides (None: as written)."""
        tasks, where = [], []
        for k, result in enumerate(judged):
            step = result.step
            if result.status != "unparsed" or unread not in result.message:
                continue
            lhs, rhs = rewrite(step)
            if lhs is None and rhs is None:
                continue
            definitions = document.for_step(step.line, step.column, step.rhs)
            tasks.append((replace(step, lhs=lhs or step.lhs, rhs=rhs or step.rhs), definitions))
            where.append(k)
        return self.confirm(judged, tasks, where, [why] * len(tasks))

    def wrongs_rewritten(
        self, judged: list[Any], document: Any, rewrite: Callable[[Any], tuple[str | None, str | None] | None]
    ) -> list[tuple[int, dict[str, Any]]]:
        """(index, verdict) for each ``wrong`` step of ``judged`` judged again with its sides
        rewritten (``rewrite(step)``: both sides, None for one as written, or None for no rewrite):
        the shared first half of the passes that hold a wrong another reading of it saves."""
        tasks, where = [], []
        for k, result in enumerate(judged):
            sides = rewrite(result.step) if result.status == "wrong" else None
            if sides is None or sides == (None, None):
                continue
            step = result.step
            definitions = document.for_step(step.line, step.column, step.rhs)
            tasks.append((replace(step, lhs=sides[0] or step.lhs, rhs=sides[1] or step.rhs), definitions))
            where.append(k)
        return list(zip(where, self.run(tasks), strict=True))

    def held_unless_refuted(
        self, judged: list[Any], document: Any, rewrite: Callable[[str], str | None], why: Callable[[str], str]
    ) -> list[Any]:
        """``judged`` with each ``wrong`` step whose sides ``rewrite`` reads another way (None: no other
        reading of that side) judged again so, and held as inconclusive unless refuted there too;
        ``why(status)`` says why, with the other reading's verdict (log_powers, trig_arguments)."""
        out = list(judged)
        for k, verdict in self.wrongs_rewritten(judged, document, lambda step: (rewrite(step.lhs), rewrite(step.rhs))):
            if verdict["status"] != "wrong":
                out[k] = out[k].held(why(verdict["status"]))
        return out
