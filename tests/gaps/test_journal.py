"""The journal findings (issue 13): refusals, the companion effect, open loops."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact

import sociale_kaart as sk
from sociale_kaart.datasets import JOURNAL_START_WITH, JOURNAL_START_WITHOUT
from sociale_kaart.gaps.journal import COMPANION_MIN_REFERRALS, refusal_tag

TODAY = dt.date(2026, 11, 21)
JOURNAL_TYPES = ["repeated_refusal", "companion_effect", "open_loop"]


def _map(n_residents: int = 60) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for i in range(n_residents):
        G.add_node(f"r{i}", kind="resident")
    G.add_node("p_wijk", kind="professional", name="Femke de Graaf", role="social_worker")
    G.add_node("p_buurt", kind="professional", name="Joost Bakker", role="social_worker")
    G.add_node("i_club", kind="initiative", name="Naaiclub")
    G.add_node("i_taal", kind="initiative", name="Taalcursus", excludes=["eu_citizen"])
    G.add_node("i_maatje", kind="initiative", name="Taalmaatje")
    return G


def _steps(ref: str, resident: str, statuses: list[tuple[str, str]], **first: Any) -> list[dict]:  # type: ignore[type-arg]
    base = {"referral": ref, "resident": resident, "referrer": "p_wijk", "target": "i_club"}
    base.update({k: first.pop(k) for k in ("referrer", "target") if k in first})
    rows = []
    for k, (status, day) in enumerate(statuses):
        rows.append({**base, "status": status, "date": day, **(first if k == 0 else {})})
    return rows


def _table(a: int, m: int, c: int, n: int) -> nx.MultiDiGraph:
    """A journal with ``a`` of ``m`` companion referrals started and ``c`` of ``n`` others."""
    rows: list[dict] = []  # type: ignore[type-arg]
    started = [("proposed", "2026-01-05"), ("accepted", "2026-01-06"), ("started", "2026-01-12")]
    refused = [("proposed", "2026-01-05"), ("rejected", "2026-01-09")]
    for i in range(m + n):
        companion = i < m
        starts = i < a if companion else i - m < c
        rows += _steps(
            f"x{i}", f"r{i % 60}", started if starts else refused, companion=str(companion)
        )
    return sk.with_journal(_map(), pd.DataFrame(rows)) if rows else _map()


def _fisher_two_sided(a: int, b: int, c: int, d: int) -> float:
    """Fisher's exact p by hand: every table with the same margins no likelier than this one."""
    row1, col1, total = a + b, a + c, a + b + c + d

    def prob(x: int) -> float:
        return math.comb(col1, x) * math.comb(total - col1, row1 - x) / math.comb(total, row1)

    observed = prob(a)
    low, high = max(0, row1 + col1 - total), min(row1, col1)
    return min(1.0, sum(prob(x) for x in range(low, high + 1) if prob(x) <= observed * (1 + 1e-7)))


# ----------------------------------------------------------------------------- companion effect


def test_companion_effect_recovers_planted_effect_in_synthetic() -> None:
    n = 3_000
    G = sk.datasets.synthetic(500, seed=3, journal=n)
    row = sk.companion_effect(G).iloc[0]
    assert row["referrals"] == n
    assert row["verdict"] == "more_with_companion"
    assert row["p_value"] < 1e-6
    for rate, planted, size in (
        (row["rate_with"], JOURNAL_START_WITH, row["with_companion"]),
        (row["rate_without"], JOURNAL_START_WITHOUT, row["without_companion"]),
    ):
        assert abs(rate - planted) < 4 * math.sqrt(planted * (1 - planted) / size)
    planted_odds = (JOURNAL_START_WITH / (1 - JOURNAL_START_WITH)) / (
        JOURNAL_START_WITHOUT / (1 - JOURNAL_START_WITHOUT)
    )
    assert row["odds_ratio"] == pytest.approx(planted_odds, rel=0.25)
    gaps = sk.find_gaps(G, kinds="companion_effect", today=TODAY)
    assert len(gaps) == 1
    assert f"rests on {n:,} referrals" in gaps["explanation"].iloc[0] or (
        f"rests on {n} referrals" in gaps["explanation"].iloc[0]
    )


