"""Matrix steps that used to stop on shapes, and the align comment column (``&&\\why{…}``)."""

from __future__ import annotations

from derive.checks.latex.annotation_column import annotation_start
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation

COURSE = load_notation()


def _results(text: str, markdown: bool = False) -> list[tuple[str, str, str]]:
    return [(r.step.lhs, r.step.rhs, r.status) for r in check_text(text, COURSE, markdown=markdown).results]


_MACROS = "\\newcommand{\\why}[1]{\\quad\\text{(#1)}}\n"
_BACKPROP = "\n".join(
    [
        r"$z_\ell = W_\ell a_{\ell-1} + b_\ell$, $a_\ell = \sigma(z_\ell)$,",
        r"$\delta_\ell := \partial J/\partial z_\ell$.",
        r"\begin{align*}",
        r"\tfrac{\partial J}{\partial a_{\ell-1}} &= W_\ell^T\delta_\ell &&\why{$z_\ell$ linear in $a_{\ell-1}$}\\",
        r"\delta_{\ell-1} &= \bigl(W_\ell^T\delta_\ell\bigr)\odot\sigma'(z_{\ell-1}) &&\why{through $\sigma$}",
        r"\end{align*}",
        "",
    ]
)


def test_a_comment_column_is_not_part_of_the_step() -> None:
    rows = [r for r in _results(_MACROS + _BACKPROP) if "why" not in r[0]]
    expected = [r"W_\ell^T\delta_\ell", r"\bigl(W_\ell^T\delta_\ell\bigr)\odot\sigma'(z_{\ell-1})"]
    assert [r[1] for r in rows[-2:]] == expected
    assert [r[2] for r in rows[-2:]] == ["ok", "ok"]


def test_a_wrong_step_with_a_comment_column_is_still_found() -> None:
    text = "\\begin{align*}\n\\frac{d}{dx} x^3 &= 2x^2 &&\\why{power rule}\n\\end{align*}\n"
    (result,) = [r for r in check_text(text, COURSE, markdown=False).results]
    assert result.status == "wrong"
    assert result.counterexample is not None


def test_a_column_with_a_relation_is_kept() -> None:
    assert annotation_start(r"a &= b && c &= d") is None  # a second equation
    assert annotation_start(r"a &= b && \text{if } i \neq j") is None  # a condition
    assert annotation_start(r"A = \begin{cases} 1 && x \end{cases}") is None  # inside an environment
    assert annotation_start(r"a &= b & & \text{(chain rule)}") == 7
    assert annotation_start(r"a &= b") is None


def test_a_last_column_with_the_equation_number_alone_is_no_math() -> None:
    # held-out 23 (vvshankar): "h1 &= w1 i1 + w2 i2 &- (1)", read as "… - (1)" and chained to the next row
    assert annotation_start(r"h_1 &= w_1 i_1 + w_2 i_2  &-   (1) ") == 26
    assert annotation_start(r"a &= b & \text{(12)}") == 7
    assert annotation_start(r"a &= b & c") is None  # a third column of math stays
    assert annotation_start(r"\begin{pmatrix}1 & 2\end{pmatrix} &= x") is None
    rows = "\\begin{align*}\nh &= 2 + 3 &- (1) \\\\\ng &= 2 \\cdot 3 &- (2)\n\\end{align*}\n"
    assert [r[2] for r in _results(rows)] == ["inconclusive", "inconclusive"]  # two definitions, not a chain


def _display(*steps: str) -> list[str]:
    text = "".join(f"$${s}$$\n\n" for s in steps)
    return [r.status for r in check_text(text, COURSE, markdown=True).results]


def test_an_inferred_name_under_a_log_is_drawn_positive() -> None:
    # s and y are never declared: row vectors here (y log sᵀ is the dot product)
    assert _display(r"-\sum_{i=1}^n y_i \log s_i = -\mathbf y \log \mathbf s^\top") == ["ok"]
    step = r"-\nabla_{\mathbf s} \mathbf y \log \mathbf s^\top = -\mathbf y \nabla_{\mathbf s} \log \mathbf s"
    assert _display(step) == ["ok"]


def test_a_false_step_on_inferred_names_under_a_log_is_not_called_wrong_nor_ok() -> None:
    (status,) = _display(r"-\sum_{i=1}^n y_i \log s_i = -\mathbf y \log \mathbf s^\top + 1")
    assert status not in ("ok", "wrong")
    (status,) = _display(r"-\sum_{i=1}^n y_i \log s_i = -2\mathbf y \log \mathbf s^\top")
    assert status not in ("ok", "wrong")


def test_only_inferred_names_under_a_log_are_made_positive() -> None:
    import numpy as np
    from derive.checks.latex.log_domains import log_arguments, with_positive_logs
    from derive.checks.latex.tensor_eval import World
    from derive.checks.latex.tensor_ops import Dual
    from derive.checks.latex.typed import parse_typed

    side = parse_typed(r"\mathbf y \log \mathbf s^\top + \log(\mathbf u)", COURSE)
    assert {"s", "u"} <= log_arguments([side], {}) and "y" not in log_arguments([side], {})
    hook = with_positive_logs(None, [side], {}, {"s", "y"})  # u is declared here: left alone
    assert hook is not None
    world = World({}, {n: Dual(-np.ones((1, 3))) for n in ("s", "u", "y")}, {})
    hook(world)
    assert (world.leaves["s"].v > 0).all()
    assert (world.leaves["u"].v < 0).all() and (world.leaves["y"].v < 0).all()


