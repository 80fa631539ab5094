"""``\\because``, ``\\therefore`` and ``=>`` in a chain (checks/latex/rows.py, steps.py): a reason
after ``\\because`` is not part of the chain; a row opened by either sign is a claim of its own;
``=>`` is an implication between claims."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _steps(block: str, runner: StepRunner) -> list[tuple[str, str]]:
    text = f"$$\n\\begin{{align*}}\n{block}\n\\end{{align*}}\n$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True)
    return [(" ".join(f"{r.step.lhs} = {r.step.rhs}".split()), r.status) for r in report.results]


def test_a_reason_after_because_is_cut_off(runner: StepRunner) -> None:
    steps = _steps(
        r"\frac{d}{dz}\ln(1 + e^{-z}) &= \frac{1}{1 + e^{-z}} \cdot \frac{d}{dz}(1 + e^{-z}) \quad"
        "\n"
        r"\because \frac{d}{dg}\ln(u) = \frac{1}{u} \cdot \frac{du}{dg} \tag{3} \\"
        "\n"
        r"&= \frac{-e^{-z}}{1 + e^{-z}}",
        runner,
    )
    assert [status for _, status in steps] == ["ok", "ok"]
    assert not any("because" in claim or "dg" in claim for claim, _ in steps)


def test_rows_opened_by_because_or_therefore_are_judged(runner: StepRunner) -> None:
    steps = _steps(
        r"\because \sigma(z) &= \frac{1}{1 + e^{-z}} \\" "\n" r"\therefore \frac{d}{dx} x^2 &= 3x",
        runner,
    )
    assert [status for _, status in steps] == ["ok", "wrong"]


def test_a_wrong_step_before_a_reason_is_still_found(runner: StepRunner) -> None:
    steps = _steps(r"\frac{d}{dx} e^{2x} &= e^{2x} \quad \because \frac{d}{dx} e^{u} = e^{u}", runner)
    assert steps == [(r"\frac{d}{dx} e^{2x} = e^{2x}", "wrong")]


def test_an_ascii_implication_arrow_separates_claims(runner: StepRunner) -> None:
    # "=>" is not "=" followed by a comparison: the claims on either side are judged apart
    report = check_text(
        "$$ u = -z => \\frac{d}{dz}(1 + e^{-z}) = \\frac{d}{dz}e^u $$\n\n$$ x = 2 => x^2 = 5 $$\n",
        NOTATION,
        runner=runner,
        markdown=True,
    )
    steps = [(r.step.lhs.strip(), r.step.rhs.strip(), r.status) for r in report.results]
    assert steps[1] == (r"\frac{d}{dz}(1 + e^{-z})", r"\frac{d}{dz}e^u", "ok")
    # x = 2 before the arrow is the case supposed (steps.premise), no claim: x^2 = 5 is judged under it
    assert steps[2:] == [("x^2", "5", "wrong")]
    assert all(">" not in lhs + rhs for lhs, rhs, _ in steps)


def test_a_reason_in_words_in_a_column_of_its_own_is_beside_the_chain(runner: StepRunner) -> None:
    # held-out 31 (rbahumi): "&&\text{from} \hspace{10pt} \frac{d}{dx}ln[f(x)] = …" after a chain's row;
    # the next row "&= …" had gone on from that remark's right side instead of the chain's
    rows = [
        r"f(x) &= (x+1)^2 \\",
        r"&= x^2 + 2x + 1 &&\text{from} \hspace{10pt} (a+b)^2 = a^2 + 2ab + b^2 \\",
    ]
    steps = _steps("\n".join([*rows, r"&= x^2 + 2x + 1 + 0"]), runner)
    assert ("x^2 + 2x + 1 = x^2 + 2x + 1 + 0", "ok") in steps
    assert ("(a+b)^2 = a^2 + 2ab + b^2", "ok") in steps  # the remark, a claim of its own
    assert not any(claim.startswith("a^2") for claim, _ in steps)
    # a slip in the row after the remark is found, not excused by the remark's chain
    steps = _steps("\n".join([*rows, r"&= x^2 + 3x + 1"]), runner)
    assert ("x^2 + 2x + 1 = x^2 + 3x + 1", "wrong") in steps


def test_a_reason_in_words_closing_a_row_is_cut_off(runner: StepRunner) -> None:
    # held-out 32's Korean notes: "= \sum … (\text{by chain rule}) \\ = …"; also \text{ (by (3))}
    for reason in (r"(\text{by chain rule})", r"\text{ (using (3))}"):
        steps = _steps(rf"(a + 1)^2 &= a^2 + 2a + 1 {reason} \\ &= 1 + 2a + a^2", runner)
        assert steps == [("(a + 1)^2 = a^2 + 2a + 1", "ok"), ("a^2 + 2a + 1 = 1 + 2a + a^2", "ok")], steps
    # the wrong twin: a slip before the reason is still found
    assert _steps(r"(a + 1)^2 &= a^2 + a + 1 (\text{by expansion})", runner) == [("(a + 1)^2 = a^2 + a + 1", "wrong")]
