"""Change over time: dated records, snapshots, series, the diff and the timeline."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.change import as_of, gap_key
from sociale_kaart.core.records import LIFECYCLE
from sociale_kaart.testing import build_from_records, graphs_equal, map_records

BEFORE, MIDDLE, AFTER = dt.date(2026, 11, 1), dt.date(2026, 11, 11), dt.date(2026, 11, 21)
ENDS = {end for _, end in LIFECYCLE.values()}


@pytest.fixture(scope="module")
def history() -> nx.MultiDiGraph:
    return sk.load_sample("rivierwijk_history")


@pytest.fixture(scope="module")
def states(history: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, ...]:
    return tuple(sk.snapshot(history, on=day) for day in (BEFORE, MIDDLE, AFTER))


@pytest.fixture(scope="module")
def first(states: tuple[nx.MultiDiGraph, ...]) -> sk.Diff:
    return sk.diff(states[0], states[1])


@pytest.fixture(scope="module")
def second(states: tuple[nx.MultiDiGraph, ...]) -> sk.Diff:
    return sk.diff(states[1], states[2])


def _rows(table: pd.DataFrame, **where: Any) -> pd.DataFrame:
    mask = pd.Series(True, index=range(len(table)))
    for column, value in where.items():
        mask &= (table[column] == value).to_numpy()
    return table[mask.to_numpy()]


def _gap(d: sk.Diff, gap_type: str, subject: str) -> pd.DataFrame:
    gaps = d.gaps
    return gaps[(gaps["gap_type"] == gap_type) & (gaps["nodes"].str[0] == subject)]


# ----------------------------------------------------------------------------- dated records


def _tables(relations: list[dict[str, Any]], **extra: list[dict[str, Any]]) -> dict[str, Any]:
    records: dict[str, list[dict[str, Any]]] = {
        "residents": [{"id": "r1"}, {"id": "r2"}],
        "professionals": [{"id": "p1", "organisation": "o1"}],
        "initiatives": [{"id": "i1", "organisation": "o1", "place": "pl1"}],
        "organisations": [{"id": "o1"}],
        "places": [{"id": "pl1"}],
        "relations": relations,
    }
    for name, rows in extra.items():
        records[name] = rows
    return records


def test_end_before_start_is_a_row_problem_naming_the_column() -> None:
    rel = [{"source": "r1", "target": "r2", "relation": "knows", "since": "2024-05-01"}]
    rel[0]["until"] = "2024-01-01"
    with pytest.raises(sk.DataError) as info:
        build_from_records(_tables(rel))
    (problem,) = info.value.errors
    assert problem.column == "until" and problem.row == 2
    assert "before since 2024-05-01" in problem.message and "swap" in problem.message


@pytest.mark.parametrize(
    ("table", "start", "end"),
    [
        ("residents", "moved_in", "moved_out"),
        ("professionals", "started", "left"),
        ("initiatives", "opened", "closed"),
        ("organisations", "opened", "closed"),
        ("places", "opened", "closed"),
    ],
)
def test_every_kind_checks_the_order_of_its_dates(table: str, start: str, end: str) -> None:
    records = _tables([])
    records[table][0].update({start: "2025-03-01", end: "2025-02-28"})
    with pytest.raises(sk.DataError) as info:
        build_from_records(records)
    assert [p.column for p in info.value.errors] == [end]


def test_a_start_in_the_future_is_refused_and_a_planned_end_is_not() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    records = _tables([])
    records["professionals"][0]["started"] = tomorrow.isoformat()
    with pytest.raises(sk.DataError, match=r"started .* is in the future"):
        build_from_records(records)
    records = _tables([])
    records["professionals"][0]["left"] = (tomorrow + dt.timedelta(days=30)).isoformat()
    G = build_from_records(records)
    assert G.nodes["p1"]["left"] == tomorrow + dt.timedelta(days=30)


def test_a_map_without_dates_stays_valid_and_snapshots_whole() -> None:
    G = sk.load_sample()
    assert all(G.nodes[n]["kind"] for n in G)
    H = sk.snapshot(G, on="2000-01-01")
    # no start dates on records: only ties whose since lies after the day go
    assert set(H) == set(G)
    assert all(
        d.get("since") is None or d.get("since") <= dt.date(2000, 1, 1)
        for *_, d in H.edges(data=True)
    )


# ----------------------------------------------------------------------------- snapshot


def _small() -> nx.MultiDiGraph:
    rel = [
        {
            "source": "r1",
            "target": "r2",
            "relation": "knows",
            "since": "2020-01-01",
            "until": "2024-01-01",
        },
        {"source": "p1", "target": "r1", "relation": "supports", "since": "2023-06-01"},
        {"source": "p1", "target": "i1", "relation": "knows_of"},
    ]
    records = _tables(rel)
    records["professionals"][0]["left"] = "2025-01-01"
    records["organisations"][0]["closed"] = "2024-06-01"
    records["residents"][1]["moved_in"] = "2019-01-01"
    return build_from_records(records)


def test_snapshot_keeps_what_was_current_and_the_end_day_is_the_first_day_gone() -> None:
    G = _small()
    day = sk.snapshot(G, on=dt.date(2023, 12, 31))
    assert day.has_edge("r1", "r2", key="knows") and day.has_edge("p1", "r1", key="supports")
    gone = sk.snapshot(G, on=dt.date(2024, 1, 1))
    assert not gone.has_edge("r1", "r2", key="knows")
    early = sk.snapshot(G, on="2018-12-31")
    assert "r2" not in early and not early.has_edge("p1", "r1", key="supports")
    late = sk.snapshot(G, on="2025-01-01")
    assert "p1" not in late and "o1" not in late
    assert late.number_of_edges() == 1  # i1 located_at pl1 (implied)
    assert as_of(late) == dt.date(2025, 1, 1)


def test_snapshot_empties_references_to_records_gone_and_stays_valid() -> None:
    G = _small()
    before = {n: dict(a) for n, a in G.nodes(data=True)}
    H = sk.snapshot(G, on="2024-07-01")
    assert "o1" not in H
    assert H.nodes["i1"].get("organisation") is None and H.nodes["p1"].get("organisation") is None
    assert H.nodes["i1"]["place"] == "pl1"
    sk.validate(H)
    assert {n: dict(a) for n, a in G.nodes(data=True)} == before  # G is not changed


def test_snapshot_refuses_what_is_not_a_date() -> None:
    with pytest.raises(TypeError, match="on must be a date"):
        sk.snapshot(_small(), on="next week")
    with pytest.raises(TypeError, match="MultiDiGraph"):
        sk.snapshot(nx.Graph(), on="2024-01-01")
    G = _small()
    G.nodes["p1"]["left"] = "soon"
    with pytest.raises(ValueError, match="left='soon'"):
        sk.snapshot(G, on="2024-01-01")


def _clear_ends_after(G: nx.MultiDiGraph, day: dt.date) -> nx.MultiDiGraph:
    H = G.copy()
    for _, attrs in H.nodes(data=True):
        for field in ENDS & set(attrs):
            if attrs[field] is not None and attrs[field] > day:
                attrs[field] = None
    for *_, attrs in H.edges(data=True):
        if attrs.get("until") is not None and attrs["until"] > day:
            attrs["until"] = None
    return H


def test_snapshot_before_the_scenes_is_the_rivierwijk_sample(
    states: tuple[nx.MultiDiGraph, ...],
) -> None:
    sample = sk.load_sample()
    assert graphs_equal(_clear_ends_after(states[0], BEFORE), sample)


def test_snapshots_of_the_history_match_the_stored_states(
    history: nx.MultiDiGraph, states: tuple[nx.MultiDiGraph, ...], tmp_path: Path
) -> None:
    for day, state in zip((BEFORE, MIDDLE, AFTER), states, strict=True):
        sk.write_csv(state, tmp_path / day.isoformat())
    series = sk.read_series(tmp_path)
    assert series.dates == (BEFORE, MIDDLE, AFTER)
    for (day, stored), state in zip(series, states, strict=True):
        assert as_of(stored) == day
        assert graphs_equal(stored, state)


def test_snapshot_at_a_day_after_every_change_is_the_map_itself(
    history: nx.MultiDiGraph,
) -> None:
    assert graphs_equal(
        sk.snapshot(history, on="2026-11-21"), sk.snapshot(history, on="2027-01-01")
    )


# ----------------------------------------------------------------------------- series


def test_read_series_reads_folders_and_workbooks_in_date_order(tmp_path: Path) -> None:
    G = _small()
    sk.write_excel(sk.snapshot(G, on="2024-07-01"), tmp_path / "2024-07-01 summer.xlsx")
    sk.write_csv(sk.snapshot(G, on="2023-01-01"), tmp_path / "2023-01-01")
    (tmp_path / "README.md").write_text("notes", encoding="utf-8")
    series = sk.read_series(tmp_path)
    assert series.dates == (dt.date(2023, 1, 1), dt.date(2024, 7, 1))
    assert "o1" in series[0][1] and "o1" not in series[1][1]
    assert len(series) == 2


def test_read_series_names_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="not a folder"):
        sk.read_series(tmp_path / "missing")
    with pytest.raises(ValueError, match="holds no dated map"):
        sk.read_series(tmp_path)
    sk.write_csv(_small(), tmp_path / "2024-01-01")
    (tmp_path / "januari").mkdir()
    with pytest.raises(ValueError, match=r"'januari' .* is not a dated map"):
        sk.read_series(tmp_path)
    (tmp_path / "januari").rmdir()
    sk.write_csv(_small(), tmp_path / "2024-01-01 again")
    with pytest.raises(ValueError, match="same date 2024-01-01"):
        sk.read_series(tmp_path)


def test_map_series_refuses_two_maps_for_one_day() -> None:
    G = _small()
    with pytest.raises(ValueError, match="same date"):
        sk.MapSeries.from_pairs([("2024-01-01", G), (dt.date(2024, 1, 1), G)])
    with pytest.raises(ValueError, match="in order"):
        sk.MapSeries((dt.date(2024, 2, 1), dt.date(2024, 1, 1)), (G, G))


# ----------------------------------------------------------------------------- properties


@st.composite
def dated_maps(draw: st.DrawFn) -> nx.MultiDiGraph:
    """Valid maps whose records and ties carry random start and end dates."""
    records = draw(map_records(max_nodes=7, max_relations=12))
    days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31))
    kinds = {
        "residents": "resident",
        "professionals": "professional",
        "initiatives": "initiative",
        "organisations": "organisation",
        "places": "place",
        "relations": "relation",
    }
    for table, rows in records.items():
        start, end = LIFECYCLE[kinds[table]]
        for row in rows:
            if start != "since":
                row[start] = draw(st.none() | days)
            if draw(st.booleans()):
                first = row.get(start) or dt.date(2015, 1, 1)
                row[end] = draw(st.dates(min_value=first, max_value=dt.date(2030, 1, 1)))
    return build_from_records(records)


_days = st.dates(min_value=dt.date(2014, 6, 1), max_value=dt.date(2030, 6, 1))
_fast = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_fast
@given(dated_maps(), _days)
def test_diff_of_a_map_with_itself_is_empty(G: nx.MultiDiGraph, day: dt.date) -> None:
    H = sk.snapshot(G, on=day)
    d = sk.diff(H, H)
    assert d.empty
    assert d.records.empty and d.ties.empty and d.measures.empty and d.scores.empty
    assert set(d.gaps["change"]) <= {"persisting"}


def _swap(frame: pd.DataFrame, pairs: dict[str, str]) -> pd.DataFrame:
    return frame.rename(columns={**pairs, **{v: k for k, v in pairs.items()}})


@_fast
@given(dated_maps(), _days, _days)
def test_diff_and_its_mirror_swap_before_and_after(
    G: nx.MultiDiGraph, one: dt.date, two: dt.date
) -> None:
    A, B = sk.snapshot(G, on=one), sk.snapshot(G, on=two)
    ab, ba = sk.diff(A, B), sk.diff(B, A)
    flip = {"added": "removed", "removed": "added", "changed": "changed"}

    def records(d: sk.Diff, mirror: bool) -> set[tuple[Any, ...]]:
        out = set()
        for node, row in zip(d.records.index, d.records.itertuples(), strict=True):
            change = flip[row.change] if mirror else row.change
            old, new = (row.after, row.before) if mirror else (row.before, row.after)
            out.add((node, change, row.field, repr(old), repr(new)))
        return out

    assert records(ab, False) == records(ba, True)

    def ties(d: sk.Diff, mirror: bool) -> set[tuple[Any, ...]]:
        out = set()
        for row in d.ties.itertuples():
            change = flip[row.change] if mirror else row.change
            old, new = (row.after, row.before) if mirror else (row.before, row.after)
            out.add((row.source, row.target, row.relation, change, row.field, repr(old), repr(new)))
        return out

    assert ties(ab, False) == ties(ba, True)
    gap_flip = {"opened": "closed", "closed": "opened", "persisting": "persisting"}
    gaps_ab = {(r.key, r.change, r.severity_before, r.severity_after) for r in ab.gaps.itertuples()}
    gaps_ba = {
        (r.key, gap_flip[r.change], r.severity_after, r.severity_before)
        for r in ba.gaps.itertuples()
    }
    assert {
        tuple("nan" if isinstance(x, float) and math.isnan(x) else x for x in g) for g in gaps_ab
    } == {tuple("nan" if isinstance(x, float) and math.isnan(x) else x for x in g) for g in gaps_ba}
    m_ab = ab.measures.reset_index().set_index(["id", "measure"]).sort_index()
    m_ba = ba.measures.reset_index().set_index(["id", "measure"]).sort_index()
    assert list(m_ab.index) == list(m_ba.index)
    pd.testing.assert_series_equal(m_ab["before"], m_ba["after"], check_names=False)
    pd.testing.assert_series_equal(m_ab["rank_after"], m_ba["rank_before"], check_names=False)
    s_ab = ab.scores.set_index(["group", "score"]).sort_index()
    s_ba = ba.scores.set_index(["group", "score"]).sort_index()
    pd.testing.assert_series_equal(s_ab["before"], s_ba["after"], check_names=False)
    c_ab, c_ba = ab.coverage.sort_index(), ba.coverage.sort_index()
    assert list(c_ab.index) == list(c_ba.index)
    assert (
        c_ab["supply_before"]
        .reset_index(drop=True)
        .equals(c_ba["supply_after"].reset_index(drop=True))
    )


@_fast
@given(dated_maps(), _days, _days)
def test_applying_the_diff_to_the_first_map_gives_the_second(
    G: nx.MultiDiGraph, one: dt.date, two: dt.date
) -> None:
    A, B = sk.snapshot(G, on=one), sk.snapshot(G, on=two)
    assert graphs_equal(sk.apply_diff(A, sk.diff(A, B)), B)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_applying_the_diff_between_unrelated_maps_gives_the_second(data: st.DataObject) -> None:
    A = build_from_records(data.draw(map_records(max_nodes=8, max_relations=12)))
    B = build_from_records(data.draw(map_records(max_nodes=8, max_relations=12)))
    assert graphs_equal(sk.apply_diff(A, sk.diff(A, B)), B)


def test_apply_diff_refuses_a_diff_of_another_map() -> None:
    G = _small()
    d = sk.diff(sk.snapshot(G, on="2023-01-01"), sk.snapshot(G, on="2025-06-01"))
    with pytest.raises(ValueError, match="which is not on the map"):
        sk.apply_diff(sk.snapshot(G, on="2025-06-01"), d)


# ----------------------------------------------------------------------------- the gap key


def test_the_gap_key_is_built_from_the_columns() -> None:
    cov = {
        "gap_type": "coverage",
        "theme": "parenting",
        "neighbourhood": "Oude Dorp",
        "nodes": ["i_opvoedcafe", "o_jeugdzorg"],
    }
    assert gap_key(cov) == ("coverage", "parenting", "Oude Dorp", None)
    kn = {
        "gap_type": "knowledge",
        "theme": "finances",
        "neighbourhood": None,
        "nodes": ["p_schuld", "i_budgetcafe"],
    }
    assert gap_key(kn) == gap_key({**kn, "nodes": ["p_schuld", "i_thuisadministratie"]})
    agg = {"gap_type": "isolation", "theme": None, "neighbourhood": "Molenbuurt", "nodes": []}
    assert gap_key(agg) == ("isolation", None, "Molenbuurt", None)
    nan = {
        "gap_type": "stale_record",
        "theme": float("nan"),
        "neighbourhood": None,
        "nodes": ["i_x"],
    }
    assert gap_key(nan) == ("stale_record", None, None, "i_x")


# ----------------------------------------------------------------------------- the scenes


def test_scene_the_team_visits_the_sewing_club_and_known_by_nobody_closes(
    first: sk.Diff,
) -> None:
    added = _rows(first.ties, target="i_naaiclub", change="added")
    assert set(added["source"]) == {"p_maatschappelijk1", "p_maatschappelijk2"}
    assert "New tie: Yusuf Aydın knows of Naaiclub Dikiş." in set(added["explanation"])
    gap = _gap(first, "single_knower", "i_naaiclub")
    assert gap["change"].tolist() == ["closed"]
    explanation = gap["explanation"].iloc[0]
    assert explanation.startswith("Closed, this is no longer so: Nobody in team")
    assert "Naaiclub" in explanation


def test_scene_the_debt_adviser_learns_of_the_budget_cafe_and_the_knowledge_gap_closes(
    first: sk.Diff,
) -> None:
    assert len(_rows(first.ties, source="p_schuld", target="i_budgetcafe", change="added")) == 1
    gap = _gap(first, "knowledge", "p_schuld")
    gap = gap[gap["theme"] == "finances"]
    assert gap["change"].tolist() == ["closed"]
    assert (_gap(first, "knowledge", "p_schuld")["change"] != "opened").all()
    assert "Budgetcafé De Spaarpot" in gap["explanation"].iloc[0]
    assert _gap(first, "single_knower", "i_budgetcafe")["change"].tolist() == ["closed"]


def test_scene_a_professional_sits_on_the_bench_the_place_is_reached_and_her_brokerage_rises(
    first: sk.Diff,
) -> None:
    tie = _rows(first.ties, source="p_maatschappelijk1", target="pl_bankje")
    assert tie["explanation"].tolist() == [
        "New tie: Femke de Graaf visits Bankje voor de Buurtsuper."
    ]
    gap = _gap(first, "unreached_place", "pl_bankje")
    assert gap["change"].tolist() == ["closed"]
    assert "Bankje voor de Buurtsuper" in gap["explanation"].iloc[0]
    row = first.measures[first.measures["measure"] == "brokerage"].loc["p_maatschappelijk1"]
    assert row["after"] > row["before"] and row["change"] > 0
    assert row["explanation"].startswith("Femke de Graaf: connector between groups rose from")


def test_scene_the_community_builder_leaves_and_gaps_open(second: sk.Diff) -> None:
    removed = second.records.loc[["p_opbouw"]]
    assert removed["change"].tolist() == ["removed"]
    assert removed["explanation"].tolist() == ["No longer on the map: professional Dewi Sardjoe."]
    assert (_rows(second.ties, source="p_opbouw")["change"] == "removed").all()
    opened = second.gaps[second.gaps["change"] == "opened"]
    budget = opened[opened["nodes"].str[0] == "i_budgetcafe"]
    assert budget["gap_type"].tolist() == ["single_knower"]
    assert budget["explanation"].iloc[0].startswith("New gap: Only Ruud Kramer (debt advisor)")
    assert (opened["gap_type"] == "single_knower").sum() >= 5
    # her own meeting load goes with her
    assert _gap(second, "meeting_load", "p_opbouw")["change"].tolist() == ["closed"]


def test_scene_two_meetings_are_dropped_and_the_hours_are_won_back(second: sk.Diff) -> None:
    dropped = _rows(second.ties, source="p_maatschappelijk2", relation="meets", change="removed")
    assert sorted(dropped["target"]) == ["o_gemeente", "o_woningcorp"]
    assert (
        "Meeting dropped: Yusuf Aydın meets Gemeente Rivierstad; 12 hours a month won back."
        in set(dropped["explanation"])
    )
    load = _gap(second, "meeting_load", "p_maatschappelijk2")
    assert load["change"].tolist() == ["persisting"]
    assert load["severity_after"].iloc[0] < load["severity_before"].iloc[0]
    hours = second.scores.set_index(["group", "score"]).loc[("total", "meeting_hours")]
    assert hours["before"] - hours["after"] == 36  # 22 dropped, 14 of the builder gone
    assert hours["explanation"] == "The whole map, meeting hours a month: fell from 72 to 36."


def test_the_explanations_come_in_dutch(states: tuple[nx.MultiDiGraph, ...]) -> None:
    d = sk.diff(states[1], states[2], language="nl")
    assert d.language == "nl"
    assert d.records.loc["p_opbouw", "explanation"] == (
        "Niet meer op de kaart: professional Dewi Sardjoe."
    )
    dropped = _rows(d.ties, source="p_maatschappelijk2", target="o_gemeente")
    assert dropped["explanation"].tolist() == [
        "Overleg gestopt: Yusuf Aydın overlegt met Gemeente Rivierstad; 12 uur per maand vrij."
    ]
    assert d.gaps["explanation"].str.match("^(Nieuw tekort|Opgelost|Nog steeds)").all()
    with pytest.raises(ValueError, match="language"):
        sk.diff(states[1], states[2], language="de")


def test_a_changed_record_lists_field_before_and_after() -> None:
    G = sk.load_sample()
    H = G.copy()
    H.nodes["i_naaiclub"]["capacity"] = 4
    d = sk.diff(G, H)
    row = d.records.loc["i_naaiclub"]
    assert (row["change"], row["field"], row["before"], row["after"]) == (
        "changed",
        "capacity",
        None,
        4,
    )
    assert row["explanation"] == "Naaiclub Dikiş: capacity was (empty), is now 4."
    H.edges["p_legal", "i_taalmaatjes", "knows_of"]["trust"] = 4
    tie = _rows(sk.diff(G, H).ties, change="changed")
    assert tie[["field", "before", "after"]].values.tolist() == [["trust", 3, 4]]


def test_diff_uses_the_day_of_each_snapshot_for_the_gaps(first: sk.Diff) -> None:
    assert (first.before, first.after) == (BEFORE, MIDDLE)


# ----------------------------------------------------------------------------- timeline


def test_timeline_has_the_scores_of_every_date(history: nx.MultiDiGraph) -> None:
    series = sk.MapSeries.from_snapshots(history, [AFTER, BEFORE, MIDDLE])
    frame = sk.timeline(series)
    total = frame.xs("total", level="group")
    assert list(total.index) == [pd.Timestamp(d) for d in (BEFORE, MIDDLE, AFTER)]
    assert total["nodes"].tolist() == [294, 294, 293]
    assert total["meeting_hours"].tolist() == [72, 72, 36]
    assert sk.timeline([(BEFORE, sk.snapshot(history, on=BEFORE))]).shape[0] == 5
    assert sk.timeline([]).empty


def test_network_scores_by_hand() -> None:
    rel = [
        {"source": "p1", "target": "r1", "relation": "supports", "trust": 4},
        {"source": "r1", "target": "r2", "relation": "knows", "trust": 2},
        {"source": "p1", "target": "p2", "relation": "meets", "hours_per_month": 3},
    ]
    records = _tables(rel)
    records["professionals"] = [
        {"id": "p1", "organisation": "o1", "role": "social_worker"},
        {"id": "p2", "organisation": "o2", "role": "social_worker"},
    ]
    records["organisations"] = [{"id": "o1"}, {"id": "o2"}]
    records["residents"] = [
        {"id": "r1", "neighbourhood": "A"},
        {"id": "r2", "neighbourhood": "A"},
    ]
    scores = sk.network_scores(build_from_records(records))
    total = scores.loc["total"]
    assert total["mean_trust"] == 3.0  # (4 + 2) / 2 ties with a trust
    assert total["meeting_hours"] == 3
    # pairs with an organisation at both ends: p1-p2 (E), p1-o1, p2-o2, i1-o1 (I, works_for/runs)
    assert total["ei_organisations"] == pytest.approx((1 - 3) / 4)
    assert total["ei_roles"] == -1.0  # p1 and p2 share a role
    assert scores.loc["A", "mean_trust"] == 2.0 and scores.loc["A", "ties"] == 1


def test_plot_timeline_draws_one_line_per_group(history: nx.MultiDiGraph) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    frame = sk.timeline(sk.MapSeries.from_snapshots(history, [BEFORE, MIDDLE, AFTER]))
    fig, ax = plt.subplots()
    out = sk.plot_timeline(frame, score="meeting_hours", ax=ax)
    assert out is ax
    assert len(ax.get_lines()) == 5
    total = next(line for line in ax.get_lines() if line.get_label() == "total")
    assert list(total.get_ydata()) == [72, 72, 36]
    plt.close(fig)
    with pytest.raises(ValueError, match="score"):
        sk.plot_timeline(frame, score="happiness")
