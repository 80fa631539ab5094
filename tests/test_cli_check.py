"""``derive check``: true claims verified (exit 0), false ones refuted with a counterexample
checked here independently (exit 1), undecidable ones unverified (exit 3), bad input and
injection payloads one line on stderr with exit 2 and nothing run."""

from __future__ import annotations

import builtins
import json
import math
import os
import subprocess
import sys
import uuid
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from derive.cli import cli, main

EXAMPLES = ["--examples", "25"]


def _invoke(args: list[str]):
    return CliRunner().invoke(cli, ["check", *args])


def _main(args: list[str]) -> tuple[int, str, str]:
    """Through ``main()``, the boundary that turns DeriveError into one line and exit 2."""
    runner = CliRunner()
    with runner.isolation() as (out, err, _):
        try:
            main(["check", *args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue().decode(), err.getvalue().decode()


def _json(args: list[str]) -> tuple[int, dict]:
    result = _invoke([*args, "--json", *EXAMPLES])
    return result.exit_code, json.loads(result.output)


# --------------------------------------------------------------------------- true claims

TRUE_CLAIMS = [
    ("sigmoid(x)", "(tanh(x/2) + 1)/2", []),
    ("log(1 + exp(-x))", "softplus(-x)", []),
    ("log(sigmoid(x))", "-softplus(-x)", []),
    ("sigmoid(-x)", "1 - sigmoid(x)", []),
    ("softplus(x) - softplus(-x)", "x", []),
    ("sigmoid(x)*(1 - sigmoid(x))", "exp(-x)/(1 + exp(-x))^2", []),
    # tanh' in two forms
    ("1 - tanh(x)^2", "1/cosh(x)**2", []),
    ("4*sigmoid(2*x)*(1 - sigmoid(2*x))", "1 - tanh(x)**2", []),
    # kinks: proved by splitting x < 0, x = 0, x > 0
    ("sign(x)", "step(x) - step(-x)", []),
    ("abs(x)", "x*sign(x)", []),
    ("relu(x)", "x*step(x)", []),
    ("relu(x)", "(x + abs(x))/2", []),
    # kinks away from 0 and between variables (issue 10): split at the argument's zero
    ("relu(x - 1)", "max(x - 1, 0)", []),
    ("log(exp(a) + exp(b))", "max(a, b) + log(1 + exp(-abs(a - b)))", []),
    ("abs(x - 1) + abs(x + 1)", "max(2, 2*abs(x))", []),
    ("relu(x^2 - 1)", "max(x^2 - 1, 0)", []),  # factors x - 1 and x + 1 split on their own
    ("max(a, b, c) - min(a, b, c)", "(abs(a - b) + abs(b - c) + abs(a - c))/2", []),
    # domains
    ("leaky_relu(x, alpha)", "max(x, alpha*x)", ["--assume", "0 < alpha < 1"]),
    ("abs(x)", "x", ["--assume", "x >= 0"]),
    ("log(x^2)", "2*log(abs(x))", ["--assume", "x != 0"]),
    ("0.1 + 0.2", "0.3", []),  # exact decimals, not binary floats
    # derivatives stated on the command line (issue 11)
    ("diff(sigmoid(x), x)", "sigmoid(x)*(1 - sigmoid(x))", []),
    ("diff(tanh(x), x)", "1 - tanh(x)^2", []),
    ("diff(softplus(x), x, 2)", "sigmoid(x)*sigmoid(-x)", []),
    ("diff(log(1 + exp(x*y)), x, y)", "sigmoid(x*y) + x*y*sigmoid(x*y)*(1 - sigmoid(x*y))", []),
]


@pytest.mark.parametrize(("lhs", "rhs", "extra"), TRUE_CLAIMS)
def test_true_claims_are_verified(lhs: str, rhs: str, extra: list[str]) -> None:
    code, data = _json([lhs, rhs, *extra])
    assert code == 0, data
    assert data["symbolic"]["status"] == "proved"
    assert data["numeric"]["status"] == "passed"
    assert data["verdict"] == "verified"


def test_json_follows_the_verify_record() -> None:
    code, data = _json(["sigmoid(x)", "(tanh(x/2) + 1)/2"])
    assert code == 0
    assert {"lhs", "rhs", "symbolic", "numeric", "verdict"} <= set(data)
    assert {"status", "method", "seconds", "counterexample"} <= set(data["symbolic"])
    assert {"status", "examples", "max_error", "counterexample"} <= set(data["numeric"])
    assert data["lhs"] == "sigmoid(x)" and data["rhs"] == "(tanh(x/2) + 1)/2"
    assert data["symbolic"]["method"] == "exp-rational-cancel"
    assert data["numeric"]["examples"] == 25


def test_runs_are_deterministic_for_a_seed() -> None:
    def strip(d: dict) -> dict:
        d["symbolic"].pop("seconds")
        return d

    first = strip(_json(["tanh(x/2 + 1)/2", "sigmoid(x)", "--seed", "7"])[1])
    second = strip(_json(["tanh(x/2 + 1)/2", "sigmoid(x)", "--seed", "7"])[1])
    assert first == second


def test_table_output() -> None:
    result = _invoke(["sigmoid(x)", "(tanh(x/2) + 1)/2", *EXAMPLES])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["claim", "sigmoid(x)", "=", "(tanh(x/2)", "+", "1)/2"]
    assert any(line.startswith("symbolic") and "proved (exp-rational-cancel" in line for line in lines)
    assert any(line.startswith("numeric") and "passed (25 examples" in line for line in lines)
    assert lines[-1].split() == ["verdict", "verified"]


@pytest.mark.parametrize(
    ("lhs", "rhs"), [("-x", "-(x)"), ("-h*x", "-(x*h)"), ("-1", "-(1)"), ("-sigmoid(x)", "sigmoid(-x) - 1")]
)
def test_a_side_may_start_with_a_minus(lhs: str, rhs: str) -> None:
    code, data = _json([lhs, rhs])
    assert code == 0
    assert data["lhs"] == lhs and data["verdict"] == "verified"


# --------------------------------------------------------------------------- false claims

sigma = lambda t: 1 / (1 + math.exp(-t))  # noqa: E731
softplus = lambda t: math.log1p(math.exp(t))  # noqa: E731
step = lambda t: 1.0 if t > 0 else 0.0  # noqa: E731
sign = lambda t: (t > 0) - (t < 0)  # noqa: E731

# (lhs, rhs, extra args, independent float versions of both sides, domain check)
FALSE_CLAIMS: list[tuple[str, str, list[str], Callable[..., float], Callable[..., float], Callable[..., bool]]] = [
    # 001 Q1(a) as printed: the +1 moved inside the tanh.
    ("tanh(x/2 + 1)/2", "sigmoid(x)", [], lambda x: math.tanh(x / 2 + 1) / 2, sigma, lambda x: True),
    # 001 Q1(b) with the sign lost.
    ("log(sigmoid(x))", "softplus(-x)", [], lambda x: math.log(sigma(x)), lambda x: softplus(-x), lambda x: True),
    # tanh' with the square forgotten.
    ("1 - tanh(x)", "1 - tanh(x)^2", [], lambda x: 1 - math.tanh(x), lambda x: 1 - math.tanh(x) ** 2, lambda x: True),
    # sign as 2·step − 1 is wrong only at the kink.
    ("sign(x)", "2*step(x) - 1", [], sign, lambda x: 2 * step(x) - 1, lambda x: True),
    # relu(x) = x only for x >= 0; the counterexample must respect x >= -1.
    ("relu(x)", "x", ["--assume", "x >= -1"], lambda x: max(x, 0.0), lambda x: x, lambda x: x >= -1),
    # LeakyReLU as a max needs alpha <= 1; the counterexample must lie in (1, 2).
    (
        "leaky_relu(x, alpha)",
        "max(x, alpha*x)",
        ["--assume", "1 < alpha < 2"],
        lambda alpha, x: x if x >= 0 else alpha * x,
        lambda alpha, x: max(x, alpha * x),
        lambda alpha, x: 1 < alpha < 2,
    ),
    # σ' with the sign of the second factor wrong.
    (
        "diff(sigmoid(x), x)",
        "sigmoid(x)*(1 + sigmoid(x))",
        [],
        lambda x: sigma(x) * (1 - sigma(x)),
        lambda x: sigma(x) * (1 + sigma(x)),
        lambda x: True,
    ),
    # The kink between two variables: a sign lost inside the log term.
    (
        "log(exp(a) + exp(b))",
        "max(a, b) + log(1 + exp(abs(a - b)))",
        [],
        lambda a, b: math.log(math.exp(a) + math.exp(b)),
        lambda a, b: max(a, b) + math.log(1 + math.exp(abs(a - b))),
        lambda a, b: True,
    ),
]


@pytest.mark.parametrize(("lhs", "rhs", "extra", "f", "g", "inside"), FALSE_CLAIMS, ids=[c[0] for c in FALSE_CLAIMS])
def test_false_claims_are_refuted_with_a_checkable_counterexample(lhs, rhs, extra, f, g, inside) -> None:
    code, data = _json([lhs, rhs, *extra])
    assert code == 1, data
    assert data["verdict"] == "refuted"
    assert data["symbolic"]["status"] == "refuted"
    cex = data["symbolic"]["counterexample"]
    point = [float(Fraction(cex["point"][name])) for name in sorted(cex["point"])]
    # Held against plain-float versions of both sides written here, not against SymPy.
    assert inside(*point)
    assert abs(f(*point) - g(*point)) > 1e-6
    assert math.isclose(float(cex["lhs"]), f(*point), rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(float(cex["rhs"]), g(*point), rel_tol=1e-9, abs_tol=1e-12)


def test_the_seed_parameter_count_is_refuted() -> None:
    # 001 §1.2: 3072·512 + 512 + 512·256 + 256 + 256·10 + 10 is 1,707,274, not 1,707,264.
    code, data = _json(["3072*512 + 512 + 512*256 + 256 + 256*10 + 10", "1707264"])
    assert code == 1
    assert data["symbolic"]["counterexample"]["lhs"] == "1707274"
    assert data["symbolic"]["counterexample"]["rhs"] == "1707264"


def test_the_refutation_table_shows_the_counterexample() -> None:
    result = _invoke(["tanh(x/2 + 1)/2", "sigmoid(x)", *EXAMPLES])
    assert result.exit_code == 1
    assert (
        "at x = 1: left side = tanh(3/2)/2 ≈ 0.452574126822, right side = sigmoid(1) ≈ 0.731058578630" in result.output
    )
    assert result.output.splitlines()[-1].split() == ["verdict", "refuted"]


def test_a_constant_difference_is_refuted_by_exact_evaluation() -> None:
    # SymPy cancels x and sigmoid(y) from lhs − rhs; 50-digit evaluation of both sides
    # still separates them (by the prover's search or, failing that, check's own). Floats
    # cannot: sampling passes.
    code, data = _json(["x + sigmoid(y)", "x + sigmoid(y) + 1/10**20"])
    assert code == 1
    assert data["symbolic"]["status"] == "refuted"
    assert data["symbolic"]["counterexample"]["difference"] == "-1.00000e-20"
    assert data["numeric"]["status"] == "passed"


def test_an_undecided_case_does_not_hide_a_refuted_one() -> None:
    # x < 0 leaves relu(x² − 2) against max(x² − 2, 0) (undecided: the kink's argument has
    # no rational factor, so it is not split); x > 0 is plainly false.
    code, data = _json(["relu(x^2-2) + abs(x)", "max(x^2-2, 0) - x"])
    assert code == 1
    cex = data["symbolic"]["counterexample"]
    assert cex["where"] == "0 < x"
    x = float(Fraction(cex["point"]["x"]))
    assert max(x * x - 2, 0) + abs(x) != max(x * x - 2, 0) - x


def test_complex_values_and_numpy_warnings_stay_off_stderr() -> None:
    # x**pi is not real for x < 0: NumPy warns and the sampler cannot use such points, but
    # the claim is still refuted exactly (at a positive x), and stderr stays empty.
    code, out, err = _main(["y", "x**pi", "--examples", "20"])
    assert code == 1
    assert "verdict   refuted" in out
    assert err == ""


# --------------------------------------------------------------------------- undecided


def test_a_true_claim_the_prover_cannot_decide_is_unverified() -> None:
    # True for every x, but the kink sits where x² = 2 and the split handles arguments whose
    # rational factors are linear only: sampling agrees, and agreement is not a proof.
    code, data = _json(["relu(x^2 - 2)", "max(x^2 - 2, 0)"])
    assert code == 3
    assert data["symbolic"]["status"] == "inconclusive"
    assert data["numeric"]["status"] == "passed"
    assert data["verdict"] == "unverified"


def test_a_prover_timeout_is_unverified_not_a_hang() -> None:
    code, data = _json(["E**E**E**E**E", "1", "--timeout", "1"])
    assert code == 3
    assert data["symbolic"] == {**data["symbolic"], "status": "inconclusive", "method": "timeout"}
    assert data["verdict"] == "unverified"


# --------------------------------------------------------------------------- bad input

BAD = [
    (["foo(x)", "x"], "unknown function 'foo'"),
    (["x", "foo(x)"], "right side: unknown function 'foo'"),
    (["sigmoid(x", "x"], "left side: cannot parse"),
    (["", "x"], "left side: empty expression"),
    (["sigmoid(x, y)", "x"], "sigmoid() takes 1 argument, got 2"),
    (["9**9**9**9", "1"], "too large"),
    (["x", "x", "--assume", "x > y"], "exactly one variable"),
    (["x", "x", "--assume", "y > 0"], "does not use"),
    (["x", "x", "--assume", "x ="], "cannot parse"),
    (["1/x", "log(0)"], "undefined"),
    (
        ["a+b+c+d+f+g+h", "h+g+f+d+c+b+a", *[arg for v in "abcdfgh" for arg in ("--assume", f"0 <= {v} <= 1")]],
        "cases; the limit is 64",
    ),
]


def test_constants_of_seed_functions_evaluate_and_a_false_max_is_refuted() -> None:
    # softplus(1) ≈ 1.313 has a numeric value, so max(x, softplus(1)) = x fails for x < 1.313.
    code, out, err = _main(["max(x, softplus(1))", "x"])
    assert code == 1, err
    assert "refuted" in out


@pytest.mark.parametrize(("args", "fragment"), BAD)
def test_bad_input_is_one_line_and_exit_2(args: list[str], fragment: str) -> None:
    code, out, err = _main(args)
    assert code == 2
    assert fragment in err
    assert err.startswith("derive: error: ")
    assert err.strip().count("\n") == 0
    assert "Traceback" not in err
    assert out == ""


def test_bad_input_raises_before_any_output_through_cli() -> None:
    result = _invoke(["foo(x)", "x"])
    assert result.exception is not None and type(result.exception).__name__ == "DeriveError"
    assert result.output == ""


# --------------------------------------------------------------------------- injection

PAYLOADS = [
    "().__class__.__base__.__subclasses__()",
    "__import__('os').system('touch {marker}')",
    "open('{marker}', 'w')",
    "[open('{marker}', 'w') for c in ()]",
    "lambda: 0",
    "x.__class__",
    "getattr(x, 'y')",
    'exec(\'open("{marker}", "w")\')',
    "eval('1')",
    "'string'",
    "sigmoid(x, y=1)",
    "f'{{x}}'",
]


@pytest.fixture
def tripwires(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def guard(name: str):
        def tripped(*args, **kwargs):
            calls.append(name)
            raise AssertionError(f"{name} was called")

        return tripped

    real_import = builtins.__import__

    def watched_import(name, *args, **kwargs):
        if name in ("os", "subprocess", "shutil", "socket", "ctypes"):
            calls.append(f"import {name}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", watched_import)
    for name in ("eval", "exec", "open"):
        monkeypatch.setattr(builtins, name, guard(name))
    monkeypatch.setattr(os, "system", guard("os.system"))
    monkeypatch.setattr(subprocess, "Popen", guard("subprocess.Popen"))
    return calls


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("where", ["lhs", "rhs", "assume"])
def test_injection_payloads_exit_2_and_run_nothing(payload: str, where: str, tripwires: list[str]) -> None:
    marker = Path(f"/tmp/pwned_{uuid.uuid4().hex}")
    text = payload.format(marker=marker)
    args = {"lhs": [text, "x"], "rhs": ["x", text], "assume": ["x", "x", "--assume", f"{text} > 0"]}[where]
    code, out, err = _main(args)
    assert code == 2
    assert err.startswith("derive: error: ") and err.strip().count("\n") == 0
    assert "Traceback" not in err
    assert out == ""
    assert tripwires == []
    assert not marker.exists()


def _script() -> list[str]:
    script = Path(sys.executable).with_name("derive")
    return [str(script)] if script.exists() else [sys.executable, "-m", "derive"]


def test_installed_script_refuses_a_payload_without_a_traceback() -> None:
    marker = Path(f"/tmp/pwned_{uuid.uuid4().hex}")
    payload = f"__import__('os').system('touch {marker}')"
    for command in (_script(), [sys.executable, "-m", "derive"]):
        proc = subprocess.run([*command, "check", payload, "x"], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.startswith("derive: error: left side: ")
        assert proc.stderr.strip().count("\n") == 0
        assert "Traceback" not in proc.stderr
        assert proc.stdout == ""
        assert not marker.exists()


def test_installed_script_verifies_and_refutes() -> None:
    ok = subprocess.run(
        [*_script(), "check", "sigmoid(x)", "(tanh(x/2) + 1)/2", "--json", *EXAMPLES],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["verdict"] == "verified"
    bad = subprocess.run(
        [*_script(), "check", "tanh(x/2 + 1)/2", "sigmoid(x)", *EXAMPLES], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 1
    assert "refuted" in bad.stdout and "Traceback" not in bad.stderr


def test_check_leaves_no_hypothesis_database_in_the_users_directory(tmp_path: Path) -> None:
    # Refuted by sampling and proof alike, so Hypothesis both runs and shrinks here.
    proc = subprocess.run(
        [*_script(), "check", "tanh(x/2 + 1)/2", "sigmoid(x)", *EXAMPLES],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    assert not (tmp_path / ".hypothesis").exists()
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- LaTeX sides


def test_latex_derivative_claims_are_verified_or_refuted() -> None:
    code, data = _json(["--latex", r"\frac{d}{dx}\sigma(x)", r"\sigma(x)(1-\sigma(x))"])
    assert code == 0, data
    assert data["verdict"] == "verified"
    code, data = _json(["--latex", r"\frac{d}{dx}\sigma(x)", r"\sigma(x)(1+\sigma(x))"])
    assert code == 1
    cex = data["symbolic"]["counterexample"]
    t = float(Fraction(cex["point"]["x"]))
    assert math.isclose(float(cex["lhs"]), sigma(t) * (1 - sigma(t)), rel_tol=1e-9)
    assert math.isclose(float(cex["rhs"]), sigma(t) * (1 + sigma(t)), rel_tol=1e-9)
    # Answered in the notation asked in.
    assert cex["lhs_latex"] == r"\left(1 - \sigma\left(1\right)\right) \sigma\left(1\right)"
    table = _invoke(["--latex", r"\frac{d}{dx}\sigma(x)", r"\sigma(x)(1+\sigma(x))", *EXAMPLES]).output
    assert r"read as   \left(1 - \sigma\left(x\right)\right) \sigma\left(x\right) = " in table
    assert r"right side = \left(\sigma\left(1\right) + 1\right) \sigma\left(1\right) ≈ 1.26550522402" in table


def test_latex_sine_of_a_product_without_brackets_is_never_refuted_on_one_reading() -> None:
    # \sin 2x is sin(2x): the double-angle formula was refuted with \sin 2x read as sin(2)·x
    code, data = _json(["--latex", r"\sin 2x", r"2\sin x\cos x"])
    assert code in (0, 3), data
    assert data["verdict"] != "refuted"
    code, data = _json(["--latex", r"\exp 2x", r"e^{2x}"])
    assert code == 0, data
    # refuted only when both readings refute it (the cosine dropped)
    code, data = _json(["--latex", r"\sin 2x", r"2\sin x"])
    assert code == 1, data
    assert any("both" in note for note in data["notes"])


def test_latex_kink_between_variables_is_verified() -> None:
    code, data = _json(["--latex", r"\log(e^a + e^b)", r"\max(a, b) + \log(1 + e^{-|a - b|})"])
    assert code == 0, data
    assert data["symbolic"]["method"].startswith("case-split(3)")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--latex", r"\frac{d}{dx}", "x"], "left side: cannot read the LaTeX"),
        (["--latex", "x", r"\input{/etc/passwd}"], "right side: cannot read the LaTeX"),
        (["--notation", "n.toml", "x", "x"], "--notation applies to --latex only"),
        (["--latex", "--notation", "/nonexistent/n.toml", "x", "x"], "n.toml"),
    ],
)
def test_bad_latex_is_one_line_and_exit_2(args: list[str], fragment: str) -> None:
    code, out, err = _main(args)
    assert code == 2, (out, err)
    assert fragment in err
    assert err.startswith("derive: error: ") and err.strip().count("\n") == 0
    assert out == ""
