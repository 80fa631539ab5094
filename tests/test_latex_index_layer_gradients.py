"""A layer's gradients per index for a network stated only through its derivatives
(checks/latex/index_layer_gradients.py): ``\\frac{\\partial C}{\\partial w^l_{jk}} = \\delta^l_j a^{l-1}_k``
and its kin are confirmed on random layered networks under a reading the document allows; wrong twins
(a sum over the wrong index, a missing f', the weight's indices turned against the document's forward
pass, the wrong layer) are never confirmed, nor called wrong; near misses stay unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.index_layer_gradients import document_readings, normalized, step_readings
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
EITHER = (("out_in", "in_out"), (1, -1))
FORWARD_FIXED = (("out_in",), (1,))

RIGHT = [
    r"\frac{\partial E}{\partial \theta^{(t)}_{pq}} = \delta^{(t)}_p h^{(t-1)}_q",
    r"\frac{\partial J}{\partial w^{[t]}_{rs}} = h^{[t-1]}_s \cdot \delta^{[t]}_r",
    r"\frac{\partial C}{\partial b^{k}_{r}} = \delta^{k}_{r}",
    r"\delta^{(t)}_q = g'(z^{(t)}_q) \sum_p w^{(t+1)}_{pq} \delta^{(t+1)}_p",
    r"\frac{\partial E}{\partial h^{(t-1)}_q} = \sum_{p=1}^{n_t} \theta^{(t)}_{pq}\delta^{(t)}_p",
    r"\delta^L_r = \frac{\partial C}{\partial a^L_r} f'(z^L_r)",
    r"\frac{\partial z^{(t+1)}_p}{\partial h^{(t)}_q} = w^{(t+1)}_{pq}",
    r"\frac{\partial E}{\partial w^{(2)}_{12}} = \delta^{(2)}_1 a^{(1)}_2",
    r"\frac{\partial C}{\partial w^{l}_{rs}} = \frac{\partial C}{\partial z^l_r}"
    r"\frac{\partial z^l_r}{\partial w^l_{rs}}",
    r"\frac{\partial E_n}{\partial w_{pq}^{(3)}} = \frac{\partial E_n}{\partial z_{p}^{(3)}} a_{q}^{(2)}",
]
WRONG = [
    r"\delta^{(t)}_q = \sum_p w^{(t+1)}_{pq}\delta^{(t+1)}_p",  # f' missing
    r"\delta^{(t)}_q = g'(z^{(t)}_q)\sum_q w^{(t+1)}_{pq}\delta^{(t+1)}_p",  # the sum over the unit's own index
    r"\frac{\partial E}{\partial w^{(t)}_{pq}} = \delta^{(t)}_p h^{(t)}_q",  # the layer's own output
    r"\frac{\partial C}{\partial b^{k}_{r}} = \delta^{k+1}_{r}",  # the next layer's δ
    r"\frac{\partial E}{\partial w^{(t)}_{pq}} = 2\delta^{(t)}_p h^{(t-1)}_q",
    r"\frac{\partial E}{\partial h^{(t-1)}_q} = \sum_p \theta^{(t)}_{pq}\delta^{(t)}_q",
    r"\delta^L_r = \frac{\partial C}{\partial a^L_r}",
]


def _holding(step: str, allowed: tuple = EITHER) -> list | None:
    lhs, rhs = step.split(" = ", 1)
    return step_readings(lhs, rhs, NOTATION, allowed)


@pytest.mark.parametrize("step", RIGHT)
def test_right_steps_hold_under_a_reading(step: str) -> None:
    assert _holding(step), step


@pytest.mark.parametrize("step", WRONG)
def test_wrong_twins_hold_under_none(step: str) -> None:
    assert _holding(step) == [], step


def test_the_weight_order_the_forward_pass_fixes() -> None:
    turned = r"\frac{\partial E}{\partial h^{(t-1)}_q} = \sum_p w^{(t)}_{qp}\delta^{(t)}_p"
    assert _holding(turned)  # w_{qp} from p to q is a reading of its own
    assert _holding(turned, FORWARD_FIXED) == []
    text = r"$$z^{(t)}_p = \sum_q w^{(t)}_{pq} h^{(t-1)}_q + b^{(t)}_p$$"
    assert document_readings(text) == (("out_in",), (1, -1))


def test_the_document_defines_delta() -> None:
    assert document_readings(r"$\delta^l_j = \frac{\partial C}{\partial z^l_j}$")[1] == (1,)
    assert document_readings(r"$\delta^l_j := -\frac{\partial C}{\partial z^l_j}$")[1] == (-1,)
    assert document_readings(r"$\delta^l_j = \frac{\partial C}{\partial a^l_j}$")[1] == (0,)
    assert document_readings(r"$\delta^l_j \equiv \partial C/\partial a^l_j$")[1] == (0,)
    other_sign = r"\frac{\partial E}{\partial w^{(t)}_{pq}} = -\delta^{(t)}_p h^{(t-1)}_q"
    assert {r.sign for r in _holding(other_sign)} == {-1}
    assert _holding(other_sign, (("out_in", "in_out"), (1,))) == []
    assert _holding(RIGHT[0], (("out_in", "in_out"), (0,))) == []  # δ as ∂C/∂a: no reading


def test_other_meanings_of_the_letters_keep_the_document_out() -> None:
    assert document_readings(r"$$z_j = h(a_j)$$") is None
    assert document_readings(r"$$a_j^{(2)} = \sum_i w_{ji}^{(2)} x_i$$") is None  # a is the weighted sum
    assert document_readings(r"$$a_j^{(2)} = g(z_j^{(2)})$$") is not None
    derivatives = r"$$\frac{\partial C}{\partial z_q^{(2)}} = \sum_p w_{pq}^{(3)} \delta_p^{(3)}$$"
    derivatives += r"$$\frac{\partial C}{\partial h_q^{(2)}} = \sum_p w_{pq}^{(3)} \delta_p^{(3)}$$"
    assert document_readings(derivatives) == EITHER  # a derivative's '=' defines nothing


NEAR_MISSES = [
    r"\frac{\partial E}{\partial w_{pq}} = \delta_p x_q",  # no layer label: Bishop's z, x, a
    r"\frac{\partial E}{\partial w^{(out)}_{pq}} = \delta^{(out)}_p h^{(hid)}_q",  # named layers
    r"\frac{\partial E}{\partial z^{(t)}_p} = (a^{(t)}_p - y_p) g'(z^{(t)}_p)",  # a target
    r"\frac{\partial E}{\partial z^{l}_p} = \frac{\partial E}{\partial a^{k}_p} g'(z^{l}_p)",  # two layer letters
    r"\delta^{(t)}_q = \sigma(z^{(t)}_q)\sum_p w^{(t+1)}_{pq}\delta^{(t+1)}_p",  # an activation, not its slope
]


@pytest.mark.parametrize("step", NEAR_MISSES)
def test_near_misses_are_not_read(step: str) -> None:
    assert _holding(step) is None, step


def test_normalized_brackets_bare_labels() -> None:
    assert normalized(r"w_{jk}^l a_k^{l-1} f'(z^L_j)") == r"w_{jk}^{(l)} a_k^{(l-1)} \sigma'(z_j^{(L)})"
    assert normalized(r"\delta^{l+1}_k + h^{(t-1)}_q") == r"\delta_k^{(l+1)} + h_q^{(t-1)}"
    assert normalized(r"x^2 + e^{x}") == r"x^2 + e^{x}"  # a power is no layer


def _statuses(text: str, runner: StepRunner) -> list[str]:
    results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    return [r.status for r in results]


def test_a_document_of_per_index_gradients(runner: StepRunner) -> None:
    text = (
        "The error of unit r in layer t is $\\delta^{[t]}_r$.\n\n"
        f"$$ {RIGHT[1]} $$\n\n$$ \\frac{{\\partial J}}{{\\partial b^{{[t]}}_r}} = \\delta^{{[t]}}_r $$\n\n"
        "$$ \\frac{\\partial J}{\\partial b^{[t]}_r} = \\delta^{[t+1]}_r $$\n\n"
    )
    assert _statuses(text, runner) == ["ok", "ok", "unparsed"]


def test_two_weight_orders_in_one_document_confirm_neither(runner: StepRunner) -> None:
    one = r"\frac{\partial E}{\partial h^{(t-1)}_q} = \sum_p w^{(t)}_{pq}\delta^{(t)}_p"
    other = r"\frac{\partial E}{\partial h^{(t-1)}_p} = \sum_q w^{(t)}_{pq}\delta^{(t)}_q"
    bias = r"\frac{\partial E}{\partial b^{(t)}_p} = \delta^{(t)}_p"
    text = f"$$ {one} $$\n\n$$ {other} $$\n\n$$ {bias} $$\n\n"
    statuses = _statuses(text, runner)
    assert statuses[:2] != ["ok", "ok"] and "ok" not in statuses[:2], statuses
    assert statuses[2] == "ok"


def test_a_matrix_forward_pass_fixes_the_weights_index_order() -> None:
    # h = f(Wᵀh + b): W's entry w_{jk} joins unit j below to unit k above; W a + b the other way
    from derive.checks.latex.index_layer_gradients import _matrix_orders

    assert _matrix_orders(r"\mathbf{u}^{(t)} = g\big(\mathbf{W}^{(t)T}\mathbf{u}^{(t-1)} + \mathbf{b}^{(t)}\big)") == {
        "in_out"
    }
    assert _matrix_orders(r"z^{[t]} = W^{[t]} a^{[t-1]} + b^{[t]}") == {"out_in"}
    assert _matrix_orders(r"Z = W^\top X + b") == {"in_out"}
    assert _matrix_orders(r"\frac{\partial C}{\partial W} = \delta a^T") == set()


def test_a_step_against_the_matrix_forward_pass_is_not_confirmed(runner: StepRunner) -> None:
    step = "$$\\delta^{(t)}_j = \\sum_k \\delta^{(t+1)}_k w^{(t+1)}_{kj} f'(z^{(t)}_j)$$\n"
    turned = "$$\\mathbf{u}^{(t)} = f(\\mathbf{W}^{(t)T} \\mathbf{u}^{(t-1)} + \\mathbf{b}^{(t)})$$\n\n"
    plain = "$$\\mathbf{u}^{(t)} = f(\\mathbf{W}^{(t)} \\mathbf{u}^{(t-1)} + \\mathbf{b}^{(t)})$$\n\n"
    last = [check_text(doc + step, NOTATION, runner=runner, markdown=True).results[-1] for doc in (turned, plain)]
    assert last[0].status != "ok" and last[1].status == "ok", [(r.status, r.message) for r in last]
