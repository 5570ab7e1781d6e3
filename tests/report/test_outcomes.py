"""The report section "Wat werd er van de verwijzingen?" / "What became of referrals" (issue 13)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.formatting import format_date
from sociale_kaart.core.journal import referral_summary
from sociale_kaart.core.strings import text
from sociale_kaart.report.outcomes import funnel, outcome_blocks, reason_label, reasons
from sociale_kaart.report.page import render_report
from tests.conftest import tiny_map
from tests.pictures.test_browser import ID_PAYLOADS, PAYLOADS, xss_map

TODAY = dt.date(2026, 11, 21)


def _section(page: str) -> str:
    return page.split('<h2 id="outcomes">')[1].split("<h2")[0]


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _steps(*rows: tuple[Any, ...]) -> pd.DataFrame:
    columns = ["referral", "date", "status", "resident", "referrer", "target", "companion"]
    columns += ["reason"]
    return pd.DataFrame([(*r, *([""] * (len(columns) - len(r)))) for r in rows], columns=columns)


def tiny_journal() -> nx.MultiDiGraph:
    """Five referrals on the tiny map, counted by hand in the tests below.

    a, b, e go to the informal i1; c to the general o1; d to the professional p1.
    """
    table = _steps(
        ("a", "2026-01-05", "proposed", "r1", "p1", "i1"),
        ("a", "2026-01-06", "accepted", "r1", "p1", "i1"),
        ("a", "2026-01-12", "started", "r1", "p1", "i1"),
        ("b", "2026-01-05", "proposed", "r2", "p1", "i1"),
        ("b", "2026-01-09", "rejected", "r2", "p1", "i1", "", "full: waiting list"),
        ("c", "2026-01-07", "proposed", "r1", "p1", "o1"),
        ("c", "2026-01-08", "accepted", "r1", "p1", "o1"),
        ("c", "2026-02-01", "cancelled", "r1", "p1", "o1", "", "resident did not come"),
        ("d", "2026-01-10", "proposed", "r2", "o1", "p1"),
        ("e", "2026-01-11", "requested", "r1", "p1", "i1", "yes"),
        ("e", "2026-01-12", "accepted", "r1", "p1", "i1", "yes"),
        ("e", "2026-01-20", "started", "r1", "p1", "i1", "yes"),
        ("e", "2026-03-01", "completed", "r1", "p1", "i1", "yes"),
    )
    return sk.with_journal(tiny_map(), table)


@pytest.fixture(scope="module")
def pages(_sample_cached: nx.MultiDiGraph) -> dict[tuple[str, str], str]:
    return {
        (language, audience): render_report(
            _sample_cached, language=language, audience=audience, today=TODAY
        )
        for language in ("nl", "en")
        for audience in ("team", "public")
    }


def test_the_funnel_of_a_hand_counted_journal() -> None:
    G = tiny_journal()
    table = G.graph["referrals"]
    frame = funnel(G, table, referral_summary(table))
    assert list(frame.index) == ["informal", "general", "professional", "total"]
    counts = frame[["referrals", "accepted", "started", "rejected"]].values.tolist()
    assert counts == [[3, 2, 2, 1], [1, 1, 0, 0], [1, 0, 0, 0], [5, 3, 2, 1]]
    assert frame.loc["informal", "start_rate"] == pytest.approx(2 / 3)
    assert frame.loc["total", "accept_rate"] == pytest.approx(3 / 5)


def test_an_offer_without_a_level_keeps_a_row_of_its_own() -> None:
    G = tiny_journal()
    del G.nodes["o1"]["level"]
    table = G.graph["referrals"]
    frame = funnel(G, table, referral_summary(table))
    assert "none" in frame.index and "general" not in frame.index
    assert int(frame.loc["none", "referrals"]) == 1
    assert int(frame.loc["total", "referrals"]) == 5  # nothing dropped


def test_the_funnel_agrees_with_referral_outcomes(_sample_cached: nx.MultiDiGraph) -> None:
    """Cross-check: per target, referral_outcomes counts what the funnel counts per level."""
    G = _sample_cached
    table = G.graph["referrals"]
    frame = funnel(G, table, referral_summary(table))
    outcomes = sk.referral_outcomes(G, by="target")
    levels = [G.nodes[t].get("level") or "professional" for t in outcomes.index]
    per_level = outcomes.groupby(levels)[["referrals", "started", "rejected"]].sum()
    for level, row in per_level.iterrows():
        assert frame.loc[level, ["referrals", "started", "rejected"]].tolist() == row.tolist()
    assert int(frame.loc["total", "referrals"]) == int(outcomes["referrals"].sum()) == 309


@given(st.lists(st.sampled_from(["started", "rejected", "cancelled", "open"]), min_size=1))
def test_funnel_counts_never_grow_down_the_funnel(ends: list[str]) -> None:
    rows: list[tuple[Any, ...]] = []
    for i, end in enumerate(ends):
        ref = f"x{i}"
        rows.append((ref, "2026-01-05", "proposed", "r1", "p1", "i1"))
        if end == "started":
            rows += [(ref, "2026-01-06", "accepted", "r1", "p1", "i1")]
            rows += [(ref, "2026-01-07", "started", "r1", "p1", "i1")]
        elif end in ("rejected", "cancelled"):
            rows.append((ref, "2026-01-06", end, "r1", "p1", "i1"))
    G = sk.with_journal(tiny_map(), _steps(*rows))
    table = G.graph["referrals"]
    total = funnel(G, table, referral_summary(table)).loc["total"]
    assert total["referrals"] == len(ends) >= total["accepted"] >= total["started"]
    assert total["started"] == ends.count("started")
    assert total["rejected"] == ends.count("rejected")


def test_reasons_are_counted_per_status() -> None:
    G = tiny_journal()
    frame = reasons(referral_summary(G.graph["referrals"]))
    assert frame.to_dict("index") == {
        "full: waiting list": {"rejected": 1, "cancelled": 0, "total": 1},
        "resident did not come": {"rejected": 0, "cancelled": 1, "total": 1},
    }


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("audience", ["team", "public"])
def test_the_section_is_on_the_sample_report(
    pages: dict[tuple[str, str], str], language: str, audience: str
) -> None:
    page = pages[(language, audience)]
    headings = re.findall(r'<h2 id="([a-z]+)">', page)
    assert headings[headings.index("referrals") + 1] == "outcomes"
    section = _section(page)
    assert text("report.outcomes", language) in page
    for key in ("outcomes_funnel", "outcomes_reasons", "outcomes_companion", "outcomes_open"):
        assert text(f"report.{key}", language) in section
    for level in ("informal", "general", "specialised"):
        assert f"<td>{text(f'level.{level}', language)}</td>" in section
    # the companion comparison, as companion_effect states it (74% of 85 against 45% of 224)
    assert "74%" in section and "45%" in section and "85" in section and "224" in section


def test_the_team_section_names_referrers_and_lists_open_loops(
    pages: dict[tuple[str, str], str], _sample_cached: nx.MultiDiGraph
) -> None:
    section = _section(pages[("nl", "team")])
    loops = sk.open_loops(_sample_cached, today=TODAY)
    assert len(loops) == 31
    for ref in loops.index[:30]:  # 3 x top rows, the oldest first
        assert f"<td>{ref}</td>" in section
    assert "Dewi Sardjoe (opbouwwerker)" in section  # a referrer by name and discipline
    assert "<td>Osman Kaya</td>" in section  # the team's table names residents (issue 14)
    assert "<td>r_030</td>" not in section
    assert "de eerste 30 van 31" in section
    # the rare reason, for the team, in words (issue 14)
    assert "valt buiten de toegangsregel: EU-nationaliteit" in section


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_public_section_holds_no_person(
    pages: dict[tuple[str, str], str], _sample_cached: nx.MultiDiGraph, language: str
) -> None:
    section = _section(pages[(language, "public")])
    people = [
        n for n, a in _sample_cached.nodes(data=True) if a["kind"] in ("resident", "professional")
    ]
    words = set(re.findall(r"[\w.-]+", section))
    assert [n for n in people if n in words] == []
    names = [a.get("name") for n, a in _sample_cached.nodes(data=True) if n in people]
    assert [n for n in names if n and n in section] == []
    referrals = set(_sample_cached.graph["referrals"]["referral"])
    assert referrals & words == set()  # no open-loop list, no referral id
    assert "EU-nationaliteit" not in section and "EU citizenship" not in section  # said once
    assert "eu_citizen" not in section
    assert "&lt;10" in section  # small cells suppressed
    day = format_date(TODAY, language)
    open_count = text("report.outcomes_open_public", language, weeks=6, date=day, n="31")
    assert open_count in _visible(section)  # the open loops as one count


def test_the_public_funnel_suppresses_small_cells(pages: dict[tuple[str, str], str]) -> None:
    section = _section(pages[("en", "public")])
    rows = re.findall(r"<tr>(.*?)</tr>", section, flags=re.S)
    specialised = next(r for r in rows if "<td>specialised</td>" in r)
    assert "<td>18</td>" not in specialised and "&lt;10" in specialised  # 18 referrals: 3 rejected
    total = next(r for r in rows if "<td>total</td>" in r)
    assert re.search(r">309<", total)


def test_the_companion_comparison_declines_on_a_small_journal() -> None:
    G = tiny_journal()
    ctx = {"language": "en", "audience": "team", "today": TODAY, "top": 10, "min_cell": 10}
    blocks = outcome_blocks(G, ctx)
    notes = " ".join(b["text"] for b in blocks if b["type"] == "note")
    assert "Too few referrals to say anything: 1 with a companion and 4 without" in notes
    assert "start more often" not in notes and "start less often" not in notes


def test_the_public_comparison_is_withheld_when_a_cell_is_small() -> None:
    G = tiny_journal()
    ctx = {"language": "nl", "audience": "public", "today": TODAY, "top": 10, "min_cell": 10}
    notes = [b["text"] for b in outcome_blocks(G, ctx) if b["type"] == "note"]
    assert text("report.outcomes_companion_withheld", "nl", min_cell=10) in notes
    fewer = text("report.outcomes_fewer_than", "nl", min_cell=10)
    one_loop = text("report.outcomes_open_public", "nl", weeks=6, date="21 november 2026", n=fewer)
    assert one_loop in notes  # one open loop (d), said as "fewer than 10"


def test_a_map_without_a_journal_has_no_section(tiny: nx.MultiDiGraph) -> None:
    page = render_report(tiny, language="en", today=TODAY)
    assert '<h2 id="outcomes">' not in page


def _xss_journal() -> nx.MultiDiGraph:
    G = xss_map()
    rows: list[tuple[Any, ...]] = []
    for i, offer in enumerate(ID_PAYLOADS):
        ref = offer  # hostile referral ids too
        rows.append((ref, "2026-01-05", "proposed", f"r{i}", "p1", offer))
        if i % 2:
            rows.append((ref, "2026-01-06", "rejected", f"r{i}", "p1", offer, "", PAYLOADS[i]))
    return sk.with_journal(G, _steps(*rows))


@pytest.mark.parametrize("audience", ["team", "public"])
def test_hostile_text_in_the_section_stays_escaped(audience: str) -> None:
    page = render_report(_xss_journal(), language="en", audience=audience, today=TODAY)
    section = _section(page)
    raw = [p for p in PAYLOADS if "<" in p and p in section]
    assert raw == []
    if audience == "team":  # the hostile referrer's name and the reasons are there, as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section
        assert section.count("<tr>") > len(ID_PAYLOADS) // 2  # the open loops are listed


def test_reasons_in_the_librarys_words_are_translated(pages: dict[tuple[str, str], str]) -> None:
    """The sample writes "full: waiting list" (the eligibility text): in Dutch on a Dutch page."""
    nl, en = _section(pages[("nl", "team")]), _section(pages[("en", "team")])
    assert "<td>vol: wachtlijst</td>" in nl and "<td>full: waiting list</td>" in en
    assert "<td>bewoner kwam niet</td>" in nl and "<td>resident did not come</td>" in en
    assert reason_label("Vol: Wachtlijst", "en") == "full: waiting list"
    assert reason_label("de bus reed niet", "en") == "de bus reed niet"  # free text as written
