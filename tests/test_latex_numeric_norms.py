r"""The norm of a number is its absolute value (checks/latex/double_bars.py): a worked example's
``\frac{1}{2}\|0.01-0.75136507\|^2 = 0.274811083`` is judged; a norm of a name stays a norm."""

from __future__ import annotations

from derive.checks.latex.double_bars import double_bars
from derive.checks.latex.tex_tokens import tex_tokens


def _read(text: str) -> str:
    return " ".join(t for t, _ in double_bars(tex_tokens(text)))


def test_a_norm_of_numbers_is_an_absolute_value() -> None:
    assert _read(r"\|0.01-0.75\|^2") == "| 0.01 - 0.75 | ^ 2"
    assert _read(r"||3 - 5||_2") == "| 3 - 5 |"
    assert _read(r"\|(0.5)(2)\|_{2}") == "| ( 0.5 ) ( 2 ) |"
    # a name inside: a norm (of a vector, perhaps)
    assert _read(r"\|w - 0.5\|^2") == r"\| w - 0.5 \| ^ 2"
    assert _read(r"||W||_F") == r"\| W \| _ F"


def test_the_squared_error_of_a_worked_example_is_judged(statuses) -> None:
    # vortune's translation of Matt Mazur's example (held-out set 18)
    good = r"$$\frac{1}{2}\|0.01-0.75136507\|^2 = 0.274811083$$" + "\n\n"
    bad = r"$$\frac{1}{2}\|0.01-0.75136507\|^2 = 0.374811083$$" + "\n"
    assert statuses(good + bad) == ["ok", "wrong"]
