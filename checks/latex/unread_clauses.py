r"""Inline claims stated under a condition the judge could not read: "$||\mathbf{x}|| = 0$ if and
only if $\mathbf{x} = 0$".

A norm's properties (saikrishnaponnam/Machine-Learning, linear-algebra.md) are stated with their
conditions in prose, and the conditions reader takes only plain relations between indices or
names (``i \neq j``, ``y = 1``): ``\mathbf{x} = 0`` is not one, so ``||x|| = 0`` was judged for
every x and called wrong. An inline formula followed, in its sentence, by a supposing word (if,
iff, only if, when, whenever, provided, assuming, unless), or preceded in its sentence by one in
any of the documents' languages ("se a saída … for maior que 1 …, $f'(z) = 0$"), claims nothing
without that condition;
where no condition was read for the step, a ``wrong`` is held back (inconclusive) with the clause
quoted. A condition that was read (``\delta_{ij} = 1`` if ``i \neq j``) was already assumed by the
judge, so that step's ``wrong`` stands.

A value an example posits is held back the same way: "por ejemplo, $\text{odds} = 0.25$ significa
…" (vcntttt/modelo-regresion) gives odds a value for the example, after another example's "$p =
0.5$" the reader had taken as p's value; an inline ``name = number`` shortly after (80 characters
of its line) for example, e.g., por ejemplo, par exemple, zum Beispiel, 例如 (and their kin) is a
case, not a claim.
Any other inline formula after those words (``\sigma(0) = 0.7``, a computation) is judged as before.

An equation joined to another by an equivalence arrow in one inline formula ("$D_\text{KL}(p \parallel
q) = 0 \Leftrightarrow p(x) = q(x)$") is one side of an equivalence: a condition, claimed by neither
side. Its verdict, ``ok`` as much as ``wrong`` (p(x) = q(x) was ``ok``, read with p defined as q by the
"if and only if $p(x) = q(x)$" of an earlier paragraph), is inconclusive, saying so.
"""

from __future__ import annotations

import re

from derive.checks.latex.extract import Equation
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

__all__ = ["hold_unread_clauses", "leading_supposition", "without_suppositions"]

#: a supposing word right after the formula (its trailing clause)
_CLAUSE = re.compile(
    r"[\s,;]*(?:\\text\{\s*)?(?P<clause>(?:if\s+and\s+only\s+if|only\s+if|iff|if|when|whenever|provided|assuming"
    r"|unless)\b[^.;\n]{0,60})",
    re.I,
)
#: the end of an inline formula: a $ not escaped and not part of $$, or \)
_CLOSE = re.compile(r"(?<!\\)\$(?!\$)|\\\)")


def _line(lines: list[str], line: int) -> str:
    """The document's line (1-based), or nothing for a line outside it."""
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def _after(lines: list[str], line: int, column: int) -> str:
    """The text of the step's line after the inline formula that holds the step."""
    text = _line(lines, line)
    close = _CLOSE.search(text, max(column - 1, 0))
    return text[close.end() :] if close else ""


#: a supposing word earlier in the formula's sentence ("se a saída … for maior que 1 ou menor que 0,
#: $f'(z) = 0$"): English, Portuguese, Spanish, Italian, French, German, Chinese in its simplified and its
#: traditional script ("當 $t^{\star} = 0$ 時", when t* = 0: 当 and 當 are one word)
_LEADING = re.compile(
    r"(?:^|[\s(,;])(?P<word>if|iff|when|whenever|unless|provided|assuming|se|si|quando|cuando|caso|lorsque|quand|wenn"
    r"|falls|sofern)\b"
    r"|(?P<cjk>若|如果|假如|假设|假設|当|當)",
    re.I,
)
#: a sentence's end in running text
_SENTENCE_END = re.compile(r"[.!?。！？:]\s|^\s*[-*>]\s")


def _before(lines: list[str], line: int, column: int) -> str:
    """The text of the step's sentence before the inline formula that holds the step."""
    text = _line(lines, line)[: max(column - 1, 0)]
    opening = max(text.rfind("$"), text.rfind("\\("))
    text = text[:opening] if opening >= 0 else text
    ends = list(_SENTENCE_END.finditer(text))
    return text[ends[-1].end() :] if ends else text


def leading_supposition(lines: list[str], line: int, column: int) -> tuple[str, int] | None:
    """The supposing word (if, when, 當 …) earlier in the sentence of the inline formula at (line,
    column), with its column in the line (0-based: two formulas after one "if" share it), or None."""
    sentence = _before(lines, line, column)
    found = _LEADING.search(sentence)
    if found is None:
        return None
    text = _line(lines, line)[: max(column - 1, 0)]
    opening = max(text.rfind("$"), text.rfind("\\("))
    start = (opening if opening >= 0 else len(text)) - len(sentence)
    return found.group(0).strip(), start + found.start()


#: a word of equivalence right before an inline formula ("equal if and only if $p(x) = q(x)$"): the
#: formula is the condition under which something holds, never a name's value. A plain "if"/"when"
#: is not here: "if $L = \frac12(y - F)^2$, then …" and "for example, if $o_i = …$" posit the value
#: the next steps use (measured: 42 documents' definitions changed with it, most of them so)
_EQUIVALENT_WHEN = re.compile(
    r"(?:(?<![\w-])(?:if\s+and\s+only\s+if|only\s+if|iff|exactly\s+when|precisely\s+when|whenever"
    r"|genau\s+dann,?\s+wenn|si\s+et\s+seulement\s+si|si\s+y\s+s[oó]lo\s+si|se\s+e\s+somente\s+se)|当且仅当|當且僅當)\s*$",
    re.I,
)


