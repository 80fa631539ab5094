"""Superscript before subscript (script_order.py)."""

from __future__ import annotations

import pytest
from derive.checks.latex.script_order import primes_after_subscripts, subscripts_first
from derive.checks.latex.tex_tokens import tex_tokens


def _order(text: str) -> str:
    return " ".join(t for t, _ in subscripts_first(list(tex_tokens(text))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a^L_i", "a _ i ^ L"),
        ("w^{(l)}_{jk}", "w _ { j k } ^ { ( l ) }"),
        (r"\sum^K_{k=1} y_k", r"\sum _ { k = 1 } ^ K y _ k"),
        ("x^2_i + y", "x _ i ^ 2 + y"),
    ],
)
def test_a_superscript_written_first_moves_after_the_subscript(text: str, expected: str) -> None:
    assert _order(text) == expected


@pytest.mark.parametrize("text", ["a_i^L", "a_i^L_j", "e^{x_i}", "x^{2}", "{a^L}_i"])
def test_other_scripts_stay_as_written(text: str) -> None:
    assert _order(text) == " ".join(t for t, _ in tex_tokens(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("g'_k(z_k)", "g _ k ' ( z _ k )"),
        (r"g^{\prime}_{j}(z)", "g _ { j } ' ( z )"),
        (r"f^\prime_l \left( z \right)", r"f _ l ' \left ( z \right )"),
    ],
)
def test_a_prime_before_a_function_letters_subscript_moves_after_it(text: str, expected: str) -> None:
    assert " ".join(t for t, _ in primes_after_subscripts(list(tex_tokens(text)))) == expected


@pytest.mark.parametrize("text", ["y'_i (1 - y'_i)", "w'_1(x)", "g'_k z", "x_g'_k(z)"])
def test_other_primes_stay_as_written(text: str) -> None:
    toks = list(tex_tokens(text))
    assert primes_after_subscripts(toks) == toks
