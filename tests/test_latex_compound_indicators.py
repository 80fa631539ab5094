r"""An indicator of several index equalities at once is their product (norm_names._conjuncts):
``\sum_{k,q} \frac{df}{dG_{k,q}} 1_{k=i,q=j} C_{k,q}`` (pilex1's classification notes, held-out set 10)."""

from __future__ import annotations


def test_an_indicator_of_two_equalities_is_their_product(statuses) -> None:
    good = r"$$\sum_{k,q} a_{k,q} 1_{k=i,q=j} = a_{i,j}$$" + "\n\n"
    also = r"$$\sum_{k,q} a_{k,q} 1_{k=i \land q=j} c_{k,q} = a_{i,j} c_{i,j}$$" + "\n\n"
    swapped = r"$$\sum_{k,q} a_{k,q} 1_{k=i,q=j} = a_{j,i}$$" + "\n"
    verdicts = statuses(good + also + swapped)
    assert verdicts[:2] == ["ok", "ok"]
    assert verdicts[2] != "ok"  # the transposed entry is never passed


def test_two_letters_compared_only_in_conditions_are_indices(statuses) -> None:
    # amanraj41's softmax note (held-out set 30): the cases of ∂L/∂z_k written as an indicator; k and
    # y index nothing in the step itself, so the indicator "had no values here"
    cases = r"\begin{cases} -1 & \text{if } k = y \\ 0 & \text{if } k \neq y \end{cases}"
    text = f"$${cases} = -\\mathbb{{1}}[k = y]$$\n\n$${cases} = \\mathbb{{1}}[k = y]$$\n\n$${cases} = -1$$\n"
    verdicts = statuses(text)
    # the last is wrong where k ≠ y: every pair of values is tried, not only k = y
    assert verdicts == ["ok", "wrong", "wrong"]
    # a letter the step also writes as a name (a variable x) is not made an index
    assert statuses(r"$$x \cdot \mathbb{1}[x = y] = y \cdot \mathbb{1}[x = y]$$" + "\n") != ["wrong"]
