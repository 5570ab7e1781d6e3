"""Maps split by area: shard tables, Parquet partitions and per-area analyses.

Most of this library's questions are local: gaps, coverage and referrals look
a few kilometres around a resident, and a buurtteam works in its own
neighbourhoods. A city or a province can therefore be analysed one area at a
time, on one machine or on many (:mod:`sociale_kaart.scale.spark`).

The exchange format is two Parquet tables partitioned by area, plus the ties
between areas:

``nodes``
    One row per record and area: ``area``, ``table`` (``residents``,
    ``professionals``, ``initiatives``, ``organisations``, ``places``,
    ``themes`` or ``map``), ``id``, ``name`` and ``record``, the whole record
    as JSON text (dates as ISO text, lists as lists).
``ties``
    One row per tie and area whose two ends are both in that area's shard:
    ``area``, ``source``, ``target``, ``relation``, ``record``.
``boundary``
    The ties that are in no shard because their ends lie in different areas:
    ``source``, ``target``, ``relation``, ``source_area``, ``target_area``,
    ``record``. They are the input of a global step (:func:`area_graph`).

Which area a record belongs to:

* a resident or a place: its ``neighbourhood``; without one, the shard
  ``NO_AREA`` (and a warning says how many);
* a professional: every neighbourhood in ``neighbourhoods``; without any,
  every shard (a city-wide professional);
* an initiative or organisation: its ``neighbourhood`` and every area in
  ``serves``; without either, every shard (a city-wide offer, as the gap
  analysis sees it);
* the themes table and the map's name and date: every shard;
* a record that a shard's record names (a professional's organisation, an
  initiative's place) is in that shard too, so every shard validates.

A shard is rebuilt by :func:`read_shard` through :func:`sociale_kaart.from_frames`,
so it is validated like every other map; it equals the subgraph of the whole
map on the shard's nodes. The shard tables hold the full records (residents'
needs and statuses included): they are working files for an analysis inside
the organisation, not an export (see :func:`sociale_kaart.write_parquet` for that).
"""

from __future__ import annotations

import datetime as _dt
import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.analysis import centrality, structural_holes
from sociale_kaart.core.builder import IMPLIED
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.tables import plain_value
from sociale_kaart.gaps import find_gaps
from sociale_kaart.io import from_frames, to_frames
from sociale_kaart.io.atomic import PathLike, atomic_folder, written_path

__all__ = [
    "AREA_GAPS_SCHEMA",
    "AREA_MEASURES_SCHEMA",
    "NO_AREA",
    "ShardTables",
    "area_gaps",
    "area_graph",
    "area_measures",
    "read_shard",
    "read_shards",
    "shard_paths",
    "shard_tables",
    "write_shards",
]

#: The shard of residents and places that have no neighbourhood.
NO_AREA = "(none)"

#: The tables a shard is rebuilt from, in the order :func:`from_frames` takes them.
_TABLES = ("residents", "professionals", "initiatives", "organisations", "places", "themes")
#: The fields that name another record (a professional's organisation, an initiative's place).
_REFERENCES = tuple(sorted({attribute for _, attribute in IMPLIED}))
#: ``G.graph`` keys carried into every shard (as the ``map`` row).
_MAP_KEYS = ("name", "as_of")

#: Spark schema (DDL) of :func:`area_measures`' table.
AREA_MEASURES_SCHEMA = "area string, node string, measure string, value double"
#: Spark schema (DDL) of :func:`area_gaps`' table.
AREA_GAPS_SCHEMA = "area string, gap_type string, theme string, gaps long, severity double"

#: The centrality columns :func:`area_measures` keeps (ranks are per area, so left out).
_CENTRALITY = ("degree", "betweenness", "closeness", "eigenvector", "pagerank")

_NODE_COLUMNS = ["area", "table", "id", "name", "record"]
_TIE_COLUMNS = ["area", "source", "target", "relation", "record"]
_BOUNDARY_COLUMNS = ["source", "target", "relation", "source_area", "target_area", "record"]


