"""The one path through which every social map is built and validated.

Readers (CSV, Excel, DataFrames, JSON, HSDS, synthetic data) turn their input
into :class:`Table` objects and call :func:`build_graph`. It checks every
record with the pydantic models, then the whole map (unique ids, references,
which kinds each relation may join), collects every problem, and either
raises one :class:`~sociale_kaart.DataError` or returns a complete graph.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import itertools
import operator
import re
import typing
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pydantic import ValidationError

from sociale_kaart.core.columnar import Checked, check_columns, record_columns
from sociale_kaart.core.dates import date_fields, day_first_columns, day_first_dates
from sociale_kaart.core.errors import DataError, Problem
from sociale_kaart.core.records import COLUMN_ALIASES, KINDS, MODELS, RELATION_RULES, Relation
from sociale_kaart.core.themes import (
    ZRM_DOMAINS,
    ThemeInfo,
    default_vocabulary,
    is_valid_code,
    nearest_code,
    normalise_token,
)

__all__ = ["ENTITY_TABLES", "TABLES", "Row", "Table", "build_graph", "table_columns"]

#: Entity table name -> node kind.
ENTITY_TABLES: dict[str, str] = {
    "residents": "resident",
    "professionals": "professional",
    "initiatives": "initiative",
    "organisations": "organisation",
    "places": "place",
}
#: All table names, in the order they are read and written.
TABLES: tuple[str, ...] = (*ENTITY_TABLES, "relations", "themes")

THEME_COLUMNS: tuple[str, ...] = ("code", "label_nl", "label_en", "domain")
ZRM_DOMAINS_SET = frozenset(ZRM_DOMAINS)

#: Implied edges: (kind, attribute) -> (relation, attribute is the source?).
IMPLIED: dict[tuple[str, str], tuple[str, bool]] = {
    ("professional", "organisation"): ("works_for", False),
    ("initiative", "organisation"): ("runs", True),
    ("initiative", "place"): ("located_at", False),
}
_REFERENCE_KIND = {"organisation": "organisation", "place": "place"}
#: (relation, source kind, target kind) of every tie RELATION_RULES allows.
_ALLOWED_TIES = frozenset(
    (relation, source, target)
    for relation, (sources, targets) in RELATION_RULES.items()
    for source in sources
    for target in targets
)

_DATE_HINT = (
    "write the date as YYYY-MM-DD, e.g. 2026-03-01, or day first as d-m-yyyy with the year "
    "in full, e.g. 1-3-2026"
)
_HINTS = {
    "int_parsing": "write a whole number, e.g. 1985",
    "int_from_float": "write a whole number, e.g. 3",
    "float_parsing": "write a number, e.g. 51.81",
    "date_parsing": _DATE_HINT,
    "date_from_datetime_parsing": _DATE_HINT,
    "date_from_datetime_inexact": "write the date as YYYY-MM-DD, without a time",
    "date_type": _DATE_HINT,
    "string_type": "write text",
}


@dataclass(frozen=True, slots=True)
class _Tie:
    source: str
    target: str
    relation: str


@dataclass
class Row:
    """One input record: where it came from and its raw values."""

    values: dict[str, Any]
    line: int | None = None
    where: str | None = None  # overrides the table label (e.g. "graph node 'r1'")


@dataclass
class Table:
    """One input table (a CSV file, an Excel sheet, a DataFrame...).

    Readers give either ``rows`` or, for files read column-wise, ``data``
    (per column of ``columns``, every row's raw value) with the rows' line
    numbers in ``lines``; then ``rows`` stays empty and :meth:`row` makes a
    row when a problem needs one.
    """

    name: str
    label: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    list_sep: str = ";"
    data: dict[str, Sequence[Any]] | None = None
    lines: Sequence[int] = ()

    def size(self) -> int:
        """How many rows."""
        return len(self.lines) if self.data is not None else len(self.rows)

    def row(self, i: int) -> Row:
        """Row ``i``, as a row-wise reader would have given it."""
        if self.data is None:
            return self.rows[i]
        return Row({column: self.data[column][i] for column in self.columns}, self.lines[i])

    def all_rows(self) -> list[Row]:
        """Every row, in order."""
        return [self.row(i) for i in range(self.size())] if self.data is not None else self.rows


def table_columns(name: str) -> tuple[str, ...]:
    """The known columns of a table, in their documented order."""
    if name == "themes":
        return THEME_COLUMNS
    if name == "relations":
        fields = Relation.model_fields
    else:
        fields = MODELS[ENTITY_TABLES[name]].model_fields
    return tuple(f for f in fields if f != "extra")


def _required(name: str) -> tuple[str, ...]:
    if name == "themes":
        return ("code",)
    if name == "relations":
        return Relation.required_columns
    return MODELS[ENTITY_TABLES[name]].required_columns


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self, table: Table, row: Row | None, column: str | None, value: Any, message: str
    ) -> None:
        if row is not None and row.where is not None:
            self.problems.append(Problem(row.where, None, column, value, message))
        else:
            line = row.line if row is not None else 1
            self.problems.append(Problem(table.label, line, column, value, message))


def _apply_aliases(table: Table, known: tuple[str, ...], out: _Collector) -> bool:
    """Rename Dutch column names (:data:`COLUMN_ALIASES`) in place, with a notice.

    A column given both as alias and as canonical name is an error naming both.
    """
    renames = {
        column: COLUMN_ALIASES[column]
        for column in table.columns
        if column in COLUMN_ALIASES and COLUMN_ALIASES[column] in known
    }
    if not renames:
        return True
    ok = True
    targets: dict[str, str] = {}
    for alias, canonical in renames.items():
        other = targets.get(canonical) or (canonical if canonical in table.columns else None)
        if other is not None:
            ok = False
            out.add(
                table,
                None,
                alias,
                None,
                f"columns {other!r} and {alias!r} both mean {canonical!r}: keep one",
            )
        targets.setdefault(canonical, alias)
    if not ok:
        return False
    table.columns = [renames.get(column, column) for column in table.columns]
    for row in table.rows:
        row.values = {renames.get(key, key): value for key, value in row.values.items()}
    if table.data is not None:
        table.data = {renames.get(key, key): value for key, value in table.data.items()}
    listed = ", ".join(f"{alias!r} as {canonical!r}" for alias, canonical in renames.items())
    warnings.warn(f"{table.label}: Dutch column names read as {listed}", UserWarning, stacklevel=4)
    return True


def _check_columns(table: Table, out: _Collector) -> bool:
    """Report unknown and missing columns; return False if rows can't be read."""
    known = table_columns(table.name)
    if not _apply_aliases(table, known, out):
        return False
    ok = True
    for column in table.columns:
        if column in known or column.startswith("x_"):
            continue
        hint = nearest_code(column, known)
        tip = f"did you mean {hint!r}? " if hint else ""
        out.add(
            table,
            None,
            column,
            None,
            f"unknown column {column!r}: {tip}Rename it to a known column "
            f"({', '.join(known)}), or start custom columns with 'x_' to keep them as text",
        )
    for column in _required(table.name):
        if column not in table.columns:
            ok = False
            out.add(
                table,
                None,
                column,
                None,
                f"required column {column!r} is missing: add a column named {column!r} "
                "to the header",
            )
    if ok and table.name != "themes":
        _read_day_first_dates(table, out)
    return ok


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _no_day_first(values: list[Any]) -> bool:
    """Whether none of a column's values can be a day-first date (all empty or ISO).

    Such a column is left out of :func:`day_first_dates`, which would change nothing in it.
    """
    try:
        distinct = set(values)
    except TypeError:  # lists or dicts: let day_first_dates look
        return False
    for value in distinct:
        if value is None or value == "":
            continue
        if type(value) is not str or _ISO_DATE.fullmatch(value) is None:
            return False
    return True


def _read_day_first_dates(table: Table, out: _Collector) -> None:
    """Read ``d-m-yyyy`` dates (Dutch Excel) as ISO dates, and say so (issue 11)."""
    model = Relation if table.name == "relations" else MODELS[ENTITY_TABLES[table.name]]
    data = table.data
    columns = [
        c
        for c in date_fields(model)
        if c in table.columns
        and not _no_day_first(
            list(data[c]) if data is not None else [row.values.get(c) for row in table.rows]
        )
    ]
    if not columns:
        return
    if data is not None:
        result = day_first_columns(data, columns)
    else:
        result = day_first_dates((row.values for row in table.rows), columns)
    for column, value, message in result.problems():
        out.add(table, None, column, value, message)
    notice = result.notice(table.label)
    if notice is not None:
        warnings.warn(notice, UserWarning, stacklevel=6)


def _pydantic_problems(table: Table, row: Row, error: ValidationError, out: _Collector) -> None:
    for item in error.errors(include_url=False):
        loc = item.get("loc", ())
        column = str(loc[0]) if loc else None
        if item.get("type") == "extra_forbidden" and column in table.columns:
            # Already reported once for the header by _check_columns (issue 11):
            # one wrong header is one problem, not one per row.
            continue
        message = str(item.get("msg", "invalid value"))
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        hint = _HINTS.get(str(item.get("type", "")))
        if hint:
            message = f"{message}; {hint}"
        if column == "extra" or column is None:
            value = None
        else:
            value = row.values.get(column)
        out.add(table, row, column, value, message)


def _read_themes(table: Table | None, out: _Collector) -> dict[str, ThemeInfo]:
    vocabulary = default_vocabulary()
    if table is None:
        return vocabulary
    if not _check_columns(table, out):
        return vocabulary
    for row in table.all_rows():
        raw = row.values.get("code")
        code = normalise_token(str(raw)) if raw not in (None, "") else ""
        if not code:
            out.add(table, row, "code", raw, "the theme code is empty")
            continue
        if not is_valid_code(code):
            out.add(
                table,
                row,
                "code",
                raw,
                "a theme code is lower case letters, digits and '_', starting with a letter",
            )
            continue
        domain_raw = row.values.get("domain")
        domain = normalise_token(str(domain_raw)) if domain_raw not in (None, "") else code
        if domain not in ZRM_DOMAINS_SET and domain != code:
            hint = nearest_code(domain, sorted(ZRM_DOMAINS_SET))
            tip = f"; did you mean {hint!r}?" if hint else "."
            out.add(
                table,
                row,
                "domain",
                domain_raw,
                f"unknown ZRM domain {domain_raw!r}{tip} Use one of the 13 ZRM domains",
            )
            continue
        label_nl = row.values.get("label_nl") or None
        label_en = row.values.get("label_en") or None
        vocabulary[code] = ThemeInfo(
            label_nl=str(label_nl or label_en or code),
            label_en=str(label_en or label_nl or code),
            domain=domain,
        )
    return vocabulary


_MAX_HINT_POOL = 5000


def _missing(
    node_id: str,
    wanted: str | None,
    nodes: Mapping[str, tuple[str, Any, Table, int]],
) -> str:
    """The message for a reference to a node that is not on the map."""
    pool = [k for k, v in nodes.items() if wanted is None or v[0] == wanted]
    hint = nearest_code(node_id, pool) if len(pool) <= _MAX_HINT_POOL else None
    tip = f" Did you mean {hint!r}?" if hint else ""
    what = f"{wanted}s" if wanted else "the map"
    return f"{node_id!r} is not the id of any node in {what}: add the node or correct the id.{tip}"


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small objects are made.

    Building a map makes millions of dicts and no reference cycles; the
    collector's repeated passes over them cost a quarter of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_graph(
    tables: Mapping[str, Table],
    *,
    name: str | None = None,
    source: str | None = None,
    extra_graph: Mapping[str, Any] | None = None,
) -> nx.MultiDiGraph:
    """Validate the tables and build the social map, or raise one DataError.

    Parameters
    ----------
    tables : mapping
        Table name (``residents``, ..., ``relations``, ``themes``) -> Table.
    name, source : str, optional
        Stored in ``G.graph``.
    extra_graph : mapping, optional
        More graph attributes to store (e.g. an import report).
    """
    with gc_paused():
        return _build_graph(tables, name=name, source=source, extra_graph=extra_graph)


