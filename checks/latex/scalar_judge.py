"""ok / wrong / inconclusive for two parsed scalar sides: proof, then sampling, then a
counterexample confirmed at 50 digits and at two nearby points (never at a kink alone)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["decide", "sp_rational"]


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
        proof = _Proof(
            outcome.status,
            outcome.method,
            outcome.counterexample.point if outcome.counterexample else None,
            outcome.detail,
        )
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

    conditions = [
        c for pw in (lhs.atoms(sp.Piecewise) | rhs.atoms(sp.Piecewise)) for _, c in pw.args if c is not sp.true
    ]
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
    return _Proof(
        "proved", f"cases {s} > 0, {s} < 0 ({'; '.join(sorted(set(methods)))}); the kink {s} = 0 is not checked"
    )


def decide(
    lhs: Any,
    rhs: Any,
    *,
    matrices: list[str] | None = None,
    seed: int = 0,
    examples: int = 60,
    units: set[str] | None = None,
) -> dict[str, Any]:
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
        where = "; ".join(
            filter(
                None,
                [
                    f"only on the left: {', '.join(only_l)}" if only_l else "",
                    f"only on the right: {', '.join(only_r)}" if only_r else "",
                ],
            )
        )
        return _verdict(
            "inconclusive",
            f"not proved, and the sides use different symbols ({where}): a definition, or a step that needs context",
            "symbols",
        )
    points = [proof.point] if proof.status == "refuted" and proof.point is not None else []
    sampled_failed = False
    if proof.status != "refuted" and symbols:
        sampled = _sample(lhs, rhs, symbols, seed, examples)
        if sampled is not None and sampled.status == "passed":
            # Double precision cannot see 1/7 next to e^{148}: re-check a few points at 50 digits.
            status, found, _ = _domain_sample(lhs, rhs, symbols, seed, tries=8, needed=1)
            if status == "failed" and found is not None and same_symbols:
                return _verdict("wrong", "the sides differ " + _describe(found), proof.method, found)
            msg = (
                f"numerically confirmed on {sampled.examples} samples"
                f" (sampled, not proved; max error {sampled.max_error:.1e})"
            )
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
            where = "; ".join(
                filter(
                    None,
                    [
                        f"only on the left: {', '.join(only_l)}" if only_l else "",
                        f"only on the right: {', '.join(only_r)}" if only_r else "",
                    ],
                )
            )
            return _verdict(
                "inconclusive",
                f"the sides differ as written, but they use different symbols ({where}):"
                " a definition, or a step that needs context",
                "symbols",
            )
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
        return _verdict(
            "inconclusive",
            "the prover's counterexample is outside the notation's domains, where a side is undefined or complex,"
            " or at a kink; none was found inside them",
            proof.method,
        )
    return _verdict("inconclusive", proof.detail or "neither proved nor refuted", proof.method)


def _domain_sample(
    lhs: Any, rhs: Any, symbols: list[Any], seed: int, tries: int = 40, needed: int = 20
) -> tuple[str, dict[str, Any] | None, int]:
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


def _verified_counterexample(
    lhs: Any, rhs: Any, symbols: list[Any], raw_point: dict[Any, Any]
) -> dict[str, Any] | None:
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
        point = {
            s: value(s, sp.sympify(simple[(attempt + 3 * k) % len(simple)]), attempt + k) for k, s in enumerate(symbols)
        }
        cex = _verified_counterexample(lhs, rhs, symbols, point)
        if cex is not None:
            return cex
    return None
