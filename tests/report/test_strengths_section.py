"""The report's section "Kansen" / "Opportunities" (issue 14): team and public, nl and en."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.report.page import render_report
from sociale_kaart.report.strengths import strength_blocks

TODAY = dt.date(2026, 11, 21)


def _section(page: str) -> str:
    """The visible text of the strengths section."""
    part = page.split('<h2 id="strengths">')[1].split("<h2")[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", part))


def _ctx(audience: str, language: str, top: int = 10) -> dict[str, Any]:
    return {
        "language": language,
        "audience": audience,
        "top": top,
        "min_cell": 10,
        "today": TODAY,
    }


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


@pytest.fixture(scope="module")
def public_nl(sample: nx.MultiDiGraph) -> str:
    return _section(
        render_report(sample, language="nl", audience="public", today=TODAY, referrals=0)
    )


@pytest.fixture(scope="module")
def team_en(sample: nx.MultiDiGraph) -> str:
    return _section(render_report(sample, language="en", audience="team", today=TODAY, referrals=0))


def test_public_section_is_dutch_and_tells_the_bench(public_nl: str) -> None:
    assert "Kansen" in public_nl
    assert "Van de 34 bewoners die bij Bankje voor de Buurtsuper komen" in public_nl
    assert "hebben er 13 zelf iets te bieden" in public_nl
    for english in ("residents", "volunteers", "places still open", "Opportunities"):
        assert english not in public_nl


def test_public_section_names_no_person(sample: nx.MultiDiGraph, public_nl: str) -> None:
    people = [
        (n, str(d.get("name") or ""))
        for n, d in sample.nodes(data=True)
        if d.get("kind") in ("resident", "professional")
    ]
    leaked = [n for n, name in people if str(n) in public_nl or (name and name in public_nl)]
    assert leaked == []
    # offers are not people: their names stay visible
    assert "Buurtklussers" in public_nl


def test_team_section_in_english_names_consenting_volunteers(team_en: str) -> None:
    assert "Opportunities" in team_en
    assert "named with their consent: Joyce Pinas and Sandra Overdijk" in team_en
    assert "Joyce Pinas brings neighbourhoods together" in team_en
    assert "other opportunities are not" in team_en  # rows left out are said to be left out


def test_team_blocks_count_what_they_leave_out(sample: nx.MultiDiGraph) -> None:
    full = sk.strengths(sample, today=TODAY)
    blocks = strength_blocks(sample, _ctx("team", "en", top=4))
    shown = len(blocks[1]["rows"])
    per_type = full.groupby("strength_type").size().clip(upper=2)
    assert shown == int(per_type.sum())
    assert blocks[2]["text"].endswith(f"{len(full) - shown} other opportunities are not.")


def test_public_blocks_suppress_small_counts() -> None:
    G = sk.from_frames(
        residents=pd.DataFrame([{"id": "r1", "offers": "language"}]),
    )
    blocks = strength_blocks(G, _ctx("public", "en"))
    row = blocks[1]["rows"][0]
    assert row[1] == sk.core.strings.text("report.suppressed", "en", min_cell=10)
    assert "r1" not in " ".join(row)


def test_hostile_names_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    G = sk.from_frames(
        initiatives=pd.DataFrame([{"id": "i1", "name": evil, "themes": "language", "capacity": 2}]),
        places=pd.DataFrame([{"id": "pl", "name": evil, "type": "leegstand"}]),
    )
    with pytest.warns(UserWarning):  # a map without residents says so
        page = render_report(G, language="en", today=TODAY, referrals=0)
    part = page.split('<h2 id="strengths">')[1].split("<h2")[0]
    assert "<script>alert" not in part
    assert "&lt;script&gt;alert(1)&lt;/script&gt; has 2 places still open" in part
    assert "stands empty" in part


def test_a_map_without_strengths_says_so() -> None:
    G = sk.from_frames(places=pd.DataFrame([{"id": "pl", "type": "park"}]))
    blocks = strength_blocks(G, _ctx("team", "nl"))
    assert blocks == [{"type": "note", "text": "Op deze kaart zijn geen kansen gevonden."}]


def test_the_team_section_names_people_and_the_public_one_nobody(sample: nx.MultiDiGraph) -> None:
    # the team version names residents and professionals (issue 14), never by id
    team = _section(render_report(sample, language="nl", today=TODAY))
    people = {
        n: str(a["name"])
        for n, a in sample.nodes(data=True)
        if a["kind"] in ("resident", "professional") and a.get("name")
    }
    ids = set(re.findall(r"\b[rp]_[\w-]+", team))
    assert ids & set(people) == set(), f"ids where names belong: {sorted(ids & set(people))}"
    assert "Joyce Pinas" in team  # the connector of the neighbourhood, by name
    assert "Agnieszka Nowak (maatschappelijk werker) kent hen allebei" in team  # the introducer
    public = _section(render_report(sample, language="nl", today=TODAY, audience="public"))
    assert [name for name in people.values() if name in public] == []
