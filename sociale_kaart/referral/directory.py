"""A searchable directory: which offers are there for a theme, near a place, for a resident?

:func:`~sociale_kaart.find_offers` is the first feature of a municipal
sociale kaart website: *what is there for language, near this postcode, for
this person?* It filters the map's offers (initiatives and organisations) by
theme and by distance, and, when a resident is given, checks each offer with
the eligibility rules (:mod:`sociale_kaart.core.eligibility`) and gives the
reasons.

Distances are great-circle distances (``sociale_kaart.core.geo.haversine_km``)
between the search point and the offer's coordinates; an initiative without
coordinates takes those of its place (``located_at``). An offer without any
coordinates is never "near": with ``near`` given it is left out, and a
warning says how many were left out, so that no offer disappears silently.
"""

from __future__ import annotations

import datetime as _dt
import re
import warnings
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.eligibility import evaluate
from sociale_kaart.core.errors import NodeNotFoundError
from sociale_kaart.core.geo import haversine_km, node_coordinates, normalise_postcode
from sociale_kaart.core.strings import check_language
from sociale_kaart.core.vocabulary import OFFER_KINDS
from sociale_kaart.referral.suggest import _check_resident, _resolve_need

__all__ = ["OFFER_COLUMNS", "find_offers"]

#: The columns of :func:`~sociale_kaart.find_offers`, in order.
OFFER_COLUMNS: tuple[str, ...] = (
    "kind",
    "name",
    "themes",
    "level",
    "neighbourhood",
    "km",
    "eligible",
    "room",
    "reasons",
)

_POSTCODE = re.compile(r"\A\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*\Z")
_RANK = {"yes": 0, "unknown": 1, "no": 2}


