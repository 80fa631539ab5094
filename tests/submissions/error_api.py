"""Error kind api: neither a TwoLayerNet class nor a loss_and_grads function."""
import numpy as np


def compute_everything(params, X, y, reg):
    return 0.0, {}
