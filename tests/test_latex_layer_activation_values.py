r"""A layer's activation value beside g'(…) of that layer (entrywise_activations._layer_value): Ng's
notes write ``g'(z^{(2)}) = a^{(2)} .* (1 - a^{(2)})`` with g the sigmoid in prose only; a^{(2)} is that
layer's g(z^{(2)}), so a difference under stand-in activations is no counterexample. Found by the
rerun of the twenty-first hunt once MATLAB's ``.*`` was read (period_products)."""

from __future__ import annotations

# longli-ai/Stanford_ML-Notes week05.md (the twenty-first hunt), lines 59-72 verbatim: with the
# inline δ^{(1)} and Δ^{(l)}_{ij} after it, a^{(2)} took the default notation's ReLU layer
_NG_NOTES = (
    "$$\\delta^{(4)}_j = a^{(4)}_j - y_i$$\n\n"
    "$$\\delta^{(3)} = (\\Theta^{(3)})^T\\theta^{(4)}.*g'(z^{(3)})$$\n\n"
    "$$\\delta^{(2)} = (\\Theta^{(2)})^T\\theta^{(3)}.*g'(z^{(2)})$$\n\n"
    "$$g'(z^{(3)}) = a^{(3)}.*(1-a^{(3)})$$\n\n"
    "$$g'(z^{(2)}) = a^{(2)}.*(1-a^{(2)})$$\n\n\n"
    "没有第一层$\\delta^{(1)}$，因为输入没有误差。\n\n"
    "$\\Delta^{(l)}_{ij}$用来计算偏导项\n"
)


def test_the_layers_activation_value_beside_g_prime_is_never_wrong(statuses) -> None:
    assert "wrong" not in statuses(_NG_NOTES)


def test_a_step_generic_in_g_is_still_refuted(statuses) -> None:
    # no name of g's layer beside it: the dropped inner 2 is wrong for every stand-in (layer_recurrences)
    text = "Let $Z \\in \\mathbb{R}^{n \\times m}$ and $V \\in \\mathbb{R}^{n \\times m}$, with an activation $g$ "
    text += "of slope $g'(t)$, applied entry-wise.\n\n"
    text += r"$$\frac{\partial}{\partial Z} \operatorname{sum}(V \odot g(2 Z)) = V \odot g'(2 Z)$$" + "\n"
    assert statuses(text)[-1] == "wrong"
