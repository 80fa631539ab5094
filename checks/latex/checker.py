r"""Check a written derivation step by step.

Each equation found by :mod:`derive.checks.latex.extract` is split at its top-level relation signs
into terms; each adjacent pair joined by ``=`` is a step, and each ``X \in \mathbb{R}^{…}`` a
membership claim checked against the notation's shapes. Every equality step gets exactly one
verdict:

- ``ok``: proved by :func:`derive.checks.proof.symbolic.prove_equal`, or, where proof is inconclusive,
  confirmed by numeric sampling (:func:`derive.checks.proof.numeric.sample_compare`; the message then says
  "sampled");
- ``wrong``: a concrete point where the sides differ, re-evaluated at 50 digits here, with
  both values real, and still differing at two nearby points (so a disagreement that exists
  only at a kink, where conventions differ, is never called wrong), and both sides using the
  same symbols (a step that introduces or drops a symbol may be a definition);
- ``unparsed``: what could not be read (see :mod:`derive.checks.latex.normalize`);
- ``inconclusive``: neither, or over the time limit.

Parsing and checking run in a worker process with a time limit per step (SymPy's arithmetic
can hang in C on inputs such as ``9^{9^{9^{9}}}``, where ``signal.alarm`` does not help); a
worker over its limit is killed and replaced.
"""

from __future__ import annotations

import multiprocessing as mp
import re
import time
from dataclasses import dataclass, field
from typing import Any

from derive.checks.latex.extract import RELATIONS, Equation, extract
from derive.checks.latex.normalize import Normalized, Notation, identifier_name, normalize

__all__ = ["Step", "StepResult", "Report", "split_chain", "find_steps", "check_text", "StepRunner", "check_step"]

Status = str  # "ok" | "wrong" | "unparsed" | "inconclusive"
STATUSES = ("ok", "wrong", "unparsed", "inconclusive")


# --------------------------------------------------------------------------- chains


@dataclass(frozen=True)
class Term:
    line: int
    text: str


@dataclass(frozen=True)
class Step:
    """Two adjacent terms of a chain joined by a relation (``=`` or ``\\in``)."""

    line: int
    lhs: str
    rhs: str
    relation: str
    kind: str  # "display" | "inline"
    chain_var: str | None = None


_REL_COMMANDS = {r[1:] for r in RELATIONS if r.startswith("\\")}


def split_chain(equation: Equation) -> list[list[tuple[Term, str]]]:
    """The chains of an equation: lists of (term, relation to the next term).

    An equation holds several chains when its terms are separated by top-level commas or
    ``\\text{ and }`` (``a \\in A, b \\in B``); thousands separators (1,572,864) are kept."""
    chains: list[list[tuple[Term, str]]] = [[]]
    current: list[str] = []
    current_line = equation.line

    def close_term(relation: str) -> None:
        nonlocal current
        chains[-1].append((Term(current_line, "".join(current).strip()), relation))
        current = []

    for piece in equation.pieces:
        toks = re.findall(r"\\[A-Za-z]+\*?|\\.|\d+|\s+|.", piece.text, flags=re.S)
        depth = 0
        k = 0
        if not "".join(current).strip():
            current_line = piece.line
        while k < len(toks):
            t = toks[k]
            # \left( and \right) count through their delimiter tokens.
            if t in ("{", "(", "[", r"\{", r"\langle", r"\begin"):
                depth += 1
            elif t in ("}", ")", "]", r"\}", r"\rangle", r"\end"):
                depth = max(0, depth - 1)
            elif depth == 0:
                rel = None
                if t in ("=", "<", ">"):
                    rel = t
                    if t == "=" and k + 1 < len(toks) and toks[k + 1] == ":":
                        rel = "=:"
                        k += 1
                elif t == ":" and k + 1 < len(toks) and toks[k + 1] == "=":
                    rel = ":="
                    k += 1
                elif t.startswith("\\") and t[1:] in _REL_COMMANDS:
                    rel = t
                if rel is not None:
                    close_term(rel)
                    current_line = piece.line
                    k += 1
                    continue
                if t == "," and not _thousands(toks, k) or _text_and(toks, k):
                    close_term("")
                    chains.append([])
                    k = _skip_text_and(toks, k)
                    current_line = piece.line
                    continue
            current.append(t)
            k += 1
    close_term("")
    return [c for c in chains if len(c) >= 2]


def _thousands(toks: list[str], k: int) -> bool:
    return k > 0 and toks[k - 1].isdigit() and k + 1 < len(toks) and re.fullmatch(r"\d{3}", toks[k + 1]) is not None


def _text_and(toks: list[str], k: int) -> bool:
    if toks[k] not in (r"\text", r"\quad", r"\qquad", r"\mbox"):
        return False
    rest = "".join(toks[k : k + 12])
    return re.match(r"(\\q?quad\s*)?\\(text|mbox)\{\s*(and|where|for|with|,)\s*\}", rest) is not None


def _skip_text_and(toks: list[str], k: int) -> int:
    if toks[k] == ",":
        return k + 1
    # skip up to and including the closing brace of \text{…}
    while k < len(toks) and toks[k] != "}":
        k += 1
    return k + 1


