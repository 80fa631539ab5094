r"""A name the document writes at its variables (``h(x, y)``, ``J(w, b)``) but never gives a value
depends on them (dependent_names.py): its derivative by x is its unknown partial, not 0, and a step
about it is ok only where it holds for every such function; never wrong."""

from __future__ import annotations

from derive.checks.latex.applied_names import find_applied_names
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.dependent_lists import find_dependent_names, fixed_dependences
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [r.status for r in report.results]


def _dependent(text: str) -> dict[str, tuple[str, ...]]:
    """name → the variables it is an unknown function of."""
    equations = extract(text, markdown=True)
    found = find_dependent_names(equations, NOTATION, find_applied_names(equations, NOTATION, text))
    return {name: depends for name, (_, depends) in found.items()}


#: a document that writes h at (x, y) and differentiates it so, never saying what h is
_PRODUCT_RULE = r"""
$$\frac{\partial}{\partial x} \left( x^2 h(x, y) \right) = 2 x h(x, y) + x^2 \frac{\partial h(x, y)}{\partial x}$$

$$\frac{\partial}{\partial x} \left( x^2 h(x, y) \right) = 2 x h(x, y)$$

$$\frac{\partial}{\partial x} \left( y h(x, y) \right) = y \frac{\partial h}{\partial x}$$
"""


def test_an_undefined_name_at_its_variables_depends_on_them(runner: StepRunner) -> None:
    # the product rule holds for every h; the second step drops h's own slope (h is no constant:
    # it was read as one, and held); the third writes the bare name for the same quantity
    assert _statuses(_PRODUCT_RULE, runner) == ["ok", "inconclusive", "ok"]


def test_a_name_the_document_defines_keeps_its_value(runner: StepRunner) -> None:
    text = r"""
$$g(w, b) = (w x + b - y)^2$$

$$\frac{\partial g(w, b)}{\partial w} = 2 (w x + b - y) x$$

$$\frac{\partial g(w, b)}{\partial w} = 2 (w x + b - y)$$
"""
    assert _dependent(text) == {}
    assert _statuses(text, runner)[-2:] == ["ok", "wrong"]  # through the definition; its wrong twin stays wrong


def test_only_undefined_names_are_dependent() -> None:
    assert _dependent(_PRODUCT_RULE) == {"h": ("x", "y")}
    # h at two argument lists is no name of its variables at all (applied_names)
    assert _dependent(r"$$\frac{\partial h(x, y)}{\partial x} = h(x, z)$$") == {}


#: a loss the extractor writes bare (fixed_arguments: ℓ(w, b) as ℓ), never given a value
_LOSS = r"""
$$\frac{\partial}{\partial w} \left( w \ell(w, b) \right) = \ell(w, b) + w \frac{\partial \ell(w, b)}{\partial w}$$

$$\frac{\partial}{\partial w} \left( w \ell(w, b) \right) = \ell(w, b)$$

$$\frac{\partial}{\partial b} ( b^2 + \mathcal{L}(w, b) ) = 2b + \frac{\partial \mathcal{L}(w, b)}{\partial b}$$

$$\frac{\partial}{\partial b} \left( b^2 + \mathcal{L}(w, b) \right) = 2b$$
"""


def test_a_loss_written_at_its_parameters_depends_on_them(runner: StepRunner) -> None:
    # the product and sum rules hold for every loss; dropping the loss's own slope does not
    assert _statuses(_LOSS, runner) == ["ok", "inconclusive", "ok", "inconclusive"]
    assert fixed_dependences(_LOSS, NOTATION) == {r"\ell": ("w", "b"), r"\mathcal{L}": ("w", "b")}


def test_a_name_differentiated_by_more_than_its_list_keeps_its_bare_reading() -> None:
    # ∂C(w)/∂w_i and ∂C(w)/∂ŷ: C depends on w's entries and on ŷ, which its list does not say;
    # the document's derivatives imply its dependence (unstated_dependence), as before
    text = r"""
$$\frac{\partial C(w)}{\partial w_i} = \frac{\partial C(w)}{\partial \hat y} \frac{\partial \hat y}{\partial w_i}$$
"""
    assert _dependent(text) == {}
    only_its_own = r"$$\frac{\partial}{\partial x} h(x, y) = \frac{\partial h(x, y)}{\partial x}$$"
    assert _dependent(only_its_own) == {"h": ("x", "y")}


#: G written at the vector w, differentiated by its entry w_1
_VECTOR = r"""
$$\frac{\partial}{\partial w_1} ( w_1 G(\mathbf{w}) ) = G(\mathbf{w}) + w_1\frac{\partial G(\mathbf{w})}{\partial w_1}$$

$$\frac{\partial}{\partial w_1} \left( w_1 G(\mathbf{w}) \right) = G(\mathbf{w})$$
"""


def test_a_name_at_a_vector_depends_on_the_entries_differentiated_by(runner: StepRunner) -> None:
    # G(w) by w_1 is a function of w_1 and of the rest of w: its slope in w_1 is no zero
    assert _dependent(_VECTOR) == {"G": ("w", "w_{1}")}
    assert _statuses(_VECTOR, runner) == ["ok", "inconclusive"]


def test_a_variable_or_a_value_given_as_an_operand_is_no_dependent_name(runner: StepRunner) -> None:
    # x(θ) beside ∂J/∂x: x is a variable the document differentiates by, not a function of θ
    variable = r"""
$$\frac{\partial x(\theta)}{\partial \theta} = 1$$

$$\frac{\partial \sigma(x)}{\partial x} = \sigma(x)(1 - \sigma(x))$$
"""
    assert _dependent(variable) == {}
    assert _statuses(variable, runner)[-1] == "ok"
    # ∂J/∂w = ∂/∂w ½w²: J is given its value there (defined_operands), J(w) no unknown function
    operand = r"""
$$\frac{\partial J(w)}{\partial w} = \frac{\partial J}{\partial w}$$

$$\frac{\partial J}{\partial w} = \frac{\partial}{\partial w} \frac{1}{2} w^2 = w$$
"""
    assert _dependent(operand) == {}
    assert _statuses(operand, runner)[-2:] == ["ok", "ok"]
