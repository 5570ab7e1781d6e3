"""Tests of suggest_referrals and network_activation: ranking, chains, warm paths, stories."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import sociale_kaart as sk
from sociale_kaart.referral.suggest import COLUMNS, LADDER, WEIGHTS
from sociale_kaart.testing import maps

DAY = dt.date(2026, 11, 21)


def build(
    residents: list[dict[str, Any]],
    offers: list[dict[str, Any]],
    relations: list[tuple[str, str, str, int | None]],
    professionals: tuple[str, ...] = ("p", "p2"),
    places: tuple[str, ...] = (),
) -> nx.MultiDiGraph:
    """A small map: residents, professionals, initiatives and (source, target, relation, trust)."""
    return sk.from_frames(
        residents=pd.DataFrame(residents),
        professionals=pd.DataFrame([{"id": p, "name": p.upper()} for p in professionals]),
        initiatives=pd.DataFrame(offers) if offers else None,
        places=pd.DataFrame([{"id": p, "name": p} for p in places]) if places else None,
        relations=pd.DataFrame(
            [{"source": s, "target": t, "relation": r, "trust": tr} for s, t, r, tr in relations]
        )
        if relations
        else None,
    )


R = {"id": "r", "neighbourhood": "A", "needs": "exercise:2", "languages": "nl"}


def offer(oid: str, **kw: Any) -> dict[str, Any]:
    return {"id": oid, "name": oid, "themes": "exercise", "level": "informal", **kw}


def targets(frame: pd.DataFrame) -> list[str]:
    return frame["target"].tolist()


# ---------------------------------------------------------------------- contract


def test_columns_and_types() -> None:
    G = build([R], [offer("a")], [("p", "r", "supports", 3), ("p", "a", "knows_of", 3)])
    s = sk.suggest_referrals(G, "r")
    assert tuple(s.columns) == COLUMNS
    row = s.iloc[0]
    assert row["target"] == "a" and row["target_kind"] == "initiative"
    assert row["path"] == ["r", "p", "a"] and row["via"] == "p"
    assert isinstance(row["reasons"], list) and row["explanation"].endswith(".")
    assert 0 <= row["score"] <= 1


def test_resident_without_needs_gets_an_empty_frame() -> None:
    G = build([{"id": "r"}], [offer("a")], [("p", "a", "knows_of", 3)])
    s = sk.suggest_referrals(G, "r")
    assert s.empty and tuple(s.columns) == COLUMNS


def test_bad_input() -> None:
    G = build([R], [offer("a")], [("p", "a", "knows_of", 3)])
    with pytest.raises(sk.NodeNotFoundError):
        sk.suggest_referrals(G, "nobody")
    with pytest.raises(ValueError, match="not a resident"):
        sk.suggest_referrals(G, "a")
    with pytest.raises(ValueError, match="did you mean 'exercise'"):
        sk.suggest_referrals(G, "r", theme="excercise")
    with pytest.raises(TypeError, match="theme must be"):
        sk.suggest_referrals(G, "r", theme=3)  # type: ignore[arg-type]
    for kwargs in ({"top": 0}, {"max_hops": 0}, {"weight": "hours"}, {"language": "de"}):
        with pytest.raises(ValueError, match=next(iter(kwargs))):
            sk.suggest_referrals(G, "r", **kwargs)  # type: ignore[arg-type]


def test_dutch_need_alias_and_explanation() -> None:
    G = build([R], [offer("a")], [("p", "r", "supports", 3), ("p", "a", "knows_of", 3)])
    s = sk.suggest_referrals(G, "r", theme="beweging", language="nl")
    assert s.loc[0, "theme"] == "exercise"
    assert s.loc[0, "explanation"] == (
        "a (informeel) helpt om meer te bewegen en staat open voor de bewoner; P kan de bewoner "
        "introduceren."
    )
    assert s.loc[0, "reasons"] == [
        "past bij de vraag naar iemand om samen mee te bewegen (ZRM 2)",
        "niveau: informeel",
        "warme introductie via P",
        "route: de bewoner → P → a",
    ]


# ---------------------------------------------------------------------- ranking principles


def _pro_knows(*oids: str, trust: int = 3) -> list[tuple[str, str, str, int | None]]:
    return [("p", "r", "supports", 3)] + [("p", o, "knows_of", trust) for o in oids]


def test_weights_are_documented() -> None:
    assert set(WEIGHTS) == {"fit", "urgency", "ladder", "warmth", "strength", "room", "proximity"}
    assert LADDER["own_network"] == LADDER["informal"] > LADDER["general"] > LADDER["specialised"]


def test_ladder_informal_before_general_before_specialised() -> None:
    offers = [
        offer("c", level="specialised"),
        offer("b", level="general"),
        offer("a", level="informal"),
    ]
    G = build([R], offers, _pro_knows("a", "b", "c"))
    assert targets(sk.suggest_referrals(G, "r")) == ["a", "b", "c"]


def test_eligibility_first() -> None:
    # the informal, warm offer is closed (age); the specialised cold one is open
    offers = [offer("a", min_age=100), offer("b", level="specialised", neighbourhood="A")]
    G = build([{**R, "birth_year": 1980}], offers, _pro_knows("a"))
    s = sk.suggest_referrals(G, "r", include_ineligible=True, today=DAY)
    assert targets(s) == ["b", "a"]
    assert s["eligible"].tolist() == ["yes", "no"]
    assert s.loc[1, "score"] > s.loc[0, "score"]  # ranks lower despite a higher score
    assert "age 46 is outside 100+" in s.loc[1, "reasons"]
    assert targets(sk.suggest_referrals(G, "r", today=DAY)) == ["b"]


def test_unknown_ranks_between_yes_and_no() -> None:
    offers = [offer("a", min_age=100), offer("b", cost_eur=5), offer("c", level="specialised")]
    G = build([{**R, "birth_year": 1980}], offers, _pro_knows("a", "b", "c"))
    s = sk.suggest_referrals(G, "r", include_ineligible=True, today=DAY)
    assert s["eligible"].tolist() == ["yes", "unknown", "no"]
    assert targets(s) == ["c", "b", "a"]


def test_warm_beats_cold() -> None:
    offers = [offer("b", neighbourhood="A"), offer("a", neighbourhood="A")]
    G = build([R], offers, _pro_knows("b"))
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["b", "a"]
    cold = s.iloc[1]
    assert cold["via"] is None and cold["path"] == ["r", "a"]
    assert "cold" in cold["explanation"]


def test_place_the_resident_visits_is_warmer_than_cold() -> None:
    offers = [offer("a", neighbourhood="A"), offer("b", neighbourhood="A", place="pl")]
    G = build([R], offers, [("r", "pl", "visits", None)], places=("pl",))
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["b", "a"]
    assert s.loc[0, "path"] == ["r", "pl", "b"] and s.loc[0, "via"] is None
    assert "where the resident already comes" in s.loc[0, "explanation"]


def test_stronger_path_beats_weaker() -> None:
    rel = [("p", "r", "supports", 3), ("p", "a", "knows_of", 4), ("p", "b", "knows_of", 1)]
    G = build([R], [offer("b"), offer("a")], rel)
    assert targets(sk.suggest_referrals(G, "r")) == ["a", "b"]


def test_shorter_path_beats_longer() -> None:
    rel = [
        ("p", "r", "supports", 3),
        ("p", "p2", "knows", 3),
        ("p", "b", "knows_of", 3),
        ("p2", "a", "knows_of", 3),
    ]
    G = build([R], [offer("a"), offer("b")], rel)
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["b", "a"]
    assert s.loc[1, "path"] == ["r", "p", "p2", "a"] and s.loc[1, "via"] == "p2"


def test_room_beats_waiting_list() -> None:
    G = build([R], [offer("a", capacity=0), offer("b", capacity=3)], _pro_knows("a", "b"))
    assert targets(sk.suggest_referrals(G, "r")) == ["b", "a"]


def test_near_beats_far() -> None:
    resident = {**R, "lat": 51.80, "lon": 4.66}
    offers = [offer("a", lat=51.90, lon=4.80), offer("b", lat=51.801, lon=4.661)]
    G = build([resident], offers, _pro_knows("a", "b"))
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["b", "a"]
    assert any(r.startswith("about 0.1 km") for r in s.loc[0, "reasons"])


def test_fit_main_theme_and_other_needs() -> None:
    resident = {**R, "needs": "exercise:2;loneliness:4"}
    offers = [
        offer("a", themes="social_network;exercise"),  # exercise is a side theme
        offer("b", themes="exercise"),  # main theme
        offer("c", themes="exercise;loneliness"),  # main theme and another need
    ]
    G = build([resident], offers, _pro_knows("a", "b", "c"))
    assert targets(sk.suggest_referrals(G, "r")) == ["c", "b", "a"]


def test_worst_need_first() -> None:
    resident = {**R, "needs": "exercise:4;finances:1"}
    offers = [offer("a"), offer("b", themes="finances")]
    G = build([resident], offers, _pro_knows("a", "b"))
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["b", "a"]
    assert s["theme"].tolist() == ["finances", "exercise"]
    assert targets(sk.suggest_referrals(G, "r", theme="exercise")) == ["a"]


def test_ties_broken_by_id_deterministically() -> None:
    offers = [offer("z"), offer("m"), offer("a")]
    G = build([R], offers, _pro_knows("z", "m", "a"))
    first = sk.suggest_referrals(G, "r")
    assert targets(first) == ["a", "m", "z"]
    assert first["score"].nunique() == 1
    pd.testing.assert_frame_equal(first, sk.suggest_referrals(G, "r"))


def test_k_limits_rows() -> None:
    G = build([R], [offer(f"o{i}") for i in range(8)], _pro_knows(*[f"o{i}" for i in range(8)]))
    assert len(sk.suggest_referrals(G, "r", top=3)) == 3


def test_max_hops_bounds_the_path() -> None:
    rel = [("p", "r", "supports", 3), ("p", "p2", "knows", 3), ("p2", "a", "knows_of", 3)]
    G = build([R], [offer("a", neighbourhood="B")], rel)
    assert targets(sk.suggest_referrals(G, "r", max_hops=3)) == ["a"]
    assert sk.suggest_referrals(G, "r", max_hops=2).empty


def test_weight_none_counts_steps() -> None:
    # a: 3 strong steps; b: 2 weak steps. By trust a wins, by steps b.
    rel = [
        ("p", "r", "supports", 4),
        ("p", "p2", "knows", 4),
        ("p2", "a", "knows_of", 4),
        ("p", "b", "knows_of", 1),
    ]
    G = build([R], [offer("a"), offer("b")], rel)
    by_trust = sk.suggest_referrals(G, "r")
    by_steps = sk.suggest_referrals(G, "r", weight=None)
    assert targets(by_trust) == ["a", "b"]
    assert targets(by_steps) == ["b", "a"]


def test_offers_already_joined_are_left_out() -> None:
    G = build(
        [R], [offer("a"), offer("b")], [*_pro_knows("a", "b"), ("r", "a", "participates", None)]
    )
    assert targets(sk.suggest_referrals(G, "r")) == ["b"]


# ---------------------------------------------------------------------- own network


def test_own_network_direct_and_through_a_neighbour() -> None:
    residents = [
        R,
        {"id": "n1", "offers": "exercise"},
        {"id": "n2"},
        {"id": "n3", "offers": "exercise"},
        {"id": "n4"},
        {"id": "n5", "offers": "exercise"},
    ]
    rel: list[tuple[str, str, str, int | None]] = [
        ("r", "n1", "knows", 4),
        ("n2", "r", "knows", 4),
        ("n2", "n3", "knows", 4),
        ("n2", "n4", "knows", 4),
        ("n4", "n5", "knows", 4),  # three steps away: not own network
    ]
    G = build(residents, [], rel)
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["n1", "n3"]
    assert s["level"].tolist() == ["own_network", "own_network"]
    assert s.loc[0, "via"] is None and s.loc[1, "via"] == "n2"
    assert s.loc[1, "path"] == ["r", "n2", "n3"]
    assert s.loc[1, "target_name"] is pd.NA  # residents' names stay out of tables


def test_friend_who_joins_can_take_the_resident_along() -> None:
    residents = [R, {"id": "f"}]
    rel: list[tuple[str, str, str, int | None]] = [
        ("r", "f", "knows", 4),
        ("f", "a", "participates", None),
    ]
    G = build(residents, [offer("a", neighbourhood="B")], rel)
    s = sk.suggest_referrals(G, "r")
    assert s.loc[0, "path"] == ["r", "f", "a"] and s.loc[0, "via"] == "f"


# ---------------------------------------------------------------------- chains


def _chain_map(statuses: str = "social_assistance") -> nx.MultiDiGraph:
    offers = [
        offer("swim", level="general", requires="meedoen_pass", neighbourhood="B"),
        offer("info", themes="finances", level="general", grants="meedoen_pass", neighbourhood="B"),
    ]
    rel: list[tuple[str, str, str, int | None]] = [
        ("p", "r", "supports", 3),
        ("p", "info", "knows_of", 3),
        ("p2", "r", "supports", 3),
        ("p2", "swim", "knows_of", 3),
    ]
    return build([{**R, "statuses": statuses}], offers, rel)


def test_chain_through_the_offer_that_grants_the_status() -> None:
    G = _chain_map()
    s = sk.suggest_referrals(G, "r")
    assert targets(s) == ["swim"]
    row = s.iloc[0]
    assert row["path"] == ["r", "p", "info", "swim"]
    assert row["eligible"] == "yes" and row["via"] == "p"
    assert "first obtain Meedoen pass at info" in row["reasons"]
    assert "once the resident has Meedoen pass from info" in row["explanation"]


def test_no_chain_when_the_resident_has_the_status() -> None:
    G = _chain_map(statuses="meedoen_pass")
    s = sk.suggest_referrals(G, "r")
    assert s.loc[0, "path"] == ["r", "p2", "swim"]


def test_without_a_granter_the_offer_stays_closed() -> None:
    G = _chain_map()
    G.remove_node("info")
    assert sk.suggest_referrals(G, "r").empty
    s = sk.suggest_referrals(G, "r", include_ineligible=True)
    assert s.loc[0, "eligible"] == "no" and s.loc[0, "path"] == ["r", "p2", "swim"]


# ---------------------------------------------------------------------- warm paths and the cache


def test_removing_the_only_knower_removes_the_warm_path() -> None:
    G = build([R], [offer("a", neighbourhood="A")], _pro_knows("a"))
    assert sk.suggest_referrals(G, "r").loc[0, "via"] == "p"
    G.remove_edge("p", "a", key="knows_of")  # the cached index notices the change
    row = sk.suggest_referrals(G, "r").iloc[0]
    assert row["via"] is None and row["path"] == ["r", "a"]


def test_the_cache_sees_new_ties_and_graph_is_not_mutated() -> None:
    G = build([R], [offer("a", neighbourhood="B")], [("p", "r", "supports", 3)])
    before = (G.number_of_nodes(), G.number_of_edges())
    assert sk.suggest_referrals(G, "r").empty
    assert (G.number_of_nodes(), G.number_of_edges()) == before
    G.add_edge("p", "a", key="knows_of", relation="knows_of", trust=3)
    assert targets(sk.suggest_referrals(G, "r")) == ["a"]


# ---------------------------------------------------------------------- properties


def _is_step(G: nx.MultiDiGraph, u: str, v: str) -> bool:
    if G.has_edge(u, v) or G.has_edge(v, u):
        return True
    granted = set(G.nodes[u].get("grants") or ())
    return bool(granted & set(G.nodes[v].get("requires") or ()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=12, max_relations=30))
def test_paths_exist_and_ineligible_never_outranks_eligible(G: nx.MultiDiGraph) -> None:
    rank = {"yes": 0, "unknown": 1, "no": 2}
    for r in [n for n, a in G.nodes(data=True) if a["kind"] == "resident"][:3]:
        s = sk.suggest_referrals(G, r, include_ineligible=True, top=10, today=DAY)
        ranks = [rank[e] for e in s["eligible"]]
        assert ranks == sorted(ranks)
        for _, row in s.iterrows():
            path = row["path"]
            assert path[0] == r and path[-1] == row["target"]
            assert len(path) - 1 <= 4
            cold = len(path) == 2 and row["via"] is None and not _is_step(G, r, path[1])
            if not cold:
                assert all(_is_step(G, u, v) for u, v in itertools.pairwise(path))
            if row["via"] is not None:
                assert row["via"] in path[1:-1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=12, max_relations=30))
def test_removing_the_knowers_of_an_offer_removes_its_warm_path(G: nx.MultiDiGraph) -> None:
    for r in [n for n, a in G.nodes(data=True) if a["kind"] == "resident"][:2]:
        s = sk.suggest_referrals(G, r, include_ineligible=True, top=10, today=DAY)
        for _, row in s.iterrows():
            if row["target_kind"] == "resident" or row["via"] is None:
                continue
            target, knower = row["target"], row["path"][-2]
            if G.nodes[knower]["kind"] != "professional":
                continue
            others = {u for u, _ in G.in_edges(target)} | {v for _, v in G.out_edges(target)}
            if any(G.nodes[u]["kind"] == "professional" for u in others - {knower}):
                continue  # not the only professional who knows it
            H = G.copy()
            H.remove_edges_from(
                [(u, v, k) for u, v, k in G.in_edges(target, keys=True) if u == knower]
                + [(u, v, k) for u, v, k in G.out_edges(target, keys=True) if v == knower]
            )
            after = sk.suggest_referrals(H, r, include_ineligible=True, top=50, today=DAY)
            for _, again in after[after["target"] == target].iterrows():
                assert again["path"][-2] != knower


# ---------------------------------------------------------------------- network activation


def test_network_activation_hand_built() -> None:
    residents = [
        {**R, "needs": "finances:2;housing:3"},
        {"id": "a", "offers": "finances"},
        {"id": "b"},
        {"id": "c"},
    ]
    offers = [offer("cafe", themes="finances")]
    rel: list[tuple[str, str, str, int | None]] = [
        ("r", "a", "knows", 2),
        ("b", "r", "knows", 4),
        ("r", "c", "knows", 1),
        ("b", "cafe", "volunteers", None),
    ]
    G = build(residents, offers, rel)
    act = sk.network_activation(G, "r")
    assert act.index.tolist() == ["b", "a"]  # c: weak tie, nothing to offer
    assert act.loc["a", "helps_with"] == ["finances"] and not act.loc["a", "can_accompany"]
    assert act.loc["b", "come_along"] == ["cafe"] and act.loc["b", "can_accompany"]
    # score: (u_finances + trust/4) / (needs + 1) = ((6-2)/5 + 2/4) / 3
    assert act.loc["a", "score"] == pytest.approx(round((0.8 + 0.5) / 3, 4))
    assert act.loc["b", "score"] == pytest.approx(round((0.5 * 0.8 + 1.0) / 3, 4))


def test_network_activation_empty_and_errors() -> None:
    G = build([R], [], [])
    act = sk.network_activation(G, "r")
    assert act.empty and act.index.name == "contact"
    with pytest.raises(sk.NodeNotFoundError):
        sk.network_activation(G, "x")
    with pytest.raises(ValueError, match="language"):
        sk.network_activation(G, "r", language="xx")


# ---------------------------------------------------------------------- the sample's stories


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


def test_scene_1_passport_course_closed_buddies_open(sample: nx.MultiDiGraph) -> None:
    s = sk.suggest_referrals(sample, "r_samira", include_ineligible=True, top=10, today=DAY)
    by = s.set_index("target")
    course = by.loc["i_taalschool"]
    assert course["eligible"] == "no"
    assert "closed to residents with EU citizenship" in course["reasons"]
    assert (
        "closed to the resident (closed to residents with EU citizenship)" in course["explanation"]
    )
    buddies = by.loc["i_taalmaatjes"]
    assert buddies["eligible"] == "yes" and buddies["via"] == "p_legal"
    assert buddies["path"] == ["r_samira", "p_legal", "i_taalmaatjes"]
    assert targets(s)[0] == "i_taalmaatjes"
    assert targets(s).index("i_taalmaatjes") < targets(s).index("i_taalschool")
    assert "i_taalschool" not in targets(sk.suggest_referrals(sample, "r_samira", today=DAY))


def test_scene_2_henk_goes_through_the_information_point(sample: nx.MultiDiGraph) -> None:
    s = sk.suggest_referrals(sample, "r_henk", theme="exercise", today=DAY)
    row = s.set_index("target").loc["i_zwemmen"]
    assert row["path"] == ["r_henk", "p_maatschappelijk1", "o_infopunt", "i_zwemmen"]
    assert row["eligible"] == "yes" and row["via"] == "p_maatschappelijk1"
    assert "first obtain Meedoen pass at Informatiepunt Rivierwijk" in row["reasons"]


def test_scene_4_handyman_reached_through_a_neighbour(sample: nx.MultiDiGraph) -> None:
    s = sk.suggest_referrals(sample, "r_kluswens", theme="instrumental_adl", today=DAY)
    by = s.set_index("target")
    assert by.loc["r_klusser", "level"] == "own_network"
    assert by.loc["r_klusser", "path"] == ["r_kluswens", "r_107", "r_klusser"]
    assert by.loc["i_buurtklussers", "via"] == "r_klusser"
    assert set(targets(s)[:2]) == {"r_klusser", "i_buurtklussers"}


def test_scene_5_client_brings_her_own_helper(sample: nx.MultiDiGraph) -> None:
    act = sk.network_activation(sample, "r_duo_a")
    assert act.index[0] == "r_duo_b"
    assert act.loc["r_duo_b", "helps_with"] == ["finances"]
    assert act.loc["r_duo_b", "come_along"] == ["i_budgetcafe"]
    assert act.loc["r_duo_b", "can_accompany"]
    s = sk.suggest_referrals(sample, "r_duo_a", theme="finances", today=DAY)
    assert s.loc[0, "target"] == "r_duo_b" and s.loc[0, "level"] == "own_network"
