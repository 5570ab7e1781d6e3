"""Reading the referral journal kept in a map: the journal, its chains, its outcomes.

The journal is validated by ``sociale_kaart.core.journal`` and kept in
``G.graph["referrals"]`` (and ``G.graph["contacts"]``); it adds no ties.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from sociale_kaart.core.checks import require_map
from sociale_kaart.core.journal import (
    REFERRAL_COLUMNS,
    referral_summary,
    validate_contacts,
    validate_referrals,
)
from sociale_kaart.core.strings import check_language, text
from sociale_kaart.privacy.suppression import MIN_CELL_DEFAULT, check_min_cell, suppress_small

__all__ = ["journal", "referral_chains", "referral_outcomes", "with_journal"]

_EMPTY = pd.DataFrame(columns=list(REFERRAL_COLUMNS))
#: Who a table is for (the same two audiences as the report).
_AUDIENCES: tuple[str, ...] = ("team", "public")
#: The ``by`` columns a public outcome table may use: none of them names a person.
_PUBLIC_BY: tuple[str, ...] = ("target", "theme", "companion", "level", "neighbourhood")
#: ``by`` values read from the map, not from a journal column: the level of the
#: offer referred to, and the neighbourhood of the resident.
_MAP_BY: dict[str, tuple[str, str]] = {
    "level": ("target", "level"),
    "neighbourhood": ("resident", "neighbourhood"),
}


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


def referral_outcomes(
    G: nx.MultiDiGraph,
    *,
    by: str = "target",
    audience: str = "team",
    min_cell: int = MIN_CELL_DEFAULT,
    language: str = "en",
) -> pd.DataFrame:
    """Counts and rates of referrals by a column: how many started, how fast.

    A referral counts as *started* when it reached ``started`` (or
    ``completed``); it is grouped by the value of ``by`` on its first step.
    Referrals with no value in ``by`` (a referral without a theme) keep a
    row of their own, with a missing label: none is dropped.

    For the team (``audience="team"``) the table is complete. For the public
    (``audience="public"``) it holds no person and no small cell:

    * ``by`` must be ``target``, ``theme``, ``companion``, ``level`` or
      ``neighbourhood`` (grouping by resident or referrer would name people);
      referrals to a professional
      are counted together in one row labelled "a professional";
    * counts from 1 to ``min_cell - 1`` are suppressed with
      :func:`~sociale_kaart.privacy.suppression.suppress_small`, and so are
      counts whose complement (the referrals that did *not* start, or were
      not rejected) is that small; a hidden count hides the rate and the
      median that follow from it. A column ``suppressed`` tells which rows
      lost a cell.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The social map with a journal; it is not changed.
    by : str, optional
        A journal column (``target``, ``referrer``, ``theme``, ``companion``,
        ...), or ``level`` (the level of the offer referred to: informal,
        general, specialised; missing for a professional) or ``neighbourhood``
        (the resident's), read from the map.
    audience : {"team", "public"}, default "team"
        Who the table is for, as in :func:`~sociale_kaart.report`.
    min_cell : int, default 10
        The public threshold for small cells (at least 5).
    language : {"en", "nl"}
        The language of the "a professional" label in the public table.

    Returns
    -------
    pandas.DataFrame
        Indexed by the values of ``by``: ``referrals``, ``started``,
        ``rejected``, ``start_rate``, ``median_days_to_start`` (plus
        ``suppressed`` for the public).

    Raises
    ------
    ValueError
        For a ``by`` that is not a journal column (or names people, for the
        public), an unknown ``audience`` or language, or ``min_cell`` below 5.

    References
    ----------
    Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Nordholt,
    E. S., Spicer, K., & de Wolf, P.-P. (2012). *Statistical Disclosure
    Control*. Wiley. https://doi.org/10.1002/9781118348239 (the threshold
    rule for frequency tables).

    Examples
    --------
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> list(sk.referral_outcomes(nx.MultiDiGraph()).columns)
    ['referrals', 'started', 'rejected', 'start_rate', 'median_days_to_start']
    >>> G = sk.load_sample()
    >>> team = sk.referral_outcomes(G, by="companion")
    >>> team[["referrals", "started"]].values.tolist()
    [[224, 101], [85, 63]]
    >>> public = sk.referral_outcomes(G, by="theme", audience="public")
    >>> bool(public["suppressed"].any()), bool(public["referrals"].min() >= 10)
    (True, True)
    """
    require_map(G)
    if by not in REFERRAL_COLUMNS and by not in _MAP_BY:
        raise ValueError(
            f"by={by!r} is not a journal column; use one of {', '.join(REFERRAL_COLUMNS)}, "
            f"or {' or '.join(_MAP_BY)}"
        )
    if audience not in _AUDIENCES:
        raise ValueError(f"audience must be 'team' or 'public', not {audience!r}")
    check_language(language)
    min_cell = check_min_cell(min_cell)
    public = audience == "public"
    if public and by not in _PUBLIC_BY:
        raise ValueError(
            f"by={by!r} would name people in a public table; "
            f"use one of {', '.join(_PUBLIC_BY)}, or audience='team'"
        )
    table = journal(G)
    columns = ["referrals", "started", "rejected", "start_rate", "median_days_to_start"]
    if table.empty:
        empty = pd.DataFrame(columns=columns).rename_axis(by)
        return empty.assign(suppressed=pd.Series(dtype=bool)) if public else empty
    summary = referral_summary(table)
    first = table.drop_duplicates("referral").set_index("referral")
    if by in _MAP_BY:
        column, attribute = _MAP_BY[by]
        values = dict(G.nodes(data=attribute))
        keys = first[column].map(lambda node: values.get(node)).astype(object)
    else:
        keys = first[by].astype(object)
    keys = keys.where(~keys.map(_is_blank), None)
    if public and by == "target":
        label = text("journal.a_professional", language)
        kinds = dict(G.nodes(data="kind"))
        keys = keys.map(lambda v: label if kinds.get(v) == "professional" else v)
    frame = pd.DataFrame(
        {
            by: keys.reindex(summary.index).to_numpy(),
            "started": summary["started"].to_numpy(),
            "rejected": summary["rejected"].to_numpy(),
            "days": summary["days_to_start"].astype("Float64").to_numpy(),
        }
    )
    out = frame.groupby(by, dropna=False, sort=True).agg(
        referrals=("started", "size"),
        started=("started", "sum"),
        rejected=("rejected", "sum"),
        median_days_to_start=("days", "median"),
    )
    out["median_days_to_start"] = out["median_days_to_start"].astype(float)
    out["start_rate"] = out["started"] / out["referrals"]
    out = out[columns]
    if not public:
        return out
    return suppress_small(
        out,
        ["referrals", "started", "rejected"],
        min_cell=min_cell,
        complements={"started": "referrals", "rejected": "referrals"},
        linked={
            "referrals": ["started", "rejected", "start_rate", "median_days_to_start"],
            "started": ["start_rate", "median_days_to_start"],
        },
    )


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value) == ""
