"""Functions a document uses without defining them (checks/latex/abstract_functions.py): a letter
written ``f'(…)`` is a function; steps about it are ok when they hold for any function (three
unrelated stand-ins), and never wrong, since the author may mean one particular f."""

from __future__ import annotations

from dataclasses import replace

import pytest
from derive.checks.latex.abstract_functions import document_abstract_functions, stand_in_pairs
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
#: the prose that makes f (and g) functions: a primed call
PREAMBLE = "The activation is $f$ with slope $f'(x)$, and $g'(x)$ for the hidden layer.\n\n"


def _status(step: str, runner: StepRunner, preamble: str = PREAMBLE) -> tuple[str, str]:
    report = check_text(f"{preamble}$$ {step} $$\n", NOTATION, runner=runner, examples=30, markdown=True)
    (result,) = report.results
    return result.status, result.message


HOLD_FOR_ANY_F = [
    r"\frac{\partial}{\partial w} f(w x + b) = f'(w x + b)\, x",
    r"\frac{\partial}{\partial w} \frac12 (f(w x + b) - t)^2 = (f(w x + b) - t) f'(w x + b) x",
    r"{1 \over 2}\left( {\partial \over \partial u}(f(u) - t)^2 + {\partial \over \partial u}(f(2u) - s)^2 \right)"
    r" = (f(u)-t)f'(u) + 2(f(2u)-s)f'(2u)",
    r"\frac{d}{dx} g(f(x)) = g'(f(x)) f'(x)",
    r"\frac{\partial}{\partial w_{11}} f(i_1 w_{11} + i_2 w_{21}) = i_1 f'(i_1 w_{11} + i_2 w_{21})",
]


