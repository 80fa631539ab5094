"""A document's own macros are expanded in its math, positions kept; definitions are not claims."""

from __future__ import annotations

from derive.checks.latex.extract import extract
from derive.checks.latex.macros import expand, find_macros


def test_newcommand_with_arguments_def_and_math_operators_are_expanded_in_markdown() -> None:
    md = (
        "$\\newcommand{\\bx}{\\mathbf{x}}\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}$\n"
        "$\\DeclareMathOperator{\\softmax}{softmax}$\n\n"
        "$$\\pd{\\sigma(\\bx)}{\\bx} = \\sigma(\\bx)(1 - \\sigma(\\bx))$$\n\n"
        "$$\\softmax(\\bx)_i = s_i$$\n"
    )
    eqs = extract(md)
    assert [e.text for e in eqs] == [
        "\\frac{\\partial \\sigma(\\mathbf{x})}{\\partial \\mathbf{x}} = "
        "\\sigma(\\mathbf{x})(1 - \\sigma(\\mathbf{x}))",
        "\\operatorname{softmax}(\\mathbf{x})_i = s_i",
    ]
    piece = eqs[0].pieces[0]
    # an argument keeps its own place in the file; the definition's text sits where the macro is
    assert piece.position(piece.text.index("\\sigma")) == (4, len("$$\\pd{") + 1)
    assert piece.position(0) == (4, 3)


def test_latex_preamble_macros_and_commented_definitions() -> None:
    tex = (
        "\\documentclass{article}\n\\newcommand{\\R}{\\mathbb{R}}\n\\def\\W{W^{(1)}}\n"
        "% \\newcommand{\\R}{\\mathbb{Q}}\n\\begin{document}\n$\\W \\in \\R^{n}$ and \\[ \\W x = y \\]\n\\end{document}"
    )
    assert [e.text for e in extract(tex)] == ["W^{(1)} \\in \\mathbb{R}^{n}", "W^{(1)} x = y"]


def test_optional_arguments_missing_arguments_and_runaway_definitions() -> None:
    macros = find_macros("\\newcommand{\\norm}[2][2]{\\|#2\\|_{#1}}\\def\\a{\\a\\a}")
    text, offsets = expand("\\norm{x} + \\norm[F]{W}", list(range(22)), macros)
    assert text == "\\|x\\|_{2} + \\|W\\|_{F}" and len(offsets) == len(text)
    assert expand("\\norm", [0] * 5, macros)[0] == "\\norm"  # no argument: left as written
    grown, _ = expand("\\a", [0, 1], macros)
    assert len(grown) <= 20 * 2 + 1000  # bounded, not endless


def test_gdef_as_katex_documents_write_it_is_a_definition() -> None:
    # KaTeX blogs define their shorthand with \gdef inside a $$ block (a \def would not outlive it)
    md = "$$\n\\gdef\\pd#1#2{\\frac{\\partial #1}{\\partial #2}}\n$$\n\n$$\n\\pd{C}{w} = \\pd{C}{a} \\pd{a}{w}\n$$\n"
    eqs = extract(md)
    assert [e.text.strip() for e in eqs] == [
        "\\frac{\\partial C}{\\partial w} = \\frac{\\partial C}{\\partial a} \\frac{\\partial a}{\\partial w}"
    ]
    assert set(find_macros("\\global\\def\\a{x}\\xdef\\b{y}\\edef\\c{z}")) == {"\\a", "\\b", "\\c"}


def test_a_label_written_through_a_macro_is_a_label(runner) -> None:
    # \pd{a^l}{z^l} is ∂a^l/∂z^l once expanded: z^l is layer l's, not z to the power l
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    md = (
        "$$\n\\gdef\\pd#1#2{\\frac{\\partial #1}{\\partial #2}}\n$$\n\n"
        "Let $a^l = \\sigma(z^l)$.\n\n$$\\pd{a^l}{z^l} = a^l (1 - a^l)$$\n\n$$\\pd{a^l}{z^l} = a^l (1 + a^l)$$\n"
    )
    report = check_text(md, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results][-2:] == ["ok", "wrong"]


