"""Network scores of a map, per neighbourhood and for the whole map, and over time.

The scores a team follows from one moment to the next (the PARTNER tool
reports the same kind of figures per survey wave): size, density, mean
trust, the E-I index between organisations and between roles, components,
isolates and the hours spent in meetings.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from sociale_kaart.analysis.stats import network_stats
from sociale_kaart.change.snapshot import MapSeries
from sociale_kaart.index.compiled import get_index

__all__ = ["SCORES", "TOTAL", "network_scores", "timeline"]

#: The label of the row for the whole map.
TOTAL = "total"

#: The score columns, in order.
SCORES: tuple[str, ...] = (
    "nodes",
    "ties",
    "density",
    "mean_trust",
    "ei_organisations",
    "ei_roles",
    "components",
    "isolates",
    "meeting_hours",
)


def _org_group(attrs: dict[str, Any], node: Hashable) -> Hashable | None:
    kind = attrs.get("kind")
    if kind == "organisation":
        return node
    if kind in ("professional", "initiative"):
        value: Hashable | None = attrs.get("organisation")
        return value
    return None


def _float(value: Any) -> float:
    return float("nan") if value is None or pd.isna(value) else float(value)


def network_scores(G: nx.MultiDiGraph) -> pd.DataFrame:
    r"""The network scores of a map: one row per neighbourhood and one for the whole map.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``group`` (the neighbourhoods, sorted, then ``"total"``),
        columns :data:`~sociale_kaart.change.SCORES`:

        ``nodes``, ``ties``, ``density``, ``components``, ``isolates``
            from :func:`~sociale_kaart.network_stats` (by neighbourhood; a
            neighbourhood's row holds its nodes and the ties among them);
        ``mean_trust``
            the mean ``trust`` (1-4) of the ties with a trust, inside the
            group (both ends in the neighbourhood) or on the whole map;
        ``ei_organisations``
            the E-I index of the tied pairs between organisations: a
            professional or initiative belongs to its ``organisation``, an
            organisation to itself; pairs with an end without one are left out;
        ``ei_roles``
            the same between the ``role`` of professionals;
        ``meeting_hours``
            the ``hours_per_month`` of the ``meets`` ties.

        Ratios without any pair to count are missing (NaN).

    See Also
    --------
    timeline : these scores for every date of a series.
    network_stats : more figures, per any grouping.

    Notes
    -----
    Pairs are counted once, whatever the direction and the number of
    relations between them. The E-I index is :math:`(E - I) / (E + I)`
    with :math:`E` the pairs across groups and :math:`I` those inside one:
    -1 when every tie stays inside an organisation (or role), +1 when every
    tie crosses.

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and
    organizational crises: an experimental simulation. *Social Psychology
    Quarterly*, 51(2), 123-140. https://doi.org/10.2307/2786835

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> scores = sk.network_scores(sk.load_sample())
    >>> scores.loc["total", ["nodes", "ties", "components", "isolates"]].tolist()
    [294.0, 1261.0, 2.0, 1.0]
    >>> round(scores.loc["total", "meeting_hours"])
    72
    """
    stats = network_stats(G, by="neighbourhood")
    # One grouped pass over the map's edge table (issue 12, scale): every
    # neighbourhood's figures at once, from the positions of the edges' ends.
    table = get_index(G).edges()
    attrs_of = dict(G.nodes(data=True))  # one walk; G.nodes[n] per node is several times slower
    node_attrs = [attrs_of[n] for n in table.nodes]
    groups = [g for g in stats.index if g != TOTAL]
    code_of = {g: i for i, g in enumerate(groups)}
    nb = np.array([code_of.get(a.get("neighbourhood"), -1) for a in node_attrs], dtype=np.int64)
    org = _codes([_org_group(a, n) for n, a in zip(table.nodes, node_attrs, strict=True)])
    role = _codes([a.get("role") if a.get("kind") == "professional" else None for a in node_attrs])
    src, dst = table.src, table.dst
    trust = _numbers(table.values("trust"))
    hours = _numbers(table.values("hours_per_month"))
    meets = table.relations == "meets"
    # Edges with both ends in one neighbourhood: their code, else -1.
    edge_group = np.where(nb[src] == nb[dst], nb[src], -1)
    # Each tied pair once, whatever the direction and the relations.
    p, q = np.minimum(src, dst), np.maximum(src, dst)
    _, first = np.unique(p * max(table.n, 1) + q, return_index=True)
    p, q = p[first], q[first]
    pair_group = edge_group[first]
    k = len(groups) + 1  # the last code is the whole map

    def per_group(codes: np.ndarray, values: np.ndarray | None = None) -> np.ndarray:
        """Sums per neighbourhood (codes >= 0), and the whole map's in the last place."""
        inside = codes >= 0
        w = None if values is None else values[inside]
        out = np.bincount(codes[inside], weights=w, minlength=k).astype(float)
        out[-1] = float(len(codes) if values is None else values.sum())
        return out

    known = ~np.isnan(trust)
    trust_sum = per_group(edge_group[known], trust[known])
    trust_n = per_group(edge_group[known])
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_trust = np.where(trust_n > 0, trust_sum / np.maximum(trust_n, 1), np.nan)
    hour_sum = per_group(edge_group[meets], np.nan_to_num(hours[meets], nan=0.0))

    def ei(codes: np.ndarray) -> np.ndarray:
        both = (codes[p] >= 0) & (codes[q] >= 0)
        external = per_group(pair_group[both], (codes[p] != codes[q])[both].astype(float))
        counted = per_group(pair_group[both])
        internal = counted - external
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(counted > 0, (external - internal) / np.maximum(counted, 1), np.nan)

    ei_org, ei_role = ei(org), ei(role)
    rows: dict[str, dict[str, float]] = {}
    # Plain lists: stats.at costs about a millisecond per cell on this frame.
    counted = {
        name: stats[name].tolist()
        for name in ("nodes", "ties", "density", "components", "isolates")
    }
    for i, group in enumerate(stats.index.tolist()):
        c = k - 1 if group == TOTAL else code_of[group]
        rows[str(group)] = {
            "nodes": _float(counted["nodes"][i]),
            "ties": _float(counted["ties"][i]),
            "density": _float(counted["density"][i]),
            "mean_trust": float(mean_trust[c]),
            "ei_organisations": float(ei_org[c]),
            "ei_roles": float(ei_role[c]),
            "components": _float(counted["components"][i]),
            "isolates": _float(counted["isolates"][i]),
            "meeting_hours": float(hour_sum[c]),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")[list(SCORES)]
    frame.index.name = "group"
    return frame


def _codes(values: list[Any]) -> np.ndarray:
    """An integer code per value, equal values equal codes; -1 for a missing value."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    codes, _ = pd.factorize(out, use_na_sentinel=True)
    return np.asarray(codes, dtype=np.int64)


def _numbers(values: list[Any]) -> np.ndarray:
    """The values as floats; anything that is not a number becomes NaN (as ``pd.to_numeric``)."""
    series = pd.Series(values, dtype=object)
    return np.asarray(pd.to_numeric(series, errors="coerce"), dtype=float)


def timeline(series: MapSeries | Iterable[tuple[Any, nx.MultiDiGraph]]) -> pd.DataFrame:
    """The network scores of every map of a series, for plotting.

    Parameters
    ----------
    series : MapSeries or iterable
        Dated maps, e.g. from :func:`~sociale_kaart.read_series` or
        :meth:`~sociale_kaart.MapSeries.from_snapshots`.

    Returns
    -------
    pandas.DataFrame
        Indexed by (``date``, ``group``), in order of date, with the columns
        of :func:`~sociale_kaart.network_scores`.

    See Also
    --------
    plot_timeline : draws it.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> days = ["2026-11-01", "2026-11-11", "2026-11-21"]
    >>> frame = sk.timeline(sk.MapSeries.from_snapshots(H, days))
    >>> frame.xs("total", level="group")["meeting_hours"].round().tolist()
    [72.0, 72.0, 36.0]
    """
    if not isinstance(series, MapSeries):
        series = MapSeries.from_pairs(series)
    parts = []
    for day, G in series:
        scores = network_scores(G)
        scores.index = pd.MultiIndex.from_product(
            [[pd.Timestamp(day)], scores.index], names=["date", "group"]
        )
        parts.append(scores)
    if not parts:
        empty = pd.MultiIndex.from_arrays([[], []], names=["date", "group"])
        return pd.DataFrame(columns=list(SCORES), index=empty, dtype=float)
    return pd.concat(parts)
