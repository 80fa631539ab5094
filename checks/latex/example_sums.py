r"""A cost summed over examples, differentiated by one example's quantity.

``J = \frac{1}{m}\sum_{i=1}^m \mathcal{L}^{(i)}`` with ``\mathcal{L}^{(i)} = -[y^{(i)}\log a^{(i)} + …]``,
then ``\frac{\partial J}{\partial a^{(i)}} = -\frac{1}{m}[\frac{y^{(i)}}{a^{(i)}} - …]``: the i of the
derivative is ONE example, the sum's i runs over all of them. Read at sizes, J holds a^{(1)},
a^{(2)} …, never the a^{(i)} the step writes, and the step was left unread ("its dependence is
not stated"). A reader sees that only the i-th term of the sum depends on a^{(i)}, so
``\frac{\partial J}{\partial a^{(i)}}`` is the sum's coefficient times the derivative of that one
term: the step is judged once more with ``\frac{1}{m}\frac{\partial}{\partial a^{(i)}}(\mathcal{L}^{(i)})``
in place of the derivative. A sum over another letter (``\sum_k \mathcal{L}^{(k)}``) has its
example labels renamed to the step's letter first.

Only where that reading is exact: the cost's one definition before the step (not assigned
twice) is a coefficient times one sum running to the end of the value; the variable carries the
example label ``(i)`` (a superscript or subscript in brackets); every name of the summand the
document defines, and every name its definitions reach in turn, carries that label too (a name
shared by all examples, defined from them, such as a batch mean, may depend on a^{(i)} through
every term: not read); and the document never steps along the letter (``h^{(t)} = \tanh(W
h^{(t-1)} + …)``: a sum over time steps or layers has terms that depend on each other). Then the
reading's verdict is the step's, ``ok`` or ``wrong``; anything else leaves the first verdict. A
step that leaves the sum's size on one side only (``\frac{\partial J}{\partial z^{(i)}} =
a^{(i)} - y^{(i)}``, the 1/m dropped) is judged once more at 3 examples, and only its ``wrong`` taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.text_groups import brace_group_end, in_script
from derive.checks.latex.unread_derivatives import NOT_CONTAINED

__all__ = ["example_term_reading", "recursive_letters", "settle_example_sums"]

_FRACTION = re.compile(r"\\[dt]?frac\s*\{")
#: a derivative's numerator and denominator open with ∂ (or an upright or italic d)
_DIFFERENTIAL = re.compile(r"\s*(\\partial|d(?![A-Za-z])|\\mathrm\s*\{\s*d\s*\})")
#: the example label in a name: ^{(i)}, _{(i)}, ^{[2](i)}
_LABEL = re.compile(r"\((?P<letter>[a-z])\)")
#: \sum_{i=1}^{m}, \sum_{i=1}^m, \sum_i, \sum_{i}: the summed letter
_SUM = re.compile(
    r"\\sum(?:\\limits)?\s*_\s*(?:\{\s*(?P<a>[a-z])\s*(?:=\s*[0-9]+\s*)?\}|(?P<b>[a-z]))"
    r"(?:\s*\^\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?"
)
#: a coefficient before the sum: a sign, numbers, a size letter, \frac of those (no other name)
_COEFFICIENT = re.compile(r"\s*-?\s*(?:\\[dt]?frac\s*\{\s*[0-9]+\s*\}\s*\{\s*[0-9]*\s*[A-Za-z]?\s*\}|[0-9]+)?\s*")
_WHY = "read as one example's term of {name}'s sum over examples (only that term holds the example's values): {message}"
#: the number of examples a claim about every number of them is tried at (not 1: there a mean is its one term)
_SIZE = "3"


def _derivatives(side: str) -> list[tuple[int, int, str, str]]:
    """(start, end, numerator, variable) of each derivative written as a fraction ∂N/∂V in the side."""
    found = []
    for m in _FRACTION.finditer(side):
        top_end = brace_group_end(side, m.end() - 1)
        if top_end < 0 or top_end >= len(side):
            continue
        bottom = top_end + len(side[top_end:]) - len(side[top_end:].lstrip())
        if bottom >= len(side) or side[bottom] != "{":
            continue
        end = brace_group_end(side, bottom)
        top, low = side[m.end() : top_end - 1], side[bottom + 1 : end - 1]
        up, down = _DIFFERENTIAL.match(top), _DIFFERENTIAL.match(low)
        if end > 0 and up and down and up.group(1) == down.group(1) and top[up.end() :].strip():
            found.append((m.start(), end, top[up.end() :].strip(), low[down.end() :].strip()))
    return found


def _one_name(text: str, notation: Notation) -> str | None:
    """The canonical name the text writes, if it writes exactly one plain name."""
    read = normalize(text, notation)
    if read.problems or read.derivatives or read.sums or len(read.symbol_names) != 1:
        return None
    return next(iter(read.symbol_names))


def _split_sum(value: str) -> tuple[str, str, str] | None:
    """(coefficient, summed letter, summand) of a value ``c \\sum_{k=1}^{m} T`` whose one sum runs to the end."""
    found = list(_SUM.finditer(value))
    if len(found) != 1:
        return None
    m = found[0]
    coefficient, summand = value[: m.start()], value[m.end() :].strip()
    if not _COEFFICIENT.fullmatch(coefficient) or not summand:
        return None
    if summand.startswith("{") and brace_group_end(summand, 0) == len(summand):
        summand = summand[1:-1]
    return coefficient.strip(), m.group("a") or m.group("b"), summand


def _letter_uses(text: str, letter: str) -> list[int]:
    """Where the letter stands alone in the text (not inside a longer name or a command)."""
    return [m.start() for m in re.finditer(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", text)]


def _relabelled(text: str, letter: str, to: str) -> str | None:
    """The text with its example labels ``(letter)`` written ``(to)``; None where ``to`` is used
    in it already (it would mean two examples as one)."""
    if letter == to:
        return text
    if _letter_uses(text, to):
        return None
    return re.sub(rf"\(\s*{letter}\s*\)", f"({to})", text)


@dataclass(frozen=True)
class _Sum:
    """A name's value ``coefficient · Σ_letter summand``, the one definition before a step."""

    name: str
    coefficient: str
    letter: str
    summand: str


