"""A layer's back-propagated error in matrix form (checks/latex/backprop_errors.py, read by
layer_gradients), on made-up steps in new letters and layouts. Right errors
(``δ^{(k)} = ((W^{(k+1)})^T δ^{(k+1)}) ⊙ f'(z^{(k)})``, ``dZ = dH * g'(Z)``, chains of derivatives on
the left) become ok; their wrong twins (a dropped transpose, the wrong layer's z, a 1/m, an
activation the document does not use) are never confirmed; a document writing two conventions
confirms neither."""

from __future__ import annotations

import pytest
from derive.checks.latex.backprop_errors import activation_slope, chain_collapsed
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.layer_gradient_roles import Roles
from derive.checks.latex.layer_gradients import holds
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Deriv, Sym

NOTATION = load_notation()


def _verdicts(preamble: str, steps: list[str], runner: StepRunner) -> list[tuple[str, str]]:
    """(status, message) of each step, each in its own display after the preamble's displays."""
    parts = [p for p in preamble.split(";") if p.strip()]
    head = "".join(f"We write\n$$ {p} $$\n\n" for p in parts)
    first = 1 + 3 * len(parts)
    text = head + "".join(f"Then\n$$ {s} $$\n\n" for s in steps)
    results = check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results
    out = []
    for k in range(len(steps)):
        at = [r for r in results if r.step.line == first + 1 + 3 * k]
        assert at, [(r.step.line, r.status) for r in results]
        out.append((at[-1].status, at[-1].message))
    return out


def test_a_chain_of_derivatives_collapses_only_where_it_links_up() -> None:
    linked = parse_typed(r"\frac{\partial J}{\partial H^{(2)}} \frac{\partial H^{(2)}}{\partial Z^{(2)}}", NOTATION)
    broken = parse_typed(r"\frac{\partial J}{\partial H^{(2)}} \frac{\partial H^{(1)}}{\partial Z^{(1)}}", NOTATION)
    assert chain_collapsed(linked) == Deriv(Sym("J", "J", ""), Sym("Z^{(2)}", "Z^{(2)}", ""))
    assert chain_collapsed(broken) == broken


def test_only_an_entrywise_activations_slope_is_an_f_prime() -> None:
    assert activation_slope(parse_typed(r"\tanh'(z^{(3)})", NOTATION)) is not None
    assert activation_slope(parse_typed(r"\tanh(z^{(3)})", NOTATION)) is None
    assert activation_slope(parse_typed(r"\mathrm{softmax}(z^{(3)})", NOTATION)) is None


@pytest.mark.parametrize(
    ("rhs", "expected"),
    [
        (r"((W^{(3)})^T \delta^{(3)}) \odot \sigma'(z^{(2)})", "WA"),
        (r"\sigma'(z^{(2)}) \odot (W^{(3)})^T \delta^{(3)}", "WA"),
        (r"(\delta^{(3)} (W^{(3)})^T) \odot \sigma'(z^{(2)})", "AW"),  # rows: Z = A W
        (r"(\delta^{(3)} W^{(3)}) \odot \sigma'(z^{(2)})", "AWt"),  # rows: Z = A Wᵀ
        (r"(W^{(3)} \delta^{(3)}) \odot \sigma'(z^{(2)})", None),  # the transpose dropped
        (r"((W^{(3)})^T \delta^{(3)}) \odot \sigma'(z^{(3)})", None),  # the next layer's z
        (r"((W^{(2)})^T \delta^{(3)}) \odot \sigma'(z^{(2)})", None),  # the error's own layer's W
        (r"(W^{(3)})^T \delta^{(3)}", None),  # no f'
    ],
)
def test_holds_for_an_error(rhs: str, expected: str | None) -> None:
    roles = Roles("Z", ("", 3), "", False, ("WA", "AW", "AWt"), False)
    reading = holds(parse_typed(rhs, NOTATION), roles)
    assert (reading.orientation if reading else None) == expected


PER_EXAMPLE = r"z^{(k)} = W^{(k)} h^{(k-1)} + b^{(k)}"