@dataclass(frozen=True)
class ShardTables:
    """The three tables of a map split by area (see the module text).

    Attributes
    ----------
    nodes : pandas.DataFrame
        ``area``, ``table``, ``id``, ``name``, ``record``.
    ties : pandas.DataFrame
        ``area``, ``source``, ``target``, ``relation``, ``record``.
    boundary : pandas.DataFrame
        ``source``, ``target``, ``relation``, ``source_area``,
        ``target_area``, ``record``.
    """

    nodes: pd.DataFrame
    ties: pd.DataFrame
    boundary: pd.DataFrame

    @property
    def areas(self) -> list[str]:
        """The areas, sorted."""
        return sorted(self.nodes["area"].unique())


def _json(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value)
    return plain_value(value)


def _record_text(record: dict[str, Any]) -> str:
    clean = {}
    for key, value in record.items():
        if isinstance(value, float) and value != value:  # NaN: a missing cell
            continue
        if value is None or value is pd.NA or value is pd.NaT:
            continue
        clean[str(key)] = value
    return json.dumps(clean, default=_json, ensure_ascii=False, sort_keys=True)


def _list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [str(v) for v in value]
    return []


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _areas_of(table: str, row: dict[str, Any]) -> list[str] | None:
    """The areas of one record; None means every shard."""
    if table in ("residents", "places"):
        hood = _text(row.get("neighbourhood"))
        if hood is None:
            return [NO_AREA] if table == "residents" else None
        return [hood]
    if table == "professionals":
        return sorted(set(_list(row.get("neighbourhoods")))) or None
    if table in ("initiatives", "organisations"):
        hood = _text(row.get("neighbourhood"))
        found = set(_list(row.get("serves"))) | ({hood} if hood else set())
        return sorted(found) or None
    return None


