r"""``\[ … \]`` inside a paragraph is display math (markdown_doc._paragraph_brackets): MathJax blogs
write "Loss: \[L = …\] Softmax function: \[p_i = …\]" on one line (the false-alarm hunt's saved
pages read 1 step of about 20), while texmath takes ``\[`` only at a block's start."""

from __future__ import annotations

from derive.checks.latex.markdown_doc import markdown_regions

PAGE = (
    "For a single data point, cross entropy loss:\n"
    "\\[L = - \\sum_i y_i \\log p_i\\]Softmax function:\n"
    "\\[p_i = \\frac{e^{o_i}}{\\sum_j e^{o_j}}\\] and so \\[a = b\\]\n"
)


def test_brackets_inside_a_paragraph_are_display_math() -> None:
    bodies = [(r.kind, r.text) for r in markdown_regions(PAGE)]
    assert ("display", "L = - \\sum_i y_i \\log p_i") in bodies
    assert ("display", "p_i = \\frac{e^{o_i}}{\\sum_j e^{o_j}}") in bodies
    assert ("display", "a = b") in bodies
    for region in markdown_regions(PAGE):  # placed exactly where the file has them
        assert PAGE[region.offsets[0] : region.offsets[-1] + 1] == region.text


def test_a_row_break_and_code_are_not_brackets() -> None:
    assert markdown_regions("Spacing \\\\[2pt] in text, not math \\] here.\n") == []
    assert markdown_regions("In code `\\[x = 1\\]` stays code.\n") == []
