"""Codes as words (core.wording), and the wording bugs of issue 14, one test each.

Each bug is checked where a reader meets it: in the sentence that a function
returns, in the language asked for.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.strings import STRINGS, text
from sociale_kaart.core.themes import DEFAULT_THEMES
from sociale_kaart.core.vocabulary import PLACE_TYPES, STATUS_TAGS
from sociale_kaart.core.wording import (
    language_name,
    place_type_label,
    status_label,
    theme_need,
    theme_offer,
)

TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def sample() -> object:
    return sk.load_sample()


# ---------------------------------------------------------------------- the tables


@pytest.mark.parametrize("code", STATUS_TAGS)
def test_every_known_status_tag_has_a_label_in_both_languages(code: str) -> None:
    nl, en = status_label(code, "nl"), status_label(code, "en")
    assert code not in (nl, en) and nl != en
    assert "eigen code" not in nl and "custom code" not in en


def test_every_status_that_covers_a_cost_is_a_known_tag() -> None:
    """The passes that pay for an offer are named in words, not as custom codes."""
    from sociale_kaart.core.eligibility import COST_COVERING_STATUSES

    assert sorted(set(COST_COVERING_STATUSES) - set(STATUS_TAGS)) == []
    assert status_label("stadspas", "nl") == "Stadspas"


@pytest.mark.parametrize("code", PLACE_TYPES)
def test_every_known_place_type_has_a_label(code: str) -> None:
    nl, en = place_type_label(code, "nl"), place_type_label(code, "en")
    assert "eigen soort" not in nl and "custom" not in en
    assert place_type_label(code.replace(" ", "_"), "nl") == nl  # spaces and underscores alike


@given(st.from_regex(r"[a-z]{3,8}_[a-z]{3,8}", fullmatch=True))
def test_an_unknown_code_is_marked_never_bare(code: str) -> None:
    if f"status.{code}" in STRINGS:
        return
    assert status_label(code, "nl") == f"{code} (eigen code, zonder omschrijving)"
    assert status_label(code, "en") == f"{code} (custom code, no label)"
    if f"place_type.{code}" not in STRINGS:
        assert place_type_label(code, "en") == f"{code} (custom place type)"


@pytest.mark.parametrize("code", sorted(DEFAULT_THEMES))
def test_every_theme_has_a_need_and_an_offer_phrasing(code: str) -> None:
    for language in ("nl", "en"):
        need, offer = theme_need(code, language=language), theme_offer(code, language=language)
        assert need and offer and need != offer
        assert "_" not in need + offer  # no raw code such as work_education
    # an offer is a verb phrase: it starts with the verb
    assert theme_offer(code, language="nl").split()[0] in {"biedt", "helpt", "steunt", "brengt"}


def test_a_custom_theme_gets_the_generic_phrasing_from_its_own_label() -> None:
    vocabulary = {"knitting": {"label_nl": "Breien", "label_en": "Knitting", "domain": "time_use"}}
    assert theme_need("knitting", vocabulary, language="nl") == "hulp bij breien"
    assert theme_offer("knitting", vocabulary, language="en") == "helps with knitting"
    # a default theme the team relabelled is no longer the stock phrase
    relabelled = {**DEFAULT_THEMES, "loneliness": {**DEFAULT_THEMES["loneliness"]}}
    relabelled["loneliness"]["label_nl"] = "Alleen zijn"
    assert theme_need("loneliness", relabelled, language="nl") == "hulp bij alleen zijn"


def test_language_names_come_from_the_codes() -> None:
    assert [language_name(c, "nl") for c in ("nl", "ar", "tr", "pl")] == [
        "Nederlands",
        "Arabisch",
        "Turks",
        "Pools",
    ]
    assert language_name("NL", "en") == "Dutch"
    assert language_name("Tamazight (Berbers)", "nl") == "Tamazight (Berbers)"  # as written


# ---------------------------------------------------------------------- the bugs, one each


def test_an_offer_of_company_is_not_an_offer_of_loneliness(sample: object) -> None:
    # was: "Wandelgroep ... biedt eenzaamheid"
    found = sk.suggest_referrals(sample, "r_wandel_a", theme="loneliness", language="nl")
    text_ = " ".join(found["explanation"])
    assert "biedt gezelschap" in text_ and "biedt eenzaamheid" not in text_


def test_two_walkers_are_both_looking_for_someone_not_both_wanting_loneliness(
    sample: object,
) -> None:
    # was: "r_wandel_a en r_wandel_b willen allebei eenzaamheid ... ze delen ook beweging"
    m = sk.match_residents(sample, language="nl")
    pair = m[(m.resident_a == "r_wandel_a") & (m.resident_b == "r_wandel_b")]
    by_theme = dict(zip(pair["theme"], pair["explanation"], strict=True))
    assert by_theme["loneliness"].startswith("r_wandel_a en r_wandel_b zoeken allebei gezelschap;")
    assert "ze zoeken ook iemand om samen mee te bewegen" in by_theme["loneliness"]
    assert "ze spreken allebei Nederlands" in by_theme["loneliness"]
    assert all("willen allebei" not in e and "delen ook" not in e for e in pair["explanation"])
    assert all("allebei nl" not in e for e in m["explanation"])


def test_an_offer_beside_the_match_is_told_as_offer_and_need() -> None:
    G = sk.from_frames(
        residents=pd.DataFrame(
            [
                {"id": "a", "neighbourhood": "A", "needs": "exercise", "offers": "language"},
                {"id": "b", "neighbourhood": "A", "needs": "exercise; language"},
            ]
        )
    )
    (row,) = sk.match_residents(G, theme="exercise", language="nl")["explanation"]
    assert row.endswith(
        "; daarnaast: a helpt met het Nederlands en b zoekt hulp bij het Nederlands."
    )
    assert "ze zoeken ook" not in row  # only b looks for help with Dutch


def test_the_bench_is_named_in_dutch_not_by_its_type_code(sample: object) -> None:
    # was: "Bankje voor de Buurtsuper (supermarket bench)" in the Dutch report
    gaps = sk.unreached_places(sample, language="nl")
    (bench,) = gaps[gaps["nodes"].str[0] == "pl_bankje"]["explanation"]
    assert "(bankje bij de supermarkt)" in bench and "supermarket" not in bench


def test_the_refusal_names_the_rule_in_words(sample: object) -> None:
    # was: "eligibility: eu_citizen"; the sample's course refused a Portuguese resident
    gaps = sk.find_gaps(sample, kinds="repeated_refusal", today=TODAY, language="nl")
    (course,) = gaps[gaps["nodes"].str[0] == "i_taalschool"]["explanation"]
    assert "EU-nationaliteit" in course and "eu_citizen" not in course


def test_the_stale_record_sentences_name_the_field_in_words(sample: object) -> None:
    # was: "werk last_verified bij"
    gaps = sk.find_gaps(sample, kinds="stale_record", language="nl", today=TODAY)
    sentences = " ".join([*gaps["explanation"], *gaps["suggestion"]])
    assert "laatst gecontroleerd" in sentences and "last_verified" not in sentences


def test_the_gap_and_measure_names_are_the_ones_a_team_uses() -> None:
    # was: "kennis", "dekking", "één kenner", "graad", "tussenpositie", "rondreizend makelaar"
    jargon = {"kennis", "dekking", "één kenner", "graad", "tussenpositie", "rondreizend makelaar"}
    labels = {text(k, "nl") for k in STRINGS if k.startswith(("gap.", "col.", "measure.", "role."))}
    assert not labels & jargon
    assert "(degree)" not in " ".join(labels) and "(betweenness)" not in " ".join(labels)


def test_one_set_of_level_labels() -> None:
    # there were three Dutch sets: level.*, gaps.level.*, referral.level.*
    assert not [k for k in STRINGS if k.startswith(("gaps.level.", "referral.level."))]
    assert [text(f"level.{lv}", "nl") for lv in ("informal", "general", "specialised")] == [
        "informeel",
        "voorliggend veld",
        "maatwerk",
    ]


def test_the_centrality_axis_is_labelled_in_words() -> None:
    # was: the raw measure name "betweenness" under the axis
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = pd.DataFrame(
        {"kind": ["resident", "professional"], "name": ["a", "b"], "betweenness": [0.1, 0.3]},
        index=["r1", "p1"],
    )
    try:
        assert sk.plot_centrality(frame, language="nl").get_xlabel() == "bruggenbouwer"
        assert sk.plot_centrality(frame, language="en").get_xlabel() == "bridge builder"
        frame["eigen_maat"] = [1.0, 2.0]
        ax = sk.plot_centrality(frame, measure="eigen_maat", language="nl")
        assert ax.get_xlabel() == "eigen_maat"  # a column of the user's own, as named
    finally:
        plt.close("all")


def test_abbreviations_in_referral_sentences_keep_their_capitals() -> None:
    """The history reason names the theme inside a sentence: 'instrumentele ADL', not 'adl'."""
    G = sk.load_sample()
    texts = " ".join(
        str(v)
        for r in ("r_043", "r_060")
        for v in sk.suggest_referrals(G, r, today=dt.date(2026, 11, 21), language="nl")[
            "explanation"
        ].tolist()
    )
    assert "instrumentele ADL" in texts
    assert not re.search(r"\badl\b", texts)
