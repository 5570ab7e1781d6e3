"""Tests of match_residents: pair scores, optimality by brute force, the sample's stories."""

from __future__ import annotations

import itertools
import random
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.referral.matching import (
    MATCH_COLUMNS,
    PAIR_WEIGHTS,
    _candidate_pairs,
    _hungarian,
    _match,
    _Residents,
)
from sociale_kaart.testing import maps


def build(
    residents: list[dict[str, Any]],
    knows: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> nx.MultiDiGraph:
    relations = (
        pd.DataFrame([{"source": a, "target": b, "relation": "knows"} for a, b in knows])
        if knows
        else None
    )
    return sk.from_frames(residents=pd.DataFrame(residents), relations=relations)


def person(rid: str, **kw: Any) -> dict[str, Any]:
    return {"id": rid, "neighbourhood": "A", "languages": "nl", **kw}


# ---------------------------------------------------------------------- contract and scores


def test_columns_and_a_shared_wish_pair() -> None:
    G = build([person("a", needs="exercise"), person("b", needs="exercise")])
    m = sk.match_residents(G)
    assert tuple(m.columns) == MATCH_COLUMNS
    assert m[["resident_a", "resident_b", "theme", "kind"]].values.tolist() == [
        ["a", "b", "exercise", "shared_wish"]
    ]
    # issue 14: the theme in its need phrasing, the language by its name
    assert m.loc[0, "explanation"] == (
        "a and b are both looking for someone to exercise with; both live in A; they share Dutch."
    )


def test_pair_score_by_hand() -> None:
    # same neighbourhood 1, language 1, shared 0, contact 0, proximity 0.5 (no coordinates),
    # age 1 - 10/40 = 0.75, urgency mean((5-1)/4, unscored 0.5) = 0.75
    G = build(
        [
            person("a", needs="exercise:1", birth_year=1950),
            person("b", needs="exercise", birth_year=1960),
        ]
    )
    w = PAIR_WEIGHTS
    expected = (
        w["neighbourhood"] + w["language"] + 0.5 * w["proximity"] + 0.75 * w["age"]
    ) + 0.75 * w["urgency"]
    expected /= sum(w.values())
    assert sk.match_residents(G).loc[0, "score"] == pytest.approx(round(expected, 4))


def test_offer_need_pair_puts_the_offerer_first() -> None:
    G = build([person("z", needs="finances:2"), person("h", offers="finances")])
    m = sk.match_residents(G)
    assert m[["resident_a", "resident_b", "kind"]].values.tolist() == [["h", "z", "offer_need"]]
    assert m.loc[0, "explanation"].startswith(
        "h helps with money matters; z is looking for help with money matters"
    )


def test_not_pairable_theme_needs_an_offerer() -> None:
    G = build([person("a", needs="finances"), person("b", needs="finances")])
    assert sk.match_residents(G).empty


def test_residents_who_know_each_other_are_not_paired() -> None:
    G = build([person("a", needs="exercise"), person("b", needs="exercise")], [("a", "b")])
    assert sk.match_residents(G).empty


def test_prefers_same_neighbourhood_and_shared_language() -> None:
    residents = [
        person("a", needs="exercise"),
        person("b", needs="exercise", neighbourhood="B"),
        person("c", needs="exercise", languages="ar"),
        person("d", needs="exercise"),
    ]
    m = sk.match_residents(build(residents))
    pairs = {tuple(x) for x in m[["resident_a", "resident_b"]].values.tolist()}
    assert ("a", "d") in pairs


def test_each_resident_at_most_once_per_theme() -> None:
    residents = [person(f"r{i}", needs="exercise;loneliness") for i in range(5)]
    m = sk.match_residents(build(residents))
    for _, group in m.groupby("theme"):
        people = group["resident_a"].tolist() + group["resident_b"].tolist()
        assert len(people) == len(set(people))
    assert len(m) == 4  # two pairs per theme; one resident left over each time


def test_theme_filter_alias_and_errors() -> None:
    G = build([person("a", needs="exercise"), person("b", needs="exercise")])
    assert sk.match_residents(G, theme="beweging")["theme"].tolist() == ["exercise"]
    assert sk.match_residents(G, theme="loneliness").empty
    with pytest.raises(ValueError, match="did you mean"):
        sk.match_residents(G, theme="excercise")
    with pytest.raises(TypeError):
        sk.match_residents(G, theme=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="language"):
        sk.match_residents(G, language="xx")


def test_empty_map_without_residents() -> None:
    G = sk.from_frames(places=pd.DataFrame([{"id": "pl"}]))
    m = sk.match_residents(G)
    assert m.empty and tuple(m.columns) == MATCH_COLUMNS


def test_dutch_explanation() -> None:
    G = build([person("a", needs="exercise"), person("b", needs="exercise")])
    assert (
        sk.match_residents(G, language="nl")
        .loc[0, "explanation"]
        .startswith("a en b zoeken allebei iemand om samen mee te bewegen; beiden wonen in A")
    )


# ---------------------------------------------------------------------- optimality


def _weight(score: float, offer_need: bool) -> int:
    return round(score * 1_000_000) * (1 if offer_need else 2)


def _brute_force(pairs: list[tuple[int, int, float, bool]]) -> int:
    best = 0
    for size in range(len(pairs) + 1):
        for chosen in itertools.combinations(pairs, size):
            people = [x for p in chosen for x in p[:2]]
            if len(people) == len(set(people)):
                best = max(best, sum(_weight(p[2], p[3]) for p in chosen))
    return best


_small_residents = st.lists(
    st.fixed_dictionaries(
        {
            "neighbourhood": st.sampled_from(["A", "B"]),
            "languages": st.sampled_from(["nl", "ar", "nl;ar", ""]),
            "needs": st.sampled_from(["exercise", "exercise:1", "exercise;loneliness", ""]),
            "offers": st.sampled_from(["exercise", ""]),
            "birth_year": st.none() | st.integers(1940, 2000),
        }
    ),
    min_size=2,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_small_residents)
def test_matching_is_optimal_on_small_cases(records: list[dict[str, Any]]) -> None:
    G = build([{"id": f"r{i}", **rec} for i, rec in enumerate(records)])
    R = _Residents(G)
    blocks = _candidate_pairs(R, "exercise")
    assert len(blocks) <= 1  # a small pool: one block, all pairs are candidates
    pairs = blocks[0] if blocks else []
    n = sum(1 for rec in records if "exercise" in rec["needs"] or rec["offers"])
    valid = sum(
        1
        for a, b in itertools.combinations(range(len(records)), 2)
        if _could_pair(records[a], records[b])
    )
    assert len(pairs) == valid <= n * (n - 1) // 2
    m = sk.match_residents(G, theme="exercise")
    total = sum(
        _weight(row.score_exact, row.offer_need)
        for row in (_exact(pairs, a, b) for a, b in zip(m.resident_a, m.resident_b, strict=True))
    )
    assert total == _brute_force(pairs)


def _could_pair(a: dict[str, Any], b: dict[str, Any]) -> bool:
    na, nb = "exercise" in a["needs"], "exercise" in b["needs"]
    oa, ob = a["offers"] == "exercise", b["offers"] == "exercise"
    return (na and nb) or (oa and nb) or (ob and na)


class _Exact:
    def __init__(self, score: float, offer_need: bool) -> None:
        self.score_exact, self.offer_need = score, offer_need


def _exact(pairs: list[tuple[int, int, float, bool]], a: str, b: str) -> _Exact:
    ia, ib = int(a[1:]), int(b[1:])
    for i, j, s, kind in pairs:
        if {i, j} == {ia, ib}:
            return _Exact(s, kind)
    raise AssertionError(f"pair {a}-{b} is not a candidate")


def test_hungarian_agrees_with_networkx_blossom() -> None:
    rng = random.Random(5)
    for _ in range(40):
        rows = list(range(rng.randint(1, 4)))
        cols = list(range(10, 10 + rng.randint(len(rows), 8)))
        weight = {(r, c): rng.randint(1, 100) for r in rows for c in cols if rng.random() < 0.6}
        if not weight:
            continue
        H = nx.Graph()
        H.add_weighted_edges_from((r, c, w) for (r, c), w in weight.items())
        expected = sum(weight[min(e), max(e)] for e in nx.max_weight_matching(H))
        got = _hungarian(rows, cols, weight)
        assert sum(weight[e] for e in got) == expected
        people = [x for e in got for x in e]
        assert len(people) == len(set(people))


def test_match_uses_blossom_for_odd_cycles() -> None:
    # a triangle of shared wishes plus an offer: not bipartite
    pairs = [(0, 1, 0.9, False), (1, 2, 0.8, False), (0, 2, 0.7, False), (2, 3, 0.6, True)]
    got = _match(pairs)
    assert sum(_weight(s, k) for _, _, s, k in got) == _brute_force(pairs)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps(max_nodes=12, max_relations=20))
