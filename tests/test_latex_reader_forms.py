"""Forms of notation real homework writes, read as meant: the softmax of an expression and its
entries in every spelling, a letter the document makes the softmax, layer superscripts, words
before a term. Each form is held on a right step (ok, never wrong) and a wrong one (found)."""

from __future__ import annotations

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_labels import with_document_labels
from derive.checks.latex.doc_vectors import document_softmax_names, document_vectors
from derive.checks.latex.normalize import load_notation, normalize

NOTATION = load_notation()


def _statuses(text: str, runner: StepRunner) -> list[tuple[str, str]]:
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    return [(r.step.rhs.strip(), r.status) for r in report.results]


# ---------------------------------------------------------------- softmax of an expression


@pytest.mark.parametrize(
    ("lhs", "rhs", "expected"),
    [
        (r"\text{softmax}(x+c)_i", r"\frac{e^{x_i+c}}{\sum_{j=1}^n e^{x_j+c}}", "ok"),
        (r"\text{softmax}(x+c)_i", r"\frac{e^{x_i}}{\sum_{j=1}^n e^{x_j+c}}", "wrong"),
        (r"\operatorname{softmax}(\mathbf z - 2b)_k", r"\frac{e^{z_k}}{\sum_{m=1}^n e^{z_m}}", "ok"),
        (r"\operatorname{softmax}(\mathbf z - 2b)_k", r"\frac{e^{z_k - 2b}}{\sum_{m=1}^n e^{z_m}}", "wrong"),
        (r"\text{softmax(x)}_i", r"\frac{e^{x_i}}{\sum_j e^{x_j}}", "ok"),
        (r"-\log{\text{softmax}(x)}_k", r"\log\sum_j e^{x_j} - x_k", "ok"),
        (r"-\log{\text{softmax}(x)}_k", r"\log\sum_j e^{x_j} + x_k", "wrong"),
    ],
)
def test_softmax_of_an_expression_and_its_spellings(lhs: str, rhs: str, expected: str, runner: StepRunner) -> None:
    text = f"The input $x$ has entries $x_j$, $z_j$.\n\n$${lhs} = {rhs}$$\n"
    assert _statuses(text, runner) == [(rhs, expected)]


def test_a_product_inside_softmax_is_not_read_entrywise(runner: StepRunner) -> None:
    # (Wx)_i is not W_i x_i: refused, never judged
    text = "Entries $x_j$, $W_j$.\n\n$$\\text{softmax}(W x)_i = \\frac{e^{W_i x_i}}{\\sum_j e^{W_j x_j}}$$\n"
    assert _statuses(text, runner)[0][1] == "unparsed"


def test_a_scalar_of_unknown_kind_is_not_guessed(runner: StepRunner) -> None:
    # neither u nor v is written as a vector anywhere: which one is the vector is not guessed
    text = "$$\\text{softmax}(u+v)_i = \\frac{e^{u+v}}{2 e^{u+v}}$$\n"
    assert _statuses(text, runner)[0][1] == "unparsed"


# ---------------------------------------------------------------- a letter the document makes the softmax

DEFINED_SIGMA = r"""The softmax:
$$\sigma(\mathbf{z})_i = \frac{e^{z_i}}{\sum^K_{j=1}e^{z_j}}$$

$$\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_i} = [\sigma(\mathbf{a})]_i(1 - [\sigma(\mathbf{a})]_i)$$

$$\frac{\partial[\sigma(\mathbf{a})]_i}{\partial a_i} = [\sigma(\mathbf{a})]_i(1 + [\sigma(\mathbf{a})]_i)$$

$$\sigma(t) = \frac{1}{2}$$
"""


def test_sigma_defined_as_softmax_is_the_softmax_in_entry_forms(runner: StepRunner) -> None:
    assert document_softmax_names(DEFINED_SIGMA, NOTATION) == {r"\sigma"}
    statuses = [status for _, status in _statuses(DEFINED_SIGMA, runner)]
    # the definition itself, the right derivative, the wrong one; σ(t) alone is not the logistic function here
    assert statuses == ["ok", "ok", "wrong", "unparsed"]


