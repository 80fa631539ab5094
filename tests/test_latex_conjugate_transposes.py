"""A conjugate transpose in an exponent (conjugate_transposes): the step is not judged, with the reason."""

from __future__ import annotations

from derive.checks.latex.conjugate_transposes import conjugate_transpose_verdict


def test_an_upright_or_bold_h_or_a_dagger_is_a_conjugate_transpose() -> None:
    for lhs, rhs in (
        (r"( M^\mathbf{H} M )^{\mathbf{H}}", r"M^{\mathbf{H}} M"),
        (r"(AB)^{\mathrm{H}}", r"B^{\mathrm H} A^{\mathrm H}"),
        (r"x^\mathsf{H} y", r"\overline{y^\mathsf{H} x}"),
        (r"(U^\dagger)^\dagger", "U"),
        ("v", r"w^{\dag} z"),
    ):
        out = conjugate_transpose_verdict(lhs, rhs)
        assert out is not None and out["status"] == "unparsed"
        assert "conjugate transpose" in out["message"]


def test_the_shown_exponent_closes_its_group() -> None:
    out = conjugate_transpose_verdict(r"(AB)^{\mathrm{H}}", "C")
    assert out is not None and "(^{\\mathrm{H}})" in out["message"]


def test_powers_transposes_and_names_are_left_to_the_readers() -> None:
    for lhs, rhs in (
        ("x^H x", "x^{2H}"),  # an italic H: a power or a name, read as before
        ("w^*", "2"),  # an optimum
        (r"A^{\mathrm{T}} B", r"(B^\mathrm{T} A)^\mathrm{T}"),  # a real transpose
        (r"\mathbf{H}^2", r"\mathbf{H}\mathbf{H}"),  # a matrix named H, squared
        (r"x^{\mathbf{Hb}}", "1"),  # a longer bold exponent is a name
    ):
        assert conjugate_transpose_verdict(lhs, rhs) is None
