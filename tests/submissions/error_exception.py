"""Error kind exception: raises on every call."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    scores = X @ params["W1"]
    raise ValueError("backward pass not implemented yet")
