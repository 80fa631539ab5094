"""Display math is found with its line numbers; continuations join chains; nothing else does."""

from __future__ import annotations

from derive.checks.latex.extract import extract, starts_with_relation
from derive.checks.latex.rows import UNREAD_CONDITION


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
    text = (
        "$$\\begin{aligned}\nf &= \\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases} \\\\\n&= g\n\\end{aligned}$$"
    )
    (eq,) = _displays(text)
    assert len(eq.pieces) == 2
    assert "\\begin{cases} 1 & x > 0 \\\\ 0 & x \\le 0 \\end{cases}" in eq.pieces[0].text
    assert eq.pieces[1].line == 3


def test_brackets_equation_split_and_tags() -> None:
    text = (
        "\\[ x = y \\tag{1} \\]\n\\begin{equation}\\label{eq:a}\n"
        "\\begin{split} p &= q \\\\ &= r \\end{split}\n\\end{equation}"
    )
    eqs = _displays(text, markdown=False)
    assert [e.text for e in eqs] == ["x = y", "p  = q = r"]


def test_equation_numbers_trailing_punctuation_and_boxes_are_stripped() -> None:
    text = "$$n = (3)(4) = 12 \\quad (5)$$\n\n$$\\boxed{a = b},$$"
    eqs = _displays(text)
    assert [e.text for e in eqs] == ["n = (3)(4) = 12", "a = b"]


def test_a_call_or_factor_at_the_end_of_a_row_is_no_equation_number() -> None:
    # "(1)" right after a name or a bracket is an argument (Q(1), f'(1)) or a factor ((a+b)(2));
    # after a space or \quad it is the row's number
    text = "$$R = Q(0) - Q(1)$$\n\n$$g = f'(1)$$\n\n$$c = (a+b)(2)$$\n\n$$d = e \\qquad (2)$$\n\n$$u = v (7)$$"
    eqs = extract(text, markdown=True)
    assert [e.text for e in eqs] == ["R = Q(0) - Q(1)", "g = f'(1)", "c = (a+b)(2)", "d = e", "u = v"]


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
    # "$$y = 2$$" inside a sentence is kramdown's inline math (markdown_doc.py), a display on its own line
    eqs = extract("where $x \\in \\mathbb{R}^d$ and $$y = 2$$ and \\$5.\n\n$$z = 3$$\n")
    assert [(e.kind, e.text) for e in eqs] == [
        ("inline", "x \\in \\mathbb{R}^d"),
        ("inline", "y = 2"),
        ("display", "z = 3"),
    ]


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


# --------------------------------------------------------------------------- issue 11: real documents


def test_align_inside_dollars_and_brackets_and_equation_split_in_markdown() -> None:
    md = (
        "$$\\begin{align}\na &= b \\\\\n  &= c\n\\end{align}$$\n\n"
        "\\[\\begin{align*}\np &= q \\\\ &= r\n\\end{align*}\\]\n\n"
        "\\begin{equation}\\begin{split}\ns &= t\\\\\n  &= u\n\\end{split}\\end{equation}\n"
    )
    eqs = _displays(md, markdown=True)
    assert [e.text for e in eqs] == ["a  = b = c", "p  = q = r", "s  = t = u"]
    assert [[p.line for p in e.pieces] for e in eqs] == [[2, 3], [7, 7], [11, 12]]


def test_single_dollar_alone_on_its_line_is_display_but_not_inside_a_sentence() -> None:
    md = "We get\n\n$\\sigma'(x) = \\sigma(x)(1 - \\sigma(x))$\n\nwhere $x \\in \\mathbb{R}$ is real.\n"
    eqs = extract(md, markdown=True)
    assert [(e.kind, e.line) for e in eqs] == [("display", 3), ("inline", 5)]


def test_every_term_has_its_own_line_and_column() -> None:
    md = "Intro\n\n$$a = bb = c$$\n"
    (eq,) = _displays(md)
    piece = eq.pieces[0]
    assert (piece.line, piece.column) == (3, 3)
    assert piece.position(piece.text.index("bb")) == (3, 7)
    assert piece.position(piece.text.index("c")) == (3, 12)


