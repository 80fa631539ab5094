r"""False alarms a hunt on real documents found (a helper ran check-latex on 26 public documents and
checked every 'wrong' by hand): each, reduced to its form, must never be wrong again, and the
wrong twin of each must stay wrong.

- HetanshWaghela/basic_ml_dl matrix_form_backprop.md: x ∈ R^{n×1}, W ∈ R^{m×n} declared in
  display math, yet x was sampled with the notation's d (the seeds' x), so z = Wx + b did not fit
  and ∂L/∂b = ∂L/∂z was 'wrong' (doc_definitions.find_declarations).
- WWWonderer/tech_blog linear regression: − \underbrace{w^TX^Ty − y^TXw}_{scalars} shows
  − w^TX^Ty − y^TXw on the page; read as a group it differed (verdict_guards._braced_sum).
- MihirSaiDudekula/VIsem_Labs DLP2.md: [−0.8, 1.1, 0.1] − 1.1 = [−1.9, 0, −1.0] (NumPy's broadcast)
  was 'wrong': the number was subtracted from the first entry only (norm_tuples).

A third hunt (24 documents):

- tylerneylon/math ml_notes/cs229/cs229.tex: exp(-1/2 B_0)/exp(-1/2 B_1) = exp(1/2 (B_1 - B_0))
  was 'wrong': ``1/2 B_0`` was read as parse_latex reads it, 1/(2 B_0); the writer means
  (1/2)·B_0. A slash before a product is judged again under that reading (verdict_guards).
- coockoo/knowledgebase ai/problem-set-00.md: "A is positive semi-definite if - $A = A^T$
  (symmetric)" was 'wrong' for a sampled A: an equation about an undefined name alone states a
  property it has (matrix_judge._property, scalar_judge._property_of), it rewrites nothing.
- sreekanth9999/Interview_Prep simple_nn_calculation.md: "Since $z_1 = 0.5 > 0$, we get:
  dL/dz_1 = dL/da_1 · 1" (ReLU' = 1) was 'wrong' at a point with z_1 < 0: "since" gave no
  condition, nor did a value followed by a bound (conditions.reasons, conditions._one).

A fourth hunt (about 45 documents, numeric walk-throughs first):

- smaxx73/Neural-Network-Course session5_loss_gradient_descent.md: "If you're standing at $w =
  0.5$ …" and later "the true minimum where $3 - 2w = 0$", "$2w - 4 = 0 \Rightarrow w = 2$" were
  'wrong' at w = 0.5: an equation set to zero in a valued name is the condition that fixes it, and
  ``w = 2`` after the arrow is a new value (unclaimed_equations, doc_definitions).
- wenitte/mathematical-intelligence (ProofWiki): "re-index the second sum: $r = r + 1$" was 'wrong':
  an update of a name from its own value is an assignment (unclaimed_equations).
- the same course's session 6: ``e = \hat{y} - y`` (the error) then ``L = e^2 = (-0.3775)^2`` was
  'wrong' with Euler's e (unclaimed_equations); ``0.6 \times 0.6457 + … = 0.3874 - 0.1702 + 0.2``,
  ``\sigma'(0.6) = 0.6457 \times 0.3543`` and a matrix of such products were 'wrong' by their
  rounding (rounded_operands, rounded_numbers); ``W^{(1)} \in \mathbb{R}^{2 \times 2}`` was
  'wrong' against the notation's D×H, which may be 2×2 (shapes._sizes_fit); its solutions'
  ``\frac{\partial L}{\partial b^{(2)}} = \delta^{(2)}`` after ``\delta^{(2)} = -0.1903`` was
  'wrong' as a 3×1 matrix against a scalar (unclaimed_equations._numbered_scalar).

The twelfth held-out set (blind):

- froukje/datamapu backpropagation_step_by_step: ``\frac{\delta}{\delta a^{(2)}}w^{(2)} a^{(2)} +
  b^{(2)} = w^{(2)}`` was 'wrong' (0.6 against 0.2): the operator was read as acting on w a alone;
  the writer means the whole affine map. A derivative operator before a sum without brackets is
  judged again with the whole sum as its operand (normalize, verdict_guards).

A sixth hunt (55 documents: course homework in LaTeX, notebooks, Hugo and Jekyll blogs):

- Doraemonzzz/xopes ops/cross_entropy: ``- \lambda / v \sum_{i=1}^v (z_i - r)`` was read as
  λ/(v·Σ…), so a plain expansion of label smoothing was 'wrong'. A slash before a sum is as
  loose as one before a product, and is judged under both readings (normalize._juxtaposed).
- CassiaCai/UW-CSE546-HW hw3.tex: "use $\lambda = 10^{-1}$" in one problem, "RBF kernel:
  $\lambda = 0.0013$" reported in another was 'wrong' (1/10 against 0.0013): a setting written in
  powers of ten is a number given, so the later one is a new assignment (doc_definitions._NUMBER).
- dscamiss/blog attention posts: ``\sigma((e_i^t Q K^t)^t)^t V = \sigma(K Q^t e_i)^t V`` was
  'wrong' at t = -2: the document writes ^t for a transpose and t nowhere else
  (lowercase_transposes).
- shreedharn/transformers nn_intro.md: "Activation Function (Sigmoid): $f(1.9) = \frac{1}{1 +
  e^{-1.9}}$" was 'wrong' with the ReLU $f(x) = \max(0, x)$ defined a section further down
  (later_functions).

An eleventh hunt (94 documents from 27 repositories: interview notes, probability homework, lecture
notes in English, German, Chinese and Korean, course notebooks):

- hguangshuai/lingying expected_coin_flips.md: E_0 = 3 + 0.5 E_0 (a system being solved, E_0 = 6)
  was 'wrong' as an identity (solved_equations).
- random-logic/STA131A HW3.md: P(Y|X^c) = p beside P(Y|X) = 2p was 'wrong': X^c was taken for an
  instance of X (probabilities.instance_bindings).
- mahmudstat/lectures 01-stat.md: "If $x_1=x_2=x_3$" was judged with an earlier example's values
  (clauses.is_condition, conditions.equal_names).
- zemw/prob 11_calculus.qmd: du = 3dx after u = 3x + 2 was 'wrong' as d·u = 3·d·x (differentials).
- zhaochenyang20/Awesome-ML-SYS-Tutorial flash_attn: dP = dO V^T (gradients' names) was 'wrong' as
  d·P = d·O·V^T (differentials.glued_names).
- ebarylko/cmpt-210 assignment-1.md: the distributive law of sets, written with + for ∪ and * for
  ∩ as the page says, was 'wrong' for numbers (operator_meanings).
- saikrishnaponnam/Machine-Learning linear-algebra.md: "$||x|| = 0$ if and only if $x = 0$" was
  'wrong' for every x (unread_clauses).
- hyz-courses/CISC3023: d/d(1+e^{-ξ}) read as a fraction (norm_forms.fraction), and an entropy
  whose \log_2{…} braces hold the rest of the sum (braced_calls), were 'wrong'.
- Artificial-Intelligence-HSBI-TDU/KI-Vorlesung (German lectures): \log_2 4/6 read as (log₂ 4)/6
  (log_bases), and decimal commas, "= 0,6" cut at its comma, "0,125" read as 125 (decimal_commas).

A twelfth hunt (92 documents from 33 repositories):

- Doraemonzzz/CS229: a naive Bayes log-likelihood whose \prod_j ends with the class prior (no j)
  was 'wrong' read with the prior n times inside the product (product_scopes).
- joshlaubach/calculus-notes: each example's function, given in a <summary> line, was not read, so
  f'(1) = 1 was judged with an earlier example's f (markdown_doc); "at $x = 1$" after "near $x = a$",
  "$a = 4$" was 'wrong' (verdict_guards._given_value), as was Sakura-gh/ML-notes' "$v^0=0$".
- thisisRMak/cs231n-notes: x ∈ ℝ^D of a classifier met an add gate's scalars z = x + y; neither side
  of the chain rule fitting was reported 'wrong' (matrix_judge).
- MigoXV/calculus-notes: (C)' = 0 read as dC/dC (norm_primes), and an internal error (numeric_values).

A thirteenth hunt (115 documents from 25 repositories; 6 'wrong', 1 a true error):

- mbustamanter/ssg-blog: δ_ik δ_il = δ_kl in index notation, the repeated i read as free (einstein).
- ekamperi/ekamperi.github.io: G = 1 - Σ_{k=1}^{2} p_k^2 with G's Σ_{k=1}^N expanded at 3 terms
  (written_sizes.numbered_size).
- cadizm/linear-algebra-for-ml-ds: e^x = 1/x after "f'(x) = e^x - 1/x = 0" judged as an identity
  (rearranged_zeros).
- HeavenAQ/heaven-blog: problem 1's x^{(i)} used in problem 3, whose data is a set of pairs (restated_data).

A fourteenth hunt (106 documents from 43 repositories; 13 'wrong', 8 true errors):

- LynnHo/Matrix-Calculus-Tutorial: d(XY) = (dX)Y + X(dY) written with bold names, d\mathbf{X}, was
  refuted as d times X (differentials.glued_names: a font changes no letter).
- luweiagi/machine-learning-notes: a sub-sampling layer's δ^l = (W^{l+1})^T δ^{l+1}, "without the
  activation's derivative, since a sub-sampling layer has none", was 'wrong' under the document's
  a^l = f(u^l) (layered_backprop.NO_ACTIVATION).
- JoKerDii/machine-learning-notes: C = \frac12(y - t)^2 against an inline C=1/2(y−t)^2 read as
  1/(2(y−t)^2) (loose_definitions).
- DragonWarrior15/statistical-learning-notes backprop.md: dL/dx = dL/dy dy/dx for y = exp(x), with
  L = ½(y − ŷ)² of an earlier regression example (y its target) put in (reused_letters).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from derive.checks.latex.checker import StepRunner, check_text
from derive.checks.latex.conditions import as_conditions, prose_conditions
from derive.checks.latex.markdown_doc import markdown_regions
from derive.checks.latex.normalize import load_notation

NOTATION = load_notation()
DECLARED = "".join(
    f"$${line}$$\n\n"
    for line in (
        r"x \in \mathbb{R}^{n \times 1}",
        r"W \in \mathbb{R}^{m \times n}",
        r"b \in \mathbb{R}^{m \times 1}",
        "z = Wx + b",
    )
)


def _last(text: str, runner: StepRunner) -> tuple[str, str]:
    result = check_text(text, NOTATION, runner=runner, markdown=True, examples=30).results[-1]
    return result.status, result.message


@pytest.mark.parametrize(
    "claim",
    [
        r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial z}",
        r"\frac{\partial L}{\partial W} = \frac{\partial L}{\partial z} \cdot x^T",
        r"\frac{\partial L}{\partial x} = W^T \frac{\partial L}{\partial z}",
    ],
)
def test_a_displayed_declaration_sizes_x_not_the_seeds_notation(claim: str, runner: StepRunner) -> None:
    status, message = _last(DECLARED + f"$${claim}$$\n", runner)
    assert status != "wrong", message


def test_a_sum_under_an_underbrace_is_not_a_counterexample(runner: StepRunner) -> None:
    status, message = _last(r"$$a - \underbrace{b - c}_{t} = a - b - c$$", runner)
    assert status == "inconclusive" and "underbrace" in message, message


def test_an_underbrace_around_one_term_is_still_judged(runner: StepRunner) -> None:
    assert _last(r"$$a - \underbrace{2 e^{b}}_{t} = a - 2 e^{b}$$", runner)[0] == "ok"
    status, message = _last(r"$$a - \underbrace{2 e^{b}}_{t} = a + 2 e^{b}$$", runner)
    assert status == "wrong", message


def test_a_number_beside_a_list_is_not_added_to_its_first_entry(runner: StepRunner) -> None:
    status, message = _last("$$[1, 2, 3] - 1 = [0, 1, 2]$$", runner)
    assert status != "wrong", message
    assert "added to a tuple" in message


def test_lists_added_entry_by_entry_are_still_judged(runner: StepRunner) -> None:
    assert _last("$$[1, 2, 3] - [1, 1, 1] = [0, 1, 2]$$", runner)[0] == "ok"
    assert _last("$$(1, 2) + (3, 4) = (4, 7)$$", runner)[0] == "wrong"


@pytest.mark.parametrize(
    "text",
    [
        r"$$\frac{\partial {\frac{1}{\hat{\sigma}}}}{\partial {\hat{\sigma}}} = -\frac{1}{\hat{\sigma}^2}$$",
        r"$$\frac{\partial}{\partial \tilde\sigma} \frac{1}{\tilde\sigma} = -\frac{1}{\tilde\sigma^2}$$",
    ],
)
def test_a_decorated_sigma_is_a_name_not_the_sigmoid(text: str, runner: StepRunner) -> None:
    # batch-norm's σ̂ = sqrt(σ² + ε) (morris-frank's UvA report, held-out 9): read as σ(σ̂) it was 'wrong'
    status, message = _last(text, runner)
    assert status == "ok", message
    status, message = _last(text.replace(r"-\frac", r"\frac"), runner)
    assert status == "wrong", message


def test_a_condition_before_an_arrow_holds_the_claim_after_it(runner: StepRunner) -> None:
    # ezalos' notes (held-out 5): "i = j \rightarrow \delta_{ij} = 1 \newline i \neq j \rightarrow \delta_{ij} = 0"
    text = "$$i = j \\rightarrow \\delta_{ij} = 1 \\newline i \\neq j \\rightarrow \\delta_{ij} = 0$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["ok", "ok"], [r.message for r in report.results]
    assert _last("$$i = j \\Rightarrow \\delta_{ij} = 0$$", runner)[0] == "wrong"


def test_a_slash_before_a_product_may_divide_its_first_factor_only(runner: StepRunner) -> None:
    text = r"$$\frac{\exp(-1/2 B_0)}{\exp(-1/2 B_1)} = \exp\left(\frac{1}{2}(B_1-B_0)\right)$$"
    status, message = _last(text, runner)
    assert status == "ok" and "(a/b)·c" in message, message
    # wrong under both readings: still wrong
    status, message = _last(text.replace("(B_1-B_0)", "(B_0-B_1)"), runner)
    assert status == "wrong", message
    # parse_latex's reading a/(bc) is still tried first: 1/2x = 1/(2x) holds as written
    assert _last(r"$$1/2 x = \frac{1}{2x}$$", runner)[0] == "ok"


@pytest.mark.parametrize("claim", [r"A = A^T", r"A = A^T A", r"A^T = A"])
def test_an_equation_about_one_undefined_name_states_a_property(claim: str, runner: StepRunner) -> None:
    text = r"For $A, P \in \mathbb{R}^{n \times n}$, the matrix is special if" + f"\n\n- ${claim}$\n"
    status, message = _last(text, runner)
    assert status != "wrong", message


def test_an_equation_in_one_name_that_rewrites_it_is_still_judged(runner: StepRunner) -> None:
    assert _last(r"$$(P + 1)^2 = P^2 + 1$$", runner)[0] == "wrong"
    assert _last(r"$$\sqrt{x^2} = x$$", runner)[0] == "wrong"  # of a number, a claim
    square = r"\in \mathbb{R}^{n \times n}$"
    text = f"For a symmetric $A {square} and any $B {square}:" + "\n\n- $A = A^T B$\n"
    assert _last(text, runner)[0] == "wrong"


RELU_STEP = (
    "$$z_1 = x \\cdot w_1 \\\\ a_1 = \\text{ReLU}(z_1)$$\n\n"
    "$$z_2 = a_1 \\cdot w_2 \\\\ a_2 = \\text{Sigmoid}(z_2)$$\n\n"
    "$$L = -\\log(1 - a_2)$$\n\nREASON\n\n$$\\frac{dL}{dz_1} = \\frac{dL}{da_1} \\cdot 1$$\n"
)


def test_a_reason_after_since_is_the_steps_condition(runner: StepRunner) -> None:
    status, message = _last(RELU_STEP.replace("REASON", "Since $z_1 = 0.5 > 0$, we get:"), runner)
    assert status != "wrong" and "z_1 > 0" in message, message
    # the same step with no reason stated: ReLU' is 0 for z_1 < 0, so it is wrong
    assert _last(RELU_STEP.replace("REASON", "We get:"), runner)[0] == "wrong"


def test_a_value_then_a_bound_is_the_bound_and_since_a_value_is_no_condition() -> None:
    assert as_conditions("z_1 = 0.5 > 0") == ["z_1 > 0"]
    assert as_conditions("z_1 = a > 0") == []
    assert prose_conditions("Since $z_1 > 0$, we get") == ["z_1 > 0"]
    assert prose_conditions("Since $y = 0$, the loss simplifies to") == []  # a worked example's value
    assert prose_conditions("if $y = 0$") == ["y = 0"]


def test_an_update_of_a_name_from_itself_is_an_assignment(runner: StepRunner) -> None:
    status, message = _last("re-index the second sum: $r = r + 1$\n", runner)
    assert status == "inconclusive" and "assignment" in message, message
    assert _last("Then $i = i - 1$.\n", runner)[0] == "inconclusive"
    assert _last("$$2r = r + 1$$\n", runner)[0] == "wrong"  # not a bare name updated: a claim


@pytest.mark.parametrize(
    "solve",
    [
        "Notice: $w$ converges toward 1.5 (the true minimum where $3 - 2w = 0$).",
        "Setting the derivative to zero: $2w - 4 = 0 \\Rightarrow w = 2$",
    ],
)
def test_an_equation_set_to_zero_is_solved_for_a_valued_name(solve: str, runner: StepRunner) -> None:
    text = f"If you stand at $w = 0.5$ on this curve, which way should you move?\n\n{solve}\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert all(r.status != "wrong" for r in report.results), [r.message for r in report.results]


def test_a_computed_value_of_a_valued_name_is_still_judged(runner: StepRunner) -> None:
    text = "Take $w = 0.5$.\n\nThen PLACE\n"
    assert _last(text.replace("PLACE", "$2w - 4 = 1$"), runner)[0] == "wrong"
    assert _last(text.replace("PLACE", "$2w - 4 = -3$"), runner)[0] == "ok"


@pytest.mark.parametrize(
    ("right", "status"),
    [
        (r"0.3874 - 0.1702 + 0.2", "ok"),  # the products rounded to four places
        (r"0.3847 - 0.1702 + 0.2", "wrong"),  # two digits swapped
    ],
)
def test_rounded_products_on_the_right_side(right: str, status: str, runner: StepRunner) -> None:
    text = "Given $x = 0.5$.\n\n" + f"$$0.6 \\times 0.6457 + (-0.4) \\times 0.4256 + 0.2 = {right}$$\n"
    assert _last(text, runner)[0] == status


def test_rounded_factors_in_a_formula_and_in_a_matrix(runner: StepRunner) -> None:
    head = "Given $x = 0.5$.\n\n"
    assert _last(head + "$$\\sigma'(0.6) = 0.6457 \\times 0.3543$$\n", runner)[0] != "wrong"
    assert _last(head + "$$\\sigma'(0.6) = 0.6457 \\times 0.6457$$\n", runner)[0] == "wrong"
    left = r"\begin{bmatrix} \sigma(0.6)(1 - \sigma(0.6)) \\ \sigma(-0.3)(1 - \sigma(-0.3)) \end{bmatrix}"
    right = r"\begin{bmatrix} 0.6457 \times 0.3543 \\ 0.4256 \times 0.5744 \end{bmatrix}"
    status, message = _last(f"$${left} = {right}$$\n", runner)
    assert status != "wrong", message
    assert _last(f"$${left} = {right.replace('0.3543', '0.6457')}$$\n", runner)[0] == "wrong"


def test_e_given_a_value_is_a_name_not_eulers_number(runner: StepRunner) -> None:
    defined = "| 4 | $e = \\hat{y} - y = 0.6225 - 1$ | $-0.3775$ |\n\n"
    status, message = _last(defined + "$$L = e^2 = (-0.3775)^2$$\n", runner)
    assert status != "wrong", message
    assert _last("$$L = e^2 = (-0.3775)^2$$\n", runner)[0] == "wrong"  # e is Euler's number here


def test_numbers_for_the_notations_sizes_are_not_refuted(runner: StepRunner) -> None:
    status, message = _last("$$W^{(1)} \\in \\mathbb{R}^{2 \\times 2}$$\n", runner)
    assert status != "wrong", message
    assert _last("$$W^{(1)} \\in \\mathbb{R}^{2 \\times 2 \\times 2}$$\n", runner)[0] == "wrong"


def test_sizes_fit_needs_one_number_per_named_size() -> None:
    from derive.checks.latex.shapes import _sizes_fit

    assert _sizes_fit(("D", "H"), ("2", "2"))
    assert not _sizes_fit(("H", "H"), ("2", "3"))  # one size, two numbers
    assert not _sizes_fit(("D", "1"), ("2", "2"))  # a number is itself
    assert not _sizes_fit(("D", "H"), ("H", "D"))  # names only: judged as before


def test_a_side_the_example_gives_a_number_is_no_notation_shape(runner: StepRunner) -> None:
    claim = "$$\\frac{\\partial L}{\\partial b^{(2)}} = \\delta^{(2)}$$\n"
    status, message = _last("Using $\\delta^{(2)} = -0.1903$:\n\n" + claim, runner)
    assert status != "wrong", message
    # a side without a number of the document: the shape verdict stands
    from derive.checks.latex.results import StepResult
    from derive.checks.latex.steps import Step
    from derive.checks.latex.unclaimed_equations import release_unclaimed

    cex = {"point": {}, "lhs": "3×1", "rhs": "scalar", "where": "shape"}
    wrong = StepResult(Step(1, r"\frac{\partial L}{\partial b}", r"\delta", "=", "display"), "wrong", cex, "")
    assert release_unclaimed([wrong], {}, False, lambda text, at: [])[0].status == "wrong"
    assert release_unclaimed([wrong], {}, False, lambda text, at: [r"\delta"])[0].status == "inconclusive"


def test_a_derivative_operator_before_a_sum_may_take_the_whole_sum(runner: StepRunner) -> None:
    valued = "Let $w = 0.2$, $b = 0.4$ and $a = 0.5$.\n\n$$\\frac{\\delta}{\\delta a} w a + b = w$$\n"
    status, message = _last(valued, runner)
    assert status != "wrong", message
    status, message = _last(r"$$\frac{\partial}{\partial x} x^2 + 3 = 2x$$", runner)
    assert status == "ok" and "the derivative of the whole sum" in message, message
    # wrong under both readings: still wrong
    assert _last(r"$$\frac{\partial}{\partial x} x^2 + 3 = 3x$$", runner)[0] == "wrong"
    # with brackets nothing is open
    assert _last(r"$$\frac{\partial}{\partial x} \left(x^2\right) + 3 = 2x$$", runner)[0] == "wrong"


def test_ln_typed_without_its_backslash_is_the_log(runner: StepRunner) -> None:
    # students write ln(p) in math mode (antoinecollas/wine_neural_network): the log, not l·n(p)
    assert _last(r"$$\frac{d}{dx} ln(x) = \frac{1}{x}$$", runner)[0] == "ok"
    assert _last(r"$$\frac{d}{dx} ln(x) = \frac{2}{x}$$", runner)[0] == "wrong"


def test_a_bare_log_before_a_power_may_be_the_power_of_the_log(runner: StepRunner) -> None:
    # rxxxxxxb's assignment: "(logx^2 + x) = ln(x)^2 + x = 2 ln(x)/x + 1" means (log x)², as its
    # derivative shows; log(x²) is the usual reading, and each is tried (verdict_guards)
    assert _last(r"$$(logx^2 + x) = ln(x)^2+x$$", runner)[0] != "wrong"
    assert _last(r"$$\log x^2 = 2 \log x$$", runner)[0] == "ok"
    # wrong under both readings: still wrong
    assert _last(r"$$\log x^2 = 3 \log x$$", runner)[0] == "wrong"
    assert _last(r"$$\log (x^2) = (\log x)^2$$", runner)[0] == "wrong"


def test_held_out_13_notation_is_read(runner: StepRunner) -> None:
    # a word in brackets as a superscript labels a layer (W^{(out)}), \textsc{softmax} is softmax,
    # and J(w) after ∂ is the loss J written with what it depends on (applied_names)
    labelled = "Let $a^{(out)} = \\sigma(z^{(out)})$.\n\n$$\\frac{\\partial a^{(out)}}{\\partial z^{(out)}} = "
    assert _last(labelled + "a^{(out)}(1 - a^{(out)})$$", runner)[0] == "ok"
    assert _last(labelled + "a^{(out)}(1 + a^{(out)})$$", runner)[0] == "wrong"
    softmax = r"$$\textsc{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$$"
    assert _last(softmax, runner)[0] == "ok"
    assert _last(softmax.replace("e^{z_i}}", "e^{z_i}+1}"), runner)[0] == "wrong"
    loss = "Let $J = \\frac{1}{2}(y - w_1 x)^2$.\n\n$$\\frac{\\partial J(w)}{\\partial w_1} = "
    assert _last(loss + "-(y - w_1 x)x$$", runner)[0] == "ok"
    assert _last(loss + "(y - w_1 x)x$$", runner)[0] == "wrong"


def test_a_slash_before_a_sum_may_take_the_factor_alone(runner: StepRunner) -> None:
    left = r"- \sum_{i=1}^v \left(y_i + \lambda / v \right) z_i"
    step = f"$${left} = - \\sum_{{i=1}}^v y_i z_i - \\lambda / v \\sum_{{i=1}}^v z_i$$"
    status, message = _last(step, runner)
    assert status != "wrong", message
    # wrong under both readings: still wrong
    assert _last(step.replace("- \\lambda / v \\sum", "+ \\lambda / v \\sum"), runner)[0] == "wrong"


def test_a_setting_in_powers_of_ten_is_a_number_given(runner: StepRunner) -> None:
    given = "For all experiments, use $\\lambda = 10^{-1}$.\n\n"
    status, message = _last(given + "RBF kernel: $\\lambda = 0.0013$ and more.\n", runner)
    assert status != "wrong" and "new assignment" in message, message
    # a claim that uses the setting is still judged
    assert _last(given + "$$\\frac{d}{dx} \\lambda x^2 = \\lambda x$$\n", runner)[0] == "wrong"


def test_a_lowercase_t_superscript_is_a_transpose_where_t_is_nothing_else(runner: StepRunner) -> None:
    step = r"\sum_{i=1}^{n} e_i \sigma((e_i^t Q K^t)^t)^t V = \sum_{i=1}^{n} e_i \sigma(K Q^t e_i)^t V"
    doc = f"The map is $\\sigma(QK^t) V$.\n\n$${step}$$\n"
    status, message = _last(doc, runner)
    assert status != "wrong", message
    # a document that uses t elsewhere: ^t is a power, and a wrong step stays wrong
    power = "At step $t$ we have $$x^t x^t = x^{3t}$$\n"
    assert _last(power, runner)[0] == "wrong"


def test_a_function_defined_further_down_does_not_refute_a_step_above(runner: StepRunner) -> None:
    relu = "ReLU:\n\n$$f(x) = \\max(0, x)$$\n\n"
    above = "Sigmoid: $$f(1.9) = \\frac{1}{1 + e^{-1.9}}$$\n\n"
    results = check_text(above + relu, NOTATION, runner=runner, markdown=True, examples=30).results
    assert results[0].status != "wrong", results[0].message
    # below its definition the function means it: a wrong value is wrong
    assert _last(relu + "Then $$f(1.9) = 2$$\n", runner)[0] == "wrong"


HUNTED = Path(__file__).parent / "data" / "hunted"


def _lines(path: Path, runner: StepRunner) -> dict[int, list[str]]:
    report = check_text(path.read_text(encoding="utf-8"), NOTATION, runner=runner, markdown=False, examples=30)
    out: dict[int, list[str]] = {}
    for r in report.results:
        out.setdefault(r.step.line, []).append(r.status)
    return out


def test_a_word_before_a_bracket_is_an_operator_not_a_factor(runner: StepRunner) -> None:
    # ninth hunt (a CSE 546 homework, tests/data/hunted): Var[aX] = a^2 Var[X] was read as
    # Var·(aX) = a²·Var·X and refuted at Var = 1, a = 2 once \text{Var} \frac{1}{n} … made Var a name
    statuses = _lines(HUNTED / "cse546_hw0_dinobektesevic.tex", runner)
    assert "wrong" not in statuses[162]
    # a product with a one-letter factor is still a product, and still refuted when wrong
    assert _last("$$x(a + b) = x a + x b + 1$$\n", runner)[0] == "wrong"
    assert _last("$$x(a + b) = x a + x b$$\n", runner)[0] == "ok"


def test_a_solution_after_an_arrow_in_another_problem_is_not_wrong(runner: StepRunner) -> None:
    # x + y + z = 0 \rightarrow z = -x - y: z's value from an earlier problem is not the one meant; since
    # the thirteenth hunt z = -x - y is read as x + y + z = 0 rearranged (rearranged_zeros)
    assert "wrong" not in _lines(HUNTED / "cse546_hw0_dinobektesevic.tex", runner)[288]


def test_zero_against_names_sized_elsewhere_as_vectors_is_not_wrong(runner: StepRunner) -> None:
    # ninth hunt (a CSE 446 homework): x + y + z = 0 (a plane's coordinates) was "shapes differ:
    # 4×1 against a scalar", x sized as a vector by another problem of the sheet
    assert "wrong" not in _lines(HUNTED / "cse446_hw0_michaelghuang19.tex", runner)[374]
    # names declared as vectors in a step that differs as vectors: still wrong
    assert _last("Let $x \\in \\mathbb{R}^4$ and $y \\in \\mathbb{R}^4$.\n\n$$x + y = x - y$$\n", runner)[0] == "wrong"


_REDEFINED = (
    "The hidden layer is\n\n$$a_j = f(z_j) = \\frac{1}{1+e^{-z_j}}$$\n\n"
    "As a new activation function:\n\n$$f(x) = 1.7159 \\tanh(\\frac{2}{3}x)$$\n\n"
    "$$f'(x) = 1.7159 \\frac{2}{3 \\cosh^2(\\frac{2}{3}x)}$$\n"
)


def test_a_function_defined_again_differently_is_not_the_first_definition(runner: StepRunner) -> None:
    # held-out 17, blind (tdt4265_a2_stens.tex): f(z_j) = σ(z_j) in one section, f(x) = 1.7159
    # tanh(2x/3) "as a new activation function" in another; the second was 'wrong' at x = 1 (σ(1)
    # against 1.7159 tanh(2/3)): f(z_j) = … was taken as a pattern function though f has two bodies
    report = check_text(_REDEFINED, NOTATION, runner=runner, examples=30, markdown=True)
    assert "wrong" not in [r.status for r in report.results]
    once = "$$a_j = f(z_j) = \\frac{1}{1+e^{-z_j}}$$\n\n$$f(0) = 1$$\n"  # σ(0) is 1/2: still wrong
    report = check_text(once, NOTATION, runner=runner, examples=30, markdown=True)
    assert [r.status for r in report.results if r.step.line == 3] == ["wrong"]



PETETANRU = Path(__file__).parent / "data" / "latex_heldout17" / "softmax_ce_petetanru.md"


def test_a_condition_on_the_index_a_sum_runs_over_may_mean_its_term(runner: StepRunner) -> None:
    # held-out 17, blind (softmax_ce_petetanru.md): "When $i = j$" before Σ_j y_j/ŷ_j ∂ŷ_j/∂θ_i =
    # −y_i(1 − ŷ_i): the writer means the term j = i; it was 'wrong' as the whole sum
    text = PETETANRU.read_text(encoding="utf-8")
    assert "When $i = j$" in text
    report = check_text(text, NOTATION, runner=runner, examples=30, markdown=True)
    (step,) = [r for r in report.results if r.step.line == 81]
    assert step.status == "inconclusive" and "the index a sum of the step runs over" in step.message
    # without the condition the whole sum is meant, and it is not −y_i(1 − ŷ_i)
    report = check_text(text.replace("When $i = j$", "So"), NOTATION, runner=runner, examples=30, markdown=True)
    (step,) = [r for r in report.results if r.step.line == 81]
    assert step.status == "wrong"


# An eleventh hunt (94 documents: interview notes, probability homework, lecture notes, notebooks):


def test_an_equation_solved_for_a_name_on_both_sides_is_not_an_identity(runner: StepRunner) -> None:
    # hguangshuai/lingying expected_coin_flips.md: "Substitute (Eq. 2) into (Eq. 1):
    # $$E_0 = 2 + (1 + 0.5 E_0)$$ $$E_0 = 3 + 0.5 E_0$$" was 'wrong' at E_0 = 1 (solved_equations)
    text = "Substitute (Eq. 2) into (Eq. 1):\n\n$$E_0 = 2 + (1 + 0.5 E_0)$$\n$$E_0 = 3 + 0.5 E_0$$\n"
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["inconclusive", "inconclusive"], [r.message for r in report.results]
    assert "E_{0} = 6" in report.results[0].message
    # the same shape with no real solution is false for every value: still wrong
    assert _last("$$E_0 = E_0^2 + 1$$\n", runner)[0] == "wrong"
    # and a left side that is no bare name is an identity claim, judged as before
    assert _last("$$2 + (1 + 0.5 E_0) = 3 + 0.6 E_0$$\n", runner)[0] == "wrong"


def test_a_bare_superscript_is_no_instance_of_a_defined_probability(runner: StepRunner) -> None:
    # random-logic/STA131A HW3.md: "$$P(Y|X) = 2p, P(Y|X^c) = p$$" (X^c the complement) was 'wrong':
    # P(Y|X^c) was read as P(Y|X) at X = X^c (probabilities.instance_bindings)
    status, message = _last("$$P(Y|X) = 2p, P(Y|X^c) = p$$\n", runner)
    assert status != "wrong", message
    # a sample's bracketed superscript is an instance: a wrong value for it is still wrong
    assert _last("$$P(y|x) = 2p$$\n\n$$P(y|x^{(i)}) = p$$\n", runner)[0] == "wrong"


def test_names_all_equal_after_if_are_a_hypothesis(runner: StepRunner) -> None:
    # mahmudstat/lectures 01-stat.md: "## When AM = GM = HM\n\nIf $x_1=x_2=x_3$; prove it" was
    # 'wrong' with x_2 = 7, x_3 = 4 of an earlier example (clauses.is_condition, conditions.equal_names)
    valued = "Take $x_2 = 7$ and $x_3 = 4$.\n\n"
    report = check_text(valued + "If $x_1=x_2=x_3$; prove it\n", NOTATION, runner=runner, markdown=True, examples=30)
    assert all(r.status != "wrong" for r in report.results), [r.message for r in report.results]
    assert as_conditions("x_1=x_2=x_3") == []  # supposed, but never assumed for another step
    # stated as a fact, not a hypothesis: still wrong for those values
    assert _last(valued + "Then $x_1=x_2=x_3$.\n", runner)[0] == "wrong"


def test_an_equation_between_differentials_states_their_quotient(runner: StepRunner) -> None:
    # zemw/prob 11_calculus.qmd: "Let $u=3x+2$, then $du=3dx$." was 'wrong' as d·u against 3·d·x
    # (with the notation's size d); read as du/dx = 3 it is proved (differentials)
    status, message = _last("Let $u=3x+2$, then $du=3dx$. Then\n", runner)
    assert status == "ok" and "differentials" in message, message
    status, message = _last("Let $u=3x+2$, then $du=5dx$. Then\n", runner)
    assert status == "wrong" and "differentials" in message, message


FORWARD = (
    "In the forward pass $O = PV$, where $P \\in \\mathbb{R}^{N \\times N}, V \\in \\mathbb{R}^{N \\times d},"
    " O \\in \\mathbb{R}^{N \\times d}$.\n\nHence CLAIM\n"
)


def test_a_d_against_a_name_is_no_product_with_d(runner: StepRunner) -> None:
    # zhaochenyang20/Awesome-ML-SYS-Tutorial flash_attn/readme.md: "dP（即 ∂L/∂P）… 结论：$dP = dO V^\top$"
    # was 'wrong' as d·P against d·O·V^T, d also the head dimension (differentials.glued_names)
    status, message = _last(FORWARD.replace("CLAIM", "$dP = dO V^\\top$"), runner)
    assert status == "inconclusive" and "gradient's name" in message, message
    # written with a product sign it is a product: still wrong
    assert _last(FORWARD.replace("CLAIM", "$d \\cdot P = d \\cdot O V^\\top$"), runner)[0] == "wrong"


SETS = "Using the following equivalencies:\n\n* $\\cup$ = +\n* $\\cap$ = *\n\n"


def test_signs_the_document_gives_a_set_meaning_are_not_arithmetic(runner: StepRunner) -> None:
    # ebarylko/cmpt-210 assignment-1.md: with ∪ written + and ∩ written *, the distributive law of
    # sets "$A + (B * C) = (A + B) * (A + C)$" was 'wrong' at A = 1, B = 2, C = -1 (operator_meanings)
    law = "$A + (B * C) = (A + B) * (A + C)$\n"
    status, message = _last(SETS + law, runner)
    assert status == "inconclusive" and "stand for \\cup" in message, message
    # without that statement the signs are arithmetic: wrong
    assert _last(law, runner)[0] == "wrong"
    # and a step before the statement, or one without those signs, is judged as before
    report = check_text(law + "\n" + SETS + "$2A - A = 3A$\n", NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results] == ["wrong", "wrong"], [r.message for r in report.results]


def test_an_inline_claim_under_an_unread_condition_is_not_wrong(runner: StepRunner) -> None:
    # saikrishnaponnam/Machine-Learning linear-algebra.md: "$||\mathbf{x}|| \geq 0$ and $||\mathbf{x}|| = 0$
    # if and only if $\mathbf{x} = 0$" was 'wrong' for a sampled x: the condition was not read (unread_clauses)
    norm = "Then $||\\mathbf{x}|| = 0$ if and only if $\\mathbf{x} = 0$.\n"
    report = check_text(norm, NOTATION, runner=runner, markdown=True)
    # (the condition x = 0 is a step of its own since it defines nothing: unread_clauses.without_suppositions)
    status, message = next((r.status, r.message) for r in report.results if r.step.lhs.startswith("||"))
    assert status == "inconclusive" and "if and only if" in message, message
    # without the clause it is a claim about every x: wrong
    assert _last("Then $||\\mathbf{x}|| = 0$.\n", runner)[0] == "wrong"
    # a condition that was read is assumed already: a step false under it stays wrong
    assert _last("Then $\\delta_{ij} = 1$ if $i \\neq j$.\n", runner)[0] == "wrong"
    # held-out 25 (matheusjorge): the condition in words before the formula, in its sentence
    clip = "Take $z = 0.5$ and $f(z) = z^2$.\n\nSe a saída for maior que 1 ou menor que 0, $f^\\prime(z) = 3$.\n"
    status, message = _last(clip, runner)
    assert status == "inconclusive" and "(Se)" in message, message
    # a sentence without a supposing word keeps the claim about every z: wrong
    assert _last(clip.replace("Se a saída for maior que 1 ou menor que 0,", "Então"), runner)[0] == "wrong"


def test_a_derivative_by_an_expression_is_no_fraction(runner: StepRunner) -> None:
    # hyz-courses/CISC3023 09_Logistic_Regression.md: "(\dfrac{d}{d(1+e^{-\xi})}\cdot\frac{1}{1+e^{-\xi}})
    # \cdot\frac{d(1+e^{-\xi})}{d\xi}" was 'wrong' (the sign): d/d(…) was read as the fraction d/(d·(…))
    chain = r"(\frac{d}{d(1+e^{-x})}\cdot\frac{1}{1+e^{-x}})\cdot\frac{d(1+e^{-x})}{dx}"
    status, message = _last(f"$${chain} = \\frac{{e^{{-x}}}}{{(1+e^{{-x}})^2}}$$\n", runner)
    assert status != "wrong" and "with respect to an expression" in message, message
    # the same derivative by a variable is read, and a wrong value is still wrong
    assert _last(r"$$\frac{d}{du}\frac{1}{u} = \frac{1}{u^2}$$" + "\n", runner)[0] == "wrong"


def test_braces_after_a_log_do_not_hide_where_its_argument_ends(runner: StepRunner) -> None:
    # hyz-courses/CISC3023 05_Decision_Tree_Learning.md: the entropy of a 2-to-4 split, written
    # "-\dfrac{2}{6}\log_2{\dfrac{2}{6}-\dfrac{4}{6}\log_2{\dfrac{4}{6}}} = 0.9183", was 'wrong': the braces,
    # which print nothing, were taken as the log's argument (braced_calls)
    entropy = r"-\dfrac{2}{6}\log_2{\dfrac{2}{6}-\dfrac{4}{6}\log_2{\dfrac{4}{6}}}"
    status, message = _last(f"$${entropy} = 0.9183$$\n", runner)
    assert status == "ok" and "first term" in message, message
    # wrong under both readings: still wrong
    assert _last(f"$${entropy} = 0.8183$$\n", runner)[0] == "wrong"


def test_a_log_to_a_base_before_a_slash_has_no_clear_argument(runner: StepRunner) -> None:
    # Artificial-Intelligence-HSBI-TDU/KI-Vorlesung dtl5-entropy.md: "-(4/6 \cdot \log_2 4/6 + 2/6 \cdot
    # \log_2 2/6) = -(-0.39 -0.53)" was 'wrong': \log_2 4/6 was read as (log₂ 4)/6 (log_bases)
    entropy = r"-(4/6 \cdot \log_2 4/6 + 2/6 \cdot \log_2 2/6)"
    assert _last(f"$${entropy} = -(-0.39 -0.53)$$\n", runner)[0] != "wrong"
    # with its brackets the argument is clear: a wrong value is still wrong
    bracketed = r"-(4/6 \cdot \log_2(4/6) + 2/6 \cdot \log_2(2/6))"
    assert _last(f"$${bracketed} = -(-0.29 -0.53)$$\n", runner)[0] == "wrong"
    # a bare log before a slash may take the quotient, as it may take a product
    assert _last(r"$$\log x/2 = \log(x) - \log 2$$" + "\n", runner)[0] == "ok"
    assert _last(r"$$\log x/2 = \log(x) + \log 2$$" + "\n", runner)[0] == "wrong"


def test_a_decimal_comma_is_one_number(runner: StepRunner) -> None:
    # the same lecture's nb2-naivebayes.md: "\frac{60}{100} = 0,6" was cut at the comma ('= 0', wrong) and
    # "\frac{5}{40} = 0,125" read as 125 (decimal_commas)
    assert _last(r"$$P(A) = \frac{60}{100} = 0,6$$" + "\n", runner)[0] == "ok"
    assert _last(r"$$x = \frac{5}{40} = 0,125$$" + "\n", runner)[0] == "ok"
    # every comma of a sum of such numbers is one (no "05 = 0,50" from a half-read chain)
    report = check_text(r"$$P(B) = 0,45 + 0,05 = 0,50$$" + "\n", NOTATION, runner=runner, markdown=True, examples=30)
    assert [r.status for r in report.results][-1] == "ok", [r.message for r in report.results]
    assert _last(r"$$P(B) = 0,45 + 0,05 = 0,60$$" + "\n", runner)[0] == "wrong"
    # a wrong value with a decimal comma is still wrong; a thousands group and an index's values are kept
    assert _last(r"$$x = \frac{5}{40} = 0,135$$" + "\n", runner)[0] == "wrong"
    assert _last(r"$$2 \cdot 786432 = 1,572,864$$" + "\n", runner)[0] == "ok"
    assert _last(r"$$2 \cdot 786432 = 1,572,865$$" + "\n", runner)[0] == "wrong"


# twelfth hunt (92 documents from 33 repositories: CS229 solutions, Chinese and Bengali notes,
# calculus notes with collapsible examples, cs231n lecture notes, probability notes):

NAIVE_BAYES = r"""Naive Bayes:

