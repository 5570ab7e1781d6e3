"""Tests for sociale_kaart.analysis.communities."""

from __future__ import annotations

import random

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.testing import maps


def person_map(edges, nodes=()):
    ids = sorted({u for e in edges for u in e} | set(nodes))
    return sk.from_frames(
        residents=pd.DataFrame({"id": [f"r{i}" for i in ids]}),
        relations=pd.DataFrame(
            {
                "source": [f"r{u}" for u, _ in edges],
                "target": [f"r{v}" for _, v in edges],
                "relation": "knows",
            }
        ),
    )


def two_cliques():
    a = [(i, j) for i in range(5) for j in range(i + 1, 5)]
    b = [(i, j) for i in range(5, 11) for j in range(i + 1, 11)]
    return person_map([*a, *b, (4, 5)])


def nx_modularity(G, frame, **kwargs):
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from(G.edges())
    parts = [set(group.index) for _, group in frame.groupby("community")]
    return nx.community.modularity(H, parts, **kwargs)


@pytest.mark.parametrize("method", ["leiden", "louvain"])
def test_two_cliques_are_found(method):
    G = two_cliques()
    c = sk.communities(G, method=method)
    # The larger clique (6 residents) is community 0.
    assert set(c.index[c["community"] == 0]) == {f"r{i}" for i in range(5, 11)}
    assert set(c.index[c["community"] == 1]) == {f"r{i}" for i in range(5)}
    assert c.attrs["n_communities"] == 2
    assert c.attrs["modularity"] == pytest.approx(nx_modularity(G, c))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=30))
def test_modularity_equals_networkx(G):
    c = sk.communities(G)
    assert c["community"].min() == 0
    assert sorted(c["community"].unique()) == list(range(c.attrs["n_communities"]))
    if G.number_of_edges():
        assert c.attrs["modularity"] == pytest.approx(nx_modularity(G, c), abs=1e-9)


def test_resolution_is_passed_on():
    G = two_cliques()
    c = sk.communities(G, resolution=0.5)
    assert c.attrs["resolution"] == 0.5
    assert c.attrs["modularity"] == pytest.approx(nx_modularity(G, c, resolution=0.5))


def test_seed_gives_the_same_partition_and_leaves_random_alone():
    G = sk.load_sample()
    state = random.getstate()
    a = sk.communities(G, seed=3)
    assert random.getstate() == state
    b = sk.communities(G, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_isolated_node_is_its_own_community():
    G = person_map([(0, 1), (1, 2), (2, 0)], nodes=[3])
    c = sk.communities(G)
    assert c.loc["r3", "community"] != c.loc["r0", "community"]
    assert c["community"].value_counts().tolist() == [3, 1]


def test_single_node_and_empty_maps():
    one = sk.communities(sk.from_frames(residents=pd.DataFrame({"id": ["r1"]})))
    assert one["community"].tolist() == [0]
    assert pd.isna(one.attrs["modularity"])  # no ties: modularity undefined
    empty = sk.communities(nx.MultiDiGraph())
    assert empty.empty
    assert "community" in empty.columns
    assert pd.isna(empty.attrs["modularity"])


def test_sample_knows_network_follows_the_buurten():
    """Most knows ties stay inside a buurt, so communities mostly do too."""
    G = sk.load_sample()
    c = sk.communities(G, relations="knows")
    assert c.attrs["modularity"] > 0.5
    residents = c[c["kind"] == "resident"]
    purity = (
        residents.groupby("community")["neighbourhood"]
        .agg(lambda s: s.value_counts().iloc[0] / len(s))
        .mean()
    )
    assert purity > 0.6


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "girvan"}, "method must be one of"),
        ({"resolution": 0}, "resolution must be a positive number"),
        ({"relations": "kent"}, "unknown relation"),
    ],
)
def test_bad_arguments(kwargs, match):
    with pytest.raises(ValueError, match=match):
        sk.communities(sk.load_sample(), **kwargs)