SAID_PHI = r"""Since the softmax function is $\phi: \mathbb{R}^d \to \mathbb{R}^d$, its derivative is:

$$\frac{\partial \phi(z)_i}{\partial z_j} = - \phi(z)_i \phi(z)_j \quad \text{for } i \neq j$$

$$\frac{\partial \phi(z)_i}{\partial z_j} = \phi(z)_i \phi(z)_j \quad \text{for } i \neq j$$
"""


def test_phi_said_to_be_the_softmax_in_prose(runner: StepRunner) -> None:
    assert document_softmax_names(SAID_PHI, NOTATION) == {r"\phi"}
    assert [status for _, status in _statuses(SAID_PHI, runner)] == ["ok", "wrong"]


def test_an_entry_name_of_the_softmax_stays_a_name(runner: StepRunner) -> None:
    # s is the softmax in s(x)_i; s_i alone is the document's name for that entry
    text = (
        "$$s(\\mathbf x)_i = \\frac{e^{x_i}}{\\sum_j e^{x_j}}$$\n\n"
        "$$\\frac{\\partial s(\\mathbf x)_i}{\\partial x_i} = s(\\mathbf x)_i - s(\\mathbf x)_i^2$$\n\n"
        "$$s_i + s_j = s_j + s_i$$\n"
    )
    assert [status for _, status in _statuses(text, runner)] == ["ok", "ok", "ok"]


def test_document_vectors_are_indexed_or_bold() -> None:
    text = r"$x_i$, $\theta_{j}$, $\hat{y}_k$, $\mathbf{v}$, $W_{ij}$, $e^{x}$, $c$"
    assert document_vectors(text) == {"x", r"\theta", r"\hat{y}", "v"}


# ---------------------------------------------------------------- layer superscripts, words, spellings


def test_neighbouring_layers_are_labels() -> None:
    doc = r"$$\frac{\partial \mathcal{L}}{\partial W^L} = 1$$ $$\frac{\partial \mathcal{L}}{\partial a^{L}} = 1$$"
    notation = with_document_labels(doc, NOTATION)
    side = normalize(r"\frac{\partial \mathcal{L}}{\partial a^{L-1}}", notation)
    assert not side.problems and side.diff_vars == ["a^{L-1}"]
    # b^L beside W^L: L is the layer letter of the whole document, never a power
    assert normalize(r"W^L a^{L-1} + b^L", notation).symbol_names == {"W^{L}", "a^{L-1}", "b^{L}"}
    # without the document's labels a^{L-1} stays what it was (a power), and e^{L} is Euler's e
    assert "a^{L-1}" not in normalize(r"a^{L-1}", NOTATION).symbol_names
    assert normalize(r"e^{L}", notation).symbol_names == {"L"}


def test_therefore_before_a_term_and_vert_bars(runner: StepRunner) -> None:
    text = "$$\\therefore \\sum_{j=1}^2 y_j = y_1 + y_2$$\n\n$$\\therefore \\sum_{j=1}^2 y_j = y_1 - y_2$$\n"
    assert [status for _, status in _statuses(text, runner)] == ["ok", "wrong"]
    # inside a term "therefore" is not dropped (a ∴ b is not a product)
    assert normalize(r"a \therefore b", NOTATION).problems
    assert normalize(r"\Vert w \Vert", NOTATION).problems == normalize(r"\| w \|", NOTATION).problems


def test_the_typed_reader_declines_a_letter_the_document_makes_the_softmax() -> None:
    from dataclasses import replace

    from derive.checks.latex.tex_tokens import Unreadable
    from derive.checks.latex.typed import parse_typed

    notation = replace(NOTATION, softmax_names=frozenset({r"\sigma"}))
    with pytest.raises(Unreadable, match="softmax in this document"):
        parse_typed(r"\sigma(\mathbf a)_i", notation)
    parse_typed(r"\sigma_i + \sigma(\mathbf a)_i", NOTATION)  # elsewhere σ is the notation's


