"""The access core imports no app: apps build on it, and reach each other's pages only through panels."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = (
    "actors", "protection_tasks", "missions", "incidents", "trainings", "cmcoord.operations", "cmcoord.exports", "demo",
    "benchmarks", "planning", "engagements", "deconfliction",
    "cmcoord.gazetteer", "cmcoord.records",
)  # fmt: skip
RECORD_APPS = ("engagements", "deconfliction", "incidents", "trainings", "planning")


def _imports(path: Path):
    """What a file imports, ``from package import module`` counted as ``package.module`` too."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


@pytest.mark.parametrize("path", sorted((ROOT / "cmcoord" / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_imports_no_app(path):
    found = [name for name in _imports(path) if name.startswith(APPS)]
    assert not found, f"{path.relative_to(ROOT)} imports {found}"


@pytest.mark.parametrize("package", ["cmcoord/operations", "protection_tasks"])
def test_lower_apps_do_not_import_the_apps_built_on_them(package):
    """The task log and the operations app know nothing of actors and missions (which register panels)."""
    above = ("actors", "missions") if package == "protection_tasks" else ("actors", "missions", "protection_tasks")
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = [name for name in _imports(path) if name.startswith(above)]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


def test_the_attachments_sit_on_the_core_and_the_operations_only():
    """``cmcoord.attachments`` is a lower layer, like the exports: record apps attach files through it, it knows
    none of them (every app of the project is looked for, those added later too), and the core knows nothing of it.
    """
    project_apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"cmcoord"}
    allowed = ("cmcoord.core", "cmcoord.operations", "cmcoord.attachments")
    for path in sorted((ROOT / "cmcoord" / "attachments").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = [name for name in _imports(path) if name.split(".")[0] in project_apps and not name.startswith(allowed)]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"
    for path in sorted((ROOT / "cmcoord" / "core").rglob("*.py")):
        found = [name for name in _imports(path) if name.startswith("cmcoord.attachments")]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


def test_the_export_framework_imports_no_feature_app():
    """``cmcoord.exports`` sits on the core and the operations: feature apps register their exports with it."""
    feature_apps = ("actors", "missions", "protection_tasks", "digests", "demo", "benchmarks")
    for path in sorted((ROOT / "cmcoord" / "exports").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = [name for name in _imports(path) if name.startswith(feature_apps)]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


@pytest.mark.parametrize(
    ("package", "above"),
    [
        ("cmcoord/core", ("digests",)),
        ("cmcoord/operations", ("digests",)),
        ("digests", ("protection_tasks", "actors", "missions", "demo", "benchmarks")),
    ],
)
def test_the_digests_sit_between_operations_and_the_feature_apps(package, above):
    """The digest machinery builds on the core and the operations only; feature apps register their sections
    with it in their own ``digests.py``, and nothing below it knows it."""
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = [name for name in _imports(path) if name.startswith(above)]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


def test_the_gazetteer_sits_on_the_core_and_the_operations_only():
    """Reference data every feature app's forms pick places from: it knows no app above the operations."""
    project = {path.parent.name for path in ROOT.glob("*/apps.py")}
    project |= {f"cmcoord.{path.parent.name}" for path in (ROOT / "cmcoord").glob("*/apps.py")}
    above = tuple(sorted(project - {"cmcoord.core", "cmcoord.operations", "cmcoord.gazetteer"}))
    assert "protection_tasks" in above and "cmcoord.exports" in above
    for path in sorted((ROOT / "cmcoord" / "gazetteer").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        found = [name for name in _imports(path) if name in above or name.startswith(tuple(f"{app}." for app in above))]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


def _source_files():
    """Every Python file of the project (the tests too), migrations and the virtualenv left out."""
    for top in sorted(ROOT.iterdir()):
        if top.is_dir() and not top.name.startswith(".") and not top.is_symlink():
            yield from (path for path in sorted(top.rglob("*.py")) if "migrations" not in path.parts)


def test_record_apps_reach_the_task_log_through_its_models_services_and_selectors_only():
    """No app but the task log itself (and the leaves: the demo and the benchmarks) imports its pages or its forms;
    the root URLconf mounts its pages. What they shared from there lives in the operations app and the core."""
    allowed = {"protection_tasks", "demo", "benchmarks", "tests"}
    found = {
        str(path.relative_to(ROOT)): name
        for path in _source_files()
        if path.relative_to(ROOT).parts[0] not in allowed and path != ROOT / "cmcoord" / "urls.py"
        for name in _imports(path)
        if name.startswith(("protection_tasks.views", "protection_tasks.forms"))
    }
    assert not found


COPIES = re.compile(r"get_full_name\(\) or|localtime\(timezone\.now\(\), [\w.]+\)\.date\(\)")  # their logic, inline


def test_the_shared_helpers_are_written_once_in_the_lowest_layer_that_fits():
    """An operation's today, the months before it, its members and a person's name: one definition each, and no
    hand-written copy of their logic elsewhere."""
    helpers = {
        "operation_today": "cmcoord/operations/calendar.py",
        "months_back": "cmcoord/operations/calendar.py",
        "operation_members": "cmcoord/operations/selectors.py",
        "person_name": "cmcoord/core/people.py",
    }
    defined = {name: [] for name in helpers}
    copies = []
    for path in _source_files():
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in defined:
                defined[node.name].append(str(path.relative_to(ROOT)))
        if path.relative_to(ROOT).as_posix() not in helpers.values() and path != Path(__file__):
            copies += [f"{path.relative_to(ROOT)}: {match}" for match in COPIES.findall(source)]
    assert defined == {name: [where] for name, where in helpers.items()}
    assert not copies


def _project_imports(package):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, list(_imports(path))


def test_the_record_kit_sits_below_every_record_app():
    """``cmcoord.records`` builds on the core, the operations, the exports and the gazetteer; it knows no app that
    declares a record type (nor the task log, actors or missions), and nothing below it knows it."""
    above = (*RECORD_APPS, "protection_tasks", "actors", "missions", "digests", "demo", "benchmarks")
    for path, names in _project_imports("cmcoord/records"):
        found = [name for name in names if name.startswith(above)]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"
    for package in (
        "cmcoord/core",
        "cmcoord/operations",
        "cmcoord/exports",
        "cmcoord/gazetteer",
        "cmcoord/attachments",
    ):
        for path, names in _project_imports(package):
            found = [name for name in names if name.startswith("cmcoord.records")]
            assert not found, f"{path.relative_to(ROOT)} imports {found}"


@pytest.mark.parametrize("app", RECORD_APPS)
def test_record_apps_do_not_import_each_other(app):
    """Each record app builds on the kit, the task log, actors and missions; one reaches another's pages only
    through panels, never by importing it."""
    others = tuple(f"{other}" for other in RECORD_APPS if other != app)
    for path, names in _project_imports(app):
        found = [name for name in names if name.split(".")[0] in others]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"


def test_actors_do_not_import_missions():
    """Missions name actors (a mission's components, its PoC role towards armed groups); actors know no mission."""
    for path, names in _project_imports("actors"):
        found = [name for name in names if name.split(".")[0] == "missions"]
        assert not found, f"{path.relative_to(ROOT)} imports {found}"
