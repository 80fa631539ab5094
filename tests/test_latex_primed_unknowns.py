r"""An ODE's unknown function inside a derivative (primed_unknowns): the twenty-fifth hunt's MA1512
notes wrote "let $v = y^2$ and $v' = 2yy'$", then ``(e^x x^{-1} v)' = e^{2x}``, the equation the
solution is about; read with v a number it was refuted. A letter the document writes primed is a
function; a derivative of a bracket holding it is not refuted. Other derivatives stay judged.
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.primed_unknowns import hold_primed_unknowns, primed_letters
from derive.checks.latex.results import StepResult
from derive.checks.latex.steps import Step

ODE = r"""To solve the integral, we integrate by parts: let $u=e^{-x},du=-e^{-x}~dx$,
and $dv=x^{-3}~dx, v=\frac{-x^{-2}}{2}$.
\begin{equation*}
    2xyy'+(x-1)y^2=x^2e^x
\end{equation*}
Now, we can let $v=y^2$, and $v'=2yy'$, substituting them yields
\begin{equation*}
    xv'+(x-1)v=x^2e^x \Rightarrow v'+(1-x^{-1})v=xe^x
\end{equation*}
Multiplying this to both sides of the equation,
\begin{align*}
    (e^xx^{-1})[v'+(1-x^{-1})v]&=(\frac{e^x}{x})xe^x \\
    (e^xx^{-1}v)'&=e^{2x}
\end{align*}
This is a Bernoulli equation: letting $v=\sin y,v'=y'\cos y$, the differential equation becomes
\begin{equation*}
    x^2+v=v'\Rightarrow v'-v=x^2
\end{equation*}
"""
NOTATION = load_notation()


def _verdict(text: str, lhs: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(text, NOTATION, runner=runner, markdown=False, examples=30)
    found = [(r.status, r.message) for r in report.results if r.step.lhs.startswith(lhs)]
    assert found, [(r.step.lhs, r.status) for r in report.results]
    return found[-1]


def _wrong(lhs: str, rhs: str) -> StepResult:
    return StepResult(Step(1, lhs, rhs, "=", "display"), "wrong", {"point": {"x": "1"}}, "the sides differ at x = 1")


def test_a_derivative_of_a_bracket_holding_an_unknown_function_is_not_refuted() -> None:
    # the page's verdict came through v's two values (y² and sin y), each refuted: held now either way
    (held,) = hold_primed_unknowns([_wrong("(e^xx^{-1}v)'", "e^{2x}")], ODE)
    assert held.status == "inconclusive"
    assert "v is a function of the variable" in held.message


def test_the_page_does_not_refute_it(runner: StepRunner) -> None:
    assert _verdict(ODE, "(e^xx^{-1}v)'", runner)[0] != "wrong"


def test_a_bracket_without_a_primed_letter_stays_wrong() -> None:
    assert hold_primed_unknowns([_wrong("(x^3)'", "2x^2")], ODE)[0].status == "wrong"
    assert hold_primed_unknowns([_wrong("(e^xx^{-1}v)'", "e^{2x}")], "no primes here")[0].status == "wrong"


def test_a_derivative_without_the_unknown_function_stays_wrong(runner: StepRunner) -> None:
    text = ODE + "\n\\begin{equation*}(x^3)' = 2x^2\\end{equation*}\n"
    assert _verdict(text, "(x^3)'", runner)[0] == "wrong"


def test_primed_letters_are_single_letters_outside_commands() -> None:
    assert primed_letters(r"v'=2yy' and \sigma'(z), f^{\prime}(x)") == {"v", "y", "f"}
