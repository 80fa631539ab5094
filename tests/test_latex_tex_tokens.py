"""tex_tokens: a text's tokens are kept once read (a pure function read again and again): what a
second reading gives is what a fresh reading gives, and each caller has a list of its own."""

from __future__ import annotations

from derive.checks.latex.tex_tokens import _tex_tokens, clean_tokens, tex_tokens

_TEXTS = [
    r"\frac{\partial L}{\partial w_{ij}} = \delta_j \, a_i",
    r"x .5 + \ y",
    r"\left( \sigma(z) \right)^{2} \times 3",
    "",
]


def test_a_second_reading_gives_what_a_fresh_reading_gives() -> None:
    for text in _TEXTS:
        fresh = list(_tex_tokens.__wrapped__(text))
        assert tex_tokens(text) == fresh
        assert tex_tokens(text) == fresh  # now from the kept result
    assert tex_tokens(r"x .5 + \ y") == [("x", False), ("0.5", True), ("+", True), ("\\ ", True), ("y", False)]


def test_each_caller_has_a_list_of_its_own() -> None:
    text = r"a_{k} = b + c"
    first = tex_tokens(text)
    first.append(("d", False))
    first[0] = ("z", True)
    assert tex_tokens(text) == list(_tex_tokens.__wrapped__(text))
    assert tex_tokens(text) is not tex_tokens(text)


def test_cleaned_tokens_of_a_kept_reading_are_those_of_a_fresh_one() -> None:
    text = r"\left[ W^{T} \delta \right]_{j} \times \sigma'(z_j)"
    assert clean_tokens(tex_tokens(text)) == clean_tokens(list(_tex_tokens.__wrapped__(text)))
