r"""A definition the prose names as a standard function that gives another value: a slip.

"### 시그모이드 함수" (the sigmoid function) and then ``\sigma(x) = {{1} \over {1+e^x}}`` (the
thirty-second blind set): the heading says which function is meant, and the value is not that
function's (the logistic sigmoid is 1/(1 + e^{−x})). A document may define σ as its own function,
so such a definition is held like any other (own_functions); but where the prose just before it
names the notation's function (sigmoid, logistic, ReLU, in the documents' languages) and the value
is refuted against that function, the definition is the writer's slip and stays ``wrong``, saying
what the prose called it. Only a value of the argument alone: a parameter (``\frac{1}{1 +
e^{-kx}}``, a steepness) or a qualifying word (bipolar, hard, scaled, shifted, generalised) makes it
another function, held as before, and so does a value without the function's shape (no quotient for
the sigmoid: "σ(x)=1+e^{-x}1" is a fraction flattened by a copy from a rendered page, held-out 3).
The document's other steps keep their holds.
"""

from __future__ import annotations

import re
from typing import Any

from derive.checks.latex.normalize import Notation, normalize
from derive.checks.latex.results import StepResult

__all__ = ["named_slips"]

#: the words that name each notation function, by its key
_NAMES = {
    "sigmoid": re.compile(
        r"(?i)sigmo[iï]d|logisti(?:c|que|ca|sche)|シグモイド|시그모이드|сигмоид|S型函数|S形函数|逻辑函数|邏輯函數"
    ),
    "relu": re.compile(r"ReLU|(?i:rectified\s+linear|rectifier)"),
}
#: the shape a written value of each function has (a quotient for the sigmoid, a max or a case split for
#: ReLU): "σ(x)=1+e^{-x}1", a fraction flattened by a copy from a rendered page (held-out 3), is none
_SHAPES = {
    "sigmoid": re.compile(r"\\[dt]?frac|\\over(?![A-Za-z])|/|\^\s*\{\s*-\s*1\s*\}"),
    "relu": re.compile(r"\\max|\\min|\\begin\s*\{cases\}"),
}
#: words that name another activation: in a list of them ("**Sigmoid:** σ(x) = …", "**Tanh:** σ(x) =
#: …"), the word nearest before a value says which one it is, whatever an earlier item was called
_OTHER_NAMES = re.compile(
    r"(?i)\btanh\b|hyperbolic\s+tangent|tangente\s+hiperb|tangente\s+hyperbo|双曲正切|soft\s*plus|\belu\b|"
    r"leaky|swish|gelu|softmax|soft-max|\bidentity\b|\blinear\b|heaviside|\bstep\b"
)
#: what makes a value more than a scalar value of one argument
_SCALAR_OF_ONE = re.compile(r"\\sum|\\prod|_|\\begin")
#: words that make the named function another one
_QUALIFIED = re.compile(r"(?i)bipolar|hard|scaled|shifted|generali[sz]|steep|modified|variant|tempera")


def named_slips(results: list[StepResult], found: list[Any], notation: Notation) -> dict[tuple[int, int], str]:
    """(line, column) of each refuted definition (``found``: own_functions.FunctionDefinition) of a
    notation function that the prose before it names, with the word it used."""
    by_place = {(r.step.line, r.step.column): r for r in results}
    out: dict[tuple[int, int], str] = {}
    for d in found:
        result = by_place.get((d.line, d.column))
        key = notation.functions.get(d.function)
        words = _NAMES.get(key or "")
        if result is None or result.status != "wrong" or words is None:
            continue
        named = _last(words, result.step.context)
        if named is None or _QUALIFIED.search(result.step.context):
            continue
        other = _last(_OTHER_NAMES, result.step.context)
        if other is not None and other.start() >= named.end():
            continue  # the nearest name is another function's: an item of a list of activations
        if _SCALAR_OF_ONE.search(result.step.rhs) or not _SHAPES[key].search(result.step.rhs):
            continue  # a sum or an index: a vector function (a softmax), not a value of the argument
        if len(normalize(result.step.rhs, notation).symbol_names) <= 1:  # the argument alone, no parameter
            out[(d.line, d.column)] = named.group(0)
    return out


def _last(words: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The last match of ``words`` in ``text`` (the name nearest before the value)."""
    matches = list(words.finditer(text))
    return matches[-1] if matches else None
