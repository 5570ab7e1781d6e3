"""Offers without coordinates never count as nearby in suggest_referrals (issue 11)."""

import sociale_kaart as sk
from tests.referral.test_referral import R, build, offer


def test_offer_without_coordinates_ranks_below_a_located_offer_5_km_away() -> None:
    resident = {**R, "lat": 52.0, "lon": 5.0}
    offers = [offer("nowhere"), offer("located", lat=52.045, lon=5.0)]  # about 5 km north
    relations = [("p", "r", "supports", 3), ("p", "nowhere", "knows_of", 3)]
    relations.append(("p", "located", "knows_of", 3))
    s = sk.suggest_referrals(build([resident], offers, relations), "r")
    assert s["target"].tolist()[:2] == ["located", "nowhere"]
    by_target = s.set_index("target")
    assert by_target.loc["located", "score"] > by_target.loc["nowhere", "score"]
    # the located offer's reasons name its distance; the other one names none
    assert any("km" in r for r in by_target.loc["located", "reasons"])
    assert not any("km" in r for r in by_target.loc["nowhere", "reasons"])
