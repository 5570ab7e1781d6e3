"""Conversions between a graph and flat tables, shared by readers and writers.

``graph_records`` turns a map into plain records per table (the inverse of the
builder); ``node_link_tables`` turns node-link style node and edge lists into
builder tables (used by ``read_json`` and ``validate``); ``format_cell`` writes
one value as text for CSV.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from sociale_kaart.core.builder import ENTITY_TABLES, Row, Table, table_columns
from sociale_kaart.core.errors import Problem
from sociale_kaart.core.records import MODELS, Relation
from sociale_kaart.core.themes import DEFAULT_THEMES

__all__ = [
    "FORMULA_STARTS",
    "filled_attributes",
    "format_cell",
    "graph_records",
    "neutralise_formula",
    "node_link_tables",
    "physical_lines",
    "plain_value",
    "restore_formula",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_KIND_TABLE = {kind: table for table, kind in ENTITY_TABLES.items()}


def plain_value(value: Any) -> Any:
    """Turn numpy / pandas scalars into Python values, and NaN / NA into None."""
    if value is None:
        return None
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    item = getattr(value, "item", None)
    if item is not None and type(value).__module__ == "numpy":
        value = item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _flatten_extra(values: dict[str, Any]) -> dict[str, Any]:
    extra = values.pop("extra", None) or {}
    for key, value in extra.items():
        values[key] = value
    return values


#: The fields of a tie and of each kind of node, in the order of ``model_dump()``.
_TIE_FIELDS = tuple(f for f in Relation.model_fields if f not in ("source", "target"))
_NODE_FIELDS = {
    kind: tuple(f for f in model.model_fields if f != "id") for kind, model in MODELS.items()
}


def filled_attributes(attrs: Mapping[str, Any], *, tie: bool = False) -> dict[str, Any]:
    """A node's or tie's attributes with every field of its model present, in the model's order.

    A map keeps only the attributes that are set (issue 16); writers that
    write the dicts themselves (``write_json``) fill in the others, None and
    ``extra`` an empty dict, so that every record has every field, as before.
    The other keys (``kind``, ``implied``, anything added) follow in their
    own order. Attributes of an unknown kind are copied as they are.

    Examples
    --------
    >>> filled_attributes({"relation": "visits", "implied": False}, tie=True)["until"] is None
    True
    >>> list(filled_attributes({"kind": "place", "name": "Bankje"}))[:4]
    ['extra', 'name', 'type', 'neighbourhood']
    """
    fields = _TIE_FIELDS if tie else _NODE_FIELDS.get(attrs.get("kind"))  # type: ignore[arg-type]
    if fields is None:
        return dict(attrs)
    out = {f: attrs.get(f) for f in fields if f != "relation" or f in attrs}  # else the key
    if out["extra"] is None:
        out["extra"] = {}
    out.update((k, v) for k, v in attrs.items() if k not in out)
    return out


def graph_records(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Plain records per table, the inverse of the builder.

    Implied edges (derived from entity columns) are left out, and so are
    default themes, so that reading the records back gives the same graph.
    Custom ``extra`` values come back as ``x_`` columns.
    """
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in (*ENTITY_TABLES, "relations")}
    for node, attrs in G.nodes(data=True):
        table = _KIND_TABLE.get(attrs.get("kind"))
        if table is None:
            continue
        values = {"id": node}
        for column in table_columns(table):
            if column != "id":
                values[column] = attrs.get(column)
        values["extra"] = dict(attrs.get("extra") or {})
        out[table].append(_flatten_extra(values))
    for u, v, key, attrs in G.edges(keys=True, data=True):
        if attrs.get("implied"):
            continue
        values = {"source": u, "target": v}
        for column in table_columns("relations"):
            if column not in values:
                values[column] = attrs.get(column, key if column == "relation" else None)
        values["extra"] = dict(attrs.get("extra") or {})
        out["relations"].append(_flatten_extra(values))
    themes = []
    for code, info in (G.graph.get("themes") or {}).items():
        if DEFAULT_THEMES.get(code) != info:
            themes.append({"code": code, **info})
    out["themes"] = themes
    return out


def neutralise_formula(text: str) -> str:
    """Text for a CSV meant for others, which a spreadsheet will not run as a formula.

    Following OWASP's advice on CSV injection, text that starts with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
    (and so does text of quotes followed by one of them, so that
    :func:`restore_formula` can undo it exactly).
    Numbers are never passed here, so ``-2.5`` in a number column stays a
    number. The team's own lossless formats do not use this.

    Examples
    --------
    >>> from sociale_kaart.core.tables import neutralise_formula
    >>> print(neutralise_formula("=HYPERLINK(...)"), neutralise_formula("Buurthuis"))
    '=HYPERLINK(...) Buurthuis
    >>> neutralise_formula("-2"), neutralise_formula("@SUM(A1)")
    ("'-2", "'@SUM(A1)")

    References
    ----------
    OWASP Foundation. *CSV Injection*. https://owasp.org/www-community/attacks/CSV_Injection
    """
    if text.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + text
    return text


def restore_formula(text: str) -> str:
    """Undo :func:`neutralise_formula`: the exact inverse, for readers of such files.

    Text that was given a leading ``'`` (one or more quotes, then a formula
    character) loses one quote; other text, such as ``'s-Hertogenbosch``,
    is kept as it is.

    Examples
    --------
    >>> from sociale_kaart.core.tables import neutralise_formula, restore_formula
    >>> all(restore_formula(neutralise_formula(t)) == t for t in ["=1", "'=1", "'t Hoekje", ""])
    True
    """
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