def shard_tables(G: nx.MultiDiGraph, *, by: str = "neighbourhood") -> ShardTables:
    """Split a map into per-area shard tables (see ``docs/scale.md``).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A valid map.
    by : {"neighbourhood"}, default "neighbourhood"
        What an area is. Only neighbourhoods today: the unit of the gap and
        coverage analyses.

    Returns
    -------
    ShardTables
        ``nodes``, ``ties`` and ``boundary`` tables.

    Raises
    ------
    NotAMapError
        If ``G`` is not a map.
    ValueError
        If ``by`` is not ``"neighbourhood"``.

    Warns
    -----
    UserWarning
        When residents without a neighbourhood are put in the shard
        ``NO_AREA``, and when the map holds a referral journal (it is not
        sharded).

    See Also
    --------
    write_shards, read_shard

    Notes
    -----
    Sharding by area follows the practice of graph partitioning for
    distributed analysis (Karypis & Kumar 1998): most ties lie inside an area,
    so most work needs no communication; the ties between areas are kept
    apart for a global step.

    References
    ----------
    Karypis, G., & Kumar, V. (1998). A fast and high quality multilevel scheme
    for partitioning irregular graphs. *SIAM Journal on Scientific Computing*,
    20(1), 359-392. doi:10.1137/S1064827595287997

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> shards = sk.shard_tables(sk.load_sample())
    >>> shards.areas
    ['Havenkwartier', 'Molenbuurt', 'Oude Dorp', 'Parkzicht']
    >>> sorted(shards.nodes.columns)
    ['area', 'id', 'name', 'record', 'table']
    """
    require_map(G)
    if by != "neighbourhood":
        raise ValueError(f"by must be 'neighbourhood', got {by!r}")
    if G.graph.get("referrals") is not None or G.graph.get("contacts") is not None:
        warnings.warn(
            "the referral journal is not sharded: analyse it on the whole map "
            "(sk.referral_outcomes)",
            UserWarning,
            stacklevel=2,
        )
    frames = to_frames(G)
    # (table, areas or None for every shard, id, record)
    placed: list[tuple[str, list[str] | None, str, dict[str, Any]]] = []
    no_area = 0
    for table in _TABLES:
        frame = frames[table]
        for key, row in zip(frame.index, frame.to_dict("records"), strict=True):
            record: dict[str, Any] = {str(k): v for k, v in row.items()}
            if table == "themes":
                placed.append((table, None, str(record.get("code")), record))
                continue
            record = {"id": str(key), **record}
            areas = _areas_of(table, record)
            no_area += areas == [NO_AREA]
            placed.append((table, areas, str(key), record))
    meta = {k: G.graph[k] for k in _MAP_KEYS if G.graph.get(k) is not None}
    placed.append(("map", None, "map", meta))
    if no_area:
        warnings.warn(
            f"{no_area} residents have no neighbourhood: they are in the shard {NO_AREA!r}",
            UserWarning,
            stacklevel=2,
        )
    areas_all = sorted({a for _, areas, _, _ in placed if areas for a in areas})
    members: dict[str, list[int]] = {a: [] for a in areas_all}
    home: dict[str, list[str] | None] = {}
    by_id: dict[str, int] = {}
    for i, (table, areas, ident, _) in enumerate(placed):
        for area in areas_all if areas is None else areas:
            members[area].append(i)
        if table not in ("themes", "map"):
            home[ident] = areas
            by_id[ident] = i
    # a shard holds what its records name (a professional's organisation, an
    # initiative's place), so that it validates on its own
    inside: dict[str, set[str]] = {}
    for area, rows_in in members.items():
        ids = {placed[i][2] for i in rows_in if placed[i][0] not in ("themes", "map")}
        queue = list(rows_in)
        while queue:
            record = placed[queue.pop()][3]
            for attribute in _REFERENCES:
                ref = _text(record.get(attribute))
                if ref is not None and ref in by_id and ref not in ids:
                    ids.add(ref)
                    rows_in.append(by_id[ref])
                    queue.append(by_id[ref])
        inside[area] = ids
    texts = [_record_text(record) for *_, record in placed]
    rows = [
        (area, placed[i][0], placed[i][2], _text(placed[i][3].get("name")), texts[i])
        for area in areas_all
        for i in sorted(members[area])
    ]
    nodes = pd.DataFrame(rows, columns=_NODE_COLUMNS)
    ties, boundary = [], []
    relations = frames["relations"]
    for tie in relations.to_dict("records"):
        source, target = str(tie["source"]), str(tie["target"])
        text = _record_text({str(k): v for k, v in tie.items()})
        shared = [a for a in areas_all if source in inside[a] and target in inside[a]]
        for area in shared:
            ties.append((area, source, target, str(tie["relation"]), text))
        if not shared:
            boundary.append(
                (
                    source,
                    target,
                    str(tie["relation"]),
                    ";".join(home[source] or ["*"]),
                    ";".join(home[target] or ["*"]),
                    text,
                )
            )
    return ShardTables(
        nodes=nodes,
        ties=pd.DataFrame(ties, columns=_TIE_COLUMNS),
        boundary=pd.DataFrame(boundary, columns=_BOUNDARY_COLUMNS),
    )


def _owned(name: str) -> bool:
    return name in ("nodes", "ties", "boundary.parquet")


