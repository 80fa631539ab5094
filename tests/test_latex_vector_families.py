r"""Per-example vectors (vector_families): v_k^T u, u^T a^{(k)} read as the k-th of m vectors.

Made-up logistic-regression derivations in letters of their own (u the weights, v_k or a^{(k)} the
examples, t_k the labels, m examples): a correct gradient is confirmed, with ±1 labels and with 0/1
labels; its wrong twins (a dropped minus, a missing 1/m, λ for 2λ, a v_k^T where v_k belongs) are
never confirmed, and never refuted on an inferred reading either.
"""

from __future__ import annotations

from dataclasses import replace

from derive.checks.latex.checker import check_text
from derive.checks.latex.notation import load_notation
from derive.checks.latex.vector_families import family_sizes, vector_families

COURSE = load_notation()

_PLUS_MINUS_LOSS = r"L(u) = \frac{1}{m}\sum_{k=1}^m \log(1+\exp(-t_k v_k^T u)) + \lambda u^T u"
_PLUS_MINUS_GRADIENT = r"\frac{1}{m}\sum_{k=1}^m \frac{-t_k v_k \exp(-t_k v_k^T u)}{1+\exp(-t_k v_k^T u)} + 2\lambda u"
_PLUS_MINUS_TWINS = [
    _PLUS_MINUS_GRADIENT.replace("-t_k v_k \\exp", "t_k v_k \\exp"),  # a dropped minus
    _PLUS_MINUS_GRADIENT.replace(r"\frac{1}{m}", "", 1),  # a missing 1/m
    _PLUS_MINUS_GRADIENT.replace(r"2\lambda u", r"\lambda u"),  # λ for 2λ
]
_ZERO_ONE_LOSS = (
    r"E(u) = -\frac{1}{m}\sum_{k=1}^m \left[t_k \log \sigma(u^T a^{(k)}) + (1-t_k)\log(1-\sigma(u^T a^{(k)}))\right]"
)
_ZERO_ONE_GRADIENT = r"\frac{1}{m}\sum_{k=1}^m (\sigma(u^T a^{(k)}) - t_k) a^{(k)}"


def _statuses(loss: str, lhs: str, rights: list[str], prose: str = "") -> list[str]:
    lines = [prose, "", f"$${loss}$$", ""] + [f"$${lhs} = {r}$$\n" for r in rights]
    report = check_text("\n".join(lines), COURSE, markdown=True)
    return [r.status for r in report.results if r.step.lhs.strip().startswith(lhs.split()[0])]


def test_a_plus_minus_label_gradient_is_confirmed_and_its_twins_are_not() -> None:
    statuses = _statuses(_PLUS_MINUS_LOSS, r"\nabla_u L(u)", [_PLUS_MINUS_GRADIENT, *_PLUS_MINUS_TWINS])
    assert statuses[0] == "ok"
    # the reading is the checker's, not the document's: a twin is neither confirmed nor refuted
    assert statuses[1:] and all(s in ("inconclusive", "unparsed") for s in statuses[1:])


def test_a_zero_one_label_gradient_is_confirmed_and_its_sign_flip_is_not() -> None:
    flipped = _ZERO_ONE_GRADIENT.replace(r"(\sigma(u^T a^{(k)}) - t_k)", r"(t_k - \sigma(u^T a^{(k)}))")
    prose = r"Labels $t_k \in \{0, 1\}$."
    statuses = _statuses(_ZERO_ONE_LOSS, r"\nabla_u E(u)", [_ZERO_ONE_GRADIENT, flipped], prose)
    assert statuses[0] == "ok" and statuses[1] in ("inconclusive", "unparsed")


def test_a_transpose_where_the_column_belongs_is_not_confirmed() -> None:
    row = _PLUS_MINUS_GRADIENT.replace(r"-t_k v_k \exp", r"-t_k v_k^T \exp")
    (status,) = _statuses(_PLUS_MINUS_LOSS, r"\nabla_u L(u)", [row])
    assert status in ("inconclusive", "unparsed")


def test_a_declared_family_is_confirmed_too() -> None:
    prose = r"Let $v_k \in \mathbb{R}^p$ and $t_k \in \{-1, 1\}$."
    statuses = _statuses(_PLUS_MINUS_LOSS, r"\nabla_u L(u)", [_PLUS_MINUS_GRADIENT, _PLUS_MINUS_TWINS[0]], prose)
    assert statuses[0] == "ok" and statuses[1] != "ok"


def test_a_declaration_with_the_short_real_macro_is_read() -> None:
    # \R^p as well as \mathbb{R}^p: the family is the document's, and the step is judged with it
    prose = r"Let $v_k \in \R^p$ and $t_k \in \{-1, 1\}$."
    (status,) = _statuses(_PLUS_MINUS_LOSS, r"\nabla_u L(u)", [_PLUS_MINUS_GRADIENT], prose)
    assert status == "ok"


def test_the_family_is_what_the_document_transposes_or_puts_after_a_transpose() -> None:
    math = r"v_k^T u \quad u^\top a^{(k)} \quad \beta^T \mathbf{z}_n \quad q^T_j r \quad b^{(j)T} u"
    assert vector_families(math, COURSE) == {"v_{k}", "a^{(k)}", "z_{n}", "q_{j}", "b^{(j)}"}
    # read at the size of the vector they multiply, where that is known (u: the notation's d_h here)
    sizes = family_sizes(math, vector_families(math, COURSE), replace(COURSE, sample_shapes={"u": ("d_h",)}))
    assert sizes["v_{k}"] == ("d_h",) and sizes["z_{n}"] == ("d",)


