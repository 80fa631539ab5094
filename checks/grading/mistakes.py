"""The mistakes of MISTAKES.md as transformations of the verified reference.

Each mistake rebuilds the loss or the gradients from the reference's forward intermediates
(z2, a2, z3, P of ``derive.generated.mlp_reference.forward``) with one step changed: the 1/N
dropped, the penalty factor swapped, the ReLU mask removed and so on. A submitted output
*matches* a mistake when it equals one of the mistake's variants within the grader's
tolerance; the grader reports every id that matches. Ids that are decided by how a submission
behaves rather than by a value (``shape``, ``hard-coded-shape``, ``unstable-softmax``,
``non-finite``, ``mutates-params``, ``loss-mismatch``) are named here, decided in the grader.

The backward pass they change is the textbook one of ``derive.checks.grading.textbook``
(batch-grad-* in IDENTITIES.md); the test suite checks that with no step changed it reproduces
the reference's ``loss_and_grads``, so a transformation differs from the reference in its one
step only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from derive.checks.grading import textbook
from derive.checks.grading.problems import PARAMETERS, Problem
from derive.checks.grading.textbook import (
    Parts,
    backward,
    kink_masks,
    loss_magnitude,
    magnitudes,
    parts,
    penalty_factor,
    reference_loss,
)

# The textbook pass's names are re-exported: mistakes are stated in its terms.
__all__ = [
    *textbook.__all__,
    "FORMULAS",
    "FORMULA_SOURCES",
    "MISTAKE_IDS",
    "MISTAKES",
    "Mistake",
    "close",
    "fit_reg",
    "formula",
    "gradient_ids",
    "loss_ids",
    "rel_error",
]

#: Element-wise tolerance (see ``rel_error``); values within it are "equal".
RTOL = 1e-6
#: Errors are relative to max(|a| + |b|, FLOOR · max|expected|): an entry that should be
#: (nearly) zero is judged against the size of its array, not against itself.
FLOOR = 1e-6

#: Every id of MISTAKES.md, in its order (reports sort diagnoses by it).
MISTAKE_IDS: tuple[str, ...] = (
    "missing-1/N",
    "reg-factor",
    "reg-missing",
    "reg-sign",
    "reg-wrong-weight",
    "reg-ignored",
    "bias-regularized",
    "missing-relu-mask",
    "mask-wrong-layer",
    "wrong-activation-derivative",
    "missing-onehot",
    "missing-batch-sum",
    "transposed",
    "shape",
    "hard-coded-shape",
    "unstable-softmax",
    "non-finite",
    "mutates-params",
    "loss-mismatch",
)


#: Rounding noise allowance: an entry is also judged against NOISE · (the sum of the absolute
#: values of the terms that make it up), so an entry that is exactly 0 in exact arithmetic but
#: ±1e-17 after cancellation is not a mistake. Float64 sums of a few hundred terms are good to
#: about 1e-14 of that magnitude; 1e-7 · RTOL = 1e-13 of it is allowed.
NOISE = 1e-7


def rel_error(got: np.ndarray, expected: np.ndarray, magnitude: np.ndarray | float | None = None) -> np.ndarray:
    """Element-wise |got − expected| / max(|got| + |expected|, FLOOR·max|expected|,
    NOISE·magnitude, 1e-300); inf where got is not finite."""
    got = np.asarray(got, dtype=float)
    expected = np.asarray(expected, dtype=float)
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    denom = np.maximum(np.abs(got) + np.abs(expected), max(FLOOR * scale, 1e-300))
    if magnitude is not None:
        denom = np.maximum(denom, NOISE * np.asarray(magnitude, dtype=float))
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(got - expected) / denom
    return np.where(np.isfinite(got), err, np.inf)


def close(
    got: np.ndarray, expected: np.ndarray, rtol: float = RTOL, magnitude: np.ndarray | float | None = None
) -> bool:
    got = np.asarray(got)
    expected = np.asarray(expected)
    if got.shape != expected.shape:
        return False
    return bool(np.all(rel_error(got, expected, magnitude) <= rtol))


# --------------------------------------------------------------- the catalogue of mistakes

GradVariants = Callable[[Parts, float, np.ndarray, "float | None"], Iterator[dict[str, np.ndarray]]]
LossVariants = Callable[[Parts, float], Iterator[float]]


@dataclass(frozen=True)
class Mistake:
    """One id of MISTAKES.md: what the submission did (plain words) and the formula it should
    have used, with the transformations that reproduce it (None: decided by the grader)."""

    id: str
    what: str
    should: str
    grads: GradVariants | None = None
    loss: LossVariants | None = None


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def _fit(other: np.ndarray, like: np.ndarray) -> np.ndarray | None:
    """``other`` where it has ``like``'s shape (as it would broadcast into it), else None."""
    if other.shape == like.shape:
        return other
    if other.T.shape == like.shape:
        return other.T
    return None


