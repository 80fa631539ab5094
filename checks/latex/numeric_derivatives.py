r"""Values a worked example gives its derivatives and its learning rate (numeric_values' second part).

A step-by-step back-propagation example computes each derivative as a number, then puts it in
the update of the weight:

    \frac{\partial E_{total}}{\partial w_5} = 0.7414 \times 0.1868 \times 0.5933 = 0.082167041
    w_5^{+} = w_5 - \eta \frac{\partial E_{total}}{\partial w_5} = 0.4 - 0.5 \times 0.082167041

- A chain whose first term is one derivative (``\frac{\partial X}{\partial y}``, ``\dfrac``,
  ``\tfrac``, ``\frac{dX}{dy}``, or ``\frac{\delta X}{\delta y}`` as the normaliser reads it) and whose
  last term is a number gives that derivative the number, keyed by its numerator and variable read
  as names (``w_5`` and ``w_{5}`` are one). It is always a rounded value (one unit of its last
  place), never an exact input. A derivative given two values that disagree anywhere in the
  document (two worked examples, two layers) is marked ``several``: a step after a value may be
  confirmed with the latest one (each example recomputes its ∂L/∂ŷ), never refuted (which one a
  step means is not known).
- A step that writes such a derivative is judged by numeric_values with the derivative read
  as one quantity (a placeholder name for the builder, named back in the messages).
- The learning rate stated in prose ("learning rate η = 0.5", "with a learning rate of 0.5",
  "学习率η=0.1"): given to η, α or lr (the symbol written, else the only one of those the
  document's mathematics uses), when every statement of it in the document agrees. The number a
  step writes for it may be missing (a dropped η) and the step still be called wrong: the
  derivative or weight it does write ties the step to this example.

Nothing is evaluated from the document's text: only names and numbers are read here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from derive.checks.latex.equation import Equation
from derive.checks.latex.notation import Notation, identifier_name
from derive.checks.latex.steps import split_chain

from derive.errors import DeriveError

__all__ = ["derivative_values", "named_back", "prose_rates", "with_placeholders", "written_derivatives", "PLACEHOLDER"]

#: the name a valued derivative is read as inside a step (a letter with a word subscript, which
#: the normaliser reads as one name; no document writes Q_{dvalue0})
PLACEHOLDER = "Q_{dvalue%d}"
# relations across which a chain keeps one value (after ⇒ or ≠ a new statement starts)
_SAME_VALUE = ("=", r"\approx", r"\simeq")
_FRAC = re.compile(r"\\[dt]?frac\s*\{")
_NUMBER = re.compile(r"\s*(-?)\s*(\d+(?:\.\d+)?|\.\d+)\s*")
_NUMBERS_ONLY = re.compile(r"[\d\s.,+\-*/()\[\]{}]*")
_PRODUCT_SIGNS = re.compile(r"\\(?:cdot|times|left|right|big|Big)(?![A-Za-z])")


def _group(text: str, start: int) -> int | None:
    """The index after the brace group opening at ``start`` ('{'), else None."""
    depth = 0
    for k in range(start, len(text)):
        if text[k] == "{":
            depth += 1
        elif text[k] == "}":
            depth -= 1
            if depth == 0:
                return k + 1
    return None


def written_derivatives(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, numerator, variable) of each ``\\frac{\\partial X}{\\partial y}`` or
    ``\\frac{dX}{dy}`` in a text (X and y are what follows the ∂ or d)."""
    out: list[tuple[int, int, str, str]] = []
    for m in _FRAC.finditer(text):
        first = m.end() - 1
        mid = _group(text, first)
        if mid is None:
            continue
        second = mid + len(text[mid:]) - len(text[mid:].lstrip())
        if second >= len(text) or text[second] != "{":
            continue
        end = _group(text, second)
        if end is None:
            continue
        top, bottom = text[first + 1 : mid - 1].strip(), text[second + 1 : end - 1].strip()
        pair = _operands(top, bottom)
        if pair:
            out.append((m.start(), end, *pair))
    return out


def _operands(top: str, bottom: str) -> tuple[str, str] | None:
    for mark in (r"\partial", "d", r"\mathrm{d}", r"\delta"):
        if top.startswith(mark) and bottom.startswith(mark):
            num, var = top[len(mark) :].strip(), bottom[len(mark) :].strip()
            # \partial^2 (an order) or \frac{d}{dx} (an operator) is not one quantity
            if num and var and not num.startswith("^") and not var.startswith("^"):
                return _bare_delta(mark, top, bottom, (num, var))
    return None