def test_positions_skip_blockquote_markers_and_list_indentation() -> None:
    md = "> $$\n> x = y \\\\\n> = z\n> $$\n\n- item\n\n  $$p = q$$\n"
    eqs = _displays(md)
    assert [e.text for e in eqs] == ["x = y = z", "p = q"]
    quoted = eqs[0].pieces
    assert [(p.line, p.column) for p in quoted] == [(2, 3), (3, 3)]
    assert quoted[0].position(quoted[0].text.index("y")) == (2, 7)
    assert (eqs[1].line, eqs[1].column) == (8, 5)


def test_rows_split_across_lines_keep_their_lines_after_merging() -> None:
    eqs = _displays("$$\nL = A +\nB = C\n$$\n")
    (eq,) = eqs
    assert eq.text.replace("\n", " ").split() == ["L", "=", "A", "+", "B", "=", "C"]
    piece = eq.pieces[0]
    assert piece.position(piece.text.index("B")) == (3, 1)


def test_prose_before_a_block_is_its_context_and_its_conditions() -> None:
    md = "Now the off-diagonal entries. For $i \\neq j$:\n\n$$\\frac{\\partial S_i}{\\partial z_j} = -S_i S_j$$\n"
    (eq,) = _displays(md)
    assert eq.context.endswith("For $i \\neq j$:")
    assert eq.conditions == ("i \\neq j",)
    assert eq.pieces[0].conditions == ("i \\neq j",)


def test_a_clause_after_a_block_is_that_blocks_condition_not_the_next_ones() -> None:
    md = "$$D_{ij} = -S_i S_j$$ for $i \\neq j$.\n\nOn the diagonal:\n\n$$D_{ii} = S_i(1 - S_i)$$\n"
    first, second = _displays(md)
    assert first.pieces[0].conditions == ("i \\neq j",)
    assert second.pieces[0].conditions == ()


def test_a_trailing_clause_running_into_the_next_block_is_both_blocks_condition() -> None:
    # "… for $i \neq j$, and $$B$$": whose condition is it? Both blocks get it: a condition too
    # many can only leave a step unjudged, one too few can call a correct step wrong.
    md = "$$A_{ij} = 0$$ for $i \\neq j$, and\n$$A_{ii} = 1$$\n"
    first, second = _displays(md)
    assert first.pieces[0].conditions == ("i \\neq j",) and second.pieces[0].conditions == ("i \\neq j",)


def test_a_clause_after_a_blank_line_before_a_block_is_that_blocks_condition() -> None:
    md = "$$p_j = q_j$$\n\nFor $j \\neq l$: $$a_{jl} = 0$$\n"
    _, second = extract(md)  # "$$…$$" after words on its line: kramdown's inline math, same clause
    assert second.kind == "inline" and second.pieces[0].conditions == ("j \\neq l",)


def test_a_condition_at_the_end_of_a_row_is_cut_from_the_row_and_kept() -> None:
    tex = (
        "\\begin{align*}\nD_{ij} &= -S_i S_j \\quad \\text{for } i \\neq j \\\\\n"
        "D_{ii} &= S_i (1 - S_i) \\quad \\text{if } i = j\n\\end{align*}"
    )
    eqs = _displays(tex, markdown=False)
    assert [e.text for e in eqs] == ["D_{ij}  = -S_i S_j", "D_{ii}  = S_i (1 - S_i)"]
    assert [e.pieces[0].conditions for e in eqs] == [("i \\neq j",), ("i = j",)]


def test_a_definition_after_where_is_not_a_condition() -> None:
    (eq,) = _displays("where $z = Wx + b$:\n\n$$a = \\sigma(z)$$\n")
    assert eq.conditions == ()


def test_latex_comments_verbatim_and_macro_arguments() -> None:
    tex = (
        "\\documentclass{article}\n\\begin{document}\n% \\[ a = b \\]\n"
        "\\begin{verbatim}\n$$ v = w $$\n\\end{verbatim}\n"
        "\\textbf{$k = 3$}\n\\begin{itemize}\\item \\[ m = n \\]\\end{itemize}\n\\end{document}\n"
    )
    eqs = extract(tex)
    assert [(e.kind, e.text, e.line) for e in eqs] == [("inline", "k = 3", 7), ("display", "m = n", 8)]


