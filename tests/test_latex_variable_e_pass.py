r"""``e`` a node of a micrograd graph beside Euler's e in the same notes (checks/latex/variable_e_pass.py):
steps by e alone are judged with e a name, and only their ok is taken."""

from __future__ import annotations

_NOTES = (
    r"$$\tanh x = \frac{e^{2x} - 1}{e^{2x} + 1}$$" + "\n\n"
    r"$$e = a b$$" + "\n\n" + r"$$d = e + c$$" + "\n\n" + r"$$L = d f$$" + "\n\n"
)


def test_steps_by_a_node_named_e_are_judged(statuses) -> None:
    # kassi's micrograd notes (held-out set 20)
    good = r"$$\frac{\partial L}{\partial e} = \frac{\partial L}{\partial d} \times \frac{\partial d}{\partial e}$$"
    also = r"$$\frac{\partial d}{\partial e} = 1$$"
    verdicts = statuses(_NOTES + good + "\n\n" + also + "\n")
    assert verdicts[-2:] == ["ok", "ok"]


def test_only_the_second_readings_ok_is_taken(statuses) -> None:
    slip = r"$$\frac{\partial d}{\partial e} = 2$$"  # wrong with e a name: the first reading's verdict stays
    euler = r"$$\frac{\partial}{\partial e} e^{x} = 0$$"  # writes e^: Euler's e, never the second reading
    verdicts = statuses(_NOTES + slip + "\n\n" + euler + "\n")
    assert verdicts[-2] not in ("ok", "wrong")
    assert verdicts[-1] != "ok"
