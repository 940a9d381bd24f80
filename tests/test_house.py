"""The house rules that code can check: no engine module imports the router,
no build code imports the tests, the build never imports the developer tools."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved against its package."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            out.add(module)
            out |= {f"{module}.{a.name}" for a in node.names}
    return out


def test_no_engine_module_imports_the_router():
    for path in sorted((ROOT / "kit" / "engine").glob("*.py")):
        if path.name == "api.py":
            continue
        assert "kit.engine.api" not in _imports(path), f"{path.name} imports kit.engine.api"
