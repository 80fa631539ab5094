"""Attack: change metadata outside the work directory (chmod of a file and of its directory,
utime, setxattr, chown; rename, unlink, hard link, truncate, mkdir), then answer correctly. Each must be refused (the call raises, so the
grade is an error); @TARGET@ is replaced by the test with a file it watches."""
import os

import numpy as np

TARGET = "@TARGET@"
OPERATION = "@OPERATION@"


def _attack():
    if OPERATION == "chmod":
        os.chmod(TARGET, 0o777)
    elif OPERATION == "chmod-dir":
        os.chmod(os.path.dirname(TARGET), 0o777)
    elif OPERATION == "utime":
        os.utime(TARGET, (0, 0))
    elif OPERATION == "setxattr":
        os.setxattr(TARGET, "user.derive", b"owned")
    elif OPERATION == "chown":
        os.chown(TARGET, 1, 1)
    elif OPERATION == "rename":
        os.rename(TARGET, TARGET + ".moved")
    elif OPERATION == "unlink":
        os.unlink(TARGET)
    elif OPERATION == "link":
        os.link(TARGET, "stolen-link")
    elif OPERATION == "truncate":
        os.truncate(TARGET, 0)
    elif OPERATION == "mkdir":
        os.mkdir(TARGET + ".d")


def loss_and_grads(params, X, y, reg):
    _attack()
    return _correct(params, X, y, reg)


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