def test_companion_effect_declines_on_small_sample() -> None:
    G = sk.datasets.synthetic(200, seed=3, journal=30)
    row = sk.companion_effect(G).iloc[0]
    assert row["referrals"] == 30
    assert min(row["with_companion"], row["without_companion"]) < COMPANION_MIN_REFERRALS
    assert row["verdict"] == "too_few"
    assert sk.find_gaps(G, kinds="companion_effect", today=TODAY).empty
    # a big difference on a handful of referrals is still no claim: 5 of 5 against 1 of 5
    small = sk.companion_effect(_table(5, 5, 1, 5)).iloc[0]
    assert small["p_value"] < 0.05 and small["verdict"] == "too_few"
    # enough referrals but the same rate: no clear difference, and no gap
    same = _table(12, 24, 12, 24)
    assert sk.companion_effect(same).iloc[0]["verdict"] == "no_clear_difference"
    assert sk.find_gaps(same, kinds="companion_effect", today=TODAY).empty
    # the threshold is a parameter
    assert sk.companion_effect(_table(5, 5, 1, 5), min_referrals=5).iloc[0]["verdict"] == (
        "more_with_companion"
    )


def test_companion_p_value_matches_scipy_and_a_hand_count() -> None:
    # 8 of 10 with a companion started, 5 of 20 without
    row = sk.companion_effect(_table(8, 10, 5, 20)).iloc[0]
    assert [row["started_with"], row["with_companion"]] == [8, 10]
    assert [row["started_without"], row["without_companion"]] == [5, 20]
    assert row["odds_ratio"] == pytest.approx(8 * 15 / (2 * 5))
    expected = fisher_exact([[8, 2], [5, 15]]).pvalue
    assert row["p_value"] == pytest.approx(expected, rel=1e-12)
    assert row["p_value"] == pytest.approx(_fisher_two_sided(8, 2, 5, 15), rel=1e-9)
    # fewer with a companion: 2 of 25 against 20 of 25
    fewer = sk.companion_effect(_table(2, 25, 20, 25)).iloc[0]
    assert fewer["verdict"] == "fewer_with_companion"


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 6).flatmap(
        lambda m: st.tuples(st.integers(0, m), st.just(m), st.integers(0, 6)).flatmap(
            lambda t: st.tuples(st.just(t[0]), st.just(t[1]), st.integers(0, t[2]), st.just(t[2]))
        )
    )
)
def test_property_companion_p_value_is_fishers(cells: tuple[int, int, int, int]) -> None:
    a, m, c, n = cells
    row = sk.companion_effect(_table(a, m, c, n)).iloc[0]
    assert row["referrals"] == m + n
    if m and n:
        assert row["p_value"] == pytest.approx(_fisher_two_sided(a, m - a, c, n - c), rel=1e-9)
        assert 0 <= row["p_value"] <= 1
    else:
        assert math.isnan(row["p_value"]) and row["verdict"] == "too_few"


def test_companion_effect_checks_its_options() -> None:
    G = _table(1, 2, 1, 2)
    with pytest.raises(ValueError, match="min_referrals"):
        sk.companion_effect(G, min_referrals=0)
    with pytest.raises(ValueError, match="alpha"):
        sk.companion_effect(G, alpha=1.5)
    empty = sk.companion_effect(nx.MultiDiGraph()).iloc[0]
    assert empty["referrals"] == 0 and empty["verdict"] == "too_few"


# ----------------------------------------------------------------------------- refusals


def test_language_course_keeps_refusing_eu_citizens() -> None:
    G = sk.load_sample()
    gaps = sk.find_gaps(G, kinds="repeated_refusal", today=TODAY)
    course = gaps[gaps["nodes"].str[0] == "i_taalschool"]
    assert len(course) == 1
    row = course.iloc[0]
    assert row["theme"] == "language"
    # the rule, named, and the language buddies that started afterwards
    assert "EU citizen" in row["explanation"] and "not admitted" in row["explanation"]
    assert "eu_citizen" not in row["explanation"]  # the tag in words, not the code
    assert "What started afterwards: Taalmaatjes Rivierwijk." in row["explanation"]
    assert "Taalmaatjes Rivierwijk" in row["suggestion"]
    assert {"i_taalmaatjes", "r_samira"} <= set(row["nodes"])
    dutch = sk.find_gaps(G, kinds="repeated_refusal", today=TODAY, language="nl")
    assert "wordt niet toegelaten" in dutch["explanation"].iloc[0]
    shared = sk.find_gaps(G, kinds="repeated_refusal", today=TODAY, aggregate_only=True)
    assert "r_samira" not in shared["nodes"].iloc[0]