def _bare_delta(mark: str, top: str, bottom: str, operands: tuple[str, str]) -> tuple[str, str] | None:
    r"""``\frac{\delta L}{\delta w}`` is ∂L/∂w, as the normaliser reads it (written_forms.delta_fractions);
    a δ with a script (``\delta_j``, ``\delta^{(l)}``) or run into a longer command (``\deltax``) is a name."""
    if mark != r"\delta":
        return operands
    after = (top[len(mark) : len(mark) + 1], bottom[len(mark) : len(mark) + 1])
    return None if any(c.isalpha() or c in "_^" for c in after) or operands[0].startswith("_") else operands


#: a variable typed as a letter and its number, ``w5`` (digit_names reads it so in a numbered family)
_GLUED_VARIABLE = re.compile(r"^([A-Za-z])(\d{1,2})$")


def _key(num: str, var: str, notation: Notation) -> str:
    def read(text: str, variable: bool = False) -> str:
        while text.startswith("{") and _group(text, 0) == len(text):
            text = text[1:-1].strip()  # \partial {y_1} is \partial y_1
        if variable:  # ∂E/∂w5 is by w_5: nobody differentiates by a letter times a number
            text = _GLUED_VARIABLE.sub(r"\1_{\2}", text)
        try:
            return identifier_name(text, notation=notation)
        except DeriveError:
            return re.sub(r"\s+", "", text)

    return f"∂{read(num)}/∂{read(var, variable=True)}"


def derivative_key(text: str, notation: Notation) -> str | None:
    """The key of a side that is one derivative, else None."""
    found = written_derivatives(text.strip())
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text.strip()):
        return _key(found[0][2], found[0][3], notation)
    return None


def derivative_values(equations: list[Equation], notation: Notation, value_type: Any) -> list[Any]:
    """NumericValue (value_type) of each derivative a chain ends in a number for, keyed as above;
    the derivatives given two values that disagree (two worked examples) are marked ``several``."""
    import sympy as sp

    found: list[Any] = []
    for equation in equations:
        for chain in (run for whole in split_chain(equation) for run in _restarts(whole)):
            if len(chain) < 2 or chain[0][1] not in ("=", r"\approx"):
                continue
            key = derivative_key(chain[0][0].text, notation)
            run = _value_run(chain)
            last = run[-1][0]
            m = _NUMBER.fullmatch(last.text)
            if key is None or m is None or len(run) < 2:
                continue
            digits = m.group(2) if not m.group(2).startswith(".") else "0" + m.group(2)
            places = len(digits.split(".")[1]) if "." in digits else 0
            value = sp.Rational(digits) * (-1 if m.group(1) else 1)
            # a derivative printed is rounded to its places; an integer one to its units
            unit = sp.Rational(1, 10**places)
            found.append(value_type(key, value, unit, (last.line, last.column), last.text.strip()))
    torn = {
        v.name for v in found for w in found if v.name == w.name and abs(v.value - w.value) > max(v.unit, w.unit)
    }
    # each worked example's own ∂L/∂ŷ: its latest value before a step may confirm it, never refute it
    return [replace(v, several=True) if v.name in torn else v for v in found]


def _restarts(chain: list) -> list[list]:
    r"""The chain from its start and from after each relation that carries no value:
    ``\frac{da}{dz} = 1 \Rightarrow \frac{dL}{dz} = \frac{dL}{da} \cdot 1 = 0.069`` gives dL/dz a value too."""
    starts = [0, *(k + 1 for k, (_, rel) in enumerate(chain[:-1]) if rel not in _SAME_VALUE)]
    return [chain[k:] for k in starts]


def _value_run(chain: list) -> list:
    run = []
    for term, rel in chain:
        run.append((term, rel))
        if rel not in _SAME_VALUE:
            break
    return run


