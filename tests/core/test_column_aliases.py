"""Dutch column names as aliases (issue 11): one table in core, shown in the docs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sociale_kaart as sk
from sociale_kaart.core.builder import TABLES, table_columns
from sociale_kaart.core.records import COLUMN_ALIASES

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-format.md"


def test_doc_table_matches_the_alias_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- column-aliases:start -->")[1].split("<!-- column-aliases:end -->")[0]
    rows = re.findall(r"^\| `([^`]+)` \| `([^`]+)` \|$", block, flags=re.MULTILINE)
    assert dict(rows) == COLUMN_ALIASES
    assert len(rows) == len(COLUMN_ALIASES)


def test_every_alias_names_a_known_column_and_no_alias_is_canonical() -> None:
    known = {column for table in TABLES for column in table_columns(table)}
    assert set(COLUMN_ALIASES.values()) <= known
    assert not set(COLUMN_ALIASES) & known


def test_dutch_column_names_are_read_as_aliases_with_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "kaart"
    folder.mkdir()
    (folder / "residents.csv").write_text(
        "id;naam;buurt;geboortejaar;talen;vragen\nr1;Zoë;Noord;1980;nl|tr;taal:2\n",
        encoding="utf-8",
    )
    (folder / "initiatives.csv").write_text(
        "id;naam;themas;buurt\ni1;Taalcafé;taal;Noord\n", encoding="utf-8"
    )
    (folder / "relations.csv").write_text(
        "bron;doel;relatie;vertrouwen\nr1;i1;participates;3\n", encoding="utf-8"
    )
    with pytest.warns(UserWarning, match=r"'naam' as 'name'") as caught:
        G = sk.read_csv(folder)
    assert any("'bron' as 'source'" in str(w.message) for w in caught)
    node = G.nodes["r1"]
    assert node["name"] == "Zoë"
    assert node["neighbourhood"] == "Noord"
    assert node["birth_year"] == 1980
    assert node["languages"] == ["nl", "tr"]
    assert node["needs"] == {"language": 2}
    assert G.nodes["i1"]["themes"] == ["language"]
    (edge,) = G.get_edge_data("r1", "i1").values()
    assert edge["trust"] == 3


def test_column_given_as_alias_and_canonical_name_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "kaart"
    folder.mkdir()
    (folder / "residents.csv").write_text("id,name,naam\nr1,Zoë,Zoe\n", encoding="utf-8")
    with pytest.raises(sk.DataError) as caught:
        sk.read_csv(folder)
    assert "columns 'name' and 'naam' both mean 'name'" in str(caught.value)
    assert len(caught.value.errors) == 1


def test_theme_aliases_of_read_hsds_are_accepted_by_read_csv(tmp_path: Path) -> None:
    from sociale_kaart.core.themes import DUTCH_ALIASES
    from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP

    # one table: every Dutch alias read_hsds knows is in core, with the same code
    for alias, code in DUTCH_ALIASES.items():
        assert DEFAULT_TAXONOMY_MAP[alias.replace("_", " ")] == code
    folder = tmp_path / "kaart"
    folder.mkdir()
    (folder / "initiatives.csv").write_text(
        "id,name,themes\ni1,Taalles,taalles\ni2,Schuldhulp,schuldhulp;Huiselijk geweld\n",
        encoding="utf-8",
    )
    G = sk.read_csv(folder)
    assert G.nodes["i1"]["themes"] == ["language"]
    assert G.nodes["i2"]["themes"] == ["finances", "domestic_relations"]


def test_theme_alias_docs_list_every_dutch_alias() -> None:
    from sociale_kaart.core.themes import DUTCH_ALIASES

    text = DOC.read_text(encoding="utf-8")
    section = text.split("### Dutch aliases")[1].split("### ")[0]
    listed = {
        alias: code
        for aliases, code in re.findall(r"^\| (.+) \| `([a-z_]+)` \|$", section, re.MULTILINE)
        for alias in re.findall(r"`([^`]+)`", aliases)
    }
    assert listed == DUTCH_ALIASES
