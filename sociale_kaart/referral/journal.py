"""Reading the referral journal kept in a map: the journal, its chains, its outcomes.

The journal is validated by ``sociale_kaart.core.journal`` and kept in
``G.graph["referrals"]`` (and ``G.graph["contacts"]``); it adds no ties.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.journal import REFERRAL_COLUMNS, validate_contacts, validate_referrals

__all__ = ["journal", "referral_chains", "referral_outcomes", "with_journal"]

_EMPTY = pd.DataFrame(columns=list(REFERRAL_COLUMNS))


def with_journal(
    G: nx.MultiDiGraph, referrals: pd.DataFrame, *, contacts: pd.DataFrame | None = None
) -> nx.MultiDiGraph:
    """Return a copy of the map that carries a validated referral journal.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map; it is not changed.
    referrals : pandas.DataFrame
        One row per status event (see ``REFERRAL_COLUMNS`` in ``sociale_kaart.core.journal``).
    contacts : pandas.DataFrame, optional
        Contact moments (see ``CONTACT_COLUMNS`` there).

    Returns
    -------
    networkx.MultiDiGraph
        A copy of ``G`` with ``graph["referrals"]`` (and ``graph["contacts"]``); no new ties.

    Raises
    ------
    DataError
        Listing every problem in the journal, with its row.

    Examples
    --------
    >>> import sociale_kaart as sk, pandas as pd
    >>> G = sk.load_sample()
    >>> first = {k: next(n for n, d in G.nodes(data=True) if d["kind"] == k)
    ...          for k in ("resident", "professional", "initiative")}
    >>> t = pd.DataFrame({"referral": ["a"], "date": ["2026-01-05"], "status": ["proposed"],
    ...                   "resident": [first["resident"]], "referrer": [first["professional"]],
    ...                   "target": [first["initiative"]]})
    >>> H = sk.with_journal(G, t)
    >>> len(sk.journal(H)), H.number_of_edges() == G.number_of_edges()
    (1, True)
    """
    require_map(G)
    table = validate_referrals(G, referrals)
    H = G.copy()
    H.graph["referrals"] = table
    if contacts is not None:
        H.graph["contacts"] = validate_contacts(G, contacts, referrals=table)
    return H


def journal(G: nx.MultiDiGraph) -> pd.DataFrame:
    """The referral journal of a map, one row per status event.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map.

    Returns
    -------
    pandas.DataFrame
        A copy of the journal (empty, with its columns, when the map has none).

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> list(sk.journal(nx.MultiDiGraph()).columns)[:3]
    ['referral', 'date', 'status']
    """
    require_map(G)
    table = G.graph.get("referrals")
    return (_EMPTY if table is None else table).copy()


def referral_chains(G: nx.MultiDiGraph) -> pd.DataFrame:
    """One row per referral: its chain root, depth, last status and dates.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map.

    Returns
    -------
    pandas.DataFrame
        Indexed by referral id, columns ``root``, ``depth``, ``parent``,
        ``resident``, ``referrer``, ``target``, ``status``, ``first``, ``last``.

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> len(sk.referral_chains(nx.MultiDiGraph()))
    0
    """
    table = journal(G)
    columns = [
        "root",
        "depth",
        "parent",
        "resident",
        "referrer",
        "target",
        "status",
        "first",
        "last",
    ]
    if table.empty:
        return pd.DataFrame(columns=columns).rename_axis("referral")
    grouped = table.groupby("referral", sort=False)
    out = grouped.agg(
        parent=("parent", "first"),
        resident=("resident", "first"),
        referrer=("referrer", "first"),
        target=("target", "first"),
        status=("status", "last"),
        first=("date", "min"),
        last=("date", "max"),
    )
    parents = {k: v for k, v in out["parent"].items() if isinstance(v, str) and v}
    roots, depths = [], []
    for ref in out.index:
        depth, node = 0, ref
        while node in parents:
            node, depth = parents[node], depth + 1
        roots.append(node)
        depths.append(depth)
    out["root"], out["depth"] = roots, depths
    return out[columns]


def referral_outcomes(G: nx.MultiDiGraph, *, by: str = "target") -> pd.DataFrame:
    """Counts and rates of referrals by a column: how many started, how fast.

    A referral counts as *started* when it reached ``started`` (or
    ``completed``). Small cells are not suppressed here: this table is for
    the professionals who keep the journal, not for the public.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map with a journal.
    by : str, optional
        A journal column: ``target``, ``referrer``, ``theme``, ``companion``.

    Returns
    -------
    pandas.DataFrame
        Indexed by the values of ``by``: ``referrals``, ``started``,
        ``rejected``, ``start_rate``, ``median_days_to_start``.

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> list(sk.referral_outcomes(nx.MultiDiGraph()).columns)
    ['referrals', 'started', 'rejected', 'start_rate', 'median_days_to_start']
    """
    table = journal(G)
    columns = ["referrals", "started", "rejected", "start_rate", "median_days_to_start"]
    if by not in REFERRAL_COLUMNS:
        raise ValueError(
            f"by={by!r} is not a journal column; use one of {', '.join(REFERRAL_COLUMNS)}"
        )
    if table.empty:
        return pd.DataFrame(columns=columns).rename_axis(by)
    rows = []
    for _ref, steps in table.groupby("referral", sort=False):
        statuses = set(steps["status"])
        start_dates = steps.loc[steps["status"].isin(["started", "completed"]), "date"]
        days = (start_dates.min() - steps["date"].min()).days if len(start_dates) else None
        rows.append(
            {
                by: steps[by].iloc[0],
                "started": bool(statuses & {"started", "completed"}),
                "rejected": "rejected" in statuses,
                "days": days,
            }
        )
    frame = pd.DataFrame(rows)
    out = frame.groupby(by).agg(
        referrals=("started", "size"),
        started=("started", "sum"),
        rejected=("rejected", "sum"),
        median_days_to_start=("days", "median"),
    )
    out["start_rate"] = out["started"] / out["referrals"]
    return out[columns]
