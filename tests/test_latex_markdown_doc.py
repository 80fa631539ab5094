r"""Markdown's escaped subscripts (checks/latex/markdown_doc.py): Jekyll pages write inline math with
``\_`` so the Markdown reader keeps the underscore (Malav-P's diffusion notes: "Define $\alpha\_t :=
1-\beta\_t$"); the math means ``\alpha_t``. ``batch\_size`` stays a programmer's name."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
_DEFINED = "Define $\\alpha\\_t := 1-\\beta\\_t $ Since the noise is small.\n\n"


@pytest.mark.parametrize(
    ("claim", "status"),
    [
        ("\\frac{\\alpha_t + \\beta_t}{2} = \\frac{1}{2}", "ok"),
        # the wrong twin: false with the definition read
        ("\\frac{\\alpha_t + \\beta_t}{2} = 1", "wrong"),
    ],
)
def test_an_escaped_subscript_is_a_subscript(claim: str, status: str, runner: StepRunner) -> None:
    report = check_text(_DEFINED + f"$$\n{claim}\n$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message


def test_escaped_subscripts_keep_their_offsets_and_names_keep_their_escapes() -> None:
    text = r"Here $\mathbf{x}\_{t-1} + x\_0$ and $batch\_size$."
    regions = markdown_regions(text)
    assert [r.text for r in regions] == [r"\mathbf{x}_ {t-1} + x_ 0", r"batch\_size"]
    assert all(len(r.text) == len(r.offsets) for r in regions)


def test_a_letter_after_an_escaped_subscript_starts_the_next_factor(runner: StepRunner) -> None:
    # y\_kp\_j is y_k p_j (TeX's one-token subscript), in a region that escapes its subscripts;
    # a programmer's name (n\_samples) keeps its escape
    regions = markdown_regions(r"Here $y\_kp\_j + y\_j$ and $n\_samples$.")
    assert [r.text for r in regions] == [r"y_ kp_ j + y_ j", r"n\_samples"]
    ok = "$$\n\\sum\\_{k=1}^n y\\_kp\\_j = p\\_j \\sum\\_{k=1}^n y\\_k\n$$\n"
    report = check_text(ok, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok"], report.results[0].message
    # the wrong twin: the index slipped on the right
    bad = check_text(ok.replace("p\\_j \\sum", "p\\_k \\sum"), NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in bad.results] != ["ok"]
