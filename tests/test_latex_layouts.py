"""Matrix steps in the layouts students write: a layer's error signal δ_ℓ (one index: a name,
not a Kronecker delta) in column-layout back-propagation, true steps ok and transposed or
mis-multiplied ones never ok."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.typed import parse_typed
from derive.checks.latex.typed_nodes import Delta, Sym

COLUMN = load_notation()


@pytest.fixture(scope="module")
def runner():
    with StepRunner(timeout=20) as r:
        yield r


@pytest.mark.parametrize("latex", [r"\delta_{\ell}", r"\delta_\ell", r"\delta_{\ell-1}", r"\delta_{l+1}"])
def test_a_delta_with_one_index_is_a_name(latex: str) -> None:
    node = parse_typed(latex, COLUMN)
    assert isinstance(node, Sym) and node.stem == r"\delta"


@pytest.mark.parametrize("latex", [r"\delta_{ij}", r"\delta_{i,j}", r"\delta_{kj}"])
def test_a_delta_with_two_indices_stays_kronecker(latex: str) -> None:
    assert isinstance(parse_typed(latex, COLUMN), Delta)


def _layer_document(delta: str) -> str:
    return rf"""
Column vectors: $r \in \mathbb{{R}}^{{n}}$, $W \in \mathbb{{R}}^{{m \times n}}$, $c \in \mathbb{{R}}^{{m}}$,
$u = W r + c$, $a = \tanh(u)$.
Write ${delta} = \frac{{\partial E}}{{\partial u}}$ for the error signal of the layer.

$$\frac{{\partial E}}{{\partial W}} = {delta} r^T$$

$$\frac{{\partial E}}{{\partial r}} = W^T {delta}$$

$$\frac{{\partial E}}{{\partial W}} = r {delta}^T$$

$$\frac{{\partial E}}{{\partial r}} = W {delta}$$
"""


@pytest.mark.parametrize("delta", [r"\delta_\ell", r"\delta_{\ell+1}", r"\delta^{(\ell)}"])
def test_a_layer_error_signal_in_column_layout(delta: str, runner: StepRunner) -> None:
    report = check_text(_layer_document(delta), COLUMN, runner=runner, examples=30)
    got = [r.status for r in report.results if r.step.kind == "display"]
    assert got[:2] == ["ok", "ok"], [r.message for r in report.results]
    # the outer product the wrong way round, and W without its transpose: never ok, never a
    # false alarm either way (the shapes of a transposed product do not fit)
    assert "ok" not in got[2:]