# ---------------------------------------------------------------- tuples, entry by entry


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"(1-2,\; 0.5+2) = (-1,\; 2.5)", "ok"),
        (r"(1-2,\; 0.5+2) = (-1,\; 2.4)", "wrong"),
        (r"0.5\cdot0.12\cdot(1,2,3) = (0.06,0.12,0.18)", "ok"),
        (r"0.5\cdot0.12\cdot(1,2,3) = (0.06,0.12,0.19)", "wrong"),
        (r"2[x, y] - (x, 0) = (x, 2y)", "ok"),
        (r"(a, b) + (b, a) = (a + b, a - b)", "wrong"),
        # entries swapped: the same sum of entries, still wrong
        (r"(1, 2) = (2, 1)", "wrong"),
        # a tuple of another length is never equal
        (r"(1, 2) = (1, 2, 0)", "inconclusive"),
        # products and powers of tuples are not entry-wise: not read
        (r"(1, 2)(3, 4) = (3, 8)", "unparsed"),
        (r"(1, 2)^2 = (1, 4)", "unparsed"),
        (r"\frac{1}{(1, 2)} = (1, 0.5)", "unparsed"),
        # a function's arguments stay arguments
        (r"\max(0, x) = \max(x, 0)", "ok"),
    ],
)
def test_tuples_are_compared_entry_by_entry(step: str, expected: str, runner: StepRunner) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]


def test_a_name_with_a_tuple_value_is_not_put_in_a_function(runner: StepRunner) -> None:
    # z = (-1, 2.5) is a vector: ReLU(z) = (0, 2.5) is entry-wise, which its τ-weighted sum is not
    text = "$z=(1-2,\\;0.5+2)=(-1,\\;2.5)$\n\n$a=\\mathrm{ReLU}(z)=(0,\\;2.5)$\n"
    statuses = dict(_statuses(text, runner))
    assert statuses["(-1,\\;2.5)"] == "ok" and statuses["(0,\\;2.5)"] != "wrong"


# ---------------------------------------------------------------- primes on brackets and on the document's functions


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\sigma'(x) = \left(\frac{1}{1+e^{-x}}\right)'", "ok"),
        (r"\left(\frac{1}{1+e^{-x}}\right)' = \frac{1}{(1+e^{-x})^2}", "wrong"),
        (r"(\ln(1 + t^2))' = \frac{2t}{1+t^2}", "ok"),
        (r"(\ln(1 + t^2))' = \frac{t}{1+t^2}", "wrong"),
        # with respect to what? a or x: not guessed
        (r"(a x^2)' = 2ax", "unparsed"),
        (r"(x^3)'' = 6x", "unparsed"),
    ],
)
def test_a_prime_on_a_bracket_is_the_derivative_by_its_one_variable(
    step: str, expected: str, runner: StepRunner
) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]


OWN_G = r"""$$g(z)=\frac{1}{1+e^{-z}}$$

So $g'=g(1-g)$, $g'(z) = g(z)(1+g(z))$, and $g' = g(1 + g)$.

$$h(u) = u^3 + 1$$

$$h' = 3u^2$$

$$h' = 3h$$
"""


def test_a_prime_on_a_function_the_document_defines(runner: StepRunner) -> None:
    statuses = [status for _, status in _statuses(OWN_G, runner)]
    # definitions of g and h (not judged), then g' = g(1-g) ok and two wrong forms, h' ok, h' = 3h wrong
    assert statuses == ["inconclusive", "ok", "wrong", "wrong", "inconclusive", "ok", "wrong"]


# ---------------------------------------------------------------- a sum as a name, case headings, family variables

