r"""A letter the document defines as the softmax on one page and as another function of the
entries on another (held-out 7, kyuusaku: ``\sigma(\mathbf z)_i = e^{z_i} / \sum_k e^{z_k}``, then the
"sumone" ``\sigma(\mathbf z)_i = z_i / \sum_k z_k``): a step the softmax reading proves is ok, any
other stays undecided (softmax_variants). And the softmax's argument ``\mathbf z - z_{max}`` has
a scalar shift named by a word (norm_softmax), while ``W\mathbf x`` is no sum of vectors and scalars."""

from __future__ import annotations

from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.doc_vectors import document_softmax_names, document_softmax_variants
from derive.checks.latex.notation import load_notation

NOTATION = load_notation()
SOFTMAX = r"$$\sigma (\mathbf{z})_{i}={\frac {e^{z_{i}}}{\sum_{k=1}^{K}e^{z_{k}}}}$$"
SUMONE = r"$$\sigma (\mathbf{z})_{i}={\frac {z_{i}}{\sum_{k=1}^{K}z_{k}}}$$"
BOTH = SOFTMAX + "\n\nThe sumone function:\n\n" + SUMONE + "\n\n"


def _statuses(text: str, runner: StepRunner) -> list[str]:
    return [r.status for r in check_text(text, NOTATION, runner=runner, examples=30, markdown=True).results]


def test_variants_are_the_letters_defined_both_ways() -> None:
    assert document_softmax_variants(BOTH, NOTATION) == {r"\sigma"}
    assert document_softmax_names(BOTH, NOTATION) == frozenset()
    assert document_softmax_variants(SOFTMAX, NOTATION) == frozenset()


def test_a_step_the_softmax_proves_is_ok(runner: StepRunner) -> None:
    step = r"$$\frac {e^{z_{i}}}{\sum_{k=1}^{K}e^{z_{k}}} = \sigma (\mathbf{z})_{i}$$"
    assert _statuses(BOTH + step + "\n", runner)[-1] == "ok"


def test_a_step_about_the_other_function_is_not_judged(runner: StepRunner) -> None:
    # true of the sumone function, false of the softmax: neither ok nor wrong
    step = r"$$\frac {z_{i}}{\sum_{k=1}^{K}z_{k}} = \sigma (\mathbf{z})_{i}$$"
    assert _statuses(BOTH + step + "\n", runner)[-1] in ("unparsed", "inconclusive")


def test_a_step_false_either_way_is_not_called_wrong(runner: StepRunner) -> None:
    step = r"$$\frac {2 e^{z_{i}}}{\sum_{k=1}^{K}e^{z_{k}}} = \sigma (\mathbf{z})_{i}$$"
    assert _statuses(BOTH + step + "\n", runner)[-1] in ("unparsed", "inconclusive")


def test_a_shift_named_by_a_word_is_a_scalar(runner: StepRunner) -> None:
    right = r"$$\sigma (\mathbf{z}-z_{max})_{i} = \frac {e^{z_{i}-z_{max}}}{\sum_{k=1}^{K}e^{z_{k}-z_{max}}}$$"
    wrong = r"$$\sigma (\mathbf{z}-z_{max})_{i} = \frac {e^{z_{i}+z_{max}}}{\sum_{k=1}^{K}e^{z_{k}-z_{max}}}$$"
    assert _statuses(SOFTMAX + "\n\n" + right + "\n", runner)[-1] == "ok"
    assert _statuses(SOFTMAX + "\n\n" + wrong + "\n", runner)[-1] == "wrong"


def test_a_matrix_in_the_argument_is_not_entry_wise(runner: StepRunner) -> None:
    # (Wx)_i is row i of W times x: reading W as a scalar factor (W x_i) would prove this step
    step = r"$$\mathrm{softmax}(W\mathbf{x})_i = \frac{e^{W x_i}}{\sum_k e^{W x_k}}$$"
    assert _statuses("Let $W$ be a matrix.\n\n" + step + "\n", runner)[-1] != "ok"


# bschlaman/ml-exploration's neural-network notebook (held-out 21): the softmax defined as
# \sigma(\mathbf{z})_i, then "Focusing in on a single σ_i" every step writes σ_i, σ_j alone, and
# σ_j (Σ y_i) as a product; σ(w·x + b) in an earlier section is the logistic function
ENTRIES = (
    "The model: $\\hat y = \\sigma(\\mathbf{w} \\cdot \\mathbf{x} + b)$.\n\n"
    "$$\\sigma(\\mathbf{z})_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
)


def test_a_softmax_applied_to_one_vector_is_read_bare_by_its_entries() -> None:
    from derive.checks.latex.doc_vectors import document_softmax_arguments

    assert document_softmax_arguments(ENTRIES, frozenset({r"\sigma"})) == {r"\sigma": r"\mathbf{z}"}
    # two vectors (the corpus's softmax_obsidian_telhc.md: defined at z, derived at [σ(a)]_i): which one?
    two = ENTRIES + "$$\\frac{\\partial[\\sigma(\\mathbf{a})]_i}{\\partial a_j} = \\sigma_i(1_{i=j} - \\sigma_j)$$"
    assert document_softmax_arguments(two, frozenset({r"\sigma"})) == {}


def test_a_bare_softmax_entry_is_judged(runner: StepRunner) -> None:
    ok = ENTRIES + "$$\\frac{\\partial \\sigma_i}{\\partial z_i} = \\sigma_i (1 - \\sigma_i)$$\n"
    assert _statuses(ok, runner)[-1] == "ok"
    wrong = ENTRIES + "$$\\frac{\\partial \\sigma_i}{\\partial z_i} = \\sigma_i (1 + \\sigma_i)$$\n"
    assert _statuses(wrong, runner)[-1] == "wrong"
    prod = ENTRIES + "$$\\sigma_j \\left(\\sum_i z_i\\right) = \\sum_i z_i \\sigma_j$$\n"
    assert _statuses(prod, runner)[-1] == "ok"
