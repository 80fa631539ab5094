r"""Layer labels in square brackets right after a name (bracket_labels.py): ``Z[L]`` is ``Z^{[L]}``;
a bracket holding anything else (``y[1 - y]``) stays as written."""

from __future__ import annotations

from derive.checks.latex.bracket_labels import bracket_labels
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.tex_tokens import tex_tokens

NOTATION = load_notation()


def _text(tex: str) -> str:
    return "".join(t for t, _ in bracket_labels(tex_tokens(tex)))


def test_a_layer_label_in_brackets_is_a_superscript_label() -> None:
    assert _text("Z[L]") == "Z^{[L]}"
    assert _text("W[l+1]^T") == "W^{[l+1]}^T"
    assert _text("A[2]") == "A^{[2]}"
    assert _text("y[1 - y]") == "y[1-y]"  # a product, not a label
    assert _text("x_a[1]") == "x_a[1]"  # after a subscript: not the name's own
    assert _text("Z [1]") == "Z[1]"  # spaced apart: a factor


# ahammadnafiz's backprop-by-hand note (held-out 10) types Ng's labels as Z[1], A[L-1]
FORWARD = "$$Z[1] = W[1] X + b[1]$$\n\n$$A[1] = \\sigma(Z[1])$$\n\n"


def test_steps_with_bracket_labels_are_judged(runner: StepRunner) -> None:
    ok = FORWARD + "$$\\frac{\\partial A[1]}{\\partial Z[1]} = A[1](1 - A[1])$$\n"
    assert check_text(ok, NOTATION, runner=runner, markdown=True).results[-1].status == "ok"
    wrong = FORWARD + "$$\\frac{\\partial A[1]}{\\partial Z[1]} = A[1](1 + A[1])$$\n"
    assert check_text(wrong, NOTATION, runner=runner, markdown=True).results[-1].status == "wrong"


def test_a_d_name_with_a_bracket_label_is_andrew_ngs_name() -> None:
    from derive.checks.latex.ng_names import _DNAME

    m = _DNAME.fullmatch("dZ[L]")
    assert m is not None and m.group("x") == "Z" and m.group("typed") == "[L]"
    m = _DNAME.fullmatch("dW[l+1]^T")
    assert m is not None and m.group("typed") == "[l+1]" and m.group("t3") == "T"
    assert _DNAME.fullmatch("dy[1 - y]") is None