SHORTHAND = r"""Let $\hat y_i = \frac{e^{u_i}}{\sum_{j=1}^{K} e^{u_j}}$ (define $\sum_K = \sum_{j=1}^{K} e^{u_j}$).

$i = j$

$$\frac{\partial \hat y_i}{\partial u_i} = \frac{e^{u_i}\sum_K - e^{u_i}e^{u_i}}{(\sum_K)^2} = \hat y_i(1 - \hat y_i)$$

$i \neq j$

$$\frac{\partial \hat y_i}{\partial u_j} = \frac{0 - e^{u_i}e^{u_j}}{(\sum_K)^2} = -\hat y_i\hat y_j$$

A wrong sign:

$$\frac{\partial \hat y_i}{\partial u_i} = \frac{e^{u_i}\sum_K + e^{u_i}e^{u_i}}{(\sum_K)^2}$$
"""


def test_a_sum_with_nothing_after_it_is_the_documents_shorthand(runner: StepRunner) -> None:
    statuses = [status for _, status in _statuses(SHORTHAND, runner)]
    # Σ_K is the document's sum; the case headings "$i = j$" and "$i \neq j$" are the blocks'
    # conditions: the off-diagonal steps are never wrong (they hold for i ≠ j only)
    assert statuses[-5:-3] == ["ok", "ok"] and statuses[-2] == "ok" and statuses[-1] == "wrong"
    assert "wrong" not in statuses[:-1]


FAMILY_VARIABLE = r"""$$\theta_k = \sum_{i=1}^{2} w_{ik} x_i$$

$$\hat y_k = \frac{e^{\theta_k}}{\sum_{j=1}^{2} e^{\theta_j}}$$

$$\frac{\partial \hat y_1}{\partial \theta_1} = \hat y_1 (1 - \hat y_1)$$

$$\frac{\partial \hat y_1}{\partial \theta_1} = \hat y_1 (1 + \hat y_1)$$
"""


def test_a_derivative_by_a_name_the_document_defines_as_a_family(runner: StepRunner) -> None:
    # θ_1 has a value (Σ_i w_i1 x_i), yet ∂/∂θ_1 is with θ free, the values put in afterwards
    statuses = [status for _, status in _statuses(FAMILY_VARIABLE, runner)]
    assert statuses[-2:] == ["ok", "wrong"]


@pytest.mark.parametrize(("heading", "expected"), [("$i \\neq j$", "ok"), ("Case $i \\ne j$:", "ok"), ("", "wrong")])
def test_a_condition_alone_before_a_block_is_its_condition(heading: str, expected: str, runner: StepRunner) -> None:
    # true for i ≠ j only: under the heading it is ok, without it the point i = j refutes it
    lhs = r"\frac{\partial}{\partial u_j} \frac{e^{u_i}}{\sum_{k=1}^K e^{u_k}}"
    step = lhs + r" = -\frac{e^{u_i} e^{u_j}}{(\sum_{k=1}^K e^{u_k})^2}"
    text = f"{heading}\n\n$${step}$$\n"
    assert [status for _, status in _statuses(text, runner)][-1] == expected


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"e^{x_\text{max}-x_\text{max}} = 1", "ok"),
        (r"e^{x_\text{max}-x_\text{max}} = 2", "wrong"),
        (r"W_\mathrm{out} + W_{out} = 2 W_\mathrm{out}", "ok"),
        (r"\nabla_{z} (z^2 + 3z) = 2z + 3", "ok"),
        (r"\nabla_{z} (z^2 + 3z) = 2z", "wrong"),
        (r"\nabla_\theta \log \theta = \frac{1}{\theta}", "ok"),
    ],
)
def test_font_subscripts_and_gradients(step: str, expected: str, runner: StepRunner) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]


# ---------------------------------------------------------------- words a document uses as names