$$
\begin{aligned}
\ell &= \sum_{i=1}^m \log \prod_{j=1}^{n} (\phi_{j})^{x^{(i)}_j} (1-\phi_{j})^{1-x^{(i)}_j}
(\phi_{y})^{y^{(i)}} (1-\phi_{y})^{1-y^{(i)}} \\
&= \sum_{i=1}^m \sum_{j=1}^n \Big(x^{(i)}_j \log \phi_{j} + (1-x^{(i)}_j) \log(1-\phi_{j})\Big)
+ \sum_{i=1}^m \Big(y^{(i)} \log \phi_{y} + (ONE-y^{(i)}) \log (1- \phi_{y})\Big)
\end{aligned}
$$
"""


def test_a_product_whose_last_factors_do_not_write_its_index_may_end_before_them(runner: StepRunner) -> None:
    # Doraemonzzz/CS229 old ps1 (naive Bayes): the class prior φ_y^y (1 − φ_y)^{1−y}, written after
    # the feature factors of \prod_j, is meant once; read n times inside the product the log-likelihood
    # was 'wrong' (product_scopes)
    status, message = _last(NAIVE_BAYES.replace("ONE", "1"), runner)
    assert status != "wrong", message  # ok reading the product ending before the prior
    # the same form with a sign slip is never ok (wrong under both readings, where sampling finishes)
    assert _last(NAIVE_BAYES.replace("ONE-", "1+"), runner)[0] != "ok"
    # with a factor that does not depend on j, the product's reading is the writer's: ok
    assert _last(r"$$\prod_{j=1}^n (p)^{x_j} c = c \prod_{j=1}^n p^{x_j}$$" + "\n", runner)[0] == "ok"
    assert _last(r"$$\prod_{j=1}^n (p)^{x_j} c = 2c \prod_{j=1}^n p^{x_j}$$" + "\n", runner)[0] == "wrong"


def test_a_prime_on_a_lone_name_does_not_say_what_it_differentiates_by(runner: StepRunner) -> None:
    # MigoXV/calculus-notes 02-导数的运算法则.md, a table of derivatives: "$(1)(C)^{\prime}=0$" was 'wrong'
    # (1 against 0): (C)' was read as dC/dC (prime_variables via norm_primes)
    assert _last(r"Rules: $(C)^{\prime}=0$" + "\n", runner)[0] == "unparsed"
    assert _last(r"Rules: $(C)^{\prime}=1$" + "\n", runner)[0] != "ok"  # never dC/dC = 1 either
    # a bracket with an operation has its one variable: still judged
    assert _last(r"Then $(x^{2})^{\prime}=3x$" + "\n", runner)[0] == "wrong"
    assert _last(r"Then $(x^{2})^{\prime}=2x$" + "\n", runner)[0] == "ok"


GATES = (
    "- $f = W_2 \\max(0,W_1 x)$\n    - $x \\in \\mathbb{R}^D$\n\n#### Computation Patterns\n\n- **Add gate**\n"
    "  - $z=x+y$\n  - Upstream gradient: $\\partial L / \\partial z$ = u\n  - $\\partial z / \\partial x = 1$\n"
    "  - $\\partial L / \\partial x = (\\partial L / \\partial z) (\\partial z / \\partial x) = u \\cdot 1$\n"
    "- **Mul gate**\n    - $x \\in \\mathbb{R}^N, y \\in \\mathbb{R}^N$\n"
)


def test_neither_side_fitting_together_is_no_counterexample(runner: StepRunner) -> None:
    # thisisRMak/cs231n-notes Lecture4.md: x ∈ ℝ^D declared for a classifier, then an add gate z = x + y
    # of scalars; the chain rule ∂L/∂x = (∂L/∂z)(∂z/∂x) was 'wrong' as "the right side does not fit
    # together; the left side is not evaluated": the clash is in the reading, not the step (matrix_judge)
    report = check_text(GATES, NOTATION, runner=runner, markdown=True, examples=30)
    chain = [r for r in report.results if r.step.lhs.startswith("\\partial L / \\partial x")]
    assert chain and all(r.status != "wrong" for r in chain), [r.message for r in chain]
    # one side that fits against one that does not is still a wrong step
    matrix = r"\begin{bmatrix} 0 & 2 & 4 \\ 2 & 4 & 2 \\ 3 & 3 & 1 \end{bmatrix}"
    text = f"Let $v \\in \\mathbb{{R}}^2$ be given.\n\nThen ${matrix} v = {matrix}$.\n"
    status, message = _last(text, runner)
    assert status == "wrong" and "does not fit together" in message, message


SUMMARIES = (
    "Let $f(x) = \\sqrt{x}$, so $f'(4) = \\frac{1}{4}$\n\n<details>\n"
    "<summary><strong><u>Example 2:</u></strong> Use differentials for $f(x) = \\ln x$ at $x = 1$</summary>\n\n"
    "- $f'(1) = VALUE$\n</details>\n"
)


def test_math_in_the_summary_of_a_collapsible_example_is_read(runner: StepRunner) -> None:
    # joshlaubach/calculus-notes derivatives.md and integrals.md: each example gives its function in a
    # <summary> line ("for $f(x) = \ln x$"), which was not read: f'(1) = 1 was 'wrong' against an earlier
    # example's f(x) = √x (markdown_doc._summary_math); f defined twice is then neither definition
    assert _last(SUMMARIES.replace("VALUE", "1"), runner)[0] != "wrong"
    regions = markdown_regions(SUMMARIES)
    assert "f(x) = \\ln x" in [r.text for r in regions]
    # without the summary's function, the earlier one is meant, and f'(1) = 1 is wrong for it
    plain = SUMMARIES.replace("for $f(x) = \\ln x$ ", "")
    assert _last(plain.replace("VALUE", "1"), runner)[0] == "wrong"
    # dollars elsewhere in HTML stay prices
    assert markdown_regions("<div>It costs $5 and $10</div>\n") == []


def test_a_lone_name_set_to_a_number_is_a_given(runner: StepRunner) -> None:
    # joshlaubach/calculus-notes derivatives.md: "near $x = a$", "linearization at $a = 4$", then another
    # example "at $x = 1$" was 'wrong' (4 against 1); Sakura-gh/ML-notes 13_Tips: "初始化$v^0=0$" (a
    # starting value) was 'wrong' as v⁰ = 1 (verdict_guards.aliased_given, verdict_guards._given_value)
    given = "This estimates $f(x)$ near $x = a$.\n\nLinearization at $a = 4$\n\n"
    assert _last(given + "Use differentials at $x = 1$\n", runner)[0] == "inconclusive"
    assert _last("Initialise $v^0=0$, then go on.\n", runner)[0] == "inconclusive"
    # a claim about the same name is still judged, and Euler's e is no name to give values
    assert _last(given + "So $x + 1 = 2$\n", runner)[0] == "wrong"
    assert _last("And $e^0 = 2$.\n", runner)[0] == "wrong"


def test_an_evaluation_sympy_cannot_finish_is_no_crash(runner: StepRunner) -> None:
    # MigoXV/calculus-notes 01-导数的基本概念.md: a document value's slack hit SymPy's recursion limit
    # (evalf of a derivative it leaves unevaluated); check-latex stopped with an internal error (numeric_values)
    text = (
        "例4．设 $f(x)=a^{x}$ ，求 $f^{\\prime}(x)$ ．\n例5．设 $f(x)=|x|$ ，求 $f^{\\prime}(0)$ ．\n"
        "$\\therefore f^{\\prime}(0)$ 不存在，即 $f(x)$ 在 $x=0$ 处不可导。\n"
        "$f^{\\prime}\\left(x_{0}\\right)$ 表示曲线 $y=f(x)$在点 "
        "$M\\left(x_{0}, f\\left(x_{0}\\right)\\right)$ 处的切线的斜率，即\n"
    )
    report = check_text(text, NOTATION, runner=runner, markdown=True, examples=30)
    assert report.results


# thirteenth hunt (115 documents from 25 repositories: tensor-notation blog posts, calculus course
# notes, ML homework solutions, decision-tree and SVM posts, notebooks in English, Chinese and Korean):

DELTAS = (
    "The trace of $X$ in tensor notation is written as $X_{ii}$:\n\n"
    "$$\n\\frac{\\partial X_{ii}}{\\partial X_{kl}} = \\delta_{ik} \\delta_{il} = RIGHT\n$$\n"
)


def test_an_index_written_twice_in_a_term_may_be_summed(runner: StepRunner) -> None:
    # mbustamanter/ssg-blog matder1.md and tensor1.md: index notation without the word "Einstein":
    # δ_ik δ_il = δ_kl and δ_ij δ_ji = δ_ii were 'wrong' at i ≠ k = l, the repeated i read as free
    # (einstein.contracted, einstein.summed_reading)
    status, message = _last(DELTAS.replace("RIGHT", "\\delta_{kl}"), runner)
    assert status == "inconclusive" and "summed in index notation" in message, message
    status, message = _last("$$\\delta_{ij} \\delta_{ji} = \\delta_{ii}$$\n", runner)
    assert status == "inconclusive" and "summed in index notation" in message, message
    # wrong whether the repeated index is summed or not: still wrong
    assert _last(DELTAS.replace("RIGHT", "2\\delta_{kl}"), runner)[0] == "wrong"
    assert _last("$$\\delta_{ij} \\delta_{ji} = 2\\delta_{ii}$$\n", runner)[0] == "wrong"
    # a free index on both sides is no contraction: x_i = x_i + 1 stays wrong
    assert _last("$$x_i x_i = x_i + 1$$\n", runner)[0] == "wrong"


GINI = (
    "The Gini impurity is defined as:\n\n$$\nG = 1 - \\sum_{k=1}^N p_k^2\n$$\n\n"
    "For the left node:\n\n$$\n2G = 2-2\\sum_{k=1}^{2} p_k^SQUARE\n$$\n"
)


def test_a_sum_the_step_runs_to_a_number_sizes_the_definitions_it_uses(runner: StepRunner) -> None:
    # ekamperi/ekamperi.github.io gini-index-vs-entropy: G = 1 - Σ_{k=1}^N p_k^2 defined, then the
    # two-class node's G = 1 - Σ_{k=1}^{2} p_k^2 was 'wrong' with G expanded at the default size 3
    # (written_sizes.numbered_size)
    status, message = _last(GINI.replace("SQUARE", "2"), runner)
    assert status == "ok", message
    # a wrong formula at that size is still wrong
    assert _last(GINI.replace("SQUARE", "3"), runner)[0] == "wrong"


OMEGA = (
    "Find minimum by setting equation to $0$ and solving\n\n"
    "$$\nf'(x) = e^x - \\frac{1}{x} = 0\n$$\n\n$$\nRESTATED\n$$\n"
)


def test_an_equation_that_rearranges_one_set_to_zero_is_the_condition_solved(runner: StepRunner) -> None:
    # cadizm/linear-algebra-for-ml-ds calculus week 2: "setting equation to 0 and solving", then
    # e^x = 1/x (solved by the Omega constant) was 'wrong' as an identity (rearranged_zeros)
    status, message = _last(OMEGA.replace("RESTATED", "e^x = \\frac{1}{x}"), runner)
    assert status == "inconclusive" and "rearranges the equation" in message, message
    assert _last(OMEGA.replace("RESTATED", "2e^x = \\frac{2}{x}"), runner)[0] == "inconclusive"
    # not a rearrangement of it: still wrong
    assert _last(OMEGA.replace("RESTATED", "e^x = x"), runner)[0] == "wrong"
    # with nothing set to zero before, e^x = 1/x is an identity claim, and wrong
    assert _last("$$\ne^x = \\frac{1}{x}\n$$\n", runner)[0] == "wrong"


PROBLEMS = (
    "Given dataset:\n- $x^{(1)} = 0, y^{(1)} = 1$\n- $x^{(2)} = 2, y^{(2)} = 1$\n\n## Problem 3\n\n"
    "Given $\\{(x^{(i)}, y^{(i)})\\}^{5}_{i=1} = \\{(1,2), (2,3), (3,6), (4,7), (5,10)\\}$ with $w_0 = 1$.\n\n"
    "$$\nw_1 = \\frac{\\sum^N_{i = 1} (y^{(i)} - 1) x^{(i)}}{\\sum^N_{i = 1} x^{(i)2}} = \\frac{89}{55}\n$$\n"
)


def test_data_given_again_as_a_set_of_pairs_replaces_the_earlier_values(runner: StepRunner) -> None:
    # HeavenAQ/heaven-blog homework-3-solutions.md: problem 1's x^{(1)}, y^{(1)} stood in for problem 3's
    # data set {(1,2), …, (5,10)} (not read), and the correct w_1 = 89/55 was 'wrong' (restated_data)
    status, message = _last(PROBLEMS, runner)
    assert status == "inconclusive" and "as a set of pairs" in message, message
    # never ok with a wrong value either, and a step without those names is judged as before
    assert _last(PROBLEMS.replace("89}{55", "90}{55"), runner)[0] != "ok"
    assert _last(PROBLEMS + "\nso $\\frac{89}{55} = 2$\n", runner)[0] == "wrong"
    # without the set of pairs, the earlier values are the document's: judged with them
    pairs = "Given $\\{(x^{(i)}, y^{(i)})\\}^{5}_{i=1} = \\{(1,2), (2,3), (3,6), (4,7), (5,10)\\}$ with"
    earlier = PROBLEMS.replace(pairs, "With")
    assert _last(earlier, runner)[0] == "wrong"


# ICEORY/softmax_loss_gradient README.md (held-out 21, blind): \sum_{i\ne j}^C sums over j, the i
# of x_i being fixed outside the sum; read as a sum over i it was 'wrong'
SOFTMAX_SPLIT = (
    r"$$y_i = \frac{e^{x_i}}{\sum_c e^{x_c}}$$" "\n\n"
    r"$$-\sum_{c=1}^C t_c\frac{1}{y_c}\frac{\partial y_c}{\partial x_i} = "
    r"-\frac{t_i}{y_i}\frac{\partial {y_i}}{\partial x_i}-\sum_{%s}^C"
    r" \frac{t_j}{y_j}\frac{\partial y_j}{\partial x_i}$$"
)


@pytest.mark.parametrize("subscript", [r"i\ne j", r"j\ne i", r"j \neq i"])
def test_a_sum_over_a_letter_unequal_to_a_fixed_one_sums_over_the_free_letter(
    subscript: str, runner: StepRunner
) -> None:
    assert _last(SOFTMAX_SPLIT % subscript, runner)[0] == "ok"


def test_a_split_sum_that_drops_a_term_is_still_wrong(runner: StepRunner) -> None:
    wrong = SOFTMAX_SPLIT.replace(r"x_i}-\sum", r"x_i}+\sum") % r"i\ne j"  # the sign of the rest flipped
    status, message = _last(wrong, runner)
    assert status == "wrong", message


def test_a_sum_whose_two_letters_are_both_used_outside_it_is_not_read(runner: StepRunner) -> None:
    status, message = _last(r"$$x_i + x_j + \sum_{i \ne j} x_j = x_i + x_j + \sum_{i \ne j} x_j$$", runner)
    assert status == "unparsed" and "both letters" in message, message


BOLD_DIFFERENTIALS = (
    "The differentials:\n\n$$\n\\begin{align}\nd({\\mathbf{X}\\mathbf{Y}})&=PRODUCT\\\\\n\\end{align}\n$$\n"
)


def test_a_d_against_a_bold_name_is_no_product_with_d(runner: StepRunner) -> None:
    # LynnHo/Matrix-Calculus-Tutorial tex/README.tex.md (commit 0caa9c4af6b30b46719af2b4b423c3d088a11c64):
    # "d({\mathbf{X}\mathbf{Y}})&=(d\mathbf{X})\mathbf{Y}+\mathbf{X}(d\mathbf{Y})" was 'wrong' as d·X
    # (d also the notation's size): \mathbf{X} is the name X in a bold font (differentials.glued_names)
    product = r"(d\mathbf{X})\mathbf{Y}+\mathbf{X}(d\mathbf{Y})"
    status, message = _last(BOLD_DIFFERENTIALS.replace("PRODUCT", product), runner)
    assert status == "inconclusive" and "d\\mathbf{X} may be a differential" in message, message
    # written with a product sign it is a product, and judged as one
    signed = r"(d \cdot \mathbf{X})\mathbf{Y}+\mathbf{X}(d \cdot \mathbf{Y})"
    signed = f"$$\nd \\cdot ({{\\mathbf{{X}}\\mathbf{{Y}}}})={signed}\n$$\n"
    assert _last(signed, runner)[0] == "wrong"


POOLING = (
    "The layers:\n\n$$\nx^l=f(u^l),\\quad \\text{with } u^l=W^lx^{l-1}+b^l\n$$\n\n"
    "The sensitivity of a layer's input to the error:\n\n$$\n\\delta^l=\\frac{\\partial E}{\\partial u^l}\n$$\n\n"
    "The **vector** sensitivity of the LAYER layer is:\n$$\n\\delta^l=STEP\n$$\n"
)


@pytest.mark.parametrize("layer", ["sub-sampling", "max-pooling"])
def test_a_step_for_a_layer_the_prose_says_has_no_activation_is_not_wrong(layer: str, runner: StepRunner) -> None:
    # luweiagi/machine-learning-notes convolutional-neural-network.md (commit
    # bdee353f641c1feb587ad4ecb1891edfae652f2e): "下采样层的矢量（列向量）灵敏度…为：
    # \delta^l=\left(W^{l+1}\right)^T\delta^{l+1}" ("the sub-sampling layer's vector sensitivity"; "no
    # activation's derivative: a sub-sampling layer has none") was 'wrong' under x^l = f(u^l)
    # (layered_backprop.NO_ACTIVATION: it holds with no activation at the layer)
    text = POOLING.replace("LAYER", layer).replace("STEP", r"\left(W^{l+1}\right)^T\delta^{l+1}")
    status, message = _last(text, runner)
    assert status == "inconclusive" and "applies no activation" in message, message
    # the same step for a layer the prose gives no such property: the dropped f' is wrong
    connected = POOLING.replace("LAYER", "fully connected")
    assert _last(connected.replace("STEP", r"\left(W^{l+1}\right)^T\delta^{l+1}"), runner)[0] == "wrong"
    # and a step wrong with no activation too (the transpose dropped) stays wrong there
    assert _last(POOLING.replace("LAYER", layer).replace("STEP", r"W^{l+1}\delta^{l+1}"), runner)[0] == "wrong"


REGRESSION = (
    "Consider a simple regression network with activation function $\\sigma$\n\\begin{align}\n"
    "    z &= wx + b\\newline\n    \\hat{y} &= \\sigma(z)\\newline\n    L &= LOSS\\end{align}\n\n"
)
EXPONENT = "For element wise transformations like the exponent\n\\begin{align}\n    y = exp(x)\\end{align}\n\n"
CHAIN = (
    "we can calculate the gradients as\n"
    "\\begin{align}\n    \\frac{dL}{dx} &= \\frac{dL}{dy}\\frac{dy}{dx}\n\\end{align}\n"
)


def test_a_chain_through_a_letter_valued_after_the_loss_is_not_wrong(runner: StepRunner) -> None:
    # DragonWarrior15/statistical-learning-notes _notes/deep_learning/chapters/gradient_descent/backprop.md
    # (commit cb583fada9843c56c75d42800645ca111ed1297b): a regression example's
    # L = \frac{1}{2}(y - \hat{y})^{2} (y the target), then "y = exp(x)" and
    # \frac{dL}{dx} = \frac{dL}{dy}\frac{dy}{dx} was 'wrong': L reached x through ŷ too (reused_letters)
    loss = r"\frac{1}{2}(y - \hat{y})^{2}"
    status, message = _last(REGRESSION.replace("LOSS", loss) + EXPONENT + CHAIN, runner)
    assert status == "inconclusive" and "the letter may be used again" in message, message
    # y given its value before the loss was written: one y, and the chain drops a path
    assert _last(EXPONENT + REGRESSION.replace("LOSS", loss) + CHAIN, runner)[0] == "wrong"
    # a loss that writes x itself: the chain drops that term, whatever y is
    assert _last(REGRESSION.replace("LOSS", loss + " + x^2") + EXPONENT + CHAIN, runner)[0] == "wrong"
