"""A loss written applied to its arguments (checks/latex/applied_names.py, standard_losses.py).

- ``\\ell_{ce}(h, y)`` (or ``\\ell_{\\mathrm{softmax}}``, ``\\mathrm{CE}``) of (logits, label) is
  the softmax cross-entropy -h_y + log Σ_j exp h_j, unless the document defines it otherwise;
  the purepisces homework of tests/data/latex_heldout4 differentiates it so (lines 155, 164);
- ``\\ell(Z_{L+1}, y)``, ``E(\\bm W)``, ``J(w_1, w_2, b)``: a loss written applied to the
  document's variables is that loss, the name; near misses (``J(θ + h)``, two argument lists)
  are never read so.
"""

from __future__ import annotations

import pytest
from derive.checks.latex.applied_names import find_applied_names
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
LEFT = r"\frac{\partial \ell_{ce}(h, y)}{\partial h_i}"
RIGHT = r"\frac{\partial}{\partial h_i} \left( %s + \log \sum_{j=1}^{k} \exp h_j \right)"


def _results(text: str, runner: StepRunner):
    return check_text(text, NOTATION, runner=runner, markdown=True).results


def _last(text: str, runner: StepRunner):
    return _results(text, runner)[-1]


@pytest.mark.parametrize("name", [r"\ell_{ce}", r"\ell_{\mathrm{softmax}}", r"\ell_{\text{softmax}}", r"\mathrm{CE}"])
def test_the_cross_entropy_of_logits_and_label_is_read(name: str, runner: StepRunner) -> None:
    left = LEFT.replace(r"\ell_{ce}", name)
    result = _last(f"$${left} = {RIGHT % '-h_y'}$$\n", runner)
    assert result.status == "ok", result.message


def test_a_dropped_minus_is_found(runner: StepRunner) -> None:
    result = _last(f"$${LEFT} = {RIGHT % 'h_y'}$$\n", runner)
    assert result.status == "wrong", result.message
    assert result.counterexample, result.message


def test_the_gradient_entry_with_the_wrong_sign_of_e_y_is_found(runner: StepRunner) -> None:
    ok = r"\frac{\exp h_i}{\sum_{j=1}^{k} \exp h_j} - \mathbb{1}[i = y]"
    bad = r"\frac{\exp h_i}{\sum_{j=1}^{k} \exp h_j} + \mathbb{1}[i = y]"
    assert _last(f"$${LEFT} = {ok}$$\n", runner).status == "ok"
    result = _last(f"$${LEFT} = {bad}$$\n", runner)
    assert result.status == "wrong", result.message


def test_the_documents_definition_at_the_input_wins(runner: StepRunner) -> None:
    # the homework's own definition, with the logits at the input x (h(x), read as h)
    text = (
        r"$$\ell_{ce}(h(x), y) = -\log p(\text{label} = y) = -h_y(x) + \log \sum_{j=1}^{k} \exp(h_j(x))$$"
        f"\n\n$${LEFT} = {RIGHT % '-h_y'}$$\n"
    )
    assert _last(text, runner).status == "ok"


def test_a_document_definition_of_another_loss_wins(runner: StepRunner) -> None:
    # the document's \ell_{ce} is a squared error: the cross-entropy's value is not its value
    text = f"$$\\ell_{{ce}}(h, y) = \\frac{{1}}{{2}} (h_1 - y)^2$$\n\n$${LEFT} = {RIGHT % '-h_y'}$$\n"
    assert _last(text, runner).status != "ok"


def test_a_definition_not_read_keeps_the_name_unread(runner: StepRunner) -> None:
    # a batch mean the reader does not take as a function: the standard value is never put in
    text = (
        r"$$\ell_{ce}(H, y) = \frac{1}{m} \sum_{i=1}^{m} \ell_i$$"
        f"\n\n$${LEFT} = {RIGHT % 'h_y'}$$\n"
    )
    assert _last(text, runner).status not in ("ok", "wrong")


