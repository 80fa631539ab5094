"""circular_definitions: names defined in terms of each other hold a `wrong` back; chains,
layer recurrences and two names of one value are not circles."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner
from derive.checks.latex.circular_definitions import circles
from derive.checks.latex.doc_definitions import find_definitions
from derive.checks.latex.extract import extract

from tests.hunt_steps import NOTATION, step_results, step_verdict

# a vector-calculus note (hkawabata's nabla page has the same shape): polar coordinates both ways
POLAR = r"""Polar coordinates:

$$
\begin{cases}
x = r\cos\theta \\
y = r\sin\theta
\end{cases}
$$

and back:

$$
\begin{cases}
r = \sqrt{x^2+y^2} \\
\theta = \arctan\frac{y}{x}
\end{cases}
$$

So $$\frac{x}{r} = \cos\theta$$ and $$\frac{y}{x} = \tan\theta$$ and $$\frac{d}{du} u^2 = 3u$$
"""


def _circles(text: str) -> list[frozenset[str]]:
    definitions = find_definitions("", NOTATION, equations=extract(text, markdown=True))
    return [c.names for c in circles(definitions, NOTATION)]


def test_a_change_of_variables_written_both_ways_is_a_circle() -> None:
    assert _circles(POLAR) == [frozenset({"x", "y", "r", r"\theta"})]


def test_a_step_on_the_circles_names_is_not_refuted(runner: StepRunner) -> None:
    # main before this rule: wrong "at \theta = 1, r = 2, x = -1", a point no plane has
    for start in (r"\frac{x}{r}", r"\frac{y}{x}"):
        status, message = step_verdict(POLAR, start, runner)
        assert status == "inconclusive", message
        assert "defined in terms of each other" in message


def test_a_step_off_the_circle_is_still_refuted(runner: StepRunner) -> None:
    assert step_verdict(POLAR, r"\frac{d}{du} u^2", runner)[0] == "wrong"


def test_a_step_with_one_name_of_the_circle_is_still_refuted(runner: StepRunner) -> None:
    # wrong whatever r is: one name has one value put in, so no mixed reading
    slip = POLAR.replace(r"\frac{d}{du} u^2 = 3u", r"\frac{d}{dr} r^2 = r")
    assert step_verdict(slip, r"\frac{d}{dr} r^2", runner)[0] == "wrong"


def test_before_the_circle_closes_one_reading_holds(runner: StepRunner) -> None:
    # the slip is written before r's and θ's values: x and y have one value there
    early = POLAR.replace("and back:", r"Then $$\frac{x}{r} = \sin\theta$$ and back:")
    first = next(status for lhs, status, _ in step_results(early, runner) if lhs == r"\frac{x}{r}")
    assert first == "wrong"


LAYERS = r"""The forward pass:

$$z^{(l)} = W^{(l)} a^{(l-1)} + b^{(l)}$$

$$a^{(l)} = \sigma(z^{(l)})$$

$$\frac{\partial a^{(l)}}{\partial z^{(l)}} = \sigma(z^{(l)})(1 + \sigma(z^{(l)}))$$
"""


def test_a_layer_recurrence_is_a_chain_not_a_circle(runner: StepRunner) -> None:
    # a^{(l-1)} is not a^{(l)}: compared by the letter alone, every such note had a "circle"
    assert _circles(LAYERS) == []
    assert step_verdict(LAYERS, r"\frac{\partial a^{(l)}}", runner)[0] == "wrong"


ALIASES = r"""We write $\hat{y} = a$ for the prediction.

$$a = \hat{y} = \sigma(z)$$

$$\frac{\partial L}{\partial z} = -(1-a)y + (1-y)a = ay - y + a - y$$
"""


def test_two_names_of_one_value_are_not_a_circle(runner: StepRunner) -> None:
    # held-out 13 (johnphilipp) writes ŷ = a, then a = ŷ = σ(z); its slip there is a real find
    assert _circles(ALIASES) == []
    assert step_verdict(ALIASES, "-(1-a)y", runner)[0] == "wrong"
