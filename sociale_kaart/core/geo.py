"""Great-circle distances, written once for every layer that measures one."""

from __future__ import annotations

import re
from typing import Any, overload

import networkx as nx
import numpy as np

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "node_coordinates", "normalise_postcode"]

#: The mean Earth radius (IUGG), for great-circle distances.
EARTH_RADIUS_KM = 6371.0088


@overload
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float: ...
@overload
def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray: ...
def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in kilometres between points in degrees.

    Takes numbers or numpy arrays (which broadcast); returns a float for
    numbers and an array otherwise. NaN coordinates give NaN.

    References
    ----------
    Sinnott, R. W. (1984). Virtues of the haversine. *Sky and Telescope*, 68(2), 159.

    Examples
    --------
    >>> from sociale_kaart.core.geo import haversine_km
    >>> round(haversine_km(52.0, 5.0, 52.0, 5.0), 6)
    0.0
    >>> round(haversine_km(51.8126, 5.8372, 51.8426, 5.8597), 2)  # two points in Nijmegen
    3.68
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.subtract(lon2, lon1))
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return float(km) if np.ndim(km) == 0 else km


def node_coordinates(G: nx.MultiDiGraph, node: Any) -> tuple[float, float] | None:
    """A node's ``(lat, lon)``, or its place's (``located_at``) when it has none.

    The places are tried in the order of their ids; None when neither the node
    nor any of its places has both coordinates.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> bench = G.nodes["pl_bankje"]
    >>> node_coordinates(G, "pl_bankje") == (bench["lat"], bench["lon"])
    True
    """
    attrs = G.nodes[node]
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if lat is not None and lon is not None:
        return float(lat), float(lon)
    for _, place, rel in sorted(G.out_edges(node, keys=True), key=lambda e: str(e[1])):
        if rel == "located_at":
            p = G.nodes[place]
            if p.get("lat") is not None and p.get("lon") is not None:
                return float(p["lat"]), float(p["lon"])
    return None


def normalise_postcode(value: Any) -> str:
    """A postcode without spaces, in capitals: ``"3311 ab"`` reads ``"3311AB"``.

    Examples
    --------
    >>> normalise_postcode(" 3311 ab")
    '3311AB'
    """
    return re.sub(r"\s+", "", str(value)).upper()
