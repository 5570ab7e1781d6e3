"""The policy page (issue 14): sk.policy_tables and the report section "Voor de gemeente"."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.strings import text
from sociale_kaart.core.vocabulary import LEVELS
from sociale_kaart.report.page import render_report
from sociale_kaart.report.policy import MEETING_COLUMNS, SUPPLY_COLUMNS, policy_blocks

TODAY = dt.date(2026, 11, 21)
NA = pd.NA


def _residents(rows: list[tuple[str, str | None, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"id": i, "name": f"Naam {i}", "neighbourhood": nb or "", "needs": n} for i, nb, n in rows]
    )


def policy_map() -> nx.MultiDiGraph:
    """A tiny map whose policy tables are counted by hand below.

    Noord: 12 residents with a finances need, 3 of them also on language.
    Zuid: 3 residents on finances. One resident without a neighbourhood on
    language, one resident without a need.
    """
    rows: list[tuple[str, str | None, str]] = []
    rows += [
        (f"rn{i:02d}", "Noord", "finances:2;language" if i < 3 else "finances") for i in range(12)
    ]
    rows += [(f"rz{i}", "Zuid", "finances:4") for i in range(3)]
    rows += [("rx", None, "language:1"), ("rq", "Zuid", "")]
    initiatives = pd.DataFrame(
        [
            {"id": "i_a", "name": "A", "themes": "finances", "level": "informal", "capacity": 2},
            {"id": "i_b", "name": "B", "themes": "finances;language", "level": "eigen kracht"},
            {"id": "i_f", "name": "F", "themes": "language", "capacity": 3},
        ]
    )
    organisations = pd.DataFrame(
        [
            {"id": "o_c", "name": "C", "themes": "finances", "level": "general", "capacity": 0},
            {"id": "o_d", "name": "D", "themes": "finances", "level": "maatwerk", "capacity": 5},
            {
                "id": "o_e",
                "name": "GGZ E",
                "themes": "mental_health",
                "level": "zvw",
                "capacity": 1,
            },
        ]
    )
    professionals = pd.DataFrame(
        [
            {"id": "p1", "name": "Pia Werker", "role": "social_worker", "organisation": "o_c"},
            {"id": "p2", "name": "Piet Helper", "role": "social_worker", "organisation": "o_c"},
        ]
    )
    relations = pd.DataFrame(
        [
            {"source": "p1", "target": "rn00", "relation": "supports"},
            {"source": "p2", "target": "rz0", "relation": "supports"},
            # 8 hours a month, no client in common: flagged for both professionals
            {"source": "p1", "target": "p2", "relation": "meets", "hours_per_month": 8},
            # 2 hours a month: below min_hours, not flagged
            {"source": "p1", "target": "o_d", "relation": "meets", "hours_per_month": 2},
        ]
    )
    return sk.from_frames(
        residents=_residents(rows),
        professionals=professionals,
        initiatives=initiatives,
        organisations=organisations,
        relations=relations,
    )


# ----------------------------------------------------------------------------- the tables


def test_needs_hand_counted_for_the_team() -> None:
    needs = sk.policy_tables(policy_map(), aggregate_only=False).needs
    assert list(needs.columns) == ["Noord", "Zuid", "(none)", "total"]
    assert list(needs.index) == ["finances", "language"]  # the vocabulary's order
    assert needs.loc["finances"].tolist() == [12, 3, 0, 15]
    assert needs.loc["language"].tolist() == [3, 0, 1, 4]
    assert str(needs["Noord"].dtype) == "Int64"


def test_needs_suppressed_for_the_public_primary_and_complementary() -> None:
    needs = sk.policy_tables(policy_map(), min_cell=10).needs
    # Zuid's 3 is small; Noord's 12 is hidden too, or 15 - 12 would give the 3 away
    assert needs.loc["finances"].tolist() == [NA, NA, 0, 15]
    # every language count is small, the total too; zero stays zero
    assert needs.loc["language"].tolist() == [NA, 0, NA, NA]
    assert str(needs["Noord"].dtype) == "Int64"  # the same dtype as the team's table


def test_needs_threshold_follows_min_cell() -> None:
    needs = sk.policy_tables(policy_map(), min_cell=5).needs
    assert needs.loc["finances"].tolist() == [NA, NA, 0, 15]
    assert needs.loc["language"].tolist() == [NA, 0, NA, NA]  # 4 < 5
    with pytest.raises(ValueError, match="at least 5"):
        sk.policy_tables(policy_map(), min_cell=3)


def test_supply_per_level_hand_counted() -> None:
    frame = sk.policy_tables(policy_map()).supply
    assert tuple(frame.columns) == SUPPLY_COLUMNS
    assert SUPPLY_COLUMNS[:4] == LEVELS == ("informal", "general", "specialised", "insured")
    assert frame.loc["finances"].to_dict() == {
        "informal": 2,  # i_a and i_b (Dutch "eigen kracht")
        "general": 1,
        "specialised": 1,  # o_d, written as "maatwerk"
        "insured": 0,
        "no_level": 0,
        "offers": 4,
        "open_places": 7,  # 2 + 0 + 5; i_b has no capacity recorded
        "capacity_unknown": 1,
        "full": 1,  # o_c
    }
    assert frame.loc["language", ["informal", "no_level", "offers", "open_places"]].tolist() == [
        1,
        1,
        2,
        3,
    ]
    # the GGZ offer (level "zvw") is kept apart from municipal maatwerk
    assert frame.loc["mental_health", ["specialised", "insured", "open_places"]].tolist() == [
        0,
        1,
        1,
    ]


def test_supply_levels_add_up_on_the_sample_and_match_sk_supply() -> None:
    G = sk.load_sample()
    frame = sk.policy_tables(G).supply
    by_level = frame[[*LEVELS, "no_level"]].sum(axis=1)
    assert (by_level == frame["offers"]).all()
    independent = sk.supply(G, by="theme")
    assert frame["offers"].to_dict() == independent["offers"].to_dict()
    # open places from the node attributes, counted without the library
    places: Counter[str] = Counter()
    for _, attrs in G.nodes(data=True):
        if attrs.get("kind") in ("initiative", "organisation") and attrs.get("capacity"):
            for theme in set(attrs.get("themes") or ()):
                places[theme] += attrs["capacity"]
    assert {t: v for t, v in frame["open_places"].items() if v} == dict(places)


def test_meetings_hand_counted() -> None:
    frame = sk.policy_tables(policy_map()).meetings
    assert tuple(frame.columns) == MEETING_COLUMNS
    row = frame.loc["total"]
    # the p1-p2 tie counts for both (2 meetings), plus p1-o_d
    assert int(row["meetings"]) == 3
    assert float(row["hours_per_month"]) == 8 + 8 + 2
    assert int(row["flagged_meetings"]) == 2
    assert float(row["hours_won_back"]) == 16.0
    assert int(row["professionals"]) == 2 and int(row["professionals_flagged"]) == 2


def test_meetings_match_the_meeting_audit_of_the_sample() -> None:
    G = sk.load_sample()
    audit = sk.meeting_audit(G)
    row = sk.policy_tables(G).meetings.loc["total"]
    assert float(row["hours_won_back"]) == audit.hours_won_back == 44.0
    assert int(row["flagged_meetings"]) == int(audit.meetings["flagged"].sum())


def test_the_sample_ggz_is_insured_not_maatwerk() -> None:
    G = sk.load_sample()
    assert G.nodes["o_ggz"]["level"] == "insured"
    frame = sk.policy_tables(G).supply
    assert frame.loc["mental_health", "insured"] == 1
    assert frame.loc["mental_health", "specialised"] == 0


def test_policy_tables_do_not_change_the_map_and_check_input() -> None:
    G = policy_map()
    before = nx.node_link_data(G, edges="edges")
    sk.policy_tables(G)
    assert nx.node_link_data(G, edges="edges") == before
    with pytest.raises(TypeError, match="aggregate_only"):
        sk.policy_tables(G, aggregate_only="yes")  # type: ignore[arg-type]
    with pytest.raises(sk.NotAMapError):
        sk.policy_tables(nx.Graph())  # type: ignore[arg-type]


_CELL = st.tuples(
    st.sampled_from(["Noord", "Zuid", "West"]), st.sampled_from(["finances", "language"])
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_CELL, min_size=1, max_size=40))
def test_public_needs_never_show_a_small_count_nor_one_worked_out(
    cells: list[tuple[str, str]],
) -> None:
    rows = [(f"r{i}", nb, theme) for i, (nb, theme) in enumerate(cells)]
    G = sk.from_frames(residents=_residents(rows))
    team = sk.policy_tables(G, aggregate_only=False).needs
    public = sk.policy_tables(G, min_cell=5).needs
    expected = Counter(cells)
    for (nb, theme), n in expected.items():  # the team's counts, counted independently
        assert team.loc[theme, nb] == n
    for theme in public.index:
        row = public.loc[theme]
        shown = row.dropna()
        assert ((shown == 0) | (shown >= 5)).all()
        hidden = row.drop("total").isna().sum()
        # one hidden cell beside a visible total would give it away
        assert not (hidden == 1 and pd.notna(row["total"]))
        # what stays visible is the team's number
        assert (shown == team.loc[theme, shown.index]).all()


# ----------------------------------------------------------------------------- the section


def _section(page: str) -> str:
    return page.split('<h2 id="policy">')[1].split("<h2")[0]


def _rows(section: str) -> list[list[str]]:
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r, re.S)
        ]
        for r in re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("audience", ["team", "public"])
def test_section_renders_and_names_no_one(language: str, audience: str) -> None:
    G = policy_map()
    page = render_report(G, language=language, audience=audience, today=TODAY)
    section = _section(page)
    assert text("report.policy", language) in page
    assert text("report.policy_needs", language) in section
    assert text("level.insured", language) in section
    finances = next(
        r for r in _rows(section) if r and r[0] == ("Financiën" if language == "nl" else "Finances")
    )
    if audience == "public":
        assert finances[1:] == ["&lt;10", "&lt;10", "0", "15"]  # Zuid's 3 residents: suppressed
    else:
        assert finances[1:] == ["12", "3", "0", "15"]
    hours = "16" if language == "en" else "16 uur"
    assert hours in section
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in ("resident", "professional"):
            assert attrs["name"] not in section
            assert re.search(rf"\b{re.escape(str(node))}\b", section) is None


@pytest.mark.parametrize("audience", ["team", "public"])
def test_section_on_the_sample_holds_no_person(audience: str) -> None:
    G = sk.load_sample()
    page = render_report(G, language="nl", audience=audience, today=TODAY)
    section = _section(page)
    assert "zorgverzekeringswet (GGZ e.a.)" in section
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in ("resident", "professional"):
            for value in (attrs.get("name"), str(node)):
                if value:
                    assert re.search(rf"\b{re.escape(value)}\b", section) is None, value


def test_section_without_residents_or_meetings_says_so() -> None:
    G = sk.from_frames(
        initiatives=pd.DataFrame([{"id": "i1", "themes": "language", "level": "insured"}])
    )
    ctx = {"language": "nl", "audience": "public", "min_cell": 10}
    notes = [b["text"] for b in policy_blocks(G, ctx) if b["type"] == "note"]
    assert text("report.policy_no_needs", "nl") in notes
    assert text("report.policy_no_meetings", "nl") in notes


def test_section_escapes_hostile_names() -> None:
    hostile = "<script>alert(1)</script>"
    G = sk.from_frames(
        residents=_residents([(f"r{i}", hostile, "finances") for i in range(12)]),
        initiatives=pd.DataFrame([{"id": "i1", "themes": "finances", "level": "informal"}]),
    )
    section = _section(render_report(G, language="en", audience="public", today=TODAY))
    assert hostile not in section
    assert "&lt;script&gt;" in section
