"""The map as it stood on one day, and a series of dated maps.

A map may carry the days its records started and ended (see
:data:`~sociale_kaart.core.records.LIFECYCLE`). :func:`~sociale_kaart.snapshot` keeps only
the records and ties current on a day; :func:`~sociale_kaart.read_series` reads a folder of
separately kept dated maps. Both give plain maps, so every analysis runs on
them unchanged.

Why a layer of its own (``sociale_kaart.change``) and not a module of
``analysis``: comparing two moments needs the gaps and the coverage matrix,
which sit in the gaps layer above analysis. This layer sits above gaps and
below pictures, so it may use everything it compares, and nothing below it
has to know about time.

Why :func:`~sociale_kaart.snapshot` copies rather than rebuilds through the builder: every
node and tie of ``G`` has been validated already, and a snapshot only leaves
records out. Copying keeps each attribute exactly as it was (so a snapshot of
a map taken on a day after every change equals the map), and it takes a
second at 100,000 residents where rebuilding would take fifteen. The one
thing a copy has to mend is a reference to a record that is gone: an
initiative whose organisation has closed keeps no ``organisation``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from sociale_kaart.core.builder import gc_paused
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.records import LIFECYCLE

__all__ = ["MapSeries", "as_of", "read_series", "snapshot"]

#: The node attributes that name another node, and the kinds that have them.
_REFERENCES: dict[str, tuple[str, ...]] = {
    "professional": ("organisation",),
    "initiative": ("organisation", "place"),
}
_DATE_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:$|[ _\-.])")


def _day(value: Any, name: str) -> _dt.date:
    """A day from a date, a datetime or an ISO text, or a clear error."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise TypeError(f"{name} must be a date (datetime.date or 'YYYY-MM-DD' text), not {value!r}")


def _stored_date(value: Any, what: str, field: str) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value.date() if isinstance(value, _dt.datetime) else value
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(
        f"{what} has {field}={value!r}, which is not a date: load the map with a reader "
        "of sociale_kaart (which checks dates), or write the date as YYYY-MM-DD"
    )


def _current(attrs: Mapping[str, Any], fields: tuple[str, str], day: _dt.date, what: str) -> bool:
    start_field, end_field = fields
    start = _stored_date(attrs.get(start_field), what, start_field)
    if start is not None and start > day:
        return False
    end = _stored_date(attrs.get(end_field), what, end_field)
    return end is None or day < end


def as_of(G: nx.MultiDiGraph) -> _dt.date | None:
    """The day a map describes, or ``None`` for a map without one (it describes "now").

    :func:`~sociale_kaart.snapshot` and :func:`~sociale_kaart.read_series`
    set it, in ``G.graph["as_of"]``.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.change import as_of
    >>> G = sk.load_sample()
    >>> as_of(G) is None
    True
    >>> as_of(sk.snapshot(G, on="2026-11-01"))
    datetime.date(2026, 11, 1)
    """
    value = G.graph.get("as_of")
    return None if value is None else _day(value, "G.graph['as_of']")


def snapshot(G: nx.MultiDiGraph, *, on: _dt.date | str) -> nx.MultiDiGraph:
    """The map as it stood on one day: only the records and ties current then.

    A record is current on day ``on`` when its start (``moved_in``,
    ``started``, ``opened``; empty means "always") is on or before ``on``
    and its end (``moved_out``, ``left``, ``closed``; empty means "still")
    is after ``on``: the end date is the first day it is gone. A tie is
    current when its ``since`` and ``until`` say so and both its ends are
    current.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map, with dates or without (then nothing is left out).
    on : datetime.date or str
        The day, as a date or ``"YYYY-MM-DD"``.

    Returns
    -------
    networkx.MultiDiGraph
        A new map (``G`` is not changed) with the current nodes and ties, in
        ``G``'s order, their attributes copied (a new dict per node and
        tie). An ``organisation`` or ``place`` that names a node no longer
        current is emptied. ``G.graph`` is copied, with ``"as_of"`` set to
        the day (see :func:`~sociale_kaart.change.as_of`).

    Raises
    ------
    TypeError
        If ``on`` is not a date.
    ValueError
        If a stored date of ``G`` is not a date.

    See Also
    --------
    read_series : dated maps kept in separate files.
    diff : what changed between two maps.

    Notes
    -----
    Copying costs a pass over the nodes and ties; the reasons to copy
    rather than rebuild are in :mod:`sociale_kaart.change.snapshot`.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> "p_opbouw" in sk.snapshot(H, on="2026-11-01")
    True
    >>> "p_opbouw" in sk.snapshot(H, on="2026-11-21")
    False
    """
    require_map(G)
    day = _day(on, "on")
    out = nx.MultiDiGraph()
    out.graph.update(G.graph)
    out.graph["as_of"] = day.isoformat()
    keep: dict[Hashable, dict[str, Any]] = {}
    for node, attrs in G.nodes(data=True):
        kind = attrs.get("kind", "")
        fields = LIFECYCLE.get(kind)
        if (
            fields is None
            or (attrs.get(fields[0]) is None and attrs.get(fields[1]) is None)
            or _current(attrs, fields, day, f"node {node!r}")
        ):
            keep[node] = attrs
    _fill(out, _current_nodes(keep), _current_ties(G, keep, day))
    return out


