"""referral_outcomes for the team and for the public (issue 13): small cells, no persons."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk


def _map(n_residents: int = 30) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n_residents):
        G.add_node(f"r{i}", kind="resident")
    for node, kind in [
        ("p_wijk", "professional"),
        ("p_schuld", "professional"),
        ("i_zwembad", "initiative"),
        ("i_taal", "initiative"),
        ("o_stip", "organisation"),
    ]:
        G.add_node(node, kind=kind)
    return G


def _referral(ref: str, resident: str, target: str, *, start: bool, theme: str = "x") -> list[dict]:  # type: ignore[type-arg]
    base = {"referral": ref, "resident": resident, "referrer": "p_wijk", "target": target}
    rows = [{**base, "date": "2026-03-02", "status": "proposed", "theme": theme}]
    rows.append({**base, "date": "2026-03-04", "status": "accepted"})
    rows.append({**base, "date": "2026-03-09", "status": "started" if start else "cancelled"})
    return rows


def _journal() -> nx.MultiDiGraph:
    rows: list[dict] = []  # type: ignore[type-arg]
    # 20 to the pool, 12 started: every cell at least 10 except the complement 8
    for i in range(20):
        rows += _referral(f"z{i}", f"r{i}", "i_zwembad", start=i < 12, theme="exercise")
    # 12 to the course, 11 started: the one that did not start is a small complement
    for i in range(12):
        rows += _referral(f"t{i}", f"r{i}", "i_taal", start=i != 0, theme="language")
    # 3 to a professional, 2 to the Stip: small rows
    for i in range(3):
        rows += _referral(f"p{i}", f"r{20 + i}", "p_schuld", start=True, theme="finances")
    for i in range(2):
        rows += _referral(f"s{i}", f"r{25 + i}", "o_stip", start=False, theme="finances")
    return sk.with_journal(_map(), pd.DataFrame(rows))


def test_team_outcomes_count_by_hand() -> None:
    out = sk.referral_outcomes(_journal(), by="target")
    assert out.loc["i_zwembad", ["referrals", "started", "rejected"]].tolist() == [20, 12, 0]
    assert out.loc["i_taal", "start_rate"] == pytest.approx(11 / 12)
    assert out.loc["p_schuld", "median_days_to_start"] == 7
    assert "suppressed" not in out.columns


def test_public_outcomes_suppress_small_cells_and_their_complements() -> None:
    out = sk.referral_outcomes(_journal(), by="target", audience="public", min_cell=10)
    # the pool: 20 referrals, 12 started, 8 did not: 8 < 10 hides "started" and its rate
    assert out.loc["i_zwembad", "referrals"] == 20
    assert pd.isna(out.loc["i_zwembad", "started"])
    assert pd.isna(out.loc["i_zwembad", "start_rate"])
    assert pd.isna(out.loc["i_zwembad", "median_days_to_start"])
    # the course: 11 of 12 started would tell that one resident did not
    assert pd.isna(out.loc["i_taal", "started"])
    # the Stip: 2 referrals, everything hidden; zero rejections stay hidden with the count
    assert out.loc["o_stip", ["referrals", "started", "rejected"]].isna().all()
    assert bool(out.loc["o_stip", "suppressed"]) and bool(out.loc["i_taal", "suppressed"])
    # with min_cell 5 the pool's counts are all shown
    five = sk.referral_outcomes(_journal(), by="target", audience="public", min_cell=5)
    assert five.loc["i_zwembad", ["referrals", "started"]].tolist() == [20, 12]
    assert five.loc["i_zwembad", "start_rate"] == pytest.approx(0.6)


def test_public_outcomes_name_no_person() -> None:
    G = _journal()
    out = sk.referral_outcomes(G, by="target", audience="public", min_cell=5)
    persons = {n for n, k in G.nodes(data="kind") if k in ("resident", "professional")}
    assert not set(out.index) & persons
    assert "a professional" in out.index
    nl = sk.referral_outcomes(G, by="target", audience="public", language="nl")
    assert "een professional" in nl.index
    for by in ("resident", "referrer"):
        with pytest.raises(ValueError, match="would name people"):
            sk.referral_outcomes(G, by=by, audience="public")


def test_public_outcomes_on_the_sample_hold_no_resident_and_no_small_count() -> None:
    G = sk.load_sample()
    residents = {n for n, k in G.nodes(data="kind") if k == "resident"}
    for by in ("target", "theme", "companion"):
        out = sk.referral_outcomes(G, by=by, audience="public")
        assert not set(map(str, out.index)) & residents
        for column in ("referrals", "started", "rejected"):
            shown = out[column].dropna()
            assert ((shown == 0) | (shown >= 10)).all()


def test_outcomes_keep_referrals_without_a_theme() -> None:
    G = _map()
    rows = _referral("a", "r1", "i_zwembad", start=True, theme="")
    rows += _referral("b", "r2", "i_zwembad", start=False, theme="exercise")
    out = sk.referral_outcomes(sk.with_journal(G, pd.DataFrame(rows)), by="theme")
    assert out["referrals"].sum() == 2


def test_outcomes_check_audience_and_min_cell() -> None:
    G = _journal()
    with pytest.raises(ValueError, match="audience"):
        sk.referral_outcomes(G, audience="everyone")
    with pytest.raises(ValueError, match="min_cell"):
        sk.referral_outcomes(G, audience="public", min_cell=3)
    empty = sk.referral_outcomes(nx.MultiDiGraph(), audience="public")
    assert list(empty.columns)[-1] == "suppressed" and empty.empty


@pytest.mark.parametrize(
    ("by", "column", "attribute"),
    [("level", "target", "level"), ("neighbourhood", "resident", "neighbourhood")],
)
def test_outcomes_by_level_and_neighbourhood_match_a_hand_count(
    by: str, column: str, attribute: str
) -> None:
    """by="level" (the offer's) and by="neighbourhood" (the resident's) come from the map."""
    G = sk.load_sample()
    steps = sk.journal(G)
    first = steps.drop_duplicates("referral").set_index("referral")
    started = set(steps.loc[steps["status"].isin(["started", "completed"]), "referral"])
    want: dict[object, list[int]] = {}
    for referral, row in first.iterrows():
        key = G.nodes[row[column]].get(attribute)
        counts = want.setdefault(key, [0, 0])
        counts[0] += 1
        counts[1] += referral in started
    got = sk.referral_outcomes(G, by=by)
    assert got["referrals"].sum() == len(first)
    for key, (referrals, began) in want.items():
        row = got.loc[key] if key is not None else got[got.index.isna()].iloc[0]
        assert (int(row["referrals"]), int(row["started"])) == (referrals, began), key
    public = sk.referral_outcomes(G, by=by, audience="public")
    assert public["referrals"].dropna().min() >= 10
