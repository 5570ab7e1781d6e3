"""Every place that reads a level knows the fourth one, ``insured`` (issue 14)."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.strings import STRINGS, text
from sociale_kaart.core.vocabulary import LEVELS
from sociale_kaart.referral.suggest import LADDER
from sociale_kaart.report.outcomes import funnel

TODAY = dt.date(2026, 11, 21)


def test_every_level_has_a_label_in_both_languages() -> None:
    for level in LEVELS:  # one set of level labels (issue 14)
        nl, en = STRINGS[f"level.{level}"]
        assert nl and en and nl != en


def test_the_ladder_puts_insured_care_last() -> None:
    assert [LADDER[level] for level in LEVELS] == sorted(
        (LADDER[level] for level in LEVELS), reverse=True
    )
    assert LADDER["insured"] <= LADDER["specialised"] < LADDER["general"]


def _mental_health_map(level: str) -> nx.MultiDiGraph:
    residents = pd.DataFrame([{"id": "r1", "neighbourhood": "Noord", "needs": "mental_health:2"}])
    organisations = pd.DataFrame(
        [{"id": "o1", "name": "GGZ", "themes": "mental_health", "level": level}]
    )
    return sk.from_frames(residents=residents, organisations=organisations)


@pytest.mark.parametrize("level", ["specialised", "insured"])
def test_coverage_counts_insured_care_apart_but_not_as_front_line(level: str) -> None:
    cell = sk.coverage(_mental_health_map(level), today=TODAY).loc[("Noord", "mental_health")]
    assert int(cell[level]) == 1
    assert sum(int(cell[other]) for other in LEVELS) == 1
    # neither maatwerk nor insured care is the open front line a coverage gap asks for
    assert bool(cell["gap"]) and cell["gap_reason"] == "specialised_only"


def test_supply_has_an_insured_column() -> None:
    s = sk.supply(_mental_health_map("insured"), by="theme")
    assert s.loc["mental_health", "insured"] == 1 and s.loc["mental_health", "specialised"] == 0


def test_suggest_referrals_names_the_insured_level() -> None:
    G = _mental_health_map("insured")
    found = sk.suggest_referrals(G, "r1", language="nl", today=TODAY)
    assert found.loc[0, "level"] == "insured"
    assert text("level.insured", "nl") in found.loc[0, "explanation"]


def test_the_funnel_keeps_insured_referrals_in_a_row_of_their_own() -> None:
    G = sk.load_sample()
    from sociale_kaart.core.journal import referral_summary

    table = G.graph["referrals"]
    frame = funnel(G, table, referral_summary(table))
    to_ggz = referral_summary(table)["target"].eq("o_ggz").sum()
    if to_ggz:
        assert int(frame.loc["insured", "referrals"]) == int(to_ggz)
    assert list(frame.index) == [
        k for k in (*LEVELS, "professional", "none", "total") if k in frame.index
    ]
