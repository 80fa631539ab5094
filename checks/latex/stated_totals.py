r"""A total stated after the counts it sums: ``n_{W_1} = 1,572,864``, …, then "the total" ``N = 1,707,264``.

Homework on network sizes counts each layer's weights and biases on a line of its own and then
states the total: "Being the total of parameters the sum of all weights and biases. $$Tot_{par} =
1,707,264$$". The total's display gives a new name a number, so alone it is a definition with
nothing to check; but the prose says what the number is: the sum of the counts just above.

Where a display ``NAME = INTEGER`` (a new name, a whole number) follows a run of displays that
each give one name a whole number (``n_b = 512``, ``n_W = (512)(256) = 131,072``: nothing but
blank lines between them, no other math), and the prose right before it says it is a total or
a sum (or its name does: N_{total}, \text{sum}), the number is compared with the sum of the run:
- equal: ``ok``, the counts above sum to it;
- equal to the sum of part of the run that a total may mean (every count of one kind, the weights
  without the biases; or some consecutive counts, some layers, unless the prose says "all"): left
  as it is, the prose may mean that part; any other part (all but the last bias) is a term left out;
- neither, below the sum and within a tenth of it (a count left out, a slip in adding): ``wrong``,
  with the counts and their sum as the counterexample; above the sum, left as it is (the total may
  count what the run does not list), and so further below it (another aggregate may be meant).
Where the names share no kind (n_{train}, n_{val}, n_{test}), any part of the run may be the one
the total means, so a total equal to any part's sum is left as it is.
A run whose own arithmetic failed (a count called wrong), or that gives a count a decimal value,
judges nothing. Fewer than two counts are no run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations

from derive.checks.latex.results import StepResult

__all__ = ["judge_stated_totals", "whole_number"]

#: prose that calls the next number a total (English and a few European languages)
_TOTAL_WORDS = re.compile(
    r"\b(?:total|sum(?:med|ming)?|altogether|in all|overall|combined|all together|add(?:ed|ing)? up"
    r"|insgesamt|gesamt\w*|summe|somme|suma|totale?s?|totaal|sommando|sumando)\b",
    re.IGNORECASE,
)
#: prose that says the total is of every count ("the sum of all weights and biases")
_ALL_WORDS = re.compile(r"\b(?:all|every|each|alle[ns]?|tous|toutes|todos|todas|tutti|tutte)\b", re.IGNORECASE)
#: a name that calls itself a total: N_{total}, Tot_{par}, \text{sum}, n_{all}
_TOTAL_NAME = re.compile(r"tot|sum|all(?![a-z])", re.IGNORECASE)
#: a name: letters, digits, sub/superscripts, braces and a few wrappers, no operator or space
_NAME = re.compile(r"(?:\\(?:text|mathrm|mathit|operatorname|mathbf)\{[^{}]*\}|[A-Za-z0-9_^{}\\])+")
#: a whole number, its thousands grouped by commas, thin spaces or braced commas (1,707,264; 1\,707\,264)
_GROUPED = re.compile(r"\d{1,3}(?:(?:,|\{,\}|\\,|\\ |\s|'|\\;)\d{3})+")
_PLAIN = re.compile(r"\d+")
#: the counts a run may have for the subset search (2^k sums)
_MAX_COUNTS = 16
#: how far from the run's sum a total is still a slip in adding (a digit); further off, the prose
#: may mean another aggregate of the same numbers (a sum of squares, a product), so no verdict
_SLIP = 0.1


def whole_number(tex: str) -> int | None:
    """The whole number ``tex`` writes (``1,707,264``, ``1\\,707\\,264``, ``512``), or None (a decimal,
    ``2,5`` in a decimal-comma language, anything else)."""
    s = tex.strip().strip("$").strip()
    s = re.sub(r"(?:\\[,;! ]|\\quad|\\qquad|~|\s)+$", "", s)  # trailing TeX spacing
    if _PLAIN.fullmatch(s) or _GROUPED.fullmatch(s):
        return int(re.sub(r"\D", "", s))
    return None


def _is_name(tex: str) -> bool:
    s = tex.strip()
    return bool(s) and _NAME.fullmatch(s) is not None and re.search(r"[A-Za-z]", s) is not None and not s.isdigit()


def _line_count(results: list[StepResult]) -> tuple[str, int] | None:
    """(name, count) where one display line's steps give one name a whole number, else None:
    ``n = 512``, ``n = (512)(256) = 131,072`` (its arithmetic proved or not yet judged, never wrong)."""
    first, last = results[0], results[-1]
    if first.step.kind != "display" or any(r.status == "wrong" for r in results):
        return None
    if any(r.step.relation != "=" for r in results) or not _is_name(first.step.lhs):
        return None
    count = whole_number(last.step.rhs)
    return (first.step.lhs.strip(), count) if count is not None else None


def _by_line(judged: list[StepResult]) -> list[tuple[int, list[int]]]:
    """The indices of ``judged`` grouped by their line, in document order."""
    groups: list[tuple[int, list[int]]] = []
    for i, r in enumerate(judged):
        if groups and groups[-1][0] == r.step.line:
            groups[-1][1].append(i)
        else:
            groups.append((r.step.line, [i]))
    return groups


def _run_before(judged: list[StepResult], groups: list[tuple[int, list[int]]], at: int) -> list[tuple[str, int]]:
    """The counts of the run of one-count displays right before group ``at`` (document order): the run
    ends (going back) at a line that is not a count, or after a count with prose before it."""
    run: list[tuple[str, int]] = []
    for _, indices in reversed(groups[:at]):
        results = [judged[i] for i in indices]
        count = _line_count(results)
        if count is None:
            break
        run.append(count)
        if results[0].step.context.strip():
            break  # the prose before the run's first count ("we find:")
    run.reverse()
    return run


def _kind(name: str) -> str:
    """A count's kind: its name without digits (n_{W_1} and n_{W_2} are both n_{W_})."""
    return re.sub(r"\d+", "", name)