def test_a_batch_argument_stays_unread(runner: StepRunner) -> None:
    text = (
        f"$${LEFT} = {RIGHT % '-h_y'}$$\n\n"
        r"$$\nabla_\theta \ell_{ce}(X \theta, y) = 2 X^T (S - I_y)$$"
        "\n"
    )
    assert _last(text, runner).status not in ("ok", "wrong")


def test_the_loss_applied_to_the_variables_it_is_differentiated_by(runner: StepRunner) -> None:
    text = (
        r"$$\frac{\partial \ell}{\partial Z} = G$$"
        "\n\n"
        r"$$\frac{\partial \ell(Z, y)}{\partial Z} = \nabla_Z \ell(Z, y)$$"
        "\n"
    )
    assert _last(text, runner).status == "ok"


def _found(text: str) -> dict[str, tuple[str, ...]]:
    return find_applied_names(extract(text, markdown=True), NOTATION, text)


def _extracted(text: str) -> str:
    return "\n".join(e.text for e in extract(text, markdown=True))


def test_a_cost_of_its_parameters_is_the_cost() -> None:
    text = (
        r"$$J(w_1, w_2, b) = -\frac{1}{N} \sum_{i=1}^{N} y_i \ln p_i$$"
        "\n\n"
        r"$$\frac{\partial}{\partial w_0} E(\bm W) = \frac{1}{N} \sum_{n} \frac{\partial E_n(\bm W)}{\partial w_0}$$"
        "\n\n"
        r"$$E(\bm W) = -\log P$$"
        "\n\n"
        r"$$\frac{\partial E_n}{\partial w_0} = x_n$$"
        "\n"
    )
    # E_n(\bm W), example n's cost, is written bare as E_{n} by the extractor already (fixed_arguments
    # reads a labelled loss at its arguments): the reader meets E_{n}, no application to read here
    assert _found(text) == {"J": ("w_{1}", "w_{2}", "b"), "E": ("W",)}
    assert "E_{n}" in _extracted(text)


@pytest.mark.parametrize(
    "text",
    [
        # two argument lists: H(p, q) and H(p) are two quantities
        r"$$H(p, q) = -\sum_x p_x \log q_x$$" "\n\n" r"$$H(p) = -\sum_x p_x \log p_x$$",
        # a function written bare (g ∘ f), never differentiated: a function, not a loss
        r"$$Z = g(Y) = g \circ f(X)$$" "\n\n" r"$$\frac{\partial Z}{\partial X} = 1$$",
        # an argument indexed by a sum: f(x_i) differs for every i
        r"$$f(x_i) = \ln(1 + e^{-z_i})$$" "\n\n" r"$$\frac{dJ}{dw} = \frac{1}{N} \sum_{i=1}^{N} \frac{d}{dw} f(x_i)$$",
        # an argument a sum runs over: E(t) is a value at every t
        r"$$E(t) = \frac{1}{2} e_t^2$$"
        "\n\n"
        r"$$\frac{\partial E}{\partial w} = \sum_{t} \frac{\partial E(t)}{\partial w}$$",
    ],
)
def test_near_misses_are_not_names(text: str) -> None:
    assert _found(text + "\n") == {}


def test_an_argument_that_is_no_name_is_not_read(runner: StepRunner) -> None:
    text = (
        r"$$\frac{\partial J}{\partial \theta} = g$$"
        "\n\n"
        r"$$J(\theta) = J(\theta + h) - h g$$"
        "\n\n"
        r"$$f(x + 1) = f(x)$$"
        "\n"
    )
    results = _results(text, runner)
    assert all(r.status not in ("ok", "wrong") for r in results[1:]), [r.status for r in results]


def test_the_loss_at_the_logits_of_the_input_restated(runner: StepRunner) -> None:
    # purepisces (heldout4) line 141: the heading restates the definition of line 149
    definition = r"$$\ell_{ce}(h(x), y) = -\log p(\text{label} = y) = -h_y(x) + \log \sum_{j=1}^{k} \exp(h_j(x))$$"
    claim = r"$\ell_{ce}(h(x), y) = -h_y(x) + \log \sum_{j=1}^{k} \exp(h_j(x))$"
    results = _results(f"{definition}\n\nSo {claim} holds.\n", runner)
    assert results[-1].status == "ok", results[-1].message


