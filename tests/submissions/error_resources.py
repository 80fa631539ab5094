"""Error kind resources: a memory bomb in the loss."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    hoard = []
    while True:
        hoard.append(np.ones(10_000_000))
