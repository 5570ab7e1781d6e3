"""Maps split by area (issue 16, item 8): shards validate, equal the subgraph, lose no tie."""

from __future__ import annotations

import json
import warnings

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given

import sociale_kaart as sk
from sociale_kaart.scale import NO_AREA, area_gaps, area_graph, area_measures, read_shard
from sociale_kaart.testing import graphs_equal, maps


def _quiet(G):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sk.shard_tables(G)


def _rows(shards, area):
    return (
        shards.nodes[shards.nodes["area"] == area],
        shards.ties[shards.ties["area"] == area],
    )


def _members(shards, area):
    nodes, _ = _rows(shards, area)
    return set(nodes.loc[~nodes["table"].isin(["themes", "map"]), "id"])


def _check_shards(G, shards):
    """Every shard is the subgraph on its nodes; every relation is in a shard or the boundary."""
    for area in shards.areas:
        H = read_shard(*_rows(shards, area))
        sub = G.subgraph(_members(shards, area))
        assert graphs_equal(nx.MultiDiGraph(sub), H), area
    relations = sk.to_frames(G)["relations"]
    placed = set(
        zip(shards.ties["source"], shards.ties["target"], shards.ties["relation"], strict=True)
    )
    crossing = set(
        zip(
            shards.boundary["source"],
            shards.boundary["target"],
            shards.boundary["relation"],
            strict=True,
        )
    )
    assert not placed & crossing
    for key in zip(relations["source"], relations["target"], relations["relation"], strict=True):
        assert key in placed or key in crossing


def test_sample_shards_equal_subgraphs_and_lose_no_tie():
    G = sk.load_sample()
    shards = _quiet(G)
    assert shards.areas == sorted(
        {d["neighbourhood"] for _, d in G.nodes(data=True) if d["kind"] == "resident"}
    )
    _check_shards(G, shards)


def test_synthetic_shards_equal_subgraphs():
    G = sk.datasets.synthetic(1_500, seed=3)
    _check_shards(G, _quiet(G))


@given(maps(max_nodes=10, max_relations=15))
def test_any_map_shards_validate_and_lose_no_tie(G):
    _check_shards(G, _quiet(G))


def test_professional_in_each_of_their_areas_and_city_wide_offer_everywhere():
    G = sk.load_sample()
    shards = _quiet(G)
    for v, data in G.nodes(data=True):
        if data["kind"] == "professional" and data.get("neighbourhoods"):
            rows = shards.nodes[shards.nodes["id"] == v]
            assert sorted(rows["area"]) == sorted(data["neighbourhoods"]), v
    # the municipality has no neighbourhood and serves no list: every shard holds it
    gemeente = shards.nodes[shards.nodes["id"] == "o_gemeente"]
    assert sorted(gemeente["area"]) == shards.areas


def test_referenced_organisation_travels_with_its_professional():
    G = sk.load_sample()
    shards = _quiet(G)
    for area in shards.areas:
        ids = _members(shards, area)
        for v in ids:
            org = G.nodes[v].get("organisation")
            if org:
                assert org in ids, (area, v, org)


def test_resident_without_neighbourhood_goes_to_no_area_with_a_warning():
    frames = sk.to_frames(sk.load_sample())
    frames["residents"].loc["r_samira", "neighbourhood"] = None
    G = sk.from_frames(**frames)
    with pytest.warns(UserWarning, match="1 residents have no neighbourhood"):
        shards = sk.shard_tables(G)
    assert NO_AREA in shards.areas
    assert set(shards.nodes.loc[shards.nodes["id"] == "r_samira", "area"]) == {NO_AREA}


def test_journal_is_not_sharded_and_says_so():
    with pytest.warns(UserWarning, match="journal is not sharded"):
        sk.shard_tables(sk.load_sample())


def test_map_date_and_themes_reach_every_shard():
    G = sk.snapshot(sk.load_sample(), on="2026-06-01")
    shards = _quiet(G)
    for area in shards.areas:
        H = read_shard(*_rows(shards, area))
        assert H.graph["as_of"] == G.graph["as_of"]
        assert H.graph["themes"] == G.graph["themes"]


def test_read_shard_refuses_two_areas():
    shards = _quiet(sk.load_sample())
    with pytest.raises(ValueError, match="one area"):
        read_shard(shards.nodes, shards.ties)


