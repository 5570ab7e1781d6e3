"""referrals.csv and contacts.csv in the folder format and JSON (issue 13)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.errors import DataError


def _ids(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node, data in sorted(G.nodes(data=True)):
        out.setdefault(data["kind"], []).append(node)
    return out


def _with_journal() -> nx.MultiDiGraph:
    G = sk.load_sample()
    ids = _ids(G)
    r, p, i = ids["resident"][0], ids["professional"][0], ids["initiative"][0]
    o = ids["organisation"][0]
    steps = pd.DataFrame(
        {
            "referral": ["a", "a", "a", "b", "b"],
            "date": ["2026-03-02", "2026-03-02", "2026-03-09", "2026-03-10", "2026-03-20"],
            "status": ["proposed", "accepted", "started", "proposed", "rejected"],
            "resident": [r] * 5,
            "referrer": [p, p, p, o, o],
            "target": [i, i, i, p, p],
            "parent": ["", "", "", "a", ""],
            "theme": ["language"] * 5,
            "companion": ["ja", "", "", "nee", ""],
            "reason": ["", "", "", "", "vol; wachtlijst"],
        }
    )
    contacts = pd.DataFrame(
        {
            "contact": ["c1"],
            "date": ["2026-03-03"],
            "resident": [r],
            "professional": [p],
            "referral": ["a"],
        }
    )
    return sk.with_journal(G, steps, contacts=contacts)


def _same_journal(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    pd.testing.assert_frame_equal(sk.journal(G), sk.journal(H))
    pd.testing.assert_frame_equal(G.graph["contacts"], H.graph["contacts"])


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_folder_round_trips_the_journal(tmp_path: Path, delimiter: str) -> None:
    G = _with_journal()
    folder = sk.write_csv(G, tmp_path / "kaart", delimiter=delimiter)
    assert (folder / "referrals.csv").exists() and (folder / "contacts.csv").exists()
    H = sk.read_csv(folder)
    _same_journal(G, H)
    # the journal adds no ties
    assert H.number_of_edges() == sk.load_sample().number_of_edges()


def test_json_round_trips_the_journal(tmp_path: Path) -> None:
    G = _with_journal()
    H = sk.read_json(sk.write_json(G, tmp_path / "kaart.json"))
    _same_journal(G, H)


def test_map_without_journal_writes_no_journal_files(tmp_path: Path) -> None:
    G = sk.load_sample()
    G.graph.pop("referrals", None)
    G.graph.pop("contacts", None)
    folder = sk.write_csv(G, tmp_path / "kaart")
    assert not (folder / "referrals.csv").exists()
    assert "referrals" not in sk.read_csv(folder).graph


def test_bad_journal_rows_are_all_reported_with_file_and_row(tmp_path: Path) -> None:
    G = _with_journal()
    folder = sk.write_csv(G, tmp_path / "kaart")
    text = (folder / "referrals.csv").read_text(encoding="utf-8").splitlines()
    # row 3 (line 4): started straight after proposed is impossible once 'accepted' is gone;
    # and an unknown resident in the last line
    text[2] = text[2].replace("accepted", "completed")
    text[-1] = text[-1].replace(text[-1].split(",")[3], "nobody", 1)
    (folder / "referrals.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        sk.read_csv(folder)
    problems = info.value.errors
    assert {p.file for p in problems} == {"referrals.csv"}
    assert {p.row for p in problems} >= {3, 6}


def test_contacts_naming_an_unknown_referral_are_rejected(tmp_path: Path) -> None:
    folder = sk.write_csv(_with_journal(), tmp_path / "kaart")
    path = folder / "contacts.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(table["referral"]) == ["a"]
    table["referral"] = "zz"
    table.to_csv(path, index=False)
    with pytest.raises(DataError) as info:
        sk.read_csv(folder)
    assert [(p.file, p.row, p.column) for p in info.value.errors] == [
        ("contacts.csv", 2, "referral")
    ]


def test_frames_round_trip_keeps_the_journal() -> None:
    """to_frames -> from_frames loses nothing: the journal comes back, validated."""
    import pandas as pd

    import sociale_kaart as sk

    sample = sk.load_sample()
    contacts = pd.DataFrame(
        {
            "contact": ["c1"],
            "date": ["2026-02-03"],
            "resident": ["r_samira"],
            "professional": ["p_legal"],
            "referral": ["samira-1"],
        }
    )
    G = sk.with_journal(sample, sk.journal(sample), contacts=contacts)
    frames = sk.to_frames(G)
    assert {"referrals", "contacts"} <= set(frames)
    H = sk.from_frames(**frames)
    pd.testing.assert_frame_equal(sk.journal(H), sk.journal(G))
    pd.testing.assert_frame_equal(H.graph["contacts"], G.graph["contacts"])


def test_from_frames_checks_the_journal_against_the_map() -> None:
    import pandas as pd
    import pytest

    import sociale_kaart as sk

    frames = sk.to_frames(sk.load_sample())
    bad = frames["referrals"].copy()
    bad.loc[0, "resident"] = "r_nobody"
    with pytest.raises(sk.DataError, match="r_nobody"):
        sk.from_frames(**{**frames, "referrals": bad})
    with pytest.raises(TypeError, match="referrals must be a pandas DataFrame"):
        sk.from_frames(**{**frames, "referrals": [1, 2]})  # type: ignore[arg-type]
    assert isinstance(bad, pd.DataFrame)


def test_workbook_round_trip_keeps_the_journal(tmp_path: Path) -> None:
    """write_excel writes referrals and contacts sheets; read_excel validates and keeps them."""
    import warnings

    import pandas as pd

    import sociale_kaart as sk

    G = sk.load_sample()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is left out, so nothing to say
        path = sk.write_excel(G, tmp_path / "kaart.xlsx")
    H = sk.read_excel(path)
    pd.testing.assert_frame_equal(sk.journal(H), sk.journal(G))
    assert sk.referral_chains(H).loc["henk-4", "status"] == "started"


def test_workbook_journal_errors_name_the_sheet_and_row(tmp_path: Path) -> None:
    import pytest
    from openpyxl import load_workbook

    import sociale_kaart as sk

    path = sk.write_excel(sk.load_sample(), tmp_path / "kaart.xlsx")
    book = load_workbook(path)
    sheet = book["referrals"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=3, column=header.index("resident") + 1, value="r_nobody")
    book.save(path)
    with pytest.raises(sk.DataError) as caught:
        sk.read_excel(path)
    problem = next(p for p in caught.value.errors if p.value == "r_nobody")
    assert problem.file == "kaart.xlsx [referrals]"
    assert problem.row == 3