def test_the_recursion_per_example_as_columns(runner: StepRunner) -> None:
    right = [
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k)})",
        r"\delta^{(k)} = \sigma'(z^{(k)}) \odot \left(W^{(k+1)}\right)^{\top} \delta^{(k+1)}",
        r"\delta^{(k)} = (W^{(k+1)})^T \delta^{(k+1)} * \sigma'(z^{(k)})",  # * for the element-wise product
        r"\frac{\partial E}{\partial z^{(k)}} = \frac{\partial E}{\partial h^{(k)}} \odot \sigma'(z^{(k)})",
    ]
    wrong = [
        r"\delta^{(k)} = (W^{(k+1)} \delta^{(k+1)}) \odot \sigma'(z^{(k)})",
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k-1)})",
        r"\delta^{(k)} = ((W^{(k)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k)})",
        r"\delta^{(k)} = 2 ((W^{(k+1)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k)})",
        r"\delta^{(k)} = \frac{\partial E}{\partial h^{(k+1)}} \odot \sigma'(z^{(k)})",
    ]
    verdicts = _verdicts(PER_EXAMPLE, right + wrong, runner)
    assert [s for s, _ in verdicts[: len(right)]] == ["ok"] * len(right), verdicts[: len(right)]
    assert all(m.startswith("as a layer's back-propagated error") for _, m in verdicts[: len(right)])
    assert all(s not in ("ok", "wrong") for s, _ in verdicts[len(right) :]), verdicts[len(right) :]


ROWS = r"Z^{[k]} = H^{[k-1]} W^{[k]} + b^{[k]}; H^{[k]} = g(Z^{[k]})"


def test_a_batch_as_rows_with_an_activation_never_defined(runner: StepRunner) -> None:
    # g is written with a prime before a bracket: an entry-wise activation the document never pins down
    right = [
        r"dZ^{[1]} = dZ^{[2]} W^{[2]T} * g'(Z^{[1]})",
        r"dZ^{[2]} = dH^{[2]} * g'(Z^{[2]})",
        r"\frac{\partial J}{\partial H^{[2]}} \frac{\partial H^{[2]}}{\partial Z^{[2]}} = dH^{[2]} * g'(Z^{[2]})",
        r"\frac{\partial J}{\partial Z^{[3]}} \frac{\partial Z^{[3]}}{\partial W^{[3]}} = H^{[2]T} dZ^{[3]}",
    ]
    wrong = [
        r"dZ^{[1]} = W^{[2]T} dZ^{[2]} * g'(Z^{[1]})",  # the columns' form under a forward pass of rows
        r"dZ^{[2]} = dH^{[1]} * g'(Z^{[2]})",
        r"\frac{\partial J}{\partial H^{[2]}} \frac{\partial H^{[1]}}{\partial Z^{[1]}} = dH^{[2]} * g'(Z^{[2]})",
        r"\frac{\partial J}{\partial H^{[2]}} \frac{\partial H^{[2]}}{\partial Z^{[2]}}"
        r" = (dZ^{[2]} W^{[2]}) * g'(Z^{[2]})",
    ]
    verdicts = _verdicts(ROWS, right + wrong, runner)
    assert [s for s, _ in verdicts[: len(right)]] == ["ok"] * len(right), verdicts[: len(right)]
    assert all(s not in ("ok", "wrong") for s, _ in verdicts[len(right) :]), verdicts[len(right) :]


def test_an_activation_the_document_does_not_use_is_no_f_prime(runner: StepRunner) -> None:
    steps = [
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k)})",
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot \tanh'(z^{(k)})",
    ]
    verdicts = _verdicts(PER_EXAMPLE + r"; h^{(k)} = \tanh(z^{(k)})", steps, runner)
    assert verdicts[0][0] not in ("ok", "wrong"), verdicts
    assert verdicts[1][0] == "ok", verdicts


def test_two_conventions_in_one_document_confirm_neither(runner: StepRunner) -> None:
    # no forward pass: Wᵀ δ (columns) and δ W (rows of Z = H Wᵀ) each hold under one reading only
    steps = [
        r"\delta^{(2)} = ((W^{(3)})^T \delta^{(3)}) \odot \sigma'(z^{(2)})",
        r"\delta^{(1)} = (\delta^{(2)} W^{(2)}) \odot \sigma'(z^{(1)})",
    ]
    verdicts = _verdicts("", steps, runner)
    assert all(s not in ("ok", "wrong") for s, _ in verdicts), verdicts
    # alone, δ W holds only under Z = H Wᵀ, a reading the document never writes: one step is no
    # evidence of it (layer_gradients._supported); with that forward pass written it is the convention
    alone = _verdicts("", steps[1:], runner)
    assert alone[0][0] not in ("ok", "wrong"), alone
    stated = _verdicts(r"Z^{(2)} = H^{(1)} (W^{(2)})^T + b^{(2)}", steps[1:], runner)
    assert stated[-1][0] == "ok", stated


