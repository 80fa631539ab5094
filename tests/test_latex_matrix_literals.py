"""Matrix and vector literals (``pmatrix``, ``bmatrix`` …, explicit or with ``\\vdots``/``\\cdots``
following an index pattern) and runs of terms with an ellipsis and one term written apart.

Each rule is checked on right steps (ok), wrong steps (wrong, with the counterexample looked
at) and near misses whose pattern is not certain (never wrong: unparsed, with the reason)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _results(text: str, runner: StepRunner) -> list:
    return check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results


def _one(step: str, runner: StepRunner, before: str = ""):
    results = _results(f"{before}$$ {step} $$\n", runner)
    return results[-1]


# ---------------------------------------------------------------- runs with one term apart

RUN_OK = [
    # the i-th term of the sum is written out between two ellipses
    r"p_iy_1 + p_iy_2 + \dots + (p_i - y_i) + \dots + p_iy_n = p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_iy_n - y_i",
    r"a_iy_1 + a_iy_2 + \cdots + 0 \cdot a_i + \cdots + a_iy_K = a_i\sum_{k=1}^{K} y_k - a_iy_i",
    r"q_1 c_j + q_2 c_j + \ldots + 2 c_j + \ldots + q_N c_j = \sum_{k=1}^N q_k c_j + (2 - q_j) c_j",
    # the term between the ellipses is the run's own term at i: the whole sum, not a sum up to i
    r"e^{z_1} + \ldots + e^{z_i} + \ldots + e^{z_K} = \sum_{k=1}^{K} e^{z_k}",
    r"a_1 + \dots + a_i + \dots + a_n = \sum_{k=1}^n a_k",
    r"y_1\log(\hat{y}_1) + \cdots + y_o\log(\hat{y}_o) + \cdots + y_w\log(\hat{y}_w)=\sum_{k=1}^{w} y_k \log\hat y_k",
]
RUN_WRONG = [
    # the i-th term p_i (not p_iy_i) is dropped back into the sum
    r"p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_iy_n - y_i = p_i(y_1 + y_2 + \dots + y_n) - y_i",
    r"p_iy_1 + p_iy_2 + \cdots + 2p_iy_i + \cdots + p_iy_K = p_i\sum_{k=1}^{K} y_k",  # counted once, not twice
    # the run's own term at i is counted once, not twice
    r"e^{z_1} + \ldots + e^{z_i} + \ldots + e^{z_K} = e^{z_i} + \sum_{k=1}^{K} e^{z_k}",
    r"a_1 + \dots + a_i + \dots + a_n = \sum_{k=1}^n a_k + a_i",
]
RUN_UNREAD = [
    r"p_iy_1 + p_iy_2 + \dots + (p_i - y_j) + \dots + p_iy_n = 0",  # two index letters in the term apart
    r"p_iy_1 + p_iy_2 + \dots + 7 + \dots + p_iy_n = 0",  # no index says where the term sits
    r"p_iy_1 + p_iy_2 + \dots + b_j + \dots + p_iy_n = 0",  # an index the pattern never uses
    r"p_iy_1 + p_iy_2 + \dots - p_i + \dots + p_iy_n = 0",  # a sign that breaks the run
    r"p_iy_1 + p_iy_3 + \dots + p_i + \dots + p_iy_n = 0",  # the counter does not run 1, 2
    r"a_1 + \dots + a_n + \dots + a_n = 0",  # the size letter between the ellipses: no position
    r"a_1 + \dots + a_i + \dots = 0",  # a series without a last term
]


@pytest.mark.parametrize("step", RUN_OK)
def test_run_with_one_term_apart_right_steps_are_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "ok", result.message


@pytest.mark.parametrize("step", RUN_WRONG)
def test_run_with_one_term_apart_wrong_steps_are_found(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", result.message
    point = result.counterexample["point"]
    # the counterexample fixes the position of the term apart (a free index) and a size
    assert any(k in result.counterexample.get("where", "") for k in ("i = ", "j = ")), result.counterexample
    assert point, result.counterexample


@pytest.mark.parametrize("step", RUN_UNREAD)
def test_run_whose_pattern_is_not_certain_is_not_judged(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "unparsed" and "ellipsis" in result.message, (result.status, result.message)


# ---------------------------------------------------------------- matrices written out

DECLARED = (
    r"Let $\mathbf p \in \mathbb{R}^n$, $\mathbf y \in \mathbb{R}^n$, $\mathbf u \in \mathbb{R}^n$, "
    r"$\mathbf w \in \mathbb{R}^n$, $a \in \mathbb{R}^K$, $v \in \mathbb{R}^m$ "
    r"and $L = \frac{1}{2}(\mathbf w^T \mathbf u)^2$." + "\n\n"
)
COLUMN = r"\begin{pmatrix} p_1 - y_1 \\ p_2 - y_2 \\ \vdots \\ p_n - y_n \end{pmatrix}"
OUTER = (
    r"\begin{bmatrix} a_1 v_1 & a_2 v_1 & \cdots & a_K v_1 \\ a_1 v_2 & a_2 v_2 & \cdots & a_K v_2 \\ "
    r"\vdots & \vdots & \ddots & \vdots \\ a_1 v_m & a_2 v_m & \cdots & a_K v_m \end{bmatrix}"
)
DIAG = (
    r"\begin{bmatrix} p_1 & 0 & \cdots & 0 \\ 0 & p_2 & \cdots & 0 \\ "
    r"\vdots & \vdots & \ddots & \vdots \\ 0 & 0 & \cdots & p_n \end{bmatrix}"
)
A = r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"
ONES = r"\begin{bmatrix} 1 \\ 1 \end{bmatrix}"
WU = r"(\mathbf w^T \mathbf u)"


def _jacobian(diagonal: str) -> str:
    """The softmax Jacobian written out, with the diagonal entry template ``diagonal`` (k → index)."""
    d = [diagonal.replace("k", c) for c in "12n"]
    return (
        rf"\begin{{bmatrix}} {d[0]} & -p_1p_2 & \cdots & -p_1p_n \\ -p_2p_1 & {d[1]} & \cdots & -p_2p_n \\ "
        rf"\vdots & \vdots & \ddots & \vdots \\ -p_np_1 & -p_np_2 & \cdots & {d[2]} \end{{bmatrix}}"
    )


LITERAL_OK = [
    rf"\mathbf p - \mathbf y = {COLUMN}",
    r"\left( \begin{matrix} p_1 - y_1 \\ \vdots \\ p_n - y_n \end{matrix} \right) = \mathbf p - \mathbf y",
    rf"v a^T = {OUTER}",
    rf"\text{{diag}}(\mathbf p) = {DIAG}",
    rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1-p_k)')}",
    r"\mathbf p^T \mathbf y = \begin{pmatrix} p_1 & p_2 & \cdots & p_n \end{pmatrix} "
    r"\begin{pmatrix} y_1 \\ \vdots \\ y_n \end{pmatrix}",
    r"\frac{\partial L}{\partial \mathbf w} = \begin{bmatrix} \frac{\partial L}{\partial w_1} \\ \vdots \\ "
    r"\frac{\partial L}{\partial w_n} \end{bmatrix}",
    rf"\frac{{\partial L}}{{\partial \mathbf w}} = \begin{{bmatrix}} {WU} u_1 \\ \vdots \\ {WU} u_n \end{{bmatrix}}",
    rf"{A} {ONES} = \begin{{bmatrix}} 3 \\ 7 \end{{bmatrix}}",
    r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}^T = \begin{bmatrix} 1 & 3 \\ 2 & 4 \end{bmatrix}",
    r"\begin{bmatrix} 1 & 1 & \cdots & 1 \\ p_1 & p_2 & \cdots & p_n \end{bmatrix} \mathbf y = "
    r"\begin{bmatrix} \mathbf 1^T \mathbf y \\ \mathbf p^T \mathbf y \end{bmatrix}",
]
LITERAL_WRONG = [
    # (step, the entry of the counterexample)
    (rf"\mathbf p + \mathbf y = {COLUMN}", "entry ("),
    (
        rf"{A} {ONES} = \begin{{bmatrix}} 3 \\ 8 \end{{bmatrix}}",
        "entry (2, 1)",
    ),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}^T = \begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", "entry (1, 2)"),
    (
        rf"\frac{{\partial L}}{{\partial \mathbf w}} = "
        rf"\begin{{bmatrix}} {WU} w_1 \\ \vdots \\ {WU} w_n \end{{bmatrix}}",
        "entry (",
    ),
    # every diagonal entry written p_k(1+p_k): a consistent pattern, and a wrong one
    (rf"\text{{diag}}(\mathbf p) - \mathbf p \mathbf p^T = {_jacobian('p_k(1+p_k)')}", "entry ("),
]
LITERAL_NOT_JUDGED = [
    rf"\mathbf y - \mathbf p = {_jacobian('p_k(1-p_k)').replace('p_n(1-p_n)', 'p_n(1+p_n)')}",  # one entry breaks it
    r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 - y_1 \\ \vdots \end{pmatrix}",  # no last entry
    r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 \\ \vdots \\ p_{n-1} \\ p_n \end{pmatrix}",  # two after the dots
    r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 \\ p_3 \\ \vdots \\ p_n \end{pmatrix}",  # 1, 3: not a count
    r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 \\ \vdots \\ p_1 \end{pmatrix}",  # no size written
    r"\mathbf p + \mathbf y = \begin{pmatrix} y^{(1)} \\ \vdots \\ y^{(n)} \end{pmatrix}",  # labels, not indices
    r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 \\ \vdots \\ p_K \end{pmatrix}",  # K entries of an n-vector
    r"\mathbf p^T \mathbf y = \begin{vmatrix} p_1 & p_2 \\ y_1 & y_2 \end{vmatrix}",  # a determinant
    r"\mathbf u + \mathbf w = \begin{pmatrix} p_1 & 0 & \cdots & 0 \\ 0 & p_2 & & \vdots \\ "
    r"\vdots & & \ddots & 0 \\ 0 & \cdots & 0 & p_n \end{pmatrix}",  # dots in a layout not read
]


@pytest.mark.parametrize("step", LITERAL_OK)
def test_matrix_literals_right_steps_are_ok(step: str, runner: StepRunner) -> None:
    result = _one(step, runner, DECLARED)
    assert result.status == "ok", result.message


@pytest.mark.parametrize(("step", "entry"), LITERAL_WRONG)
def test_matrix_literals_wrong_entries_are_found(step: str, entry: str, runner: StepRunner) -> None:
    result = _one(step, runner, DECLARED)
    assert result.status == "wrong", result.message
    cex = result.counterexample
    assert cex["lhs"] != cex["rhs"] and cex["lhs"].startswith(entry), cex


@pytest.mark.parametrize("step", LITERAL_NOT_JUDGED)
def test_matrix_literals_whose_pattern_is_not_certain_are_not_judged(step: str, runner: StepRunner) -> None:
    result = _one(step, runner, DECLARED)
    assert result.status in ("unparsed", "inconclusive"), (result.status, result.message)


def test_literal_shapes_are_checked(runner: StepRunner) -> None:
    result = _one(r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix} = \begin{bmatrix} 1 \\ 2 \end{bmatrix}", runner)
    assert result.status == "wrong" and result.counterexample["where"] == "shape", result.message


def test_an_uncertain_pattern_says_why(runner: StepRunner) -> None:
    result = _one(
        r"\mathbf p + \mathbf y = \begin{pmatrix} p_1 \\ p_3 \\ \vdots \\ p_n \end{pmatrix}", runner, DECLARED
    )
    assert result.status == "unparsed" and "a matrix with ellipses" in result.message, result.message


# ---------------------------------------------------------------- conditions about a letter not written


def test_a_condition_about_a_letter_the_step_never_writes_does_not_hold_a_wrong_step(runner: StepRunner) -> None:
    text = (
        "In the middle of the sum I have slipped the special case when $j = i$:\n\n"
        r"$$ p_iy_1 + p_iy_2 + \dots + p_i + \dots + p_iy_n - y_i = p_i(y_1 + y_2 + \dots + y_n) - y_i $$" + "\n"
    )
    (result,) = _results(text, runner)
    assert result.status == "wrong" and "i = " in result.counterexample["where"], result.message


def test_a_condition_about_a_letter_a_definition_uses_is_kept(runner: StepRunner) -> None:
    # the notation's loss is -log o^s_y: k ≠ y is about the label y, which the step does not write
    text = "- i) if $k \\neq y$ :\n\n" + r"$$ \frac{\partial L}{\partial \mathbf o^a_k} = -0 + \mathbf o^s_k $$" + "\n"
    results = _results(text, runner)
    assert results and all(r.status != "wrong" for r in results), [(r.status, r.message) for r in results]


# ---------------------------------------------------------------- lists (a_1, …, a_n)

LIST_OK = [
    r"\mathbf p - \mathbf y = (p_1 - y_1, \dots, p_n - y_n)^T",
    r"\text{diag}(p_1, p_2, \dots, p_n) \mathbf u = \mathbf p \odot \mathbf u",
    r"\mathbf p = \begin{bmatrix} p_1, \dots, p_n \end{bmatrix}",
]


@pytest.mark.parametrize("step", LIST_OK)
def test_lists_with_an_ellipsis_are_vectors(step: str, runner: StepRunner) -> None:
    result = _one(step, runner, DECLARED)
    assert result.status == "ok", result.message


def test_a_list_that_may_be_a_row_or_a_column_is_never_wrong(runner: StepRunner) -> None:
    result = _one(r"\mathbf p + \mathbf y = (p_1 - y_1, \dots, p_n - y_n)^T", runner, DECLARED)
    assert result.status == "inconclusive" and "row or a column" in result.message, result.message


def test_a_diagonal_written_as_a_list_finds_a_wrong_step(runner: StepRunner) -> None:
    result = _one(r"\text{diag}(p_1, p_2, \dots, p_n) \mathbf u = \mathbf p + \mathbf u", runner, DECLARED)
    assert result.status == "wrong" and result.counterexample["lhs"] != result.counterexample["rhs"], result.message


def test_tuples_of_numbers_are_still_the_scalar_readers(runner: StepRunner) -> None:
    assert _one(r"(1-2, 0.5+2) = (-1, 2.5)", runner).status == "ok"
    assert _one(r"(1-2, 0.5+2) = (-1, 2.4)", runner).status == "wrong"


def test_a_last_index_written_as_a_group_is_the_size(runner: StepRunner) -> None:
    column = r"\begin{bmatrix} u_1 + v_1 \\ u_2 + v_2 \\ \vdots \\ u_{n_x} + v_{n_x} \end{bmatrix}"
    assert _one(rf"\mathbf u + \mathbf v = {column}", runner).status == "ok"
    mixed = column.replace("v_{n_x}", "v_{n_y}")  # two different last indices: no one size
    result = _one(rf"\mathbf u + \mathbf v = {mixed}", runner)
    assert result.status == "unparsed" and "size is not written" in result.message, result.message


@pytest.mark.parametrize(
    "step",
    [
        r"\begin{pmatrix} x_1 & x_2 \end{pmatrix} = \begin{pmatrix} 0.5 & 0.3 \end{pmatrix}",
        r"\begin{pmatrix} w_1 & w_2 \\ w_3 & w_4 \end{pmatrix} = \begin{pmatrix} 0.3 & 0.2 \\ 0.2 & 0.3 \end{pmatrix}",
        r"\begin{bmatrix} a_1 \\ \vdots \\ a_n \end{bmatrix}^T = \begin{bmatrix} 1 & \cdots & 1 \end{bmatrix}",
    ],
)
def test_a_matrix_of_names_set_to_values_is_an_assignment_not_a_claim(step: str, runner: StepRunner) -> None:
    results = _results(f"$$ {step} $$\n", runner)
    assert all(r.status != "wrong" for r in results), [(r.status, r.message) for r in results]


# ---------------------------------------------------------------- spellings and random products

SPELLINGS = [
    # (environment pair, dots, entry spelling): one correct step each, never wrong
    (r"\begin{pmatrix}", r"\end{pmatrix}", r"\vdots", "p_{{{k}}} - y_{{{k}}}"),
    (r"\left[ \begin{matrix}", r"\end{matrix} \right]", r"\vdots", "p_{k}-y_{k}"),
    (r"\begin{bmatrix}", r"\end{bmatrix}", r"\cdots", "p_{k} - y_{k}"),
    (r"\begin{Bmatrix}", r"\end{Bmatrix}", r"\ldots", "p_{{{k}}}-y_{k}"),
    (r"\begin{array}{c}", r"\end{array}", "...", "p_{k} - y_{k}"),
]


@pytest.mark.parametrize(("begin", "end", "dots", "entry"), SPELLINGS)
def test_spellings_of_one_column_read_alike(begin: str, end: str, dots: str, entry: str, runner: StepRunner) -> None:
    rows = [entry.format(k=k) for k in ("1", "2")] + [dots, entry.format(k="n")]
    newline = r" \\ "
    column = f"{begin} {newline.join(rows)} {end}"
    assert _one(rf"\mathbf p - \mathbf y = {column}", runner, DECLARED).status == "ok"
    assert _one(rf"\mathbf y - \mathbf p = {column}", runner, DECLARED).status == "wrong"


@pytest.mark.parametrize("seed", range(6))
def test_random_integer_products_are_judged_entry_by_entry(seed: int, runner: StepRunner) -> None:
    import random

    rng = random.Random(seed)
    rows, inner, cols = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 3)
    a = [[rng.randint(-4, 4) for _ in range(inner)] for _ in range(rows)]
    b = [[rng.randint(-4, 4) for _ in range(cols)] for _ in range(inner)]
    c = [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]

    def tex(m: list[list[int]]) -> str:
        return r"\begin{bmatrix} " + r" \\ ".join(" & ".join(map(str, row)) for row in m) + r" \end{bmatrix}"

    assert _one(f"{tex(a)} {tex(b)} = {tex(c)}", runner).status == "ok"
    i, j = rng.randrange(rows), rng.randrange(cols)
    c[i][j] += 1
    result = _one(f"{tex(a)} {tex(b)} = {tex(c)}", runner)
    assert result.status == "wrong", result.message
    if rows * cols > 1:
        assert result.counterexample["rhs"].startswith(f"entry ({i + 1}, {j + 1})"), result.counterexample


def test_a_vector_written_out_at_an_open_size_is_not_a_shape_error(runner: StepRunner) -> None:
    # a worked example of x ∈ ℝ^n (tests/data/latex_heldout4, purepisces line 272): the two
    # entries fix n = 2, they do not contradict x; the first blind run called this wrong
    before = "Let $x \\in \\mathbb{R}^n$ be the input. For example, with two features,\n\n"
    result = _one(r"x = \begin{pmatrix} x_1 \\ x_2 \end{pmatrix}", runner, before)
    assert result.status == "inconclusive", (result.status, result.message)
    assert "leaves open" in result.message


def test_a_vector_written_out_against_a_fixed_size_is_still_wrong(runner: StepRunner) -> None:
    # (a declared size equal to one the judge picks, 2 to 6, is not told apart from it: inconclusive)
    before = "Let $$u \\in \\mathbb{R}^{7}$$\n\n"
    result = _one(r"u = \begin{pmatrix} u_1 \\ u_2 \end{pmatrix}", runner, before)
    assert result.status == "wrong" and result.counterexample["where"] == "shape", result.message


# hunt 15 (tandat8896's Vietnamese post on vectorisation): "x là feature là một cột", x = [1; x_1],
# x augmented with the bias's 1: its x_1 is the raw feature, not entry 1 of this x (sampled x ≠ [1; x_1])
def test_a_vector_augmented_with_a_value_defines_the_name(runner: StepRunner) -> None:
    text = "$$x = \\begin{bmatrix} 1 \\\\ x_1 \\end{bmatrix}$$\n"
    results = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    assert [r.status for r in results] != ["wrong"], [r.message for r in results]


def test_a_vector_of_the_names_own_entries_is_still_judged(runner: StepRunner) -> None:
    text = "$$x = \\begin{bmatrix} x_1 \\\\ 2 x_2 \\end{bmatrix}$$\n"
    results = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results
    assert [r.status for r in results] == ["wrong"], [r.message for r in results]


# ---------------------------------------------------------------- trigonometric entries

TRIG_OK = [
    # a worked example with cos as its activation, evaluated entry by entry (rounded as written)
    r"\left(\begin{matrix}\cos(1)\\ \cos(9.657)\end{matrix}\right)"
    r" = \left(\begin{matrix}0.5403\\ -0.973\end{matrix}\right)",
    r"\begin{pmatrix}\cos(0)\\ \sinh(1)\end{pmatrix} = \begin{pmatrix}1\\ 1.1752\end{pmatrix}",
    r"\begin{pmatrix}\sin(0) & \cosh(0)\end{pmatrix} = \begin{pmatrix}0 & 1\end{pmatrix}",
]
TRIG_WRONG = [
    r"\begin{pmatrix}\cos(0)\\ \sin(0)\end{pmatrix} = \begin{pmatrix}1\\ 0.9\end{pmatrix}",
    r"\begin{pmatrix}\cos(0) & \cosh(0)\end{pmatrix} = \begin{pmatrix}0 & 1\end{pmatrix}",
]


@pytest.mark.parametrize("step", TRIG_OK)
def test_trigonometric_entries_are_evaluated(step: str, runner: StepRunner) -> None:
    assert _one(step, runner).status == "ok"


@pytest.mark.parametrize("step", TRIG_WRONG)
def test_a_wrong_trigonometric_entry_is_found(step: str, runner: StepRunner) -> None:
    result = _one(step, runner)
    assert result.status == "wrong", result.message
    assert "entry" in result.message
