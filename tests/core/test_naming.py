"""Professionals by name and discipline in team-facing text (issue 14)."""

from __future__ import annotations

import datetime as _dt

import sociale_kaart as sk
from sociale_kaart.core.naming import professional_labels, professional_name_counts

TODAY = _dt.date(2026, 12, 2)


def test_name_plus_discipline_and_the_id_only_for_a_shared_name() -> None:
    G = sk.load_sample()
    assert professional_labels(G, ["p_schuld"], language="nl") == {
        "p_schuld": "Ruud Kramer (schuldhulpverlener)"
    }
    G.nodes["p_legal"]["name"] = "Ruud Kramer"
    labels = professional_labels(G, ["p_schuld", "p_legal"], language="en")
    assert labels["p_schuld"] == "Ruud Kramer (debt advisor, p_schuld)"
    assert labels["p_legal"] == "Ruud Kramer (legal advisor, p_legal)"


def test_an_unlabelled_discipline_is_left_out_not_shown_as_a_code() -> None:
    G = sk.load_sample()
    G.nodes["p_schuld"]["role"] = "astronaut"
    assert professional_labels(G, ["p_schuld"])["p_schuld"] == "Ruud Kramer"


def test_gap_texts_name_professionals_and_organisations() -> None:
    gaps = sk.find_gaps(sk.load_sample(), language="nl", today=TODAY)
    knowledge = " ".join(gaps.loc[gaps["gap_type"] == "knowledge", "explanation"])
    meetings = " ".join(gaps.loc[gaps["gap_type"] == "meeting_load", "explanation"])
    assert "cliënten van Ruud Kramer (schuldhulpverlener)" in knowledge
    assert "p_schuld" not in knowledge and "p_opbouw" not in knowledge
    assert "((" not in knowledge and "))" not in knowledge
    assert "o_gemeente" not in meetings and "Gemeente Rivierstad 12 uur" in meetings


def test_referral_explanations_name_the_introducer_with_discipline() -> None:
    found = sk.suggest_referrals(sk.load_sample(), "r_samira", language="nl", today=TODAY)
    row = found.loc[found["target"] == "i_taalmaatjes"].iloc[0]
    assert "Esther Mulder (sociaal raadsman) kan de bewoner introduceren" in row["explanation"]
    assert "p_legal" not in row["explanation"]


def test_given_name_counts_give_the_same_labels() -> None:
    G = sk.datasets.synthetic(1_500, seed=2)
    pros = [n for n, k in G.nodes(data="kind") if k == "professional"]
    G.nodes[pros[1]]["name"] = G.nodes[pros[0]]["name"]  # a shared name
    counts = professional_name_counts(G)
    assert counts[G.nodes[pros[0]]["name"]] >= 2
    assert sum(counts.values()) == sum(1 for p in pros if G.nodes[p].get("name"))
    for language in ("en", "nl"):
        every = professional_labels(G, language=language)
        assert set(every) == set(pros)
        assert professional_labels(G, pros, language=language, name_counts=counts) == every
        assert professional_labels(G, pros[:2], language=language, name_counts=counts) == {
            p: every[p] for p in pros[:2]
        }
    assert f", {pros[0]})" in every[pros[0]]
    assert professional_labels(G, [], name_counts=counts) == {}


def test_referral_explanations_show_the_id_of_a_shared_name_after_clear_cache() -> None:
    G = sk.load_sample()
    before = sk.suggest_referrals(G, "r_samira", language="nl", today=TODAY)
    assert "p_legal" not in " ".join(before["explanation"])
    G.nodes["p_schuld"]["name"] = "Esther Mulder"  # an edit in place: the index is told
    sk.clear_cache(G)
    found = sk.suggest_referrals(G, "r_samira", language="nl", today=TODAY)
    row = found.loc[found["target"] == "i_taalmaatjes"].iloc[0]
    assert (
        "Esther Mulder (sociaal raadsman, p_legal) kan de bewoner introduceren"
        in (row["explanation"])
    )
