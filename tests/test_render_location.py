"""Where render and report write: never into an installed package or another checkout, and
never over an existing report without --force."""

from __future__ import annotations

from pathlib import Path

import pytest

import derive
from derive.cli import main
from derive.commands import render as render_cmd
from derive.errors import DeriveError

ROOT = Path(__file__).resolve().parents[1]


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as info:
        main(argv)
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


def test_inside_the_checkout_the_default_is_its_generated_dir() -> None:
    assert render_cmd.source_tree() == ROOT
    assert render_cmd.default_out(ROOT) == ROOT / "generated"
    assert render_cmd.default_out(ROOT / "tests" / "data") == ROOT / "generated"


def test_outside_the_checkout_out_is_required(tmp_path: Path) -> None:
    with pytest.raises(DeriveError, match="--out DIR") as info:
        render_cmd.default_out(tmp_path)
    assert str(ROOT) in str(info.value)  # names the checkout in use, so the user sees the mix-up


@pytest.mark.parametrize("pyproject", [None, '[project]\nname = "other"\n', "not toml ["])
def test_an_installed_package_has_no_source_tree(tmp_path: Path, monkeypatch, pyproject: str | None) -> None:
    site = tmp_path / "site-packages"
    (site / "derive").mkdir(parents=True)
    if pyproject is not None:
        (site / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    monkeypatch.setattr(derive, "__file__", str(site / "derive" / "__init__.py"))
    assert render_cmd.source_tree() is None
    with pytest.raises(DeriveError, match="installed"):
        render_cmd.default_out(site)


def test_render_outside_the_checkout_exits_2_before_verifying(tmp_path: Path, monkeypatch, capsys) -> None:
    import derive.checks.proof.verify as verify

    def must_not_run(*args, **kwargs):
        raise AssertionError("verification started before the output location was settled")

    monkeypatch.setattr(verify, "verify_all", must_not_run)
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(["render", "-q"], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--out" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_report_refuses_to_replace_an_existing_report(tmp_path: Path, capsys) -> None:
    target = tmp_path / render_cmd.REPORT_NAME
    target.write_text("the user's own edits", encoding="utf-8")
    code, _, err = _run(["report", "--out", str(tmp_path)], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "--force" in err and str(target) in err
    assert target.read_text(encoding="utf-8") == "the user's own edits"
    code, out, _ = _run(["report", "--out", str(tmp_path), "--force"], capsys)
    assert code == 0 and str(target) in out
    assert target.read_bytes() == (ROOT / "generated" / render_cmd.REPORT_NAME).read_bytes()


def test_report_into_a_fresh_directory_needs_no_force(tmp_path: Path, capsys) -> None:
    code, _, _ = _run(["report", "--out", str(tmp_path / "new")], capsys)
    assert code == 0
    assert (tmp_path / "new" / render_cmd.REPORT_NAME).is_file()


def test_report_name_matches_the_renderer() -> None:
    from derive.render import REPORT

    assert render_cmd.REPORT_NAME == REPORT
