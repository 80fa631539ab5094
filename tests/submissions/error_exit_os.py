"""Error kind exit: os._exit() in the loss."""
import os

import numpy as np


def loss_and_grads(params, X, y, reg):
    os._exit(3)
