"""A primed index (k', j'', k^{\\prime}) or ℓ used only as an index is read as a plain letter
(primed_indices.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.primed_indices import plain_index_names

NOTATION = load_notation()


@pytest.mark.parametrize(
    ("texts", "names"),
    [
        ([r"\hat y_k = \frac{e^{z_k}}{\sum_{k'=1}^K e^{z_{k'}}}"], {"k'": "q"}),
        ([r"\sum_{k^{\prime}}^{k} e^{z_{k^{\prime}}}"], {"k'": "q"}),
        ([r"\sum_{j'=1}^J w_{kj'}", r"\sum_{j''=1}^J w_{kj''}"], {"j'": "q", "j''": "r"}),
        ([r"\sum_{k,\ell} G_{k,\ell}", r"W^{(\ell)}"], {r"\ell": "q"}),
        # q is the document's own letter: the next free one is taken
        ([r"\sum_{k'} e^{z_{k'}} = q"], {"k'": "r"}),
        # a name, not only an index: ℓ the loss, y' a prediction
        ([r"\sum_{\ell} x_\ell", r"\ell = -\log p"], {}),
        ([r"\sum_{y'} p(y')"], {}),
        # the end written before the index (held-out 18, a tdt4265 report): \sum^K_{k'=1}
        ([r"\sum^K_{k'=1}\left[e^{z_{k'}}\right]"], {"k'": "q"}),
        ([r"\sum^{K}_{j'} w_{kj'}"], {"j'": "q"}),
        # primed, but never a sum's index: nothing to read differently
        ([r"\frac{\partial z_{k'}}{\partial z_k} = 0"], {}),
    ],
)
def test_the_primed_indices_and_their_letters(texts: list[str], names: dict[str, str]) -> None:
    assert plain_index_names(texts) == names


def test_prose_may_mention_the_index_alone() -> None:
    # held-out 17 (tdt4265 reports): "where $k^\prime=j$", "$j'$ and $k$"; display math may not
    texts = [r"\sum_{k^{\prime}} e^{z_{k^{\prime}}}", r"k^\prime=j"]
    assert plain_index_names(texts, [False, True]) == {"k'": "q"}
    assert plain_index_names(texts, [False, False]) == {}


_SOFTMAX = (
    "$$\\hat y_k = \\frac{e^{z_k}}{\\sum_{k'=1}^K e^{z_{k'}}}$$\n\n"
    "$$\\ln \\hat y_k = z_k - \\ln \\sum_{k'=1}^K e^{z_{k'}}$$\n\n"
    "$$\\ln \\hat y_k = z_k + \\ln \\sum_{k^{\\prime}=1}^K e^{z_{k^{\\prime}}}$$\n"
)


def test_a_sum_over_a_primed_index_is_read(runner: StepRunner) -> None:
    # held-out 17 (tdt4265 reports): \sum_{k'} e^{z_{k'}} was "a sum over something other than one
    # index letter"; the log of the softmax is now judged, and its sign slip found
    report = check_text(_SOFTMAX, NOTATION, runner=runner, examples=30, markdown=True)
    assert {r.step.line: r.status for r in report.results if r.step.line > 1} == {3: "ok", 5: "wrong"}


def test_a_sum_with_its_end_first_over_a_primed_index_is_read(statuses) -> None:
    # the quotient rule on the softmax, the sum written \sum^K_{k'=1}[…]; its wrong twin drops the square
    total = r"\sum^K_{k'=1}\left[e^{z_{k'}}\right]"
    good = rf"\frac{{\partial }}{{\partial z_i}}\frac{{e^{{z_k}}}}{{{total}}}"
    good += r" = \frac{\partial }{\partial z_i}\frac{e^{z_k}}{\sum_{j=1}^K e^{z_{j}}}"
    bad = rf"\frac{{\partial }}{{\partial z_i}}\frac{{1}}{{{total}}} = -\frac{{e^{{z_i}}}}{{{total}}}"
    assert statuses(f"$${good}$$\n\n$${bad}$$\n") == ["ok", "wrong"]