def write_shards(G: nx.MultiDiGraph, folder: PathLike, *, by: str = "neighbourhood") -> Path:
    """Write the shard tables as Parquet, partitioned by area (needs pyarrow).

    ``folder/nodes`` and ``folder/ties`` are Parquet datasets partitioned by
    ``shard`` (a whole number per area, in the order of the sorted area
    names; the area's own name is the ``area`` column), which Spark, DuckDB
    and pandas read as one table; ``folder/boundary.parquet`` holds the ties
    between areas.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A valid map.
    folder : str or path-like
        Created if missing; its ``nodes``, ``ties`` and ``boundary.parquet``
        are replaced, other entries kept.
    by : {"neighbourhood"}, default "neighbourhood"
        What an area is (see :func:`shard_tables`).

    Returns
    -------
    pathlib.Path
        The folder written. The write is atomic.

    Raises
    ------
    ImportError
        If pyarrow is not installed.

    See Also
    --------
    shard_tables, read_shards

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> folder = sk.write_shards(sk.load_sample(), tempfile.mkdtemp())
    >>> sorted(pd.read_parquet(folder / "nodes")["area"].unique())
    ['Havenkwartier', 'Molenbuurt', 'Oude Dorp', 'Parkzicht']
    """
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is installed in the test environment
        raise ImportError(
            "write_shards needs pyarrow: pip install pyarrow (or sociale_kaart[parquet])"
        ) from None
    shards = shard_tables(G, by=by)
    code = {area: i for i, area in enumerate(shards.areas)}
    with atomic_folder(folder, owns=_owned) as tmp:
        for name, frame in (("nodes", shards.nodes), ("ties", shards.ties)):
            out = frame.assign(shard=frame["area"].map(code).astype("int64"))
            out.to_parquet(tmp / name, engine="pyarrow", partition_cols=["shard"], index=False)
        shards.boundary.to_parquet(tmp / "boundary.parquet", engine="pyarrow", index=False)
    return written_path(folder)


def shard_paths(folder: PathLike) -> tuple[Path, Path, Path]:
    """The ``nodes``, ``ties`` and ``boundary`` paths of a shard folder, each checked to exist.

    Parameters
    ----------
    folder : str or path-like
        The folder :func:`~sociale_kaart.write_shards` returned.

    Returns
    -------
    tuple of pathlib.Path

    Raises
    ------
    FileNotFoundError
        If a table is missing, naming it and how to write it.

    Examples
    --------
    >>> import tempfile
    >>> import sociale_kaart as sk
    >>> from sociale_kaart.scale import shard_paths
    >>> folder = sk.write_shards(sk.load_sample(), tempfile.mkdtemp())
    >>> [p.name for p in shard_paths(folder)]
    ['nodes', 'ties', 'boundary.parquet']
    """
    root = Path(folder)
    paths = (root / "nodes", root / "ties", root / "boundary.parquet")
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(
                f"{path} is missing: write the shards with sk.write_shards(G, {str(root)!r})"
            )
    return paths


def read_shards(folder: PathLike) -> ShardTables:
    """Read the tables :func:`write_shards` wrote.

    Parameters
    ----------
    folder : str or path-like
        The folder :func:`write_shards` returned.

    Returns
    -------
    ShardTables

    Raises
    ------
    FileNotFoundError
        If a table is missing, naming it.

    Examples
    --------
    >>> import tempfile
    >>> import sociale_kaart as sk
    >>> folder = sk.write_shards(sk.load_sample(), tempfile.mkdtemp())
    >>> sk.read_shards(folder).areas
    ['Havenkwartier', 'Molenbuurt', 'Oude Dorp', 'Parkzicht']
    """
    found = {}
    paths = shard_paths(folder)
    for (name, columns), path in zip(
        (("nodes", _NODE_COLUMNS), ("ties", _TIE_COLUMNS), ("boundary.parquet", _BOUNDARY_COLUMNS)),
        paths,
        strict=True,
    ):
        frame = pd.read_parquet(path, engine="pyarrow")
        sort = [c for c in ("area", "table", "id", "source", "target") if c in columns]
        found[name] = (
            frame[columns].astype(dict.fromkeys(columns, "object")).sort_values(sort, kind="stable")
        ).reset_index(drop=True)
    return ShardTables(found["nodes"], found["ties"], found["boundary.parquet"])


