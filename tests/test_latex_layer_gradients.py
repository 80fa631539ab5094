"""A layer's gradients in matrix form for a loss never written out (checks/latex/layer_gradients.py):
``\\partial E/\\partial W^{(k)} = \\delta^{(k)} (h^{(k-1)})^T``, ``dH^{[k-1]} = W^{[k]T} dZ^{[k]}``. Right
steps become ok under a reading the document allows (either layout, examples as columns or rows);
wrong ones of the same shape (a dropped transpose, the wrong layer, the weight untransposed in the
recursion) are never confirmed, and are called wrong only where the document's definitions leave one
reading (1/m on a dZ defined as the batch's ∂J/∂Z, a bias's gradient not summed over the batch); a δ
the document defines otherwise and a forward pass pairing other layers keep the steps unread."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layer_gradient_roles import Roles
from derive.checks.latex.layer_gradients import holds
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed import parse_typed

NOTATION = load_notation()


def _verdicts(preamble: str, steps: list[str], runner: StepRunner) -> list[tuple[str, str]]:
    """(status, message) of each step, each in its own display after the preamble's displays."""
    head = "".join(f"We write\n$$ {p} $$\n\n" for p in preamble.split(";") if p.strip())
    first = 1 + 3 * len([p for p in preamble.split(";") if p.strip()])
    text = head + "".join(f"Then\n$$ {s} $$\n\n" for s in steps)
    results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    out = []
    for k in range(len(steps)):
        at = [r for r in results if r.step.line == first + 1 + 3 * k]
        assert at, [(r.step.line, r.status) for r in results]
        out.append((at[-1].status, at[-1].message))
    return out


PER_EXAMPLE_RIGHT = [
    r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k)} (h^{(k-1)})^T",
    r"\frac{\partial E}{\partial W^{(3)}} = \frac{\partial E}{\partial z^{(3)}} (h^{(2)})^{\top}",
]
PER_EXAMPLE_WRONG = [
    r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k)} h^{(k-1)}",  # no transpose
    r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k)} (h^{(k)})^T",  # the layer's own output
    r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k+1)} (h^{(k-1)})^T",  # the next layer's δ
    r"\frac{\partial E}{\partial W^{(k)}} = 2\delta^{(k)} (h^{(k-1)})^T",
]


def test_per_example_weight_gradients_without_a_forward_pass(runner: StepRunner) -> None:
    verdicts = _verdicts("", PER_EXAMPLE_RIGHT + PER_EXAMPLE_WRONG, runner)
    right, wrong = verdicts[: len(PER_EXAMPLE_RIGHT)], verdicts[len(PER_EXAMPLE_RIGHT) :]
    assert [s for s, _ in right] == ["ok"] * len(right), right
    assert all(m.startswith("as a layer's gradient") for _, m in right)
    assert all(s not in ("ok", "wrong") for s, _ in wrong), wrong


def test_the_other_layout_alone_or_against_the_document(runner: StepRunner) -> None:
    # h δᵀ is ∂E/∂W in the other layout: a document writing only it is confirmed; beside δ hᵀ for
    # the same W in one document it is not its convention, and neither is confirmed over the other
    other = r"\frac{\partial E}{\partial W^{(k)}} = h^{(k-1)} (\delta^{(k)})^T"
    assert [s for s, _ in _verdicts("", [other], runner)] == ["ok"]
    mixed = _verdicts("", [PER_EXAMPLE_RIGHT[0], other], runner)
    assert all(s != "wrong" for s, _ in mixed) and [s for s, _ in mixed] != ["ok", "ok"], mixed


COLUMNS = r"Z^{[k]} = W^{[k]} H^{[k-1]} + b^{[k]}"


def test_a_batch_as_columns(runner: StepRunner) -> None:
    steps = [
        r"\frac{\partial J}{\partial W^{[k]}} = \frac{1}{n} dZ^{[k]} H^{[k-1]T}",
        r"dH^{[k-1]} = W^{[k]T} dZ^{[k]}",
        r"\frac{\partial J}{\partial b^{[k]}} = \frac{1}{n} \sum_{j=1}^{n} dZ^{[k]}_j",
        # wrong: rows' form under a forward pass of columns, the weight untransposed, no sum
        r"\frac{\partial J}{\partial W^{[k]}} = \frac{1}{n} H^{[k-1]T} dZ^{[k]}",
        r"dH^{[k-1]} = W^{[k]} dZ^{[k]}",
        r"\frac{\partial J}{\partial b^{[k]}} = \frac{1}{n} dZ^{[k]}",
    ]
    verdicts = _verdicts(COLUMNS, steps, runner)
    assert [s for s, _ in verdicts[:3]] == ["ok"] * 3, verdicts[:3]
    assert all(s not in ("ok", "wrong") for s, _ in verdicts[3:]), verdicts[3:]