WORDS = r"""$$\text{MSE} = \frac{1}{2}(y - \hat y)^2$$

$$\frac{\partial \text{MSE}}{\partial \hat y} = \hat y - y$$

$$\frac{\partial \mathrm{MSE}}{\partial \hat y} = y - \hat y$$

$$Loss = (a - b)^2$$

$$\frac{d Loss}{d a} = 2(a - b)$$

$$\frac{d Loss}{d a} = 2(b - a)$$

$$\frac{d}{dx} x^2 = 2x$$

$$\text{if} = 2$$
"""


def test_words_the_document_defines_are_names(runner: StepRunner) -> None:
    from derive.checks.latex.word_names import document_word_names

    assert document_word_names(WORDS, NOTATION) == {"MSE", "Loss"}
    statuses = [status for _, status in _statuses(WORDS, runner)]
    # definitions (not judged), the right derivative ok and the wrong one found, in every font;
    # dy/dx stays a derivative, a word of prose stays unread
    assert statuses == ["inconclusive", "ok", "wrong", "inconclusive", "ok", "wrong", "ok", "unparsed"]


def test_a_word_written_alone_as_an_inline_formula_is_a_name(runner: StepRunner) -> None:
    # held-out 23 (zacbrannelly): "and $label$ is the expected output"; then 2(a - label)
    from derive.checks.latex.word_names import document_word_names

    text = (
        "The loss is $L = (a - label)^2$, where $a$ is the activation and $label$ is the target.\n\n"
        "$$\\frac{dL}{da} = 2(a - label)$$\n\n$$\\frac{dL}{da} = 2(label - a)$$\n"
    )
    assert "label" in document_word_names(text, NOTATION)
    assert [status for _, status in _statuses(text, runner)][-2:] == ["ok", "wrong"]
    assert document_word_names("so $if$ and $$x$$ and $ab$", NOTATION) == set()  # prose and two letters


def test_a_name_with_escaped_underscores_is_one_name(runner: StepRunner) -> None:
    # held-out 17 (walkerwzy) and seed 001: \frac{1}{batch\_size}(P - T), \sum_{i=1}^{batch\_size}
    from derive.checks.latex.word_names import document_word_names

    total = "\\sum_{i=1}^{batch\\_size}"
    step = "\\frac{1}{batch\\_size}" + total + " 2 x_i = \\frac{%s}{batch\\_size}" + total + " x_i"
    rate = "learning\\_rate \\cdot 2 w = %s\\, learning\\_rate\\, w"
    text = "".join(f"$${form % n}$$\n\n" for form in (step, rate) for n in (2, 3))
    assert document_word_names(text, NOTATION) == {"batchsize", "learningrate"}
    assert [status for _, status in _statuses(text, runner)] == ["ok", "wrong", "ok", "wrong"]
    # one letter before a number may be Markdown escaping a subscript (x\_1): not a word
    assert document_word_names("$$x\\_1 = 2$$", NOTATION) == set()


def test_two_lower_case_letters_are_never_a_word_name() -> None:
    from derive.checks.latex.word_names import document_word_names

    assert document_word_names("$$xy = 2$$ $$dx = 0.1$$ $$\\text{CE}(y, p) = 1$$", NOTATION) == {"CE"}


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"\sigma' = \sigma(1-\sigma)", "ok"),
        (r"\sigma' = \sigma(1+\sigma)", "wrong"),
        (r"\tanh' = 1 - \tanh^2", "ok"),
        # a value with no function in it (σ' = 1 for a linear output) is not about σ(x): unread
        (r"\sigma' = 1", "unparsed"),
        (r"\sigma = \tanh", "unparsed"),
    ],
)
def test_functions_written_without_their_argument_in_every_term(step: str, expected: str, runner: StepRunner) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (r"[x]_+ = \max(0,x)", "ok"),
        (r"[x]_+ = \max(0,-x)", "wrong"),
        (r"(1 - y t)_{+} = \max(0, 1 - yt)", "ok"),
        (r"\frac{\partial z^{(l)}}{\partial z^{(l-1)}} = 0", "unparsed"),  # read as a layer, not a power
        (r"x^{(y + 1)} = x x^{y}", "ok"),  # a bracketed power stays a power
    ],
)
def test_positive_part_and_layer_labels(step: str, expected: str, runner: StepRunner) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]
    if "(l-1)" in step:
        assert normalize(step.split("=")[0], NOTATION).diff_vars == ["z^{(l-1)}"]


