"""find_offers: the searchable directory (issue 14)."""

from __future__ import annotations

import datetime as _dt
import math

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.geo import haversine_km

TODAY = _dt.date(2026, 12, 2)

# The offer without coordinates is left out of every search near a point, with a
# warning (tested on its own below).
pytestmark = pytest.mark.filterwarnings("ignore:find_offers:UserWarning")


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


def test_without_a_resident_theme_only_lists_every_offer_of_the_theme(
    sample: nx.MultiDiGraph,
) -> None:
    found = sk.find_offers(sample, theme="finances")
    # five offers carry the theme finances in the sample, one without coordinates
    assert sorted(found.index) == [
        "i_budgetcafe",
        "i_thuisadministratie",
        "i_voedselbank",
        "o_infopunt",
        "o_schuldhulp",
    ]
    assert found["km"].isna().all()
    assert found["eligible"].isna().all()
    assert all(r == [] for r in found["reasons"])


def test_a_dutch_theme_label_finds_the_same_offers(sample: nx.MultiDiGraph) -> None:
    assert list(sk.find_offers(sample, theme="taal").index) == list(
        sk.find_offers(sample, theme="language").index
    )


def test_hand_checked_distance_from_the_library(sample: nx.MultiDiGraph) -> None:
    # library (51.8171, 4.6905) to the information point (51.8163, 4.6872):
    # 0.0008 deg north = 0.0890 km, 0.0033 deg east * cos(51.817 deg) = 0.2269 km,
    # together sqrt(0.0890^2 + 0.2269^2) = 0.2437 km
    found = sk.find_offers(sample, theme="finances", near=(51.8171, 4.6905), radius_km=0.5)
    assert list(found.index) == ["i_budgetcafe", "o_infopunt"]
    assert found.loc["i_budgetcafe", "km"] == 0.0
    assert found.loc["o_infopunt", "km"] == pytest.approx(0.2437, abs=0.001)
    assert found.loc["o_infopunt", "km"] == pytest.approx(
        haversine_km(51.8171, 4.6905, 51.8163, 4.6872), abs=0.001
    )


def test_rows_are_sorted_by_distance_and_the_radius_is_inclusive(
    sample: nx.MultiDiGraph,
) -> None:
    found = sk.find_offers(sample, near="pl_bibliotheek")
    kms = list(found["km"])
    assert kms == sorted(kms)
    edge = kms[len(kms) // 2]
    within = sk.find_offers(sample, near="pl_bibliotheek", radius_km=edge)
    assert within["km"].max() == edge
    assert set(within.index) == set(found.index[found["km"] <= edge])


def test_an_offer_without_coordinates_is_never_near_and_says_so(
    sample: nx.MultiDiGraph,
) -> None:
    with pytest.warns(UserWarning, match=r"1 offer\(s\) without coordinates.*i_thuisadministratie"):
        found = sk.find_offers(sample, theme="finances", near="pl_bibliotheek", radius_km=100)
    assert "i_thuisadministratie" not in found.index
    assert len(found) == 4


def test_near_a_postcode_is_the_mean_of_its_nodes(sample: nx.MultiDiGraph) -> None:
    G = sample.copy()
    G.nodes["pl_bibliotheek"]["postcode"] = "9999 ZZ"
    G.nodes["o_infopunt"]["postcode"] = "9999ZZ"
    lat, lon = (51.8171 + 51.8163) / 2, (4.6905 + 4.6872) / 2
    found = sk.find_offers(G, theme="finances", near="9999 zz", radius_km=0.2)
    assert set(found.index) == {"i_budgetcafe", "o_infopunt"}
    assert found.loc["o_infopunt", "km"] == pytest.approx(
        haversine_km(lat, lon, 51.8163, 4.6872), abs=0.001
    )
    assert list(sk.find_offers(G, near="9999", radius_km=0.2).index) == list(
        sk.find_offers(G, near="9999ZZ", radius_km=0.2).index
    )


def test_with_a_resident_gives_eligibility_and_reasons(sample: nx.MultiDiGraph) -> None:
    found = sk.find_offers(sample, theme="language", for_resident="r_samira", today=TODAY)
    assert found.loc["i_taalschool", "eligible"] == "no"
    assert found.loc["i_taalschool", "reasons"] == ["closed to residents with EU citizenship"]
    assert found.loc["i_taalmaatjes", "eligible"] == "yes"
    # the closed course sorts after every open or unknown offer
    ranks = [{"yes": 0, "unknown": 1, "no": 2}[e] for e in found["eligible"]]
    assert ranks == sorted(ranks)
    # the same answer as the eligibility check itself
    for offer in found.index:
        check = sk.check_eligibility(sample, "r_samira", offer, today=TODAY)
        assert found.loc[offer, "eligible"] == check.eligible


def test_with_a_resident_in_dutch(sample: nx.MultiDiGraph) -> None:
    found = sk.find_offers(
        sample, theme="language", for_resident="r_samira", today=TODAY, language="nl"
    )
    assert found.loc["i_taalschool", "reasons"]
    assert found.loc["i_taalschool", "reasons"] != ["closed to residents with EU citizenship"]


def test_the_map_is_not_changed(sample: nx.MultiDiGraph) -> None:
    before = nx.to_dict_of_dicts(sample), dict(sample.nodes(data=True))
    sk.find_offers(sample, theme="language", near="r_samira", for_resident="r_samira")
    assert (nx.to_dict_of_dicts(sample), dict(sample.nodes(data=True))) == before


def test_wrong_input_says_what_to_give(sample: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="radius_km needs near="):
        sk.find_offers(sample, radius_km=2)
    with pytest.raises(ValueError, match="negative"):
        sk.find_offers(sample, near="pl_bibliotheek", radius_km=-1)
    with pytest.raises(ValueError, match="not a theme of this map"):
        sk.find_offers(sample, theme="quantum")
    with pytest.raises(sk.NodeNotFoundError):
        sk.find_offers(sample, for_resident="r_nobody")
    with pytest.raises(sk.NodeNotFoundError, match="neither a node on the map nor a postcode"):
        sk.find_offers(sample, near="nowhere")
    with pytest.raises(ValueError, match="no node on the map with postcode 1000AA"):
        sk.find_offers(sample, near="1000 AA")
    with pytest.raises(ValueError, match="latitude first"):
        sk.find_offers(sample, near=(200.0, 4.69))
    with pytest.raises(ValueError, match="has no coordinates"):
        sk.find_offers(sample, near="i_thuisadministratie")
    assert not math.isnan(sk.find_offers(sample, near=(51.8, 4.69))["km"].iloc[0])
