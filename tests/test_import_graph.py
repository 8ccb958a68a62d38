"""No import cycles among DigitLab's modules, and each room imports only the rooms below it:
nn/ and resources/ import no gui/ or cli/, gui/ imports no cli/, and cli/ uses gui/ only through
gui/measure.py (bench times the window) and gui/draw/image_io.py (predict reads images with Qt).

The graph is read from the source, not from sys.modules: every .py under cli/, gui/, nn/ and
resources/ and main.py is parsed, and every import counts, at module level or inside a function
(a function-level import is how a cycle hides from the interpreter), as does a string naming a
module of the package (LazyTab("digitlab.gui.training.tab", ...), importlib.import_module(name)).
`from package import name` depends on package.name when that is a module, else on the package.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("cli", "gui", "nn", "resources")


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Module name ("digitlab.gui.app") -> its file, for main.py and every room."""
    files = [root / "main.py", *(p for room in ROOMS for p in sorted((root / room).rglob("*.py")))]
    modules = {}
    for path in files:
        parts = ["digitlab", *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules of `known` that the module `name` (source at path) imports anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.add(submodule if submodule in known else source)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known:
            found.add(node.value)
    return {module for module in found if module in known and module != name}


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = module_files(root)
    return {name: imported_modules(name, path, set(modules)) for name, path in modules.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module (or a self-import)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:   # the package has ~150 modules: recursion depth is no issue
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_graph_sees_every_room_and_imports_inside_functions():
    graph = import_graph()
    assert {"digitlab.main", "digitlab.cli", "digitlab.gui.app", "digitlab.nn.model.network",
            "digitlab.resources"} <= set(graph)
    assert "digitlab.gui.app" in graph["digitlab.main"]          # imported inside main()
    assert "digitlab.gui.training.tab" in graph["digitlab.gui.main_window"]   # a LazyTab's module


@pytest.mark.parametrize("graph, cycle", [
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, ["a", "b", "c"]),
    ({"a": {"a"}}, ["a"]),
])
def test_tarjan_finds_a_cycle(graph, cycle):
    assert strongly_connected(graph) == [cycle]


def test_a_cycle_written_in_a_function_is_found(tmp_path):
    for room in ROOMS:
        (tmp_path / room).mkdir()
    (tmp_path / "main.py").write_text("")
    (tmp_path / "gui" / "one.py").write_text("from digitlab.gui import two\n")
    (tmp_path / "gui" / "two.py").write_text("def f():\n    from .one import g\n")
    assert strongly_connected(import_graph(tmp_path)) == [["digitlab.gui.one", "digitlab.gui.two"]]


def test_no_module_of_the_package_takes_part_in_an_import_cycle():
    cycles = strongly_connected(import_graph())
    assert not cycles, "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


# room -> rooms (module-name prefixes) it must never import
FORBIDDEN = {
    "digitlab.nn": ("digitlab.gui", "digitlab.cli"),
    "digitlab.resources": ("digitlab.gui", "digitlab.cli", "digitlab.nn"),
    "digitlab.gui": ("digitlab.cli",),
    "digitlab.cli": ("digitlab.gui",),
}
CLI_MAY_USE = {"digitlab.gui.measure", "digitlab.gui.draw.image_io"}


def broken_rules(graph: dict[str, set[str]]) -> list[str]:
    """"a -> b" for every import that goes against FORBIDDEN (CLI_MAY_USE excepted)."""
    broken = []
    for module, targets in sorted(graph.items()):
        for room, forbidden in FORBIDDEN.items():
            if module == room or module.startswith(room + "."):
                broken += [f"{module} -> {target}" for target in sorted(targets)
                           if target.startswith(forbidden) and target not in CLI_MAY_USE]
    return broken


def test_a_broken_rule_is_reported():
    graph = {"digitlab.nn.model.network": {"digitlab.gui.app"},
             "digitlab.cli.bench": {"digitlab.gui.measure", "digitlab.gui.main_window"}}
    assert broken_rules(graph) == ["digitlab.cli.bench -> digitlab.gui.main_window",
                                   "digitlab.nn.model.network -> digitlab.gui.app"]


def test_each_room_imports_only_the_rooms_below_it():
    assert broken_rules(import_graph()) == []
