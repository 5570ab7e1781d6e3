"""The search box of the interactive map: the data its script needs, computed here.

The box filters the map's offers as :func:`sociale_kaart.find_offers` does:
by theme, near a postcode or a place, within a radius and, in the team
version only, by a resident's eligibility. The page works offline, so
everything the script needs is computed in Python and embedded as JSON
(:func:`search_data`); the script only compares, measures great-circle
distances and sorts (eligibility, then distance, then id, as
``find_offers``).

What a page holds (nothing sensitive about a resident unless asked for):

- each offer drawn on the map: id, name, kind, themes and its coordinates
  (or its place's), exactly as ``find_offers`` places it;
- each theme's words: the code, the Dutch aliases and the labels in both
  languages, normalised as :func:`~sociale_kaart.core.themes.resolve_theme`
  normalises input;
- the places to search near: places and offers (by name or id), full
  postcodes of places and offers, and four-digit postcode areas at the
  mean of their nodes' coordinates (as ``find_offers`` does for ``"1234"``),
  but an area only when it holds no resident or at least
  ``MIN_CELL_DEFAULT`` (10) residents
  with coordinates; a resident's own postcode or coordinates never;
- with ``eligibility=True`` (team pages only), for each resident drawn, the
  outcome of the eligibility rules for each offer and the reasons, in a
  compact table (see :func:`search_data`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import networkx as nx

from sociale_kaart.core.eligibility import evaluate, grant_sources, resident_fields_read
from sociale_kaart.core.geo import EARTH_RADIUS_KM, node_coordinates, normalise_postcode
from sociale_kaart.core.strings import text
from sociale_kaart.core.themes import (
    DEFAULT_THEMES,
    DUTCH_ALIASES,
    normalise_token,
    theme_label,
)
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.pictures.style import node_label
from sociale_kaart.privacy.suppression import MIN_CELL_DEFAULT

__all__ = ["search_data"]

_TEXT_KEYS = (
    "heading",
    "theme",
    "near",
    "radius",
    "resident",
    "anyone",
    "count",
    "none",
    "no_coords",
    "unknown_theme",
    "unknown_place",
    "radius_needs_near",
    "eligible_yes",
    "eligible_unknown",
    "eligible_no",
)


def _round(value: float) -> float:
    return round(float(value), 6)


def _near_points(G: nx.MultiDiGraph, chosen: Collection[Any]) -> list[dict[str, Any]]:
    """Places to search near: places and offers by name and id, postcodes, postcode areas."""
    points: list[dict[str, Any]] = []
    for n in sorted(chosen, key=str):
        attrs = G.nodes[n]
        if attrs.get("kind") not in OFFER_KINDS | {"place"}:
            continue
        where = node_coordinates(G, n)
        if where is None:
            continue
        names = {str(n), str(attrs.get("name") or n)}
        points.extend(
            {
                "key": normalise_token(k),
                "label": k,
                "lat": _round(where[0]),
                "lon": _round(where[1]),
            }
            for k in sorted(names)
        )
    areas: dict[str, list[tuple[float, float]]] = {}
    residents: dict[str, int] = {}
    full: dict[str, list[tuple[float, float]]] = {}
    for n, attrs in G.nodes(data=True):
        code = attrs.get("postcode")
        if not code:
            continue
        where = node_coordinates(G, n)
        if where is None:
            continue
        postcode = normalise_postcode(code)
        areas.setdefault(postcode[:4], []).append(where)
        if attrs.get("kind") == "resident":
            residents[postcode[:4]] = residents.get(postcode[:4], 0) + 1
        else:
            full.setdefault(postcode, []).append(where)
    for code, found in sorted(full.items()):
        if len(code) > 4:
            points.append(_mean(code, found))
    for code, found in sorted(areas.items()):
        if residents.get(code, 0) in range(1, MIN_CELL_DEFAULT):
            continue  # a small area's centre would point at a few homes
        points.append(_mean(code, found))
    return points


def _mean(code: str, found: list[tuple[float, float]]) -> dict[str, Any]:
    return {
        "key": code.lower(),
        "label": code,
        "postcode": True,
        "lat": _round(sum(p[0] for p in found) / len(found)),
        "lon": _round(sum(p[1] for p in found) / len(found)),
    }


def _eligibility(
    G: nx.MultiDiGraph,
    chosen: Iterable[Any],
    offers: list[Any],
    *,
    language: str,
    today: _dt.date | None,
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """The drawn residents and their eligibility for ``offers``, in the compact shape.

    See :func:`search_data` (Returns) for the shape.
    """
    grants = grant_sources(G)
    residents = [r for r in sorted(chosen, key=str) if G.nodes[r].get("kind") == "resident"]
    # One evaluation per offer and distinct projection of the residents onto the
    # fields its rules read (resident_fields_read), not one per pair: a team map of
    # 10,000 residents has millions of pairs and tens of thousands of projections.
    # The page holds the same: per field set, each resident's class (its distinct
    # projection); per offer, one answer per class of its field set; each distinct
    # answer and reason text once.
    reads = [(o, resident_fields_read(G.nodes[o])) for o in offers]
    field_sets = list(dict.fromkeys(fields for _, fields in reads))
    which = {fields: k for k, fields in enumerate(field_sets)}
    classes: list[list[int]] = []
    members: list[list[Any]] = []  # per field set, one resident of each class
    for fields in field_sets:
        seen: dict[tuple[Any, ...], int] = {}
        column: list[int] = []
        first: list[Any] = []
        for r in residents:
            projection = _projection(G.nodes[r], fields)
            found = None if projection is None else seen.get(projection)
            if found is None:  # a new projection, or one that cannot be a key: a class of its own
                found = len(first)
                first.append(r)
                if projection is not None:
                    seen[projection] = found
            column.append(found)
        classes.append(column)
        members.append(first)
    reasons: dict[str, int] = {}
    answers: dict[tuple[str, tuple[int, ...]], int] = {}
    per_offer: dict[str, list[Any]] = {}
    for o, fields in reads:
        k = which[fields]
        offer = G.nodes[o]
        said = []
        for r in members[k]:
            eligible, _, results = evaluate(
                G.nodes[r], offer, today=today, language=language, grants=grants
            )
            why = tuple(
                reasons.setdefault(x.reason, len(reasons)) for x in results if x.outcome != "yes"
            )
            said.append(answers.setdefault((eligible, why), len(answers)))
        per_offer[str(o)] = [k, said]
    records = [{"id": str(r), "label": node_label(G, r) or str(r)} for r in residents]
    table = {
        "fields": [list(fields) for fields in field_sets],
        "classes": classes,
        "offers": per_offer,
        "answers": [[eligible, list(why)] for eligible, why in answers],
        "reasons": list(reasons),
    }
    return records, table


def _projection(resident: Mapping[str, Any], fields: tuple[str, ...]) -> tuple[Any, ...] | None:
    """The resident's values of ``fields``, or None when one of them cannot be a key."""
    values: list[Any] = []
    for name in fields:
        value = resident.get(name)
        if isinstance(value, (list, tuple)):  # order kept: the reasons follow it
            value = (type(value), *((type(item), item) for item in value))
        else:  # with its type: 1950 and 1950.0 are one key but may read differently
            value = (type(value), value)
        try:
            hash(value)
        except TypeError:  # a set, a dict or a list in a list: a class of its own
            return None
        values.append(value)
    return tuple(values)


