"""Primes on brackets holding several names (checks/latex/prime_variables.py): in a chain whose
left side is a derivative by one variable, the prime is the derivative by it where the bracket
holds it or sums over its family; a bracket of another entry of that family is not read."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.prime_variables import prime_variable
from derive.checks.latex.tex_tokens import Unreadable

NOTATION = load_notation()


def _statuses(chain: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(f"$$\n{chain}\n$$\n", NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def test_the_chain_variable_among_the_bracket_s_names() -> None:
    assert prime_variable({"y_{i}", "o_{i}"}, {"i"}, "o_{i}") == "o_{i}"
    assert prime_variable({"z_{j}", "z_{k}"}, {"k"}, "z_{j}") == "z_{j}"
    # z_j is an entry of the family z_k the bracket sums over
    assert prime_variable({"z_{i}", "z_{k}"}, {"k"}, "z_{j}") == "z_{j}"
    assert prime_variable({"x"}, set(), None) == "x"
    assert prime_variable({"z"}, set(), "w") == "z"  # σ'(z) written (…)' in a chain about w: by z, as before


@pytest.mark.parametrize(
    ("names", "summed", "var"),
    [
        ({"w", "x"}, set(), None),  # with respect to what?
        ({"w", "x"}, set(), "b"),
        ({"z_{i}", "z_{k}"}, set(), "z_{j}"),  # z_k not summed: a name of its own
        ({"z_{i}"}, set(), "z_{j}"),  # (e^{z_i})' in a chain about z_j: d/dz_j (0 when i ≠ j), not d/dz_i
    ],
)
def test_an_unclear_variable_is_not_guessed(names: set[str], summed: set[str], var: str | None) -> None:
    with pytest.raises(Unreadable):
        prime_variable(names, summed, var)


def test_the_softmax_entry_derivative_by_a_prime(runner: StepRunner) -> None:
    chain = (
        r"\frac{\partial \sigma(\mathbf{z})_{i}}{\partial \mathbf{z}_{j}} = "
        r"\left(\frac {e^{z_{j}}}{\sum _{k=1}^{K}e^{z_{k}}}\right)^{\prime} = "
        r"\frac { \left(\sum_{k=1}^{K}e^{z_{k}}\right) \left(e^{z_{j}}\right)^{\prime} - "
        r"\left( \sum_{k=1}^{K}e^{z_{k}} \right)^{\prime} e^{z_{j}} } { \left(\sum_{k=1}^{K}e^{z_{k}}\right)^2 }"
    )
    (_, _), (status, message) = _statuses(chain, runner)
    assert status == "ok", message
    wrong = chain.replace(r"e^{z_{j}} } {", r"e^{z_{k}} } {")  # (Σ)' e^{z_k}: a free index summed nowhere
    assert all(s != "ok" for s, _ in _statuses(wrong, runner)[1:])
    wrong = chain.replace(r"- \left( \sum", r"+ \left( \sum")  # the quotient rule's sign
    (_, _), (status, message) = _statuses(wrong, runner)
    assert status == "wrong", message


def test_another_entry_s_bracket_is_not_read(runner: StepRunner) -> None:
    chain = (
        r"\frac{\partial \sigma(\mathbf{z})_{i}}{\partial \mathbf{z}_{j}} = "
        r"\left(\frac {e^{z_{i}}}{\sum _{k=1}^{K}e^{z_{k}}}\right)^{\prime} = "
        r"\frac { \left(\sum_{k=1}^{K}e^{z_{k}}\right) \left(e^{z_{i}}\right)^{\prime} - "
        r"\left( \sum_{k=1}^{K}e^{z_{k}} \right)^{\prime} e^{z_{i}} } { \left(\sum_{k=1}^{K}e^{z_{k}}\right)^2 } = "
        r"\frac { 0 - e^{z_{j}}e^{z_{i}} } { \left(\sum_{k=1}^{K}e^{z_{k}}\right)^2 }"
    )
    results = _statuses(chain, runner)
    assert all(status != "wrong" for status, _ in results), results  # true for i ≠ j, the prose's case
    assert "in a chain about z_{j}" in results[2][1]


def test_the_cross_entropy_by_a_prime(runner: StepRunner) -> None:
    chain = (
        r"\frac {\partial \ell} {\partial o_i} = \left( -\sum_{i} y_i \log \left( o_i \right) \right)^{\prime}"
        r" = -\frac {y_i} {o_i}"
    )
    results = _statuses(chain, runner)
    assert results[-1][0] == "ok", results
    (status, message) = _statuses(chain.replace(r"-\frac {y_i}", r"\frac {y_i}"), runner)[-1]
    assert status != "ok", message  # the sign dropped (the index summed and free: held inconclusive)
