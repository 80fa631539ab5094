"""Superscripts a document uses as labels (checks/latex/doc_labels.py): a layer letter on a name the
document differentiates by another layer letter is a layer too (Nielsen's z^l_j beside ∂C/∂z^L_j),
while a letter on a name never differentiated at a layer stays an exponent."""

from __future__ import annotations

from derive.checks.latex.doc_labels import other_layer_letters, with_document_labels
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()


def test_other_layer_letters_on_a_labelled_name() -> None:
    text = r"z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j \quad z_j^{\ell+1}"
    assert other_layer_letters(text, {"z", "w"}) == {"l", r"\ell"}
    assert other_layer_letters(r"x^l + zz^l + z^{lr}", {"z"}) == set()  # another name, or a word


def test_a_definition_at_layer_l_is_read_with_labels() -> None:
    text = r"z^l_j = \sum_k w^l_{jk} a^{l-1}_k + b^l_j, \quad \frac{\partial C}{\partial z^L_j}"
    notation = with_document_labels(text, NOTATION)
    value = normalize(r"\sum_k w^l_{jk} a^{l-1}_k + b^l_j", notation)
    assert {"w_{jk}^{l}", "a_{k}^{l-1}", "b_{j}^{l}"} <= value.symbol_names, value.symbol_names


def test_a_letter_never_beside_a_layer_stays_a_power() -> None:
    text = r"y = x^l + c, \quad \frac{\partial C}{\partial z^L}"
    notation = with_document_labels(text, NOTATION)
    assert "l" in normalize("x^l", notation).symbol_names  # x to the power l: l is a symbol of its own