def test_pairs_are_valid_on_random_maps(G: nx.MultiDiGraph) -> None:
    m = sk.match_residents(G)
    for _, row in m.iterrows():
        a, b = G.nodes[row.resident_a], G.nodes[row.resident_b]
        assert a["kind"] == b["kind"] == "resident"
        assert not G.has_edge(row.resident_a, row.resident_b, "knows")
        assert not G.has_edge(row.resident_b, row.resident_a, "knows")
        if row.kind == "offer_need":
            assert row.theme in a["offers"] and row.theme in b["needs"]
        else:
            assert row.theme in a["needs"] and row.theme in b["needs"]
        assert 0 <= row.score <= 1
    for _, group in m.groupby("theme"):
        people = group["resident_a"].tolist() + group["resident_b"].tolist()
        assert len(people) == len(set(people))


# ---------------------------------------------------------------------- the sample's stories


@pytest.fixture(scope="module")
def matched() -> pd.DataFrame:
    return sk.match_residents(sk.load_sample())


def _pair(m: pd.DataFrame, a: str, b: str, theme: str) -> pd.Series:
    rows = m[(m.resident_a == a) & (m.resident_b == b) & (m.theme == theme)]
    assert len(rows) == 1, f"{a} and {b} are not paired for {theme}"
    return rows.iloc[0]


