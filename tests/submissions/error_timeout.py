"""Error kind timeout: an infinite loop in the loss."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    converged = False
    while not converged:
        pass
    return 0.0, {}
