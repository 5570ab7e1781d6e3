"""Issue 14, "what a meeting needs": grouped gaps, the what-if of a connector, the summary."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.report.gaps import grouped_gaps
from sociale_kaart.report.page import render_report
from sociale_kaart.report.whatif import connectors, departure_blocks

TODAY = _dt.date(2026, 11, 21)  # the sample's "today"


def _section(page: str, sid: str) -> str:
    return page.split(f'<h2 id="{sid}">')[1].split("<h2")[0]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ----------------------------------------------------------------------------- grouped gaps


def _gaps(rows: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "gap_type": [t for t, _ in rows],
            "severity": [s for _, s in rows],
            "neighbourhood": [None] * len(rows),
            "theme": [None] * len(rows),
            "nodes": [[f"n{i}"] for i in range(len(rows))],
            "explanation": [""] * len(rows),
            "suggestion": [""] * len(rows),
        }
    )


def test_98_knowledge_gaps_do_not_push_out_the_neighbourhood_gap() -> None:
    gaps = _gaps([("knowledge", 0.8)] * 98 + [("coverage", 0.1), ("isolation", 0.3)])
    assert "coverage" not in set(gaps.sort_values("severity", ascending=False).head(10)["gap_type"])
    groups = grouped_gaps(gaps, top=10)
    assert list(groups) == ["resident", "team", "neighbourhood"]
    assert [len(g) for g in groups.values()] == [1, 10, 1]
    assert groups["neighbourhood"]["gap_type"].tolist() == ["coverage"]


def test_each_group_is_ranked_by_severity_and_empty_groups_are_left_out() -> None:
    gaps = _gaps([("stale_record", 0.3), ("single_knower", 0.9), ("open_loop", 0.5)])
    groups = grouped_gaps(gaps, top=2)
    assert list(groups) == ["team"]
    assert groups["team"]["gap_type"].tolist() == ["single_knower", "open_loop"]
    assert grouped_gaps(gaps, top=0)["team"].empty


def test_a_gap_type_without_a_group_is_an_error_not_a_silent_drop() -> None:
    with pytest.raises(KeyError, match="GAP_GROUPS"):
        grouped_gaps(_gaps([("no_such_type", 0.5)]), top=10)


# ----------------------------------------------------------------------------- the what-if


def _centrality(values: dict[str, tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {"kind": [k for k, _ in values.values()], "betweenness": [b for _, b in values.values()]},
        index=list(values),
    )


def test_connectors_are_professionals_by_betweenness_ties_by_id_zero_left_out() -> None:
    frame = _centrality(
        {
            "r_hub": ("resident", 0.9),
            "p_b": ("professional", 0.2),
            "p_a": ("professional", 0.2),
            "p_top": ("professional", 0.5),
            "p_zero": ("professional", 0.0),
            "p_c": ("professional", 0.1),
        }
    )
    assert connectors(frame) == ["p_top", "p_a", "p_b"]
    assert connectors(frame, n=5) == ["p_top", "p_a", "p_b", "p_c"]


def _team_map() -> nx.MultiDiGraph:
    """p1 and p2 both know the budget café; without p1, only p2 does: one single knower."""
    frames = {
        "residents": pd.DataFrame(
            [
                {"id": "r1", "neighbourhood": "Noord", "needs": "finances:2"},
                {"id": "r2", "neighbourhood": "Noord", "needs": "finances"},
            ]
        ),
        "professionals": pd.DataFrame(
            [
                {"id": "p1", "team": "T", "neighbourhoods": "Noord"},
                {"id": "p2", "team": "T", "neighbourhoods": "Noord"},
            ]
        ),
        "initiatives": pd.DataFrame(
            [{"id": "i_cafe", "themes": "finances", "level": "informal", "neighbourhood": "Noord"}]
        ),
        "relations": pd.DataFrame(
            [
                {"source": "p1", "target": "i_cafe", "relation": "knows_of"},
                {"source": "p2", "target": "i_cafe", "relation": "knows_of"},
                {"source": "p1", "target": "r1", "relation": "supports"},
                {"source": "p2", "target": "r2", "relation": "supports"},
            ]
        ),
    }
    return sk.from_frames(**frames)


def _ctx(audience: str, language: str = "en") -> dict[str, Any]:
    return {"language": language, "audience": audience, "today": TODAY, "min_cell": 10}


def test_departure_of_one_of_two_knowers_makes_a_single_knower_by_hand() -> None:
    G = _team_map()
    before = nx.to_dict_of_dicts(G)
    found = {"centrality": _centrality({"p1": ("professional", 0.4)})}
    blocks = departure_blocks(G, _ctx("team"), found)
    notes = [b["text"] for b in blocks if b["type"] == "note"]
    # r1's only route to the café ran through p1 (supports, knows_of)
    assert (
        "If p1 leaves, the number of gaps rises: offer (almost) nobody knows from 0 to 1. "
        "Residents who lose their last route to a fitting offer for a need: 1." in notes
    )
    table = blocks[-1]
    assert table["type"] == "table"
    assert table["headers"][:3] == ["gap type", "now", "without p1"]
    assert ["offer (almost) nobody knows", "0", "1"] in table["rows"]
    assert nx.to_dict_of_dicts(G) == before  # G is not changed
    # the independent count: single_knowers on the map without p1
    H = G.subgraph([n for n in G if n != "p1"])
    assert sk.single_knowers(G, today=TODAY).empty
    assert sk.single_knowers(H, today=TODAY)["nodes"].str[0].tolist() == ["i_cafe"]


def test_departure_block_is_team_only_and_says_when_no_one_connects() -> None:
    G = _team_map()
    found = {"centrality": _centrality({"p1": ("professional", 0.4)})}
    assert departure_blocks(G, _ctx("public"), found) == []
    empty = departure_blocks(G, _ctx("team", "nl"), {"centrality": _centrality({})})
    assert [b["text"] for b in empty][-1] == "Niets gevonden."


# ----------------------------------------------------------------------------- the sample


@pytest.fixture(scope="module")
def team_nl(_sample_cached: nx.MultiDiGraph) -> str:
    return render_report(_sample_cached, language="nl", today=TODAY)


@pytest.fixture(scope="module")
def team_en(_sample_cached: nx.MultiDiGraph) -> str:
    return render_report(_sample_cached, language="en", today=TODAY)


@pytest.fixture(scope="module")
def public_nl(_sample_cached: nx.MultiDiGraph) -> str:
    return render_report(_sample_cached, language="nl", audience="public", today=TODAY)


def test_team_gaps_come_in_three_groups_each_with_its_top(team_nl: str) -> None:
    gaps = _section(team_nl, "gaps")
    assert re.findall(r"<h3>([^<]+)</h3>", gaps) == ["Een bewoner (casus)", "Het team", "De buurt"]
    words = _text(gaps)
    # 26 isolation gaps; 98 knowledge + 5 single knowers + ... for the team; 11 for the buurt
    assert "Hier 10 van de 26, de ernstigste eerst." in words
    assert "Hier 10 van de 11, de ernstigste eerst." in words
    # the neighbourhood's mental-health gap (only GGZ is open) is not pushed out by the team's
    buurt = gaps.split("<h3>De buurt</h3>")[1]
    assert "Geestelijke gezondheid" in buurt and "GGZ Rivierland" in buurt
    assert "Bankje voor de Buurtsuper" in buurt  # scene: the bench in front of the supermarket
    team = gaps.split("<h3>Het team</h3>")[1].split("<h3>")[0]
    assert "Naaiclub" in team  # scene: the team that did not know the sewing club


def test_every_gap_type_shown_says_why_it_matters_and_the_scale_is_explained(
    team_nl: str, team_en: str
) -> None:
    gaps = _text(_section(team_nl, "gaps"))
    for label in (
        "isolement",
        "aanbod dat (bijna) niemand kent",
        "kennis niet gedeeld",
        "overlegdruk",
        "onbereikte plek",
    ):
        assert f"Waarom dit telt ({label}):" in gaps
    assert "Ernst loopt van 0 (licht) tot 1 (zwaar)." in gaps
    english = _text(_section(team_en, "gaps"))
    assert "Why this matters (offer (almost) nobody knows):" in english
    assert "Severity runs from 0 (light) to 1 (heavy)." in english
    assert "<h3>The neighbourhood</h3>" in _section(team_en, "gaps")


def test_the_community_builders_departure_raises_single_knowers_from_5_to_13(
    team_nl: str, team_en: str
) -> None:
    brokers = _text(_section(team_nl, "brokers"))
    assert "Wat als een verbinder vertrekt?" in brokers
    assert (
        "Als Dewi Sardjoe (opbouwwerker) vertrekt, stijgt het aantal tekorten: "
        "aanbod dat (bijna) niemand kent van 5 naar 13 en isolement van 26 naar 28." in brokers
    )
    # the three connectors: the community builder, the district nurse, a social worker
    assert brokers.count("vertrekt, stijgt") + brokers.count("vertrekt, komen") == 3
    assert "zonder Marieke Verhoeven (wijkverpleegkundige)" in brokers
    english = _text(_section(team_en, "brokers"))
    assert "If Dewi Sardjoe (community builder) leaves" in english
    assert "offer (almost) nobody knows from 5 to 13" in english


def test_public_version_groups_gaps_and_leaves_the_what_if_out(public_nl: str) -> None:
    assert "verbinder vertrekt" not in public_nl and "Dewi" not in public_nl
    gaps = _section(public_nl, "gaps")
    assert re.findall(r"<h3>([^<]+)</h3>", gaps) == ["Een bewoner (casus)", "Het team", "De buurt"]
    assert "geteld per buurt" in gaps  # the public's resident gaps are counts, not a case
    assert re.search(r"\b[rp]_\w+", _text(gaps)) is None


def _counts_table(section: str) -> list[list[str]]:
    table = section.split("<table>")[1].split("</table>")[0]
    return [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in table.split("</tr>")[1:-1]]


def test_summary_rows_add_up_and_the_rule_is_on_the_page(team_nl: str, public_nl: str) -> None:
    section = _section(team_nl, "summary")
    rows = _counts_table(section)
    body = {r[0]: [int(c) for c in r[1:]] for r in rows}
    total = body.pop("totaal")
    assert [sum(col) for col in zip(*body.values(), strict=True)] == total
    assert body["meer buurten"][1] == 16 and total[1] == 16  # all 16 work in several buurten
    words = _text(section)
    assert "de buurten tellen samen op tot het totaal" in words
    assert "Havenkwartier 14, Molenbuurt 13, Oude Dorp 10 en Parkzicht 14" in words
    assert "Een relatie telt één keer" in words
    public = _text(_section(public_nl, "summary"))
    assert "meer buurten" in public and "de buurten tellen samen op tot het totaal" in public
