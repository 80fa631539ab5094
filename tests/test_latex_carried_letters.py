r"""A delta defined as the derivative of a per-example loss carries the step's example index.

``\epsilon_k := \partial C_p/\partial u_k`` with C_p never given a value and ``u_k = \sum_m v_{km}
h_m`` stated: ``\partial C_p/\partial v_{km} = \epsilon_k h_m`` is the definition put in (ok), the
same with h_k is wrong for every loss that depends on u (found, with the cost's derivative kept
opaque), and a step about another example's loss (C_q) or a value that is no derivative carries
nothing (never ok through this reading). Made-up letters and layouts, not a document's text.
"""

from __future__ import annotations

from derive.checks.latex.carried_letters import carried_letters, labelled_value
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import normalize
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _verdicts(text: str, runner: StepRunner) -> list[tuple[int, str, str, str]]:
    """(line, left side, right side, status) of each displayed step of a Markdown text."""
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.line, r.step.lhs, r.step.rhs, r.status) for r in report.results if r.step.kind != "inline"]


def _status(verdicts: list[tuple[int, str, str, str]], rhs_start: str, lhs_start: str = "") -> str:
    found = [v[3] for v in verdicts if v[2].strip().startswith(rhs_start) and v[1].strip().startswith(lhs_start)]
    assert len(found) == 1, verdicts
    return found[0]


def _document(forward: str, delta: str, steps: list[str]) -> str:
    shown = "\n\n".join(f"$${s}$$" for s in steps)
    head = f"# Notes\n\nEach unit sums its inputs, ${forward}$.\n\n"
    return f"{head}The error signal is\n\n$${delta}$$\n\nso that\n\n{shown}\n"


FORWARD = r"u_k = \sum_m v_{km} h_m"
DELTA = r"\epsilon_k := \frac{\partial C_p}{\partial u_k}"


def test_a_gradient_written_with_the_delta_is_the_definition_put_in(runner: StepRunner) -> None:
    text = _document(
        FORWARD,
        DELTA,
        [
            r"\frac{\partial C_p}{\partial v_{km}} = \epsilon_k h_m",
            r"\frac{\partial C_p}{\partial u_k} \frac{\partial u_k}{\partial v_{km}} = \epsilon_k h_m",
        ],
    )
    verdicts = _verdicts(text, runner)
    assert _status(verdicts, r"\epsilon_k h_m", r"\frac{\partial C_p}{\partial v_{km}}") == "ok"
    assert _status(verdicts, r"\epsilon_k h_m", r"\frac{\partial C_p}{\partial u_k}") == "ok"


def test_the_wrong_input_beside_the_delta_is_found(runner: StepRunner) -> None:
    text = _document(FORWARD, DELTA, [r"\frac{\partial C_p}{\partial v_{km}} = \epsilon_k h_k"])
    assert _status(_verdicts(text, runner), r"\epsilon_k h_k") == "wrong"


def test_a_chain_evaluated_with_the_wrong_input_is_never_ok(runner: StepRunner) -> None:
    step = r"\frac{\partial C_p}{\partial u_k} \frac{\partial u_k}{\partial v_{km}} = \epsilon_k h_k"
    assert _status(_verdicts(_document(FORWARD, DELTA, [step]), runner), r"\epsilon_k h_k") != "ok"


def test_another_layout_an_equiv_definition_and_a_bias(runner: StepRunner) -> None:
    text = _document(
        r"s_r = \sum_q g_{rq} x_q + c_r",
        r"\beta_r \equiv \frac{\partial \ell_t}{\partial s_r}",
        [r"\frac{\partial \ell_t}{\partial c_r} = \beta_r", r"\frac{\partial \ell_t}{\partial g_{rq}} = \beta_r x_r"],
    )
    verdicts = _verdicts(text, runner)
    assert _status(verdicts, r"\beta_r", r"\frac{\partial \ell_t}{\partial c_r}") == "ok"
    assert _status(verdicts, r"\beta_r x_r") == "wrong"


def test_a_step_about_another_examples_loss_is_not_confirmed(runner: StepRunner) -> None:
    # ε_k is C_p's derivative; C_q of another example is not it, and nothing says which q is meant
    text = _document(FORWARD, DELTA, [r"\frac{\partial C_q}{\partial v_{km}} = \epsilon_k h_m"])
    assert _status(_verdicts(text, runner), r"\epsilon_k h_m") not in ("ok", "wrong")


def test_only_the_differentiated_names_letter_is_carried() -> None:
    value = normalize(r"\frac{\partial E_n}{\partial a_j}", NOTATION)
    assert carried_letters(value, "j", {"i": 1, "j": 2, "n": 3}) == {"n": 3}
    assert carried_letters(value, "j", {"i": 1, "j": 2}) == {}  # the step gives n no value


def test_a_value_that_is_no_derivative_carries_nothing() -> None:
    value = normalize(r"x_{n} w_{j}", NOTATION)
    assert carried_letters(value, "j", {"j": 2, "n": 3}) == {}


def test_a_word_or_two_letter_subscript_is_no_examples_index() -> None:
    value = normalize(r"\frac{\partial E_{total}}{\partial a_j} + \frac{\partial F_{nm}}{\partial a_j}", NOTATION)
    assert carried_letters(value, "j", {"j": 1, "n": 2, "m": 3}) == {}


def _two_deltas(step: str) -> str:
    """A hidden delta defined as a derivative, and the output delta by another letter and formula
    (so the two letters label two quantities: label_subscripts)."""
    return (
        "# Notes\n\nEach hidden unit sums its inputs, $s_r = \\sum_q g_{rq} x_q$.\n\n"
        "$$\\beta_r \\equiv \\frac{\\partial \\ell_t}{\\partial s_r}$$\n\n"
        "For the output units,\n\n$$\\beta_m = o_m - y_m$$\n\nso that\n\n"
        f"$${step}$$\n"
    )


def test_a_labelled_delta_is_read_at_the_steps_own_letter(runner: StepRunner) -> None:
    good = _two_deltas(r"\frac{\partial \ell_t}{\partial g_{rq}} = \beta_r x_q")
    assert _status(_verdicts(good, runner), r"\beta_r x_q") == "ok"
    slip = _two_deltas(r"\frac{\partial \ell_t}{\partial g_{rq}} = \beta_r x_r")
    assert _status(_verdicts(slip, runner), r"\beta_r x_r") != "ok"


def test_a_labelled_value_that_is_no_derivative_is_not_read_at_the_steps_letter() -> None:
    defs = {r"\beta_{m}": ("", normalize("o_m - y_m", NOTATION))}
    assert labelled_value(r"\beta_{m}", defs, {"m": 1}, lambda *read: read) is None
    deriv = {r"\beta_{r}": ("", normalize(r"\frac{\partial \ell_t}{\partial s_r}", NOTATION))}
    assert labelled_value(r"\beta_{r}", deriv, {"r": 2, "t": 1}, lambda *read: read[1]) == {"r": 2, "t": 1}
    assert labelled_value(r"\beta_{r}", deriv, {"t": 1}, lambda *read: read[1]) is None  # r not the step's