def test_scene_3_two_walkers_are_matched(matched: pd.DataFrame) -> None:
    for theme in ("exercise", "loneliness"):
        row = _pair(matched, "r_wandel_a", "r_wandel_b", theme)
        assert row["kind"] == "shared_wish"
        assert "both live in Parkzicht" in row["explanation"]
        assert (
            "they share Dutch" in row["explanation"] and "they share nl" not in row["explanation"]
        )


def test_scene_4_handyman_and_neighbour(matched: pd.DataFrame) -> None:
    row = _pair(matched, "r_klusser", "r_kluswens", "instrumental_adl")
    assert row["kind"] == "offer_need"
    assert "both live in Molenbuurt" in row["explanation"]


def test_scene_4_volunteer_who_is_also_a_client_is_useful(matched: pd.DataFrame) -> None:
    mine = matched[(matched.resident_a == "r_vrijwilliger") & (matched.kind == "offer_need")]
    assert mine["theme"].tolist() == ["social_network"]


def test_blossom_agrees_with_networkx_on_random_graphs() -> None:
    # the fast backend (rustworkx) must find a matching of the same maximum weight
    from sociale_kaart.referral.matching import _blossom

    rng = random.Random(11)
    for _ in range(60):
        n = rng.randint(2, 10)
        weight = {
            (i, j): rng.randint(1, 50)
            for i in range(n)
            for j in range(i + 1, n)
            if rng.random() < 0.5
        }
        if not weight:
            continue
        H = nx.Graph()
        H.add_weighted_edges_from((i, j, w) for (i, j), w in weight.items())
        expected = sum(weight[min(e), max(e)] for e in nx.max_weight_matching(H))
        got = _blossom(weight)
        assert sum(weight[min(e), max(e)] for e in got) == expected
        people = [x for e in got for x in e]
        assert len(people) == len(set(people))