def _missing_1n_grads(pt, k, mask, fitted):
    base = (pt.P - pt.onehot) / pt.N
    yield backward(pt, k, dz3=base * pt.N, mask=mask)  # a sum where the loss is a mean
    yield backward(pt, k, dz3=base / pt.N, mask=mask)  # 1/N applied twice


def _missing_1n_loss(pt, k):
    penalty = 0.5 * k * pt.problem.reg * pt.squared_norms()
    yield pt.data_loss() * pt.N + penalty
    yield pt.data_loss() / pt.N + penalty


def _reg_factor_grads(pt, k, mask, fitted):
    yield backward(pt, 3.0 - k, mask=mask)  # 2 ↔ 1: the other convention's factor


def _reg_factor_loss(pt, k):
    yield reference_loss(pt, 3.0 - k)


def _reg_missing_grads(pt, k, mask, fitted):
    p = pt.problem.params
    yield backward(pt, k, mask=mask, penalty={"W1": 0 * p["W1"], "W2": 0 * p["W2"]})


def _reg_sign_grads(pt, k, mask, fitted):
    yield backward(pt, -k, mask=mask)


def _reg_sign_loss(pt, k):
    yield reference_loss(pt, -k)


def _reg_wrong_weight_grads(pt, k, mask, fitted):
    p, lam = pt.problem.params, pt.problem.reg
    w2_in_w1 = _fit(p["W2"], p["W1"])
    w1_in_w2 = _fit(p["W1"], p["W2"])
    if w2_in_w1 is not None:
        yield backward(pt, k, mask=mask, penalty={"W1": k * lam * w2_in_w1, "W2": k * lam * p["W2"]})
        yield backward(pt, k, mask=mask, penalty={"W1": k * lam * (p["W1"] + w2_in_w1), "W2": k * lam * p["W2"]})
    if w1_in_w2 is not None:
        yield backward(pt, k, mask=mask, penalty={"W1": k * lam * p["W1"], "W2": k * lam * w1_in_w2})


def _reg_ignored_grads(pt, k, mask, fitted):
    # The hard-coded strength is read off the submission's own loss (see fit_reg).
    if fitted is not None and not np.isclose(fitted, pt.problem.reg, rtol=1e-6, atol=1e-12):
        yield backward(pt, k, mask=mask, reg=fitted)


def _bias_regularized_grads(pt, k, mask, fitted):
    p, lam = pt.problem.params, pt.problem.reg
    base = backward(pt, k, mask=mask)
    for factor in (1.0, 2.0):
        yield dict(base, b1=base["b1"] + factor * lam * p["b1"], b2=base["b2"] + factor * lam * p["b2"])


def _bias_regularized_loss(pt, k):
    p, lam = pt.problem.params, pt.problem.reg
    biases = float(np.sum(p["b1"] ** 2) + np.sum(p["b2"] ** 2))
    for factor in (1.0, 2.0):
        yield reference_loss(pt, k) + 0.5 * factor * lam * biases


def _missing_mask_grads(pt, k, mask, fitted):
    yield backward(pt, k, mask=np.ones_like(pt.z2))


def _mask_wrong_layer_grads(pt, k, mask, fitted):
    if pt.z3.shape == pt.z2.shape:  # only then does a z3 mask fit the hidden layer
        yield backward(pt, k, mask=(pt.z3 > 0).astype(float))
        yield backward(pt, k, mask=(pt.z3 >= 0).astype(float))


def _wrong_derivative_grads(pt, k, mask, fitted):
    s = _sigmoid(pt.z2)
    yield backward(pt, k, mask=s * (1 - s))  # σ'(z2)
    yield backward(pt, k, mask=pt.a2 * (1 - pt.a2))  # σ' written on the ReLU output
    yield backward(pt, k, mask=1 - pt.a2**2)  # tanh' written on the ReLU output
    yield backward(pt, k, mask=1 - np.tanh(pt.z2) ** 2)  # tanh'(z2)


def _missing_onehot_grads(pt, k, mask, fitted):
    yield backward(pt, k, dz3=pt.P / pt.N, mask=mask)


def _missing_batch_sum_grads(pt, k, mask, fitted):
    yield backward(pt, k, mask=mask, bias_sum=lambda d: d)  # not summed: N rows
    yield backward(pt, k, mask=mask, bias_sum=lambda d: d.mean(axis=0))  # averaged


