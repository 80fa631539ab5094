r"""A formula cut into two inline spans is read as one (checks/latex/split_inline.py), and a
decimal written without its leading zero is a number (tex_tokens): a held-out homework's updates
``$w_0 = 0 - (0.1)$ $(\frac{1}{3}(…)) = 0 - (-.2) = .2$`` were unread, and read apart the second
span's first step dropped the factor the first span gives it."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()

# quoted from tests/data/latex_heldout38/mse_gradient_hw1_adsanvar.md, line 94 (Adsanvar/CSI5130)
UPDATE = (
    r"1. $w_0 = 0 - (0.1)$ $(\frac{1}{3} \space (\space (0 -1) + (0 - 2) + (0 - 3)\space )\space )"
    r" = 0 - (-.2) = .2$"
)


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text + "\n", NOTATION, runner=runner, examples=20, markdown=True).results]


def test_a_decimal_without_its_zero_is_a_number() -> None:
    assert [t for t, _ in tex_tokens("0 - (-.2) = .467")] == ["0", "-", "(", "-", "0.2", ")", "=", "0.467"]
    # a dot after a letter, digit or dot is no such number: 2.5, a sentence's end, x.1
    assert [t for t, _ in tex_tokens("2.5 + x.1")] == ["2.5", "+", "x", ".", "1"]


def test_two_spans_with_only_a_space_between_are_one_formula() -> None:
    [equation] = extract(UPDATE, markdown=True)
    text = " ".join(piece.text for piece in equation.pieces)
    assert text.startswith("w_0 = 0 - (0.1) (\\frac{1}{3}") and text.endswith("= .2")


@pytest.mark.parametrize(
    "text",
    [
        r"Here $a = 1$, $b = 2$ hold.",  # punctuation between
        r"Here $a = 1$ and $(b + 1) = 2$.",  # a word between
        "Here $a = 1$\n$(b + 1) = 2$.",  # a line break between
        r"Here $a = 1$ $b = 2$.",  # the second starts a statement of its own
    ],
)
def test_spans_parted_by_anything_else_stay_apart(text: str) -> None:
    assert len(extract(text, markdown=True)) == 2


def test_the_update_is_judged_right_and_a_slip_in_it_is_found(runner: StepRunner) -> None:
    assert "wrong" not in _statuses(UPDATE, runner)
    assert _statuses(UPDATE, runner).count("ok") >= 2
    slip = UPDATE.replace("= 0 - (-.2) = .2", "= 0 - (-.3) = .3")  # 0.1 · 2 is 0.2, not 0.3
    assert "wrong" in _statuses(slip, runner)
