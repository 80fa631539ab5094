"""Correct, tab-indented: loss_and_grads with 0.5 * reg * (||W1||^2 + ||W2||^2)."""
import numpy as np


def loss_and_grads(params, X, y, reg):
	W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
	N = X.shape[0]
	hidden = np.maximum(0, X @ W1 + b1)
	scores = hidden @ W2 + b2
	scores = scores - scores.max(axis=1, keepdims=True)
	logsum = np.log(np.exp(scores).sum(axis=1, keepdims=True))
	loss = -np.mean(scores[np.arange(N), y] - logsum[:, 0])
	loss += 0.5 * reg * (np.sum(W1 ** 2) + np.sum(W2 ** 2))
	dscores = np.exp(scores - logsum)
	dscores[np.arange(N), y] -= 1
	dscores /= N
	dhidden = dscores @ W2.T
	dhidden[hidden <= 0] = 0
	grads = {
		"W1": X.T @ dhidden + reg * W1,
		"b1": dhidden.sum(axis=0),
		"W2": hidden.T @ dscores + reg * W2,
		"b2": dscores.sum(axis=0),
	}
	return loss, grads
