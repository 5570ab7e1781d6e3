"""Themes from AIRS taxonomy codes, and the service-name-over-description rule (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.themes import DEFAULT_THEMES
from sociale_kaart.io.hsds.airs import AIRS_CODE_THEMES, airs_code, airs_code_themes
from sociale_kaart.io.hsds.text import DEFAULT_TAXONOMY_MAP, TaxonomyMatcher


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _report(G: object) -> object:
    return G.graph["import_report"]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- the table


def test_the_table_holds_only_theme_codes_and_every_service_area() -> None:
    for prefix, themes in AIRS_CODE_THEMES.items():
        assert airs_code(prefix) == prefix, prefix
        assert set(themes) <= set(DEFAULT_THEMES), prefix
    # the service areas named in the taxonomy's first level are all decided
    assert set("BDFHJLNPRTY") <= set(AIRS_CODE_THEMES)
    assert AIRS_CODE_THEMES["Y"] == ()  # Target Populations are people, not themes


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("BD-1800.2000", "BD-1800.2000"),
        (" bd-1800.2000-620 ", "BD-1800.2000-620"),
        ("LV-2400.6300-250.01", "LV-2400.6300-250.01"),
        ("L", "L"),
        ("TC-5500", "TC-5500"),
        ("BD-18", None),  # four digits per level
        ("BD-1800-2000", None),  # the second level follows a dot
        ("ABC-1000", None),
        ("sk:lat:52.1", None),
        ("12", None),
        ("", None),
        (None, None),
        (12, None),
    ],
)
def test_airs_code(value: object, code: str | None) -> None:
    assert airs_code(value) == code


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("BD-1800.2000-620", ("BD", ("finances",))),  # Food
        ("BH-1800.1500-080", ("BH", ("housing",))),  # Housing/Shelter
        ("LV-2400.6300-250", ("L", ("physical_health",))),  # Health Care
        ("RX-8450.7000", ("RX", ("substance_use",))),  # Substance Use Disorder Services
        ("RP-1500.1400-800", ("R", ("mental_health",))),  # the rest of R
        ("FT-3000.1700", ("FT-3000", ("justice", "domestic_relations"))),  # Family Law
        ("FT-3200", ("F", ("justice",))),
        ("HD-1800", ("HD-1800", ("parenting", "work_education"))),
        ("PH-1250.1700", ("P", ())),  # a mixed area gives nothing by itself
        ("TH-2600.1800", ("T", ())),
        ("YF-5000", ("Y", ())),
        ("AB-1000", None),  # no such area
        ("Food Pantries", None),
        (None, None),
    ],
)
def test_the_longest_prefix_decides(
    code: str | None, expected: tuple[str, tuple[str, ...]] | None
) -> None:
    assert airs_code_themes(code) == expected


_CODES = st.builds(
    lambda area, branch, levels: (
        area
        + branch
        + "".join(
            f"{sep}{n:0{width}d}"
            for (sep, width), n in zip(
                (("-", 4), (".", 4), ("-", 3), (".", 2)), levels, strict=False
            )
        )
    ),
    st.sampled_from("BDFHJLNPRTY"),
    st.text("ABCDEFHJLMNPRSTVXZ", max_size=1),
    st.lists(st.integers(0, 99), max_size=4),
)


@given(_CODES)
def test_a_code_gets_the_themes_of_an_ancestor_in_the_table(code: str) -> None:
    assert airs_code(code) == code
    found = airs_code_themes(code)
    assert found is not None  # every generated code is under a known area
    prefix, themes = found
    # the ancestors, found independently: the area letter, then every cut at a separator
    ancestors = [code[:1]] + [
        code[:i] for i in range(2, len(code) + 1) if i == len(code) or code[i] in "-."
    ]
    assert prefix == max((a for a in ancestors if a in AIRS_CODE_THEMES), key=len)
    assert themes == AIRS_CODE_THEMES[prefix]


# --------------------------------------------------------------------------- on import


def _package(folder: Path, terms: str) -> None:
    _write(folder, "services.csv", "id,name\ns1,A\ns2,B\ns3,C\ns4,D\ns5,E\n")
    _write(folder, "taxonomy_terms.csv", terms)
    _write(
        folder,
        "attributes.csv",
        "id,link_id,taxonomy_term_id,link_entity\n"
        + "".join(f"a{i},s{i},t{i},service\n" for i in range(1, 6)),
    )


def test_a_term_without_a_theme_word_takes_the_theme_of_its_code(tmp_path: Path) -> None:
    _package(
        tmp_path,
        "id,name,code\n"
        "t1,Glaucoma Treatment,LV-2400.6300-250\n"  # no theme word: Health Care
        "t2,Cell Phones,BM-5050.1500\n"  # no theme word: Material Goods
        "t3,Post Disaster Food Services,TH-2600.6450\n"  # the name decides: food
        "t4,Archives,TJ-4500.8300-050\n"  # a branch without a theme
        "t5,Divorce Assistance,FT-3000.1700\n",  # Family Law adds the legal side
    )
    G = sk.read_hsds(tmp_path)
    themes = {n: G.nodes[f"service:s{n}"]["themes"] for n in range(1, 6)}
    assert themes == {
        1: ["physical_health"],
        2: ["finances"],
        3: ["finances"],
        4: [],
        5: ["domestic_relations", "justice"],
    }
    report = _report(G).set_index("id")  # type: ignore[attr-defined]
    assert report.loc["t1", "action"] == "read"
    assert "'L'" in report.loc["t1", "reason"] and "physical_health" in report.loc["t1", "reason"]
    assert report.loc["t4", "action"] == "read" and "no theme" in report.loc["t4", "reason"]
    assert "t3" not in report.index and "t5" not in report.index


def test_the_code_may_be_the_terms_id_but_not_a_bare_letter(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name\ns1,A\ns2,B\n")
    _write(
        tmp_path,
        "taxonomy_terms.csv",
        "id,name\nLV-2400.6300-250,Glaucoma Treatment\nL,Biofeedback\n",
    )
    _write(
        tmp_path,
        "attributes.csv",
        "id,link_id,taxonomy_term_id,link_entity\n"
        "a1,s1,LV-2400.6300-250,service\na2,s2,L,service\n",
    )
    G = sk.read_hsds(tmp_path)
    assert G.nodes["service:s1"]["themes"] == ["physical_health"]
    assert G.nodes["service:s2"]["themes"] == []
    assert _report(G).set_index("id").loc["L", "action"] == "unmapped term"  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- services


@pytest.mark.parametrize(
    ("name", "description", "themes"),
    [
        # the name weighs most; lone words in the description add nothing to it
        ("Food Bank", "Also offers education and sports.", ["finances"]),
        # ... but a phrase of two or more words does
        ("Food Bank", "With a weekly support group.", ["finances", "social_network"]),
        # without a theme in the name: the description's main theme (most often named)
        ("West II", "Day care for pre-school children of parents in jobs.", ["parenting"]),
        ("Park", "Sports skills, team sports, sports fun and an education corner.", ["exercise"]),
        # ties: the longer key, then the first
        ("Centre", "Meals and activities in a senior center.", ["time_use"]),
        ("Soup", "Free meals and shelter", ["finances"]),
        ("Hope", "Transitional housing and support groups.", ["housing", "social_network"]),
        ("Radio", "", []),
        ("", "", []),
    ],
)
def test_service_name_weighs_over_description(
    name: str, description: str, themes: list[str]
) -> None:
    assert TaxonomyMatcher(DEFAULT_TAXONOMY_MAP).service_themes(name, description) == themes
