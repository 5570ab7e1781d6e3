"""The report section "Sinds de vorige keer" / "Since last time" (issue 12).

The three states of the dated sample (``rivierwijk_history``, see its README)
play the scenes: between the first two the team visits the sewing club, the
debt adviser learns of the budget café and a professional sits on the bench;
between the last two the community builder leaves and two meetings are dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.strings import STRINGS, text
from sociale_kaart.report.page import render_report
from sociale_kaart.report.since import since_blocks
from tests.pictures.test_browser import PAYLOADS, xss_pair

BEFORE, MIDDLE, AFTER = "2026-11-01", "2026-11-11", "2026-11-21"
TODAY = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def states() -> dict[str, nx.MultiDiGraph]:
    H = sk.load_sample("rivierwijk_history")
    return {day: sk.snapshot(H, on=day) for day in (BEFORE, MIDDLE, AFTER)}


def _ctx(language: str = "en", audience: str = "team", top: int = 10) -> dict[str, Any]:
    return {
        "language": language,
        "audience": audience,
        "today": TODAY,
        "top": top,
        "min_cell": 10,
    }


def _after(blocks: list[dict[str, Any]], key: str, language: str = "en") -> dict[str, Any]:
    """The first table after the subheading ``key``."""
    heading = text(key, language)
    start = next(i for i, b in enumerate(blocks) if b.get("text") == heading)
    return next(b for b in blocks[start + 1 :] if b["type"] in ("table", "subheading"))


def _section(page: str) -> str:
    return page.split('<h2 id="since">')[1].split("<h2")[0]


@pytest.fixture(scope="module")
def first(states: dict[str, nx.MultiDiGraph]) -> list[dict[str, Any]]:
    return since_blocks(states[MIDDLE], states[BEFORE], _ctx())


@pytest.fixture(scope="module")
def second(states: dict[str, nx.MultiDiGraph]) -> list[dict[str, Any]]:
    return since_blocks(states[AFTER], states[MIDDLE], _ctx())


@pytest.fixture(scope="module")
def pages(states: dict[str, nx.MultiDiGraph]) -> dict[tuple[str, str], str]:
    return {
        (language, audience): render_report(
            states[AFTER],
            language=language,
            audience=audience,
            previous=states[BEFORE],
            today=TODAY,
            referrals=0,
        )
        for language in ("nl", "en")
        for audience in ("team", "public")
    }


# ----------------------------------------------------------------------------- the scenes


def test_the_sewing_club_the_budget_cafe_and_the_bench_are_closed_gaps(
    first: list[dict[str, Any]],
) -> None:
    """Scenes 1-3: exactly four gaps close, each listed once (by its stable key)."""
    table = _after(first, "report.since_closed")
    assert table["type"] == "table"
    rows = table["rows"]
    # the labels a team uses (issue 14): each single-knower row says which case it is
    assert sorted(r[1] for r in rows) == [
        "knowledge not shared",
        "offer no one in the team knows",
        "offer only one person in the team knows",
        "unreached place",
    ]
    explanations = " ".join(r[4] for r in rows)
    assert "Naaiclub Dikiş" in explanations  # known by nobody, no longer
    assert "Ruud Kramer (debt advisor)" in explanations  # knows the budget café now
    assert "Budgetcafé De Spaarpot" in explanations
    assert "Bankje voor de Buurtsuper" in explanations
    assert all(r[4].startswith("Closed, this is no longer so:") for r in rows)


def test_the_new_connections_of_the_team_name_professionals_by_discipline(
    first: list[dict[str, Any]],
) -> None:
    table = _after(first, "report.since_new_ties")
    assert table["headers"] == ["professional", "relation", "with", "since"]
    assert sorted(table["rows"]) == [
        ["Femke de Graaf (social worker)", "knows of", "Naaiclub Dikiş", "4 November 2026"],
        [
            "Femke de Graaf (social worker)",
            "visits",
            "Bankje voor de Buurtsuper",
            "9 November 2026",
        ],
        ["Ruud Kramer (debt advisor)", "knows of", "Budgetcafé De Spaarpot", "6 November 2026"],
        ["Yusuf Aydın (social worker)", "knows of", "Naaiclub Dikiş", "4 November 2026"],
    ]
    # nobody left in the first ten days: the part on departures says nothing changed
    start = first.index({"type": "subheading", "text": text("report.since_left", "en")})
    assert first[start + 1] == {"type": "note", "text": text("report.since_unchanged", "en")}
    start = first.index({"type": "subheading", "text": text("report.since_opened", "en")})
    assert first[start + 1] == {"type": "note", "text": text("report.since_unchanged", "en")}


def test_the_community_builder_left_and_the_gaps_she_leaves_are_ticked(
    states: dict[str, nx.MultiDiGraph], second: list[dict[str, Any]]
) -> None:
    """Scene 4: her ties are counted (checked against networkx), the new single knowers ticked."""
    left = _after(second, "report.since_left")
    middle = states[MIDDLE]
    ties = middle.in_degree("p_opbouw") + middle.out_degree("p_opbouw")
    assert left["rows"] == [["Dewi Sardjoe (community builder)", "Professional", str(ties)]]
    opened = _after(second, "report.since_opened")
    assert opened["headers"][-1] == "from departures"
    single = [r for r in opened["rows"] if r[1] == "offer only one person in the team knows"]
    assert single and all(r[-1] == "✓" for r in single)
    ticked = sum(r[-1] == "✓" for r in opened["rows"])
    effect = text("report.since_left_effect", "en", n=ticked, total=len(opened["rows"]))
    assert any(b.get("text") == effect for b in second)


def test_two_dropped_meetings_are_ended_connections_with_their_hours(
    second: list[dict[str, Any]],
) -> None:
    """Scene 5: the meetings of Yusuf Aydın end; the ties of who left are not listed here."""
    table = _after(second, "report.since_ended_ties")
    assert table["rows"] == [
        ["Yusuf Aydın (social worker)", "meets", "Gemeente Rivierstad", "12"],
        ["Yusuf Aydın (social worker)", "meets", "Woonstichting Rivierstad", "10"],
    ]
    scores = next(b for b in reversed(second) if b["type"] == "table")
    hours = [r for r in scores["rows"] if r[1] == "meeting hours a month"]
    assert hours == [["total", "meeting hours a month", "72", "36", "-36"]]


def test_a_long_list_is_cut_with_a_note(states: dict[str, nx.MultiDiGraph]) -> None:
    blocks = since_blocks(states[AFTER], states[MIDDLE], _ctx(top=1))
    opened = _after(blocks, "report.since_opened")
    assert len(opened["rows"]) == 3  # 3 * top
    total = sum(1 for r in _after(since_blocks(states[AFTER], states[MIDDLE], _ctx()),
                                  "report.since_opened")["rows"])  # fmt: skip
    note = text("report.since_more", "en", shown=3, total=total)
    assert any(b.get("text") == note for b in blocks)


# ----------------------------------------------------------------------------- the page


def test_the_section_follows_the_summary_in_both_languages_and_audiences(
    pages: dict[tuple[str, str], str],
) -> None:
    for (language, _), page in pages.items():
        headings = re.findall(r'<h2 id="([a-z]+)">([^<]+)</h2>', page)
        assert headings[1] == ("since", text("report.since", language))
        assert _section(page).count('<figure><img src="data:image/png;base64,') == 1
    assert "Sinds de vorige keer" in pages["nl", "team"]
    assert "Since last time" in pages["en", "public"]


def test_the_dutch_section_has_no_english_strings(pages: dict[tuple[str, str], str]) -> None:
    english_only = {en for nl, en in STRINGS.values() if en != nl and len(en) > 6}
    for audience in ("team", "public"):
        section = re.sub(r"<[^>]+>", " ", _section(pages["nl", audience]))
        found = sorted(s for s in english_only if re.search(rf"\b{re.escape(s)}\b", section))
        assert found == [], audience


def test_the_public_section_holds_no_person(
    states: dict[str, nx.MultiDiGraph], pages: dict[tuple[str, str], str]
) -> None:
    """No id and no name of any resident or professional of either map, in either language."""
    people = {
        (n, a.get("name"))
        for G in (states[BEFORE], states[AFTER])
        for n, a in G.nodes(data=True)
        if a["kind"] in ("resident", "professional")
    }
    assert len(people) > 200  # every resident and professional
    for language in ("nl", "en"):
        page = pages[language, "public"]
        words = set(re.findall(r"[\w.-]+", page))
        assert [n for n, _ in people if n in words] == []
        assert [name for _, name in people if name and name in page] == []
        section = _section(page)
        assert "Dewi Sardjoe" not in section and "Naaiclub" not in section


def test_the_public_section_counts_change_and_suppresses_people(
    pages: dict[tuple[str, str], str],
) -> None:
    section = _section(pages["en", "public"])
    # one professional left: a count of people below 10, suppressed
    assert re.search(r"<td>Professionals</td><td class=\"num\">0</td><td class=\"num\">&lt;10</td>",
                     section)  # fmt: skip
    # the bench is a place: its closed gap is counted in the open
    assert re.search(
        r"<td>unreached place</td><td>Havenkwartier</td><td></td>"
        r"<td class=\"num\">1</td><td class=\"num\">0</td>",
        section,
    )
    # isolation is about residents: small counts hidden
    isolation = re.findall(r"<td>isolation</td>.*?</tr>", section)
    assert isolation and all("&lt;10" in row for row in isolation)
    # the scores of the whole map only, without counts of nodes or isolates
    assert "meeting hours a month" in section and ">nodes<" not in section


def test_an_undated_previous_map_says_why_there_is_no_figure(
    states: dict[str, nx.MultiDiGraph],
) -> None:
    previous = states[BEFORE].copy()
    del previous.graph["as_of"]
    blocks = since_blocks(states[MIDDLE], previous, _ctx(language="nl"))
    notes = [b["text"] for b in blocks if b["type"] == "note"]
    assert text("report.since_no_dates", "nl") in notes
    assert text("report.since_intro_undated", "nl") in notes
    assert not any(b["type"] == "figure" for b in blocks)


def test_previous_must_be_a_map(states: dict[str, nx.MultiDiGraph]) -> None:
    with pytest.raises(TypeError, match="previous"):
        render_report(states[AFTER], previous={"not": "a map"}, today=TODAY)  # type: ignore[arg-type]


@pytest.mark.parametrize("audience", ["team", "public"])
def test_hostile_text_in_the_section_stays_escaped(audience: str) -> None:
    before, after = xss_pair()
    page = render_report(after, language="en", audience=audience, previous=before, today=TODAY)
    section = _section(page)
    raw = [p for p in PAYLOADS if "<" in p and p in section]
    assert raw == []
    if audience == "team":  # the hostile names are there, as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in section


def test_a_map_against_itself_changed_nothing(states: dict[str, nx.MultiDiGraph]) -> None:
    """diff(G, G) is empty, so every part of the section says so and shows no table."""
    G = states[MIDDLE]
    for audience in ("team", "public"):
        blocks = since_blocks(G, G, _ctx(audience=audience))
        assert not any(b["type"] == "table" for b in blocks), audience
        nothing = {"type": "note", "text": text("report.since_unchanged", "en")}
        assert blocks.count(nothing) == (6 if audience == "team" else 4)


def test_the_pages_with_the_section_stay_offline(pages: dict[tuple[str, str], str]) -> None:
    for page in pages.values():
        assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(?!data:)", page)
