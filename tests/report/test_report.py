"""The wijkanalyse report: sections, languages, audiences, privacy, offline."""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path

import networkx as nx
import pytest

import sociale_kaart as sk
from sociale_kaart.core.strings import STRINGS, text
from sociale_kaart.report.page import render_report
from tests.pictures._page import map_blocks

TODAY = _dt.date(2026, 11, 21)  # the sample's "today"


def _headings(page: str) -> list[str]:
    return re.findall(r'<h2 id="([a-z]+)">', page)


def _visible_text(page: str) -> str:
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture(scope="module")
def team_nl(_sample_cached: nx.MultiDiGraph) -> str:
    return render_report(_sample_cached, language="nl", today=TODAY)


def test_report_has_every_section_in_order(team_nl: str) -> None:
    assert _headings(team_nl) == [
        "summary",
        "map",
        "figures",
        "brokers",
        "gaps",
        "strengths",  # kansen: what the neighbourhood has to offer (issue 14)
        "meetings",
        "referrals",
        "outcomes",  # the sample has a referral journal (issue 13)
        "policy",  # the policy page for the municipality (issue 14)
        "quality",
    ]
    assert team_nl.count('<figure><img src="data:image/png;base64,') == 3
    assert team_nl.count('class="sk-map" id="sk-map-') == 1


