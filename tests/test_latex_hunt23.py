r"""False alarms the twenty-third hunt found (a helper ran check-latex on public documents nobody
on the project had used: Japanese, Russian, Portuguese and Chinese notes, course labs, blogs) and
checked every 'wrong' by hand: each, reduced to its form, must never be wrong again, and the wrong
twin of each must stay wrong.

- asengupta/avishek.net vector-calculus-lagrange-multipliers: after "the constraint $g(x)=x^2$",
  a new problem writes ``y=g(x)=y=4-x``; y was held to g's first value x², so ``y = 4-x``,
  ``y-x = (4-x)-x`` and, further on, ``xy = 4`` and ``x^2+x^3+y = 3`` were 'wrong'. A chain that
  writes its first name again gives it a new value there (name_lists.restated_heads): a
  redefinition, whose wrong verdicts are held unless it equals the first value.
- lfcondoriz/deep-learning-notes perceptron_multicapa (Spanish): "Tiene 1 neurona" then
  ``b^{(2)} \in \mathbb{R}`` was 'wrong' against the notation's C-vector b^{(2)}; with C = 1 it is
  that number, as ``\mathbb{R}^{1 \times 1}`` already was (shapes._sizes_fit).
- hkawabata/technical-note ML/rnn.md (Japanese, layer normalisation): ``\sigma^2 := \frac{1}{N_f}
  \sum_k (x_k - \mu)^2`` left σ the notation's sigmoid, applied to x_i, so the gradient of x̂_k by
  x_i was 'wrong'. A name squared and given a mean is a standard deviation (squared_names,
  quantity_names); and a sum without a range inside a definition the step uses runs over the size
  the step writes, N_f with its label too (unwritten_ranges).
- hkawabata/technical-note ML/logistic-regression.md: "ラベル $$y^{(i)}$$ は 0 or 1 なので" and
  ``\prod_i (\phi y + (1-\phi)(1-y)) = \prod_i \phi^{y} (1-\phi)^{1-y}`` was 'wrong' at y = 2. A label
  the document says is 0 or 1 is tried at 0 and at 1 (binary_labels).
- hkawabata/technical-note statistics/linear-regression.md and kazuki-komori/book_rokei-semi
  (Japanese): ``\frac{\sum x_k y_k - n \bar{x}\bar{y}}{…} = \frac{\sum (x_k - \bar{x})(y_k - \bar{y})}{…}``
  and ``\frac1n \sum X_i^2 - \overline{X}^2 = \frac1n \sum (X_i - \overline{X})^2`` were 'wrong' with
  the bar a free number; beside ranged sums of its letter's entries it is their mean (bar_means).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.bar_means import with_means
from derive.checks.latex.binary_labels import stated_binary_labels, with_label_value
from derive.checks.latex.checker import StepRunner
from derive.checks.latex.name_lists import restated_heads
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.squared_names import root_definition
from derive.checks.latex.unwritten_ranges import is_size_name
from hunt_steps import step_results, step_verdict

NOTATION = load_notation()  # root_definition reads a definition under it


RESTATED = r"""The constraint is $g(x)=x^2$ for the curve $f(x,y)=xy$.

Let us look at another problem.

$$
y=g(x)=y=4-x
$$

Then

$$
y-x=(4-x)-x=4-2x
$$
"""


@pytest.mark.parametrize("lhs", ["y", "y-x"])
def test_a_chain_that_restates_its_name_gives_it_a_new_value(lhs: str, runner: StepRunner) -> None:
    status, message = step_verdict(RESTATED, lhs, runner)
    assert status == "inconclusive" and "defined more than once" in message


def test_a_restated_name_equal_to_its_first_value_still_refutes(runner: StepRunner) -> None:
    twin = RESTATED.replace("y=g(x)=y=4-x", "y=g(x)=y=x^2").replace("y-x=(4-x)-x=4-2x", "y-x=x^2-2x")
    assert step_verdict(twin, "y-x", runner)[0] == "wrong"


class _Term:
    def __init__(self, text: str) -> None:
        self.text = text


def _chain(*texts: str) -> list[tuple[_Term, str]]:
    return [(_Term(t), "=" if k < len(texts) - 1 else "") for k, t in enumerate(texts)]


def _bare(text: str) -> str | None:
    return text.strip() if text.strip().isalpha() else None


@pytest.mark.parametrize(
    ("texts", "heads"),
    [
        (("y", "g(x)", "y", "4-x"), [2]),
        (("y", "g(x)", "4-x"), []),  # no name written again
        (("a", "b", "c"), []),  # other names in the middle are steps' terms
        (("2x", "y", "2x", "4"), []),  # the first term is no name
    ],
)
def test_restated_heads(texts: tuple[str, ...], heads: list[int]) -> None:
    assert restated_heads(_chain(*texts), _bare) == heads


ONE_NEURON = r"""La capa de salida tiene 1 neurona:

$$
b^{(2)} \in \mathbb{R}
$$
"""


def test_a_bias_of_one_neuron_may_be_a_number(runner: StepRunner) -> None:
    status, message = step_verdict(ONE_NEURON, "b^{(2)}", runner)
    assert status == "inconclusive" and "may be scalar" in message


def test_a_bias_of_numbered_sizes_is_still_refuted(runner: StepRunner) -> None:
    twin = ONE_NEURON.replace("\\mathbb{R}\n", "\\mathbb{R}^{2 \\times 3}\n")
    assert "2 \\times 3" in twin
    assert step_verdict(twin, "b^{(2)}", runner)[0] == "wrong"


LAYER_NORM = r"""$N_f$ is the dimension of $\boldsymbol{x}$.

$$
\begin{eqnarray}
    \mu &:=& \cfrac{1}{N_f} \displaystyle \sum_k x_k
    \\
    \sigma^2 &:=& \cfrac{1}{N_f} \displaystyle \sum_k \left( x_k - \mu \right)^2
\end{eqnarray}
$$

$$
\cfrac{\partial \sigma^2}{\partial x_i} = \cfrac{2}{N_f} \left( x_i - \mu \right)
$$

$$
\cfrac{\partial}{\partial x_i} \cfrac{1}{\sqrt{\sigma^2 + \varepsilon}}
= - \cfrac{x_i - \mu}{N_f \left( \sqrt{\sigma^2 + \varepsilon} \right)^3}
$$
"""


@pytest.mark.parametrize("lhs", [r"\cfrac{\partial \sigma^2}", r"\cfrac{\partial}{\partial x_i}"])
def test_a_squared_name_given_a_mean_is_a_standard_deviation(lhs: str, runner: StepRunner) -> None:
    status, message = step_verdict(LAYER_NORM, lhs, runner)
    assert status != "wrong" and "N_{f} terms" in message, message


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        (r"\cfrac{2}{N_f} \left( x_i - \mu \right)", r"\cfrac{1}{N_f} \left( x_i - \mu \right)"),
        (r"- \cfrac{x_i - \mu}{N_f", r"- \cfrac{2(x_i - \mu)}{N_f"),
    ],
)
def test_a_wrong_layer_norm_gradient_stays_wrong(right: str, wrong: str, runner: StepRunner) -> None:
    twin = LAYER_NORM.replace(right, wrong)
    assert twin != LAYER_NORM
    statuses = [status for lhs, status, _ in step_results(twin, runner) if lhs.startswith(r"\cfrac{\partial")]
    assert "wrong" in statuses


@pytest.mark.parametrize(
    ("left", "value", "math", "expected"),
    [
        (r"\sigma^2", r"\frac{1}{N}\sum_k (x_k - \mu)^2", "", (r"\sigma", r"\sqrt{\frac{1}{N}\sum_k (x_k - \mu)^2}")),
        (r"\sigma_B^{2}", r"\mathbb{E}[(x - \mu)^2]", "", (r"\sigma_{B}", r"\sqrt{\mathbb{E}[(x - \mu)^2]}")),
        (r"\sigma^2", r"\frac{1}{N}\sum_k (x_k - \mu)^2", r"a = \sigma(z)", None),  # σ also a function here
        (r"\sigma^2", "25", "", None),  # a number: no mean
        (r"\sigma", r"\frac{1}{N}\sum_k x_k", "", None),  # not squared
    ],
)
def test_root_definition(left: str, value: str, math: str, expected: tuple[str, str] | None) -> None:
    assert root_definition(left, value, NOTATION, math) == expected


@pytest.mark.parametrize(
    ("name", "size"), [("N", True), ("N_{f}", True), ("m_{B}", True), ("x_{1}", False), ("\\mu", False)]
)
def test_size_names_with_labels(name: str, size: bool) -> None:
    assert is_size_name(name) is size


BINARY = r"""The label $y$ (0 or 1) of an example has probability

