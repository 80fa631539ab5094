"""The shape of the code base, measured: import circles, imports that run back up the layers,
long modules and long functions; and the import-linter contracts, checked on the real graph.

    python bench/structure.py            # report every offender with file:line; exit 1 if any limit is broken
    python bench/structure.py --json     # the same as one JSON object
    python bench/structure.py lint       # import-linter's contracts (pyproject [tool.importlinter])

Why this script runs import-linter instead of the bare `lint-imports`: derive ships checks/,
generated/ and templates/ as derive.checks, derive.generated and derive.templates (pyproject's
[tool.setuptools.package-dir]). grimp, which builds import-linter's graph, only walks the directory
of the root package, so it would never see derive.checks; this script adds the mapped directories
to grimp's search and hands import-linter that graph. Everything else is import-linter's own.

Limits (issue 10): no import circle except the catalogue's registration by import, at most 4
imports that run back up, no module over 500 lines and no function over 80, outside tests/ and
generated/. Exit codes: 0 within the limits, 1 a limit broken, 2 bad usage or no readable pyproject.
"""

from __future__ import annotations

import ast
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import grimp

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
MAX_UPWARD_IMPORTS = 4
#: Folders whose files are not held to the size limits: tests (and the submissions under test)
#: and what the templates rendered.
EXEMPT_DIRS = ("tests", "generated")
#: Where Python source lives that the size limits apply to.
SOURCE_DIRS = ("derive", "checks", "templates", "bench", "docs")


class StructureError(Exception):
    """The project or the tools cannot be read as expected: exit 2 with one line."""


@dataclass(frozen=True)
class Offender:
    """One place that breaks a rule: where it is and what is wrong there."""

    where: str  # "path:line", relative to the repository
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def read_pyproject(root: Path = ROOT) -> dict:
    with open(root / "pyproject.toml", "rb") as handle:
        return tomllib.load(handle)


def package_dirs(pyproject: Mapping, root: Path = ROOT) -> dict[str, Path]:
    """Every package name of [tool.setuptools.package-dir] with its directory."""
    mapping = pyproject.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    return {name: (root / folder).resolve() for name, folder in mapping.items()}


@contextmanager
def _mapped_search(dirs: Mapping[str, Path]) -> Iterator[None]:
    """grimp's package search, extended by the mapped sub-packages (derive.checks -> checks/).

    grimp finds a root package and walks its directory; a sub-package that lives elsewhere is
    added here as a package of its own name, which grimp's scanner then reads like any other
    (its module names are prefixed by that name, its files read from its directory)."""
    from grimp.application import usecases
    from grimp.application.config import settings

    original = getattr(usecases, "_find_packages", None)
    if original is None:  # the one private name used here; fail loudly rather than see no checks/
        raise StructureError(f"grimp {grimp.__version__} has no usecases._find_packages: "
                             "bench/structure.py must learn its new way of finding packages")

    def find_packages(file_system, package_names):
        found = original(file_system, package_names)
        roots = set(package_names)
        for name, folder in sorted(dirs.items()):
            if "." in name and name.split(".")[0] in roots:
                found.add(settings.MODULE_FINDER.find_package(
                    package_name=name, package_directory=str(folder), file_system=file_system))
        return found

    usecases._find_packages = find_packages
    try:
        yield
    finally:
        usecases._find_packages = original


def build_graph(root_package: str, dirs: Mapping[str, Path], cache_dir: str | None = None) -> grimp.ImportGraph:
    with _mapped_search(dirs):
        return grimp.build_graph(root_package, cache_dir=cache_dir)


def module_path(module: str, dirs: Mapping[str, Path], root: Path = ROOT) -> str:
    """The file of a module, relative to the repository, through the package-dir mapping."""
    best = max((name for name in dirs if module == name or module.startswith(name + ".")), key=len, default=None)
    if best is None:
        return module.replace(".", "/") + ".py"
    rest = module[len(best):].lstrip(".").split(".") if module != best else []
    base = dirs[best].joinpath(*rest)
    path = base / "__init__.py" if (base / "__init__.py").is_file() or not rest else base.with_suffix(".py")
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def import_edges(graph: grimp.ImportGraph) -> Iterator[tuple[str, str, int]]:
    """(importer, imported, line) for every import between the graph's own modules."""
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            if graph.is_module_squashed(imported):
                continue
            for detail in graph.get_import_details(importer=importer, imported=imported):
                yield importer, imported, detail["line_number"]


# ---------------------------------------------------------------------------- import circles

def strongly_connected(nodes: Iterable[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Tarjan's components with more than one module (or a module importing itself), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a long import chain cannot hit the recursion limit
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(edges.get(succ, ())))))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in edges.get(node, ()):
                        components.append(sorted(component))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return sorted(components)


def is_registry(component: Sequence[str], registry: str = "derive.catalogue",
                registered: str = "derive.identities") -> bool:
    """The catalogue and the identity modules it imports to register them: the one allowed circle."""
    return registry in component and all(m == registry or m.startswith(registered + ".") for m in component)


