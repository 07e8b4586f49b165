"""The core never imports Textual (only guideagent.tui does), and importing is cheap."""

from __future__ import annotations

import ast
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

from paths import ROOT

import guideagent

CORE = sorted(
    m.name
    for m in pkgutil.walk_packages(guideagent.__path__, "guideagent.")
    if not m.name.startswith("guideagent.tui")
)


def test_core_does_not_import_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_cli_import_defers_heavy_libraries():
    code = (
        "import sys, guideagent.cli, guideagent.factory\n"
        "heavy = [m for m in ('openai', 'instructor', 'onnxruntime', 'textual') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- layering: the package graph has no cycles -------------------------------------------------
SRC = Path(guideagent.__file__).parent
STEP_PACKAGES = ("critique", "drafting", "synthesis")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every guideagent module a file imports, at any depth (function-level and
    TYPE_CHECKING imports included: a cycle is a cycle even when deferred)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {name for name in found if name.startswith("guideagent.")}


def _component(name: str) -> str:
    """guideagent.synthesis.llm -> synthesis; guideagent.config -> config; a name that is
    not a module of its own (guideagent.__version__) -> the root package."""
    first = name.split(".")[1]
    exists = (SRC / first).is_dir() or (SRC / f"{first}.py").is_file()
    return first if exists else "guideagent"


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        module = _module_name(path)
        source = _component(module) if "." in module else "guideagent"
        for target in map(_component, _imports(path)):
            if target != source:
                graph.setdefault(source, set()).add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_package_level_import_cycle():
    graph = package_graph()
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_step_packages_sit_below_the_engines():
    graph = package_graph()
    for step in STEP_PACKAGES:
        assert "engines" not in graph.get(step, set()), f"{step} imports engines"
    for low in ("llm", "protocol"):
        above = {"engines", *STEP_PACKAGES, "factory", "tui", "commands"}
        assert not graph.get(low, set()) & above, f"{low} imports {graph[low] & above}"


def test_no_engine_name_checks_or_attribute_sniffing():
    """The pipeline decides by the protocol (capabilities, cache_tag, usage), never by an
    engine's name or by probing for attributes."""
    pattern = re.compile(
        r"engine\.name\s*[!=]=|(?:getattr|hasattr)\((?:self\.)?_?engine\b|isinstance\([^)]*Engine\)"
    )
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in SRC.rglob("*.py")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders


def test_the_engines_implement_the_whole_protocol(llm_settings):
    import inspect

    from fakes.engine import FakeEngine

    from guideagent.engines.llm import LLMEngine
    from guideagent.engines.offline import OfflineEngine
    from guideagent.protocol import Engine

    members = [n for n in dir(Engine) if not n.startswith("_")] + ["name"]
    for engine in (OfflineEngine(), LLMEngine(llm_settings), FakeEngine()):
        assert isinstance(engine, Engine)
        missing = [m for m in members if not hasattr(engine, m)]
        assert not missing, (type(engine).__name__, missing)
        assert inspect.iscoroutinefunction(engine.aextract_notes)


def test_import_contracts_hold():
    """The layers in pyproject.toml's [tool.importlinter]: nothing imports upward."""
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(linter), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_every_top_level_module_has_a_layer_and_architecture_md_names_it():
    """A new module must be placed in the layers contract and on ARCHITECTURE.md's page."""
    import tomllib

    root = ROOT
    config = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    placed = {
        name.strip().removeprefix("guideagent.") for layer in layers for name in layer.split("|")
    }
    modules = {m.name for m in pkgutil.iter_modules(guideagent.__path__) if m.name != "__main__"}
    assert modules - placed == set(), "place these in [tool.importlinter]'s layers"
    page = (root / "ARCHITECTURE.md").read_text()
    unnamed = {m for m in placed if f"`{m}`" not in page and f"`{m}/`" not in page}
    assert unnamed == set(), "ARCHITECTURE.md does not name these"


def test_a_module_over_400_lines_says_why_in_its_docstring():
    long = {
        str(path.relative_to(SRC)): ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        for path in SRC.rglob("*.py")
        if len(path.read_text(encoding="utf-8").splitlines()) > 400
    }
    unexplained = sorted(name for name, doc in long.items() if "400 lines" not in (doc or ""))
    assert unexplained == [], "say in the module docstring why it is longer than 400 lines"
