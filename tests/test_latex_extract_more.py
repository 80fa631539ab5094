"""check-latex on functions the document defines of several parameters (multi_functions,
function_calls): ``\\mathcal L(\\hat y, y) = …``, ``L(w, b) = …``, ``H(p, q) = …``. Each form is
checked on correct steps (ok), on a near miss (wrong), and on uses that must stay unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.multi_functions import multi_call
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def _document(steps: list[str], definition: str, *, inline: bool = True) -> str:
    """The definition in running text (or its own display), then one display per step."""
    head = f"Let ${definition}$ here.\n\n" if inline else f"We define\n\n$$ {definition} $$\n\n"
    return head + "".join(f"$$ {s} $$\n\n" for s in steps)


BCE = r"\mathcal{L}(\hat y, y) = -y\log\hat y - (1-y)\log(1-\hat y)"
SQUARE = r"L(w, b) = (wx + b - y)^2"
DIFF = r"f(a, c) = a^2 - c"
CE = r"H(p, q) = -p\log q - (1-p)\log(1-q)"
MULTI_CASES = [
    # (definition, step, expected): bare, the function at its own parameters
    (BCE, r"\frac{\partial \mathcal L}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1-y}{1-\hat y}", "ok"),
    (BCE, r"\frac{\partial \mathcal L}{\partial \hat y} = \frac{y}{\hat y} + \frac{1-y}{1-\hat y}", "wrong"),
    (SQUARE, r"\frac{\partial L}{\partial w} = 2(wx + b - y)x", "ok"),
    (SQUARE, r"\frac{\partial L}{\partial b} = 2(wx + b - y)", "ok"),
    (SQUARE, r"\frac{\partial L}{\partial b} = 2(wx + b - y)x", "wrong"),
    # applied: each argument in its parameter's place, all at once (swapped arguments)
    (DIFF, r"f(c, a) + a = c^2", "ok"),
    (DIFF, r"2 f(c, a) = 2c^2 - 2a", "ok"),
    (DIFF, r"2 f(c, a) = 2a^2 - 2c", "wrong"),
    (DIFF, r"f(2a, c) = 4a^2 - c", "ok"),
    (DIFF, r"f(2a, c) = 2a^2 - c", "wrong"),
    (BCE, r"\frac{\partial \mathcal L(\hat y, y)}{\partial \hat y} = \frac{\hat y - y}{\hat y(1-\hat y)}", "ok"),
    (CE, r"\frac{\partial H(p, q)}{\partial q} = -\frac{p}{q} + \frac{1-p}{1-q}", "ok"),
    (CE, r"\frac{\partial H}{\partial q} = -\frac{p}{q} - \frac{1-p}{1-q}", "wrong"),
]


VECTOR_CE = r"\text{CE}(y, \hat y) = -y_1\log\hat y_1 - y_2\log\hat y_2"
MULTI_CASES += [
    # parameters used by their entries: read at the function's own parameters only
    (VECTOR_CE, r"\frac{\partial \text{CE}(y, \hat y)}{\partial \hat y_1} = -\frac{y_1}{\hat y_1}", "ok"),
    (VECTOR_CE, r"\frac{\partial \text{CE}}{\partial \hat y_2} = \frac{y_2}{\hat y_2}", "wrong"),
    (VECTOR_CE, r"\frac{\partial \text{CE}(a, b)}{\partial b_1} = -\frac{a_1}{b_1}", "unparsed"),
]


@pytest.mark.parametrize(("definition", "step", "expected"), MULTI_CASES)
def test_functions_of_several_parameters_are_expanded(
    definition: str, step: str, expected: str, runner: StepRunner
) -> None:
    assert _statuses(_document([step], definition), runner) == [expected]


def test_a_displayed_definition_is_listed_not_judged(runner: StepRunner) -> None:
    steps = [r"\frac{\partial L}{\partial w} = 2(wx + b - y)x"]
    assert _statuses(_document(steps, SQUARE, inline=False), runner) == ["inconclusive", "ok"]


@pytest.mark.parametrize(
    "text",
    [
        # the wrong number of arguments: not read as the function
        _document([r"f(c) + a = c^2"], DIFF),
        _document([r"f(a, c, a) = a^2 - c"], DIFF),
        # defined twice: which body is meant?
        f"Let ${DIFF}$ and ${r'f(a, c) = a - c'}$.\n\n$$ f(c, a) + a = c^2 $$\n",
        # a numbered sample as a parameter states a value, not a function
        "$$ g(x_1, x_2) = 3 $$\n\n$$ g(x_2, x_1) = 3 $$\n",
        # a prime on a function of several parameters: by which one?
        _document([r"f'(a, c) = 2a"], DIFF),
    ],
)
def test_unclear_functions_of_several_parameters_are_not_used(text: str, runner: StepRunner) -> None:
    statuses = _statuses(text, runner)
    assert "wrong" not in statuses and "ok" not in statuses


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (r"H(p, q)", ("H", ["p", "q"])),
        (r"\mathcal L(\hat y, y)", (r"\mathcal{L}", [r"\hat{y}", "y"])),
        (r"CE(y, \hat y)", None),  # a word: two letters before the bracket, not one name
        (r"f(x, x)", None),  # the same parameter twice
        (r"f(x)", None),  # one parameter: own_functions' business
        (r"f(x, y)^2", None),  # something after the call
        (r"f(x + 1, y)", None),  # an expression, not a parameter
    ],
)
def test_multi_call_reads_only_a_name_of_plain_parameters(term: str, expected: object) -> None:
    assert multi_call(term, NOTATION) == expected


# --------------------------------------------------------------------------- annotated relations

ANNOTATED = [
    # (document, statuses): a definition under def / Δ / \triangleq is used by the steps after it
    ("Let $q \\stackrel{\\text{def}}{=} v^3$.\n\n$$ \\frac{dq}{dv} = 3v^2 $$\n", ["ok"]),
    ("Let $q \\overset{def}{=} v^3$.\n\n$$ \\frac{dq}{dv} = 2v^2 $$\n", ["wrong"]),
    ("Let $r \\triangleq v^4$.\n\n$$ \\frac{dr}{dv} = 4v^3 $$\n", ["ok"]),
    ("Let $r \\overset{\\Delta}{=} v^4$.\n\n$$ \\frac{dr}{dv} = 4v^3 $$\n", ["ok"]),
    # an equals sign under a reason is a step like any other
    ("$$ \\frac{d}{dv} v^2 \\overset{(1)}{=} 2v \\stackrel{\\text{chain rule}}{=} 3v $$\n", ["ok", "wrong"]),
    (
        "$$\\begin{aligned} \\frac{d}{dv} v^3 &\\overset{(a)}{=} 3v^2 \\\\\n"
        " &\\stackrel{(b)}{=} 3 v v \\end{aligned}$$\n",
        ["ok", "ok"],
    ),
    # an equation to solve (\overset{!}{=}) is not a claim
    ("$$ \\frac{d}{dv} v^2 \\overset{!}{=} 0 $$\n", []),
]


@pytest.mark.parametrize(("text", "expected"), ANNOTATED)
def test_annotated_equals_signs(text: str, expected: list[str], runner: StepRunner) -> None:
    assert _statuses(text, runner) == expected


RECALLED = f"Let ${SQUARE}$.\n\nRecall\n\n$$ {SQUARE} $$\n\n"
RESTATED = [
    # a definition restated alike before the derivation keeps its one meaning
    (RECALLED + "$$ \\frac{\\partial L}{\\partial b} = 2(wx + b - y) $$\n", "ok"),
    (RECALLED + "$$ \\frac{\\partial L}{\\partial b} = 2(wx + b - y)x $$\n", "wrong"),
    ("Let $g(z) = z^3$.\n\n$$ g(z) = z^3 $$\n\n$$ g(2t) = 8t^3 $$\n", "ok"),
    # restated differently: which one is meant? read with the latest (z^2), which may only
    # confirm (scoped_functions): the step that holds for the first is not called wrong
    ("Let $g(z) = z^3$.\n\n$$ g(z) = z^2 $$\n\n$$ g(2t) = 8t^3 $$\n", "inconclusive"),
    # restated with spacing after it (a Korean chain-rule note: g(x) &= 3x + 1 \quad \to \quad …)
    ("Let $g(x) = 3x + 1$.\n\n$$ g(x) = 3x + 1 \\quad \\to \\quad g(2) = 7 $$\n\n$$ g(2t) = 6t + 1 $$\n", "ok"),
    ("Let $g(x) = 3x + 1$.\n\n$$ g(x) = 3x + 1 \\quad \\to \\quad g(2) = 7 $$\n\n$$ g(2t) = 6t + 2 $$\n", "wrong"),
]


@pytest.mark.parametrize(("text", "expected"), RESTATED)
def test_a_definition_restated_alike_keeps_its_meaning(text: str, expected: str, runner: StepRunner) -> None:
    assert _statuses(text, runner)[-1] == expected


def test_the_notations_own_loss_is_not_a_new_function(runner: StepRunner) -> None:
    """L(x, y) = -log o^s_y(x) restated: the default notation's loss, judged as before (ok), not
    listed as the document's own function."""
    loss = r"L(\mathbf{x}, y) = -\log \mathbf{o}_y^s(\mathbf{x})"
    assert _statuses(f"$$ {loss} $$\n\nand again\n\n$$ {loss} $$\n", runner) == ["ok", "ok"]


