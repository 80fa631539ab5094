r"""Chains written one inline formula per line (checks/latex/continued_inline.py, and extract's
joining of ``A = B =`` with ``= C``): such lines were lost, because an inline formula that starts
with ``=`` has no left side, and a line ending in ``=`` followed by one starting with ``=`` made
an empty term between the two signs."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.continued_inline import with_continued_inline
from derive.checks.latex.extract import extract
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.region import Region

NOTATION = load_notation()

# quoted from tests/data/latex_heldout24/logistic_gradients_mihai2014.ipynb (mihai2014/mihai2014.github.io,
# debug/0_gradients.ipynb): each line ends with "=" and the next starts with one
ENDS_AND_STARTS = (
    r"<p>$\frac{dLoss}{d\hat{y}}=-\frac{d\,(y\ln(\hat{y}))}{d\hat{y}} -\frac{d\,((1-y)\ln(1-\hat{y}) )}{d\hat{y}}=$</p>"
    "\n"
    r"<p>$=-y\frac{d}{d\hat{y}}\ln{\hat{y}}-(1-y)\frac{d}{d\hat{y}}\ln{(1-\hat{y})}=$</p>"
    "\n"
    r"<p>$=-\frac{y}{\hat{y}}+\frac{1-y}{1-\hat{y}}$</p>"
)

# after tests/data/latex_heldout33/logistic_regression_irls_travisddavies.md, lines 279-288
# (travisddavies): a line indented with "\ " and a remark after it, so not a display of its own
INDENTED = (
    "- Newton's step:\n"
    r"$f(w) = (w+1)^2 = w^2 + 2w + 1$ " + "\n\n"
    r"$\ \ \ \ \ \ \ \ = 1 + 2w + w^2$, where $M_{ii}=\mu_i(1-\mu)$ otherwise 0" + "\n"
)


def _results(text: str, runner: StepRunner) -> list[tuple[int, str, str]]:
    report = check_text(text + "\n", NOTATION, runner=runner, examples=20, markdown=True)
    return [(r.step.line, r.status, r.step.rhs) for r in report.results]


def test_a_line_ending_in_equals_goes_on_with_the_next_line(runner: StepRunner) -> None:
    results = _results(ENDS_AND_STARTS, runner)
    assert [line for line, _, _ in results] == [1, 2, 3]  # the second and third lines were lost
    # the first step needs the document's Loss (not in the excerpt); the two lines after it are proved
    assert [status for _, status, _ in results][1:] == ["ok", "ok"] and results[0][1] != "wrong"


def test_a_slip_on_such_a_line_is_found(runner: StepRunner) -> None:
    slip = ENDS_AND_STARTS.replace(
        r"=-\frac{y}{\hat{y}}+\frac{1-y}{1-\hat{y}}", r"=-\frac{y}{\hat{y}}-\frac{1-y}{1-\hat{y}}"
    )
    assert slip != ENDS_AND_STARTS
    statuses = {line: status for line, status, _ in _results(slip, runner)}
    assert statuses[3] == "wrong" and statuses[2] == "ok" and statuses[1] != "wrong"


def test_an_indented_inline_line_continues_the_formula_before_it(runner: StepRunner) -> None:
    results = _results(INDENTED, runner)
    assert (4, "ok", "1 + 2w + w^2") in results
    slip = _results(INDENTED.replace("= 1 + 2w + w^2", "= 1 + w + w^2"), runner)
    assert [status for line, status, _ in slip if line == 4] in (["wrong"], ["inconclusive"])
    assert all(status != "wrong" for line, status, _ in slip if line != 4)


def _region(text: str, body: str, kind: str = "inline") -> Region:
    start = text.index(body)
    return Region(kind, body, tuple(range(start, start + len(body))), start - 1, start + len(body) + 1)


def test_only_a_line_that_starts_with_a_relation_is_a_chain_line() -> None:
    text = "We have $a = b$ and then\n<p>$= c$</p>\nand $=> d$\n"
    regions = [_region(text, "a = b"), _region(text, "= c"), _region(text, "=> d")]
    kinds = [r.kind for r in with_continued_inline(text, regions)]
    assert kinds == ["display", "display", "inline"]  # the head, its line; an implication stays


def test_a_formula_with_no_relation_is_not_made_the_head_of_a_chain() -> None:
    text = "the value of $x$\n$= 2$\n"
    regions = [_region(text, "x"), _region(text, "= 2")]
    assert [r.kind for r in with_continued_inline(text, regions)] == ["inline", "display"]
    # nothing to go on with: no step x = 2 is made up
    chains = [[p.text.strip() for p in e.pieces] for e in extract(text, markdown=True)]
    assert ["x", "= 2"] not in chains and all(len(chain) == 1 for chain in chains)


def test_a_relation_in_the_middle_of_a_line_is_no_chain_line() -> None:
    text = "so $a = b$ and also $= c$ here\n"
    regions = [_region(text, "a = b"), _region(text, "= c")]
    assert [r.kind for r in with_continued_inline(text, regions)] == ["inline", "inline"]