def test_refusals_group_by_offer_and_tag() -> None:
    rows: list[dict] = []  # type: ignore[type-arg]
    refused = [("requested", "2026-02-01"), ("rejected", "2026-02-03")]
    for i in range(3):
        rows += _steps(f"t{i}", f"r{i}", refused, target="i_taal", reason="eligibility: eu_citizen")
    rows += _steps("t9", "r9", refused, target="i_taal", reason="full: waiting list")
    rows += _steps("c1", "r5", refused, target="i_club", reason="Eligibility: newcomer")
    rows += _steps(
        "m1",
        "r0",
        [("proposed", "2026-02-04"), ("accepted", "2026-02-05"), ("started", "2026-02-06")],
        target="i_maatje",
        parent="t0",
    )
    gaps = sk.find_gaps(sk.with_journal(_map(), pd.DataFrame(rows)), kinds="repeated_refusal")
    by_offer = {
        nodes[0]: text for nodes, text in zip(gaps["nodes"], gaps["explanation"], strict=True)
    }
    assert set(by_offer) == {"i_taal", "i_club"}
    assert "(refusals: 3)" in by_offer["i_taal"] and "Taalmaatje" in by_offer["i_taal"]
    assert "no such rule" in by_offer["i_club"]  # the map knows no newcomer rule there
    severity = dict(zip(gaps["nodes"].str[0], gaps["severity"], strict=True))
    assert severity["i_taal"] == pytest.approx(3 / 5, abs=1e-3)  # sat(3, 2)
    assert severity["i_club"] == pytest.approx(1 / 3, abs=1e-3)  # sat(1, 2)
    assert refusal_tag("eligibility=eu_citizen") == "eu_citizen"
    assert refusal_tag("not the right offer") is None and refusal_tag(None) is None


# ----------------------------------------------------------------------------- open loops


def _loops_journal() -> nx.MultiDiGraph:
    rows = (
        # open: proposed on 5 January, nothing since
        _steps("a", "r1", [("proposed", "2026-01-05")], theme="exercise")
        # open but recent: accepted on 20 February
        + _steps("b", "r2", [("proposed", "2026-01-05"), ("accepted", "2026-02-20")])
        # came back: started
        + _steps(
            "c",
            "r3",
            [("proposed", "2026-01-05"), ("accepted", "2026-01-06"), ("started", "2026-01-07")],
        )
        # handed on: d is the parent of e, which is open itself (by the other professional)
        + _steps("d", "r4", [("proposed", "2026-01-05"), ("accepted", "2026-01-06")])
        + _steps("e", "r4", [("proposed", "2026-01-12")], referrer="p_buurt", parent="d")
        # came back: rejected
        + _steps("f", "r5", [("proposed", "2026-01-05"), ("rejected", "2026-01-06")])
    )
    return sk.with_journal(_map(), pd.DataFrame(rows))


def test_open_loops_after_n_weeks() -> None:
    G = _loops_journal()
    day = dt.date(2026, 3, 2)  # 8 weeks after 5 January, 10 days after 20 February
    loops = sk.open_loops(G, today=day)
    assert loops.index.tolist() == ["a", "e"]
    assert loops.loc["a", "weeks_open"] == 8 and loops.loc["e", "weeks_open"] == 7
    assert loops.loc["a", "status"] == "proposed"
    # seven weeks: e (open since 12 January, 7 weeks) is not over the limit
    assert sk.open_loops(G, open_weeks=7, today=day).index.tolist() == ["a"]
    # one week: b joins (accepted on 20 February, ten days ago)
    assert sk.open_loops(G, open_weeks=1, today=day).index.tolist() == ["a", "e", "b"]
    # the map's as_of date when no day is given
    H = G.copy()
    H.graph["as_of"] = "2026-03-02"
    assert sk.open_loops(H).index.tolist() == ["a", "e"]
    gaps = sk.find_gaps(H, kinds="open_loop", open_weeks=6)
    assert sorted(gaps["nodes"].str[0]) == ["p_buurt", "p_wijk"]
    femke = gaps[gaps["nodes"].str[0] == "p_wijk"].iloc[0]
    assert femke["explanation"] == (
        "Referrals by Femke de Graaf (social worker) with no new status after 6 weeks: 1 "
        "(the oldest has been open for 8 weeks)."
    )
    assert femke["severity"] == pytest.approx(0.6 * 1 / 6, abs=1e-3)  # 0.6 * sat(1, 5)
    assert "r1" in femke["nodes"]
    assert sk.find_gaps(H, kinds="open_loop", open_weeks=9).empty
    with pytest.raises(ValueError, match="open_weeks"):
        sk.open_loops(G, open_weeks=0)
    with pytest.raises(ValueError, match="open_weeks"):
        sk.find_gaps(G, kinds="open_loop", open_weeks=0)


def test_journal_gaps_on_a_map_without_journal_and_the_sample_has_all_three() -> None:
    assert sk.find_gaps(_map(), kinds=JOURNAL_TYPES, today=TODAY).empty
    sample = sk.find_gaps(sk.load_sample(), kinds=JOURNAL_TYPES, today=TODAY)
    assert set(sample["gap_type"]) == set(JOURNAL_TYPES)
    assert sample["severity"].between(0, 1).all()
