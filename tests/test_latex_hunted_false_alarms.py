r"""False alarms a hunt on real documents found (a helper ran check-latex on 26 public documents and
checked every 'wrong' by hand): each, reduced to its form, must never be wrong again, and the
wrong twin of each must stay wrong.

- HetanshWaghela/basic_ml_dl matrix_form_backprop.md: x ∈ R^{n×1}, W ∈ R^{m×n} declared in
  display math, yet x was sampled with the notation's d (the seeds' x), so z = Wx + b did not fit
  and ∂L/∂b = ∂L/∂z was 'wrong' (doc_definitions.find_declarations).
- WWWonderer/tech_blog linear regression: − \underbrace{w^TX^Ty − y^TXw}_{scalars} shows
  − w^TX^Ty − y^TXw on the page; read as a group it differed (verdict_guards._braced_sum).
- MihirSaiDudekula/VIsem_Labs DLP2.md: [−0.8, 1.1, 0.1] − 1.1 = [−1.9, 0, −1.0] (NumPy's broadcast)
  was 'wrong': the number was subtracted from the first entry only (norm_tuples).

A third hunt (24 documents):

- tylerneylon/math ml_notes/cs229/cs229.tex: exp(-1/2 B_0)/exp(-1/2 B_1) = exp(1/2 (B_1 - B_0))
  was 'wrong': ``1/2 B_0`` was read as parse_latex reads it, 1/(2 B_0); the writer means
  (1/2)·B_0. A slash before a product is judged again under that reading (verdict_guards).
- coockoo/knowledgebase ai/problem-set-00.md: "A is positive semi-definite if - $A = A^T$
  (symmetric)" was 'wrong' for a sampled A: an equation about an undefined name alone states a
  property it has (matrix_judge._property, scalar_judge._property_of), it rewrites nothing.
- sreekanth9999/Interview_Prep simple_nn_calculation.md: "Since $z_1 = 0.5 > 0$, we get:
  dL/dz_1 = dL/da_1 · 1" (ReLU' = 1) was 'wrong' at a point with z_1 < 0: "since" gave no
  condition, nor did a value followed by a bound (conditions.reasons, conditions._one).
"""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.conditions import as_conditions, prose_conditions
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DECLARED = "".join(
    f"$${line}$$\n\n"
    for line in (
        r"x \in \mathbb{R}^{n \times 1}",
        r"W \in \mathbb{R}^{m \times n}",
        r"b \in \mathbb{R}^{m \times 1}",
        "z = Wx + b",
    )
)


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}",
        r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} \cdot x^T",
        r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}",
    ],
)
def test_a_displayed_declaration_sizes_x_not_the_seeds_notation(claim: str, runner: StepRunner) -> None:
    status, message = _last(DECLARED + f"$${claim}$$\n", runner)
    assert status != "wrong", message


def test_a_sum_under_an_underbrace_is_not_a_counterexample(runner: StepRunner) -> None:
    status, message = _last(r"$$a - \underbrace{b - c}_{t} = a - b - c$$", runner)
    assert status == "inconclusive" and "underbrace" in message, message


def test_an_underbrace_around_one_term_is_still_judged(runner: StepRunner) -> None:
    assert _last(r"$$a - \underbrace{2 e^{b}}_{t} = a - 2 e^{b}$$", runner)[0] == "ok"
    status, message = _last(r"$$a - \underbrace{2 e^{b}}_{t} = a + 2 e^{b}$$", runner)
    assert status == "wrong", message


def test_a_number_beside_a_list_is_not_added_to_its_first_entry(runner: StepRunner) -> None:
    status, message = _last("$$[1, 2, 3] - 1 = [0, 1, 2]$$", runner)
    assert status != "wrong", message
    assert "added to a tuple" in message


def test_lists_added_entry_by_entry_are_still_judged(runner: StepRunner) -> None:
    assert _last("$$[1, 2, 3] - [1, 1, 1] = [0, 1, 2]$$", runner)[0] == "ok"
    assert _last("$$(1, 2) + (3, 4) = (4, 7)$$", runner)[0] == "wrong"


