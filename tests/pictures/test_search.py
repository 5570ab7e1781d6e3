"""The search box's data: what find_offers would find, and nothing sensitive about residents."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import warnings
from typing import Any

import networkx as nx
import pandas as pd
import pytest

import sociale_kaart as sk
from sociale_kaart.core.geo import haversine_km
from sociale_kaart.pictures.search import search_data


def _page_search(page: str) -> Any:
    (block,) = re.findall(r'<script type="application/json" id="[^"]+">(.*?)</script>', page, re.S)
    return json.loads(block)["search"]


def test_offers_and_their_coordinates_are_find_offers(sample: nx.MultiDiGraph) -> None:
    data = search_data(sample, list(sample), language="en")
    assert data is not None
    offers = {o["id"]: o for o in data["offers"]}
    assert set(offers) == set(sk.find_offers(sample).index)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        near = sk.find_offers(sample, near="pl_bibliotheek")
    library = next(p for p in data["places"] if p["key"] == "pl_bibliotheek")
    for offer, row in near.iterrows():
        o = offers[str(offer)]
        km = haversine_km(library["lat"], library["lon"], o["lat"], o["lon"])
        assert math.isclose(round(km, 3), row["km"], abs_tol=2e-3), offer
    # the one offer without coordinates is there, without them (the page counts it when left out)
    assert offers["i_thuisadministratie"]["lat"] is None
    assert set(offers) - set(near.index) == {"i_thuisadministratie"}


def test_a_postcode_area_is_the_mean_find_offers_uses(sample: nx.MultiDiGraph) -> None:
    data = search_data(sample, list(sample), language="en")
    assert data is not None
    area = next(p for p in data["places"] if p["label"] == "3311")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        found = sk.find_offers(sample, near="3311", radius_km=1.0)
    offers = {o["id"]: o for o in data["offers"]}
    mine = sorted(
        (round(haversine_km(area["lat"], area["lon"], o["lat"], o["lon"]), 3), i)
        for i, o in offers.items()
        if o["lat"] is not None
    )
    assert [i for km, i in mine if km <= 1.0] == list(found.index)


def test_theme_words_cover_codes_aliases_and_both_labels(sample: nx.MultiDiGraph) -> None:
    data = search_data(sample, list(sample), language="nl")
    assert data is not None
    finances = next(t for t in data["themes"] if t["code"] == "finances")
    assert {"finances", "financien", "schulden", "financiën"} <= set(finances["words"])
    assert finances["label"] == "Financiën"


def test_no_resident_data_without_eligibility(sample: nx.MultiDiGraph) -> None:
    page = sk.interactive(sample, language="en").generate_html()
    search = _page_search(page)
    assert search["residents"] == [] and search["eligibility"] is None
    assert "eu_citizen" not in json.dumps(search)
    resident_postcodes = {
        str(a["postcode"]).replace(" ", "").lower()
        for _, a in sample.nodes(data=True)
        if a.get("kind") == "resident" and len(str(a.get("postcode") or "").replace(" ", "")) > 4
    }
    keys = {p["key"] for p in search["places"]}
    assert not keys & resident_postcodes  # full postcodes of homes never
    assert {"3311", "3312", "3313", "3314"} <= keys  # areas of many homes, yes


def test_a_small_postcode_area_is_left_out() -> None:
    residents = pd.DataFrame(
        {
            "id": [f"r{i}" for i in range(12)],
            "postcode": ["1111 AA"] * 10 + ["2222 BB"] * 2,
            "lat": [52.0] * 10 + [52.1, 52.1001],
            "lon": [5.0] * 10 + [5.1, 5.1001],
        }
    )
    initiatives = pd.DataFrame(
        {"id": ["i1"], "name": ["Club"], "themes": ["loneliness"], "lat": [52.0], "lon": [5.0]}
    )
    G = sk.from_frames(residents=residents, initiatives=initiatives)
    data = search_data(G, list(G), language="en")
    assert data is not None
    keys = {p["key"] for p in data["places"]}
    assert "1111" in keys and "2222" not in keys
    assert not any(k.startswith("2222") for k in keys)


def _decode(data: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """The compact eligibility table read back pair by pair: {resident: {offer: [eligible, why]}}.

    As the page's script reads it (sk-map.js): ``answers[said[classes[k][r]]]``
    with ``[k, said] = offers[o]``, reasons by position in ``reasons``. Checks the
    shape on the way: one class per resident and field set, every index in range,
    each answer and text once.
    """
    table = data["eligibility"]
    ids = [r["id"] for r in data["residents"]]
    assert len(set(ids)) == len(ids)
    assert len(table["classes"]) == len(table["fields"])
    assert len(set(map(tuple, table["fields"]))) == len(table["fields"])  # each field set once
    assert len(set(table["reasons"])) == len(table["reasons"])  # each text once
    assert len({json.dumps(a) for a in table["answers"]}) == len(table["answers"])
    used: set[int] = set()
    used_reasons: set[int] = set()
    for column in table["classes"]:
        assert len(column) == len(ids)
    out: dict[str, dict[str, list[Any]]] = {who: {} for who in ids}
    for offer, (k, said) in table["offers"].items():
        column = table["classes"][k]
        assert set(column) == set(range(len(said)))  # one answer per class, each read
        for r, who in enumerate(ids):
            assert 0 <= said[column[r]] < len(table["answers"])
            eligible, reasons = table["answers"][said[column[r]]]
            assert eligible in ("yes", "no", "unknown")
            assert all(0 <= i < len(table["reasons"]) for i in reasons)
            out[who][offer] = [eligible, [table["reasons"][i] for i in reasons]]
            used.add(said[column[r]])
            used_reasons.update(reasons)
    assert used == set(range(len(table["answers"])))  # no answer that nobody gets
    assert used_reasons == set(range(len(table["reasons"])))
    return out


def test_eligibility_is_find_offers_for_each_resident(sample: nx.MultiDiGraph) -> None:
    data = search_data(sample, list(sample), language="nl", eligibility=True)
    assert data is not None
    residents = _decode(data)
    for who in ("r_samira", "r_henk", "r_wandel_a"):
        found = sk.find_offers(sample, for_resident=who, language="nl")
        for offer, row in found.iterrows():
            assert residents[who][str(offer)] == [row["eligible"], row["reasons"]]
    assert residents["r_samira"]["i_taalschool"] == [
        "no",
        ["niet voor bewoners met EU-nationaliteit"],
    ]


def test_the_public_report_map_has_a_search_box_without_residents(
    sample: nx.MultiDiGraph, tmp_path: Any
) -> None:
    out = sk.report(sample, tmp_path / "public.html", audience="public", language="nl")
    page = out.read_text(encoding="utf-8")
    search = _page_search(page)
    assert search["residents"] == [] and len(search["offers"]) == 38
    assert search["eligibility"] is None
    assert 'data-sk-search="theme"' in page and 'data-sk-search="resident"' not in page


def test_search_can_be_switched_off_and_flags_are_checked(sample: nx.MultiDiGraph) -> None:
    page = sk.interactive(sample, search=False).generate_html()
    assert _page_search(page) is None and 'data-sk-search="theme"' not in page
    with pytest.raises(TypeError, match="eligibility must be True or False"):
        sk.interactive(sample, eligibility="yes")  # type: ignore[arg-type]


TODAY = dt.date(2026, 11, 21)


def _every_pair(G: nx.MultiDiGraph, offers: list[Any], language: str) -> dict[str, Any]:
    """The search box's eligibility computed pair by pair (the reference)."""
    from sociale_kaart.core.eligibility import evaluate, grant_sources

    grants = grant_sources(G)
    out = {}
    for r, kind in G.nodes(data="kind"):
        if kind != "resident":
            continue
        out[str(r)] = {
            str(o): [eligible, [x.reason for x in results if x.outcome != "yes"]]
            for o in offers
            for eligible, _, results in [
                evaluate(G.nodes[r], G.nodes[o], today=TODAY, language=language, grants=grants)
            ]
        }
    return out


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("which", ["sample", "synthetic"])
def test_eligibility_once_per_projection_equals_every_pair(which: str, language: str) -> None:
    G = sk.load_sample() if which == "sample" else sk.datasets.synthetic(800, seed=3)
    # A resident whose statuses are a set: not a key, evaluated on its own.
    residents = [n for n, k in G.nodes(data="kind") if k == "resident"]
    G.nodes[residents[0]]["statuses"] = set(G.nodes[residents[0]].get("statuses") or ())
    data = search_data(G, list(G), language=language, eligibility=True, today=TODAY)
    assert data is not None
    offers = [n for n, k in G.nodes(data="kind") if k in ("initiative", "organisation")]
    found = _decode(data)
    drawn = {o for r in found.values() for o in r}
    assert drawn == {str(o) for o in offers}
    expected = _every_pair(G, offers, language)
    assert found == expected
    assert len(found) == len(residents)
    # the resident with a set is in a class of its own in every field set that reads statuses
    table = data["eligibility"]
    me = [r["id"] for r in data["residents"]].index(str(residents[0]))
    for fields, column in zip(table["fields"], table["classes"], strict=True):
        if "statuses" in fields:
            assert column.count(column[me]) == 1


