"""Superscripts a document uses as labels (checks/latex/doc_labels.py): a layer letter on a name the
document differentiates by another layer letter is a layer too (Nielsen's z^l_j beside ∂C/∂z^L_j),
while a letter on a name never differentiated at a layer stays an exponent."""

from __future__ import annotations

from derive.checks.latex.doc_labels import other_layer_letters, with_bracket_steps, with_document_labels
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


def test_a_braced_differential_names_its_label() -> None:
    # ∂{a_j^k}: the braces do not make k an exponent (∂{z_1} is read as ∂z_1 already)
    text = r"\frac{\partial \mathcal{L}}{\partial{a_j^k}}"
    notation = with_document_labels(text, NOTATION)
    assert "a_{j}^{k}" in normalize("a_j^k", notation).symbol_names
    higher = with_document_labels(r"\frac{\partial^2 f}{\partial{x^k}}", NOTATION)
    assert "k" in normalize("x^k", higher).symbol_names  # a second derivative: k stays a power


def test_a_bracketed_label_differentiated_by_makes_its_neighbours_labels() -> None:
    text = r"\frac{\partial C}{\partial a^{(i)}_k} + a^{(i+1)}_l"
    notation = with_bracket_steps(text, NOTATION)
    assert "a_{l}^{(i+1)}" in normalize(r"a^{(i+1)}_l", notation).symbol_names
    # written on one name and never differentiated by, (i+1) may be a bracketed power: unchanged
    alone = with_bracket_steps(r"y = x^{(k)} + k x^{(k-1)}", NOTATION)
    assert "k" in normalize(r"x^{(k+1)}", alone).symbol_names
    second = with_bracket_steps(r"\frac{\partial^2 f}{\partial x^{(k)}} + x^{(k+1)}", NOTATION)
    assert "k" in normalize(r"x^{(k+1)}", second).symbol_names


def test_a_superscript_with_commas_is_a_list_of_indices() -> None:
    # w^{n, p, q}: layer, from, to; no power holds a comma
    assert normalize(r"w^{n, p, q}", NOTATION).symbol_names == {"w^{n,p,q}"}
    assert "n" in normalize(r"w^{n+p}", NOTATION).symbol_names  # without a comma: a power as before
