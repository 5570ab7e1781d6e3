"""Referrals that learn: suggest_referrals with past outcomes (issue 13, history_weight)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.referral.history import MIN_HISTORY, PRIOR_STRENGTH, shrunk_rate
from sociale_kaart.referral.suggest import HISTORY_WEIGHT, WEIGHTS

DAY = dt.date(2026, 11, 21)
R = {"id": "r", "neighbourhood": "A", "needs": "language:2", "languages": "nl"}
OTHERS = ("q1", "q2", "q3", "q4")


def base_map() -> nx.MultiDiGraph:
    """Resident r, a professional who knows two equal language offers, other residents."""
    offers = [
        {"id": oid, "name": oid, "themes": "language", "level": "informal"}
        for oid in ("bad", "good")
    ]
    residents = [R] + [{"id": q, "neighbourhood": "A"} for q in OTHERS]
    relations = [
        ("p", "r", "supports", 3),
        ("p", "bad", "knows_of", 3),
        ("p", "good", "knows_of", 3),
    ]
    return sk.from_frames(
        residents=pd.DataFrame(residents),
        professionals=pd.DataFrame([{"id": "p", "name": "P"}]),
        initiatives=pd.DataFrame(offers),
        relations=pd.DataFrame(
            [{"source": s, "target": t, "relation": r, "trust": tr} for s, t, r, tr in relations]
        ),
    )


def steps(
    target: str, outcomes: list[str], *, resident: str | None = None, theme: str = "language"
) -> list[dict[str, Any]]:
    """Journal rows: one referral per outcome (started, rejected, cancelled or open)."""
    rows: list[dict[str, Any]] = []
    for i, outcome in enumerate(outcomes):
        ref = f"{target}-{resident or 'q'}-{i}"
        who = resident or OTHERS[i % len(OTHERS)]
        chain = {
            "started": ["proposed", "accepted", "started"],
            "rejected": ["proposed", "rejected"],
            "cancelled": ["proposed", "cancelled"],
            "open": ["proposed"],
        }[outcome]
        for j, status in enumerate(chain):
            rows.append(
                {
                    "referral": ref,
                    "date": (dt.date(2026, 3, 1) + dt.timedelta(days=10 * i + j)).isoformat(),
                    "status": status,
                    "resident": who,
                    "referrer": "p",
                    "target": target,
                    "theme": theme,
                }
            )
    return rows


def with_rows(G: nx.MultiDiGraph, rows: list[dict[str, Any]]) -> nx.MultiDiGraph:
    return sk.with_journal(G, pd.DataFrame(rows))


def learned() -> nx.MultiDiGraph:
    """good: 3 of 4 started; bad: 0 of 4."""
    rows = steps("good", ["started", "started", "rejected", "started"])
    rows += steps("bad", ["rejected", "cancelled", "rejected", "rejected"])
    return with_rows(base_map(), rows)


def by_target(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("target")


# ---------------------------------------------------------------------- the hand-built case


def test_the_offer_that_started_ranks_higher() -> None:
    G = learned()
    before = sk.suggest_referrals(G, "r", today=DAY, history_weight=0)
    assert before["target"].tolist() == ["bad", "good"]  # equal offers: by id
    after = sk.suggest_referrals(G, "r", today=DAY)
    assert after["target"].tolist() == ["good", "bad"]
    # pooled rate 3/8; good (3 + 2 * 3/8) / 6 = 0.625, bad 0.75 / 6 = 0.125
    shift = HISTORY_WEIGHT * 0.25 / sum(WEIGHTS.values())
    base = by_target(before)["score"]
    assert by_target(after).loc["good", "score"] == pytest.approx(base["good"] + shift, abs=1e-4)
    assert by_target(after).loc["bad", "score"] == pytest.approx(base["bad"] - shift, abs=1e-4)


def test_the_explanation_says_so_in_both_languages() -> None:
    G = learned()
    en = by_target(sk.suggest_referrals(G, "r", today=DAY))
    assert en.loc["good", "explanation"] == (
        "good (informal) helps with Dutch and is open to the resident; "
        "P can introduce the resident; 3 of 4 earlier referrals for language started."
    )
    assert "3 of 4 earlier referrals for language started" in en.loc["good", "reasons"]
    assert "0 of 4 earlier referrals for language started" in en.loc["bad", "reasons"]
    nl = by_target(sk.suggest_referrals(G, "r", today=DAY, language="nl"))
    assert nl.loc["good", "explanation"].endswith(
        "; 3 van de 4 eerdere verwijzingen voor taal zijn gestart."
    )
    assert "0 van de 4 eerdere verwijzingen voor taal zijn gestart" in nl.loc["bad", "reasons"]


def test_one_started_is_singular_in_dutch() -> None:
    rows = steps("good", ["started", "rejected", "rejected", "rejected"])
    rows += steps("bad", ["rejected"] * 4)
    nl = by_target(sk.suggest_referrals(with_rows(base_map(), rows), "r", today=DAY, language="nl"))
    assert "1 van de 4 eerdere verwijzingen voor taal is gestart" in nl.loc["good", "reasons"]


def test_below_the_minimum_nothing_changes() -> None:
    assert MIN_HISTORY == 4
    rows = steps("good", ["started"] * 3) + steps("bad", ["rejected"] * 3)
    G = with_rows(base_map(), rows)
    pd.testing.assert_frame_equal(
        sk.suggest_referrals(G, "r", today=DAY),
        sk.suggest_referrals(G, "r", today=DAY, history_weight=0),
    )


def test_open_referrals_and_other_themes_do_not_count() -> None:
    rows = steps("good", ["started", "started", "rejected", "open", "open", "open"])
    rows += steps("bad", ["rejected"] * 4, theme="finances")
    G = with_rows(base_map(), rows)
    pd.testing.assert_frame_equal(
        sk.suggest_referrals(G, "r", today=DAY),
        sk.suggest_referrals(G, "r", today=DAY, history_weight=0),
    )


def test_steps_after_today_are_not_known_yet() -> None:
    G = learned()
    early = dt.date(2026, 3, 5)  # only the first referral of each offer has begun
    pd.testing.assert_frame_equal(
        sk.suggest_referrals(G, "r", today=early),
        sk.suggest_referrals(G, "r", today=early, history_weight=0),
    )


def test_bad_history_weight() -> None:
    G = learned()
    for bad in (-1, math.nan, math.inf, True, "2"):
        with pytest.raises(ValueError, match="history_weight"):
            sk.suggest_referrals(G, "r", history_weight=bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- privacy


@pytest.mark.parametrize("own", [[], ["started"] * 4, ["rejected"] * 6, ["open", "started"]])
def test_the_residents_own_referrals_change_nothing(own: list[str]) -> None:
    rows = steps("good", ["started", "started", "rejected", "started"])
    rows += steps("bad", ["rejected", "cancelled", "rejected", "rejected"])
    expected = sk.suggest_referrals(with_rows(base_map(), rows), "r", today=DAY)
    mine = steps("bad", own, resident="r") + steps("good", own[::-1], resident="r")
    got = sk.suggest_referrals(with_rows(base_map(), rows + mine), "r", today=DAY)
    pd.testing.assert_frame_equal(got, expected)


def test_own_referrals_alone_are_never_evidence() -> None:
    G = with_rows(base_map(), steps("bad", ["started"] * 6, resident="r"))
    pd.testing.assert_frame_equal(
        sk.suggest_referrals(G, "r", today=DAY),
        sk.suggest_referrals(G, "r", today=DAY, history_weight=0),
    )


# ---------------------------------------------------------------------- the sample


def test_weight_zero_is_the_output_without_a_journal_on_the_sample() -> None:
    G = sk.load_sample()
    bare = G.copy()
    del bare.graph["referrals"]
    residents = sorted(n for n, k in G.nodes(data="kind") if k == "resident")
    for resident in [*residents[::7], "r_henk", "r_samira"]:
        kw: dict[str, Any] = {"today": DAY, "include_ineligible": True}
        pd.testing.assert_frame_equal(
            sk.suggest_referrals(G, resident, history_weight=0, **kw),
            sk.suggest_referrals(bare, resident, **kw),
        )


def test_the_sample_journal_moves_henks_swimming() -> None:
    G = sk.load_sample()
    s = by_target(sk.suggest_referrals(G, "r_henk", theme="exercise", today=DAY))
    assert "5 of 6 earlier referrals for exercise started" in s.loc["i_zwemmen", "reasons"]


# ---------------------------------------------------------------------- properties


def test_shrunk_rate_by_hand() -> None:
    assert PRIOR_STRENGTH == 2.0
    assert shrunk_rate(3, 4, prior=0.375) == pytest.approx(0.625)
    assert shrunk_rate(0, 0, prior=0.3) == pytest.approx(0.3)  # no data: the prior
    assert shrunk_rate(90, 100, prior=0.5) == pytest.approx(91 / 102)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(MIN_HISTORY, 8),
    data=st.data(),
    other=st.lists(st.sampled_from(["started", "rejected"]), min_size=0, max_size=6),
)
def test_score_is_monotone_in_the_start_count(
    n: int, data: st.DataObject, other: list[str]
) -> None:
    k1 = data.draw(st.integers(0, n), label="k1")
    k2 = data.draw(st.integers(k1, n), label="k2")

    def score(k: int) -> float:
        rows = steps("good", ["started"] * k + ["rejected"] * (n - k)) + steps("bad", other)
        s = sk.suggest_referrals(with_rows(base_map(), rows), "r", today=DAY)
        return float(by_target(s).loc["good", "score"])

    low, high = score(k1), score(k2)
    assert low <= high
    if k1 < k2 and other:  # another offer in the pool: strictly better
        assert low < high
