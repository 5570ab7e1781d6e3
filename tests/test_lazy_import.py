"""``import sociale_kaart`` is lazy (PEP 562, issue 16 item 7), and loses nothing by it."""

from __future__ import annotations

import ast
import subprocess
import sys
import types
from pathlib import Path

import sociale_kaart as sk

_INIT = Path(sk.__file__)


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_loads_no_heavy_dependency() -> None:
    out = _run(
        "import sys, sociale_kaart\n"
        "print(sorted(m for m in ('networkx', 'pandas', 'numpy', 'scipy', 'pydantic', 'matplotlib')"
        " if m in sys.modules))"
    )
    assert out == "[]"


def test_every_public_name_resolves_to_its_module() -> None:
    exports = sk._EXPORTS
    assert set(sk.__all__) == {*exports, "__version__", "datasets"}
    for name, module in exports.items():
        value = getattr(sk, name)
        assert sys.modules[module] is not None
        assert getattr(sys.modules[module], name) is value, name
    assert isinstance(sk.datasets, types.ModuleType)
    assert set(sk.__all__) <= set(dir(sk))


def test_type_checking_imports_match_the_table() -> None:
    tree = ast.parse(_INIT.read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
    )
    seen: dict[str, str] = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom)
        if node.module == "sociale_kaart":
            assert {a.name for a in node.names} <= sk._SUBPACKAGES
            continue
        assert node.module is not None
        for alias in node.names:
            seen[alias.name] = node.module
    assert seen == sk._EXPORTS


def test_report_stays_the_function_when_its_subpackage_loads() -> None:
    out = _run(
        "import sociale_kaart as sk\n"
        "import sociale_kaart.report.page\n"
        "import sociale_kaart.report\n"
        "print(callable(sk.report), type(sk.report).__name__)"
    )
    assert out == "True function"


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        sk.read_cvs  # type: ignore[attr-defined]
    except AttributeError as err:
        assert "read_cvs" in str(err)
    else:  # pragma: no cover
        raise AssertionError("sk.read_cvs resolved")
