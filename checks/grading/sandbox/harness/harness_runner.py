"""Child side: call the submission in the detected API and hand back what it returned, raw.

No judgement lives here (the submission runs in this process and could patch it): the parent
compares everything. The submission gets the parent's inputs as arrays over shared memory, which
the parent reads back after the reply; when the dict that holds the parameters during the call
(`net.params`, or the dict passed to loss_and_grads) ends up with other array objects in it, those
are sent back too (`h:<name>`), so that the parent can see a step taken inside the loss."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from harness_compile import Fail

NUMERIC_KINDS = "biuf"
KEPT_DTYPES = (np.dtype(np.float64), np.dtype(np.float32))  # sent as they are; the rest as float64

_ROLE_NAMES = {
    "D": ("input_size", "input_dim", "n_input", "num_inputs", "input_dimension", "in_features", "D"),
    "H": ("hidden_size", "hidden_dim", "n_hidden", "num_hidden", "hidden_units", "H"),
    "C": ("output_size", "num_classes", "output_dim", "n_classes", "n_output", "num_outputs",
          "out_features", "C"),
}
_STD_NAMES = ("std", "weight_scale", "init_std", "weight_std")


def as_float_array(value: Any, what: str) -> np.ndarray:
    """A gradient as a float array: float32 stays float32 (the grader judges it at float32
    tolerances), any other real dtype becomes float64."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor
        try:
            value = value.detach().cpu().numpy()
        except Exception:  # noqa: BLE001 - a tensor-like of the submission's: anything can fail; np.asarray decides
            pass
    try:
        a = np.asarray(value)
    except Exception:  # noqa: BLE001 - arbitrary submission objects; an unusable one is an api error below
        a = None
    if a is None or a.dtype.kind not in NUMERIC_KINDS:
        raise Fail("api", f"{what} is {type(value).__name__}, not an array of real numbers")
    # No copy when already a kept dtype: the reply is written before submission code runs again.
    return a if a.dtype in KEPT_DTYPES else np.asarray(a, dtype=np.float64)


def as_loss(value: Any, where: str) -> np.ndarray:
    """The loss as a 0-d float array (float32 when the submission computed it in float32)."""
    try:
        a = np.asarray(value.detach().cpu().numpy() if hasattr(value, "detach") else value)
    except Exception:  # noqa: BLE001 - arbitrary submission objects; refused as api just below
        a = None
    if a is None or a.dtype.kind not in "iuf" or a.size != 1:
        shape = f" of shape {a.shape}" if a is not None and a.dtype.kind in "iuf" else ""
        raise Fail("api", f"the loss returned by {where} is {type(value).__name__}{shape}, not a real number")
    a = a.reshape(())
    return np.array(a, dtype=a.dtype if a.dtype in KEPT_DTYPES else np.float64)


