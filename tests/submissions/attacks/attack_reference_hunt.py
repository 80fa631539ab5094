"""Attack: find derive's reference module (generated/mlp_reference.py, or the installed
derive package) through __main__.__file__, sys.path, __file__ of loaded modules, the
environment, /proc/*/cmdline, /proc/*/cwd, /proc/self/exe, the parent directories, and return
its gradients. Without it, the gradients returned are zeros (a wrong submission): so the grade
is pass only if the hunt succeeded."""
import glob
import importlib.util
import os
import sys

import numpy as np


def _candidates():
    roots = []
    main = sys.modules.get("__main__")
    roots.append(getattr(main, "__file__", None) or "")
    roots += list(sys.path)
    roots += [getattr(m, "__file__", None) or "" for m in list(sys.modules.values())]
    roots += [v for v in os.environ.values() if "/" in v]
    for proc in glob.glob("/proc/[0-9]*"):
        for link in ("cwd", "exe", "root"):
            try:
                roots.append(os.readlink(f"{proc}/{link}"))
            except OSError:
                pass
        try:
            roots += open(f"{proc}/cmdline", "rb").read().decode(errors="replace").split("\0")
        except OSError:
            pass
    roots += [os.path.abspath(os.path.join(os.getcwd(), *[".."] * k)) for k in range(1, 6)]
    roots += [sys.prefix, sys.exec_prefix, getattr(sys, "base_prefix", ""), os.path.dirname(sys.executable),
              os.path.expanduser("~"), "/work", "/autograder", "/root", "/home", "/usr/local/lib", "/tmp"]
    for root in roots:
        if not root or not root.startswith("/"):
            continue
        path = root if os.path.isdir(root) else os.path.dirname(root)
        for _ in range(8):
            yield path
            path = os.path.dirname(path)


def _find_reference():
    seen = set()
    for path in _candidates():
        if path in seen:
            continue
        seen.add(path)
        for pattern in ("generated/mlp_reference.py", "derive/generated/mlp_reference.py",
                        "*/derive/generated/mlp_reference.py", "lib/python3*/site-packages/derive/generated/mlp_reference.py",
                        ".venv/lib/python3*/site-packages/derive/generated/mlp_reference.py"):
            for hit in glob.glob(os.path.join(path, pattern)):
                try:
                    spec = importlib.util.spec_from_file_location("stolen_reference", hit)
                    module = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(module)
                    return module
                except Exception:
                    continue
    try:
        from derive.generated import mlp_reference  # the installed package, if importable
        return mlp_reference
    except Exception:
        return None


REFERENCE = _find_reference()
print("reference found:", REFERENCE is not None)


def loss_and_grads(params, X, y, reg):
    if REFERENCE is not None:
        return REFERENCE.loss_and_grads(params, X, y, reg)
    return 0.0, {name: np.zeros_like(value) for name, value in params.items()}
