"""Themes, models, summary, datasets and the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.cli.main import main
from sociale_kaart.core.records import SENSITIVE_FIELDS, Resident
from sociale_kaart.core.themes import (
    DUTCH_ALIASES,
    ZRM_DOMAINS,
    default_vocabulary,
    resolve_theme,
    theme_label,
)
from sociale_kaart.testing import maps
from tests._paths import ROOT

# ----------------------------------------------------------------------------- themes


def test_vocabulary_has_the_zrm_domains_and_practical_themes() -> None:
    vocab = default_vocabulary()
    assert len(ZRM_DOMAINS) == 13
    assert set(ZRM_DOMAINS) | {"language", "parenting", "exercise", "loneliness"} == set(vocab)
    assert all(info["domain"] in ZRM_DOMAINS for info in vocab.values())
    vocab["language"]["label_en"] = "changed"
    assert default_vocabulary()["language"]["label_en"] == "Language"  # a fresh copy


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("financien", "finances"),
        ("Taal", "language"),
        ("opvoeding", "parenting"),
        ("beweging", "exercise"),
        ("eenzaamheid", "loneliness"),
        ("sociaal netwerk", "social_network"),
    ],
)
def test_dutch_aliases(alias: str, code: str) -> None:
    assert resolve_theme(alias, default_vocabulary()) == code


def test_every_alias_points_to_a_code() -> None:
    vocab = default_vocabulary()
    assert all(code in vocab for code in DUTCH_ALIASES.values())
    assert theme_label("finances", vocab, language="nl") == "Financiën"
    assert theme_label("unknown_code", vocab) == "unknown_code"


# ----------------------------------------------------------------------------- models


def test_sensitive_fields_are_marked() -> None:
    assert SENSITIVE_FIELDS["resident"] == {
        "name",
        "birth_year",
        "gender",
        "needs",
        "statuses",
        "lat",
        "lon",
        "postcode",
        "moved_in",
        "moved_out",
    }
    assert not SENSITIVE_FIELDS["initiative"]


def test_needs_syntax_and_scores() -> None:
    record = Resident.model_validate({"id": "r1", "needs": "financien:2;taal;finances:2"})
    assert record.needs == {"finances": 2, "language": None}
    record = Resident.model_validate({"id": "r1", "needs": {"taal": 3.0}})
    assert record.needs == {"language": 3}
    with pytest.raises(ValueError, match="twice"):
        Resident.model_validate({"id": "r1", "needs": "finances:2;finances:3"})


def test_postcodes_are_normalised() -> None:
    assert Resident.model_validate({"id": "r", "postcode": "3311ab"}).postcode == "3311 AB"
    assert Resident.model_validate({"id": "r", "postcode": "3311"}).postcode == "3311"


# ----------------------------------------------------------------------------- summary


def test_summary_hand_counted() -> None:
    residents = pd.DataFrame({"id": ["a", "b", "c"], "neighbourhood": ["Noord", "Noord", None]})
    professionals = pd.DataFrame({"id": ["p"], "neighbourhoods": ["Noord;Zuid"]})
    relations = pd.DataFrame(
        {
            "source": ["a", "p", "p"],
            "target": ["c", "a", "b"],
            "relation": ["knows", "supports", "supports"],
        }
    )
    G = sk.from_frames(residents=residents, professionals=professionals, relations=relations)
    table = sk.summary(G)
    assert list(table.index) == ["Noord", "Zuid", "(none)", "total"]
    assert table.loc["Noord", "residents"] == 2 and table.loc["(none)", "residents"] == 1
    assert table.loc["Noord", "professionals"] == 1 and table.loc["Zuid", "professionals"] == 1
    assert table.loc["total", "professionals"] == 1
    assert table.loc["Zuid", "supports"] == 2 and table.loc["total", "supports"] == 2
    assert table.loc["total", "knows"] == 1


@settings(max_examples=25)
@given(maps())
def test_summary_totals_match_the_graph(G: nx.MultiDiGraph) -> None:
    table = sk.summary(G)
    kinds = ["residents", "professionals", "initiatives", "organisations", "places"]
    assert table.loc["total", kinds].sum() == G.number_of_nodes()
    assert table.loc["total"].drop(kinds).sum() == G.number_of_edges()


def test_summary_of_the_sample(sample: nx.MultiDiGraph) -> None:
    table = sk.summary(sample)
    assert table.loc["total", "residents"] == 229
    assert set(table.index) >= {"Havenkwartier", "Molenbuurt", "Parkzicht", "Oude Dorp"}


# ----------------------------------------------------------------------------- datasets


def test_sample_names_and_errors() -> None:
    assert "rivierwijk" in sk.datasets.sample_names()
    with pytest.raises(ValueError, match="rivierwijk"):
        sk.datasets.sample_path("nowhere")
    assert sk.load_sample() is not sk.load_sample()  # a fresh map each time


def test_sample_files_are_the_data_samples_folder() -> None:
    root = ROOT
    assert (root / "data" / "samples" / "rivierwijk" / "residents.csv").read_bytes() == (
        sk.datasets.sample_path() / "residents.csv"
    ).read_bytes()


@pytest.mark.parametrize("n", [1, 7, 1_000, 4_500])
def test_synthetic_sizes_and_validity(n: int) -> None:
    G = sk.datasets.synthetic(n, seed=3)
    total = sk.summary(G).loc["total"]
    assert total["residents"] == n
    assert total["professionals"] == max(1, round(n * 0.04))
    assert total["initiatives"] == max(1, round(n * 0.06))
    assert total["organisations"] == max(1, round(n * 0.025))
    sk.validate(G)


def test_synthetic_is_clustered_and_seeded() -> None:
    G = sk.datasets.synthetic(4_000, seed=1)
    knows = nx.Graph(
        [(u, v) for u, v, k in G.edges(keys=True) if k == "knows" and u.startswith("r")]
    )
    n = knows.number_of_nodes()
    density = 2 * knows.number_of_edges() / (n * (n - 1))
    assert nx.average_clustering(knows) > 20 * density  # far above a random graph
    assert sorted(sk.datasets.synthetic(500, seed=2).edges(keys=True)) == sorted(
        sk.datasets.synthetic(500, seed=2).edges(keys=True)
    )
    assert sorted(sk.datasets.synthetic(500, seed=2).edges(keys=True)) != sorted(
        sk.datasets.synthetic(500, seed=3).edges(keys=True)
    )
    with pytest.raises(ValueError, match="at least 1"):
        sk.datasets.synthetic(0, seed=1)


@pytest.mark.slow
def test_synthetic_city_scale_builds_and_validates() -> None:
    G = sk.datasets.synthetic(100_000, seed=1)
    assert sk.summary(G).loc["total", "residents"] == 100_000
    assert G.number_of_nodes() > 110_000 and G.number_of_edges() > 400_000
    sk.validate(G)


# ----------------------------------------------------------------------------- cli


def test_cli_summary_of_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary"]) == 0
    out = capsys.readouterr().out
    assert "rivierwijk" in out and "Havenkwartier" in out and "residents" in out


def test_cli_validate(
    capsys: pytest.CaptureFixture[str], write_folder: Callable[..., Path]
) -> None:
    good = write_folder(residents__csv="id\nr1\n")
    assert main(["validate", str(good)]) == 0
    bad = write_folder(residents__csv="id,birth_year\nr1,2090\n")
    assert main(["validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "residents.csv, row 2, column 'birth_year'" in err


def test_cli_errors_are_one_clear_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", "/no/such/folder.csv"]) == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "no such file" in errors[0] and "Traceback" not in err


@given(st.text(max_size=30))
@settings(max_examples=30)
def test_text_fields_take_any_text(text: str) -> None:
    """Any text but one with NUL, which no format can hold (issue 10, class 8)."""
    frame = pd.DataFrame({"id": ["pl1"], "description": [text]})
    if "\x00" in text:
        with pytest.raises(sk.DataError, match="NUL"):
            sk.from_frames(places=frame)
        return
    G = sk.from_frames(places=frame)
    assert G.nodes["pl1"].get("description") == (text.strip() or None)
