r"""False alarms of the twenty-second hunt (public documents from repositories no earlier hunt used),
each reduced to its form, with a wrong twin that stays wrong.

- ProFatXuanAll.github.io, learning-precise-timing-with-lstm (traditional Chinese): "當 $t^{\star} =
  0$ 時我們可以得到" (when t* = 0 we get) was 'wrong' (5/2 against 0, the value of an earlier case):
  當 is 当 in the traditional script, a supposing word (unread_clauses).
- the same post, "當 $t^{\star} = \frac{F}{4}$ 時" and later "當 $((t^{\star} + 1) \bmod F) =
  \frac{F}{2}$ 時", then ``|f(t^{\star} + 2) - 2f(t^{\star} + 1) + f(t^{\star})| = |1 - 0|`` was
  'wrong' with t* = F/4: a later case about t* that gives no value the reader takes makes the old
  case's value stale (case_values).
- h-hg/machine-learning math/derivation.md: ``\mathrm{d}(\mathbf{X}\mathbf{Y}) = (\mathrm{d}
  \mathbf{X})\mathbf{Y} + \mathbf{X}\mathrm{d}\mathbf{Y}`` was 'wrong' as products d·X: an upright d
  is the differential's sign (differentials.glued_names).
- Doraemonzzz/xopes page_flip backward.md: "其中$\mathbf D$表示$\mathrm{diag}$符号" then
  ``\mathbf D(s_{t-1}/s_t)(\mathbf D(s_{t-2}/s_{t-1}) h + p) + p = \mathbf D(s_{t-2}/s_t) h + …`` was
  'wrong' as D times brackets (D·D ≠ D): the page says D is diag (named_operators).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.differentials import glued_names
from derive.checks.latex.named_operators import named_operators
from derive.checks.latex.parameter_pi import pi_parameter_line
from derive.checks.latex.steps import Step
from hunt_steps import step_results, step_verdict

CASES_ZH = (
    "週期 $F = 10$。\n\n"
    "因此當 $t^{\\star} = \\frac{F}{4}$ 時我們可以得到 $a = 1$。\n\n"
    "當 $t^{\\star} = 0$ 時我們可以得到 $b = 2$。\n"
)


def test_a_traditional_chinese_when_is_a_supposing_word(runner: StepRunner) -> None:
    status, message = step_verdict(CASES_ZH, "t^{\\star}", runner)
    assert status == "inconclusive" and "condition in prose" in message and "當" in message


def test_a_value_without_a_supposing_word_is_still_a_claim(runner: StepRunner) -> None:
    twin = CASES_ZH.replace("當 $t^{\\star} = 0$ 時我們可以得到", "所以 $t^{\\star} = 0$，")
    assert step_verdict(twin, "t^{\\star}", runner)[0] == "wrong"


RECT = r"""The period is $F = 10$.

$$
f_{\operatorname{rect}}(t) = \begin{cases}
1 & \text{if } (t \operatorname{mod} F) > \frac{F}{2} \\
0 & \text{otherwise}
\end{cases}
$$

當 $t^{\star} = \frac{F}{4}$ 時我們可以得到 $a = 1$.

當 $((t^{\star} + 1) \operatorname{mod} F) = \frac{F}{2}$ 時我們可以得到

$$
\abs{f_{\operatorname{rect}}(t^{\star} + 2) - 2f_{\operatorname{rect}}(t^{\star} + 1)
+ f_{\operatorname{rect}}(t^{\star})} = \abs{1 - 0}
$$
"""
LATER_CASE = "當 $((t^{\\star} + 1) \\operatorname{mod} F) = \\frac{F}{2}$ 時我們可以得到"


def test_a_case_value_is_stale_after_an_unread_case_about_the_name(runner: StepRunner) -> None:
    status, message = step_verdict(RECT, "\\abs{f_", runner)
    assert status == "inconclusive" and "a later case" in message


@pytest.mark.parametrize(
    "later",
    [
        # the later case gives t* a value the reader takes: f(2) - 2f(1) + f(0) = 0
        "當 $t^{\\star} = 0$ 時我們可以得到",
        "Then",  # no later case: the value of t* stands
    ],
)
def test_a_case_value_still_refutes_where_no_unread_case_followed(later: str, runner: StepRunner) -> None:
    assert step_verdict(RECT.replace(LATER_CASE, later), "\\abs{f_", runner)[0] == "wrong"


UPRIGHT_D = r"""$$
\mathrm{d}(\mathbf{X} \mathbf{Y}) = (\mathrm{d} \mathbf{X})\mathbf{Y} + \mathbf{X} \mathrm{d} \mathbf{Y}
$$

