"""Tests of sk.strengths: a hand-built map, the sample's scenes, consent, vacancy, properties."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.core.errors import DataError
from sociale_kaart.core.vocabulary import VACANT_PLACE
from sociale_kaart.referral.strengths import STRENGTH_COLUMNS, STRENGTH_TYPES
from sociale_kaart.testing import graphs_equal, maps

TODAY = dt.date(2026, 11, 21)


def _rel(source: str, target: str, relation: str, **kw: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "relation": relation, **kw}


def tiny() -> nx.MultiDiGraph:
    """Six residents, a bench nobody of the team visits, a vacant shop, three offers.

    ``r_c`` (buurt B) knows ``r_a``, ``r_d`` (A), ``r_e`` and ``r_f`` (B), who do not
    know each other: of the 6 pairs around ``r_c`` only ``(r_e, r_f)`` lies within
    one buurt (B-B-B, coordinator), so ``r_c`` connects 5 pairs.
    """
    residents = pd.DataFrame(
        [
            {"id": "r_a", "neighbourhood": "A", "languages": "nl", "offers": "finances"},
            {"id": "r_b", "neighbourhood": "A", "languages": "nl", "needs": "finances:2"},
            {"id": "r_c", "neighbourhood": "B", "languages": "nl", "offers": "exercise"},
            {"id": "r_d", "neighbourhood": "A", "languages": "nl"},
            {"id": "r_e", "neighbourhood": "B", "languages": "nl"},
            {"id": "r_f", "neighbourhood": "B", "languages": "nl"},
        ]
    )
    places = pd.DataFrame(
        [
            {"id": "pl_bench", "name": "Bankje", "type": "bench", "neighbourhood": "A"},
            {"id": "pl_shop", "name": "Oude bakkerij", "type": "Leeg pand", "neighbourhood": "A"},
        ]
    )
    initiatives = pd.DataFrame(
        [
            {"id": "i_club", "name": "Geldclub", "themes": "finances", "capacity": 3},
            {"id": "i_full", "name": "Volle club", "themes": "finances", "capacity": 0},
            {
                "id": "i_closed",
                "name": "Gesloten club",
                "themes": "finances",
                "capacity": 5,
                "closed": "2020-01-01",
            },
        ]
    )
    relations = pd.DataFrame(
        [
            _rel("r_a", "pl_bench", "visits"),
            _rel("r_b", "pl_bench", "visits"),
            _rel("r_d", "pl_bench", "visits"),
            _rel("r_c", "r_a", "knows"),
            _rel("r_c", "r_d", "knows"),
            _rel("r_c", "r_e", "knows"),
            _rel("r_c", "r_f", "knows"),
            _rel("r_a", "i_club", "volunteers", consent="ja"),
            _rel("r_d", "i_club", "volunteers"),
            _rel("r_e", "i_club", "volunteers", consent="nee"),
        ]
    )
    return sk.from_frames(
        residents=residents, places=places, initiatives=initiatives, relations=relations
    )


def _of(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    return frame[frame["strength_type"] == kind].reset_index(drop=True)


# ---------------------------------------------------------------------- a map checked by hand


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return sk.strengths(tiny(), today=TODAY)


def test_columns_and_type_order(small: pd.DataFrame) -> None:
    assert tuple(small.columns) == STRENGTH_COLUMNS
    order = [STRENGTH_TYPES.index(k) for k in small["strength_type"]]
    assert order == sorted(order)
    assert str(small["count"].dtype) == "Int64"


def test_regulars_of_the_unreached_bench_who_offer_something(small: pd.DataFrame) -> None:
    bench = _of(small, "offers_at_unreached_place")
    # r_a, r_b and r_d sit on the bench; only r_a offers something
    assert bench["nodes"].tolist() == [["pl_bench", "r_a"]]
    assert bench["count"].tolist() == [1]
    assert bench["explanation"][0].startswith("Of the 3 residents who come to Bankje, 1 have")


def test_resident_offers_per_theme(small: pd.DataFrame) -> None:
    offers = _of(small, "resident_offers")
    assert offers["theme"].tolist() == ["exercise", "finances"]
    assert offers["nodes"].tolist() == [["r_c"], ["r_a"]]
    assert offers["count"].tolist() == [1, 1]


def test_matched_pair_is_the_offer_and_the_need(small: pd.DataFrame) -> None:
    pairs = _of(small, "matched_pair")
    assert pairs["nodes"].tolist() == [["r_a", "r_b"]]
    assert pairs["theme"].tolist() == ["finances"]


def test_volunteers_are_named_only_with_consent(small: pd.DataFrame) -> None:
    volunteers = _of(small, "volunteers")
    # three volunteers; r_a said yes, r_e said no, r_d was not asked
    assert volunteers["count"].tolist() == [3]
    assert volunteers["nodes"].tolist() == [["i_club", "r_a"]]
    text = volunteers["explanation"][0]
    assert "r_a" in text and "r_d" not in text and "r_e" not in text


def test_free_capacity_skips_full_and_closed_offers(small: pd.DataFrame) -> None:
    free = _of(small, "free_capacity")
    assert free["nodes"].tolist() == [["i_club"]]
    assert free["count"].tolist() == [3]
    assert "1 residents have one" in free["suggestion"][0]  # r_b needs finances


def test_vacant_space_from_a_dutch_place_type(small: pd.DataFrame) -> None:
    G = tiny()
    assert G.nodes["pl_shop"]["type"] == VACANT_PLACE
    assert G.nodes["pl_bench"]["type"] == "bench"
    vacant = _of(small, "vacant_space")
    assert vacant["nodes"].tolist() == [["pl_shop"]]
    assert vacant["explanation"][0] == "Oude bakkerij stands empty (neighbourhood A)."


def test_connector_counts_the_pairs_across_buurten_by_hand(small: pd.DataFrame) -> None:
    connectors = _of(small, "connector")
    assert connectors["nodes"].tolist() == [["r_c"]]
    assert connectors["count"].tolist() == [5]


def test_connector_count_matches_a_brute_force_count() -> None:
    G = tiny()
    knows = nx.Graph()
    knows.add_edges_from((u, v) for u, v, r in G.edges(data="relation") if r == "knows")
    nb = {n: G.nodes[n]["neighbourhood"] for n in knows}
    expected = {}
    for v in knows:
        friends = sorted(knows[v])
        count = 0
        for i, a in enumerate(friends):
            for b in friends[i + 1 :]:
                one_buurt = nb[a] == nb[b] == nb[v]
                if not knows.has_edge(a, b) and not one_buurt:
                    count += 1
        if count:
            expected[v] = count
    got = _of(sk.strengths(G, kinds="connector", today=TODAY), "connector")
    assert dict(zip(got["nodes"].str[0], got["count"], strict=True)) == expected


def test_aggregate_view_names_no_one_and_hides_small_counts() -> None:
    public = sk.strengths(tiny(), aggregate_only=True, min_cell=5, today=TODAY)
    people = [f"r_{x}" for x in "abcdef"]
    for _, row in public.iterrows():
        assert not any(n in people for n in row["nodes"])
        assert not any(p in row["explanation"] + row["suggestion"] for p in people)
    offers = _of(public, "resident_offers")
    assert offers["count"].isna().all()
    assert all("fewer than 5" in e for e in offers["explanation"])
    # places and open places are not people: they stay visible
    assert _of(public, "free_capacity")["count"].tolist() == [3]
    assert _of(public, "vacant_space")["nodes"].tolist() == [["pl_shop"]]


def test_dutch_sentences() -> None:
    nl = sk.strengths(tiny(), language="nl", today=TODAY)
    assert _of(nl, "vacant_space")["explanation"][0] == "Oude bakkerij staat leeg (buurt A)."
    assert "met toestemming genoemd: r_a" in _of(nl, "volunteers")["explanation"][0]


def test_kinds_and_option_errors() -> None:
    G = tiny()
    only = sk.strengths(G, kinds=["vacant_space"], today=TODAY)
    assert set(only["strength_type"]) == {"vacant_space"}
    with pytest.raises(ValueError, match="unknown strength type 'gaps'"):
        sk.strengths(G, kinds="gaps")
    with pytest.raises(ValueError, match="connectors must be at least 0"):
        sk.strengths(G, connectors=-1)
    with pytest.raises(TypeError, match=r"today must be a datetime\.date"):
        sk.strengths(G, today="2026-11-21")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="min_cell"):
        sk.strengths(G, min_cell=2)


def test_empty_map_gives_an_empty_frame_with_the_columns() -> None:
    empty = sk.strengths(sk.from_frames(places=pd.DataFrame([{"id": "pl"}])), today=TODAY)
    assert empty.empty and tuple(empty.columns) == STRENGTH_COLUMNS


# ---------------------------------------------------------------------- consent and vacancy


def test_consent_is_refused_on_other_relations() -> None:
    residents = pd.DataFrame([{"id": "r1"}, {"id": "r2"}])
    relations = pd.DataFrame([_rel("r1", "r2", "knows", consent="yes")])
    with pytest.raises(DataError, match="consent is recorded on volunteers ties only"):
        sk.from_frames(residents=residents, relations=relations)


def test_consent_reads_dutch_column_and_values() -> None:
    G = sk.from_frames(
        residents=pd.DataFrame([{"id": "r1"}]),
        initiatives=pd.DataFrame([{"id": "i1"}]),
        relations=pd.DataFrame(
            [{"bron": "r1", "doel": "i1", "relatie": "volunteers", "toestemming": "ja"}]
        ),
    )
    assert [d["consent"] for _, _, d in G.edges(data=True)] == [True]


@pytest.mark.parametrize("written", ["leegstand", "Leeg pand", "vacant space", "VACANT"])
def test_vacant_place_type_aliases(written: str) -> None:
    G = sk.from_frames(places=pd.DataFrame([{"id": "pl", "type": written}]))
    assert G.nodes["pl"]["type"] == VACANT_PLACE


# ---------------------------------------------------------------------- the sample's scenes


@pytest.fixture(scope="module")
def sample_strengths() -> pd.DataFrame:
    return sk.strengths(sk.load_sample(), today=TODAY)


def test_sample_the_bench_13_of_34_offer_something(sample_strengths: pd.DataFrame) -> None:
    bench = _of(sample_strengths, "offers_at_unreached_place")
    assert bench["nodes"].str[0].tolist() == ["pl_bankje"]
    assert int(bench["count"][0]) == 13 == len(bench["nodes"][0]) - 1
    assert (
        "Of the 34 residents who come to Bankje voor de Buurtsuper, 13" in bench["explanation"][0]
    )


def test_sample_walkers_and_the_handyman_are_pairs(sample_strengths: pd.DataFrame) -> None:
    pairs = _of(sample_strengths, "matched_pair")["nodes"].tolist()
    assert ["r_wandel_a", "r_wandel_b"] in pairs
    assert ["r_klusser", "r_kluswens"] in pairs


def test_sample_volunteers_with_and_without_consent(sample_strengths: pd.DataFrame) -> None:
    volunteers = _of(sample_strengths, "volunteers").set_index(
        _of(sample_strengths, "volunteers")["nodes"].str[0]
    )
    assert volunteers.loc["i_buurtklussers", "nodes"] == ["i_buurtklussers", "r_klusser"]
    assert volunteers.loc["i_koffieochtend", "nodes"][1:] == ["r_spil", "r_vrijwilliger"]
    # r_duo_b said no at the budget café: counted, not named
    assert volunteers.loc["i_budgetcafe", "nodes"] == ["i_budgetcafe", "r_spil"]
    assert int(volunteers.loc["i_budgetcafe", "count"]) == 2
    named = {n for nodes in volunteers["nodes"] for n in nodes[1:]}
    assert named == {"r_klusser", "r_spil", "r_vrijwilliger"}


def test_sample_connector_is_r_spil(sample_strengths: pd.DataFrame) -> None:
    connectors = _of(sample_strengths, "connector")
    assert connectors["nodes"].str[0][0] == "r_spil"
    assert len(connectors) == 5


def test_sample_free_places_at_the_handymen(sample_strengths: pd.DataFrame) -> None:
    free = _of(sample_strengths, "free_capacity").set_index(
        _of(sample_strengths, "free_capacity")["nodes"].str[0]
    )
    assert int(free.loc["i_buurtklussers", "count"]) == 3
    G = sk.load_sample()
    open_places = {n: d["capacity"] for n, d in G.nodes(data=True) if (d.get("capacity") or 0) > 0}
    assert free["count"].astype(int).to_dict() == open_places


# ---------------------------------------------------------------------- properties


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=12, max_relations=20))
def test_strengths_never_mutate_and_counts_are_consistent(G: nx.MultiDiGraph) -> None:
    before = copy.deepcopy(G)
    team = sk.strengths(G, today=TODAY)
    public = sk.strengths(G, aggregate_only=True, min_cell=5, today=TODAY)
    assert graphs_equal(G, before)
    residents = {n for n, k in G.nodes(data="kind") if k == "resident"}
    offers = _of(team, "resident_offers")
    assert offers["count"].tolist() == offers["nodes"].map(len).tolist()
    assert int(offers["count"].sum()) == sum(len(G.nodes[r]["offers"]) for r in residents)
    bench = _of(team, "offers_at_unreached_place")
    assert bench["count"].tolist() == [len(n) - 1 for n in bench["nodes"]]
    volunteers = _of(team, "volunteers")
    assert all(
        c >= len(n) - 1 for c, n in zip(volunteers["count"], volunteers["nodes"], strict=True)
    )
    for _, row in public.iterrows():
        assert not residents & set(row["nodes"])
        count = row["count"]
        assert (
            count is pd.NA
            or count == 0
            or count >= 5
            or row["strength_type"]
            in (
                "free_capacity",
                "vacant_space",
            )
        )


def test_offers_read_as_offers_and_adl_stays_adl() -> None:
    # issue 14, grammar that fits the theme: a resident does not "help with language"
    s = sk.strengths(sk.load_sample(), language="nl", today=TODAY)
    said = " ".join(s["explanation"]) + " " + " ".join(s["suggestion"])
    assert "elk van hen helpt met het Nederlands" in said
    assert "als een buurtbewoner hulp bij het Nederlands zoekt" in said
    assert "instrumentele ADL" in said and "adl" not in said