$$
p(y \mid z) = \phi(z) y + (1 - \phi(z))(1 - y) = \phi(z)^{y} (1 - \phi(z))^{1 - y}
$$
"""


def test_a_label_stated_binary_is_tried_at_zero_and_one(runner: StepRunner) -> None:
    status, message = step_verdict(BINARY, r"\phi(z) y", runner)
    assert status == "inconclusive" and "y = 0 and with y = 1" in message


@pytest.mark.parametrize(
    "twin",
    [
        BINARY.replace("(1 - \\phi(z))^{1 - y}\n", "(1 - \\phi(z))^{y}\n"),  # wrong at y = 0
        BINARY.replace(" (0 or 1)", ""),  # nothing says the label is binary
    ],
)
def test_a_binary_label_twin_stays_wrong(twin: str, runner: StepRunner) -> None:
    assert twin != BINARY
    assert step_verdict(twin, r"\phi(z) y", runner)[0] == "wrong"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("正解ラベル $$y^{(i)}$$（0 or 1）に属する確率", {"y"}),
        (r"where $t_n \in \{0, 1\}$ is the target", {"t"}),
        ("la etiqueta $y$ vale 0 o 1", {"y"}),
        ("the weight $w$ is between 0 and 1", set()),
        (r"$x \in [0, 1]$", set()),
    ],
)
def test_stated_binary_labels(text: str, labels: set[str]) -> None:
    assert stated_binary_labels(text) == labels


def test_a_label_value_leaves_the_prediction() -> None:
    assert with_label_value(r"\hat{y} - y^{(i)} + y_i", "y", "1") == r"\hat{y} - {1} + {1}"


MEANS = r"""$$
a = \cfrac{\sum_{k=1}^n x_k y_k - n \bar{x} \bar{y}}{\sum_{k=1}^n x_k^2 - n \bar{x}^2}
= \cfrac{\sum_{k=1}^n (x_k - \bar{x}) (y_k - \bar{y})}{\sum_{k=1}^n (x_k - \bar{x})^2}
$$

$\hat{\sigma}^2 = \frac{1}{n}\sum_{i=1}^{n}X_i^2 - \overline{X}^2 = \frac{1}{n}\sum_{i=1}^{n}(X_i-\overline{X})^2$
"""


@pytest.mark.parametrize("lhs", [r"\cfrac{\sum_{k=1}^n x_k y_k", r"\frac{1}{n}\sum_{i=1}^{n}X_i^2"])
def test_a_bar_beside_sums_of_its_entries_is_their_mean(lhs: str, runner: StepRunner) -> None:
    status, message = step_verdict(MEANS, lhs, runner)
    assert status == "inconclusive" and "mean of its entries" in message


@pytest.mark.parametrize(
    ("right", "wrong", "lhs"),
    [
        (r"- n \bar{x} \bar{y}}", r"- \bar{x} \bar{y}}", r"\cfrac{\sum_{k=1}^n x_k y_k"),
        (r"- \overline{X}^2 =", r"- 2\overline{X}^2 =", r"\frac{1}{n}\sum_{i=1}^{n}X_i^2"),
    ],
)
def test_a_wrong_step_about_means_stays_wrong(right: str, wrong: str, lhs: str, runner: StepRunner) -> None:
    twin = MEANS.replace(right, wrong)
    assert twin != MEANS
    assert step_verdict(twin, lhs, runner)[0] == "wrong"


def test_a_bar_defined_unreadably_is_still_a_mean(runner: StepRunner) -> None:
    # kazuki-komori: \overline{X} = \frac{1}{n} \sum_{i=1}^{i=n}X_{i} (an end written i=n) is not read
    text = "$\\overline{X} = \\frac{1}{n} \\sum_{i=1}^{i=n}X_{i}$\n\n" + MEANS
    status, message = step_verdict(text, r"\frac{1}{n}\sum_{i=1}^{n}X_i^2", runner)
    assert status == "inconclusive" and "mean of its entries" in message


def test_with_means() -> None:
    lhs, rhs = with_means(r"\sum_{k=1}^n x_k - n \bar{x}", "0")
    assert lhs == r"\sum_{k=1}^n x_k - n \left(\frac{1}{n}\sum_{q=1}^{n} x_{q}\right)" and rhs == "0"
    assert with_means(r"\bar{x} + 1", r"\sum_{k=1}^n y_k") is None  # no sum over x's entries
