r"""Derivatives of names whose dependence the document does not write as a formula (round 28).

A chain rule summed over several indices at once (checks/latex/summed_chains.py, read by
abstract_chain): ``\frac{\partial J}{\partial W_{ij}} = \sum_k \sum_n \frac{\partial J}{\partial
A_{kn}}\frac{\partial A_{kn}}{\partial W_{ij}}`` (a matrix intermediate, entry by entry) and
``\sum_k \frac{\partial C}{\partial z_k}(\sum_m \frac{\partial z_k}{\partial a_m}\frac{\partial
a_m}{\partial w})`` (two layers, each summed) are ok as the chain rule, for any functions with that
dependence. A product that drops an index, sums over a set, writes a summed letter outside its
sum or in an end, or passes twice through one family is not read, and none of it is ever wrong.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.abstract_chain import written_chain
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()
D = r"\frac{\partial %s}{\partial %s}"


def _chain(lhs: str, rhs: str) -> tuple[list[str], str] | None:
    return written_chain(normalize(lhs, NOTATION), normalize(rhs, NOTATION))


SUMMED_CHAINS = [
    # every entry of a matrix intermediate, with ranges, over two bare indices in one sum, from 0
    (D % ("J", "W_{ij}"), r"\sum_{k=1}^{S}\sum_{n=1}^{N}" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{ij}"), "k, n"),
    (D % ("J", "W_{ij}"), r"\sum_{k,n}" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{ij}"), "k, n"),
    (
        D % ("L", "z^{(k)}_{pq}"),
        r"\sum_{i=0}^{m} \sum_{j=0}^{n_{o}}" + D % ("L", "a_{ij}^{(k)}") + D % ("a_{ij}^{(k)}", "z_{pq}^{(k)}"),
        "i, j",
    ),
    # two layers, the inner sum in brackets after the outer factor
    (
        D % ("C", "w_{ji}"),
        r"\sum_{k=1}^K" + D % ("C", "z_k") + r"\left(\sum_{m=1}^M"
        + D % ("z_k", "a_m") + D % ("a_m", "w_{ji}") + r"\right)",
        "k, m",
    ),
    # a run of one index through two families (a_m on z_m, entry to entry, as the one-sum form reads it)
    (
        D % ("C", "w_{ji}"),
        r"\sum_{k}\sum_{m}" + D % ("C", "y_k") + D % ("y_k", "a_m") + D % ("a_m", "u_m") + D % ("u_m", "w_{ji}"),
        "k, m",
    ),
]


@pytest.mark.parametrize(("lhs", "rhs", "summed"), SUMMED_CHAINS)
def test_a_chain_under_several_sums_telescopes(lhs: str, rhs: str, summed: str) -> None:
    found = _chain(lhs, rhs)
    assert found is not None and found[1] == summed, found
    assert _chain(rhs, lhs) == found  # either side may hold the product


NOT_SUMMED_CHAINS = [
    # n in no intermediate: the sum multiplies by N
    (D % ("J", "W_{ij}"), r"\sum_{k=1}^{S}\sum_{n=1}^N" + D % ("J", "A_{k}") + D % ("A_{k}", "W_{ij}")),
    # a summed letter in an end: W_{in} is another weight for each n
    (D % ("J", "W_{ij}"), r"\sum_{k=1}^{S}\sum_{n=1}^N" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{in}")),
    # over a set: perhaps not every path
    (D % ("J", "W_{ij}"), r"\sum_{k \in S}\sum_{n}" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{ij}")),
    # a factor before the sums that writes a summed letter: that m is another, free one
    (D % ("C", "w_{ji}"), D % ("C", "z_m") + r"\sum_{k=1}^K\sum_{m=1}^M" + D % ("z_k", "a_m") + D % ("a_m", "w_{ji}")),
    # one family twice (z_k, z_m): a layer named by its letter, or a recurrence
    (D % ("C", "w_{ji}"), r"\sum_{k=1}^K\sum_{m=1}^M" + D % ("C", "z_k") + D % ("z_k", "z_m") + D % ("z_m", "w_{ji}")),
    # a value beside the factors, a factor after the sums close, a gap in the chain
    (D % ("C", "w_{ji}"), r"\sum_{k}\sum_{m}" + D % ("C", "z_k") + D % ("z_k", "a_m") + D % ("a_m", "w_{ji}") + "x"),
    (
        D % ("C", "w_{ji}"),
        r"\left(\sum_{k}\sum_{m}" + D % ("C", "z_k") + D % ("z_k", "a_m") + r"\right)" + D % ("a_m", "w_{ji}"),
    ),
    (D % ("C", "w_{ji}"), r"\sum_{k}\sum_{m}" + D % ("C", "z_k") + D % ("y_k", "a_m") + D % ("a_m", "w_{ji}")),
    # the same letter summed twice; a letter the ends and sums do not give (l)
    (D % ("J", "W_{ij}"), r"\sum_{k}\sum_{k}" + D % ("J", "A_{kk}") + D % ("A_{kk}", "W_{ij}")),
    (D % ("J", "W_{ij}"), r"\sum_{k}\sum_{n}" + D % ("J", "A_{knl}") + D % ("A_{knl}", "W_{ij}")),
    # k carried by y_k and u_k but not by a_m between them: two runs of k
    (
        D % ("C", "w"),
        r"\sum_{k}\sum_{m}" + D % ("C", "y_k") + D % ("y_k", "a_m") + D % ("a_m", "u_k") + D % ("u_k", "w"),
    ),
]


@pytest.mark.parametrize(("lhs", "rhs"), NOT_SUMMED_CHAINS)
def test_anything_else_under_several_sums_is_not_a_chain(lhs: str, rhs: str) -> None:
    assert _chain(lhs, rhs) is None


def test_the_one_sum_form_is_read_as_before() -> None:
    assert _chain(D % ("J", "W_{ij}"), r"\sum_{k}" + D % ("J", "A_{k}") + D % ("A_{k}", "W_{ij}")) == (
        ["J", "A_{k}", "W_{ij}"],
        "k",
    )


#: a loss J of the activations A of a layer, A of its pre-activations Z, Z = W X + b entry by entry;
#: the document writes ∂J/∂A elsewhere, so J on A is said outside the chain steps
NETWORK = (
    r"Let $Z_{kn} = \sum_{l} W_{kl} X_{ln} + b_k$ and $A_{kn} = \sigma(Z_{kn})$." "\n\n"
    r"The loss $J$ is a function of the outputs, with gradient" "\n\n"
    r"$$\frac{\partial J}{\partial A_{kn}} = G_{kn}$$" "\n\n"
)


def _last(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(NETWORK + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


def test_a_chain_through_every_entry_of_a_matrix_is_ok(runner: StepRunner) -> None:
    step = D % ("J", "W_{ij}") + r" = \sum_{k=1}^{K}\sum_{n=1}^{N}" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{ij}")
    status, message = _last(step, runner)
    assert status == "ok", message
    assert "chain rule" in message and "every k, n" in message


@pytest.mark.parametrize(
    "step",
    [
        # a summed letter in the variable: the weight differs term by term
        D % ("J", "W_{ij}") + r" = \sum_{k=1}^{K}\sum_{n=1}^{N}" + D % ("J", "A_{kn}") + D % ("A_{kn}", "W_{in}"),
        # one index only summed: the paths through the other entries are dropped
        D % ("J", "W_{ij}") + r" = \sum_{k=1}^{K}\sum_{n=1}^{N}" + D % ("J", "A_{k}") + D % ("A_{k}", "W_{ij}"),
        # the factors' order reversed, and a link skipped
        D % ("J", "W_{ij}") + r" = \sum_{k=1}^{K}\sum_{n=1}^{N}" + D % ("A_{kn}", "W_{ij}") + D % ("J", "A_{kn}"),
        D % ("J", "W_{ij}") + r" = \sum_{k=1}^{K}\sum_{n=1}^{N}" + D % ("J", "A_{kn}") + D % ("Z_{kn}", "W_{ij}"),
    ],
)
def test_a_wrong_summed_chain_is_never_ok_nor_called_wrong(step: str, runner: StepRunner) -> None:
    status, message = _last(step, runner)
    assert status in ("unparsed", "inconclusive"), message


#: a loss whose value writes the true class's logit z_c beside every z_j (open_entries.py)
CLASS_LOSS = r"The loss for the true class $c$ is" "\n\n" r"$$L = -z_c + \log \sum_{j=1}^{K} e^{z_j}$$" "\n\n"
SOFTMAX = r"\frac{e^{z_k}}{\sum_{j=1}^{K} e^{z_j}}"


def _class_step(step: str, runner: StepRunner, loss: str = CLASS_LOSS) -> tuple[str, str]:
    report = check_text(loss + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


def test_an_entry_at_the_class_index_is_the_step_s_entry(runner: StepRunner) -> None:
    # z_c in L's value is z_1 where the step's c is 1: the right gradient holds at every k and c
    status, message = _class_step(r"\frac{\partial L}{\partial z_k} = -\delta_{kc} + " + SOFTMAX, runner)
    assert status == "ok", message
    # and the wrong twin (the sign of the δ term) is found, at k = c
    status, message = _class_step(r"\frac{\partial L}{\partial z_k} = \delta_{kc} + " + SOFTMAX, runner)
    assert status == "wrong", message


@pytest.mark.parametrize(
    "step",
    [
        # true only when class 1 is the true class: was called wrong (z_c read as a name of its own)
        r"\frac{\partial L}{\partial z_1} = -1 + \frac{e^{z_1}}{\sum_{j=1}^{K} e^{z_j}}",
        # the δ term dropped: was called ok; the step does not say which entry c is
        r"\frac{\partial L}{\partial z_k} = " + SOFTMAX,
    ],
)
def test_a_step_that_leaves_the_class_open_is_not_judged(step: str, runner: StepRunner) -> None:
    status, message = _class_step(step, runner)
    assert status == "unparsed", message
    assert "an index (c) not given" in message


def test_a_value_with_no_other_entry_of_its_family_is_read_as_before(runner: StepRunner) -> None:
    # E = ½(t_k − o_k)²: the error of output k, no other o in sight: the step's o_k is the value's
    loss = r"The error of output $k$ is" "\n\n" r"$$E = \frac{1}{2}(t_k - o_k)^2$$" "\n\n"
    assert _class_step(r"\frac{\partial E}{\partial o_k} = -(t_k - o_k)", runner, loss)[0] == "ok"
    assert _class_step(r"\frac{\partial E}{\partial o_k} = (t_k - o_k)", runner, loss)[0] == "wrong"