def test_a_mean_losss_one_over_m_is_never_confirmed(runner: StepRunner) -> None:
    steps = [r"\Delta^{(k)} = \frac{1}{m} ((W^{(k+1)})^T \Delta^{(k+1)}) \odot \sigma'(Z^{(k)})"]
    verdicts = _verdicts(r"Z^{(k)} = W^{(k)} H^{(k-1)} + b^{(k)}", steps, runner)
    assert verdicts[0][0] not in ("ok", "wrong"), verdicts


def test_a_delta_defined_by_the_activation_reads_no_recursion(runner: StepRunner) -> None:
    steps = [r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot \sigma'(z^{(k)})"]
    verdicts = _verdicts(r"\delta^{(k)} = \frac{\partial E}{\partial h^{(k)}}", steps, runner)
    assert verdicts[0][0] not in ("ok", "wrong"), verdicts


def test_the_sigmoids_slope_written_through_its_value(runner: StepRunner) -> None:
    """u = σ(z) with σ the logistic function: σ′(z) = u ⊙ (1 − u); not under another activation."""
    right = [r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot h^{(k)} \odot (1 - h^{(k)})"]
    wrong = [
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot h^{(k)}",
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot h^{(k+1)} \odot (1 - h^{(k+1)})",
        r"\delta^{(k)} = ((W^{(k+1)})^T \delta^{(k+1)}) \odot (1 - h^{(k)})",
    ]
    sigmoid = _verdicts(PER_EXAMPLE + r"; h^{(k)} = \sigma(z^{(k)})", right + wrong, runner)
    assert sigmoid[0][0] == "ok", sigmoid
    assert all(s not in ("ok", "wrong") for s, _ in sigmoid[1:]), sigmoid
    tanh = _verdicts(PER_EXAMPLE + r"; h^{(k)} = \tanh(z^{(k)})", right, runner)
    assert tanh[0][0] not in ("ok", "wrong"), tanh


def test_a_chain_on_the_left_is_refuted_only_where_the_document_pins_every_reading(runner: StepRunner) -> None:
    """∂J/∂Z ∂Z/∂W read as ∂J/∂W: the layer-gradient rule's refutation applies to it as to ∂J/∂W
    (forward pass of columns and dZ := ∂J/∂Z stated); without the definition it is never wrong."""
    chain = r"\frac{\partial J}{\partial Z^{[k]}} \frac{\partial Z^{[k]}}{\partial W^{[k]}} = "
    steps = [chain + r"dZ^{[k]} H^{[k-1]T}", chain + r"dZ^{[k]} H^{[k-1]}"]
    columns = r"Z^{[k]} = W^{[k]} H^{[k-1]} + b^{[k]}"
    pinned = _verdicts(columns + r"; dZ^{[k]} := \frac{\partial J}{\partial Z^{[k]}}", steps, runner)
    assert pinned[0][0] == "ok" and pinned[1][0] == "wrong", pinned
    loose = _verdicts(columns, steps[1:], runner)
    assert loose[0][0] != "wrong", loose


def test_the_activation_defined_for_the_errors_own_layer_decides(runner: StepRunner) -> None:
    """σ at the hidden layers, softmax at the last: σ′(z^{(3)}) is no slope of the last layer."""
    steps = [
        r"\delta^{(3)} = \frac{\partial E}{\partial h^{(3)}} \odot \sigma'(z^{(3)})",
        r"\delta^{(2)} = ((W^{(3)})^T \delta^{(3)}) \odot \sigma'(z^{(2)})",
    ]
    preamble = r"z^{(k)} = W^{(k)} h^{(k-1)} + b^{(k)}; h^{(2)} = \sigma(z^{(2)}); h^{(3)} = \mathrm{softmax}(z^{(3)})"
    verdicts = _verdicts(preamble, steps, runner)
    assert verdicts[0][0] not in ("ok", "wrong"), verdicts
    assert verdicts[1][0] == "ok", verdicts