def _transposed_grads(pt, k, mask, fitted):
    base = backward(pt, k, mask=mask)
    yield {name: g.T if g.ndim == 2 else g.reshape(-1, 1) for name, g in base.items()}


MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        "missing-1/N",
        "the data term is a sum over the batch (or divided by N twice) where the loss is a mean",
        "divide the data term by N exactly once: dscores = (P − Δ)/N",
        _missing_1n_grads,
        _missing_1n_loss,
    ),
    Mistake(
        "reg-factor",
        "the penalty gradient has the other convention's factor (λW for λ‖W‖², or 2λW for ½λ‖W‖²)",
        "the gradient of λ‖W‖² is 2λW; of ½λ‖W‖², λW",
        _reg_factor_grads,
        _reg_factor_loss,
    ),
    Mistake(
        "reg-missing",
        "the penalty is in the loss but not in the gradient",
        "add the penalty gradient 2λW (λW for ½λ‖W‖²) to dW1 and dW2",
        _reg_missing_grads,
    ),
    Mistake(
        "reg-sign",
        "the penalty gradient has the wrong sign",
        "add +2λW (the penalty increases the loss)",
        _reg_sign_grads,
        _reg_sign_loss,
    ),
    Mistake(
        "reg-wrong-weight",
        "a weight's gradient carries the other layer's penalty term (e.g. 2λW2 in dW1)",
        "each weight gets its own penalty term: dW1 += 2λW1, dW2 += 2λW2",
        _reg_wrong_weight_grads,
    ),
    Mistake(
        "reg-ignored",
        "a hard-coded penalty strength is used instead of the reg argument",
        "use the reg argument in both the loss and the gradient",
        _reg_ignored_grads,
    ),
    Mistake(
        "bias-regularized",
        "the biases are penalised",
        "penalise weights only: no λ‖b‖² in the loss, no λb in db1, db2",
        _bias_regularized_grads,
        _bias_regularized_loss,
    ),
    Mistake(
        "missing-relu-mask",
        "back-propagation through the ReLU lacks the mask 1{z2 > 0}",
        "dz2 = (dscores W2ᵀ) ⊙ 1{z2 > 0}",
        _missing_mask_grads,
    ),
    Mistake(
        "mask-wrong-layer",
        "the ReLU mask is taken from the output pre-activation z3",
        "the mask belongs to the hidden layer: 1{z2 > 0}",
        _mask_wrong_layer_grads,
    ),
    Mistake(
        "wrong-activation-derivative",
        "another activation's derivative (σ(1−σ), 1−tanh²) is used for the ReLU",
        "the ReLU's derivative is the step 1{z2 > 0}",
        _wrong_derivative_grads,
    ),
    Mistake(
        "missing-onehot",
        "the softmax gradient is P instead of P − Δ",
        "dscores = (P − Δ)/N, with Δ the one-hot labels",
        _missing_onehot_grads,
    ),
    Mistake(
        "missing-batch-sum",
        "a bias gradient is not summed over the batch (or is averaged where it must be summed)",
        "db = 1ᵀ dz: sum the rows of the (already 1/N-scaled) upstream gradient",
        _missing_batch_sum_grads,
    ),
    Mistake(
        "transposed",
        "a gradient has the transposed shape of its parameter",
        "a gradient has its parameter's shape: dW1 is D×H, dW2 is H×C",
        _transposed_grads,
    ),
    Mistake(
        "shape",
        "a gradient's shape is neither its parameter's nor its transpose",
        "return arrays of the parameters' shapes: W1 D×H, b1 (H,), W2 H×C, b2 (C,)",
    ),
    Mistake(
        "hard-coded-shape",
        "it works only at the toy sizes: other sizes raise or return wrong shapes",
        "take N, D, H, C from the arrays (X.shape, W1.shape), never from constants",
    ),
    Mistake(
        "unstable-softmax",
        "the softmax overflows or underflows for large logits (no max-shift)",
        "subtract each row's maximum logit before exp; take log P as z − max − log Σ exp(z − max)",
    ),
    Mistake("non-finite", "NaN or inf for finite, moderate inputs", "check for divisions by zero and logs of zero"),
    Mistake(
        "mutates-params",
        "the parameters or the inputs are changed in place",
        "work on copies: grads['W1'] = dW1 rather than W1 -= ..., X_ = X.copy()",
    ),
    Mistake(
        "loss-mismatch",
        "the loss differs from the reference and no known mistake explains it",
        "loss = mean over the batch of −log P[i, y_i] + λ(‖W1‖² + ‖W2‖²)",
    ),
)
BY_ID = {m.id: m for m in MISTAKES}