#: an idea put forward in the conditional before it is weighed (and, in the notes that write it,
#: dropped): "a first idea would be to take $p(y=1|x) = \theta^T x$, but …", "serait de prendre"
_PROPOSED = re.compile(
    r"(?<![\w-])(?:would\s+be\s+to|serait\s+de|ser[ií]a|wäre\s+es,?)\s+(?:take|use|set|define|choose|model|write"
    r"|prendre|poser|choisir|d[ée]finir|mod[ée]liser|utiliser|[ée]crire|tomar|usar|definir|escolher|elegir|modelar)\s*$",
    re.I,
)


def without_suppositions(equations: list[Equation]) -> list[Equation]:
    """The equations less the inline ones right after "if and only if" and its kin: conditions of
    an equivalence define no name (read as p's value, "equal if and only if $p(x) = q(x)$" made a
    later p(x) = q(x) ok); nor does an idea proposed in the conditional ("a first idea would be to
    take $p(y=1|x) = \theta^T x$, but it is not a probability"): taken as p's value, the logit step
    log(μ/(1−μ)) = log(p(y=1|x)/p(y=0|x)) that follows the page's real model was called wrong."""
    unread = (_EQUIVALENT_WHEN, _PROPOSED)
    return [e for e in equations if e.kind != "inline" or not any(p.search(e.context) for p in unread)]


#: a word that introduces an example, in the documents' languages
_EXAMPLE = re.compile(
    r"(?:for (?:example|instance)|e\.\s?g\.?|por ejemplo|por exemplo|par exemple|zum Beispiel|z\.\s?B\.?|ad esempio"
    r"|例如|比如|例えば|예를 들어|예를 들면)",
    re.I,
)
#: a bare name (``\text{odds}``, ``p``, ``w_1``) and a number: the two sides of a posited value
_BARE = re.compile(r"\s*(?:\\text\{\s*[A-Za-z ]+\}|\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?)\s*")
_NUMBER = re.compile(r"\s*-?\d+(?:[.,]\d+)?\s*")


def _posited(step_lhs: str, step_rhs: str) -> bool:
    """Is the step ``name = number`` (either way round)?"""
    return any(_BARE.fullmatch(a) and _NUMBER.fullmatch(b) for a, b in ((step_lhs, step_rhs), (step_rhs, step_lhs)))


def _example(lines: list[str], line: int, column: int, lhs: str, rhs: str) -> str | None:
    """The example word shortly before an inline ``name = number`` on its line, or None."""
    text = _line(lines, line)[: max(column - 1, 0)]
    opening = max(text.rfind("$"), text.rfind("\\("))
    before = text[:opening] if opening >= 0 else text
    found = list(_EXAMPLE.finditer(before[-80:]))
    return found[-1].group(0) if found and _posited(lhs, rhs) else None


#: the arrows of an equivalence: each side is a condition, neither is claimed
_EQUIVALENCE = re.compile(r"(?:\\(?:Leftrightarrow|iff|Longleftrightarrow|leftrightarrow)(?![A-Za-z])|⟺|⇔)\s*$")


def _equivalence_side(lines: list[str], step: Step) -> bool:
    """Does the inline step stand right after (or right before) an equivalence arrow of its formula?"""
    line, column = step.line, max(getattr(step, "column", 1) - 1, 0)
    text = _line(lines, line)
    head = text[:column].rstrip()
    opening = max(head.rfind("$"), head.rfind("\\("))
    inside = head[opening + 1 :] if opening >= 0 else head
    if not inside.endswith(step.relation):
        return False
    lead = inside[: -len(step.relation)].rstrip()
    if "".join(lead.split()).endswith("".join(step.lhs.split())):
        lhs_start = len(lead) - len(step.lhs.strip())
        if _EQUIVALENCE.search(lead[: max(lhs_start, 0)]):
            return True
    rest = text[column:]
    end = rest.find(step.rhs.strip())
    after = rest[end + len(step.rhs.strip()) :].lstrip() if end == 0 else ""
    return re.match(r"\\(?:Leftrightarrow|iff|Longleftrightarrow)(?![A-Za-z])|⟺|⇔", after) is not None


def hold_unread_clauses(judged: list[StepResult], text: str) -> list[StepResult]:
    """``judged`` with each inline ``wrong`` whose formula is followed, or preceded in its sentence,
    by a condition in prose that was not read for it made inconclusive, and each verdict on a side of an
    inline equivalence made inconclusive."""
    lines = text.split("\n")
    out = []
    for result in judged:
        step = result.step
        if result.status in ("ok", "wrong") and step.kind == "inline" and _equivalence_side(lines, step):
            why = "; but it is one side of an equivalence (⟺) in its formula: a condition, not a claim"
            out.append(result.held(result.message + why))
            continue
        if result.status == "wrong" and step.kind == "inline" and not step.conditions:
            column = getattr(step, "column", 0)
            found = _CLAUSE.match(_after(lines, step.line, column))
            leading = None if found else _LEADING.search(_before(lines, step.line, column))
            if found or leading:
                clause = " ".join((found.group("clause") if found else leading.group(0)).split())
                why = f"{result.message}; but the formula is stated under a condition in prose, not read ({clause})"
                result = result.held(why)
            elif example := _example(lines, step.line, column, step.lhs, step.rhs):
                result = result.held(f"{result.message}; but the value is an example's ({example}), not a claim")
        out.append(result)
    return out
