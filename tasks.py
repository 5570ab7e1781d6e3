#!/usr/bin/env python3
"""The project's two commands. Needs only Python >= 3.11.

    python3 tasks.py demo   # the main job: the Dutch report of the embedded sample
    python3 tasks.py test   # the whole test suite: lint, types, tests, notebooks, docs

Both create (or reuse) a virtual environment in ``.venv``. ``demo`` installs
only what the report needs, pinned in ``requirements/runtime.lock``; ``test``
adds the developer toolchain, pinned in ``requirements/dev.lock`` (which holds
the runtime pins too). Each lock is installed again only when it, or
``pyproject.toml``, changed. The installer is uv (put into ``.venv`` by pip
on the first run), or pip itself when uv cannot be installed or fails.

For maintainers:

    python3 tasks.py lock   # re-resolve both locks from requirements/*.in (keeps the pins it can)
"""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements"
RUNTIME_LOCK = REQUIREMENTS / "runtime.lock"
DEV_LOCK = REQUIREMENTS / "dev.lock"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
UV = BIN / ("uv.exe" if os.name == "nt" else "uv")
UV_VERSION = "0.13.8"
#: The Python version each lock is resolved for (its oldest supported one).
LOCK_PYTHON = {RUNTIME_LOCK: "3.11", DEV_LOCK: "3.11.5"}


def _run(*cmd: str | Path, check: bool = True, env: dict[str, str] | None = None) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check, env=env).returncode


def _stamp(lock: Path) -> Path:
    return VENV / f".sociale_kaart-installed-{lock.stem}"


def _fingerprint(lock: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted({lock, RUNTIME_LOCK, ROOT / "pyproject.toml"}):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _uv() -> Path | None:
    """uv in .venv, installed by pip on first use; None when it cannot be had."""
    if UV.exists():
        found = subprocess.run([str(UV), "--version"], capture_output=True, text=True).stdout
        if found.split()[1:2] == [UV_VERSION]:
            return UV
    print(f"installing the installer uv {UV_VERSION} into {VENV}", flush=True)
    pip = (PY, "-m", "pip", "install", "--disable-pip-version-check")
    if _run(*pip, f"uv=={UV_VERSION}", check=False) != 0:
        print("could not install uv; installing with pip instead (slower)", flush=True)
        return None
    return UV


def _install(lock: Path) -> None:
    """Install one lock and this package (editable, no dependencies) into .venv."""
    editable = ("--no-deps", "--no-build-isolation", "-e", ".")
    uv = _uv()
    if uv is not None:
        # uv does not read pip's configuration: it resolves the exact pins from
        # the package index (or the one named in uv's own configuration). Unlike
        # pip it leaves bytecode to Python's first import, which compiles only
        # the modules used (on the 2-core machine of the README, compiling all
        # 6,000 files up front more than doubled the first demo).
        if (
            _run(uv, "pip", "install", "--python", PY, "-r", lock, check=False) == 0
            and _run(uv, "pip", "install", "--python", PY, *editable, check=False) == 0
        ):
            return
        print("uv failed; trying again with pip", flush=True)
    _run(PY, "-m", "pip", "install", "--disable-pip-version-check", "-r", lock)
    _run(PY, "-m", "pip", "install", "--disable-pip-version-check", *editable)


def _create_venv() -> None:
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 - the point of the check
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating a virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)


def ensure_env(*locks: Path) -> None:
    """Create .venv and install each pinned lock in turn, unless already done."""
    _create_venv()
    for lock in locks:
        fingerprint = _fingerprint(lock)
        stamp = _stamp(lock)
        if stamp.exists() and stamp.read_text() == fingerprint:
            continue
        print(f"installing {lock.relative_to(ROOT)} into {VENV}", flush=True)
        start = time.monotonic()
        _install(lock)
        stamp.write_text(fingerprint)
        print(f"installed {lock.relative_to(ROOT)} in {time.monotonic() - start:.0f} s", flush=True)


def demo() -> int:
    """The main job: the Dutch wijkanalyse report of the embedded sample map."""
    ensure_env(RUNTIME_LOCK)
    return _run(
        BIN / "sociale-kaart",
        "report",
        "-o",
        "rivierwijk-wijkanalyse.html",
        "--lang",
        "nl",
        check=False,
    )


def test() -> int:
    """Lint, type check, tests with doctests and notebooks, and the docs build."""
    ensure_env(RUNTIME_LOCK, DEV_LOCK)
    # The ci profile of tests/conftest.py: derandomised, so every run draws the
    # same examples (a red run can be replayed; a green one stays green).
    # The reader fuzz targets (tests/io/test_fuzz.py) get a fixed budget each.
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci", "SK_FUZZ_SECONDS": "60"}
    steps: list[list[str | Path]] = [
        [PY, "-m", "ruff", "check", "."],
        [PY, "-m", "ruff", "format", "--check", "."],
        [PY, "-m", "mypy"],
        [PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        [
            PY,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-n",
            "-q",
            "-b",
            "html",
            "docs",
            "docs/_build/html",
        ],
    ]
    failed = []
    for step in steps:
        if _run(*step, check=False, env=env) != 0:
            failed.append(" ".join(str(s) for s in step[2:4]))
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


def lock() -> int:
    """Re-resolve requirements/*.lock from requirements/*.in with uv, keeping existing pins."""
    _create_venv()
    uv = _uv()
    if uv is None:
        print("the lock command needs uv", flush=True)
        return 1
    for path in (RUNTIME_LOCK, DEV_LOCK):
        # Keep the file's own header (its leading "##" lines); uv writes the rest.
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        header = "".join(itertools.takewhile(lambda line: line.startswith("##"), lines))
        rc = _run(
            uv,
            "pip",
            "compile",
            "--python-version",
            LOCK_PYTHON[path],
            "--no-header",
            "--annotation-style",
            "line",
            path.with_suffix(".in").relative_to(ROOT),
            "-o",
            path.relative_to(ROOT),
            check=False,
        )
        if rc:
            return rc
        path.write_text(header + path.read_text(encoding="utf-8"), encoding="utf-8")
    return 0


def main(argv: list[str]) -> int:
    commands = {"demo": demo, "test": test, "lock": lock}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
