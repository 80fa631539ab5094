"""derive.checks.proof.numeric: both sides on drawn inputs, and finite differences as an independent oracle."""

from __future__ import annotations

import sympy as sp
from derive.checks.proof.numeric import can_share, check_identities, check_identity, sample_compare

from derive.functions import relu, sigmoid, step
from derive.identity import Claim, Identity, Variable, gradient


def _scalar_identity(build, domain="real", ident="test-claim") -> Identity:
    return Identity(ident, "a test claim", "tests", ("tests",), (Variable("x", domain),), build)


def test_a_true_claim_passes_with_small_error() -> None:
    identity = _scalar_identity(lambda v, s: Claim(sigmoid(v["x"]), (sp.tanh(v["x"] / 2) + 1) / 2, v), ident="t-true")
    result = check_identity(identity, examples=30)
    assert result.status == "passed"
    assert result.examples == 30
    assert result.max_error < 1e-12


def test_a_false_claim_fails_with_a_shrunk_counterexample() -> None:
    identity = _scalar_identity(lambda v, s: Claim(sp.tanh(v["x"] / 2 + 1) / 2, sigmoid(v["x"]), v), ident="t-false")
    result = check_identity(identity, examples=30)
    assert result.status == "failed"
    x = result.counterexample["inputs"]["x"]
    # Hypothesis shrinks towards 0, where ½tanh(1) ≈ 0.381 against σ(0) = 0.5.
    assert x == 0.0
    assert abs(result.counterexample["lhs"][0] - 0.5 * float(sp.tanh(1))) < 1e-12
    assert result.counterexample["rhs"] == [0.5]


def test_finite_differences_catch_a_wrong_derivative_that_both_sides_share() -> None:
    # lhs and rhs agree (both wrong): only the finite-difference oracle can see it.
    def build(v, s):
        x = v["x"]
        wrong = sigmoid(x) ** 2
        return Claim(wrong, wrong, v, function=1 / (1 + sp.exp(-x)), wrt=x)

    result = check_identity(_scalar_identity(build, ident="t-fd"), examples=30)
    assert result.status == "failed"
    assert result.counterexample["check"] == "finite differences"


def test_finite_differences_accept_a_right_derivative() -> None:
    def build(v, s):
        x = v["x"]
        f = 1 / (1 + sp.exp(-x))
        return Claim(gradient(f, x), sigmoid(x) * (1 - sigmoid(x)), v, function=f, wrt=x)

    assert check_identity(_scalar_identity(build, ident="t-fd-ok"), examples=30).status == "passed"


def test_kinks_are_avoided_for_claims_stated_off_them() -> None:
    def build(v, s):
        x = v["x"]
        return Claim(gradient(relu(x), x), step(x), v, function=relu(x), wrt=x)

    assert check_identity(_scalar_identity(build, "nonzero", "t-kink"), examples=50).status == "passed"


def test_matrix_claims_are_checked_entry_by_entry() -> None:
    def build(v, s):
        w = v["W"]
        f = sum(w[i, j] ** 2 for i in range(w.rows) for j in range(w.cols))
        return Claim(gradient(f, w), 2 * w, v, function=f, wrt=w)

    def build_wrong(v, s):
        w = v["W"]
        f = sum(w[i, j] ** 2 for i in range(w.rows) for j in range(w.cols))
        return Claim(gradient(f, w), w, v, function=f, wrt=w)

    variables = (Variable("W", "real", ("n", "m")),)
    good = Identity("t-mat", "t", "tests", ("tests",), variables, build, size_bounds={"n": 2, "m": 3})
    bad = Identity("t-mat-bad", "t", "tests", ("tests",), variables, build_wrong, size_bounds={"n": 2, "m": 3})
    assert check_identity(good, examples=20).status == "passed"
    failed = check_identity(bad, examples=20)
    assert failed.status == "failed"
    assert set(failed.counterexample["sizes"]) == {"n", "m"}


def test_runs_are_deterministic_per_seed() -> None:
    identity = _scalar_identity(lambda v, s: Claim(sigmoid(v["x"]), (sp.tanh(v["x"] / 2) + 1) / 2, v), ident="t-det")
    assert check_identity(identity, examples=15, seed=3) == check_identity(identity, examples=15, seed=3)


def test_sample_compare_on_ad_hoc_claims() -> None:
    x = sp.Symbol("x", real=True)
    assert sample_compare(sp.log(1 + sp.exp(-x)), -sp.log(sigmoid(x)), {"x": x}, examples=30).status == "passed"
    failed = sample_compare(sp.log(sigmoid(x)), sp.log(1 + sp.exp(-x)), {"x": x}, examples=30)
    assert failed.status == "failed"
    assert "x" in failed.counterexample["inputs"]


def test_sample_compare_respects_positive_symbols() -> None:
    p = sp.Symbol("p", positive=True)
    # sqrt(p²) = p holds only for p ≥ 0: drawing a negative p would be a false alarm.
    assert sample_compare(sp.sqrt(p**2), p, {"p": p}, examples=30).status == "passed"


def test_sample_compare_respects_negative_and_nonnegative_symbols() -> None:
    n = sp.Symbol("n", negative=True)
    q = sp.Symbol("q", nonnegative=True)
    assert sample_compare(sp.Abs(n), -n, {"n": n}, examples=30).status == "passed"
    assert sample_compare(sp.Abs(q), q, {"q": q}, examples=30).status == "passed"


