"""derive.render and the `derive render` command: refusal, determinism, --check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import derive.checks.proof.verify
import jinja2
import pytest
import sympy as sp
from derive.checks.proof.numeric import NumericResult
from derive.checks.proof.symbolic import Counterexample, ProofResult
from derive.checks.proof.verify import VerificationResult

from derive.catalogue import load
from derive.cli import main
from derive.errors import DeriveError
from derive.latex import identity_latex
from derive.render import (
    REFERENCE_MODULE,
    REPORT,
    RenderRefused,
    catalogue_statements,
    check_verdicts,
    environment,
    render_all,
    render_reference,
    render_report,
)

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE, SEED_CLAIMS = load()


def fake_results(*, unverified: str | None = None, unrefuted: str | None = None):
    """Verification results as the verifier returns them, without running it (fast), with
    deliberately odd seconds that must never reach a rendered file."""
    results = []
    for k, identity in enumerate(CATALOGUE):
        status = "inconclusive" if identity.id == unverified else "proved"
        scope = "all sizes" if k % 2 else "sizes N ≤ 2, C ≤ 3"
        proof = ProofResult(status, "exp-rational-cancel+case-split", 12.3456789 + k, scope)
        results.append(VerificationResult(identity, proof, NumericResult("passed", 40, 3.3e-16 * (k + 1))))
    seed_results = []
    for identity in SEED_CLAIMS:
        if identity.id == unrefuted:
            proof = ProofResult("proved", "exp-rational-cancel", 98.7654321, "scalar")
            numeric = NumericResult("passed", 40, 0.0)
        else:
            cex = Counterexample({"x": sp.Integer(1), "W1_0_0": sp.Rational(1, 2)}, "0.452574126822", "0.731058578630",
                                 "entry (1, 1)")
            proof = ProofResult("refuted", "exp-rational-cancel", 98.7654321, "scalar", cex)
            numeric = NumericResult("failed", 1, 0.28, {"x": 1.0})
        seed_results.append(VerificationResult(identity, proof, numeric))
    return results, seed_results


def test_refuses_naming_every_unverified_identity_and_unrefuted_seed_claim():
    some, seed = next(iter(CATALOGUE)).id, next(iter(SEED_CLAIMS)).id
    results, seed_results = fake_results(unverified=some, unrefuted=seed)
    with pytest.raises(RenderRefused) as info:
        check_verdicts(results, seed_results)
    assert some in str(info.value) and seed in str(info.value)
    assert info.value.exit_code == 1
    with pytest.raises(RenderRefused):
        render_all(results, seed_results, catalogue=CATALOGUE)


def test_report_has_every_identity_and_no_timings():
    results, seed_results = fake_results()
    text = render_report(results, seed_results)
    for identity in [*CATALOGUE, *SEED_CLAIMS]:
        assert rf"\label{{id:{identity.id}}}" in text
    assert text.count(r"\subsection{") == len(CATALOGUE) + len(SEED_CLAIMS)
    assert r"\tableofcontents" in text
    # No control characters (a lost backslash: "\t" in "\text" once became a tab).
    assert [c for c in text if ord(c) < 32 and c != "\n"] == []
    assert "12.34" not in text and "98.76" not in text  # seconds never rendered
    assert text.count("\\section{") >= 3
    # The counterexample of a refuted seed claim is shown, values included.
    assert "0.452574126822" in text and "0.731058578630" in text
    # Evidence with its scope and rounded error.
    assert r"$N \leq 2$" in text and r"10^{-12}" in text


def test_report_formulas_are_the_printed_statements():
    results, seed_results = fake_results()
    text = render_report(results, seed_results)
    for identity in CATALOGUE:
        assert identity_latex(identity) in text, identity.id


def test_a_statement_the_printer_cannot_express_is_refused_by_id():
    def statement(identity_id):
        if identity_id == "batch-grad-b1":
            t = sp.Symbol("t")
            return sp.MatrixSymbol("Q", 2, 2).applyfunc(sp.Lambda(t, sp.Function("mystery")(t)))
        return catalogue_statements(CATALOGUE)(identity_id)

    with pytest.raises(RenderRefused, match="batch-grad-b1"):
        render_reference(statement)


def test_report_render_is_deterministic_within_a_process():
    results, seed_results = fake_results()
    assert render_report(results, seed_results) == render_report(results, seed_results)


_SCRIPT = r"""
import sys
sys.path.insert(0, {tests!r})
from test_render import fake_results, CATALOGUE
from derive.render import render_all
files = render_all(*fake_results(), catalogue=CATALOGUE)
sys.stdout.write(files["report.tex"] + "\x00" + files["mlp_reference.py"])
"""


def test_renders_are_byte_identical_across_hash_seeds():
    outputs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        proc = subprocess.run(
            [sys.executable, "-c", _SCRIPT.format(tests=str(ROOT / "tests"))],
            capture_output=True, env=env, timeout=300, check=True,
        )
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 10_000


def test_committed_reference_module_is_a_fresh_render_of_the_catalogue():
    fresh = render_reference(catalogue_statements(CATALOGUE))
    committed = (ROOT / "generated" / REFERENCE_MODULE).read_text(encoding="utf-8")
    assert fresh == committed, "generated/mlp_reference.py is stale: run 'derive render'"


def test_reference_needs_every_statement():
    class Partial:
        def __contains__(self, key):
            return key != "batch-grad-W1-l2"

        def __getitem__(self, key):
            return CATALOGUE[key]

    with pytest.raises(RenderRefused, match="batch-grad-W1-l2"):
        render_reference(catalogue_statements(Partial()))


def test_a_printer_defect_never_reaches_generated(monkeypatch):
    import derive.reference as reference_module

    monkeypatch.setattr(reference_module, "numpy_code", lambda expr, names=None: "(")
    with pytest.raises(DeriveError, match="does not compile"):
        render_reference(catalogue_statements(CATALOGUE))


def test_templates_fail_loudly_on_missing_values():
    with pytest.raises(jinja2.UndefinedError):
        environment(latex=True).get_template("report.tex.j2").render()
    with pytest.raises(jinja2.UndefinedError):
        environment().get_template("numpy_module.py.j2").render()


# --------------------------------------------------------------------------- the command


def _run(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


@pytest.fixture
def fake_verifier(monkeypatch):
    """Make `derive render` see fake verification results (the real run is a slow test)."""
    state = {"unverified": None}

    def verify_all(identities, **kwargs):
        identities = list(identities)
        results, seed_results = fake_results(unverified=state["unverified"])
        wanted = {i.id for i in identities}
        return [r for r in (*results, *seed_results) if r.identity.id in wanted]

    monkeypatch.setattr(derive.checks.proof.verify, "verify_all", verify_all)
    return state


def test_render_writes_both_files_and_check_passes(tmp_path, capsys, fake_verifier):
    code, out, _ = _run(["render", "--out", str(tmp_path), "-q"], capsys)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [REFERENCE_MODULE, REPORT]
    code, out, _ = _run(["render", "--out", str(tmp_path), "--check", "-q"], capsys)
    assert code == 0 and "up to date" in out


def test_check_fails_when_a_rendered_file_was_edited(tmp_path, capsys, fake_verifier):
    _run(["render", "--out", str(tmp_path), "-q"], capsys)
    target = tmp_path / REFERENCE_MODULE
    target.write_text(target.read_text(encoding="utf-8").replace("np.maximum", "np.fmax"), encoding="utf-8")
    code, _, err = _run(["render", "--out", str(tmp_path), "--check", "-q"], capsys)
    assert code == 1
    assert REFERENCE_MODULE in err and "np.fmax" in err  # the diff shows the edit
    (tmp_path / REPORT).unlink()
    code, _, err = _run(["render", "--out", str(tmp_path), "--check", "-q"], capsys)
    assert code == 1 and REPORT in err


def test_render_refuses_with_exit_1_and_writes_nothing(tmp_path, capsys, fake_verifier):
    fake_verifier["unverified"] = "batch-grad-W1-l2"
    code, _, err = _run(["render", "--out", str(tmp_path / "out"), "-q"], capsys)
    assert code == 1
    assert "batch-grad-W1-l2" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_report_without_pdflatex_names_the_debian_packages(tmp_path, capsys, monkeypatch):
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which",
                        lambda name, *a, **k: None if name == "pdflatex" else real_which(name, *a, **k))
    code, _, err = _run(["report", "--pdf", "--out", str(tmp_path)], capsys)
    assert code == 2
    assert "texlive-latex-base" in err and "texlive-latex-extra" in err
    assert len(err.strip().splitlines()) == 1


def test_report_writes_the_packaged_tex(tmp_path, capsys):
    code, out, _ = _run(["report", "--out", str(tmp_path)], capsys)
    assert code == 0
    assert (tmp_path / REPORT).read_bytes() == (ROOT / "generated" / REPORT).read_bytes()


# The real `derive render --check` (one full verification) runs from the installed wheel in
# tests/test_wheel.py::test_installed_derive_verifies_and_finds_generated_up_to_date.


def test_report_fresh_renders_from_a_new_verification(tmp_path, capsys, fake_verifier):
    code, out, _ = _run(["report", "--fresh", "--out", str(tmp_path)], capsys)
    assert code == 0 and "report.tex" in out
    assert (tmp_path / REPORT).read_text(encoding="utf-8") == render_report(*fake_results())
