r"""Conditions a step is stated under, read from the prose and from ``\text{…}`` in the math.

"For $i \neq j$", "if i = y_i", "where $i \ne j$", ``\quad \text{for } i \neq j``: a derivation of
the softmax Jacobian is right only under them, so a checker that ignores them calls a correct
step wrong at i = j. Each condition comes out as one small LaTeX relation (``"i \neq j"``).

Only what is clearly a condition is taken: a trigger word (for, if, when, where, whenever,
provided, assuming, given, unless is *not* one) right before one relation between short sides.
An equality is taken only between index-like names (``i = j``, ``i = y_i``, ``k = 1``), so that
a definition ("where $z = Wx + b$") is never turned into an assumption; "for $i = 1, \dots, n$"
is a range, not a condition. Missing a condition can only leave a step unjudged (the checker
then finds a counterexample outside it and must not call it wrong); inventing one could hide an
error, so the rules here stay narrow.
"""

from __future__ import annotations

import re

__all__ = ["CJK_TRIGGERS", "as_conditions", "prose_conditions", "reasons", "row_condition", "TRIGGERS"]

TRIGGERS = ("for", "if", "when", "whenever", "where", "provided", "assuming", "given", "with", "case")
TRIGGERS += ("since", "because")  # "Since $z_1 > 0$, we get": the reason a step holds
#: the same words in the languages of the corpora's documents (French, Spanish, Portuguese, German,
#: Italian): "pour $i \neq j$", "si $i = j$", "para $k \ne i$", "für $i \neq j$", "falls $z > 0$"
_FOREIGN = r"|si|pour|lorsque|quand|où|para|cuando|donde|quando|onde|für|falls|wenn|wobei|per|dove"
_FOREIGN += r"|jeśli|jeżeli|gdy|nếu|khi"  # Polish and Vietnamese (jeśli $z > 0$, nếu $i = j$)
_TRIGGER = r"(?:for|if|when|whenever|where|provided(?:\s+that)?|assuming|given|with|case|since|because" + _FOREIGN + ")"
#: Chinese "if"/"when" (若 $l \ne j$ ，则 …, 如果, 当 $i = j$ 时): no word boundary in CJK text
CJK_TRIGGERS = r"(?:若|如果|假如|假设|当|當)"
_UNICODE = {"≠": r"\neq", "≤": r"\leq", "≥": r"\geq", "!=": r"\neq", "<=": r"\leq", ">=": r"\geq", "==": "="}
#: (a command ends where its letters do: ``x\geq1`` is x ≥ 1)
_RELATION = re.compile(
    r"\\neq(?![A-Za-z])|\\ne(?![A-Za-z])|\\not\s*=|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|\\leqslant\b|\\geqslant\b"
    r"|\\gt(?![A-Za-z])|\\lt(?![A-Za-z])|!=|<=|>=|==|[=<>≠≤≥]"
)
_CANON = {
    r"\ne": r"\neq",
    r"\le": r"\leq",
    r"\ge": r"\geq",
    r"\leqslant": r"\leq",
    r"\geqslant": r"\geq",
    "\\not=": r"\neq",
    r"\gt": ">",  # MathJax's names, written in Markdown to keep < and > from HTML
    r"\lt": "<",
}
#: An index-like side: a letter, a number, or a letter with a simple subscript (y_i, y_{i}, y^{(i)}).
_INDEX = re.compile(r"[A-Za-z]|\d+|[A-Za-z](?:_\{?[A-Za-z0-9]+\}?|\^\{?\(?[A-Za-z0-9]+\)?\}?)+")
_HEAVY = re.compile(r"\\(?:frac|sum|prod|int|partial|nabla|cdots|ldots|dots|begin|left|exp|log|ln|sigma)\b|[,;]")