def test_sample_compare_skips_points_where_a_side_is_not_real() -> None:
    x = sp.Symbol("x", real=True)
    # x**pi is complex for x < 0: those points are skipped, not an error.
    result = sample_compare(sp.Abs(x) ** sp.pi, sp.Abs(x) ** sp.pi, {"x": x}, examples=20)
    assert result.status == "passed"
    failed = sample_compare(x**sp.pi, x**sp.pi + 1, {"x": x}, examples=20)
    assert failed.status == "failed"


def test_finite_differences_of_a_vector_function_use_the_jacobian_layout() -> None:
    # f(x) = (x0², x0·x1): J = [[2x0, 0], [x1, x0]] is not symmetric, so a transposed
    # finite-difference layout would fail the true claim and pass the transposed one.
    def build(v, s, transpose=False):
        x = v["x"]
        f = sp.Matrix([x[0] ** 2, x[0] * x[1]])
        jac = gradient(f, x)
        return Claim(jac.T if transpose else jac, jac.T if transpose else jac, v, function=f, wrt=x)

    variables = (Variable("x", "real", ("n",)),)
    good = Identity("t-jac", "t", "tests", ("tests",), variables, build, size_bounds={"n": 2}, size_minimums={"n": 2})
    bad = Identity("t-jac-T", "t", "tests", ("tests",), variables, lambda v, s: build(v, s, True),
                   size_bounds={"n": 2}, size_minimums={"n": 2})
    assert check_identity(good, examples=20).status == "passed"
    assert check_identity(bad, examples=20).status == "failed"


def test_a_one_hot_label_vector_takes_every_label() -> None:
    seen: set[int] = set()

    def build(v, s):
        e = v["e"]
        return Claim(sum(e), sp.Integer(1), v)

    identity = Identity("t-onehot", "t", "tests", ("tests",), (Variable("e", "onehot-rows", ("n",)),), build,
                        size_bounds={"n": 3}, size_minimums={"n": 3})
    from derive.checks.proof import numeric

    original = numeric._bind

    def spy(var, symbolic, raw, sizes):
        seen.add(raw[0])
        return original(var, symbolic, raw, sizes)

    numeric._bind = spy
    try:
        assert check_identity(identity, examples=40).status == "passed"
    finally:
        numeric._bind = original
    assert seen == {0, 1, 2}


def test_sampling_leaves_no_hypothesis_directory_in_the_working_directory(tmp_path) -> None:
    """database=None alone is not enough: Hypothesis caches the constants of local source
    files under ./.hypothesis. A fresh process (nothing cached yet) must write elsewhere."""
    import os
    import subprocess
    import sys

    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    script = (
        "from derive.catalogue import load\n"
        "from derive.checks.proof.numeric import check_identity\n"
        "catalogue, _ = load()\n"
        "print(check_identity(catalogue['batch-grad-b2'], examples=40).status)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_STORAGE_DIRECTORY"}
    env["XDG_CACHE_HOME"] = str(cache)
    proc = subprocess.run([sys.executable, "-c", script], cwd=work, env=env, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "passed"
    assert list(work.iterdir()) == []
    assert (cache / "derive" / "hypothesis" / "constants").is_dir()  # where it went instead


def test_identities_sharing_their_inputs_keep_their_own_examples_errors_and_counterexamples() -> None:
    true = _scalar_identity(lambda v, s: Claim(sigmoid(v["x"]), (sp.tanh(v["x"] / 2) + 1) / 2, v), ident="t-true")
    exact = _scalar_identity(lambda v, s: Claim(v["x"] + v["x"], 2 * v["x"], v), ident="t-exact")
    false = _scalar_identity(lambda v, s: Claim(sp.tanh(v["x"] / 2 + 1) / 2, sigmoid(v["x"]), v), ident="t-false")
    assert can_share([true, exact], false)
    shared = check_identities([true, false, exact], examples=30, seed=3)
    assert [r.status for r in shared] == ["passed", "failed", "passed"]
    assert [r.examples for r in (shared[0], shared[2])] == [30, 30]
    assert 0 < shared[0].max_error < 1e-12 and shared[2].max_error == 0.0
    # The false one is checked again alone, so its counterexample is Hypothesis's shrunk one.
    assert shared[1] == check_identity(false, examples=30, seed=3)
    assert shared[1].counterexample["inputs"]["x"] == 0.0
    assert check_identities([true, false, exact], examples=30, seed=3) == shared  # deterministic


def test_only_inputs_drawn_the_same_way_are_shared() -> None:
    real = _scalar_identity(lambda v, s: Claim(v["x"], v["x"], v), ident="t-real")
    nonzero = _scalar_identity(lambda v, s: Claim(v["x"], v["x"], v), "nonzero", ident="t-nonzero")
    y_only = (Variable("y"),)
    other = Identity("t-y", "a test claim", "tests", ("tests",), y_only, lambda v, s: Claim(v["y"], v["y"], v))
    assert not can_share([real], nonzero)  # x drawn off 0 for one, anywhere for the other
    assert can_share([real], other)  # different names: the example draws both
    # Given a group that cannot share, each is checked alone: x is then never 0 for `nonzero`.
    off_zero = _scalar_identity(lambda v, s: Claim(sp.sign(v["x"]) ** 2, sp.Integer(1), v), "nonzero", "t-off")
    as_real = _scalar_identity(lambda v, s: Claim(sp.sign(v["x"]) ** 2, sp.Integer(1), v), ident="t-off-real")
    assert check_identity(as_real, examples=20).status == "failed"  # 0 is drawn for a real x
    results = check_identities([off_zero, real], examples=20)
    assert [r.status for r in results] == ["passed", "passed"]
    assert results == [check_identity(off_zero, examples=20), check_identity(real, examples=20)]
