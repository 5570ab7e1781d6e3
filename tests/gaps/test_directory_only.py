"""Directory-only maps (issue 11): gaps and coverage say plainly that there are no residents."""

import warnings

import pytest

import sociale_kaart as sk


def _without_residents():
    G = sk.load_sample()
    return G.subgraph([n for n, k in G.nodes(data="kind") if k != "resident"]).copy()


def test_find_gaps_warns_on_map_without_residents_in_dutch():
    with pytest.warns(UserWarning, match="geen bewoners"):
        sk.find_gaps(_without_residents(), language="nl")


def test_coverage_warns_on_map_without_residents():
    with pytest.warns(UserWarning, match="no residents"):
        sk.coverage(_without_residents())


def test_map_with_residents_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sk.find_gaps(sk.load_sample())


# -------------------------------------------- offers without coordinates (issue 11)

NOORD_AT = [
    {"id": f"r{i}", "neighbourhood": "Noord", "needs": "finances", "lat": 52.0, "lon": 5.0}
    for i in range(1, 4)
]


def _map(offer):
    import pandas as pd

    return sk.from_frames(residents=pd.DataFrame(NOORD_AT), initiatives=pd.DataFrame([offer]))


def test_offer_without_coordinates_is_not_nearby_in_coverage():
    G = _map({"id": "i1", "themes": "finances", "level": "informal"})
    cell = sk.coverage(G).loc[("Noord", "finances")]
    assert cell["far"] == 1
    assert cell["gap_reason"] == "far"
    assert bool(cell["gap"])


def test_offer_with_coordinates_close_by_is_supply():
    G = _map({"id": "i1", "themes": "finances", "level": "informal", "lat": 52.001, "lon": 5.0})
    cell = sk.coverage(G).loc[("Noord", "finances")]
    assert cell["far"] == 0
    assert not bool(cell["gap"])


def test_offer_without_coordinates_counts_when_distance_is_ignored():
    G = _map({"id": "i1", "themes": "finances", "level": "informal"})
    assert not bool(sk.coverage(G, max_distance_km=None).loc[("Noord", "finances"), "gap"])
