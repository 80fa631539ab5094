"""Correct: an HLCV/Sapienza-style TwoLayerNet: an extra keyword argument before std, the
penalty 0.5 * reg * (||W1||^2 + ||W2||^2), probabilities for y=None, the mask 1{z >= 0}
(a legitimate subgradient at 0), and a plotting import that may be absent."""
import numpy as np

try:
    import matplotlib.pyplot as plt  # noqa: F401  (the notebooks plot; grading must not need it)
except ImportError:
    plt = None


class TwoLayerNet(object):
    def __init__(self, input_size, hidden_size, output_size, activation="relu", std=1e-4):
        self.activation = activation
        self.params = {
            "W1": std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }

    def loss(self, X, y=None, reg=0.0):
        W1, b1, W2, b2 = (self.params[k] for k in ("W1", "b1", "W2", "b2"))
        N = X.shape[0]
        z2 = X @ W1 + b1
        a2 = np.where(z2 >= 0, z2, 0.0)
        z3 = a2 @ W2 + b2
        z3 = z3 - z3.max(axis=1, keepdims=True)
        p = np.exp(z3)
        p /= p.sum(axis=1, keepdims=True)
        if y is None:
            return p

        log_p = z3 - np.log(np.exp(z3).sum(axis=1, keepdims=True))
        loss = -log_p[np.arange(N), y].mean() + 0.5 * reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))

        delta = np.zeros_like(p)
        delta[np.arange(N), y] = 1
        dz3 = (p - delta) / N
        dz2 = dz3 @ W2.T * (z2 >= 0)
        grads = {
            "W2": a2.T @ dz3 + reg * W2,
            "b2": dz3.sum(axis=0),
            "W1": X.T @ dz2 + reg * W1,
            "b1": dz2.sum(axis=0),
        }
        return loss, grads
