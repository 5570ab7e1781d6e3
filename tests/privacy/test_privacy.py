"""Tests for pseudonymisation, the disclosure check and the field whitelist."""

from __future__ import annotations

import hashlib
import hmac
import math
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.records import SENSITIVE_FIELDS
from sociale_kaart.testing import maps

KEY = "tests-only-6f1d9c2a8e4b7035a1c9"
OTHER = "an entirely different secret"


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    return sk.load_sample()


# --------------------------------------------------------------------------- pseudonyms


def test_pseudonym_is_hmac_sha256() -> None:
    digest = hmac.new(KEY.encode(), b"resident\x00r_samira", hashlib.sha256).hexdigest()
    assert sk.pseudonym("r_samira", key=KEY) == "r-" + digest[:20]
    assert sk.pseudonym("r_samira", key=KEY.encode()) == sk.pseudonym("r_samira", key=KEY)


def test_pseudonyms_stable_with_one_key_different_with_another(sample: nx.MultiDiGraph) -> None:
    first = sk.pseudonymise(sample, key=KEY)
    again = sk.pseudonymise(sample, key=KEY)
    other = sk.pseudonymise(sample, key=OTHER)
    residents = lambda G: {n for n, d in G.nodes(data=True) if d["kind"] == "resident"}  # noqa: E731
    assert residents(first) == residents(again)
    assert nx.utils.edges_equal(first.edges(keys=True), again.edges(keys=True))
    assert not residents(first) & residents(other)
    assert len(residents(first)) == 229


def test_pseudonymised_map_is_valid_and_keeps_structure(sample: nx.MultiDiGraph) -> None:
    P = sk.pseudonymise(sample, key=KEY, professionals=True)
    sk.validate(P)
    assert P.number_of_nodes() == sample.number_of_nodes()
    assert P.number_of_edges() == sample.number_of_edges()
    samira = sk.pseudonym("r_samira", key=KEY)
    legal = sk.pseudonym("p_legal", key=KEY, kind="professional")
    assert P.has_edge(legal, samira, "supports")
    assert P.nodes[samira]["languages"] == ["ar", "pt", "fr"]  # not sensitive: kept
    assert P.nodes[legal]["name"] == legal
    assert "KEY" not in str(P.graph) and KEY not in str(P.graph)
    assert P.graph["pseudonymised"]["method"] == "HMAC-SHA256"
    assert sample.nodes["r_samira"]["name"] == "Samira Benhaddou"  # the input is untouched


@pytest.mark.parametrize("fmt", ["graphml", "datapackage", "json"])
def test_no_original_resident_id_or_name_in_a_pseudonymised_export(
    sample: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    P = sk.pseudonymise(sample, key=KEY)
    fields = {"resident": ["name", "neighbourhood", "birth_year", "languages"]}
    if fmt == "graphml":
        sk.write_graphml(P, tmp_path / "p.graphml", fields=fields)
    elif fmt == "datapackage":
        sk.write_datapackage(P, tmp_path, fields=fields)
    else:
        sk.write_json(P, tmp_path / "p.json")  # even the lossless format
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    for node, attrs in sample.nodes(data=True):
        if attrs["kind"] != "resident":
            continue
        assert node not in text, node
        assert attrs["name"] not in text, attrs["name"]
        if attrs["postcode"] and len(attrs["postcode"]) > 4:
            assert attrs["postcode"] not in text
        assert sk.pseudonym(node, key=KEY) in text


def test_coordinates_are_coarsened(sample: nx.MultiDiGraph) -> None:
    grid = sk.pseudonymise(sample, key=KEY, grid_m=500)
    hood = sk.pseudonymise(sample, key=KEY, coordinates="neighbourhood")
    dropped = sk.pseudonymise(sample, key=KEY, coordinates="drop", birth_year_band=5)
    samira = sk.pseudonym("r_samira", key=KEY)
    lat, lon = sample.nodes["r_samira"]["lat"], sample.nodes["r_samira"]["lon"]
    glat, glon = grid.nodes[samira]["lat"], grid.nodes[samira]["lon"]
    assert (glat, glon) != (lat, lon)
    assert abs(glat - lat) * 111_320 <= 250 + 1e-6
    assert abs(glon - lon) * 111_320 * math.cos(math.radians(glat)) <= 250 + 1e-3
    in_havenkwartier = {
        (d["lat"], d["lon"])
        for _, d in hood.nodes(data=True)
        if d["kind"] == "resident" and d["neighbourhood"] == "Havenkwartier" and d.get("lat")
    }
    assert len(in_havenkwartier) == 1
    assert dropped.nodes[samira].get("lat") is None
    assert dropped.nodes[samira]["birth_year"] == 1985  # 1987 in bands of 5
    assert grid.nodes[samira]["postcode"] == "3311"
    # places and offers are not people: their coordinates stay
    assert grid.nodes["pl_bankje"]["lat"] == sample.nodes["pl_bankje"]["lat"]


@settings(max_examples=30, deadline=None)
@given(G=maps(max_nodes=10, max_relations=12), grid=st.sampled_from([100.0, 500.0, 2000.0]))
def test_pseudonymise_keeps_structure_on_random_maps(G: nx.MultiDiGraph, grid: float) -> None:
    P = sk.pseudonymise(G, key=KEY, professionals=True, grid_m=grid)
    sk.validate(P)
    people = {n for n, d in G.nodes(data=True) if d["kind"] in ("resident", "professional")}
    assert not people & set(P.nodes)
    assert P.number_of_nodes() == G.number_of_nodes()
    assert sorted(k for *_, k in P.edges(keys=True)) == sorted(k for *_, k in G.edges(keys=True))
    for node in people:
        kind = G.nodes[node]["kind"]
        assert P.nodes[sk.pseudonym(node, key=KEY, kind=kind)].get("extra") in (None, {})


def test_pseudonymise_arguments(sample: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        sk.pseudonymise(sample, key="short")
    with pytest.raises(TypeError, match="key"):
        sk.pseudonymise(sample, key=12345678901234567890)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="coordinates"):
        sk.pseudonymise(sample, key=KEY, coordinates="blur")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="grid_m"):
        sk.pseudonymise(sample, key=KEY, grid_m=0)
    with pytest.raises(ValueError, match="birth_year_band"):
        sk.pseudonymise(sample, key=KEY, birth_year_band=0)
    with pytest.raises(ValueError, match="kind"):
        sk.pseudonym("x", key=KEY, kind="place")


