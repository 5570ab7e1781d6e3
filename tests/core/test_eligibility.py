"""Tests of the eligibility engine: each rule, the unknown-data path, the sample scenes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.eligibility import (
    COST_COVERING_STATUSES,
    RULES,
    evaluate,
    resident_fields_read,
)
from sociale_kaart.testing import maps

DAY = dt.date(2026, 11, 21)


def tiny(resident: dict[str, Any], offer: dict[str, Any], **extra_offers: Any) -> Any:
    """A map with one resident ``r`` and one initiative ``i`` (and more offers)."""
    offers = [{"id": "i", "name": "Club", "themes": "exercise", **offer}]
    offers += [{"id": k, **v} for k, v in extra_offers.items()]
    return sk.from_frames(
        residents=pd.DataFrame([{"id": "r", **resident}]),
        initiatives=pd.DataFrame(offers),
    )


def outcome(resident: dict[str, Any], offer: dict[str, Any], rule: str) -> str:
    _, _, results = evaluate(resident, offer, today=DAY)
    return next(r.outcome for r in results if r.rule == rule)


# ---------------------------------------------------------------------- each rule


@pytest.mark.parametrize(
    ("born", "lo", "hi", "expected"),
    [
        (1950, 65, None, "yes"),  # 75 or 76
        (1990, 65, None, "no"),
        (1961, 65, None, "unknown"),  # 64 or 65: the birthday decides
        (2015, None, 14, "yes"),
        (2010, None, 14, "no"),  # 15 or 16
        (2012, 8, 14, "yes"),  # 13 or 14: both inside
        (2011, 8, 14, "unknown"),  # 14 or 15
        (None, 65, None, "unknown"),
        (None, None, None, "yes"),
    ],
)
def test_age_rule(born: int | None, lo: int | None, hi: int | None, expected: str) -> None:
    assert outcome({"birth_year": born}, {"min_age": lo, "max_age": hi}, "age") == expected


def test_age_edge_asks_the_birth_date() -> None:
    _, _, results = evaluate({"birth_year": 1961}, {"min_age": 65}, today=DAY)
    age = results[0]
    assert age.outcome == "unknown"
    assert age.question == "Was the resident born before or after 1961-11-21?"


def test_age_edge_on_leap_day() -> None:
    today = dt.date(2028, 2, 29)
    _, _, results = evaluate({"birth_year": 1963}, {"min_age": 65}, today=today)
    assert results[0].outcome == "unknown"
    assert "1963-02-28" in (results[0].question or "")


@pytest.mark.parametrize(
    ("nb", "serves", "expected"),
    [
        ("Molenbuurt", [], "yes"),
        ("Molenbuurt", ["Molenbuurt", "Parkzicht"], "yes"),
        ("Oude Dorp", ["Molenbuurt"], "no"),
        (None, ["Molenbuurt"], "unknown"),
    ],
)
def test_area_rule(nb: str | None, serves: list[str], expected: str) -> None:
    assert outcome({"neighbourhood": nb}, {"serves": serves}, "area") == expected


@pytest.mark.parametrize(
    ("spoken", "given_in", "themes", "expected"),
    [
        (["ar"], [], [], "yes"),
        (["ar", "nl"], ["nl", "tr"], [], "yes"),
        (["ar"], ["nl", "tr"], [], "no"),
        ([], ["nl"], [], "unknown"),
        (["ar"], ["nl"], ["language"], "yes"),  # a language course needs no language
    ],
)
def test_language_rule(
    spoken: list[str], given_in: list[str], themes: list[str], expected: str
) -> None:
    offer = {"languages": given_in, "themes": themes}
    assert outcome({"languages": spoken}, offer, "language") == expected


@pytest.mark.parametrize(
    ("statuses", "requires", "expected"),
    [
        (["meedoen_pass"], ["meedoen_pass"], "yes"),
        (["newcomer"], ["meedoen_pass"], "no"),
        ([], ["meedoen_pass"], "unknown"),
        ([], [], "yes"),
    ],
)
def test_requires_rule(statuses: list[str], requires: list[str], expected: str) -> None:
    assert outcome({"statuses": statuses}, {"requires": requires}, "requires") == expected


def test_requires_names_the_offer_that_grants_the_status() -> None:
    G = tiny(
        {"statuses": "social_assistance"},
        {"requires": "meedoen_pass"},
        info={"name": "Infopunt", "themes": "finances", "grants": "meedoen_pass"},
    )
    result = sk.check_eligibility(G, "r", "i")
    assert result.eligible == "no"
    assert result.blocking == [
        "requires Meedoen pass, which the resident does not have yet "
        "(Meedoen pass can be obtained at Infopunt)"
    ]


@pytest.mark.parametrize(
    ("statuses", "excludes", "expected"),
    [
        (["eu_citizen"], ["eu_citizen"], "no"),
        (["newcomer"], ["eu_citizen"], "yes"),
        ([], ["eu_citizen"], "unknown"),
    ],
)
def test_excludes_rule(statuses: list[str], excludes: list[str], expected: str) -> None:
    assert outcome({"statuses": statuses}, {"excludes": excludes}, "excludes") == expected


@pytest.mark.parametrize(
    ("statuses", "cost", "expected"),
    [
        ([], None, "yes"),
        ([], 0.0, "yes"),
        (["meedoen_pass"], 25.0, "yes"),
        (["newcomer"], 25.0, "unknown"),
    ],
)
def test_cost_rule(statuses: list[str], cost: float | None, expected: str) -> None:
    assert outcome({"statuses": statuses}, {"cost_eur": cost}, "cost") == expected


def test_cost_reason_says_where_a_pass_is_obtained() -> None:
    G = tiny(
        {"statuses": "newcomer"},
        {"cost_eur": 5},
        info={"name": "Infopunt", "themes": "finances", "grants": "meedoen_pass"},
    )
    result = sk.check_eligibility(G, "r", "i")
    assert result.eligible == "unknown"
    assert "Meedoen pass can be obtained at Infopunt" in result.to_frame().loc["cost", "reason"]
    assert result.questions == [
        "Can the resident pay EUR 5.00, or get a pass that covers it "
        "(Meedoen pass, city pass (Stadspas) and U-pas (Utrecht city pass))?"
    ]  # issue 14: known tags in words (a team's own code: tests/core/test_wording.py)


@pytest.mark.parametrize(("capacity", "room"), [(None, None), (0, False), (3, True)])
def test_capacity_never_blocks_but_sets_room(capacity: int | None, room: bool | None) -> None:
    eligible, got_room, _ = evaluate({}, {"capacity": capacity}, today=DAY)
    assert eligible == "yes"
    assert got_room is room


def test_every_rule_is_documented_and_in_order() -> None:
    assert list(RULES) == [
        "age",
        "gender",
        "area",
        "language",
        "requires",
        "excludes",
        "cost",
        "capacity",
    ]
    assert all(description for description, _ in RULES.values())
    assert COST_COVERING_STATUSES["meedoen_pass"] is None


# ---------------------------------------------------------------------- combination


def test_no_wins_over_unknown_and_unknown_over_yes() -> None:
    assert evaluate({}, {"min_age": 18}, today=DAY)[0] == "unknown"
    resident = {"neighbourhood": "X", "birth_year": None}
    assert evaluate(resident, {"min_age": 18, "serves": ["Y"]}, today=DAY)[0] == "no"


def test_unknown_data_gives_the_questions_to_ask() -> None:
    G = tiny({}, {"min_age": 65, "serves": "Molenbuurt", "languages": "nl"})
    result = sk.check_eligibility(G, "r", "i", today=DAY)
    assert result.eligible == "unknown"
    assert result.questions == [
        "How old is the resident?",
        "In which neighbourhood does the resident live?",
        "Does the resident speak nl?",
    ]
    assert result.blocking == []


def test_dutch_reasons() -> None:
    G = tiny({"neighbourhood": "Oude Dorp"}, {"serves": "Molenbuurt"})
    result = sk.check_eligibility(G, "r", "i", language="nl")
    assert result.blocking == ["werkt alleen in Molenbuurt, niet in Oude Dorp"]


def test_to_frame_has_one_row_per_rule() -> None:
    G = tiny({}, {})
    frame = sk.check_eligibility(G, "r", "i").to_frame()
    assert list(frame.index) == list(RULES)
    assert list(frame.columns) == ["outcome", "reason", "question"]


# ---------------------------------------------------------------------- bad input


def test_bad_input() -> None:
    G = tiny({}, {})
    with pytest.raises(sk.NodeNotFoundError, match="not on the map"):
        sk.check_eligibility(G, "nobody", "i")
    with pytest.raises(ValueError, match="is a initiative, not a resident"):
        sk.check_eligibility(G, "i", "i")
    with pytest.raises(ValueError, match="language must be"):
        sk.check_eligibility(G, "r", "i", language="fr")
    with pytest.raises(sk.NodeNotFoundError):
        sk.eligibility_table(G, "nobody")


# ---------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(
    birth=st.none() | st.integers(1920, 2020),
    lo=st.none() | st.integers(0, 70),
    span=st.integers(0, 50),
    statuses=st.lists(st.sampled_from(["eu_citizen", "meedoen_pass", "newcomer"]), unique=True),
    excludes=st.lists(st.sampled_from(["eu_citizen", "newcomer"]), unique=True, max_size=1),
)
def test_overall_outcome_follows_the_rules(
    birth: int | None, lo: int | None, span: int, statuses: list[str], excludes: list[str]
) -> None:
    offer = {"min_age": lo, "max_age": None if lo is None else lo + span, "excludes": excludes}
    eligible, _, results = evaluate({"birth_year": birth, "statuses": statuses}, offer, today=DAY)
    outcomes = {r.outcome for r in results}
    assert eligible == ("no" if "no" in outcomes else "unknown" if "unknown" in outcomes else "yes")
    for r in results:  # an unknown always says what to ask; yes and no ask nothing
        assert bool(r.question) == (r.outcome == "unknown")


@settings(max_examples=25, deadline=None)
@given(maps(max_nodes=8, max_relations=5))
def test_table_agrees_with_single_checks(G: Any) -> None:
    residents = [n for n, a in G.nodes(data=True) if a["kind"] == "resident"]
    for r in residents[:2]:
        table = sk.eligibility_table(G, r, today=DAY)
        for offer in table.index:
            assert (
                table.loc[offer, "eligible"]
                == sk.check_eligibility(G, r, offer, today=DAY).eligible
            )


# ---------------------------------------------------------------------- the sample


def test_scene_1_passport_closes_the_language_course() -> None:
    G = sk.load_sample()
    course = sk.check_eligibility(G, "r_samira", "i_taalschool", today=DAY)
    assert course.eligible == "no"
    assert course.blocking == ["closed to residents with EU citizenship"]
    assert course.room is True  # it still has places: only the passport closes it
    buddies = sk.check_eligibility(G, "r_samira", "i_taalmaatjes", today=DAY)
    assert buddies.eligible == "yes"
    assert buddies.room is True


def test_scene_2_swimming_needs_the_pass_from_the_information_point() -> None:
    G = sk.load_sample()
    swim = sk.check_eligibility(G, "r_henk", "i_zwemmen", today=DAY)
    assert swim.eligible == "no"
    assert "Informatiepunt Rivierwijk" in swim.blocking[0]


def test_scene_14_unknown_birth_year_leaves_age_rules_open() -> None:
    G = sk.load_sample()
    nobirth = [
        n for n, a in G.nodes(data=True) if a["kind"] == "resident" and a.get("birth_year") is None
    ]
    assert len(nobirth) == 11
    result = sk.check_eligibility(G, nobirth[0], "i_seniorengym", today=DAY)
    assert result.eligible in ("unknown", "no")
    assert "How old is the resident?" in result.questions


def test_scene_14_full_offer_has_a_waiting_list() -> None:
    G = sk.load_sample()
    result = sk.check_eligibility(G, "r_wandel_a", "i_maatjesproject", today=DAY)
    assert result.room is False
    assert "full: waiting list" in result.reasons


@pytest.mark.parametrize(
    ("gender", "genders", "outcome"),
    [
        ("female", [], "yes"),
        ("male", [], "yes"),
        (None, [], "yes"),
        ("female", ["female"], "yes"),
        ("male", ["female"], "no"),
        ("other", ["female", "other"], "yes"),
        (None, ["male"], "unknown"),
    ],
)
def test_gender_rule(gender: str | None, genders: list[str], outcome: str) -> None:
    eligible, _, rules = evaluate({"gender": gender}, {"genders": genders})
    rule = next(r for r in rules if r.rule == "gender")
    assert rule.outcome == outcome == eligible
    if outcome == "unknown":
        assert rule.question is not None and "men" in rule.question


def test_the_womens_swimming_club_is_not_suggested_to_henk() -> None:
    """Scene 2 and 6: the swimming club for migrant women is for women only."""
    import sociale_kaart as sk

    G = sk.load_sample()
    assert sk.check_eligibility(G, "r_henk", "i_zwemclub_vrouwen").eligible == "no"
    assert sk.check_eligibility(G, "r_samira", "i_naaiclub").to_frame().loc[
        "gender", "outcome"
    ] == ("yes")
    found = sk.suggest_referrals(G, "r_henk", theme="exercise", top=10)
    assert "i_zwemclub_vrouwen" not in set(found["target"])


# --------------------------------------------------------- resident_fields_read

_NBS = ["Havenkwartier", "Rivierwijk"]
_LANGS = ["nl", "pt", "ar", "tr"]
_TAGS = [*COST_COVERING_STATUSES, "eu_citizen", "newcomer"]


def _maybe_list(items: list[str]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), st.just([]), st.lists(st.sampled_from(items), max_size=3))


_OFFERS = st.fixed_dictionaries(
    {},
    optional={
        "min_age": st.one_of(st.none(), st.integers(0, 90)),
        "max_age": st.one_of(st.none(), st.integers(0, 99)),
        "genders": _maybe_list(["female", "male", "other"]),
        "serves": _maybe_list(_NBS),
        "languages": _maybe_list(_LANGS),
        "themes": _maybe_list(["language", "money", "health"]),
        "requires": _maybe_list(_TAGS),
        "excludes": _maybe_list(_TAGS),
        "cost_eur": st.one_of(st.none(), st.just(0), st.floats(0.5, 200)),
        "capacity": st.one_of(st.none(), st.integers(0, 5)),
    },
)
_RESIDENT_VALUES = {
    "birth_year": st.one_of(st.none(), st.integers(1930, 2020)),
    "gender": st.one_of(st.none(), st.sampled_from(["female", "male", "other"])),
    "neighbourhood": st.one_of(st.none(), st.sampled_from(_NBS)),
    "languages": _maybe_list(_LANGS),
    "statuses": _maybe_list(_TAGS),
}
_RESIDENTS = st.fixed_dictionaries(_RESIDENT_VALUES)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(offer=_OFFERS, resident=_RESIDENTS, other=_RESIDENTS)
def test_residents_who_agree_on_the_fields_read_get_the_same_answer(
    offer: dict[str, Any], resident: dict[str, Any], other: dict[str, Any]
) -> None:
    read = resident_fields_read(offer)
    # ``other`` with the fields read taken from ``resident``: only unread fields differ.
    mixed = {**other, **{name: resident[name] for name in read}}
    day = dt.date(2026, 11, 21)
    grants = {"meedoen_pass": ["Loket"]}
    for language in ("en", "nl"):
        assert evaluate(resident, offer, today=day, language=language, grants=grants) == (
            evaluate(mixed, offer, today=day, language=language, grants=grants)
        )


@pytest.mark.parametrize(
    "offer, expected",
    [
        ({}, ()),
        ({"min_age": 0}, ("birth_year",)),  # 0 is a limit: the age is read
        ({"max_age": 18, "genders": []}, ("birth_year",)),  # an empty list sets nothing
        ({"cost_eur": 0}, ("statuses",)),  # cautious: a free offer still counts
        ({"serves": ["Rivierwijk"], "excludes": ["newcomer"]}, ("neighbourhood", "statuses")),
        ({"languages": ["pt"], "requires": ["eu_citizen"]}, ("languages", "statuses")),
        ({"capacity": 3}, ()),
    ],
)
def test_resident_fields_read_by_hand(offer: dict[str, Any], expected: tuple[str, ...]) -> None:
    assert resident_fields_read(offer) == expected


def test_a_field_left_out_of_the_projection_would_change_the_answer() -> None:
    # The reason the projection must hold the fields read: they change the answer.
    course = {"requires": ["eu_citizen"]}
    assert resident_fields_read(course) == ("statuses",)
    assert evaluate({"statuses": ["eu_citizen"]}, course)[0] == "yes"
    assert evaluate({"statuses": ["newcomer"]}, course)[0] == "no"


def test_grant_sources_names_the_offers_that_grant_each_tag() -> None:
    from sociale_kaart.core.eligibility import grant_sources

    G = nx.MultiDiGraph()
    G.add_node("i1", kind="initiative", name="Infopunt", grants=["meedoen_pass", "stadspas"])
    G.add_node("o1", kind="organisation", grants=["meedoen_pass"])  # no name: its id
    G.add_node("r1", kind="resident", grants=["stadspas"])  # not an offer: left out
    G.add_node("p1", kind="place", name="Bankje")
    assert grant_sources(G) == {"meedoen_pass": ["Infopunt", "o1"], "stadspas": ["Infopunt"]}
