r"""False alarms the twenty-fourth hunt found (a helper ran check-latex on public documents nobody
on the project had used: Spanish, Korean, Polish, German and Japanese notes, PRML exercise
solutions in LaTeX, course notebooks) and checked every 'wrong' by hand: each, reduced to its
form, must never be wrong again, and the wrong twin of each must stay wrong.

- jealcalat/AEM-ITESO tema_2 preliminares (Spanish): "la pendiente de la recta tangente a la curva
  $y = x^2$ en el punto $x=1$", then "si $f(x,y) = x^2 + 2xy + y^2$" and its partial derivatives
  "tratamos a $y$ como una constante": ``\frac{\partial}{\partial x}(x^2) + \frac{\partial}{\partial
  x}(2xy) + \frac{\partial}{\partial x}(y^2) = 2x + 2y`` and ``-1 (x^2 + y^2)^{-2}
  \frac{\partial}{\partial x}(x^2 + y^2) = -2x (x^2 + y^2)^{-2}`` were 'wrong' with y = x² put
  in. The arguments of a function of several arguments vary on their own (tied_arguments).
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tied_arguments import tied_arguments

NOTATION = load_notation()


def _results(text: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [(r.step.lhs, r.status, r.message) for r in report.results]


def _status(text: str, lhs_start: str, runner: StepRunner) -> tuple[str, str]:
    found = [(status, message) for lhs, status, message in _results(text, runner) if lhs.startswith(lhs_start)]
    assert found, _results(text, runner)
    return found[-1]


TIED = r"""The slope of the tangent to the curve $y = x^2$ at the point $x=1$ is $2$.

For example, if $f(x,y) = x^2 + 2xy + y^2$, treating $y$ as a constant:

$$
\frac{\partial f}{\partial x} = \frac{\partial}{\partial x} \Big( x^2 + 2xy + y^2 \Big)
= \frac{\partial}{\partial x} \Big( x^2 \Big) + \frac{\partial}{\partial x} \Big( 2xy \Big)
+ \frac{\partial}{\partial x} \Big( y^2 \Big) = 2x + 2y
$$
"""

SUMMANDS = r"\frac{\partial}{\partial x} \Big( x^2 \Big) +"


def test_an_argument_of_a_function_of_two_arguments_is_free_of_its_earlier_value(runner: StepRunner) -> None:
    status, message = _status(TIED, SUMMANDS, runner)
    assert status != "wrong"
    assert "argument of f" in message or status == "ok"


def test_a_step_that_does_not_use_the_tied_argument_still_refutes(runner: StepRunner) -> None:
    twin = TIED + "\n$$\n\\frac{d}{dx} x^3 = 2x^2\n$$\n"
    assert _status(twin, r"\frac{d}{dx} x^3", runner)[0] == "wrong"


def test_before_the_function_the_curve_is_meant(runner: StepRunner) -> None:
    # above f(x, y) the document speaks of the curve y = x^2: a wrong slope there stays wrong
    twin = TIED.replace("is $2$.", "is $2$.\n\n$$\n\\frac{d}{dx} (x + y) = 1 + 3x\n$$\n")
    assert _status(twin, r"\frac{d}{dx} (x + y)", runner)[0] == "wrong"


def test_which_arguments_are_tied() -> None:
    tied = tied_arguments(extract(TIED, markdown=True), NOTATION)
    assert [(t.name, t.function) for t in tied] == [("y", "f")]
    # ŷ = σ(z) before L(ŷ, y): its value mentions no other argument, the chain rule needs it
    untied = r"Let $\hat y = \sigma(z)$ and $L(\hat y, y) = (\hat y - y)^2$."
    assert tied_arguments(extract(untied, markdown=True), NOTATION) == []
