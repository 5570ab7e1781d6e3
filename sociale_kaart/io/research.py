"""File formats that researchers' network tools read: UCINET DL, Pajek, Kumu JSON.

* **UCINET DL** (``.dl``): a tie list (``edgelist1``) or a full matrix
  (``fullmatrix``) with labels, for UCINET and R's ``sna``/``network``
  readers.
* **Pajek** (``.net``), with each partition (a node attribute such as
  ``kind`` or ``team``) as a ``.clu`` file of class numbers.
* **Kumu JSON**: ``elements`` and ``connections`` with their fields, as
  Kumu's JSON import takes them.

Like the other exports they write only the whitelisted node fields (see
:func:`~sociale_kaart.export_fields`): sensitive resident fields and custom
``x_`` columns only when named in ``fields=``. DL and Pajek files label
nodes by id. The readers give back what the format holds: DL and Pajek a
plain :class:`networkx.DiGraph` (ties and their weights) and a partition as a
dict; a Kumu file is rebuilt into a validated social map.

References
----------
Borgatti, S. P., Everett, M. G., & Freeman, L. C. (2002). *UCINET for
Windows: Software for Social Network Analysis*. Analytic Technologies (the
DL format is described in its help, "DL files").

de Nooy, W., Mrvar, A., & Batagelj, V. (2018). *Exploratory Social Network
Analysis with Pajek* (3rd ed.). Cambridge University Press.
doi:10.1017/9781108565691
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from sociale_kaart.core.builder import ENTITY_TABLES
from sociale_kaart.core.tables import plain_value
from sociale_kaart.io.atomic import atomic_file, written_path
from sociale_kaart.io.export import EDGE_FIELDS, Fields, _flat, _node_values
from sociale_kaart.io.formats import from_frames
from sociale_kaart.privacy.pseudonyms import export_fields

__all__ = [
    "RESEARCH_EDGE_FIELDS",
    "read_kumu",
    "read_pajek",
    "read_pajek_partition",
    "read_ucinet_dl",
    "write_kumu",
    "write_pajek",
    "write_ucinet_dl",
]

PathLike = str | os.PathLike[str]

#: Edge attributes the research formats write: the export fields and the survey scores.
RESEARCH_EDGE_FIELDS: tuple[str, ...] = (
    *EDGE_FIELDS,
    "value",
    "trust_reliable",
    "trust_mission",
    "trust_open",
    "value_power",
    "value_involvement",
    "value_resources",
    "works_with",
)
_DL_FORMATS = ("edgelist1", "fullmatrix")
_SAFE_LABEL = re.compile(r"^[^\s,\"']+$")


def _write_text(path: PathLike, text: str) -> Path:
    """Write one text file by the writers' rule (sociale_kaart.io.atomic): atomically."""
    with atomic_file(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return written_path(path)


def _ties(
    G: nx.Graph, relation: str | None, weight: str | None
) -> tuple[list[Hashable], dict[tuple[Hashable, Hashable], float]]:
    """Node order and the (weighted) ties between distinct nodes, one per ordered pair."""
    nodes = list(G)
    out: dict[tuple[Hashable, Hashable], float] = {}
    for u, v, key, data in G.edges(keys=True, data=True):
        if u == v or (relation is not None and data.get("relation", key) != relation):
            continue
        if weight is None:
            out[(u, v)] = 1.0
            continue
        value = data.get(weight)
        if value is None:
            continue
        number = float(value)
        if (u, v) in out and out[(u, v)] != number:
            raise ValueError(
                f"two ties from {u!r} to {v!r} carry different {weight!r} "
                f"({out[(u, v)]:g} and {number:g}): choose one with relation="
            )
        out[(u, v)] = number
    return nodes, out


def _label(node: Hashable) -> str:
    text = str(node)
    if not _SAFE_LABEL.match(text):
        raise ValueError(
            f"node id {text!r} has a space, comma or quote, which DL labels cannot hold: "
            "rename the node"
        )
    return text


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# --------------------------------------------------------------------------- UCINET DL


def write_ucinet_dl(
    G: nx.Graph,
    path: PathLike,
    *,
    format: str = "edgelist1",
    relation: str | None = None,
    weight: str | None = None,
) -> Path:
    """Write the ties as a UCINET DL file.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The ``.dl`` file to write.
    format : {"edgelist1", "fullmatrix"}, default "edgelist1"
        A tie list (one ``from to [weight]`` line per tie) or the full
        ``n x n`` matrix.
    relation : str, optional
        Only ties of this relation; default every tie.
    weight : str, optional
        An edge attribute to write as the tie's value (``trust``); ties
        without it are left out. Default: 1 per tie.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        If ``format`` is unknown, a node id cannot be a DL label, or two
        ties between the same pair carry different weights.

    See Also
    --------
    read_ucinet_dl, write_pajek

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "trust.dl"
    >>> _ = sk.write_ucinet_dl(G, path, weight="trust")
    >>> print(path.read_text().splitlines()[0])
    dl n=24 format=edgelist1
    """
    if format not in _DL_FORMATS:
        raise ValueError(f"format={format!r} is not a DL format: use one of {_DL_FORMATS}")
    nodes, ties = _ties(G, relation, weight)
    labels = [_label(v) for v in nodes]
    lines = [f"dl n={len(nodes)} format={format}", "labels:", ",".join(labels), "data:"]
    index = {v: i for i, v in enumerate(nodes)}
    if format == "edgelist1":
        for (u, v), w in ties.items():
            cells = [str(index[u] + 1), str(index[v] + 1)]
            cells += [_number(w)] if weight is not None else []
            lines.append(" ".join(cells))
    else:
        matrix = [[0.0] * len(nodes) for _ in nodes]
        for (u, v), w in ties.items():
            matrix[index[u]][index[v]] = w
        lines.extend(" ".join(_number(x) for x in row) for row in matrix)
    return _write_text(path, "\n".join(lines) + "\n")


def read_ucinet_dl(path: PathLike) -> nx.DiGraph:
    """Read a UCINET DL file (``edgelist1`` or ``fullmatrix``) as a directed graph.

    Parameters
    ----------
    path : str or path-like
        The ``.dl`` file.

    Returns
    -------
    networkx.DiGraph
        The labelled nodes and the ties, with their value as ``weight``.

    Raises
    ------
    ValueError
        If the file is not a DL file this reader knows; the message names
        the line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> path = sk.write_ucinet_dl(G, pathlib.Path(tempfile.mkdtemp()) / "k.dl")
    >>> sk.read_ucinet_dl(path).number_of_edges() == len(set(G.edges()))
    True
    """
    file = Path(path)
    text = file.read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not lines[0].lower().startswith("dl"):
        raise ValueError(f"{file.name}, line 1: a DL file starts with 'dl n=...'")
    head = lines[0].lower()
    n_match = re.search(r"n\s*=\s*(\d+)", head)
    fmt_match = re.search(r"format\s*=\s*(\w+)", head)
    if n_match is None:
        raise ValueError(f"{file.name}, line 1: give the number of nodes, 'n=24'")
    n = int(n_match.group(1))
    fmt = fmt_match.group(1) if fmt_match else "fullmatrix"
    if fmt not in _DL_FORMATS:
        raise ValueError(f"{file.name}, line 1: format {fmt!r} is not read; use {_DL_FORMATS}")
    labels: list[str] = []
    data_at = None
    i = 1
    while i < len(lines):
        low = lines[i].lower()
        if low.startswith("labels"):
            i += 1
            while i < len(lines) and not lines[i].lower().startswith("data"):
                labels.extend(x for x in re.split(r"[,\s]+", lines[i]) if x)
                i += 1
            continue
        if low.startswith("data"):
            data_at = i + 1
            break
        i += 1
    if data_at is None:
        raise ValueError(f"{file.name}: no 'data:' line")
    if not labels:
        labels = [str(k + 1) for k in range(n)]
    if len(labels) != n:
        raise ValueError(f"{file.name}: n={n} but {len(labels)} labels")
    D = nx.DiGraph()
    D.add_nodes_from(labels)
    for offset, line in enumerate(lines[data_at:]):
        cells = line.split()
        where = f"{file.name}, data line {offset + 1}"
        if fmt == "edgelist1":
            if len(cells) not in (2, 3):
                raise ValueError(f"{where}: write 'from to' or 'from to value'")
            ends = []
            for cell in cells[:2]:
                if cell in D:  # labels embedded
                    ends.append(cell)
                elif cell.isdigit() and 1 <= int(cell) <= n:
                    ends.append(labels[int(cell) - 1])
                else:
                    raise ValueError(f"{where}: {cell!r} is neither a label nor a node number")
            u, v = ends
            D.add_edge(u, v, weight=float(cells[2]) if len(cells) == 3 else 1.0)
        else:
            if offset >= n or len(cells) != n:
                raise ValueError(f"{where}: a full matrix has {n} rows of {n} numbers")
            for col, cell in enumerate(cells):
                w = float(cell)
                if w != 0 and col != offset:
                    D.add_edge(labels[offset], labels[col], weight=w)
    return D


# --------------------------------------------------------------------------- Pajek


def _partition(
    G: nx.Graph, attribute: str, chosen: Mapping[str, tuple[str, ...]]
) -> list[str | None]:
    out: list[str | None] = []
    for _node, attrs in G.nodes(data=True):
        kind = str(attrs.get("kind"))
        if attribute != "kind" and attribute not in chosen.get(kind, ()):
            out.append(None)  # not exported for this kind
            continue
        value = attrs.get(attribute)
        if value is None and attribute.startswith("x_"):
            value = (attrs.get("extra") or {}).get(attribute)
        out.append(None if value in (None, "") else str(_flat(value)))
    return out


def write_pajek(
    G: nx.Graph,
    path: PathLike,
    *,
    relation: str | None = None,
    weight: str | None = None,
    partitions: Iterable[str] = ("kind",),
    fields: Fields = None,
) -> list[Path]:
    """Write the ties as a Pajek ``.net`` file and each partition as a ``.clu`` file.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The ``.net`` file; partitions go beside it as ``<stem>_<attribute>.clu``.
    relation, weight : str, optional
        As in :func:`write_ucinet_dl`.
    partitions : iterable of str, optional
        Node attributes to write as partitions (default: ``kind``). Class numbers start at 1 in
        the order the values first appear; 0 means no value. The legend is
        in ``%`` comment lines at the top.
    fields : iterable of str or mapping, optional
        The node-field whitelist (see :func:`~sociale_kaart.export_fields`).
        A partition on a field outside it (a sensitive field, or a custom
        ``x_`` column not named) is an error.

    Returns
    -------
    list of pathlib.Path
        The ``.net`` file, then the ``.clu`` files.

    Raises
    ------
    ValueError
        If a partition is not whitelisted, or as :func:`write_ucinet_dl`.

    See Also
    --------
    read_pajek, read_pajek_partition

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> files = sk.write_pajek(G, folder / "teams.net", partitions=["team", "x_background"],
    ...                        fields=["team", "x_background"])
    >>> [f.name for f in files]
    ['teams.net', 'teams_team.clu', 'teams_x_background.clu']
    """
    chosen = export_fields(fields)
    partitions = list(partitions)
    for attribute in partitions:
        if attribute != "kind" and not any(attribute in names for names in chosen.values()):
            raise ValueError(
                f"partition {attribute!r} is not among the exported fields: add it to "
                f"fields= (e.g. fields=[{attribute!r}]) if it may leave the team"
            )
    nodes, ties = _ties(G, relation, weight)
    index = {v: i + 1 for i, v in enumerate(nodes)}
    lines = [f"*Vertices {len(nodes)}"]
    for v in nodes:
        label = str(v).replace('"', "'")
        lines.append(f'{index[v]} "{label}"')
    lines.append("*Arcs")
    for (u, v), w in ties.items():
        lines.append(f"{index[u]} {index[v]} {_number(w)}")
    net = _write_text(path, "\n".join(lines) + "\n")
    files = [net]
    for attribute in partitions:
        values = _partition(G, attribute, chosen)
        codes: dict[str, int] = {}
        for value in values:
            if value is not None:
                codes.setdefault(value, len(codes) + 1)
        out = [f"% partition {attribute}: 0 = no value"]
        out.extend(f"% {code} = {value}" for value, code in codes.items())
        out.append(f"*Vertices {len(nodes)}")
        out.extend(str(0 if value is None else codes[value]) for value in values)
        clu = net.with_name(f"{net.stem}_{attribute}.clu")
        _write_text(clu, "\n".join(out) + "\n")
        files.append(clu)
    return files


def read_pajek(path: PathLike) -> nx.DiGraph:
    """Read a Pajek ``.net`` file (``*Vertices``, ``*Arcs``, ``*Edges``) as a directed graph.

    Nodes are their labels; ``*Edges`` (undirected) become ties both ways.
    Tie values are ``weight`` (1 where none is given).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> net = sk.write_pajek(G, pathlib.Path(tempfile.mkdtemp()) / "k.net")[0]
    >>> sorted(sk.read_pajek(net)) == sorted(G)
    True
    """
    file = Path(path)
    D = nx.DiGraph()
    labels: dict[int, str] = {}
    section = None
    for number, raw in enumerate(file.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            section = line.split()[0].lower()
            continue
        where = f"{file.name}, line {number}"
        if section == "*vertices":
            match = re.match(r'^(\d+)\s+"([^"]*)"', line) or re.match(r"^(\d+)\s+(\S+)", line)
            if match is None:
                raise ValueError(f"{where}: a vertex line is 'number \"label\"'")
            labels[int(match.group(1))] = match.group(2)
            D.add_node(match.group(2))
        elif section in ("*arcs", "*edges"):
            cells = line.split()
            try:
                u, v = labels[int(cells[0])], labels[int(cells[1])]
            except (KeyError, ValueError, IndexError):
                raise ValueError(
                    f"{where}: a tie line is 'from to [value]' with vertex numbers"
                ) from None
            w = float(cells[2]) if len(cells) > 2 else 1.0
            D.add_edge(u, v, weight=w)
            if section == "*edges":
                D.add_edge(v, u, weight=w)
        else:
            raise ValueError(f"{where}: a line outside *Vertices, *Arcs or *Edges")
    return D


def read_pajek_partition(path: PathLike, net: PathLike | None = None) -> dict[str, Any]:
    """Read a Pajek ``.clu`` file: vertex -> class, with the legend where one is written.

    Parameters
    ----------
    path : str or path-like
        The ``.clu`` file.
    net : str or path-like, optional
        The ``.net`` file whose vertices it partitions; without it vertices
        are their numbers (1, 2, ...).

    Returns
    -------
    dict
        Vertex label (or number) -> the class's value from the legend
        (``% 1 = care`` lines, as :func:`write_pajek` writes them), else its
        number; ``None`` for class 0 when the legend says 0 means no value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.datasets.load_survey(wave=1)
    >>> net, clu = sk.write_pajek(G, pathlib.Path(tempfile.mkdtemp()) / "k.net",
    ...                           partitions=["team"], fields=["team"])
    >>> sk.read_pajek_partition(clu, net)["m01"]
    'Noord'
    """
    file = Path(path)
    legend: dict[int, Any] = {}
    classes: list[int] = []
    for raw in file.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        match = re.match(r"^%\s*(\d+)\s*=\s*(.*)$", line)
        if match:
            legend[int(match.group(1))] = match.group(2)
            continue
        if not line or line.startswith(("%", "*")):
            if "0 = no value" in line:
                legend[0] = None
            continue
        classes.append(int(line))
    if net is not None:
        names: list[Hashable] = list(read_pajek(net))
        if len(names) != len(classes):
            raise ValueError(
                f"{file.name} has {len(classes)} classes, {Path(net).name} {len(names)} vertices"
            )
    else:
        names = list(range(1, len(classes) + 1))
    return {str(v): legend.get(c, c) for v, c in zip(names, classes, strict=True)}


# --------------------------------------------------------------------------- Kumu


def _jsonable(value: Any) -> Any:
    value = plain_value(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return _flat(value)


def write_kumu(G: nx.Graph, path: PathLike, *, fields: Fields = None) -> Path:
    """Write the map as Kumu JSON: ``elements`` and ``connections`` with their fields.

    Each element has ``label`` (the node id), ``type`` (its kind) and the
    whitelisted fields (an organisation's or place's own ``type`` as
    ``subtype``); each connection ``from``, ``to`` (element labels),
    ``type`` (the relation), ``direction`` (``directed``, or ``mutual`` for
    knows, partners and meets) and the tie's fields
    (``RESEARCH_EDGE_FIELDS``). Lists are text joined with ``;``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A social map.
    path : str or path-like
        The ``.json`` file to write.
    fields : iterable of str or mapping, optional
        The node fields to write (see :func:`~sociale_kaart.export_fields`).

    Returns
    -------
    pathlib.Path

    See Also
    --------
    read_kumu

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> path = sk.write_kumu(sk.load_sample(), pathlib.Path(tempfile.mkdtemp()) / "kaart.json")
    >>> data = json.loads(path.read_text())
    >>> sorted(data), "name" in next(e for e in data["elements"] if e["type"] == "resident")
    (['connections', 'elements'], False)
    """
    from sociale_kaart.core.vocabulary import SYMMETRIC_RELATIONS

    chosen = export_fields(fields)
    elements = []
    for node, attrs in G.nodes(data=True):
        values = _node_values(node, attrs, chosen, flat=True)
        element: dict[str, Any] = {"label": str(node), "type": values.pop("kind")}
        for k, v in values.items():
            if v is not None:
                element["subtype" if k == "type" else k] = _jsonable(v)
        elements.append(element)
    connections = []
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if attrs.get("implied"):
            continue  # rebuilt from the element's own field (organisation, place)
        relation = attrs.get("relation", key)
        connection: dict[str, Any] = {
            "from": str(u),
            "to": str(v),
            "type": relation,
            "direction": "mutual" if relation in SYMMETRIC_RELATIONS else "directed",
        }
        for name in RESEARCH_EDGE_FIELDS[1:]:
            value = attrs.get(name)
            if value is not None:
                connection[name] = _jsonable(value)
        for name, value in sorted((attrs.get("extra") or {}).items()):
            connection[name] = value
        connections.append(connection)
    data = {"elements": elements, "connections": connections}
    return _write_text(path, json.dumps(data, ensure_ascii=False, indent=1))


def read_kumu(path: PathLike, *, name: str | None = None) -> nx.MultiDiGraph:
    """Read Kumu JSON written by :func:`write_kumu` back into a validated social map.

    Element ``type`` must be a kind and connection ``type`` a relation; the
    other keys are the records' fields. The map goes through the one builder,
    so bad values raise :class:`~sociale_kaart.DataError` naming the element
    or connection (``row`` is its place in the list, the first being 2).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import sociale_kaart as sk
    >>> G = sk.load_sample()
    >>> H = sk.read_kumu(sk.write_kumu(G, pathlib.Path(tempfile.mkdtemp()) / "k.json"))
    >>> sorted(H) == sorted(G)
    True
    """
    file = Path(path)
    data = json.loads(file.read_text(encoding="utf-8-sig"))
    if not isinstance(data, dict) or "elements" not in data:
        raise ValueError(f"{file.name} is not Kumu JSON: it needs an 'elements' list")
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in ENTITY_TABLES}
    by_kind = {kind: table for table, kind in ENTITY_TABLES.items()}
    for position, element in enumerate(data["elements"], start=2):
        kind = element.get("type")
        if kind not in by_kind:
            raise ValueError(
                f"{file.name}, element {position - 1}: type {kind!r} is not a kind "
                f"({', '.join(by_kind)})"
            )
        record = {
            ("type" if k == "subtype" else k): v
            for k, v in element.items()
            if k not in ("label", "type")
        }
        record["id"] = element.get("label")
        tables[by_kind[kind]].append(record)
    relations = []
    for connection in data.get("connections", []):
        record = {
            k: v for k, v in connection.items() if k not in ("from", "to", "type", "direction")
        }
        record.update(
            source=connection.get("from"),
            target=connection.get("to"),
            relation=connection.get("type"),
        )
        relations.append(record)
    frames = {t: pd.DataFrame(rows) for t, rows in tables.items() if rows}
    if relations:
        frames["relations"] = pd.DataFrame(relations)
    return from_frames(**frames, name=name or file.stem)
