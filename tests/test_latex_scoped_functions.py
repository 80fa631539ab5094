r"""A function the document defines again, differently, in a later section (scoped_functions.py):
each step reads it with the latest definition above it, and that reading only confirms (a step
it finds wrong is inconclusive); a step before every definition stays unread."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation
from derive.checks.latex.scoped_functions import find_scoped_functions

from tests.hunt_steps import display_statuses

NOTATION = load_notation()

TWO_SECTIONS = (
    "## Loss\n\n"
    "Let $x_1 = g_2(x_2) = \\frac{c}{x_2}$.\n\n"
    "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=-\\frac{c}{x_2^2}$$\n\n"
    "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=\\frac{c}{x_2^2}$$\n\n"
    "## Softmax\n\n"
    "Let $x_1 = g_2(x_2) = e^{x_2}$.\n\n"
    "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=e^{x_2}$$\n\n"
    "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=x_2 e^{x_2}$$\n"
)



def test_each_definition_is_kept_in_order() -> None:
    scoped = find_scoped_functions(extract(TWO_SECTIONS, markdown=True), NOTATION, set())
    assert [(d.line, d.body) for d in scoped.defs["g_{2}"]] == [(3, "\\frac{c}{x_2}"), (11, "e^{x_2}")]
    assert find_scoped_functions(extract(TWO_SECTIONS, markdown=True), NOTATION, {"g_{2}"}).defs == {}


def test_each_step_means_the_definition_above_it(runner: StepRunner) -> None:
    # the right steps of each section are ok; the wrong ones (a sign, a factor x_2) are not
    # called wrong, since which definition the author meant is a guess
    assert display_statuses(TWO_SECTIONS, runner) == {5: "ok", 7: "inconclusive", 13: "ok", 15: "inconclusive"}


def test_a_step_before_every_definition_stays_unread(runner: StepRunner) -> None:
    text = "$$\\frac{\\partial g_2(x_2)}{\\partial x_2}=-\\frac{c}{x_2^2}$$\n\n" + TWO_SECTIONS
    assert display_statuses(text, runner)[1] == "unparsed"


def test_one_definition_stays_with_the_document_functions(runner: StepRunner) -> None:
    # defined once: the document's function everywhere, and a wrong step is found as before
    text = TWO_SECTIONS.split("## Softmax")[0]
    assert find_scoped_functions(extract(text, markdown=True), NOTATION, set()).defs == {}
    assert display_statuses(text, runner) == {5: "ok", 7: "wrong"}


def test_a_bare_name_means_a_body_only_when_the_definitions_are_renamings(runner: StepRunner) -> None:
    # L(\hat y, y) and L(a, y) are one function with its parameter renamed: the bare L of a step
    # after the second is its value at a; two different bodies leave a bare L as it was (unread)
    renamed = (
        "$$L(\\hat y, y) = -y\\log\\hat y$$\n\n"
        "$$L(a, y) = -y\\log a$$\n\n"
        "$$\\frac{\\partial L}{\\partial a} = -\\frac{y}{a}$$\n"
    )
    assert display_statuses(renamed, runner)[5] == "ok"
    different = renamed.replace("L(a, y) = -y\\log a", "L(a, y) = (a - y)^2")
    assert display_statuses(different, runner)[5] != "ok"


# limits-to-arbitrage/random-posts (held-out 21): the sigmoid written g(z) = 1/(1+e^{-z}), then
# "another form", g(z) = e^z/(1+e^z), and a derivation of g'(z): priming g made it an undefined
# function (abstract_functions), and no step of the derivation was read
PRIMED = (
    "$$g(z)=\\frac{1}{1+e^{-z}}$$\n\n"
    "Another form: $g(z)=\\frac{e^z}{1+e^z}$, is equivalent.\n\n"
    "$$g'(z)=\\frac{e^{-z}}{(1+e^{-z})^2}$$\n\n"
    "$$g'(z)=g(z)(1-g(z))$$\n\n"
    "$$g'(z)=g(z)(1+g(z))$$\n"
)


def test_a_function_restated_in_another_form_is_read_where_it_is_primed(runner: StepRunner) -> None:
    statuses = display_statuses(PRIMED, runner)
    assert statuses[5] == "ok" and statuses[7] == "ok"
    assert statuses[9] == "inconclusive"  # wrong under the definition above, which only confirms


def test_each_definition_says_it_is_one_of_several(runner: StepRunner) -> None:
    # "g(…): a function application or a product?" on g(z) = z^2 told the reader nothing true
    text = "$$ g(z) = z^3 $$\n\n$$ g(z) = z^2 $$\n\n$$ g(2t) = 4t^2 $$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    first, second, use = report.results
    assert first.status == second.status == "inconclusive"
    assert "defined differently more than once (lines 1, 3)" in first.message
    assert use.status == "ok"
