"""Reading the referral journal: chains and outcomes (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.errors import DataError


def _map() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for node, kind in [
        ("r_henk", "resident"),
        ("r_samira", "resident"),
        ("p_wijk", "professional"),
        ("p_buurtteam", "professional"),
        ("o_stip", "organisation"),
        ("i_zwembad", "initiative"),
        ("i_taalcursus", "initiative"),
        ("i_taalmaatje", "initiative"),
    ]:
        G.add_node(node, kind=kind)
    return G


def _step(ref, date, status, resident, referrer, target, parent="", reason="", companion=""):  # type: ignore[no-untyped-def]
    return {
        "referral": ref,
        "date": date,
        "status": status,
        "resident": resident,
        "referrer": referrer,
        "target": target,
        "parent": parent,
        "reason": reason,
        "companion": companion,
    }


def test_four_step_chain_on_one_day_ends_started() -> None:
    day = "2026-04-14"
    rows = [
        _step("h1", day, "proposed", "r_henk", "o_stip", "p_buurtteam"),
        _step("h1", day, "accepted", "r_henk", "o_stip", "p_buurtteam"),
        _step("h2", day, "proposed", "r_henk", "p_buurtteam", "p_wijk", parent="h1"),
        _step("h2", day, "accepted", "r_henk", "p_buurtteam", "p_wijk"),
        _step("h3", day, "proposed", "r_henk", "p_wijk", "o_stip", parent="h2"),
        _step("h3", day, "accepted", "r_henk", "p_wijk", "o_stip"),
        _step("h4", day, "proposed", "r_henk", "o_stip", "i_zwembad", parent="h3"),
        _step("h4", day, "accepted", "r_henk", "o_stip", "i_zwembad"),
        _step("h4", day, "started", "r_henk", "o_stip", "i_zwembad"),
    ]
    G = _map()
    H = sk.with_journal(G, pd.DataFrame(rows))
    assert H.number_of_edges() == G.number_of_edges() == 0
    assert "referrals" not in G.graph  # G is not changed
    chains = sk.referral_chains(H)
    assert chains.loc["h4", "root"] == "h1" and chains.loc["h4", "depth"] == 3
    assert chains.loc["h4", "status"] == "started"
    out = sk.referral_outcomes(H, by="target")
    assert out.loc["i_zwembad", "start_rate"] == 1.0
    assert out.loc["i_zwembad", "median_days_to_start"] == 0


def test_refused_course_then_buddy_that_started() -> None:
    rows = [
        _step("s1", "2026-05-01", "requested", "r_samira", "p_wijk", "i_taalcursus"),
        _step(
            "s1",
            "2026-05-03",
            "rejected",
            "r_samira",
            "p_wijk",
            "i_taalcursus",
            reason="eligibility",
        ),
        _step(
            "s2",
            "2026-05-04",
            "proposed",
            "r_samira",
            "p_wijk",
            "i_taalmaatje",
            parent="s1",
            companion="yes",
        ),
        _step("s2", "2026-05-05", "accepted", "r_samira", "p_wijk", "i_taalmaatje"),
        _step("s2", "2026-05-11", "started", "r_samira", "p_wijk", "i_taalmaatje"),
    ]
    H = sk.with_journal(_map(), pd.DataFrame(rows))
    out = sk.referral_outcomes(H, by="target")
    assert out.loc["i_taalcursus", ["referrals", "started", "rejected"]].tolist() == [1, 0, 1]
    assert out.loc["i_taalmaatje", "median_days_to_start"] == 7
    assert sk.journal(H).loc[1, "reason"] == "eligibility"


def test_with_journal_collects_errors() -> None:
    rows = [_step("x", "2026-01-01", "started", "r_nobody", "p_wijk", "i_zwembad")]
    with pytest.raises(DataError) as info:
        sk.with_journal(_map(), pd.DataFrame(rows))
    assert len(info.value.errors) == 2


def test_outcomes_unknown_column() -> None:
    with pytest.raises(ValueError, match="not a journal column"):
        sk.referral_outcomes(_map(), by="nationality")


def test_write_json_writes_the_journal_as_records(tmp_path: Path) -> None:
    G = sk.load_sample()
    first = {
        k: next(n for n, d in G.nodes(data=True) if d["kind"] == k)
        for k in ("resident", "professional", "initiative")
    }
    rows = [
        _step(
            "a",
            "2026-01-01",
            "proposed",
            first["resident"],
            first["professional"],
            first["initiative"],
        )
    ]
    H = sk.with_journal(G, pd.DataFrame(rows))
    path = sk.write_json(H, tmp_path / "kaart.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [r["referral"] for r in data["graph"]["referrals"]] == ["a"]
    assert list(sk.journal(sk.read_json(path))["referral"]) == ["a"]
