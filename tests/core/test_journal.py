"""Validation of the referral journal and contact moments (issue 13)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociale_kaart.core.errors import DataError
from sociale_kaart.core.journal import (
    REFERRAL_COLUMNS,
    STATUSES,
    TRANSITIONS,
    validate_contacts,
    validate_referrals,
)
from sociale_kaart.core.vocabulary import RELATION_RULES


def _map() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("r_henk", kind="resident")
    G.add_node("p_wijk", kind="professional")
    G.add_node("o_stip", kind="organisation")
    G.add_node("i_zwembad", kind="initiative")
    return G


def _rows(ref: str, statuses: list[str], **extra: str) -> list[dict[str, str]]:
    return [
        {
            "referral": ref,
            "date": f"2026-03-{i + 1:02d}",
            "status": s,
            "resident": "r_henk",
            "referrer": "p_wijk",
            "target": "i_zwembad",
            **extra,
        }
        for i, s in enumerate(statuses)
    ]


def test_stip_may_refer_to_a_professional() -> None:
    sources, targets = RELATION_RULES["refers"]
    assert "organisation" in sources and "initiative" in sources
    assert "professional" in targets


def test_valid_journal_loads_and_adds_no_ties() -> None:
    G = _map()
    out = validate_referrals(G, pd.DataFrame(_rows("a", ["proposed", "accepted", "started"])))
    assert list(out["status"]) == ["proposed", "accepted", "started"]
    assert G.number_of_edges() == 0
    assert out["companion"].tolist() == [False, False, False]


def test_completed_before_accepted_is_rejected() -> None:
    with pytest.raises(DataError) as info:
        validate_referrals(_map(), pd.DataFrame(_rows("a", ["proposed", "completed"])))
    assert info.value.errors[0].row == 3 and info.value.errors[0].column == "status"


def test_all_problems_collected_with_rows() -> None:
    rows = _rows("a", ["proposed", "started"])
    rows[0]["resident"] = "r_nobody"
    rows[1]["date"] = "2026-02-01"
    with pytest.raises(DataError) as info:
        validate_referrals(_map(), pd.DataFrame(rows))
    where = {(p.row, p.column) for p in info.value.errors}
    assert {(2, "resident"), (3, "status"), (3, "date")} <= where


def test_missing_parent_and_cycle() -> None:
    rows = _rows("a", ["proposed"], parent="b") + _rows("b", ["proposed"], parent="a")
    rows += _rows("c", ["proposed"], parent="zz")
    with pytest.raises(DataError) as info:
        validate_referrals(_map(), pd.DataFrame(rows))
    messages = " ".join(p.message for p in info.value.errors)
    assert "cycle" in messages and "'zz'" in messages


def test_contacts_check_ids_and_journal() -> None:
    G = _map()
    journal = validate_referrals(G, pd.DataFrame(_rows("a", ["proposed"])))
    good = pd.DataFrame(
        {
            "contact": ["c1"],
            "date": ["2026-03-02"],
            "resident": ["r_henk"],
            "professional": ["p_wijk"],
            "referral": ["a"],
        }
    )
    assert len(validate_contacts(G, good, referrals=journal)) == 1
    bad = good.assign(referral="b", professional="o_stip")
    with pytest.raises(DataError) as info:
        validate_contacts(G, bad, referrals=journal)
    assert {p.column for p in info.value.errors} == {"professional", "referral"}


def _paths() -> st.SearchStrategy[list[str]]:
    @st.composite
    def walk(draw: st.DrawFn) -> list[str]:
        path = [draw(st.sampled_from(["proposed", "requested"]))]
        while TRANSITIONS[path[-1]] and draw(st.booleans()):
            path.append(draw(st.sampled_from(sorted(TRANSITIONS[path[-1]]))))
        return path

    return walk()


@settings(max_examples=30, deadline=None)
@given(_paths())
def test_any_valid_status_sequence_loads(path: list[str]) -> None:
    assert len(validate_referrals(_map(), pd.DataFrame(_rows("a", path)))) == len(path)


@settings(max_examples=30, deadline=None)
@given(_paths(), st.data())
def test_any_backwards_transition_is_rejected(path: list[str], data: st.DataObject) -> None:
    order = {s: i for i, s in enumerate(STATUSES)}
    backwards = [
        s for s in STATUSES if order[s] < order[path[-1]] and s not in TRANSITIONS[path[-1]]
    ]
    if not backwards:
        return
    bad = [*path, data.draw(st.sampled_from(backwards))]
    with pytest.raises(DataError):
        validate_referrals(_map(), pd.DataFrame(_rows("a", bad)))


def _summary_by_loop(table: pd.DataFrame) -> dict[str, dict[str, object]]:
    """referral_summary the slow way: one referral at a time, in plain Python."""
    out: dict[str, dict[str, object]] = {}
    for ref, steps in table.groupby("referral", sort=False):
        records = steps.to_dict("records")
        starts = [r["date"] for r in records if r["status"] in ("started", "completed")]
        reasons = [r["reason"] for r in records if isinstance(r["reason"], str) and r["reason"]]
        out[str(ref)] = {
            "target": records[0]["target"],
            "companion": bool(records[0]["companion"]),
            "first": min(r["date"] for r in records),
            "last": max(r["date"] for r in records),
            "status": records[-1]["status"],
            "started": bool(starts),
            "rejected": any(r["status"] == "rejected" for r in records),
            "days_to_start": (min(starts) - records[0]["date"]).days if starts else None,
            "reason": reasons[-1] if reasons else None,
        }
    return out


def test_referral_summary_agrees_with_a_plain_loop_on_the_sample() -> None:
    import sociale_kaart as sk
    from sociale_kaart.core.journal import SUMMARY_COLUMNS, referral_summary

    table = sk.journal(sk.load_sample())
    summary = referral_summary(table)
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    expected = _summary_by_loop(table)
    assert list(summary.index) == list(expected)
    for ref, want in expected.items():
        got = summary.loc[ref]
        for column, value in want.items():
            if value is None:
                assert pd.isna(got[column]), (ref, column)
            else:
                assert got[column] == value, (ref, column)
    assert summary.loc["samira-2", "parent"] == "samira-1"
    assert referral_summary(table.iloc[:0]).empty


def test_rows_are_read_as_to_dict_reads_them() -> None:
    """The fast row reader gives what ``DataFrame.to_dict("records")`` gives, dtype by dtype."""
    import datetime as dt
    import math

    import numpy as np
    import pandas as pd

    from sociale_kaart.core.journal import _records

    frame = pd.DataFrame(
        {
            "arrow": pd.array(["x", None], dtype="string[pyarrow]"),
            "float": [1.0, np.nan],
            "date": [dt.date(2020, 1, 1), None],
            "int": pd.array([1, None], dtype="Int64"),
            "str": pd.Series(["x", None], dtype="str"),
            "category": pd.Categorical(["a", None]),
            "bool": [True, False],
        }
    )
    got, want = list(_records(frame)), frame.to_dict("records")
    assert len(got) == len(want) == 2
    for row, expected in zip(got, want, strict=True):
        assert row.keys() == expected.keys()
        for key, value in expected.items():
            if isinstance(value, float) and math.isnan(value):
                assert isinstance(row[key], float) and math.isnan(row[key]), key
            else:
                assert row[key] == value and type(row[key]) is type(value), key


def test_companion_may_name_who_came_along(tmp_path: Path) -> None:
    """`companion` is yes/no, or the id of the resident or professional who came along."""
    import sociale_kaart as sk

    G = sk.load_sample()
    table = sk.journal(G)[list(REFERRAL_COLUMNS)].astype({"companion": object})
    first = table.index[table["status"] == "proposed"][0]
    table.loc[first, "companion"] = "r_spil"  # a neighbour came along
    H = sk.with_journal(G, table)
    row = sk.journal(H).loc[first]
    assert bool(row["companion"]) is True and row["companion_id"] == "r_spil"
    for again in (
        sk.read_csv(sk.write_csv(H, tmp_path / "folder")),
        sk.read_excel(sk.write_excel(H, tmp_path / "kaart.xlsx")),
        sk.from_frames(**sk.to_frames(H)),
    ):
        assert sk.journal(again).loc[first, "companion_id"] == "r_spil"
        assert bool(sk.journal(again).loc[first, "companion"]) is True
    table.loc[first, "companion"] = "i_naaiclub"  # an offer cannot come along
    with pytest.raises(DataError, match="the id of the resident or professional who came along"):
        sk.with_journal(G, table)


def test_an_activity_is_a_contact_with_participants_at_a_place(tmp_path: Path) -> None:
    """The coffee morning in the community centre: kind, place and participants, no single pair."""
    import sociale_kaart as sk

    G = sk.load_sample()
    contacts = pd.DataFrame(
        {
            "contact": ["koffie-1", "huisbezoek-1"],
            "date": ["2026-03-04", "2026-03-05"],
            "resident": ["", "r_henk"],
            "professional": ["", "p_maatschappelijk1"],
            "kind": ["activity", "home_visit"],
            "place": ["pl_buurthuis", ""],
            "participants": ["r_henk;r_samira|p_opbouw", ""],
        }
    )
    H = sk.with_journal(G, sk.journal(G), contacts=contacts)
    kept = H.graph["contacts"]
    assert kept.loc[0, "participants"] == ["r_henk", "r_samira", "p_opbouw"]
    assert kept.loc[1, "participants"] == [] and kept.loc[0, "place"] == "pl_buurthuis"
    assert H.number_of_edges() == G.number_of_edges()  # contacts add no ties
    for again in (
        sk.read_csv(sk.write_csv(H, tmp_path / "folder")),
        sk.read_excel(sk.write_excel(H, tmp_path / "kaart.xlsx")),
        sk.read_json(sk.write_json(H, tmp_path / "kaart.json")),
        sk.from_frames(**sk.to_frames(H)),
    ):
        assert again.graph["contacts"].loc[0, "participants"] == kept.loc[0, "participants"]
        assert again.graph["contacts"].loc[0, "kind"] == "activity"


def test_contact_problems_are_collected_with_their_rows() -> None:
    import sociale_kaart as sk

    G = sk.load_sample()
    bad = pd.DataFrame(
        {
            "contact": ["c1", "c2", "c3"],
            "date": ["2026-03-04", "2026-03-04", "2026-03-04"],
            "resident": ["", "r_henk", "r_henk"],
            "professional": ["", "p_maatschappelijk1", "p_maatschappelijk1"],
            "kind": ["activity", "picnic", ""],
            "place": ["", "", "i_koffieochtend"],
            "participants": ["r_henk;i_naaiclub", "", ""],
        }
    )
    with pytest.raises(DataError) as info:
        validate_contacts(G, bad)
    where = {(p.row, p.column, p.value) for p in info.value.errors}
    assert where == {
        (2, "participants", "i_naaiclub"),
        (3, "kind", "picnic"),
        (4, "place", "i_koffieochtend"),
    }
    alone = bad.iloc[[0]].assign(participants="")
    with pytest.raises(DataError, match="or its participants"):
        validate_contacts(G, alone)