$$
\mathrm{d} \mathbf{X}^{-1} = -\mathbf{X}^{-1}\mathrm{d}\mathbf{X}\mathbf{X}^{-1}
$$
"""


def test_an_upright_d_is_a_differential_not_a_product(runner: StepRunner) -> None:
    verdicts = [(status, message) for _, status, message in step_results(UPRIGHT_D, runner)]
    assert [status for status, _ in verdicts] == ["inconclusive", "inconclusive"], verdicts
    assert all("differential" in message for _, message in verdicts)


def test_an_upright_d_names_its_variable() -> None:
    step = Step(1, r"\mathrm{d} \mathbf{X}^{-1}", r"-\mathbf{X}^{-1}\mathrm{d}\mathbf{X}", "=", "display")
    assert glued_names(step) == [r"d\mathbf{X}"]
    # inside a Leibniz fraction the upright d is a derivative's, read already
    leibniz = Step(1, r"\frac{\mathrm{d}y}{\mathrm{d}x}", "3", "=", "display")
    assert glued_names(leibniz) == []


@pytest.mark.parametrize(
    "twin",
    [
        "$$\\mathrm{d}(\\mathbf{X} \\mathbf{Y}) = 2(\\mathrm{d} \\mathbf{X})\\mathbf{Y} + 1$$\n",  # never ok
        "$$2 \\mathbf{X} + \\mathbf{Y} = \\mathbf{X} + \\mathbf{Y}$$\n",  # no d: still wrong
    ],
)
def test_wrong_differential_rules_never_become_ok(twin: str, runner: StepRunner) -> None:
    status = step_results(twin, runner)[-1][1]
    assert status != "ok" and (status == "wrong" or "\\mathrm{d}" in twin)


DIAG = r"""其中$\mathbf D$表示$\mathrm{diag}$符号。

$$
\mathbf D(\mathbf s_{t-1} / \mathbf s_t)
\left(\mathbf D(\mathbf s_{t-2} / \mathbf s_{t-1}) \mathbf h_{t-2} +\mathbf p_{t-1} \right) +\mathbf p_t
= \mathbf D(\mathbf s_{t-2} / \mathbf s_t) \mathbf h_{t-2}
+\mathbf D(\mathbf s_{t-1} / \mathbf s_t) \mathbf p_{t-1}  +\mathbf p_t
$$
"""


def test_a_letter_the_page_calls_diag_is_not_a_product(runner: StepRunner) -> None:
    status, message = step_verdict(DIAG, "\\mathbf D(", runner)
    assert status == "inconclusive" and "diag(…)" in message


def test_without_the_statement_the_product_reading_stands(runner: StepRunner) -> None:
    twin = DIAG.replace("其中$\\mathbf D$表示$\\mathrm{diag}$符号。", "")
    assert step_verdict(twin, "\\mathbf D(", runner)[0] == "wrong"


def test_other_wrong_steps_of_the_page_stay_wrong(runner: StepRunner) -> None:
    twin = DIAG + "\n$$\n2\\mathbf s_t + \\mathbf s_t = 2\\mathbf s_t\n$$\n"
    assert step_results(twin, runner)[-1][1] == "wrong"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (r"其中$\mathbf D$表示$\mathrm{diag}$符号", {r"\mathbf{D}": (1, "diag")}),
        (r"where $D(\cdot)$ denotes $\operatorname{diag}(\cdot)$", {"D": (1, "diag")}),
        (r"Let $\mathbf{V} = \mathrm{vec}$.", {r"\mathbf{V}": (1, "vec")}),
        (r"where $W$ is the weight matrix", {}),  # no operator: a matrix, whose brackets are products
        (r"$D$ denotes $d$", {}),  # an italic letter is a name, not an operator
    ],
)
def test_names_stated_to_be_operators(text: str, names: dict) -> None:
    assert named_operators(text) == names


def test_two_names_made_one_is_no_case_value(runner: StepRunner) -> None:
    # softmax_ce_abangfarhan (held-out): "when $p_i = p_j$" names no value for p_i, so a later "when
    # $p_i$ …" makes nothing stale, and the wrong step after it stays wrong
    text = (
        "It is not zero when $p_i = p_j$.\n\n"
        "The only term left is when $p_i$ on the top is $p_j$ on the bottom.\n\n"
        "$$\n2 p_i + p_i = 2 p_i\n$$\n"
    )
    assert step_results(text, runner)[-1][1] == "wrong"


# dummy-ilh/MINE, Kutner's simple linear regression notes (worked examples and problems)
PROBLEMS = r"""Known standard deviation: $\sigma = 10$.

