"""The import graph of ``tui``: no circle at all, counting imports inside functions and under
``TYPE_CHECKING`` (grimp sees both). The layer contracts are import-linter's
(``[tool.importlinter]`` in pyproject.toml, run by ``make lint``)."""

from __future__ import annotations

from collections.abc import Mapping, Set

import pytest

grimp = pytest.importorskip("grimp")


def circles(edges: Mapping[str, Set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (each holds a circle), plus any
    module that imports itself; Tarjan's algorithm, without recursion."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in edges.get(node, ()):
                    found.append(sorted(group))
    return found


def test_the_circle_finder_finds_circles() -> None:
    """A circle of three, a module importing itself, and a chain that is no circle."""
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}, "f": set()}
    assert sorted(circles(edges)) == [["a", "b", "c"], ["d"]]


def test_tui_has_no_import_circle() -> None:
    """No module of tui reaches itself through its imports (function-level and TYPE_CHECKING
    imports included): each layer can be read, tested and loaded on its own."""
    graph = grimp.build_graph("tui", exclude_type_checking_imports=False)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert "tui.screens.explorer" in edges and edges["tui.app"], "the graph is empty"
    assert circles(edges) == []
