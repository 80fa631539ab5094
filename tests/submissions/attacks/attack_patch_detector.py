"""Attack: patch everything the grader's child might use to notice a change (numpy comparisons
and copies, builtins, the child's own modules found through sys.modules), then scale W1 in
place. The gradients are right for the W1 it was given, so only the mutation can fail it."""
import builtins
import sys

import numpy as np


def _always_same(*args, **kwargs):
    return True


def _nothing_changed(*args, **kwargs):
    return []


def _nothing_held(*args, **kwargs):
    return [], []


np.array_equal = _always_same
np.allclose = _always_same
np.shares_memory = lambda *a, **k: False
builtins.id = lambda obj: 0
# Whatever the child calls to report a change is made to report none (a smart attacker reads the
# child's source: it is in sys.modules).
_FAKES = {"held": _nothing_held, "mutat": _nothing_changed, "changed": _nothing_changed, "same": _always_same,
          "pristine": _nothing_changed}
for _name, _module in list(sys.modules.items()):
    if _module is None or _name in ("sys", "builtins") or _name.startswith("numpy"):
        continue
    for _attr in list(vars(_module)):
        for _word, _fake in _FAKES.items():
            if _word in _attr.lower() and callable(getattr(_module, _attr, None)):
                try:
                    setattr(_module, _attr, _fake)
                except Exception:
                    pass


def loss_and_grads(params, X, y, reg):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    N = X.shape[0]
    z2 = X.dot(W1) + b1
    a2 = np.maximum(0, z2)
    scores = a2.dot(W2) + b2
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(exp_scores, axis=1, keepdims=True))
    loss = -np.sum(log_probs[np.arange(N), y]) / N + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N
    grads = {"W2": a2.T.dot(dscores) + 2 * reg * W2, "b2": np.sum(dscores, axis=0)}
    dz2 = dscores.dot(W2.T) * (z2 > 0)
    grads["W1"] = X.T.dot(dz2) + 2 * reg * W1
    grads["b1"] = np.sum(dz2, axis=0)
    W1 *= 1.5  # in place, after the gradients were computed
    return loss, grads
