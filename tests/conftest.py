"""Shared fixtures: the sample, a tiny hand-built map, and a writer for small CSV folders."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

import sociale_kaart as sk

matplotlib.use("Agg")


# Hypothesis profiles, chosen with the HYPOTHESIS_PROFILE environment variable.
# "ci" (the default, and what `python3 tasks.py test` always uses) is
# derandomised: every run draws the same examples, so the suite's verdict does
# not change from run to run, and a failure prints the blob that replays it.
# "dev" is for exploring locally: fresh random examples each run, more of them,
# and the example database, so a failure found once is tried first next time.
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    max_examples=40,
    suppress_health_check=_HEALTH,
)
settings.register_profile(
    "dev",
    derandomize=False,
    deadline=None,
    print_blob=True,
    max_examples=200,
    suppress_health_check=_HEALTH,
)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(HYPOTHESIS_PROFILE)


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


def tiny_map(**texts: str) -> nx.MultiDiGraph:
    """Two residents, a professional, an initiative, an organisation and a place."""
    name = texts.get("name")
    residents = pd.DataFrame(
        {
            "id": ["r1", "r2"],
            "name": [name or "Anna Secret", "Bram Secret"],
            "neighbourhood": ["Noord", "Zuid"],
            "needs": ["finances:2;loneliness", "exercise:3"],
            "statuses": ["eu_citizen", ""],
            "birth_year": [1950, 1980],
            "languages": ["nl;ar", "nl"],
        }
    )
    professionals = pd.DataFrame(
        {
            "id": ["p1"],
            "name": [name or "Pia Werker"],
            "role": ["social_worker"],
            "organisation": ["o1"],
            "neighbourhoods": ["Noord;Zuid"],
        }
    )
    initiatives = pd.DataFrame(
        {
            "id": ["i1"],
            "name": [name or "Koffieochtend"],
            "themes": ["loneliness;social_network"],
            "level": ["informal"],
            "neighbourhood": ["Noord"],
            "organisation": ["o1"],
            "place": ["pl1"],
            "description": [texts.get("description") or "Koffie & praten"],
        }
    )
    organisations = pd.DataFrame(
        {"id": ["o1"], "name": [name or "Welzijn"], "themes": ["finances"], "level": ["general"]}
    )
    places = pd.DataFrame(
        {"id": ["pl1"], "name": [name or "Buurthuis"], "neighbourhood": ["Noord"]}
    )
    relations = pd.DataFrame(
        {
            "source": ["p1", "p1", "r1", "r1", "p1"],
            "target": ["r1", "r2", "i1", "r2", "i1"],
            "relation": ["supports", "supports", "participates", "knows", "knows_of"],
        }
    )
    return sk.from_frames(
        residents=residents,
        professionals=professionals,
        initiatives=initiatives,
        organisations=organisations,
        places=places,
        relations=relations,
    )


@pytest.fixture
def tiny() -> nx.MultiDiGraph:
    return tiny_map()


# ----------------------------------------------------------------------------- stand-ins


def _people(G: nx.MultiDiGraph) -> list[Any]:
    return [n for n, a in G.nodes(data=True) if a.get("kind") in ("resident", "professional")]
