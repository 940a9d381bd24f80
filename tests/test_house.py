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


def _build_modules():
    """Every module of the build (build_scripts/ less the developer tools)."""
    base = ROOT / "build_scripts"
    return sorted(p for p in base.rglob("*.py") if "devtools" not in p.relative_to(base).parts)


def test_build_code_imports_neither_the_tests_nor_the_developer_tools():
    for path in _build_modules():
        bad = {
            m
            for m in _imports(path)
            if m == "tests" or m.startswith(("tests.", "build_scripts.devtools"))
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"


def test_every_ui_strings_file_has_only_english_keys_and_text():
    from build_scripts.generate import ui

    assert ui.LANGUAGES, "no translation of the UI strings"
    for lang in ui.LANGUAGES:
        table = ui.load(lang)
        assert set(table) <= set(ui.UI_EN), f"{lang}.yaml: keys English lacks"
        assert table["language_name"] != ui.UI_EN["language_name"]
        assert ui.ui_for(lang)[1] == [], f"{lang}.yaml lacks {ui.ui_for(lang)[1]}"
