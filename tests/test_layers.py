"""The layer contract: a lower layer never imports a higher one.

The contract is the ``[tool.importlinter]`` section of ``pyproject.toml``
(the order is argued in ``docs/architecture.md``). These tests run it with
``lint-imports``, which follows every import, including the lazy ones inside
functions, and then break a copy of the package on purpose to show that the
contract can fail and names the offending import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "sociale_kaart"
PYPROJECT = ROOT / "pyproject.toml"

_RUN = "from importlinter.cli import lint_imports_command; lint_imports_command()"


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run ``lint-imports`` on the package in ``project``, with that folder first on the path."""
    try:
        import importlinter  # noqa: F401
    except ImportError:  # pragma: no cover - the dev lock pins it
        pytest.fail("the layer contract needs import-linter: pip install import-linter==2.16")
    return subprocess.run(
        [sys.executable, "-c", _RUN, "--no-cache", "--no-logo", "--config", "pyproject.toml"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "", "NO_COLOR": "1", "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_layer_contract_is_kept() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_layers_are_the_documented_order() -> None:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["layers"] == [
        "cli",
        "scale",
        "report",
        "pictures",
        "change",
        "referral",
        "gaps",
        "analysis",
        "datasets",
        "io",
        "privacy",
        "index",
        "core",
    ]
    # every subpackage has a place in the order
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert subpackages == sorted(layers["layers"])  # type: ignore[arg-type]
    architecture = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"`{layer}`" in architecture for layer in layers["layers"])  # type: ignore[union-attr]


def _copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PACKAGE, project / "sociale_kaart", ignore=skip)
    shutil.copy(PYPROJECT, project / "pyproject.toml")
    return project


def _append(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + code, encoding="utf-8")


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    _append(
        project / "sociale_kaart" / "core" / "errors.py",
        "\nfrom sociale_kaart.report import report  # noqa: E402\n",
    )
    result = _lint_imports(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "each layer imports only the layers below it BROKEN" in out
    assert "sociale_kaart.core.errors -> sociale_kaart.report" in out


def test_a_lazy_upward_import_inside_a_function_breaks_it_too(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    _append(
        project / "sociale_kaart" / "index" / "lookups.py",
        "\n\ndef _sneaky() -> object:\n"
        "    from sociale_kaart.gaps.api import find_gaps\n\n"
        "    return find_gaps\n",
    )
    result = _lint_imports(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "sociale_kaart.index.lookups -> sociale_kaart.gaps.api" in out


def test_testing_may_import_only_core(tmp_path: Path) -> None:
    project = _copy(tmp_path)
    _append(
        project / "sociale_kaart" / "testing.py",
        "\nfrom sociale_kaart.io.formats import read_csv  # noqa: E402\n",
    )
    result = _lint_imports(project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert "build maps from core only BROKEN" in out
    assert "sociale_kaart.testing -> sociale_kaart.io.formats" in out


def _layout_rows() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            rows[cells[0].strip("`")] = cells[1]
    return rows


def test_the_readme_layout_table_matches_the_tree() -> None:
    rows = _layout_rows()
    assert rows, "the README has no Layout table"
    for path in rows:
        assert (ROOT / path).exists(), f"the README's Layout table names {path}, which is gone"
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        package = init.parent
        row = rows.get(f"sociale_kaart/{package.name}/")
        assert row is not None, f"add sociale_kaart/{package.name}/ to the README's Layout table"
        for module in sorted(package.rglob("*.py")):
            if module.stem.startswith("_"):
                continue
            assert f"`{module.stem}`" in row, (
                f"the README's Layout row of {package.name}/ does not name `{module.stem}`"
            )
