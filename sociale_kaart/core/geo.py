"""Great-circle distances, written once for every layer that measures one."""

from __future__ import annotations

from typing import Any, overload

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "haversine_km"]

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
