r"""Numbered capitals a step transposes (checks/latex/subscript_layers.py, transposed_numbered_names):
``V_3^T`` and ``(M_1 M_2)^T`` name matrices of their own, not entries of a vector V or M the
document never writes. Read as entries, the factors were numbers and commuted: a dropped reversal
``(V_3 V_1)^T = V_3^T V_1^T`` was proved ok, and the right ``(V_3 V_1)^T = V_1^T V_3^T`` stopped at
"V_3 out of range". The shapes stay inferred, so a difference is never a wrong (held instead).
Made-up letters and layouts throughout (the layer-numbered batch forward pass of
test_latex_matrix_steps is the other source of whole names)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.subscript_layers import as_whole_names, transposed_numbered_names
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Sym, all_syms

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.status, r.message) for r in report.results]


def _one(step: str, runner: StepRunner, before: str = "") -> tuple[str, str]:
    return _statuses(before + f"$$ {step} $$\n", runner)[-1]


def _names(lhs: str, rhs: str, valued: frozenset[str] = frozenset()) -> frozenset[str]:
    sides = (parse_typed(lhs, NOTATION), parse_typed(rhs, NOTATION))
    return transposed_numbered_names(sides, lambda stem: stem in valued)


def test_a_transposed_numbered_capital_is_a_whole_name() -> None:
    assert _names("(V_3 V_1)^T", "V_1^T V_3^T") == {"V_{1}", "V_{3}"}
    assert _names(r"\frac{\partial L}{\partial K_1}", "G K_2^T") == {"K_{1}", "K_{2}"}  # one stem, one reading


def test_entries_stay_entries_where_nothing_is_transposed_or_the_stem_has_a_value() -> None:
    assert _names("V_3 V_1", "V_1 V_3") == frozenset()  # numbers may commute; nothing says matrices
    assert _names("(V_3 V_1)^T", "V_1^T V_3^T", frozenset({"V"})) == frozenset()  # V_1: V's first row
    assert _names("w_1^T x", "x^T w_1") == frozenset()  # a lower-case entry is left to the other readers
    assert _names(r"(V_{12} U)^T", r"U^T V_{12}") == frozenset()  # two digits: an entry


def test_whole_names_lose_their_subscript_and_nothing_else_changes() -> None:
    tree = parse_typed("V_3^T V_1 + v_2", NOTATION)
    rewritten = as_whole_names(tree, frozenset({"V_{3}"}))
    syms = {s.full: s for s in all_syms(rewritten)}
    assert syms["V_{3}"] == Sym("V_{3}", "V_{3}", "")
    assert syms["V_{1}"].sub == "1" and syms["v_{2}"].sub == "2"


def test_reversed_products_of_numbered_matrices_are_ok(runner: StepRunner) -> None:
    for step in (
        "(V_3 V_1)^T = V_1^T V_3^T",
        "(M_1 M_2 M_3)^T = M_3^T M_2^T M_1^T",
        "(Q_1^T Q_2)^T = Q_2^T Q_1",
        "U_2^T (U_1^T Y + C) + E = (U_1 U_2)^T Y + U_2^T C + E",
    ):
        status, message = _one(step, runner)
        assert status == "ok", (step, message)


def test_a_product_transposed_without_its_reversal_is_never_ok_nor_wrong(runner: StepRunner) -> None:
    for step in (
        "(V_3 V_1)^T = V_3^T V_1^T",
        "(M_1 M_2 M_3)^T = M_1^T M_2^T M_3^T",
        "(Q_1^T Q_2)^T = Q_1 Q_2^T",
        "U_2^T (U_1^T Y + C) + E = (U_2 U_1)^T Y + U_2^T C + E",
    ):
        status, message = _one(step, runner)
        # undeclared shapes: a matrix the document may mean square and symmetric, so no wrong
        assert status not in ("ok", "wrong"), (step, message)


def test_a_stem_the_document_sizes_keeps_its_entries(runner: StepRunner) -> None:
    # V ∈ ℝ^{2×3} declared: V_1 may be its first row; the step is not read with whole V_1, V_3
    before = "Let $V \\in \\mathbb{R}^{2 \\times 3}$.\n\n"
    status, message = _one("(V_3 V_1)^T = V_3^T V_1^T", runner, before)
    assert status != "wrong", message


def test_layout_of_a_layer_gradient_is_never_wrong(runner: StepRunner) -> None:
    # numerator against denominator layout of ∂L/∂K_2 with an undefined L: either may be meant
    before = "$$H_1 = X K_1$$\n\n$$S_2 = H_1 K_2$$\n\n"
    for step in (r"\frac{\partial L}{\partial K_2} = H_1^T G_2", r"\frac{\partial L}{\partial K_2} = G_2^T H_1"):
        status, message = _one(step, runner, before)
        assert status != "wrong", (step, message)
