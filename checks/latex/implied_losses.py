r"""Names a chain defines by its first step: ``\frac{\partial L}{\partial p_j} = \frac{\partial(-\sum_i
y_i\log p_i)}{\partial p_j}``.

Students often never write ``L = …``: they name the loss (or an intermediate, ``p_j``) by
differentiating it, and the first step of the chain writes what it is. When the name has no value
of its own before that step (no definition, no earlier reading of this kind) and both sides
differentiate by the same variable, the name means that expression from this step on: the step
itself is then true by that reading (and reported so), and the later steps that use the name are
judged with it (``\frac{\partial L}{\partial p_j} = -\frac{y_j}{p_j}``).

Never a reading when the two sides differentiate by different variables, when the expression
mentions the name itself, or when the name is a function. A name read this way twice (two
sections, two losses) has two meanings from the second on: a ``wrong`` there that uses the name is
inconclusive (:func:`hold_implied`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from derive.checks.latex.abstract_loss import LOSS_NAMES
from derive.checks.latex.extract import Equation
from derive.checks.latex.headings import heading_lines
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Term, split_chain
from derive.checks.latex.tex_tokens import Unreadable
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Node, Opaque

from derive.errors import DeriveError

__all__ = ["ImpliedDefinition", "ImpliedDefinitions", "derivative_parts", "uses_summed_value"]

_FRAC = re.compile(r"\\[dt]?frac\s*")
_DIFF = re.compile(r"\\partial(?![A-Za-z])\s*|d(?=[\s({\[\\A-Za-z])\s*")
_OPEN_CLOSE = (("\\left(", "\\right)"), ("\\left[", "\\right]"), ("(", ")"), ("[", "]"), ("{", "}"))


@dataclass(frozen=True)
class ImpliedDefinition:
    line: int  # where the chain's named term starts (the step after it uses the reading)
    column: int
    name: str  # canonical (L, p_{j})
    rhs: str  # LaTeX of the expression
    letters: str  # index letters of a family (p_{j}: "j")
    step_at: tuple[int, int]  # (line, column) of the defining step (its right term)


def _group(text: str, start: int) -> tuple[str, int] | None:
    """The brace group opening at ``start`` (after spaces): its content and the index after it."""
    k = start
    while k < len(text) and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] != "{":
        return None
    depth = 0
    for j in range(k, len(text)):
        depth += (text[j] == "{") - (text[j] == "}")
        if depth == 0:
            return text[k + 1 : j], j + 1
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for c in text:
        depth += (c in "({[") - (c in ")}]")
        if depth < 0:
            return False
    return depth == 0


def _unwrap(text: str) -> str:
    """The expression without brackets that wrap all of it: ``\\left(e^{x_j}/\\sum_k e^{x_k}\\right)``."""
    text = text.strip()
    for left, right in _OPEN_CLOSE:
        if text.startswith(left) and text.endswith(right) and _balanced(text[len(left) : -len(right)]):
            return _unwrap(text[len(left) : -len(right)])
    return text


def _after_diff(text: str) -> str | None:
    """What a numerator or denominator differentiates: ``\\partial L`` → ``L``; None if no ∂/d."""
    m = _DIFF.match(text.strip())
    return text.strip()[m.end() :] if m else None


def derivative_parts(term: str) -> tuple[str, str, bool] | None:
    """(what is differentiated, by what, whether it is an expression form) of a term that is
    exactly one derivative: ``\\frac{\\partial X}{\\partial V}``, ``\\partial X/\\partial V``, or
    ``\\frac{\\partial}{\\partial V} X``; a minus before it or before ∂ is put in the expression."""
    term = term.strip()
    sign = term.startswith("-")
    parts = _fraction_parts(term[1:] if sign else term) or _slash_parts(term[1:] if sign else term)
    if parts is None:
        return None
    what, by, expression = parts
    if what.startswith("-"):  # \frac{-\partial X}{\partial V}
        sign, what = not sign, what[1:].strip()
        if not what.startswith(("\\partial", "d")):
            return None
        what = _after_diff(what) or ""
    if not what:
        return None
    return (f"-\\left({what}\\right)", by, True) if sign else (what, by, expression)


def _fraction_parts(term: str) -> tuple[str, str, bool] | None:
    m = _FRAC.match(term)
    if m is None:
        return None
    num = _group(term, m.end())
    den = _group(term, num[1]) if num else None
    if num is None or den is None:
        return None
    by = _after_diff(den[0])
    top = "-" + num[0].strip()[1:].strip() if num[0].strip().startswith("-") else _after_diff(num[0])
    if top is None or by is None or not by.strip():
        return None
    rest = term[den[1] :].strip()
    if not top.strip():
        return (_unwrap(rest), by.strip(), True) if rest else None
    return (top.strip(), by.strip(), False) if not rest else None


def _slash_parts(term: str) -> tuple[str, str, bool] | None:
    """``\\partial L/\\partial w``: one slash outside every bracket, a differential on each side."""
    depth, cuts = 0, []
    for k, c in enumerate(term):
        depth += (c in "({[") - (c in ")}]")
        if c == "/" and depth == 0:
            cuts.append(k)
    if len(cuts) != 1:
        return None
    top, by = _after_diff(term[: cuts[0]]), _after_diff(term[cuts[0] + 1 :])
    if not top or not by or not by.strip():
        return None
    return _unwrap(top), by.strip(), False


def _name(text: str, notation: Notation) -> str | None:
    try:
        name = identifier_name(_unwrap(text), notation=notation)
    except DeriveError:
        return None
    functions = set(notation.functions) | set(notation.doc_functions) | set(notation.constants)
    return None if name in functions else name


def _own_value(name: str, notation: Notation) -> bool:
    """Does the notation give the name a value or shape? Then a derivative of it is of that name
    (z^{(3)} = a^{(2)}W^{(2)} + b^{(2)} of a profile), not a reading. A loss the notation defines
    (L = -log o^s_y, another course's) is a guess the document's own chain overrides."""
    shaped = (notation.shapes, notation.sample_shapes, notation.domains, notation.index_values)
    if any(name in table for table in shaped):
        return True
    return name in notation.definitions and name not in LOSS_NAMES | notation.scalars


def _mentions(text: str, name: str) -> bool:
    """Might the expression use the name (its base letter)? Errs on yes."""
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    if base[:1].isalpha():
        text = re.sub(r"\\[A-Za-z]+", " ", text)
    return re.search(re.escape(base) + r"(?![A-Za-z])", text) is not None


def _letters(name: str) -> str:
    m = re.search(r"_\{([A-Za-z,]+)\}", name)
    return m.group(1).replace(",", "") if m else ""


def _reading(left: Term, right: Term, notation: Notation) -> tuple[str, str] | None:
    """(name, expression) when one term differentiates a bare name and the other an expression,
    by the same variable."""
    a, b = derivative_parts(left.text), derivative_parts(right.text)
    if a is None or b is None:
        return None
    named, other = (a, b) if _name(a[0], notation) and not a[2] else (b, a)
    name = _name(named[0], notation)
    if name is None or _own_value(name, notation) or named[2] or _name(other[0], notation) is not None:
        return None  # both sides bare names (a chain-rule factor), or neither
    by_named, by_other = _name(named[1], notation), _name(other[1], notation)
    expression = other[0].strip()
    if by_named is None or by_named != by_other or not expression or _mentions(expression, name):
        return None
    if re.fullmatch(r"\\[lc]?dots|\.\.\.|\?|\\square|\\_+|_+", expression):
        return None
    return name, expression


_CALL = re.compile(r"(?<![A-Za-z\\])([A-Za-z]|\\[A-Za-z]+)\s*(?:\\left\s*)?\(")


def called_with_arguments(equations: list[Equation]) -> set[str]:
    """Names the document calls with two or more arguments anywhere (``e(f_w(x), y)``,
    ``L(\\hat y, y)``): a product has no comma, so such a name is a function with a value of
    its own, which a derivative of it may not redefine (``\\frac{\\partial e}{\\partial w} =
    \\frac{\\partial}{\\partial w}\\tanh(s)`` drops the loss's outer factor, it does not name it)."""
    names: set[str] = set()
    for equation in equations:
        for piece in equation.pieces:
            for m in _CALL.finditer(piece.text):
                depth, k = 1, m.end()
                while k < len(piece.text) and depth:
                    depth += (piece.text[k] in "([{") - (piece.text[k] in ")]}")
                    if depth == 1 and piece.text[k] == ",":
                        names.add(m.group(1))
                        break
                    k += 1
    return names


def find_implied(equations: list[Equation], notation: Notation, defined: dict[str, tuple[int, int]]) -> list:
    """Every reading of the document, in order. ``defined`` holds where each name is first defined
    explicitly: a name with a value before the step is never read this way."""
    found: list[ImpliedDefinition] = []
    if notation.einstein:
        return found  # y_i log ŷ_i summed by convention: a value whose sums a substitution would lose
    called = called_with_arguments(equations)
    for equation in equations:
        for chain in split_chain(equation):
            for (left, relation), (right, _) in zip(chain, chain[1:], strict=False):
                if relation != "=":
                    continue
                reading = _reading(left, right, notation)
                if reading is None:
                    continue
                name, expression = reading
                if defined.get(name, (10**9, 0)) < (left.line, left.column) or name in called:
                    continue
                at = (right.line, right.column)
                found.append(ImpliedDefinition(left.line, left.column, name, expression, _letters(name), at))
    return sorted(found, key=lambda d: (d.line, d.column))


class ImpliedDefinitions:
    """The readings of one document, and the values they give each step."""

    def __init__(self, equations: list[Equation], notation: Notation, defined: dict[str, tuple[int, int]]) -> None:
        self.found = find_implied(equations, notation, defined)
        self.explicit = defined
        self.losses = LOSS_NAMES | notation.scalars  # names that, read, are a loss
        self.headings: list[int] = []
        self.scalar: dict[ImpliedDefinition, tuple[str, Normalized]] = {}
        self.typed: dict[ImpliedDefinition, Node] = {}
        for d in self.found:
            norm = normalize(d.rhs, notation)
            if not norm.problems:
                self.scalar[d] = (d.letters, norm)
            if not d.letters:
                try:
                    self.typed[d] = parse_typed(d.rhs, notation)
                except Unreadable:
                    continue

    def before(self, line: int, column: int) -> dict[str, ImpliedDefinition]:
        """The latest reading of each name written before (line, column)."""
        out: dict[str, ImpliedDefinition] = {}
        for d in self.found:
            if (d.line, d.column) < (line, column):
                out[d.name] = d
        return out

    def apply(
        self,
        line: int,
        column: int,
        typed: dict[str, Node],
        scalar: dict[str, tuple[str, Normalized]],
        explicit: dict[str, tuple[int, int]],
    ) -> None:
        """Put in the readings that hold at a step (in place). ``explicit`` says where each name is
        first defined explicitly: a definition written after a reading replaces it from there."""
        for name, d in self.before(line, column).items():
            if explicit.get(name, (10**9, 0)) < (line, column):
                continue
            # a value that cannot be read still hides any other (the notation's L is not this one)
            if d in self.scalar:
                scalar[name] = self.scalar[d]
            else:
                scalar.pop(name, None)
            if not d.letters:
                typed[name] = self.typed.get(d, Opaque(name))

    def explain(self, results: list[StepResult], text: str = "") -> list[StepResult]:
        """Say which reading made a defining step ok; hold a ``wrong`` that uses a name read twice,
        or read in an earlier section of ``text`` (the document)."""
        self.headings = heading_lines(text)
        defining = {d.step_at: d for d in self.found}
        out: list[StepResult] = []
        for result in results:
            where = (result.step.line, result.step.column)
            d = defining.get(where)
            if d is not None and result.status == "ok":
                note = (
                    f"; true by reading {d.name} as {d.rhs}, the expression this step differentiates"
                    f" ({d.name} has no value of its own before it)"
                )
                result = replace(result, message=result.message + note)
            elif result.status == "wrong":
                result = self._hold_twice(result, where)
            out.append(result)
        return out

    def _hold_twice(self, result: StepResult, where: tuple[int, int]) -> StepResult:
        """A ``wrong`` that uses a reading stands unless the name was read twice (two meanings) or
        it is refuted where two indices are equal (``i = j``): a case split's conditions are often
        in prose ("for i ≠ j"), and only a reading, not the document, put the value in."""
        read = [d for d in self.found if (d.line, d.column) < where]
        read = [d for d in read if not (d.line, d.column) < self.explicit.get(d.name, (10**9, 0)) < where]
        step = result.step
        used = sorted(n for n in {d.name for d in read} if _mentions(step.lhs, n) or _mentions(step.rhs, n))
        if not used:
            return result
        twice = [n for n in used if len({d.rhs for d in read if d.name == n}) > 1]
        # a section that uses a loss without its own first step may mean another loss by it
        # ("for the cross-entropy, ∂L/∂w = (ŷ − y)x" after a section on the squared error)
        later = [n for n in used if n in self.losses]
        away = [n for n in later if any(max(d.line for d in read if d.name == n) < h < where[0] for h in self.headings)]
        if twice:
            note = f"; {twice[0]} is named by two different expressions before this step: which is meant is not known"
        elif away:
            note = (
                f"; {away[0]} was read from the first step of its chain in an earlier section, which may mean another"
            )
        elif _equal_indices(result):
            note = "; refuted only where two indices are equal, a case the document may set aside in words"
        else:
            return result
        return result.held(result.message + note)


def _equal_indices(result: StepResult) -> bool:
    where = str((result.counterexample or {}).get("where", ""))
    values = [v for _, v in re.findall(r"(?<![A-Za-z_\\])([A-Za-z]) = (\d+)", where)]
    return len(values) != len(set(values))


def uses_summed_value(norms: list[Normalized], named: dict[str, tuple[str, Normalized]]) -> bool:
    """Does a step use a name whose value holds a sum with no number for its end (L = -Σ_i y_i log
    p_i in ∂L/∂p_j = -y_j/p_j)? Then it is expanded at sizes like a step that writes the sum."""
    seen: set[str] = set()
    stack = [n for norm in norms for n in norm.symbol_names]
    while stack:
        name = stack.pop()
        if name in seen or name not in named:
            continue
        seen.add(name)
        value = named[name][1]
        if any(not upper.isdigit() for _, _, upper in value.sums.values()):
            return True
        stack.extend(value.symbol_names)
    return False