def _clean(latex: str) -> str:
    text = re.sub(r"\\(?:text|mbox|textrm|mathrm|textit)\s*\{([^{}]*)\}", r" \1 ", latex)
    text = text.replace("$", " ").replace(r"\(", " ").replace(r"\)", " ")
    for plain, command in _UNICODE.items():
        text = text.replace(plain, f" {command} ")
    text = re.sub(r"\\[,;:! ]|\\q?quad\b|~", " ", text)
    text = " ".join(text.split()).strip(" ,.;:")
    # "(for i \\neq j)": the parentheses only set the condition apart
    text = text[1:-1].strip() if text.startswith("(") and text.endswith(")") else text
    # "if i = j" (a case of cases, a \\text{for …} tail): the trigger word is not part of it
    return re.sub(r"^" + _TRIGGER + r"\b\s*", "", text, flags=re.I).strip(" ,.;:")


def _one(relation_text: str) -> str | None:
    """One condition ``lhs REL rhs`` in canonical LaTeX, or None. A value and then a bound
    ("$z_1 = 0.5 > 0$", a worked example's reason) is the bound on the name: ``z_1 > 0``."""
    found = list(_RELATION.finditer(relation_text))
    if len(found) == 2 and found[0].group(0) == "=" and found[1].group(0) not in ("=", "==", "≠", "!="):
        value = relation_text[found[0].end() : found[1].start()].strip()
        if re.fullmatch(r"-?\d+(?:\.\d+)?", value):
            return _one(relation_text[: found[0].start()] + relation_text[found[1].start() :])
    if len(found) != 1:
        return None
    m = found[0]
    lhs, rhs = relation_text[: m.start()].strip(), relation_text[m.end() :].strip()
    rel = " ".join(m.group(0).split())
    rel = _CANON.get(rel, _UNICODE.get(rel, rel))
    if not lhs or not rhs or len(lhs) > 30 or len(rhs) > 30 or _HEAVY.search(lhs + " " + rhs):
        return None
    if rel == "=" and not (_INDEX.fullmatch(lhs.replace(" ", "")) and _INDEX.fullmatch(rhs.replace(" ", ""))):
        return None  # an equation between expressions is a definition or a claim, not a condition
    return f"{lhs} {rel} {rhs}"


#: an inequality sign of a range ``0 < x \\leq 1``
_BOUND = re.compile(r"<=|>=|\\leq?(?![A-Za-z])|\\geq?(?![A-Za-z])|[<>≤≥]")


def _range_parts(part: str) -> list[str]:
    """``0 < x \\leq 1`` → ["0 < x", "x \\leq 1"] (a range is both bounds); any other part as it is."""
    relations = list(_RELATION.finditer(part))
    if len(relations) != 2 or not all(_BOUND.fullmatch(r.group(0)) for r in relations):
        return [part]
    middle = part[relations[0].end() : relations[1].start()]
    below = {_direction(r.group(0)) for r in relations}
    if len(below) != 1 or not _INDEX.fullmatch(middle.replace(" ", "")) or re.search(r"(?<!\\)\b[A-Za-z]{2,}", part):
        return [part]  # x < -1 or x > 1, a < b > c: no range (left whole, so not taken)
    return [part[: relations[1].start()], middle + part[relations[1].start() :]]


def _direction(sign: str) -> bool:
    """Does an inequality sign point up (< ≤)?"""
    return sign in ("<", "<=", "≤") or sign.startswith(("\\le", "\\leq"))


def as_conditions(latex: str) -> list[str]:
    """Conditions in a short piece of LaTeX or prose (``i \\neq j``, ``i \\neq j \\text{ and } k > 0``,
    ``0 < x \\leq 1``)."""
    text = _clean(latex)
    parts = [r for part in re.split(r"\band\b|\\land\b|\\wedge\b", text) for r in _range_parts(part)]
    out = [_one(part.strip(" .")) for part in parts]
    return [c for c in out if c is not None] if all(out) else []


def equal_names(latex: str) -> bool:
    """``x_1 = x_2 = x_3``: names (or numbers) all set equal, as "if $x_1=x_2=x_3$" supposes. Not a
    condition to assume (a chain is not one relation), but not a claim either (clauses.is_condition)."""
    members = re.split(r"(?<![<>!=\\])=(?!=)", _clean(latex))
    return len(members) >= 3 and all(_INDEX.fullmatch(m.replace(" ", "")) for m in members)