def _point(G: nx.MultiDiGraph, near: Any) -> tuple[float, float]:
    """The search point: a node id, a postcode, or ``(lat, lon)``."""
    if isinstance(near, tuple | list):
        if len(near) != 2:
            raise ValueError(f"near={near!r}: give (lat, lon), two numbers")
        lat, lon = float(near[0]), float(near[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"near={near!r} is not a (lat, lon) in degrees: latitude first")
        return lat, lon
    if not isinstance(near, str):
        raise TypeError(
            f"near must be a node id, a postcode or (lat, lon), not {type(near).__name__}"
        )
    if near in G:
        found = node_coordinates(G, near)
        if found is None:
            raise ValueError(
                f"near={near!r}: this node has no coordinates (lat, lon); "
                "add them or search near a postcode"
            )
        return found
    match = _POSTCODE.match(near)
    if match is None:
        raise NodeNotFoundError(
            f"near={near!r} is neither a node on the map nor a postcode ('1234 AB' or '1234')"
        )
    digits, letters = match.group(1), (match.group(2) or "").upper()
    wanted = digits + letters
    points = []
    for node, attrs in G.nodes(data=True):
        code = attrs.get("postcode")
        if not code or not normalise_postcode(code).startswith(wanted):
            continue
        found = node_coordinates(G, node)
        if found is not None:
            points.append(found)
    if not points:
        raise ValueError(
            f"near={near!r}: no node on the map with postcode {wanted} has coordinates; "
            "give the four digits only, a node id or (lat, lon)"
        )
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def find_offers(
    G: nx.MultiDiGraph,
    *,
    theme: str | None = None,
    near: str | tuple[float, float] | None = None,
    radius_km: float | None = None,
    for_resident: str | None = None,
    today: _dt.date | None = None,
    language: str = "en",
) -> pd.DataFrame:
    """Search the map's offers by theme, distance and, for a resident, eligibility.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    theme : str, optional
        A theme code or label (``"language"``, ``"taal"``); all offers when
        omitted.
    near : str or tuple of float, optional
        Where to search from: a node id (its coordinates, or its place's), a
        postcode (``"1234 AB"``, or ``"1234"`` for the whole area: the mean
        of the coordinates of the nodes with that postcode) or
        ``(lat, lon)`` in degrees.
    radius_km : float, optional
        Only offers at most this far from ``near``; needs ``near``.
    for_resident : str, optional
        A resident's id: each offer is checked with the eligibility rules
        and the reasons are given.
    today : datetime.date, optional
        The day to compute ages on; today by default.
    language : {"en", "nl"}
        The language of the reasons.

    Returns
    -------
    pandas.DataFrame
        Indexed by offer id, with the columns in
        :data:`~sociale_kaart.referral.directory.OFFER_COLUMNS`: ``km`` is
        the distance from ``near`` (NaN without ``near``); ``eligible``
        (``"yes"``, ``"unknown"``, ``"no"``), ``room`` and ``reasons`` (list
        of str: the rules that did not say yes) are filled only with
        ``for_resident`` (else ``None`` and empty lists). Rows are sorted by
        eligibility (with a resident), then distance (with ``near``), then
        id.

    Raises
    ------
    ValueError
        If the theme is unknown, ``radius_km`` is given without ``near`` or
        is negative, or ``near`` cannot be placed.
    NodeNotFoundError
        If ``for_resident`` (or a ``near`` that is not a postcode) is not on
        the map.

    Warns
    -----
    UserWarning
        When ``near`` is given and offers of the theme have no coordinates:
        they are left out, and the warning names how many.

    Notes
    -----
    Eligibility follows the declarative rules of
    :mod:`sociale_kaart.core.eligibility`. Distances are great-circle
    distances (Sinnott, 1984). A search result supports a professional's
    judgement; it does not replace it.

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope*, 68(2), 159.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> found = sk.find_offers(G, theme="language", near="pl_bibliotheek", radius_km=1.0)
    >>> list(found.index), list(found["km"])
    (['i_taalcafe', 'i_taalmaatjes', 'i_taalschool', 'o_bibliotheek'], [0.0, 0.0, 0.0, 0.0])
    >>> for_samira = sk.find_offers(G, theme="language", for_resident="r_samira")
    >>> for_samira.loc["i_taalschool", ["eligible", "reasons"]].tolist()
    ['no', ['closed to residents with EU citizenship']]
    """
    require_map(G)
    check_language(language)
    code = _resolve_need(G, theme) if theme is not None else None
    resident = _check_resident(G, for_resident) if for_resident is not None else None
    if radius_km is not None:
        if near is None:
            raise ValueError("radius_km needs near=: a node id, a postcode or (lat, lon)")
        if radius_km < 0:
            raise ValueError(f"radius_km={radius_km} is negative: give a distance of 0 or more")
    point = _point(G, near) if near is not None else None
    grants: dict[str, list[str]] = {}
    for node, attrs in G.nodes(data=True):
        if attrs.get("kind") in OFFER_KINDS:
            for tag in attrs.get("grants") or []:
                grants.setdefault(tag, []).append(str(attrs.get("name") or node))
    rows: list[dict[str, Any]] = []
    no_coords: list[str] = []
    for node, attrs in sorted(G.nodes(data=True), key=lambda item: str(item[0])):
        if attrs.get("kind") not in OFFER_KINDS:
            continue
        themes = list(attrs.get("themes") or ())
        if code is not None and code not in themes:
            continue
        km = float("nan")
        if point is not None:
            where = node_coordinates(G, node)
            if where is None:
                no_coords.append(str(node))
                continue
            km = float(haversine_km(point[0], point[1], where[0], where[1]))
            if radius_km is not None and km > radius_km:
                continue
        row: dict[str, Any] = {
            "offer": node,
            "kind": attrs.get("kind"),
            "name": attrs.get("name") or str(node),
            "themes": themes,
            "level": attrs.get("level"),
            "neighbourhood": attrs.get("neighbourhood"),
            "km": round(km, 3),
            "eligible": None,
            "room": None,
            "reasons": [],
        }
        if resident is not None:
            eligible, room, results = evaluate(
                resident, attrs, today=today, language=language, grants=grants
            )
            row["eligible"] = eligible
            row["room"] = room
            row["reasons"] = [r.reason for r in results if r.outcome != "yes"]
        rows.append(row)
    if no_coords:
        shown = ", ".join(no_coords[:5]) + (" ..." if len(no_coords) > 5 else "")
        warnings.warn(
            f"find_offers: {len(no_coords)} offer(s) without coordinates left out of a search "
            f"near {near!r} ({shown}); add lat and lon, or a place with them",
            UserWarning,
            stacklevel=2,
        )
    frame = pd.DataFrame(rows, columns=["offer", *OFFER_COLUMNS])
    if not frame.empty:
        keys = frame.assign(
            _rank=frame["eligible"].map(lambda e: _RANK.get(e, 0)),
            _km=frame["km"].fillna(0.0),
        ).sort_values(["_rank", "_km", "offer"], kind="mergesort")
        frame = frame.loc[keys.index]
    return frame.set_index("offer")