def test_a_batch_as_rows(runner: StepRunner) -> None:
    steps = [
        r"\frac{\partial \mathcal{L}}{\partial W^{[k]}} = H^{[k-1]T} \Delta^{[k]}",
        r"\frac{\partial \mathcal{L}}{\partial H^{[k-1]}} = \Delta^{[k]} W^{[k]T}",
        r"\frac{\partial \mathcal{L}}{\partial W^{[k]}} = \Delta^{[k]} H^{[k-1]T}",  # columns' form
        r"\frac{\partial \mathcal{L}}{\partial H^{[k-1]}} = \Delta^{[k]} W^{[k]}",
    ]
    verdicts = _verdicts(r"Z^{[k]} = H^{[k-1]} W^{[k]} + b^{[k]}", steps, runner)
    assert [s for s, _ in verdicts[:2]] == ["ok"] * 2, verdicts[:2]
    assert all(s not in ("ok", "wrong") for s, _ in verdicts[2:]), verdicts[2:]


def test_one_example_stacked_as_rows_in_a_batch(runner: StepRunner) -> None:
    """z = W h + b for one example; a batch of rows is then Z = H Wᵀ + b, so Δᵀ H / n is its weight's gradient."""
    steps = [r"\frac{\partial C}{\partial W^{k}} = \frac{1}{N} (\Delta^{k})^T H^{k-1}"]
    verdicts = _verdicts(r"z^{k} = W^{k} h^{k-1} + b^{k}", steps, runner)
    assert verdicts[0][0] == "ok", verdicts


def test_a_dz_defined_as_the_batchs_derivative_takes_no_one_over_m(runner: StepRunner) -> None:
    """dZ := ∂J/∂Z (the whole batch's) and the forward pass stated: 1/n on it is wrong, with the numbers."""
    steps = [
        r"\frac{\partial J}{\partial W^{[k]}} = dZ^{[k]} H^{[k-1]T}",
        r"\frac{\partial J}{\partial W^{[k]}} = \frac{1}{n} dZ^{[k]} H^{[k-1]T}",
    ]
    preamble = COLUMNS + r"; dZ^{[k]} := \frac{\partial J}{\partial Z^{[k]}}"
    verdicts = _verdicts(preamble, steps, runner)
    assert verdicts[0][0] == "ok", verdicts
    assert verdicts[1][0] == "wrong" and "under every reading" in verdicts[1][1], verdicts


def test_a_bias_not_summed_over_the_batch(runner: StepRunner) -> None:
    """Δ defined as ∂E/∂Z of the batch: its bias's gradient is Δ summed over the examples, not Δ."""
    steps = [
        r"\frac{\partial E}{\partial b^{(k)}} = \Delta^{(k)}",
        r"\frac{\partial E}{\partial b^{(k)}} = \sum_{i=1}^{N} \Delta^{(k)}_i",
    ]
    verdicts = _verdicts(r"\Delta^{(k)} = \frac{\partial E}{\partial Z^{(k)}}", steps, runner)
    assert verdicts[0][0] == "wrong" and "3×4" in verdicts[0][1], verdicts
    assert verdicts[1][0] == "ok", verdicts


def test_a_bias_not_summed_is_not_refuted_without_a_batch_written(runner: StepRunner) -> None:
    # capital names alone may be one example's vectors (∂E/∂b = ∂E/∂Z holds for one example): with
    # no 1/N or sum over the examples anywhere in the document the step is not called wrong
    steps = [r"\frac{\partial E}{\partial b^{(k)}} = \Delta^{(k)}"]
    verdicts = _verdicts(r"\Delta^{(k)} = \frac{\partial E}{\partial Z^{(k)}}", steps, runner)
    assert verdicts[0][0] != "wrong", verdicts


def test_near_misses_are_never_wrong(runner: StepRunner) -> None:
    """The same mistakes where the document leaves a reading open: dZ the derivative of another
    loss (L, one example's, beside the cost J), no forward pass for a weight's orientation."""
    one_over_n = r"\frac{\partial J}{\partial W^{[k]}} = \frac{1}{n} dZ^{[k]} H^{[k-1]}"
    other_loss = _verdicts(COLUMNS + r"; dZ^{[k]} := \frac{\partial L}{\partial Z^{[k]}}", [one_over_n], runner)
    unstated = _verdicts(r"dZ^{[k]} := \frac{\partial J}{\partial Z^{[k]}}", [one_over_n], runner)
    assert other_loss[0][0] != "wrong" and unstated[0][0] != "wrong", (other_loss, unstated)