def _build_graph(
    tables: Mapping[str, Table],
    *,
    name: str | None,
    source: str | None,
    extra_graph: Mapping[str, Any] | None,
) -> nx.MultiDiGraph:
    out = _Collector()
    for table_name in tables:
        if table_name not in TABLES:
            raise ValueError(f"unknown table {table_name!r}; expected one of {TABLES}")
    vocabulary = _read_themes(tables.get("themes"), out)

    # 1. Entities: each record on its own.
    nodes: dict[str, tuple[str, Any, Table, int]] = {}  # id -> kind, attributes, table, row
    failed: set[str] = set()  # ids of rows that have problems of their own
    for table_name, kind in ENTITY_TABLES.items():
        table = tables.get(table_name)
        if table is None or not _check_columns(table, out):
            continue
        context = {"themes": vocabulary, "list_sep": table.list_sep}
        checked = _check(table, MODELS[kind], context)
        records = checked.records(drop=("id",), add={"kind": kind}, sparse=True)
        ids = checked.column("id")
        if not checked.errors() and len(set(ids)) == len(ids) and nodes.keys().isdisjoint(ids):
            # the common case, checked column-wise: every row valid, every id new
            entries = zip(itertools.repeat(kind), records, itertools.repeat(table), range(len(ids)))
            nodes.update(zip(ids, entries, strict=True))
            continue
        for i, (node_id, record) in enumerate(zip(ids, records, strict=True)):
            if isinstance(record, ValidationError):
                row = table.row(i)
                _pydantic_problems(table, row, record, out)
                raw_id = row.values.get("id")
                if raw_id not in (None, ""):
                    failed.add(str(raw_id).strip())
                continue
            previous = nodes.get(node_id)
            if previous is not None:
                _, _, ptable, position = previous
                prow = ptable.row(position)
                where = prow.where or f"{ptable.label}, row {prow.line}"
                out.add(
                    table,
                    table.row(i),
                    "id",
                    node_id,
                    f"id {node_id!r} is already used ({where}): ids must be unique "
                    "across all files; give one of them another id",
                )
                continue
            nodes[node_id] = (kind, record, table, i)
    kind_of = {node_id: entry[0] for node_id, entry in nodes.items()}

    # 2. References from entity columns to other nodes.
    for kind in ENTITY_TABLES.values():
        attributes = [attribute for ref_kind, attribute in IMPLIED if ref_kind == kind]
        if not attributes:
            continue
        members = [entry for entry in nodes.values() if entry[0] == kind]
        if all(
            kind_of.get(target) == _REFERENCE_KIND[attribute]
            for attribute in attributes
            for target in {entry[1].get(attribute) for entry in members} - {None}
        ):
            continue  # every reference names a node of the right kind
        for _, record, table, i in members:
            for attribute in attributes:
                target = record.get(attribute)
                if target is None:
                    continue
                wanted = _REFERENCE_KIND[attribute]
                found = kind_of.get(target)
                if found is None:
                    if target not in failed:  # else its own row's problems are reported
                        out.add(
                            table, table.row(i), attribute, target, _missing(target, wanted, nodes)
                        )
                elif found != wanted:
                    out.add(
                        table,
                        table.row(i),
                        attribute,
                        target,
                        f"{target!r} is a {found}, not a {wanted}: "
                        f"{attribute} must name a {wanted}",
                    )

    # 3. Relations.
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    rel_table = tables.get("relations")
    if rel_table is not None and _check_columns(rel_table, out):
        context = {"themes": vocabulary, "list_sep": rel_table.list_sep}
        checked = _check(rel_table, Relation, context)
        edges = _relations(rel_table, checked, nodes, kind_of, failed, out)

    if not nodes and not out.problems:
        out.problems.append(
            Problem(
                None,
                None,
                None,
                None,
                "the map has no nodes: add at least one row to residents, professionals, "
                "initiatives, organisations or places",
            )
        )
    if out.problems:
        raise DataError(out.problems, source=source)

    # 4. Everything is valid: build the graph in one go.
    G = nx.MultiDiGraph()
    G.graph["name"] = name
    G.graph["source"] = source
    G.graph["loaded_at"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    G.graph["themes"] = vocabulary
    if extra_graph:
        G.graph.update(extra_graph)
    by_kind: dict[str, list[tuple[str, dict[str, Any]]]] = {kind: [] for kind in KINDS}
    for node_id, (kind, record, _, _) in nodes.items():
        by_kind[kind].append((node_id, record))
    _fill(G, itertools.chain.from_iterable(by_kind.values()), ())
    for (kind, attribute), (relation, attr_is_source) in IMPLIED.items():
        for node_id, record in by_kind[kind]:
            other = record.get(attribute)
            if other is None:
                continue
            u, v = (other, node_id) if attr_is_source else (node_id, other)
            if (u, v, relation) in edges:
                continue  # given explicitly, with its own attributes
            edges[(u, v, relation)] = implied_edge_attributes(relation)
    _fill(G, (), edges.items())
    return G


def _check(table: Table, model: type[Any], context: Mapping[str, Any]) -> Checked:
    """Every record of a table checked by :func:`check_columns`."""
    if table.data is not None:
        data, columns = table.data, table.columns

        def record(i: int) -> dict[str, Any]:
            return {column: data[column][i] for column in columns}

        return check_columns(data, columns, model, context, record, table.size(), ordered=True)
    records = [row.values for row in table.rows]
    data, regular = record_columns(records, table.columns)
    return check_columns(
        data if regular else None,
        table.columns,
        model,
        context,
        records.__getitem__,
        len(records),
        ordered=False,
    )


def _relations(
    table: Table,
    checked: Checked,
    nodes: Mapping[str, tuple[str, Any, Table, int]],
    kind_of: Mapping[str, str],
    failed: set[str],
    out: _Collector,
) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The checked ties, keyed by (source, target, relation); their problems go to ``out``."""
    attrs_list = checked.records(drop=("source", "target"), add={"implied": False}, sparse=True)
    sources = checked.column("source")
    targets = checked.column("target")
    relations = checked.column("relation")
    keys = list(zip(sources, targets, relations, strict=True))
    if (
        not checked.errors()
        and all(
            map(
                _ALLOWED_TIES.__contains__,
                zip(relations, map(kind_of.get, sources), map(kind_of.get, targets), strict=True),
            )
        )
        and not any(map(operator.eq, sources, targets))
        and len(set(keys)) == len(keys)
    ):
        # the common case, checked column-wise: every tie valid, known, allowed and new
        return dict(zip(keys, typing.cast(list[dict[str, Any]], attrs_list), strict=True))
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    seen_rows: dict[tuple[str, str, str], int] = {}
    for i, attrs in enumerate(attrs_list):
        if isinstance(attrs, ValidationError):
            _pydantic_problems(table, table.row(i), attrs, out)
            continue
        rel = _Tie(sources[i], targets[i], relations[i])
        bad = False
        kinds = {}
        for end, node_id in (("source", rel.source), ("target", rel.target)):
            found = kind_of.get(node_id)
            if found is None:
                if node_id not in failed:  # else its own row's problems are reported
                    out.add(table, table.row(i), end, node_id, _missing(node_id, None, nodes))
                bad = True
            else:
                kinds[end] = found
        if bad:
            continue
        allowed_sources, allowed_targets = RELATION_RULES[rel.relation]
        if kinds["source"] not in allowed_sources or kinds["target"] not in allowed_targets:
            out.add(
                table,
                table.row(i),
                "relation",
                rel.relation,
                f"{rel.relation!r} cannot join a {kinds['source']} ({rel.source!r}) to a "
                f"{kinds['target']} ({rel.target!r}): it goes from "
                f"{' or '.join(sorted(allowed_sources))} to "
                f"{' or '.join(sorted(allowed_targets))}. Check the direction and the ids",
            )
            continue
        if rel.source == rel.target:
            out.add(
                table,
                table.row(i),
                "target",
                rel.target,
                "a node cannot have a relation with itself: correct source or target",
            )
            continue
        key = (rel.source, rel.target, rel.relation)
        if key in seen_rows:
            first = table.row(seen_rows[key])
            where = first.where or f"row {first.line}"
            out.add(
                table,
                table.row(i),
                "relation",
                rel.relation,
                f"this {rel.relation!r} relation from {rel.source!r} to {rel.target!r} "
                f"is already given ({where}): keep one row per tie",
            )
            continue
        seen_rows[key] = i
        edges[key] = attrs
    return edges


def _fill(
    G: nx.MultiDiGraph,
    nodes: Iterable[tuple[str, dict[str, Any]]],
    edges: Iterable[tuple[tuple[str, str, str], dict[str, Any]]],
) -> None:
    """Put checked nodes and edges into a new graph, as add_nodes_from and add_edges_from do.

    The attribute dicts are the builder's own, made for this graph, so they are
    stored as they are rather than copied; keys are the relations. Every
    endpoint is a node (checked before). tests/core/test_columnar.py compares
    the result with networkx's own methods.
    """
    node_store, succ, pred = G._node, G._succ, G._pred
    inner = G.adjlist_inner_dict_factory
    for node_id, attrs in nodes:
        if node_id in node_store:
            node_store[node_id].update(attrs)
            continue
        node_store[node_id] = attrs
        succ[node_id] = inner()
        pred[node_id] = inner()
    key_dict = G.edge_key_dict_factory
    for (u, v, key), attrs in edges:
        row = succ[u]
        keys = row.get(v)
        if keys is None:
            if key_dict is dict:
                row[v] = pred[v][u] = {key: attrs}
                continue
            keys = row[v] = pred[v][u] = key_dict()
        if key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs


def implied_edge_attributes(relation: str) -> dict[str, Any]:
    """The attributes of an edge implied by an entity column: its relation, and ``implied``.

    Like every tie the builder makes, it holds only the attributes that are set.
    """
    return {"relation": relation, "implied": True}


def rows_from_records(records: Iterable[Mapping[str, Any]], *, start: int = 2) -> list[Row]:
    """Wrap plain records as rows numbered like a file with a header line."""
    return [Row(dict(values), line) for line, values in enumerate(records, start=start)]
