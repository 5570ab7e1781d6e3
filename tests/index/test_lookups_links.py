"""GapIndex's tie look-ups from the edge table equal one pass over ``G.edges`` (issue 12, scale).

The reference below is the per-edge loop the index used before: every dict of
sets and both lists must hold the same entries, with keys in the same order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

import networkx as nx
from hypothesis import given, settings

import sociale_kaart as sk
from sociale_kaart.index.lookups import AWARE_RELATIONS, GapIndex
from sociale_kaart.testing import maps

DAY = dt.date(2026, 11, 21)
NAMES = (
    "people",
    "resident_friends",
    "professional_ties",
    "aware",
    "knowers",
    "caseload",
    "supporters",
    "staff",
    "employers",
    "visitors",
    "located",
    "places_of",
)


def _reference(G: nx.MultiDiGraph) -> dict[str, Any]:
    kind = {n: str(a.get("kind")) for n, a in G.nodes(data=True)}
    d: dict[str, Any] = {name: defaultdict(set) for name in NAMES}
    group_ties: list[tuple[Hashable, Hashable]] = []
    meetings: list[tuple[Hashable, Hashable, float | None]] = []
    for u, v, rel in G.edges(keys=True):
        ku, kv = kind[u], kind[v]
        if rel in ("knows", "supports"):
            d["people"][u].add(v)
            d["people"][v].add(u)
            if ku == "resident" and kv == "resident":
                d["resident_friends"][u].add(v)
                d["resident_friends"][v].add(u)
            elif ku == "resident" and kv == "professional":
                d["professional_ties"][u].add(v)
            elif ku == "professional" and kv == "resident":
                d["professional_ties"][v].add(u)
            elif ku == "professional" and rel == "knows":
                group_ties.append((u, v))
            if rel == "supports":
                d["caseload"][u].add(v)
                d["supporters"][v].add(u)
        elif rel in AWARE_RELATIONS:
            d["aware"][u].add(v)
            if ku == "professional":
                d["knowers"][v].add(u)
            if rel == "works_for":
                d["staff"][v].add(u)
                d["employers"][u].add(v)
            elif rel == "refers":
                group_ties.append((u, v))
        elif rel == "visits":
            d["visitors"][v].add(u)
        elif rel == "located_at":
            d["located"][v].add(u)
            d["places_of"][u].add(v)
        elif rel in ("partners", "meets"):
            group_ties.append((u, v))
            if rel == "meets":
                hours = G.edges[u, v, rel].get("hours_per_month")
                meetings.append((u, v, None if hours is None else float(hours)))
    return {**{k: dict(v) for k, v in d.items()}, "group_ties": group_ties, "meetings": meetings}


def _check(G: nx.MultiDiGraph) -> None:
    ix = GapIndex(G, today=DAY)
    expected = _reference(G)
    for name in NAMES:
        got = getattr(ix, name)
        assert list(got) == list(expected[name]), name  # the same keys, in the same order
        assert got == expected[name], name
    assert ix.group_ties == expected["group_ties"]
    assert ix.meetings == expected["meetings"]


def test_the_sample_and_its_history() -> None:
    _check(sk.load_sample())
    _check(sk.load_sample("rivierwijk_history"))


def test_a_synthetic_map() -> None:
    G = sk.datasets.synthetic(800, seed=6)
    _check(G)
    assert len(GapIndex(G, today=DAY).people) > 500


def test_a_snapshot_and_a_subgraph_view() -> None:
    H = sk.load_sample("rivierwijk_history")
    _check(sk.snapshot(H, on="2026-11-11"))
    G = sk.load_sample()
    _check(G.subgraph([n for n, k in G.nodes(data="kind") if k != "place"]))


@settings(max_examples=80, deadline=None)
@given(maps(max_nodes=16, max_relations=14))
def test_random_maps(G: nx.MultiDiGraph) -> None:
    _check(G)
