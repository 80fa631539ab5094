"""A worked example's numbers put in for the document's names (worked_examples.py), and a bare
log followed by a product (verdict_guards.py): never wrong on a choice the judge made itself."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.worked_examples import holds_literal, numbers_for_names

NOTATION = load_notation()
W = r"\begin{bmatrix}1 & 2 & 1 \\ -2 & 1 & 0 \\ 1 & -2 & -1\end{bmatrix}"
X = r"\begin{bmatrix}1 \\ 3 \\ 1\end{bmatrix}"


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def test_a_literal_anywhere_inside_a_side_counts() -> None:
    assert holds_literal(parse_typed(f"{W} {X}", NOTATION))
    assert holds_literal(parse_typed(f"2 {X}", NOTATION))
    assert not holds_literal(parse_typed("W x", NOTATION))


def test_numbers_for_names_needs_a_side_without_names() -> None:
    numbers, names, mixed = (parse_typed(t, NOTATION) for t in (f"{W} {X}", "W x", f"W {X}"))
    assert numbers_for_names((names, numbers), set())
    assert numbers_for_names((numbers, names), set())
    assert not numbers_for_names((names, numbers), {"W", "x"})  # the document gave them values
    assert not numbers_for_names((names, mixed), set())  # W on both sides: not the example's numbers


def test_the_examples_numbers_for_sampled_names_are_not_wrong(runner: StepRunner) -> None:
    # the notation's W^{(1)} is d_h × d at sizes the judge chooses: the 3×3 example fixes them
    ((status, message),) = _statuses(f"$$W^{{(1)}} x = {W} {X}$$\n", runner)
    assert status == "inconclusive" and "worked example" in message


def test_a_wrong_product_of_written_matrices_is_still_wrong(runner: StepRunner) -> None:
    # no name at all: the numbers are the whole claim (1·1 + 2·3 + 1·1 = 8, not 9)
    wrong = r"\begin{bmatrix}9 \\ 1 \\ -6\end{bmatrix}"
    ((status, _),) = _statuses(f"$${W} {X} = {wrong}$$\n", runner)
    assert status == "wrong"
    right = r"\begin{bmatrix}8 \\ 1 \\ -6\end{bmatrix}"
    ((status, _),) = _statuses(f"$${W} {X} = {right}$$\n", runner)
    assert status == "ok"


def test_a_bare_log_before_a_product_is_judged_under_both_readings(runner: StepRunner) -> None:
    # CS229's Gaussian likelihood: log (1/(√(2π)σ)) exp(-u) is usually the log of the whole product
    right = r"$$\log\frac{1}{x} e^{y} = -\log x + y$$"  # of the whole product: true
    first = r"$$\log\frac{1}{x} e^{y} = -e^{y}\log x$$"  # of the first factor: true too
    wrong = r"$$\log\frac{1}{x} e^{y} = \log x + y$$"  # under neither reading
    results = _statuses("\n\n".join([right, first, wrong]) + "\n", runner)
    assert [s for s, _ in results] == ["ok", "ok", "wrong"]
    assert "whole product" in results[0][1] and "whole product" in results[2][1]


def test_a_bare_log_refuted_under_one_reading_only_is_not_wrong(runner: StepRunner) -> None:
    from derive.checks.latex.normalize import normalize
    from derive.checks.latex.steps import Step
    from derive.checks.latex.verdict_guards import guard_verdict

    sides = (normalize(r"\log\frac{1}{x} e^{y}", NOTATION), normalize("y", NOTATION))
    step = Step(line=1, lhs="", rhs="", relation="=", kind="display")
    refuted = {"status": "wrong", "counterexample": {"point": {}}, "message": "differ", "method": "sampled"}
    unsure = {"status": "inconclusive", "counterexample": None, "message": "not proved", "method": "sampled"}
    out = guard_verdict(step, refuted, sides, lambda: unsure)
    assert out["status"] == "inconclusive" and "followed by a product" in out["message"]


def test_a_log_with_brackets_or_alone_is_still_judged(runner: StepRunner) -> None:
    text = (
        r"$$\log\left(\frac{1}{x} e^{y}\right) = \log x + y$$" + "\n\n"
        r"$$\log\left(\frac{1}{x} e^{y}\right) = -\log x + y$$" + "\n\n"
        r"$$y \log x + \log x = (y + 1) \log x$$" + "\n"
    )
    assert [s for s, _ in _statuses(text, runner)] == ["wrong", "ok", "ok"]


A3 = r"\begin{bmatrix} 0 & 2 & 4 \\ 2 & 4 & 2 \\ 3 & 3 & 1 \end{bmatrix}"
B3 = r"\begin{bmatrix} -2 \\ -2 \\ -4 \end{bmatrix}"


def test_a_linear_system_with_a_name_of_open_size_is_not_wrong(runner: StepRunner) -> None:
    # mghuang19's CSE 446 hw0: "A x = b" written out, x of a letter size (v ∈ ℝ^n): the 3×3 fixes n = 3
    text = f"Let $v \\in \\mathbb{{R}}^n$ be given.\n\nThen ${A3} v = {B3}$.\n"
    ((status, message),) = _statuses(text, runner)
    assert status == "inconclusive" and ("leaves open" in message or "the judge chose" in message)


def test_a_linear_system_with_a_name_of_fixed_size_stays_wrong(runner: StepRunner) -> None:
    text = f"Let $v \\in \\mathbb{{R}}^2$ be given.\n\nThen ${A3} v = {B3}$.\n"
    ((status, message),) = _statuses(text, runner)
    assert status == "wrong" and "does not fit together" in message


# hunt 15 (tandat8896's Vietnamese MLP post): "$h = x \\times M$" with M written out (3×2), then each
# entry "$h_1 = (1.0 \\times 0.0) + (1.5 \\times 0.86) + …$": the judge read h_1 through h's
# definition with its own size for x (2), and the product "did not fit" by that choice alone
ENTRIES = (
    "$$M = \\begin{bmatrix} 0.0 & 0.0 \\\\ 0.86 & -1.04 \\\\ 0.41 & -0.65 \\end{bmatrix}$$\n\n"
    "$$h = x \\times M = [1.0, 1.5, 0.2] \\times \\begin{bmatrix} 0.0 & 0.0 \\\\ 0.86 & -1.04 \\\\ "
    "0.41 & -0.65 \\end{bmatrix}$$\n\n"
    "Each entry:\n\n- $h_1 = (1.0 \\times 0.0) + (1.5 \\times 0.86) + (0.2 \\times 0.41) = 0 + 1.29 + 0.082 = 1.372$\n"
)


def test_an_entry_of_a_product_with_a_matrix_written_out_is_not_wrong_by_the_judges_size(runner: StepRunner) -> None:
    results = check_text(ENTRIES, NOTATION, runner=runner, markdown=True, examples=30).results
    first = next(r for r in results if r.step.lhs.strip() == "h_1")
    assert first.status == "inconclusive", first.message


def test_an_entry_of_a_product_with_a_declared_size_still_does_not_fit(runner: StepRunner) -> None:
    text = "$$x \\in \\mathbb{R}^{2}$$\n\n" + ENTRIES
    results = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    first = next(r for r in results if r.step.lhs.strip() == "h_1")
    assert first.status == "wrong", first.message


def test_an_entry_against_a_vector_written_out_is_not_wrong(runner: StepRunner) -> None:
    r"""Sixteenth hunt (a Chinese book): after ``\widetilde{x} = [1; x]`` the book defines the i-th
    example's augmented vector ``\widetilde{x}_i = [1; x_i]``; x̃_i read as an entry of x̃ is a
    scalar against a vector written out, but the subscript may name the i-th vector of a family.
    A wrong value with no entry in play (``\widetilde{x} = [2; x]``) stays wrong."""
    head = "$$\\widetilde{x}=\\begin{bmatrix}1\\\\x\\end{bmatrix}$$\n\n"
    for step, bad in [
        ("\\widetilde{x}_i=\\begin{bmatrix}1\\\\x_i\\end{bmatrix}", False),
        ("\\widetilde{x}=\\begin{bmatrix}2\\\\x\\end{bmatrix}", True),
    ]:
        report = check_text(head + f"then $$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
        assert (report.results[-1].status == "wrong") == bad, (step, report.results[-1].message)
