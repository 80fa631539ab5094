"""Error kind api: returns the wrong types (a string loss and a list of gradients)."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    return "1.3", [params["W1"], params["b1"], params["W2"], params["b2"]]
