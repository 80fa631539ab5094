"""The shape of the code base (issue 10) and the checker that measures it (bench/structure.py).

The first half tests the checker on small made-up graphs and sources, wrong and right; the second
half holds the real tree to the issue's limits and prints every offender with file:line."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("structure", ROOT / "bench" / "structure.py")
structure = importlib.util.module_from_spec(_spec)
sys.modules["structure"] = structure  # dataclasses look their module up by name
_spec.loader.exec_module(structure)


def toy_graph(*imports: tuple[str, str, int]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported, line in imports:
        graph.add_import(importer=importer, imported=imported, line_number=line, line_contents="import x")
    return graph


# ---------------------------------------------------------------- the checker, on made-up input

def test_strongly_connected_finds_a_circle_and_only_the_circle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert structure.strongly_connected(edges.keys(), edges) == [["a", "b", "c"]]


def test_strongly_connected_finds_nothing_in_a_chain_and_a_module_importing_itself():
    chain = {"a": {"b"}, "b": {"c"}}
    assert structure.strongly_connected(["a", "b", "c"], chain) == []
    assert structure.strongly_connected(["a"], {"a": {"a"}}) == [["a"]]


def test_a_long_chain_does_not_hit_the_recursion_limit():
    n = 5000
    edges = {f"m{i}": {f"m{i + 1}"} for i in range(n)}
    edges[f"m{n}"] = {"m0"}
    (component,) = structure.strongly_connected(edges.keys(), edges)
    assert len(component) == n + 1


def test_only_the_catalogue_and_its_identities_make_the_allowed_circle():
    assert structure.is_registry(["derive.catalogue", "derive.identities.loss", "derive.identities.norms"])
    assert not structure.is_registry(["derive.catalogue", "derive.identities.loss", "derive.identity"])
    assert not structure.is_registry(["derive.identities.loss", "derive.identities.norms"])


def test_cycles_reports_a_circle_with_file_and_line_and_excepts_the_registry():
    graph = toy_graph(("derive.catalogue", "derive.identities.loss", 15),
                      ("derive.identities.loss", "derive.catalogue", 13),
                      ("derive.checks.proof.symbolic", "derive.checks.proof.index_form", 320),
                      ("derive.checks.proof.index_form", "derive.checks.proof.symbolic", 117))
    dirs = {"derive": ROOT / "derive", "derive.checks": ROOT / "checks"}
    (offender,) = structure.cycles(graph, dirs)
    assert offender.where == "checks/proof/index_form.py:117"
    back = "checks/proof/symbolic.py:320 derive.checks.proof.symbolic -> derive.checks.proof.index_form"
    assert back in offender.what
    assert structure.cycles(toy_graph(("derive.catalogue", "derive.identities.loss", 15),
                                      ("derive.identities.loss", "derive.catalogue", 13)), dirs) == []


def test_module_path_follows_the_package_dir_mapping():
    dirs = {"derive": ROOT / "derive", "derive.checks": ROOT / "checks"}
    assert structure.module_path("derive.checks.proof.symbolic", dirs) == "checks/proof/symbolic.py"
    assert structure.module_path("derive.checks.proof", dirs) == "checks/proof/__init__.py"
    assert structure.module_path("derive.cli", dirs) == "derive/cli.py"


CONTRACT = {"id": "toy", "type": "layers", "containers": ["pkg"], "exhaustive": True,
            "layers": ["top", "mid : mid2", "a | b", "(low)"]}


def test_layers_are_read_as_import_linter_writes_them():
    layers = structure.Layers.from_contract(CONTRACT)
    assert layers.layers == (("pkg.top",), ("pkg.mid", "pkg.mid2"), ("pkg.a", "pkg.b"), ("pkg.low",))
    assert layers.independent == (False, False, True, False)
    assert layers.place("pkg.mid2.deep") == (1, "pkg.mid2")
    assert layers.place("other.top") is None


def test_upward_and_sideways_imports_are_found_and_downward_ones_are_not():
    edges = [("pkg.low.x", "pkg.top", 3),      # up: wrong
             ("pkg.a", "pkg.b.y", 7),          # independent siblings: wrong
             ("pkg.top", "pkg.low", 1),        # down: right
             ("pkg.mid", "pkg.mid2", 2),       # non-independent siblings: right
             ("pkg.mid2", "pkg.mid", 2),
             ("pkg.a.inner", "pkg.a", 4),      # inside one layer module: right
             ("outside", "pkg.top", 5)]        # not under the contract: not judged
    dirs = {"pkg": Path("/nowhere/pkg")}
    upward, sideways = structure.against_layers(edges, [structure.Layers.from_contract(CONTRACT)], dirs)
    found = [(o.where, o.what.split(" runs")[0]) for o in upward]
    assert found == [("/nowhere/pkg/low/x.py:3", "pkg.low.x -> pkg.top")]
    assert [o.what.split(" joins")[0] for o in sideways] == ["pkg.a -> pkg.b.y"]


def test_a_module_in_no_layer_of_an_exhaustive_contract_is_reported():
    graph = toy_graph(("pkg.top", "pkg.low", 1), ("pkg.stray", "pkg.low", 2))
    graph.add_module("pkg")
    contract = structure.Layers.from_contract(CONTRACT)
    offenders = structure.undeclared(graph, [contract], {"pkg": Path("/nowhere/pkg")})
    assert [o.what for o in offenders] == ["pkg.stray is in no layer of contract toy"]
    relaxed = structure.Layers.from_contract(CONTRACT | {"exhaustive": False})
    assert structure.undeclared(graph, [relaxed], {}) == []


def _function(name: str, body_lines: int, indent: str = "") -> str:
    return f"{indent}def {name}():\n" + "".join(f"{indent}    x = {i}\n" for i in range(body_lines))


def test_long_functions_counts_from_def_to_the_end_and_names_methods():
    source = _function("fits", 79) + _function("too_long", 80) + "class K:\n" + _function("method", 85, "    ")
    offenders = structure.long_functions_in(source, "m.py")
    assert [o.where for o in offenders] == ["m.py:81", "m.py:163"]
    assert offenders[0].what == "function too_long of 81 lines (limit 80)"
    assert offenders[1].what.startswith("function K.method of 86 lines")
    assert structure.long_functions_in(_function("fits", 79), "m.py") == []


def test_long_modules_sees_501_lines_and_passes_500(tmp_path):
    (tmp_path / "ok.py").write_text("x = 1\n" * 500)
    (tmp_path / "big.py").write_text("x = 1\n" * 501)
    offenders = structure.long_modules(sorted(tmp_path.glob("*.py")), tmp_path)
    assert [str(o) for o in offenders] == ["big.py:1: module of 501 lines (limit 500)"]


def test_source_files_leave_out_tests_and_generated():
    files = {str(p.relative_to(ROOT)) for p in structure.source_files(ROOT)}
    assert "bench/structure.py" in files and "derive/cli.py" in files
    assert not any(f.startswith(("tests/", "generated/")) for f in files)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "structure.py"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_lint_breaks_a_contract_the_code_does_not_keep(tmp_path):
    # checks always stand on the mathematics; this contract says the opposite, so it must break
    config = tmp_path / "upside_down.toml"
    config.write_text('[tool.importlinter]\nroot_package = "derive"\n'
                      '[[tool.importlinter.contracts]]\nid = "upside-down"\nname = "functions above checks"\n'
                      'type = "layers"\ncontainers = ["derive"]\nlayers = ["functions", "checks"]\n')
    done = _run("lint", "--no-logo", str(config))
    assert done.returncode == 1, done.stdout + done.stderr
    assert "derive.checks." in done.stdout and "BROKEN" in done.stdout


def test_a_grimp_without_its_package_search_is_an_error_not_a_silent_pass(monkeypatch):
    from grimp.application import usecases

    monkeypatch.delattr(usecases, "_find_packages")
    with pytest.raises(structure.StructureError, match="_find_packages"):
        structure.build_graph("derive", {"derive.checks": ROOT / "checks"})


def test_unknown_arguments_are_exit_2_with_one_line():
    done = _run("--frobnicate")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unknown arguments" in done.stderr


# ---------------------------------------------------------------- the real tree, held to the limits

@pytest.fixture(scope="module")
def report():
    return structure.measure(ROOT)


def _hold(offenders, limit: int, what: str) -> None:
    """Fail with every offender on its own line (file:line first) when there are more than limit."""
    assert isinstance(offenders, list)  # a report that could not list anything is a failure too
    if len(offenders) > limit:
        pytest.fail(f"{len(offenders)} {what} (limit {limit}):\n" + "\n".join(f"  {o}" for o in offenders),
                    pytrace=False)


def test_the_graph_sees_the_mapped_packages():
    # without the package-dir mapping grimp sees no derive.checks at all and every check passes
    pyproject = structure.read_pyproject(ROOT)
    graph = structure.build_graph("derive", structure.package_dirs(pyproject, ROOT))
    rooms = {m for m in graph.modules if m.startswith("derive.checks.")}
    assert {"derive.checks.proof", "derive.checks.grading", "derive.checks.latex"} <= rooms
    assert any(graph.find_modules_directly_imported_by(m) & {"derive.identity", "derive.functions"} for m in rooms)


def test_every_module_sits_in_a_layer(report):
    _hold(report.undeclared, 0, "modules in no layer of an exhaustive contract (pyproject [tool.importlinter])")


def test_no_import_circle_besides_the_registry(report):
    _hold(report.cycles, 0, "import circles besides the catalogue's registration")


def test_at_most_four_imports_run_back_up(report):
    _hold(report.upward, structure.MAX_UPWARD_IMPORTS, "imports that run back up the layers")


def test_no_module_over_500_lines(report):
    _hold(report.long_modules, 0, f"modules over {structure.MAX_MODULE_LINES} lines")


def test_no_function_over_80_lines(report):
    _hold(report.long_functions, 0, f"functions over {structure.MAX_FUNCTION_LINES} lines")


def test_the_import_contracts_hold():
    done = _run("lint", "--no-logo")
    assert done.returncode == 0, done.stdout + done.stderr
