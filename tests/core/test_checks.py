"""The shared argument checks: a map is a map, and an attribute name is not a typo."""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.checks import (
    MAP_CHECKED,
    check_node_attribute,
    node_attributes,
    record_fields,
    require_map,
)
from tests.conftest import tiny_map


def test_require_map_accepts_maps_and_rejects_the_rest() -> None:
    require_map(sk.load_sample())
    require_map(nx.MultiDiGraph())  # empty: nothing without a kind
    for wrong in (nx.Graph(), nx.DiGraph(), nx.MultiGraph(), {"a": 1}, None):
        with pytest.raises(sk.NotAMapError, match=r"not a networkx.MultiDiGraph"):
            require_map(wrong)
    G = nx.MultiDiGraph()
    G.add_node("a", kind=None)  # a kind of None is no kind
    with pytest.raises(sk.NotAMapError, match="none of its 1 node has a 'kind'"):
        require_map(G)
    with pytest.raises(sk.NotAMapError, match=r"^H is not a social map"):
        require_map(G, parameter="H")


def test_check_node_attribute_passes_fields_values_and_non_strings() -> None:
    G = sk.load_sample()
    for name in ("kind", "neighbourhood", "organisation", "team", "role"):
        check_node_attribute(G, name, parameter="by")
    check_node_attribute(G, lambda node, attrs: attrs["kind"], parameter="by")
    check_node_attribute(G, {"r_henk": 1}, parameter="color_by")
    check_node_attribute(G, None, parameter="by")
    H = G.copy()
    nx.set_node_attributes(H, "x", "my_column")  # an attribute added by hand counts
    check_node_attribute(H, "my_column", parameter="by")
    assert "my_column" in node_attributes(H) and "my_column" not in record_fields()


@pytest.mark.parametrize(
    ("typo", "hint"),
    [
        ("neighborhood", "neighbourhood"),
        ("Neighbourhood", "neighbourhood"),
        ("organization", "organisation"),
        ("buurt", "neighbourhood"),
        ("organisatie", "organisation"),
    ],
)
def test_typos_get_a_hint(typo: str, hint: str) -> None:
    with pytest.raises(ValueError, match=f"did you mean '{hint}'"):
        check_node_attribute(sk.load_sample(), typo, parameter="by")


def test_no_hint_lists_the_names() -> None:
    with pytest.raises(ValueError, match=r"by='zzz' names no node attribute.*use one of.*'kind'"):
        check_node_attribute(sk.load_sample(), "zzz", parameter="by")


# ----------------------------------------------------------------------------- the callers


def test_brokerage_typo_raises_instead_of_an_all_zero_table() -> None:
    G = sk.load_sample()
    with pytest.raises(ValueError, match=r"by='neighborhood'.*did you mean 'neighbourhood'"):
        sk.brokerage(G, by="neighborhood")
    assert sk.brokerage(G, by="neighbourhood")["total"].sum() > 0


def test_network_stats_typo_raises_instead_of_a_total_row() -> None:
    G = sk.load_sample()
    with pytest.raises(ValueError, match=r"by='buurt'.*did you mean 'neighbourhood'"):
        sk.network_stats(G, by="buurt")
    assert len(sk.network_stats(G, by="neighbourhood")) > 1
    assert list(sk.network_stats(G, by=None).index) == ["total"]


def test_a_field_empty_everywhere_is_no_typo() -> None:
    # No node of the tiny map has a team: that is data, not a typo.
    G = tiny_map()
    assert all(attrs.get("team") is None for _, attrs in G.nodes(data=True))
    assert (sk.brokerage(G, by="team")["total"] == 0).all()


def test_pictures_check_color_by() -> None:
    G = sk.load_sample()
    with pytest.raises(ValueError, match=r"color_by='nieghbourhood'.*'neighbourhood'"):
        sk.interactive(G, color_by="nieghbourhood")
    with pytest.raises(ValueError, match=r"color_by='levle'.*did you mean 'level'"):
        sk.plot_map(G, color_by="levle")
    with pytest.raises(ValueError, match=r"size_by='pagernak'.*did you mean 'pagerank'"):
        sk.interactive(G, size_by="pagernak")
    plt.close("all")


def test_a_misspelt_weight_raises_instead_of_the_unweighted_answer() -> None:
    G = sk.load_sample()
    for func in (sk.centrality, sk.communities, sk.structural_holes):
        with pytest.raises(ValueError, match=r"weight='trsut'.*did you mean 'trust'"):
            func(G, weight="trsut")
    # A relation field, or an attribute some edge has, is fine.
    weighted = sk.centrality(G, weight="trust", measures="degree")
    assert not weighted["degree"].equals(sk.centrality(G, measures="degree")["degree"])
    H = G.copy()
    u, v, key = next(iter(H.edges(keys=True)))
    H.edges[u, v, key]["strength"] = 2
    sk.structural_holes(H, weight="strength")


def test_require_map_remembers_a_map_until_nodes_or_edges_change() -> None:
    G = sk.load_sample()
    require_map(G)
    assert G.__networkx_cache__.get(MAP_CHECKED) is True
    G.add_node("stray")  # networkx empties its cache: the next call looks again
    with pytest.raises(sk.NotAMapError, match="'stray'"):
        require_map(G)
    G.remove_node("stray")
    require_map(G)
    H = G.copy()  # a copy starts without the mark, and passes on its own
    assert MAP_CHECKED not in H.__networkx_cache__
    require_map(H)
    G.add_edge("r_henk", "stray2", key="knows")  # an edge to a new node: no kind
    with pytest.raises(sk.NotAMapError, match="'stray2'"):
        sk.summary(G)
