r"""A cost summed over examples, differentiated by one example's quantity (example_sums.py):
``J = \frac{1}{m}\sum_i \mathcal{L}^{(i)}`` then ``\frac{\partial J}{\partial a^{(i)}}`` is read as the
coefficient times the derivative of example i's term, where the step was left unread for a
dependence not stated. True steps are proved, wrong ones found (a sign, a dropped 1/m, an extra
σ' factor, missing brackets), and a cost the document does not define, defines twice or sums
with a quantity shared by every example stays as it was."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.example_sums import example_term_reading
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

#: the logistic model of held-out 19's notes, per example, and its mean cost
_LOGISTIC = (
    "\\begin{equation}\na^{(i)}=\\sigma(z^{(i)})\n\\end{equation}\n"
    "\\begin{equation}\n\\mathcal{L}^{(i)}=-\\left[y^{(i)}\\log a^{(i)}"
    "+(1-y^{(i)})\\log(1-a^{(i)})\\right]\n\\end{equation}\n"
    "\\begin{equation}\nJ=\\frac{1}{m}\\sum_{i=1}^m\\mathcal{L}^{(i)}\n\\end{equation}\n"
)


def _verdicts(text: str) -> dict[str, tuple[str, str]]:
    """(status, message) of each step, by its right side."""
    with StepRunner(10.0) as runner:
        report = check_text(text, NOTATION, file="t.tex", markdown=False, runner=runner)
    return {r.step.rhs.strip(): (r.status, r.message) for r in report.results}


def _step(lhs: str, rhs: str) -> str:
    return f"\\begin{{equation}}\n{lhs} = {rhs}\n\\end{{equation}}\n"


@pytest.mark.parametrize(
    ("lhs", "rhs", "status"),
    [
        # the per-example derivative with its 1/m, by a and through a = σ(z)
        (
            r"\frac{\partial J}{\partial a^{(i)}}",
            r"-\frac{1}{m}\left[\frac{y^{(i)}}{a^{(i)}}-\frac{1-y^{(i)}}{1-a^{(i)}}\right]",
            "ok",
        ),
        (r"\frac{\partial J}{\partial z^{(i)}}", r"\frac{1}{m}(a^{(i)}-y^{(i)})", "ok"),
        # a sign turned
        (
            r"\frac{\partial J}{\partial a^{(i)}}",
            r"\frac{1}{m}\left[\frac{y^{(i)}}{a^{(i)}}-\frac{1-y^{(i)}}{1-a^{(i)}}\right]",
            "wrong",
        ),
        (r"\frac{\partial J}{\partial z^{(i)}}", r"\frac{1}{m}(y^{(i)}-a^{(i)})", "wrong"),
        # σ' multiplied in again (the cross-entropy cancels it)
        (r"\frac{\partial J}{\partial z^{(i)}}", r"\frac{1}{m}(a^{(i)}-y^{(i)})a^{(i)}(1-a^{(i)})", "wrong"),
        # the brackets left out (held-out 19: \frac{1}{m}a^{(i)}-y^{(i)}), the chain written out
        (
            r"\frac{\partial J}{\partial a^{(i)}}\frac{\partial a^{(i)}}{\partial z^{(i)}}",
            r"\frac{1}{m}a^{(i)}-y^{(i)}",
            "wrong",
        ),
        # the 1/m dropped: wrong for every number of examples but one (judged at m = 3)
        (r"\frac{\partial J}{\partial z^{(i)}}", r"a^{(i)}-y^{(i)}", "wrong"),
        # the step's example letter is k, the sum's i: the same reading
        (r"\frac{\partial J}{\partial z^{(k)}}", r"\frac{1}{m}(a^{(k)}-y^{(k)})", "ok"),
        (r"\frac{\partial J}{\partial z^{(k)}}", r"\frac{1}{m}(y^{(k)}-a^{(k)})", "wrong"),
    ],
)
def test_a_mean_cost_by_one_examples_value(lhs: str, rhs: str, status: str) -> None:
    got, message = _verdicts(_LOGISTIC + _step(lhs, rhs))[rhs]
    assert got == status, message
    assert "one example's term of J's sum" in message


def test_the_cost_written_inline_and_a_loss_function_summed() -> None:
    # held-out 25's BCE: the summand written out, ŷ = σ(z) said inline, the 1/N dropped
    text = (
        "Sea $z^{(i)} = w x^{(i)} + b$, y $\\hat{y}^{(i)} = \\sigma(z^{(i)})$. La BCE:\n\n"
        "$$\\text{BCE} = -\\frac{1}{N}\\sum_{i=1}^N \\bigl[y^{(i)}\\log(\\hat{y}^{(i)}) + "
        "(1-y^{(i)})\\log(1-\\hat{y}^{(i)})\\bigr].$$\n\n"
        "$$\\frac{\\partial \\text{BCE}}{\\partial z^{(i)}} = \\hat{y}^{(i)} - y^{(i)}$$\n\n"
        "$$\\frac{\\partial \\text{BCE}}{\\partial z^{(i)}} = \\frac{1}{N}(\\hat{y}^{(i)} - y^{(i)})$$\n"
    )
    with StepRunner(10.0) as runner:
        results = check_text(text, NOTATION, file="t.md", markdown=True, runner=runner).results
    by_rhs = {r.step.rhs.strip(): r for r in results}
    assert by_rhs[r"\hat{y}^{(i)} - y^{(i)}"].status == "wrong"
    assert "N = 3 examples" in by_rhs[r"\hat{y}^{(i)} - y^{(i)}"].message
    assert by_rhs[r"\frac{1}{N}(\hat{y}^{(i)} - y^{(i)})"].status == "ok"
    # Andrew Ng's cost: a loss function of (ŷ, y) summed over the examples
    text = (
        "$$\\mathcal{L}(\\hat{y}, y) = -\\left(y\\log\\hat{y} + (1-y)\\log(1-\\hat{y})\\right)$$\n\n"
        "$$J = \\frac{1}{m}\\sum_{i=1}^{m}\\mathcal{L}(\\hat{y}^{(i)}, y^{(i)})$$\n\n"
        "$$\\frac{\\partial J}{\\partial \\hat{y}^{(i)}} = \\frac{1}{m}\\left(\\frac{1-y^{(i)}}{1-\\hat{y}^{(i)}} - "
        "\\frac{y^{(i)}}{\\hat{y}^{(i)}}\\right)$$\n\n"
        "$$\\frac{\\partial J}{\\partial \\hat{y}^{(i)}} = \\frac{1}{m}\\left(\\frac{y^{(i)}}{\\hat{y}^{(i)}} - "
        "\\frac{1-y^{(i)}}{1-\\hat{y}^{(i)}}\\right)$$\n"
    )
    with StepRunner(10.0) as runner:
        statuses = [r.status for r in check_text(text, NOTATION, file="t.md", markdown=True, runner=runner).results]
    assert statuses[-2:] == ["ok", "wrong"]


@pytest.mark.parametrize(
    ("document", "step"),
    [
        # K is never defined: its dependence is not stated anywhere
        (_LOGISTIC, _step(r"\frac{\partial K}{\partial a^{(i)}}", r"\frac{1}{m}(a^{(i)}-y^{(i)})")),
        # J defined twice: which one the step means is not known
        (
            _LOGISTIC + "\\begin{equation}\nJ=\\sum_{i=1}^m\\mathcal{L}^{(i)}\n\\end{equation}\n",
            _step(r"\frac{\partial J}{\partial z^{(i)}}", r"(a^{(i)}-y^{(i)})"),
        ),
        # μ, the batch mean, is shared by every example: every term depends on a^{(i)}
        (
            "$$\\mu = \\frac{1}{m}\\sum_{k=1}^{m} a^{(k)}$$\n\n"
            "$$C = \\frac{1}{m}\\sum_{i=1}^{m}(a^{(i)} - \\mu)^2$$\n\n",
            "$$\\frac{\\partial C}{\\partial a^{(i)}} = \\frac{2}{m}(\\mu - a^{(i)})$$\n",
        ),
        # a recurrent net: h^{(t)} feeds h^{(t+1)}, so every later term depends on h^{(t)} too
        (
            "$$h^{(t)} = \\tanh(w h^{(t-1)} + u x^{(t)})$$\n\n$$\\hat{y}^{(t)} = v h^{(t)}$$\n\n"
            "$$L = \\sum_{t=1}^{T}(\\hat{y}^{(t)} - y^{(t)})^2$$\n\n",
            "$$\\frac{\\partial L}{\\partial h^{(t)}} = 2v(\\hat{y}^{(t)} - y^{(t)})$$\n",
        ),
    ],
)
def test_no_reading_where_the_document_does_not_say_enough(document: str, step: str) -> None:
    with StepRunner(10.0) as runner:
        results = check_text(document + step, NOTATION, file="t.md", markdown=True, runner=runner).results
    last = results[-1]
    assert last.status not in ("ok", "wrong"), last.message
    assert "one example's term" not in last.message


def test_the_reading_itself() -> None:
    # the sum's coefficient before the one term's derivative; a derivative of an undefined name kept
    class _Doc:
        from derive.checks.latex.doc_definitions import Definition

        defs = [
            Definition(1, 0, r"\mathcal{L}^{(i)}", r"(a^{(i)} - y^{(i)})^2", "", (1, 0)),
            Definition(2, 0, "J", r"\frac{1}{m}\sum_{i=1}^m \mathcal{L}^{(i)}", "", (2, 0)),
        ]
        reassigned: list = []
        redefined: list = []

    lhs, rhs, sums = example_term_reading(
        r"\frac{\partial J}{\partial a^{(i)}} + \frac{\partial K}{\partial a^{(i)}}", "0", _Doc(), NOTATION, (5, 0)
    )
    assert lhs == (
        r"\left(\frac{1}{m}\frac{\partial}{\partial a^{(i)}}\left(\mathcal{L}^{(i)}\right)\right)"
        r" + \frac{\partial K}{\partial a^{(i)}}"
    )
    assert [s.name for s in sums] == ["J"]
    # a variable with no example label (w, shared by every example) is no one term's
    assert example_term_reading(r"\frac{\partial J}{\partial w}", "0", _Doc(), NOTATION, (5, 0)) is None