def read_shard(nodes: pd.DataFrame, ties: pd.DataFrame) -> nx.MultiDiGraph:
    """Build the map of one area from its rows of the shard tables.

    This is the function a worker calls on its group (``applyInPandas``).
    The map is built through :func:`sociale_kaart.from_frames`, so a shard
    is validated like any other map.

    Parameters
    ----------
    nodes : pandas.DataFrame
        The area's rows of the ``nodes`` table (``table``, ``record``;
        other columns are ignored).
    ties : pandas.DataFrame
        The area's rows of the ``ties`` table (``record``).

    Returns
    -------
    networkx.MultiDiGraph

    Raises
    ------
    DataError
        If a record does not validate (the table and row named), or a tie
        names a node that is not in the shard.
    ValueError
        If the rows hold more than one area.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> shards = sk.shard_tables(sk.load_sample())
    >>> nodes = shards.nodes[shards.nodes["area"] == "Molenbuurt"]
    >>> ties = shards.ties[shards.ties["area"] == "Molenbuurt"]
    >>> H = sk.read_shard(nodes, ties)
    >>> H.graph["area"]
    'Molenbuurt'
    """
    areas = set(nodes["area"]) | set(ties["area"]) if "area" in nodes else set()
    if len(areas) > 1:
        raise ValueError(
            f"the rows hold {len(areas)} areas ({sorted(map(str, areas))[:3]}...): "
            "pass the rows of one area, e.g. nodes[nodes['area'] == name]"
        )
    frames: dict[str, pd.DataFrame] = {}
    meta: dict[str, Any] = {}
    for table, group in nodes.groupby("table", sort=False):
        records = [json.loads(text) for text in group["record"]]
        if table == "map":
            meta = records[0] if records else {}
            continue
        frames[str(table)] = pd.DataFrame.from_records(records)
    if len(ties):
        frames["relations"] = pd.DataFrame.from_records([json.loads(t) for t in ties["record"]])
    G = from_frames(
        **{t: frames.get(t) for t in (*_TABLES, "relations")},
        name=meta.get("name"),
    )
    if meta.get("as_of") is not None:
        G.graph["as_of"] = meta["as_of"]
    if areas:
        G.graph["area"] = str(next(iter(areas)))
    return G


def _area_name(nodes: pd.DataFrame, ties: pd.DataFrame) -> str:
    for frame in (nodes, ties):
        if len(frame) and "area" in frame:
            return str(frame["area"].iloc[0])
    return ""