_PROSE = re.compile(
    r"(?:\b" + _TRIGGER + r"\b|" + CJK_TRIGGERS + r")\s*(?:(?:all|any|each|every|the\s+case)\s+)?"
    r"(?:\$\$?(?P<math>[^$]{1,80})\$\$?|\\\((?P<paren>.{1,80}?)\\\)"
    r"|(?P<plain>[A-Za-z](?:_\{?\w+\}?)?\s*(?:≠|!=|==|=|<=|>=|<|>|≤|≥)\s*[A-Za-z0-9](?:_\{?\w+\}?)?)(?![\w{(]))",
    re.IGNORECASE,
)


#: a further condition of the same supposition: "when $x > 0$ *and $y > 0$*" (not "or": a step true
#: where both hold need not be where either does)
#: A bare comma joins a bound ("for $a > 0$, $b > 0$"), never an equation ("for $i = 1$, $y_1 = 1$"
#: states a value under the condition).
CONJOINED = re.compile(
    r"\s*(?:,?\s*(?P<word>and|und|et|y|e|и|且|和|及|かつ|및|그리고)|,)\s*"
    r"(?:\$\$?(?P<math>[^$]{1,80})\$\$?|\\\((?P<paren>.{1,80}?)\\\))",
    re.IGNORECASE,
)


def conjoined(match: re.Match[str]) -> list[str]:
    """The conditions a CONJOINED match adds (none when it joins by a comma only an equation)."""
    found = as_conditions(match.group("math") or match.group("paren") or "")
    return found if match.group("word") or not any(" = " in c for c in found) else []


def prose_conditions(prose: str) -> list[str]:
    """Conditions stated in prose: "for $i \\neq j$", "if i = y_i", "where $i \\ne j$", and each
    further one joined by "and" ("when $x > 0$ and $y > 0$": both; the second was dropped, and
    |xy| = xy was called wrong at y = -1)."""
    found: list[str] = []
    for m in _PROSE.finditer(prose):
        stated = as_conditions(m.group("math") or m.group("paren") or m.group("plain") or "")
        end = m.end()
        while (
            stated
            and m.group("plain") is None
            and (more := CONJOINED.match(prose, end))
            and (further := conjoined(more))
        ):
            stated, end = stated + further, more.end()
        for condition in reasons(m.group(0), stated):
            if condition not in found:
                found.append(condition)
    return found


_CAUSE = re.compile(r"\s*(?:since|because)\b", re.IGNORECASE)


def reasons(lead: str, conditions: list[str]) -> list[str]:
    """The conditions after a trigger word; after "since"/"because" a bound only: "Since $z_1 > 0$"
    is what the step relies on, "Since $y = 0$" gives a worked example its value (a definition)."""
    if not _CAUSE.match(lead):
        return conditions
    return [c for c in conditions if " = " not in c]


_ROW_TRIGGER = re.compile(
    r"(?:\\q?quad\b|\\[,;:! ]|~|,|\s)*(?:\\(?:text|mbox|textrm|mathrm|textit)\s*\{\s*\(?\s*" + _TRIGGER + r"\b"
    r"|\\q?quad\s*\((?=[^()]*\)\s*$)"
    # 0\ (x \le 0): a comparison in brackets after an explicit space ends the row as a remark
    r"|(?:\\[,;: ]|~)\s*\((?=[^()=]*(?:<|>|\\[lg]eq?(?![A-Za-z])|\\[lg]t(?![A-Za-z])|\\neq?(?![A-Za-z])|≠|≤|≥)"
    r"[^()=]*\)\s*$)"
    # \quad x \geq 1 at the end of a row: a bare bound (never an equation: \bar x = 6 \quad s = 8)
    r"|\\q?quad\b(?=[^=&{}]*(?:<|>|\\[lg]eq?(?![A-Za-z])|\\neq?(?![A-Za-z])|≠|≤|≥)[^=&{}]*$))",
    re.IGNORECASE,
)