def physical_lines(cells: list[str]) -> int:
    """How many lines of the file a CSV record took (quoted values may hold newlines)."""
    return 1 + "".join(cells).count("\n")


def format_cell(value: Any, list_sep: str) -> str:
    """Write one value as CSV text: lists joined, needs as ``theme:score``, dates ISO."""
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, Mapping):  # needs: theme -> score
        return list_sep.join(k if v is None else f"{k}:{v}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return list_sep.join(str(item) for item in value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def node_link_tables(
    nodes: Iterable[tuple[Any, Mapping[str, Any]]],
    edges: Iterable[tuple[Any, Any, Any, Mapping[str, Any]]],
    themes: Mapping[str, Mapping[str, Any]] | None,
    *,
    label: str,
) -> tuple[dict[str, Table], list[Problem]]:
    """Builder tables from node and edge lists (graph, or node-link JSON).

    Problems that the builder cannot see (a node with no or an unknown kind)
    are returned separately, to be raised together with the builder's.
    """
    problems: list[Problem] = []
    tables: dict[str, Table] = {
        name: Table(name, label, list(table_columns(name)))
        for name in (*ENTITY_TABLES, "relations")
    }
    for node, attrs in nodes:
        values = {k: v for k, v in attrs.items() if k != "kind"}
        if not _extra_ok(values, f"{label} node {node!r}", problems):
            continue
        kind = attrs.get("kind")
        table = _KIND_TABLE.get(kind) if isinstance(kind, str) else None
        if table is None:
            problems.append(
                Problem(
                    f"{label} node {node!r}",
                    None,
                    "kind",
                    kind,
                    "every node needs 'kind' set to one of resident, professional, "
                    "initiative, organisation, place",
                )
            )
            continue
        if not isinstance(node, str):
            problems.append(
                Problem(
                    f"{label} node {node!r}",
                    None,
                    "id",
                    node,
                    "node ids must be text: relabel the node, e.g. with nx.relabel_nodes(G, str)",
                )
            )
            continue
        values["id"] = node
        _unknown_attributes(values, table, label, f"node {node!r}", problems)
        tables[table].rows.append(Row(_flatten_extra(values), where=f"{label} node {node!r}"))
    for u, v, key, attrs in edges:
        if attrs.get("implied"):
            continue
        where = f"{label} edge {u!r} -> {v!r} ({key})"
        values = {k: val for k, val in attrs.items() if k != "implied"}
        if not _extra_ok(values, where, problems):
            continue
        values.setdefault("relation", key)
        if values.get("relation") != key and key is not None:
            problems.append(
                Problem(
                    where,
                    None,
                    "relation",
                    values.get("relation"),
                    f"the edge key {key!r} and its 'relation' attribute differ: add edges "
                    "with key equal to the relation, G.add_edge(u, v, key=rel, relation=rel)",
                )
            )
            continue
        values["source"], values["target"] = u, v
        _unknown_attributes(values, "relations", label, f"edge {u!r} -> {v!r}", problems)
        tables["relations"].rows.append(Row(_flatten_extra(values), where=where))
    if themes is not None and not isinstance(themes, Mapping):
        problems.append(
            Problem(
                f"{label} themes",
                None,
                "themes",
                themes,
                "the themes must map each code to its fields, e.g. "
                '{"finances": {"label_en": "Finances"}}',
            )
        )
        themes = None
    if themes:
        bad = [code for code, info in themes.items() if not isinstance(info, Mapping)]
        for code in bad:
            problems.append(
                Problem(
                    f"{label} theme {code!r}",
                    None,
                    "themes",
                    themes[code],
                    "a theme's fields are an object, e.g. "
                    '{"label_en": "Finances", "label_nl": "Financien"}',
                )
            )
        themes = {code: info for code, info in themes.items() if code not in bad}
    if themes:
        theme_rows = [
            Row({"code": code, **dict(info)}, where=f"{label} theme {code!r}")
            for code, info in themes.items()
            if DEFAULT_THEMES.get(code) != info
        ]
        if theme_rows:
            tables["themes"] = Table("themes", label, list(table_columns("themes")), theme_rows)
    return tables, problems


def _extra_ok(values: dict[str, Any], where: str, problems: list[Problem]) -> bool:
    """Whether ``extra`` is missing or a mapping of text keys; reports it when not."""
    extra = values.get("extra")
    if extra is None or (isinstance(extra, Mapping) and all(isinstance(k, str) for k in extra)):
        return True
    problems.append(
        Problem(
            where,
            None,
            "extra",
            extra,
            "'extra' holds custom fields as an object of text keys, e.g. "
            '{"x_note": "..."}: fix or remove it',
        )
    )
    return False


def _unknown_attributes(
    values: dict[str, Any], table: str, label: str, what: str, problems: list[Problem]
) -> None:
    known = set(table_columns(table)) | {"extra"}
    for key in list(values):
        if key in known or (isinstance(key, str) and key.startswith("x_")):
            continue
        problems.append(
            Problem(
                f"{label} {what}",
                None,
                str(key),
                values[key],
                f"unknown attribute {key!r}: keep custom data in the 'extra' dict "
                "(or an 'x_' attribute), or remove it",
            )
        )
        del values[key]
