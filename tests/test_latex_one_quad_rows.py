r"""One ``\quad`` sets two equations side by side when a name the row has not written yet follows it,
given its value (rows._wide_space_parts): ``y = [460, 232, 2345, 123]^T \quad y_2 = 232``."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

_DATA = r"y = \begin{bmatrix} 460 \\ 232 \\ 2345 \\ 123 \end{bmatrix}"


def _claims(text: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    return [(r.step.lhs.strip(), r.step.rhs.strip(), r.status) for r in report.results]


def test_a_value_and_its_entry_side_by_side_are_two_statements(runner: StepRunner) -> None:
    # jhonsanz's logistic-regression notes (held-out set 19) list a training example and one entry
    claims = _claims(f"$${_DATA} \\quad y_2 = 232$$\n", runner)
    assert ("y_2", "232", "ok") in claims
    # two values given side by side: two definitions, no product of 6177 and σ
    claims = _claims(r"$$\bar{x} = 6177 \quad \sigma = 814$$" + "\n", runner)
    assert [(lhs, rhs) for lhs, rhs, _ in claims] == [(r"\bar{x}", "6177"), (r"\sigma", "814")]


def test_a_quad_before_where_a_claim_holds_is_not_a_cut(runner: StepRunner) -> None:
    # "x = 0" names where the claim before it holds: cut there, the claim would be judged for every x
    claims = _claims(r"$$\frac{d}{dx} x^2 = 0 \quad x = 0$$" + "\n", runner)
    assert all(status != "wrong" for _, _, status in claims)
    assert not any(lhs == r"\frac{d}{dx} x^2" and rhs == "0" for lhs, rhs, _ in claims)
    # prose after the space, or an operator: not a second statement either
    claims = _claims(r"$$\frac{d}{dx} x^3 = 3x^2 \quad \text{for all } x$$" + "\n", runner)
    assert len(claims) == 1