def test_code_blocks_indented_and_inline_code_are_not_math() -> None:
    md = "    $$a = b$$\n\nText `$c = d$` and\n\n~~~\n$e = f$\n~~~\n\n$$g = h$$\n"
    assert [e.text for e in extract(md)] == ["g = h"]


def test_cases_holding_steps_become_one_row_per_case_under_its_condition() -> None:
    line = (
        "$$\\frac{\\partial S_i}{\\partial x_j} = \\begin{cases} -S_i S_j = -S_j S_i, & \\text{if } i \\neq j, \\\\ "
        "S_i - S_i^2 = S_i(1 - S_i) & \\text{otherwise} \\end{cases}$$"
    )
    first, second = _displays(line)
    assert first.text == "\\frac{\\partial S_i}{\\partial x_j} = -S_i S_j = -S_j S_i"
    assert second.text == "\\frac{\\partial S_i}{\\partial x_j} = S_i - S_i^2 = S_i(1 - S_i)"
    assert first.pieces[0].conditions == ("i \\neq j",) and second.pieces[0].conditions == ("i = j",)
    piece = second.pieces[0]
    assert piece.position(piece.text.index("S_i(1")) == (1, line.index("S_i(1") + 1)


def test_cases_that_are_a_piecewise_value_stay_whole() -> None:
    piecewise = "$$f'(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & x < 0 \\end{cases}$$"
    assert [e.text for e in _displays(piecewise)] == [piecewise.strip("$")]


def test_cases_with_unreadable_conditions_keep_them_marked_as_not_read() -> None:
    # word2vec notes (held-out 17): "for $j=j^*$," is not read; the rows' own steps are still rows,
    # each under its condition as written, which the judges never assume (a wrong is inconclusive)
    unclear = "$$A = \\begin{cases} p = q & \\text{small } z \\\\ r = s & \\text{large } z \\end{cases}$$"
    first, second = _displays(unclear)
    assert first.text == "A = p = q" and second.text == "A = r = s"
    assert first.pieces[0].conditions == (UNREAD_CONDITION + "\\text{small } z",)


def test_mathjax_script_elements_of_jekyll_blogs_are_math() -> None:
    md = (
        'Text\n\n<script type="math/tex; mode=display">\n\\mathbf s_i =\n\\frac{e^{x_i}}{\\sum_j e^{x_j}}\n'
        '</script>\n\nand <b>html</b>\n\n<script type="text/javascript">var a = b;</script>\n'
    )
    (eq,) = extract(md)
    assert eq.kind == "display" and eq.text.split() == ["\\mathbf", "s_i", "=", "\\frac{e^{x_i}}{\\sum_j", "e^{x_j}}"]
    assert (eq.line, eq.column) == (4, 1)


def test_a_dollar_line_right_under_prose_still_opens_a_block() -> None:
    # Renderers pair these $$ lines; a Markdown parser alone would let the first one end the
    # paragraph's text and then read the prose between the blocks as math.
    md = (
        "The loss is\n$$\n\\begin{align}\nL &= a \\\\\n  &= b\n\\end{align}\n$$\n"
        "where the sum is implied.\n$$\nc = d\n$$\n"
    )
    eqs = _displays(md)
    assert [e.text for e in eqs] == ["L  = a = b", "c = d"]
    assert [[p.line for p in e.pieces] for e in eqs] == [[4, 5], [10]]


def test_intertext_is_prose_between_rows_of_one_chain() -> None:
    tex = "\\begin{align*}\na &= b \\\\\n\\intertext{and so, with $x_{1}$,}\n&= c\n\\end{align*}"
    (eq,) = _displays(tex, markdown=False)
    assert eq.text == "a  = b = c" and [p.line for p in eq.pieces] == [2, 4]


