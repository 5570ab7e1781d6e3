"""Tests for sociale_kaart.analysis.twomode, on the Davis Southern Women data and the sample."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from networkx.algorithms import bipartite

import sociale_kaart as sk


def davis_map():
    """Davis et al.'s 18 women (residents) and 14 events (initiatives) as a social map."""
    D = nx.davis_southern_women_graph()
    women = D.graph["top"]
    ident = {w: w.replace(" ", "_") for w in women}
    ties = [(ident[u], v) if u in ident else (ident[v], u) for u, v in D.edges()]
    G = sk.from_frames(
        residents=pd.DataFrame({"id": [ident[w] for w in women]}),
        initiatives=pd.DataFrame({"id": D.graph["bottom"]}),
        relations=pd.DataFrame(
            [(u, v, "participates") for u, v in ties], columns=["source", "target", "relation"]
        ),
    )
    back = {v: k for k, v in ident.items()}
    return G, D, women, lambda node: back.get(node, node)


@pytest.mark.parametrize(
    ("measure", "reference"),
    [
        ("degree", bipartite.degree_centrality),
        ("betweenness", bipartite.betweenness_centrality),
        ("closeness", bipartite.closeness_centrality),
    ],
)
def test_davis_equals_networkx_bipartite(measure, reference):
    G, D, women, original = davis_map()
    c = sk.two_mode_centrality(G)
    ref = reference(D, women)
    expected = [ref[original(v)] for v in c.index]
    np.testing.assert_allclose(c[measure], expected, atol=1e-12)
    assert len(c) == 32


def test_davis_by_hand():
    G, *_ = davis_map()
    c = sk.two_mode_centrality(G)
    # Evelyn Jefferson attended 8 of the 14 events; event E8 had 14 of the 18 women.
    assert c.loc["Evelyn_Jefferson", "degree"] == pytest.approx(8 / 14)
    assert c.loc["E8", "degree"] == pytest.approx(14 / 18)


def test_davis_projections_equal_networkx():
    G, D, women, original = davis_map()
    for onto, nodes in (("residents", women), ("initiatives", D.graph["bottom"])):
        P = sk.projection(G, onto=onto)
        R = bipartite.weighted_projected_graph(D, nodes)
        mine = {frozenset(map(original, e)): w for *e, w in P.edges(data="weight")}
        theirs = {frozenset(e): w for *e, w in R.edges(data="weight")}
        assert mine == theirs
        assert P.number_of_nodes() == len(nodes)


def test_two_mode_graph_holds_no_personal_data():
    B = sk.two_mode_graph(sk.load_sample())
    assert nx.is_bipartite(B)
    for _, attrs in B.nodes(data=True):
        assert set(attrs) == {"kind", "bipartite"}
    # Scene 13: r_spil volunteers in three initiatives.
    assert sorted(B["r_spil"]) == ["i_budgetcafe", "i_koffieochtend", "i_taalmaatjes"]
    only_volunteers = sk.two_mode_graph(sk.load_sample(), relations="volunteers")
    assert only_volunteers.number_of_edges() == 34


def test_scene_6_naaiclub_shares_participants():
    P = sk.projection(sk.load_sample(), onto="initiatives")
    assert "i_naaiclub" in P
    # The sewing club's women take part in no other initiative, or in a few.
    assert P.degree("i_naaiclub") < P.degree("i_koffieochtend")


def test_sampled_two_mode_centrality():
    G, *_ = davis_map()
    exact = sk.two_mode_centrality(G)
    est = sk.two_mode_centrality(G, samples=20, seed=1)
    assert est.attrs["sampled"] is True
    assert est.attrs["samples"] == 20
    assert est["degree"].equals(exact["degree"])
    assert est["closeness"].corr(exact["closeness"]) > 0.8


def test_empty_and_bad_input():
    empty = sk.two_mode_centrality(nx.MultiDiGraph())
    assert empty.empty
    assert list(empty.columns) == [
        "kind",
        "name",
        "neighbourhood",
        "degree",
        "betweenness",
        "closeness",
    ]
    with pytest.raises(ValueError, match="onto must be"):
        sk.projection(sk.load_sample(), onto="places")
    with pytest.raises(ValueError, match="unknown relation"):
        sk.two_mode_graph(sk.load_sample(), relations="kent")