# --------------------------------------------------------------------------- several claims in one formula

SEPARATED = [
    ("$$ \\frac{d}{dx} x^2 = 2x; \\quad \\frac{d}{dx} x^3 = 3x^2 $$\n", ["ok", "ok"]),
    ("$$ \\frac{d}{dx} x^2 = 2x; \\quad \\frac{d}{dx} x^3 = 2x^2 $$\n", ["ok", "wrong"]),
    ("$$ \\frac{d}{dx} x^2 = 2x \\;\\;\\text{so}\\;\\; \\frac{d}{dx} x^3 = 3x^2 $$\n", ["ok", "ok"]),
    ("$$ \\frac{d}{dx} x^2 = 2x \\text{ hence } \\frac{d}{dx} 3x^2 = 3x $$\n", ["ok", "wrong"]),
    # a semicolon inside brackets separates arguments, not claims
    ("$$ \\frac{d}{dx} (x^2 + 1) = 2x $$\n", ["ok"]),
    # a clause of prose leading a row (jihwan-jeong's back-propagation post): not part of the left side
    ("$$\\begin{aligned}\\text{Similarly,}\\quad \\frac{d}{dx} x^3 &= 3x^2\\end{aligned}$$\n", ["ok"]),
    ("$$\\begin{aligned}\\text{or,}\\quad \\sigma(-x) &= 1 + \\sigma(x)\\end{aligned}$$\n", ["wrong"]),
    ("$$\\text{In the output layer,}\\quad \\tanh(x) = 2\\sigma(2x) - 1$$\n", ["ok"]),
    # a name set in \text is not prose: \text{softmax}(z) stays the left side
    ("$$\\text{softmax}(z)_1 = \\frac{e^{z_1}}{e^{z_1} + e^{z_2}}, z \\in \\mathbb{R}^2$$\n", ["ok", "inconclusive"]),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATED)