def find_steps(text: str, notation: Notation, *, markdown: bool | None = None) -> list[Step]:
    """Every step of a document, in order."""
    steps: list[Step] = []
    for equation in extract(text, markdown=markdown):
        for chain in split_chain(equation):
            var = _chain_variable([term.text for term, _ in chain], notation)
            for (left, relation), (right, _) in zip(chain, chain[1:]):
                if not left.text or not right.text:
                    continue
                if relation == "=" and equation.kind == "display":
                    steps.append(Step(right.line, left.text, right.text, "=", equation.kind, var))
                elif relation == r"\in" and _is_real_space(right.text):
                    steps.append(Step(right.line, left.text, right.text, r"\in", equation.kind, var))
    return steps


def _chain_variable(terms: list[str], notation: Notation) -> str | None:
    """The variable a chain is about: its d/dx variable, else its only symbol."""
    diff_vars: set[str] = set()
    names: set[str] = set()
    bare: set[str] = set()
    calls: list[tuple[str, str]] = []
    for text in terms:
        norm = normalize(text, notation)
        diff_vars.update(norm.diff_vars)
        bare.update(norm.bare)
        calls += norm.calls
        if not norm.problems:
            names |= norm.symbol_names
    var = None
    if len(diff_vars) == 1:
        var = next(iter(diff_vars))
    elif not diff_vars and len(names) == 1:
        var = next(iter(names))
    if var is None:
        return None
    # σ alone means σ(x) only if the chain never applies σ to anything but x: in
    # "d/dx σ(wx + b) = σ(1 − σ) w" the bare σ is σ(wx + b), and guessing σ(x) would be
    # a false alarm.
    named = {(function, _as_name(argument, notation)) for function, argument in calls}
    for function, argument in named:
        if function in bare and argument != var:
            return None
    # Without a d/dx, the chain must also apply each bare function to x explicitly
    # somewhere ("σ(x)(1 − σ(x)) = σ(1 − σ)"); "σ = α" is not read as σ(α) = α.
    if not diff_vars and any((function, var) not in named for function in bare):
        return None
    return var


def _as_name(text: str, notation: Notation) -> str | None:
    try:
        return identifier_name(text, notation=notation)
    except Exception:  # noqa: BLE001 - not a plain name
        return None


# --------------------------------------------------------------------------- shapes

_REAL_SPACE = re.compile(r"^\s*\\mathbb\s*\{?\s*R\s*\}?\s*(\^\s*(\{(?P<braced>.*)\}|(?P<single>\\?[A-Za-z0-9]+)))?\s*$", re.S)


def _is_real_space(text: str) -> bool:
    return _REAL_SPACE.match(text) is not None


def _space_dims(text: str) -> tuple[str, ...] | None:
    m = _REAL_SPACE.match(text)
    if m is None:
        return None
    body = m.group("braced") if m.group("braced") is not None else m.group("single")
    if body is None:
        return ()
    parts = re.split(r"\\times|\\cdot|\\!|\*|(?<![A-Za-z\\])x(?![A-Za-z])", body)
    return tuple(re.sub(r"\s+|[{}]|\\mathrm|\\text", "", p) for p in parts)


def _lhs_shape(text: str, notation: Notation) -> tuple[str, tuple[str, ...]] | None:
    """(what, shape) for a declared name or ∂(scalar)/∂(declared name)."""
    stripped = text.strip()
    m = re.fullmatch(r"\\[dt]?frac\s*\{\s*\\partial\s*(?P<num>.+?)\s*\}\s*\{\s*\\partial\s*(?P<den>.+)\}", stripped, flags=re.S)
    try:
        if m is not None:
            num = identifier_name(m.group("num"), notation=notation)
            den = identifier_name(m.group("den"), notation=notation)
            if num in notation.scalars and den in notation.shapes:
                return f"∂{num}/∂{den} (shaped like {den})", notation.shapes[den]
            return None
        name = identifier_name(stripped, notation=notation)
    except Exception:  # noqa: BLE001 - anything not a plain name has no declared shape
        return None
    if name in notation.shapes:
        return name, notation.shapes[name]
    return None


def _same_shape(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    def canon(s: tuple[str, ...]) -> tuple[str, ...]:
        return s[:-1] if len(s) == 2 and s[1] == "1" else s

    return canon(a) == canon(b)


def check_membership(step: Step, notation: Notation) -> StepResult | None:
    """Shape check of ``X \\in \\mathbb{R}^{a \\times b}``; None when X has no declared shape."""
    claimed = _space_dims(step.rhs)
    found = _lhs_shape(step.lhs, notation)
    if claimed is None or found is None:
        if step.kind == "display" and claimed is not None:
            return StepResult(step, "inconclusive", None, "no shape declared for the left side in the notation")
        return None
    what, actual = found
    if _same_shape(actual, claimed):
        return StepResult(step, "ok", None, f"shape {_show_shape(actual)} as declared in the notation", method="shape")
    known = {d for dims in notation.shapes.values() for d in dims}
    if not all(d in known or d.isdigit() for d in claimed):
        return StepResult(step, "inconclusive", None, f"unknown size in {_show_shape(claimed)}")
    names = sorted({d for d in actual + claimed if not d.isdigit()})
    sizes = {n: 2 + k for k, n in enumerate(names)}

    def value(dims: tuple[str, ...]) -> tuple[int, ...]:
        return tuple(int(d) if d.isdigit() else sizes[d] for d in dims)

    if value(actual) == value(claimed) or len(value(actual)) == len(value(claimed)) == 0:
        return StepResult(step, "inconclusive", None, "shapes differ only by name")
    cex = {
        "point": {n: str(v) for n, v in sizes.items()},
        "lhs": f"{what}: {_show_shape(actual)} = {'×'.join(map(str, value(actual)))}",
        "rhs": f"claimed {_show_shape(claimed)} = {'×'.join(map(str, value(claimed)))}",
        "where": "shape",
    }
    return StepResult(step, "wrong", cex, f"{what} is {_show_shape(actual)}, not {_show_shape(claimed)}", method="shape")


def _show_shape(dims: tuple[str, ...]) -> str:
    return "scalar" if not dims else "×".join(dims)


# --------------------------------------------------------------------------- results


@dataclass
class StepResult:
    step: Step
    status: Status
    counterexample: dict[str, Any] | None
    message: str
    method: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.step.line,
            "lhs": self.step.lhs,
            "rhs": self.step.rhs,
            "status": self.status,
            "counterexample": self.counterexample,
            "message": self.message,
        }


