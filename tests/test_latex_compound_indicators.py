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
