"""Reading a document the user names, within bounds.

A path on the command line can be anything: ``/dev/zero`` (endless), a FIFO (blocks until a
writer comes), a directory, a socket, a 4 GB log. Only regular files are read, at most
:data:`MAX_BYTES` of them; the check is made with ``os.stat`` before opening and again with
``fstat`` on the open descriptor (opened non-blocking, so even a FIFO swapped in between
cannot hang the read).
"""

from __future__ import annotations

import errno
import os
import stat

from derive.errors import DeriveError

__all__ = ["MAX_BYTES", "read_document"]

#: The largest document read: 2 MB, about fifty times the longest course report seen.
MAX_BYTES = 2 * 1024 * 1024

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_special(path: str, mode: int) -> None:
    for test, what in _KINDS:
        if test(mode):
            raise DeriveError(f"{path} is {what}, not a document")
    if not stat.S_ISREG(mode):
        raise DeriveError(f"{path} is not a regular file")


def read_document(path: str, limit: int = MAX_BYTES) -> str:
    """The text of the regular file ``path`` (UTF-8, a BOM allowed), at most ``limit`` bytes.

    Raises :class:`DeriveError` (exit 2) with a one-line reason otherwise."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise DeriveError(f"no such file: {path}") from None
    except OSError as exc:
        raise DeriveError(f"cannot read {path}: {exc.strerror or exc}") from None
    _refuse_special(path, info.st_mode)
    if info.st_size > limit:
        raise DeriveError(f"{path} is {info.st_size} bytes, more than the {limit}-byte limit for a document")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise DeriveError(f"{path} is a directory, not a document") from None
        raise DeriveError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        _refuse_special(path, os.fstat(fd).st_mode)  # the file may have been swapped since stat
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise DeriveError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise DeriveError(f"{path} grew past the {limit}-byte limit for a document while being read")
    if b"\x00" in data:
        raise DeriveError(f"{path} is binary (it contains NUL bytes), not a document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DeriveError(f"{path} is not UTF-8 text") from None
