"""Attack on the per-call limit: progress reports ("tick" frames) forged on every pipe, so
that a call that never ends keeps restarting its clock. Otherwise it sleeps."""
import json
import os
import time

import numpy as np


_CALLS = [0]


def _tick_frame(seq):
    # The request number is guessed by counting calls: the first request of a fresh child is 1.
    head = json.dumps({"status": "tick", "seq": seq, "arrays": []}).encode()
    return b"DRV1" + len(head).to_bytes(4, "big") + (0).to_bytes(8, "big") + head


def loss_and_grads(params, X, y, reg):
    _CALLS[0] += 1
    frames = _tick_frame(_CALLS[0])
    while True:
        for fd in range(3, 32):
            try:
                if os.readlink(f"/proc/self/fd/{fd}").startswith("pipe:"):
                    os.write(fd, frames)
            except OSError:
                pass
        time.sleep(0.3)
    return 0.0, {name: np.zeros_like(value) for name, value in params.items()}
