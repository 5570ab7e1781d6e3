"""Where the test data lives: the repo's own, and the shared third-party data beside the repo."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
#: Test data written for this project (reference values, small fixtures).
DATA = TESTS / "data"


def _shared_data() -> Path:
    # CI clones the repo with shared/ beside it; a session's checkout has it one level up.
    for candidate in (ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate.exists():
            return candidate
    return ROOT.parent / "shared" / "data"


#: Third-party public test data (read from there, never copied into the repo).
SHARED_DATA = _shared_data()
