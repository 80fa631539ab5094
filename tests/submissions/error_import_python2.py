"""Error kind import: Python 2 code (print statement, xrange)."""
import numpy as np


def loss_and_grads(params, X, y, reg):
    print "computing the loss"
    for i in xrange(3):
        pass
    return 0.0, {}
