r"""A chain's last term naming its result (named_results): ``… = (a_1 - y_1) = \delta_1``."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import _name, find_definitions, mentions_name
from derive.checks.latex.extract import extract
from derive.checks.latex.named_results import named_results
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# the shape of kassi-bertrand/machine-learning-notes "03-Make a MLP from scratch/document-1.tex"
# (held-out 20): the error of each output is named at the end of a chain, then used
NAMED = (
    "$$\\frac{\\partial J}{\\partial a_1} \\frac{\\partial a_1}{\\partial z_1} = (a_1 - y_1) = \\delta_1$$\n\n"
    "$$\\frac{\\partial J}{\\partial a_2} \\frac{\\partial a_2}{\\partial z_2} = (a_2 - y_2) = \\delta_2$$\n\n"
)


def _named(text: str) -> list[tuple[str, str]]:
    equations = extract(text, markdown=True)
    defined = {d.name for d in find_definitions("", NOTATION, equations=equations)}
    return [(name, value) for _, _, name, value, _ in named_results(equations, NOTATION, defined, _name, mentions_name)]


def test_a_fresh_name_at_a_chains_end_is_defined_by_the_term_before_it() -> None:
    assert _named(NAMED) == [(r"\delta_{1}", "(a_1 - y_1)"), (r"\delta_{2}", "(a_2 - y_2)")]


def test_names_with_a_value_elsewhere_are_not_results() -> None:
    # defined the usual way later, written before (data), Kronecker's delta, an indicator, Ng's dz
    assert _named("$$u = a - y = g$$\n\n$$g = a - y$$\n") == []
    assert _named("$$x_i$$ is the input.\n\n$$\\frac{\\partial z}{\\partial w_i} = x_i$$\n") == []
    assert _named("$$\\frac{\\partial y_k}{\\partial a_l} = \\delta_{kl}$$\n") == []
    assert _named("$$\\phi'(z) = \\mathbf 1_{z>0}$$\n") == []
    assert _named("$$\\frac{\\partial L}{\\partial z} = a - y = dz$$\n") == []


def test_an_entry_of_a_matrix_written_before_is_a_derivatives_answer_not_a_name() -> None:
    # ∂z_k/∂h_j = W_{k,j}: W is the document's weight matrix (jordancoblin, held-out 3)
    text = "$$z = W h + b$$\n\n$$\\frac{\\partial z_k}{\\partial h_j} = W_{k,j}$$\n"
    assert _named(text) == []


def test_a_step_using_the_named_result_is_judged_with_its_value(runner: StepRunner) -> None:
    ok = NAMED + "$$(a_1 - y_1) h_1 = \\delta_1 h_1$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    # a slip against the named value: δ_2 is a_2 - y_2, so (a_2 - y_2) h_1 ≠ δ_2 h_2
    wrong = NAMED + "$$(a_2 - y_2) h_1 + 1 = \\delta_2 h_1$$\n"
    assert check_text(wrong, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_the_naming_link_itself_is_not_judged_true_by_its_own_value(runner: StepRunner) -> None:
    results = check_text(NAMED, NOTATION, runner=runner, markdown=True).results
    naming = [r for r in results if r.step.rhs.strip() == r"\delta_1"]
    assert naming and naming[0].status != "ok"