@pytest.mark.parametrize("step", HOLD_FOR_ANY_F)
def test_a_step_true_for_every_function_is_ok(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status == "ok", message
    assert "undefined" in message


FALSE_FOR_SOME_F = [
    r"\frac{\partial}{\partial w} f(w x + b) = f'(w x + b)",  # the inner derivative x dropped
    r"\frac{\partial}{\partial w} \frac12 (f(w x + b) - t)^2 = (f(w x + b) - t) x",
    r"\frac{d}{dx} g(f(x)) = g'(x) f'(x)",
    r"f'(x) = f(x)(1 - f(x))",  # true when f is the sigmoid, which the prose may say
]


@pytest.mark.parametrize("step", FALSE_FOR_SOME_F)
def test_a_step_false_for_some_function_is_never_called_wrong(step: str, runner: StepRunner) -> None:
    status, message = _status(step, runner)
    assert status == "inconclusive", message
    assert "does not define" in message


def test_without_a_primed_call_the_letter_stays_a_question(runner: StepRunner) -> None:
    status, _ = _status(r"\frac{\partial}{\partial w} f(w x) = f'(w x) x", runner, preamble="")
    assert status == "ok"  # the primed call in the step itself makes f a function
    status, message = _status(r"f(w x) = 2", runner, preamble="")
    # read as an unknown function of its argument (applied_calls): never ok, never wrong
    assert status == "inconclusive" and "as a function the document does not define" in message


def test_known_and_defined_functions_are_not_taken_for_undefined_ones() -> None:
    text = r"$\sigma'(x)$, $f'(x)$, $\varphi^{\prime}(z)$, $e'(x)$, $y' (t)$, $\phi'(z)$ and $\log'(x)$"
    found = document_abstract_functions(text, NOTATION)
    # φ is the ReLU in this notation, σ and log are known, e is Euler's number
    assert set(found) == {"f", r"\varphi", "y"}


def test_stand_ins_replace_the_same_function_on_both_sides() -> None:
    import sympy as sp

    x = sp.Symbol("x", real=True)
    f = sp.Function("f")
    pairs = stand_in_pairs(sp.diff(f(2 * x), x), 2 * sp.Subs(sp.Derivative(f(x), x), x, 2 * x))
    assert len(pairs) == 3
    assert all(sp.simplify(a - b) == 0 for a, b in pairs)
    assert stand_in_pairs(x**2, x) == []


def test_a_prime_spelled_with_the_command_makes_a_function(runner: StepRunner) -> None:
    # f\prime(x), as a LaTeX homework writes f'(x): f is a function, f\prime its derivative
    assert set(document_abstract_functions(r"$f\prime(x) = \frac{g\prime(x)}{h(x)}$", NOTATION)) == {"f", "g"}
    assert set(document_abstract_functions(r"$a\primer(x)$", NOTATION)) == set()  # another command
    status, message = _status(r"\frac{d}{dx} f(2x) = 2 f\prime(2x)", runner, preamble="")
    assert status == "ok", message
    status, message = _status(r"\frac{d}{dx} f(2x) = f\prime(2x)", runner, preamble="")
    assert status == "inconclusive", message


def test_a_layer_subscripted_activation_is_an_unknown_function(runner: StepRunner) -> None:
    # held-out 19 (kwichmann's notes): "\sigma_l(…): a function application or a product?"
    found = document_abstract_functions(r"$a^{(l)}=\sigma_l(z^{(l)})$, $\varphi_{2}(x)$, $\phi_{\ell}(u)$", NOTATION)
    assert set(found) == {r"\sigma_{l}", r"\varphi_{2}", r"\phi_{\ell}"}
    # no call of an activation: a Latin letter's subscripted form is a name (h_1 (f(…) - t_1))
    assert document_abstract_functions(r"$h_1 (z)$, $g_l(z)$ and $\sigma_l z$", NOTATION) == {}
    status, message = _status(r"\sigma_l(z) = \sigma_l(z) + 0", runner, preamble="")
    assert status == "ok", message
    status, message = _status(r"\sigma_l(2z) = 2\sigma_l(z)", runner, preamble="")
    assert status == "inconclusive", message  # fails for some σ_l: never wrong, the author's σ_l may be linear


def test_a_letter_differentiated_by_its_own_argument_is_a_function(runner: StepRunner) -> None:
    # held-out 27's dudung notes state \frac{\partial f(x)}{\partial x} = f(x)[1 - f(x)] and never prime f:
    # a letter applied to x and differentiated by x is a function (a product f·x would not be written so)
    forms = [r"\frac{\partial f(x)}{\partial x}", r"\frac{d g(z)}{dz}", r"\frac{d}{dt} h(t)"]
    assert set(document_abstract_functions(" ".join(f"${t}$" for t in forms), NOTATION)) == {"f", "g", "h"}
    assert document_abstract_functions(r"$\frac{\partial f(x)}{\partial y}$, $\frac{d}{dx} q(y)$", NOTATION) == {}
    # held-out 17's sutne report: C(w) differentiated by w is the loss at its parameters, not an unknown C
    assert document_abstract_functions(r"$\frac{\partial C(w)}{\partial w}$, $\frac{d J(w)}{dw}$", NOTATION) == {}
    stated = r"The activation's slope is $\frac{\partial f(x)}{\partial x}$." + "\n\n"
    assert _status(r"\frac{\partial}{\partial u} f(u y) = f'(u y) y", runner, preamble=stated)[0] == "ok"
    status, message = _status(r"\frac{\partial}{\partial u} f(u y) = f'(u y)", runner, preamble=stated)
    assert status == "inconclusive" and "does not define" in message, message


def test_a_subscripted_primed_letter_is_an_unknown_function(runner: StepRunner) -> None:
    # held-out 30's JeffDeCola sheet: f_{o}'(s_{o}), the output neuron's activation, never defined
    written = r"$f_{o}'(s_{o})$, $g_h'(z)$, $f_{h[0]}^{\prime}(s)$, $h_{1}' \left(x\right)$"
    assert set(document_abstract_functions(written, NOTATION)) == {"f_{o}", "g_{h}", "f_{h^[0]}", "h_{1}"}
    # no prime before a bracket, another letter (an updated weight), or a value the notation gives it
    assert document_abstract_functions(r"$f_o (z)$, $w_{1}'(1 - \eta)$, $f_{o}' = 2$", NOTATION) == {}
    valued = replace(NOTATION, definitions={**NOTATION.definitions, "f_{o}": "3"})
    assert document_abstract_functions(r"$f_{o}'(s)$", valued) == {}
    preamble = "Let $y_{o} = f_{o}(s_{o})$.\n\n"
    steps = [
        (r"\frac{\partial}{\partial s_{o}} f_{o}(s_{o}) = f_{o}'(s_{o})", "ok"),
        (r"\frac{\partial}{\partial s_{o}} f_{o}(2 s_{o}) = f_{o}'(2 s_{o})", "inconclusive"),
        (r"\frac{\partial}{\partial w} f_{o}(w x + b) \cdot (y - z) = f_{o}'(w x + b) \, x (y - z)", "ok"),
        (r"\frac{\partial}{\partial w} f_{o}(w x + b) \cdot (y - z) = f_{o}'(w x + b) (y - z)", "inconclusive"),
    ]
    for step, expected in steps:
        status, message = _status(step, runner, preamble=preamble)
        assert status == expected, (step, message)


def test_a_prime_written_before_the_subscript_is_the_same_function(runner: StepRunner) -> None:
    # held-out 31's stansbury notes: g'_k(z_k), the output activation's derivative (TeX sets g'_k as g_k')
    written = r"$g'_k(z_k)$, $g^{\prime}_{j}(z_j)$, $f'_{l}\left(z\right)$"
    assert set(document_abstract_functions(written, NOTATION)) == {"g_{k}", "g_{j}", "f_{l}"}
    assert document_abstract_functions(r"$y'_i (1 - y'_i)$, $w'_{1}(1 - \eta)$", NOTATION) == {}
    preamble = "The output is $a_k = g_k(z_k)$.\n\n"
    steps = [
        (r"\frac{\partial}{\partial z_k} g_k(z_k) = g'_k(z_k)", "ok"),
        (r"\frac{\partial}{\partial w} g_k(w x + b) = g^{\prime}_k(w x + b) \, x", "ok"),
        (r"\frac{\partial}{\partial w} g_k(w x + b) = g'_k(w x + b)", "inconclusive"),  # the twin: x dropped
    ]
    for step, expected in steps:
        status, message = _status(step, runner, preamble=preamble)
        assert status == expected, (step, message)
