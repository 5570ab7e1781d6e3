"""Shared fixtures: the sample map, and a writer for small CSV folders."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, settings

import sociale_kaart as sk

settings.register_profile(
    "ci",
    deadline=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def _sample_cached() -> nx.MultiDiGraph:
    return sk.load_sample()


@pytest.fixture
def sample(_sample_cached: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A fresh copy of the Rivierwijk sample (yours to change)."""
    return _sample_cached.copy()


@pytest.fixture
def write_folder(tmp_path: Path) -> Callable[..., Path]:
    """Write files given as name -> text (or bytes) into a new folder."""

    def write(**files: str | bytes) -> Path:
        folder = tmp_path / "map"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name.replace("__", ".")
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write
