"""Every table built in these tests goes through the columnar checks and pydantic alone."""

from __future__ import annotations

import pytest

from tests.core.columnar_compare import install


@pytest.fixture(autouse=True)
def _columnar_and_pydantic_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    install(monkeypatch)
