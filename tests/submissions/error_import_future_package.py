"""Error kind import: `past` comes from the `future` package (7 of 16 CS231n files we tried)."""
from past.builtins import xrange

import numpy as np


def loss_and_grads(params, X, y, reg):
    for _ in xrange(1):
        pass
    return 0.0, {}
