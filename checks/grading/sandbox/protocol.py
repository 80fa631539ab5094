"""The sandbox's wire format, shared by the parent and the child (stdlib and NumPy only).

The parent imports it as `derive.checks.grading.sandbox.protocol`; the child gets a copy of this
file in its harness directory (as `harness_protocol`), since the child may not see derive's files.

frame := MAGIC, u32 header length, u64 body length, JSON header, body. The header lists the
arrays as [name, dtype.str, shape]; the body holds their C-order bytes back to back. Never
pickles: a malicious child cannot make the parent execute code.

Inputs travel the other way through shared memory (a memfd both sides map): a request lists them
as [name, dtype.str, shape, offset]. The parent keeps its own copy and reads the shared memory
back after the reply, so an in-place change made by the submission is seen by the parent itself.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Mapping
from typing import Any

import numpy as np

MAGIC = b"DRV1"
FRAME_HEAD = struct.Struct(">4sIQ")
MAX_HEADER = 1 << 20
NUMERIC_KINDS = "biuf"  # bool, int, uint, float: what a gradient or an input may be made of
MAX_DIMS = 32

# Exit statuses the harness uses when it cannot reply through the pipe (the parent maps them to
# error kinds; a submission could fake them with os._exit, but only to produce an error).
EXIT_OUT_OF_MEMORY = 86
EXIT_CHANNEL_LOST = 87
EXIT_HARNESS_FAILED = 88
EXIT_ORPHANED = 89
# A reply may be 4 x the request plus this much (the parent's cap; the child keeps to half of
# the slack and sends only the shape of an array that does not fit).
REPLY_SLACK = 64 << 20
ALIGN = 64  # offsets of inputs in shared memory: aligned for SIMD loads


class FrameError(ValueError):
    """A frame that does not follow the codec."""


def frame_parts(header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> list:
    """The frame as a list of buffers: the arrays' own memory, not copies (megabyte arrays)."""
    specs = []
    views = []
    size = 0
    for name, array in arrays:
        a = np.asarray(array)  # (np.ascontiguousarray would turn 0-d into 1-d)
        if not a.flags.c_contiguous:
            a = a.copy(order="C")
        specs.append([name, a.dtype.str, list(a.shape)])
        views.append(memoryview(a).cast("B") if a.size else b"")
        size += a.nbytes
    head = json.dumps({**header, "arrays": specs}).encode()
    return [FRAME_HEAD.pack(MAGIC, len(head), size) + head, *views]


def encode_frame(header: Mapping[str, Any], arrays: list[tuple[str, np.ndarray]] = ()) -> bytes:
    return b"".join(bytes(part) for part in frame_parts(header, arrays))


def parse_frame_head(raw: bytes, max_body: int) -> tuple[int, int]:
    magic, head_len, body_len = FRAME_HEAD.unpack(raw)
    if magic != MAGIC:
        raise FrameError("bad magic")
    if head_len > MAX_HEADER or body_len > max_body:
        raise FrameError(f"frame too large ({head_len} + {body_len} bytes)")
    return head_len, body_len


def array_dtype(spec: Any, allowed_dtypes: frozenset[str] | None = None) -> tuple[str, np.dtype, tuple[int, ...]]:
    """Name, dtype and shape of one array spec, validated (the other side may be hostile)."""
    if not (isinstance(spec, list) and len(spec) in (3, 4) and isinstance(spec[0], str)
            and isinstance(spec[1], str) and isinstance(spec[2], list) and len(spec[2]) <= MAX_DIMS
            and all(type(n) is int and n >= 0 for n in spec[2])):
        raise FrameError("malformed array spec")
    name, dtype_str, shape = spec[0], spec[1], spec[2]
    if allowed_dtypes is not None and dtype_str not in allowed_dtypes:
        raise FrameError(f"dtype {dtype_str!r} not allowed")
    try:
        dtype = np.dtype(dtype_str)
    except TypeError:
        raise FrameError(f"unknown dtype {dtype_str!r}") from None
    if dtype.kind not in NUMERIC_KINDS or dtype.hasobject:
        raise FrameError(f"dtype {dtype_str!r} is not numeric")
    return name, dtype, tuple(shape)


def decode_frame(head: bytes, body: bytearray, allowed_dtypes: frozenset[str] | None = None
                 ) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """Header dict and named arrays. Validates every field: the other side may be hostile."""
    try:
        header = json.loads(head.decode())
    except (ValueError, RecursionError) as exc:  # bad UTF-8, bad JSON, absurd nesting
        raise FrameError(f"header is not JSON: {type(exc).__name__}") from None
    if not isinstance(header, dict) or not isinstance(header.get("arrays"), list):
        raise FrameError("header is not an object with an array list")
    arrays: dict[str, np.ndarray] = {}
    offset = 0
    for spec in header.pop("arrays"):
        name, dtype, shape = array_dtype(spec, allowed_dtypes)
        count = math.prod(shape)
        size = count * dtype.itemsize
        if offset + size > len(body):
            raise FrameError("body shorter than its arrays")
        arrays[name] = np.frombuffer(body, dtype=dtype, count=count, offset=offset).reshape(shape)
        offset += size
    if offset != len(body):
        raise FrameError("body longer than its arrays")
    return header, arrays


def layout(arrays: list[tuple[str, np.ndarray]]) -> tuple[list[list[Any]], int]:
    """Input specs [name, dtype, shape, offset] for shared memory, and the bytes they need."""
    specs, offset = [], 0
    for name, a in arrays:
        specs.append([name, a.dtype.str, list(a.shape), offset])
        offset += -(-a.nbytes // ALIGN) * ALIGN
    return specs, offset


def shared_views(buffer: Any, specs: list[Any]) -> dict[str, np.ndarray]:
    """Writable arrays over shared memory, one per input spec (the child's side of `layout`)."""
    out = {}
    for spec in specs:
        name, dtype, shape = array_dtype(spec)
        offset = spec[3] if len(spec) == 4 else -1
        count = math.prod(shape)
        if type(offset) is not int or offset < 0 or offset + count * dtype.itemsize > len(buffer):
            raise FrameError("input outside the shared memory")
        out[name] = np.frombuffer(buffer, dtype=dtype, count=count, offset=offset).reshape(shape)
    return out
