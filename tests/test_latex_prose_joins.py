r"""A block starting with "=" after prose continues the previous block's chain, but the prose may go
back to an earlier chain after a side computation (checks/latex/prose_joins.py): a step that fails
against the block just before is judged against the earlier chains' ends too."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import find_steps

NOTATION = load_notation()

MAIN = r"$$\sigma(x)(1 - \sigma(x)) = \frac{1}{1 + e^{-x}} \left(1 - \frac{1}{1 + e^{-x}}\right)$$"
SIDE = r"$$1 - \frac{1}{1 + e^{-x}} = \frac{e^{-x}}{1 + e^{-x}}$$"


def _document(back: str) -> str:
    return (
        f"Start with the expression:\n\n{MAIN}\n\nSimplify the second term:\n\n{SIDE}\n\n"
        f"Substitute this back into our main expression:\n\n$${back}$$\n"
    )


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    result = report.results[-1]
    return result.status, result.message


def test_the_step_across_prose_knows_the_earlier_chain_end() -> None:
    text = _document(r"= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}")
    steps = find_steps(text, NOTATION, markdown=True)
    across = steps[-1]
    assert across.lhs.strip() == r"\frac{e^{-x}}{1 + e^{-x}}"  # the block just before, as ever
    assert [e.strip() for e in across.earlier] == [r"\frac{1}{1 + e^{-x}} \left(1 - \frac{1}{1 + e^{-x}}\right)"]
    assert all(not s.earlier for s in steps[:-1])  # steps within a block, or with no prose between, have none


def test_going_back_to_the_main_chain_is_ok_not_wrong(runner: StepRunner) -> None:
    status, message = _last(_document(r"= \frac{1}{1 + e^{-x}} \cdot \frac{e^{-x}}{1 + e^{-x}}"), runner)
    assert status == "ok", message
    assert "continuation of the earlier chain" in message and "against the chain it follows" in message


def test_a_step_wrong_against_both_chains_stays_wrong(runner: StepRunner) -> None:
    # σ(1 + σ)-style slip: neither the side computation's end nor the main chain's equals it
    status, message = _last(_document(r"= \frac{1}{1 + e^{-x}} \cdot \frac{2 + e^{-x}}{1 + e^{-x}}"), runner)
    assert status == "wrong", message


def test_a_continuation_of_the_block_just_before_is_judged_against_it(runner: StepRunner) -> None:
    # the usual case: the side computation goes on after prose; it is judged as before
    status, message = _last(_document(r"= e^{-x} \cdot \frac{1}{1 + e^{-x}}"), runner)
    assert status == "ok" and "earlier chain" not in message, message
    status, message = _last(_document(r"= e^{x} \cdot \frac{1}{1 + e^{-x}}"), runner)
    assert status == "wrong", message


# ------------------------------------------------------------------ a reason row within a block

REASONED = "\n".join(
    [
        r"$$\begin{aligned}",
        r"J &= \ln(1) + a^2 + 2a \\",
        r"\because (a + 1)^2 &= a^2 + 2a + 1 \\",
        r"&= REST",
        r"\end{aligned}$$",
        "",
    ]
)


def _after_reason(rest: str, runner: StepRunner) -> tuple[str, str, str]:
    text = REASONED.replace("REST", rest)
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    (result,) = [r for r in report.results if r.step.line == 4]  # the row after the reason
    return result.step.lhs.strip(), result.status, result.message


def test_the_row_after_a_reason_goes_on_with_the_chain_before_it(runner: StepRunner) -> None:
    lhs, status, message = _after_reason("a(a + 2)", runner)
    assert lhs == r"\ln(1) + a^2 + 2a", lhs  # not "a^2 + 2a + 1 = a(a + 2)"
    assert status == "ok", message


def test_a_row_that_goes_on_with_the_reason_is_not_wrong(runner: StepRunner) -> None:
    # "∵ (a+1)² = a² + 2a + 1 = (a+1)(a+1)": a reader could mean the reason's chain; wrong
    # against J's chain only
    lhs, status, message = _after_reason("(a + 1)(a + 1)", runner)
    assert status == "ok" and "earlier chain that ends in a^2 + 2a + 1" in message, message


def test_a_row_wrong_against_both_chains_after_a_reason_stays_wrong(runner: StepRunner) -> None:
    lhs, status, message = _after_reason("a(a - 2)", runner)
    assert status == "wrong", message


# ------------------------------------------------------------------ a side equation between, no prose

QUOTIENT = "\n\n".join(
    [
        r"$$\frac{d}{dx}\tanh(x) = \frac{d}{dx}\left(\frac{\sinh(x)}{\cosh(x)}\right)$$",
        r"$$= \frac{\cosh(x)\frac{d}{dx}\sinh(x) - \sinh(x)\frac{d}{dx}\cosh(x)}{\cosh^2(x)}$$",
        r"$$\frac{d}{dx}\sinh(x) = \cosh(x)$$",
        r"$$\frac{d}{dx}\cosh(x) = \sinh(x)$$",
        r"$$= BACK$$",
        "",
    ]
)


def _after_side_facts(back: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(QUOTIENT.replace("BACK", back), NOTATION, runner=runner, markdown=True, examples=30)
    (result,) = [r for r in report.results if r.step.line == 9]  # the block after the two side facts
    return result.status, result.message


def test_a_block_after_side_equations_may_go_back_to_the_chain_before_them(runner: StepRunner) -> None:
    # the quotient rule's two derivatives stand alone between its statement and its result (m-alcu's
    # tanh post): "= (cosh² − sinh²)/cosh²" goes on with the quotient rule, not with "= sinh(x)"
    status, message = _after_side_facts(r"\frac{\cosh(x)\cosh(x) - \sinh(x)\sinh(x)}{\cosh^2(x)}", runner)
    assert status == "ok", message
    assert "earlier chain" in message and "side equation" in message, message


def test_a_block_after_side_equations_wrong_against_every_chain_stays_wrong(runner: StepRunner) -> None:
    status, message = _after_side_facts(r"\frac{\cosh(x)\cosh(x) + \sinh(x)\sinh(x)}{\cosh^2(x)}", runner)
    assert status == "wrong", message


def test_only_a_block_of_one_equation_is_a_side_equation() -> None:
    # "$$f(x)$$ / $$= …$$": the block before is an expression, not a side fact; and a block that
    # is itself a chain of two steps is no side fact either
    for before in (r"$$\frac{d}{dx}\cosh(x)$$", r"$$\frac{d}{dx}\cosh(x) = \sinh(x) = \sinh(x)$$"):
        text = f"$$a = b$$\n\n{before}\n\n$$= \\sinh(x)$$\n"
        assert all(not s.earlier for s in find_steps(text, NOTATION, markdown=True)), before