@dataclass
class Report:
    file: str
    results: list[StepResult] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for r in self.results:
            counts[r.status] += 1
        return counts

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "steps": [r.as_dict() for r in self.results], "summary": self.summary()}


# --------------------------------------------------------------------------- the worker


def _serve(conn: Any) -> None:  # pragma: no cover - runs in the worker process
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        try:
            result = check_step(*job)
        except BaseException as exc:  # noqa: BLE001 - a verdict, never a crash
            result = {"status": "inconclusive", "counterexample": None, "message": f"checker error: {type(exc).__name__}: {exc}"[:300], "method": "error"}
        try:
            conn.send(result)
        except Exception:  # noqa: BLE001
            conn.send({"status": "inconclusive", "counterexample": None, "message": "result could not be returned", "method": "error"})


class StepRunner:
    """One worker process, reused across steps; killed and replaced on a timeout."""

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        methods = mp.get_all_start_methods()
        self._ctx = mp.get_context("fork" if "fork" in methods else "spawn")
        self._proc: Any = None
        self._conn: Any = None

    def _start(self) -> None:
        parent, child = self._ctx.Pipe()
        self._proc = self._ctx.Process(target=_serve, args=(child,), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def _stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.join(1)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(1)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def run(self, job: tuple) -> dict[str, Any]:
        if self._proc is None or not self._proc.is_alive():
            self._stop()
            self._start()
        try:
            self._conn.send(job)
            if self._conn.poll(self.timeout):
                return self._conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._stop()
            return {"status": "inconclusive", "counterexample": None, "message": "the checker process failed on this step", "method": "crash"}
        self._stop()
        return {"status": "inconclusive", "counterexample": None, "message": f"over the time limit ({self.timeout:g} s)", "method": "timeout"}

    def close(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            try:
                self._conn.send(None)
                self._proc.join(1)
            except (OSError, BrokenPipeError):
                pass
        self._stop()

    def __enter__(self) -> StepRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_text(text: str, notation: Notation, *, file: str = "<text>", timeout: float = 10.0, markdown: bool | None = None, examples: int = 60, seed: int = 0, runner: StepRunner | None = None) -> Report:
    """Check every step of a document."""
    start = time.perf_counter()
    report = Report(file)
    own = runner is None
    runner = runner or StepRunner(timeout)
    try:
        for step in find_steps(text, notation, markdown=markdown):
            t0 = time.perf_counter()
            if step.relation == r"\in":
                result = check_membership(step, notation)
                # Inline math is read for decisive shape claims only (it is full of
                # definitions and sets that are not derivation steps).
                if result is None or (step.kind == "inline" and result.status not in ("ok", "wrong")):
                    continue
            else:
                lhs = normalize(step.lhs, notation, step.chain_var)
                rhs = normalize(step.rhs, notation, step.chain_var)
                problems = [f"left side: {p}" for p in lhs.problems] + [f"right side: {p}" for p in rhs.problems]
                if problems:
                    result = StepResult(step, "unparsed", None, "could not read " + "; ".join(problems), method="normalize")
                else:
                    out = runner.run((lhs, rhs, seed, examples))
                    result = StepResult(step, out["status"], out.get("counterexample"), out.get("message", ""), out.get("method", ""))
            result.seconds = time.perf_counter() - t0
            report.results.append(result)
    finally:
        if own:
            runner.close()
    report.seconds = time.perf_counter() - start
    return report


# --------------------------------------------------------------------------- one step (worker side)


class Unparsed(Exception):
    pass


def _split_name(name: str) -> tuple[str, str, str] | None:
    """(base, subscript, label) of a canonical name such as ``o_{k}^{a}``."""
    m = re.fullmatch(r"(?P<base>\\?[A-Za-z]+(?:\{[A-Za-z]\})?)(?:_\{(?P<sub>[^{}]*)\})?(?:\^\{(?P<label>[^{}]*)\})?", name)
    if m is None:
        return None
    return m.group("base"), m.group("sub") or "", m.group("label") or ""


def _family(name: str) -> tuple[str, str] | None:
    parts = _split_name(name)
    return (parts[0], parts[2]) if parts and parts[1] else None


def _instantiate(name: str, env: dict[str, int]) -> str | None:
    """``o_{k}^{a}`` with k = 2 → ``o_{2}^{a}``; subscripts like ``kj`` or ``k,j`` → ``12``."""
    if not env:
        return name
    parts = _split_name(name)
    if parts is None or not parts[1]:
        return name
    base, sub, label = parts
    chars = [c for c in sub if c != ","]
    if not all(re.fullmatch(r"[A-Za-z0-9]", c) for c in chars) or not any(c in env for c in chars):
        return name
    new_sub = "".join(str(env[c]) if c in env else c for c in chars)
    return base + f"_{{{new_sub}}}" + (f"^{{{label}}}" if label else "")


def _index_letters(norms: list[Normalized]) -> tuple[set[str], list[str]]:
    """(letters bound by a sum, free index letters): a letter is an index when it appears in
    the subscript of a family (base + label) that some sum runs over; a free one (k, y in
    ∂/∂o_k(−o_y + log Σ_j e^{o_j})) is instantiated too."""
    bound = {index for norm in norms for index, _, _ in norm.sums.values()}
    names = {name for norm in norms for kind, name in norm.symbols.values() if kind == "symbol"}
    names |= {v for norm in norms for v in norm.derivatives.values()}
    summed_families = set()
    for name in names:
        parts = _split_name(name)
        if parts and parts[1] and any(c in bound for c in parts[1]):
            summed_families.add((parts[0], parts[2]))
    # Free: letters of those families' subscripts in names used outside every sum (a letter
    # only ever bound by its sum is not instantiated), and in derivative variables.
    outside = {name for norm in norms for name in norm.outside} | {v for norm in norms for v in norm.derivatives.values()}
    letters: set[str] = set()
    for name in outside:
        parts = _split_name(name)
        if parts and (parts[0], parts[2]) in summed_families:
            letters |= {c for c in parts[1] if c.isalpha()}
    return bound, sorted(letters)


def check_step(lhs_norm: Normalized, rhs_norm: Normalized, seed: int = 0, examples: int = 60) -> dict[str, Any]:
    """Parse both sides and decide the step. Runs inside the worker process."""
    if lhs_norm.sums or rhs_norm.sums:
        return _check_indexed(lhs_norm, rhs_norm, seed, examples)
    try:
        lhs = to_sympy(lhs_norm)
        rhs = to_sympy(rhs_norm)
    except Unparsed as exc:
        return {"status": "unparsed", "counterexample": None, "message": f"could not read {exc}", "method": "parse"}
    matrices = sorted(set(lhs_norm.matrices) | set(rhs_norm.matrices))
    units = {n for n, d in {**lhs_norm.domains, **rhs_norm.domains}.items() if d == "unit"}
    return decide(lhs, rhs, matrices=matrices, seed=seed, examples=examples, units=units)


#: Sizes at which a step with sums is expanded, every free index taking every value.
INDEX_SIZES = (2, 3)


def _check_indexed(lhs_norm: Normalized, rhs_norm: Normalized, seed: int, examples: int) -> dict[str, Any]:
    """A step with Σ: expanded at sizes 2 and 3 with every value of its free indices. ok only
    if ok in every instance (said so: not a proof for all sizes); wrong if one instance has a
    verified counterexample (reported with its size and index values)."""
    import itertools

    _, free = _index_letters([lhs_norm, rhs_norm])
    if len(free) > 3:
        return {"status": "unparsed", "counterexample": None, "message": f"could not read a step with {len(free)} free indices", "method": "parse"}
    matrices = sorted(set(lhs_norm.matrices) | set(rhs_norm.matrices))
    units = {n for n, d in {**lhs_norm.domains, **rhs_norm.domains}.items() if d == "unit"}
    size_names = sorted({u for norm in (lhs_norm, rhs_norm) for _, _, u in norm.sums.values() if not u.isdigit()}) or []
    open_sizes = [n or "size" for n in size_names]
    sizes = (INDEX_SIZES if len(free) < 3 else INDEX_SIZES[:1]) if (size_names or free) else (3,)
    first_other = None
    for size in sizes:
        for values in itertools.product(range(1, size + 1), repeat=len(free)):
            env = dict(zip(free, values))
            try:
                lhs = to_sympy(lhs_norm, env, size)
                rhs = to_sympy(rhs_norm, env, size)
            except Unparsed as exc:
                return {"status": "unparsed", "counterexample": None, "message": f"could not read {exc}", "method": "parse"}
            where = ", ".join([f"{n} = {size}" for n in open_sizes] + [f"{k} = {v}" for k, v in env.items()]) or "the sums expanded"
            out = decide(lhs, rhs, matrices=matrices, seed=seed, examples=examples, units=units)
            if out["status"] == "wrong":
                cex = dict(out["counterexample"])
                cex["where"] = where
                out["counterexample"] = cex
                out["message"] = f"with {where}: {out['message']}"
                return out
            if out["status"] != "ok" and first_other is None:
                first_other = {**out, "message": f"with {where}: {out['message']}"}
    if first_other is not None:
        return first_other
    if not open_sizes and not free:
        return {"status": "ok", "counterexample": None, "message": "sums expanded term by term (their bounds are numbers)", "method": "expanded"}
    indices = f" every value of {', '.join(free)}" if free else ""
    checked = ", ".join(map(str, sizes))
    over = " and ".join(f"{n} = {checked}" for n in open_sizes) or f"sizes {checked}"
    return {"status": "ok", "counterexample": None, "message": f"sums expanded: ok for {over}{' and' if indices else ''}{indices} (sampled sizes, not a proof for every size)", "method": "expanded"}


#: "subset" (our reader of the normaliser's output) or "parse_latex" (SymPy's, 25× slower).
PARSER = "subset"
_PLACEHOLDER = re.compile(r"([vfghps])_\{(\d+)\}")
#: Numbers above this (as an integer power) are not built: 9^{9^{9}} would fill memory.
_MAX_EXPONENT = 10_000


def _functions() -> dict[str, Any]:
    import sympy as sp

    from derive.functions import leaky_relu, relu, sigmoid, softplus, step

    return {
        "sigmoid": sigmoid, "softplus": softplus, "relu": relu, "step": step, "tanh": sp.tanh,
        "sinh": sp.sinh, "cosh": sp.cosh, "exp": sp.exp, "log": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs,
        "sign": sp.sign, "heaviside": step, "leaky_relu": leaky_relu, "max": sp.Max, "min": sp.Min,
        "sin": sp.sin, "cos": sp.cos,
    }


def _make_symbol(name: str, domain: str) -> Any:
    import sympy as sp

    if domain in ("positive", "unit"):
        return sp.Symbol(name, positive=True)
    if domain == "nonzero":
        return sp.Symbol(name, real=True, nonzero=True)
    return sp.Symbol(name, real=True)


def to_sympy(norm: Normalized, env: dict[str, int] | None = None, size: int | None = None) -> Any:
    """The SymPy expression of a normalised side. Raises Unparsed with what was not read:
    every symbol of the parse must be one of the normaliser's placeholders, so letters that
    ``parse_latex`` makes out of stray LaTeX (``mathbf``, ``text`` …) are caught here."""
    import sympy as sp
    from sympy.core.function import AppliedUndef
    from sympy.parsing.latex import parse_latex

    from derive.checks.latex.subset_parser import parse_subset

    if norm.problems:
        raise Unparsed("; ".join(norm.problems))
    try:
        tree = parse_subset(norm.latex) if PARSER == "subset" else parse_latex(norm.latex)
    except Exception as exc:  # noqa: BLE001 - LaTeXParsingError and ANTLR errors alike
        raise Unparsed(f"{norm.source!r} (parse error: {str(exc).splitlines()[0][:80]})") from None
    functions = _functions()
    # parse_latex can silently drop the rest of its input (measured: "g(\\left|x\\right|)"
    # parses as the bare symbol g): every placeholder we wrote must be in the tree.
    written = set(_PLACEHOLDER.findall(norm.latex))
    found = {_PLACEHOLDER.fullmatch(s.name).groups() for s in tree.free_symbols if _PLACEHOLDER.fullmatch(s.name)}
    found |= {_PLACEHOLDER.fullmatch(f.func.__name__).groups() for f in tree.atoms(AppliedUndef) if _PLACEHOLDER.fullmatch(f.func.__name__)}
    if written != found:
        raise Unparsed(f"{norm.source!r} (the LaTeX parser dropped part of it)")

    sizes = {upper for _, _, upper in norm.sums.values() if upper and not upper.isdigit()}

    def symbol(kind: str, name: str, env: dict[str, int]) -> Any:
        if kind == "constant":
            return sp.E if name == "E" else sp.pi
        if name in sizes and size is not None:
            return sp.Integer(size)
        if name in env:
            return sp.Integer(env[name])  # the index itself, as in \sum_{k=1}^{3} k
        renamed = _instantiate(name, env)
        if renamed is not None and renamed != name:
            kron = re.fullmatch(r"\\delta_\{(\d)(\d)\}", renamed)
            if kron:
                return sp.Integer(int(kron.group(1) == kron.group(2)))
            return _make_symbol(renamed, norm.domains.get(name, "real"))
        return _make_symbol(name, norm.domains.get(name, "real"))

    def convert(node: Any, env: dict[str, int] = env or {}) -> Any:  # noqa: B008 - read-only default
        def convert_child(child: Any) -> Any:
            return convert(child, env)

        if isinstance(node, sp.Symbol):
            m = _PLACEHOLDER.fullmatch(node.name)
            if m is None or m.group(1) != "v" or int(m.group(2)) not in norm.symbols:
                raise Unparsed(f"'{node.name}' (LaTeX the parser read as a symbol)")
            return symbol(*norm.symbols[int(m.group(2))], env)
        if isinstance(node, AppliedUndef):
            m = _PLACEHOLDER.fullmatch(node.func.__name__)
            if m is None or m.group(1) == "v":
                raise Unparsed(f"'{node.func.__name__}(…)' (an unknown function)")
            n = int(m.group(2))
            if m.group(1) == "s" and n in norm.sums and len(node.args) == 1:
                index, lower, upper = norm.sums[n]
                end = int(upper) if upper.isdigit() else size
                if end is None:
                    raise Unparsed("a sum over an index (no size to expand it at)")
                if end - lower > 12:
                    raise Unparsed("a sum with too many terms to expand")
                return sp.Add(*[convert(node.args[0], {**env, index: v}) for v in range(lower, end + 1)])
            args = [convert_child(a) for a in node.args]
            if m.group(1) == "f" and n in norm.functions:
                key, prime = norm.functions[n][:2]
                fn = functions[key]
                if prime == "1":
                    t = sp.Dummy("t", real=True)
                    return sp.diff(fn(t, *args[1:]), t).subs(t, args[0])
                return fn(*args)
            if m.group(1) == "g" and n in norm.derivatives and len(args) == 1:
                var = symbol("symbol", norm.derivatives[n], env)
                if not isinstance(var, sp.Symbol):
                    raise Unparsed("a derivative with respect to a number")
                if var not in args[0].free_symbols and not (env and _family(var.name) in {_family(str(f)) for f in args[0].free_symbols}):
                    raise Unparsed(f"a derivative with respect to {var} of something that, as written, does not contain {var} (its dependence is not stated)")
                return sp.diff(args[0], var)
            if m.group(1) == "h" and n in norm.indicators and len(args) == 1:
                return sp.Heaviside(args[0], norm.indicators[n])
            if m.group(1) == "p" and n in norm.piecewise:
                kinds = norm.piecewise[n]
                pieces, rest = [], list(args)
                for kind in kinds:
                    if kind == "otherwise":
                        pieces.append((rest.pop(0), True))
                    else:
                        value, difference = rest.pop(0), rest.pop(0)
                        pieces.append((value, difference > 0 if kind == "gt" else difference >= 0))
                if rest:
                    raise Unparsed("a cases environment read inconsistently")
                return sp.Piecewise(*pieces)
            raise Unparsed(f"'{node.func.__name__}'")
        if isinstance(node, sp.Float):
            return sp.Rational(str(node))
        if isinstance(node, sp.Rational):
            return node
        if isinstance(node, (sp.Add, sp.Mul)):
            return node.func(*[convert_child(a) for a in node.args])
        if isinstance(node, sp.Pow):
            base, exponent = convert_child(node.args[0]), convert_child(node.args[1])
            if base.is_number and exponent.is_number:
                if (exponent.is_Integer and abs(exponent) > _MAX_EXPONENT) or (base.is_Integer and abs(base) > 10**100 and exponent > 1):
                    raise Unparsed("a number too large to evaluate")
                if base == 0 and exponent.is_negative:
                    raise Unparsed("a division by zero")
            return sp.Pow(base, exponent)
        if isinstance(node, sp.log):
            args = [convert_child(a) for a in node.args]
            return sp.log(*args)
        if isinstance(node, (sp.exp, sp.tanh, sp.sinh, sp.cosh, sp.sin, sp.cos, sp.Abs, sp.sign, sp.Max, sp.Min)):
            return node.func(*[convert_child(a) for a in node.args])
        raise Unparsed(f"{type(node).__name__} (not supported)")

    try:
        expr = convert(tree)
    except RecursionError:
        raise Unparsed("an expression nested too deeply") from None
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise Unparsed("an undefined value (division by zero?)")
    if expr.has(sp.Derivative):
        raise Unparsed("a derivative SymPy could not evaluate")
    return expr


@dataclass
class _Proof:
    status: str  # proved | refuted | inconclusive
    method: str
    point: dict[str, Any] | None = None
    detail: str = ""


def _prove(lhs: Any, rhs: Any, seed: int) -> _Proof:
    """derive.checks.proof.symbolic.prove_equal, then (for cases environments) a split at the kink."""
    import sympy as sp
    from derive.checks.proof.symbolic import prove_equal

    try:
        outcome = prove_equal(lhs, rhs, seed=seed)
        proof = _Proof(outcome.status, outcome.method, outcome.counterexample.point if outcome.counterexample else None, outcome.detail)
    except Exception as exc:  # noqa: BLE001 - the prover's limits are not the student's errors
        proof = _Proof("inconclusive", "error", None, f"the prover could not handle this step ({type(exc).__name__})")
    if proof.status == "proved" or not (lhs.has(sp.Piecewise) or rhs.has(sp.Piecewise)):
        return proof
    split = _split_at_zero(lhs, rhs, seed)
    return split or proof


def _split_at_zero(lhs: Any, rhs: Any, seed: int) -> _Proof | None:
    """Conditions s > 0 / s ≥ 0 on one symbol s: prove the step for s > 0 and for s < 0
    (s = 0 is the kink, where the conventions of the two sides may differ)."""
    import sympy as sp
    from derive.checks.proof.symbolic import prove_equal

    conditions = [c for pw in (lhs.atoms(sp.Piecewise) | rhs.atoms(sp.Piecewise)) for _, c in pw.args if c is not sp.true]
    symbols = {frozenset(c.free_symbols) for c in conditions}
    if len(symbols) != 1:
        return None
    (only,) = symbols
    if len(only) != 1:
        return None
    (s,) = only
    for c in conditions:
        if not isinstance(c, (sp.StrictGreaterThan, sp.GreaterThan)) or c.rhs != 0 or c.lhs != s:
            return None
    t = sp.Dummy(str(s) + "_pos", positive=True)
    methods = []
    for value in (t, -t):
        try:
            outcome = prove_equal(lhs.xreplace({s: value}), rhs.xreplace({s: value}), seed=seed)
        except Exception:  # noqa: BLE001
            return None
        if outcome.status != "proved":
            return None
        methods.append(outcome.method)
    return _Proof("proved", f"cases {s} > 0, {s} < 0 ({'; '.join(sorted(set(methods)))}); the kink {s} = 0 is not checked")


def decide(lhs: Any, rhs: Any, *, matrices: list[str] | None = None, seed: int = 0, examples: int = 60, units: set[str] | None = None) -> dict[str, Any]:
    """ok / wrong / inconclusive for two parsed sides (see the module docstring). ``units``
    names the symbols restricted to (0, 1); others follow their SymPy assumptions."""
    matrices = matrices or []
    global _UNITS
    _UNITS = set(units or ())
    same_symbols = lhs.free_symbols == rhs.free_symbols
    symbols = sorted(lhs.free_symbols | rhs.free_symbols, key=str)
    scalars_note = f"; {', '.join(matrices)} read as scalars (1×1), matrix algebra is not checked" if matrices else ""
    proof = _prove(lhs, rhs, seed)
    if proof.status == "proved":
        if matrices:
            return _verdict("inconclusive", "equal" + scalars_note, proof.method)
        return _verdict("ok", f"proved ({proof.method})", proof.method)
    if not same_symbols:
        # Neither ok (not proved) nor wrong (a definition may introduce a symbol): no sampling.
        only_l = sorted(map(str, lhs.free_symbols - rhs.free_symbols))
        only_r = sorted(map(str, rhs.free_symbols - lhs.free_symbols))
        where = "; ".join(filter(None, [f"only on the left: {', '.join(only_l)}" if only_l else "", f"only on the right: {', '.join(only_r)}" if only_r else ""]))
        return _verdict("inconclusive", f"not proved, and the sides use different symbols ({where}): a definition, or a step that needs context", "symbols")
    points = [proof.point] if proof.status == "refuted" and proof.point is not None else []
    sampled_failed = False
    if proof.status != "refuted" and symbols:
        sampled = _sample(lhs, rhs, symbols, seed, examples)
        if sampled is not None and sampled.status == "passed":
            # Double precision cannot see 1/7 next to e^{148}: re-check a few points at 50 digits.
            status, found, _ = _domain_sample(lhs, rhs, symbols, seed, tries=8, needed=1)
            if status == "failed" and found is not None and same_symbols:
                return _verdict("wrong", "the sides differ " + _describe(found), proof.method, found)
            msg = f"numerically confirmed on {sampled.examples} samples (sampled, not proved; max error {sampled.max_error:.1e})"
            return _verdict("inconclusive" if matrices else "ok", msg + scalars_note, "sampled")
        if sampled is not None and sampled.counterexample:
            sampled_failed = True
            inputs = sampled.counterexample.get("inputs", {})
            try:
                points.append({k: sp_rational(v) for k, v in inputs.items()})
            except (TypeError, ValueError):
                pass
    cex = None
    for point in points:
        cex = _verified_counterexample(lhs, rhs, symbols, point)
        if cex:
            break
    if cex is None and proof.status == "refuted":
        cex = _search_counterexample(lhs, rhs, symbols)
    if cex is None and symbols:
        # Sampling inside the notation's domains (α ∈ (0, 1) …), at 50 digits.
        status, found, n = _domain_sample(lhs, rhs, symbols, seed)
        if status == "passed":
            msg = f"numerically confirmed on {n} points inside the notation's domains (sampled, not proved)"
            return _verdict("inconclusive" if matrices else "ok", msg + scalars_note, "sampled")
        cex = found
    if cex is None and (proof.status == "refuted" or sampled_failed):
        cex = _search_counterexample(lhs, rhs, symbols)
    if cex is not None:
        if not same_symbols:
            only_l = sorted(map(str, lhs.free_symbols - rhs.free_symbols))
            only_r = sorted(map(str, rhs.free_symbols - lhs.free_symbols))
            where = "; ".join(filter(None, [f"only on the left: {', '.join(only_l)}" if only_l else "", f"only on the right: {', '.join(only_r)}" if only_r else ""]))
            return _verdict("inconclusive", f"the sides differ as written, but they use different symbols ({where}): a definition, or a step that needs context", "symbols")
        return _verdict("wrong", "the sides differ " + _describe(cex), proof.method, cex)
    if not symbols and proof.status != "refuted":
        # Constants the exact prover leaves open (tanh(5) = …): compare at 50 digits.
        a, b = _value_at(lhs, {}), _value_at(rhs, {})
        if a is not None and b is not None and _close(a, b, "1e-45"):
            return _verdict("ok", "equal to 45 significant digits (numeric, not proved)", "sampled")
        if a is not None and b is not None and not _close(a, b, "1e-25"):
            cex = {"point": {}, "lhs": _show(a), "rhs": _show(b), "where": ""}
            return _verdict("wrong", "the sides differ " + _describe(cex), proof.method, cex)
    if proof.status == "refuted":
        return _verdict("inconclusive", "the prover's counterexample is outside the notation's domains, where a side is undefined or complex, or at a kink; none was found inside them", proof.method)
    return _verdict("inconclusive", proof.detail or "neither proved nor refuted", proof.method)


def _domain_sample(lhs: Any, rhs: Any, symbols: list[Any], seed: int, tries: int = 40, needed: int = 20) -> tuple[str, dict[str, Any] | None, int]:
    """("passed", None, n) when the sides agree at n ≥ 20 random points of the domains,
    ("failed", counterexample, n) at a verified disagreement, else ("none", None, n)."""
    import random

    import sympy as sp

    rng = random.Random(seed)
    valid = 0
    for _ in range(tries):
        point = {}
        for s in symbols:
            if str(s) in _UNITS:
                point[s] = sp.Rational(rng.randint(1, 99), 100)
            elif s.is_positive:
                point[s] = sp.Rational(rng.randint(1, 400), 40)
            else:
                point[s] = sp.Rational(rng.choice([-1, 1]) * rng.randint(1, 400), 40)
        a, b = _value_at(lhs, point), _value_at(rhs, point)
        if a is None or b is None:
            continue
        valid += 1
        if not _close(a, b, "1e-25"):
            cex = _verified_counterexample(lhs, rhs, symbols, {str(k): v for k, v in point.items()})
            if cex is not None:
                return "failed", cex, valid
            return "none", None, valid  # a disagreement only at a kink: no verdict either way
    return ("passed" if valid >= needed else "none"), None, valid


def sp_rational(value: Any) -> Any:
    import sympy as sp

    return sp.Rational(value) if isinstance(value, (int, float)) else sp.Rational(str(value))


def _verdict(status: str, message: str, method: str, cex: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"status": status, "counterexample": cex, "message": message, "method": method}


def _describe(cex: dict[str, Any]) -> str:
    pt = ", ".join(f"{k} = {v}" for k, v in cex["point"].items())
    return f"at {pt or 'no inputs'}: left side = {cex['lhs']}, right side = {cex['rhs']}"


def _sample(lhs: Any, rhs: Any, symbols: list[Any], seed: int, examples: int) -> Any:
    try:
        from derive.checks.proof.numeric import sample_compare

        return sample_compare(lhs, rhs, {str(s): s for s in symbols}, examples=examples, seed=seed)
    except Exception:  # noqa: BLE001 - sampling is only supporting evidence
        return None


def _value_at(expr: Any, point: dict[Any, Any]) -> Any:
    """The real value at a point to 50 digits (a SymPy Float: comparing Python floats would
    hide differences below 1e-16 relative), or None if undefined or not real."""
    import sympy as sp
    from derive.checks.proof.canonical import to_exp

    try:
        v = sp.N(to_exp(expr.xreplace(point)), 50)
        if not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
            return None
        re_part, im_part = v.as_real_imag()
        re_part, im_part = sp.Float(re_part, 50), sp.Float(im_part, 50)
    except (ZeroDivisionError, TypeError, ValueError, ArithmeticError, AttributeError):
        return None
    if not (re_part.is_finite and im_part.is_finite):
        return None
    if abs(im_part) > sp.Float("1e-40") * max(sp.Float(1), abs(re_part)):
        return None  # outside the real domain: not evidence
    return re_part


def _close(a: Any, b: Any, rel: str) -> bool:
    import sympy as sp

    return bool(abs(a - b) <= sp.Float(rel, 50) * max(sp.Float(1, 50), abs(a), abs(b)))


_UNITS: set[str] = set()


def _in_domain(point: dict[Any, Any]) -> bool:
    for s, v in point.items():
        if (s.is_positive and not v > 0) or (s.is_nonzero and v == 0) or (str(s) in _UNITS and not 0 < v < 1):
            return False
    return True


def _differs(lhs: Any, rhs: Any, point: dict[Any, Any]) -> tuple[Any, Any] | None:
    if not _in_domain(point):
        return None
    a, b = _value_at(lhs, point), _value_at(rhs, point)
    if a is None or b is None or _close(a, b, "1e-25"):
        return None
    return a, b


def _verified_counterexample(lhs: Any, rhs: Any, symbols: list[Any], raw_point: dict[Any, Any]) -> dict[str, Any] | None:
    """The point as a counterexample if the sides differ there and at two nearby points."""
    import sympy as sp

    by_name = {str(s): s for s in symbols}
    point = {}
    for k, v in raw_point.items():
        s = by_name.get(str(k))
        if s is not None:
            point[s] = sp_rational(v)
    for s in symbols:
        point.setdefault(s, sp.Rational(1, 3))
    values = _differs(lhs, rhs, point)
    if values is None:
        return None
    for delta in (sp.Rational(1, 10**6), sp.Rational(-1, 10**6)):
        nearby = {s: v + delta * (k + 1) for k, (s, v) in enumerate(point.items())}
        if _differs(lhs, rhs, nearby) is None:
            return None
    a, b = values
    return {"point": {str(s): str(v) for s, v in point.items()}, "lhs": _show(a), "rhs": _show(b), "where": ""}


def _show(x: Any) -> str:
    import sympy as sp

    return str(sp.Float(x, 12)).rstrip("0").rstrip(".") if x != int(x) or abs(x) >= 1e15 else str(int(x))


def _search_counterexample(lhs: Any, rhs: Any, symbols: list[Any]) -> dict[str, Any] | None:
    import sympy as sp

    simple = [1, 2, -1, sp.Rational(1, 2), 3, -2, sp.Rational(-1, 2), sp.Rational(5, 3), sp.Rational(-7, 4), 4]
    unit = [sp.Rational(1, 2), sp.Rational(1, 3), sp.Rational(2, 3), sp.Rational(1, 4), sp.Rational(3, 4)]

    def value(s: Any, v: Any, k: int) -> Any:
        if str(s) in _UNITS:
            return unit[k % len(unit)]
        if s.is_positive:
            return abs(v)
        return v

    for attempt in range(len(simple) * 2):
        point = {s: value(s, sp.sympify(simple[(attempt + 3 * k) % len(simple)]), attempt + k) for k, s in enumerate(symbols)}
        cex = _verified_counterexample(lhs, rhs, symbols, point)
        if cex is not None:
            return cex
    return None