#: What each graded quantity should be, in words and Unicode mathematics (IDENTITIES.md:
#: batch-grad-W1/b1/W2/b2 and cross-entropy-logits), typed here once: the grader puts the
#: formula into each check's record and every reporter prints it from there. {k} is the
#: penalty factor (2 for λ‖W‖², none for ½λ‖W‖²); {half} is ½ for ½λ‖W‖².
FORMULAS: dict[str | None, str] = {
    "W1": "∂J̃/∂W1 = Xᵀ(((P − Δ)W2ᵀ/N) ⊙ 1{z2 > 0}) + {k}λW1",
    "b1": "∂J̃/∂b1 = (((P − Δ)W2ᵀ/N) ⊙ 1{z2 > 0})ᵀ1",
    "W2": "∂J̃/∂W2 = a2ᵀ(P − Δ)/N + {k}λW2",
    "b2": "∂J̃/∂b2 = ((P − Δ)/N)ᵀ1",
    None: "J̃ = −(1/N) Σᵢ log P[i, yᵢ] + {half}λ(‖W1‖² + ‖W2‖²),  P = softmax(ReLU(X W1 + b1) W2 + b2)",
}
#: The catalogue identity each gradient formula is, for λ‖W‖² (tests/test_mistakes.py holds
#: FORMULAS equal to derive.unicode's printing of these statements: loading the catalogue
#: takes seconds, too long for every grade, so the text is kept here and checked there).
FORMULA_SOURCES: dict[str, str] = {
    "W1": "batch-grad-W1-l2",
    "b1": "batch-grad-b1",
    "W2": "batch-grad-W2-l2",
    "b2": "batch-grad-b2",
}


def formula(parameter: str | None, convention: str | None) -> str:
    """The formula a gradient (or, for None, the loss) should have been, for a convention."""
    if parameter not in FORMULAS:
        raise ValueError(f"parameter={parameter!r}; expected one of {PARAMETERS} or None (the loss)")
    k = "" if convention == "half-l2" else "2"
    half = "½" if convention == "half-l2" else ""
    return FORMULAS[parameter].replace("{k}", k).replace("{half}", half)


assert tuple(BY_ID) == MISTAKE_IDS, "every id of MISTAKES.md once, in its order"


# --------------------------------------------------------------- matching


def fit_reg(loss: float, problem: Problem, convention: str) -> float | None:
    """The penalty strength the submission's loss implies, or None when it cannot tell
    (zero weights, non-finite loss)."""
    pt = parts(problem)
    norms = pt.squared_norms()
    if not np.isfinite(loss) or norms == 0:
        return None
    return float((loss - pt.data_loss()) / (0.5 * penalty_factor(convention) * norms))


def gradient_ids(
    parameter: str,
    submitted: np.ndarray,
    problem: Problem,
    convention: str,
    *,
    fitted_reg: float | None = None,
    rtol: float = RTOL,
) -> list[str]:
    """Every mistake id one of whose variants reproduces the submitted gradient of ``parameter``
    within ``rtol`` (looser for a float32 submission)."""
    if parameter not in PARAMETERS:
        raise ValueError(f"parameter={parameter!r}; expected one of {PARAMETERS}")
    pt = parts(problem)
    k = penalty_factor(convention)
    submitted = np.asarray(submitted, dtype=float)
    masks = kink_masks(pt)
    right = [backward(pt, k, mask=m)[parameter] for m in masks]
    noise = magnitudes(pt, k)[parameter]
    found = []
    for mistake in MISTAKES:
        if mistake.grads is None:
            continue
        # A variant that coincides with a right answer on this problem explains nothing.
        if any(
            close(submitted, variant[parameter], rtol)
            and not any(close(variant[parameter], r, magnitude=noise) for r in right)
            for mask in masks
            for variant in mistake.grads(pt, k, mask, fitted_reg)
        ):
            found.append(mistake.id)
    shape = problem.params[parameter].shape
    if submitted.shape != shape and submitted.shape != shape[::-1] and submitted.size != 0:
        found.append("shape")
    return found


def loss_ids(
    submitted: float, problem: Problem, convention: str, *, skip: tuple[str, ...] = (), rtol: float = RTOL
) -> list[str]:
    """Every mistake id (except those in ``skip``) one of whose loss variants reproduces the
    submitted loss."""
    pt = parts(problem)
    k = penalty_factor(convention)
    right = np.array(reference_loss(pt, k))
    noise = loss_magnitude(pt, k)
    found = []
    for mistake in MISTAKES:
        if mistake.loss is None or mistake.id in skip:
            continue
        if any(
            close(np.array(submitted), np.array(v), rtol) and not close(np.array(v), right, magnitude=noise)
            for v in mistake.loss(pt, k)
        ):
            found.append(mistake.id)
    return found