def test_report_is_one_offline_file(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = sk.report(sample, tmp_path / "wijk.html", today=TODAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wijk.html"]
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"(?!data:)", page)
    assert "Content-Security-Policy" in page


def test_dutch_page_has_no_english_strings(team_nl: str) -> None:
    text = _visible_text(team_nl)
    english_only = {en for nl, en in STRINGS.values() if en != nl and len(en) > 6}
    found = sorted(s for s in english_only if re.search(rf"\b{re.escape(s)}\b", text))
    assert found == []
    assert "Wijkanalyse Rivierwijk" in team_nl and "Samenvatting" in team_nl


def test_english_page_has_no_dutch_strings(sample: nx.MultiDiGraph) -> None:
    page = render_report(sample, language="en", today=TODAY)
    text = _visible_text(page)
    # the names on the map are proper nouns ("Zwemmen met de Meedoenpas")
    names = {str(a.get("name")) for _, a in sample.nodes(data=True) if a.get("name")}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    dutch_only = {nl for nl, en in STRINGS.values() if en != nl and len(nl) > 6}
    assert sorted(s for s in dutch_only if re.search(rf"\b{re.escape(s)}\b", text)) == []


def test_team_report_names_residents_but_not_their_statuses(
    team_nl: str, sample: nx.MultiDiGraph
) -> None:
    # issue 14: the team version names people, residents too (the public one none)
    names = [a["name"] for _, a in sample.nodes(data=True) if a["kind"] == "resident"]
    assert [n for n in names if n and html.escape(n) in team_nl] != []
    # statuses that only residents hold stay out (offers may name others in requires/excludes)
    assert re.search(r"\b(social_assistance|newcomer)\b", team_nl) is None


def test_team_report_shows_gaps_and_referrals(team_nl: str) -> None:
    """Scenes 6 and 7: the unknown sewing club and the bench are among the top gaps."""
    gaps = team_nl.split('<h2 id="gaps">')[1].split("<h2")[0]
    assert "Naaiclub" in gaps and "Bankje voor de Buurtsuper" in gaps
    assert team_nl.count('class="sk-card"') == 3


def test_data_quality_lists_the_stale_records_of_scene_9(team_nl: str) -> None:
    section = team_nl.split('<h2 id="quality">')[1]
    for node in ("i_mannenschuur", "i_schaakclub", "i_mantelzorgcafe", "o_thuiszorg"):
        assert f"<td>{node}</td>" in section
    assert "<td>i_buurtmoestuin</td>" in section and ">nooit<" in section
    assert "<td>i_taalmaatjes</td>" not in section  # verified in 2026


@pytest.fixture(scope="module")
def public_nl(_sample_cached: nx.MultiDiGraph) -> str:
    return render_report(_sample_cached, language="nl", audience="public", today=TODAY)


def test_public_report_has_no_person_level_data(public_nl: str, sample: nx.MultiDiGraph) -> None:
    people = [n for n, a in sample.nodes(data=True) if a["kind"] in ("resident", "professional")]
    words = set(re.findall(r"[\w.-]+", public_nl))
    leaked = [n for n in people if n in words]
    assert leaked == []
    names = [a.get("name") for n, a in sample.nodes(data=True) if n in people]
    assert [n for n in names if n and n in public_nl] == []
    assert public_nl.count("Alleen in de versie voor het team") == 3


def test_public_report_suppresses_small_counts(public_nl: str) -> None:
    """Scene 12: small cells, such as few residents in a cell, are not published."""
    summary = public_nl.split('<h2 id="summary">')[1].split('<h2 id="map">')[0]
    assert "&lt;10" in summary  # e.g. 'organiseert' ties per buurt
    # issue 14: offers and places are not people, so their small counts stay
    # visible ("Havenkwartier: 2 initiatieven"); people and ties stay hidden.
    assert re.search(r'<td class="num">[1-9]</td>', summary) is not None
    gaps = public_nl.split('<h2 id="gaps">')[1].split("<h2")[0]
    assert "minder dan 10 bewoners" in gaps  # a suppressed count, said in words
    assert re.search(r"\b[rp]_\w+", gaps) is None  # no resident or professional named


def test_public_map_shows_only_offers_and_places(public_nl: str, sample: nx.MultiDiGraph) -> None:
    (data,) = map_blocks(public_nl)
    kinds = {n["kind"] for n in data["nodes"]}
    assert kinds == {"initiative", "organisation", "place"}
    drawn = {n["id"] for n in data["nodes"]}
    assert drawn == {n for n, k in sample.nodes(data="kind") if k in kinds}
    people = {n for n, k in sample.nodes(data="kind") if k in ("resident", "professional")}
    assert not {x for e in data["edges"] for x in (e["from"], e["to"])} & people


def test_report_rejects_bad_arguments(sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="audience"):
        sk.report(sample, tmp_path / "x.html", audience="everyone")
    with pytest.raises(ValueError, match="language"):
        sk.report(sample, tmp_path / "x.html", language="fr")
    with pytest.raises(ValueError, match="min_cell"):
        sk.report(sample, tmp_path / "x.html", audience="public", min_cell=3)
    with pytest.raises(ValueError, match="public"):
        sk.report(sample, tmp_path / "x.html", audience="public", show=["name"])
    assert list(tmp_path.iterdir()) == []


def test_report_on_a_tiny_map(tiny: nx.MultiDiGraph) -> None:
    page = render_report(tiny, language="en", today=TODAY)
    assert "Anna Secret" in page  # the team version names residents (issue 14)
    assert _headings(page)[-1] == "quality"
    public = render_report(tiny, language="en", today=TODAY, audience="public")
    assert "Anna Secret" not in public and "Bram Secret" not in public


def test_gap_types_are_translated(team_nl: str) -> None:
    """A Dutch page names gap types in Dutch, not by their English codes."""
    gaps = team_nl.split('<h2 id="gaps">')[1].split("<h2")[0]
    assert "<td>isolement</td>" in gaps or "<td>onbereikte plek</td>" in gaps
    assert re.search(r"<td>(unreached_place|single_knower|isolation)</td>", gaps) is None


def test_a_missing_value_is_not_shown_as_a_suppressed_count() -> None:
    """Only suppress_small's pd.NA reads '<10'; a NaN (a density of one node) or None reads '–'."""
    import pandas as pd

    from sociale_kaart.report.page import _cell

    assert _cell(pd.NA, language="nl", min_cell=10) == "<10"
    assert _cell(float("nan"), language="nl", min_cell=10) == "–"
    assert _cell(None, language="en", min_cell=10) == "–"
    assert _cell(0, language="nl", min_cell=10) == "0"


def test_only_the_team_map_checks_offers_for_a_resident(sample: nx.MultiDiGraph) -> None:
    # the search box of the team's map knows each resident's eligibility (issue 14)
    team = render_report(sample, language="nl", today=TODAY)
    public = render_report(sample, language="nl", today=TODAY, audience="public")
    assert re.search(r'"residents": \[\{"id": "r_', team)
    assert '"residents": []' in public and '"id": "r_' not in public


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_figure_and_score_table_has_its_explanation(
    _sample_cached: nx.MultiDiGraph, language: str
) -> None:
    # issue 14: a one-line explanation beside every figure and every score
    page = html.unescape(render_report(_sample_cached, language=language, today=TODAY))
    for key in ("coverage", "centrality", "brokers"):
        assert text(f"report.explain.{key}", language) in page
    public = html.unescape(
        render_report(_sample_cached, language=language, today=TODAY, audience="public")
    )
    assert text("report.explain.coverage", language) in public
