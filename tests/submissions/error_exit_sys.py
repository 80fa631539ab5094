"""Error kind exit: sys.exit() in the loss."""
import sys

import numpy as np


def loss_and_grads(params, X, y, reg):
    sys.exit(0)