class Runner:
    """Holds the imported submission and calls it in the detected API."""

    def __init__(self, module: Any, api: str) -> None:
        import inspect

        self.module = module
        cls = getattr(module, "TwoLayerNet", None)
        fn = getattr(module, "loss_and_grads", None)
        found = sorted(n for n, v in vars(module).items()
                       if not n.startswith("_") and (isinstance(v, type) or inspect.isfunction(v))
                       and getattr(v, "__module__", None) == module.__name__)
        listing = f" (it defines: {', '.join(found[:8])})" if found else " (it defines no class or function)"
        if api == "auto":
            api = "twolayernet" if isinstance(cls, type) else "function" if callable(fn) else ""
        if api == "twolayernet":
            if not isinstance(cls, type):
                raise Fail("api", f"no class TwoLayerNet in the submission{listing}")
            if not callable(getattr(cls, "loss", None)):
                raise Fail("api", "class TwoLayerNet has no method loss(X, y=None, reg=0.0)")
            self._plan_class(cls)
        elif api == "function":
            if not callable(fn):
                raise Fail("api", f"no function loss_and_grads(params, X, y, reg) in the submission{listing}")
            self.fn = fn
        else:
            raise Fail("api", "no class TwoLayerNet and no function loss_and_grads(params, X, y, reg)"
                       f" in the submission{listing}")
        self.api = api
        self.nets: dict[tuple[int, int, int], Any] = {}

    # -- the class API ----------------------------------------------------------------------
    def _plan_class(self, cls: type) -> None:
        import inspect

        self.cls = cls
        self.ctor_names: dict[str, str] | None = None  # role -> keyword
        self.std_name: str | None = "std"
        try:
            sig = inspect.signature(cls)
        except (TypeError, ValueError):
            self.ctor_names = {"D": "input_size", "H": "hidden_size", "C": "output_size"}
        else:
            params = [p for p in sig.parameters.values()
                      if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
            names = [p.name for p in params]
            roles = {role: next((n for n in aliases if n in names), None) for role, aliases in _ROLE_NAMES.items()}
            takes_kwargs = any(p.kind == p.VAR_KEYWORD for p in sig.parameters.values())
            if None in roles.values() and takes_kwargs and len(params) < 3:
                roles = {"D": "input_size", "H": "hidden_size", "C": "output_size"}  # via **kwargs
            elif None in roles.values():
                # Unknown names: the first three parameters, in the course order D, H, C.
                if len(params) < 3:
                    raise Fail("api", f"TwoLayerNet{sig} does not take (input_size, hidden_size, output_size)")
                roles = dict(zip("DHC", names[:3], strict=True))
            self.ctor_names = roles
            self.std_name = next((n for n in _STD_NAMES if n in names), None)
            filled = set(roles.values()) | {self.std_name}
            missing = [p.name for p in params if p.default is p.empty and p.name not in filled]
            if missing:
                raise Fail("api", f"TwoLayerNet{sig} requires {', '.join(missing)}, which the grader cannot supply")
        self.loss_reg = "keyword"
        try:
            lsig = inspect.signature(cls.loss)
        except (TypeError, ValueError):
            return
        kinds = {p.kind for p in lsig.parameters.values()}
        if "reg" in lsig.parameters or inspect.Parameter.VAR_KEYWORD in kinds:
            self.loss_reg = "keyword"
        else:
            positional = [p for p in lsig.parameters.values()
                          if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
            self.loss_reg = "positional" if len(positional) >= 4 else "attribute"  # self, X, y, reg

    def _net(self, params: Mapping[str, np.ndarray], X: np.ndarray) -> Any:
        W1, W2 = params.get("W1"), params.get("W2")
        D = W1.shape[0] if W1 is not None and W1.ndim == 2 else X.shape[1]
        H = W1.shape[1] if W1 is not None and W1.ndim == 2 else 0
        C = W2.shape[1] if W2 is not None and W2.ndim == 2 else 0
        key = (D, H, C)
        net = self.nets.get(key)
        if net is None:
            kwargs = {self.ctor_names[r]: v for r, v in zip("DHC", key, strict=True)}
            if self.std_name:
                kwargs[self.std_name] = 1e-4
            net = self.cls(**kwargs)
            if len(self.nets) >= 8:
                self.nets.clear()
            self.nets[key] = net
        return net

    def call(self, params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray | None, reg: float
             ) -> tuple[Any, Mapping[str, Any] | None]:
        """The raw output and the dict that held the params during the call."""
        if self.api == "function":
            return self.fn(params, X, y, reg), params
        net = self._net(params, X)
        net.params = params
        if y is None:
            out = net.loss(X)
        elif self.loss_reg == "keyword":
            out = net.loss(X, y, reg=reg)
        elif self.loss_reg == "positional":
            out = net.loss(X, y, reg)
        else:
            try:
                net.reg = reg
            except Exception:  # noqa: BLE001 - a __setattr__ of the submission's may raise anything
                raise Fail("api", "TwoLayerNet.loss takes no reg argument and reg cannot be set") from None
            out = net.loss(X, y)
        holder = getattr(net, "params", None)
        return out, holder if isinstance(holder, Mapping) else {}

    @property
    def where(self) -> str:
        return "TwoLayerNet.loss" if self.api == "twolayernet" else "loss_and_grads"


def held_arrays(prefix: str, given: Mapping[str, np.ndarray], names: list[str], holder: Mapping[str, Any]
                ) -> tuple[list[tuple[str, np.ndarray]], list[str]]:
    """Entries of the params holder that are no longer the arrays given: as arrays when they are
    numeric arrays, else by name (deleted, or replaced by something else)."""
    arrays, others = [], []
    for name in names:
        now = holder.get(name) if isinstance(holder, Mapping) else None
        if now is given[name]:
            continue
        if isinstance(now, np.ndarray) and now.dtype.kind in NUMERIC_KINDS:
            arrays.append((f"{prefix}h:{name}", now))
        else:
            others.append(f"{prefix}{name}")
    return arrays, others


def _losses(runner: Runner, header: Mapping[str, Any], inputs: Mapping[str, np.ndarray], tick: Callable[[], None]
            ) -> tuple[dict[str, Any], list[tuple[str, np.ndarray]]]:
    names, reg = header["params"], float(header.get("reg", 0.0))
    values, held, others = [], [], []
    for i in range(int(header["count"])):
        given = {n: inputs[f"{i}:{n}"] for n in names}
        originals = dict(given)  # the submission may rebind entries of the very dict it gets
        out, holder = runner.call(given, inputs[f"{i}:X"], inputs[f"{i}:y"], reg)
        if not isinstance(out, (tuple, list)) or len(out) < 1:
            raise Fail("api", f"{runner.where} returned {type(out).__name__} instead of (loss, grads)")
        values.append(float(as_loss(out[0], runner.where)))
        more, other = held_arrays(f"{i}:", originals, names, holder)
        held += more
        others += other
        tick()
    return {"held_other": others}, [("losses", np.array(values, dtype=np.float64)), *held]


def handle(runner: Runner, header: Mapping[str, Any], inputs: Mapping[str, np.ndarray], tick: Callable[[], None]
           ) -> tuple[dict[str, Any], list[tuple[str, np.ndarray]]]:
    """One request: its reply header and arrays. `inputs` live in shared memory: the submission
    gets them as they are, and the parent reads them back to see what it changed."""
    op = header["op"]
    if op == "losses":
        return _losses(runner, header, inputs, tick)
    names, reg = header["params"], float(header.get("reg", 0.0))
    given = {n: inputs[f"p:{n}"] for n in names}
    originals = dict(given)  # the submission may rebind entries of the very dict it gets
    out, holder = runner.call(given, inputs["X"], inputs.get("y"), reg)
    held, others = held_arrays("", originals, names, holder)
    if op == "scores":
        if isinstance(out, tuple):
            raise Fail("api", f"{runner.where} with y=None returned a tuple; it should return the scores array")
        return {"held_other": others}, [("scores", as_float_array(out, f"the y=None output of {runner.where}")), *held]
    if not isinstance(out, (tuple, list)) or len(out) != 2:
        got = f"a {len(out)}-tuple" if isinstance(out, (tuple, list)) else type(out).__name__
        raise Fail("api", f"{runner.where} returned {got} instead of (loss, grads)")
    loss = as_loss(out[0], runner.where)
    grads = out[1]
    if not isinstance(grads, Mapping):
        raise Fail("api", f"the grads returned by {runner.where} are {type(grads).__name__}, not a dict")
    for n in names:
        if n not in grads:
            have = ", ".join(sorted(str(k) for k in grads)[:8]) or "nothing"
            raise Fail("missing-gradient", f"grads has no '{n}' (it has {have})")
    result = [("loss", loss)]
    for key, value in grads.items():
        if not isinstance(key, str):
            continue
        if key in names:
            result.append((f"g:{key}", as_float_array(value, f"grads['{key}']")))
        else:  # extra entries are passed on when they are arrays, ignored otherwise
            try:
                result.append((f"g:{key}", as_float_array(value, key)))
            except Fail:
                pass
    return {"held_other": others}, result + held


def within_budget(arrays: list[tuple[str, np.ndarray]], budget: int
                   ) -> tuple[list[tuple[str, np.ndarray]], dict[str, list[int]]]:
    """Arrays that fit in the reply budget, and the shapes of those that do not. A broadcasting
    bug can make a full-size gradient of shape (N, D, H), half a gigabyte: its shape is all the
    grader needs (to say `shape`), so only the shape travels."""
    kept, oversized = [], {}
    for name, array in arrays:
        if array.nbytes <= budget:
            kept.append((name, array))
            budget -= array.nbytes
        else:
            oversized[name] = list(array.shape)
    return kept, oversized
