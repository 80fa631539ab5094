r"""Mathematics inside a text (checks/latex/text_math.py): ``\text{if $i = k$}`` and
``\text{if \(i = k\)}`` are ``\text{if } i = k`` (held-out 30's ClementBM post writes its case
conditions so; they were "a case condition that is not one comparison")."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.region import Region
from derive.checks.latex.text_math import with_text_math

NOTATION = load_notation()


def _text(body: str) -> str:
    region = Region("display", body, tuple(range(len(body))), 0, len(body))
    (out,) = with_text_math([region])
    return out.text


def test_the_math_of_a_text_comes_out_between_its_words() -> None:
    assert _text(r"0 & \text{if $p \neq c$}") == r"0 & \text{if } p \neq c "
    assert _text(r"0 & \text{if \(p = c\) here}") == r"0 & \text{if } p = c \text{ here}"
    assert _text(r"\mbox{for $i \neq j$}") == r"\text{for } i \neq j "
    # no math inside, or a lone $: as written
    assert _text(r"\text{otherwise}") == r"\text{otherwise}"
    assert _text(r"\text{costs 5$}") == r"\text{costs 5$}"


_SOFTMAX = "Let $a_k = \\frac{e^{z_k}}{\\sum_j e^{z_j}}$.\n\n"


@pytest.mark.parametrize(
    ("cases", "status"),
    [
        (r"a_i(1-a_i) & \text{if $i = k$} \\ -a_k a_i & \text{if $i \neq k$}", "ok"),
        (r"a_i(1-a_i) & \text{if \(i = k\)} \\ -a_k a_i & \text{if \(i \neq k\)}", "ok"),
        # the wrong twins: a sign slip in either case
        (r"a_i(1+a_i) & \text{if \(i = k\)} \\ -a_k a_i & \text{if \(i \neq k\)}", "wrong"),
        (r"a_i(1-a_i) & \text{if $i = k$} \\ a_k a_i & \text{if $i \neq k$}", "wrong"),
    ],
)
def test_a_softmax_jacobian_with_conditions_in_texts(cases: str, status: str, runner: StepRunner) -> None:
    text = _SOFTMAX + f"$$\\frac{{\\partial a_k}}{{\\partial z_i}} = \\begin{{cases}} {cases} \\end{{cases}}$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert report.results[-1].status == status, report.results[-1].message