def test_two_different_definitions_leave_the_name_unread(runner: StepRunner) -> None:
    text = (
        r"$$\ell_{ce}(h, y) = -h_y + \log \sum_{j=1}^{k} \exp h_j$$"
        "\n\n"
        r"$$\ell_{ce}(h, y) = h_y + \log \sum_{j=1}^{k} \exp h_j$$"
        f"\n\n$${LEFT} = {RIGHT % '-h_y'}$$\n"
    )
    assert _last(text, runner).status not in ("ok", "wrong")


GRADIENT = r"\nabla_h \ell_{ce}(h, y)"


@pytest.mark.parametrize(
    "rhs", [r"z - e_y, \text{ where } z = \text{softmax}(h)", r"\text{softmax}(h) - e_y", r"-e_y + \text{softmax}(h)"]
)
def test_the_gradient_by_the_logits_is_read_entry_by_entry(rhs: str, runner: StepRunner) -> None:
    results = _results(f"$${GRADIENT} = {rhs}$$\n", runner)
    assert results[0].status == "ok", results[0].message


@pytest.mark.parametrize(
    "rhs", [r"z + e_y, \text{ where } z = \text{softmax}(h)", r"e_y - \text{softmax}(h)", r"\text{softmax}(h) - h"]
)
def test_e_y_with_the_wrong_sign_is_found(rhs: str, runner: StepRunner) -> None:
    result = _results(f"$${GRADIENT} = {rhs}$$\n", runner)[0]
    assert result.status == "wrong", result.message
    assert result.counterexample, result.message


@pytest.mark.parametrize(
    "text",
    [
        # z with no value on the step's line: which z?
        f"$${GRADIENT} = z - e_y$$",
        # the document's own e_y (a worked example's vector)
        r"$$e_y = \begin{pmatrix} 0 \\ 1 \end{pmatrix}$$" f"\n\n$${GRADIENT} = \\text{{softmax}}(h) - e_y$$",
        # a batch, a transpose: not an entry-wise difference
        r"$$\nabla_\Theta \ell_{ce}(\Theta^T x, y) = x (z - e_y)^T, \text{ where } z = \text{softmax}(\Theta^T x)$$",
        # a loss of a one-hot label vector y: e_y means nothing there
        r"$$\ell_{ce}(h, y) = -\sum_{j=1}^{k} y_j \log \text{softmax}(h)_j$$"
        "\n\n"
        f"$${GRADIENT} = \\text{{softmax}}(h) + e_y$$",
        # another label: e_k is no unit vector of this loss
        f"$${GRADIENT} = \\text{{softmax}}(h) - e_k$$",
    ],
)
def test_near_misses_of_the_gradient_are_not_read(text: str, runner: StepRunner) -> None:
    result = _results(text + "\n", runner)[-1]
    assert result.status not in ("ok", "wrong"), result.message


@pytest.mark.parametrize(
    "text",
    [
        # probabilities, not logits: CE(p, y) = -log p_y would be meant
        r"$$\frac{\partial \mathrm{CE}(p, y)}{\partial p_i} = "
        r"\frac{\partial}{\partial p_i} \left( -p_y + \log \sum_{j} \exp p_j \right)$$",
        # a one-hot label vector with entries: -h_y is no entry of h at index y there
        r"$$\frac{\partial \ell_{ce}(h, y)}{\partial h_i} = \text{softmax}(h)_i - y_i$$",
        # a bold label is a vector
        r"Let $\mathbf{y}$ be one-hot."
        "\n\n"
        r"$$\frac{\partial \ell_{ce}(h, y)}{\partial h_i} = \text{softmax}(h)_i - \delta_{iy}$$",
    ],
)
def test_the_standard_value_is_not_put_in_where_it_may_not_be_meant(text: str, runner: StepRunner) -> None:
    result = _last(text + "\n", runner)
    assert result.status not in ("ok", "wrong"), result.message
