"""Hypothesis strategies for valid social maps, for this and downstream test suites.

Needs `hypothesis <https://hypothesis.readthedocs.io>`_, a test dependency:
``pip install 'sociale_kaart[test]'``.

Examples
--------
>>> from hypothesis import given, settings
>>> import sociale_kaart as sk
>>> from sociale_kaart.testing import maps
>>> @settings(max_examples=5, deadline=None)
... @given(maps())
... def test_valid(G):
...     sk.validate(G)
>>> test_valid()
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import networkx as nx

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised by tests/test_setup.py
    raise ImportError(
        "sociale_kaart.testing needs hypothesis, a test dependency; install it with "
        "pip install 'sociale_kaart[test]'"
    ) from exc

from sociale_kaart.core.builder import ENTITY_TABLES, Row, Table, build_graph, table_columns
from sociale_kaart.core.columnar import sparse_record
from sociale_kaart.core.records import GENDERS, LEVELS, RELATION_RULES
from sociale_kaart.core.themes import DEFAULT_THEMES

__all__ = ["graphs_equal", "map_records", "maps", "safe_text"]

_THEMES = sorted(DEFAULT_THEMES)
_LANGS = ["nl", "ar", "tr", "pl", "en", "pt", "so"]
_TAGS = ["eu_citizen", "meedoen_pass", "newcomer", "wmo_indication"]
_NBS = ["Havenkwartier", "Molenbuurt", "Parkzicht", "Oude Dorp"]


def safe_text(max_size: int = 20) -> st.SearchStrategy[str]:
    """Any printable text (no control characters or surrogates), as in real files.

    Leading and trailing white space is stripped on input, so the strategy
    strips it too; empty text means a missing value.
    """
    return st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=max_size
    ).map(str.strip)


_ids = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_.\-]{0,9}\Z")
_dates = st.dates(min_value=_dt.date(2015, 1, 1), max_value=_dt.date(2026, 1, 1))
_coords = st.floats(min_value=-90, max_value=90, allow_nan=False, allow_infinity=False)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _sub(pool: list[str], max_size: int = 3) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(pool), max_size=max_size, unique=True)


@st.composite
def _resident(draw: st.DrawFn, node_id: str, text: st.SearchStrategy[str]) -> dict[str, Any]:
    needs = draw(st.dictionaries(st.sampled_from(_THEMES), _maybe(st.integers(1, 5)), max_size=3))
    return {
        "id": node_id,
        "name": draw(text) or None,
        "neighbourhood": draw(_maybe(st.sampled_from(_NBS))),
        "birth_year": draw(_maybe(st.integers(1920, 2020))),
        "gender": draw(_maybe(st.sampled_from(GENDERS))),
        "languages": draw(_sub(_LANGS)),
        "needs": needs,
        "offers": draw(_sub(_THEMES, 2)),
        "statuses": draw(_sub(_TAGS)),
        "lat": draw(_maybe(_coords)),
        "lon": draw(_maybe(_coords)),
        "postcode": draw(_maybe(st.from_regex(r"\A[1-9][0-9]{3} [A-Z]{2}\Z"))),
    }


@st.composite
def _professional(
    draw: st.DrawFn, node_id: str, text: st.SearchStrategy[str], orgs: list[str]
) -> dict[str, Any]:
    return {
        "id": node_id,
        "name": draw(text) or None,
        "role": draw(_maybe(st.sampled_from(["social_worker", "district_nurse", "sports_coach"]))),
        "organisation": draw(_maybe(st.sampled_from(orgs))) if orgs else None,
        "team": draw(_maybe(st.just("Buurtteam"))),
        "neighbourhoods": draw(_sub(_NBS, 2)),
        "hours_per_week": draw(_maybe(st.sampled_from([8.0, 16.0, 24.5, 36.0]))),
        "languages": draw(_sub(_LANGS)),
    }


@st.composite
def _offer(draw: st.DrawFn, node_id: str, text: st.SearchStrategy[str]) -> dict[str, Any]:
    min_age = draw(_maybe(st.integers(0, 70)))
    max_age = draw(_maybe(st.integers(min_age or 0, 120)))
    return {
        "id": node_id,
        "name": draw(text) or None,
        "themes": draw(_sub(_THEMES)),
        "level": draw(_maybe(st.sampled_from(LEVELS))),
        "neighbourhood": draw(_maybe(st.sampled_from(_NBS))),
        "serves": draw(_sub(_NBS, 2)),
        "min_age": min_age,
        "max_age": max_age,
        "genders": draw(_sub(list(GENDERS), 1)),
        "languages": draw(_sub(_LANGS)),
        "requires": draw(_sub(_TAGS, 1)),
        "excludes": draw(_sub(_TAGS, 1)),
        "grants": draw(_sub(_TAGS, 1)),
        "capacity": draw(_maybe(st.integers(0, 40))),
        "cost_eur": draw(_maybe(st.sampled_from([0.0, 2.5, 10.0]))),
        "schedule": draw(text) or None,
        "last_verified": draw(_maybe(_dates)),
        "description": draw(text) or None,
        "contact": draw(text) or None,
        "lat": draw(_maybe(_coords)),
        "lon": draw(_maybe(_coords)),
    }


@st.composite
def map_records(
    draw: st.DrawFn,
    *,
    max_nodes: int = 12,
    max_relations: int = 20,
    text: st.SearchStrategy[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Records per table (Python values) that make a valid map.

    Parameters
    ----------
    max_nodes : int
        At most this many nodes (at least one).
    max_relations : int
        At most this many relations.
    text : hypothesis.strategies.SearchStrategy, optional
        For names, descriptions and other free text; :func:`safe_text` by default.
    """
    text = safe_text() if text is None else text
    ids = draw(st.lists(_ids, min_size=1, max_size=max_nodes, unique_by=str.lower))
    kinds = [draw(st.sampled_from(list(ENTITY_TABLES.values()))) for _ in ids]
    by_kind: dict[str, list[str]] = {k: [] for k in ENTITY_TABLES.values()}
    for node_id, kind in zip(ids, kinds, strict=True):
        by_kind[kind].append(node_id)
    orgs, places = by_kind["organisation"], by_kind["place"]
    records: dict[str, list[dict[str, Any]]] = {t: [] for t in (*ENTITY_TABLES, "relations")}
    for node_id in by_kind["resident"]:
        records["residents"].append(draw(_resident(node_id, text)))
    for node_id in by_kind["professional"]:
        records["professionals"].append(draw(_professional(node_id, text, orgs)))
    for node_id in by_kind["organisation"]:
        rec = draw(_offer(node_id, text))
        rec["type"] = draw(text) or None
        records["organisations"].append(rec)
    for node_id in by_kind["initiative"]:
        rec = draw(_offer(node_id, text))
        rec["organisation"] = draw(_maybe(st.sampled_from(orgs))) if orgs else None
        rec["place"] = draw(_maybe(st.sampled_from(places))) if places else None
        records["initiatives"].append(rec)
    for node_id in by_kind["place"]:
        records["places"].append(
            {
                "id": node_id,
                "name": draw(text) or None,
                "type": draw(_maybe(st.sampled_from(["library", "supermarket bench"]))),
                "neighbourhood": draw(_maybe(st.sampled_from(_NBS))),
                "description": draw(text) or None,
                "lat": draw(_maybe(_coords)),
                "lon": draw(_maybe(_coords)),
            }
        )
    seen: set[tuple[str, str, str]] = set()
    for _ in range(draw(st.integers(0, max_relations))):
        relation = draw(st.sampled_from(sorted(RELATION_RULES)))
        sources, targets = RELATION_RULES[relation]
        us = [n for k in sorted(sources) for n in by_kind[k]]
        vs = [n for k in sorted(targets) for n in by_kind[k]]
        if not us or not vs:
            continue
        u, v = draw(st.sampled_from(us)), draw(st.sampled_from(vs))
        if u == v or (u, v, relation) in seen:
            continue
        seen.add((u, v, relation))
        records["relations"].append(
            {
                "source": u,
                "target": v,
                "relation": relation,
                "trust": draw(_maybe(st.integers(1, 4))),
                "intensity": draw(
                    _maybe(st.sampled_from(["awareness", "cooperation", "coordination"]))
                ),
                "hours_per_month": draw(_maybe(st.sampled_from([1.0, 2.5, 8.0]))),
                "since": draw(_maybe(_dates)),
            }
        )
    return records


