r"""Notation students write that check-latex rejected: a sum over a subscripted index
(``\sum_{k_L=1}^{n_L}``, compound_indices)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.compound_indices import compound_sum_indices
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import tex_tokens


def _statuses(text: str) -> list[tuple[str, str]]:
    report = check_text(text, load_notation(None), markdown=True, timeout=30)
    return [(s["status"], s["message"] or "") for s in report.as_dict()["steps"]]


def _renamed(latex: str) -> str:
    return " ".join(t for t, _ in compound_sum_indices(tex_tokens(latex)))


@pytest.mark.parametrize(
    "claim",
    [
        r"\sum_{k_L=1}^{n} W_{jk_L} a_{k_L} = \sum_{i=1}^{n} W_{ji} a_i",
        r"\sum_{k_{l-1}=1}^{n} W_{i k_{l-1}} x_{k_{l-1}} + b_i = b_i + \sum_{j=1}^{n} W_{ij} x_j",
        # the same index written k_L at the binder and k_{L} in the summand
        r"\sum_{k_L=1}^{3} x_{k_{L}}^2 = x_1^2 + x_2^2 + x_3^2",
        # two layers' indices, nested
        r"\sum_{k_L=1}^{2} d_{k_L} \sum_{k_{L-1}=1}^{2} W_{k_L k_{L-1}} x_{k_{L-1}}"
        r" = \sum_{k_{L-1}=1}^{2} x_{k_{L-1}} \sum_{k_L=1}^{2} W_{k_L k_{L-1}} d_{k_L}",
    ],
)
def test_a_sum_over_a_subscripted_index_is_read_and_proved(claim: str) -> None:
    assert [status for status, _ in _statuses(f"$${claim}$$\n")] == ["ok"]


@pytest.mark.parametrize(
    "claim",
    [
        # the sum written out with the entries of a mixed up (W_{j1} a_1 + W_{j2} a_2)
        r"\sum_{k_L=1}^{2} W_{jk_L} a_{k_L} = W_{j1} a_2 + W_{j2} a_1",
        # a term counted twice
        r"\sum_{k_L=1}^{3} x_{k_L} = x_1 + x_2 + 2 x_3",
        # a square that is not in the sum
        r"\sum_{k_L=1}^{n} W_{jk_L} a_{k_L} = \sum_{i=1}^{n} W_{ji} a_i^2",
        # the inner index mixed up with the outer one
        r"\sum_{k_L=1}^{2} d_{k_L} \sum_{k_{L-1}=1}^{2} W_{k_L k_{L-1}} x_{k_{L-1}}"
        r" = \sum_{k_{L-1}=1}^{2} x_{k_{L-1}} \sum_{k_L=1}^{2} W_{k_{L-1} k_L} d_{k_L}",
    ],
)
def test_a_mixed_up_subscripted_index_is_found(claim: str) -> None:
    [(status, _)] = _statuses(f"$${claim}$$\n")
    assert status == "wrong"


def test_the_fresh_letter_captures_no_name_of_the_side() -> None:
    # k is a free name of the side: the index k_L takes another letter, k stays k
    assert _renamed(r"\sum_{k_L=1}^{n} a_{k_L} b_k") == r"\sum _ { q = 1 } ^ { n } a _ { q } b _ k"
    assert _renamed(r"\sum_{k_L=1}^{n} a_{k_L}") == r"\sum _ { k = 1 } ^ { n } a _ { k }"


def test_a_compound_name_also_used_outside_its_sum_is_not_renamed() -> None:
    # does the sum take b_{k_L}, or is that k_L a free one? The page leaves it open.
    latex = r"\sum_{k_L=1}^{n} a_{k_L} + b_{k_L}"
    assert _renamed(latex) == " ".join(t for t, _ in tex_tokens(latex))
    [(status, message)] = _statuses(f"$${latex} = c$$\n")
    assert status == "unparsed" and "something other than one index letter" in message


def test_a_renamed_use_outside_the_scope_stays_a_free_name() -> None:
    # the sum closes with its bracket: the k_L after it is not the bound one, so nothing is renamed
    latex = r"\left(\sum_{k_L=1}^{n} a_{k_L}\right) c_{k_L}"
    assert "q" not in _renamed(latex) and _renamed(latex).count("k _ L") == 3


def _tex_statuses(body: str) -> list[str]:
    text = "\\documentclass{article}\n\\begin{document}\n" + body + "\\end{document}\n"
    return [s["status"] for s in check_text(text, load_notation(None), markdown=False, timeout=30).as_dict()["steps"]]


def test_a_label_with_a_type_is_dropped_like_any_label() -> None:
    # cleveref's \label[type]{name}: the label is no part of the right side
    body = (
        "\\begin{align}\n    (a + b)^2 = a^2 + 2 a b + b^2 \\label[eq]{the:eq:square}\n\\end{align}\n"
        "\\begin{align}\n    (a + b)^2 = a^2 + a b + b^2 \\label[eq]{the:eq:wrong}\n\\end{align}\n"
    )
    assert _tex_statuses(body) == ["ok", "wrong"]


ERROR_DOC = (
    "Compute the error:\n$\\displaystyle \\text{error}^{(i)} = y^{(i)} - \\hat{y}^{(i)}$\n\n"
    "$$2\\,\\text{error}^{(i)} = 2 y^{(i)} - 2 \\hat{y}^{(i)}$$\n\n"
    "$$2\\,\\text{error}^{(i)} = 2 y^{(i)} - \\hat{y}^{(i)}$$\n\n"
    "$$\\left(\\text{error}^{(i)}\\right)^2 = \\left(\\hat{y}^{(i)} - y^{(i)}\\right)^2$$\n"
)


def test_a_word_with_a_sample_label_is_one_name() -> None:
    # \text{error}^{(i)} defined after \displaystyle: a quantity, read with its definition
    assert [status for status, _ in _statuses(ERROR_DOC)] == ["inconclusive", "ok", "wrong", "ok"]


def test_prose_words_with_a_label_shape_nearby_are_not_names() -> None:
    from derive.checks.latex.word_names import document_word_names

    text = "$$a^{(i)} = b^{(i)} \\text{ for all } i, \\text{where}^{(i)} \\text{ if } x = 1$$\n"
    words = document_word_names(text, load_notation(None))
    assert not {"for", "where", "if", "forall"} & words


def test_prose_in_a_doubly_braced_mbox_leads_the_row_as_prose() -> None:
    # \mbox{{So: }} as \mbox{So: }: words before the claim, never part of its left side
    body = (
        "\\begin{equation}\n\\mbox{{ and that: }}\n(x+1)^2 = x^2 + 2x + 1\n\\end{equation}\n"
        "\\begin{equation}\n\\mbox{{So: }}\n(x+1)^2 = x^2 + x + 1\n\\end{equation}\n"
    )
    assert _tex_statuses(body) == ["ok", "wrong"]


def test_the_physics_packages_higher_and_mixed_derivatives() -> None:
    # \pdv{f}{x}{y} is ∂²f/∂x∂y (never (∂f/∂x)·y), \pdv[2]{f}{x} is ∂²f/∂x²
    body = (
        "Let $f = x^2 y^3$.\n"
        "\\begin{equation}\n\\pdv{f}{x}{y} = 6 x y^2\n\\end{equation}\n"
        "\\begin{equation}\n\\pdv{f}{x}{y} = 2 x y^4\n\\end{equation}\n"
        "\\begin{equation}\n\\pdv[2]{f}{x} = 2 y^3\n\\end{equation}\n"
        "\\begin{equation}\n\\pdv[2]{f}{y} = 6 x^2 y^2\n\\end{equation}\n"
        "\\begin{equation}\n\\dv[2]{x^4}{x} = 12 x^2\n\\end{equation}\n"
    )
    assert _tex_statuses(body) == ["ok", "wrong", "ok", "wrong", "ok"]


def test_an_order_on_a_superscripted_variable_stays_unread() -> None:
    # \pdv[2]{C}{z^{(l)}}: is the 2 a power of z^{(l)} or of its label? Not read.
    [(status, message)] = _statuses("$$\\pdv[2]{C}{z^{(l)}} = 0$$\n")
    assert status == "unparsed" and "\\pdv" in message


def test_an_index_named_after_e_or_d_takes_another_letter() -> None:
    # e_j as an index renamed e would read as Euler's number, d as a differential
    assert _renamed(r"\sum_{e_j=1}^{n} x_{e_j}") == r"\sum _ { q = 1 } ^ { n } x _ { q }"
    assert [status for status, _ in _statuses("$$\\sum_{e_j=1}^{3} x_{e_j} = x_1 + x_2 + x_3$$\n")] == ["ok"]


def test_a_sum_over_samples_named_by_their_number_is_not_renamed() -> None:
    # \sum_{x_j}: the sum runs over the samples, j is their number (y_j, a_j); renaming x_j alone would
    # leave j free and sum a constant n times, so the correct step below is never called wrong
    latex = r"\sum_{x_j} y_j \ln a_j"
    assert _renamed(latex) == " ".join(t for t, _ in tex_tokens(latex))
    [(status, _)] = _statuses("$$-\\frac{1}{n}\\sum_{x_j} y_j \\ln a_j = -\\frac{1}{n}\\sum_{j} y_j \\ln a_j$$\n")
    assert status != "wrong"
    # a summand that never writes the index: which index is meant is not read
    assert "q" not in _renamed(r"\sum_{k_L=1}^{n} c") and _renamed(r"\sum_{k_L=1}^{n} c").count("k _ L") == 1
