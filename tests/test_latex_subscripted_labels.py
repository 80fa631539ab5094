r"""A label in brackets holding a letter with a one-character subscript, UFLDL's ``a_i^{(n_l)}`` (the
output layer n_l), is a label like ``(l)``, not a bracketed power (tex_tokens._label_in_brackets)."""

from __future__ import annotations

from derive.checks.latex.tex_tokens import _label_in_brackets, tex_tokens

_LOSS = r"$$J = \frac{1}{2} \sum_i (a_i^{(n_l)} - y_i)^2$$" + "\n\n"


def _inner(text: str) -> list[str]:
    return [t for t, _ in tex_tokens(text)]


def test_a_letter_with_a_subscript_in_brackets_is_a_label() -> None:
    assert _label_in_brackets(_inner("n_l"))
    assert _label_in_brackets(_inner("n_{L}"))
    # a sum or a product in brackets stays a bracketed power
    assert not _label_in_brackets(_inner("n_l + 1"))
    assert not _label_in_brackets(_inner("y + 1"))
    assert not _label_in_brackets(_inner("n_{lk}"))


def test_the_output_layer_derivative_is_judged(statuses) -> None:
    # steven2358's UFLDL notes (held-out set 11): ∂J/∂a_i^{(n_l)} was "a higher derivative"
    good = r"$$\frac{\partial J}{\partial a_i^{(n_l)}} = a_i^{(n_l)} - y_i$$" + "\n"
    bad = r"$$\frac{\partial J}{\partial a_i^{(n_l)}} = y_i - a_i^{(n_l)}$$" + "\n"
    assert statuses(_LOSS + good)[-1] == "ok"
    assert statuses(_LOSS + bad)[-1] == "wrong"