def test_claims_separated_by_a_semicolon_or_a_word_are_steps_of_their_own(
    text: str, expected: list[str], runner: StepRunner
) -> None:
    assert _statuses(text, runner) == expected


COMPOSED = (
    "Let $\\ell(\\hat y, y) = -y\\log\\hat y - (1-y)\\log(1-\\hat y)$ "
    "and $h_\\theta(x) = \\frac{1}{1+e^{-\\theta x}}$.\n\n"
    "$$ J(\\theta) = \\ell(h_\\theta(x), y) $$\n\n"
)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\frac{\partial J}{\partial \theta} = (h_\theta(x) - y)x", "ok"),
        (r"\frac{\partial J}{\partial \theta} = (y - h_\theta(x))x", "wrong"),
        (r"\frac{\partial}{\partial \theta} \ell(h_\theta(x), y) = (h_\theta(x) - y)x", "ok"),
    ],
)
def test_a_loss_of_several_parameters_composed_with_the_model(step: str, expected: str, runner: StepRunner) -> None:
    """J(θ) = ℓ(h_θ(x), y): the loss's parameters take the model's value, and J is that."""
    assert _statuses(COMPOSED + f"$$ {step} $$\n", runner) == ["inconclusive", expected]


# alexcpn/alexcpn.github.io (held-out 21): MathJax notes colour a whole aligned block; the colour
# group hid its \\ from the row cutter, and the block was read as no step at all
@pytest.mark.parametrize(
    "block",
    [
        "$$\n \\color{red}\n  {\n  \\begin{aligned}\n  a + a = 2a\n  \\\\ \\\\\n  = 3a\n  \\end{aligned}\n  }\n$$",
        "$${\\color{blue} a + a = 2a \\\\ = 3a}$$",
        "$$\\textcolor{red}{\\begin{aligned} a + a &= 2a \\\\ &= 3a \\end{aligned}}$$",
    ],
)
def test_a_colour_around_a_whole_block_keeps_its_rows(block: str, runner: StepRunner) -> None:
    statuses = [r.status for r in check_text(block + "\n", NOTATION, runner=runner, markdown=True).results]
    assert statuses == ["ok", "wrong"]


