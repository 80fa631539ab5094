"""Which PyPI package provides a module a submission imports, for an import error a student
(or course staff) can act on: ``No module named 'past'`` becomes "... (the module 'past' comes
from the PyPI package 'future': pip install future; course staff can list it under
extra_packages in the rubric)".

Only names that differ from their package are in the table: for the others the module's own
name is the package's, which the message then says without claiming to know it.
"""

from __future__ import annotations

import re

__all__ = ["PROVIDERS", "explain_import_error", "import_names", "missing_module", "provider"]

#: import name -> the PyPI distribution that provides it (names that differ only).
PROVIDERS: dict[str, str] = {
    "past": "future",
    "builtins": "future",  # on Python 2 only; on Python 3 it is the standard library
    "future": "future",
    "libfuturize": "future",
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "cv2": "opencv-python",
    "PIL": "Pillow",
    "yaml": "PyYAML",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "attr": "attrs",
    "Crypto": "pycryptodome",
    "OpenSSL": "pyOpenSSL",
    "serial": "pyserial",
    "usb": "pyusb",
    "google.protobuf": "protobuf",
    "tensorflow": "tensorflow",
    "torch": "torch",
    "jax": "jax",
    "IPython": "ipython",
    "imageio": "imageio",
    "tqdm": "tqdm",
    "pandas": "pandas",
    "scipy": "scipy",
    "matplotlib": "matplotlib",
    "seaborn": "seaborn",
}

_NO_MODULE = re.compile(r"No module named '?([A-Za-z_][\w.]*)'?")


def missing_module(message: str) -> str | None:
    """The module named in an ImportError's message (``No module named 'past.builtins'``)."""
    match = _NO_MODULE.search(message or "")
    return match.group(1) if match else None


def provider(module: str) -> str | None:
    """The PyPI package that provides ``module`` (dotted names by their longest known prefix)."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        name = ".".join(parts[:n])
        if name in PROVIDERS:
            return PROVIDERS[name]
    return None


def explain_import_error(message: str) -> str:
    """``message`` with the providing package named, when a missing module is the cause."""
    module = missing_module(message)
    if module is None or "PyPI package" in message:
        return message
    top = module.split(".")[0]
    package = provider(module)
    if package is None:
        return (
            f"{message} (the module '{top}' is not installed in the grading environment; "
            "if the course allows it, list its package under extra_packages in the rubric)"
        )
    return (
        f"{message} (the module '{top}' comes from the PyPI package '{package}': pip install {package}; "
        "course staff can list it under extra_packages in the rubric)"
    )


def import_names(packages: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The top-level modules a submission may import for a rubric's extra packages: a PyPI
    name (``future``) stands for every module its installed distribution provides (``future``,
    ``past``, ``libfuturize`` ...); an importable module name stands for itself. Raises
    DeriveError (one line, exit 2) for a name that is neither installed nor importable: the
    course's grading environment must provide what its rubric promises."""
    if not packages:  # listing every installed distribution costs ~0.13 s of a cold grade
        return ()
    import importlib.metadata
    import importlib.util

    from derive.errors import DeriveError

    provided: dict[str, list[str]] = {}
    for module, distributions in importlib.metadata.packages_distributions().items():
        for distribution in distributions:
            provided.setdefault(_normal(distribution), []).append(module)
    names: list[str] = []
    for package in packages:
        modules = provided.get(_normal(package))
        if modules:
            names += sorted(m for m in modules if m.isidentifier())
        elif package.isidentifier() and importlib.util.find_spec(package) is not None:
            names.append(package)
        else:
            raise DeriveError(f"extra package {package!r} is not installed where derive runs (pip install {package})")
    return tuple(dict.fromkeys(names))


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()  # PEP 503: Pillow, pillow and pil_low are one name