def _part_meant(run: list[tuple[str, int]], total: int, said_all: bool) -> bool:
    """Whether ``total`` is the sum of a part of the run that a total may mean: every count of some
    kinds (the weights without the biases), or, unless the prose says "all", a stretch of the run
    (some layers). Any other part (all but the last bias) is a term left out."""
    every = [_kind(name) for name, _ in run]
    kinds = sorted({kind for kind in every if every.count(kind) > 1})  # a kind of one count is no kind
    if not kinds:  # names with nothing in common (n_train, n_val, n_test): any part may be the one meant
        return any(
            sum(count for _, count in part) == total for size in range(1, len(run)) for part in combinations(run, size)
        )
    for size in range(1, len(kinds) + (len(kinds) < len(set(every)))):
        for chosen in combinations(kinds, size):
            if sum(count for name, count in run if _kind(name) in chosen) == total:
                return True
    if said_all:
        return False
    return any(
        sum(count for _, count in run[i:j]) == total
        for i in range(len(run))
        for j in range(i + 1, len(run) + 1)
        if j - i < len(run)
    )


def _verdict(result: StepResult, total: int, run: list[tuple[str, int]]) -> StepResult | None:
    shown = ", ".join(f"{name} = {count:,}" for name, count in run)
    whole = sum(count for _, count in run)
    if total == whole:
        message = f"the {len(run)} counts just above ({shown}) sum to {whole:,}, the total stated"
        return replace(result, status="ok", counterexample=None, message=message, method="stated total")
    if total > whole or whole - total > _SLIP * whole or len(run) > _MAX_COUNTS:
        # above the sum: the total may count what the run does not list (a set the page leaves out);
        # far below it: another aggregate of the same numbers may be meant
        return None
    if _part_meant(run, total, _ALL_WORDS.search(result.step.context) is not None):
        return None  # the total of one kind of count (the weights only), or of some layers: the prose may mean it
    cex = {
        "point": {name: f"{count:,}" for name, count in run},
        "lhs": f"{total:,}",
        "rhs": f"{whole:,}",
        "where": "the counts the document gives just before the total",
    }
    left_out = [name for name, count in run if whole - count == total]
    hint = f" (it is the sum without {left_out[0]}: left out?)" if len(left_out) == 1 else ""
    message = (
        f"the {len(run)} counts just above ({shown}) sum to {whole:,}, not {total:,}{hint}; "
        f"no count of one kind, or of some layers, sums to {total:,} either"
    )
    return replace(result, status="wrong", counterexample=cex, message=message, method="stated total")


def judge_stated_totals(judged: list[StepResult]) -> list[StepResult]:
    """``judged`` with each total stated after a run of counts judged against their sum (module docstring)."""
    groups = _by_line(judged)
    out = list(judged)
    for at, (_, indices) in enumerate(groups):
        if len(indices) != 1:
            continue
        result = judged[indices[0]]
        if result.status != "inconclusive" or result.step.kind != "display" or not _is_name(result.step.lhs):
            continue
        total = whole_number(result.step.rhs)
        said = _TOTAL_WORDS.search(result.step.context) or _TOTAL_NAME.search(result.step.lhs)
        if total is None or not said:
            continue
        run = _run_before(judged, groups, at)
        names = {name for name, _ in run}
        if len(run) < 2 or len(names) < len(run) or result.step.lhs.strip() in names:
            continue
        judged_total = _verdict(result, total, run)
        if judged_total is not None:
            out[indices[0]] = judged_total
    return out
