"""Right at every small size, but written with Python loops over every entry: at the full size
(N = 200, D = 3072, H = 100) it cannot finish within the time limit. A failed check, not an
error: every other check still grades it."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N, D = X.shape
    H = W1.shape[1]
    z2 = np.zeros((N, H))
    for n in range(N):
        for h in range(H):
            total = b1[h]
            for d in range(D):
                total += X[n, d] * W1[d, h]
            z2[n, h] = total
    a2 = np.maximum(z2, 0)
    scores = a2 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    P = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -np.mean(shifted[np.arange(N), y] - np.log(np.exp(shifted).sum(axis=1))) + reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
    d = P.copy()
    d[np.arange(N), y] -= 1
    d /= N
    dz2 = (d @ W2.T) * (z2 > 0)
    return loss, {"W1": X.T @ dz2 + 2 * reg * W1, "b1": dz2.sum(0), "W2": a2.T @ d + 2 * reg * W2, "b2": d.sum(0)}