def test_equations_set_side_by_side_with_wide_spaces_are_separate() -> None:
    line = "$$f = \\|\\hat{Y} - Y\\|_F^2 \\quad \\quad \\hat{Y} = \\max(Z, 0) \\qquad Z = XW$$"
    eqs = _displays(line)
    assert [e.text for e in eqs] == ["f = \\|\\hat{Y} - Y\\|_F^2", "\\hat{Y} = \\max(Z, 0)", "Z = XW"]
    assert [e.column for e in eqs] == [3, line.index("\\hat{Y} =") + 1, line.index("Z = XW") + 1]
    # a wide space before a relation, or inside braces, does not cut
    assert [e.text for e in _displays("$$a = b \\quad\\quad = c$$")] == ["a = b \\quad\\quad = c"]
    assert len(_displays("$$\\{a = b \\quad\\quad c = d\\}$$")) == 1


def test_inline_formulas_carry_their_sentences_conditions_and_conditions_are_not_formulas() -> None:
    md = "If $k \\neq y$: $\\frac{\\partial L}{\\partial o_k} = o_k$. Also if $i = j$ then $a = b$, where $z = Wx$.\n"
    eqs = extract(md)
    assert [(e.text, e.conditions) for e in eqs] == [
        ("\\frac{\\partial L}{\\partial o_k} = o_k", ("k \\neq y",)),
        ("a = b", ("i = j",)),
        ("z = Wx", ()),  # after a's own clause: not under i = j
    ]
    assert eqs[0].context == "If $k \\neq y$:"


def test_a_clause_right_after_an_inline_formula_is_that_formulas_only() -> None:
    # seed 001 line 25: the second formula holds for i != j, never under the first one's i = j
    md = (
        "such that $\\text{diag}(x)_{ij} = x_i$ if $i = j$ and $\\text{diag}(x)_{ij} = 0$ if $i \\neq j$. "
        "For $i \\neq j$, $A_{ij} = 0$ and $B_{ij} = 0$.\n\n$D = 1$ for $i = j$, so\n\n$$E = 1$$\n"
    )
    eqs = extract(md)
    assert [(e.text, e.conditions) for e in eqs] == [
        ("\\text{diag}(x)_{ij} = x_i", ("i = j",)),
        ("\\text{diag}(x)_{ij} = 0", ("i \\neq j",)),
        ("A_{ij} = 0", ("i \\neq j",)),
        ("B_{ij} = 0", ("i \\neq j",)),
        ("D = 1", ("i = j",)),
        ("E = 1", ()),  # the clause before the block is D's
    ]


def test_two_dollar_formulas_on_one_line_are_two_and_unicode_math_reads_as_tex() -> None:
    line = "$$σ′(x) = σ(x)(1 − σ(x))\u200b$$ and $$∂L/∂W = Xᵀ(P − Y)$$"
    first, second = _displays(line)
    assert first.text == "\\sigma '(x) = \\sigma (x)(1 - \\sigma (x))"
    assert second.text == "\\partial L/\\partial W = X^{T}(P - Y)"
    assert (second.line, second.column) == (1, line.index("∂L") + 1)
    piece = second.pieces[0]
    assert piece.position(piece.text.index("X^{T}") + 1) == (1, line.index("Xᵀ") + 2)  # ᵀ stands where it was


def test_a_continued_chain_skips_long_prose_but_not_an_inline_claim_or_a_heading() -> None:
    prose = "Notice that the terms cancel. " * 20  # 600 characters of comment
    eqs = _displays(f"$$R = A$$\n\n{prose}\n\n$$= B$$\n")
    assert [e.text for e in eqs] == ["R = A = B"]
    eqs = _displays("$$R = A$$\n\nSo we get $S = T$ and then\n\n$$= B$$\n")
    assert [e.text for e in eqs] == ["R = A", "= B"]  # it may continue S = T: not joined to R = A


def test_a_dollar_block_starting_on_a_line_under_prose_with_text_after_the_dollars() -> None:
    md = "The gradient is:\n$$\\frac{d}{dx} f\n= g\n\\cdot h\n$$\n\nwhere:\n\n$$g = 1$$\n"
    eqs = _displays(md)
    assert [e.text.split() for e in eqs] == [["\\frac{d}{dx}", "f", "=", "g", "\\cdot", "h"], ["g", "=", "1"]]
    assert [e.line for e in eqs] == [2, 9]


