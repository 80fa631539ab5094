"""Math that Markdown renderers typeset outside $…$: GitHub's ```math fences and \\( … \\) / \\[ … \\]
/ $$ … $$ inside an HTML block (checks/latex/markdown_doc.py), with their exact place."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.normalize import load_notation

FENCE = "Intro.\n\n```math\nz = 2x + 1\n```\n\nThen\n\n```python\ny = x = 2\n```\n"


def test_a_math_fence_is_display_math_at_its_place() -> None:
    (region,) = markdown_regions(FENCE)
    assert region.kind == "display"
    assert region.text.strip() == "z = 2x + 1"
    assert FENCE[region.offsets[0] : region.offsets[-1] + 1].strip() == "z = 2x + 1"


def test_other_fences_stay_code() -> None:
    assert [r.text for r in markdown_regions("```python\nx = y\n```\n\n```\na = b\n```\n")] == []


def test_math_inside_an_html_block_is_read_where_it_stands() -> None:
    text = '<div style="a">\n\\( a_1 = \\sigma(z_1) \\)\n<br>\n\\[ c = 3 \\] and $$ b = 2 $$\n</div>\n'
    regions = markdown_regions(text)
    assert [r.text.strip() for r in regions] == [r"a_1 = \sigma(z_1)", "c = 3", "b = 2"]
    for region in regions:
        assert text[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_an_amsmath_environment_inside_an_html_block_is_read() -> None:
    # held-out 17 (word2vec_jli05.md, a Jekyll post): <p>By Chain Rule, \begin{align} … \end{align} …</p>
    text = "<p>By Chain Rule,\n\\begin{align}\nx &= y \\\\[2pt]\nz &= 1\n\\end{align}\nwith which \\( a = b \\).</p>\n"
    regions = markdown_regions(text)
    assert [r.kind for r in regions] == ["display", "inline"]
    assert regions[0].text.startswith("\\begin{align}") and regions[0].text.endswith("\\end{align}")
    assert "[2pt]" in regions[0].text  # the row's spacing is inside the environment, no \[ … \] of its own
    for region in regions:
        assert text[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_html_without_math_gives_nothing() -> None:
    assert markdown_regions("<div>\nprice: 5 dollars, (a) and [b]\n</div>\n") == []


def test_math_wrapped_twice_is_read_without_the_inner_dollars() -> None:
    r"""Chat-assistant notes write ``\( $dz = A - Y$ \)``: the dollars inside are no part of the
    formula (held-out 10: every step of such a note was unparsed for the stray ``$``)."""
    text = "Now, \\( $dz^{[L]} = A^{[L]} - Y$ \\) and \\(a = \\$5\\), then $x = y$.\n\n- \\( $$b = 2$$ \\)\n"
    regions = markdown_regions(text)
    assert [r.text for r in regions] == ["dz^{[L]} = A^{[L]} - Y", r"a = \$5", "x = y", "b = 2"]
    for region in regions:
        assert text[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_a_row_break_before_closing_dollars_does_not_shift_the_pairing() -> None:
    # held-out 15 (a Chinese Typora note): "根据$$z = W a + b\\$$，" ends its formula with a row
    # break \\ before the closing $$; counted as an escaped $$, it flipped which later $$ lines
    # open a block, and the blocks under prose lines were read as prose
    text = (
        "1. 根据$$z = W a + b\\\\$$，\n\n"
        "   根据$$a = f(z)$$，\n"
        "   $$\n"
        "   \\frac{\\partial z}{\\partial a} = W^T\n"
        "   $$\n"
        "   其中$$f$$是函数。\n"
    )
    bodies = [r.text.strip() for r in markdown_regions(text)]
    assert "\\frac{\\partial z}{\\partial a} = W^T" in bodies
    assert not any("其中" in b or "根据" in b for b in bodies)


def test_dollar_math_centred_in_an_html_block_is_a_display() -> None:
    # limits-to-arbitrage/random-posts derivative-sigmoid notebook (held-out 21): every step of the
    # derivation sits in <div align="center"><b> $…$ </b></div>, which MathJax typesets
    text = '<div align="center"><b> $g\'(z)=\\frac{d}{dz}\\frac{1}{1+e^{-z}}$ </b></div>\n<br>\n'
    (region,) = markdown_regions(text)
    assert region.kind == "display" and region.text == "g'(z)=\\frac{d}{dz}\\frac{1}{1+e^{-z}}"
    assert text[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_dollars_in_html_that_are_not_tex_stay_text() -> None:
    # prices, and dollars inside code or a script, are no formula
    text = "<div>\nIt costs $5 and $10$ per seat.\n<code>$a = b$</code>\n</div>\n"
    assert markdown_regions(text) == []
    assert [r.kind for r in markdown_regions("<p>We have $x^2 = y$ here.</p>\n")] == ["inline"]


# Hugo's KaTeX shortcode (held-out 27's WAT36 pages, hugo-book theme): every formula of the site
# sits between {{< katex >}} and {{< /katex >}}, which the Markdown parser reads as a paragraph
SHORTCODES = (
    "Text.\n\n{{< katex  >}}\n\\tag{3}\n\\begin{aligned}\nE &= a + b \\\\\n&= b + a\n\\end{aligned}\n{{< /katex >}}\n\n"
    "Inline {{< katex >}}y = 2x{{< /katex >}} here, and {{% katex display %}}z = 3{{% /katex %}}.\n\n"
    "```\n{{< katex >}}code = 1{{< /katex >}}\n```\n"
)


def test_a_hugo_katex_shortcode_is_math_at_its_place() -> None:
    regions = markdown_regions(SHORTCODES)
    assert [r.kind for r in regions] == ["display", "inline", "display"]
    assert "E &= a + b" in regions[0].text and regions[1].text == "y = 2x" and regions[2].text == "z = 3"
    for region in regions:
        assert SHORTCODES[region.offsets[0] : region.offsets[-1] + 1] == region.text  # code stays code


def test_a_slip_inside_a_shortcode_is_found(runner: StepRunner) -> None:
    one = "{{{{< katex display >}}}}\n\\frac{{d}}{{dx}} {claim}\n{{{{< /katex >}}}}\n\n"
    text = one.format(claim="x^2 = 2x") + one.format(claim="x^3 = 2x^2")
    report = check_text(text, load_notation(), runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "wrong"], [r.message for r in report.results]


# held-out 27's R Markdown tutorial (hauselin) writes its derivations as bare \begin{aligned} blocks,
# which MathJax typesets and the amsmath plugin (top-level environments only) does not take
BARE = (
    "Example:\n\n\\begin{aligned}\nf'(x) &= 3(x^2 + 1)^2(2x) \\\\\n&= 6x(x^2 + 1)^2\n\\end{aligned}\n\n"
    "$$\n\\begin{aligned} a &= b \\end{aligned}\n$$\n\n```\n\\begin{aligned} c &= d \\end{aligned}\n```\n"
)


def test_a_bare_aligned_block_is_display_math_once() -> None:
    regions = markdown_regions(BARE)
    assert [r.kind for r in regions] == ["display", "display"], regions
    assert regions[0].text.startswith("\\begin{aligned}") and "6x(x^2 + 1)^2" in regions[0].text
    assert "a &= b" in regions[1].text and regions[1].text.strip() != regions[0].text  # the $$ block, not twice
    for region in regions:
        assert BARE[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_a_slip_in_a_bare_aligned_block_is_found(runner: StepRunner) -> None:
    text = "\\begin{aligned}\n\\frac{d}{dx} x^3 &= 3x^2 \\\\\n&= 2x^2\n\\end{aligned}\n"
    report = check_text(text, load_notation(), runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "wrong"], [r.message for r in report.results]


# held-out 19's gradient-checking notebook (prem) aligns its chains in a bare
# \begin{array}{lcl} … \end{array} in a Markdown cell; MathJax typesets it, the parser saw prose
ARRAY = (
    "the gradient of $f$ w.r.t $w_{1}$ is\n\n\\begin{array} {lcl}\n"
    "\\frac{d}{dx} x^3 &=& 3x^2 \\\\ & = & 3 \\cdot x \\cdot x\n\\end{array}\n\n"
    "A table: \\begin{array}{c} 1 \\end{array} mid-line is left alone.\n"
)


def test_a_bare_array_is_display_math(runner: StepRunner) -> None:
    regions = markdown_regions(ARRAY)
    assert [r.kind for r in regions] == ["inline", "inline", "display"], regions
    report = check_text(ARRAY, load_notation(), runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "ok"], [r.message for r in report.results]


def test_a_slip_in_a_bare_array_is_found(runner: StepRunner) -> None:
    twin = ARRAY.replace("3 \\cdot x \\cdot x", "3 \\cdot x")
    report = check_text(twin, load_notation(), runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "wrong"], [r.message for r in report.results]


def test_an_array_holding_an_array_is_not_cut_at_the_inner_end() -> None:
    nested = "\\begin{array}{l}\na = \\begin{array}{c} 1 \\end{array} \\\\ b\n\\end{array}\n"
    assert markdown_regions(nested) == []


# Jekyll blogs (kramdown) write inline math between $$: "Given $$M=j$$, y is independent" is a
# formula in a sentence (its condition words apply), not a display of its own
KRAMDOWN = "Given $$M=j$$, y is independent.\n\n$$a = b$$\n\nWe get $$c = d$$.\n"


def test_double_dollars_inside_a_sentence_are_inline() -> None:
    regions = markdown_regions(KRAMDOWN)
    assert [(r.kind, r.text) for r in regions] == [("inline", "M=j"), ("display", "a = b"), ("inline", "c = d")]
