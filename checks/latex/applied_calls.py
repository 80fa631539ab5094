r"""A function the document never defines, applied, in a step with derivatives: ``\frac{\partial
g_1(x_1, x_2)}{\partial x_2}``, ``\frac{\partial}{\partial \omega}(C(\omega) + \lambda R(\omega))``,
``-y\frac{\partial}{\partial w_i}\ln f(x^n) = -\frac{y}{f(x^n)}\frac{\partial}{\partial w_i} f(x^n)``.

``f(x)`` may be f·x, so the reader refuses such a step ("a function application or a product?");
:mod:`derive.checks.latex.opaque_calls` reads the calls of a step with no derivative as unknown
values. With a derivative an unknown value will not do: the derivative of ``f(x^n)`` by w_i is not
0, since f may be the model with weights w (``h_\theta(x)`` depends on θ through its name).

So each such call ``X(a_1, …, a_n)`` (its arguments split at the top-level commas, semicolons and
one bar: ``J(W, b; x, y)``, ``\mathcal{L}(\theta | t, z)``) is read as an unknown smooth function of
its arguments AND of every variable the step differentiates by: ``f(x^n)`` in a step about
∂/∂w_i is F(x^n, w_i). The same name with as many arguments is one function in both sides.
Either reading of the notation is such a function: the product X·(a_1) too, whatever X depends on
(at each point of the step, X's value there times a_1 is one such function, and its dependence
on the variables differentiated by is an argument of F). A step that holds for every such
function therefore holds under both readings.

The step is then judged as a step about a function the document does not define
(:mod:`derive.checks.latex.abstract_functions`: three unrelated smooth stand-ins of as many
arguments, each in the function's place): ``ok`` when it holds for all three, else inconclusive,
saying that it depends on the function. Never ``wrong``: the author may mean one particular
function (the sigmoid, defined in prose), for which a step about ∂f/∂w holds. Nor ``ok`` where a
name may be a matrix (one capital letter, not a loss: unstated_dependence): read as scalars, a
step that misses a transpose would hold.

Only a step refused for such calls alone is read so, and only after the reading as unknown values
(opaque_calls) has not judged it; the verdict is :mod:`derive.checks.latex.applied_verdicts`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from derive.checks.latex.tex_tokens import bracket_depths

__all__ = ["APPLIED", "applied_arguments", "applied_function", "applied_head", "applied_key"]

#: prefix of the function key of a call read so: ``applied:g_{1}/2`` (g_1 of two arguments)
APPLIED = "applied:"
#: separators of an argument list, besides the comma: J(W, b; x, y), L(θ | t, z)
_SEPARATORS = (",", ";", r"\mid")


def applied_key(name: str, count: int) -> str:
    """The key of ``name`` applied to ``count`` arguments."""
    return f"{APPLIED}{name}/{count}"


def applied_function(key: str) -> tuple[str, int] | None:
    """(name, number of arguments) of an ``applied:`` key; None for any other key."""
    if not key.startswith(APPLIED):
        return None
    name, _, count = key[len(APPLIED) :].rpartition("/")
    return name, int(count)


def applied_head(key: str, rename: Callable[[str], str | None]) -> str | None:
    """The SymPy name of the unknown function of an ``applied:`` key (None for any other key):
    one per name, its subscripts given their values under a sum (``rename``: p_k(x, w_k) is
    p_1, p_2 …), and number of written arguments. Its arguments are those written and the
    variables the step differentiates by (the normaliser wrote both)."""
    called = applied_function(key)
    if called is None:
        return None
    name, count = called
    return f"{rename(name) or name}/{count}"


def applied_arguments(toks: list[str]) -> list[list[str]]:
    """The arguments of a call: split at top-level commas, semicolons and ``\\mid``, and at a lone
    top-level bar (two bars are an absolute value: f(|x|))."""
    depths = list(bracket_depths(toks))
    bars = [k for k, (t, depth) in enumerate(depths) if t == "|" and depth == 0]
    cuts = {k for k, (t, depth) in enumerate(depths) if t in _SEPARATORS and depth == 0}
    if len(bars) == 1:
        cuts.add(bars[0])
    parts: list[list[str]] = [[]]
    for k, (t, _) in enumerate(depths):
        if k in cuts:
            parts.append([])
        else:
            parts[-1].append(t)
    return parts