#: ``\quad x \in \mathbf{R}`` at the end of a row: the domain the formula is stated on
_MEMBERSHIP_TAIL = re.compile(
    r"(?<![,;\s])(?:\s|\\[,;])*\\q?quad\b\s*(?P<name>[A-Za-z](?:_\{?[A-Za-z0-9]+\}?)?)\s*\\in\s*(?P<set>[^=&]+?)[\s.,]*$"
)
#: the real line, written as a set: a domain that restricts nothing
_REALS = re.compile(r"(?:\\mathbb|\\mathbf|\\Bbb|\\mathrm)?\s*\{?\s*R\s*\}?|\\R|ℝ")


def _membership_tail(row: str) -> tuple[int, list[str]] | None:
    r"""``sinh^{-1}(x) = \ln(x + \sqrt{x^2 + 1}) \quad x \in \mathbf{R}``: the tail is cut; the real
    line restricts nothing (no condition), another set is kept as written: never read, so a wrong
    under it is held (step_judge.guard_conditions), an ok stands."""
    m = _MEMBERSHIP_TAIL.search(row)
    if m is None or _depth(row, m.start()) != 0:
        return None
    # a statement of its own after a comma (``x = y, \quad u \in U``) or about a name the formula
    # does not use is no domain of the formula
    before = row[: m.start()]
    used = re.search(rf"(?<![A-Za-z\\]){re.escape(m.group('name'))}(?![A-Za-z])", before)
    if before.rstrip().endswith((",", ";")) or used is None:
        return None
    domain = m.group("set").strip()
    if _RELATION.search(domain) or any(c == "," and _depth_in(domain, k) == 0 for k, c in enumerate(domain)):
        return None  # x \in \mathbf{R},\ x \neq 0: a set and a bound, no one clear domain
    if _REALS.fullmatch(domain):
        return m.start(), []
    return m.start(), [f"{m.group('name')} \\in {domain}"]


def _depth_in(text: str, index: int) -> int:
    """Brackets of any kind open at ``index`` (``(-1, 1)``: the comma is inside)."""
    return sum((c in "([{") - (c in ")]}") for c in text[:index])


def row_condition(row: str) -> tuple[int, list[str]] | None:
    r"""Where a trailing condition starts in a row of math, and the conditions it states.

    ``-S_i S_j \quad \text{for } i \neq j`` -> (index of ``\quad``, ["i \neq j"]); also
    ``\text{if $i = j$}``, ``\text{(for } i \neq j)``, ``\quad (i \neq j)`` and a bare bound
    ``\quad x \geq 1`` (one comparison, no equation). None when the
    row has no such tail or the tail is not a clear condition."""
    for m in _ROW_TRIGGER.finditer(row):
        if _depth(row, m.start()) != 0:
            continue
        tail = row[m.start() :]
        tail = re.sub(r"^(?:[\s,~]|\\q?quad\b|\\[,;:! ])*", "", tail)
        tail = re.sub(
            r"^\\(?:text|mbox|textrm|mathrm|textit)\s*\{\s*\(?\s*" + _TRIGGER + r"\b", r"\\text{", tail, flags=re.I
        )
        tail = re.sub(r"^\(", "", tail).strip()
        tail = re.sub(r"\\text\{\s*\)?\s*\}|\)\s*$", " ", tail)
        conditions = as_conditions(tail)
        if conditions:
            return m.start(), conditions
    return _membership_tail(row)


def _depth(text: str, index: int) -> int:
    """Nesting of braces and environments at ``index``: a condition inside ``cases`` is the case's."""
    depth = 0
    k = 0
    while k < index:
        c = text[k]
        if c == "\\":
            depth += text.startswith("begin{", k + 1) - text.startswith("end{", k + 1)
            k += 2
            continue
        depth += (c == "{") - (c == "}")
        k += 1
    return depth
