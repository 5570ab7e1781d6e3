"""Gap tests: hand-built maps per gap type, properties, the sample's scenes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.records import Initiative
from sociale_kaart.gaps.api import COLUMNS, GAP_TYPES
from sociale_kaart.index.lookups import GapIndex
from sociale_kaart.testing import graphs_equal, maps

TODAY = dt.date(2026, 11, 21)
PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def rivierwijk() -> nx.MultiDiGraph:
    return sk.load_sample()


@pytest.fixture(scope="module")
def sample_gaps(rivierwijk: nx.MultiDiGraph) -> pd.DataFrame:
    return sk.find_gaps(rivierwijk, today=TODAY)


def make_map(**tables: list[dict[str, Any]]) -> nx.MultiDiGraph:
    """A map from lists of records per table (``relations`` as source/target/relation)."""
    frames = {name: pd.DataFrame(rows) for name, rows in tables.items() if rows}
    return sk.from_frames(**frames)


def rel(source: str, target: str, relation: str, **extra: Any) -> dict[str, Any]:
    return {"source": source, "target": target, "relation": relation, **extra}


def rows_of(frame: pd.DataFrame, gap_type: str) -> pd.DataFrame:
    return frame[frame["gap_type"] == gap_type]


def first_nodes(frame: pd.DataFrame) -> list[str]:
    return [nodes[0] for nodes in frame["nodes"]]


# ----------------------------------------------------------------------------- coverage

NOORD = [
    {"id": "r1", "neighbourhood": "Noord", "birth_year": 1980, "needs": "finances:2"},
    {"id": "r2", "neighbourhood": "Noord", "birth_year": 1990, "needs": "finances"},
]


def test_coverage_counts_demand_and_marks_a_need_with_no_offer() -> None:
    G = make_map(residents=NOORD)
    cov = sk.coverage(G, today=TODAY)
    cell = cov.loc[("Noord", "finances")]
    # score 2 weighs 6 - 2 = 4, an unscored need 3
    assert (cell["residents"], cell["demand"], cell["supply"]) == (2, 7, 0)
    assert bool(cell["gap"]) and cell["gap_reason"] == "no_offer"
    # themes nobody needs are in the matrix, without a gap
    assert cov.loc[("Noord", "housing"), "residents"] == 0
    assert not cov.loc[("Noord", "housing"), "gap"]


def test_coverage_informal_offer_with_room_closes_the_gap() -> None:
    offer = {"id": "i1", "themes": "finances", "level": "informal", "capacity": 3}
    cov = sk.coverage(make_map(residents=NOORD, initiatives=[offer]), today=TODAY)
    cell = cov.loc[("Noord", "finances")]
    assert (cell["supply"], cell["informal"], cell["general"], cell["specialised"]) == (1, 1, 0, 0)
    assert not cell["gap"] and cell["gap_reason"] == ""
    assert cell["unserved"] == 0


@pytest.mark.parametrize(
    ("offer", "reason"),
    [
        ({"level": "informal", "capacity": 0}, "full"),
        ({"level": "specialised"}, "specialised_only"),
        ({"level": "general", "min_age": 65}, "not_eligible"),
        ({"level": "general", "serves": "Zuid"}, "no_offer"),
        ({"level": "general", "languages": "pl"}, "not_eligible"),
    ],
)
def test_coverage_gap_reasons(offer: dict[str, Any], reason: str) -> None:
    record = {"id": "o1", "themes": "finances", **offer}
    G = make_map(residents=[{**r, "languages": "nl"} for r in NOORD], organisations=[record])
    cov = sk.coverage(G, today=TODAY)
    assert cov.loc[("Noord", "finances"), "gap_reason"] == reason
    rows = sk.coverage_gaps(G, today=TODAY)
    assert rows["theme"].tolist() == ["finances"]
    assert rows["neighbourhood"].tolist() == ["Noord"]


def test_coverage_far_offer_counts_only_when_coordinates_say_so() -> None:
    residents = [{**r, "lat": 52.0, "lon": 5.0} for r in NOORD]
    offer = {"id": "i1", "themes": "finances", "level": "informal", "lat": 52.1, "lon": 5.0}
    G = make_map(residents=residents, initiatives=[offer])  # about 11 km north
    cov = sk.coverage(G, today=TODAY)
    assert cov.loc[("Noord", "finances"), "gap_reason"] == "far"
    assert cov.loc[("Noord", "finances"), "far"] == 1
    assert not sk.coverage(G, today=TODAY, max_distance_km=20).loc[("Noord", "finances"), "gap"]
    assert not sk.coverage(G, today=TODAY, max_distance_km=None).loc[("Noord", "finances"), "gap"]


def test_coverage_frame_contract_and_matrix_pivot() -> None:
    G = make_map(residents=NOORD)
    cov = sk.coverage(G, today=TODAY)
    assert list(cov.index.names) == ["neighbourhood", "theme"]
    for column in ("residents", "demand", "supply", "informal", "general", "specialised"):
        assert column in cov.columns
    assert cov["gap"].dtype == bool
    assert set(cov["gap_reason"]) <= {
        "",
        "no_offer",
        "not_eligible",
        "full",
        "far",
        "specialised_only",
    }
    matrix = cov["demand"].unstack("theme")
    assert matrix.loc["Noord", "finances"] == 7


def test_coverage_and_gaps_of_an_empty_map() -> None:
    G = nx.MultiDiGraph()
    cov = sk.coverage(G)
    assert cov.empty and list(cov.index.names) == ["neighbourhood", "theme"]
    gaps = sk.find_gaps(G)
    assert gaps.empty and tuple(gaps.columns) == COLUMNS


def test_coverage_aggregate_only_suppresses_small_counts() -> None:
    cov = sk.coverage(make_map(residents=NOORD), today=TODAY, aggregate_only=True)
    cell = cov.loc[("Noord", "finances")]
    assert pd.isna(cell["residents"]) and pd.isna(cell["demand"]) and bool(cell["suppressed"])
    assert cov.loc[("Noord", "housing"), "residents"] == 0


def _open_offer(themes: list[str]) -> dict[str, Any]:
    return Initiative(id="zz_new_offer", themes=themes, level="informal").attributes()


@PROPERTY
@given(maps(max_nodes=10, max_relations=12))
def test_property_adding_an_eligible_offer_with_room_never_adds_coverage_gaps(
    G: nx.MultiDiGraph,
) -> None:
    before = sk.coverage(G, today=TODAY)
    H = G.copy()
    H.add_node("zz_new_offer", **_open_offer(sorted(G.graph["themes"])))
    after = sk.coverage(H, today=TODAY)
    assert after["gap"].sum() <= before["gap"].sum()
    assert not (after["gap"] & ~before["gap"]).any()
    assert (after["supply"] >= before["supply"]).all()


# ----------------------------------------------------------------------------- single knowers

TEAM = [
    {"id": "p1", "team": "T", "neighbourhoods": "Noord"},
    {"id": "p2", "team": "T", "neighbourhoods": "Noord"},
]


def test_single_knowers_counts_knowers_within_the_team() -> None:
    offers = [
        {"id": "i_both", "themes": "finances", "level": "informal"},
        {"id": "i_one", "themes": "finances", "level": "informal"},
        {"id": "i_none", "themes": "housing", "level": "informal"},
    ]
    relations = [
        rel("p1", "i_both", "knows_of"),
        rel("p2", "i_both", "knows_of"),
        rel("p2", "i_one", "refers"),
    ]
    G = make_map(residents=NOORD, professionals=TEAM, initiatives=offers, relations=relations)
    rows = sk.single_knowers(G, today=TODAY)
    assert sorted(rows["nodes"].tolist()) == [["i_none"], ["i_one", "p2"]]
    by_offer = {nodes[0]: sev for nodes, sev in zip(rows["nodes"], rows["severity"], strict=True)}
    # i_one: 0.7 * (0.2 + 0.8 * 2 / 12): two finance needs; i_none: nobody needs housing
    assert by_offer["i_one"] == pytest.approx(0.7 * (0.2 + 0.8 * 2 / 12), abs=1e-3)
    assert by_offer["i_none"] == pytest.approx(0.2)


def test_single_knowers_staff_know_their_organisation_and_no_team_means_everyone() -> None:
    pros = [{"id": "p1", "organisation": "o1"}, {"id": "p2", "organisation": "o1"}]
    G = make_map(professionals=pros, organisations=[{"id": "o1", "themes": "housing"}])
    assert sk.single_knowers(G).empty


def test_no_gaps_on_a_well_connected_map() -> None:
    G = make_map(
        residents=[{"id": "r1", "neighbourhood": "Noord"}, {"id": "r2", "neighbourhood": "Noord"}],
        relations=[rel("r1", "r2", "knows")],
    )
    assert sk.find_gaps(G, today=TODAY).empty


# ----------------------------------------------------------------------------- knowledge


def _knowledge_map(p1_knows: list[str]) -> nx.MultiDiGraph:
    offers = [
        {"id": "i_fin", "themes": "finances", "level": "informal"},
        {"id": "i_fin2", "themes": "finances", "level": "general"},
        {"id": "i_old", "themes": "finances", "min_age": 65},
    ]
    relations = [
        rel("p1", "r1", "supports"),
        rel("p1", "r2", "supports"),
        rel("p2", "i_fin", "knows_of"),
        rel("p2", "i_old", "knows_of"),
        *[rel("p1", o, "knows_of") for o in p1_knows],
    ]
    residents = [*NOORD, {"id": "r3", "neighbourhood": "Noord"}]
    return make_map(
        residents=residents, professionals=TEAM, initiatives=offers, relations=relations
    )


def test_knowledge_gap_when_a_colleague_knows_what_the_caseload_needs() -> None:
    rows = sk.knowledge_gaps(_knowledge_map([]), today=TODAY)
    # i_old is closed to both clients (born 1980 and 1990), so it is not listed
    assert rows["nodes"].tolist() == [["p1", "i_fin"]]
    assert rows["theme"].tolist() == ["finances"]
    assert rows["severity"].tolist() == [1.0]  # 2 of 2 clients, knows no finance offer


def test_knowledge_gap_is_milder_when_the_professional_knows_another_offer() -> None:
    rows = sk.knowledge_gaps(_knowledge_map(["i_fin2"]), today=TODAY)
    assert rows["severity"].tolist() == [0.8]
    assert sk.knowledge_gaps(_knowledge_map(["i_fin"]), today=TODAY).empty


# ----------------------------------------------------------------------------- isolation


def test_isolation_severity_by_ties() -> None:
    G = make_map(
        residents=[
            {"id": "alone", "neighbourhood": "Noord"},
            {"id": "client", "neighbourhood": "Noord"},
            {"id": "a", "neighbourhood": "Noord"},
            {"id": "b", "neighbourhood": "Noord"},
        ],
        professionals=[{"id": "p"}],
        relations=[rel("p", "client", "supports"), rel("a", "b", "knows")],
    )
    rows = sk.isolation(G)
    severity = dict(zip(first_nodes(rows), rows["severity"], strict=True))
    assert severity == {"alone": 0.7, "client": 0.5}


def _chain_map() -> nx.MultiDiGraph:
    # r1 -knows- r2 -knows- r3 -participates- i_fin: the offer is 3 ties away
    return make_map(
        residents=[
            {"id": "r1", "neighbourhood": "Noord", "needs": "finances:1"},
            {"id": "r2", "neighbourhood": "Noord"},
            {"id": "r3", "neighbourhood": "Noord"},
        ],
        initiatives=[{"id": "i_fin", "themes": "finances"}],
        relations=[
            rel("r1", "r2", "knows"),
            rel("r3", "r2", "knows"),
            rel("r3", "i_fin", "participates"),
        ],
    )


def test_isolation_path_rule_counts_hops() -> None:
    G = _chain_map()
    assert sk.isolation(G, max_hops=3).empty
    rows = sk.isolation(G, max_hops=2)
    assert first_nodes(rows) == ["r1"] and rows["theme"].tolist() == ["finances"]
    assert rows["severity"].tolist() == [0.3]  # has a friend; weight 5 of 5 unreached


def _reached_by_networkx(G: nx.MultiDiGraph, resident: str, max_hops: int) -> set[str]:
    """An independent path check: nx shortest paths over people, then one tie to an offer."""
    people = nx.Graph()
    people.add_nodes_from(n for n, k in G.nodes(data="kind") if k in ("resident", "professional"))
    people.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k in ("knows", "supports"))
    near = nx.single_source_shortest_path_length(people, resident, cutoff=max_hops - 1)
    ix = GapIndex(G, today=TODAY)
    reached = set()
    aware = {"knows_of", "refers", "works_for", "participates", "volunteers"}
    for u, o, k in G.edges(keys=True):
        is_offer = G.nodes[o]["kind"] in ("initiative", "organisation")
        if k in aware and u in near and is_offer and ix.eligible(resident, o):
            reached.update(G.nodes[o]["themes"] or [])
    return reached & set(G.nodes[resident]["needs"])


@PROPERTY
@given(maps(max_nodes=12, max_relations=25), st.integers(1, 3))
def test_property_paths_agree_with_networkx_shortest_paths(
    G: nx.MultiDiGraph, max_hops: int
) -> None:
    ix = GapIndex(G, today=TODAY)
    for r in ix.residents():
        found = set(ix.reachable_needs(r, max_hops=max_hops))
        assert found == _reached_by_networkx(G, r, max_hops)


# ----------------------------------------------------------------------------- places, groups


def _place_map(extra: list[dict[str, Any]]) -> nx.MultiDiGraph:
    residents = [{"id": f"r{i}", "needs": "loneliness" if i < 3 else ""} for i in range(5)]
    return make_map(
        residents=residents,
        professionals=[{"id": "p"}],
        places=[{"id": "pl_bench", "type": "bench"}],
        initiatives=[{"id": "i1"}],
        relations=[rel(f"r{i}", "pl_bench", "visits") for i in range(5)] + extra,
    )


def test_unreached_place_and_what_reaches_it() -> None:
    rows = sk.unreached_places(_place_map([]))
    assert rows["nodes"].tolist() == [["pl_bench"]]
    assert rows["severity"].tolist() == [pytest.approx(3 / 8, abs=1e-3)]  # 3 with a need
    assert sk.unreached_places(_place_map([rel("p", "pl_bench", "visits")])).empty
    known_offer = [rel("i1", "pl_bench", "located_at"), rel("p", "i1", "knows_of")]
    assert sk.unreached_places(_place_map(known_offer)).empty


def test_unreached_group_of_residents() -> None:
    residents = [{"id": x, "needs": "housing"} for x in ("a", "b", "c", "d")]
    knows = [rel("a", "b", "knows"), rel("b", "c", "knows")]
    G = make_map(residents=residents, relations=knows)
    rows = sk.unreached_places(G)
    assert rows["nodes"].tolist() == [["a", "b", "c"]]
    assert sk.unreached_places(G, min_group=4).empty
    G2 = make_map(
        residents=residents,
        professionals=[{"id": "p"}],
        relations=[*knows, rel("p", "c", "supports")],
    )
    assert sk.unreached_places(G2).empty


# ----------------------------------------------------------------------------- structural holes


def _orgs_map(extra: list[dict[str, Any]]) -> nx.MultiDiGraph:
    return make_map(
        residents=[{"id": "r1"}, {"id": "r2"}],
        professionals=[{"id": "pa", "organisation": "oa"}, {"id": "pb", "organisation": "ob"}],
        organisations=[{"id": "oa"}, {"id": "ob"}],
        relations=[
            rel("pa", "r1", "supports"),
            rel("pa", "r2", "supports"),
            rel("pb", "r1", "supports"),
            rel("pb", "r2", "supports"),
            *extra,
        ],
    )


def test_structural_hole_between_organisations_sharing_clients() -> None:
    rows = sk.structural_holes_between_groups(_orgs_map([]))
    assert rows["nodes"].tolist() == [["oa", "ob"]]
    assert rows["severity"].tolist() == [pytest.approx(2 / 7, abs=1e-3)]
    assert sk.structural_holes_between_groups(_orgs_map([]), min_shared=3).empty
    for tie in (rel("pa", "ob", "meets"), rel("oa", "ob", "partners"), rel("pa", "pb", "knows")):
        assert sk.structural_holes_between_groups(_orgs_map([tie])).empty


def test_structural_hole_between_organisations_with_common_themes() -> None:
    orgs = [
        {"id": "oa", "themes": "finances;housing", "neighbourhood": "Noord"},
        {"id": "ob", "themes": "finances;housing;language", "neighbourhood": "Noord"},
        {"id": "oc", "themes": "finances;housing", "neighbourhood": "Zuid"},
    ]
    rows = sk.structural_holes_between_groups(make_map(organisations=orgs))
    assert rows["nodes"].tolist() == [["oa", "ob"]]


# ----------------------------------------------------------------------------- meetings


def _meeting_map(staff_clients: list[str]) -> nx.MultiDiGraph:
    residents = [{"id": f"r{i}", "needs": "housing"} for i in range(4)]
    return make_map(
        residents=residents,
        professionals=[{"id": "p"}, {"id": "q", "organisation": "o"}, {"id": "s"}],
        organisations=[{"id": "o", "themes": "justice"}],
        relations=[
            *[rel("p", f"r{i}", "supports") for i in range(4)],
            *[rel("q", r, "supports") for r in staff_clients],
            rel("p", "o", "meets", hours_per_month=8),
            rel("s", "p", "meets", hours_per_month=2),
        ],
    )


def test_meeting_audit_flags_costly_meetings_that_share_little() -> None:
    audit = sk.meeting_audit(_meeting_map([]))
    row = audit.meetings.set_index(["professional", "other"]).loc[("p", "o")]
    assert (row["shared_residents"], row["relevance"], row["flagged"]) == (0, 0.0, True)
    assert audit.professionals.loc["p", "hours_per_month"] == 10.0  # both meetings count
    assert audit.professionals.loc["s", "hours_per_month"] == 2.0
    assert audit.hours_won_back == 8.0
    gaps = sk.find_gaps(_meeting_map([]), kinds="meeting_load")
    assert gaps["nodes"].tolist() == [["p", "o"]]
    assert gaps["severity"].tolist() == [pytest.approx(8 / 18, abs=1e-3)]


def test_meeting_audit_shared_clients_make_a_meeting_relevant() -> None:
    audit = sk.meeting_audit(_meeting_map(["r0", "r1"]))
    row = audit.meetings.set_index(["professional", "other"]).loc[("p", "o")]
    assert (row["shared_residents"], row["resident_share"], row["flagged"]) == (2, 0.5, False)
    assert audit.hours_won_back == 0.0


# ----------------------------------------------------------------------------- stale records


def test_stale_records_threshold_and_missing_dates() -> None:
    offers = [
        {"id": "i_recent", "last_verified": "2025-11-21"},
        {"id": "i_old", "last_verified": "2025-10-20"},
        {"id": "i_never"},
    ]
    table = sk.stale_records(make_map(initiatives=offers), today=TODAY)
    assert pd.isna(table.loc["i_never", "age_months"])
    assert (table.loc["i_old", "age_months"], table.loc["i_recent", "age_months"]) == (13, 12)
    assert table["reason"].to_dict() == {"i_never": "missing", "i_old": "old", "i_recent": None}
    gaps = sk.find_gaps(make_map(initiatives=offers), kinds=["stale_record"], today=TODAY)
    assert gaps["nodes"].tolist() == [["i_never"], ["i_old"]]
    assert gaps["severity"].tolist() == [0.4, pytest.approx(0.25 + 0.25 / 12, abs=1e-3)]


# ----------------------------------------------------------------------------- find_gaps


def test_find_gaps_validates_its_arguments() -> None:
    G = make_map(residents=NOORD)
    with pytest.raises(ValueError, match="kinds"):
        sk.find_gaps(G, kinds=["coverage", "nonsense"])
    with pytest.raises(ValueError, match="language"):
        sk.find_gaps(G, language="de")
    with pytest.raises(ValueError, match="min_cell"):
        sk.find_gaps(G, min_cell=3)
    with pytest.raises(ValueError, match="max_hops"):
        sk.find_gaps(G, max_hops=0)
    with pytest.raises(TypeError, match="today"):
        sk.find_gaps(G, today="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="MultiDiGraph"):
        sk.find_gaps(nx.Graph())


def test_find_gaps_frame_order_and_language(sample_gaps: pd.DataFrame, rivierwijk: Any) -> None:
    assert tuple(sample_gaps.columns) == COLUMNS
    assert set(sample_gaps["gap_type"]) == set(GAP_TYPES)
    severities = sample_gaps["severity"].tolist()
    assert severities == sorted(severities, reverse=True)
    assert sample_gaps["severity"].between(0, 1).all()
    assert all(isinstance(n, list) for n in sample_gaps["nodes"])
    dutch = sk.find_gaps(rivierwijk, today=TODAY, language="nl")
    assert dutch["nodes"].tolist() == sample_gaps["nodes"].tolist()
    bench = dutch[dutch["nodes"].str[0] == "pl_bankje"]["explanation"].iloc[0]
    assert "bewoners komen bij" in bench


def test_find_gaps_does_not_change_the_map(rivierwijk: nx.MultiDiGraph) -> None:
    G = rivierwijk.copy()
    sk.find_gaps(G, today=TODAY)
    sk.what_if(G, ["p_opbouw"], today=TODAY)
    assert graphs_equal(G, rivierwijk)


def test_aggregate_only_view_has_no_residents_and_suppresses_small_counts(
    rivierwijk: nx.MultiDiGraph,
) -> None:
    shared = sk.find_gaps(rivierwijk, today=TODAY, aggregate_only=True)
    residents = {n for n, k in rivierwijk.nodes(data="kind") if k == "resident"}
    assert not any(set(nodes) & residents for nodes in shared["nodes"])
    isolation = rows_of(shared, "isolation")
    assert isolation["explanation"].str.contains("fewer than 10").any()
    parenting = shared[(shared["gap_type"] == "coverage") & (shared["theme"] == "parenting")]
    assert parenting["explanation"].str.startswith("fewer than 10 residents").all()
    assert sk.find_gaps(rivierwijk, today=TODAY, aggregate_only=True, min_cell=5).shape[0] > 0


@PROPERTY
@given(maps(max_nodes=10, max_relations=15))
def test_property_find_gaps_on_any_map(G: nx.MultiDiGraph) -> None:
    gaps = sk.find_gaps(G, today=TODAY)
    assert tuple(gaps.columns) == COLUMNS
    assert gaps["severity"].between(0, 1).all()
    assert set(gaps["gap_type"]) <= set(GAP_TYPES)
    shared = sk.find_gaps(G, today=TODAY, aggregate_only=True)
    residents = {n for n, k in G.nodes(data="kind") if k == "resident"}
    assert not any(set(nodes) & residents for nodes in shared["nodes"])


# ----------------------------------------------------------------------------- what if


def test_what_if_reports_the_resident_who_loses_the_only_path() -> None:
    G = make_map(
        residents=[{"id": "r1", "neighbourhood": "Noord", "needs": "finances:2"}],
        professionals=[{"id": "p1"}],
        initiatives=[{"id": "i_fin", "themes": "finances"}],
        relations=[rel("p1", "r1", "supports"), rel("p1", "i_fin", "knows_of")],
    )
    result = sk.what_if(G, "p1", today=TODAY)
    assert result.removed == ("p1",)
    assert result.lost_paths.reset_index().values.tolist() == [["r1", "Noord", "finances", "i_fin"]]
    isolation = result.gaps[result.gaps["gap_type"] == "isolation"].iloc[0]
    # r1 knew no other resident before (0.5); now also no professional and no path
    assert isolation["change"] == "grew"
    assert (isolation["severity_before"], isolation["severity_after"]) == (0.5, 0.94)
    assert result.summary.loc["isolation"].tolist() == [1, 1]
    with pytest.raises(sk.NodeNotFoundError, match="nobody"):
        sk.what_if(G, ["nobody"])


@PROPERTY
@given(maps(max_nodes=12, max_relations=25), st.data())
def test_property_removing_a_node_never_creates_a_path(G: nx.MultiDiGraph, data: Any) -> None:
    nodes = sorted(G)
    gone = data.draw(st.sets(st.sampled_from(nodes), max_size=2)) if nodes else set()
    before = GapIndex(G, today=TODAY)
    after = GapIndex(G.subgraph([n for n in G if n not in gone]), today=TODAY)
    for r in after.residents():
        assert set(after.reachable_needs(r, max_hops=3)) <= set(
            before.reachable_needs(r, max_hops=3)
        )
    result = sk.what_if(G, sorted(gone), today=TODAY)
    assert set(result.lost_paths.index) <= {str(r) for r in before.residents()} - gone


# ----------------------------------------------------------------------------- the sample's scenes


def rank_of(gaps: pd.DataFrame, gap_type: str, first_node: str) -> int:
    hits = gaps[(gaps["gap_type"] == gap_type) & (gaps["nodes"].str[0] == first_node)]
    assert not hits.empty, f"{gap_type} gap about {first_node} not found"
    return int(hits.index[0])


def test_scene_6_strengths_nobody_knows_rank_high(sample_gaps: pd.DataFrame) -> None:
    """Scene 6: i_naaiclub and i_zwemclub_vrouwen known by nobody, i_budgetcafe and
    i_buurtvaders by one; p_schuld and p_maatschappelijk2 miss the budget café."""
    assert rank_of(sample_gaps, "single_knower", "i_naaiclub") < 5
    assert rank_of(sample_gaps, "single_knower", "i_zwemclub_vrouwen") < 10
    assert rank_of(sample_gaps, "single_knower", "i_budgetcafe") < 15
    # the fathers' group is for men only, so fewer needs match it than the others
    assert rank_of(sample_gaps, "single_knower", "i_buurtvaders") < 40
    for professional in ("p_schuld", "p_maatschappelijk2"):
        assert rank_of(sample_gaps, "knowledge", professional) < 10
        row = sample_gaps.loc[rank_of(sample_gaps, "knowledge", professional)]
        assert row["theme"] == "finances" and "i_budgetcafe" in row["nodes"]
    knowers = rows_of(sample_gaps, "single_knower")
    budget = knowers[knowers["nodes"].str[0] == "i_budgetcafe"]["nodes"].iloc[0]
    assert budget == ["i_budgetcafe", "p_opbouw"]


def test_scene_7_the_bench_nobody_visits_ranks_high(sample_gaps: pd.DataFrame) -> None:
    """Scene 7: pl_bankje (34 visitors, 28 with a need, no professional)."""
    assert rank_of(sample_gaps, "unreached_place", "pl_bankje") < 5
    row = sample_gaps.loc[rank_of(sample_gaps, "unreached_place", "pl_bankje")]
    assert "34 residents" in row["explanation"] and "28 of them" in row["explanation"]
    assert first_nodes(rows_of(sample_gaps, "unreached_place")) == ["pl_bankje"]


def test_scene_8_meetings_that_ate_the_week(
    sample_gaps: pd.DataFrame, rivierwijk: nx.MultiDiGraph
) -> None:
    """Scene 8: p_maatschappelijk2 spends 33 h a month in meetings, 30 h with little overlap."""
    audit = sk.meeting_audit(rivierwijk)
    m2 = audit.professionals.loc["p_maatschappelijk2"]
    assert (m2["hours_per_month"], m2["flagged_hours"]) == (33.0, 30.0)
    flagged = audit.meetings[audit.meetings["flagged"]]
    assert set(zip(flagged["professional"], flagged["other"], strict=True)) == {
        ("p_maatschappelijk2", "o_gemeente"),
        ("p_maatschappelijk2", "o_woningcorp"),
        ("p_maatschappelijk2", "o_bibliotheek"),
        ("p_opbouw", "o_gemeente"),
        ("p_opbouw", "o_woningcorp"),
    }
    substantive = audit.meetings.set_index(["professional", "other"])
    for pair in [
        ("p_maatschappelijk1", "o_jeugdzorg"),
        ("p_schuld", "p_maatschappelijk2"),
        ("p_wijkverpleging", "p_poh"),
        ("p_maatschappelijk3", "o_ggz"),
    ]:
        assert not substantive.loc[pair, "flagged"]
    assert audit.hours_won_back == 44.0
    assert rank_of(sample_gaps, "meeting_load", "p_maatschappelijk2") < 10
    assert rank_of(sample_gaps, "meeting_load", "p_opbouw") < 20


def test_scene_9_stale_records(sample_gaps: pd.DataFrame, rivierwijk: nx.MultiDiGraph) -> None:
    """Scene 9: four offers verified more than a year ago, i_buurtmoestuin never."""
    stale = sk.stale_records(rivierwijk, today=TODAY)
    assert stale[stale["stale"]]["reason"].to_dict() == {
        "i_buurtmoestuin": "missing",
        "i_mannenschuur": "old",
        "i_mantelzorgcafe": "old",
        "i_schaakclub": "old",
        "o_thuiszorg": "old",
    }
    assert sorted(first_nodes(rows_of(sample_gaps, "stale_record"))) == sorted(
        stale.index[stale["stale"]]
    )


def test_scene_10_coverage_gaps(sample_gaps: pd.DataFrame, rivierwijk: nx.MultiDiGraph) -> None:
    """Scene 10: mental health has only specialised supply; Oude Dorp has no parenting offer."""
    cov = sk.coverage(rivierwijk, today=TODAY)
    mental = cov.xs("mental_health", level="theme")
    demand = mental[mental["residents"] > 0]
    assert (demand["gap_reason"] == "specialised_only").all()
    assert (demand["informal"] + demand["general"] == 0).all()
    assert cov.loc[("Oude Dorp", "parenting"), "gap_reason"] == "no_offer"
    assert cov.loc[("Oude Dorp", "parenting"), "residents"] == 6
    assert not cov.loc[("Havenkwartier", "parenting"), "gap"]
    coverage_rows = rows_of(sample_gaps, "coverage")
    mental_row = coverage_rows[coverage_rows["theme"] == "mental_health"]
    assert mental_row["nodes"].tolist() == [["o_ggz"]] and int(mental_row.index[0]) < 15
    parenting = coverage_rows[coverage_rows["theme"] == "parenting"]
    assert parenting["neighbourhood"].tolist() == ["Oude Dorp"] and int(parenting.index[0]) < 15


def test_scene_11_isolated_residents(sample_gaps: pd.DataFrame) -> None:
    """Scene 11: r_alleen_1..5 have no knows tie to another resident."""
    isolation = rows_of(sample_gaps, "isolation")
    alone = [f"r_alleen_{i}" for i in range(1, 6)]
    assert sorted(first_nodes(isolation.head(5))) == alone
    for r in alone:
        assert rank_of(sample_gaps, "isolation", r) < 20
    row = isolation[isolation["nodes"].str[0] == "r_alleen_2"].iloc[0]
    assert "no tie to any other resident or to a professional" in row["explanation"]


def test_scene_6_what_if_the_community_builder_leaves(rivierwijk: nx.MultiDiGraph) -> None:
    """Scene 6/13: p_opbouw is the only one who knows i_budgetcafe."""
    result = sk.what_if(rivierwijk, ["p_opbouw"], today=TODAY)
    knowers = result.gaps[result.gaps["gap_type"] == "single_knower"]
    budget = knowers[knowers["nodes"].str[0] == "i_budgetcafe"].iloc[0]
    assert budget["change"] == "grew" and budget["nodes"] == ["i_budgetcafe"]
    assert budget["severity_after"] > budget["severity_before"]
    assert "opened" in set(knowers["change"])
    meeting = result.gaps[result.gaps["gap_type"] == "meeting_load"]
    assert meeting["change"].tolist() == ["removed"]
    assert (
        result.summary.loc["single_knower", "after"] > result.summary.loc["single_knower", "before"]
    )
