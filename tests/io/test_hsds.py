"""Tests for the Open Referral (HSDS) importer and writer."""

from __future__ import annotations

import csv
import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sociale_kaart as sk
from sociale_kaart.core.records import SENSITIVE_FIELDS
from sociale_kaart.io.hsds.api import REPORT_COLUMNS
from sociale_kaart.io.hsds.text import (
    TaxonomyMatcher,
    clean_text,
    fee_amount,
    language_codes,
    read_ages,
    read_eligibility,
    read_languages,
)
from sociale_kaart.io.hsds.write import HSDS_NAMESPACE, hsds_uuid
from tests._paths import DATA, SHARED_DATA

SAMPLE = SHARED_DATA / "hsds-1.1-sample"
HSDS3 = DATA / "hsds3"

needs_sample = pytest.mark.skipif(
    not SAMPLE.exists(), reason="the shared HSDS 1.1 sample is absent"
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _report(G: nx.MultiDiGraph) -> pd.DataFrame:
    report = G.graph["import_report"]
    assert list(report.columns) == list(REPORT_COLUMNS)
    return report


# --------------------------------------------------------------------------- HSDS 1.1 sample


@needs_sample
@pytest.mark.parametrize("variant", ["simple", "all_resources"])
def test_reads_the_hsds_1_1_sample_fully(variant: str) -> None:
    folder = SAMPLE / variant
    G = sk.read_hsds(folder)
    sk.validate(G)
    assert G.graph["hsds_version"] == "1.x"
    report = _report(G)
    dropped = report[report["action"].isin(["dropped row", "dropped link", "dropped value"])]
    # only phone numbers the map has no field for (one contact per offer, none per place),
    # and the names of people on address lines
    assert set(dropped["file"]) <= {"phones.csv", "physical_addresses.csv"}
    assert set(dropped.loc[dropped["file"] == "physical_addresses.csv", "column"]) <= {"attention"}
    assert len(dropped) == 4 if variant == "simple" else len(dropped) >= 4
    orgs = _rows(folder / "organizations.csv")
    services = _rows(folder / "services.csv")
    locations = _rows(folder / "locations.csv")
    ns = {"organisation": "organization:", "initiative": "service:", "place": "location:"}
    for rows, kind in ((orgs, "organisation"), (services, "initiative"), (locations, "place")):
        assert rows
        for row in rows:
            assert G.nodes[ns[kind] + row["id"]]["kind"] == kind
            assert G.nodes[ns[kind] + row["id"]]["extra"]["x_hsds_id"] == row["id"]
            assert G.nodes[ns[kind] + row["id"]]["name"] == row["name"].strip()
    assert G.number_of_nodes() == len(orgs) + len(services) + len(locations)
    for row in services:
        assert G.has_edge("organization:" + row["organization_id"], "service:" + row["id"], "runs")
    for row in _rows(folder / "services_at_location.csv"):
        assert G.has_edge(
            "service:" + row["service_id"], "location:" + row["location_id"], "located_at"
        )
    for row in locations:
        assert G.has_edge(
            "organization:" + row["organization_id"], "location:" + row["id"], "located_at"
        )


@needs_sample
def test_hsds_1_1_all_resources_fields() -> None:
    G = sk.read_hsds(SAMPLE / "all_resources")
    helpline = G.nodes["service:c89eb05c-62dd-4b64-b494-0cc347b6ea7f"]
    assert helpline["languages"] == ["en", "es"]
    assert helpline["min_age"] == 18  # eligibility "adult"
    assert helpline["serves"] == ["Sample service area"]
    assert helpline["schedule"] == "Mon, Tue, Wed 09:00-17:00"
    assert helpline["last_verified"].isoformat() == "2008-09-15"  # from metadata.csv
    assert helpline["extra"]["x_eligibility"] == "adult"
    teacher = G.nodes["service:25f6e86d-ba99-4819-b6f4-2f23dbe38806"]["description"]
    assert "<" not in teacher and "- Digital Skills" in teacher
    report = _report(G)
    ignored = set(report.loc[report["action"] == "ignored table", "file"])
    assert {"contacts.csv", "funding.csv", "programs.csv"} <= ignored
    # contacts are named people: never imported
    assert not any("Contact 1" in str(d) for _, d in G.nodes(data=True))


@needs_sample
def test_hsds_sample_as_zip(tmp_path: Path) -> None:
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for file in (SAMPLE / "simple").iterdir():
            handle.write(file, f"export/{file.name}")
    G = sk.read_hsds(archive)
    H = sk.read_hsds(SAMPLE / "simple")
    assert sorted(G.nodes) == sorted(H.nodes)
    assert G.number_of_edges() == H.number_of_edges()


# --------------------------------------------------------------------------- HSDS 3.0


def test_hsds3_tabular_mapping() -> None:
    G = sk.read_hsds(HSDS3 / "tabular")
    sk.validate(G)
    assert G.graph["hsds_version"] == "3.0"
    s1, s2, s3, s4 = (G.nodes[s] for s in ("service:s1", "service:s2", "service:s3", "service:s4"))
    assert s1.get("min_age") == 18 and s1.get("max_age") is None  # "Adults 18+ ..."
    assert s1["languages"] == ["nl", "ar"]  # code, then a name
    assert s1["cost_eur"] == 0.0  # "Free"
    assert s1["schedule"] == "Mon, Wed 19:00-21:00"
    assert s1["last_verified"].isoformat() == "2025-05-01"  # assured_date
    assert s1["themes"] == []  # "Knitting" has no theme
    assert (s2["min_age"], s2["max_age"], s2["capacity"]) == (12, 23, 4)
    assert s2["serves"] == ["Oude Dorp"]
    assert s2["schedule"] == "Tue 18:30-22:00"  # via service_at_location_id
    assert s2["themes"] == ["mental_health"]  # a child of "Mental Health"
    assert s2.get("cost_eur") is None  # GBP is not converted
    assert s3["themes"] == ["finances"]  # "Debt Counselling"
    assert s3["last_verified"].isoformat() == "2025-01-15"  # last_modified
    assert s3["description"] == "Help with debts, budgets & letters."
    assert s3["place"] == "location:l3"  # l2 is virtual
    assert s4.get("organisation") is None and s4.get("min_age") is None  # dangling org; "seniors"
    assert G.nodes["organization:o1"]["description"] == "The municipality & its Wmo desk."
    assert "location:l2" not in G
    assert G.nodes["location:l3"].get("lat") is None  # latitude 95.3
    assert G.nodes["location:l1"]["extra"]["x_address"] == "Dorpsstraat 1, 3314 AB Voorbeeldstad"
    assert G.has_edge("organization:o2", "location:l1", "located_at") and G.has_edge(
        "organization:o2", "service:s1", "runs"
    )
    assert not any("Anna" in str(d) for _, d in G.nodes(data=True))  # contact person
    report = _report(G)

    def reported(file: str, row: int, action: str) -> bool:
        hit = report[(report["file"] == file) & (report["row"] == row)]
        return bool((hit["action"] == action).any())

    assert reported("service_at_location.csv", 6, "dropped row")  # s9 dangles
    assert reported("attribute.csv", 5, "dropped link")  # term t99 dangles
    assert reported("attribute.csv", 6, "dropped row")  # service s99 dangles
    assert reported("service.csv", 5, "kept")  # organization o404 dangles
    assert reported("service.csv", 5, "kept as text")  # "seniors"
    assert reported("location.csv", 3, "dropped row")  # virtual
    assert reported("location.csv", 4, "dropped value")  # latitude 95.3
    assert reported("language.csv", 4, "dropped value")  # Papiamento
    assert reported("cost_option.csv", 3, "dropped value")  # GBP
    assert reported("taxonomy_term.csv", 4, "unmapped term")  # Knitting
    assert reported("contact.csv", None, "ignored table") or "contact.csv" in set(report["file"])


def test_hsds3_json_page() -> None:
    G = sk.read_hsds(HSDS3 / "services.json")
    sk.validate(G)
    assert G.graph["hsds_version"] == "3.0"
    assert sorted(G.nodes) == [
        "location:jl1",
        "organization:jo1",
        "service:js1",
        "service:js2",
    ]  # the repeated org is one node
    js1 = G.nodes["service:js1"]
    assert (js1["min_age"], js1["max_age"]) == (18, 99)
    assert js1["languages"] == ["nl", "tr"]
    assert js1["themes"] == ["finances"]  # Food Pantries
    assert js1["schedule"] == "Fri 10:00-12:00"
    assert js1["place"] == "location:jl1" and js1["organisation"] == "organization:jo1"
    assert G.nodes["service:js2"]["description"] == "Second-hand clothes & shoes"
    assert G.nodes["location:jl1"]["lat"] == 51.8
    assert not any("Piet" in str(d) for _, d in G.nodes(data=True))


def test_hsds3_json_other_shapes(tmp_path: Path) -> None:
    org = {
        "id": "org1",
        "name": "Buurtkamer",
        "description": "x",
        "website": "https://b.example",
        "services": [{"id": "svc1", "name": "Koffie", "status": "active"}],
        "locations": [{"id": "loc1", "name": "Kamer", "location_type": "physical"}],
    }
    (tmp_path / "org.json").write_text(json.dumps(org))
    G = sk.read_hsds(tmp_path / "org.json")
    assert G.nodes["service:svc1"]["organisation"] == "organization:org1"
    assert G.has_edge("organization:org1", "location:loc1", "located_at")
    tables = {"organization": [{"id": "a", "name": "A"}], "service": [{"id": "b", "name": "B"}]}
    (tmp_path / "tables.json").write_text(json.dumps(tables))
    assert sorted(sk.read_hsds(tmp_path / "tables.json").nodes) == ["organization:a", "service:b"]


# --------------------------------------------------------------------------- messy input


def _write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(text.encode(encoding))


def test_messy_rows_are_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "organizations.csv",
        "id,name,description\n"
        ",No id,x\n"
        "o1,Org één,x\n"
        "o1,Org één,x\n"  # exact duplicate
        "o1,Another,y\n"  # id reused
        "o2,Café &amp; Co,<script>alert(1)</script>Nice <i>place</i>\n"
        "o3,Too,many,cells,here\n",
    )
    _write(tmp_path, "services.csv", "id,name\ns1,Zonder organisatie\n")  # no org column
    G = sk.read_hsds(tmp_path)
    report = _report(G)
    dropped = report[report["action"] == "dropped row"]
    assert set(zip(dropped["file"], dropped["row"], strict=True)) == {
        ("organizations.csv", 2),
        ("organizations.csv", 4),
        ("organizations.csv", 5),
        ("organizations.csv", 7),
    }
    assert G.nodes["organization:o1"]["name"] == "Org één"
    assert G.nodes["organization:o2"]["name"] == "Café & Co"
    assert G.nodes["organization:o2"]["description"] == "Nice place"
    assert G.nodes["service:s1"].get("organisation") is None


