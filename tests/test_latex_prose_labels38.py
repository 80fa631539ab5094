r"""Prose and layout that authors put inside equations (held-out 37): size switches
(``$$ \large … $$``), a justification label before a row's relation (``(\text{By 7}) &= …``),
a name annotated in words (``\delta_x^{\text{(from y)}}``). Each is read without the prose,
labelled true steps are proved, labelled wrong steps are found, and prose is never a factor."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.normalize import load_notation
from derive.checks.latex.prose_breaks import prose_parts
from derive.checks.latex.row_prose import leading_label_end, remark_row, trailing_remark_start
from derive.checks.latex.script_annotations import is_text_annotation
from derive.checks.latex.side_labels import side_labels
from derive.checks.latex.tex_tokens import clean_tokens, tex_tokens

NOTATION = load_notation()


def _by_line(text: str, runner: StepRunner) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for r in check_text(text, NOTATION, runner=runner, markdown=True).results:
        out.setdefault(r.step.line, []).append(r.status)
    return out


# --- size switches -------------------------------------------------------------------------


@pytest.mark.parametrize("size", [r"\large", r"\Large", r"\LARGE", r"\small", r"\huge", r"\scriptstyle"])
def test_a_size_switch_is_not_read(size: str, runner: StepRunner) -> None:
    text = f"$$ {size}\n\\frac{{d}}{{dx}} x^3 = 3x^2\n$$\n\n$$ {size} \\frac{{d}}{{dx}} x^3 = 3x $$\n"
    lines = _by_line(text, runner)
    assert lines[2] == ["ok"]
    assert lines[5] == ["wrong"]  # the size switch hides no error


def test_a_size_switch_inside_a_group_is_dropped(runner: StepRunner) -> None:
    lines = _by_line("$$ {\\large \\frac{d}{dx} x^3} = 3x^2 $$\n", runner)
    assert lines[1] == ["ok"]


# --- justification labels before the relation ------------------------------------------------

_LABELLED = r"""
\begin{align}
f(x) &= (x+1)(x+1) \\
(\text{By 7}) &= x^2 + 2x + 1 \\
(\text{By 3, 4}) &= x^2 + 2x + 2 \\
\text{Using (2)} &= x^2 + 2x + 2 \\
\text{(by the quotient rule)} &= (x + 1)^2 + 1 \\
(\text{since }x_1,\dots,x_n\ i.i.d) &= x^2 + 2x + 2
\end{align}
"""


def test_labelled_rows_carry_the_chain_on(runner: StepRunner) -> None:
    lines = _by_line(_LABELLED, runner)
    assert lines[4] == ["ok"]
    assert lines[5] == ["wrong"]  # x^2 + 2x + 1 = x^2 + 2x + 2: the label hides no error
    assert lines[6] == ["ok"]
    assert lines[7] == ["ok"]
    assert lines[8] == ["unparsed"]  # "since x_1 … x_n i.i.d" is what the step assumes: not dropped


def test_a_label_after_a_row_without_relation_takes_that_row_as_left_side(runner: StepRunner) -> None:
    text = (
        "$$\n\\begin{align}\n\\frac{d}{dx} x^3 \\\\\n(\\text{By the power rule}) &= 3x^2 \\\\\n"
        "&= 3x\n\\end{align}\n$$\n"
    )
    lines = _by_line(text, runner)
    assert lines[4] == ["ok"]
    assert lines[5] == ["wrong"]


@pytest.mark.parametrize(
    "row",
    [
        r"(\text{By 7}) = a",
        r"\text{Using (2)} = a",
        r"\text{(by the quotient rule)}: = a",
        r"(\text{by the quotient rule}) \quad = a",
        r"\textrm{from eq. 3} \approx a",
    ],
)
def test_labels_are_found(row: str) -> None:
    end = leading_label_end(row)
    assert end is not None and row[end:].lstrip().startswith(("=", r"\approx"))


@pytest.mark.parametrize(
    "row",
    [
        r"(\text{since } x > 0) = x",  # a condition the step may need: not dropped
        r"\text{since $x > 0$} = x",
        r"(\text{since x positive}) = x",  # a property of x, maybe what the step needs
        r"(\text{since } x_1,\dots,x_n \text{ i.i.d}) \quad = a",  # what the step assumes
        r"\text{loss}_i = a",  # a quantity with an index
        r"2\,\text{loss} = a",  # a quantity multiplied
        r"\text{loss} = a",  # a word that is no reason: a quantity
        r"(\text{By 7}) x = a",  # math follows the label: the row's own left side
        r"\text{by}(a+b)^2 = a",
        r"(2) = a",  # an equation's number used as its value
    ],
)
def test_no_label_where_the_words_are_a_quantity_or_a_condition(row: str) -> None:
    assert leading_label_end(row) is None


def test_a_condition_before_the_relation_is_never_dropped(runner: StepRunner) -> None:
    # |x| = x holds only under the condition: without it the step must not be judged at all
    text = "$$\n\\begin{align}\n|x| \\\\\n(\\text{since } x > 0) &= x\n\\end{align}\n$$\n"
    assert "wrong" not in [s for v in _by_line(text, runner).values() for s in v]


# --- names annotated in words ------------------------------------------------------------------


@pytest.mark.parametrize("script", [r"\text{(from y)}", r"\text{C/R}", r"\mathrm{repeated row}", r"\text{in}"])
def test_text_scripts_are_annotations(script: str) -> None:
    toks, _ = clean_tokens(tex_tokens("{" + script + "}"))
    assert is_text_annotation(toks[1:-1])


@pytest.mark.parametrize("script", [r"\text{2}", r"\operatorname{tr}", r"\text{$x=1$}", r"\mathrm{a_1}", r"x"])
def test_other_scripts_are_not_annotations(script: str) -> None:
    toks, _ = clean_tokens(tex_tokens("{" + script + "}"))
    assert not is_text_annotation(toks[1:-1])


_ANNOTATED = r"""
$$ \delta_x^{\text{(from y)}} + \delta_x^{\text{(from u)}} = \delta_x^{\text{(from u)}} + \delta_x^{\text{(from y)}} $$