_LOG_SOFTMAX = r"\ln \frac{e^{(x^{(p,3)})_k}}{\sum_{q=1}^{K} e^{(x^{(p,3)})_q}} = "


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        # held-out 12 (collas): x^{(p,3)} is example p at layer 3, (x^{(p,3)})_j its j-th entry
        (r"x_j^{(p,3)} + x_j^{(p,3)} = 2 x_j^{(p,3)}", "ok"),
        (r"x_j^{(p,3)} + x_j^{(p,3)} = 3 x_j^{(p,3)}", "wrong"),
        (_LOG_SOFTMAX + r"(x^{(p,3)})_k - \ln \sum_{q=1}^{K} e^{x^{(p,3)}_q}", "ok"),
        (_LOG_SOFTMAX + r"(x^{(p,3)})_k + \ln \sum_{q=1}^{K} e^{x^{(p,3)}_q}", "wrong"),
        # a power or a transpose is not moved under the index: (W^T)_{ij} is W_{ji}
        (r"(x^2)_j = x_j x_j", "unparsed"),
        (r"(W^T)_{12} = W_{12}", "inconclusive"),
    ],
)
def test_a_tuple_label_and_the_entry_of_a_bracketed_name(step: str, expected: str, runner: StepRunner) -> None:
    assert [status for _, status in _statuses(f"$${step}$$\n", runner)] == [expected]


def test_the_typed_reader_reads_the_positive_part() -> None:
    from derive.checks.latex.typed import parse_typed
    from derive.checks.latex.typed_nodes import Call

    node = parse_typed(r"[x - 1]_+", NOTATION)
    assert isinstance(node, Call) and node.fn == "max"


def test_a_value_alone_before_a_block_is_not_its_condition(runner: StepRunner) -> None:
    # "$y = 2$" on its own line is a worked example's value: the wrong step below is still found
    text = "$y = 2$\n\n$$\\sum_{j=1}^2 j = 4$$\n"
    assert [status for _, status in _statuses(text, runner)][-1] == "wrong"
    # "$i = 2$" alone may also be a case heading (index letters: the index judge takes it as the
    # block's condition); either way the wrong step is never called ok
    text = "$i = 2$\n\n$$\\sum_{j=1}^2 j = 4$$\n"
    assert [status for _, status in _statuses(text, runner)][-1] in ("wrong", "inconclusive")


# ---------------------------------------------------------------- a decorated name's example label
def test_a_decorated_name_differentiated_with_its_example_label(runner: StepRunner) -> None:
    # held-out 18 (TDT4265 reports): \pdv{C^n(w)}{\hat{y}^n} was "a higher derivative" (∂ŷ to the n)
    loss = "$$C^n = -(y^n \\ln \\hat{y}^n + (1-y^n)\\ln(1-\\hat{y}^n))$$\n\n"
    for derivative in ("\\frac{\\partial C^n}{\\partial \\hat{y}^n}", "\\pdv{C^n}{\\hat{y}^n}"):
        right = f"$${derivative} = -\\frac{{y^n}}{{\\hat{{y}}^n}} + \\frac{{1-y^n}}{{1-\\hat{{y}}^n}}$$\n\n"
        wrong = f"$${derivative} = -\\frac{{y^n}}{{\\hat{{y}}^n}} - \\frac{{1-y^n}}{{1-\\hat{{y}}^n}}$$\n"
        assert [status for _, status in _statuses(loss + right + wrong, runner)][1:] == ["ok", "wrong"]
    notation = with_document_labels("\\pdv{C^n(w)}{\\hat{y}^n}", NOTATION)
    assert normalize("\\hat{y}^n C^n", notation).symbol_names == {"\\hat{y}^{n}", "C^{n}"}


