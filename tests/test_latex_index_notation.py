r"""Index notation of softmax / cross-entropy derivations in the scalar reader: sums with a
condition under them (``\sum_{k \neq i}``), index indicators, Kronecker deltas and cases on
index conditions. Wrong steps are found; correct steps and near misses are never wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.einstein import uses_einstein
from derive.checks.latex.index_sums import holds, index_condition, sum_subscript
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.stated_facts import stated_sums_to_one, stated_true_class

NOTATION = load_notation()


@pytest.fixture(scope="module")
def runner():
    with StepRunner(timeout=30) as r:
        yield r


def _statuses(text: str, runner: StepRunner) -> list[tuple[int, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.line, r.status) for r in report.results]


def _display(*rows: str) -> str:
    return "\n".join(f"$$ {row} $$" for row in rows) + "\n"


# ---------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["k"], ("k", 1, ())),
        (["k", "=", "0"], ("k", 0, ())),
        (["k", r"\ne", "i"], ("k", 1, (("k", "!=", "i"),))),
        (["j", ":", "j", r"\ne", "i"], ("j", 1, (("j", "!=", "i"),))),
        (["k", "=", "1", ",", "k", r"\ne", "i"], ("k", 1, (("k", "!=", "i"),))),
        (["k", r"\not", "=", "i"], ("k", 1, (("k", "!=", "i"),))),
        (["i", r"\ne", "k"], ("i", 1, (("i", "!=", "k"),))),
        (["k", r"\ne", "i", ",", "j"], ("k", 1, (("k", "!=", "i"), ("k", "!=", "j")))),
        # held-out 24 (a homework notebook): every class but i, C the set of classes
        (["j", r"\neq", "i", r"\in", "C"], ("j", 1, (("j", "!=", "i"),))),
        (["j", r"\in", "C", r"\in", "D"], None),
    ],
)
def test_sum_subscripts_with_conditions_are_read(tokens, expected) -> None:
    assert sum_subscript(tokens) == expected


@pytest.mark.parametrize("tokens", [["k", "j"], ["x", "\\in", "S"], ["i", "=", "k"], ["k", "<", "x", "+", "1"]])
def test_sum_subscripts_that_are_not_one_index_with_conditions_are_refused(tokens) -> None:
    assert sum_subscript(tokens) is None


def test_index_conditions_hold_only_when_every_letter_has_a_value() -> None:
    cond = index_condition(["i", "=", "j"])
    assert cond == ("i", "=", "j")
    assert holds(cond, {"i": 1, "j": 1}) is True
    assert holds(cond, {"i": 1, "j": 2}) is False
    assert holds(cond, {"i": 1}) is None
    assert index_condition(["x", "=", "y", "+", "1"]) is None


# ---------------------------------------------------------------------------- sums k ≠ i


def test_split_cross_entropy_gradient_is_ok_step_by_step(runner: StepRunner) -> None:
    text = _display(
        r"G = -y_i(1-a_i) - \sum_{k\neq i} y_k \frac{1}{a_k}(-a_ka_i)",
        r"= -y_i(1-a_i) + \sum_{k\neq i} y_k a_i",
        r"= -y_i+y_ia_i + \sum_{k\neq i} y_k a_i",
        r"= a_i \sum_ky_k - y_i",
    )
    assert _statuses(text, runner)[1:] == [(2, "ok"), (3, "ok"), (4, "ok")]


def test_other_letters_and_layouts_of_the_excluded_sum(runner: StepRunner) -> None:
    text = _display(
        r"\sum_{j=1,j\neq m}^{n} x_j = \sum_{j=1}^{n} x_j - x_m",
        r"\sum_{l: l\ne c} p_l q_c = q_c\sum_{l} p_l - p_c q_c",
        r"\sum_{t \neq s}^{T} w_t = \sum_{t=1}^{T} w_t - w_s",
    )
    assert _statuses(text, runner) == [(1, "ok"), (2, "ok"), (3, "ok")]


def test_a_term_dropped_from_the_split_sum_is_wrong(runner: StepRunner) -> None:
    text = _display(r"-y_i(1-a_i) + \sum_{k\neq i} y_k a_i = -y_i + \sum_{k\neq i} y_k a_i")
    assert _statuses(text, runner) == [(1, "wrong")]


def test_excluding_the_index_is_not_the_full_sum(runner: StepRunner) -> None:
    # near miss: the full sum where the excluded one is meant
    text = _display(
        r"\sum_{k\neq i} x_k = \sum_{k} x_k - x_i",
        r"x_i\sum_{k\neq i} x_k = x_i\sum_{k} x_k",
    )
    assert _statuses(text, runner) == [(1, "ok"), (2, "wrong")]


# ---------------------------------------------------------------------------- indicators, δ, cases

_SOFTMAX_I = r"\frac{e^{a_i}}{\sum_{k=1}^K e^{a_k}}"
_SOFTMAX_J = r"\frac{e^{a_j}}{\sum_{k=1}^K e^{a_k}}"
_JACOBIAN = r"\frac{\partial}{\partial a_j}" + _SOFTMAX_I


_INDICATORS = [
    r"1_{i=j}",
    r"\mathbb{1}[i=j]",
    r"\mathbb 1_{\{i=j\}}",
    r"[i=j]",
    r"\mathbf{1}_{j = i}",
    r"1\{i = j\}",  # CS229's notes write a bare 1 before set braces
]


@pytest.mark.parametrize("indicator", _INDICATORS)
def test_softmax_jacobian_with_an_index_indicator_is_ok(indicator: str, runner: StepRunner) -> None:
    text = _display(f"{_JACOBIAN} = {_SOFTMAX_I}({indicator} - {_SOFTMAX_J})")
    assert _statuses(text, runner) == [(1, "ok")]


@pytest.mark.parametrize("indicator", [r"1_{{i\neq j}}", r"1\{{i \neq j\}}"])
def test_the_indicator_of_the_wrong_condition_is_wrong(indicator: str, runner: StepRunner) -> None:
    text = _display(f"{_JACOBIAN} = {_SOFTMAX_I}({indicator.format()} - {_SOFTMAX_J})")
    assert _statuses(text, runner) == [(1, "wrong")]


def test_kronecker_delta_in_other_letters(runner: StepRunner) -> None:
    text = _display(
        r"\frac{\partial}{\partial z_q}\frac{e^{z_p}}{\sum_m e^{z_m}}"
        r" = \frac{e^{z_p}}{\sum_m e^{z_m}}(\delta_{pq} - \frac{e^{z_q}}{\sum_m e^{z_m}})",
        r"\frac{\partial}{\partial z_q}\frac{e^{z_p}}{\sum_m e^{z_m}}"
        r" = \frac{e^{z_p}}{\sum_m e^{z_m}}(1 - \delta_{pq})\frac{e^{z_q}}{\sum_m e^{z_m}}",
    )
    assert _statuses(text, runner) == [(1, "ok"), (2, "wrong")]


def test_cases_on_index_conditions(runner: StepRunner) -> None:
    text = _display(
        r"\frac{\partial}{\partial a_j}e^{a_i} = \begin{cases} e^{a_i} & i=j \\ 0 & i\neq j \end{cases}",
        r"\frac{\partial}{\partial a_n}e^{a_m}"
        r" = \begin{cases} e^{a_m} & \text{if } m = n \\ 0 & \text{otherwise} \end{cases}",
        r"\frac{\partial}{\partial a_j}e^{a_i} = \begin{cases} 2e^{a_i} & i=j \\ 0 & i\neq j \end{cases}",
    )
    assert _statuses(text, runner) == [(1, "ok"), (2, "ok"), (3, "wrong")]


def test_comparisons_of_a_variable_stay_heaviside(runner: StepRunner) -> None:
    # x > 0 is a variable's comparison, never an index condition; x = 0 is not read as one either
    text = _display(r"\frac{d}{dx}\max(0, x) = \mathbf{1}_{x>0}", r"\frac{d}{dx} x = 1_{x=0}")
    assert _statuses(text, runner) == [(1, "ok"), (2, "unparsed")]


# ---------------------------------------------------------------------------- stated facts


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (r"Here $y$ is a one-hot vector.", {"y"}),
        (r"($\because \mathbb{y}$ in classification is one-hot vector $\therefore \sum_{j=1}^K y_j = 1$)", {"y"}),
        (r"labels $\mathbf{t}$ (one-hot) and outputs $o_k$", {"t"}),
        (r"the sum over all the elements of the one-hot-vector is one, $y_k$", {"y"}),
        (r"$$\sum_{c} p_c = 1$$", {"p"}),
        (r"$$\sum_{i=1}^{n} \mathbf{q}_i = 1$$", {"q"}),
        (r"$$\sum^K_{k=0} y_k = 1,$$", {"y"}),  # the end before the start (TeX takes either order)
        (r"$$\mathcal{C} = - \sum^K_{k=1} y_{k} \ln a_{k}$$", {"y"}),
        (r"$$\sum^K_{k=0} y_k = 2$$", set()),
        (r"$$\sum_{j=1}^K y_j = 1.5$$", set()),
        (r"$$\sum_{j} y_j x_j = 1$$", set()),
        (r"nothing here about $y_k$", set()),
    ],
)
def test_facts_the_document_states(text: str, names: set[str]) -> None:
    assert stated_sums_to_one(text) == names


_LAST_STEP = _display(
    r"G = -y_i + \hat{y}_i \sum_{j=1}^K y_j",
    r"= \hat{y}_i - y_i",
)


def test_a_step_right_only_by_the_stated_fact_is_ok_with_it_and_unjudged_without(runner: StepRunner) -> None:
    assert _statuses("Here $y$ is one-hot.\n\n" + _LAST_STEP, runner)[-1] == (4, "ok")
    assert _statuses(r"where $\sum_{k=1}^{K} y_k = 1$." + "\n\n" + _LAST_STEP, runner)[-1] == (4, "ok")
    assert _statuses("Here $y$ is a vector.\n\n" + _LAST_STEP, runner)[-1] == (4, "inconclusive")


def test_a_step_wrong_even_under_the_fact_is_wrong(runner: StepRunner) -> None:
    text = "Here $y$ is one-hot.\n\n" + _display(r"-y_i + \hat{y}_i \sum_{j=1}^K y_j = y_i - \hat{y}_i")
    assert _statuses(text, runner) == [(3, "wrong")]


def test_a_step_refuted_without_the_fact_but_true_under_it_is_never_wrong(runner: StepRunner) -> None:
    # unstated, the fact still makes the refutation doubtful (unstated_sums.py): inconclusive, saying
    # so; stated, it proves the step; a step wrong under the fact too stays wrong (the test above)
    step = _display(r"\hat{y}_i \sum_{j} y_j = \hat{y}_i + \sum_{j} y_j - 1")
    (result,) = check_text(step, NOTATION, runner=runner, examples=30, markdown=True).results
    assert result.status == "inconclusive" and "sum to one" in result.message, result.message
    assert _statuses("The labels $y$ are one-hot.\n\n" + step, runner) == [(3, "ok")]


# ---------------------------------------------------------------------------- Einstein's convention

_EINSTEIN = "Repeated indices are summed (Einstein notation).\n\n"


@pytest.mark.parametrize(
    ("prose", "says"),
    [
        ("in Einstein notation the sum is implied by the repeated indices", True),
        ("We use the summation convention throughout.", True),
        ("with an implied sum over j", True),
        ("the index i is repeated, but nothing is said", False),
        ("We do not use Einstein notation here.", False),
        ("Sums are written out; we don't follow the summation convention.", False),
    ],
)
def test_documents_that_say_they_sum_repeated_indices(prose: str, says: bool) -> None:
    assert uses_einstein(prose) is says


def test_implied_sums_in_a_document_that_states_the_convention(runner: StepRunner) -> None:
    text = _EINSTEIN + _display(
        r"L = -\sum_n t_n \log q_n = -t_n \log q_n",
        r"-t_m\delta_{mc} + t_m q_c = -t_c + t_m q_c",
        r"-t_c + t_m q_c = -t_c + q_c\sum_m t_m",
    )
    assert _statuses(text, runner)[1:] == [(3, "ok"), (4, "ok"), (5, "ok")]


def test_wrong_steps_under_the_convention_are_found(runner: StepRunner) -> None:
    text = _EINSTEIN + _display(
        r"-\sum_n t_n \log q_n = -t_n \log q_n + 1",
        r"-t_m\delta_{mc} + t_m q_c = t_c - t_m q_c",
    )
    assert _statuses(text, runner) == [(3, "wrong"), (4, "wrong")]


def test_without_the_convention_a_repeated_index_is_not_summed(runner: StepRunner) -> None:
    text = _display(r"-\sum_n t_n \log q_n = -t_n \log q_n")
    assert _statuses(text, runner) == [(1, "inconclusive")]


# ---------------------------------------------------------------------------- ∂ by a defined name

_DEFINED = (
    "$$ z_k = \\sum_{i=1}^2 w_{ik} x_i + b_k $$\n\n$$ p_j = \\frac{e^{z_j}}{\\sum_{m=1}^3 e^{z_m}} $$\n\n"
)


def test_a_derivative_by_a_name_the_document_defines_holds_it_as_the_variable(runner: StepRunner) -> None:
    text = _DEFINED + "\n\n".join(
        [
            r"$$ \frac{\partial p_j}{\partial z_j} = p_j(1 - p_j) $$",
            r"$$ \frac{\partial p_j}{\partial z_j} = p_j(1 + p_j) $$",
            r"Off the diagonal, for $j \neq l$: $$ \frac{\partial p_j}{\partial z_l} = -p_j p_l $$",
        ]
    )
    assert [s for _, s in _statuses(text, runner)[2:]] == ["ok", "wrong", "ok"]


# ---------------------------------------------------------------------------- a sum named by its operator

_NAMED = "Let $\\sum_{N} = \\sum_{m=1}^{N} e^{s_m}$.\n\n"


def test_a_sum_the_document_names_by_its_operator(runner: StepRunner) -> None:
    text = _NAMED + _display(
        r"\frac{\partial}{\partial s_c}\frac{e^{s_c}}{\sum_N} = \frac{e^{s_c}\sum_N - e^{s_c}e^{s_c}}{(\sum_N)^2}",
        r"\frac{e^{s_c}}{\sum_N}\frac{\sum_N - e^{s_c}}{\sum_N} = \frac{e^{s_c}}{\sum_N}(1 - \frac{e^{s_c}}{\sum_N})",
        r"\frac{\partial}{\partial s_c}\frac{e^{s_c}}{\sum_N} = \frac{e^{s_c}\sum_N + e^{s_c}e^{s_c}}{(\sum_N)^2}",
    )
    assert _statuses(text, runner) == [(3, "ok"), (4, "ok"), (5, "wrong")]


def test_a_bare_sum_the_document_does_not_name_stays_unread(runner: StepRunner) -> None:
    text = _display(r"\frac{\partial}{\partial s_c}\frac{e^{s_c}}{\sum_N} = \frac{e^{s_c}}{\sum_N}")
    assert _statuses(text, runner) == [(1, "unparsed")]


def test_a_case_heading_alone_above_a_block_is_its_condition(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial a_j}\frac{e^{a_i}}{\sum_k e^{a_k}} = -\frac{e^{a_i}e^{a_j}}{(\sum_k e^{a_k})^2}"
    text = "Two cases.\n\n$i \\neq j$\n\n" + _display(step)
    assert _statuses(text, runner)[-1] == (5, "ok")


def test_the_targets_of_a_written_out_cross_entropy_sum_to_one(runner: StepRunner) -> None:
    assert stated_sums_to_one(r"$$L = -\sum_k t_k \log a_k$$") == {"t"}
    assert stated_sums_to_one(r"$$L = -\sum_k \log a_k$$ and $$-\sum_k t_k x_k$$") == set()
    loss = _display(r"L = -\sum_c t_c \log q_c")
    steps = _display(r"q_m \sum_c t_c - t_m = q_m - t_m", r"q_m \sum_c t_c - t_m = t_m - q_m")
    assert _statuses(loss + steps, runner)[1:] == [(2, "ok"), (3, "wrong")]


def test_a_stated_correct_class_makes_the_labels_one_hot_there(runner: StepRunner) -> None:
    assert stated_true_class("where $c$ is the index of the correct class", frozenset()) == {"y=c"}
    assert stated_true_class("where $c$ is the true label", frozenset({"t"})) == {"t=c"}
    assert stated_true_class("where $c$ is a constant", frozenset()) == set()
    steps = _display(r"-\sum_j t_j \log q_j = -\log q_c", r"-\sum_j t_j \log q_j = \log q_c")
    said = "where $c$ is the index of the true class.\n\n"
    assert _statuses(said + steps, runner) == [(3, "ok"), (4, "wrong")]
    assert _statuses(steps, runner)[0] == (1, "inconclusive")


def test_an_indicator_of_the_label_index(runner: StepRunner) -> None:
    text = "$$ p_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}} $$\n\n" + _display(
        r"\frac{\partial}{\partial z_k}\left(-\log p_y\right) = p_k - 1_{y=k}",
        r"\frac{\partial}{\partial z_k}\left(-\log p_y\right) = p_k - 1_{y\neq k}",
    )
    assert _statuses(text, runner)[1:] == [(3, "ok"), (4, "wrong")]


_HMVEGE = Path(__file__).parent / "data" / "latex_heldout15" / "backprop_cost_activations_hmvege.tex"


@pytest.mark.parametrize(("last", "status"), [("a_i^L - y_i", "inconclusive"), ("a_i^L + y_i", "wrong")])
def test_a_single_entry_said_of_another_case_does_not_refute_a_family_step(
    last: str, status: str, runner: StepRunner
) -> None:
    # held-out 15 (hmvege/StatML): the binary case's "y_2 = 1 - y_1" (line 124) put into the
    # softmax section's -y_i + (Σ_k y_k) a_i^L = a_i^L - y_i expanded at size 3 made Σ_k y_k = 1 + y_3
    # and refuted a correct step; without that entry's value it is not refuted. A wrong twin stays wrong.
    lines = _HMVEGE.read_text(encoding="utf-8").splitlines()
    assert lines[459].strip() == "&= a_i^L - y_i"
    lines[459] = "    &= " + last
    report = check_text("\n".join(lines), load_notation(), runner=runner, examples=30, markdown=False)
    (step,) = [r for r in report.results if r.step.line == 460]
    assert step.status == status


def test_a_sum_over_the_other_classes_of_a_set_is_judged(runner: StepRunner) -> None:
    text = _display(
        r"\sum_{j \neq i \in C} y_j + y_i = \sum_{j \in C} y_j",
        r"\sum_{j \neq i \in C} y_j + y_i = \sum_{j \in C} y_j + y_i",
    )
    assert [status for _, status in _statuses(text, runner)] == ["ok", "wrong"]