def build_from_records(records: dict[str, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    """Build a map from :func:`map_records` output through the validating builder."""
    tables = {
        name: Table(
            name,
            name,
            list(table_columns(name)),
            [Row(dict(r), line) for line, r in enumerate(rows, start=2)],
        )
        for name, rows in records.items()
    }
    return build_graph(tables, name="hypothesis", source="sociale_kaart.testing")


def maps(
    *,
    max_nodes: int = 12,
    max_relations: int = 20,
    text: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[nx.MultiDiGraph]:
    """A strategy for valid social maps (built through the validating builder).

    Parameters
    ----------
    max_nodes, max_relations : int
        Size limits.
    text : hypothesis.strategies.SearchStrategy, optional
        For free text fields; :func:`safe_text` by default. Pass e.g. a
        strategy of HTML payloads to test escaping.

    Examples
    --------
    >>> from sociale_kaart.testing import maps
    >>> G = maps(max_nodes=3).example()  # doctest: +SKIP
    """
    return map_records(max_nodes=max_nodes, max_relations=max_relations, text=text).map(
        build_from_records
    )


def graphs_equal(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> bool:
    """Whether two maps hold the same nodes, edges, attributes and themes.

    Graph metadata that differs between loads (``name``, ``source``,
    ``loaded_at``) is ignored. An absent attribute is unset, as a None one
    and an empty ``extra`` are: a map built by the builder, which keeps only
    the attributes that are set, equals the same map with every field present.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.testing import graphs_equal
    >>> graphs_equal(sk.load_sample(), sk.load_sample())
    True
    """
    if G.graph.get("themes") != H.graph.get("themes"):
        return False
    if {n: sparse_record(d) for n, d in G.nodes(data=True)} != {
        n: sparse_record(d) for n, d in H.nodes(data=True)
    }:
        return False
    edges_g = {(u, v, k): sparse_record(d) for u, v, k, d in G.edges(keys=True, data=True)}
    edges_h = {(u, v, k): sparse_record(d) for u, v, k, d in H.edges(keys=True, data=True)}
    return edges_g == edges_h
