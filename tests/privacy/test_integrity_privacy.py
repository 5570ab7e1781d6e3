"""Issue 10, classes 4 and 10: reversible pseudonyms and disclosure defaults."""

from __future__ import annotations

import secrets

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.privacy.suppression import suppress_small

KEY = "tests-only-6f1d9c2a8e4b7035a1c9"


def _sequential_map(n: int = 40) -> object:
    residents = pd.DataFrame(
        {
            "id": [f"r{i:03d}" for i in range(n)],
            "neighbourhood": ["Noord"] * n,
            "languages": ["nl"] * n,
        }
    )
    relations = pd.DataFrame(
        {
            "source": [f"r{i:03d}" for i in range(n - 1)],
            "target": [f"r{i + 1:03d}" for i in range(n - 1)],
            "relation": ["knows"] * (n - 1),
            "x_note": [f"buren van r{i:03d}" for i in range(n - 1)],
        }
    )
    places = pd.DataFrame({"id": ["pl1"], "name": ["Bankje"]})
    return sk.from_frames(residents=residents, relations=relations, places=places)


def test_pseudonyms_that_can_be_reversed_row_order() -> None:
    """Row i of a pseudonymised export is not resident i."""
    G = _sequential_map()
    P = sk.pseudonymise(G, key=KEY)
    nodes, edges = sk.export_tables(P)
    residents = [n for n in nodes.index if n.startswith("r-")]
    assert residents == sorted(residents)
    original = [sk.pseudonym(f"r{i:03d}", key=KEY) for i in range(40)]
    assert residents != original
    assert list(edges["source"]) == sorted(edges["source"])


def test_pseudonyms_that_can_be_reversed_weak_keys() -> None:
    for weak in [
        "a long and secret key",  # the docs' old example
        "A Long And Secret Key ",
        "correct horse battery staple",
        "a" * 16,
        "a" * 64,
        "ab" * 16,
        "abcd" * 8,
        b"\x00" * 32,
        "0123" * 4,
    ]:
        with pytest.raises(ValueError, match="key"):
            sk.pseudonymise(_sequential_map(3), key=weak)
        with pytest.raises(ValueError, match="key"):
            sk.pseudonym("r1", key=weak)
    for strong in [secrets.token_hex(32), secrets.token_bytes(32), secrets.token_urlsafe(24)]:
        sk.pseudonym("r1", key=strong)


def test_pseudonyms_that_can_be_reversed_relation_notes() -> None:
    G = _sequential_map()
    P = sk.pseudonymise(G, key=KEY)
    assert all(not attrs.get("extra") for *_, attrs in P.edges(keys=True, data=True))
    folder_text = str(sk.to_frames(P)["relations"].to_dict())
    assert "buren van" not in folder_text and "r001" not in folder_text


def test_disclosure_defaults_include_gender() -> None:
    assert "gender" in sk.privacy.pseudonyms.DEFAULT_QUASI_IDENTIFIERS
    n = 12
    residents = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(n)],
            "neighbourhood": ["Noord"] * n,
            "languages": ["nl"] * n,
            "birth_year": [1980] * n,
            "gender": ["female"] * (n - 1) + ["male"],
        }
    )
    G = sk.from_frames(residents=residents)
    risk = sk.check_disclosure(G)
    assert "r11" in risk.index  # the one man is unique; without gender no one would be


def test_raw_tracebacks_instead_of_data_error_text_birth_years() -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "kind": "resident",
            "neighbourhood": "Noord",
            "birth_year": ["1980", "onbekend", None],
        }
    )
    risk = sk.check_disclosure(frame, quasi_identifiers=["neighbourhood", "birth_year_band"])
    assert set(risk["birth_year_band"]) == {"1980-1989", "unknown"}


# --------------------------------------------------------------------------- 5. suppression


def _recover(frame: pd.DataFrame, column: str, total: str) -> dict[str, int]:
    """What an attacker works out by subtraction: hidden cells alone in their column."""
    cells = frame[column].drop(index=total)
    hidden = [i for i in cells.index if pd.isna(cells[i])]
    if len(hidden) != 1 or pd.isna(frame.loc[total, column]):
        return {}
    return {hidden[0]: int(frame.loc[total, column]) - int(cells.dropna().sum())}


@given(
    st.lists(st.lists(st.integers(0, 40), min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([5, 10]),
)
def test_small_cell_suppression_that_can_be_undone(rows: list[list[int]], min_cell: int) -> None:
    columns = ["residents", "initiatives", "knows"]
    frame = pd.DataFrame(rows, columns=columns, index=[f"buurt{i}" for i in range(len(rows))])
    frame.loc["total"] = frame.sum()
    out = suppress_small(frame, columns, min_cell=min_cell, total_row="total")
    for column in columns:
        for label, value in frame[column].items():
            if 0 < value < min_cell:
                assert pd.isna(out.loc[label, column])  # primary
            if value == 0:
                assert out.loc[label, column] == 0
        assert _recover(out, column, "total") == {}  # secondary: nothing follows


def test_small_cell_suppression_that_can_be_undone_public_summary() -> None:
    """The audit's case: the total and one visible cell gave the hidden one away."""
    frame = pd.DataFrame({"residents": [3, 40, 43]}, index=["Noord", "Zuid", "total"])
    out = suppress_small(frame, ["residents"], total_row="total")
    assert pd.isna(out.loc["Noord", "residents"])
    assert pd.isna(out.loc["Zuid", "residents"]) or pd.isna(out.loc["total", "residents"])
    assert _recover(out, "residents", "total") == {}


def test_small_cell_suppression_that_can_be_undone_complement() -> None:
    """'27 of 28 missing' reveals the one record that is filled in."""
    frame = pd.DataFrame({"missing": [27, 3, 20, 0], "count": [28, 40, 40, 40]})
    out = suppress_small(frame, ["missing"], complements={"missing": "count"})
    assert out["missing"].isna().tolist() == [True, True, False, False]


def test_small_cell_suppression_that_can_be_undone_coverage_demand() -> None:
    """coverage(aggregate_only=True) hid the count but showed the demand it follows from."""
    from tests.conftest import tiny_map

    shared = sk.coverage(tiny_map(), aggregate_only=True)
    hidden = shared["residents"].isna()
    assert hidden.any()
    assert shared.loc[hidden, "demand"].isna().all()
    assert shared.loc[hidden, "unserved"].isna().all()