**Suppose** we know $\sigma = 2.5$.

Suppose that the parameter values are $\beta_0 = 200$, $\beta_1 = 5.0$, and $\sigma = 4$.

In a simulation exercise, the model applies with $\beta_0 = 100$, $\beta_1 = 20$, and $\sigma^2 = 25$.

$$
2\sigma + \sigma = 2\sigma
$$
"""


def test_a_power_of_a_name_given_again_is_a_new_value(runner: StepRunner) -> None:
    # "Problem 1.7 … with β_0 = 100, β_1 = 20, and σ² = 25" after σ = 10, 2.5 and 4: a new given,
    # not a claim that σ² is 25 for every σ the pages gave before (latest_values)
    status, message = step_verdict(PROBLEMS, "\\sigma^2", runner)
    assert status == "inconclusive" and "more than one value" in message


def test_a_step_wrong_with_every_value_of_the_name_stays_wrong(runner: StepRunner) -> None:
    assert step_results(PROBLEMS, runner)[-1][1] == "wrong"


def test_a_power_after_one_value_is_still_judged(runner: StepRunner) -> None:
    text = "Let $\\sigma = 4$.\n\n$$\n\\sigma^2 = 25\n$$\n"
    assert step_verdict(text, "\\sigma^2", runner)[0] == "wrong"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\frac{54,825}{23} = 2,384", "inconclusive"),  # MSE = SSE / (n - 2), printed to the units
        (r"\frac{54825}{23} = 2384", "inconclusive"),  # four digits and more: a printed value as well
        (r"\frac{54,825}{23} = 2,385", "wrong"),  # more than half a unit off
        (r"\frac{7}{2} = 4", "wrong"),  # a small whole number is an exact claim
        (r"\frac{4,600}{2} = 2,301", "wrong"),  # the other side is a whole number: nothing was rounded
    ],
)
def test_a_large_whole_number_may_be_rounded(step: str, status: str, runner: StepRunner) -> None:
    assert step_results(f"$$\n{step}\n$$\n", runner)[-1][1] == status


# fdabl.github.io, Spike-and-Slab: π is the inclusion probability, and 2π the circle's in the same page
SPIKE = r"""$$
\beta \sim (1 - \pi) \, \delta_0 + \pi \, \mathcal{N}(0, \sigma^2 \tau^2)
$$

where $\pi \in [0, 1]$ is a mixture weight.