def test_the_team_page_embeds_eligibility_per_class_not_per_pair() -> None:
    """Issue 16: the table grows with residents x field sets and offers x classes, not the pairs.

    The bound is derived from the shape (see ``search_data``), with the field
    sets and the distinct projections counted here on their own: each class
    number takes at most ``len(str(R)) + 2`` bytes (the digits and ``", "``),
    each offer's answer per class ``len(str(A)) + 2`` (A distinct answers);
    each offer its quoted id, ``": [k, [...]], "`` and ``k``; each distinct
    answer ``["unknown", [...]]`` at most 15 bytes plus, for each of the 8
    rules at most, a reason position and ``", "``; each reason text its JSON
    once.
    """
    from sociale_kaart.core.eligibility import RULES, resident_fields_read

    G = sk.datasets.synthetic(800, seed=5)
    page = sk.interactive(G, language="nl", eligibility=True).generate_html()
    search = _page_search(page)
    table = search["eligibility"]
    residents = [n for n, k in sorted(G.nodes(data="kind"), key=str) if k == "resident"]
    offers = [n for n, k in G.nodes(data="kind") if k in ("initiative", "organisation")]
    reads = {o: resident_fields_read(G.nodes[o]) for o in offers}
    field_sets = set(reads.values())
    classes = {  # distinct projections, by repr (1950 and 1950.0, [a] and (a,) differ)
        fields: len({tuple(repr(G.nodes[r].get(f)) for f in fields) for r in residents})
        for fields in field_sets
    }
    evaluations = sum(classes[reads[o]] for o in offers)
    n_r, n_reasons, n_answers = len(residents), len(table["reasons"]), len(table["answers"])
    assert n_answers <= evaluations
    bound = (
        n_r * len(field_sets) * (len(str(n_r)) + 2)
        + evaluations * (len(str(n_answers)) + 2)
        + n_answers * (15 + len(RULES) * (len(str(n_reasons)) + 2))
        + sum(len(json.dumps(str(o), ensure_ascii=False)) + 20 for o in offers)
        + sum(len(json.dumps(t, ensure_ascii=False)) + 2 for t in table["reasons"])
        + 200  # the keys and the field names
    )
    embedded = len(json.dumps(table, ensure_ascii=False).encode("utf-8"))
    assert embedded <= bound
    # and the bound is far below one entry per pair (an id and an empty answer each)
    pairs = n_r * len(offers)
    assert len(RULES) == 8 and bound * 5 < pairs * len('"i0": ["yes", []], ')
    assert len(search["residents"]) == n_r and len(table["offers"]) == len(offers)