def test_bad_record_in_a_shard_is_a_data_error_naming_the_row():
    shards = _quiet(sk.load_sample())
    nodes, ties = _rows(shards, "Molenbuurt")
    nodes = nodes.copy()
    first = nodes.index[nodes["table"] == "residents"][0]
    record = json.loads(nodes.at[first, "record"])
    record["birth_year"] = "long ago"
    nodes.at[first, "record"] = json.dumps(record)
    with pytest.raises(sk.DataError, match="birth_year"):
        read_shard(nodes, ties)


def test_by_other_than_neighbourhood_is_refused():
    with pytest.raises(ValueError, match="neighbourhood"):
        sk.shard_tables(sk.load_sample(), by="postcode")


def test_parquet_round_trip(tmp_path):
    G = sk.load_sample()
    shards = _quiet(G)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = sk.write_shards(G, tmp_path / "shards")
    back = sk.read_shards(folder)
    for name in ("nodes", "ties", "boundary"):
        ours = getattr(shards, name)
        sort = [c for c in ("area", "table", "id", "source", "target") if c in ours]
        expected = ours.sort_values(sort, kind="stable").reset_index(drop=True)
        pd.testing.assert_frame_equal(getattr(back, name), expected.astype(object))
    with pytest.raises(FileNotFoundError, match="write_shards"):
        sk.read_shards(tmp_path / "nothing")


# --------------------------------------------------------------------------- per-area analyses


def test_area_measures_equal_the_library_on_the_subgraph():
    G = sk.load_sample()
    shards = _quiet(G)
    for area in shards.areas:
        table = area_measures(*_rows(shards, area))
        frames = sk.to_frames(G.subgraph(_members(shards, area)))
        for journal_table in ("referrals", "contacts"):  # the view shares the map's journal
            frames.pop(journal_table, None)
        sub = sk.from_frames(**frames)
        expected = sk.centrality(sub, seed=0)
        holes = sk.structural_holes(sub)
        wide = table.pivot(index="node", columns="measure", values="value")
        wide.index = wide.index.astype(str)
        for measure in ("degree", "betweenness", "closeness", "pagerank"):
            pd.testing.assert_series_equal(
                wide[measure].sort_index(),
                expected[measure]
                .astype(float)
                .sort_index()
                .rename_axis("node")
                .set_axis(expected[measure].sort_index().index.astype(str)),
                check_names=False,
            )
        pd.testing.assert_series_equal(
            wide["constraint"].sort_index(),
            holes["constraint"]
            .astype(float)
            .sort_index()
            .set_axis(holes.sort_index().index.astype(str)),
            check_names=False,
        )


def test_area_measures_name_no_resident():
    G = sk.load_sample()
    shards = _quiet(G)
    names = {d["name"] for _, d in G.nodes(data=True) if d["kind"] == "resident"}
    table = area_measures(*_rows(shards, "Havenkwartier"))
    assert not names & set(table.astype(str).to_numpy().ravel())


def test_area_gaps_count_what_find_gaps_finds_and_hold_no_person():
    G = sk.load_sample()
    shards = _quiet(G)
    area = "Molenbuurt"
    counts = area_gaps(*_rows(shards, area))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gaps = sk.find_gaps(read_shard(*_rows(shards, area)))
    assert counts["gaps"].sum() == len(gaps)
    assert counts["severity"].sum() == pytest.approx(gaps["severity"].sum())
    people = set(_members(shards, area))
    assert not people & set(counts.astype(str).to_numpy().ravel())


def test_area_graph_by_hand():
    boundary = pd.DataFrame(
        {
            "source": ["a", "b", "c", "d"],
            "target": ["b", "c", "a", "e"],
            "relation": ["knows"] * 4,
            "source_area": ["X", "Y", "Z", "X;Y"],
            "target_area": ["Y", "Z", "X", "*"],
            "record": ["{}"] * 4,
        }
    )
    A = area_graph(boundary, areas=["X", "Y", "Z", "W"])
    assert sorted(A.nodes) == ["W", "X", "Y", "Z"]
    assert {tuple(sorted(e)): d["ties"] for *e, d in A.edges(data=True)} == {
        ("X", "Y"): 1,
        ("Y", "Z"): 1,
        ("X", "Z"): 1,
    }
    assert nx.number_connected_components(A) == 2  # W stands alone
