"""The import rules of docs/architecture.md, written once as import-linter contracts in
pyproject.toml and checked three ways:

- lint-imports itself, on this checkout;
- the same contracts over an import graph read statically from every module's source, which
  also sees `importlib.import_module("...")` strings (e.g. dsp's lazy `__getattr__`) that
  lint-imports cannot;
- fresh interpreters, for what importing each package actually loads.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACTS = CONFIG["contracts"]
_DYNAMIC_IMPORTERS = {"import_module", "__import__"}


@dataclass
class Graph:
    """Internal modules, what each imports (internal edges) and the external names it uses."""

    modules: set[str] = field(default_factory=set)
    internal: dict[str, set[str]] = field(default_factory=dict)
    external: dict[str, set[str]] = field(default_factory=dict)
    where: dict[tuple[str, str], str] = field(default_factory=dict)


def imported_names(source: str, package: str) -> Iterable[tuple[str, int, bool]]:
    """(name, line, is_prefix) for every import anywhere in the source: top level, inside
    functions, `if TYPE_CHECKING` blocks, and calls to importlib.import_module/__import__
    (for an f-string, its leading text, marked as a prefix of some module under it)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, False
        elif isinstance(node, ast.ImportFrom):
            base = _absolute("." * node.level + (node.module or ""), package)
            yield base, node.lineno, False
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno, False
        elif isinstance(node, ast.Call) and node.args and _name_of(node.func) in _DYNAMIC_IMPORTERS:
            text, whole = _leading_text(node.args[0])
            if text:
                yield _absolute(text, package).rstrip("."), node.lineno, not whole


def _name_of(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _leading_text(arg: ast.expr) -> tuple[str, bool]:
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value, True
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value), False
    return "", False


def _absolute(name: str, package: str) -> str:
    level = len(name) - len(name.lstrip("."))
    if not level:
        return name
    base = package.split(".")[: len(package.split(".")) - level + 1]
    return ".".join([*base, name[level:]]).rstrip(".")