def _summed_value(name: str, document: Any, at: tuple[int, int], recursive: frozenset[str]) -> _Sum | None:
    """The name's value as a coefficient times one sum over examples, where that is its one definition before ``at``."""
    if name in {r.name for r in [*document.reassigned, *document.redefined]}:
        return None  # two values: which one the step means is not known
    values = [d for d in document.defs if d.name == name and not d.letters and (d.line, d.column) < at]
    split = _split_sum(values[-1].rhs) if len(values) == 1 else None
    if split is None or split[1] in recursive:
        return None  # a sum along a recursion (time steps, layers): its terms depend on each other
    return _Sum(name, *split)


def _neighbour(letter: str) -> re.Pattern[str]:
    """A label one step from the letter's: ``(t-1)``, ``[l+1]``, ``_{i-1}``."""
    return re.compile(rf"[(\[{{]\s*{letter}\s*[-+]|[-+]\s*{letter}\s*[)\]}}]")


def recursive_letters(texts: list[str]) -> frozenset[str]:
    """The label letters the document's math steps along (``h^{(t)} = \\tanh(W h^{(t-1)} + …)``):
    a sum over such a letter has terms that depend on each other's values."""
    return frozenset(c for c in "abcdefghijklmnopqrstuvwxyz" if any(_neighbour(c).search(t) for t in texts))


def _own_term(names: set[str], letter: str, document: Any, notation: Notation) -> bool:
    """Does each term of the sum hold its own example's values only? Every name the document
    defines that the term reaches (through its definitions, in turn) carries the label ``(letter)``,
    and no definition on the way writes a neighbouring label (``h^{(t-1)}``, ``a^{[l+1]}``): a
    recursion across the sum's letter (a recurrent net's time steps, a network's layers) makes
    other terms depend on the variable too, and a name shared by every example (a batch mean,
    defined from them all) does. Errs on no."""
    tag, seen, todo = f"({letter})", set(), set(names)
    neighbour = _neighbour(letter)
    while todo:
        name = todo.pop()
        seen.add(name)
        values = [d.rhs for d in document.defs if d.name == name]  # wherever given: errs on no
        if not values:
            continue
        if tag not in name or any(neighbour.search(v) for v in values):
            return False
        for value in values:
            todo |= normalize(value, notation).symbol_names - seen
    return True


def _reading(
    side: str, document: Any, notation: Notation, at: tuple[int, int], recursive: frozenset[str]
) -> tuple[str, list[_Sum]] | None:
    r"""The side with each ∂N/∂V of a sum over examples (V labelled with the sum's own letter) read
    as its one term, and the sums read; None where there is none."""
    defined = {d.name for d in document.defs}
    out, shift, used = side, 0, []
    for start, end, top, low in _derivatives(side):
        name, var = _one_name(top, notation), _one_name(low, notation)
        label = _LABEL.search(var or "")
        summed = _summed_value(name, document, at, recursive) if name and var and label else None
        if summed is None or summed.letter != label.group("letter"):
            continue
        read = normalize(summed.summand, notation)
        if read.problems or (var not in read.symbol_names and not read.symbol_names & defined):
            continue  # the term does not reach the variable by anything the document says
        if not _own_term(read.symbol_names, summed.letter, document, notation):
            continue  # another term reaches the variable too (a batch mean, h^{(t)} from h^{(t-1)})
        reading = (
            f"\\left({summed.coefficient}\\frac{{\\partial}}{{\\partial {low}}}\\left({summed.summand}\\right)\\right)"
        )
        out = out[: start + shift] + reading + out[end + shift :]
        shift += len(reading) - (end - start)
        used.append(summed)
    return (out, used) if used else None


