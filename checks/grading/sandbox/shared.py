"""The inputs' shared memory, parent side: written before a call, read back after it.

A memfd (a temporary file elsewhere than Linux) that the child maps. The parent never maps it:
it uses pwrite/pread, so a child that shrinks or punches the file cannot fault the parent."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["SharedInputs"]

_GRAIN = 1 << 20  # the memory grows in whole megabytes, so the child rarely maps it again


class SharedInputs:
    def __init__(self, directory: Path) -> None:
        if hasattr(os, "memfd_create"):
            self.fd = os.memfd_create("derive-inputs", os.MFD_CLOEXEC)
        else:  # an unlinked temporary file in the sandbox directory
            with tempfile.TemporaryFile(dir=directory) as f:
                self.fd = os.dup(f.fileno())

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def put(self, arrays: list[tuple[str, np.ndarray]], specs: list[list[Any]], size: int) -> int:
        """Write C-contiguous arrays at their specs' offsets (grown, never shrunk); returns the size."""
        current = os.fstat(self.fd).st_size
        if current < size:
            current = -(-size // _GRAIN) * _GRAIN
            os.ftruncate(self.fd, current)
        for (_, a), spec in zip(arrays, specs, strict=True):
            if a.nbytes:
                os.pwrite(self.fd, memoryview(a).cast("B"), spec[3])
        return current

    def read(self, specs: list[list[Any]], size: int) -> dict[str, np.ndarray]:
        """The inputs as the submission left them: one snapshot of the memory. What a child
        removed from it reads as changed (NaN, or -1 for integers)."""
        data = os.pread(self.fd, size, 0) if size else b""
        out = {}
        for name, dtype_str, shape, offset in specs:
            dtype = np.dtype(dtype_str)
            count = int(np.prod(shape, dtype=np.int64))
            end = offset + count * dtype.itemsize
            if end <= len(data):  # a view of the snapshot, not a copy
                out[name] = np.frombuffer(data, dtype=dtype, count=count, offset=offset).reshape(shape)
            else:
                out[name] = np.full(shape, np.nan) if dtype.kind == "f" else np.full(shape, -1, dtype=np.int64)
        return out
