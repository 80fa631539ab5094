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
- LUKE-hyungjin/ml_vision_book calculus/chain-rule (Korean): "10층 네트워크라면: $0.25^{10} = 9.5 \times
  10^{-7}$" was 'wrong' (9.5367…e-7 compared exactly). A mantissa with decimals times a power of ten is
  a rounded value, to the place of its last digit (rounded_numbers.decimal_places).
- david-wb/tiny-diffusion README (DDPM posterior): after ``\bar{\alpha}_t = \prod_{i=1}^{t}\alpha_i``
  the derivation writes the family at i: ``(1 - \bar{\alpha}_{i-1})(1 - \frac{\alpha_i(1 -
  \bar{\alpha}_{i-1})}{1 - \bar{\alpha}_i}) = (1 - \bar{\alpha}_{i-1})\frac{1 - \bar{\alpha}_i - \alpha_i +
  \bar{\alpha}_i}{1 - \bar{\alpha}_i}`` and four more were 'wrong' (ᾱ_i and ᾱ_{i-1} sampled apart). The
  tie of a running product holds at any index letter, not only the definition's t
  (cumulative_families).
- djanka2/oms-skript 10_Gradientenverfahren (German lecture notes): after ``f(x,y) = 4x^2+y^2``, "Wir
  betrachten wieder das quadratische Beispiel $f(x_1,x_2)=0.1x_1^2+9x_2^2$" was 'wrong' (8 ≠ 36.1 at
  (1, 2)): a function's definition written again at the entries of a vector is f defined anew, a
  definition and no claim (restated_functions.hold_restated_calls).

Wrong steps called ok (the sample of 40 ok verdicts, seed 24):

- uvdivergence/cheatsheets information_theory.md: "$D_\text{KL}(p(x) \parallel q(x)) = 0 \Leftrightarrow
  p(x) = q(x)$" made ``p(x) = q(x)`` ok (p read as q through an earlier "if and only if $p(x) =
  q(x)$"). Each side of an equivalence in one inline formula is a condition, claimed by neither
  (unread_clauses).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.rounded_numbers import decimal_places
from derive.checks.latex.tied_arguments import tied_arguments
from hunt_steps import step_results, step_verdict

NOTATION = load_notation()


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
    status, message = step_verdict(TIED, SUMMANDS, runner)
    assert status != "wrong"
    assert "argument of f" in message or status == "ok"


def test_a_step_that_does_not_use_the_tied_argument_still_refutes(runner: StepRunner) -> None:
    twin = TIED + "\n$$\n\\frac{d}{dx} x^3 = 2x^2\n$$\n"
    assert step_verdict(twin, r"\frac{d}{dx} x^3", runner)[0] == "wrong"


def test_before_the_function_the_curve_is_meant(runner: StepRunner) -> None:
    # above f(x, y) the document speaks of the curve y = x^2: a wrong slope there stays wrong
    twin = TIED.replace("is $2$.", "is $2$.\n\n$$\n\\frac{d}{dx} (x + y) = 1 + 3x\n$$\n")
    assert step_verdict(twin, r"\frac{d}{dx} (x + y)", runner)[0] == "wrong"


def test_which_arguments_are_tied() -> None:
    tied = tied_arguments(extract(TIED, markdown=True), NOTATION)
    assert [(t.name, t.function) for t in tied] == [("y", "f")]
    # ŷ = σ(z) before L(ŷ, y): its value mentions no other argument, the chain rule needs it
    untied = r"Let $\hat y = \sigma(z)$ and $L(\hat y, y) = (\hat y - y)^2$."
    assert tied_arguments(extract(untied, markdown=True), NOTATION) == []


SCIENTIFIC = r"""For a 10-layer network: $0.25^{10} = 9.5 \times 10^{-7}$, almost 0.

$$
2^{10} = 1.02 \cdot 10^3
$$

$$
0.25^{10} = 8.5 \times 10^{-7}
$$
"""