def example_term_reading(
    lhs: str, rhs: str, document: Any, notation: Notation, at: tuple[int, int], recursive: frozenset[str] = frozenset()
) -> tuple[str, str, list[_Sum]] | None:
    """(lhs, rhs, the sums read) of the step read with one example's term for each derivative of a
    sum over examples; the step's example letter is written as the sum's where they differ
    (``\\sum_k \\mathcal{L}^{(k)}`` beside ``a^{(i)}``). None where no derivative is read so."""
    for _, _, top, low in [*_derivatives(lhs), *_derivatives(rhs)]:
        name, var = _one_name(top, notation), _one_name(low, notation)
        label = _LABEL.search(var or "")
        summed = _summed_value(name, document, at, recursive) if name and var and label else None
        if summed is None or label.group("letter") in recursive:
            continue
        left = _relabelled(lhs, label.group("letter"), summed.letter)
        right = _relabelled(rhs, label.group("letter"), summed.letter)
        if left is None or right is None:
            return None
        lhs, rhs = left, right
        break
    read_left = _reading(lhs, document, notation, at, recursive)
    read_right = _reading(rhs, document, notation, at, recursive)
    if read_left is None and read_right is None:
        return None
    sums = [*(read_left[1] if read_left else []), *(read_right[1] if read_right else [])]
    return (read_left[0] if read_left else lhs), (read_right[0] if read_right else rhs), sums


def _sized(lhs: str, rhs: str, sums: list[_Sum], defined: set[str]) -> tuple[str, str, str] | None:
    """(lhs, rhs, size letter) with the size letter of the sums' coefficient given the value 3, where
    the letter is a size only (never a script, an index, a name's part): one instance of a claim
    that must hold for every number of examples."""
    letters = {c for s in sums for c in re.findall(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])", s.coefficient)}
    if len(letters) != 1 or letters & defined:
        return None  # m = 1 said somewhere: the document's own number of examples, not any
    (letter,) = letters
    for text in (lhs, rhs):
        if any(in_script(text, k) for k in _letter_uses(text, letter)):
            return None
    put = lambda text: re.sub(rf"(?<![A-Za-z\\]){letter}(?![A-Za-z])", _SIZE, text)  # noqa: E731
    return put(lhs), put(rhs), letter


def settle_example_sums(judged: list[Any], document: Any, notation: Notation, again: Any) -> list[Any]:
    """``judged`` with each step left unread for a dependence not stated judged again with every
    derivative of a cost summed over examples read as its one example's term; that reading's
    ``ok`` or ``wrong`` is the step's. A step the reading leaves with the sum's size on one side
    only (the 1/m dropped) is judged once more at 3 examples, and only its ``wrong`` is taken."""
    tasks, where, said, sized = [], [], [], []
    texts = [d.rhs for d in document.defs] + [t for r in judged for t in (r.step.lhs, r.step.rhs)]
    recursive = recursive_letters(texts)
    for k, result in enumerate(judged):
        step = result.step
        if result.status != "unparsed" or NOT_CONTAINED not in result.message:
            continue
        reading = example_term_reading(step.lhs, step.rhs, document, notation, (step.line, step.column), recursive)
        if reading is None:
            continue
        lhs, rhs, sums = reading
        definitions = document.for_step(step.line, step.column, step.rhs, derivative=True)
        names = ", ".join(sorted({s.name for s in sums}))
        tasks.append((replace(step, lhs=lhs, rhs=rhs), definitions))
        where.append(k)
        said.append(_WHY.format(name=names, message="{message}"))
        at_size = _sized(lhs, rhs, sums, {d.name for d in document.defs})
        sized.append((replace(step, lhs=at_size[0], rhs=at_size[1]), definitions, at_size[2]) if at_size else None)
    if not tasks:
        return judged
    out = list(judged)
    verdicts = again.run(tasks)
    retry = [
        (n, s) for n, (v, s) in enumerate(zip(verdicts, sized, strict=True)) if s and v["status"] not in ("ok", "wrong")
    ]
    for (n, (_, _, letter)), verdict in zip(retry, again.run([(s[0], s[1]) for _, s in retry]), strict=True):
        if verdict["status"] == "wrong":
            verdicts[n] = {**verdict, "message": f"with {letter} = {_SIZE} examples, {verdict['message']}"}
    for k, verdict, why in zip(where, verdicts, said, strict=True):
        if verdict["status"] in ("ok", "wrong"):
            out[k] = replace(
                out[k],
                status=verdict["status"],
                counterexample=verdict.get("counterexample"),
                message=why.replace("{message}", verdict["message"]),
                method=verdict.get("method", ""),
            )
    return out
