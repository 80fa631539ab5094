"""Names typed without an underscore (checks/latex/digit_names.py): ``w5``, ``z1``, ``\\hat{y1}`` are
``w_5``, ``z_1``, ``\\hat{y}_1`` in a document that numbers those letters as quantities (gives one a
value, or writes a family w1, w2 …); a polynomial's ``3x2`` or a label ``out_{h1}`` is left alone."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.digit_names import document_digit_names, split_digit_names
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation, normalize
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()

#: Mazur's network typed fast (the first steps of a real copy of it)
EXAMPLE = r"""
The inputs are $x1 = 0.05$ and $x2 = 0.1$, the weights $w1 = 0.15$, $w3 = 0.25$, $w5 = 0.4$, the bias $b1 = 0.30$.

$$z1 = w1 \times x1 + w3 \times x2 + b1$$

$$z1 = 0.15 \times 0.05 + 0.25 \times 0.1 + 0.30 = 0.3325$$

"""


def _letters(text: str) -> frozenset[str]:
    return document_digit_names(extract(text, markdown=True), NOTATION)


def test_assigned_and_numbered_letters_are_names() -> None:
    assert _letters(EXAMPLE) == {"x", "w", "b", "z"}
    # a family w1 … w8 without any value: still numbered quantities
    assert _letters(r"$$E = f(w1, w2, w7)$$") == {"w"}
    # the names of a digit name's formula are quantities too (one neuron: no family)
    assert _letters(r"$$z1 = w1 \times x1 + b1$$") == {"z", "w", "x", "b"}


@pytest.mark.parametrize(
    "text",
    [
        r"$$f(x) = 3x2 + 2x + 1$$",  # x squared typed badly: after a number, not a name
        r"$$y = x3 + x2$$",  # two numbers but no family starting at 1: powers?
        r"$$out_{h1} = \sigma(net_{h1})$$",  # labels in a subscript are already names
        r"$$e2 = e1$$ and $$net1 = 4$$",  # a constant, and a word
    ],
)
def test_other_letters_and_digits_are_not_names(text: str) -> None:
    assert _letters(text) == frozenset()


def test_tokens_become_subscripts() -> None:
    toks, spaced = clean_tokens(tex_tokens(r"\hat{y1} = w5^{1-1} + out_{h1} + 2x1 + e^{-z1}"))
    out, _ = split_digit_names(list(toks), list(spaced), frozenset("wxyz"))
    text = " ".join(out)
    assert r"\hat { y } _ { 1 }" in text and "w _ { 5 } ^" in text and "z _ { 1 }" in text
    assert "_ { h 1 }" in text and "2 x 1" in text  # the label and the coefficient are left alone


def test_both_spellings_are_one_name() -> None:
    notation = NOTATION.__class__(**{**NOTATION.__dict__, "digit_names": frozenset("w")})
    assert normalize("w5 + w_5", notation).symbol_names == normalize("w_{5}", notation).symbol_names


def _last(step: str, runner: StepRunner) -> tuple[str, str, dict | None]:
    report = check_text(EXAMPLE + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.step.line == EXAMPLE.count("\n") + 1
    return result.status, result.message, result.counterexample


@pytest.mark.parametrize(
    "step",
    [
        r"w5 \times z1 = 0.4 \times 0.3325",
        r"w_5 \times z_1 = 0.4 \times 0.3325",  # the underscore spelling is the same name
        r"\frac{1}{1 + e^{-z1}} = \frac{1}{1 + e^{-0.3325}}",
    ],
)
def test_a_substitution_with_digit_names_is_ok(step: str, runner: StepRunner) -> None:
    status, message, _ = _last(step, runner)
    assert status == "ok", message


def test_a_slip_with_digit_names_is_wrong(runner: StepRunner) -> None:
    status, message, cex = _last(r"z1 \times z1 = 0.3325 \times 0.3352", runner)
    assert status == "wrong", message
    assert cex is not None and cex["point"] == {"z_{1}": "0.3325"}


def test_the_same_name_in_another_example_is_not_wrong(runner: StepRunner) -> None:
    # a second example with its own numbers: z1 is 0.5 there, never called wrong
    status, message, _ = _last(r"\frac{1}{1 + e^{-z1}} = \frac{1}{1 + e^{-0.5}}", runner)
    assert status != "wrong", message


#: one neuron's logistic regression typed fast, its derivatives written with d (held-out 24)
NEURON = r"""
$$z = w1 x1 + w2 x2 + b$$

"""


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\frac{dz}{dw1} = x1", "ok"),  # the differential's d typed against the name
        (r"\frac{d z}{d w2} = x2", "ok"),
        (r"\frac{dz}{dw1} = x1 + 1", "wrong"),  # a slip in the same form is found
        (r"\frac{dz}{dw1} = 2 x1", "wrong"),
    ],
)
def test_a_differential_d_before_a_digit_name(step: str, status: str, runner: StepRunner) -> None:
    report = check_text(NEURON + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.status == status, result.message


def test_a_d_inside_a_word_is_still_a_letter() -> None:
    # "and1" or "ad2": a d typed against other letters is part of a word, not a differential
    assert _letters(r"$$w1 = and1 + ad2$$") == {"w"}
    assert _letters(r"$$\frac{dz}{dw1} + \frac{dz}{dw2} = x$$") == {"w"}


def test_letters_that_finish_a_digit_name_are_its_label() -> None:
    toks, spaced = clean_tokens(tex_tokens(r"w1o * out + w2o + x1y1 + w1 o"))
    out, _ = split_digit_names(list(toks), list(spaced), frozenset("wxy"))
    text = " ".join(out)
    assert "w _ { 1 o }" in text and "w _ { 2 o }" in text  # the weight from h1 to o: one name
    assert "x _ { 1 } y 1" in text  # a digit follows the letter: not x_{1y} (y1 after a number stays as before)
    assert text.endswith("w _ { 1 } o")  # a space ends the name


#: the output neuron of a worked example whose weights are named w1o, w2o (held-out 19)
OUTPUT = r"""
$$net_{o} = w1o * out_{h1} + w2o * out_{h2}$$

"""


@pytest.mark.parametrize(
    ("step", "status"),
    [
        (r"\frac{\partial net_{o}}{\partial w1o} = out_{h1}", "ok"),
        (r"\frac{\partial net_{o}}{\partial w2o} = out_{h2}", "ok"),
        (r"\frac{\partial net_{o}}{\partial w1o} = 2 out_{h1}", "wrong"),
    ],
)
def test_a_weight_named_with_letters_after_its_digits(step: str, status: str, runner: StepRunner) -> None:
    report = check_text(OUTPUT + f"$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    result = report.results[-1]
    assert result.status == status, result.message
