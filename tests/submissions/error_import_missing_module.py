"""Error kind import: a module that is not installed."""
import numpy as np
import cs231n_private_helpers  # noqa: F401


def loss_and_grads(params, X, y, reg):
    return 0.0, {}