def search_data(
    G: nx.MultiDiGraph,
    chosen: Collection[Any],
    *,
    language: str,
    eligibility: bool = False,
    today: _dt.date | None = None,
) -> dict[str, Any] | None:
    """What the search box's script needs, for the offers among ``chosen``; None without offers.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    chosen : list
        The nodes drawn on the map.
    language : {"en", "nl"}
        The language of the box's texts and of the reasons.
    eligibility : bool, default False
        Embed each drawn resident's eligibility for each offer (team pages only).
    today : datetime.date, optional
        The day to compute ages on; today by default.

    Returns
    -------
    dict or None
        ``offers``, ``themes``, ``places``, ``residents`` (empty unless
        ``eligibility``), ``eligibility`` (None unless asked for),
        ``radius`` (the Earth's radius in km), ``language`` and ``text``
        (the box's strings, with ``{n}`` and ``{value}`` left for the
        script).

        ``residents`` lists the drawn residents (``id`` and ``label``) in
        the order of their ids as text; resident ``r`` below is a position
        in this list.
        ``eligibility`` is a dict of

        - ``fields``: the field sets, each the resident fields that some
          offers' rules read
          (:func:`~sociale_kaart.core.eligibility.resident_fields_read`);
        - ``classes``: per field set, one class number per resident:
          residents in one class agree on those fields (a resident whose
          values cannot be compared, such as a set, has a class alone);
        - ``offers``: per offer id, ``[k, said]``: ``k`` its field set,
          ``said[c]`` the answer of every resident of class ``c``, as a
          position in ``answers``;
        - ``answers``: each distinct answer once, ``[eligible, reasons]``,
          ``eligible`` one of ``"yes"``, ``"no"``, ``"unknown"`` and
          ``reasons`` (of the rules that did not say yes, in rule order) as
          positions in ``reasons``;
        - ``reasons``: each distinct reason text once.

        So resident ``r``'s answer for offer ``o`` is
        ``answers[said[classes[k][r]]]`` with ``k, said = offers[o]``.

    Notes
    -----
    Eligibility is computed once per offer and distinct projection of the
    residents onto the fields its rules read
    (:func:`~sociale_kaart.core.eligibility.resident_fields_read`), not per
    pair: at 10,000 residents and 850 offers, 77 thousand evaluations instead
    of 8.5 million; and the page holds one number per evaluation and one per
    resident and field set, each distinct answer and reason once, not one
    entry per pair (1.6 MB instead of 572 MB at that size).

    Distances are great-circle distances (Sinnott, 1984), computed by the
    script with ``sociale_kaart.core.geo.EARTH_RADIUS_KM``, the radius
    of ``sociale_kaart.core.geo.haversine_km``.

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope*, 68(2), 159.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.pictures.search import search_data
    >>> G = sk.load_sample()
    >>> data = search_data(G, list(G), language="nl")
    >>> len(data["offers"]), data["residents"], data["eligibility"]
    (38, [], None)
    >>> any(p["label"] == "3311" for p in data["places"])
    True

    With ``eligibility=True`` (team pages), one resident's answer for one
    offer, read from the table:

    >>> data = search_data(G, list(G), language="en", eligibility=True)
    >>> table = data["eligibility"]
    >>> r = [x["id"] for x in data["residents"]].index("r_samira")
    >>> k, said = table["offers"]["i_taalschool"]
    >>> eligible, reasons = table["answers"][said[table["classes"][k][r]]]
    >>> eligible, [table["reasons"][i] for i in reasons]
    ('no', ['closed to residents with EU citizenship'])
    """
    offers = [n for n in sorted(chosen, key=str) if G.nodes[n].get("kind") in OFFER_KINDS]
    if not offers:
        return None
    vocabulary = G.graph.get("themes") or DEFAULT_THEMES
    aliases: dict[str, list[str]] = {}
    for alias, code in DUTCH_ALIASES.items():
        aliases.setdefault(code, []).append(alias)
    offer_records = []
    codes: set[str] = set()
    for o in offers:
        attrs = G.nodes[o]
        where = node_coordinates(G, o)
        themes = [str(t) for t in attrs.get("themes") or ()]
        codes.update(themes)
        offer_records.append(
            {
                "id": str(o),
                "name": str(attrs.get("name") or o),
                "kind": text(f"kind.{attrs.get('kind')}", language),
                "themes": themes,
                "lat": None if where is None else _round(where[0]),
                "lon": None if where is None else _round(where[1]),
            }
        )
    theme_records = []
    for code in sorted(codes):
        words = {code, *aliases.get(code, [])}
        for lang in ("nl", "en"):
            words.add(normalise_token(theme_label(code, vocabulary, language=lang)))
        theme_records.append(
            {
                "code": code,
                "label": theme_label(code, vocabulary, language=language),
                "words": sorted(words),
            }
        )
    residents: list[dict[str, str]] = []
    table = None
    if eligibility:
        residents, table = _eligibility(G, chosen, offers, language=language, today=today)
    return {
        "offers": offer_records,
        "themes": theme_records,
        "places": _near_points(G, chosen),
        "residents": residents,
        "eligibility": table,
        "radius": EARTH_RADIUS_KM,
        "language": language,
        "text": {k: text(f"search.{k}", language, n="{n}", value="{value}") for k in _TEXT_KEYS},
    }
