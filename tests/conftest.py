"""Shared fixtures: the sample, a tiny hand-built map, and stand-ins for the analyses.

The analyses (centrality, brokerage, gaps, coverage, meetings, referrals) are
built in parallel. Until they are merged, :func:`fake_analyses` installs small
stand-ins on the package that return frames with the documented columns, so
the report and the CLI can be tested against the contracts.
"""

from __future__ import annotations

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


def fake_centrality(G: nx.MultiDiGraph) -> pd.DataFrame:
    H = nx.Graph(G)
    measures = {
        "degree": dict(H.degree()),
        "betweenness": nx.betweenness_centrality(H, k=min(50, len(H)), seed=1),
        "closeness": nx.closeness_centrality(H),
        "eigenvector": dict(H.degree()),
        "pagerank": nx.pagerank(H),
    }
    frame = pd.DataFrame(measures)
    frame.insert(0, "kind", [G.nodes[n]["kind"] for n in frame.index])
    frame.insert(1, "name", [G.nodes[n].get("name") for n in frame.index])
    frame.insert(2, "neighbourhood", [G.nodes[n].get("neighbourhood") for n in frame.index])
    for m in measures:
        frame[f"{m}_rank"] = frame[m].rank(ascending=False, method="min").astype(int)
    return frame


def fake_brokerage(G: nx.MultiDiGraph, *, partition: Any = None) -> pd.DataFrame:
    assert isinstance(partition, dict)
    people = _people(G)
    rows = []
    for n in people:
        d = G.degree(n)
        rows.append([d % 3, d % 2, d % 4, d % 5, d // 3])
    roles = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
    frame = pd.DataFrame(rows, index=people, columns=roles)
    frame.insert(0, "kind", [G.nodes[n]["kind"] for n in people])
    frame.insert(1, "name", [G.nodes[n].get("name") for n in people])
    frame.insert(2, "group", [partition.get(n) for n in people])
    frame["total"] = frame[roles].sum(axis=1)
    return frame


def fake_coverage(G: nx.MultiDiGraph) -> pd.DataFrame:
    rows = {}
    for _, a in G.nodes(data=True):
        if a.get("kind") != "resident" or not a.get("neighbourhood"):
            continue
        for theme, score in (a.get("needs") or {}).items():
            key = (a["neighbourhood"], theme)
            demand, count = rows.get(key, (0.0, 0))
            rows[key] = (demand + (6 - (score or 3)), count + 1)
    out = []
    for (nb, theme), (demand, count) in sorted(rows.items()):
        supply = sum(
            1
            for _, a in G.nodes(data=True)
            if theme in (a.get("themes") or []) and (not a.get("serves") or nb in a["serves"])
        )
        out.append((nb, theme, demand, count, supply, supply == 0))
    frame = pd.DataFrame(
        out, columns=["neighbourhood", "theme", "demand", "residents", "supply", "gap"]
    )
    return frame.set_index(["neighbourhood", "theme"])


def fake_find_gaps(G: nx.MultiDiGraph, *, language: str = "en") -> pd.DataFrame:
    cov = fake_coverage(G)
    rows = []
    for (nb, theme), row in cov[cov["gap"]].iterrows():
        nodes = [
            n
            for n, a in G.nodes(data=True)
            if a.get("kind") == "resident"
            and a.get("neighbourhood") == nb
            and theme in (a.get("needs") or {})
        ]
        word = "geen aanbod voor" if language == "nl" else "no offer for"
        rows.append(
            {
                "gap_type": "coverage",
                "severity": min(1.0, row["demand"] / 20),
                "neighbourhood": nb,
                "theme": theme,
                "nodes": nodes,
                "explanation": f"{word} {theme} in {nb} ({nodes[0]})",
                "suggestion": "start een groep" if language == "nl" else "start a group",
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "gap_type",
            "severity",
            "neighbourhood",
            "theme",
            "nodes",
            "explanation",
            "suggestion",
        ],
    )


def fake_meeting_audit(G: nx.MultiDiGraph) -> pd.DataFrame:
    rows = [
        {"source": u, "target": v, "hours_per_month": a.get("hours_per_month"), "shared": 0}
        for u, v, k, a in G.edges(keys=True, data=True)
        if k == "meets"
    ]
    return pd.DataFrame(rows, columns=["source", "target", "hours_per_month", "shared"])


def fake_suggest_referrals(G: nx.MultiDiGraph, resident: Any) -> pd.DataFrame:
    needs = G.nodes[resident].get("needs") or {}
    rows = []
    helpers = [u for u, _, k in G.in_edges(resident, keys=True) if k == "supports"]
    for n, a in G.nodes(data=True):
        if a.get("kind") not in ("initiative", "organisation"):
            continue
        for theme in needs:
            if theme in (a.get("themes") or []):
                path = [resident, *helpers[:1], n]
                rows.append(
                    {
                        "target": n,
                        "target_kind": a["kind"],
                        "target_name": a.get("name"),
                        "theme": theme,
                        "level": a.get("level"),
                        "eligible": True,
                        "score": 1.0,
                        "path": path,
                        "via": helpers[0] if helpers else None,
                        "reasons": ["theme matches", "free"],
                        "explanation": f"{a.get('name')} offers {theme}",
                    }
                )
    return pd.DataFrame(rows)


FAKES = {
    "centrality": fake_centrality,
    "brokerage": fake_brokerage,
    "coverage": fake_coverage,
    "find_gaps": fake_find_gaps,
    "meeting_audit": fake_meeting_audit,
    "suggest_referrals": fake_suggest_referrals,
}


@pytest.fixture
def fake_analyses(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Install the stand-ins on ``sociale_kaart`` for one test (only where missing)."""
    installed = {}
    for name, func in FAKES.items():
        if not hasattr(sk, name):
            monkeypatch.setattr(sk, name, func, raising=False)
            installed[name] = func
    return installed


@pytest.fixture
def no_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove the analyses from ``sociale_kaart`` for one test, as before the merge."""
    for name in FAKES:
        monkeypatch.delattr(sk, name, raising=False)
