"""How the modules depend on each other: one way, no cycles, each framework at its edge."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).parents[1] / "src" / "meetgraph"


def module_imports() -> dict[str, set[str]]:
    """Module to what it imports when loaded (not in functions, not only for type checking)."""
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        names: set[str] = set()
        for statement in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
                continue
            for node in ast.walk(statement):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    break
                if isinstance(node, ast.ImportFrom) and node.module:
                    names.add(node.module)
                    names.update(f"{node.module}.{alias.name}" for alias in node.names)
                elif isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
        found[path.stem] = names
    return found


def test_no_module_imports_itself_back() -> None:
    imports = module_imports()
    graph = nx.DiGraph()
    for module, names in imports.items():
        graph.add_node(module)
        for name in names:
            target = name.removeprefix("meetgraph.").split(".")[0]
            if name.startswith("meetgraph.") and target in imports and target != module:
                graph.add_edge(module, target)
    assert list(nx.simple_cycles(graph)) == []


def test_only_the_cli_imports_click_and_only_the_app_imports_streamlit() -> None:
    imports = module_imports()
    click = {m for m, names in imports.items() if any(n.split(".")[0] == "click" for n in names)}
    streamlit = {
        m for m, names in imports.items() if any(n.split(".")[0] == "streamlit" for n in names)
    }
    assert (click, streamlit) == ({"cli"}, {"app"})


def test_the_command_line_loads_no_heavy_library_before_a_command_needs_it() -> None:
    imports = module_imports()
    heavy = {"networkx", "pandas", "scipy", "numpy", "pydantic", "yaml", "jinja2", "streamlit"}
    loaded: set[str] = set()
    todo = ["cli"]
    while todo:
        module = todo.pop()
        if module in loaded:
            continue
        loaded.add(module)
        for name in imports.get(module, ()):
            target = name.removeprefix("meetgraph.").split(".")[0]
            if name.startswith("meetgraph.") and target in imports:
                todo.append(target)
    used = {n.split(".")[0] for m in loaded for n in imports[m]}
    assert used & heavy == set(), sorted(loaded)
