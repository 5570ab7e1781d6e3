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


def _ei(pairs: pd.DataFrame, a: str, b: str) -> float:
    """Krackhardt and Stern's E-I index over the pairs whose two ends have a group."""
    both = pairs[a].notna() & pairs[b].notna()
    if not both.any():
        return float("nan")
    external = int((pairs.loc[both, a] != pairs.loc[both, b]).sum())
    internal = int(both.sum()) - external
    return (external - internal) / (external + internal)


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
    nodes = list(G)
    nb = {n: G.nodes[n].get("neighbourhood") for n in nodes}
    org = {n: _org_group(G.nodes[n], n) for n in nodes}
    role = {
        n: (G.nodes[n].get("role") if G.nodes[n].get("kind") == "professional" else None)
        for n in nodes
    }
    edges = pd.DataFrame(
        [
            (u, v, k, attrs.get("trust"), attrs.get("hours_per_month"))
            for u, v, k, attrs in G.edges(keys=True, data=True)
        ],
        columns=["u", "v", "relation", "trust", "hours"],
    )
    edges["trust"] = pd.to_numeric(edges["trust"], errors="coerce")
    edges["hours"] = pd.to_numeric(edges["hours"], errors="coerce")
    if len(edges):
        a = edges["u"].astype(str)
        b = edges["v"].astype(str)
        edges["p"] = np.where(a <= b, edges["u"], edges["v"])
        edges["q"] = np.where(a <= b, edges["v"], edges["u"])
    else:
        edges["p"] = edges["q"] = pd.Series(dtype=object)
    for frame_col, mapping in (("nb", nb), ("org", org), ("role", role)):
        edges[f"{frame_col}_u"] = edges["u"].map(mapping)
        edges[f"{frame_col}_v"] = edges["v"].map(mapping)
    pairs = edges.drop_duplicates(["p", "q"])

    rows: dict[str, dict[str, float]] = {}
    for group in stats.index:
        if group == TOTAL:
            inside_e = pd.Series(True, index=edges.index)
            inside_p = pd.Series(True, index=pairs.index)
        else:
            inside_e = (edges["nb_u"] == group) & (edges["nb_v"] == group)
            inside_p = (pairs["nb_u"] == group) & (pairs["nb_v"] == group)
        e, p = edges[inside_e], pairs[inside_p]
        meets = e.loc[e["relation"] == "meets", "hours"]
        rows[str(group)] = {
            "nodes": _float(stats.at[group, "nodes"]),
            "ties": _float(stats.at[group, "ties"]),
            "density": _float(stats.at[group, "density"]),
            "mean_trust": float(e["trust"].mean()) if e["trust"].notna().any() else float("nan"),
            "ei_organisations": _ei(p, "org_u", "org_v"),
            "ei_roles": _ei(p, "role_u", "role_v"),
            "components": _float(stats.at[group, "components"]),
            "isolates": _float(stats.at[group, "isolates"]),
            "meeting_hours": float(meets.sum()),
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")[list(SCORES)]
    frame.index.name = "group"
    return frame


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
