r"""Equations the prose says something satisfies, or that must hold: conditions, not identities.

"the limit $F$ satisfies the equation $F = 1 + \frac{1}{F}$, or equivalently the equation $F^2 = F +
1$" (JuanBiancuzz), "Indeed, the median satisfies $$1 - e^{-a} = e^{-a}$$, so that $a = \log 2$"
(cwindolf), "Then we need $$1 - uw = uw$$" (cwindolf): each equation fixes the values of its names; it
is true at its solution and false nearly everywhere else, so a point where the sides differ refutes
nothing. Read as identities they were called wrong (the twenty-fifth hunt's false alarms).

A ``wrong`` is held back (inconclusive, quoting the words) when the last sentence of the prose before
its formula
- says it anywhere: satisfies / such that (and satisface, tal que, vérifie, tel que, erfüllt, so
  dass, satisfaz, soddisfa, tale che, 满足, 使得, 満たす, 만족, удовлетворяет, такой что), or
- states a problem's conditions: with the conditions, initial (or boundary) conditions or values,
  subject to ("… with the conditions $y(0) = 1$ and $\dot{y}(0) = 2$"), or
- names an operation on both sides ("multiplying both sides by 4, we have", beide Seiten, 两边): the
  formula is the equation it gives, a condition as much as the one it came from, or
- ends with the words that introduce a condition right before the formula: we need / we want / we
  require / must have, solve (for x), the equation, the solution to / of ("This is the least squares
  solution to $G\theta = x$", hunt 39: the system being solved; solución de, solution de, Lösung von),
  the condition (la ecuación, l'équation, die
  Gleichung, a equação, l'equazione, 方程, 方程式, 방정식, уравнение).
``ok`` stands (an equation that holds everywhere also holds at its solution), and so does a ``wrong``
with no name in it (``0.3 + 0.4 = 1.5`` is arithmetic whatever the prose says) or one in one name that
no real value satisfies ("every eigenvalue satisfies $\lambda^2 + 1 = \lambda$": solved_equations), or
one with a derivative ("the logistic function satisfies $\sigma'(x) = \sigma(x)(1 - \sigma(x))$" states a
rule). The price is a wrong identity without a derivative introduced as "… satisfies", which is now
inconclusive instead of wrong: a miss, never a false alarm.
"""

from __future__ import annotations

import re

from derive.checks.latex.normalize import Notation
from derive.checks.latex.results import StepResult
from derive.checks.latex.solved_equations import without_real_solution

__all__ = ["DERIVATIVE", "hold_stated_equations"]

#: a word anywhere in the sentence that makes what follows a condition on its names
_SATISFIES = re.compile(
    r"(?<![\w-])(?:satisf(?:y|ies|ied|ying)|such\s+that|satisfacen?|tal(?:es)?\s+que|v[ée]rifient?|satisfait"
    r"|tel(?:le)?s?\s+que|erf[üu]ll(?:t|en)|so\s+dass|sodass|satisfaz(?:em)?|soddisf\w*|tal[ei]\s+che"
    r"|удовлетвор\w*|так(?:ой|ая|ое|ие)\s+что)(?![\w-])|满足|滿足|使得|満た|만족",
    re.I,
)
#: words right before the formula that introduce the condition it states
_INTRODUCES = re.compile(
    r"(?:(?<![\w-])(?:(?:we|you|one)\s+(?:need|want|require|must\s+have)|need|require[sd]?|solv(?:e|es|ing)"
    r"(?:\s+for\s+\S+)?|(?:the|an|this)\s+(?:equations?|conditions?)|la\s+ecuaci[óo]n|l['’]\s*[ée]quation"
    r"|solutions?\s+(?:to|of)|soluci[óo]n(?:es)?\s+(?:de|a)|solutions?\s+(?:de|du|à)|L[öo]sung\s+(?:von|der|des)"
    r"|die\s+Gleichung|a\s+equa[çc][ãa]o|l['’]\s*equazione|уравнени[еяю])|方程式?|방정식)"
    r"[\s:,]*(?:that|que|dass|что)?[\s:,]*$",
    re.I,
)
#: an operation on both sides: what follows is the equation it gives, still a condition ("Multiplying both
#: sides by 4, we have $(n+8) = 2(n-6)$" while solving for n)
_BOTH_SIDES = re.compile(
    r"(?<![\w-])(?:both|each)\s+sides?(?![\w-])|des\s+deux\s+c[ôo]t[ée]s|beiden?\s+Seiten|ambos\s+(?:os\s+)?lados"
    r"|entrambi\s+i\s+(?:lati|membri)|обе\s+части|两边|兩邊|両辺|양변",
    re.I,
)
#: the conditions a problem states: "with the conditions $y(0) = 1$ and $\dot{y}(0) = 2$", initial values
_PROBLEM_CONDITIONS = re.compile(
    r"(?<![\w-])(?:(?:initial|boundary)\s+(?:conditions?|values?)|with\s+the\s+conditions?|subject\s+to)(?![\w-])", re.I
)
#: the end of a sentence in the prose before a formula
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
#: a name in a side: a letter outside a command (``e`` counts too: a cue before ``e^{-a}`` alone is rare)
_NAME = re.compile(
    r"(?<!\\)(?<![A-Za-z])[A-Za-z]|\\(?:alpha|beta|gamma|delta|theta|lambda|mu|sigma|phi|psi|omega|tau|pi)\b"
)
#: commands that write operators, not names
_OPERATORS = re.compile(r"\\(?:frac|dfrac|tfrac|cdot|times|left|right|sqrt|log|ln|exp)\b")


def _last_sentence(prose: str) -> str:
    """The last sentence of ``prose`` (all of it when no sentence ends in it)."""
    ends = list(_SENTENCE_END.finditer(prose.rstrip()))
    return prose[ends[-1].end() :] if ends else prose


def stated_condition(context: str) -> str | None:
    """The words of ``context`` (the prose before a formula) that make its equations conditions, or None."""
    sentence = _last_sentence(context)
    found = _SATISFIES.search(sentence) or _BOTH_SIDES.search(sentence) or _PROBLEM_CONDITIONS.search(sentence)
    found = found or _INTRODUCES.search(sentence)
    return " ".join(found.group(0).split()).rstrip(":, ") if found else None


def _has_name(side: str) -> bool:
    """Does a side write a name (not only numbers and operators)?"""
    return _NAME.search(_OPERATORS.sub(" ", side)) is not None


#: a derivative in the step: "the logistic function satisfies $\sigma'(x) = \sigma(x)(1 - \sigma(x))$",
#: "for the update we need $$\frac{\partial L}{\partial w} = …$$" state a rule or ask for a computation,
#: claims either way; the conditions the words introduce are equations in values
DERIVATIVE = re.compile(r"\\partial|\\nabla|\\frac\s*\{\s*d|\\dfrac\s*\{\s*d|'")


def hold_stated_equations(judged: list[StepResult], notation: Notation) -> list[StepResult]:
    """``judged`` with each ``wrong`` the prose before it calls a condition (satisfies, we need, the
    equation …) made inconclusive, unless the step has no name in it or no real solution."""
    out = []
    for result in judged:
        step = result.step
        if result.status == "wrong" and (_has_name(step.lhs) or _has_name(step.rhs)):
            words = stated_condition(step.context)
            claimed = DERIVATIVE.search(step.lhs + step.rhs)
            if words and not claimed and not without_real_solution(step.lhs, step.rhs, notation):
                why = f"; but the prose states it as a condition ({words} …): true where it is solved, not everywhere"
                result = result.held(result.message + why)
        out.append(result)
    return out
