"""The setup: one version source, the extras, the two locks and the hypothesis profiles."""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import tomllib

import pytest
from hypothesis import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import sociale_kaart as sk
from tests._paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
REQUIREMENTS = ROOT / "requirements"


def pins(name: str) -> dict[str, str]:
    """The lock file's pins as canonical name -> version; every line must be an exact pin."""
    out = {}
    for line in (REQUIREMENTS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"{name}: {line} is not an exact pin"
        out[canonicalize_name(req.name)] = spec.version
    return out


def top_level(name: str) -> set[str]:
    """The canonical names a requirements/*.in file asks for (its -r/-c lines left out)."""
    out = set()
    for line in (REQUIREMENTS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            out.add(canonicalize_name(Requirement(line).name))
    return out


def extra(name: str) -> set[str]:
    """The canonical names an extra of pyproject.toml needs, its self-references expanded."""
    out = set()
    for text in PYPROJECT["project"]["optional-dependencies"][name]:
        req = Requirement(text)
        if canonicalize_name(req.name) == "sociale-kaart":
            for inner in req.extras:
                out |= extra(inner)
        else:
            out.add(canonicalize_name(req.name))
    return out


# ----------------------------------------------------------------------------- version


def test_the_version_has_one_source() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]
    dynamic = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "sociale_kaart.__version__"}


def test_the_version_equals_the_installed_metadata() -> None:
    try:
        installed = importlib.metadata.version("sociale_kaart")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a bare tree
        pytest.skip("sociale_kaart is not installed (pip install -e .)")
    assert sk.__version__ == installed


# ----------------------------------------------------------------------------- extras


def test_the_test_extra_brings_hypothesis_and_pytest() -> None:
    assert {"hypothesis", "pytest"} <= extra("test")
    assert extra("test") <= top_level("dev.in")


def test_testing_without_hypothesis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # import hypothesis now fails
    monkeypatch.delitem(sys.modules, "sociale_kaart.testing", raising=False)
    with pytest.raises(ImportError, match=r"pip install 'sociale_kaart\[test\]'"):
        importlib.import_module("sociale_kaart.testing")


# ----------------------------------------------------------------------------- locks


def test_the_runtime_lock_is_what_the_all_extra_needs() -> None:
    needed = {canonicalize_name(Requirement(d).name) for d in PYPROJECT["project"]["dependencies"]}
    needed |= extra("all")
    # setuptools builds the package in place (tasks.py installs it editable)
    assert top_level("runtime.in") == needed | {"setuptools"}
    assert needed | {"setuptools"} <= set(pins("runtime.lock"))


def test_the_dev_lock_repeats_every_runtime_pin() -> None:
    runtime, dev = pins("runtime.lock"), pins("dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
    assert top_level("dev.in") <= set(dev)
    assert dev["import-linter"] == "2.16"
    assert dev["frictionless"] == "5.21.0"
    # developer tools stay out of what the demo installs
    for tool in ("pytest", "hypothesis", "ruff", "mypy", "sphinx", "selenium", "jupytext"):
        assert tool in dev and tool not in runtime
    assert "leidenalg" not in dev  # unused: igraph's own Leiden is used


# ----------------------------------------------------------------------------- hypothesis


def test_the_ci_profile_is_derandomised_and_the_test_command_uses_it() -> None:
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.deadline is None and ci.print_blob and ci.database is None
    assert not settings.get_profile("dev").derandomize
    assert '"HYPOTHESIS_PROFILE": "ci"' in (ROOT / "tasks.py").read_text(encoding="utf-8")