def test_windows_1252_file_is_read_and_reported(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name\ns1,Café Ü\n", encoding="cp1252")
    G = sk.read_hsds(tmp_path)
    assert G.nodes["service:s1"]["name"] == "Café Ü"
    assert (_report(G)["reason"].str.contains("not UTF-8")).any()


def test_semicolon_delimited_with_bom(tmp_path: Path) -> None:
    (tmp_path / "services.csv").write_bytes(b"\xef\xbb\xbfid;name;status\ns1;Taal;active\n")
    assert sk.read_hsds(tmp_path).nodes["service:s1"]["name"] == "Taal"


def test_one_number_as_organisation_service_and_location_id_gives_no_changed_ids(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "organizations.csv", "id,name\n1,Org\n2,Other\n")
    _write(tmp_path, "services.csv", "id,organization_id,name\n1,1,Service\n2,2,Second\n")
    _write(tmp_path, "locations.csv", "id,organization_id,name\n1,1,Office\n")
    _write(tmp_path, "services_at_location.csv", "id,service_id,location_id\n1,1,1\n")
    G = sk.read_hsds(tmp_path)
    assert sorted(G) == ["location:1", "organization:1", "organization:2", "service:1", "service:2"]
    assert G.has_edge("organization:1", "service:1", "runs")
    assert G.has_edge("service:1", "location:1", "located_at")
    assert all(G.nodes[n]["extra"]["x_hsds_id"] == n.split(":")[1] for n in G)
    assert G.graph["import_report"].empty


def test_id_prefix_and_inactive(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name,status\ns1,A,active\ns2,B,inactive\n")
    G = sk.read_hsds(tmp_path, id_prefix="dir:", include_inactive=False)
    assert list(G) == ["dir:service:s1"]
    assert G.nodes["dir:service:s1"]["extra"]["x_hsds_id"] == "s1"
    assert (_report(G)["reason"].str.contains("inactive")).any()


@pytest.mark.parametrize(
    ("name", "content", "read"),
    [
        (None, b"", "."),  # an empty folder
        ("x.zip", b"not a zip", "x.zip"),
        ("x.json", b"{nope", "x.json"),
        ("x.json", b"[1, 2, 3]", "x.json"),
        ("services.csv", b"", "."),
        ("services.csv", b"name\nno ids\n", "."),
        ("services.csv", b"id,name\n,no id\n", "."),
    ],
    ids=["empty-folder", "bad-zip", "bad-json", "json-not-hsds", "empty-csv", "no-id-column",
         "empty-ids"],
)  # fmt: skip
def test_unreadable_packages_raise_data_error(
    tmp_path: Path, name: str | None, content: bytes, read: str
) -> None:
    if name:
        (tmp_path / name).write_bytes(content)
    with pytest.raises(sk.DataError) as info:
        sk.read_hsds(tmp_path / read)
    assert info.value.errors


def test_missing_path() -> None:
    with pytest.raises(FileNotFoundError):
        sk.read_hsds("/no/such/package")


def test_bad_arguments(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name\ns1,A\n")
    with pytest.raises(ValueError, match="level"):
        sk.read_hsds(tmp_path, level="very")
    with pytest.raises(ValueError, match="taxonomy_map"):
        sk.read_hsds(tmp_path, taxonomy_map={"Food": "snacks"})
    with pytest.raises(TypeError, match="taxonomy_map"):
        sk.read_hsds(tmp_path, taxonomy_map=42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- taxonomy map


def test_user_taxonomy_map_as_dict_frame_and_csv(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    shutil.copytree(HSDS3 / "tabular", pkg)
    mapping = {"Knitting": "time_use;social_network", "Debt Counselling": None}
    G = sk.read_hsds(pkg, taxonomy_map=mapping)
    assert G.nodes["service:s1"]["themes"] == ["time_use", "social_network"]
    assert G.nodes["service:s3"]["themes"] == []  # mapped to no theme: not reported
    report = _report(G)
    assert not (report["action"] == "unmapped term").any() or "Debt" not in " ".join(
        report["reason"]
    )
    frame = pd.DataFrame({"term": ["KN"], "theme": ["time_use"]})  # by code
    assert sk.read_hsds(pkg, taxonomy_map=frame).nodes["service:s1"]["themes"] == ["time_use"]
    path = tmp_path / "map.csv"
    frame.to_csv(path, index=False)
    assert sk.read_hsds(pkg, taxonomy_map=path).nodes["service:s1"]["themes"] == ["time_use"]


def test_default_taxonomy_map_common_terms() -> None:
    matcher = TaxonomyMatcher(sk.DEFAULT_TAXONOMY_MAP)
    expected = {
        "Food": ["finances"],
        "Housing": ["housing"],
        "Legal Aid": ["justice"],
        "Mental Health Counseling": ["mental_health"],
        "Employment": ["work_education"],
        "Education": ["work_education"],
        "English as a Second Language": ["language"],
        "Transportation": ["instrumental_adl"],
        "Health": ["physical_health"],
        "Income Support": ["finances"],
        "Schuldhulp": ["finances"],
        "Eenzaamheid": ["loneliness"],
    }
    for term, themes in expected.items():
        assert matcher.themes(term) == themes, term
    assert matcher.themes("Knitting") is None


def test_themes_from_text(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "services.csv",
        "id,name,description\ns1,Soup,Free meals and shelter\n"
        "s2,Night Shelter,A bed and free meals\ns3,Soup,Meals and transitional housing\n",
    )
    assert sk.read_hsds(tmp_path).nodes["service:s1"]["themes"] == []
    G = sk.read_hsds(tmp_path, themes_from_text=True, level="general")
    # the description's main theme (a tie: the first); its other lone words add nothing
    assert G.nodes["service:s1"]["themes"] == ["finances"]
    assert G.nodes["service:s2"]["themes"] == ["housing"]  # the name weighs most
    # a tie goes to the longer key; the lone word "meals" adds nothing
    assert G.nodes["service:s3"]["themes"] == ["housing"]
    assert G.nodes["service:s1"]["level"] == "general"


# --------------------------------------------------------------------------- text helpers


@pytest.mark.parametrize(
    ("text", "ages", "clear"),
    [
        ("adults 18+ in the county", (18, None), False),
        ("Adults 18+", (18, None), True),
        ("ages 12-17", (12, 17), True),
        ("aged 4 to 12", (4, 12), True),
        ("12-17 years", (12, 17), True),
        ("65 and older", (65, None), True),
        ("18 or over", (18, None), True),
        ("17 and under", (None, 17), True),
        ("under 18", (None, 17), True),
        ("jonger dan 23 jaar", (None, 22), True),
        ("4 t/m 12 jaar", (4, 12), True),
        ("adult", (18, None), True),
        ("seniors", (None, None), False),
        ("young people", (None, None), False),
        ("18+ or under 12", (18, 11), False),  # runs backwards
        ("ages 12-17 and 18+", (None, None), False),  # disagree
        ("ages 5-150", (None, None), False),
        ("residents of Oude Dorp", (None, None), False),
        ("", (None, None), True),
    ],
)
def test_read_ages(text: str, ages: tuple[int | None, int | None], clear: bool) -> None:
    reading = read_ages(text)
    if ages == (18, 11):
        assert (reading.min_age, reading.max_age) == (None, None)
    else:
        assert (reading.min_age, reading.max_age) == ages
    assert (reading.problem is None) == clear


def test_clean_text_keeps_hearts_and_strips_tags() -> None:
    assert clean_text("I <3 you &amp; a<b") == "I <3 you & a<b"
    assert clean_text("<div>one</div><div>two</div><!-- x -->") == "one\ntwo"
    assert clean_text("\x00bad\x07 text") == "bad text"


def test_fee_and_language_helpers() -> None:
    assert fee_amount("gratis") == (0.0, None)
    assert fee_amount("2,50 euro") == (2.5, None)
    assert fee_amount("sliding scale")[0] is None
    assert language_codes("Engels / Arabisch") == (["en", "ar"], [])
    assert language_codes("ara, tur, so") == (["ar", "tr", "so"], [])
    assert language_codes("ASL") == ([], ["ASL"])


# --------------------------------------------------------------------------- writing


def _offer_view(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    out = {}
    for node, attrs in G.nodes(data=True):
        if attrs["kind"] in ("organisation", "initiative", "place"):
            out[node] = {k: v for k, v in attrs.items() if k != "extra"}
    return out


def test_write_hsds_round_trip_on_the_sample(tmp_path: Path) -> None:
    G = sk.load_sample()
    folder = sk.write_hsds(G, tmp_path)
    assert folder == tmp_path
    meta = folder / "datapackage.json"
    H = sk.read_hsds(tmp_path)
    assert H.graph["hsds_version"] == "3.0"
    assert _offer_view(H) == _offer_view(G)
    offer_edges = {
        (u, v, k)
        for u, v, k in G.edges(keys=True)
        if k in ("runs", "located_at") and G.nodes[u]["kind"] in ("initiative", "organisation")
    }
    assert offer_edges <= set(H.edges(keys=True))
    report = _report(H)
    assert not report["action"].isin(["dropped row", "dropped value", "unmapped term"]).any()
    data = json.loads(meta.read_text())
    assert {r["name"] for r in data["resources"]} >= {"organization", "service", "location"}


def test_write_hsds_never_writes_residents(tmp_path: Path) -> None:
    G = sk.load_sample()
    sk.write_hsds(G, tmp_path)
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())
    residents = [(n, d) for n, d in G.nodes(data=True) if d["kind"] in ("resident", "professional")]
    for node, attrs in residents:
        assert f"{node}," not in text and f",{node}" not in text
        if attrs["kind"] == "resident":
            assert attrs["name"] not in text
            if attrs["postcode"]:
                assert attrs["postcode"] not in text
            for field in SENSITIVE_FIELDS["resident"] - {"lat", "lon"}:
                assert f"{field}:" not in text


def test_write_hsds_fields_whitelist(tmp_path: Path) -> None:
    G = sk.load_sample()
    sk.write_hsds(G, tmp_path, fields=["themes"])
    H = sk.read_hsds(tmp_path)
    assert H.nodes["i_taalmaatjes"]["themes"] == ["language", "social_network"]
    assert H.nodes["i_taalmaatjes"].get("capacity") is None
    assert H.nodes["i_taalmaatjes"]["organisation"] == "o_bibliotheek"
    with pytest.raises(ValueError, match="fields"):
        sk.write_hsds(G, tmp_path, fields=["birth_year"])


# --------------------------------------------------------------------------- property tests

_ID = st.sampled_from(["", " ", "a", "b", "c", "d", "e", "x;y"])
_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            "Café",
            "<p>Hi <b>there</b></p>",
            "&amp; &lt;3 &#233;",
            "ages 12-17",
            "adults 18+ in the county",
            "seniors",
            "free",
            "€ 3",
            "Arabic, Papiamento",
            "nl",
            '"quoted, text"',
            "51.8",
            "999",
            "2090-01-01",
            "not-a-date",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)


@st.composite
def _messy_package(draw: st.DrawFn) -> dict[str, list[list[str]]]:
    tables: dict[str, list[list[str]]] = {}
    specs = {
        "organizations.csv": ["id", "name", "description", "email"],
        "services.csv": ["id", "organization_id", "name", "description", "status", "fees"],
        "locations.csv": ["id", "organization_id", "name", "latitude", "longitude"],
        "services_at_location.csv": ["id", "service_id", "location_id"],
        "eligibility.csv": ["id", "service_id", "eligibility"],
        "languages.csv": ["id", "service_id", "language"],
        "taxonomy.csv": ["id", "name", "parent_id"],
        "services_taxonomy.csv": ["id", "service_id", "taxonomy_id"],
    }
    prefix = {"organizations.csv": "o", "services.csv": "s", "locations.csv": "l"}
    for name, columns in specs.items():
        if not draw(st.booleans()) and name != "services.csv":
            continue
        kept = [c for c in columns if c == "id" or draw(st.integers(0, 4)) > 0]
        rows = []
        for _ in range(draw(st.integers(0, 6))):
            row = []
            for column in kept:
                if column == "id":
                    raw = draw(_ID)
                    row.append(prefix.get(name, "") + raw if raw.strip() else raw)
                elif column.endswith("_id"):
                    target = column.removesuffix("_id")[0]
                    raw = draw(_ID)
                    row.append(target + raw if raw.strip() and draw(st.booleans()) else raw)
                else:
                    row.append(draw(_TEXT).replace("\r", " ").replace("\n", " "))
            rows.append(row)
        tables[name] = [kept, *rows]
    return tables


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(package=_messy_package(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_messy_packages_never_crash_and_rejected_rows_are_reported(
    tmp_path_factory: pytest.TempPathFactory,
    package: dict[str, list[list[str]]],
    encoding: str,
) -> None:
    folder = tmp_path_factory.mktemp("messy")
    for name, rows in package.items():
        with (folder / name).open("w", encoding=encoding, errors="replace", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(rows)
    try:
        G = sk.read_hsds(folder)
    except sk.DataError as err:
        places = {(p.file, p.row) for p in err.errors}
        present: set[str] = set()
    else:
        sk.validate(G)
        report = _report(G)
        places = set(zip(report["file"], report["row"], strict=True))
        present = {str(G.nodes[n]["extra"]["x_hsds_id"]) + "@" + n.split(":")[0] for n in G}
    tables = {"organizations.csv": "organization", "services.csv": "service",
              "locations.csv": "location"}  # fmt: skip
    for name in ("organizations.csv", "services.csv", "locations.csv"):
        rows = package.get(name)
        if not rows:
            continue
        header, body = rows[0], rows[1:]
        for line, row in enumerate(body, start=2):
            if not any(cell.strip() for cell in row):
                continue  # a blank line is not a row
            node = row[header.index("id")].strip().replace(";", "_") if "id" in header else ""
            assert f"{node}@{tables[name]}" in present or (name, line) in places, (name, row)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(
            ["id", "name", "services", "organization", "location", "service_at_locations",
             "languages", "attributes", "taxonomy_term", "contents", "status", "latitude"]
        ),
        children,
        max_size=5,
    ),
    max_leaves=20,
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=_JSON)
def test_random_json_never_crashes(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    file = tmp_path_factory.mktemp("json") / "package.json"
    file.write_text(json.dumps(data), encoding="utf-8")
    try:
        G = sk.read_hsds(file)
    except sk.DataError:
        return
    sk.validate(G)


# --------------------------------------------------------------------------- silent changes (#11)


def _schedule_package(tmp_path: Path, rows: str, header: str = "opens_at,closes_at") -> Path:
    _write(tmp_path, "services.csv", "id,name,status\ns1,Food pantry,active\n")
    _write(tmp_path, "schedules.csv", f"id,service_id,byday,{header}\n{rows}")
    return tmp_path


@pytest.mark.parametrize(
    ("opens", "closes", "expected"),
    [
        ("9:30 AM", "5:00pm", "Mon 09:30-17:00"),
        ("9am", "5pm", "Mon 09:00-17:00"),
        ("12:00 PM", "12:30 p.m.", "Mon 12:00-12:30"),
        ("09:00:00", "17:00:00", "Mon 09:00-17:00"),
        ("8.30", "12.00", "Mon 08:30-12:00"),
    ],
)
def test_schedule_times_with_am_pm(tmp_path: Path, opens: str, closes: str, expected: str) -> None:
    G = sk.read_hsds(_schedule_package(tmp_path, f"h1,s1,MO,{opens},{closes}\n"))
    assert G.nodes["service:s1"]["schedule"] == expected
    assert not (_report(G)["file"] == "schedules.csv").any()


def test_schedule_original_text_is_used_when_times_cannot_be_read(tmp_path: Path) -> None:
    rows = "h1,s1,MO,noon,5pm,Mondays from noon till 5\nh2,s1,TU,10:00,11:00,Tuesday mornings\n"
    G = sk.read_hsds(_schedule_package(tmp_path, rows, "opens_at,closes_at,original_text"))
    assert G.nodes["service:s1"]["schedule"] == "Tue 10:00-11:00; Mondays from noon till 5"
    report = _report(G)
    line = report[report["file"] == "schedules.csv"]
    assert list(line["row"]) == [2] and list(line["action"]) == ["kept as text"]
    assert "'noon' is not a clock time" in line["reason"].iloc[0]


def test_every_unreadable_schedule_is_reported(tmp_path: Path) -> None:
    rows = (
        "h1,s1,MO,5:00,1:00\n"  # closes before it opens (5:00pm read without pm)
        "h2,s1,TU,25:00,26:00\n"
        "h3,s1,Someday,10:00,11:00\n"
        "h4,s1,WE,10:00,11:00\n"
    )
    G = sk.read_hsds(_schedule_package(tmp_path, rows))
    assert G.nodes["service:s1"]["schedule"] == "Wed 10:00-11:00"
    report = _report(G)
    lines = report[report["file"] == "schedules.csv"]
    assert list(lines["row"]) == [2, 3, 4]
    assert set(lines["action"]) == {"dropped value"}
    assert "closes (01:00) before it opens (05:00)" in lines["reason"].iloc[0]
    assert "'Someday' is not a day" in lines["reason"].iloc[2]


@pytest.mark.parametrize(
    ("text", "codes", "unknown"),
    [
        ("en", ["en"], []),
        ("EN", ["en"], []),
        ("en-US", ["en"], []),
        ("en_GB; es-MX", ["en", "es"], []),
        ("nl, en", ["nl", "en"], []),
        ("Nederlands en Engels", ["nl", "en"], []),
        ("English and Spanish", ["en", "es"], []),
        ("Creole", ["ht"], []),
        ("Haitian Creole", ["ht"], []),
        ("zh-Hant-TW", ["zh"], []),
        ("eng", ["en"], []),
        ("Chinese (Mandarin)", ["zh"], []),
        ("Español", ["es"], []),
        ("Papiamento, Hmong", [], ["Papiamento", "Hmong"]),
        ("Klingon", [], ["Klingon"]),
    ],
)
def test_languages_iso_codes_and_names(text: str, codes: list[str], unknown: list[str]) -> None:
    reading = read_languages(text)
    assert reading.codes == codes
    assert reading.unknown == unknown


def test_language_en_is_english_and_every_dropped_language_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name,status\ns1,Food pantry,active\n")
    _write(
        tmp_path,
        "languages.csv",
        "id,service_id,language\nl1,s1,en\nl2,s1,Creole\nl3,s1,en-US\nl4,s1,Klingon\n",
    )
    G = sk.read_hsds(tmp_path)
    assert G.nodes["service:s1"]["languages"] == ["en", "ht"]
    report = _report(G).set_index("row")
    assert report.loc[3, "action"] == "changed value" and "Haitian" in report.loc[3, "reason"]
    assert report.loc[5, "action"] == "dropped value" and report.loc[5, "value"] == "Klingon"


def test_language_code_object_in_hsds3_json(tmp_path: Path) -> None:
    service = {"id": "s1", "name": "Pantry", "status": "active", "languages": [{"code": "en"}]}
    (tmp_path / "service.json").write_text(json.dumps(service))
    assert sk.read_hsds(tmp_path / "service.json").nodes["service:s1"]["languages"] == ["en"]


def test_postal_addresses_are_reported_and_kept(tmp_path: Path) -> None:
    _write(tmp_path, "locations.csv", "id,name\nl1,Buurthuis\n")
    _write(
        tmp_path,
        "addresses.csv",
        "id,location_id,address_1,city,postal_code,address_type\n"
        "a1,l1,Dorpsstraat 1,Rivierstad,1234 AB,physical\n"
        "a2,l1,Postbus 12,Rivierstad,1230 AA,postal\n",
    )
    G = sk.read_hsds(tmp_path)
    extra = G.nodes["location:l1"]["extra"]
    assert extra["x_address"] == "Dorpsstraat 1, 1234 AB Rivierstad"
    assert extra["x_address_1"] == "Dorpsstraat 1" and extra["x_address_city"] == "Rivierstad"
    assert extra["x_postal_address"] == "Postbus 12, 1230 AA Rivierstad"
    report = _report(G)
    assert list(report["row"]) == [3] and list(report["action"]) == ["kept as text"]


def test_phones_are_read_as_contact_or_reported(tmp_path: Path) -> None:
    _write(tmp_path, "organizations.csv", "id,name,email\no1,Org,info@org.example\n")
    _write(tmp_path, "services.csv", "id,organization_id,name\ns1,o1,Help\n")
    _write(tmp_path, "locations.csv", "id,name\nl1,Office\n")
    _write(
        tmp_path,
        "phones.csv",
        "id,service_id,organization_id,location_id,number\n"
        "p1,s1,,,010-1234567\n"
        "p2,,o1,,010-7654321\n"
        "p3,,,l1,010-0000000\n",
    )
    G = sk.read_hsds(tmp_path)
    assert G.nodes["service:s1"]["contact"] == "010-1234567"
    assert G.nodes["organization:o1"]["contact"] == "info@org.example"
    report = _report(G)
    phones = report[report["file"] == "phones.csv"]
    assert list(phones["row"]) == [3, 4]
    assert set(phones["action"]) == {"dropped value"}


def test_duplicate_taxonomy_ids_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name,status\ns1,Pantry,active\n")
    _write(
        tmp_path,
        "taxonomy_terms.csv",
        "id,name,taxonomy\nt1,Food Pantries,AIRS\nt1,Legal Aid,AIRS\n",
    )
    _write(
        tmp_path, "attributes.csv", "id,link_id,taxonomy_term_id,link_entity\na1,s1,t1,service\n"
    )
    G = sk.read_hsds(tmp_path)
    assert G.nodes["service:s1"]["themes"] == ["finances"]
    report = _report(G)
    line = report[report["file"] == "taxonomy_terms.csv"]
    assert list(line["row"]) == [3] and list(line["action"]) == ["dropped row"]
    assert "already used" in line["reason"].iloc[0]


def _full_view(G: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    return {n: dict(d) for n, d in G.nodes(data=True)}


@needs_sample
@pytest.mark.parametrize("variant", ["simple", "all_resources"])
def test_round_trip_keeps_addresses_ids_eligibility_fees_names_and_schedules(
    tmp_path: Path, variant: str
) -> None:
    G = sk.read_hsds(SAMPLE / variant)
    sk.write_hsds(G, tmp_path)
    H = sk.read_hsds(tmp_path)
    assert _full_view(H) == _full_view(G)
    assert set(H.edges(keys=True)) == set(G.edges(keys=True))
    if variant == "all_resources":
        helpline = H.nodes["service:c89eb05c-62dd-4b64-b494-0cc347b6ea7f"]
        assert helpline["extra"]["x_hsds_id"] == "c89eb05c-62dd-4b64-b494-0cc347b6ea7f"
        assert helpline["extra"]["x_eligibility"] == "adult"
        assert helpline["schedule"] == "Mon, Tue, Wed 09:00-17:00"
        place = H.nodes["location:30b83c60-64a1-11e6-8b77-86f30ca893d3"]["extra"]
        assert place["x_address_city"] == "New York City"
        schedules = _rows(tmp_path / "schedules.csv")
        assert any(r["byday"] == "MO,TU,WE" and r["opens_at"] == "09:00:00" for r in schedules)
        assert {r["address_1"] for r in _rows(tmp_path / "addresses.csv")} >= {"Address 1"}
    report = _report(H)
    assert not report["action"].isin(["dropped row", "dropped link"]).any()


def test_round_trip_of_small_ids_alternate_names_and_fees(tmp_path: Path) -> None:
    _write(tmp_path, "organizations.csv", "id,name,alternate_name\n1,Org,The Org\n")
    _write(
        tmp_path,
        "services.csv",
        "id,organization_id,name,alternate_name,status,fees_description,eligibility_description,"
        "url\n"
        "1,1,Food pantry,Pantry,inactive,$5 per visit,Women only; County residents,"
        "www.pantry.example\n",
    )
    G = sk.read_hsds(tmp_path / ".")
    out = tmp_path / "out"
    sk.write_hsds(G, out)
    services = _rows(out / "services.csv")
    assert services[0]["status"] == "inactive"
    assert services[0]["url"] == "https://www.pantry.example"
    assert services[0]["alternate_name"] == "Pantry"
    H = sk.read_hsds(out)
    assert H.nodes["service:1"]["extra"] == {
        "x_hsds_id": "1",
        "x_alternate_name": "Pantry",
        "x_status": "inactive",
        "x_url": "https://www.pantry.example",
        "x_eligibility": "Women only; County residents",
        "x_fees": "$5 per visit",
        "x_area_note": "County residents",
    }
    assert H.nodes["service:1"]["genders"] == ["female"]  # "Women only"
    assert G.nodes["service:1"]["extra"]["x_url"] == "www.pantry.example"
    assert H.nodes["organization:1"]["extra"]["x_alternate_name"] == "The Org"


def test_write_hsds_keeps_inactive(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name,status\ns1,A,active\ns2,B,inactive\ns3,C,defunct\n")
    G = sk.read_hsds(tmp_path)
    out = tmp_path / "out"
    sk.write_hsds(G, out)
    assert [r["status"] for r in _rows(out / "services.csv")] == ["active", "inactive", "defunct"]
    H = sk.read_hsds(out, include_inactive=False)
    assert sorted(H) == ["service:s1"]


def test_coordinates_and_contacts_are_not_taxonomy_terms(tmp_path: Path) -> None:
    G = sk.load_sample()
    sk.write_hsds(G, tmp_path)
    terms = _rows(tmp_path / "taxonomy_terms.csv")
    codes = {t["code"] for t in terms}
    assert not any(c.startswith(("lat:", "lon:", "contact:", "node_id:")) for c in codes)
    assert {"lat", "lon", "contact", "node_id"} <= codes
    assert all(t["taxonomy"] == "sociale_kaart" for t in terms)
    # a phone number goes to phones.csv, free text to an attribute's value
    phones = {r["number"] for r in _rows(tmp_path / "phones.csv")}
    assert "06 1234 0001" in phones and "14 0999" in phones
    values = {r["value"] for r in _rows(tmp_path / "attributes.csv")}
    assert "ask Ayşe at the mosque tea room" in values
    H = sk.read_hsds(tmp_path)
    assert H.nodes["i_buurtklussers"]["contact"] == "06 1234 0001"
    assert H.nodes["i_naaiclub"]["contact"] == "ask Ayşe at the mosque tea room"


# --------------------------------------------------------------------------- output others accept

OFFICIAL = DATA / "hsds3-schema" / "datapackage.json"


def _official_report(folder: Path) -> Any:
    """Validate a folder of HSDS CSV files against the official HSDS 3.0 data package."""
    frictionless = pytest.importorskip("frictionless")
    official = json.loads(OFFICIAL.read_text(encoding="utf-8"))
    present = {p.name for p in folder.iterdir()}
    official["resources"] = [r for r in official["resources"] if r["path"] in present]
    names = {r["name"] for r in official["resources"]}
    for resource in official["resources"]:
        keys = [
            fk
            for fk in resource["schema"].get("foreignKeys", [])
            if fk["reference"]["resource"] in names
        ]
        if keys:
            resource["schema"]["foreignKeys"] = keys
        else:
            resource["schema"].pop("foreignKeys", None)
    descriptor = folder / "official-datapackage.json"
    descriptor.write_text(json.dumps(official), encoding="utf-8")
    try:
        return frictionless.validate(str(descriptor))
    finally:
        descriptor.unlink()


def _errors(report: Any) -> list[str]:
    return [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors][:20]


def _hsds_maps() -> list[tuple[str, Any]]:
    maps: list[tuple[str, Any]] = [
        ("sample", sk.load_sample),
        ("hsds3-tabular", lambda: sk.read_hsds(HSDS3 / "tabular")),
        ("hsds3-json", lambda: sk.read_hsds(HSDS3 / "services.json")),
    ]
    if SAMPLE.exists():
        maps.append(("hsds-1.1", lambda: sk.read_hsds(SAMPLE / "all_resources")))
    return maps


@pytest.mark.parametrize(("label", "load"), _hsds_maps(), ids=[m[0] for m in _hsds_maps()])
def test_write_hsds_validates_against_the_official_hsds3_package(
    tmp_path: Path, label: str, load: Any
) -> None:
    G = load()
    meta = sk.write_hsds(G, tmp_path) / "datapackage.json"
    report = _official_report(tmp_path)
    assert report.valid, _errors(report)
    own = pytest.importorskip("frictionless").validate(str(meta))
    assert own.valid, _errors(own)
    data = json.loads(meta.read_text(encoding="utf-8"))
    assert data["version"] == "3.0.0"
    official = {r["name"]: r["path"] for r in json.loads(OFFICIAL.read_text())["resources"]}
    assert all(official[r["name"]] == r["path"] for r in data["resources"])
    for name in ("organizations.csv", "services.csv", "locations.csv"):
        ids = [r["id"] for r in _rows(tmp_path / name)]
        assert all(str(uuid.UUID(i)) == i for i in ids)


def test_official_validation_can_fail(tmp_path: Path) -> None:
    sk.write_hsds(sk.load_sample(), tmp_path)
    services = tmp_path / "services.csv"
    rows = services.read_text(encoding="utf-8").splitlines()
    first = rows[1].split(",")
    first[0] = "s1"  # not a uuid
    rows[1] = ",".join(first)
    services.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = _official_report(tmp_path)
    assert not report.valid
    assert any("s1" in e for e in _errors(report))


def test_write_hsds_ids_are_stable_uuid5_of_the_source_ids(tmp_path: Path) -> None:
    G = sk.load_sample()
    sk.write_hsds(G, tmp_path / "a")
    sk.write_hsds(G, tmp_path / "b")
    for name in ("services.csv", "attributes.csv", "schedules.csv"):
        assert (tmp_path / "a" / name).read_text() == (tmp_path / "b" / name).read_text()
    services = {r["name"]: r["id"] for r in _rows(tmp_path / "a" / "services.csv")}
    assert services["Huiswerkklas"] == hsds_uuid("service", "i_huiswerkbegeleiding")
    assert services["Huiswerkklas"] == str(
        uuid.uuid5(HSDS_NAMESPACE, "service:i_huiswerkbegeleiding")
    )
    # an HSDS id that is a UUID is kept as it is
    H = sk.read_hsds(HSDS3 / "tabular")
    sk.write_hsds(H, tmp_path / "c")
    ids = {r["name"]: r["id"] for r in _rows(tmp_path / "c" / "services.csv")}
    assert ids["Taalcafé"] == hsds_uuid("service", "s1")


def test_write_hsds_normalises_or_reports_web_addresses(tmp_path: Path) -> None:
    _write(tmp_path, "organizations.csv", "id,name,website\no1,A,www.a.example\no2,B,not a site\n")
    G = sk.read_hsds(tmp_path)
    out = tmp_path / "out"
    with pytest.warns(UserWarning, match="'not a site' is not a web address"):
        sk.write_hsds(G, out)
    websites = [r["website"] for r in _rows(out / "organizations.csv")]
    assert websites == ["https://www.a.example", ""]
    H = sk.read_hsds(out)
    assert H.nodes["organization:o2"]["extra"]["x_url"] == "not a site"


# --------------------------------------------------------------------------- packages as they come

OFFICIAL_EXAMPLES = DATA / "hsds3-official"
_COUNSELLING = "service:ac148810-d857-441c-9679-408f346de14b"


def _zip_with_data_folder(source: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as handle:
        for file in sorted(source.iterdir()):
            name = file.name if file.name == "datapackage.json" else f"data/{file.name}"
            handle.write(file, name)
    return archive


@needs_sample
def test_zip_with_datapackage_at_the_root_and_csv_files_in_data(tmp_path: Path) -> None:
    folder = SAMPLE / "all_resources"
    G = sk.read_hsds(_zip_with_data_folder(folder, tmp_path / "export.zip"))
    H = sk.read_hsds(folder)
    assert sorted(G.nodes) == sorted(H.nodes)
    assert set(G.edges(keys=True)) == set(H.edges(keys=True))
    counts = {
        kind: sum(1 for _, d in G.nodes(data=True) if d["kind"] == kind)
        for kind in ("organisation", "initiative", "place")
    }
    assert counts == {
        "organisation": len(pd.read_csv(folder / "organizations.csv")),
        "initiative": len(pd.read_csv(folder / "services.csv")),
        "place": len(pd.read_csv(folder / "locations.csv")),
    }
    report = _report(G)
    found = report[report["reason"].str.contains("read from 'data/", regex=False)]
    assert "data/services.csv" in set(found["file"])


def test_zip_without_the_listed_tables_keeps_every_note_in_the_error(tmp_path: Path) -> None:
    meta = {
        "resources": [
            {"name": "organization", "path": "organizations.csv"},
            {"name": "service", "path": "services.csv"},
            {"name": "contact", "path": "contacts.csv"},
        ]
    }
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("datapackage.json", json.dumps(meta))
        handle.writestr("data/readme.txt", "nothing here")
    with pytest.raises(sk.DataError) as info:
        sk.read_hsds(archive)
    messages = [p.message for p in info.value.errors]
    assert any("organizations.csv" in str(p.file) and "not in the package" in p.message
               for p in info.value.errors)  # fmt: skip
    assert any("services.csv" in str(p.file) for p in info.value.errors)
    assert any("contacts are named people" in m for m in messages)


def test_resource_found_by_its_name_when_the_path_is_wrong(tmp_path: Path) -> None:
    meta = {"resources": [{"name": "services", "path": "export/svc_2024.csv"}]}
    (tmp_path / "datapackage.json").write_text(json.dumps(meta))
    (tmp_path / "tables").mkdir()
    _write(tmp_path / "tables", "services.csv", "id,name\ns1,Pantry\n")
    G = sk.read_hsds(tmp_path)
    assert list(G) == ["service:s1"]
    assert _report(G)["reason"].str.contains("read from 'tables/services.csv'").any()


def test_official_tabular_json_imports() -> None:
    path = OFFICIAL_EXAMPLES / "tabular.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    G = sk.read_hsds(path)
    sk.validate(G)
    kinds = sorted(d["kind"] for _, d in G.nodes(data=True))
    assert kinds.count("organisation") == len(data["organizations.csv"])
    assert kinds.count("initiative") == len(data["services.csv"])
    assert kinds.count("place") == len(data["locations.csv"])
    report = _report(G)
    ignored = set(report.loc[report["action"] == "ignored table", "column"])
    assert {"programs.csv", "contacts.csv", "funding.csv"} <= ignored
    assert G.nodes[_COUNSELLING]["languages"] == ["ur"]


@pytest.mark.parametrize(
    "name",
    ["csv", "tabular.json", "service_full.json", "organization_full.json",
     "service_at_location_full.json", "service_list.json"],
)  # fmt: skip
def test_official_hsds3_examples_import(name: str) -> None:
    G = sk.read_hsds(OFFICIAL_EXAMPLES / name)
    sk.validate(G)
    assert G.graph["hsds_version"] == "3.0"
    service = G.nodes[_COUNSELLING]
    assert service["name"] == "Community Counselling"
    assert service["organisation"] == "organization:d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert service["min_age"] == 12
    assert service["extra"]["x_alternate_name"] == "MyCity Counselling Services"
    if name != "service_list.json":
        assert service["languages"] == ["ur"]
        assert service["schedule"] == (
            "Thu, Fri 10:00-18:00; The service is available from 10 am to 6pm weekdays. "
            "The service is not available on public holidays."
        )
        place = G.nodes["location:3a19ff88-4620-4d17-9830-ac1d859eb5d5"]
        assert place.get("lat") is None  # the example's latitude of 100 is reported
        report = _report(G)
        assert (report["column"] == "lat, lon").any()


# --------------------------------------------------------------------------- meaning: eligibility

F, M = ["female"], ["male"]
# (text, min_age, max_age, genders, area): phrasings as 211 and municipal directories write them
_ELIGIBILITY: list[tuple[str, int | None, int | None, list[str], str | None]] = [
    ("60 years of age or older", 60, None, [], None),
    ("Seniors 60 years old or older", 60, None, [], None),
    ("Must be 18 years old", 18, None, [], None),
    ("Must be at least 16 years old", 16, None, [], None),
    ("Children 0-5", 0, 5, [], None),
    ("from birth - 21 years old", 0, 21, [], None),
    ("Birth to 5", 0, 5, [], None),
    ("Children 8 years old through adult", 8, None, [], None),
    ("Newborns, children, teenagers and young adults", None, None, [], None),
    ("Caregivers of seniors 60+", None, None, [], None),
    ("Parents of children 0-8", None, None, [], None),
    ("Grandparents raising grandchildren under 18", None, None, [], None),
    ("Women only", None, None, F, None),
    ("Men only", None, None, M, None),
    ("Women only, 18+", 18, None, F, None),
    ("Only women", None, None, F, None),
    ("Females only", None, None, F, None),
    ("Men only, ages 18-64", 18, 64, M, None),
    ("Alleen vrouwen", None, None, F, None),
    ("Alleen voor mannen", None, None, M, None),
    ("County residents", None, None, [], "County residents"),
    ("Harris County residents", None, None, [], "Harris County residents"),
    ("Residents of Oude Dorp", None, None, [], "Residents of Oude Dorp"),
    ("Must live in Rivierstad", None, None, [], "Must live in Rivierstad"),
    ("Inwoners van Rivierstad", None, None, [], "Inwoners van Rivierstad"),
    ("County residents 65 and older", 65, None, [], "County residents"),
    ("adults 18+", 18, None, [], None),
    ("Adults 18-64", 18, 64, [], None),
    ("Adults", 18, None, [], None),
    ("ages 12-17", 12, 17, [], None),
    ("Ages 5 to 12", 5, 12, [], None),
    ("aged 16 to 24", 16, 24, [], None),
    ("Youth ages 12 to 17", 12, 17, [], None),
    ("Teens 13 to 19", 13, 19, [], None),
    ("Between the ages of 16 and 24", 16, 24, [], None),
    ("12-17 years", 12, 17, [], None),
    ("5 to 12 year olds", 5, 12, [], None),
    ("65 and older", 65, None, [], None),
    ("62 years of age or older", 62, None, [], None),
    ("18 years of age and older", 18, None, [], None),
    ("55 years and up", 55, None, [], None),
    ("18 or over", 18, None, [], None),
    ("Seniors 60+", 60, None, [], None),
    ("Age 60+", 60, None, [], None),
    ("17 and under", None, 17, [], None),
    ("12 or younger", None, 12, [], None),
    ("under 18", None, 17, [], None),
    ("Children under the age of 18", None, 17, [], None),
    ("younger than 23", None, 22, [], None),
    ("Youth up to age 21", None, 21, [], None),
    ("Minimum age 21", 21, None, [], None),
    ("From age 16", 16, None, [], None),
    ("65 jaar en ouder", 65, None, [], None),
    ("65-plussers", 65, None, [], None),
    ("Vanaf 18 jaar", 18, None, [], None),
    ("Jongeren van 12 t/m 23 jaar", 12, 23, [], None),
    ("4 t/m 12 jaar", 4, 12, [], None),
    ("Kinderen tot 18 jaar", None, 17, [], None),
    ("jonger dan 18", None, 17, [], None),
    ("volwassenen", 18, None, [], None),
    ("Seniors", None, None, [], None),
    ("Young people", None, None, [], None),
    ("Low income families", None, None, [], None),
    ("Anyone", None, None, [], None),
    ("ages 5-150", None, None, [], None),
    ("ages 12-17 and 18+", None, None, [], None),
    ("Pregnant women", None, None, [], None),
]


def test_eligibility_table_has_at_least_60_phrasings() -> None:
    assert len(_ELIGIBILITY) >= 60
    assert len({row[0] for row in _ELIGIBILITY}) == len(_ELIGIBILITY)


@pytest.mark.parametrize(("text", "low", "high", "genders", "area"), _ELIGIBILITY)
def test_eligibility_text(
    text: str, low: int | None, high: int | None, genders: list[str], area: str | None
) -> None:
    reading = read_eligibility(text)
    assert (reading.min_age, reading.max_age) == (low, high)
    assert reading.genders == genders
    assert reading.area == area


def test_dependant_ages_and_residence_are_reported(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "services.csv",
        "id,name,eligibility_description\n"
        "s1,Respite,Caregivers of seniors 60+\n"
        "s2,Shelter,Women only; County residents\n",
    )
    G = sk.read_hsds(tmp_path)
    s1, s2 = G.nodes["service:s1"], G.nodes["service:s2"]
    assert s1.get("min_age") is None
    assert s2["genders"] == ["female"]
    assert s2["extra"]["x_area_note"] == "County residents"
    report = _report(G)
    reasons = report.groupby("id")["reason"].agg(" | ".join)
    assert "dependant" in reasons["s1"]
    assert "County residents" in reasons["s2"]


# --------------------------------------------------------------------------- meaning: taxonomy


@pytest.mark.parametrize(
    ("term", "themes"),
    [
        ("Community Clinics", ["physical_health"]),
        ("Social Health Insurance", ["physical_health"]),
        ("Community", ["community_participation"]),
        ("Social Security", ["finances"]),
        ("Utility Payment Assistance", ["finances"]),
        ("Camps", ["time_use"]),
        ("Summer Camps", ["time_use"]),
        ("Case Management", []),
        ("Adult Day Programs", ["time_use"]),
        ("Homemaker Assistance", ["instrumental_adl"]),
        ("Support Groups", ["social_network"]),
        ("Drug Use Disorders", ["substance_use"]),
        ("Paralegal Training", None),  # "legal" is no word in it
        ("Parenting Skills Classes", ["parenting"]),
        ("Apparent Rent", ["housing"]),  # "rent", not "parent"
        ("Socialization", None),
        ("Community Gardens", ["time_use"]),
    ],
)
def test_taxonomy_terms_match_whole_words_not_substrings(
    term: str, themes: list[str] | None
) -> None:
    assert TaxonomyMatcher(sk.DEFAULT_TAXONOMY_MAP).themes(term) == themes


def test_broad_parents_and_target_populations_hand_down_no_theme(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name\ns1,A\ns2,B\ns3,C\ns4,D\n")
    _write(
        tmp_path,
        "taxonomy_terms.csv",
        "id,name,parent_id\n"
        "top,Income Support and Employment,\n"
        "t1,Unemployment Insurance Claims,top\n"
        "pop,Target Populations,\n"
        "t2,Homeless People,pop\n"
        "mh,Mental Health,\n"
        "t3,Zeer specifiek,mh\n"
        "t4,Debt Counselling,top\n",
    )
    _write(
        tmp_path,
        "attributes.csv",
        "id,link_id,taxonomy_term_id,link_entity\n"
        "a1,s1,t1,service\na2,s2,t2,service\na3,s3,t3,service\na4,s4,t4,service\n",
    )
    G = sk.read_hsds(tmp_path)
    themes = {n: G.nodes[f"service:{n}"]["themes"] for n in ("s1", "s2", "s3", "s4")}
    assert themes == {"s1": [], "s2": [], "s3": ["mental_health"], "s4": ["finances"]}
    report = _report(G).set_index("id")
    assert report.loc["t1", "action"] == "unmapped term"
    assert report.loc["t2", "action"] == "ignored term"


_POPULATION_TERMS: list[tuple[str, int | None, int | None, list[str]]] = [
    ("Infants", 0, 1, []),
    ("Infants/Toddlers", 0, 2, []),
    ("Toddlers", 1, 2, []),
    ("Preschool Age Children", 3, 5, []),
    ("School Age Children", 5, 12, []),
    ("Children", 0, 12, []),
    ("Adolescents", 13, 17, []),
    ("Teens", 13, 19, []),
    ("Youth", 12, 24, []),
    ("Young Adults", 18, 24, []),
    ("Transition Age Youth", 16, 24, []),
    ("Adults", 18, None, []),
    ("Older Adults", 60, None, []),
    ("Seniors/Older Adults", 60, None, []),
    ("SENIORS", 60, None, []),
    ("Aging", 60, None, []),
    ("Women", None, None, ["female"]),
    ("Pregnant Women", None, None, ["female"]),
    ("Mothers", None, None, ["female"]),
    ("Girls", 0, 17, ["female"]),
    ("Men", None, None, ["male"]),
    ("Fathers", None, None, ["male"]),
    ("Boys", 0, 17, ["male"]),
    ("Preadolescent Children", 9, 12, []),
    ("Middle School Students", 11, 14, []),
    ("Frail Elderly", 60, None, []),
    ("Pregnant Women - Third Trimester", None, None, ["female"]),
    ("Teenage Fathers", 13, 19, ["male"]),
]


def _population_package(folder: Path, terms: list[tuple[str, str]], services: str) -> Path:
    """Services with Target Populations terms: terms are (service id, term name)."""
    folder.mkdir(exist_ok=True)
    _write(folder, "services.csv", services)
    names = sorted({name for _, name in terms})
    ids = {name: f"t{i}" for i, name in enumerate(names)}
    _write(
        folder,
        "taxonomy_terms.csv",
        "id,name,parent_id\npop,Target Populations,\n"
        + "".join(f"{ids[name]},{name},pop\n" for name in names),
    )
    _write(
        folder,
        "attributes.csv",
        "id,link_id,taxonomy_term_id,link_entity\n"
        + "".join(f"a{i},{sid},{ids[name]},service\n" for i, (sid, name) in enumerate(terms)),
    )
    return folder


@pytest.mark.parametrize(("term", "min_age", "max_age", "genders"), _POPULATION_TERMS)
def test_target_populations_terms_give_ages_and_genders(
    tmp_path: Path, term: str, min_age: int | None, max_age: int | None, genders: list[str]
) -> None:
    G = sk.read_hsds(_population_package(tmp_path, [("s1", term)], "id,name\ns1,A\n"))
    node = G.nodes["service:s1"]
    assert (node.get("min_age"), node.get("max_age"), node["genders"]) == (
        min_age,
        max_age,
        genders,
    )
    assert node["themes"] == []
    report = _report(G)
    line = report[report["id"] == "t0"]
    assert list(line["action"]) == ["read"]
    assert "Target Populations" in line["reason"].iloc[0]


@pytest.mark.parametrize(
    "term",
    [
        "Veterans",
        "Caregivers",
        "Parents",
        "Homeless People",
        "Low Income",
        "Immigrants",
        "Parents of Infants/Toddlers",  # the age is a dependant's
        "Families With Children",
        "Children of Abused Women/Men",
    ],
)
def test_target_populations_terms_without_age_or_gender_stay_ignored(
    tmp_path: Path, term: str
) -> None:
    G = sk.read_hsds(_population_package(tmp_path, [("s1", term)], "id,name\ns1,A\n"))
    node = G.nodes["service:s1"]
    assert (node.get("min_age"), node.get("max_age"), node["genders"], node["themes"]) == (
        None,
        None,
        [],
        [],
    )
    report = _report(G)
    assert list(report.loc[report["id"] == "t0", "action"]) == ["ignored term"]


def test_target_populations_round_trip_with_eligibility(tmp_path: Path) -> None:
    source = _population_package(
        tmp_path / "in",
        [
            ("s1", "Seniors"),  # only the term: 60 and over
            ("s2", "Seniors"),  # the text says 18+: the text is kept, reported
            ("s3", "Children"),
            ("s3", "Adults"),  # together: no age limit
            ("s4", "Children"),
            ("s4", "Adolescents"),  # together: 0-17
            ("s5", "Women"),  # the text says men only: kept, reported
            ("s6", "Older Adults"),
            ("s6", "Women"),  # 60 and over, female
            ("s7", "Seniors"),  # the age columns agree: nothing to report
        ],
        "id,name,eligibility_description,minimum_age\n"
        "s1,Lunch club,,\n"
        "s2,Walk-in,Must be 18 years old,\n"
        "s3,Family cafe,,\n"
        "s4,Homework club,,\n"
        "s5,Barbershop talk,Men only,\n"
        "s6,Knitting circle,,\n"
        "s7,Seniors gym,,60\n",
    )
    G = sk.read_hsds(source)
    got = {
        n: (G.nodes[f"service:{n}"].get("min_age"), G.nodes[f"service:{n}"].get("max_age"))
        for n in ("s1", "s2", "s3", "s4", "s5", "s6", "s7")
    }
    assert got == {
        "s1": (60, None),
        "s2": (18, None),
        "s3": (None, None),
        "s4": (0, 17),
        "s5": (None, None),
        "s6": (60, None),
        "s7": (60, None),
    }
    genders = {n: G.nodes[f"service:{n}"]["genders"] for n in ("s1", "s5", "s6")}
    assert genders == {"s1": [], "s5": ["male"], "s6": ["female"]}
    report = _report(G)
    kept = report[report["reason"].str.contains("Target Populations term\\(s\\)")]
    kept = kept.set_index("id")
    assert set(kept.index) == {"s2", "s5"}
    assert set(kept["action"]) == {"kept"}
    assert "'Seniors' say ages 60 and over" in kept.loc["s2", "reason"]
    assert "ages 18 and over" in kept.loc["s2", "reason"]
    assert kept.loc["s5", "column"] == "genders"
    # the Target Populations terms give no theme and each is read once
    assert all(G.nodes[f"service:s{i}"]["themes"] == [] for i in range(1, 8))
    assert (report["action"] == "read").sum() == 6  # Seniors, Children, Adults, ...: six terms
    # and the ages travel: write_hsds -> read_hsds keeps them
    back = sk.read_hsds(sk.write_hsds(G, tmp_path / "out"))
    for node, data in G.nodes(data=True):
        if data["kind"] == "initiative":
            assert (back.nodes[node].get("min_age"), back.nodes[node].get("max_age")) == got[
                node.split(":")[1]
            ]
            assert back.nodes[node]["genders"] == data["genders"]


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ("Monday-Friday", "Mon, Tue, Wed, Thu, Fri 09:00-17:00"),
        ("Mon - Wed", "Mon, Tue, Wed 09:00-17:00"),
        ("Saturday to Monday", "Sat, Sun, Mon 09:00-17:00"),
        ("MO,WE", "Mon, Wed 09:00-17:00"),
        ("Monday and Thursday", "Mon, Thu 09:00-17:00"),
    ],
)
def test_schedule_day_ranges(tmp_path: Path, days: str, expected: str) -> None:
    G = sk.read_hsds(_schedule_package(tmp_path, f'h1,s1,"{days}",9am,5pm\n'))
    assert G.nodes["service:s1"]["schedule"] == expected
    assert not (_report(G)["file"] == "schedules.csv").any()


def test_ids_with_list_separators_are_reported(tmp_path: Path) -> None:
    _write(tmp_path, "services.csv", "id,name\na;b,Pantry\n")
    G = sk.read_hsds(tmp_path)
    assert list(G) == ["service:a_b"]
    changed = _report(G)[lambda r: r["action"] == "changed id"]
    assert list(changed["value"]) == ["a;b"]


def _a_211_export(folder: Path, services: int = 60) -> Path:
    """A 211-style HSDS 1.x export: datapackage.json at the root, CSVs in data/, one number
    used as the id of an organisation, a service and a location, 12-hour times, 'en'."""
    data = folder / "data"
    data.mkdir(parents=True)
    orgs = [{"id": i, "name": f"Agency {i}", "description": "x"} for i in range(1, 21)]
    locs = [{"id": i, "organization_id": i, "name": f"Site {i}", "latitude": 40.0 + i / 100,
             "longitude": -74.0} for i in range(1, 21)]  # fmt: skip
    svcs = [{"id": i, "organization_id": (i - 1) % 20 + 1, "name": f"Program {i}",
             "status": "inactive" if i % 10 == 0 else "active"}
            for i in range(1, services + 1)]  # fmt: skip
    sal = [{"id": i, "service_id": i, "location_id": (i - 1) % 20 + 1}
           for i in range(1, services + 1)]  # fmt: skip
    sched = [{"id": i, "service_id": i, "weekday": "Monday-Friday", "opens_at": "9:00 AM",
              "closes_at": "5:00 PM", "original_text": "Mon-Fri 9am-5pm"}
             for i in range(1, services + 1)]  # fmt: skip
    langs = [{"id": i, "service_id": i, "language": ["en", "Spanish", "Creole"][i % 3]}
             for i in range(1, services + 1)]  # fmt: skip
    tables = {
        "organizations": orgs,
        "locations": locs,
        "services": svcs,
        "services_at_location": sal,
        "regular_schedules": sched,
        "languages": langs,
    }
    resources = []
    for name, rows in tables.items():
        pd.DataFrame(rows).to_csv(data / f"{name}.csv", index=False)
        resources.append({"name": name, "path": f"{name}.csv"})
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}))
    archive = folder.parent / f"{folder.name}.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                handle.write(file, str(file.relative_to(folder)))
    return archive


def test_a_211_export_imports_with_counts_as_pandas_counts(tmp_path: Path) -> None:
    archive = _a_211_export(tmp_path / "export")
    G = sk.read_hsds(archive)
    sk.validate(G)
    data = tmp_path / "export" / "data"
    for kind, table in (("organisation", "organizations"), ("initiative", "services"),
                        ("place", "locations")):  # fmt: skip
        assert sum(d["kind"] == kind for _, d in G.nodes(data=True)) == len(
            pd.read_csv(data / f"{table}.csv")
        )
    assert G.number_of_edges(*("service:1", "location:1")) == 1
    report = _report(G)
    assert not (report["action"] == "changed id").any()
    assert not report["action"].str.startswith("dropped").any()
    schedules = {d["schedule"] for _, d in G.nodes(data=True) if d["kind"] == "initiative"}
    assert schedules == {"Mon, Tue, Wed, Thu, Fri 09:00-17:00"}
    languages = {tuple(d["languages"]) for _, d in G.nodes(data=True) if d["kind"] == "initiative"}
    assert languages == {("en",), ("es",), ("ht",)}
    assert (report["action"] == "changed value").sum() == 20  # each Creole, reported
    statuses = [d["extra"]["x_status"] for _, d in G.nodes(data=True) if d["kind"] == "initiative"]
    assert statuses.count("inactive") == 6
    # and out again: valid HSDS 3.0, and back the same
    out = tmp_path / "hsds3"
    sk.write_hsds(G, out)
    assert _official_report(out).valid
    H = sk.read_hsds(out)
    assert _full_view(H) == _full_view(G)


def test_round_trip_of_a_team_map_and_a_merged_map_is_exact(tmp_path: Path) -> None:
    team = sk.load_sample()
    maps = [team]
    if SAMPLE.exists():
        maps.append(sk.merge(team, sk.read_hsds(SAMPLE / "all_resources", id_prefix="hsds:")))
    for position, G in enumerate(maps):
        out = tmp_path / str(position)
        sk.write_hsds(G, out)
        assert _official_report(out).valid
        H = sk.read_hsds(out)
        offers = {n for n, d in G.nodes(data=True) if d["kind"] in OFFER_AND_PLACE}
        assert set(H) == offers
        assert {n: dict(H.nodes[n]) for n in H} == {n: dict(G.nodes[n]) for n in offers}
        # HSDS holds who runs a service and where things are, not partnerships or referrals
        kept = {
            (u, v, k)
            for u, v, k in G.edges(keys=True)
            if u in offers and v in offers and k in ("runs", "located_at")
        }
        assert set(H.edges(keys=True)) == kept


OFFER_AND_PLACE = ("organisation", "initiative", "place")