$$ \delta_x^{\text{(from y)}} + \delta_x^{\text{(from u)}} = 2 \delta_x^{\text{(from y)}} $$

$$ C_\text{NN}^\text{C/R} \cdot 2 = C_\text{NN}^\text{C/R} + C_\text{NN}^\text{C/R} $$
"""


def test_each_annotation_is_a_name_of_its_own(runner: StepRunner) -> None:
    lines = _by_line(_ANNOTATED, runner)
    assert lines[2] == ["ok"]
    assert lines[4] != ["ok"]  # two annotations, two quantities: never proved equal
    assert lines[6] == ["ok"]


# --- remarks written as rows of their own, sentences between two equations ------------------

_REMARKS = r"""
$$
\begin{aligned}
\frac{d}{dx} (x^2 + x) \\ \text{taking the derivative term by term} \\
= 2x + 1 \\ \text{and collecting the terms} \\
= 2x + 2
\end{aligned}
$$
"""


def test_a_remark_row_is_skipped_and_the_chain_goes_on(runner: StepRunner) -> None:
    lines = _by_line(_REMARKS, runner)
    assert lines[5] == ["ok"]
    assert lines[6] == ["wrong"]  # 2x + 1 = 2x + 2: the remark hides no error


def test_a_one_word_row_may_be_a_left_side_and_is_kept(runner: StepRunner) -> None:
    # "Loss" on its own row, then "= 3": dropping it would read 1 + 1 = 3, a false alarm
    text = "$$\n\\begin{aligned}\na &= 1 + 1 \\\\\n\\text{Loss} \\\\\n&= 3\n\\end{aligned}\n$$\n"
    assert "wrong" not in [s for v in _by_line(text, runner).values() for s in v]


@pytest.mark.parametrize(
    "row",
    [r"\text{taking the summation outside}", r"\color{grey}{\text{these i and j are dummy indices}}"],
)
def test_remark_rows(row: str) -> None:
    assert remark_row(row)


@pytest.mark.parametrize(
    "row",
    [
        r"\text{Loss}",
        r"\text{total loss}",
        r"\text{note that} \sum_k y_k = 1",
        r"\text{so } x",
        r"\text{and} \quad",
        r"\text{since x is positive}",  # a fact the next step may need
        r"\text{so we assume the rate small}",
    ],
)
def test_rows_that_are_not_remarks(row: str) -> None:
    assert not remark_row(row)


def test_a_sentence_between_two_equations_is_no_factor(runner: StepRunner) -> None:
    text = (
        "$$ \\frac{d}{dx} x^2 = 2x \\text{ which makes } \\frac{d}{dx} x^3 = 3x^2 $$\n\n"
        "$$ \\frac{d}{dx} x^2 = 2x \\quad \\text{and hence} \\quad \\frac{d}{dx} x^3 = 3x $$\n"
    )
    lines = _by_line(text, runner)
    assert lines[1] == ["ok", "ok"]
    assert sorted(lines[3]) == ["ok", "wrong"]  # d/dx x^3 = 3x is found, d/dx x^2 = 2x still proved


@pytest.mark.parametrize(
    ("row", "parts"),
    [
        (r"a = b \text{ which makes } {c = d}", ["a = b", "c = d"]),
        (r"a = b \text{ so } = c", [r"a = b \text{ so } = c"]),  # one chain: the words are a remark in it
        (r"a = b \text{ for } i = j", [r"a = b \text{ for } i = j"]),  # a condition, read elsewhere
        (r"a = b \text{ which } c", [r"a = b \text{ which } c"]),  # no second equation
        (r"\frac{a \text{ and } b = c}{d} = e", [r"\frac{a \text{ and } b = c}{d} = e"]),  # not at the top level
    ],
)
def test_prose_parts(row: str, parts: list[str]) -> None:
    assert [p.text for p in prose_parts(_Plain(row))] == parts


class _Plain:
    """A string with the slice and strip of the row reader's mapped text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def slice(self, start: int, end: int) -> _Plain:
        return _Plain(self.text[start:end])

    def strip(self, chars: str | None = None) -> _Plain:
        return _Plain(self.text.strip(chars))


