r"""A derivative by a name its definition only adds: ``\partial z/\partial b = 1``, and the error
δ = ∂L/∂z as the derivative by that name (the bias gradient of back-propagation).

A worked example defines the error of a layer as a derivative of its loss and then writes the
bias gradient with it:

    z_2 = a_1 \cdot W_2^T + b_2
    \delta_2 = \frac{\partial L}{\partial z_2}
    \frac{\partial L}{\partial b_2} = \delta_2

The scalar reader leaves such a step unread when z's value is in a form it does not read (a
transpose of a row, an ellipsis ``θ_0 + θ_1 x_1 + …``), since L then does not reach b as written.
Only one thing of that value matters here: b is one of its terms, added once (``+ b_2``), and
nothing else in the value, nor any other definition of the document, writes b. Then ∂z/∂b is 1
(an identity, entry by entry) and, b reaching L only through z, ∂L/∂b = ∂L/∂z · ∂z/∂b = ∂L/∂z.

A step left unread for a dependence not stated (unstated_dependence.undetermined) is ``ok`` when
one side is the derivative ∂N/∂b and the other is

- ``1``, N being z itself (∂z/∂θ_0 = 1 beside z = θ_0 + θ_1 x_1 + …),
- ∂N/∂z, N said to depend on z outside the step (another step's derivative, a definition), or
- a name the document defines as that one derivative (δ_2 = ∂L/∂z_2).

The same facts rewrite a step whose sides are longer (``\frac{\partial L_i}{\partial f_j} \times
\frac{\partial f_j}{\partial b_j} = \frac{\partial L_i}{\partial f_j} \times 1``, ``\sum_i
\frac{\partial L_i}{\partial b_j} = \sum_i \frac{\partial L_i}{\partial f_j}``): each ∂z/∂b is 1, each
∂N/∂b is ∂N/∂z and each such δ is its derivative; the step is ok when both sides then read the same.
Never ``wrong`` (a different right side may be another reading the author means). A bias added
to a batch is broadcast over its examples, and its gradient is then a sum of the error's columns,
not the error (∂J/∂b^{[l]} = δ^{[l]} with Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}): a value that
writes a capital letter other than a weight's (W, Θ) or a name the document gives one row of
numbers (X = [1, 2]: one example), or a capital z or b, is left as it was.
Read in the checker's process after abstract_chain, from the document's definitions; nothing is
evaluated from the document's text.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.abstract_chain import chains_as_written, graph_reaches, said_dependences, single_derivative
from derive.checks.latex.normalize import Normalized, normalize
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.numeric_derivatives import written_derivatives
from derive.checks.latex.unstated_dependence import DependenceNotes, undetermined

from derive.errors import DeriveError

__all__ = ["added_once", "bias_as_written", "read_added_term", "rewritten_alike", "steps_as_written", "top_terms"]

#: a candidate identifier in a value's text: a letter or command with sub/superscripts
_IDENT = re.compile(r"(?:\\[A-Za-z]+|[A-Za-z])(?:\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?[A-Za-z0-9]))*")
#: an ellipsis term of a written-out sum (θ_0 + θ_1 x_1 + …)
_DOTS = re.compile(r"\s*(?:\\[lc]?dots|\\dotsb|\.\.\.|…)?\s*")
#: capital letters a value may write and still hold one example: weights
_WEIGHTS = {"W", r"\Theta", "U", "V"}
_OPEN, _CLOSE = "{([", "})]"
#: a value that is one row of numbers (X = [1, 2]): a capital given it holds one example, not a batch
_ONE_ROW = re.compile(r"\s*(?:\\left)?[\[(]\s*-?\d+(?:\.\d+)?(?:\s*,\s*-?\d+(?:\.\d+)?)*\s*(?:\\right)?[\])]\s*")


def top_terms(tex: str) -> list[tuple[str, str]] | None:
    r"""(sign, term) of each term a value adds at its top level (``a_1 \cdot W^T + b`` → ('+',
    'a_1 \cdot W^T'), ('+', 'b')); None when its brackets do not balance."""
    terms: list[tuple[str, str]] = []
    depth, start, sign = 0, 0, "+"
    text = re.sub(r"\\(?:left|right|big|Big|bigg|Bigg)(?![A-Za-z])", " ", tex)
    k = 0
    while k < len(text):
        c = text[k]
        if c == "\\":
            word = re.match(r"\\[A-Za-z]+", text[k:])
            k += len(word.group(0)) if word else 2
            continue
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
            if depth < 0:
                return None
        elif c in "+-" and depth == 0 and not re.search(r"[\^_]\s*$", text[start:k]):
            if text[start:k].strip():
                terms.append((sign, text[start:k].strip()))
                sign = c
            elif c == "-":  # a sign before a term: -a + b
                sign = "-" if sign == "+" else "+"
            start = k + 1
        k += 1
    if depth:
        return None
    terms.append((sign, text[start:].strip()))
    return terms


def _canonical(text: str, notation: Notation) -> str | None:
    try:
        return identifier_name(text.strip(), notation=notation)
    except DeriveError:
        return None


def _mentions(text: str, name: str, notation: Notation) -> bool:
    """Does a value write ``name`` (b_2, not b_1)? An identifier of the same letter that does not
    read counts as a mention (never assumed absent)."""
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    for token in _IDENT.findall(text):
        if not token.startswith(base) or (base[-1:].isalpha() and token[len(base) : len(base) + 1].isalpha()):
            continue
        read = _canonical(token, notation)
        if read is None or read == name:
            return True
    return False


def _capital(name: str) -> bool:
    base = re.split(r"[_^]", name, maxsplit=1)[0]
    return base[:1].isupper() or base in {r"\Delta", r"\Sigma", r"\Theta"}


def added_once(value: str, var: str, notation: Notation, rows: frozenset[str] = frozenset()) -> bool:
    """Is ``var`` one term the value adds (``+ b``), written nowhere else in it, with no batch
    (a capital other than a weight's) in the value?"""
    terms = top_terms(value)
    if not terms:
        return False
    bare = [k for k, (sign, term) in enumerate(terms) if sign == "+" and _canonical(term, notation) == var]
    if len(bare) != 1:
        return False
    for k, (_, term) in enumerate(terms):
        if k == bare[0] or _DOTS.fullmatch(term):
            continue
        if _mentions(term, var, notation):
            return False
        for token in _IDENT.findall(term):
            name = _canonical(token, notation)
            base = re.split(r"[_^]", name, maxsplit=1)[0] if name is not None else ""
            if name is not None and _capital(name) and base not in _WEIGHTS and name not in rows:
                return False
    return True


def read_added_term(
    lhs: Normalized,
    rhs: Normalized,
    values: dict[str, str],
    notation: Notation,
    said: dict[str, set[str]],
    everywhere: list[str] | None = None,
    rows: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """An ``ok`` verdict when one side is ∂N/∂b and the other 1, ∂N/∂z or a name defined as ∂N/∂z,
    with z's value (``values``: name → LaTeX of the document's definitions) adding b once and no
    other value writing b."""
    for one, other in ((lhs, rhs), (rhs, lhs)):
        end = single_derivative(one)
        if end is None:
            continue
        num, var = end
        through = _through(other, other.source.strip(), num, values, notation)
        if through is None:
            continue
        node, how = through
        if node not in values or _capital(node) or _capital(var) or not added_once(values[node], var, notation, rows):
            continue
        others = [v for n, v in values.items() if n != node] + [v for v in everywhere or () if v != values[node]]
        if any(_mentions(v, var, notation) for v in others):
            return None  # b reaches N another way too (or the document writes b in another value)
        if num != node and not (how.startswith("defined") or graph_reaches(said, num, node)):
            return None  # N on z is not said outside the step
        value = values[node].strip()
        return {
            "status": "ok",
            "counterexample": None,
            "message": (
                f"∂{node}/∂{var} = 1: {var} is added once in {node} = {value} and no other value of the document"
                f" writes it" + (f", so ∂{num}/∂{var} = ∂{num}/∂{node}{how}" if num != node else "")
            ),
            "method": "added term",
        }
    return None


def _through(
    other: Normalized, tex: str, num: str, values: dict[str, str], notation: Notation
) -> tuple[str, str] | None:
    """(z, how) for the other side: ``1`` (z is N itself), ∂N/∂z, or a name defined as ∂N/∂z."""
    if tex == "1":
        return num, ""
    end = single_derivative(other)
    if end is not None:
        return (end[1], "") if end[0] == num else None
    name = _canonical(tex, notation)
    if name is None or name not in values:
        return None
    defined = single_derivative(normalize(values[name], notation))
    if defined is None or defined[0] != num:
        return None
    return defined[1], f" ({name}, defined as ∂{num}/∂{defined[1]})"


def _alone(
    var: str, node: str, values: dict[str, str], everywhere: list[str], notation: Notation, rows: frozenset[str]
) -> bool:
    """Is ``var`` added once in ``node``'s value and written in no other value of the document?"""
    if node not in values or _capital(node) or _capital(var) or not added_once(values[node], var, notation, rows):
        return False
    others = [v for n, v in values.items() if n != node] + [v for v in everywhere if v != values[node]]
    return not any(_mentions(v, var, notation) for v in others)


def _rewrite(
    tex: str, values: dict[str, str], notation: Notation, said: dict[str, set[str]], everywhere: list[str],
    rows: frozenset[str],
) -> tuple[str, list[str]]:
    """The side with ∂z/∂b as 1, ∂N/∂b as ∂N/∂z and a name defined as one derivative as that
    derivative, and what was rewritten (for the message)."""
    out, at, notes = [], 0, []
    for start, end, num, var in written_derivatives(tex):
        if start < at:
            continue
        n, v = _canonical(num, notation), _canonical(var, notation)
        nodes = [z for z in values if v is not None and _alone(v, z, values, everywhere, notation, rows)]
        if n is None or len(nodes) != 1:
            continue
        if n == nodes[0]:
            new = "1"
        elif graph_reaches(said, n, nodes[0]):
            new = rf"\frac{{\partial {num}}}{{\partial {nodes[0]}}}"
        else:
            continue
        out += [tex[at:start], " ", new, " "]
        at = end
        read = "1" if new == "1" else f"∂{n}/∂{nodes[0]}"
        notes.append(f"∂{n}/∂{v} = {read} ({nodes[0]} = {values[nodes[0]].strip()})")
    text = "".join(out) + tex[at:]
    for token in sorted(set(_IDENT.findall(text)), key=len, reverse=True):
        name = _canonical(token, notation)
        value = values.get(name or "", "").strip()
        if value and single_derivative(normalize(value, notation)) is not None and written_derivatives(value):
            text, k = re.subn(re.escape(token) + r"(?![A-Za-z_^{])", " " + value.replace("\\", "\\\\") + " ", text)
            notes += [f"{name} = {value}"] if k else []
    return text, notes


def rewritten_alike(
    lhs: str, rhs: str, values: dict[str, str], notation: Notation, said: dict[str, set[str]], everywhere: list[str],
    rows: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """``ok`` when the two sides, rewritten by :func:`_rewrite`, read the same (and something was)."""
    left, n = _rewrite(lhs, values, notation, said, everywhere, rows)
    right, m = _rewrite(rhs, values, notation, said, everywhere, rows)
    if not n + m:
        return None
    read = "; ".join(dict.fromkeys(n + m))
    a, b = normalize(left, notation), normalize(right, notation)
    if not a.latex or (a.latex, a.symbols, a.derivatives, a.sums) != (b.latex, b.symbols, b.derivatives, b.sums):
        return None
    return {
        "status": "ok",
        "counterexample": None,
        "message": (
            f"the sides agree with {read}: each b added once in its z and written in no other value of the"
            " document (∂z/∂b = 1, and N reaches b only through z)"
        ),
        "method": "added term",
    }


def bias_as_written(out: dict[str, Any], notes: DependenceNotes, k: int, where: tuple[int, int]) -> dict[str, Any]:
    """The k-th step's verdict through :func:`read_added_term` when it was left unread for a
    dependence not stated; else ``out`` as it was. The values are the document's definitions made
    before the step (``where``) of names given no other value before it; every value of the
    document counts for b written elsewhere."""
    if not undetermined(out) or len(notes.sides[k]) != 2:
        return out
    document = notes.document
    defs = getattr(document, "defs", ())
    again = [*getattr(document, "reassigned", ()), *getattr(document, "redefined", ())]
    twice = {r.name for r in again if (r.line, r.column) <= where}
    values: dict[str, str] = {}
    for d in defs:
        if tuple(d.value_at) < where and d.name not in twice:  # never the step's own definition
            values.setdefault(d.name, d.rhs)
    everywhere = [d.rhs for d in defs] + [getattr(r, "value", "") for r in again]
    rows = frozenset(d.name for d in defs if d.name not in twice and _ONE_ROW.fullmatch(d.rhs))
    said = said_dependences(notes.elsewhere(k), notes.steps[k][1])
    lhs, rhs = notes.sides[k]
    return (
        read_added_term(lhs, rhs, values, notes.notation, said, everywhere, rows)
        or rewritten_alike(lhs.source, rhs.source, values, notes.notation, said, everywhere, rows)
        or out
    )


def steps_as_written(
    outs: list[dict[str, Any]], notes: DependenceNotes, pending: list[tuple[int, Any]]
) -> list[dict[str, Any]]:
    """Each step's verdict (in the order noted, ``pending``: (result index, step)): the chain rule
    as written (abstract_chain), then a derivative by an added term (this module)."""
    outs = chains_as_written(outs, notes)
    where = [(step.line, step.column) for _, step in pending]
    return [bias_as_written(out, notes, k, at) for k, (out, at) in enumerate(zip(outs, where, strict=True))]