def with_placeholders(tex: str, notation: Notation, valued: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The side with each derivative that has a value written as a placeholder name, and
    {placeholder name: derivative key}."""
    names: dict[str, str] = {}
    out, at = [], 0
    for start, end, num, var in written_derivatives(tex):
        if start < at:
            continue  # nested in one already replaced
        key = _key(num, var, notation)
        if key not in valued:
            continue
        k = list(valued).index(key)
        out += [tex[at:start], " " + PLACEHOLDER % k + " "]
        names[PLACEHOLDER % k] = key
        at = end
    return "".join(out) + tex[at:], names


def named_back(out: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """The placeholder names of derivatives, written back as the derivatives in a verdict."""
    message = out["message"]
    for placeholder, key in names.items():
        message = message.replace(placeholder, key)
    cex = out.get("counterexample")
    if cex:
        cex = {**cex, "point": {names.get(n, n): v for n, v in cex["point"].items()}}
    return {**out, "message": message, "counterexample": cex}


def placed_values(latest: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``latest`` with each placeholder name given its derivative's value (named for messages)."""
    return {**latest, **{p: replace(latest[key], name=p) for p, key in names.items() if key in latest}}


_S = r"[^\S\n]*"  # spaces within a line
_SYM = r"\\eta|η|\\alpha|α|\\mathrm\{lr\}|\\text\{lr\}"
#: "is": the words (and Korean particles, Chinese verbs) that join the rate to its number
_IS = r"is|of|=|:|：|set to|to|as|을|를|은|는|이|가|为|為|是|设为|設為"
_RATE = re.compile(
    rf"(?:learning[ -]rate(?!s)|step[ -]size|学习率|學習率|학습률){_S}"
    rf"(?:[(（]{_S}\$*{_S}(?P<paren>{_SYM}){_S}\$*{_S}[)）]{_S})?"  # "learning rate (η)"
    rf"[(（]?{_S}(?:(?:{_IS}){_S})?\$*{_S}"
    rf"(?:(?P<sym>{_SYM}){_S}\$*{_S}(?:=|:|：|is|of){_S}\$*{_S})?"  # "η = 0.5"
    r"(?P<num>\d*\.\d+|\d+)(?!\d|\.\d|[^\S\n]*(?:[eE][-+]?\d|%|times|x\b|×|\\times|\^|/))"
)
_SYMBOLS = {r"\eta": r"\eta", "η": r"\eta", r"\alpha": r"\alpha", "α": r"\alpha", r"\mathrm{lr}": r"\mathrm{lr}"}
_SYMBOLS[r"\text{lr}"] = r"\mathrm{lr}"


def prose_rates(text: str, equations: list[Equation], notation: Notation, value_type: Any) -> list[Any]:
    """The learning rate the prose states, as a NumericValue of its symbol holding throughout
    the document, when every statement agrees and the symbol is known; else nothing."""
    import sympy as sp

    matches = list(_RATE.finditer(text))
    both = [(m.group("paren"), m.group("sym")) for m in matches if m.group("paren") and m.group("sym")]
    if any(_SYMBOLS[a] != _SYMBOLS[b] for a, b in both):
        return []  # "learning rate (η) α = 0.5": which symbol is not known
    stated = [(m.group("sym") or m.group("paren"), m.group("num")) for m in matches]
    if not stated or len({sp.Rational(num) for _, num in stated}) != 1:
        return []
    maths = " ".join(e.text if hasattr(e, "text") else str(e) for e in equations)
    used = {_SYMBOLS[s] for s in _SYMBOLS if s.startswith("\\") and re.search(re.escape(s) + r"(?![A-Za-z])", maths)}
    symbols = {_SYMBOLS[s] for s, _ in stated if s} or used
    if len(symbols) != 1:
        return []
    symbol = symbols.pop()
    try:
        name = identifier_name(symbol, notation=notation)
    except DeriveError:
        return []
    if name in notation.functions or name in notation.constants:
        return []
    value = sp.Rational(stated[0][1])
    return [value_type(name, value, sp.Integer(0), (0, 0), stated[0][1])]


def derivative_formulas(equations: list[Equation], notation: Notation) -> list[tuple[str, str, tuple[int, int]]]:
    r"""(key, formula, where) of each ``\frac{\partial E}{\partial w} = formula`` (the chain rule
    written with the factors' own derivatives, say) that is not a number, in order."""
    out: list[tuple[str, str, tuple[int, int]]] = []
    for equation in equations:
        for chain in (run for whole in split_chain(equation) for run in _restarts(whole)):
            if len(chain) < 2 or chain[0][1] != "=":
                continue
            key, second = derivative_key(chain[0][0].text, notation), chain[1][0]
            # numbers alone (0.94 · 0.25 · 0.5, an example's product) are no formula for the next example
            if key is None or "?" in second.text or _NUMBERS_ONLY.fullmatch(_PRODUCT_SIGNS.sub(" ", second.text)):
                continue
            out.append((key, second.text, (second.line, second.column)))
    return sorted(out, key=lambda f: f[2])


def earlier_formula(
    lhs_tex: str, notation: Notation, formulas: list[tuple[str, str, tuple[int, int]]], where: tuple[int, int]
) -> tuple[str, str] | None:
    """(key, formula) of the derivative a step's left side is, by its latest formula before the step."""
    key = derivative_key(lhs_tex, notation)
    earlier = [f for k, f, at in formulas if k == key and at < where]
    return (key, earlier[-1]) if key is not None and earlier else None