def _current_nodes(
    keep: Mapping[Hashable, Mapping[str, Any]],
) -> Iterator[tuple[Hashable, dict[str, Any]]]:
    """A copy of each current node's attributes, references to nodes gone emptied (left out)."""
    for node, attrs in keep.items():
        copy = dict(attrs)
        for field in _REFERENCES.get(attrs.get("kind", ""), ()):
            ref = copy.get(field)
            if ref is not None and ref not in keep:
                del copy[field]  # unset, as the builder leaves it
        yield node, copy


def _current_ties(
    G: nx.MultiDiGraph, keep: Mapping[Hashable, Any], day: _dt.date
) -> Iterator[tuple[Hashable, Hashable, dict[Any, dict[str, Any]]]]:
    """Per pair ``(u, v)`` of current nodes, in ``G``'s order: a copy of its current ties by key."""
    tie = LIFECYCLE["relation"]
    start, end = tie
    for u, nbrs in G.adjacency():
        if u not in keep:
            continue
        for v, keydict in nbrs.items():
            if v not in keep:
                continue
            kept = {
                k: attrs.copy()
                for k, attrs in keydict.items()
                if (attrs.get(start) is None and attrs.get(end) is None)
                or _current(attrs, tie, day, f"tie {u!r} -> {v!r} ({k})")
            }
            if kept:
                yield u, v, kept


def _fill(
    out: nx.MultiDiGraph,
    nodes: Iterable[tuple[Hashable, dict[str, Any]]],
    ties: Iterable[tuple[Hashable, Hashable, dict[Any, dict[str, Any]]]],
) -> None:
    """Put nodes and ties into the new, empty map ``out`` in one pass over its dicts.

    This is what ``out.add_nodes_from`` and ``out.add_edges_from`` would
    leave behind, in the same order, but at a third of the cost at 100,000
    residents (issue 12, scale): networkx keeps a MultiDiGraph as
    ``_node[n] = attrs``, ``_succ[u][v] = {key: attrs}`` and ``_pred[v][u]``
    the same key dict (``_adj`` is ``_succ``). ``out`` is new, so it has no
    cache to clear and no view that could have seen it empty. The garbage
    collector is paused meanwhile: the new dicts hold no cycles, and its
    passes over the growing map were a third of the time.
    """
    node_dict, succ, pred = out._node, out._succ, out._pred
    if out.number_of_nodes() or succ is not out._adj:  # pragma: no cover - another networkx
        out.add_nodes_from(nodes)
        out.add_edges_from((u, v, k, d) for u, v, kept in ties for k, d in kept.items())
        return
    with gc_paused():
        for node, attrs in nodes:
            node_dict[node] = attrs
            succ[node] = {}
            pred[node] = {}
        for u, v, kept in ties:
            succ[u][v] = kept
            pred[v][u] = kept