$$
\tau^2 \mid \beta , \pi = 0 \sim \text{Inverse-Gamma}\left(\frac{1}{2}, \frac{s^2}{2}\right)
$$
"""


def test_a_pi_the_page_makes_a_parameter_is_not_the_constant(runner: StepRunner) -> None:
    status, message = step_verdict(SPIKE, "\\pi", runner)
    assert status == "inconclusive" and "quantity of its own" in message


@pytest.mark.parametrize(
    "twin",
    [
        "$$\n\\pi = 3\n$$\n",  # a page that never says π is its own: the constant, and wrong
        SPIKE + "\n$$\n2\\tau + \\tau = 2\\tau\n$$\n",  # a wrong step without π stays wrong
    ],
)
def test_pi_the_constant_and_steps_without_pi_stay_wrong(twin: str, runner: StepRunner) -> None:
    assert step_results(twin, runner)[-1][1] == "wrong"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (r"where $\pi \in [0, 1]$ is a mixture weight", 1),
        ("\n$\\pi \\sim \\text{Bern}(\\theta)$", 2),
        (r"the posterior $p(\pi \mid y)$", 1),
        (r"a discrete mixture ($\pi = 0.5$)", 1),
        (r"$(2\pi\sigma^2)^{-n/2}$ and $\sin(\pi) = 0$, $e^{i\pi} = -1$, $\cos\pi = -1$", None),
        (r"$\pi_k \in [0, 1]$ are the mixing weights", None),  # π_k is a family of names already
    ],
)
def test_pages_that_make_pi_their_own(text: str, line: int | None) -> None:
    assert pi_parameter_line(text) == line


# mjtsai1974/DevBlog, the F distribution's moments: Γ(a) = (a - 1)Γ(a - 1), and E[XY] = E[X]E[Y]
F_MOMENTS = r"""$$
\frac {1}{2\cdot\Gamma(\frac {\nu_2}{2})}\cdot\Gamma(\frac {\nu_2}{2}-1)
= \frac {\Gamma(\frac {\nu_2}{2}-1)}{2\cdot(\frac {\nu_2}{2}-1)\cdot\Gamma(\frac {\nu_2}{2}-1)}
$$

$$
(\frac {\nu_2}{\nu_1})^2\cdot E\lbrack (\frac {\chi_{\nu_1}^2}{\chi_{\nu_2}^2})^2\rbrack
= (\frac {\nu_2}{\nu_1})^2\cdot E\lbrack (\chi_{\nu_1}^2)^2\rbrack\cdot E\lbrack (\frac {1}{\chi_{\nu_2}^2})^2\rbrack
$$
"""


def test_gamma_and_expectation_letters_are_not_products(runner: StepRunner) -> None:
    verdicts = [(status, message) for _, status, message in step_results(F_MOMENTS, runner)]
    assert [status for status, _ in verdicts] == ["inconclusive", "inconclusive"], verdicts
    assert "the gamma function" in verdicts[0][1] and "an expectation" in verdicts[1][1]


@pytest.mark.parametrize(
    "twin",
    [
        "$$\n\\Gamma x + \\Gamma x = 3\\Gamma x\n$$\n",  # Γ before no bracket: a name, and wrong
        "$$\n2 E + E = 2E\n$$\n",  # E alone
    ],
)
def test_gamma_and_e_as_names_stay_wrong(twin: str, runner: StepRunner) -> None:
    assert step_results(twin, runner)[-1][1] == "wrong"


def test_the_consequent_of_the_same_if_is_no_new_case(runner: StepRunner) -> None:
    # ift6135_theory_viviano (corpus): "Therefore if $z = x_1 - x_2$, $\sigma(z) = softmax(x_1)$":
    # both formulas follow one "if", so the second places z nowhere new, and the wrong step stays wrong
    text = (
        "Therefore if $z = x_1 - x_2$, $\\sigma(z) = softmax(x_1)$. Similarly:\n\n"
        "$$\n1 - \\frac{1}{1 + e^{-x_1-x_2}} = 1 - \\frac{1}{1 + e^{-z}}\n$$\n"
    )
    assert step_results(text, runner)[-1][1] == "wrong"
