"""Exports for researchers and other tools: GraphML, GEXF, a Frictionless data package, Parquet.

These formats are meant for others, so each takes ``fields=``, a whitelist
(see :func:`~sociale_kaart.export_fields`). By default sensitive resident
fields (names, birth year, needs, statuses, coordinates, postcode) and
custom ``x_`` columns are left out. The team's own formats
(:func:`~sociale_kaart.write_csv`, :func:`~sociale_kaart.write_excel`,
:func:`~sociale_kaart.write_json`) stay lossless.

networkx's GraphML and GEXF writers accept only text, numbers and booleans.
The exports therefore flatten values: lists are joined with ``;``, needs are
written ``theme:score`` (``finances:2;language``), dates as ISO text
(``2026-03-01``), and missing values (None) are left out of the element.
The data package writes the same flat text in CSV; Parquet keeps lists as
lists and dates as dates.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import gc_paused
from sociale_kaart.core.checks import require_map
from sociale_kaart.core.records import KINDS, MODELS, Relation
from sociale_kaart.core.tables import format_cell, neutralise_formula, plain_value
from sociale_kaart.io.atomic import atomic_file, atomic_folder, written_path
from sociale_kaart.privacy.pseudonyms import export_fields

__all__ = [
    "EDGE_FIELDS",
    "export_tables",
    "write_datapackage",
    "write_gexf",
    "write_graphml",
    "write_parquet",
]

PathLike = str | os.PathLike[str]
Fields = Iterable[str] | Mapping[str, Iterable[str]] | None

#: The edge attributes every export writes (none is personal data). The survey
#: fields (issue 15) are professionals' ratings of partners, not about residents.
#: ``until`` ends a dated tie (issue 12); ``consent`` is a volunteer's yes or no to
#: being named as one (issue 14): it says less than the volunteers tie it sits on.
EDGE_FIELDS: tuple[str, ...] = (
    "relation",
    "trust",
    "intensity",
    "hours_per_month",
    "since",
    "until",
    "consent",
    "value",
    "works_with",
    "trust_reliable",
    "trust_mission",
    "trust_open",
    "value_power",
    "value_involvement",
    "value_resources",
)

_LIST_SEP = ";"


def _flat(value: Any) -> Any:
    """A value networkx's writers accept: text, a number, a bool, or None."""
    value = plain_value(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    text = format_cell(value, _LIST_SEP)
    return text


def _node_values(
    node: Any, attrs: Mapping[str, Any], chosen: Mapping[str, tuple[str, ...]], *, flat: bool
) -> dict[str, Any]:
    kind = attrs.get("kind")
    out: dict[str, Any] = {"kind": kind}
    extra = attrs.get("extra") or {}
    for name in chosen.get(str(kind), ()):
        if name == "extra":
            for key, value in sorted(extra.items()):
                out[key] = value
        elif name.startswith("x_"):
            out[name] = extra.get(name)
        else:
            value = attrs.get(name)
            if name == "needs" and isinstance(value, Mapping):
                value = [k if v is None else f"{k}:{v}" for k, v in value.items()]
            out[name] = _flat(value) if flat else plain_value(value)
    return out


def _edge_values(key: Any, attrs: Mapping[str, Any], *, flat: bool) -> dict[str, Any]:
    out = {name: attrs.get(name, key if name == "relation" else None) for name in EDGE_FIELDS}
    out["implied"] = bool(attrs.get("implied", False))
    return {k: (_flat(v) if flat else plain_value(v)) for k, v in out.items()}


def _flat_graph(G: nx.MultiDiGraph, fields: Fields, *, label: bool) -> nx.MultiDiGraph:
    with gc_paused():  # many small dicts, no cycles
        return _flat_graph_inner(G, fields, label=label)


def _flat_graph_inner(G: nx.MultiDiGraph, fields: Fields, *, label: bool) -> nx.MultiDiGraph:
    chosen = export_fields(fields)
    H = nx.MultiDiGraph()
    name = G.graph.get("name")
    if name:
        H.graph["name"] = str(name)
    for node, attrs in G.nodes(data=True):
        values = _node_values(node, attrs, chosen, flat=True)
        if label:
            values["label"] = values.get("name") or str(node)
        H.add_node(str(node), **{k: v for k, v in values.items() if v is not None})
    for u, v, key, attrs in G.edges(keys=True, data=True):
        values = _edge_values(key, attrs, flat=True)
        H.add_edge(
            str(u), str(v), key=str(key), **{k: x for k, x in values.items() if x is not None}
        )
    return H


def write_graphml(G: nx.MultiDiGraph, path: PathLike, *, fields: Fields = None) -> Path:
    """Write the map as GraphML, for igraph, R, Cytoscape, Gephi and yEd.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The ``.graphml`` file to write; its missing parent folders are created.
    fields : iterable of str or mapping, optional
        The node fields to write (see :func:`export_fields`). By default
        every field but the sensitive resident ones and custom columns.

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old file intact.

    Raises
    ------
    ValueError
        If ``fields`` names an unknown field.

    See Also
    --------
    write_gexf, write_datapackage, export_fields

    Notes
    -----
    Every node has ``kind``; every edge ``relation``, ``implied`` and, where
    known, ``trust``, ``intensity``, ``hours_per_month`` and ``since``; the
    edge id is the relation. Lists are joined with ``;``, needs written
    ``theme:score``, dates as ISO text; missing values are left out. Whole
    numbers and decimals in one attribute are written as decimals.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> path = sk.write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "kaart.graphml")
    >>> H = nx.read_graphml(path, force_multigraph=True)
    >>> H.number_of_nodes(), H.number_of_edges()
    (294, 1261)
    >>> H.nodes["i_naaiclub"]["languages"], "name" in H.nodes["r_samira"]
    ('tr;nl', False)
    """
    require_map(G)
    flat = _flat_graph(G, fields, label=False)
    with gc_paused(), atomic_file(path) as tmp:
        nx.write_graphml(flat, tmp, infer_numeric_types=True)
    return written_path(path)


def write_gexf(G: nx.MultiDiGraph, path: PathLike, *, fields: Fields = None) -> Path:
    """Write the map as GEXF 1.2, the format of Gephi.

    Node labels are the names of offers, places and professionals; residents
    are labelled by id unless ``name`` is in ``fields``. Values are
    flattened as in :func:`write_graphml`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The ``.gexf`` file to write; its missing parent folders are created.
    fields : iterable of str or mapping, optional
        The node fields to write (see :func:`export_fields`).

    Returns
    -------
    pathlib.Path
        The file written (one-file formats return the file). The write is
        atomic: an interrupted write leaves the old file intact.

    See Also
    --------
    write_graphml, export_fields

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import networkx as nx
    >>> import sociale_kaart as sk
    >>> path = sk.write_gexf(sk.load_sample(), pathlib.Path(tempfile.mkdtemp()) / "kaart.gexf")
    >>> H = nx.read_gexf(path)
    >>> H.nodes["pl_bankje"]["label"], H.nodes["r_samira"]["label"]
    ('Bankje voor de Buurtsuper', 'r_samira')
    """
    require_map(G)
    flat = _flat_graph(G, fields, label=True)
    with gc_paused(), atomic_file(path) as tmp:
        nx.write_gexf(flat, tmp, version="1.2draft")
    return written_path(path)


def export_tables(
    G: nx.MultiDiGraph, *, fields: Fields = None, flat: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The map as a node table and an edge list, with only the whitelisted fields.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    fields : iterable of str or mapping, optional
        The node fields (see :func:`export_fields`).
    flat : bool, optional
        Default True. Flatten lists, needs and dates to text as in :func:`write_graphml`;
        with False lists stay lists and dates dates (as in Parquet).

    Returns
    -------
    nodes : pandas.DataFrame
        Indexed by node id (``id``): ``kind`` and the chosen fields, in the
        models' order. Whole-number columns use pandas' ``Int64``.
    edges : pandas.DataFrame
        Columns ``source``, ``target``, the fields of ``EDGE_FIELDS``
        (``relation``, ``trust``, ``intensity``, ``hours_per_month``,
        ``since``, ``until``, ``consent`` and the survey ratings) and
        ``implied``.

    See Also
    --------
    write_datapackage, write_parquet, check_disclosure

    Examples
    --------
    >>> import sociale_kaart as sk
    >>> nodes, edges = sk.export_tables(sk.load_sample())
    >>> nodes.loc["r_samira", ["kind", "neighbourhood", "languages"]].tolist()
    ['resident', 'Havenkwartier', 'ar;pt;fr']
    >>> "birth_year" in nodes.columns, len(edges)
    (False, 1261)
    """
    require_map(G)
    with gc_paused():
        return _export_tables(G, fields, flat=flat)


def _export_tables(
    G: nx.MultiDiGraph, fields: Fields, *, flat: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    chosen = export_fields(fields)
    columns = ["kind"]
    for kind in KINDS:
        for name in chosen[kind]:
            if name != "extra" and name not in columns:
                columns.append(name)
    records = []
    for node, attrs in G.nodes(data=True):
        values = _node_values(node, attrs, chosen, flat=flat)
        values["id"] = str(node)
        records.append(values)
    custom = sorted({k for r in records for k in r if k not in columns and k != "id"})
    nodes = pd.DataFrame.from_records(records, columns=["id", *columns, *custom]).set_index("id")
    for column in nodes.columns:
        if _int_field(column):
            nodes[column] = nodes[column].astype("Int64")
    edge_records = [
        {"source": str(u), "target": str(v), **_edge_values(k, a, flat=flat)}
        for u, v, k, a in G.edges(keys=True, data=True)
    ]
    edges = pd.DataFrame.from_records(
        edge_records, columns=["source", "target", *EDGE_FIELDS, "implied"]
    )
    trust = pd.to_numeric(edges["trust"])
    # a survey's trust is a mean of items (issue 15): keep its fractions
    whole = bool(((trust.dropna() % 1) == 0).all())
    edges["trust"] = trust.astype("Int64" if whole else "Float64")
    edges["hours_per_month"] = edges["hours_per_month"].astype("Float64")
    edges["implied"] = edges["implied"].astype(bool)
    return nodes, edges


def _annotation(column: str) -> str:
    for kind in KINDS:
        info = MODELS[kind].model_fields.get(column)
        if info is not None:
            return str(info.annotation)
    info = Relation.model_fields.get(column)
    return str(info.annotation) if info is not None else ""


def _int_field(column: str) -> bool:
    text = _annotation(column)
    return "int" in text and not any(w in text for w in ("float", "dict", "list"))


def _frictionless_type(column: str) -> str:
    text = _annotation(column)
    if column == "implied":
        return "boolean"
    if "dict" in text or "list" in text:
        return "string"
    if "date" in text:
        return "date"
    if _int_field(column):
        return "integer"
    if "float" in text:
        return "number"
    return "string"


def _field_description(column: str) -> str | None:
    text = _annotation(column)
    if column == "needs":
        return "Needs as 'theme:score' items separated by ';' (score = ZRM 1-5)."
    if "list" in text:
        return "A list: items separated by ';'."
    return None


def write_datapackage(
    G: nx.MultiDiGraph, folder: PathLike, *, fields: Fields = None, title: str | None = None
) -> Path:
    """Write ``nodes.csv``, ``edges.csv`` and a Frictionless ``datapackage.json``.

    A CSV pair that R (igraph, sna, tidygraph), Stata, SPSS and
    spreadsheets read directly; the data package describes every column
    (type, list separator) and declares ``source`` and ``target`` as foreign
    keys into ``nodes.id``. Text that a spreadsheet would run as a formula
    (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
    gets a leading ``'`` (see :func:`~sociale_kaart.core.tables.neutralise_formula`).

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    folder : str or path-like
        Created if missing, with its parents; the three files in it are
        replaced, other files are kept.
    fields : iterable of str or mapping, optional
        The node fields (see :func:`export_fields`).
    title : str, optional
        The package title; the map's name by default.

    Returns
    -------
    pathlib.Path
        The folder written (folder formats return the folder; the metadata
        is its ``datapackage.json``). The write is atomic: an interrupted
        write leaves the old package intact.

    See Also
    --------
    export_tables, write_parquet

    References
    ----------
    Frictionless Data (2021). *Data Package* and *Table Schema*
    specifications, v1. https://specs.frictionlessdata.io/

    Examples
    --------
    >>> import tempfile, csv
    >>> import sociale_kaart as sk
    >>> folder = sk.write_datapackage(sk.load_sample(), tempfile.mkdtemp())
    >>> meta = (folder / "datapackage.json").read_text(encoding="utf-8")
    >>> [r["name"] for r in __import__("json").loads(meta)["resources"]]
    ['nodes', 'edges']
    >>> with open(folder / "edges.csv", encoding="utf-8") as f:
    ...     rows = list(csv.DictReader(f))
    >>> len(rows), rows[0].keys() >= {"source", "target", "relation"}
    (1261, True)
    """
    require_map(G)
    nodes, edges = export_tables(G, fields=fields, flat=True)
    node_rows = nodes.reset_index()

    def schema(frame: pd.DataFrame, key: str | None) -> dict[str, Any]:
        items = []
        for column in frame.columns:
            kind = "string" if column in ("id", "source", "target", "kind") else None
            item: dict[str, Any] = {"name": column, "type": kind or _frictionless_type(column)}
            description = _field_description(column)
            if description:
                item["description"] = description
            items.append(item)
        result: dict[str, Any] = {"fields": items, "missingValues": [""]}
        if key:
            result["primaryKey"] = key
        return result

    edge_schema = schema(edges, None)
    edge_schema["foreignKeys"] = [
        {"fields": end, "reference": {"resource": "nodes", "fields": "id"}}
        for end in ("source", "target")
    ]
    name = str(title or G.graph.get("name") or "social-map")
    meta = {
        "name": re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-") or "social-map",
        "title": name,
        "profile": "tabular-data-package",
        "description": "A sociale_kaart social map: one row per node (kind and the exported "
        "fields) and one row per tie. Lists are separated by ';'.",
        "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "resources": [
            {
                "name": "nodes",
                "path": "nodes.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(node_rows, "id"),
            },
            {
                "name": "edges",
                "path": "edges.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": edge_schema,
            },
        ],
    }
    owned = {"nodes.csv", "edges.csv", "datapackage.json"}
    with atomic_folder(folder, owns=owned.__contains__) as tmp:
        _write_csv(tmp / "nodes.csv", node_rows)
        _write_csv(tmp / "edges.csv", edges)
        text = json.dumps(meta, indent=1, ensure_ascii=False)
        (tmp / "datapackage.json").write_text(text, encoding="utf-8")
    return written_path(folder)


def _write_csv(path: Path, frame: pd.DataFrame) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(frame.columns))
        for row in frame.itertuples(index=False, name=None):
            writer.writerow(["" if _missing(v) else _csv_text(v) for v in row])


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _csv_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    # text for others' spreadsheets: never a formula (OWASP)
    return neutralise_formula(str(value))


def write_parquet(G: nx.MultiDiGraph, folder: PathLike, *, fields: Fields = None) -> Path:
    """Write ``nodes.parquet`` and ``edges.parquet`` (needs pyarrow).

    Parquet keeps types: lists stay lists of text (needs as ``theme:score``
    items), dates stay dates, whole numbers stay whole. Read them with
    ``pandas.read_parquet``, R's ``arrow::read_parquet`` or DuckDB.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    folder : str or path-like
        Created if missing, with its parents; the two files in it are
        replaced, other files are kept.
    fields : iterable of str or mapping, optional
        The node fields (see :func:`export_fields`).

    Returns
    -------
    pathlib.Path
        The folder written (folder formats return the folder). The write
        is atomic: an interrupted write leaves the old files intact.

    Raises
    ------
    ImportError
        If pyarrow is not installed (``pip install pyarrow``).

    See Also
    --------
    export_tables, write_datapackage

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> import sociale_kaart as sk
    >>> folder = sk.write_parquet(sk.load_sample(), tempfile.mkdtemp())
    >>> nodes = pd.read_parquet(folder / "nodes.parquet")
    >>> list(nodes.loc["i_naaiclub", "languages"])
    ['tr', 'nl']
    """
    require_map(G)
    try:
        import pyarrow  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:  # pragma: no cover - pyarrow is installed in the test environment
        raise ImportError(
            "write_parquet needs pyarrow: pip install pyarrow (or sociale_kaart[parquet])"
        ) from None
    nodes, edges = export_tables(G, fields=fields, flat=False)
    for column in nodes.columns:
        if nodes[column].dtype == object:
            nodes[column] = nodes[column].map(_parquet_value)
    edges["since"] = edges["since"].map(_parquet_value)
    owned = {"nodes.parquet", "edges.parquet"}
    with atomic_folder(folder, owns=owned.__contains__) as tmp:
        nodes.to_parquet(tmp / "nodes.parquet", engine="pyarrow")
        edges.to_parquet(tmp / "edges.parquet", engine="pyarrow", index=False)
    return written_path(folder)


def _parquet_value(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(str(v) for v in value)
    if isinstance(value, list):
        return [str(v) for v in value]
    return value
