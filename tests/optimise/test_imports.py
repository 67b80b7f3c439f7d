"""The optimiser's modules import one another one way only: no import cycle among ``hubplan.optimise.*``.

Read from the source with ``ast`` (nothing is imported), so an import that only type checkers
follow (``if TYPE_CHECKING:``) counts as much as one that runs: each is a dependency of design.
"""

from __future__ import annotations

import ast
from pathlib import Path

import hubplan

PACKAGE = Path(hubplan.__file__).parent
Graph = dict[str, set[str]]


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """Return the module ``name`` lives in (``a.b.C`` -> ``a.b``), if it is one of ours."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def import_graph(*, lazy: bool) -> Graph:
    """Return module -> the modules it imports; ``lazy`` counts imports inside functions too.

    An import of ``a.b`` is an edge to ``a.b`` only, not to the package ``a`` whose ``__init__``
    Python runs first (as pydeps and import-linter count them).
    """
    modules = _modules()
    graph: Graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        nodes = ast.walk(tree) if lazy else _outside_functions(tree)
        deps: set[str] = set()
        for node in nodes:
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package
                    for _ in range(node.level - 1):
                        anchor = anchor.rpartition(".")[0]
                    base = f"{anchor}.{base}" if base else anchor
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            deps.update(found for t in targets if (found := _resolve(t, modules)) and found != name)
        graph[name] = deps
    return graph


def _outside_functions(tree: ast.AST) -> list[ast.AST]:
    """Every node not inside a function body (module level, class bodies, ``if TYPE_CHECKING:``)."""
    out: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return out


def cycles(graph: Graph, prefix: str) -> list[list[str]]:
    """Return each strongly connected set of two or more modules under ``prefix`` (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(c for c in found if any(m.startswith(prefix) for m in c))


def test_the_cycle_finder_finds_a_cycle() -> None:
    """a -> b -> c -> a is one cycle; d -> a hangs off it; e stands alone."""
    graph = {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": {"p.a"}, "p.d": {"p.a"}, "p.e": set()}
    assert cycles(graph, "p.") == [["p.a", "p.b", "p.c"]]
    assert cycles({"p.a": {"p.b"}, "p.b": set()}, "p.") == []


def test_the_graph_sees_type_checking_imports_and_skips_lazy_ones() -> None:
    """registry.py names the workspace for type checkers only; plan.py imports the rules at module level."""
    graph = import_graph(lazy=False)
    assert "hubplan.data.workspace" in graph["hubplan.optimise.rules.registry"]
    assert "hubplan.optimise.rules" in graph["hubplan.optimise.plan"]
    assert "hubplan.optimise.large_solve" not in graph["hubplan.optimise.solve"]  # inside solve_pmedian
    assert "hubplan.optimise.large_solve" in import_graph(lazy=True)["hubplan.optimise.solve"]


def test_no_import_cycle_among_the_optimiser_modules() -> None:
    """The rules' registry once imported plan.py, which imports the rules: an 11-file circle."""
    assert cycles(import_graph(lazy=False), "hubplan.optimise") == []


def test_no_cycle_even_through_imports_inside_functions() -> None:
    """Imports inside functions count too: the large solver once re-solved regions through ``solve``."""
    assert cycles(import_graph(lazy=True), "hubplan.optimise") == []
