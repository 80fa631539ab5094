r"""A derivative by a matrix set equal to a matrix (jacobians.AS_MATRIX): the scalar reader's
proof of ``\partial(W A + b)/\partial W = A`` holds for scalars only, so the step is not ok; the
Jacobian of an entry-wise map (``ds/dz = s(1-s)``, s = σ(z)) is the matrix of its entries'
derivatives and stays ok; Ng's bias written ``\mathbf{b^{[3]}}`` is b^{[3]} (font_transposes)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.font_transposes import transpose_out_of_font
from derive.checks.latex.notation import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _results(text: str, runner: StepRunner) -> list[tuple[int, str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.line, r.status, r.message) for r in report.results]


def test_a_layer_label_moves_out_of_the_font() -> None:
    toks = [(t, False) for t in [r"\mathbf", "{", "b", "^", "{", "[", "3", "]", "}", "}"]]
    assert [t for t, _ in transpose_out_of_font(toks)] == [r"\mathbf", "{", "b", "}", "^", "{", "[", "3", "]", "}"]
    assert tex_tokens(r"\mathbf{b^{[3]}}")  # tokenising is unchanged; the rewrite happens in the reader


NG = "Forward: $Z^{[3]} = W^{[3]} A^{[2]} + \\mathbf{b^{[3]}}$.\n\n"


def test_a_scalar_proof_of_a_jacobian_by_a_matrix_is_not_ok(runner: StepRunner) -> None:
    step = r"\frac{\partial}{\partial W^{[3]}} \left(W^{[3]} A^{[2]} + \mathbf{b^{[3]}} \right) = A^{[2]}"
    text = NG + f"$${step}$$\n"
    line, status, message = _results(text, runner)[-1]
    assert (line, status) == (3, "inconclusive")
    assert "if the names were scalars" in message and "layout is a convention" in message


def test_the_bias_in_bold_with_its_label_is_read(runner: StepRunner) -> None:
    steps = [r"\mathbf{b^{[3]}} + \mathbf{b}^{[3]} = 2 b^{[3]}", r"\mathbf{b^{[3]}} = 3 \mathbf{b}^{[3]}"]
    text = "\n\n".join(f"$${s}$$" for s in steps) + "\n"
    assert [s for _, s, _ in _results(text, runner)] == ["ok", "wrong"]


ENTRYWISE = (
    "Let $s = \\sigma(z)$ where $z = W x + b$, with $W \\in \\mathbb{R}^{3 \\times 4}$"
    " and $x \\in \\mathbb{R}^{4}$.\n\n"
)


def test_an_entrywise_jacobian_is_its_entries_derivatives(runner: StepRunner) -> None:
    text = ENTRYWISE + "$$\\frac{ds}{dz} = s(1-s)$$\n\n$$\\frac{ds}{dz} = s(1+s)$$\n"
    statuses = [s for _, s, _ in _results(text, runner)][-2:]
    assert statuses == ["ok", "wrong"]


def test_a_name_the_defined_side_reaches_is_not_being_defined(runner: StepRunner) -> None:
    # ∂z/∂W = a with z = W a + b: a is an input of z's definition, so the step is no definition of
    # a, and with W a capital (a matrix in most documents) the scalar proof is no proof
    text = "Let $z^L = W^L a^{L-1} + b^L$.\n\n$$\\frac{\\partial z^L}{\\partial W^L} = a^{L-1}$$\n"
    line, status, message = _results(text, runner)[-1]
    assert (line, status) == (3, "inconclusive")
    assert "if the names were scalars" in message


def test_lower_case_names_without_declared_shapes_stay_scalars(runner: StepRunner) -> None:
    # one neuron per example: z = w x + b, every name a plain lower-case letter, nothing declared
    text = "Let $z^{(i)} = w^{(i)} x^{(i)} + b^{(i)}$.\n\n"
    derivative = r"\frac{\partial z^{(i)}}{\partial w^{(i)}}"
    steps = [derivative + " = x^{(i)}", derivative + " = -x^{(i)}"]
    statuses = [s for _, s, _ in _results(text + "\n\n".join(f"$${s}$$" for s in steps) + "\n", runner)][-2:]
    assert statuses == ["ok", "wrong"]