def read_graph(root: Path, packages: Iterable[str]) -> Graph:
    graph = Graph()
    sources = {}
    for top in packages:
        for path in sorted((root / top).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            package = module if path.name == "__init__.py" else module.rpartition(".")[0]
            graph.modules.add(module)
            sources[module] = (path, package)
    tops = {m.split(".")[0] for m in graph.modules}
    for module, (path, package) in sources.items():
        internal, external = graph.internal.setdefault(module, set()), set()
        for name, line, prefix in imported_names(path.read_text(), package):
            if name.split(".")[0] not in tops:
                external.add(name)
                graph.where.setdefault((module, name.split(".")[0]), f"{path.name}:{line}")
                continue
            targets = ({m for m in graph.modules if m.startswith(name + ".")} if prefix
                       else {_nearest_module(name, graph.modules)})
            for target in targets - {module}:
                internal.add(target)
                graph.where.setdefault((module, target), f"{path.name}:{line}")
        graph.external[module] = external
    return graph


def _nearest_module(name: str, modules: set[str]) -> str:
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def _within(module: str, parent: str) -> bool:
    return module == parent or module.startswith(parent + ".")


def chains_into(graph: Graph, sources: list[str], targets: list[str],
                indirect: bool = True) -> list[str]:
    """Every import chain from a module under `sources` to one under `targets` (internal
    modules or external names), described with the file and line of its first step."""
    found = []
    for start in sorted(m for m in graph.modules if any(_within(m, s) for s in sources)):
        parents, queue = {start: None}, [start]
        while queue:
            module = queue.pop(0)
            hits = [t for t in graph.internal[module] | graph.external[module]
                    if any(_within(t, x) for x in targets)]
            for hit in sorted(hits):
                chain = [hit, module]
                while parents[chain[-1]] is not None:
                    chain.append(parents[chain[-1]])
                chain.reverse()
                first = graph.where.get((chain[0], chain[1]), graph.where.get(
                    (chain[0], chain[1].split(".")[0]), "?"))
                found.append(" -> ".join(chain) + f"  ({first})")
            if indirect:
                for nxt in sorted(graph.internal[module] - parents.keys()):
                    if not any(_within(nxt, x) for x in targets):
                        parents[nxt] = module
                        queue.append(nxt)
    return found


def broken(contract: dict, graph: Graph) -> list[str]:
    """What breaks an import-linter contract (forbidden, independence, layers) in the graph."""
    kind = contract["type"]
    if kind == "forbidden":
        return chains_into(graph, contract["source_modules"], contract["forbidden_modules"],
                           indirect=not contract.get("allow_indirect_imports", False))
    if kind == "independence":
        groups = [[m] for m in contract["modules"]]
        return _independent(graph, groups)
    if kind == "layers":
        layers = [[m.strip() for m in layer.replace(":", "|").split("|")]
                  for layer in contract["layers"]]
        found = []
        for i, higher in enumerate(layers):
            for lower in layers[i + 1:]:
                found += chains_into(graph, lower, higher)
        for raw, layer in zip(contract["layers"], layers, strict=True):
            if "|" in raw:
                found += _independent(graph, [[m] for m in layer])
        return found
    raise AssertionError(f"no static check for import-linter contract type {kind!r}")


def _independent(graph: Graph, groups: list[list[str]]) -> list[str]:
    return [chain for a in groups for b in groups if a != b for chain in chains_into(graph, a, b)]


GRAPH = read_graph(ROOT, CONFIG["root_packages"])


@pytest.mark.parametrize("contract", CONTRACTS, ids=[c["name"] for c in CONTRACTS])
def test_contract_holds_in_the_static_import_graph(contract):
    assert broken(contract, GRAPH) == []


def test_the_static_reader_sees_function_level_and_lazy_imports(tmp_path):
    """The reader itself can fail: imports hidden where running the code never goes."""
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "__init__.py").write_text(
        "import importlib\n"
        "def __getattr__(name):\n"
        "    return importlib.import_module(f'core.{name}')\n")
    (tmp_path / "core" / "plan.py").write_text(
        "def later():\n    from ui import screen\n    return screen\n")
    (tmp_path / "core" / "method.py").write_text(
        "class Engine:\n    def show(self):\n        import textual.widgets\n")
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "__init__.py").write_text("")
    (tmp_path / "ui" / "screen.py").write_text("from ..core import plan\n")
    graph = read_graph(tmp_path, ["core", "ui"])
    assert graph.internal["core"] == {"core.plan", "core.method"}
    assert graph.internal["core.plan"] == {"ui", "ui.screen"}
    assert graph.internal["ui.screen"] == {"core", "core.plan"}
    assert broken({"type": "forbidden", "source_modules": ["core"],
                   "forbidden_modules": ["textual"]}, graph) == [
        "core -> core.method -> textual.widgets  (__init__.py:3)",
        "core.method -> textual.widgets  (method.py:3)",
        "core.plan -> ui.screen -> core -> core.method -> textual.widgets  (plan.py:2)",
    ]
    assert broken({"type": "layers", "layers": ["ui", "core"]}, graph) == [
        "core -> core.plan -> ui  (__init__.py:3)",
        "core -> core.plan -> ui.screen  (__init__.py:3)",
        "core.plan -> ui  (plan.py:2)",
        "core.plan -> ui.screen  (plan.py:2)",
    ]


def test_import_linter_keeps_every_contract():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c",
                             "from importlinter.cli import lint_imports_command as c; c()",
                             "--no-cache"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(CONTRACTS)} kept, 0 broken" in result.stdout


def loaded_modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return {line.split(".")[0] for line in out.splitlines()}


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        ("import moozix_tui", {"textual", "numpy", "dsp", "intents"}),
        ("import moozix_tui.cli", {"textual", "numpy", "dsp"}),
        ("import intents", {"textual", "numpy", "dsp", "moozix_tui", "rich"}),
        ("import dsp", {"textual", "intents", "moozix_tui", "rich"}),
        ("import moozix_tui.engine", {"textual"}),
        # the chat's first screen (its side panel names the loudness target) draws before
        # numpy and scipy load: importing dsp.mastering for the target's name cost 0.7 s
        ("import tempfile\nfrom moozix_tui.engine import Engine\n"
         "Engine.new(sessions_dir=tempfile.mkdtemp()).view", {"textual", "numpy", "scipy"}),
    ],
)
def test_core_imports_stay_in_their_lane(statement: str, forbidden: set[str]) -> None:
    assert loaded_modules_after(statement).isdisjoint(forbidden)
