"""The architecture, checked on every module: the core and the CLI never import Qt; no module
imports another package's private names; a package with a face (``__all__`` in its
``__init__``) is used from outside only through it; module imports form no cycle, and neither do
the core's packages.

Read from the source (imports at module level; an import inside a function is a deliberate
lazy load and may point anywhere allowed), so a new module is checked without listing it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app"
ROOT = "agentquill"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(APP).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted((APP / ROOT).rglob("*.py"))}


def _package(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _target(module: str, node: ast.ImportFrom) -> str:
    """The absolute name of the module ``node`` (in ``module``) imports from."""
    if not node.level:
        return node.module or ""
    base = _package(module).split(".")
    base = base[: len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, top_level_only: bool) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for each import in ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in tree.body if top_level_only else ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((_target(module, node), [a.name for a in node.names], node.lineno))
    return found


@cache
def _face(package: str) -> frozenset[str] | None:
    """The names of ``package``'s ``__all__``, or None when it declares none."""
    init = MODULES.get(package)
    if init is None or init.name != "__init__.py":
        return None
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return frozenset(ast.literal_eval(node.value))
    return None


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _owner_with_face(target: str) -> str | None:
    """The innermost package with a face that holds ``target`` (itself excluded)."""
    parts = target.split(".")
    for i in range(len(parts) - 1, 0, -1):
        package = ".".join(parts[:i])
        if _face(package) is not None:
            return package
    return None


def test_core_and_cli_import_no_qt():
    for module in MODULES:
        if not _inside(module, f"{ROOT}.core") and not _inside(module, f"{ROOT}.cli"):
            continue
        for target, _, line in _imports(module, top_level_only=False):
            assert not target.startswith(QT), f"{module}:{line} imports {target}"


def test_core_and_cli_run_without_qt():
    code = (
        "import sys, pkgutil, importlib, agentquill.core, agentquill.cli\n"
        "for m in pkgutil.walk_packages(agentquill.core.__path__, 'agentquill.core.'):\n"
        "    importlib.import_module(m.name)\n"
        f"bad = [m for m in sys.modules if m.startswith({QT!r})]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    subprocess.run([sys.executable, "-m", "agentquill", "--help"], check=True, capture_output=True)


def test_every_name_of_a_core_face_is_there():
    """A face that loads its names on first use (``__getattr__``) still holds every one (a
    name may also be a submodule, imported as ``from ..package import module``)."""
    faces = {m: _face(m) for m in MODULES if _inside(m, f"{ROOT}.core")}
    code = (
        "import importlib, importlib.util\n"
        f"for package, names in { ({m: sorted(f) for m, f in faces.items() if f})!r}.items():\n"
        "    face = importlib.import_module(package)\n"
        "    missing = [n for n in names if not hasattr(face, n)\n"
        "               and importlib.util.find_spec(f'{package}.{n}') is None]\n"
        "    assert not missing, (package, missing)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_no_private_name_is_imported_from_another_package():
    problems = []
    for module in MODULES:
        for target, names, line in _imports(module, top_level_only=False):
            if not target.startswith(ROOT) or target not in MODULES:
                continue
            if _package(target) == _package(module):
                continue
            private = [n for n in [target.rpartition(".")[2], *names] if n.startswith("_")]
            private = [n for n in private if not n.startswith("__")]
            if private:
                problems.append(f"{module}:{line} imports {private} from {target}")
        problems += _private_attributes(module)
    assert not problems, "\n".join(problems)


def _private_attributes(module: str) -> list[str]:
    """``mod._name`` where ``mod`` is a module of another package imported by ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    foreign = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if (full := f"{_target(module, node)}.{alias.name}") in MODULES
        and _package(full) != _package(module)
    }
    return [
        f"{module}:{node.lineno} uses {node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in foreign
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]


def test_packages_with_a_face_are_used_through_it():
    problems = []
    for module in MODULES:
        for target, names, line in _imports(module, top_level_only=False):
            if not target.startswith(ROOT):
                continue
            if target in MODULES and _face(target) is not None:
                owner, taken = target, names  # from the package itself: each name in its face
            else:
                owner = _owner_with_face(target)
                if owner is None:
                    continue
                taken = [target[len(owner) + 1 :].split(".")[0]]  # one of its modules
            if _inside(module, owner):
                continue
            outside = [n for n in taken if n not in _face(owner)]
            if outside:
                problems.append(f"{module}:{line} takes {outside} from {owner}, not in its face")
    assert not problems, "\n".join(problems)


def _graph(top_level_only: bool = True) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module in MODULES:
        for target, names, _ in _imports(module, top_level_only):
            for candidate in [f"{target}.{n}" for n in names] + [target]:
                if candidate in MODULES and candidate != module:
                    graph[module].add(candidate)
                    break
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph``, or None (an iterative depth-first search)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start in graph:
        if start in state:
            continue
        path, stack = [], [(start, iter(sorted(graph[start])))]
        state[start] = 1
        path.append(start)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                return path[path.index(child) :] + [child]
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return None


def test_module_imports_form_no_cycle():
    """A package's ``__init__`` that re-exports its modules is left out: importing a module
    of a package runs its ``__init__`` first by Python's rules, not by an edge of ours."""
    graph = _graph()
    faces = {m for m in MODULES if MODULES[m].name == "__init__.py"}
    graph = {m: {t for t in ts if t not in faces} for m, ts in graph.items() if m not in faces}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_core_packages_form_no_cycle():
    core = f"{ROOT}.core"
    packages = {m for m in MODULES if _package(m) != core and _inside(m, core)}

    def package_of(module: str) -> str:
        return ".".join(module.split(".")[:3])

    graph: dict[str, set[str]] = {}
    for module, targets in _graph().items():
        if module not in packages:
            continue
        for target in targets:
            if target in packages and package_of(target) != package_of(module):
                graph.setdefault(package_of(module), set()).add(package_of(target))
                graph.setdefault(package_of(target), set())
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def _calls(name: str) -> list[str]:
    """Modules (with the line) that call ``name(...)``."""
    found = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == name:
                found.append(f"{module}:{node.lineno}")
    return found


def test_one_file_watcher_one_action_table_and_a_small_main_window():
    """One QFileSystemWatcher serves the tabs and the project; the window's actions are built
    from one table; the main window only wires its parts together."""
    assert [m.rpartition(":")[0] for m in _calls("QFileSystemWatcher")] == [f"{ROOT}.ui.watcher"]
    window = f"{ROOT}.ui.window."
    built = [m for m in _calls("QAction") if m.startswith(window)]
    assert [m.rpartition(":")[0] for m in built] == [f"{window}actions"]
    lines = MODULES[f"{window}main_window"].read_text(encoding="utf-8").count("\n")
    assert lines <= 300, f"main_window.py has {lines} lines"
