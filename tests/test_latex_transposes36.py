r"""Steps with a transpose and a gradient ``\nabla F(v)`` without a subscript, read as matrices.

- ``\nabla L(\mathbf{w})`` whose L the document always writes at w keeps what the gradient is by:
  fixed_arguments writes it ``\nabla_{\mathbf{w}} L`` (bare_gradients.subscripted_nabla), no longer a
  bare ``\nabla L`` that no reader takes;
- the matrix reader reads ``\nabla L(\mathbf{w})`` as the gradient of L by w where L is written at
  two argument lists (loss_gradients' token rewrite, as before): judged too;
- a loss the document differentiates by a name it declares itself (``\nabla_{\mathbf{w}} L`` with
  w ∈ ℝⁿ) and never defines is the document's own, a random smooth one (abstract_loss), not the
  notation's L = -log o^s_y, whose derivative by w is 0 (that called correct steps wrong).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.bare_gradients import subscripted_nabla
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
SHAPES = (
    r"Let $X \in \mathbb{R}^{m \times n}$, $\mathbf{w} \in \mathbb{R}^{n}$, $\mathbf{y} \in \mathbb{R}^{m}$."
    "\n\n"
)
#: the loss written at w everywhere (fixed_arguments reads L(w) as L)
AT_W = SHAPES + r"The loss is $L(\mathbf{w}) = \frac{1}{2}\|X\mathbf{w} - \mathbf{y}\|^2$." + "\n\n"
#: the loss written at two argument lists (the matrix reader reads \nabla L(w) itself)
TWO_LISTS = (
    SHAPES
    + r"The loss is $L = \frac{1}{2}\|X\mathbf{w} - \mathbf{y}\|^2$; we write it $L(\mathbf{w})$ or"
    + r" $L(\mathbf{w}, \mathbf{y})$."
    + "\n\n"
)
GRADIENT = r"X^T (X\mathbf{w} - \mathbf{y})"


@pytest.fixture(scope="module")
def runner() -> StepRunner:
    r = StepRunner(20.0)
    yield r
    r.close()


def _statuses(preamble: str, steps: list[str], runner: StepRunner) -> list[str]:
    text = preamble + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results][-len(steps) :]


# ---------------------------------------------------------------- the loss written at one name


def test_a_loss_at_its_one_name_is_judged_and_a_wrong_gradient_found(runner: StepRunner) -> None:
    steps = [
        rf"\nabla L(\mathbf{{w}}) = {GRADIENT}",
        rf"\nabla L(\mathbf{{w}}) = {GRADIENT} + \mathbf{{w}}",  # an extra term
        r"\nabla L(\mathbf{w}) = X^T X\mathbf{w} - X^T\mathbf{y}",
        r"\nabla L(\mathbf{w}) = X^T X\mathbf{w} - 2X^T\mathbf{y}",  # a factor 2 too many
    ]
    assert _statuses(AT_W, steps, runner) == ["ok", "wrong", "ok", "wrong"]


def test_a_loss_at_two_lists_is_read_by_the_matrix_reader(runner: StepRunner) -> None:
    steps = [
        rf"\nabla L(\mathbf{{w}}) = {GRADIENT}",
        rf"\nabla L(\mathbf{{w}}) = {GRADIENT} + \mathbf{{w}}",
        rf"\nabla L(\mathbf{{w}}) \odot \mathbf{{w}} = ({GRADIENT}) \odot \mathbf{{w}}",
        rf"\nabla L(\mathbf{{w}}) \odot \mathbf{{w}} = {GRADIENT}",  # the ⊙ w dropped
    ]
    assert _statuses(TWO_LISTS, steps, runner) == ["ok", "wrong", "ok", "wrong"]


def test_an_undefined_loss_by_a_declared_name_is_never_wrong(runner: StepRunner) -> None:
    # no L in the document: the notation's L = -log o^s_y never reaches w (its derivative by w is 0)
    steps = [
        rf"\nabla L(\mathbf{{w}}) = {GRADIENT}",
        rf"\nabla_{{\mathbf{{w}}}} L = {GRADIENT}",
        rf"\frac{{\partial L}}{{\partial \mathbf{{w}}}} = {GRADIENT}",
    ]
    assert "wrong" not in _statuses(SHAPES, steps, runner)


def test_a_gradient_at_a_number_stays_unread(runner: StepRunner) -> None:
    statuses = _statuses(r"Let $f(x) = x^2$." + "\n\n", [r"\nabla f(4) = 8"], runner)
    assert statuses != ["wrong"]


# ---------------------------------------------------------------- the rewrite


@pytest.mark.parametrize(
    ("before", "arguments", "expected"),
    [
        (r"\nabla ", r"\mathbf{w}", (0, r"\nabla_{\mathbf{w}} ")),
        (r"x = \nabla", r"\theta", (4, r"\nabla_{\theta} ")),
        (r"\nabla ", "w_{1}", (0, r"\nabla_{w_{1}} ")),
        (r"\nabla_{\mathbf{w}} ", r"\mathbf{w}", None),  # a subscript already says by what
        (r"\partial ", "w", None),
        (r"\nabla ", "w, b", None),  # two names
        (r"\nabla ", "w + b", None),
    ],
)
def test_a_bare_nabla_before_a_fixed_argument_takes_it_as_subscript(
    before: str, arguments: str, expected: tuple[int, str] | None
) -> None:
    assert subscripted_nabla(before, arguments) == expected


# ---------------------------------------------------------------- a Greek weight and its capital

#: Ng's notes: the forward pass with θ, the recursion with Θ (the same matrix, set in capitals)
NG_LAYERS = (
    r"The forward pass is $z^{(l+1)} = \theta^{(l)} a^{(l)}$ and $a^{(l)} = g(z^{(l)})$, with the sigmoid"
    r" $g(z) = \frac{1}{1+e^{-z}}$. The error of layer $l$ is $\delta^{(l)} = \frac{\partial J}{\partial"
    r" z^{(l)}}$; the weight matrices are vectors of weights stacked."
    "\n\n"
)


def test_a_capital_greek_weight_is_the_forward_pass_matrix(runner: StepRunner) -> None:
    steps = [
        r"\delta^{(l)} = (\Theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})",
        r"\delta^{(l)} = (\theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l)})",
        r"\delta^{(l)} = (\theta^{(l)})^T \delta^{(l+1)} \odot g'(z^{(l+1)})",  # g' of the next layer
        r"\delta^{(l)} = \theta^{(l)} \delta^{(l+1)} \odot g'(z^{(l)})",  # the transpose dropped
    ]
    assert _statuses(NG_LAYERS, steps, runner) == ["ok", "ok", "wrong", "wrong"]


def test_a_difference_through_the_capital_is_never_wrong(runner: StepRunner) -> None:
    # Θ read as θ is a guess (the document never says so): a step that differs through it is held
    statuses = _statuses(NG_LAYERS, [r"\delta^{(l)} = \Theta^{(l)} \delta^{(l+1)} \odot g'(z^{(l)})"], runner)
    assert statuses == ["inconclusive"]
