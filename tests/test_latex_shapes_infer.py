"""Matrix steps about names no notation declares: shapes inferred from the step itself."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.shape_infer import infer_assignments
from derive.checks.latex.typed import parse_typed

COLUMN = load_notation()


def _statuses(text: str) -> list[str]:
    return [r.status for r in check_text(text, COLUMN, markdown=True).results]


def test_a_product_chains_and_a_transpose_swaps() -> None:
    sides = (parse_typed(r"P^\top Q", COLUMN), parse_typed(r"(Q^\top P)^\top", COLUMN))
    (best, *_) = infer_assignments(sides, COLUMN, {}, set())
    assert best.agree
    assert best.shapes["P"][0] == best.shapes["Q"][0]  # P^T Q: P's rows are Q's rows
    assert best.shapes["P"][1] != best.shapes["Q"][1]  # nothing ties the columns


@pytest.mark.parametrize(
    "step",
    [
        r"$$\frac{\partial f}{\partial Y} = -2(\hat{Y} - Y)$$",  # f = ||max(XW, 0) - Y||^2 below
        r"$$\frac{\partial f}{\partial B} = -2(\hat{Y} - B)$$",  # the same with other letters
    ],
)
def test_gradient_of_a_defined_loss_with_undeclared_matrices_is_ok(step: str) -> None:
    target = "B" if "B" in step else "Y"
    defs = f"$$Z = XW$$\n\n$$\\hat{{Y}} = \\max(Z, 0)$$\n\n$$f = \\|\\hat{{Y}} - {target}\\|_F^2$$\n\n"
    assert _statuses(defs + step + "\n")[-1] == "ok"


def test_a_wrong_gradient_with_undeclared_names_is_not_ok_and_not_wrong() -> None:
    # the values differ, but undeclared names may be constrained: never wrong from them alone
    text = "$$Z = XW$$\n\n$$f = \\|Z - Y\\|_F^2$$\n\n$$\\frac{\\partial f}{\\partial Y} = 2(Z - Y)$$\n"
    assert _statuses(text)[-1] not in ("ok", "wrong")


@pytest.mark.parametrize(
    ("step", "ok"),
    [
        (r"u^\top v = v^\top u", True),
        (r"\mathrm{tr}(A^\top B) = \mathrm{tr}(A B^\top)", True),  # both the Frobenius product
        (r"\mathrm{tr}(A^\top B) = \mathrm{tr}(B A^\top)", True),
        (r"A B = B A", False),  # square matrices do not commute
        (r"u^\top v = v u^\top", False),  # holds only if u or v is a number
        (r"W^{(2)} a + b = a W^{(2)} + b", False),
    ],
)
def test_identities_of_undeclared_names(step: str, ok: bool) -> None:
    statuses = _statuses(f"$$a_0 = 1$$\n\n$${step}$$\n")
    assert (statuses[-1] == "ok") is ok, statuses
    assert statuses[-1] != "wrong"


DEFS = "$$Z = XW$$\n\n$$\\hat{Y} = \\max(Z, 0)$$\n\n$$f = \\|\\hat{Y} - Y\\|_F^2$$\n\n"


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\frac{\partial f}{\partial W} = 2 X^{\top}((\hat{Y}-Y)\cdot \xi)", "inconclusive"),  # ξ unknown
        (r"\frac{\partial f}{\partial W} = 2 ((\hat{Y}-Y)\cdot \xi) X^{\top}", "wrong"),  # fits if W square
        (r"\frac{\partial f}{\partial X} = 2 ((\hat{Y}-Y)\cdot \xi) W^{\top}", "inconclusive"),
        (r"\frac{\partial f}{\partial X} = 2 ((\hat{Y}-Y)\cdot \xi) W", "wrong"),  # W not transposed
    ],
)
def test_a_factor_that_fits_only_for_square_matrices_is_wrong(step: str, status: str) -> None:
    (*_, last) = check_text(DEFS + f"$${step}$$\n", COLUMN, markdown=True).results
    assert last.status == status, last.message
    if status == "wrong":
        assert "keep apart" in last.message


@pytest.mark.parametrize(
    ("step", "ok"),
    [
        # mattpetersen's row vectors: y diag(1/s) is y / s entry by entry
        (r"-\mathbf y\,\text{diag}(\frac{\mathbf 1}{\mathbf s}) = -\frac{\mathbf y}{\mathbf s}", True),
        (r"-\mathbf y\,\text{diag}(\frac{\mathbf 1}{\mathbf s}) = -\frac{\mathbf s}{\mathbf y}", False),
        (r"\mathbf 1^\top \mathbf u = \sum_i u_i", True),
        (r"A I = A", True),  # I is the identity of the size the product needs
        (r"I A = A^\top", False),
    ],
)
def test_ones_zeros_and_the_identity_take_the_shape_the_step_needs(step: str, ok: bool) -> None:
    statuses = _statuses(f"$$a_0 = 1$$\n\n$${step}$$\n")
    assert (statuses[-1] == "ok") is ok, statuses
    assert statuses[-1] != "wrong"


def test_a_derivative_of_a_name_that_does_not_use_the_variable_is_not_judged() -> None:
    # J and θ undeclared and undefined: ∂J/∂w would be 0 on both sides, which proves nothing
    statuses = _statuses("$$a_0 = 1$$\n\n$$\\frac{\\partial J}{\\partial w} = 2\\frac{\\partial J}{\\partial t}$$\n")
    assert statuses[-1] not in ("ok", "wrong")


def _last(context: str, step: str):  # noqa: ANN202 - a StepResult
    """The verdict on ``step`` written after ``context`` (definitions in display math)."""
    return check_text(context + f"$${step}$$\n", COLUMN, markdown=True).results[-1]


#: willyaucy's CS189 homework (held-out set 8): the loss is written entry by entry, so t_k and
#: y_k pair up and t has y's length, though no shape of t is written anywhere
ENTRIES = (
    "Let $y_k = \\sigma(s_k)$, where $s_k = \\sum_j W_{jk} x_j + b_k$.\n\n"
    "$$J = \\frac{1}{2} \\sum_{k=1}^{n_{out}} (t_k - y_k)^2$$\n\n"
    "Let $\\vec{y} = \\sigma(\\vec{s})$, and $\\vec{s} = W \\vec{x} + \\vec{b}$:\n\n"
)


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{dJ}{dW} = diag(\vec{y}) (1 - diag(\vec{y})) [ \vec{y} - \vec{t} ] \vec{x}^T",
        r"\frac{dJ}{d\vec{b}} = diag(\vec{y}) (1 - diag(\vec{y})) [ \vec{y} - \vec{t} ]",
    ],
)
def test_a_vector_seen_only_through_its_entries_has_no_size_to_keep_apart(step: str) -> None:
    # before: 'the right side fits only if n_3 = n_4, sizes the left side and the definitions keep
    # apart', a false alarm: J's entries tie t's length to y's
    last = _last(ENTRIES, step)
    assert last.status != "wrong", last.message


#: Ng-style layers with the data matrix X reached only through the definitions (hari31416's take-home)
BATCH = "$$Z^{[1]} = W^{[1]} X + b^{[1]}$$\n\n$$A^{[1]} = \\sigma(Z^{[1]})$$\n\n"


@pytest.mark.parametrize(
    "step",
    [
        r"\frac{\partial J}{\partial b^{[1]}} = \frac{\partial J}{\partial Z^{[1]}}",
        r"\frac{\partial J}{\partial b^{[1]}} = \frac{\partial J}{\partial A^{[1]}} \odot \sigma'(Z^{[1]})",
    ],
)
def test_an_ok_that_needs_the_data_matrix_read_as_one_column_is_not_given(step: str) -> None:
    # with X inferred as a column the bias gradient needs no sum over examples and 'holds'; for a
    # batch of m examples it does not (the manifest's hari31416 lines 229 and 264 are wrong)
    last = _last(BATCH, step)
    assert last.status == "inconclusive", last.message
    assert "X (a capital letter: a matrix in most documents) read as a vector" in last.message
