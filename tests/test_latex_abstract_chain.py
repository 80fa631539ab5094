r"""A chain rule written with abstract derivatives only (checks/latex/abstract_chain.py):
``∂J/∂w = ∂J/∂S · ∂S/∂w`` in a document whose dependences the other steps leave too tangled to
settle is ok as the chain rule, for any functions with the dependence it writes; a product that
does not telescope from J to w, or a J whose own value writes w directly, is left unread, and
nothing here is ever wrong. A link only the step says (E on o in a note that writes nothing else
about E) is the writer's, unless a value or another path in the document denies it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from derive.checks.latex.abstract_chain import chain_as_written, read_abstract_chain
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_definitions import Definition
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.unstated_dependence import DependenceNotes

NOTATION = load_notation()


#: every link the cases below write, as if other steps of their document wrote them too
SAID = {
    "J": {"S_{*}", "\\theta"}, "S_{*}": {"w_{*}"}, "C": {"a^{(3)}", "a"}, "a^{(3)}": {"z^{(3)}"},
    "z^{(3)}": {"W^{(3)}"}, "a": {"z", "w"}, "z": {"W"}, "\\mathcal{L}_{*}": {"f_{*}"}, "f_{*}": {"w_{*}"},
    "\\theta": {"U", "v_{*}"}, "E": {"y"}, "y": {"w"},
}


def _read(lhs: str, rhs: str, named: dict | None = None, said: dict | None = None) -> dict | None:
    sides = normalize(lhs, NOTATION), normalize(rhs, NOTATION)
    return read_abstract_chain(*sides, named or {}, SAID if said is None else said)


D = r"\frac{\partial %s}{\partial %s}"

TELESCOPING = [
    (D % ("J", "w_{ij}"), D % ("J", "S_j") + r" \cdot " + D % ("S_j", "w_{ij}")),
    (D % ("C", "W^{(3)}"), D % ("C", "a^{(3)}") + D % ("a^{(3)}", "z^{(3)}") + D % ("z^{(3)}", "W^{(3)}")),
    (D % ("C", "W"), D % ("C", "a") + r"\left(" + D % ("a", "z") + D % ("z", "W") + r"\right)"),
    (D % (r"\mathcal{L}_i", "w_j"), r"\sum_{k=1}^K " + D % (r"\mathcal{L}_i", "f_k") + r"\times" + D % ("f_k", "w_j")),
]


@pytest.mark.parametrize(("lhs", "rhs"), TELESCOPING)
def test_a_telescoping_product_is_the_chain_rule(lhs: str, rhs: str) -> None:
    out = _read(lhs, rhs)
    assert out is not None and out["status"] == "ok", out
    assert _read(rhs, lhs) == out  # either side may hold the product


NOT_CHAINS = [
    (D % ("J", "v_c"), D % ("J", r"\theta") + D % (r"\theta", "U")),  # ends at U, not v_c
    (D % ("C", "w"), D % ("C_0", "b")),  # one factor: no chain
    (D % ("E", "w"), D % ("E", "y") + D % ("z", "w")),  # y then z: a gap
    (D % ("E", "w"), D % ("E", "y") + D % ("y", "w") + " x"),  # a value beside the factors
    (D % ("E", "w"), D % ("E", "y") + D % ("y", "E") + D % ("E", "w")),  # E twice: a loop
    # the summed index in an end, or missing from an intermediate: not every path
    (D % ("L", "w_k"), r"\sum_{k=1}^K " + D % ("L", "f_k") + D % ("f_k", "w_k")),
    (D % ("L", "w_j"), r"\sum_{k=1}^K " + D % ("L", "f") + D % ("f", "w_j")),
    (D % ("J", "w_{ij}"), D % ("J", "S_k") + D % ("S_k", "w_{ij}")),  # k free on the right only
]


@pytest.mark.parametrize(("lhs", "rhs"), NOT_CHAINS)
def test_anything_else_is_left_as_it_was(lhs: str, rhs: str) -> None:
    assert _read(lhs, rhs) is None


#: links said for the per-index chains below (a unit's output, its input, its weight and bias)
UNIT_LINKS = {"Q": {"g_{*}"}, "g_{*}": {"r_{*}"}, "r_{*}": {"m_{*}", "e_{*}"}, "P": {"g"}, "g": {"r"}, "r": {"M"}}


def test_per_index_factors_in_another_order_are_the_chain_rule() -> None:
    # from the variable up, and shuffled: each factor one number, so the product is the same
    for rhs in (
        D % ("r_p", "m_{pt}") + D % ("g_p", "r_p") + D % ("Q", "g_p"),
        D % ("g_p", "r_p") + r" \cdot " + D % ("Q", "g_p") + r" \cdot " + D % ("r_p", "e_p"),
    ):
        variable = "m_{pt}" if "m_{pt}" in rhs else "e_p"
        out = _read(D % ("Q", variable), rhs, said=UNIT_LINKS)
        assert out is not None and out["status"] == "ok", rhs


COMMUTED_NOT_CHAINS = [
    (D % ("Q", "m_{pt}"), D % ("r_p", "m_{pt}") + D % ("g_t", "r_t") + D % ("Q", "g_p")),  # g_t for g_p: a gap
    (D % ("Q", "m_{pt}"), D % ("r_p", "m_{pt}") + D % ("Q", "g_p")),  # the activation's factor left out
    (D % ("P", "M"), D % ("r", "M") + D % ("g", "r") + D % ("P", "g")),  # vectors, matrices: a layout question
]


@pytest.mark.parametrize(("lhs", "rhs"), COMMUTED_NOT_CHAINS)
def test_factors_that_no_order_telescopes_or_that_need_a_layout_are_left(lhs: str, rhs: str) -> None:
    assert _read(lhs, rhs, said=UNIT_LINKS) is None


def test_a_value_that_writes_the_variable_is_a_second_path() -> None:
    # C = C_0 + λ w²: ∂C/∂w = ∂C/∂a ∂a/∂w leaves the λ w² path out
    named = {"C": ("", normalize(r"C_0 + \lambda w^2", NOTATION))}
    assert _read(D % ("C", "w"), D % ("C", "a") + D % ("a", "w"), named) is None
    assert _read(D % ("C", "w"), D % ("C", "a") + D % ("a", "w"), {}) is not None


def test_a_link_nothing_else_in_the_document_says_is_not_assumed() -> None:
    # a step may not create the dependence that makes it true: J on S must be said elsewhere
    lhs, rhs = D % ("J", "w_{ij}"), D % ("J", "S_j") + D % ("S_j", "w_{ij}")
    assert _read(lhs, rhs, said={"S_{*}": {"w_{*}"}}) is None
    assert _read(lhs, rhs, said={"J": {"y"}, "y": {"S_{*}"}, "S_{*}": {"w_{*}"}}) is not None  # J on y on S
    assert _read(lhs, rhs, said={}) is None


#: J differentiated by more unrelated variables than unstated_dependence takes as parents (y, p,
#: q, r): its dependence graph is not settled there, so its chain rules were left unread
DOCUMENT = (
    r"Let $S_k = \sum_j w_{jk} x_j$." "\n\n"
    r"$$\frac{\partial J}{\partial S_j} = \frac{\partial J}{\partial y_j}\frac{\partial y_j}{\partial S_j}$$" "\n\n"
    r"$$\frac{\partial J}{\partial p} = 1$$" "\n\n"
    r"$$\frac{\partial J}{\partial q} = 2$$" "\n\n"
    r"$$\frac{\partial J}{\partial r} = 3$$" "\n\n"
)


def _last(step: str, runner: StepRunner) -> tuple[str, str]:
    report = check_text(DOCUMENT + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return report.results[-1].status, report.results[-1].message


def test_a_chain_rule_in_a_tangled_document_is_ok(runner: StepRunner) -> None:
    status, message = _last(D % ("J", "w_{ij}") + " = " + D % ("J", "S_j") + r" \cdot " + D % ("S_j", "w_{ij}"), runner)
    assert status == "ok", message
    assert "chain rule" in message


def test_a_wrong_chain_in_a_tangled_document_is_never_ok(runner: StepRunner) -> None:
    status, message = _last(D % ("J", "w_{ij}") + " = " + D % ("J", "S_j") + r" \cdot " + D % ("S_i", "w_{ij}"), runner)
    assert status in ("unparsed", "inconclusive"), message


#: a network written as a recurrence with a layer letter; the chain's last link (z^{(2)} on W^{(2)})
#: is said only by that recurrence, at the layer the step writes
LAYERS = (
    r"$$ a^{(n)} = \sigma(z^{(n)}) $$" "\n\n"
    r"$$ z^{(n)} = W^{(n)} a^{(n-1)} + b^{(n)} $$" "\n\n"
    r"$$\frac{\partial C}{\partial W^{(3)}} = \frac{\partial C}{\partial a^{(3)}}"
    r"\frac{\partial a^{(3)}}{\partial z^{(3)}}\frac{\partial z^{(3)}}{\partial W^{(3)}}$$" "\n\n"
    r"$$\frac{\partial a^{(3)}}{\partial a^{(2)}} = \frac{\partial a^{(3)}}{\partial z^{(3)}}"
    r"\frac{\partial z^{(3)}}{\partial a^{(2)}}$$" "\n\n"
)


def test_a_layer_recurrence_says_the_link_at_each_layer(runner: StepRunner) -> None:
    chain = D % ("C", "a^{(3)}") + D % ("a^{(3)}", "a^{(2)}") + D % ("a^{(2)}", "z^{(2)}") + D % ("z^{(2)}", "W^{(2)}")
    report = check_text(LAYERS + f"$$ {D % ('C', 'W^{(2)}')} = {chain} $$\n", NOTATION, runner=runner, markdown=True)
    assert report.results[-1].status == "ok", report.results[-1].message


def test_the_recurrence_is_read_at_the_step_s_layers() -> None:
    """The same, without the rest of the checker: only the recurrence says z^{(2)} on W^{(2)}."""
    recurrence = Definition(1, 1, "z^{(n)}", r"W^{(n)} a^{(n-1)} + b^{(n)}")
    notes = DependenceNotes(SimpleNamespace(defs=[recurrence]), NOTATION)
    step = (D % ("C", "W^{(2)}"), D % ("C", "z^{(2)}") + D % ("z^{(2)}", "W^{(2)}"))
    notes.note([normalize(side, NOTATION) for side in step], {})
    notes.note([normalize(D % ("C", "z^{(2)}"), NOTATION), normalize("u", NOTATION)], {})
    unread = {"status": "unparsed", "message": "a derivative (its dependence is not stated)"}
    assert chain_as_written(unread, notes, 0)["status"] == "ok"
    # a value of z^{(2)} that does not write W^{(2)} denies the link the step alone would say
    notes.document = SimpleNamespace(defs=[Definition(1, 1, "z^{(2)}", r"V a^{(1)}")])
    assert chain_as_written(unread, notes, 0) is unread
    # with no value at all, the step's own link is the writer's statement (own_links_chain)
    notes.document = SimpleNamespace(defs=[])
    assert chain_as_written(unread, notes, 0)["message"].find("as the step says") > 0


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


#: chain rules through names the document never gives a value nor writes elsewhere: the step
#: alone says how the loss reaches the weight (E of o, o of h, h of w_1), as most notes write it
OWN_CHAINS = [
    D % ("E", "w_1") + " = " + D % ("E", "o") + D % ("o", "h") + D % ("h", "w_1"),
    r"\frac{dz}{dx} = \frac{dz}{dy} \cdot \frac{dy}{dx}",
    D % ("E", "x_i") + r" = \sum_{j=1}^{n} " + D % ("E", "y_j") + D % ("y_j", "x_i"),
    D % ("z", "x_i") + r" = \sum_j " + D % ("z", "y_j") + D % ("y_j", "x_i"),  # over every j: no range needed
    D % ("L", "w_1") + " = " + D % ("L", "a_1") + D % ("a_1", "z_1") + D % ("z_1", "w_1"),
    D % ("E", "o_j") + r" = \sum\limits_{k}{" + D % ("E", "n_k") + D % ("n_k", "o_j") + "}",
    D % (r"\mathcal{L}", r"\omega_n") + " = " + D % (r"\mathcal{L}", "a") + r" \times " + D % ("a", "u") + r" \times "
    + D % ("u", r"\omega_n"),
]


@pytest.mark.parametrize("step", OWN_CHAINS)
def test_a_chain_the_step_alone_says_is_the_chain_rule(step: str, runner: StepRunner) -> None:
    [(status, message)] = _statuses(f"By the chain rule,\n\n$$ {step} $$\n", runner)
    assert status == "ok", message
    assert "as the step says" in message


#: wrong twins: a missing factor, a factor about w_2 in a step about w_1, the factors of a
#: matrix product in the other order, a link that skips a name
OWN_WRONG_CHAINS = [
    D % ("E", "w_1") + " = " + D % ("E", "o") + D % ("h", "w_1"),
    D % ("E", "w_1") + " = " + D % ("E", "o") + D % ("o", "h") + D % ("h", "w_2"),
    D % ("L", "W") + " = " + D % ("Z", "W") + D % ("L", "Z"),
    D % ("E", "w_1") + " = " + D % ("E", "o") + D % ("o", "h") + D % ("o", "w_1"),
    r"\frac{da}{db} = \frac{dL}{da} \cdot \frac{da}{dz} \cdot \frac{dz}{db}",
    # unit 1 on weight 2: a link between numbers only the document may say (datamapu's slip)
    D % ("L", "w_2") + " = " + D % ("L", "a_1") + D % ("a_1", "z_1") + D % ("z_1", "w_2"),
    # a sum over a set or a bound may leave some paths out
    D % ("z", "x_i") + r" = \sum_{j \in S} " + D % ("z", "y_j") + D % ("y_j", "x_i"),
    D % ("z", "x_i") + r" = \sum_{j < i} " + D % ("z", "y_j") + D % ("y_j", "x_i"),
    D % ("z", "x_i") + r" = \sum_j " + D % ("z", "y_i") + D % ("y_i", "x_i"),  # j in no factor
]


@pytest.mark.parametrize("step", OWN_WRONG_CHAINS)
def test_a_product_that_does_not_telescope_is_never_ok(step: str, runner: StepRunner) -> None:
    [(status, message)] = _statuses(f"By the chain rule,\n\n$$ {step} $$\n", runner)
    assert status in ("unparsed", "inconclusive"), message


CHAIN = D % ("E", "w_1") + " = " + D % ("E", "o") + D % ("o", "h") + D % ("h", "w_1")


def test_a_value_that_denies_the_step_s_own_link_keeps_it_unread(runner: StepRunner) -> None:
    # h = w_2 x: h does not depend on w_1, so the chain through h is not the document's
    results = _statuses(f"$$ h = w_2 x $$\n\n$$ {CHAIN} $$\n", runner)
    assert results[-1][0] != "ok", results[-1]
    results = _statuses(f"$$ g = w_1 x $$\n\n$$ {CHAIN} $$\n", runner)  # nothing about h: the step's
    assert results[-1][0] == "ok", results[-1]


def test_a_second_path_the_document_writes_keeps_it_unread(runner: StepRunner) -> None:
    # another step says E depends on r, and r on w_1: the chain through o alone drops r
    other = D % ("E", "r") + " = " + D % ("E", "q") + D % ("q", "r") + " $$\n\n$$ " + D % ("r", "w_1") + " = 2"
    results = _statuses(f"$$ {CHAIN} $$\n\n$$ {other} $$\n", runner)
    assert results[0][0] != "ok", results[0]


#: E's value writes y, but nothing the document writes gives y a value in w, so every derivative
#: of the chain vanishes as read (0 = 0, held back by vanishing_sides); a step apart says y_j on
#: w_{ij} (the chain's own continuation, which shares its side, does not count)
VANISHING = (
    r"$$ E = \frac{1}{2} \sum_j (t_j - y_j)^2 $$" "\n\n"
    r"$$ \frac{\partial y_j}{\partial w_{ij}} = x_i f'(n_j) $$" "\n\n"
)
CONTINUED = r" = -(t_j - y_j) \frac{\partial y_j}{\partial w_{ij}}"


def test_a_chain_whose_derivatives_vanished_as_read_is_the_chain_rule(runner: StepRunner) -> None:
    step = D % ("E", "w_{ij}") + " = " + D % ("E", "y_j") + r" \cdot " + D % ("y_j", "w_{ij}")
    status, message = _statuses(VANISHING + f"$$ {step}{CONTINUED} $$\n", runner)[2]
    assert status == "ok", message
    assert "other steps and definitions say" in message


VANISHING_TWINS = [
    D % ("E", "w_{ij}") + " = " + D % ("E", "y_j") + r" \cdot " + D % ("y_j", "w_{ji}"),  # w_ji for w_ij
    D % ("E", "w_{ij}") + " = " + D % ("E", "u_j") + r" \cdot " + D % ("u_j", "w_{ij}"),  # E's value: y, not u
]


@pytest.mark.parametrize("step", VANISHING_TWINS)
def test_a_vanished_chain_the_document_does_not_say_stays_held(step: str, runner: StepRunner) -> None:
    status, message = _statuses(VANISHING + f"$$ {step}{CONTINUED} $$\n", runner)[2]
    assert status in ("inconclusive", "unparsed"), message


def test_a_layer_recurrence_denies_a_link_to_another_layer() -> None:
    """z^{(n)} = w^{(n)} a^{(n-1)} + b^{(n)} gives z^{(3)} a value in w^{(3)}: a chain for w^{(2)}
    through z^{(3)} is not taken from the step alone (the recurrence is z^{(3)}'s value)."""
    recurrence = Definition(1, 1, "z^{(n)}", r"w^{(n)} a^{(n-1)} + b^{(n)}")
    notes = DependenceNotes(SimpleNamespace(defs=[recurrence]), NOTATION)
    unread = {"status": "unparsed", "message": "a derivative (its dependence is not stated)"}
    for layer in ("2", "3"):
        chain = D % ("C", "a^{(3)}") + D % ("a^{(3)}", "z^{(3)}") + D % ("z^{(3)}", f"w^{{({layer})}}")
        notes.note([normalize(D % ("C", f"w^{{({layer})}}"), NOTATION), normalize(chain, NOTATION)], {})
    assert chain_as_written(unread, notes, 0) is unread  # w^{(2)}: another layer's weight
    assert chain_as_written(unread, notes, 1)["status"] == "ok"  # w^{(3)}: the recurrence says it


#: a softmax layer: the document differentiates ŷ_k by z_j (every ŷ depends on every z), and
#: ŷ on z is said outside the step; a chain through ŷ_k alone drops the other ŷ's paths
SOFTMAX = (
    r"$$ \frac{\partial \hat{y}_k}{\partial z_j} = -\hat{y}_k \hat{y}_j $$" "\n\n"
    r"$$ \frac{\partial C}{\partial \hat{y}_k} = -\frac{y_k}{\hat{y}_k} $$" "\n\n"
    r"$$ \frac{\partial z_k}{\partial w_{kj}} = x_j $$" "\n\n"
)


def test_a_chain_through_one_entry_of_a_coupled_family_is_not_the_chain_rule(runner: StepRunner) -> None:
    one_path = D % ("C", "w_{kj}") + " = " + D % ("C", r"\hat{y}_k") + D % (r"\hat{y}_k", "z_k") + D % ("z_k", "w_{kj}")
    status, message = _statuses(SOFTMAX + f"$$ {one_path} $$\n", runner)[-1]
    assert status != "ok", message
    every_path = (
        D % ("C", "w_{kj}") + r" = \sum_{i=1}^K " + D % ("C", r"\hat{y}_i") + D % (r"\hat{y}_i", "z_k")
        + D % ("z_k", "w_{kj}")
    )
    status, message = _statuses(SOFTMAX + f"$$ {every_path} $$\n", runner)[-1]
    assert status != "wrong", message


def test_numbered_weights_apart_from_their_units_are_no_coupling() -> None:
    """z_3 on w_5 (weights numbered across the network, as worked examples do) says nothing of
    whether z_1 reaches w_1 alone; ŷ_k on z_j does say every ŷ depends on every z."""
    unread = {"status": "unparsed", "message": "a derivative (its dependence is not stated)"}
    for other, expected in ((("z_3", "w_5"), "ok"), ((r"h_k", "z_j"), "unparsed")):
        notes = DependenceNotes(SimpleNamespace(defs=[]), NOTATION)
        letters = "k" in other[0]
        h, z = ("h_k", "z_k") if letters else ("h_1", "z_1")
        w = "w_{kj}" if letters else "w_1"
        chain = D % ("E", h) + D % (h, z) + D % (z, w)
        notes.note([normalize(D % ("E", w), NOTATION), normalize(chain, NOTATION)], {})
        for pair in (("E", h), (h, z), (z, w), other):
            notes.note([normalize(D % pair, NOTATION), normalize("u", NOTATION)], {})
        assert chain_as_written(unread, notes, 0)["status"] == expected, other


#: a CS231n write-up (held-out 28): the outputs are the softmax of the scores, the loss sums them
SOFTMAX_VECTORS = (
    r"$$ o_{in} = h_{out} \cdot W^2 $$" "\n\n"
    r"$$ o_{out} = %s(o_{in}) $$" "\n\n"
    r"$$ L = o_{out_1} + o_{out_2} + o_{out_3} $$" "\n\n"
    r"$$ \frac{\partial o_{out_1}}{\partial o_{in_1}} = p_1(1 - p_1) $$" "\n\n"
    r"$$ \frac{\partial o_{in_1}}{\partial w_{11}} = h_{out_1} $$" "\n\n"
)


@pytest.mark.parametrize("softmax", ["softmax", r"\operatorname{softmax}", r"\text{Softmax}"])
def test_one_path_through_a_softmax_the_document_defines_is_not_the_chain_rule(
    softmax: str, runner: StepRunner
) -> None:
    one_path = D % ("L", "w_{11}") + " = " + D % ("L", "o_{out_1}") + D % ("o_{out_1}", "o_{in_1}") + D % (
        "o_{in_1}",
        "w_{11}",
    )
    status, message = _statuses(SOFTMAX_VECTORS % softmax + f"$$ {one_path} $$\n", runner)[-1]
    assert status != "ok", message


def test_one_path_through_an_entrywise_function_stays_the_chain_rule(runner: StepRunner) -> None:
    # the same page with an entrywise activation: o_{out_1} depends on o_{in_1} alone
    one_path = D % ("L", "w_{11}") + " = " + D % ("L", "o_{out_1}") + D % ("o_{out_1}", "o_{in_1}") + D % (
        "o_{in_1}",
        "w_{11}",
    )
    status, message = _statuses(SOFTMAX_VECTORS % r"\tanh" + f"$$ {one_path} $$\n", runner)[-1]
    assert status == "ok", message


def test_a_family_of_softmax_outputs_keeps_its_reading_of_every_input(runner: StepRunner) -> None:
    # p_{*} of z_{*} takes every entry of z (a German course sheet, the corpus's ph1807)
    text = r"""$$J = \frac12(\hat y-y)^2, \quad \hat{y} = w_2a$$

Output $z_L$, $p=\mathrm{softmax}(z_L)$, $J=-\sum_ky_k\log p_k$ ($y$ one-hot):

$$\begin{align*}
\tfrac{\partial J}{\partial z_j}&=-\sum_ky_k\tfrac1{p_k}\tfrac{\partial p_k}{\partial z_j}
=-\sum_ky_k\tfrac1{p_k}p_k(\delta_{kj}-p_j)
\end{align*}$$
"""
    status, message = _statuses(text, runner)[-2]
    assert status == "ok", message
