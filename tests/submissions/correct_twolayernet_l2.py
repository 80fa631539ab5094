"""Correct: a CS231n-style TwoLayerNet (2017 version): penalty reg * sum(W * W), raw scores
for y=None."""
import numpy as np


class TwoLayerNet(object):
    def __init__(self, input_size, hidden_size, output_size, std=1e-4):
        self.params = {}
        self.params["W1"] = std * np.random.randn(input_size, hidden_size)
        self.params["b1"] = np.zeros(hidden_size)
        self.params["W2"] = std * np.random.randn(hidden_size, output_size)
        self.params["b2"] = np.zeros(output_size)

    def loss(self, X, y=None, reg=0.0):
        W1, b1 = self.params["W1"], self.params["b1"]
        W2, b2 = self.params["W2"], self.params["b2"]
        N, D = X.shape

        hidden = np.maximum(0, X.dot(W1) + b1)
        scores = hidden.dot(W2) + b2
        if y is None:
            return scores

        scores -= np.max(scores, axis=1, keepdims=True)
        exp_scores = np.exp(scores)
        probs = exp_scores / np.sum(exp_scores, axis=1, keepdims=True)
        correct_logprobs = -(scores[np.arange(N), y] - np.log(np.sum(exp_scores, axis=1)))
        loss = np.sum(correct_logprobs) / N
        loss += reg * (np.sum(W1 * W1) + np.sum(W2 * W2))

        grads = {}
        dscores = probs
        dscores[np.arange(N), y] -= 1
        dscores /= N
        grads["W2"] = np.dot(hidden.T, dscores) + 2 * reg * W2
        grads["b2"] = np.sum(dscores, axis=0)
        dhidden = np.dot(dscores, W2.T)
        dhidden[hidden <= 0] = 0
        grads["W1"] = np.dot(X.T, dhidden) + 2 * reg * W1
        grads["b1"] = np.sum(dhidden, axis=0)
        return loss, grads
