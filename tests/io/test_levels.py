"""The fourth level, ``insured`` (Zorgverzekeringswet): validated, and kept by every format."""

from __future__ import annotations

import typing
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.records import Initiative, Organisation
from sociale_kaart.core.vocabulary import LEVELS, Level


def _map() -> nx.MultiDiGraph:
    organisations = pd.DataFrame(
        [
            {"id": "o_ggz", "name": "GGZ", "themes": "mental_health", "level": "insured"},
            {"id": "o_wmo", "name": "Wmo", "themes": "basic_adl", "level": "specialised"},
        ]
    )
    initiatives = pd.DataFrame(
        [{"id": "i1", "name": "Inloop", "themes": "mental_health", "level": "general"}]
    )
    return sk.from_frames(organisations=organisations, initiatives=initiatives)


def test_levels_are_written_once_and_in_ladder_order() -> None:
    assert LEVELS == ("informal", "general", "specialised", "insured")
    assert typing.get_args(Level) == LEVELS
    for model in (Initiative, Organisation):
        annotation = model.model_fields["level"].annotation
        literal = next(a for a in typing.get_args(annotation) if a is not type(None))
        assert typing.get_args(literal) == LEVELS


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("insured", "insured"),
        ("Zorgverzekeringswet", "insured"),
        ("zvw", "insured"),
        ("verzekerde zorg", "insured"),
        ("maatwerk", "specialised"),  # municipal maatwerk stays where it was
    ],
)
def test_level_aliases(written: str, stored: str) -> None:
    assert Organisation(id="o", level=written).level == stored


def test_unknown_level_is_an_error_that_names_the_levels(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,level\no1,ggz-ish\n", encoding="utf-8")
    with pytest.raises(sk.DataError) as caught:
        sk.read_csv(folder)
    assert "insured" in str(caught.value)


def _levels(G: nx.MultiDiGraph) -> dict[str, str | None]:
    return {str(n): a.get("level") for n, a in G.nodes(data=True)}


def test_insured_round_trips_through_csv_json_and_excel(tmp_path: Path) -> None:
    G = _map()
    want = {"o_ggz": "insured", "o_wmo": "specialised", "i1": "general"}
    assert _levels(G) == want
    assert _levels(sk.read_csv(sk.write_csv(G, tmp_path / "csv"))) == want
    assert _levels(sk.read_json(sk.write_json(G, tmp_path / "map.json"))) == want
    assert _levels(sk.read_excel(sk.write_excel(G, tmp_path / "map.xlsx"))) == want


def test_insured_round_trips_through_open_referral(tmp_path: Path) -> None:
    G = _map()
    back = sk.read_hsds(sk.write_hsds(G, tmp_path / "hsds"))
    levels = {a.get("name"): a.get("level") for _, a in back.nodes(data=True)}
    assert levels["GGZ"] == "insured"
    assert levels["Inloop"] == "general"


def test_read_hsds_accepts_insured_as_the_level_of_every_offer(tmp_path: Path) -> None:
    folder = sk.write_hsds(_map(), tmp_path / "hsds", fields=["themes"])
    back = sk.read_hsds(folder, level="insured")
    offers = [
        a for _, a in back.nodes(data=True) if a.get("kind") in ("initiative", "organisation")
    ]
    assert offers and all(a.get("level") == "insured" for a in offers)
