"""Tests for merging a directory into a team's map."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings

import sociale_kaart as sk
from sociale_kaart.testing import maps
from tests._paths import SHARED_DATA

SAMPLE = SHARED_DATA / "hsds-1.1-sample"


@pytest.fixture(scope="module")
def team() -> nx.MultiDiGraph:
    return sk.load_sample()


def _directory(**tables: list[dict[str, Any]]) -> nx.MultiDiGraph:
    return sk.from_frames(**{name: pd.DataFrame(rows) for name, rows in tables.items()})


def _report(M: nx.MultiDiGraph) -> pd.DataFrame:
    return M.graph["merge_report"].set_index("directory_id")


def _unchanged(team: nx.MultiDiGraph, M: nx.MultiDiGraph) -> None:
    for node, attrs in team.nodes(data=True):
        assert M.nodes[node] == attrs, node
    assert set(team.edges(keys=True)) <= set(M.edges(keys=True))


def test_name_and_postcode(team: nx.MultiDiGraph) -> None:
    team = sk.from_frames(
        organisations=pd.DataFrame(
            {
                "id": ["o1", "o2"],
                "name": ["Voedselbank", "Buurthuis"],
                "x_postcode": ["3311 AB", ""],
            }
        )
    )
    directory = _directory(
        organisations=[
            {"id": "d1", "name": "VOEDSELBANK", "x_postcode": "3311AB", "description": "new"},
            {"id": "d2", "name": "Voedselbank", "x_postcode": "3314 XY"},  # elsewhere
            {"id": "d3", "name": "Buurthuis", "x_postcode": "3312 AA"},  # team has no postcode
            {"id": "o2", "name": "Something else"},  # the id is taken
        ]
    )
    M = sk.merge(team, directory)
    report = _report(M)
    assert report.loc["d1", "status"] == "matched" and report.loc["d1", "team_id"] == "o1"
    assert M.nodes["o1"].get("description") is None  # never overwritten
    assert "d1" not in M
    assert report.loc["d2", "status"] == "possible duplicate" and "d2" in M
    assert report.loc["d3", "status"] == "possible duplicate"
    assert report.loc["d3", "team_id"] == "o2"
    assert report.loc["o2", "status"] == "added, id changed"
    assert M.nodes["dir:o2"]["name"] == "Something else"
    assert M.nodes["o2"]["name"] == "Buurthuis"


def test_edges_follow_the_matched_node(team: nx.MultiDiGraph) -> None:
    directory = _directory(
        organisations=[{"id": "d_lib", "name": "Stichting Bibliotheek Rivierstad"}],
        initiatives=[{"id": "d_read", "name": "Voorleesuur", "organisation": "d_lib"}],
    )
    M = sk.merge(team, directory, on="name")
    sk.validate(M)
    assert M.nodes["d_read"]["organisation"] == "o_bibliotheek"
    assert M.has_edge("o_bibliotheek", "d_read", "runs")
    _unchanged(team, M)


def test_on_id_and_callable(team: nx.MultiDiGraph) -> None:
    directory = _directory(places=[{"id": "pl_bankje", "name": "Another bench"}])
    assert _report(sk.merge(team, directory, on="id")).loc["pl_bankje", "status"] == "matched"
    by_name = sk.merge(team, directory, on="name")
    assert _report(by_name).loc["pl_bankje", "status"] == "added, id changed"
    always = sk.merge(team, directory, on=lambda a, b: a.get("type") == "supermarket bench")
    assert _report(always).loc["pl_bankje", "team_id"] == "pl_bankje"
    with pytest.raises(ValueError, match="on must"):
        sk.merge(team, directory, on="postcode")
    with pytest.raises(ValueError, match="on must"):
        sk.merge(team, directory, on=3)  # type: ignore[arg-type]


def test_merge_the_hsds_sample_into_rivierwijk(team: nx.MultiDiGraph) -> None:
    if not SAMPLE.exists():
        pytest.skip("the shared HSDS 1.1 sample is absent")
    directory = sk.read_hsds(SAMPLE / "all_resources", id_prefix="hsds:")
    M = sk.merge(team, directory)
    sk.validate(M)
    _unchanged(team, M)
    report = M.graph["merge_report"]
    assert len(report) == directory.number_of_nodes()
    assert set(report["status"]) <= {"added", "possible duplicate", "matched"}
    assert M.number_of_nodes() == team.number_of_nodes() + (report["status"] != "matched").sum()


@settings(max_examples=15, deadline=None)
@given(team=maps(max_nodes=8, max_relations=8), directory=maps(max_nodes=8, max_relations=8))
def test_merge_never_overwrites_and_reports_every_directory_node(
    team: nx.MultiDiGraph, directory: nx.MultiDiGraph
) -> None:
    M = sk.merge(team, directory)
    _unchanged(team, M)
    report = M.graph["merge_report"]
    assert sorted(report["directory_id"]) == sorted(directory.nodes)
    for row in report.itertuples():
        if row.status == "matched":
            assert row.team_id in team
        else:
            assert row.status in ("added", "added, id changed", "possible duplicate")
    added = (report["status"] != "matched").sum()
    assert M.number_of_nodes() == team.number_of_nodes() + added


# --------------------------------------------------------------------------- issue 11


@pytest.mark.parametrize("source", ["team", "hsds"])
def test_merging_a_directory_with_itself_adds_nothing(team: nx.MultiDiGraph, source: str) -> None:
    if source == "hsds":
        if not SAMPLE.exists():
            pytest.skip("the shared HSDS 1.1 sample is absent")
        G = sk.read_hsds(SAMPLE / "all_resources")
    else:
        G = team
    M = sk.merge(G, G)
    report = M.graph["merge_report"]
    assert set(report["status"]) == {"matched"}
    assert (report["directory_id"] == report["team_id"]).all()
    assert M.number_of_nodes() == G.number_of_nodes()
    assert set(M.edges(keys=True)) == set(G.edges(keys=True))


def test_neither_side_has_a_postcode_matches_on_name_and_kind() -> None:
    team = sk.from_frames(
        organisations=pd.DataFrame({"id": ["o1", "o2", "o3"],
                                    "name": ["Voedselbank", "Buurthuis", "Buurthuis"]}),
        initiatives=pd.DataFrame({"id": ["i1"], "name": ["Taalcafé"]}),
    )  # fmt: skip
    directory = _directory(
        organisations=[
            {"id": "d1", "name": "VOEDSELBANK"},
            {"id": "d2", "name": "Buurthuis"},  # two team records by that name
            {"id": "d3", "name": "Taalcafé"},  # the team's is an initiative
        ]
    )
    report = _report(sk.merge(team, directory))
    assert report.loc["d1", "status"] == "matched" and report.loc["d1", "team_id"] == "o1"
    assert "neither has a postcode" in report.loc["d1", "reason"]
    assert report.loc["d2", "status"] == "possible duplicate"
    assert report.loc["d3", "status"] == "possible duplicate"


def test_organisations_borrow_the_postcode_of_their_location() -> None:
    team = sk.from_frames(
        organisations=pd.DataFrame({"id": ["o1"], "name": ["Voedselbank"]}),
        places=pd.DataFrame({"id": ["p1"], "name": ["Loods"], "x_address": ["Kade 1, 3311 AB X"]}),
        relations=pd.DataFrame({"source": ["o1"], "target": ["p1"], "relation": ["located_at"]}),
    )
    directory = _directory(
        organisations=[
            {"id": "d1", "name": "Voedselbank", "x_postcode": "3311AB"},
            {"id": "d2", "name": "Voedselbank", "x_postcode": "9999 ZZ"},  # another branch?
        ]
    )
    report = _report(sk.merge(team, directory))
    assert report.loc["d1", "status"] == "matched"
    assert report.loc["d1", "reason"].startswith("the same name and postcode")
    assert report.loc["d2", "status"] == "possible duplicate"
    assert "another postcode" in report.loc["d2", "reason"]


def test_us_zip_codes_are_not_cut_to_four_digits() -> None:
    team = sk.from_frames(
        places=pd.DataFrame(
            {"id": ["p1"], "name": ["Office"], "x_address": ["1 Main St, 10001 NY"]}
        )
    )
    directory = _directory(
        places=[{"id": "d1", "name": "Office", "x_address": "9 Elm St, 10002 NY"}]
    )
    report = _report(sk.merge(team, directory))
    assert report.loc["d1", "status"] == "possible duplicate"  # not matched: 10001 != 10002
    assert "another postcode" in report.loc["d1", "reason"]


def test_find_duplicates_with_reasons() -> None:
    G = sk.from_frames(
        organisations=pd.DataFrame(
            {
                "id": ["a", "b", "c", "d", "e", "f"],
                "name": ["Voedselbank Zuid", "VOEDSELBANK ZUID", "Voedselbank Noord",
                         "Buurthuis", "Buurthuis", "Voedselbank Zuid"],
                "x_postcode": ["3311 AB", "3311AB", "3311 AB", "", "", "9999 ZZ"],
                "contact": ["vb@x.example", "vb@x.example", None, None, None, None],
            }
        ),
        initiatives=pd.DataFrame({"id": ["i1"], "name": ["Buurthuis"]}),
    )  # fmt: skip
    found = sk.find_duplicates(G)
    assert list(found.columns) == ["duplicate_of", "kind", "similarity", "reason"]
    pairs = {(n, row.duplicate_of): row.reason for n, row in found.iterrows()}
    assert set(pairs) == {("b", "a"), ("e", "d")}  # f is another branch; i1 another kind
    assert (
        pairs[("b", "a")] == "the same name and the same postcode; the same contact (vb@x.example)"
    )
    assert pairs[("e", "d")] == "the same name and kind, and neither has a postcode"
    assert found.loc["b", "similarity"] == 1.0
    loose = sk.find_duplicates(G, similarity=0.6)
    assert ("c", "a") in {(n, row.duplicate_of) for n, row in loose.iterrows()}
    assert sk.find_duplicates(sk.from_frames(organisations=pd.DataFrame({"id": ["x"]}))).empty
    with pytest.raises(ValueError, match="similarity"):
        sk.find_duplicates(G, similarity=2)


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared HSDS 1.1 sample is absent")
def test_find_duplicates_on_the_hsds_sample_and_after_a_self_merge() -> None:
    G = sk.read_hsds(SAMPLE / "all_resources")
    before = sk.find_duplicates(G)
    assert set(before["kind"]) <= {"place", "organisation", "initiative"}
    assert all(G.nodes[n]["name"] == G.nodes[d]["name"] for n, d in before["duplicate_of"].items())
