r"""1 against a matrix side is the ones of its shape as often as a mistake (shape_excuses.zero_against_array):
``A \odot A + \tanh'(Z) = 1`` for a matrix Z (found by helper trans22 while testing) is no shape error."""

from __future__ import annotations

_DECLARED = "Let $Z \\in \\mathbb{R}^{3 \\times 2}$ and $A = \\tanh(Z)$.\n\n"


def test_one_against_a_matrix_is_not_a_shape_error(statuses) -> None:
    assert statuses(_DECLARED + r"$$A \odot A + \tanh'(Z) = 1$$" + "\n")[-1] != "wrong"


def test_another_number_against_a_matrix_still_is(statuses) -> None:
    assert statuses(_DECLARED + r"$$A \odot A + \tanh'(Z) = 2$$" + "\n")[-1] == "wrong"