def area_measures(nodes: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """Centrality and brokerage of one area, as a long table (one row per node and measure).

    The per-area step of a sharded run: it rebuilds the area's map with
    :func:`read_shard` and runs :func:`sociale_kaart.centrality` (degree,
    betweenness, closeness, eigenvector, PageRank) and
    :func:`sociale_kaart.structural_holes` (Burt's effective size and
    constraint) on it. Its columns match ``AREA_MEASURES_SCHEMA``.

    Parameters
    ----------
    nodes, ties : pandas.DataFrame
        One area's rows of the shard tables.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``node``, ``measure``, ``value``, sorted by node and
        measure. Residents are included by id, never by name.

    See Also
    --------
    sociale_kaart.centrality, sociale_kaart.structural_holes

    References
    ----------
    Freeman, L. C. (1978). Centrality in social networks conceptual
    clarification. *Social Networks*, 1(3), 215-239.

    Burt, R. S. (1992). *Structural Holes: The Social Structure of
    Competition*. Harvard University Press.

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> shards = sk.shard_tables(sk.load_sample())
    >>> nodes = shards.nodes[shards.nodes["area"] == "Molenbuurt"]
    >>> table = sk.area_measures(nodes, shards.ties[shards.ties["area"] == "Molenbuurt"])
    >>> sorted(table["measure"].unique())[:3]
    ['betweenness', 'closeness', 'constraint']
    """
    G = read_shard(nodes, ties)
    area = _area_name(nodes, ties)
    scores = centrality(G, seed=0)
    holes = structural_holes(G)[["effective_size", "efficiency", "constraint"]]
    measures = [c for c in scores.columns if c in _CENTRALITY]
    long = pd.DataFrame(scores[measures].join(holes).stack(future_stack=True)).reset_index()
    long.columns = ["node", "measure", "value"]
    long.insert(0, "area", area)
    long["node"] = long["node"].astype(str)
    long["value"] = long["value"].astype(float)
    return long.sort_values(["node", "measure"], kind="stable").reset_index(drop=True)


def area_gaps(nodes: pd.DataFrame, ties: pd.DataFrame) -> pd.DataFrame:
    """The gaps of one area, counted per gap type and theme.

    The per-area step of a sharded run: it rebuilds the area's map with
    :func:`read_shard` and counts what :func:`sociale_kaart.find_gaps`
    finds. Counts, not gap rows, so the table holds no person. Its columns
    match ``AREA_GAPS_SCHEMA``.

    Parameters
    ----------
    nodes, ties : pandas.DataFrame
        One area's rows of the shard tables.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``gap_type``, ``theme`` (empty text where a gap has no
        theme), ``gaps`` (how many) and ``severity`` (their summed
        severity), sorted by gap type and theme.

    See Also
    --------
    sociale_kaart.find_gaps

    References
    ----------
    Kretzmann, J. P., & McKnight, J. L. (1993). *Building Communities from
    the Inside Out*. ACTA Publications (mapping what is and is not there).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> shards = sk.shard_tables(sk.load_sample())
    >>> n = shards.nodes[shards.nodes["area"] == "Havenkwartier"]
    >>> t = shards.ties[shards.ties["area"] == "Havenkwartier"]
    >>> list(sk.area_gaps(n, t).columns)
    ['area', 'gap_type', 'theme', 'gaps', 'severity']
    """
    G = read_shard(nodes, ties)
    area = _area_name(nodes, ties)
    with warnings.catch_warnings():
        # a shard without residents is a normal part of a sharded city
        warnings.filterwarnings("ignore", message=".*no residents.*")
        gaps = find_gaps(G)
    columns = ["area", "gap_type", "theme", "gaps", "severity"]
    if gaps.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns}).astype(
            {"gaps": "int64", "severity": "float64"}
        )
    frame = pd.DataFrame(
        {
            "gap_type": gaps["gap_type"].astype(str),
            "theme": gaps["theme"].map(lambda v: "" if _text(v) is None else str(v)),
            "severity": pd.to_numeric(gaps["severity"], errors="coerce").fillna(0.0),
        }
    )
    out = (
        frame.groupby(["gap_type", "theme"], sort=True)
        .agg(gaps=("severity", "size"), severity=("severity", "sum"))
        .reset_index()
    )
    out.insert(0, "area", area)
    out["gaps"] = out["gaps"].astype("int64")
    out["severity"] = out["severity"].astype(float)
    return out[columns]


def area_graph(boundary: pd.DataFrame, *, areas: Iterable[str] = ()) -> nx.Graph:
    """The contracted area graph: areas as nodes, ties between areas as weights.

    The input of the global step of a sharded run: its components say which
    areas hang together, and betweenness on it says which areas broker
    between others. A tie whose end is city-wide (``*``) or in several areas
    counts once for every pair of areas it joins.

    Parameters
    ----------
    boundary : pandas.DataFrame
        The ``boundary`` table of :func:`shard_tables`.
    areas : iterable of str, optional
        Areas to include even when no boundary tie touches them.

    Returns
    -------
    networkx.Graph
        Undirected; edge attribute ``ties`` (how many boundary ties join the
        two areas).

    References
    ----------
    Karypis, G., & Kumar, V. (1998). A fast and high quality multilevel scheme
    for partitioning irregular graphs. *SIAM Journal on Scientific Computing*,
    20(1), 359-392 (the contracted graph of a partition).

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> shards = sk.shard_tables(sk.load_sample())
    >>> A = sk.area_graph(shards.boundary, areas=shards.areas)
    >>> sorted(A.nodes)
    ['Havenkwartier', 'Molenbuurt', 'Oude Dorp', 'Parkzicht']
    """
    A = nx.Graph()
    A.add_nodes_from(areas)
    for a_text, b_text in zip(boundary["source_area"], boundary["target_area"], strict=True):
        left = [a for a in str(a_text).split(";") if a and a != "*"]
        right = [b for b in str(b_text).split(";") if b and b != "*"]
        for a in left:
            for b in right:
                if a == b:
                    continue
                if A.has_edge(a, b):
                    A[a][b]["ties"] += 1
                else:
                    A.add_edge(a, b, ties=1)
    return A
