"""The stages form a pipeline, not a circle: no module imports, even lazily, one that imports it back."""
import ast
from pathlib import Path

import kttt_extract

PACKAGE = Path(kttt_extract.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["kttt_extract", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every kttt_extract module that `name` imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in known}
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (base if node.level else node.module)
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
                elif target in known:
                    found.add(target)
    found.discard(name)
    return {m for m in found if m != "kttt_extract"}  # the package root only re-exports `extract` lazily


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_import_graph_has_no_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, set(modules)) for name, path in modules.items()}
    assert _cycle(graph) is None, " → ".join(_cycle(graph))


def test_the_walk_sees_a_cycle_when_there_is_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_walk_reads_lazy_relative_imports():
    modules = _modules()
    graph = _imports("kttt_extract.probes", modules["kttt_extract.probes"], set(modules))
    assert {"kttt_extract.pipeline", "kttt_extract.tag.numbers"} <= graph


def _too_big(path: Path) -> list[str]:
    """Files over 400 lines and classes over 150: a newcomer reads a stage, not a wall."""
    source = path.read_text(encoding="utf-8")
    found = [f"{path.name}: {len(source.splitlines())} lines"] if len(source.splitlines()) > 400 else []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno + 1 > 150:
            found.append(f"{path.name}: class {node.name} {node.end_lineno - node.lineno + 1} lines")
    return found


def test_no_module_over_400_lines_and_no_class_over_150():
    assert [big for path in sorted(PACKAGE.rglob("*.py")) for big in _too_big(path)] == []


def test_the_size_check_sees_a_big_class(tmp_path):
    big = tmp_path / "big.py"
    big.write_text("class Wall:\n" + "    x = 1\n" * 160, encoding="utf-8")
    assert _too_big(big) == ["big.py: class Wall 161 lines"]
