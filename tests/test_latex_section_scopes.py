r"""A name each section defines afresh is, inside a section, that section's value
(checks/latex/section_scopes.py): a wrong step there was held as "defined more than once"."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.headings import heading_lines
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()

# after tests/data/latex_heldout39/classification_losses_cadene.tex (a report that writes every
# layer's output z, section by section; its log-loss derivative drops a sign)
SIGMOID = r"""
\section{Sigmoid}
The forward pass is
\begin{equation}
z = \frac{1}{1 + e^{-x}}
\end{equation}
and its derivative
\begin{equation}
\frac{dz}{dx} = z(1 - z)
\end{equation}
"""
LOGLOSS = r"""
\section{Log loss}
The forward pass is
\begin{equation}
z = \log(1 + e^{-l x})
\end{equation}
and its derivative
\begin{equation}
\frac{dz}{dx} = -\frac{l e^{-l x}}{1 + e^{-l x}}
\end{equation}
"""
SLIP = LOGLOSS.replace(r"= -\frac{l e", r"= \frac{l e")


def _statuses(text: str, runner: StepRunner) -> list[str]:
    report = check_text(text, NOTATION, runner=runner, examples=20, markdown=False)
    return [r.status for r in report.results]


def test_heading_lines() -> None:
    assert heading_lines("# A\ntext\n## B\n\\section{C}\n\\subsection*{D}\n#hashtag\n\\paragraph{E}") == [1, 3, 4, 5, 7]


def test_a_slip_in_the_second_section_is_found(runner: StepRunner) -> None:
    assert _statuses(SIGMOID + LOGLOSS, runner)[-1] == "ok"
    assert _statuses(SIGMOID + SLIP, runner)[-1] == "wrong"  # was held: z defined more than once


def test_without_headings_which_z_is_meant_is_not_known(runner: StepRunner) -> None:
    flat = (SIGMOID + SLIP).replace(r"\section{Sigmoid}", "").replace(r"\section{Log loss}", "")
    assert _statuses(flat, runner)[-1] == "inconclusive"


def test_two_values_inside_the_section_keep_the_hold(runner: StepRunner) -> None:
    twice = SLIP.replace("and its derivative", "or, in another form,\n\\begin{equation}\nz = x^2\n\\end{equation}\nand")
    assert _statuses(SIGMOID + twice, runner)[-1] == "inconclusive"


def test_a_name_defined_from_the_earlier_value_keeps_the_hold(runner: StepRunner) -> None:
    derived = SIGMOID.replace("and its derivative", "and\n\\begin{equation}\na = 2 z\n\\end{equation}\nso")
    dz = r"\frac{dz}{dx} = \frac{l e^{-l x}}{1 + e^{-l x}}"
    uses_a = SLIP.replace(dz, r"\frac{da}{dx} = \frac{2 l e^{-l x}}{1 + e^{-l x}}")
    assert uses_a != SLIP
    assert _statuses(derived + uses_a, runner)[-1] != "wrong"