def cycles(graph: grimp.ImportGraph, dirs: Mapping[str, Path]) -> list[Offender]:
    """One offender per import circle (the registry's excepted), listing the imports inside it."""
    edges: dict[str, set[str]] = {}
    lines: dict[tuple[str, str], list[int]] = {}
    for importer, imported, line in import_edges(graph):
        edges.setdefault(importer, set()).add(imported)
        lines.setdefault((importer, imported), []).append(line)
    offenders = []
    for component in strongly_connected(graph.modules, edges):
        if is_registry(component):
            continue
        inside = [f"{module_path(a, dirs)}:{min(lines[a, b])} {a} -> {b}"
                  for a in component for b in sorted(edges.get(a, ())) if b in component]
        first = inside[0].split(" ")[0]
        offenders.append(Offender(first, f"import circle of {len(component)} modules: " + "; ".join(inside)))
    return offenders


# ---------------------------------------------------------------------------- layers

@dataclass(frozen=True)
class Layers:
    """One import-linter layers contract: each layer a list of module names, top first."""

    id: str
    layers: tuple[tuple[str, ...], ...]
    independent: tuple[bool, ...]
    containers: tuple[str, ...] = ()
    exhaustive: bool = False

    @classmethod
    def from_contract(cls, contract: Mapping) -> Layers:
        containers = contract.get("containers") or [""]
        layers, independent = [], []
        for raw in contract["layers"]:
            separator = ":" if ":" in raw else "|"
            tails = [tail.strip().strip("()") for tail in raw.split(separator)]
            layers.append(tuple(f"{c}.{t}" if c else t for c in containers for t in tails))
            independent.append(separator == "|" and len(tails) > 1)
        return cls(contract.get("id", contract.get("name", "?")), tuple(layers), tuple(independent),
                   tuple(c for c in containers if c), bool(contract.get("exhaustive")))

    def place(self, module: str) -> tuple[int, str] | None:
        """(layer index, the layer's module holding it), or None when the contract says nothing."""
        for i, layer in enumerate(self.layers):
            for name in layer:
                if module == name or module.startswith(name + "."):
                    return i, name
        return None


def layer_contracts(pyproject: Mapping) -> list[Layers]:
    contracts = pyproject.get("tool", {}).get("importlinter", {}).get("contracts", [])
    return [Layers.from_contract(c) for c in contracts if c.get("type") == "layers"]


def undeclared(graph: grimp.ImportGraph, contracts: Sequence[Layers], dirs: Mapping[str, Path]) -> list[Offender]:
    """Children of an exhaustive contract's containers that no layer names (import-linter refuses
    to check such a contract at all, so a new module must be placed before anything else counts)."""
    offenders = []
    for contract in contracts:
        if not contract.exhaustive:
            continue
        for container in contract.containers:
            for child in sorted(graph.find_children(container)):
                if contract.place(child) is None:
                    offenders.append(Offender(f"{module_path(child, dirs)}:1",
                                              f"{child} is in no layer of contract {contract.id}"))
    return offenders


def against_layers(edges: Iterable[tuple[str, str, int]], contracts: Sequence[Layers],
                   dirs: Mapping[str, Path]) -> tuple[list[Offender], list[Offender]]:
    """(imports from a lower layer up to a higher one, imports between independent siblings).

    Counted whether or not a contract lists them in ignore_imports: an accepted exception is
    still an import that runs back up, and the issue bounds how many there may be."""
    upward, sideways = [], []
    for importer, imported, line in edges:
        for contract in contracts:
            a, b = contract.place(importer), contract.place(imported)
            if a is None or b is None or a[1] == b[1]:
                continue
            where = f"{module_path(importer, dirs)}:{line}"
            if a[0] > b[0]:
                upward.append(Offender(where, f"{importer} -> {imported} runs up ({contract.id}: "
                                              f"{a[1]} is below {b[1]})"))
            elif a[0] == b[0] and contract.independent[a[0]]:
                sideways.append(Offender(where, f"{importer} -> {imported} joins independent "
                                                f"siblings ({contract.id}: {a[1]} | {b[1]})"))
    return upward, sideways


# ---------------------------------------------------------------------------- sizes