def _pieces(text: str) -> list[str]:
    return [p.text for e in _displays(text) for p in e.pieces]


def test_a_display_without_row_breaks_splits_where_a_line_names_what_it_defines() -> None:
    # a batch-norm note (sixth hunt): two definitions on two lines of one $$ … $$ without \\;
    # typeset as one line they would read μ = (1/m)Σ x_i·σ² = …, a chain nobody meant
    two = "$$\\mu = \\frac{1}{m} \\sum_{i=1}^{m} x_i\n\\sigma^2_{\\mathcal{B}} = \\frac{1}{m} \\sum_i x_i^2$$"
    assert _pieces(two) == [
        "\\mu = \\frac{1}{m} \\sum_{i=1}^{m} x_i",
        "\\sigma^2_{\\mathcal{B}} = \\frac{1}{m} \\sum_i x_i^2",
    ]
    # a long product broken over two lines, and lines that continue with = or +, stay one chain
    product = "$$\\frac{\\partial L}{\\partial w} = \\frac{\\partial L}{\\partial a}\n"
    product += "\\frac{\\partial a}{\\partial w} = x$$"
    assert len(_pieces(product)) == 1
    assert len(_pieces("$$L = a\n+ c = d$$")) == 1


def test_intertext_without_a_row_break_before_it_ends_the_row() -> None:
    # held-out 19 (a Polish LaTeX note): aligned blocks in a gather with \shortintertext{a więc:}
    # between them and no \\ before it were one row, "… = out_o \frac{∂out_o}{∂net_o} = …"
    tex = (
        "\\begin{gather}\n\\begin{aligned}\n\\frac{1}{1+e^{-n}}=o\n\\end{aligned}\n"
        "\\shortintertext{a więc:}\n\\begin{aligned}\n\\frac{\\partial o}{\\partial n} = o(1 - o)\n"
        "\\end{aligned}\n\\end{gather}"
    )
    eqs = _displays(tex, markdown=False)
    texts = [" ".join(e.text.split()) for e in eqs]
    assert texts == ["\\frac{1}{1+e^{-n}}=o", "\\frac{\\partial o}{\\partial n} = o(1 - o)"]


def test_a_row_ending_with_its_equals_sign_goes_on_in_the_next_row() -> None:
    # held-out 19 (kwichmann): "A =& B =\\ & C =\\ & D", the chain broken after each sign
    tex = "\\begin{align}\nA =& (b+c)^2=\\\\\n&b^2+2bc+c^2=\\\\\n&c^2+b^2+2cb\n\\end{align}\n"
    (eq,) = extract(tex)
    assert [p.line for p in eq.pieces] == [2, 3, 4]
    two = "\\begin{align}\nA &= B \\\\\nC &= D\n\\end{align}\n"
    assert len(extract(two)) == 2  # rows that end without a sign stay separate equations


# Equations are read once per document and process (extract._extracted): the second reading, for
# the report's blocks without steps, must give what reading the text afresh gives.


def test_a_second_reading_gives_what_a_fresh_reading_gives() -> None:
    from derive.checks.latex.extract import _extracted, equations_of
    from derive.checks.latex.markdown_doc import markdown_regions

    text = "Let\n\n$$f(x) = (x + 1)^2 = x^2 + 2x + 1$$\n\nso $g = 2$ and\n\n$$\\frac{d}{dx} f = 2x + 2$$\n"
    first, second = extract(text), extract(text)
    fresh = equations_of(text, markdown_regions(text))
    assert first == second == fresh and len(fresh) >= 2
    assert first is not second  # each caller its own list
    first.clear()
    assert extract(text) == fresh  # what one caller does to its list, the next does not see
    assert _extracted.cache_info().hits >= 2


def test_the_same_text_read_as_latex_is_read_anew() -> None:
    text = "% $$a = b$$ (a LaTeX comment, a line of text in Markdown)\n\n$$c = d$$\n"
    as_markdown = extract(text, markdown=True)
    as_latex = extract(text, markdown=False)
    assert [e.text for e in as_markdown] == ["a = b", "c = d"]
    assert [e.text for e in as_latex] == ["c = d"]
    assert extract(text, markdown=True) == as_markdown
