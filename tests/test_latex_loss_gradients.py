r"""The gradient of a loss written at the one name it is taken with respect to
(checks/latex/loss_gradients.py): ``\nabla L(w_{i})`` is ``\frac{\partial L}{\partial w_{i}}``, read
as the document reads that fraction; other ∇ forms stay unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()
NEURON = "Let $z = w x + b$, $a = \\sigma(z)$ and $L = \\frac{1}{2}(a - y)^2$.\n\n"


CHAIN = r"\frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z} \cdot"


def _statuses(preamble: str, steps: list[str], runner: StepRunner) -> list[str]:
    text = preamble + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results][-len(steps) :]


def _read(text: str) -> str:
    return " ".join(clean_tokens(tex_tokens(text))[0])


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        (r"\nabla L(w_{i})", r"\frac{\partial L}{\partial w_{i}}"),
        (r"\nabla J(\theta)", r"\frac{\partial J}{\partial \theta}"),
        (r"\nabla \mathcal{L}\left(\mathbf{w}\right)", r"\frac{\partial \mathcal{L}}{\partial \mathbf{w}}"),
        (r"\nabla \tilde{J}(W^{[1]})", r"\frac{\partial \tilde{J}}{\partial W^{[1]}}"),
        (r"\nabla E_{total}(w_{1})", r"\frac{\partial E_{total}}{\partial w_{1}}"),
        (r"\nabla \ell(w)", r"\frac{\partial \ell}{\partial w}"),
    ],
)
def test_a_loss_gradient_at_one_name_is_its_fraction(text: str, fraction: str) -> None:
    assert _read(text) == _read(fraction)


@pytest.mark.parametrize(
    "text",
    [
        r"\nabla L(w^2)",
        r"\nabla L(w, b)",
        r"\nabla L(w + b)",
        r"\nabla^2 L(w)",
        r"\nabla \cdot F(x)",
        r"\nabla f(x, y)",
        r"\nabla h_\theta(x)",  # by θ or by x? not said
        r"\nabla \mathbf{f}(x)",  # a vector function: its Jacobian
        r"\nabla f(-4)",
    ],
)
def test_other_gradients_stay_as_written(text: str) -> None:
    assert r"\nabla" in _read(text).split()


def test_loss_gradient_steps_are_judged(runner: StepRunner) -> None:
    steps = [
        r"\nabla L(b) = (a - y) a (1 - a)",
        r"\nabla L(b) = (a - y) a (1 - a) x",
        r"\nabla L(w) = \frac{\partial L}{\partial w}",
        r"\nabla L(w) = \frac{\partial L}{\partial b}",
        r"\nabla L(w) = " + CHAIN + r" \frac{\partial z}{\partial w}",
        r"\nabla L(w) = " + CHAIN + r" \frac{\partial z}{\partial b}",
    ]
    assert _statuses(NEURON, steps, runner) == ["ok", "wrong", "ok", "wrong", "ok", "wrong"]


def test_a_defined_functions_gradient_is_its_derivative(runner: StepRunner) -> None:
    # F(t) = t^3: ∇F(t) is F'(t); so is a lowercase function's, its argument kept (f' at x)
    preamble = "Let $F(t) = t^3$ and $f(x) = x^2$.\n\n"
    steps = [r"\nabla F(t) = 3 t^2", r"\nabla F(t) = 3 t", r"\nabla f(x) = 2 x", r"\nabla f(x) = 3 x"]
    assert _statuses(preamble, steps, runner) == ["ok", "wrong", "ok", "wrong"]


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        (r"\nabla f(x)", r"\frac{\partial f(x)}{\partial x}"),
        (r"\nabla g(\mathbf{w})", r"\frac{\partial g(\mathbf{w})}{\partial \mathbf{w}}"),
        (r"\nabla f(x_0)", r"\frac{\partial f(x_0)}{\partial x_0}"),
    ],
)
def test_a_functions_gradient_at_one_name_is_the_derivative_there(text: str, fraction: str) -> None:
    assert _read(text) == _read(fraction)


def test_a_functions_gradient_at_a_point(runner: StepRunner) -> None:
    # ∇g at a point with a value (t_0 = 2) is g'(2) = 14, not the derivative of the number g(2)
    preamble = "Let $g(t) = t^3 + 2t$ and $t_0 = 2$.\n\n"
    steps = [r"\nabla g(t_0) = 3 t_0^2 + 2", r"\nabla g(t_0) = 14", r"\nabla g(t_0) = 12", r"\nabla g(t_0) = 0"]
    statuses = _statuses(preamble, steps, runner)
    assert statuses[:3] == ["ok", "ok", "wrong"]
    assert statuses[3] != "ok"  # "= 0" may be a condition on t_0: inconclusive is enough


def test_a_gradient_set_to_zero_is_a_condition(runner: StepRunner) -> None:
    # "∇f(x) = 0 at the minimum" solves for x: never wrong; nor is ∇ of a function never defined
    preamble = "Let $f(x) = x^2 - 2x$.\n\n"
    steps = [r"\nabla f(x) = 0", r"\nabla u(x) = 2x"]
    assert "wrong" not in _statuses(preamble, steps, runner)
