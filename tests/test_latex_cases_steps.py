"""A step onto a cases environment laid out over lines is also judged case by case (cases_steps.py)."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()


def _by_line(text: str, runner: StepRunner) -> dict[int, list]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    out: dict[int, list] = {}
    for r in report.results:
        out.setdefault(r.step.line, []).append(r)
    return out


_SIGMOID = (
    "Each unit applies the logistic function on its own:\n\n"
    "$$\n\\frac{\\partial \\sigma(z_i)}{\\partial z_j} =\n   \\begin{cases}\n"
    "   \\sigma(z_i)(1-\\sigma(z_i)) & \\text{si } i=j  \\\\\n"
    "   0 & \\text{si } i \\neq j  , \\forall i \\in[1,C]\n  \\end{cases}\n$$\n\n"
    "$$\n\\frac{\\partial \\sigma(z_i)}{\\partial z_j} =\n   \\begin{cases}\n"
    "   \\sigma(z_i)(1-\\sigma(z_i)) & \\text{if } i=j  \\\\\n"
    "   \\sigma(z_i) & \\text{otherwise}\n  \\end{cases}\n$$\n"
)


def test_each_case_is_a_step_under_its_condition(runner: StepRunner) -> None:
    # held-out 17 (neodelphis, French "si"): the reader lists each case at its own line
    by_line = _by_line(_SIGMOID, runner)
    assert [r.status for r in by_line[6]] == ["ok"] and [r.status for r in by_line[7]] == ["ok"]
    assert by_line[6][0].step.conditions[-1] == "i = j" and "i \\neq j" in by_line[7][0].step.conditions
    assert [r.status for r in by_line[14]] == ["ok"]
    assert [r.status for r in by_line[15]] != ["ok"]  # "otherwise" is i ≠ j, and there the case fails
    assert "i \\neq j" in by_line[15][0].step.conditions
    assert [r.status for r in by_line[5]] == ["ok"]  # the whole, at its own line, as before


_RELU = (
    "$$\n\\frac{d}{dz}\\mathrm{ReLU}(z) =\n\\begin{cases}\n1 & \\text{if } z > 0 \\\\\n"
    "1 & \\text{otherwise}\n\\end{cases}\n$$\n"
)


def test_the_wrong_case_is_the_one_pointed_at(runner: StepRunner) -> None:
    by_line = _by_line(_RELU, runner)
    assert [r.status for r in by_line[4]] == ["ok"]
    wrong = by_line[5][0]
    assert wrong.status == "wrong" and "z <= 0" in wrong.message  # inside the negated condition


_CHAINS = (
    "Given $\\sigma'(x)=\\sigma(x)\\left(1-\\sigma(x)\\right)$,\n"
    "\\[\\frac{\\partial E}{\\partial u}=\\begin{cases}\n"
    "-\\frac{\\sigma'\\left(u\\right)}{\\sigma\\left(u\\right)}=\\sigma\\left(u\\right)-1& \\text{for $u > 0$,}\\\\\n"
    "\\frac{\\sigma'\\left(-u\\right)}{\\sigma\\left(-u\\right)}=1-\\sigma\\left(-u\\right)=\\sigma\\left(u\\right)+1"
    "& \\text{for $u \\leq 0$.}\n\\end{cases}\\]\n"
)


def test_a_chain_inside_a_case_is_steps_under_its_condition(runner: StepRunner) -> None:
    # held-out 17 (word2vec): each row of the cases is a chain of its own
    by_line = _by_line(_CHAINS, runner)
    third = {(r.step.lhs, r.step.rhs): r.status for r in by_line[3]}
    assert third[(r"-\frac{\sigma'\left(u\right)}{\sigma\left(u\right)}", r"\sigma\left(u\right)-1")] == "ok"
    fourth = [r.status for r in by_line[4]]
    assert fourth[1] == "ok" and fourth[2] == "wrong"  # 1 - σ(-u) = σ(u) + 1 is wrong


def test_an_environment_on_one_line_or_with_unread_conditions_stays_whole(runner: StepRunner) -> None:
    one_line = "$$f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$\n"
    assert len(_by_line(one_line, runner)[1]) == 1
    # a condition not read (a set membership) and a second "otherwise": no case is judged alone
    unread = "$$\ng(x) =\n\\begin{cases}\n1 & x \\in A \\\\\n0 & \\text{otherwise}\n\\end{cases}\n$$\n"
    assert sorted(_by_line(unread, runner)) == [3]  # the whole step only, at its \\begin{cases}


def test_an_array_in_a_brace_closed_by_nothing_is_a_cases_environment(runner: StepRunner) -> None:
    # held-out 18 (a Chinese MLP report): \left\{ \begin{array}{ll} … \end{array}\right. was "set braces"
    from derive.checks.latex.brace_cases import brace_cases
    from derive.checks.latex.tex_tokens import tex_tokens

    words = [t for t, _ in brace_cases(list(tex_tokens(r"\left\{ \begin{array}{ll} 0, & x < 0 \end{array}\right.")))]
    assert "".join(words) == r"\begin{cases}0,&x<0\end{cases}"
    matrix = r"\left( \begin{array}{ll} 0 & 1 \end{array}\right)"  # a matrix in brackets stays one
    assert [t for t, _ in brace_cases(list(tex_tokens(matrix)))] == [t for t, _ in tex_tokens(matrix)]
    block = "$$\n\\frac{{d}}{{dx}}\\mathrm{{ReLU}}(x)= \\left \\{{\n\\begin{{array}}{{ll}}\n"
    block += "0, & x < 0\\\\\n{}, & x \\geq 0\n"
    text = (block + "\\end{{array}}\\right.\n$$\n\n").format(1) + (block + "\\end{{array}}\\right.\n$$\n").format(0)
    by_line = _by_line(text, runner)
    assert [r.status for r in by_line[2]] == ["ok"] and [r.status for r in by_line[5]] == ["ok"]
    assert [r.status for r in by_line[13]] == ["wrong"]  # ReLU'(x) = 0 for x ≥ 0


_UNREAD = (
    "Given the definition of E,\n\n"
    "$$\\frac{\\partial E}{\\partial u_j}=\\begin{cases}\n"
    "\\frac{2u_j}{2}=u_j & \\text{for $j=j^*$,}\\\\\n"
    "\\frac{u_j}{2}=u_j & \\text{for $j=j_1,\\ldots,j_k$,}\\\\\n"
    "0 & \\text{otherwise.}\n\\end{cases}$$\n"
)


def test_rows_under_conditions_not_read_are_judged_but_never_wrong(runner: StepRunner) -> None:
    # word2vec notes (held-out 17): the conditions name j* and j_1 … j_k; a row's own equation holds
    # or not whatever they say, but a counterexample cannot be checked against them
    by_line = _by_line(_UNREAD, runner)
    assert [r.status for r in by_line[4]][-1] == "ok"
    wrong_twin = by_line[5][-1]
    assert wrong_twin.status == "inconclusive" and "not read" in wrong_twin.message
