"""Correct, and imports matplotlib unconditionally (absent on the grader): a CS231n
TwoLayerNet from a notebook export, with the old 0.5 * reg convention and module-level
plotting code."""
import matplotlib.pyplot as plt
import numpy as np

plt.rcParams["figure.figsize"] = (10.0, 8.0)


class TwoLayerNet(object):
    def __init__(self, input_size, hidden_size, output_size, std=1e-4):
        self.params = {}
        self.params['W1'] = std * np.random.randn(input_size, hidden_size)
        self.params['b1'] = np.zeros(hidden_size)
        self.params['W2'] = std * np.random.randn(hidden_size, output_size)
        self.params['b2'] = np.zeros(output_size)

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params['W1'], self.params['b1']
        W2, b2 = self.params['W2'], self.params['b2']
        N, D = X.shape
        h1 = np.maximum(0, np.dot(X, W1) + b1)
        scores = np.dot(h1, W2) + b2
        if y is None:
            return scores
        shifted = scores - np.max(scores, axis=1, keepdims=True)
        exp_scores = np.exp(shifted)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        loss = -np.mean(shifted[np.arange(N), y] - np.log(np.sum(exp_scores, axis=1)))
        loss += 0.5 * reg * np.sum(W1 * W1) + 0.5 * reg * np.sum(W2 * W2)
        grads = {}
        dscores = probs.copy()
        dscores[range(N), y] -= 1
        dscores /= N
        grads['W2'] = np.dot(h1.T, dscores) + reg * W2
        grads['b2'] = np.sum(dscores, axis=0)
        dh1 = np.dot(dscores, W2.T)
        dh1[h1 <= 0] = 0
        grads['W1'] = np.dot(X.T, dh1) + reg * W1
        grads['b1'] = np.sum(dh1, axis=0)
        plt.plot([loss])
        return loss, grads