def test_a_one_by_one_declared_for_a_vector_fits_its_size(runner: StepRunner) -> None:
    # held-out 19 (kwichmann's notes): b^{(2)} ∈ ℝ^{1×1} in a 2-n_h-1 network was "b^{(2)} is C, not 1×1";
    # a column n×1 is the n-vector, so the notation's C-vector fits with C = 1
    text = "$$W^{(2)}\\in\\mathbb{R}^{1\\times n_h},\\quad b^{(2)}\\in\\mathbb{R}^{1\\times 1}$$\n"
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results] and all(r.status != "wrong" for r in report.results)


def test_a_letter_labelling_two_names_in_brackets_labels_its_neighbours(runner: StepRunner) -> None:
    # held-out 23 (dassein): Z^{(k)} = A^{(k-1)} W^{(k)}; ∂J/∂A^{(k-1)} was "a higher derivative"
    from derive.checks.latex.doc_labels import with_bracket_steps

    layered = "$$Z^{(k)} = A^{(k-1)} W^{(k)}$$\n\n$$\\frac{\\partial Z^{(k)}}{\\partial A^{(k-1)}} = W^{(k)}$$\n"
    assert with_bracket_steps(layered, NOTATION).labels["(*)"] == ("k",)
    assert [status for _, status in _statuses(layered, runner)][1] != "unparsed"
    by = normalize(r"\frac{\partial Z^{(k)}}{\partial A^{(k-1)}}", with_bracket_steps(layered, NOTATION))
    assert by.diff_vars == ["A^{(k-1)}"]
    # with no name labelled (k), k is an exponent's letter: x^{(k-1)} stays a power
    power = "$$x^{(k-1)} \\cdot x = x^{k}$$\n"
    assert with_bracket_steps(power, NOTATION).labels.get("(*)") is None
    assert [status for _, status in _statuses(power, runner)] == ["ok"]


def test_a_capital_letter_labelling_two_names_in_brackets_labels_its_neighbours(runner: StepRunner) -> None:
    # held-out 19 (kwichmann): \theta^{(K)}, a^{(K)} and ∂L/∂θ^{(K-1)}_{ij} ("a higher derivative")
    from derive.checks.latex.doc_labels import with_bracket_steps

    layered = "$$z^{(K)} = \\theta^{(K-1)} a^{(K-1)} + b^{(K)}$$\n\n"
    assert with_bracket_steps(layered, NOTATION).labels["(*)"] == ("K",)
    by = normalize(r"\frac{\partial z^{(K)}}{\partial \theta^{(K-1)}}", with_bracket_steps(layered, NOTATION))
    assert by.diff_vars == [r"\theta^{(K-1)}"]
    steps = layered + "$$\\frac{\\partial z^{(K)}}{\\partial \\theta^{(K-1)}} = a^{(K-1)}$$\n\n"
    steps += "$$\\frac{\\partial z^{(K)}}{\\partial \\theta^{(K-1)}} = 2 a^{(K-1)}$$\n"
    assert [status for _, status in _statuses(steps, runner)][1:] == ["ok", "wrong"]
    # a capital on one name only stays an exponent's letter
    assert with_bracket_steps("$$x^{(N-1)} \\cdot x = x^{N}$$\n", NOTATION).labels.get("(*)") is None


def test_a_word_as_a_superscript_is_a_label(runner: StepRunner) -> None:
    # a hunt-15 RNN note's \delta_2^{direct}, \hat w^{MLE}: a word raises to no power
    text = "$$g^{direct} = 2a - y$$\n\n$$g^{direct} + y = 2a$$\n\n$$g^{\\text{direct}} + y = 3a$$\n"
    assert [status for _, status in _statuses(text, runner)] == ["inconclusive", "ok", "wrong"]
    assert [status for _, status in _statuses("$$e^{abc} e^{a} = e^{abc + a}$$\n", runner)] == ["unparsed"]
