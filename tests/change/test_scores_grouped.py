"""``network_scores`` in one grouped pass, against the group-by-group pandas way it replaced.

``reference_scores`` is the implementation before issue 12's scale work: a
pandas table of the edges, filtered once per neighbourhood. The grouped pass
must give the same scores on the sample, on its history and on synthetic maps.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.analysis.stats import network_stats
from sociale_kaart.change.scores import SCORES, TOTAL, _float, _org_group


def _ei(pairs: pd.DataFrame, a: str, b: str) -> float:
    both = pairs[a].notna() & pairs[b].notna()
    if not both.any():
        return float("nan")
    external = int((pairs.loc[both, a] != pairs.loc[both, b]).sum())
    internal = int(both.sum()) - external
    return (external - internal) / (external + internal)


def reference_scores(G: nx.MultiDiGraph) -> pd.DataFrame:
    stats = network_stats(G, by="neighbourhood")
    nodes = list(G)
    nb = {n: G.nodes[n].get("neighbourhood") for n in nodes}
    org = {n: _org_group(G.nodes[n], n) for n in nodes}
    role = {
        n: (G.nodes[n].get("role") if G.nodes[n].get("kind") == "professional" else None)
        for n in nodes
    }
    edges = pd.DataFrame(
        [
            (u, v, k, attrs.get("trust"), attrs.get("hours_per_month"))
            for u, v, k, attrs in G.edges(keys=True, data=True)
        ],
        columns=["u", "v", "relation", "trust", "hours"],
    )
    edges["trust"] = pd.to_numeric(edges["trust"], errors="coerce")
    edges["hours"] = pd.to_numeric(edges["hours"], errors="coerce")
    if len(edges):
        a = edges["u"].astype(str)
        b = edges["v"].astype(str)
        edges["p"] = np.where(a <= b, edges["u"], edges["v"])
        edges["q"] = np.where(a <= b, edges["v"], edges["u"])
    else:
        edges["p"] = edges["q"] = pd.Series(dtype=object)
    for frame_col, mapping in (("nb", nb), ("org", org), ("role", role)):
        edges[f"{frame_col}_u"] = edges["u"].map(mapping)
        edges[f"{frame_col}_v"] = edges["v"].map(mapping)
    pairs = edges.drop_duplicates(["p", "q"])

    rows: dict[str, dict[str, float]] = {}
    for group in stats.index:
        if group == TOTAL:
            inside_e = pd.Series(True, index=edges.index)
            inside_p = pd.Series(True, index=pairs.index)
        else:
            inside_e = (edges["nb_u"] == group) & (edges["nb_v"] == group)
            inside_p = (pairs["nb_u"] == group) & (pairs["nb_v"] == group)
        e, p = edges[inside_e], pairs[inside_p]
        meets = e.loc[e["relation"] == "meets", "hours"]
        rows[str(group)] = {
            "nodes": _float(stats.at[group, "nodes"]),
            "ties": _float(stats.at[group, "ties"]),
            "density": _float(stats.at[group, "density"]),
            "mean_trust": float(e["trust"].mean()) if e["trust"].notna().any() else float("nan"),
            "ei_organisations": _ei(p, "org_u", "org_v"),
            "ei_roles": _ei(p, "role_u", "role_v"),
            "components": _float(stats.at[group, "components"]),
            "isolates": _float(stats.at[group, "isolates"]),
            "meeting_hours": float(meets.sum()),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")[list(SCORES)]
    frame.index.name = "group"
    return frame


def _maps() -> list[tuple[str, Any]]:
    H = sk.load_sample("rivierwijk_history")
    out: list[tuple[str, Any]] = [("sample", sk.load_sample)]
    for day in ("2026-11-01", "2026-11-11", "2026-11-21"):
        out.append((f"history {day}", lambda day=day: sk.snapshot(H, on=day)))
    for seed in (1, 2, 3):
        out.append(
            (f"synthetic seed {seed}", lambda seed=seed: sk.datasets.synthetic(300, seed=seed))
        )
    return out


@pytest.mark.parametrize(("name", "make"), _maps(), ids=[n for n, _ in _maps()])
def test_grouped_scores_equal_the_group_by_group_way(name: str, make: Any) -> None:
    G = make()
    got = sk.network_scores(G)
    want = reference_scores(G)
    assert list(got.columns) == list(SCORES)
    assert got.index.tolist() == want.index.tolist()
    np.testing.assert_allclose(
        got.to_numpy(dtype=float), want.to_numpy(dtype=float), rtol=1e-12, atol=1e-12
    )
    assert np.array_equal(np.isnan(got.to_numpy(dtype=float)), np.isnan(want.to_numpy(dtype=float)))


def test_scores_of_a_map_without_ties() -> None:
    G = sk.load_sample()
    H = G.copy()
    H.remove_edges_from(list(H.edges(keys=True)))
    got = sk.network_scores(H)
    want = reference_scores(H)
    np.testing.assert_allclose(got.to_numpy(dtype=float), want.to_numpy(dtype=float))
    assert got.loc[TOTAL, "ties"] == 0
    assert np.isnan(got.loc[TOTAL, "mean_trust"])