def test_a_rounded_value_in_scientific_notation_is_judged_to_its_last_digit(runner: StepRunner) -> None:
    results = step_results(SCIENTIFIC, runner)
    # 9.5e-7 is 0.25^10 = 9.54e-7 rounded; the wrong twin 8.5e-7 is no rounding of it
    assert [status for lhs, status, _ in results if lhs == "0.25^{10}"] == ["ok", "wrong"]
    assert [status for lhs, status, _ in results if lhs == "2^{10}"] == ["ok"]


@pytest.mark.parametrize(
    ("latex", "places"),
    [
        (r"9.5 \times 10^{-7}", 8),
        (r"1.02 \cdot 10^3", -1),
        (r"-3.25\times10^{ 2 }", 0),
        (r"0.547", 3),
        (r"2 \times 10^{-3}", None),  # no decimals: an exact claim
        (r"9.5 \times 10^{x}", None),
    ],
)
def test_decimal_places_of_scientific_notation(latex: str, places: int | None) -> None:
    assert decimal_places(latex) == places


RUNNING = r"""where

```math
    \bar{\alpha}_t = \prod_{i=1}^{t}\alpha_i.
```

and for the variance

```math
\begin{align*}
\Sigma &= (1 - \bar{\alpha}_{i-1})\left(1 - \frac{\alpha_i(1 - \bar{\alpha}_{i-1})}{1 - \bar{\alpha}_i}\right) \\
&= (1 - \bar{\alpha}_{i-1})\left(\frac{1 - \bar{\alpha}_i - \alpha_i + \bar{\alpha}_{i}}{1 - \bar{\alpha}_i}\right)
\end{align*}
```

$$
1 - \bar{\alpha}_i = 1 + \bar{\alpha}_i
$$
"""


def test_a_running_product_ties_its_members_at_any_index_letter(runner: StepRunner) -> None:
    status, message = step_verdict(RUNNING, r"(1 - \bar{\alpha}_{i-1})", runner)
    assert status == "inconclusive" and "running product" in message
    # the wrong twin writes the family at i alone: nothing ties it, it stays wrong
    assert step_verdict(RUNNING, r"1 - \bar{\alpha}_i", runner)[0] == "wrong"


SIGN = r"""where

```math
    \bar{\alpha}_t = \prod_{i=1}^{t}\alpha_i.
```

```math
\begin{align*}
\tilde{\mu} &= \frac{\sqrt{\bar{\alpha}_{i-1}}}{1 - \bar{\alpha}_{i}}(1 - \alpha_i)
\left(\frac{1}{\sqrt{\bar{\alpha}_i}}(x_i - \sqrt{1 - \bar{\alpha}_i}\epsilon)\right)
+ \sqrt{\alpha_i}\frac{(1 - \bar{\alpha}_{i-1})}{(1 - \bar{\alpha}_{i})}x_i \\
&= \frac{1}{\sqrt{\alpha_i}}\frac{1 - \alpha_i}{1 - \bar{\alpha}_{i}}
\left(x_i - \sqrt{1 - \bar{\alpha}_i}\epsilon\right)
+ \sqrt{\alpha_i}\frac{(1 - \bar{\alpha}_{i-1})}{(1 - \bar{\alpha}_{i})}x_i \\
&= \frac{1 - \alpha_i}{\sqrt{\alpha_i}\sqrt{1 - \bar{\alpha}_{i}}}\epsilon
+ \frac{1}{\sqrt{\alpha_i}}\left(\frac{1 - \alpha_i}{1 - \bar{\alpha}_{i}}
+ \alpha_i\frac{(1 - \bar{\alpha}_{i-1})}{(1 - \bar{\alpha}_{i})}\right)x_i
\end{align*}
```
"""