def test_standard_bold_commands_read_as_bold_names(runner) -> None:
    # \pmb (amsbsy, common in Chinese notes), \bold (MathJax), \symbf (unicode-math): bold names
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    md = (
        "$$\\pmb{z} = \\pmb{w} x$$\n\n$$\\frac{\\partial \\pmb z}{\\partial x} = \\bold{w}$$\n\n"
        "$$\\frac{\\partial \\symbf{z}}{\\partial x} = 2 w$$\n"
    )
    eqs = extract(md)
    assert "\\boldsymbol{z}" in eqs[0].text and "\\mathbf{w}" in eqs[1].text
    report = check_text(md, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["inconclusive", "ok", "wrong"]
    # a document's own definition of the name wins over the standard one
    assert "\\pmb" not in extract("\\newcommand{\\pmb}[1]{#1}\n$$\\pmb{z} = 1$$")[0].text
    assert "\\boldsymbol" not in extract("\\newcommand{\\pmb}[1]{#1}\n$$\\pmb{z} = 1$$")[0].text


def test_an_argument_after_a_control_word_stays_apart_from_it() -> None:
    # held-out 31 (Soliday): \pfrac{C}{W} with \pfrac[2]{\frac{\partial#1}{\partial#2}} read \partialC,
    # an unknown command; TeX ends the control word before the argument's letter
    macros = find_macros(r"\newcommand{\pfrac}[2]{\frac{\partial#1}{\partial#2}}")
    written = r"\pfrac{C}{W} = \pfrac{\sigma}{z}"
    text, offsets = expand(written, list(range(len(written))), macros)
    assert text == r"\frac{\partial C}{\partial W} = \frac{\partial\sigma}{\partial z}"
    assert len(offsets) == len(text)
    # a body that ends in a letter or a brace before the argument is joined as written
    macros = find_macros(r"\newcommand{\sq}[1]{{#1}^2}\newcommand{\wx}[1]{w_#1}")
    written = r"\sq{a} + \wx{i}"
    assert expand(written, list(range(len(written))), macros)[0] == "{a}^2 + w_i"


def test_an_environment_the_document_defines_around_equation_is_display_math() -> None:
    # held-out 31 (Soliday): every equation of the paper sits in its own \NewEnviron{tcequation}
    tex = (
        "\\documentclass{article}\n"
        "\\NewEnviron{tcequation}{%\n  \\begin{equation}\\scalebox{1.4}\n    {$\\BODY$}\n  \\end{equation}\n}\n"
        "\\newenvironment{remark}{\\textbf{Remark.}}{}\n"
        "\\begin{document}\n"
        "\\begin{tcequation}\n  \\sigma(z) = \\frac{1}{1 + e^{-z}}\n\\end{tcequation}\n"
        "\\begin{remark}a = b is not math here\\end{remark}\n"
        "\\end{document}\n"
    )
    assert [e.text for e in extract(tex)] == ["\\sigma(z) = \\frac{1}{1 + e^{-z}}"]


def test_other_packages_marks_and_differentials_are_read(runner) -> None:
    # physics' \dd (a differential), undertilde's \utilde and esvect's \vv (vector marks), and an
    # increment drawn as a triangle (\vartriangle w): each read as the command it stands for
    from derive.checks.latex.checker import check_text
    from derive.checks.latex.notation import load_notation

    md = (
        "$$\\frac{\\dd}{\\dd x} x^2 = 2x$$\n\n$$\\frac{\\dd}{\\dd x} x^2 = 3x$$\n\n"
        "$$\\utilde{a} + \\utilde{a} = 2\\utilde{a}$$\n\n$$\\vv{a} + \\vv{a} = 3\\vv{a}$$\n"
    )
    report = check_text(md, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] == ["ok", "wrong", "ok", "wrong"]
    assert extract("$$\\vartriangle w = -\\eta g$$")[0].text.startswith("\\Delta w")
    # \ddot, \ddots are commands of their own, not \dd followed by letters
    assert "\\ddots" in extract("$$a = \\ddot{x} + \\ddots$$")[0].text