def test_a_derivative_of_a_matrix_by_a_vector_is_not_a_reading() -> None:
    from derive.checks.latex.shape_infer import infer_assignments
    from derive.checks.latex.typed import parse_typed

    sides = (
        parse_typed(r"-\nabla_{\mathbf s} \mathbf y \log \mathbf s^\top", COURSE),
        parse_typed(r"-\mathbf y \nabla_{\mathbf s} \log \mathbf s", COURSE),
    )
    kinds = [dict(r.kinds) for r in infer_assignments(sides, COURSE, {}, set()) if r.agree]
    assert kinds and {"s": "col", "y": "col"} not in kinds  # y sᵀ would be a matrix: ∂/∂s a 3-index tensor


def _solver() -> object:
    from derive.checks.latex.shape_inference import ShapeSolver

    return ShapeSolver(known=lambda n: {"x": ("d",)}.get(n), value=lambda n: None, scalar=lambda n: False)


def test_the_two_sides_of_a_step_get_one_shape() -> None:
    from derive.checks.latex.side_shapes import unify_sides
    from derive.checks.latex.typed import parse_typed

    solver = _solver()
    left, right = (solver.shape(parse_typed(t, COURSE)) for t in (r"P", r"(\hat q - q) a^\top"))  # type: ignore[attr-defined]
    unify_sides(solver, left, right)
    shapes = solver.solved()  # type: ignore[attr-defined]
    assert shapes["P"] == (shapes["q"][0], shapes["a"][0])  # P is (q - q̂) aᵀ's shape
    assert shapes["a"][1] == shapes["q"][1]  # the product chains: aᵀ's rows are q's columns


def test_a_row_against_a_column_unifies_lengths_and_declared_sizes_stay_apart() -> None:
    from derive.checks.latex.side_shapes import unify_sides
    from derive.checks.latex.typed import parse_typed

    solver = _solver()
    left, right = (solver.shape(parse_typed(t, COURSE)) for t in (r"x", r"g^\top"))  # type: ignore[attr-defined]
    solver.unify(solver.names["g"][1], solver.one)  # type: ignore[attr-defined]  # g a column
    unify_sides(solver, left, right)
    assert solver.solved()["g"] == ("d", "1")  # type: ignore[attr-defined]  # gᵀ is x laid out as a row
    declared = _solver()
    x, u = (declared.shape(parse_typed(t, COURSE)) for t in (r"x", r"u"))  # type: ignore[attr-defined]
    declared.unify(u[0], declared._var("m"))  # type: ignore[attr-defined]  # u declared m-long
    unify_sides(declared, x, u)
    assert declared.find(x[0]) != declared.find(u[0])  # type: ignore[attr-defined]  # d and m stay apart


def test_a_label_letter_written_as_an_operand_is_a_vector() -> None:
    from derive.checks.latex.label_operands import labels_as_names
    from derive.checks.latex.typed import parse_typed

    def names(text: str) -> set[str]:
        return labels_as_names([parse_typed(text, COURSE)], COURSE.index_values)

    assert names(r"(\hat y - y) a^\top") == {"y"}
    assert names(r"(h - y)^\top") == {"y"}
    assert names(r"-\log o^s_y") == set()  # the label as an index
    assert names(r"a^{y} (1 - a)^{1 - y}") == set()  # a number in an exponent
    # the step then reads y as ŷ's shape: judged on values (a random loss: declined, not wrong)
    text = r"$$\frac{\partial \mathcal{L}}{\partial W^L} = (\hat{y} - y) \cdot (a^{L-1})^T$$" + "\n"
    (result,) = check_text(text, COURSE, markdown=True).results
    assert result.status not in ("ok", "wrong") and "no value or shape for y" not in result.message


def test_a_gradient_with_the_label_letter_as_a_vector_is_ok() -> None:
    text = "$$E = \\frac12\\|\\hat y - y\\|^2$$\n\n$$\\frac{\\partial E}{\\partial \\hat y} = \\hat y - y$$\n"
    assert [r.status for r in check_text(text, COURSE, markdown=True).results][-1] == "ok"
    wrong = "$$E = \\frac12\\|\\hat y - y\\|^2$$\n\n$$\\frac{\\partial E}{\\partial \\hat y} = 2(\\hat y - y)$$\n"
    assert [r.status for r in check_text(wrong, COURSE, markdown=True).results][-1] != "ok"


def test_a_probability_under_log_and_log_one_minus_is_drawn_inside_zero_one() -> None:
    lhs = r"-\mathbf u^\top \log \mathbf a - (\mathbf 1 - \mathbf u)^\top \log(\mathbf 1 - \mathbf a)"
    right = r"-\sum_i \left(u_i \log a_i + (1 - u_i)\log(1 - a_i)\right)"
    assert _display(f"{lhs} = {right}") == ["ok"]  # the vector of ones keeps its value
    (status,) = _display(f"{lhs} = {right.replace('(1 - a_i)', '(2 - a_i)')}")
    assert status not in ("ok", "wrong")


def test_a_membership_of_a_name_without_a_shape_says_it_is_a_declaration(runner) -> None:
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    report = check_text("$$x_i \\in \\mathbb{R}^d$$\n", load_notation(), runner=runner, markdown=True)
    (result,) = report.results
    assert result.status == "inconclusive" and "declares x_{i} in ℝ^{d}" in result.message
