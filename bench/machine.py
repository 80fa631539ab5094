"""The machine a benchmark ran on, in one line, for every bench script's header."""

from __future__ import annotations

import os
import platform


def describe() -> str:
    """CPU model, core count, Python version and OS, e.g. 'AMD EPYC 7B13, 2 cores, Python 3.11.7, Linux'."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
            cpu = names[0] if names else cpu
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
