r"""Math written for Markdown processors that eat one backslash (kramdown, Jekyll):
``\\[ … \\]`` and ``\\( … \\)``, its own escapes resolved, every character at its place in the
file; never in code, and nothing found in a document without them."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.escaped_brackets import escaped_math_regions
from derive.checks.latex.extract import extract
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.notation import load_notation

JEKYLL = (
    "The activation \\\\(a_{i}^{l}\\\\) is the sigmoid: \\\\[a_i^l = \\frac{1}{1 + e^{-z_i^l}}. \\\\]\n\n"
    "**Proof:** \\\\[\\frac{d a_i^l}{d z_i^l} = \\frac{e^{-z_i^l}}{(1 + e^{-z_i^l})^2} \\\\\\\\\n"
    "= a_i^l (1 - a_i^l). \\quad \\blacksquare \\\\]\n\n"
    "    \\\\[x = 1\\\\]  (an indented code block)\n\n"
    "Inline code `\\\\[y = 2\\\\]` is code.\n"
)


def test_escaped_brackets_are_math_with_their_escapes_resolved() -> None:
    regions = markdown_regions(JEKYLL)
    texts = [(r.kind, r.text.strip()) for r in regions]
    assert ("inline", "a_{i}^{l}") in texts
    assert ("display", "a_i^l = \\frac{1}{1 + e^{-z_i^l}}.") in texts
    proof = next(r for r in regions if "\\frac{d a_i^l}" in r.text)
    assert "\\\\\n= a_i^l" in proof.text  # the escaped row break \\\\ is MathJax's \\
    for k, char in enumerate(proof.text):  # every character at its own place in the file
        assert JEKYLL[proof.offsets[k]] == char
    assert not any("x = 1" in r.text or "y = 2" in r.text for r in regions)


def test_only_paragraphs_are_searched() -> None:
    text = "\\\\[a = b\\\\]"
    assert [r.text for r in escaped_math_regions(text, [(0, len(text))])] == ["a = b"]
    assert escaped_math_regions(text, []) == []
    assert not any("\\\\[" in e.text for e in extract("No math here, only \\\\ a backslash pair.\n", markdown=True))


def test_a_kramdown_proof_is_checked_step_by_step(runner: StepRunner) -> None:
    report = check_text(JEKYLL, load_notation(), runner=runner, examples=30, markdown=True)
    statuses = {(r.step.lhs.strip(), r.step.rhs.strip()): r.status for r in report.results}
    derivative = "\\frac{d a_i^l}{d z_i^l}"
    assert statuses[(derivative, "\\frac{e^{-z_i^l}}{(1 + e^{-z_i^l})^2}")] == "ok"
    assert statuses[("\\frac{e^{-z_i^l}}{(1 + e^{-z_i^l})^2}", "a_i^l (1 - a_i^l)")] == "ok"
    wrong = JEKYLL.replace("a_i^l (1 - a_i^l)", "a_i^l (1 + a_i^l)")
    report = check_text(wrong, load_notation(), runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results if "1 + a_i^l" in r.step.rhs] == ["wrong"]
