r"""Names a document writes as functions (called_names.py): at a list of several arguments
(``E(w, b)``) or applied right after ∂ (``\partial E(\mathbf w)``), a bracket after the name is a
call everywhere in the document, read as an unknown function (ok or inconclusive, never wrong),
never as a product; a name the document gives a value (``C = 2``, ``a = \sigma(z)``) stays a
quantity, and a bracket after it a product."""

from __future__ import annotations

from derive.checks.latex.called_names import find_called_names
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.extract import extract
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def _called(text: str) -> frozenset[str]:
    return find_called_names(extract(text, markdown=True), NOTATION)


def test_a_name_at_several_arguments_or_under_a_partial_is_a_function() -> None:
    assert _called("The error $E(w, b)$, the loss $Q(s; a)$ and $D_{KL}(p \\| q)$.") == {"E", "Q", r"D_{KL}"}
    # (at one list only, ∂E(\mathbf w) is read as E bare already: fixed_arguments)
    assert _called(r"$$\frac{\partial E(\mathbf{w})}{\partial w_1} = 0$$ beside $E(2w)$") == {"E"}


def test_products_numbers_and_named_quantities_give_no_function() -> None:
    assert _called(r"$$a(1 - a) = a - a^2$$") == frozenset()  # one argument, no ∂: a product may be meant
    assert _called(r"$$c(1, 2) = (c, 2c)$$") == frozenset()  # numbers only: a scalar times a vector
    assert _called(r"$$\frac{\partial a(1 - a)}{\partial a} = 1 - 2a$$") == frozenset()  # ∂ of no plain name
    assert _called("Let $C = 2$, and $C(n, k)$ the count.") == frozenset()  # C is given a value


def test_a_bracket_after_a_function_of_the_document_is_a_call(runner: StepRunner) -> None:
    text = (
        "The error $E(w, b)$ of one example is a function of the weight and the bias.\n"
        r"$$\frac{d}{d w} E(2w) = 2E$$" "\n"  # read as E·2w this held
        r"$$\frac{d}{d w} E(2w) = 0$$" "\n"  # … and this was wrong: neither is known for a function E
        r"$$E(3w) = 3wE$$" "\n"
        r"$$E(3w) - E(3w) = 0$$" "\n"  # true for every function
    )
    assert _statuses(text, runner) == ["inconclusive", "inconclusive", "inconclusive", "ok"]


def test_a_name_differentiated_applied_is_a_function_too(runner: StepRunner) -> None:
    text = (
        r"The gradient has entries $\frac{\partial E(\mathbf{w})}{\partial w_1}$." "\n"
        r"$$\frac{d}{d w} E(2w) = 2E$$" "\n"
        r"$$E(3w) = 3wE$$" "\n"
    )
    assert _statuses(text, runner) == ["inconclusive", "inconclusive"]


def test_a_name_given_a_value_stays_a_product(runner: StepRunner) -> None:
    # wrong twins: C is a number and a the sigmoid's value, whatever else the document writes
    text = (
        "Let $C = 2$. The count $C(n, k)$ is not used here.\n"
        "$$C(x + 1) = 2x + 2$$\n"
        "$$C(x + 1) = 2x + 1$$\n"
    )
    assert _statuses(text, runner) == ["ok", "wrong"]
    text = (
        r"Let $a = \sigma(z)$, and the loss $E(a, y)$." "\n"
        r"$$\frac{d a}{d z} = a(1 - a)$$" "\n"
        r"$$\frac{d a}{d z} = a(1 + a)$$" "\n"
    )
    assert _statuses(text, runner) == ["ok", "wrong"]
