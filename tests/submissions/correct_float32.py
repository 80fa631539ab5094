"""Correct, computed in float32 (a real CS231n pattern: the data cast to float32 to save
memory): judged at float32 tolerances, not failed for its precision."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    f32 = np.float32
    W1, b1 = params["W1"].astype(f32), params["b1"].astype(f32)
    W2, b2 = params["W2"].astype(f32), params["b2"].astype(f32)
    X = X.astype(f32)
    reg = f32(reg)
    N = X.shape[0]

    z2 = X.dot(W1) + b1
    a2 = np.maximum(f32(0), z2)
    scores = a2.dot(W2) + b2
    shifted = scores - np.max(scores, axis=1, keepdims=True)
    exp_scores = np.exp(shifted)
    probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(exp_scores, axis=1, keepdims=True))
    loss = -np.sum(log_probs[np.arange(N), y]) / f32(N) + reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

    dscores = probs.copy()
    dscores[np.arange(N), y] -= f32(1)
    dscores /= f32(N)
    grads = {}
    grads["W2"] = a2.T.dot(dscores) + f32(2) * reg * W2
    grads["b2"] = np.sum(dscores, axis=0)
    dz2 = dscores.dot(W2.T) * (z2 > 0)
    grads["W1"] = X.T.dot(dz2) + f32(2) * reg * W1
    grads["b1"] = np.sum(dz2, axis=0)
    return loss, grads
