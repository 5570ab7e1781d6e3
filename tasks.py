#!/usr/bin/env python3
"""The project's two commands. Needs only Python >= 3.11.

    python3 tasks.py demo   # the main job: the Dutch report of the embedded sample
    python3 tasks.py test   # the whole test suite: lint, types, tests, notebooks, docs

Both create (or reuse) a virtual environment in ``.venv`` and install the
pinned dependencies from ``requirements-lock.txt`` and this package into it.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements-lock.txt"
STAMP = VENV / ".sociale_kaart-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def _run(*cmd: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.run([str(c) for c in cmd], cwd=ROOT, check=check).returncode


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for path in (LOCK, ROOT / "pyproject.toml"):
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def ensure_env() -> None:
    """Create .venv and install the pinned dependencies, unless already done."""
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 - the point of the check
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    if not PY.exists():
        print(f"creating a virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == fingerprint:
        return
    _run(PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", LOCK)
    _run(
        PY,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--no-build-isolation",
        "-e",
        ".",
    )
    STAMP.write_text(fingerprint)


def demo() -> int:
    """The main job: the Dutch wijkanalyse report of the embedded sample map."""
    ensure_env()
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
    ensure_env()
    steps = [
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
        if _run(*step, check=False) != 0:
            failed.append(" ".join(str(s) for s in step[2:4]))
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


def main(argv: list[str]) -> int:
    commands = {"demo": demo, "test": test}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