def source_files(root: Path = ROOT, dirs: Sequence[str] = SOURCE_DIRS) -> list[Path]:
    """The Python files the size limits apply to (not tests/, not generated/)."""
    files = []
    for top in dirs:
        for path in sorted((root / top).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "__pycache__" in parts or any(part in EXEMPT_DIRS for part in parts):
                continue
            files.append(path)
    return files


def long_modules(files: Iterable[Path], root: Path = ROOT, limit: int = MAX_MODULE_LINES) -> list[Offender]:
    offenders = []
    for path in files:
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            offenders.append(Offender(f"{_relative(path, root)}:1", f"module of {count} lines (limit {limit})"))
    return offenders


def long_functions_in(source: str, where: str, limit: int = MAX_FUNCTION_LINES) -> list[Offender]:
    """Functions (methods and nested ones too) longer than limit lines, from `def` to their end."""
    offenders = []

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = prefix
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = child.end_lineno - child.lineno + 1
                if length > limit:
                    offenders.append(Offender(f"{where}:{child.lineno}",
                                              f"function {name} of {length} lines (limit {limit})"))
            walk(child, f"{name}." if name != prefix else prefix)

    walk(ast.parse(source), "")
    return offenders


def long_functions(files: Iterable[Path], root: Path = ROOT, limit: int = MAX_FUNCTION_LINES) -> list[Offender]:
    offenders = []
    for path in files:
        offenders += long_functions_in(path.read_text(encoding="utf-8"), _relative(path, root), limit)
    return offenders


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------- the report

@dataclass
class Report:
    undeclared: list[Offender]
    cycles: list[Offender]
    upward: list[Offender]
    sideways: list[Offender]
    long_modules: list[Offender]
    long_functions: list[Offender]

    def broken(self) -> list[str]:
        """The limits this report breaks, one sentence each."""
        found = []
        if self.undeclared:
            found.append(f"{len(self.undeclared)} modules in no layer (limit 0)")
        if self.cycles:
            found.append(f"{len(self.cycles)} import circles besides the registry (limit 0)")
        if len(self.upward) > MAX_UPWARD_IMPORTS:
            found.append(f"{len(self.upward)} imports run back up (limit {MAX_UPWARD_IMPORTS})")
        if self.long_modules:
            found.append(f"{len(self.long_modules)} modules over {MAX_MODULE_LINES} lines (limit 0)")
        if self.long_functions:
            found.append(f"{len(self.long_functions)} functions over {MAX_FUNCTION_LINES} lines (limit 0)")
        return found

    def text(self) -> str:
        sections = [("modules in no layer of an exhaustive contract", self.undeclared),
                    ("import circles (the catalogue's registration excepted)", self.cycles),
                    ("imports that run back up the layers", self.upward),
                    ("imports between independent siblings", self.sideways),
                    (f"modules over {MAX_MODULE_LINES} lines", self.long_modules),
                    (f"functions over {MAX_FUNCTION_LINES} lines", self.long_functions)]
        out = []
        for title, offenders in sections:
            out.append(f"{title}: {len(offenders)}")
            out += [f"  {o}" for o in offenders]
        broken = self.broken()
        out.append("limits broken: " + "; ".join(broken) if broken else "within the limits")
        return "\n".join(out)


def measure(root: Path = ROOT) -> Report:
    pyproject = read_pyproject(root)
    dirs = package_dirs(pyproject, root)
    graph = build_graph(pyproject["tool"]["importlinter"]["root_package"], dirs)
    contracts = layer_contracts(pyproject)
    upward, sideways = against_layers(import_edges(graph), contracts, dirs)
    files = source_files(root)
    return Report(undeclared(graph, contracts, dirs), cycles(graph, dirs), upward, sideways,
                  long_modules(files, root), long_functions(files, root))


# ---------------------------------------------------------------------------- import-linter

def lint(arguments: Sequence[str], root: Path = ROOT) -> int:
    """import-linter's own command line, on the graph with the mapped packages in it."""
    from importlinter import cli
    from importlinter.adapters.building import GraphBuilder
    from importlinter.application.app_config import settings

    dirs = package_dirs(read_pyproject(root), root)

    class MappedGraphBuilder(GraphBuilder):
        def build(self, root_package_names, cache_dir, include_external_packages=False,
                  exclude_type_checking_imports=False):
            with _mapped_search(dirs):
                return super().build(root_package_names, cache_dir, include_external_packages,
                                     exclude_type_checking_imports)

    settings.configure(GRAPH_BUILDER=MappedGraphBuilder())
    try:
        cli.lint_imports_command.main(["--no-cache", *arguments], standalone_mode=False)
    except SystemExit as stop:  # lint_imports_command ends with sys.exit(code)
        return int(stop.code or 0)
    return 0


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["lint"]:
        try:
            return lint(argv[1:])
        except StructureError as error:
            print(f"structure: {error}", file=sys.stderr)
            return 2
    if argv not in ([], ["--json"]):
        print(f"structure: unknown arguments {' '.join(argv)!r}; use no argument, --json or lint",
              file=sys.stderr)
        return 2
    try:
        report = measure()
    except (OSError, KeyError, tomllib.TOMLDecodeError, StructureError) as error:
        print(f"structure: cannot read the project: {error}", file=sys.stderr)
        return 2
    if argv == ["--json"]:
        print(json.dumps({name: [asdict(o) for o in value] for name, value in vars(report).items()}
                         | {"broken": report.broken()}, indent=2))
    else:
        print(report.text())
    return 1 if report.broken() else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
