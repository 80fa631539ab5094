r"""A worked example's numbers computed through a formula found wrong (checks/latex/tainted_values.py).

The example below (a sigmoid output under the cross-entropy with y = 0) writes dL/da_2 = a_2 - y,
which is dL/dz_2, and then multiplies its number by the sigmoid's derivative again. The steps that
put that number in are not confirmed any more ("equal with the document's values put in" would
only confirm the slip), nor the steps downstream of them; the arithmetic on the numbers stays ok,
the slip stays wrong, and the same example with the right formula is confirmed as before.
"""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.steps import split_chain
from derive.checks.latex.tainted_values import _run_steps

NOTATION = load_notation()

SETUP = r"""
The input is $x = 1.0$, the weights are $w_1 = 0.5$ and $w_2 = 0.5$, and the label is $y = 0$.

$$
z_2 = x \cdot w_2 = 1.0 \cdot 0.5 = 0.5
$$

$$
a_2 = \sigma(z_2) = \frac{1}{1 + e^{-0.5}} \approx 0.622
$$

$$
L = -\log(1 - a_2)
$$

"""

SLIP = r"""
$$
\frac{dL}{da_2} = a_2 - y = 0.622 - 0 = 0.622
$$
"""

RIGHT = r"""
$$
\frac{dL}{da_2} = \frac{1}{1 - a_2} = \frac{1}{1 - 0.622} \approx 2.646
$$
"""

SIGMOID = r"""
$$
\frac{da_2}{dz_2} = a_2 (1 - a_2) = 0.622 \cdot 0.378 \approx 0.235
$$
"""

PRODUCT = r"""
$$
\frac{dL}{dz_2} = \frac{dL}{da_2} \cdot \frac{da_2}{dz_2} = {n} \cdot 0.235 \approx {p}
$$
"""

UPDATE = r"""
$$
\frac{dL}{dw_2} = \frac{dL}{dz_2} \cdot x = {p} \cdot 1.0 = {p}
$$

With a learning rate $\eta = 0.1$:

$$
w_2 - \eta \cdot \frac{dL}{dw_2} = 0.5 - 0.1 \cdot {p}
$$
"""


def _steps(text: str, runner: StepRunner) -> list[tuple[str, str, str, str]]:
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    return [(r.step.lhs.strip(), r.step.rhs.strip(), r.status, r.message) for r in report.results]


def _status(steps: list, lhs: str, rhs_start: str) -> tuple[str, str]:
    found = [(s, m) for left, right, s, m in steps if left == lhs and right.startswith(rhs_start)]
    assert found, steps
    return found[-1]


def _example(derivative: str, number: str, product: str) -> str:
    """The worked example with dL/da_2 given by ``derivative``, its number, and dL/dz_2's."""
    product_row = PRODUCT.replace("{n}", number).replace("{p}", product)
    return SETUP + derivative + SIGMOID + product_row + UPDATE.replace("{p}", product)


def _slip_document(product: str = "0.146") -> str:
    return _example(SLIP, "0.622", product)


def test_the_slip_itself_is_found(runner: StepRunner) -> None:
    status, _ = _status(_steps(_slip_document(), runner), r"\frac{dL}{da_2}", "a_2 - y")
    assert status == "wrong"


def test_a_step_putting_the_slips_number_in_is_not_confirmed(runner: StepRunner) -> None:
    steps = _steps(_slip_document(), runner)
    status, message = _status(steps, r"\frac{dL}{da_2} \cdot \frac{da_2}{dz_2}", "0.622")
    assert status == "inconclusive", message
    assert "goes back to a step found wrong" in message and "line" in message


def test_the_slip_travels_to_the_weight_update(runner: StepRunner) -> None:
    # dL/dz_2 ≈ 0.146 is the held step's result, dL/dw_2 = 0.146 puts it in: the update uses it
    steps = _steps(_slip_document(), runner)
    status, message = _status(steps, r"w_2 - \eta \cdot \frac{dL}{dw_2}", "0.5")
    assert status == "inconclusive", message
    assert "∂L/∂w_{2} = 0.146" in message


def test_arithmetic_on_the_numbers_stays_ok(runner: StepRunner) -> None:
    steps = _steps(_slip_document(), runner)
    assert _status(steps, "0.622 - 0", "0.622")[0] == "ok"
    assert _status(steps, r"0.146 \cdot 1.0", "0.146")[0] == "ok"


def test_a_wrong_product_of_the_slips_number_stays_wrong(runner: StepRunner) -> None:
    # 0.622 · 0.235 is 0.146: 0.35 is an arithmetic slip of its own, whatever the numbers mean
    steps = _steps(_slip_document(product="0.35").replace(r"\approx 0.35", "= 0.35"), runner)
    status, _ = _status(steps, r"0.622 \cdot 0.235", "0.35")
    assert status == "wrong"


def test_the_same_example_with_the_right_formula_is_confirmed(runner: StepRunner) -> None:
    steps = _steps(_example(RIGHT, "2.646", "0.622"), runner)
    assert not [s for s in steps if s[2] == "wrong"], steps
    status, message = _status(steps, r"\frac{dL}{da_2} \cdot \frac{da_2}{dz_2}", "2.646")
    assert status == "ok", message
    status, message = _status(steps, r"w_2 - \eta \cdot \frac{dL}{dw_2}", "0.5")
    assert status == "ok", message


def test_a_run_stops_at_a_relation_that_carries_no_value() -> None:
    # z = 2 ⇒ h = σ(2) ≈ 0.88: the number 0.88 goes back to the step h = σ(2) only
    (equation,) = extract(r"$$ z = 2 \Rightarrow h = \sigma(2) \approx 0.88 $$", markdown=True)
    chain = split_chain(equation)[0]
    runs = _run_steps([equation])
    positions = [(term.line, term.column) for term, _ in chain]
    assert [rel for _, rel in chain][:4] == ["=", r"\Rightarrow", "=", r"\approx"]
    assert runs[positions[4]] == positions[3:]
    assert runs[positions[1]] == positions[1:2]
    assert positions[2] not in runs  # h follows ⇒: it starts a run, no step of one ends there


LATER_SLIP = r"""
The pre-activations are $z_1 = 0.21$ and $z_2 = 0.19$, the weights $w_5 = 0.4$ and $w_6 = 0.5$.

$$ a_1 = \sigma(z_1) = \frac{1}{1+e^{-z_1}} = \frac{1}{1+e^{-0.21}} = 0.552 $$

$$ a_2 = \sigma(z_1) = \frac{1}{1+e^{-z_2}} = \frac{1}{1+e^{-0.19}} = 0.547 $$

$$ \hat{y} = w_5 a_1 + w_6 a_2 = 0.4 \times 0.552 + 0.5 \times 0.547 = 0.4943 $$
"""


def test_a_slip_between_two_later_formulas_leaves_the_number_alone(runner: StepRunner) -> None:
    # σ(z_1) for σ(z_2): a typo between two formulas; 0.547 is the value of the one the row goes on
    # with, which may be the one meant, so the step that puts it in keeps its verdict
    steps = _steps(LATER_SLIP, runner)
    assert _status(steps, r"\sigma(z_1)", r"\frac{1}{1+e^{-z_2}}")[0] == "wrong"
    status, message = _status(steps, "w_5 a_1 + w_6 a_2", "0.4")
    assert status == "ok", message
