r"""logged_names: a name stated first through its logarithm (``\ln q = …``), then given a plain value,
has two statements; a step using it there is not judged against either. The usual derivation order
(the plain value first, then its log) is judged as before."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from derive.checks.latex.logged_names import with_logged_names

# a glossary of growth models (made up with q, t, a_0, a_1, u)
GLOSSARY = r"""- **Exponential growth**: $\ln q = a_0 + a_1 t + u$; time changes $q$ by a percentage.
- **Linear trend**: $q = a_0 + a_1 \ln t + u$; a percent change in $t$ moves $q$ by $a_1/100$.
- **Power law**: $\ln q = a_0 + a_1 \ln t + u$; $a_1$ is the elasticity.
"""


def test_models_listed_after_a_logged_one_are_not_wrong(statuses: Callable[[str], list[str]]) -> None:
    assert "wrong" not in statuses(GLOSSARY)


def test_a_log_taken_after_the_value_is_still_judged(statuses: Callable[[str], list[str]]) -> None:
    text = "Let $q = a^2 b$ be the output.\n\n$$\n\\ln q = {rhs}\n$$\n"
    assert statuses(text.replace("{rhs}", r"2 \ln a + \ln b"))[-1] == "ok"
    assert statuses(text.replace("{rhs}", r"\ln a + \ln b"))[-1] == "wrong"


class _Made(NamedTuple):
    line: int
    column: int
    name: str
    rhs: str


def _plain(text: str) -> str | None:
    return text.strip() if text.strip().isalpha() else None


def test_the_earliest_statement_is_the_logged_one() -> None:
    from derive.checks.latex.extract import extract

    equations = extract("First $\\ln y = b + x$.\n\nThen $y = b + \\ln x$.\n", markdown=True)
    made = with_logged_names({}, equations, _plain, _Made)
    assert (made["y"].line, made["y"].name, made["y"].rhs) == (1, "y", "e^{b + x}")


def test_a_later_log_leaves_the_first_value() -> None:
    from derive.checks.latex.extract import extract

    equations = extract("First $y = b + x$.\n\nThen $\\log(y) = \\log(b + x)$.\n", markdown=True)
    first = {"y": _Made(1, 8, "y", "b + x")}
    made = with_logged_names(first, equations, _plain, _Made)
    assert made == first
