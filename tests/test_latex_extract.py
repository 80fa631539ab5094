"""Display math is found with its line numbers; continuations join chains; nothing else does."""

from __future__ import annotations

from derive.checks.latex.extract import extract, starts_with_relation


def _displays(text: str, **kw):
    return [e for e in extract(text, **kw) if e.kind == "display"]


def test_dollar_display_on_one_line_keeps_its_line() -> None:
    text = "intro\n\n$$a = b = c$$\n"
    (eq,) = _displays(text)
    assert eq.line == 3
    assert eq.text == "a = b = c"


def test_align_rows_with_continuations_form_one_chain_with_row_lines() -> None:
    text = "\\begin{align*}\nL &= A \\\\\n  &= B \\\\\n  &= C\n\\end{align*}\n"
    (eq,) = _displays(text, markdown=False)
    assert [p.line for p in eq.pieces] == [2, 3, 4]
    assert [p.text for p in eq.pieces] == ["L  = A", "= B", "= C"]


def test_rows_without_a_leading_relation_are_separate_equations() -> None:
    text = "\\begin{gather}\na = b \\\\\nc = d\n\\end{gather}"
    eqs = _displays(text, markdown=False)
    assert [e.text for e in eqs] == ["a = b", "c = d"]
    assert [e.line for e in eqs] == [2, 3]


def test_aligned_inside_dollars_is_transparent_and_cases_rows_are_not_split() -> None:
    text = "$$\\begin{aligned}\nf &= \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases} \\\\\n&= g\n\\end{aligned}$$"
    (eq,) = _displays(text)
    assert len(eq.pieces) == 2
    assert "\\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}" in eq.pieces[0].text
    assert eq.pieces[1].line == 3


def test_brackets_equation_split_and_tags() -> None:
    text = "\\[ x = y \\tag{1} \\]\n\\begin{equation}\\label{eq:a}\n\\begin{split} p &= q \\\\ &= r \\end{split}\n\\end{equation}"
    eqs = _displays(text, markdown=False)
    assert [e.text for e in eqs] == ["x = y", "p  = q = r"]


def test_equation_numbers_trailing_punctuation_and_boxes_are_stripped() -> None:
    text = "$$n = (3)(4) = 12 \\quad (5)$$\n\n$$\\boxed{a = b},$$"
    eqs = _displays(text)
    assert [e.text for e in eqs] == ["n = (3)(4) = 12", "a = b"]


def test_a_block_starting_with_a_relation_continues_the_previous_block() -> None:
    # Issue 11: a chain goes on in a later "$$ = … $$" block after a line of prose too,
    # but not across a heading.
    text = "$$R = A$$\n\n$$= B$$\n\nSome words.\n\n$$= C$$\n\n## Next part\n\n$$= D$$"
    eqs = _displays(text)
    assert [e.text for e in eqs] == ["R = A = B = C", "= D"]
    assert [p.line for p in eqs[0].pieces] == [1, 3, 7]


def test_code_fences_and_tex_comments_are_ignored() -> None:
    md = "```\n$$a = b$$\n```\n$$c = d$$"
    assert [e.text for e in _displays(md)] == ["c = d"]
    tex = "% $$a = b$$\n\\[ c = d % not this = e\n\\]"
    assert [e.text for e in _displays(tex, markdown=False)] == ["c = d"]


def test_inline_math_is_marked_inline() -> None:
    eqs = extract("where $x \\in \\mathbb{R}^d$ and $$y = 2$$ and \\$5.")
    assert [(e.kind, e.text) for e in eqs] == [("inline", "x \\in \\mathbb{R}^d"), ("display", "y = 2")]


def test_unclosed_delimiters_do_not_crash_or_swallow_the_rest() -> None:
    assert extract("$$a = b\n\n\\begin{align} x") == []
    eqs = _displays("\\[ a = b \n\n$$c = d$$")
    assert [e.text for e in eqs] == ["c = d"]


def test_relation_detection() -> None:
    assert starts_with_relation("  &= x".replace("&", ""))
    assert starts_with_relation("\\leq 3")
    assert not starts_with_relation("\\left( x \\right)")
    assert not starts_with_relation("\\lefteqn")


def test_a_row_or_block_starting_with_an_operator_continues_the_last_term() -> None:
    # Cutting "A + C" to "A" would compare a truncated side: a false alarm waiting to happen.
    (eq,) = _displays("$$R = A = B$$\n\n$$+ C$$")
    assert eq.text == "R = A = B + C"
    (eq,) = _displays("\\begin{align*}\nL &= A \\\\\n  &\\quad + B \\\\\n  &= C\n\\end{align*}", markdown=False)
    assert [p.text for p in eq.pieces] == ["L  = A \\quad + B", "= C"]
    assert [p.line for p in eq.pieces] == [2, 4]
    eqs = _displays("\\begin{align*}\nL &= A + \\\\\n & B \\\\\n-x &= y\n\\end{align*}", markdown=False)
    assert [e.text for e in eqs] == ["L  = A + B", "-x  = y"]
