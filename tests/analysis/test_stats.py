"""Tests for sociale_kaart.analysis.stats.network_stats."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.testing import maps


def small_map():
    """Noord: a, b, c; Zuid: d, e; a professional p without a neighbourhood."""
    residents = pd.DataFrame({"id": list("abcde"), "neighbourhood": ["Noord"] * 3 + ["Zuid"] * 2})
    professionals = pd.DataFrame({"id": ["p"]})
    relations = pd.DataFrame(
        [
            ("a", "b", "knows"),
            ("b", "a", "knows"),  # reciprocated
            ("b", "c", "knows"),
            ("c", "d", "knows"),  # crosses Noord -> Zuid
            ("p", "a", "supports"),
            ("p", "d", "supports"),
        ],
        columns=["source", "target", "relation"],
    )
    return sk.from_frames(residents=residents, professionals=professionals, relations=relations)


def test_small_map_by_hand():
    s = sk.network_stats(small_map())
    assert list(s.index) == ["Noord", "Zuid", "total"]
    noord, zuid, total = s.loc["Noord"], s.loc["Zuid"], s.loc["total"]
    assert (noord["nodes"], noord["residents"], noord["ties"], noord["knows"]) == (3, 3, 3, 3)
    # Noord has pairs a-b and b-c: density 2 / 3, one component.
    assert noord["density"] == pytest.approx(2 / 3)
    assert noord["components"] == 1
    assert noord["reciprocity"] == pytest.approx(2 / 3)  # a->b and b->a of three arcs
    # Pairs touching Noord: a-b, b-c inside, c-d across: (1 - 2) / 3.
    assert noord["ei_index"] == pytest.approx(-1 / 3)
    # Zuid: d and e, no tie between them; the pair c-d crosses.
    assert (zuid["components"], zuid["isolates"], zuid["density"]) == (2, 2, 0.0)
    assert zuid["ei_index"] == pytest.approx(1.0)
    assert total["nodes"] == 6
    assert total["professionals"] == 1
    assert total["ties"] == 6
    assert total["supports"] == 2
    # Grouped pairs: a-b, b-c inside; c-d across (p has no group).
    assert total["ei_index"] == pytest.approx((1 - 2) / 3)
    assert total["isolates"] == 1  # e
    assert total["average_degree"] == pytest.approx(2 * 5 / 6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=14, max_relations=30))
def test_total_row_equals_networkx(G):
    s = sk.network_stats(G).loc["total"]
    D = nx.DiGraph(G)
    H = nx.Graph(D)
    assert s["nodes"] == G.number_of_nodes()
    assert s["ties"] == G.number_of_edges()
    assert s["components"] == nx.number_connected_components(H)
    assert s["isolates"] == nx.number_of_isolates(H)
    if len(H) > 1:
        assert s["density"] == pytest.approx(nx.density(H))
    if D.number_of_edges():
        assert s["reciprocity"] == pytest.approx(nx.overall_reciprocity(D))
    else:
        assert pd.isna(s["reciprocity"])


def test_sample_overview_and_scene_11():
    s = sk.network_stats(sk.load_sample())
    assert s.loc["total", ["nodes", "residents", "professionals"]].tolist() == [294, 229, 16]
    # Scene 11: r_alleen_2 has no professional and no ties at all.
    assert s.loc["total", "isolates"] == 1
    assert (
        s.loc[["Havenkwartier", "Molenbuurt", "Oude Dorp", "Parkzicht"], "residents"].sum() == 229
    )
    # Knows ties mostly stay inside the buurt.
    knows = sk.network_stats(sk.load_sample(), relations="knows")
    assert knows.loc["total", "ei_index"] < 0


def test_team_ties_across_organisations():
    """Krackhardt's E-I index of the team's meetings: do they cross employers?"""
    G = sk.load_sample()
    s = sk.network_stats(G, by="organisation", relations="meets")
    # Ties between two professionals of different employers count as external.
    assert -1 <= s.loc["total", "ei_index"] <= 1
    assert s.loc["o_welzijn", "nodes"] > 1


def test_by_none_and_callable():
    G = small_map()
    only = sk.network_stats(G, by=None)
    assert list(only.index) == ["total"]
    by_kind = sk.network_stats(G, by=lambda node, attrs: attrs["kind"])
    assert list(by_kind.index) == ["professional", "resident", "total"]
    assert by_kind.loc["resident", "ties"] == 4


def test_min_cell_suppresses_small_resident_counts():
    s = sk.network_stats(small_map(), min_cell=5)
    assert pd.isna(s.loc["Noord", "residents"])
    assert s.loc["total", "residents"] == 5
    assert s.loc["Noord", "suppressed"]


def test_empty_map():
    s = sk.network_stats(nx.MultiDiGraph())
    assert list(s.index) == ["total"]
    assert s.loc["total", "nodes"] == 0
    assert pd.isna(s.loc["total", "density"])


def test_bad_arguments():
    with pytest.raises(TypeError, match="by must be a node attribute name"):
        sk.network_stats(small_map(), by=3)
    with pytest.raises(ValueError, match="at least 5"):
        sk.network_stats(small_map(), min_cell=2)
    with pytest.raises(ValueError, match="unknown relation"):
        sk.network_stats(small_map(), relations=["kent"])


def _per_group_reference(G: nx.MultiDiGraph, by: str) -> dict[str, dict[str, object]]:
    """The rows group by group, one ``_describe`` call with each member mask (the old path)."""
    import numpy as np

    from sociale_kaart.analysis import stats
    from sociale_kaart.analysis.frames import group_of
    from sociale_kaart.index.ties import tie_view

    groups = group_of(G, by, name="by")
    codes, labels = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    codes = np.asarray(codes, dtype=np.int64)
    kinds = np.array([G.nodes[v].get("kind") for v in G], dtype=object)
    und, dire = tie_view(G, directed=False), tie_view(G, directed=True)
    rel, src, dst = stats._edge_arrays(G, None)
    return {
        str(label): stats._describe(codes == c, kinds, und, dire, rel, src, dst, codes, c)
        for c, label in enumerate(labels)
    }


def _assert_rows_equal(frame: pd.DataFrame, reference: dict[str, dict[str, object]]) -> None:
    assert set(frame.index) - {"total"} == set(reference)
    for group, row in reference.items():
        for column, value in row.items():
            got = frame.loc[group, column]
            if isinstance(value, float) and value != value:
                assert got != got, (group, column)
            else:
                assert got == pytest.approx(value, rel=1e-12), (group, column)


@pytest.mark.parametrize("by", ["neighbourhood", "organisation", "kind"])
def test_grouped_pass_equals_group_by_group(sample: nx.MultiDiGraph, by: str) -> None:
    _assert_rows_equal(sk.network_stats(sample, by=by), _per_group_reference(sample, by))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(G=maps())
def test_grouped_pass_equals_group_by_group_on_random_maps(G: nx.MultiDiGraph) -> None:
    _assert_rows_equal(
        sk.network_stats(G, by="neighbourhood"), _per_group_reference(G, "neighbourhood")
    )
