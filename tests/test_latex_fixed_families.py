r"""A family a definition sums to a written number is a free index of a step that names one entry
(fixed_families.py): ``E = \sum_{k=1}^{2} \frac12 (d_k - y_k)^2``, then ``\partial E / \partial y_k``."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
# the shape of a worked example's total error over its two outputs (korniak's Polish notes, held-out
# 19; Mazur's numeric walk-through and its many copies): the step names output o without a sum
TOTAL = "$$E = \\sum_{%s=1}^{2} \\frac{1}{2}(d_{%s} - y_{%s})^2$$\n\n"


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


@pytest.mark.parametrize("letter", ["k", "o"])
def test_an_entry_of_a_family_summed_to_two_is_judged_at_each_entry(letter: str, runner: StepRunner) -> None:
    total = TOTAL % (letter, letter, letter)
    step = f"$$\\frac{{\\partial E}}{{\\partial y_{{{letter}}}}} = -(d_{{{letter}}} - y_{{{letter}}})$$\n"
    assert _last(total + step, runner)[0] == "ok"
    status, message = _last(total + step.replace("-(d", "(d"), runner)
    assert status == "wrong" and f"{letter} = 1" in message, message


def test_the_entry_runs_only_over_the_definitions_entries(runner: StepRunner) -> None:
    # at size 3, y_3 is in no definition: ∂E/∂y_3 = 0 would refute a true step at k = 3
    total = TOTAL % ("k", "k", "k")
    step = "$$\\frac{\\partial E}{\\partial y_{k}} = y_{k} - d_{k}$$\n"
    status, message = _last(total + step, runner)
    assert status == "ok" and "k = 3" not in message, message


def test_definitions_summing_to_different_numbers_fix_no_size() -> None:
    from derive.checks.latex.doc_definitions import DocumentDefinitions, parsed_definitions
    from derive.checks.latex.extract import extract
    from derive.checks.latex.fixed_families import fixed_family_letters
    from derive.checks.latex.normalize import normalize

    text = TOTAL % ("k", "k", "k") + "$$F = \\sum_{k=1}^{3} y_{k}$$\n"
    document = DocumentDefinitions(extract(text, markdown=True), NOTATION, typed_base=parsed_definitions(NOTATION))
    _, scalar = document.for_step(9, 1, "")
    step = normalize("\\frac{\\partial E}{\\partial y_{k}}", NOTATION)
    assert fixed_family_letters([step], scalar) == (set(), None)
    only_e = {"E": scalar["E"]}
    assert fixed_family_letters([step], only_e) == ({"k"}, 2)
