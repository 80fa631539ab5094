"""Error kind import: a syntax error."""
import numpy as np


def loss_and_grads(params, X, y, reg)
    return 0.0, {}
