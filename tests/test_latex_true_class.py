r"""A one-hot target's hot index stated in prose (stated_facts.stated_true_class): "$y_o = 1$",
"a 1 for the true outside word $o$", "let $k$ be the index of the correct class", used for
``-y_o \log \hat y_o = -\log \hat y_o`` and for the sum that picks the hot entry; a wrong step
stays wrong, and a document that states nothing gets no such help."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.stated_facts import hot_letters, stated_true_class

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("prose", "fact"),
    [
        (r"Since $y$ is a one-hot vector where $y_w = 1$ when $w = o$ and $y_w = 0$ when $w \ne o$,", "y=o"),
        (r"$\boldsymbol{y}$ is a one-hot vector with a 1 for the true outside word $o$.", "y=o"),
        (r"Let $k$ be the index of the correct class, so the one-hot $y$ has $y_k = 1$.", "y=k"),
        (r"$Y$ is a one-hot encoded vector where $Y_y = 1$ and $Y_i = 0$ for $i \neq y$.", "Y=y"),
        (r"$y$ is one-hot with $y_o = 1$.", "y=o"),
    ],
)
def test_the_stated_hot_index(prose: str, fact: str) -> None:
    assert stated_true_class(prose, frozenset()) == {fact}


@pytest.mark.parametrize(
    "prose",
    [
        "where $c$ is a constant",
        "the one-hot vector $y$; the loss at $t = 1$ is",  # no entry made 1
        "the target class $k$ and the true label $j$",  # two letters: which one?
    ],
)
def test_no_hot_index_without_a_clear_statement(prose: str) -> None:
    assert stated_true_class(prose, frozenset()) == frozenset()


def test_hot_letters_are_the_family_entries_a_step_writes() -> None:
    assert hot_letters({"y_{o}", "x"}, frozenset({"y=o"})) == {"o"}
    assert hot_letters({r"\mathbf{y}_{o}"}, frozenset({"y=o"})) == {"o"}
    assert hot_letters({"y_{k}"}, frozenset({"y=o"})) == set()


def _statuses(prose: str, steps: list[str], runner: StepRunner) -> list[str]:
    text = prose + "\n\n" + "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


PROSE = r"Since $y$ is a one-hot vector where $y_w = 1$ when $w = o$, we have"


def test_steps_that_use_the_hot_index(runner: StepRunner) -> None:
    steps = [
        r"-\sum_{w} y_w \log(\hat{y}_w) = - y_o\log(\hat{y}_o)",
        r"- y_o\log(\hat{y}_o) = -\log(\hat{y}_o)",
        r"- y_o\log(\hat{y}_o) = -\log(1 - \hat{y}_o)",  # wrong whatever y is
    ]
    assert _statuses(PROSE, steps, runner)[-3:] == ["ok", "ok", "wrong"]


def test_without_the_statement_the_step_is_not_ok(runner: StepRunner) -> None:
    statuses = _statuses("Here $y$ is the label vector.", [r"- y_o\log(\hat{y}_o) = -\log(\hat{y}_o)"], runner)
    assert statuses == ["inconclusive"]