# --------------------------------------------------------------------------- disclosure


def test_disclosure_finds_the_planted_unique_resident(sample: nx.MultiDiGraph) -> None:
    """Scene 12: r_oudste is the only Arabic-only speaker born before 1946 in Oude Dorp."""
    risk = sk.check_disclosure(sample, quasi_identifiers=["neighbourhood", "birth_year_band"])
    assert "r_oudste" not in risk.index or risk.loc["r_oudste", "group_size"] > 1
    risk = sk.check_disclosure(
        sample, quasi_identifiers=["neighbourhood", "birth_year_band", "languages"]
    )
    assert risk.loc["r_oudste", "unique"]
    assert risk.loc["r_oudste", "group_size"] == 1
    assert risk.loc["r_oudste", "languages"] == "ar"
    default = sk.check_disclosure(sample)  # with the degree band as well
    assert default.loc["r_oudste", "unique"]
    assert set(risk.index) <= set(default.index)  # more quasi-identifiers, smaller groups
    assert (default["group_size"] < 5).all()
    assert list(default["group_size"]) == sorted(default["group_size"])


def test_disclosure_by_hand() -> None:
    residents = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e", "f"],
            "kind": ["resident"] * 5 + ["place"],
            "neighbourhood": ["X", "X", "X", "Y", None, "X"],
            "birth_year": [1950, 1955, 1949, 1950, 1950, None],
            "languages": [["nl"], "nl", ["nl", "ar"], ["nl"], [], None],
        }
    )
    risk = sk.check_disclosure(
        residents, k=2, quasi_identifiers=["neighbourhood", "birth_year_band", "languages"]
    )
    # a and b share X / 1950-1959 / nl; c, d and e are alone; f is not a resident
    assert list(risk.index) == ["c", "d", "e"]
    assert risk["unique"].all()
    assert risk.loc["c", "birth_year_band"] == "1940-1949"
    assert risk.loc["c", "languages"] == "ar;nl"
    risk = sk.check_disclosure(residents, k=3, quasi_identifiers=["neighbourhood"])
    assert list(risk.index) == ["d", "e"]
    all_x = sk.check_disclosure(residents, k=4, quasi_identifiers=["neighbourhood"])
    assert list(all_x["group_size"]) == [1, 1, 3, 3, 3]


def test_disclosure_on_an_export_table(sample: nx.MultiDiGraph) -> None:
    nodes, _ = sk.export_tables(sample, fields={"resident": ["neighbourhood", "birth_year"]})
    risk = sk.check_disclosure(nodes, quasi_identifiers=["neighbourhood", "birth_year_band"])
    expected = sk.check_disclosure(sample, quasi_identifiers=["neighbourhood", "birth_year_band"])
    pd.testing.assert_frame_equal(risk, expected)


def test_disclosure_degree_band_matches_networkx(sample: nx.MultiDiGraph) -> None:
    risk = sk.check_disclosure(sample, k=10_000, quasi_identifiers=["degree_band"])
    undirected = nx.Graph(sample.to_undirected())
    for node in ("r_spil", "r_alleen_2", "r_oudste"):
        degree = undirected.degree(node)
        band = risk.loc[node, "degree_band"]
        low, _, high = band.partition("-")
        if band.endswith("+"):
            assert degree >= int(band[:-1])
        else:
            assert int(low) <= degree <= int(high or low)


def test_disclosure_empty_and_errors() -> None:
    G = sk.from_frames(places=pd.DataFrame({"id": ["pl1"]}))
    assert sk.check_disclosure(G).empty
    with pytest.raises(ValueError, match="k must"):
        sk.check_disclosure(G, k=1)
    with pytest.raises(ValueError, match="empty"):
        sk.check_disclosure(G, quasi_identifiers=[])
    with pytest.raises(ValueError, match="not a column"):
        sk.check_disclosure(pd.DataFrame({"x": [1]}), quasi_identifiers=["postcode"])
    with pytest.raises(TypeError):
        sk.check_disclosure([1, 2, 3])  # type: ignore[arg-type]


def test_export_fields_default_leaves_out_every_sensitive_field() -> None:
    chosen = sk.export_fields()
    for kind, sensitive in SENSITIVE_FIELDS.items():
        assert not sensitive & set(chosen[kind])
    assert "languages" in chosen["resident"] and "neighbourhood" in chosen["resident"]
