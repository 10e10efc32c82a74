"""The package's floors, read from its files: imports go one way, Streamlit stays in the views, and
every setting is documented."""

import ast
import re
from pathlib import Path

import pytest

from dashboard import settings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
# Lowest first: a module may import from its own floor and the floors below it, never above.
FLOORS = ["settings", "pipeline", "query", "present", "store", "views"]
TOP = len(FLOORS)  # the package itself, cli.py, __main__.py: the entry points over everything


def floor_of(module: str) -> int:
    """The floor of a module named ``dashboard.x.y`` (or of the package ``dashboard``)."""
    parts = module.split(".")
    return FLOORS.index(parts[1]) if len(parts) > 1 and parts[1] in FLOORS else TOP


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def imports(path: Path) -> list[str]:
    """The dashboard modules a file imports (``from dashboard import x`` names ``dashboard.x`` when x
    is a module or a floor of the package, else the package itself)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dashboard":
                for alias in node.names:
                    is_module = (PACKAGE / f"{alias.name}.py").exists() or (PACKAGE / alias.name).is_dir()
                    found.append(f"dashboard.{alias.name}" if is_module else "dashboard")
            else:
                found.append(node.module)
    return found


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_the_floors_are_folders_of_the_package():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and not p.name.startswith("__")}
    assert folders == set(FLOORS) - {"settings"}
    assert (PACKAGE / "settings.py").exists()


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_imports_from_a_floor_above_its_own(path):
    own = floor_of(module_name(path))
    above = [m for m in imports(path) if m.split(".")[0] == "dashboard" and floor_of(m) > own]
    assert not above, f"{module_name(path)} (floor {FLOORS[own] if own < TOP else 'top'}) imports {above}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_only_the_views_import_streamlit(path):
    if floor_of(module_name(path)) == FLOORS.index("views"):
        return
    assert not [m for m in imports(path) if m.split(".")[0] == "streamlit"]


def test_the_direction_test_sees_an_upward_import(tmp_path):
    """The walk above would catch a pipeline module that reaches for a page's helpers."""
    bad = tmp_path / "bad.py"
    bad.write_text("from dashboard.views import loaders\nfrom dashboard import settings\n")
    assert imports(bad) == ["dashboard.views", "dashboard.settings"]
    assert floor_of("dashboard.views.loaders") > floor_of("dashboard.pipeline.text")


def test_every_setting_is_read_in_the_settings_module_only():
    for path in modules():
        if path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "os.environ" not in text and "getenv" not in text, path


@pytest.mark.parametrize("setting", settings.SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_in_the_readme(setting):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| `{setting.name}` \|.*$", readme, flags=re.M)
    assert row, f"README.md has no row for {setting.name} in its settings table"
