"""Inline math ``$a = b$`` is judged like display math, without false alarms: a document's own
definitions are not steps, a name given a second value (an update in a worked example) is
judged with neither value, and a function the document defines itself (φ = tanh) is the
document's, not the notation's."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner, markdown: bool = True) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=markdown)
    return [(r.step.rhs.strip(), r.status) for r in report.results]


def test_inline_worked_example_is_judged_right_and_wrong(runner: StepRunner) -> None:
    text = "Take $x = 2$ and $w = 3$, so $y = w x$.\n\nThen $y = 6$ and $w x + 1 = 7$ but $y = 5$.\n"
    got = dict(_statuses(text, runner))
    assert got["6"] == "ok"
    assert got["7"] == "ok"
    assert got["5"] == "wrong"
    # the definitions themselves are not steps
    assert "2" not in got and "3" not in got and "w x" not in got


def test_inline_identity_wrong_and_right(runner: StepRunner) -> None:
    text = (
        "The logistic function satisfies $\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$, "
        "and not $\\sigma'(x) = \\sigma(x)(1 + \\sigma(x))$.\n"
    )
    got = _statuses(text, runner)
    assert got == [("\\sigma(x)(1 - \\sigma(x))", "ok"), ("\\sigma(x)(1 + \\sigma(x))", "wrong")]


def test_a_name_given_a_new_value_is_not_judged_with_either(runner: StepRunner) -> None:
    # an SGD update: w = 0.5 first, then w = 0.3; yhat = 3w is 1.5 before and 0.9 after
    text = (
        "Let $x = 1$, $w = 0.5$, $\\hat y = 3 w x$. So $\\hat y = 1.5$.\n\n"
        "After the update $w = 0.3$ and $\\hat y = 0.9$.\n"
    )
    got = _statuses(text, runner)
    assert ("1.5", "ok") in got
    assert ("0.3", "inconclusive") in got
    # 0.9 is 3w with the latest w (numeric_values: a name defined by a formula whose names all
    # have values is that formula's value there, ok or inconclusive, never wrong)
    assert ("0.9", "ok") in got
    assert all(status != "wrong" for _, status in got)


def test_a_step_with_a_reassigned_name_is_judged_free_and_with_each_number(runner: StepRunner) -> None:
    # a is 2 and then 5: an identity in a holds for either value (ok); a slip in it is wrong
    # for both values, so it is wrong whichever is meant (latest_values.refute_with_every_value);
    # a step true for one value only is never a false alarm: true with the latest value, written
    # after it, it is ok with it; true with the first only, it stays inconclusive
    text = (
        "Let $a = 2$. Later $a = 5$.\n\n"
        "$$a^2 - 1 = (a - 1)(a + 1)$$\n\n"
        "$$a^2 - 1 = (a - 1)(a - 1)$$\n\n"
        "$$a + 1 = 6$$\n"
    )
    got = dict(_statuses(text, runner))
    assert got["(a - 1)(a + 1)"] == "ok"
    assert got["(a - 1)(a - 1)"] == "wrong"
    assert got["6"] == "ok"  # true for a = 5, the value written last before it
    assert dict(_statuses(text.replace("= 6", "= 3"), runner))["3"] == "inconclusive"  # a = 2's: never wrong


def test_a_reassigned_name_still_finds_errors_before_the_new_value(runner: StepRunner) -> None:
    text = "Let $x = 1$, $w = 0.5$, $\\hat y = 3 w x$. So $\\hat y = 2$.\n\nAfter the update $w = 0.3$.\n"
    got = _statuses(text, runner)
    assert ("2", "wrong") in got


def test_a_function_the_document_defines_is_the_documents(runner: StepRunner) -> None:
    # the default notation reads φ as ReLU; this document says φ is tanh: its φ is judged as tanh
    # (held-out 24, a French course: φ(z) = 1/(1 + e^{-z}), once held back, now read; stated_derivatives)
    text = "Here $\\phi(z) = \\tanh(z)$ and so $\\phi'(z) = 1 - \\tanh^2(z)$.\n"
    assert ("1 - \\tanh^2(z)", "ok") in _statuses(text, runner)
    twin = "Here $\\phi(z) = \\tanh(z)$ and so $\\phi'(z) = 1 + \\tanh^2(z)$.\n"
    assert ("1 + \\tanh^2(z)", "wrong") in _statuses(twin, runner)
    sigmoid = "$$\\phi(z) = \\frac{1}{1 + e^{-z}}$$\n\n$$\\phi'(z) = \\phi(z) (1 - \\phi(z))$$\n"
    assert [status for _, status in _statuses(sigmoid, runner)] == ["inconclusive", "ok"]


def test_a_function_agreeing_with_the_notation_keeps_its_errors(runner: StepRunner) -> None:
    # σ defined as the notation reads it: a wrong derivative of σ is still wrong
    text = "With $\\sigma(x) = \\frac{1}{1 + e^{-x}}$ we get $\\sigma'(x) = \\sigma(x)(1 + \\sigma(x))$.\n"
    got = _statuses(text, runner)
    assert got == [("\\frac{1}{1 + e^{-x}}", "ok"), ("\\sigma(x)(1 + \\sigma(x))", "wrong")]


def test_a_worked_example_differentiates_then_puts_the_values_in(runner: StepRunner) -> None:
    # ∂J/∂ŷ = ŷ - y at ŷ = 3·1 = 3, y = 1: 2 (not 3); ∂J/∂w = (ŷ - y)·x = 2
    text = (
        "Let $x = 1$, $y = 1$, $w = 3$, $\\hat y = w x$ and $J = \\frac12(\\hat y - y)^2$.\n\n"
        "Then $\\partial J/\\partial\\hat y = 2$, $\\partial J/\\partial w = 2$ and $\\partial J/\\partial w = 3$.\n"
    )
    got = _statuses(text, runner)
    assert got == [("2", "ok"), ("2", "ok"), ("3", "wrong")]


def test_a_name_defined_again_by_an_expression_is_not_judged_wrong_with_its_first_value(runner: StepRunner) -> None:
    # L is one loss in the first section and another in the second: no false alarm
    text = (
        "Squared error: $$L = (y - p)^2$$\n\nCross-entropy instead: $$L = -y \\log p$$\n\n"
        "$$\\frac{\\partial L}{\\partial p} = -\\frac{y}{p}$$\n"
    )
    got = _statuses(text, runner)
    assert got and all(status != "wrong" for _, status in got)
    # a derivation that only continues the first definition is still judged
    same = "$$L = (y - p)^2$$\n\n$$L = y^2 - 2 y p + p^2$$\n\n$$L = y^2 + p^2$$\n"
    verdicts = dict(_statuses(same, runner))
    assert verdicts["y^2 - 2 y p + p^2"] == "ok"
    assert verdicts["y^2 + p^2"] == "inconclusive"  # wrong on the first meaning, but L was defined again


def test_implied_sum_steps_are_judged_both_ways(runner: StepRunner) -> None:
    text = (
        "$$\\frac{e^{x_i + c}}{\\sum e^{x_j + c}} = \\frac{e^{x_i}}{\\sum e^{x_j}}$$\n\n"
        "$$\\frac{e^{x_i + c}}{\\sum e^{x_j + c}} = \\frac{e^{x_i}}{\\sum e^{x_j + c}}$$\n"
    )
    assert [status for _, status in _statuses(text, runner)] == ["ok", "wrong"]


def test_softmax_with_its_index_on_the_name(runner: StepRunner) -> None:
    right = "$$\\frac{\\partial softmax_i(z)}{\\partial z_j} = softmax_i(z)(\\delta_{ij} - softmax_j(z))$$\n"
    wrong = "$$\\frac{\\partial softmax_i(z)}{\\partial z_j} = softmax_i(z)(\\delta_{ij} + softmax_j(z))$$\n"
    assert [s for _, s in _statuses(right, runner)] == ["ok"]
    assert [s for _, s in _statuses(wrong, runner)] == ["wrong"]


def test_softmax_of_one_entry_is_that_entry_of_the_softmax(runner: StepRunner) -> None:
    # ψ(z_k^{(3)}) is written for ψ(z^{(3)})_k; the softmax of a lone scalar (1) is never meant
    lhs = "$$\\frac{\\partial \\psi(z_k^{(3)})}{\\partial z_j^{(3)}} = "
    right = lhs + "\\psi(z_k^{(3)})(\\delta_{jk} - \\psi(z_j^{(3)}))$$\n"
    wrong = lhs + "\\psi(z_k^{(3)})(1 - \\psi(z_j^{(3)}))$$\n"
    assert [s for _, s in _statuses(right, runner)] == ["ok"]
    assert [s for _, s in _statuses(wrong, runner)] == ["wrong"]
    # two subscripts, or an index that is also in the name: not read as an entry
    assert [s for _, s in _statuses("$$\\psi(z_{k_1}) = 1$$\n", runner)] != ["wrong"]


def test_a_function_the_document_defines_is_expanded_where_it_is_applied(runner: StepRunner) -> None:
    text = (
        "Let $g(z) = \\frac{1}{1+e^{-z}}$.\n\n"
        "$$\\frac{d}{dz} g(z) = g(z)(1 - g(z))$$\n\n"
        "$$\\frac{d}{dz} g(z) = g(z)(1 + g(z))$$\n\n"
        "$$g(0) = \\frac{1}{2}$$\n\n"
        "$$g(1 - g) = 5$$\n"
    )
    got = _statuses(text, runner)
    assert got[:3] == [("g(z)(1 - g(z))", "ok"), ("g(z)(1 + g(z))", "wrong"), ("\\frac{1}{2}", "ok")]
    assert got[3] == ("5", "unparsed")  # g(1 - g): g times (1 - g), or g applied to it? not guessed
    # the inline definition itself is not a step
    assert len(got) == 4


def test_a_function_defined_twice_is_not_expanded(runner: StepRunner) -> None:
    text = "Let $f(x) = x^2$, and later $f(x) = x^3$.\n\n$$f(2) = 8$$\n"
    got = dict(_statuses(text, runner))
    assert got["8"] != "wrong" and got["8"] != "ok"


# hunt 15 (hmchen47's notes of Ng's course): "E.g. $L = 4, s_1 = 3, s_2 = 5$" and then, for binary
# classification, "$L = 2, s_L = s_2 = 1$": the list of names given one number assigns s_2 again
def test_a_list_of_names_given_one_number_assigns_each_again(runner: StepRunner) -> None:
    text = "E.g. $L = 4, s_1 = 3, s_2 = 5$.\n\nBinary: $L = 2, s_L = s_2 = 1 , K = 1$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    last = report.results[-1]
    assert last.step.rhs.strip() == "1" and last.status == "inconclusive", last.message
    assert "given the value 5 before" in last.message


def test_a_computed_value_after_a_name_is_still_judged(runner: StepRunner) -> None:
    # s_2 + 1 is no name: the chain is a computation, and 7 is a wrong one
    text = "E.g. $s_2 = 5$.\n\nThen $t = s_2 + 1 = 7$.\n"
    assert ("7", "wrong") in _statuses(text, runner)


# hunt 15 (yhilmare's RNN notes): "the derivative of the softmax: $\varphi'(x) = \varphi(x)(1-\varphi(x))$"
# was judged with the default notation's φ = ReLU (1 ≠ 0 at x = 1)
def test_a_stated_derivative_the_convention_refutes_drops_the_convention(runner: StepRunner) -> None:
    text = (
        "The output is $o_t = \\varphi(V s_t)$, and the derivative of the softmax is\n\n"
        "$$\\varphi'(x) = \\varphi(x)(1-\\varphi(x))$$\n\nso $$\\phi'(o_t^*) = o_t(1-o_t)$$\n"
    )
    got = _statuses(text, runner)
    assert got and all(status != "wrong" for _, status in got), got


def test_a_document_defining_the_conventions_function_keeps_its_wrong_derivative(runner: StepRunner) -> None:
    text = "The hidden activation is $\\phi(z) = \\max(0, z)$, so\n\n$$\\phi'(z) = \\phi(z)(1-\\phi(z))$$\n"
    assert ("\\phi(z)(1-\\phi(z))", "wrong") in _statuses(text, runner)