def test_entries_of_one_vector_are_no_family() -> None:
    # u_k v_k summed, a numbered v_1^T: entries and a fixed vector, not a family over examples
    assert vector_families(r"\sum_k u_k v_k = u^T v, \quad v_1^T u", COURSE) == set()


def test_an_entrywise_step_stays_as_it_was() -> None:
    # u^T v written out by entries: no family, so the pass changes nothing (the first reading's verdict)
    text = "$$u^T v = \\sum_{k=1}^m u_k v_k$$\n\n$$u^T v = \\sum_{k=1}^m u_k v_k + 1$$\n"
    statuses = [r.status for r in check_text(text, COURSE, markdown=True).results]
    assert statuses[0] != "wrong" and statuses[1] != "ok"


def test_the_short_real_macros_are_real_spaces() -> None:
    from derive.checks.latex.shapes import space_dims

    assert space_dims(r"\R^d") == ("d",) and space_dims(r"\RR^{n \times d}") == ("n", "d")
    assert space_dims(r"\mathbf{R}^p") == ("p",) and space_dims(r"\Re^d") is None  # \Re: a real part


def _document(lines: list[str]) -> list[tuple[str, str]]:
    report = check_text("\n\n".join(f"$${line}$$" for line in lines) + "\n", COURSE, markdown=True)
    return [(r.step.rhs.strip(), r.status) for r in report.results]


def test_a_per_example_definition_is_put_in() -> None:
    # q_k = σ(uᵀv_k) written once, then used by name: the gradient holds through it
    right, flipped = r"\sum_{k=1}^m (q_k - t_k) v_k", r"\sum_{k=1}^m (t_k - q_k) v_k"
    rows = _document(
        [
            r"q_k = \sigma(u^T v_k)",
            r"E(u) = -\sum_{k=1}^m \left[t_k \log q_k + (1-t_k)\log(1-q_k)\right]",
            rf"\nabla_u E(u) = {right}",
            rf"\nabla_u E(u) = {flipped}",
        ]
    )
    verdicts = dict(rows)
    assert verdicts[right] == "ok" and verdicts[flipped] in ("inconclusive", "unparsed")
    assert verdicts[r"\sigma(u^T v_k)"] != "ok"  # the definition is not confirmed by its own value


def test_a_per_example_function_is_put_in_at_its_own_arguments() -> None:
    rho = r"\rho_k(u, c) = \frac{1}{1+\exp(-t_k(c + v_k^T u))}"
    loss = r"L(u, c) = \frac{1}{m}\sum_{k=1}^m \log(1+\exp(-t_k(c + v_k^T u))) + \lambda u^T u"
    right = r"\frac{1}{m}\sum_{k=1}^m -t_k v_k (1 - \rho_k(u, c)) + 2\lambda u"
    wrong = r"\frac{1}{m}\sum_{k=1}^m -t_k v_k \rho_k(u, c) + 2\lambda u"
    other_point = r"\frac{1}{m}\sum_{k=1}^m -t_k v_k (1 - \rho_k(a, c)) + 2\lambda u"
    verdicts = dict(_document([rho, loss, *(rf"\nabla_u L(u, c) = {r}" for r in (right, wrong, other_point))]))
    assert verdicts[right] == "ok"
    assert verdicts[wrong] in ("inconclusive", "unparsed") and verdicts[other_point] != "ok"


def test_a_map_of_one_example_is_a_member_of_its_own_family() -> None:
    # ψ(v_k): whatever ψ is (the notation's softmax here), it is one vector per example
    loss = r"E(u) = -\sum_{k=1}^m \left[t_k \log\sigma(u^T \psi(v_k)) + (1-t_k)\log(1-\sigma(u^T\psi(v_k)))\right]"
    right = r"\sum_{k=1}^m (\sigma(u^T\psi(v_k)) - t_k)\psi(v_k)"
    unmapped = r"\sum_{k=1}^m (\sigma(u^T\psi(v_k)) - t_k)v_k"  # v_k where ψ(v_k) belongs
    verdicts = dict(_document([loss, *(rf"\nabla_u E(u) = {r}" for r in (right, unmapped))]))
    assert verdicts[right] == "ok" and verdicts[unmapped] in ("inconclusive", "unparsed")


def test_a_sum_index_with_two_bounds_sizes_no_labels() -> None:
    # k up to m in one sum and up to n in another: the labels' size is not known, and nothing breaks
    rows = _document(
        [
            r"L(u) = \sum_{k=1}^m \log(1+\exp(-t_k v_k^T u)) + \sum_{k=1}^n u^T v_k",
            r"\nabla_u L(u) = \sum_{k=1}^m \frac{t_k v_k}{1+\exp(-t_k v_k^T u)}",
        ]
    )
    assert rows and all(status != "wrong" for _, status in rows)


def test_a_per_example_name_with_two_values_is_not_put_in() -> None:
    right = r"\sum_{k=1}^m (q_k - t_k) v_k"
    rows = _document(
        [
            r"q_k = \sigma(u^T v_k)",
            r"q_k = \tanh(u^T v_k)",  # another value later: which one the step means is not known
            r"E(u) = -\sum_{k=1}^m \left[t_k \log q_k + (1-t_k)\log(1-q_k)\right]",
            rf"\nabla_u E(u) = {right}",
        ]
    )
    assert dict(rows)[right] != "ok"
