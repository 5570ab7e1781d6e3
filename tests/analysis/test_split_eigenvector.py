"""Eigenvector centrality on a map that falls apart into pieces (issue 11, directory-only maps)."""

import warnings

import networkx as nx
import pytest

import sociale_kaart as sk
from tests.analysis.test_centrality import person_map


def test_split_map_warns_and_the_leading_piece_equals_networkx():
    # a clique of 4 (eigenvalue 3) and a separate triangle (eigenvalue 2)
    k4 = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
    triangle = [(10, 11), (11, 12), (10, 12)]
    G = person_map(k4 + triangle)
    with pytest.warns(RuntimeWarning, match="2 pieces"):
        c = sk.centrality(G, measures=["eigenvector"])
    ref = nx.eigenvector_centrality_numpy(nx.Graph(k4))
    for i, value in ref.items():
        assert c.loc[f"r{i}", "eigenvector"] == pytest.approx(abs(value), abs=1e-6)
    for i in (10, 11, 12):
        assert c.loc[f"r{i}", "eigenvector"] == pytest.approx(0.0, abs=1e-6)


def test_many_small_pieces_warn_with_their_count():
    stars = [(10 * k, 10 * k + j) for k in range(30) for j in range(1, 3 + k % 3)]
    with pytest.warns(RuntimeWarning, match="30 pieces"):
        sk.centrality(person_map(stars), measures=["eigenvector"])


def test_connected_map_with_isolated_nodes_does_not_warn():
    G = person_map([(0, 1), (1, 2)], nodes=[7, 8])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = sk.centrality(G, measures=["eigenvector"])
    ref = nx.eigenvector_centrality_numpy(nx.path_graph(3))
    for i, value in ref.items():
        assert c.loc[f"r{i}", "eigenvector"] == pytest.approx(abs(value), abs=1e-6)


def test_other_measures_do_not_warn_on_a_split_map():
    G = person_map([(0, 1), (2, 3), (3, 4)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sk.centrality(G, measures=["degree", "pagerank"])