@dataclass(frozen=True)
class MapSeries:
    """Dated maps in order of date: iterate it for ``(date, G)`` pairs.

    Make one with :func:`~sociale_kaart.read_series`, :meth:`~sociale_kaart.MapSeries.from_pairs` or
    :meth:`~sociale_kaart.MapSeries.from_snapshots`.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> series = sk.MapSeries.from_snapshots(H, ["2026-11-21", "2026-11-01"])
    >>> [d.isoformat() for d in series.dates]
    ['2026-11-01', '2026-11-21']
    >>> day, G = series[-1]
    >>> "p_opbouw" in G
    False
    """

    dates: tuple[_dt.date, ...]
    maps: tuple[nx.MultiDiGraph, ...]

    def __post_init__(self) -> None:
        if len(self.dates) != len(self.maps):
            raise ValueError("a MapSeries needs one map per date")
        if list(self.dates) != sorted(set(self.dates)):
            raise ValueError("the dates of a MapSeries must be distinct and in order")

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[Any, nx.MultiDiGraph]]) -> MapSeries:
        """A series from ``(date, G)`` pairs in any order (the maps are not changed)."""
        items = sorted(((_day(d, "date"), G) for d, G in pairs), key=lambda p: p[0])
        seen = [d for d, _ in items]
        dupes = sorted({d for d in seen if seen.count(d) > 1})
        if dupes:
            raise ValueError(
                f"two maps for the same date {dupes[0].isoformat()}: keep one map per date"
            )
        for day, G in items:
            if not isinstance(G, nx.MultiDiGraph):
                raise TypeError(f"the map of {day.isoformat()} is not a networkx.MultiDiGraph")
        return cls(tuple(d for d, _ in items), tuple(G for _, G in items))

    @classmethod
    def from_snapshots(cls, G: nx.MultiDiGraph, dates: Iterable[Any]) -> MapSeries:
        """The :func:`~sociale_kaart.snapshot` of one dated map on each of ``dates``."""
        return cls.from_pairs((d, snapshot(G, on=d)) for d in dates)

    def __len__(self) -> int:
        return len(self.dates)

    def __iter__(self) -> Iterator[tuple[_dt.date, nx.MultiDiGraph]]:
        return iter(zip(self.dates, self.maps, strict=True))

    def __getitem__(self, index: int) -> tuple[_dt.date, nx.MultiDiGraph]:
        return self.dates[index], self.maps[index]


def entry_date(path: Path) -> _dt.date | None:
    """The day a folder or file name starts with (``2026-01-15...``), or None."""
    match = _DATE_PREFIX.match(path.name)
    if match is None:
        return None
    try:
        return _dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


def read_series(path: str | Path) -> MapSeries:
    """Read a folder of dated maps into a :class:`~sociale_kaart.MapSeries`, ordered by date.

    The folder holds one map per date: a sub-folder of CSV files (read with
    :func:`~sociale_kaart.read_csv`) or one Excel workbook (``.xlsx``, read
    with :func:`~sociale_kaart.read_excel`), its name starting with the date
    as ``YYYY-MM-DD``, optionally followed by a space, ``_``, ``-`` or ``.``
    and any text: ``2026-01-15/``, ``2026-06-01 after the summer/``,
    ``2026-11-21.xlsx``. Names starting with ``.`` or ``_`` and README files
    are skipped.

    Parameters
    ----------
    path : str or pathlib.Path
        The folder.

    Returns
    -------
    MapSeries
        The maps in order of date; each map's ``G.graph["as_of"]`` is its date.

    Raises
    ------
    FileNotFoundError
        If ``path`` is not a folder.
    ValueError
        If an entry has no date in its name, two entries have the same date,
        or there is no dated map at all.
    sociale_kaart.DataError
        If a map is not valid (the message names its files).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> H = sk.load_sample("rivierwijk_history")
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for day in ["2026-11-01", "2026-11-21"]:
    ...     _ = sk.write_csv(sk.snapshot(H, on=day), folder / day)
    >>> series = sk.read_series(folder)
    >>> [d.isoformat() for d in series.dates], len(series[0][1]) - len(series[1][1])
    (['2026-11-01', '2026-11-21'], 1)
    """
    from sociale_kaart.io.formats import read_csv, read_excel

    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder: give the folder of dated maps")
    pairs: list[tuple[_dt.date, nx.MultiDiGraph]] = []
    where: dict[_dt.date, str] = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith((".", "_")) or entry.stem.lower() == "readme":
            continue
        day = entry_date(entry)
        is_map = entry.is_dir() or entry.suffix.lower() == ".xlsx"
        if day is None or not is_map:
            raise ValueError(
                f"{entry.name!r} in {folder} is not a dated map: name each map's folder or "
                "workbook (.xlsx) after its date, e.g. '2026-03-01' or '2026-03-01 spring.xlsx'"
            )
        if day in where:
            raise ValueError(
                f"{where[day]!r} and {entry.name!r} in {folder} have the same date "
                f"{day.isoformat()}: keep one map per date"
            )
        where[day] = entry.name
        G = read_csv(entry) if entry.is_dir() else read_excel(entry)
        G.graph["as_of"] = day.isoformat()
        pairs.append((day, G))
    if not pairs:
        raise ValueError(
            f"{folder} holds no dated map: add one sub-folder or workbook per date, "
            "named e.g. '2026-03-01'"
        )
    return MapSeries.from_pairs(pairs)
