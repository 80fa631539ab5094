"""Child side: what old course code expects around it. NumPy aliases removed in 1.24/2.0, and
stub modules for plotting and notebook helpers (matplotlib, IPython, tqdm, google.colab) that a
gradient does not need. Also refuses derive's own packages by name (defence in depth: their files
are neither on sys.path nor readable)."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np

_NUMPY_ALIASES = {  # removed from NumPy 1.24 / 2.0, still in old course code; same meaning
    "float": float, "int": int, "bool": bool, "object": object, "complex": complex, "str": str,
    "float_": "float64", "complex_": "complex128", "unicode_": "str_", "string_": "bytes_",
    "NaN": "nan", "NAN": "nan", "Inf": "inf", "Infinity": "inf", "infty": "inf", "PINF": "inf",
}


def restore_numpy_aliases() -> None:
    import warnings

    for alias, target in _NUMPY_ALIASES.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                getattr(np, alias)
                continue
            except AttributeError:
                pass
        setattr(np, alias, getattr(np, target) if isinstance(target, str) else target)


# ---------------------------------------------------------------------------------------------
# Stub modules for plotting and notebook helpers that may be absent
# ---------------------------------------------------------------------------------------------
class _Stub:
    """Absorbs any use: calls, attributes, indexing, unpacking (`fig, ax = plt.subplots()`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        # Used as a bare decorator (@interact, @widgets.interact): keep the function.
        if len(args) == 1 and not kwargs and callable(args[0]) and not isinstance(args[0], _Stub):
            return args[0]
        return _Stub()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Stub()

    def __setattr__(self, name: str, value: Any) -> None:
        pass

    def __getitem__(self, key: Any) -> Any:
        return _Stub()

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __delitem__(self, key: Any) -> None:
        pass

    def __iter__(self):
        return iter((_Stub(), _Stub()))

    def __len__(self) -> int:
        return 2

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: Any) -> bool:
        return False

    def __mro_entries__(self, bases: tuple) -> tuple:
        return (object,)

    def __repr__(self) -> str:
        return "<stub>"

    def __add__(self, other: Any) -> Any:
        return _Stub()

    __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = __add__


def _passthrough_tqdm(iterable: Any = None, *args: Any, **kwargs: Any) -> Any:
    return iterable if iterable is not None else _Stub()


def _trange(*args: Any, **kwargs: Any) -> range:
    return range(*args)


_GRADER_ROOTS = frozenset({"derive", "checks"})
_STUB_ROOTS = frozenset({"matplotlib", "mpl_toolkits", "pylab", "seaborn", "IPython", "plotly",
                         "ipywidgets", "tqdm"})
# Colab exports start with `from google.colab import drive; drive.mount(...)`; `google` itself is
# stubbed only when no real package (protobuf, cloud libraries) provides it.
_STUB_PREFIXES = ("google.colab",)


def install_stubs() -> None:
    import builtins
    import importlib.abc
    import importlib.machinery
    import importlib.util
    import types

    class StubModule(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            if self.__name__.partition(".")[0] == "tqdm":
                if name == "tqdm":
                    return _passthrough_tqdm
                if name == "trange":
                    return _trange
            return _Stub()

    class StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, fullname, path=None, target=None):
            if fullname.partition(".")[0] in _GRADER_ROOTS:  # the reference lives there
                raise ModuleNotFoundError(f"No module named {fullname!r} (the grader's own package"
                                          " is not available to submissions)", name=fullname)
            if (fullname.partition(".")[0] in _STUB_ROOTS
                    or fullname.startswith(_STUB_PREFIXES)
                    or (fullname == "google" and importlib.machinery.PathFinder.find_spec("google") is None)):
                return importlib.util.spec_from_loader(fullname, self, is_package=True)
            return None

        def create_module(self, spec):
            module = StubModule(spec.name)
            module.__path__ = []
            module.__all__ = []
            return module

        def exec_module(self, module) -> None:
            pass

    for name in list(sys.modules):
        if name.partition(".")[0] in _STUB_ROOTS:
            del sys.modules[name]
    sys.meta_path.insert(0, StubFinder())
    # `site` (skipped by -S) would define exit() and quit(); scripts call them.
    def _quit(code: Any = None) -> None:
        raise SystemExit(code)

    for name in ("exit", "quit"):
        if not hasattr(builtins, name):
            setattr(builtins, name, _quit)
    # Scripts exported from notebooks call these without importing them.
    if not hasattr(builtins, "get_ipython"):
        builtins.get_ipython = _Stub
    if not hasattr(builtins, "display"):
        builtins.display = lambda *args, **kwargs: None
