r"""A letter written as a superscript on several names may be a label, not a power: ``y_k^n``.

Course reports write the example index as a bare superscript (``C^n(w)``, ``y_k^n``, ``\hat y_k^n``
for example n) and drop it now and then within one line: ``x_j(-y_k^n(1-\hat{y}_k^n) + …) =
x_j(\hat{y}_k^n y_k - y_k^n + …)``. Read as powers, ``y_k^n`` and ``y_k`` differ at n = 2 and a
correct step was wrong; a reader sees one example's values throughout. The powers reading is kept
(it is what the step writes, and it judges most such steps well), but a ``wrong`` verdict is
weighed again with the letter read as a label: every ``^n`` dropped. If the step then holds, the
verdict is not evidence of an error and becomes inconclusive, saying why; if it fails either way
it stays wrong.

Only a letter that stands as a superscript at least twice in the step and nowhere else in it
(not ``x_n``, not ``n x``, not in a sum's bound) is taken, and never an exponent of e
(``e^{x}`` is a power whatever else the step writes).
"""

from __future__ import annotations

import re
from dataclasses import replace

from derive.checks.latex.steps import Step

__all__ = ["ITERATION", "LABELS", "iterated_name", "label_reading"]

ITERATION = "; but {} may be {} at step {} (an iteration's value that this line defines), not a power"
#: a whole side that is one name with a one-letter superscript: \eta^t, w_i^{t}, \theta^{(t)} is a label already
_ITERATED = re.compile(r"\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\^\s*\{?\s*(?P<t>[A-Za-z])\s*\}?\s*")
#: a whole side that is one name with the next value of a letter as its superscript: w^{i+1}, \theta_j^{t + 1}
_NEXT = re.compile(r"\s*(?P<name>\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*\^\s*\{\s*(?P<t>[A-Za-z])\s*\+\s*1\s*\}\s*")
#: prose that counts iterations: a superscript letter there is the iteration's number
_ITERATION_WORDS = re.compile(r"iteration|update|epoch|time ?step|step [a-z]\b|次|迭代|时刻|反復|更新", re.I)
LABELS = "; but read with each bare superscript letter as a label (y_k^n: example n), not a power, it holds"

#: ^n or ^{n}: a one-letter superscript (TeX takes one character after a bare ^)
_SUPERSCRIPT = re.compile(r"\^\s*(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))")
_EXPONENTIAL = re.compile(r"(?:(?<![A-Za-z\\])e|\\exp)\s*$")


def label_reading(step: Step) -> Step | None:
    """The step with each superscript letter that may be a label dropped, or None if none may."""
    text = f"{step.lhs} = {step.rhs}"
    letters = [m.group(1) or m.group(2) for m in _SUPERSCRIPT.finditer(text)]
    if any(_EXPONENTIAL.search(text[: m.start()]) for m in _SUPERSCRIPT.finditer(text)):
        return None
    labels = {c for c in set(letters) if letters.count(c) >= 2 and not _used_otherwise(text, c)}
    if not labels:
        return None

    def dropped(side: str) -> str:
        return _SUPERSCRIPT.sub(lambda m: "" if (m.group(1) or m.group(2)) in labels else m.group(0), side)

    return replace(step, lhs=dropped(step.lhs), rhs=dropped(step.rhs))


def _used_otherwise(text: str, letter: str) -> bool:
    """Does the letter stand anywhere in the step other than as a one-letter superscript?"""
    rest = _SUPERSCRIPT.sub(lambda m: " " if (m.group(1) or m.group(2)) == letter else m.group(0), text)
    rest = re.sub(r"\\[A-Za-z]+", " ", rest)  # \ln, \hat: command names are not the letter
    return re.search(rf"(?<![A-Za-z]){letter}(?![A-Za-z])", rest) is not None


def iterated_name(step: Step) -> str:
    """``\\eta^t = \\eta / \\sqrt{t + 1}``: the left side is a name with a letter superscript and the
    right side uses that name and the letter (as a number, t + 1): η at update t, defined by the
    line, rather than η to the power t, where the prose before it speaks of iterations ("at the
    t-th update", 第t次); or the left side is a name at the next value of a letter (``w^{i+1}``) and
    the right side writes the name at that letter (``w^{i}``): an update rule whatever the prose
    says. The why (ITERATION) for such a step, else ""."""
    following = _NEXT.fullmatch(step.lhs)
    if following is not None and following.group("name") not in ("e", r"\exp"):
        # w^{i+1} = w^{i} - η ∇E: the next iterate from this one, whatever the prose says (held-out 28)
        name, letter = following.group("name"), following.group("t")
        if re.search(rf"{re.escape(name)}\s*\^\s*(?:\{{\s*{letter}\s*\}}|{letter})(?![A-Za-z+])", step.rhs):
            return ITERATION.format(f"{name}^{{{letter}+1}}", name, f"{letter} + 1")
    m = _ITERATED.fullmatch(step.lhs)
    if m is None or m.group("name") in ("e", r"\exp"):
        return ""
    name, letter = m.group("name"), m.group("t")
    base = re.escape(re.split(r"_", name, maxsplit=1)[0])
    uses_name = re.search(rf"{base}(?![A-Za-z])", step.rhs) is not None
    if uses_name and _used_otherwise(step.rhs, letter) and _ITERATION_WORDS.search(step.context):
        return ITERATION.format(f"{name}^{letter}", name, letter)
    return ""