def test_a_coloured_part_of_a_row_is_not_a_wrapper(runner: StepRunner) -> None:
    results = check_text("$$\\color{red}{a} + a = 2a$$\n", NOTATION, runner=runner, markdown=True).results
    assert [r.status for r in results] == ["ok"]


def test_a_script_letter_is_the_calligraphic_one(runner: StepRunner) -> None:
    # sakunisgithub/LaTeX (held-out 21) writes the loss \mathscr{L}(\theta) with mathrsfs
    text = "$$\\mathscr{L} = (w x - y)^2$$\n\n$$\\frac{\\partial \\mathcal{L}}{\\partial w} = %s$$\n"
    assert check_text(text % "2 (w x - y) x", NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    assert check_text(text % "2 (w x - y)", NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_a_fraktur_letter_is_a_name_of_its_own(runner: StepRunner) -> None:
    # a French course's logistic loss \mathfrak{L}(a, y) (held-out 33) was "the command \mathfrak"
    text = (
        "$$\\mathfrak{L}(a, y) = -(y\\log a + (1-y)\\log(1-a))$$\n\n"
        "$$\\frac{d\\mathfrak{L}(a, y)}{da} = %s$$\n"
    )
    ok = check_text(text % "-\\frac{y}{a} + \\frac{1-y}{1-a}", NOTATION, runner=runner, markdown=True)
    assert ok.results[-1].status == "ok", ok.results[-1].message
    wrong = check_text(text % "-\\frac{y}{a} - \\frac{1-y}{1-a}", NOTATION, runner=runner, markdown=True)
    assert wrong.results[-1].status == "wrong"
    # 𝔏 is not L: a step between the two is not proved by reading one as the other
    other = "$$\\mathfrak{L} = x^2$$\n\n$$L = 2x$$\n\n$$\\mathfrak{L} = L$$\n"
    assert check_text(other, NOTATION, runner=runner, markdown=True).results[-1].status != "ok"


def test_a_dotted_name_is_not_the_plain_one(runner: StepRunner) -> None:
    # forward-mode differentiation's tangents v̇ (held-out 12) beside the values v: two names
    text = "$$v_3 = v_1 v_2$$\n\n$$\\dot{v}_3 = v_1\\dot{v}_2 + \\dot{v}_1 v_2$$\n\n$$\\dot{v}_1 + v_1 = %s$$\n"
    assert check_text(text % "v_1 + \\dot{v}_1", NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    assert check_text(text % "2 v_1", NOTATION, runner=runner, markdown=True).results[-1].status != "ok"


# smaxx73/Neural-Network-Course solutions (held-out 22): an update written w ← value = number; the
# arrow is an assignment (no step), the arithmetic after it is a step
def test_an_update_arrow_ends_a_term_and_the_arithmetic_after_it_is_judged(runner: StepRunner) -> None:
    text = "$$w_2 \\leftarrow -1.0 - 1.0 \\times 0.1455 = -1.1455$$\n\n$$b \\gets 0.5 - 0.25 = 0.35$$\n"
    results = check_text(text, NOTATION, runner=runner, markdown=True).results
    assert [(r.step.lhs.strip(), r.status) for r in results] == [
        ("-1.0 - 1.0 \\times 0.1455", "ok"),
        ("0.5 - 0.25", "wrong"),
    ]