def test_a_delta_defined_otherwise_or_a_forward_pass_of_other_layers_reads_nothing(runner: StepRunner) -> None:
    step = [r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k)} (h^{(k-1)})^T"]
    by_activation = _verdicts(r"\delta^{(k)} = \frac{\partial E}{\partial h^{(k)}}", step, runner)
    shifted = _verdicts(r"z^{(k+1)} = W^{(k)} h^{(k)} + b^{(k)}", step, runner)
    assert by_activation[0][0] not in ("ok", "wrong"), by_activation
    assert shifted[0][0] not in ("ok", "wrong"), shifted


def test_names_of_other_roles_keep_a_step_out(runner: StepRunner) -> None:
    """p - y is a gradient only for one loss; a λW term belongs to a loss described in words."""
    steps = [
        r"\frac{\partial E}{\partial W^{(k)}} = (p - y) (h^{(k-1)})^T",
        r"\frac{\partial E}{\partial W^{(k)}} = \delta^{(k)} (h^{(k-1)})^T + \lambda W^{(k)}",
    ]
    assert all(s not in ("ok", "wrong") for s, _ in _verdicts("", steps, runner))


@pytest.mark.parametrize(
    ("target", "rhs", "expected"),
    [
        ("W", r"\delta^{(2)} (a^{(1)})^T", "WA"),
        ("W", r"(a^{(1)})^T \delta^{(2)}", "AW"),  # row vectors
        ("b", r"\delta^{(2)}", "WA"),
        ("A", r"(W^{(2)})^T \delta^{(2)}", "WA"),
        ("W", r"\delta^{(2)} a^{(1)}", None),
        ("A", r"W^{(2)} \delta^{(2)}", None),
    ],
)
def test_holds_per_example(target: str, rhs: str, expected: str | None) -> None:
    roles = Roles(target, ("", 2), "C", False, ("WA", "AW", "AWt"), False)
    reading = holds(parse_typed(rhs, NOTATION), roles)
    assert (reading.orientation if reading else None) == expected


def test_the_documents_other_steps_fix_its_orientation(runner: StepRunner) -> None:
    """Two weight gradients as G Hᵀ (columns) outvote a recursion written G W (rows' form): it stays
    unread; a step of each form alone confirms neither."""
    columns = r"\frac{\partial E}{\partial W^{(%d)}} = \frac{\partial E}{\partial Z^{(%d)}} (H^{(%d)})^T"
    recursion = r"\frac{\partial E}{\partial H^{(1)}} = \frac{\partial E}{\partial Z^{(2)}} W^{(2)}"
    outvoted = _verdicts("", [columns % (2, 2, 1), recursion, columns % (1, 1, 0)], runner)
    assert [s for s, _ in outvoted] == ["ok", outvoted[1][0], "ok"] and outvoted[1][0] not in ("ok", "wrong")
    split = _verdicts("", [columns % (2, 2, 1), recursion], runner)
    assert all(s not in ("ok", "wrong") for s, _ in split), split


def test_a_forward_pass_of_another_form_reads_nothing(runner: StepRunner) -> None:
    """Z = \\bar{H} W (H with a column of ones appended): H is not the layer's input; its gradient
    drops W's bias row."""
    step = [r"\frac{\partial E}{\partial H^{(2)}} = \frac{\partial E}{\partial Z^{(3)}} W^{(3) T}"]
    verdicts = _verdicts(r"Z^{(3)} = \bar{H}^{(2)} W^{(3)}", step, runner)
    assert verdicts[0][0] not in ("ok", "wrong"), verdicts


def test_an_unusual_orientation_needs_a_second_step_or_a_forward_pass(runner: StepRunner) -> None:
    # ∂C/∂A = ∂C/∂Z · W holds only with Z = A Wᵀ, a reading the document never writes: one step is
    # no evidence of it; the forward pass Z = A W^T, written without layer labels, is
    step = "$$\\frac{\\partial C}{\\partial A^{(1)}} = \\frac{\\partial C}{\\partial Z^{(2)}} W^{(2)}$$\n"
    alone = check_text(step, NOTATION, runner=runner, markdown=True).results[-1]
    stated = check_text("$$Z = A W^T + b$$\n\n" + step, NOTATION, runner=runner, markdown=True).results[-1]
    columns = check_text("$$Z = W X + b$$\n\n" + step, NOTATION, runner=runner, markdown=True).results[-1]
    assert alone.status != "ok", alone.message
    assert stated.status == "ok", stated.message
    assert columns.status != "ok", columns.message