def test_a_step_false_with_the_tie_put_in_stays_wrong(runner: StepRunner) -> None:
    results = [(lhs, status) for lhs, status, _ in step_results(SIGN, runner)]
    # true with the tie (sqrt of ᾱ_{i-1}/ᾱ_i is 1/sqrt α_i): held; the ε term with its sign dropped: wrong
    assert [status for lhs, status in results if lhs.startswith(r"\frac{\sqrt{\bar")] == ["inconclusive"]
    assert [status for lhs, status in results if lhs.startswith(r"\frac{1}{\sqrt{\alpha_i}}")] == ["wrong"]


AGAIN = r"""Consider $f(x, y) = 4x^2 + y^2$ first.

We look again at the quadratic example $f(x_1,x_2)=0.1x_1^2+9x_2^2$.

$$
f(1, 2) = 9
$$
"""


def test_a_function_defined_again_at_entries_is_a_definition(runner: StepRunner) -> None:
    status, message = step_verdict(AGAIN, "f(x_1,x_2)", runner)
    assert status == "inconclusive" and "defined again" in message
    assert step_verdict(AGAIN, "f(1, 2)", runner)[0] == "wrong"  # the wrong twin: f at numbers is a claim


EQUIVALENCE = r"""Properties: $D(p \parallel q) = 0 \Leftrightarrow p(x) = q(x)$. Also $2 + 2 = 5$.

Equality holds if and only if $p(x) = q(x)$.
"""


def test_a_side_of_an_equivalence_is_a_condition_not_a_claim(runner: StepRunner) -> None:
    status, message = step_verdict(EQUIVALENCE, "p(x)", runner)
    assert status == "inconclusive" and "equivalence" in message
    assert step_verdict(EQUIVALENCE, "2 + 2", runner)[0] == "wrong"  # the wrong twin, no arrow: a claim


PROGRAM_E = r"""in our example: $ = \frac{(6 - 5.999999999994898)}{(6 + 5.999999999994898)} = 4.2514140356330737e^{-13}$

and $ = \frac{(6 - 5.999999999994898)}{(6 + 5.999999999994898)} = 9.9e^{-13}$ is no rounding of it.
"""


def test_a_program_s_e_notation_stays_held_with_scientific_places(runner: StepRunner) -> None:
    # held-out 19 (gradcheck_uoh_prem): the ×10 reading is now judged to its last digit by the
    # rounded-inputs judge (inconclusive), which is as near as the exact reading's 0.1 % was
    statuses = [status for lhs, status, _ in step_results(PROGRAM_E, runner)]
    assert statuses == ["inconclusive", "wrong"]


# held-out 6's logistic-regression README (imjaesung) lists ŷ = (\hat{y_1}, …, \hat{y_m}) before
# C(y, ŷ): ŷ's value names ŷ's entries, not y, so nothing ties the two and the sign slip in ∂L/∂b
# (-(y/ŷ - (1-y)/(1-ŷ)) ŷ(1-ŷ) = -(ŷ - y), false for every y and ŷ) stays wrong
HATTED = r"""- $\mathbf{y} = (y_{1}, y_{2}, \cdots,y_{m})$ : true value

- $\mathbf{\hat{y}} = (\hat{y_{1}}, \hat{y_{2}}, \cdots, \hat{y_{m}})$ : predictions

$$C(\mathbf{y}, \mathbf{\hat{y}}) = \frac{1}{m}\sum_{i=1}^{m}L(y_{i}, \hat{y}_{i})$$

$-(y\frac{1}{\hat{y}}-(1-y)\frac{1}{(1-\hat{y})})\hat{y}(1-\hat{y}) = -(\hat{y}-y)$
"""


def test_a_hatted_argument_listed_by_its_entries_is_not_tied(runner: StepRunner) -> None:
    assert tied_arguments(extract(HATTED, markdown=True), NOTATION) == []
    assert step_results(HATTED, runner)[-1][1] == "wrong"
    fixed = HATTED.replace(r"= -(\hat{y}-y)", r"= -(y-\hat{y})")
    assert step_results(fixed, runner)[-1][1] != "wrong"  # the true step is never wrong
