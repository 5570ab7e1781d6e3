"""sk.supply: offers per theme and area on a directory-only map (issue 11)."""

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.vocabulary import LEVELS


def _directory():
    initiatives = pd.DataFrame(
        [
            {"id": "a", "themes": "finances;housing", "level": "informal", "serves": "Noord"},
            {"id": "b", "themes": "finances", "level": "specialised", "capacity": 0},
            {"id": "c", "themes": "finances", "serves": "Noord;Zuid", "lat": 52.0, "lon": 5.0},
            {"id": "d"},
        ]
    )
    places = pd.DataFrame([{"id": "pl", "neighbourhood": "Zuid", "lat": 52.1, "lon": 5.1}])
    relations = pd.DataFrame([{"source": "b", "target": "pl", "relation": "located_at"}])
    return sk.from_frames(initiatives=initiatives, places=places, relations=relations)


def test_supply_by_area_and_theme_hand_counted():
    s = sk.supply(_directory())
    assert list(s.index.names) == ["area", "theme"]
    assert s.loc[("Noord", "finances"), "offers"] == 2  # a and c
    assert s.loc[("Noord", "housing"), "offers"] == 1
    # b has no serves: its area is its place's neighbourhood
    assert s.loc[("Zuid", "finances"), "offers"] == 2  # b and c
    assert s.loc[("Zuid", "finances"), "specialised"] == 1
    assert s.loc[("Zuid", "finances"), "full"] == 1
    assert s.loc[("Zuid", "finances"), "located"] == 2  # c itself, b through its place
    assert s.loc[("(none)", "(none)"), "no_level"] == 1  # d: no theme, no area
    assert s.loc[("(none)", "(none)"), "unlocated"] == 1


def test_supply_by_theme_counts_each_offer_once():
    s = sk.supply(_directory(), by="theme")
    assert s.index.name == "theme"
    assert s.loc["finances", "offers"] == 3
    assert s.loc["finances", "informal"] + s.loc["finances", "specialised"] == 2
    assert s.loc["finances", "no_level"] == 1


def test_supply_levels_add_up_and_match_a_count_from_node_attributes():
    G = sk.load_sample()
    s = sk.supply(G, by="theme")
    levels = s[[*LEVELS, "no_level"]].sum(axis=1)
    assert (levels == s["offers"]).all()
    assert ((s["located"] + s["unlocated"]) == s["offers"]).all()
    expected: dict[str, int] = {}
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") in ("initiative", "organisation"):
            for theme in set(attrs.get("themes") or ["(none)"]):
                expected[theme] = expected.get(theme, 0) + 1
    assert s["offers"].to_dict() == expected


def test_supply_does_not_change_the_map_and_rejects_bad_input():
    G = _directory()
    before = nx.to_dict_of_dicts(G)
    sk.supply(G, by=["theme", "area"])
    assert nx.to_dict_of_dicts(G) == before
    with pytest.raises(ValueError, match="by="):
        sk.supply(G, by="neighbourhood")
    with pytest.raises(sk.NotAMapError):
        sk.supply(nx.Graph())
