"""Matrix steps that used to stop on shapes, and the align comment column (``&&\\why{…}``)."""

from __future__ import annotations

from derive.checks.latex.annotation_column import annotation_start
from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation

COURSE = load_notation()


def _results(text: str, markdown: bool = False) -> list[tuple[str, str, str]]:
    return [(r.step.lhs, r.step.rhs, r.status) for r in check_text(text, COURSE, markdown=markdown).results]


_MACROS = "\\newcommand{\\why}[1]{\\quad\\text{(#1)}}\n"
_BACKPROP = "\n".join(
    [
        r"$z_\ell = W_\ell a_{\ell-1} + b_\ell$, $a_\ell = \sigma(z_\ell)$,",
        r"$\delta_\ell := \partial J/\partial z_\ell$.",
        r"\begin{align*}",
        r"\tfrac{\partial J}{\partial a_{\ell-1}} &= W_\ell^T\delta_\ell &&\why{$z_\ell$ linear in $a_{\ell-1}$}\\",
        r"\delta_{\ell-1} &= \bigl(W_\ell^T\delta_\ell\bigr)\odot\sigma'(z_{\ell-1}) &&\why{through $\sigma$}",
        r"\end{align*}",
        "",
    ]
)


def test_a_comment_column_is_not_part_of_the_step() -> None:
    rows = [r for r in _results(_MACROS + _BACKPROP) if "why" not in r[0]]
    expected = [r"W_\ell^T\delta_\ell", r"\bigl(W_\ell^T\delta_\ell\bigr)\odot\sigma'(z_{\ell-1})"]
    assert [r[1] for r in rows[-2:]] == expected
    assert [r[2] for r in rows[-2:]] == ["ok", "ok"]


def test_a_wrong_step_with_a_comment_column_is_still_found() -> None:
    text = "\\begin{align*}\n\\frac{d}{dx} x^3 &= 2x^2 &&\\why{power rule}\n\\end{align*}\n"
    (result,) = [r for r in check_text(text, COURSE, markdown=False).results]
    assert result.status == "wrong"
    assert result.counterexample is not None


def test_a_column_with_a_relation_is_kept() -> None:
    assert annotation_start(r"a &= b && c &= d") is None  # a second equation
    assert annotation_start(r"a &= b && \text{if } i \neq j") is None  # a condition
    assert annotation_start(r"A = \begin{cases} 1 && x \end{cases}") is None  # inside an environment
    assert annotation_start(r"a &= b & & \text{(chain rule)}") == 7
    assert annotation_start(r"a &= b") is None
