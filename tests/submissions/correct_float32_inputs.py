"""Correct, with float32 rounding in a float64 computation (the data cast to float32, as a
memory-saving loader does, then multiplied by float64 weights): judged at float32 tolerances,
not failed for the rounding."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    W1, b1 = params["W1"], params["b1"]
    W2, b2 = params["W2"], params["b2"]
    X = X.astype(np.float32)
    N = X.shape[0]

    z2 = X.dot(W1) + b1
    a2 = np.maximum(0, z2)
    scores = a2.dot(W2) + b2

    shifted = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(exp_scores, axis=1, keepdims=True))
    data_loss = -np.sum(log_probs[np.arange(N), y]) / N
    reg_loss = reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    loss = data_loss + reg_loss

    dscores = probs.copy()
    dscores[np.arange(N), y] -= 1
    dscores /= N

    grads = {}
    grads["W2"] = a2.T.dot(dscores) + 2 * reg * W2
    grads["b2"] = np.sum(dscores, axis=0)
    da2 = dscores.dot(W2.T)
    dz2 = da2 * (z2 > 0)
    grads["W1"] = X.T.dot(dz2) + 2 * reg * W1
    grads["b1"] = np.sum(dz2, axis=0)
    return loss, grads