@pytest.mark.parametrize(
    "text",
    [
        r"$$\frac{\partial {\frac{1}{\hat{\sigma}}}}{\partial {\hat{\sigma}}} = -\frac{1}{\hat{\sigma}^2}$$",
        r"$$\frac{\partial}{\partial \tilde\sigma} \frac{1}{\tilde\sigma} = -\frac{1}{\tilde\sigma^2}$$",
    ],
)
def test_a_decorated_sigma_is_a_name_not_the_sigmoid(text: str, runner: StepRunner) -> None:
    # batch-norm's σ̂ = sqrt(σ² + ε) (morris-frank's UvA report, held-out 9): read as σ(σ̂) it was 'wrong'
    status, message = _last(text, runner)
    assert status == "ok", message
    status, message = _last(text.replace(r"-\frac", r"\frac"), runner)
    assert status == "wrong", message


def test_a_condition_before_an_arrow_holds_the_claim_after_it(runner: StepRunner) -> None:
    # ezalos' notes (held-out 5): "i = j \rightarrow \delta_{ij} = 1 \newline i \neq j \rightarrow \delta_{ij} = 0"
    text = "$$i = j \\rightarrow \\delta_{ij} = 1 \\newline i \\neq j \\rightarrow \\delta_{ij} = 0$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "ok"], [r.message for r in report.results]
    assert _last("$$i = j \\Rightarrow \\delta_{ij} = 0$$", runner)[0] == "wrong"


def test_a_slash_before_a_product_may_divide_its_first_factor_only(runner: StepRunner) -> None:
    text = r"$$\frac{\exp(-1/2 B_0)}{\exp(-1/2 B_1)} = \exp\left(\frac{1}{2}(B_1-B_0)\right)$$"
    status, message = _last(text, runner)
    assert status == "ok" and "(a/b)·c" in message, message
    # wrong under both readings: still wrong
    status, message = _last(text.replace("(B_1-B_0)", "(B_0-B_1)"), runner)
    assert status == "wrong", message
    # parse_latex's reading a/(bc) is still tried first: 1/2x = 1/(2x) holds as written
    assert _last(r"$$1/2 x = \frac{1}{2x}$$", runner)[0] == "ok"


@pytest.mark.parametrize("claim", [r"A = A^T", r"A = A^T A", r"A^T = A"])
def test_an_equation_about_one_undefined_name_states_a_property(claim: str, runner: StepRunner) -> None:
    text = r"For $A, P \in \mathbb{R}^{n \times n}$, the matrix is special if" + f"\n\n- ${claim}$\n"
    status, message = _last(text, runner)
    assert status != "wrong", message


def test_an_equation_in_one_name_that_rewrites_it_is_still_judged(runner: StepRunner) -> None:
    assert _last(r"$$(P + 1)^2 = P^2 + 1$$", runner)[0] == "wrong"
    assert _last(r"$$\sqrt{x^2} = x$$", runner)[0] == "wrong"  # of a number, a claim
    square = r"\in \mathbb{R}^{n \times n}$"
    text = f"For a symmetric $A {square} and any $B {square}:" + "\n\n- $A = A^T B$\n"
    assert _last(text, runner)[0] == "wrong"


RELU_STEP = (
    "$$z_1 = x \\cdot w_1 \\\\ a_1 = \\text{ReLU}(z_1)$$\n\n"
    "$$z_2 = a_1 \\cdot w_2 \\\\ a_2 = \\text{Sigmoid}(z_2)$$\n\n"
    "$$L = -\\log(1 - a_2)$$\n\nREASON\n\n$$\\frac{dL}{dz_1} = \\frac{dL}{da_1} \\cdot 1$$\n"
)


def test_a_reason_after_since_is_the_steps_condition(runner: StepRunner) -> None:
    status, message = _last(RELU_STEP.replace("REASON", "Since $z_1 = 0.5 > 0$, we get:"), runner)
    assert status != "wrong" and "z_1 > 0" in message, message
    # the same step with no reason stated: ReLU' is 0 for z_1 < 0, so it is wrong
    assert _last(RELU_STEP.replace("REASON", "We get:"), runner)[0] == "wrong"


def test_a_value_then_a_bound_is_the_bound_and_since_a_value_is_no_condition() -> None:
    assert as_conditions("z_1 = 0.5 > 0") == ["z_1 > 0"]
    assert as_conditions("z_1 = a > 0") == []
    assert prose_conditions("Since $z_1 > 0$, we get") == ["z_1 > 0"]
    assert prose_conditions("Since $y = 0$, the loss simplifies to") == []  # a worked example's value
    assert prose_conditions("if $y = 0$") == ["y = 0"]