# --- a remark in parentheses closing a row -----------------------------------------------------


def test_a_closing_remark_is_cut_and_the_step_judged(runner: StepRunner) -> None:
    text = (
        "$$ \\frac{d}{dx} (x^2 + b) = 2x \\quad \\text{(bias term)} $$\n\n"
        "$$ \\frac{d}{dx} (x^2 + b) = 3x \\qquad (\\text{the output layer}) $$\n"
    )
    lines = _by_line(text, runner)
    assert lines[1] == ["ok"]
    assert lines[3] == ["wrong"]


@pytest.mark.parametrize(
    ("row", "start"),
    [
        (r"a = b \quad \text{(bias term)}", 6),
        (r"a = b \qquad (\text{the output layer})", 6),
        (r"a = b \quad (\text{for all } i)", None),  # a condition: the condition reader's
        (r"a = b \quad \text{(for all i)}", None),
        (r"a = b \text{(bias)}", None),  # no wide space: may be a name's annotation
        (r"\quad \text{(bias term)}", None),  # nothing before it
        (r"a = b \quad \text{(x positive)}", None),  # a property of x
        (r"a = b \quad (\text{small eta})", None),  # an approximation's condition
    ],
)
def test_trailing_remarks(row: str, start: int | None) -> None:
    assert trailing_remark_start(row) == start


def test_a_defined_macro_is_expanded_and_an_unknown_one_named(runner: StepRunner) -> None:
    defined = "\\newcommand{\\bb}[1]{\\mathbf{#1}}\n\n$$ \\bb{x} + \\bb{x} = 3\\bb{x} $$\n"
    assert _by_line(defined, runner)[3] == ["wrong"]
    results = check_text("$$ \\bb{x} + \\bb{x} = 2\\bb{x} $$\n", NOTATION, runner=runner, markdown=True).results
    assert [r.status for r in results] == ["unparsed"] and "\\bb" in (results[0].message or "")


# --- a reason written against the relation ----------------------------------------------------

_AGAINST = r"""
$$ \frac{d}{dx} x^2 = \text{(by the power rule)} \; 2x $$

$$ \frac{d}{dx} x^2 = \text{(by the power rule)} \; 3x $$

$$ \frac{d}{dx} x^2 = 2x \text{ (using (3)) } = x + x + 1 $$

$$ \frac{d}{dx} x^2 =_{\text{(3)}} 2x \quad \text{[by (3)]} $$

$$ \frac{d}{dx} x^2 =^{\text{def}} 3x $$
"""


def test_a_reason_against_the_relation_is_no_factor(runner: StepRunner) -> None:
    lines = _by_line(_AGAINST, runner)
    assert lines[2] == ["ok"]
    assert lines[4] == ["wrong"]
    assert lines[6] == ["ok", "wrong"]  # 2x = x + x + 1 found, the label read as no factor
    assert lines[8] == ["ok"]
    assert lines[10] == ["wrong"]


@pytest.mark.parametrize(
    ("side", "kept"),
    [
        (r"\text{(by the power rule)} \; 2x", r"\;2x"),
        (r"2x \text{ (using (3)) }", "2x"),
        (r"2x \quad (\text{from eq. 4})", r"2x\quad"),
        (r"_{\text{(3)}} 2x", "2x"),
        (r"x \text{ since } x", r"x\text{since}x"),  # since may state a fact the step needs
        (r"x \text{ for all } i", r"x\text{forall}i"),  # a condition
        (r"2 \text{ bytes}", r"2\text{bytes}"),  # a quantity: no reason word
        (r"\text{by (3)}", r"\text{by(3)}"),  # nothing else in the side
        (r"\text{by $x = 1$} 2x", r"\text{by$x=1$}2x"),  # math in the words: not a reference
        (r"x \text{ using x positive}", r"x\text{usingxpositive}"),  # a property of x
    ],
)
def test_side_labels(side: str, kept: str) -> None:
    toks = side_labels(tex_tokens(side))
    assert "".join(t for t, _ in toks) == kept
