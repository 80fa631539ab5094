"""Steps of a worked example written with names only, all of them valued before
(checks/latex/valued_steps.py): ``Sigmoid(z_1) = 1/(1+e^{-z_2})`` in a chain that goes on to the
numbers is compared at the example's values (an index slip is wrong there), a right one is ok, and
a formula outside the example's rows is never judged by values that belong to the example."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: held-out 2's Korean worked example, reduced: inputs and weights given as matrices, two pre-activations
#: by formulas (so their values, 0.21 and 0.19, are exact: written to two places they would be
#: rounded, and σ(0.21) against σ(0.19) is within that rounding: inconclusive)
EXAMPLE = r"""
$$X = \begin{pmatrix} x_1 & x_2 \end{pmatrix} = \begin{pmatrix} 0.5 & 0.3 \end{pmatrix}, \quad
W = \begin{pmatrix} w_1 & w_2 \\ w_3 & w_4 \end{pmatrix} = \begin{pmatrix} 0.3 & 0.2 \\ 0.2 & 0.3 \end{pmatrix}$$

$$z_1 = w_1 x_1 + w_3 x_2$$

$$z_2 = w_2 x_1 + w_4 x_2$$

"""


def _statuses(row: str, runner: StepRunner) -> list[tuple[str, str, str]]:
    report = check_text(EXAMPLE + f"$$ {row} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    last = EXAMPLE.count("\n") + 1
    return [(r.step.lhs.strip(), r.status, r.message) for r in report.results if r.step.line == last]


def _status_of(row: str, lhs: str, runner: StepRunner) -> tuple[str, str]:
    found = [(status, message) for left, status, message in _statuses(row, runner) if left == lhs]
    assert len(found) == 1, _statuses(row, runner)
    return found[0]


def test_an_index_slip_in_the_example_is_wrong(runner: StepRunner) -> None:
    row = r"a_2 = Sigmoid(z_1) = \frac{1}{1+e^{-z_2}} = \frac{1}{1+e^{-0.19}} = 0.547"
    status, message = _status_of(row, "Sigmoid(z_1)", runner)
    assert status == "wrong", message
    assert "document's values" in message and "z_{2} = 0.19" in message


def test_the_right_row_is_not_wrong(runner: StepRunner) -> None:
    row = r"a_2 = Sigmoid(z_2) = \frac{1}{1+e^{-z_2}} = \frac{1}{1+e^{-0.19}} = 0.547"
    assert all(status != "wrong" for _, status, _ in _statuses(row, runner))


def test_names_valued_by_the_example_agree_in_it(runner: StepRunner) -> None:
    row = r"Sigmoid(z_1) = \frac{1}{1+e^{-(w_1 x_1 + w_3 x_2)}} = \frac{1}{1+e^{-0.21}} = 0.552"
    status, message = _status_of(row, "Sigmoid(z_1)", runner)
    assert status == "ok", message


def test_a_formula_outside_the_example_is_not_judged_by_its_values(runner: StepRunner) -> None:
    """No number in the chain: the row may be about any z (a definition of another function)."""
    for _, status, message in _statuses(r"Sigmoid(z_1) = \frac{1}{1+e^{-z_2}}", runner):
        assert status != "wrong", message


def test_an_assignment_is_not_a_claim(runner: StepRunner) -> None:
    """A lone name on a side gives or updates a value: w_1 = w_1 - 0.1 z_1 is an update."""
    for _, status, message in _statuses(r"w_1 = w_1 - 0.1 z_1 = 0.279", runner):
        assert status != "wrong", message


def test_a_derivative_of_an_undefined_function_at_a_value_is_no_value() -> None:
    # held-out 24 (jhonsanz): g(0) = 0.5 beside g(z) = 1/(1 + e^{-z}); SymPy's evalf of
    # Subs(Derivative(g(z), z), z, 0) recurses without end, which ended the whole document
    import sympy as sp
    from derive.checks.latex.valued_steps import at_values

    z = sp.Symbol("z")
    g = sp.Function("g")
    assert at_values(g(z), sp.Rational(1, 2), {z: sp.Integer(0)}, {z: sp.Rational(1, 10)}) is None
